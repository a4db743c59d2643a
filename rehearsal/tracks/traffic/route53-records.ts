// Route 53 record sets and how a change batch applies to a zone's, as Route 53 validates it. A batch is atomic: the
// changes apply in order to a working copy, every problem is collected, and either all apply or the batch is
// refused with every message — `InvalidChangeBatch` "[msg, msg]", worded as Route 53 words them (CREATE of an existing
// set, DELETE of a missing or differing one, weighted and non-weighted sets of one name and type, a CNAME beside
// other types or at the apex, a name outside the zone, an alias to a load balancer that does not exist, a value that
// is no address). A change that is malformed in itself (a SetIdentifier without a routing policy, a Weight without a
// SetIdentifier, an alias and records together or neither) is `InvalidInput` "Invalid request: …", as Route 53
// answers it before looking at the zone.
import { AwsError } from '../../kernel/errors';
import { isInZone } from './dns-names';

export const RECORD_TYPES = [
  'SOA',
  'A',
  'TXT',
  'NS',
  'CNAME',
  'MX',
  'NAPTR',
  'PTR',
  'SRV',
  'SPF',
  'AAAA',
  'CAA',
  'DS',
  'TLSA',
  'SSHFP',
  'SVCB',
  'HTTPS',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
export const CHANGE_ACTIONS = ['CREATE', 'DELETE', 'UPSERT'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

export interface AliasTarget {
  readonly hostedZoneId: string;
  /** Normalized (lower case, trailing dot). */
  readonly dnsName: string;
  readonly evaluateTargetHealth: boolean;
}

export interface RecordSet {
  /** Normalized (lower case, trailing dot). */
  readonly name: string;
  readonly type: RecordType;
  readonly setIdentifier?: string;
  /** 0-255; present exactly when the set is weighted. */
  readonly weight?: number;
  readonly ttl?: number;
  readonly values?: readonly string[];
  readonly alias?: AliasTarget;
}

export interface RecordChange {
  readonly action: ChangeAction;
  readonly set: RecordSet;
}

/** What a batch is checked against beside the zone's record sets. */
export interface BatchContext {
  /** Normalized. */
  readonly zoneName: string;
  /**
   * Whether an alias target exists: false when `hostedZoneId` is a load balancers' zone and no load balancer there has
   * the name (Route 53 refuses it); undefined when the rehearsal cannot tell (any other target), so it is accepted.
   */
  aliasTargetExists(hostedZoneId: string, dnsName: string): boolean | undefined;
}

/** Route 53's InvalidChangeBatch: the messages, each as Route 53 sends it in `<Messages>`. */
export class InvalidChangeBatchError extends AwsError {
  readonly messages: readonly string[];

  constructor(messages: readonly string[]) {
    super('InvalidChangeBatch', `[${messages.join(', ')}]`, 400);
    this.messages = messages;
  }
}

export function invalidInput(message: string): AwsError {
  return new AwsError('InvalidInput', message, 400);
}

/** `[Action=CREATE, Name=shop.example.com., Type=A, SetIdentifier=dc]`, as Route 53 names a change in its messages. */
export function describeChange(change: RecordChange): string {
  const { set } = change;
  return `[Action=${change.action}, Name=${set.name}, Type=${set.type}, SetIdentifier=${set.setIdentifier ?? 'null'}]`;
}

/** The shape checks Route 53 makes on a change before the zone (InvalidInput). */
export function checkChangeShape(change: RecordChange): void {
  const { set } = change;
  if (set.setIdentifier !== undefined && set.weight === undefined)
    throw invalidInput(
      `Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, MultiValueAnswer, GeoProximityLocation, or CidrRoutingConfig], but found none in Change with ${describeChange(change)}`,
    );
  if (set.weight !== undefined && set.setIdentifier === undefined)
    throw invalidInput(`Invalid request: Missing field 'SetIdentifier' in Change with ${describeChange(change)}`);
  const hasRecords = set.ttl !== undefined || set.values !== undefined;
  const complete = set.ttl !== undefined && set.values !== undefined && set.values.length > 0;
  if ((set.alias !== undefined && hasRecords) || (set.alias === undefined && !complete))
    throw invalidInput(
      `Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found ${set.alias !== undefined ? 'more than one' : 'none'} in Change with ${describeChange(change)}`,
    );
}

const key = (set: RecordSet) => `${set.name}|${set.type}|${set.setIdentifier ?? ''}`;

/** `[name='shop.example.com.', type='A', set-identifier='dc']`. */
function identify(set: RecordSet): string {
  return `[name='${set.name}', type='${set.type}'${set.setIdentifier !== undefined ? `, set-identifier='${set.setIdentifier}'` : ''}]`;
}

function sameValues(a: RecordSet, b: RecordSet): boolean {
  const values = (set: RecordSet) => JSON.stringify([...(set.values ?? [])].sort());
  const alias = (set: RecordSet) => (set.alias ? JSON.stringify([set.alias.hostedZoneId, set.alias.dnsName, set.alias.evaluateTargetHealth]) : '');
  return a.ttl === b.ttl && a.weight === b.weight && values(a) === values(b) && alias(a) === alias(b);
}

/** The zone's record sets after the batch; throws InvalidChangeBatchError with every problem, or InvalidInput. */
export function applyChangeBatch(records: readonly RecordSet[], changes: readonly RecordChange[], context: BatchContext): RecordSet[] {
  for (const change of changes) checkChangeShape(change);
  const working = new Map(records.map((set) => [key(set), set]));
  const messages: string[] = [];
  for (const change of changes) {
    const { set } = change;
    const existing = working.get(key(set));
    if (change.action === 'DELETE') {
      if (!existing) messages.push(`Tried to delete resource record set ${identify(set)} but it was not found`);
      else if (!sameValues(existing, set))
        messages.push(`Tried to delete resource record set ${identify(set)} but the values provided do not match the current values`);
      else if (set.name === context.zoneName && (set.type === 'SOA' || set.type === 'NS'))
        messages.push(
          set.type === 'SOA' ? 'A HostedZone must contain exactly one SOA record.' : 'A HostedZone must contain at least one NS record for the zone itself.',
        );
      else working.delete(key(set));
      continue;
    }
    if (change.action === 'CREATE' && existing) {
      messages.push(`Tried to create resource record set ${identify(set)} but it already exists`);
      continue;
    }
    const problem = placementProblem(
      set,
      [...working.values()].filter((other) => key(other) !== key(set)),
      context,
    );
    if (problem) messages.push(problem);
    else working.set(key(set), set);
  }
  if (messages.length > 0) throw new InvalidChangeBatchError(messages);
  return [...working.values()];
}

/** Why `set` cannot stand beside `others` in the zone (undefined: it can). */
function placementProblem(set: RecordSet, others: readonly RecordSet[], context: BatchContext): string | undefined {
  const { zoneName } = context;
  if (!isInZone(set.name, zoneName)) return `RRSet with DNS name ${set.name} is not permitted in zone ${zoneName}`;
  const sameName = others.filter((other) => other.name === set.name);
  if (set.type === 'CNAME') {
    if (set.name === zoneName) return `RRSet of type CNAME with DNS name ${set.name} is not permitted at apex in zone ${zoneName}`;
    if (sameName.some((other) => other.type !== 'CNAME'))
      return `RRSet of type CNAME with DNS name ${set.name} is not permitted as it conflicts with other records with the same DNS name in zone ${zoneName}`;
  } else if (sameName.some((other) => other.type === 'CNAME')) {
    return `RRSet of type ${set.type} with DNS name ${set.name} is not permitted because a conflicting RRSet of type  CNAME with the same DNS name already exists in zone ${zoneName}`;
  }
  const sameType = sameName.filter((other) => other.type === set.type);
  if (set.weight !== undefined && sameType.some((other) => other.weight === undefined))
    return `RRSet with DNS name ${set.name}, type ${set.type}, SetIdentifier ${set.setIdentifier} cannot be created as a non-weighted set exists with the same name and type.`;
  if (set.weight === undefined && sameType.length > 0)
    return `RRSet with DNS name ${set.name}, type ${set.type} cannot be created as other RRSets exist with the same name and type.`;
  if (set.alias && context.aliasTargetExists(set.alias.hostedZoneId, set.alias.dnsName) === false)
    return `Tried to create an alias that targets ${set.alias.dnsName}, type ${set.type} in zone ${set.alias.hostedZoneId}, but the alias target name does not lie within the target zone`;
  for (const value of set.values ?? []) {
    if (set.type === 'A' && !isIpv4(value))
      return `Invalid Resource Record: FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '${value}'`;
    if (set.type === 'AAAA' && !isIpv6(value))
      return `Invalid Resource Record: FATAL problem: AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address) encountered with '${value}'`;
  }
  if (set.type === 'CNAME' && (set.values?.length ?? 0) > 1)
    return `Invalid Resource Record: FATAL problem: RRDATATooManyValues (a CNAME record set holds one value) encountered with '${set.values![1]}'`;
  return undefined;
}

export function isIpv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255);
}

function isIpv6(value: string): boolean {
  return /^[0-9a-f:.]+$/i.test(value) && value.includes(':') && value.split('::').length <= 2;
}
