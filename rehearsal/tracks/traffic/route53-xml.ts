// Route 53's XML (API 2013-04-01) both ways: the request bodies of CreateHostedZone and ChangeResourceRecordSets read
// into typed input with the schema checks Route 53 makes first (InvalidInput "Invalid XML ; cvc-…" for an action or
// type outside its enumeration, a weight outside 0-255, a number that is none, a missing member), and the answers'
// elements (HostedZone, ChangeInfo, DelegationSet, ResourceRecordSet) as @aws-sdk/client-route-53 reads them. Ids go
// out with their `/hostedzone/` and `/change/` prefixes, as AWS sends them.
import { readXmlBody, type XmlNode } from '../../kernel/rest-xml';
import { escapeXml, xmlElement, xmlList, xmlText } from '../../kernel/xml';
import { normalizeDnsName, wireDnsName } from './dns-names';
import type { HostedZone, ZoneChange } from './route53-estate';
import { CHANGE_ACTIONS, invalidInput, RECORD_TYPES, type ChangeAction, type RecordChange, type RecordSet, type RecordType } from './route53-records';

export const ROUTE53_XMLNS = 'https://route53.amazonaws.com/doc/2013-04-01/';

const LIST_MEMBERS = new Set(['Change', 'ResourceRecord']);
const invalidXml = (problem: string) => invalidInput(`Invalid XML ; ${problem}`);

type XmlStructure = { readonly [name: string]: XmlNode | readonly XmlNode[] };

function structure(node: XmlNode | readonly XmlNode[] | undefined, element: string): XmlStructure {
  if (node === '' || node === undefined) return {};
  if (typeof node === 'string' || Array.isArray(node)) throw invalidXml(`the element ${element} holds text where elements are expected`);
  return node as XmlStructure;
}

function text(parent: XmlStructure, name: string, element: string): string | undefined {
  const value = parent[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidXml(`the element ${element}.${name} holds elements where text is expected`);
  return value;
}

function required(parent: XmlStructure, name: string, element: string): string {
  const value = text(parent, name, element);
  if (value === undefined || value === '')
    throw invalidXml(`cvc-complex-type.2.4.b: The content of element '${element}' is not complete. One of '{"${ROUTE53_XMLNS}":${name}}' is expected.`);
  return value;
}

function members(parent: XmlStructure, list: string, member: string, element: string): XmlNode[] {
  const container = structure(parent[list] as XmlNode | undefined, `${element}.${list}`);
  const items = container[member];
  if (items === undefined) return [];
  return Array.isArray(items) ? (items as XmlNode[]) : [items as XmlNode];
}

function enumeration<T extends string>(value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw invalidXml(
      `cvc-enumeration-valid: Value '${value}' is not facet-valid with respect to enumeration '[${allowed.join(', ')}]'. It must be a value from the enumeration.`,
    );
  return value as T;
}

function integer(value: string | undefined, type: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[+-]?\d{1,12}$/.test(value)) throw invalidXml(`cvc-datatype-valid.1.2.1: '${value}' is not a valid value for 'integer'.`);
  const number = Number(value);
  if (number < min) throw invalidXml(`cvc-minInclusive-valid: Value '${value}' is not facet-valid with respect to minInclusive '${min}' for type '${type}'.`);
  if (number > max) throw invalidXml(`cvc-maxInclusive-valid: Value '${value}' is not facet-valid with respect to maxInclusive '${max}' for type '${type}'.`);
  return number;
}

function boolean(value: string, name: string): boolean {
  if (value !== 'true' && value !== 'false') throw invalidXml(`cvc-datatype-valid.1.2.1: '${value}' is not a valid value for 'boolean' (${name}).`);
  return value === 'true';
}

function limited(value: string | undefined, name: string, max: number): string | undefined {
  if (value !== undefined && value.length > max)
    throw invalidXml(`cvc-maxLength-valid: Value of length ${value.length} is not facet-valid with respect to maxLength '${max}' for ${name}.`);
  return value;
}

export interface CreateHostedZoneInput {
  readonly name: string;
  readonly callerReference: string;
  readonly comment?: string;
  readonly vpc?: { readonly region: string; readonly id: string };
}

export function readCreateHostedZone(body: string): CreateHostedZoneInput {
  const root = structure(readXmlBody(body, { root: 'CreateHostedZoneRequest', listMembers: LIST_MEMBERS, invalid: invalidXml }), 'CreateHostedZoneRequest');
  const name = limited(required(root, 'Name', 'CreateHostedZoneRequest'), 'Name', 1024)!;
  const callerReference = limited(required(root, 'CallerReference', 'CreateHostedZoneRequest'), 'CallerReference', 128)!;
  const config = structure(root.HostedZoneConfig as XmlNode | undefined, 'HostedZoneConfig');
  const comment = limited(text(config, 'Comment', 'HostedZoneConfig'), 'Comment', 256);
  const vpcNode = root.VPC === undefined ? undefined : structure(root.VPC as XmlNode, 'VPC');
  const vpc = vpcNode && { region: required(vpcNode, 'VPCRegion', 'VPC'), id: required(vpcNode, 'VPCId', 'VPC') };
  return { name, callerReference, ...(comment ? { comment } : {}), ...(vpc ? { vpc } : {}) };
}

export interface ChangeBatchInput {
  readonly changes: readonly RecordChange[];
  readonly comment?: string;
}

export function readChangeBatch(body: string): ChangeBatchInput {
  const root = structure(
    readXmlBody(body, { root: 'ChangeResourceRecordSetsRequest', listMembers: LIST_MEMBERS, invalid: invalidXml }),
    'ChangeResourceRecordSetsRequest',
  );
  if (root.ChangeBatch === undefined)
    throw invalidXml(
      `cvc-complex-type.2.4.b: The content of element 'ChangeResourceRecordSetsRequest' is not complete. One of '{"${ROUTE53_XMLNS}":ChangeBatch}' is expected.`,
    );
  const batch = structure(root.ChangeBatch as XmlNode, 'ChangeBatch');
  const comment = limited(text(batch, 'Comment', 'ChangeBatch'), 'Comment', 256);
  const changes = members(batch, 'Changes', 'Change', 'ChangeBatch').map((node) => readChange(structure(node, 'Change')));
  if (changes.length === 0)
    throw invalidXml(`cvc-complex-type.2.4.b: The content of element 'Changes' is not complete. One of '{"${ROUTE53_XMLNS}":Change}' is expected.`);
  return { changes, ...(comment ? { comment } : {}) };
}

function readChange(node: XmlStructure): RecordChange {
  const action: ChangeAction = enumeration(required(node, 'Action', 'Change'), CHANGE_ACTIONS);
  const set = structure(node.ResourceRecordSet as XmlNode | undefined, 'ResourceRecordSet');
  if (node.ResourceRecordSet === undefined)
    throw invalidXml(`cvc-complex-type.2.4.b: The content of element 'Change' is not complete. One of '{"${ROUTE53_XMLNS}":ResourceRecordSet}' is expected.`);
  const name = normalizeDnsName(limited(required(set, 'Name', 'ResourceRecordSet'), 'Name', 1024)!);
  const type: RecordType = enumeration(required(set, 'Type', 'ResourceRecordSet'), RECORD_TYPES);
  const setIdentifier = text(set, 'SetIdentifier', 'ResourceRecordSet');
  if (setIdentifier !== undefined && (setIdentifier.length < 1 || setIdentifier.length > 128))
    throw invalidXml(`cvc-length-valid: SetIdentifier must be 1-128 characters, got ${setIdentifier.length}.`);
  const weight = integer(text(set, 'Weight', 'ResourceRecordSet'), 'ResourceRecordSetWeight', 0, 255);
  const ttl = integer(text(set, 'TTL', 'ResourceRecordSet'), 'TTL', 0, 2_147_483_647);
  const values =
    set.ResourceRecords === undefined
      ? undefined
      : members(set, 'ResourceRecords', 'ResourceRecord', 'ResourceRecordSet').map((record) =>
          limited(required(structure(record, 'ResourceRecord'), 'Value', 'ResourceRecord'), 'Value', 4000)!,
        );
  const aliasNode = set.AliasTarget === undefined ? undefined : structure(set.AliasTarget as XmlNode, 'AliasTarget');
  const alias = aliasNode && {
    hostedZoneId: required(aliasNode, 'HostedZoneId', 'AliasTarget').replace(/^\/?hostedzone\//, ''),
    dnsName: normalizeDnsName(required(aliasNode, 'DNSName', 'AliasTarget')),
    evaluateTargetHealth: boolean(required(aliasNode, 'EvaluateTargetHealth', 'AliasTarget'), 'EvaluateTargetHealth'),
  };
  return {
    action,
    set: {
      name,
      type,
      ...(setIdentifier !== undefined ? { setIdentifier } : {}),
      ...(weight !== undefined ? { weight } : {}),
      ...(ttl !== undefined ? { ttl } : {}),
      ...(values !== undefined ? { values } : {}),
      ...(alias ? { alias } : {}),
    },
  };
}

export function hostedZoneXml(zone: HostedZone): string {
  return xmlElement('HostedZone', [
    xmlText('Id', `/hostedzone/${zone.id}`),
    xmlText('Name', wireDnsName(zone.name)),
    xmlText('CallerReference', zone.callerReference),
    xmlElement('Config', [xmlText('Comment', zone.comment), xmlText('PrivateZone', zone.vpc !== undefined)]),
    xmlText('ResourceRecordSetCount', zone.records.length),
  ]);
}

export function changeInfoXml(change: ZoneChange, status: 'PENDING' | 'INSYNC'): string {
  return xmlElement('ChangeInfo', [
    xmlText('Id', `/change/${change.id}`),
    xmlText('Status', status),
    xmlText('SubmittedAt', new Date(change.submittedAt).toISOString()),
    xmlText('Comment', change.comment),
  ]);
}

/** A public zone's DelegationSet, a private zone's VPCs. */
export function zoneDelegationXml(zone: HostedZone): string {
  if (zone.vpc) return xmlList('VPCs', 'VPC', [zone.vpc], (vpc) => xmlText('VPCRegion', vpc.region) + xmlText('VPCId', vpc.id));
  return xmlElement('DelegationSet', xmlList('NameServers', 'NameServer', zone.nameServers, escapeXml));
}

export function recordSetXml(set: RecordSet): string {
  return xmlElement('ResourceRecordSet', [
    xmlText('Name', wireDnsName(set.name)),
    xmlText('Type', set.type),
    xmlText('SetIdentifier', set.setIdentifier),
    xmlText('Weight', set.weight),
    xmlText('TTL', set.ttl),
    xmlList('ResourceRecords', 'ResourceRecord', set.values, (value) => xmlText('Value', value)),
    set.alias
      ? xmlElement('AliasTarget', [
          xmlText('HostedZoneId', set.alias.hostedZoneId),
          xmlText('DNSName', wireDnsName(set.alias.dnsName)),
          xmlText('EvaluateTargetHealth', set.alias.evaluateTargetHealth),
        ])
      : '',
  ]);
}
