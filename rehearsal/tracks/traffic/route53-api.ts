// Route 53's API (restXml, version 2013-04-01, what @aws-sdk/client-route-53 sends) over an account's Route53Estate:
// CreateHostedZone, GetHostedZone, ListHostedZones, ChangeResourceRecordSets (POST …/rrset, with or without the
// SDK's trailing slash), GetChange, ListResourceRecordSets (name, type, identifier, maxitems ≤ 300; Route 53's order).
// Errors as Route 53 sends them: `<ErrorResponse>` with Type, Code, Message; InvalidChangeBatch also lists its
// messages in `<Messages>`; NoSuchHostedZone and NoSuchChange 404, HostedZoneAlreadyExists 409, an injected throttle
// `Throttling` (400). Not served: deleting zones, health checks, other routing policies than simple and weighted,
// traffic policies, tags.
import { AwsError } from '../../kernel/errors';
import { restRouter } from '../../kernel/rest-json';
import { restXmlError, restXmlReply } from '../../kernel/rest-xml';
import { escapeXml, xmlElement, xmlList, xmlText } from '../../kernel/xml';
import type { Reply } from '../../registry/http-io';
import type { RestRequest, RestServiceDecl } from '../../seam/track-simulator';
import { compareDnsNames, isDnsName, normalizeDnsName, wireDnsName } from './dns-names';
import type { Route53Estate } from './route53-estate';
import { InvalidChangeBatchError, invalidInput, RECORD_TYPES, type RecordSet } from './route53-records';
import { changeInfoXml, hostedZoneXml, readChangeBatch, readCreateHostedZone, recordSetXml, ROUTE53_XMLNS, zoneDelegationXml } from './route53-xml';

const MAX_RECORDS_PER_PAGE = 300;
const MAX_ZONES_PER_PAGE = 100;

const route = restRouter([
  ['POST', '/2013-04-01/hostedzone', 'CreateHostedZone'],
  ['GET', '/2013-04-01/hostedzone', 'ListHostedZones'],
  ['GET', '/2013-04-01/hostedzone/{Id}', 'GetHostedZone'],
  ['POST', '/2013-04-01/hostedzone/{Id}/rrset', 'ChangeResourceRecordSets'],
  ['GET', '/2013-04-01/hostedzone/{Id}/rrset', 'ListResourceRecordSets'],
  ['GET', '/2013-04-01/change/{Id}', 'GetChange'],
]);

export function route53Service(estate: Route53Estate, now: () => number): RestServiceDecl {
  return {
    name: 'route53',
    title: 'Route 53',
    protocol: 'restXml',
    pathPrefix: '/2013-04-01/',
    throttlingCode: 'Throttling',
    route,
    handle: (call) => handleRoute53(call, estate, now()),
    error: (error, requestId) => {
      const details = error instanceof InvalidChangeBatchError ? xmlList('Messages', 'Message', error.messages, escapeXml) : '';
      return restXmlError(ROUTE53_XMLNS, error, requestId, details);
    },
  };
}

function response(operation: string, parts: readonly string[], status = 200, headers: Record<string, string> = {}): Reply {
  return restXmlReply(status, `<${operation}Response xmlns="${ROUTE53_XMLNS}">${parts.join('')}</${operation}Response>`, headers);
}

export function handleRoute53(call: RestRequest, estate: Route53Estate, now: number): Reply {
  switch (call.operation) {
    case 'CreateHostedZone': {
      const input = readCreateHostedZone(call.body);
      if (!isDnsName(input.name)) throw new AwsError('InvalidDomainName', `${input.name} is not a valid domain name.`, 400);
      const { zone, change } = estate.createZone(input);
      return response(
        'CreateHostedZone',
        [
          hostedZoneXml(zone),
          changeInfoXml(change, estate.status(change, now)),
          zone.vpc ? xmlElement('VPC', [xmlText('VPCRegion', zone.vpc.region), xmlText('VPCId', zone.vpc.id)]) : zoneDelegationXml(zone),
        ],
        201,
        { location: `https://route53.amazonaws.com/2013-04-01/hostedzone/${zone.id}` },
      );
    }
    case 'GetHostedZone': {
      const zone = estate.zone(call.params.Id!);
      return response('GetHostedZone', [hostedZoneXml(zone), zoneDelegationXml(zone)]);
    }
    case 'ListHostedZones': {
      const zones = estate.zones();
      const maxItems = maxItemsOf(call.query, MAX_ZONES_PER_PAGE);
      const marker = call.query.get('marker');
      const start = marker === null ? 0 : zones.findIndex((zone) => zone.id === marker);
      if (start < 0) throw invalidInput(`The marker ${marker} is no hosted zone ID: pass the NextMarker of the previous answer`);
      const page = zones.slice(start, start + maxItems);
      const next = zones[start + maxItems];
      return response('ListHostedZones', [
        xmlElement('HostedZones', page.map(hostedZoneXml)),
        xmlText('Marker', marker ?? undefined),
        xmlText('IsTruncated', next !== undefined),
        xmlText('NextMarker', next?.id),
        xmlText('MaxItems', maxItems),
      ]);
    }
    case 'ChangeResourceRecordSets': {
      const batch = readChangeBatch(call.body);
      const change = estate.changeRecords(call.params.Id!, batch.changes, batch.comment);
      return response('ChangeResourceRecordSets', [changeInfoXml(change, estate.status(change, now))]);
    }
    case 'GetChange': {
      const change = estate.change(call.params.Id!);
      return response('GetChange', [changeInfoXml(change, estate.status(change, now))]);
    }
    case 'ListResourceRecordSets':
      return listRecordSets(call, estate);
    default:
      throw new AwsError('UnknownOperationException', `Operation ${call.operation} is not supported by the rehearsal's Route 53`, 404);
  }
}

function maxItemsOf(query: URLSearchParams, limit: number): number {
  const text = query.get('maxitems');
  if (text === null) return limit;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) throw invalidInput(`Invalid value for maxitems: '${text}' (expected a whole number of 1 or more)`);
  return Math.min(Number(text), limit);
}

/** Route 53's order: name (labels reversed), type, set identifier. */
function compareRecordSets(a: RecordSet, b: RecordSet): number {
  return compareDnsNames(a.name, b.name) || compareText(a.type, b.type) || compareText(a.setIdentifier ?? '', b.setIdentifier ?? '');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function listRecordSets(call: RestRequest, estate: Route53Estate): Reply {
  const zone = estate.zone(call.params.Id!);
  const name = call.query.get('name');
  const type = call.query.get('type');
  const identifier = call.query.get('identifier');
  if (type !== null && name === null) throw invalidInput('The input is not valid: a type (StartRecordType) needs a name (StartRecordName)');
  if (identifier !== null && type === null) throw invalidInput('The input is not valid: an identifier (StartRecordIdentifier) needs a type (StartRecordType)');
  if (type !== null && !(RECORD_TYPES as readonly string[]).includes(type))
    throw invalidInput(`Invalid type: ${type} (expected one of ${RECORD_TYPES.join(', ')})`);
  if (name !== null && !isDnsName(normalizeDnsName(name))) throw invalidInput(`Invalid name: ${name} is not a domain name`);
  const maxItems = maxItemsOf(call.query, MAX_RECORDS_PER_PAGE);
  const sorted = [...zone.records].sort(compareRecordSets);
  const from: RecordSet | undefined =
    name === null
      ? undefined
      : { name: normalizeDnsName(name), type: (type ?? '') as RecordSet['type'], ...(identifier !== null ? { setIdentifier: identifier } : {}) };
  const start = from === undefined ? 0 : sorted.findIndex((set) => compareRecordSets(set, from) >= 0);
  const rest = start < 0 ? [] : sorted.slice(start);
  const page = rest.slice(0, maxItems);
  const next = rest[maxItems];
  return response('ListResourceRecordSets', [
    xmlElement('ResourceRecordSets', page.map(recordSetXml)),
    xmlText('IsTruncated', next !== undefined),
    xmlText('NextRecordName', next && wireDnsName(next.name)),
    xmlText('NextRecordType', next?.type),
    xmlText('NextRecordIdentifier', next?.setIdentifier),
    xmlText('MaxItems', maxItems),
  ]);
}
