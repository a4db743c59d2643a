// The traffic track's admin routes, under /_admin/traffic/ (`?account=<id>` for another account's estate):
//   GET  estate       zones with their record sets (each with the weight DNS answers now: `inSyncWeight`) and pending
//                     changes, the services (names) with their demand and split, load balancers with their listeners'
//                     weights, target groups with their targets' health, each group's requests/s and 5xx % now
//   POST zones        { name, id? }: a hosted zone that exists from now on, in sync (a plan names its zones by id)
//   POST demand       { name | loadBalancer (name or ARN), requestsPerSecond }: a service name's demand, or a load
//                     balancer's own (requests reaching it without a zone's name), from now on
//   POST propagation  { seconds }: Route 53's propagation delay for changes submitted from now on (every account's)
import { z } from 'zod';
import { parseAdminBody } from '../../kernel/admin-api';
import { errorReply, methodNotAllowed, type Reply } from '../../registry/http-io';
import type { TrackAdmin } from '../../seam/track-simulator';
import { isDnsName, normalizeDnsName } from './dns-names';
import type { TrafficDirectory, TrafficEstate } from './directory';
import { currentUse } from './elbv2-estate';
import { ZONE_ID } from './route53-estate';
import { groupHealth } from './target-health';
import type { TrafficModel } from './traffic-model';

const ROUTES = ['estate', 'zones', 'demand', 'propagation'];

const DnsName = z.string().refine((name) => isDnsName(name), { error: 'expected a domain name such as shop.example.com' });
const ZoneSchema = z.strictObject({
  name: DnsName,
  id: z.string().regex(ZONE_ID, { error: 'expected a hosted zone id: Z and 2-31 upper-case letters or digits' }).optional(),
});
const RequestsPerSecond = z
  .number({ error: 'expected requests per second, 0-1000000' })
  .min(0, { error: 'expected requests per second, 0-1000000' })
  .max(1_000_000, { error: 'expected requests per second, 0-1000000' });
const DemandSchema = z
  .strictObject({ name: DnsName.optional(), loadBalancer: z.string().min(1).max(300).optional(), requestsPerSecond: RequestsPerSecond })
  .refine((body) => (body.name === undefined) !== (body.loadBalancer === undefined), {
    error: 'give name (a service DNS name) or loadBalancer (a name or ARN), not both',
    path: ['name'],
  });
const PropagationSchema = z.strictObject({
  seconds: z.number({ error: 'expected seconds, 0-3600' }).min(0, { error: 'expected seconds, 0-3600' }).max(3600, { error: 'expected seconds, 0-3600' }),
});

const round = (value: number) => Math.round(value * 1000) / 1000;
const iso = (ms: number) => new Date(ms).toISOString();

export function trafficAdmin(estate: TrafficEstate, directory: TrafficDirectory, model: TrafficModel, now: () => number): TrackAdmin {
  return {
    async handle(method, route, body) {
      switch (route) {
        case 'estate':
          return method === 'GET' ? { status: 200, json: estateView(estate, directory, model, now()) } : methodNotAllowed(method, ['GET']);
        case 'zones': {
          if (method !== 'POST') return methodNotAllowed(method, ['POST']);
          const { name, id } = parseAdminBody(ZoneSchema, await body());
          if (id !== undefined && estate.route53.zones().some((zone) => zone.id === id))
            return errorReply(409, 'conflict', `a hosted zone with the id ${id} exists already`, { field: 'id' });
          const zone = estate.route53.seedZone(name, id);
          return { status: 201, json: { id: zone.id, name: zone.name, nameServers: zone.nameServers } };
        }
        case 'demand': {
          if (method !== 'POST') return methodNotAllowed(method, ['POST']);
          const demand = parseAdminBody(DemandSchema, await body());
          const at = now();
          if (demand.name !== undefined) {
            directory.setNameDemand(demand.name, demand.requestsPerSecond, at);
            return { status: 200, json: { name: normalizeDnsName(demand.name), requestsPerSecond: demand.requestsPerSecond, from: iso(at) } };
          }
          const lb = estate.elbv2.loadBalancers().find((candidate) => candidate.arn === demand.loadBalancer || candidate.name === demand.loadBalancer);
          if (!lb) return errorReply(404, 'not-found', `no load balancer '${demand.loadBalancer}' in account ${estate.accountId}`, { field: 'loadBalancer' });
          directory.setLoadBalancerDemand(lb.arn, demand.requestsPerSecond, at);
          return { status: 200, json: { loadBalancer: lb.arn, requestsPerSecond: demand.requestsPerSecond, from: iso(at) } };
        }
        case 'propagation': {
          if (method !== 'POST') return methodNotAllowed(method, ['POST']);
          const { seconds } = parseAdminBody(PropagationSchema, await body());
          directory.setPropagationSeconds(seconds);
          return { status: 200, json: { propagationSeconds: seconds } };
        }
        default:
          return errorReply(404, 'not-found', `no route ${route}; routes: ${ROUTES.map((path) => `/_admin/traffic/${path}`).join(', ')}`);
      }
    },
  };
}

function estateView(estate: TrafficEstate, directory: TrafficDirectory, model: TrafficModel, now: number): Reply['json'] {
  const flows = model.at(now);
  const { route53, elbv2, faults } = estate;
  const lbName = (arn: string | undefined) =>
    directory
      .estates()
      .flatMap((each) => each.elbv2.allLoadBalancers())
      .find((lb) => lb.arn === arn)?.name;
  const groupName = (arn: string) => elbv2.allTargetGroups().find((group) => group.arn === arn)?.name ?? null;
  const zoneIds = new Set(route53.zones().map((zone) => zone.id));
  return {
    now: iso(now),
    accountId: estate.accountId,
    propagationSeconds: directory.propagationSeconds,
    zones: route53.zones().map((zone) => {
      const served = route53.servedRecords(zone, now);
      return {
        id: zone.id,
        name: zone.name,
        private: zone.vpc !== undefined,
        pendingChanges: zone.changes.filter((change) => route53.status(change, now) === 'PENDING').map((change) => change.id),
        recordSets: zone.records.map((set) => {
          const inSync = served.find(
            (candidate) => candidate.name === set.name && candidate.type === set.type && candidate.setIdentifier === set.setIdentifier,
          );
          return {
            name: set.name,
            type: set.type,
            setIdentifier: set.setIdentifier ?? null,
            weight: set.weight ?? null,
            inSyncWeight: inSync?.weight ?? null,
            ttl: set.ttl ?? null,
            values: set.values ?? null,
            alias: set.alias ?? null,
          };
        }),
      };
    }),
    services: flows.names
      .filter((flow) => zoneIds.has(flow.zoneId))
      .map((flow) => ({
        name: flow.name,
        zoneId: flow.zoneId,
        requestsPerSecond: round(flow.demand),
        split: flow.sets.map((entry) => ({
          setIdentifier: entry.set.setIdentifier ?? null,
          type: entry.set.type,
          weight: entry.set.weight ?? null,
          percent: round(entry.share * 100),
          to: entry.loadBalancerArn ? { loadBalancer: entry.loadBalancerArn, name: lbName(entry.loadBalancerArn) } : 'data center',
          requestsPerSecond: round(flow.demand * entry.share),
        })),
        dataCenterRequestsPerSecond: round(flow.dataCenter),
      })),
    loadBalancers: elbv2.loadBalancers().map((lb) => {
      const flow = flows.loadBalancers.get(lb.arn);
      return {
        arn: lb.arn,
        name: lb.name,
        dnsName: lb.dnsName,
        scheme: lb.scheme,
        canonicalHostedZoneId: lb.canonicalHostedZoneId,
        dimension: lb.dimension,
        requestsPerSecond: round(flow?.requests ?? 0),
        ownDemand: round(flow?.direct ?? 0),
        unroutedRequestsPerSecond: round(flow?.unrouted ?? 0),
        listeners: elbv2.listenersOf(lb.arn).map((listener) => {
          const total = listener.action.targetGroups.reduce((sum, entry) => sum + entry.weight, 0);
          return {
            arn: listener.arn,
            port: listener.port,
            protocol: listener.protocol,
            targetGroups: listener.action.targetGroups.map((entry) => ({
              arn: entry.arn,
              name: groupName(entry.arn),
              weight: entry.weight,
              percent: total > 0 ? round((entry.weight / total) * 100) : 0,
            })),
          };
        }),
      };
    }),
    targetGroups: elbv2.targetGroups().map((group) => {
      const flow = flows.groups.get(group.arn);
      const health = groupHealth(elbv2, group, now, faults.ofGroup('traffic-unhealthy', group.name));
      return {
        arn: group.arn,
        name: group.name,
        dimension: group.dimension,
        targetType: group.targetType,
        port: group.port,
        loadBalancer: currentUse(group)?.loadBalancerArn ?? null,
        targets: health.targets.map(({ target, health: state }) => ({
          id: target.id,
          port: target.port,
          availabilityZone: target.availabilityZone ?? null,
          state: state.state,
          reason: state.reason ?? null,
        })),
        requestsPerSecond: round(flow?.requests ?? 0),
        sharePercent: round((flow?.share ?? 0) * 100),
        errorPercent: flow && flow.requests > 0 ? round(flow.errorRate * 100) : 0,
        responseTimeMs: flow ? round(flow.responseTimeMs) : null,
      };
    }),
    demand: directory.demandSettings(),
  };
}
