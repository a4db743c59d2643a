// What the route53 split's rehearsal resource does in the rehearsal's Route 53 (restXml, the real SDK client): the two
// weighted sets of the service's name, `<instanceId>-dc` and `<instanceId>-aws`, always written together in ONE
// ChangeResourceRecordSets batch (Route 53 applies a batch atomically):
//   create  the name's sets are listed first; the data center's simple A or CNAME record, if there is one, is taken
//           over in the same batch (DELETE it exactly as it is, CREATE both weighted sets), so the name never goes
//           without an answer; sets no takeover may touch (name-takeover.ts) stop it, with the zone unchanged;
//   update  both sets UPSERTed in one batch (a change of the data center's kind, A ↔ CNAME, DELETEs the old sets and
//           CREATEs the new ones in that batch); a simple record put back meanwhile is taken over as on create;
//   delete  the name goes back to the data center's simple record (its addresses and TTL from the settings; the name
//           was the data center's before the migration): DELETE both sets and CREATE it, in one batch. When another
//           stack's sets of the name remain, only this stack's go (the name keeps their answer).
// The provider does not wait for INSYNC: it returns the change's id (`changeId`, without `/change/`), and the cockpit
// polls GetChange itself. Errors are plain Errors (a serialized Error subclass loses its message).
import { blockingMessage, examineName, recordSetOf, type ExistingRecordSet } from './name-takeover';
import type { LiveRecordSet, Place, Route53Api, Services } from './rehearsal-services';

export interface WeightedRecordsInputs extends Place {
  readonly zoneId: string;
  /** The service's name, lower case, without the trailing dot. */
  readonly service: string;
  readonly type: 'A' | 'CNAME';
  readonly ttl: number;
  readonly setIdentifiers: { readonly dc: string; readonly aws: string };
  /** The data center's IPv4 addresses, or its one host name. */
  readonly dataCenter: readonly string[];
  readonly loadBalancer: { readonly dnsName: string; readonly hostedZoneId: string };
  readonly weights: { readonly dc: number; readonly aws: number };
}

export interface WeightedRecordsOutputs extends WeightedRecordsInputs {
  /** The last batch's change id (GetChange tells when DNS answers with it). */
  readonly changeId: string;
}

const SETTINGS_KEY = 'traffic:settings';
/** How many sets ListResourceRecordSets gives per page (Route 53's most). */
const PAGE = 300;

function existingOf(set: LiveRecordSet): ExistingRecordSet {
  const alias = set.AliasTarget;
  return {
    name: set.Name ?? '',
    type: set.Type ?? '',
    ...(set.SetIdentifier ? { setIdentifier: set.SetIdentifier, ...(set.Weight !== undefined ? { weight: set.Weight } : {}) } : {}),
    ...(alias?.DNSName
      ? { alias: { dnsName: alias.DNSName, hostedZoneId: alias.HostedZoneId ?? '', evaluateTargetHealth: alias.EvaluateTargetHealth ?? false } }
      : { ttl: set.TTL }),
    values: (set.ResourceRecords ?? []).map((record) => record.Value ?? ''),
  };
}

/** Every set of the service's name, in Route 53's order (pages from StartRecordName until the name changes). */
export async function setsOfName(route53: Route53Api, zoneId: string, service: string): Promise<ExistingRecordSet[]> {
  const name = `${service}.`;
  const sets: ExistingRecordSet[] = [];
  let start: { StartRecordName: string; StartRecordType?: string; StartRecordIdentifier?: string } = { StartRecordName: name };
  for (;;) {
    const page = await route53.listResourceRecordSets({ HostedZoneId: zoneId, ...start, MaxItems: PAGE });
    const found = (page.ResourceRecordSets ?? []).map(existingOf);
    const ofName = found.filter((set) => set.name.toLowerCase() === name);
    sets.push(...ofName);
    if (!page.IsTruncated || ofName.length < found.length || !page.NextRecordName || page.NextRecordName.toLowerCase() !== name) return sets;
    start = {
      StartRecordName: page.NextRecordName,
      ...(page.NextRecordType ? { StartRecordType: page.NextRecordType } : {}),
      ...(page.NextRecordIdentifier ? { StartRecordIdentifier: page.NextRecordIdentifier } : {}),
    };
  }
}

/** The two weighted sets as ChangeResourceRecordSets takes them. */
export function weightedSetsOf(inputs: WeightedRecordsInputs): { readonly dc: Record<string, unknown>; readonly aws: Record<string, unknown> } {
  const name = `${inputs.service}.`;
  const dc = {
    Name: name,
    Type: inputs.type,
    SetIdentifier: inputs.setIdentifiers.dc,
    Weight: inputs.weights.dc,
    TTL: inputs.ttl,
    ResourceRecords: inputs.dataCenter.map((value) => ({ Value: value })),
  };
  const aws = {
    Name: name,
    Type: inputs.type,
    SetIdentifier: inputs.setIdentifiers.aws,
    Weight: inputs.weights.aws,
    ...(inputs.type === 'A'
      ? { AliasTarget: { HostedZoneId: inputs.loadBalancer.hostedZoneId, DNSName: inputs.loadBalancer.dnsName, EvaluateTargetHealth: true } }
      : { TTL: inputs.ttl, ResourceRecords: [{ Value: inputs.loadBalancer.dnsName }] }),
  };
  return { dc, aws };
}

/** The data center's simple record the name goes back to. */
export function dataCenterSimpleSet(inputs: WeightedRecordsInputs): Record<string, unknown> {
  return { Name: `${inputs.service}.`, Type: inputs.type, TTL: inputs.ttl, ResourceRecords: inputs.dataCenter.map((value) => ({ Value: value })) };
}

async function submit(route53: Route53Api, zoneId: string, comment: string, changes: object[]): Promise<string> {
  const answer = await route53.changeResourceRecordSets({ HostedZoneId: zoneId, ChangeBatch: { Comment: comment, Changes: changes } });
  const id = answer.ChangeInfo?.Id;
  if (!id) throw new Error(`ChangeResourceRecordSets in ${zoneId} answered without a change id`);
  return id.replace(/^\/?change\//, '');
}

/** Writes both weighted sets in one batch, taking over the data center's simple record if it is there. */
export async function writeWeightedRecords(inputs: WeightedRecordsInputs, services: Services): Promise<WeightedRecordsOutputs> {
  const route53 = (await services.session(inputs)).route53();
  const { zoneId, service, type, setIdentifiers } = inputs;
  const sets = await setsOfName(route53, zoneId, service);
  const found = examineName(sets, service, type, setIdentifiers);
  if (found.blocking.length > 0) throw new Error(blockingMessage(SETTINGS_KEY, zoneId, service, type, found.blocking));
  const ours = sets.filter((set) => set.setIdentifier === setIdentifiers.dc || set.setIdentifier === setIdentifiers.aws);
  const wanted = weightedSetsOf(inputs);
  const changes: object[] = [
    ...(found.simple ? [{ Action: 'DELETE', ResourceRecordSet: recordSetOf(found.simple) }] : []),
    // Sets of the other type under this stack's identifiers (the data center went from addresses to a host name).
    ...ours.filter((set) => set.type !== type).map((set) => ({ Action: 'DELETE', ResourceRecordSet: recordSetOf(set) })),
    ...[wanted.dc, wanted.aws].map((set) => {
      const existing = ours.some((live) => live.type === type && live.setIdentifier === set.SetIdentifier);
      return { Action: existing ? 'UPSERT' : 'CREATE', ResourceRecordSet: set };
    }),
  ];
  const verb = found.simple ? 'takes over' : ours.length > 0 ? 'weighs' : 'splits';
  const changeId = await submit(route53, zoneId, `migration cockpit: ${setIdentifiers.dc} ${verb} ${service} (aws ${inputs.weights.aws} %)`, changes);
  return { ...inputs, changeId };
}

/** This stack's sets as Route 53 has them now (the weights the cockpit's shift may have written), or undefined when gone. */
export async function readWeightedRecords(props: WeightedRecordsOutputs, services: Services): Promise<WeightedRecordsOutputs | undefined> {
  const route53 = (await services.session(props)).route53();
  const sets = await setsOfName(route53, props.zoneId, props.service);
  const weightOf = (id: string) => sets.find((set) => set.type === props.type && set.setIdentifier === id)?.weight;
  const dc = weightOf(props.setIdentifiers.dc);
  const aws = weightOf(props.setIdentifiers.aws);
  if (dc === undefined || aws === undefined) return undefined;
  return { ...props, weights: { dc, aws } };
}

/** Both sets DELETEd and the data center's simple record CREATEd in one batch (unless other sets of the name remain). */
export async function deleteWeightedRecords(props: WeightedRecordsOutputs, services: Services): Promise<void> {
  const route53 = (await services.session(props)).route53();
  const { zoneId, service, setIdentifiers } = props;
  const sets = await setsOfName(route53, zoneId, service);
  const ours = sets.filter((set) => set.setIdentifier === setIdentifiers.dc || set.setIdentifier === setIdentifiers.aws);
  const others = sets.filter((set) => !ours.includes(set));
  // Another answer of the name stays (another stack's weighted sets, a simple record): only this stack's sets go.
  const answered = others.some((set) => set.type === 'A' || set.type === 'CNAME' || (props.type === 'CNAME' && set.type !== 'NS' && set.type !== 'SOA'));
  const changes: object[] = [
    ...ours.map((set) => ({ Action: 'DELETE', ResourceRecordSet: recordSetOf(set) })),
    ...(answered ? [] : [{ Action: 'CREATE', ResourceRecordSet: dataCenterSimpleSet(props) }]),
  ];
  if (changes.length === 0) return;
  await submit(route53, zoneId, `migration cockpit: ${service} back to the data center (${setIdentifiers.dc})`, changes);
}
