// The route53 split's two weighted record sets of the service's name: `<instanceId>-dc` (A with the data center's IPv4
// addresses, or CNAME to its host name) and `<instanceId>-aws` (an alias A to the load balancer that evaluates its
// target health, or, when the data center's side is a CNAME, a CNAME to the load balancer's DNS name: the weighted sets
// of one name share a type), weighted dc = 100 − p, aws = p. A change of traffic:awsPercent is an update of both in
// place (Route 53 UPSERTs). Loading this module loads @pulumi/aws.
//
// The name is the data center's before the migration, usually with a simple (non-weighted) record Route 53 refuses the
// weighted sets beside. The zone is read first (aws.route53.getRecords) and the sets are made only once it is clear:
// - a simple A or CNAME record of the name: the deploy stops before touching the zone and says what to run — one
//   atomic ChangeResourceRecordSets batch that DELETEs it and CREATEs `<instanceId>-dc` with the same answer's weight
//   (name-takeover.ts takeOverCommand). Pulumi's AWS provider makes one record per resource, so the program cannot
//   send that batch itself, and a delete then a create would leave the name without an answer in between. After the
//   batch, deploy again: the deploy takes `<instanceId>-dc` over (allowOverwrite) and adds `<instanceId>-aws`;
// - other sets Route 53 refuses the weighted ones beside (anything beside a CNAME): the deploy stops naming them;
// - weighted sets of the name under other identifiers, or AAAA sets beside the A sets: a warning (they take a share of
//   the name's queries, or IPv6 resolvers bypass the split).
// Destroying the stack keeps `<instanceId>-dc` (retainOnDelete): a lone weighted set answers every query of the name
// whatever its weight, so the name is never left without the data center's answer; turning it back into a simple
// record is a deliberate step outside the cockpit. `<instanceId>-aws` goes with the load balancer.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { normalizeDnsName } from './addresses';
import { blockingMessage, describeSet, examineName, takeOverCommand, type ExistingRecordSet } from './name-takeover';
import { setIdentifiersOf } from './naming';
import { SETTINGS_KEY, type TrafficProgramSettings } from './settings';

export interface WeightedRecordsArgs {
  readonly instanceId: string;
  readonly settings: TrafficProgramSettings;
  readonly zoneId: string;
  readonly ttl: number;
  readonly type: 'A' | 'CNAME';
  readonly weights: { readonly dc: number; readonly aws: number };
  readonly loadBalancer: aws.lb.LoadBalancer;
  /** What must exist before users are sent to the load balancer (its listener). */
  readonly after: readonly pulumi.Resource[];
}

export interface WeightedRecords {
  readonly dc: aws.route53.Record;
  readonly aws: aws.route53.Record;
  readonly recordName: pulumi.Output<string>;
}

type ProviderRecordSet = aws.types.output.route53.GetRecordsResourceRecordSet;

/** getRecords' answer as name-takeover.ts reads it (the provider gives empty strings and zeros for absent fields). */
function existingSetOf(set: ProviderRecordSet): ExistingRecordSet {
  const alias = set.aliasTarget as ProviderRecordSet['aliasTarget'] | undefined;
  return {
    name: set.name,
    type: set.type,
    ...(set.setIdentifier ? { setIdentifier: set.setIdentifier, weight: set.weight } : {}),
    ...(alias?.dnsName
      ? { alias: { dnsName: alias.dnsName, hostedZoneId: alias.hostedZoneId, evaluateTargetHealth: alias.evaluateTargetHealth } }
      : { ttl: set.ttl }),
    values: (set.resourceRecords ?? []).map((record) => record.value),
  };
}

/** The record's name once the zone has been read and holds nothing the weighted sets cannot go beside; else it throws. */
export function checkServiceName(args: WeightedRecordsArgs, zoneName: string, sets: readonly ProviderRecordSet[]): string {
  const { settings, zoneId, type, instanceId } = args;
  const service = settings.service;
  const apex = normalizeDnsName(zoneName);
  if (service !== apex && !service.endsWith(`.${apex}`))
    throw new Error(`${SETTINGS_KEY}: service ${service} is not in the hosted zone ${zoneId} (${apex}): route53.zoneId must be the zone of the name`);
  if (service === apex && type === 'CNAME')
    throw new Error(
      `${SETTINGS_KEY}: service ${service} is the apex of zone ${zoneId}, where a CNAME is not allowed: give dataCenter.addresses as IPv4 addresses`,
    );
  const ids = setIdentifiersOf(instanceId);
  const found = examineName(sets.map(existingSetOf), service, type, ids);
  if (found.blocking.length > 0) throw new Error(blockingMessage(SETTINGS_KEY, zoneId, service, type, found.blocking));
  if (found.simple) {
    const command = takeOverCommand(zoneId, found.simple, {
      service,
      type,
      setIdentifier: ids.dc,
      weight: args.weights.dc,
      ttl: args.ttl,
      addresses: settings.dataCenter.addresses,
    });
    throw new Error(
      `${SETTINGS_KEY}: ${service} has a simple (non-weighted) record in hosted zone ${zoneId}, the data center's own (${describeSet(found.simple)}). ` +
        `Route 53 refuses weighted sets beside it, and this program cannot replace it without a moment in which the name has no answer. ` +
        `Turn it into the data center's weighted set ${ids.dc} in one atomic change, then deploy again (the deploy takes ${ids.dc} over and adds ${ids.aws}):\n` +
        `  ${command}\nThe records were not changed`,
    );
  }
  for (const set of found.sharing)
    void pulumi.log.warn(
      `${service} has another ${set.type} set beside ${ids.dc} and ${ids.aws} (${describeSet(set)}): it takes a share of the name's queries`,
    );
  for (const set of found.bypassing)
    void pulumi.log.warn(`${service} has an AAAA set (${describeSet(set)}): IPv6 resolvers reach it whatever the weights of the A sets`);
  return service;
}

/** Reads the zone, then makes both weighted sets, children of `parent`. */
export function createWeightedRecords(args: WeightedRecordsArgs, parent: pulumi.Resource): WeightedRecords {
  const { instanceId, settings, zoneId, ttl, type, weights, loadBalancer } = args;
  const logical = `${instanceId}-traffic`;
  const ids = setIdentifiersOf(instanceId);
  const zone = aws.route53.getZoneOutput({ zoneId }, { parent });
  const existing = aws.route53.getRecordsOutput({ zoneId, nameRegex: `^${settings.service.replace(/\./g, '\\.')}\\.?$` }, { parent });
  const recordName = pulumi.all([zone.name, existing.resourceRecordSets]).apply(([zoneName, sets]) => checkServiceName(args, zoneName, sets));

  const common = { zoneId, name: recordName, type, allowOverwrite: true };
  const dc = new aws.route53.Record(
    `${logical}-dc-record`,
    { ...common, setIdentifier: ids.dc, weightedRoutingPolicies: [{ weight: weights.dc }], ttl, records: [...settings.dataCenter.addresses] },
    { parent, retainOnDelete: true },
  );
  const awsSide = new aws.route53.Record(
    `${logical}-aws-record`,
    {
      ...common,
      setIdentifier: ids.aws,
      weightedRoutingPolicies: [{ weight: weights.aws }],
      ...(type === 'A'
        ? { aliases: [{ name: loadBalancer.dnsName, zoneId: loadBalancer.zoneId, evaluateTargetHealth: true }] }
        : { ttl, records: [loadBalancer.dnsName] }),
    },
    { parent, dependsOn: [...args.after] },
  );
  return { dc, aws: awsSide, recordName };
}
