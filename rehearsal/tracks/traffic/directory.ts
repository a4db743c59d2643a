// What every account's traffic estate shares, as the internet does: users resolve a service's DNS name in whichever
// account's hosted zone holds it and reach a load balancer in whichever account owns it, so the traffic model walks
// every estate at once. Here are the estates, the demand (requests per second per service name, default 20, and a
// load balancer's own demand), and Route 53's propagation delay (global, like Route 53; default 10 s). Every setting
// keeps its history from the instant it was made, so a past minute always reads the same.
import { loadBalancerDnsKey, normalizeDnsName } from './dns-names';
import { ALB_HOSTED_ZONES, type Elbv2Estate, type LoadBalancer } from './elbv2-estate';
import type { Route53Estate } from './route53-estate';
import type { TrafficFaults } from './traffic-faults';

export const DEFAULT_REQUESTS_PER_SECOND = 20;
export const DEFAULT_PROPAGATION_SECONDS = 10;

/** One account's traffic estate. */
export interface TrafficEstate {
  readonly accountId: string;
  readonly route53: Route53Estate;
  readonly elbv2: Elbv2Estate;
  readonly faults: TrafficFaults;
}

interface Setting {
  readonly at: number;
  readonly requestsPerSecond: number;
}

function valueAt(history: readonly Setting[] | undefined, at: number): number | undefined {
  let value: number | undefined;
  for (const setting of history ?? []) {
    if (setting.at > at) break;
    value = setting.requestsPerSecond;
  }
  return value;
}

export const alive = (lb: LoadBalancer, at: number) => lb.createdAt <= at && (lb.deletedAt === undefined || at < lb.deletedAt);

export class TrafficDirectory {
  readonly #estates: TrafficEstate[] = [];
  readonly #nameDemand = new Map<string, Setting[]>();
  readonly #loadBalancerDemand = new Map<string, Setting[]>();
  #propagationSeconds = DEFAULT_PROPAGATION_SECONDS;

  /** `defaultRequestsPerSecond`: the demand of a name or a load balancer whose demand was never set. */
  constructor(readonly defaultRequestsPerSecond: number = DEFAULT_REQUESTS_PER_SECOND) {}

  register(estate: TrafficEstate): void {
    this.#estates.push(estate);
  }

  /** The source account's first, then the others in the order they were first called. */
  estates(): readonly TrafficEstate[] {
    return this.#estates;
  }

  get propagationSeconds(): number {
    return this.#propagationSeconds;
  }

  setPropagationSeconds(seconds: number): void {
    this.#propagationSeconds = seconds;
  }

  /** A service name's demand from `at` on. */
  setNameDemand(name: string, requestsPerSecond: number, at: number): void {
    const key = normalizeDnsName(name);
    this.#nameDemand.set(key, [...(this.#nameDemand.get(key) ?? []), { at, requestsPerSecond }]);
  }

  /** A load balancer's own demand (requests that reach it without a zone's name) from `at` on. */
  setLoadBalancerDemand(arn: string, requestsPerSecond: number, at: number): void {
    this.#loadBalancerDemand.set(arn, [...(this.#loadBalancerDemand.get(arn) ?? []), { at, requestsPerSecond }]);
  }

  nameDemandAt(name: string, at: number): number {
    return valueAt(this.#nameDemand.get(name), at) ?? this.defaultRequestsPerSecond;
  }

  /** Undefined: never set (the default applies when no name routes to the load balancer). */
  loadBalancerDemandAt(arn: string, at: number): number | undefined {
    return valueAt(this.#loadBalancerDemand.get(arn), at);
  }

  /** The names and load balancers whose demand was set, as set last. */
  demandSettings(): { names: Record<string, number>; loadBalancers: Record<string, number> } {
    const last = (map: Map<string, Setting[]>) => Object.fromEntries([...map].map(([key, history]) => [key, history.at(-1)!.requestsPerSecond]));
    return { names: last(this.#nameDemand), loadBalancers: last(this.#loadBalancerDemand) };
  }

  /** The load balancers alive at `at` by DNS name (lower case, no trailing dot), in every account. */
  loadBalancersByDnsName(at: number): Map<string, { estate: TrafficEstate; loadBalancer: LoadBalancer }> {
    const index = new Map<string, { estate: TrafficEstate; loadBalancer: LoadBalancer }>();
    for (const estate of this.#estates)
      for (const loadBalancer of estate.elbv2.allLoadBalancers())
        if (alive(loadBalancer, at)) index.set(loadBalancerDnsKey(loadBalancer.dnsName), { estate, loadBalancer });
    return index;
  }

  /**
   * Whether a Route 53 alias target exists: for a load balancers' hosted zone, whether a load balancer of that zone
   * has the name now; undefined for any other target (not checked).
   */
  aliasTargetExists(hostedZoneId: string, dnsName: string, now: number): boolean | undefined {
    const zones = new Set([
      ...Object.values(ALB_HOSTED_ZONES),
      ...this.#estates.flatMap((estate) => estate.elbv2.allLoadBalancers().map((lb) => lb.canonicalHostedZoneId)),
    ]);
    if (!zones.has(hostedZoneId)) return undefined;
    const found = this.loadBalancersByDnsName(now).get(loadBalancerDnsKey(dnsName));
    return found !== undefined && found.loadBalancer.canonicalHostedZoneId === hostedZoneId;
  }
}
