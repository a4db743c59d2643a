// Where the users' requests go, second by second, across every account's estate:
//   a service name (a name with A, AAAA or CNAME record sets in a hosted zone) has a demand in requests per second;
//   DNS splits it by the record sets Route 53 answers at that instant (in sync): weighted sets by weight / sum (all 0:
//   equally, as Route 53 does), a simple set takes it all; a set aliasing (or CNAME-ing) a load balancer's DNS name
//   sends its share there, any other set's share leaves the simulated AWS side (the data center);
//   a load balancer takes those shares plus its own demand (set through the admin routes; by default 20 requests/s
//   when no name routes to it at all); its live listeners share its requests equally, each forwarding them to its
//   target groups by weight / sum (all 0: nowhere);
//   a target group with no healthy target answers every request with a 5xx (the rehearsal does not fail open as an
//   ALB would); otherwise a small base rate (0.1 %) plus the `traffic-errors` faults active at its share; response
//   time 40 ms ± 15 % per minute (seeded), or a `traffic-slow` fault's.
// A minute's figures are the sum (or mean) over its 60 seconds, so a weight changed mid-minute shows in proportion.
// Past minutes are kept (everything they depend on has a history), the current one is computed on demand.
import { hashString, prng } from '../../kernel/random';
import { loadBalancerDnsKey } from './dns-names';
import { alive, type TrafficDirectory, type TrafficEstate } from './directory';
import { useAt, type LoadBalancer, type TargetGroup } from './elbv2-estate';
import type { RecordSet } from './route53-records';
import { groupHealth } from './target-health';

export const BASE_ERROR_RATE = 0.001;
export const BASE_RESPONSE_MS = 40;
const MINUTE_MS = 60_000;
/** Minutes kept (two weeks). */
const MAX_CACHED_MINUTES = 14 * 24 * 60;

export interface NameFlow {
  readonly name: string;
  readonly zoneId: string;
  readonly demand: number;
  /** Each record set the name's requests are split over, with its share (0-1) and where it leads. */
  readonly sets: readonly { readonly set: RecordSet; readonly share: number; readonly loadBalancerArn?: string }[];
  /** Requests per second leaving the simulated AWS side. */
  readonly dataCenter: number;
}

export interface LoadBalancerFlow {
  readonly estate: TrafficEstate;
  readonly loadBalancer: LoadBalancer;
  /** Requests per second reaching it. */
  requests: number;
  /** Of those, the ones no listener forwards anywhere. */
  unrouted: number;
  /** Its own demand (not through a zone's name). */
  direct: number;
  /** The demand of every entry that can reach it (its names' and its own): what a group's share is of. */
  serviceDemand: number;
}

export interface GroupFlow {
  readonly estate: TrafficEstate;
  readonly group: TargetGroup;
  readonly loadBalancerArn: string;
  readonly requests: number;
  /** Of its service's demand (0-1). */
  readonly share: number;
  /** Of its requests answered with a 5xx (0-1). */
  readonly errorRate: number;
  readonly responseTimeMs: number;
  readonly healthy: number;
  readonly unhealthy: number;
}

export interface Flows {
  readonly names: readonly NameFlow[];
  readonly loadBalancers: ReadonlyMap<string, LoadBalancerFlow>;
  readonly groups: ReadonlyMap<string, GroupFlow>;
}

/** The record sets of each name that split its requests: A first, else AAAA, else CNAME. */
function routingSets(records: readonly RecordSet[]): Map<string, RecordSet[]> {
  const byName = new Map<string, Map<string, RecordSet[]>>();
  for (const set of records) {
    if (set.type !== 'A' && set.type !== 'AAAA' && set.type !== 'CNAME') continue;
    const types = byName.get(set.name) ?? new Map<string, RecordSet[]>();
    types.set(set.type, [...(types.get(set.type) ?? []), set]);
    byName.set(set.name, types);
  }
  return new Map([...byName].map(([name, types]) => [name, types.get('A') ?? types.get('AAAA') ?? types.get('CNAME')!]));
}

/** Route 53's weighted split: weight / sum, all 0 → equal; a simple set takes everything. */
function shares(sets: readonly RecordSet[]): number[] {
  const total = sets.reduce((sum, set) => sum + (set.weight ?? 0), 0);
  return sets.map((set) => (total > 0 ? (set.weight ?? 0) / total : 1 / sets.length));
}

/** The base response time of a group in a minute (seeded). */
export function baseResponseMs(seed: number, groupArn: string, at: number): number {
  const minute = Math.floor(at / MINUTE_MS);
  return BASE_RESPONSE_MS * (0.85 + 0.3 * prng(hashString(`rt:${groupArn}:${minute}`, seed))());
}

/** The flows at one instant. */
export function flowsAt(directory: TrafficDirectory, at: number, seed: number): Flows {
  const byDns = directory.loadBalancersByDnsName(at);
  const loadBalancers = new Map<string, LoadBalancerFlow>();
  for (const { estate, loadBalancer } of byDns.values())
    loadBalancers.set(loadBalancer.arn, { estate, loadBalancer, requests: 0, unrouted: 0, direct: 0, serviceDemand: 0 });
  const reachedByName = new Set<string>();
  const names: NameFlow[] = [];
  const seen = new Set<string>();
  for (const estate of directory.estates()) {
    for (const zone of estate.route53.zones()) {
      for (const [name, sets] of routingSets(estate.route53.servedRecords(zone, at))) {
        if (seen.has(name)) continue;
        seen.add(name);
        const demand = directory.nameDemandAt(name, at);
        const split = shares(sets);
        let dataCenter = 0;
        const reached = new Set<string>();
        const flowSets = sets.map((set, index) => {
          const target = set.alias ? set.alias.dnsName : set.type === 'CNAME' ? set.values?.[0] : undefined;
          const flow = target === undefined ? undefined : loadBalancers.get(byDns.get(loadBalancerDnsKey(target))?.loadBalancer.arn ?? '');
          if (flow) {
            flow.requests += demand * split[index]!;
            reached.add(flow.loadBalancer.arn);
          } else dataCenter += demand * split[index]!;
          return { set, share: split[index]!, ...(flow ? { loadBalancerArn: flow.loadBalancer.arn } : {}) };
        });
        for (const arn of reached) {
          loadBalancers.get(arn)!.serviceDemand += demand;
          reachedByName.add(arn);
        }
        names.push({ name, zoneId: zone.id, demand, sets: flowSets, dataCenter });
      }
    }
  }
  const groupRequests = new Map<string, { requests: number; loadBalancerArn: string }>();
  for (const flow of loadBalancers.values()) {
    const arn = flow.loadBalancer.arn;
    flow.direct = directory.loadBalancerDemandAt(arn, at) ?? (reachedByName.has(arn) ? 0 : directory.defaultRequestsPerSecond);
    flow.requests += flow.direct;
    flow.serviceDemand += flow.direct;
    const actions = flow.estate.elbv2
      .allListenersOf(arn)
      .map((listener) => flow.estate.elbv2.forwardAt(listener, at))
      .filter((action) => action !== undefined);
    if (actions.length === 0) flow.unrouted = flow.requests;
    for (const action of actions) {
      const perListener = flow.requests / actions.length;
      const total = action.targetGroups.reduce((sum, entry) => sum + entry.weight, 0);
      if (total === 0) flow.unrouted += perListener;
      for (const entry of total === 0 ? [] : action.targetGroups) {
        const current = groupRequests.get(entry.arn) ?? { requests: 0, loadBalancerArn: arn };
        current.requests += (perListener * entry.weight) / total;
        groupRequests.set(entry.arn, current);
      }
    }
  }
  const groups = new Map<string, GroupFlow>();
  for (const estate of directory.estates()) {
    for (const group of estate.elbv2.allTargetGroups()) {
      const use = useAt(group, at);
      if (!use || group.createdAt > at || (group.deletedAt !== undefined && at >= group.deletedAt)) continue;
      const lb = loadBalancers.get(use.loadBalancerArn);
      if (!lb || !alive(lb.loadBalancer, at)) continue;
      const requests = groupRequests.get(group.arn)?.requests ?? 0;
      const share = lb.serviceDemand > 0 ? requests / lb.serviceDemand : 0;
      const percent = share * 100 + 1e-9;
      const health = groupHealth(estate.elbv2, group, at, estate.faults.ofGroup('traffic-unhealthy', group.name));
      const faultErrors = estate.faults
        .activeOnGroup('traffic-errors', group.name, at)
        .filter((fault) => percent >= fault.spec.fromPercent)
        .reduce((sum, fault) => sum + fault.spec.errorPercent / 100, 0);
      const slow = estate.faults.activeOnGroup('traffic-slow', group.name, at).filter((fault) => percent >= fault.spec.fromPercent);
      groups.set(group.arn, {
        estate,
        group,
        loadBalancerArn: use.loadBalancerArn,
        requests,
        share,
        errorRate: health.serving === 0 ? 1 : Math.min(1, BASE_ERROR_RATE + faultErrors),
        responseTimeMs: slow.length > 0 ? Math.max(...slow.map((fault) => fault.spec.responseTimeMs)) : baseResponseMs(seed, group.arn, at),
        healthy: health.healthy,
        unhealthy: health.unhealthy,
      });
    }
  }
  return { names, loadBalancers, groups };
}

/** A target group's minute behind one load balancer: sums over its seconds, and the per-second host counts. */
export interface GroupMinute {
  readonly groupArn: string;
  readonly loadBalancerArn: string;
  requests: number;
  errors: number;
  /** Σ requests × response time (ms). */
  weightedResponseMs: number;
  readonly healthy: number[];
  readonly unhealthy: number[];
}

export interface LoadBalancerMinute {
  requests: number;
  errors: number;
  weightedResponseMs: number;
  /** Of its requests, those its target groups took. */
  groupRequests: number;
}

export interface MinuteTraffic {
  /** Keyed `<group ARN> <load balancer ARN>`. */
  readonly groups: ReadonlyMap<string, GroupMinute>;
  readonly loadBalancers: ReadonlyMap<string, LoadBalancerMinute>;
}

export class TrafficModel {
  readonly #directory: TrafficDirectory;
  readonly #seed: number;
  readonly #minutes = new Map<number, MinuteTraffic>();

  constructor(directory: TrafficDirectory, seed: number) {
    this.#directory = directory;
    this.#seed = seed;
  }

  get seed(): number {
    return this.#seed;
  }

  at(at: number): Flows {
    return flowsAt(this.#directory, at, this.#seed);
  }

  /** The minute starting at `minute` (epoch ms); kept once it has ended by `now`. */
  minute(minute: number, now: number): MinuteTraffic {
    const kept = this.#minutes.get(minute);
    if (kept) return kept;
    const groups = new Map<string, GroupMinute>();
    const loadBalancers = new Map<string, LoadBalancerMinute>();
    for (let second = 0; second < 60; second++) {
      const flows = this.at(minute + second * 1000);
      for (const [arn, flow] of flows.loadBalancers) {
        const entry = loadBalancers.get(arn) ?? { requests: 0, errors: 0, weightedResponseMs: 0, groupRequests: 0 };
        entry.requests += flow.requests;
        loadBalancers.set(arn, entry);
      }
      for (const flow of flows.groups.values()) {
        const key = `${flow.group.arn} ${flow.loadBalancerArn}`;
        const entry = groups.get(key) ?? {
          groupArn: flow.group.arn,
          loadBalancerArn: flow.loadBalancerArn,
          requests: 0,
          errors: 0,
          weightedResponseMs: 0,
          healthy: [],
          unhealthy: [],
        };
        entry.requests += flow.requests;
        entry.errors += flow.requests * flow.errorRate;
        entry.weightedResponseMs += flow.requests * flow.responseTimeMs;
        entry.healthy.push(flow.healthy);
        entry.unhealthy.push(flow.unhealthy);
        groups.set(key, entry);
        const lb = loadBalancers.get(flow.loadBalancerArn);
        if (lb) {
          lb.errors += flow.requests * flow.errorRate;
          lb.weightedResponseMs += flow.requests * flow.responseTimeMs;
          lb.groupRequests += flow.requests;
        }
      }
    }
    const traffic: MinuteTraffic = { groups, loadBalancers };
    if (minute + MINUTE_MS <= now) {
      this.#minutes.set(minute, traffic);
      if (this.#minutes.size > MAX_CACHED_MINUTES) this.#minutes.delete(this.#minutes.keys().next().value!);
    }
    return traffic;
  }
}

const models = new WeakMap<TrafficDirectory, TrafficModel>();

/** The one model of a directory (every account's metrics read the same minutes). */
export function trafficModelOf(directory: TrafficDirectory, seed: number): TrafficModel {
  let model = models.get(directory);
  if (!model) models.set(directory, (model = new TrafficModel(directory, seed)));
  return model;
}
