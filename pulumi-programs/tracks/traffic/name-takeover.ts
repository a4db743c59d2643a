// What is already in the hosted zone under the service's name, and whether the weighted sets can go beside it, for both
// parts (the AWS part reads the zone with aws.route53.getRecords, the rehearsal's provider with ListResourceRecordSets).
//
// Before the migration the name is the data center's: usually one simple (non-weighted) A or CNAME record. Route 53
// refuses a weighted set beside a simple set of the same name and type, and a CNAME beside any other set of the name
// (InvalidChangeBatch). The simple record must become the data center's weighted set in ONE ChangeResourceRecordSets
// batch (DELETE it, CREATE the weighted sets): Route 53 applies a batch atomically, so the name never goes without an
// answer. The rehearsal's provider sends that batch itself; Pulumi's AWS provider cannot (one record, one resource), so
// the AWS part refuses with the batch for the operator to run (`takeOverCommand`), then the next deploy takes the
// weighted set over. Loads no provider.
import { normalizeDnsName } from './addresses';

/** A record set as both readers give it (Route 53's ResourceRecordSet, fields the takeover needs). */
export interface ExistingRecordSet {
  readonly name: string;
  readonly type: string;
  /** Absent (or empty) for a simple record. */
  readonly setIdentifier?: string;
  readonly weight?: number;
  readonly ttl?: number;
  readonly values: readonly string[];
  readonly alias?: { readonly dnsName: string; readonly hostedZoneId: string; readonly evaluateTargetHealth: boolean };
}

export interface NameExamination {
  /** The data center's simple A or CNAME record (or alias), which the first deploy turns into the weighted set. */
  readonly simple?: ExistingRecordSet;
  /** Sets Route 53 refuses the weighted sets beside that no takeover may touch (another type beside a CNAME, …). */
  readonly blocking: readonly ExistingRecordSet[];
  /** Sets of the name and type under other identifiers (weighted, or another routing policy): they share its queries. */
  readonly sharing: readonly ExistingRecordSet[];
  /** AAAA sets beside weighted A sets: IPv6 resolvers reach what they point at, outside the split. */
  readonly bypassing: readonly ExistingRecordSet[];
}

const isSimple = (set: ExistingRecordSet) => !set.setIdentifier;

/** Sorts the name's sets: this stack's own weighted sets (`setIdentifiers`) are left out. */
export function examineName(
  sets: readonly ExistingRecordSet[],
  service: string,
  type: 'A' | 'CNAME',
  setIdentifiers: { readonly dc: string; readonly aws: string },
): NameExamination {
  const ours = new Set([setIdentifiers.dc, setIdentifiers.aws]);
  const others = sets.filter((set) => normalizeDnsName(set.name) === service && !(set.setIdentifier && ours.has(set.setIdentifier)));
  const takeable = (set: ExistingRecordSet) => isSimple(set) && (set.type === 'A' || set.type === 'CNAME');
  const simple = others.find(takeable);
  const blocking: ExistingRecordSet[] = [];
  const sharing: ExistingRecordSet[] = [];
  const bypassing: ExistingRecordSet[] = [];
  for (const set of others) {
    if (set === simple) continue;
    if (set.type === type && !isSimple(set)) sharing.push(set);
    else if (type === 'CNAME' || set.type === 'CNAME' || takeable(set)) blocking.push(set);
    else if (set.type === 'AAAA') bypassing.push(set);
  }
  return { ...(simple ? { simple } : {}), blocking, sharing, bypassing };
}

/** A set as a message shows it: `A 172.20.7.11, 172.20.7.12 (TTL 300)`, `A alias → dualstack.elb… `, with its identifier. */
export function describeSet(set: ExistingRecordSet): string {
  const what = set.alias ? `alias to ${set.alias.dnsName}` : `${set.values.join(', ')}${set.ttl !== undefined ? ` (TTL ${set.ttl})` : ''}`;
  return `${set.type} ${what}${set.setIdentifier ? ` [set ${set.setIdentifier}${set.weight !== undefined ? `, weight ${set.weight}` : ''}]` : ''}`;
}

/** The ResourceRecordSet of an existing set as ChangeResourceRecordSets takes it (a DELETE must repeat it exactly). */
export function recordSetOf(set: ExistingRecordSet): Record<string, unknown> {
  return {
    Name: set.name.endsWith('.') ? set.name : `${set.name}.`,
    Type: set.type,
    ...(set.setIdentifier ? { SetIdentifier: set.setIdentifier } : {}),
    ...(set.setIdentifier && set.weight !== undefined ? { Weight: set.weight } : {}),
    ...(set.alias
      ? { AliasTarget: { HostedZoneId: set.alias.hostedZoneId, DNSName: set.alias.dnsName, EvaluateTargetHealth: set.alias.evaluateTargetHealth } }
      : { TTL: set.ttl, ResourceRecords: set.values.map((value) => ({ Value: value })) }),
  };
}

/** The data center's weighted set as the takeover creates it. */
export interface DataCenterSet {
  readonly service: string;
  readonly type: 'A' | 'CNAME';
  readonly setIdentifier: string;
  readonly weight: number;
  readonly ttl: number;
  readonly addresses: readonly string[];
}

export function dataCenterRecordSet(set: DataCenterSet): Record<string, unknown> {
  return {
    Name: `${set.service}.`,
    Type: set.type,
    SetIdentifier: set.setIdentifier,
    Weight: set.weight,
    TTL: set.ttl,
    ResourceRecords: set.addresses.map((value) => ({ Value: value })),
  };
}

/** The AWS CLI command that turns the simple record into the data center's weighted set, atomically. */
export function takeOverCommand(zoneId: string, simple: ExistingRecordSet, dataCenter: DataCenterSet): string {
  const batch = {
    Comment: `migration cockpit: ${dataCenter.service} becomes weighted (${dataCenter.setIdentifier})`,
    Changes: [
      { Action: 'DELETE', ResourceRecordSet: recordSetOf(simple) },
      { Action: 'CREATE', ResourceRecordSet: dataCenterRecordSet(dataCenter) },
    ],
  };
  return `aws route53 change-resource-record-sets --hosted-zone-id ${zoneId} --change-batch '${JSON.stringify(batch)}'`;
}

/** Why the weighted sets cannot go beside `blocking`, and what the operator does about it. */
export function blockingMessage(key: string, zoneId: string, service: string, type: 'A' | 'CNAME', blocking: readonly ExistingRecordSet[]): string {
  const listed = blocking.map(describeSet).join('; ');
  const remedy =
    type === 'CNAME'
      ? 'a CNAME cannot share its name with any other record set: remove those sets, or give the data center IPv4 addresses (A sets)'
      : 'a weighted A set cannot sit beside a CNAME or a simple A set: remove or change those sets';
  return `${key}: ${service} in hosted zone ${zoneId} has record sets Route 53 refuses the weighted ${type} sets beside (${listed}): ${remedy}. The records were not changed`;
}
