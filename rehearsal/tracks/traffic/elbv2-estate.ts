// One file: the resources' histories refer to one another (a listener's actions name groups, a group's use names its
// load balancer), so their existence rules and their history stay together.
// An account's ELBv2 on the rehearsal clock: application load balancers, target groups with their targets, and
// listeners whose default action forwards to target groups by weight. Everything keeps its history — when a load
// balancer or group was deleted, when a target was registered and deregistered, every listener's actions over time,
// when each group began and stopped receiving traffic — so the traffic model and the metrics can ask about any past
// second and get the same answer. The API layer (elbv2-api.ts) validates the input's shape; this estate answers the
// questions of existence and conflict (not found, duplicate names and ports, a group in use or behind another load
// balancer). Creating the same load balancer, group or listener twice returns the existing one, as ELBv2 does.
import type { RehearsalClock } from '../../kernel/clock';
import { AwsError } from '../../kernel/errors';
import type { IdSource } from './ids';

export interface LoadBalancerSpec {
  readonly name: string;
  readonly scheme: 'internet-facing' | 'internal';
  readonly ipAddressType: 'ipv4' | 'dualstack';
  readonly subnets: readonly string[];
  readonly securityGroups: readonly string[];
}

export interface LoadBalancer extends LoadBalancerSpec {
  readonly arn: string;
  readonly id: string;
  /** `app/<name>/<id>`: the CloudWatch dimension value. */
  readonly dimension: string;
  readonly dnsName: string;
  readonly canonicalHostedZoneId: string;
  readonly availabilityZones: readonly { readonly zone: string; readonly subnetId: string }[];
  readonly createdAt: number;
  deletedAt?: number;
}

export interface HealthCheck {
  readonly protocol: 'HTTP' | 'HTTPS';
  /** 'traffic-port' or a port number. */
  readonly port: string;
  readonly enabled: boolean;
  readonly path: string;
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
  readonly matcher: string;
}

export interface TargetGroupSpec {
  readonly name: string;
  readonly protocol: 'HTTP' | 'HTTPS';
  readonly protocolVersion: 'HTTP1' | 'HTTP2' | 'GRPC';
  readonly port: number;
  readonly vpcId: string;
  readonly targetType: 'instance' | 'ip';
  readonly ipAddressType: 'ipv4' | 'ipv6';
  readonly healthCheck: HealthCheck;
}

export interface Target {
  readonly id: string;
  readonly port: number;
  readonly availabilityZone?: string;
  readonly registeredAt: number;
  deregisteredAt?: number;
  /** When a deregistered target is gone (after draining when the group was in use, else at once). */
  goneAt?: number;
}

/** A span in which a listener of `loadBalancerArn` forwarded to the group. */
export interface UseInterval {
  readonly loadBalancerArn: string;
  readonly from: number;
  until?: number;
}

export interface TargetGroup extends TargetGroupSpec {
  readonly arn: string;
  readonly id: string;
  /** `targetgroup/<name>/<id>`: the CloudWatch dimension value. */
  readonly dimension: string;
  readonly createdAt: number;
  deletedAt?: number;
  /** Seconds a deregistered target drains (the group attribute deregistration_delay.timeout_seconds). */
  readonly deregistrationDelaySeconds: number;
  /** Every registration in order, deregistered ones included. */
  readonly targets: Target[];
  readonly uses: UseInterval[];
}

export interface ForwardAction {
  readonly targetGroups: readonly { readonly arn: string; readonly weight: number }[];
  readonly order?: number;
  /** Kept and answered as given; the traffic model does not pin sessions. */
  readonly stickiness?: { readonly enabled: boolean; readonly durationSeconds?: number };
}

export interface ListenerSpec {
  readonly port: number;
  readonly protocol: 'HTTP' | 'HTTPS';
  readonly sslPolicy?: string;
  readonly certificates: readonly string[];
  readonly action: ForwardAction;
}

export interface Listener extends ListenerSpec {
  readonly arn: string;
  readonly id: string;
  readonly loadBalancerArn: string;
  readonly createdAt: number;
  deletedAt?: number;
  /** Its forward action over time (undefined from its deletion), oldest first. */
  readonly history: { readonly at: number; readonly action: ForwardAction | undefined }[];
}

export interface Elbv2EstateOptions {
  readonly clock: RehearsalClock;
  readonly ids: IdSource;
  readonly region: string;
  readonly accountId: string;
}

/** Application load balancers' hosted zone per region (what an alias to one names); other regions get a stand-in. */
export const ALB_HOSTED_ZONES: Readonly<Record<string, string>> = {
  'us-east-1': 'Z35SXDOTRQ7X7K',
  'us-east-2': 'Z3AADJGX6KTTL2',
  'us-west-1': 'Z368ELLRRE2KJ0',
  'us-west-2': 'Z1H1FL5HABSF5',
  'ca-central-1': 'ZQSVJUPU6J1EY',
  'eu-central-1': 'Z215JYRZR1TBD5',
  'eu-west-1': 'Z32O12XQLNTSW2',
  'eu-west-2': 'ZHURV8PSTC4K8',
  'eu-west-3': 'Z3Q77PNBQS71R4',
  'ap-northeast-1': 'Z14GRHDCWA56QT',
  'ap-northeast-2': 'ZWKZPGTI48KDX',
  'ap-southeast-1': 'Z1LMS91P8CMLE5',
  'ap-southeast-2': 'Z1GM3OXH4ZPM65',
  'ap-south-1': 'ZP97RAFLXTNZK',
  'sa-east-1': 'Z2P70J7HTTTPLU',
};

export class Elbv2Estate {
  readonly accountId: string;
  readonly region: string;
  readonly #options: Elbv2EstateOptions;
  readonly #loadBalancers: LoadBalancer[] = [];
  readonly #targetGroups: TargetGroup[] = [];
  readonly #listeners: Listener[] = [];

  constructor(options: Elbv2EstateOptions) {
    this.#options = options;
    this.accountId = options.accountId;
    this.region = options.region;
  }

  #now(): number {
    return this.#options.clock.now();
  }

  #arn(resource: string): string {
    return `arn:aws:elasticloadbalancing:${this.region}:${this.accountId}:${resource}`;
  }

  /** Live load balancers, in creation order. */
  loadBalancers(): LoadBalancer[] {
    return this.#loadBalancers.filter((lb) => lb.deletedAt === undefined);
  }

  /** Every load balancer that ever was (for metrics of the past). */
  allLoadBalancers(): readonly LoadBalancer[] {
    return this.#loadBalancers;
  }

  loadBalancer(arn: string): LoadBalancer {
    const found = this.loadBalancers().find((lb) => lb.arn === arn);
    if (!found) throw new AwsError('LoadBalancerNotFound', `Load balancer '${arn}' not found`);
    return found;
  }

  createLoadBalancer(spec: LoadBalancerSpec): LoadBalancer {
    const existing = this.loadBalancers().find((lb) => lb.name === spec.name);
    if (existing) {
      if (sameSettings(existing, spec, ['scheme', 'ipAddressType', 'subnets', 'securityGroups'])) return existing;
      throw new AwsError('DuplicateLoadBalancerName', 'A load balancer with the same name exists already, with other settings.');
    }
    const id = this.#options.ids.elbv2('loadbalancer');
    const host = `${spec.scheme === 'internal' ? 'internal-' : ''}${spec.name}-${this.#options.ids.dnsDigits()}`;
    const lb: LoadBalancer = {
      ...spec,
      arn: this.#arn(`loadbalancer/app/${spec.name}/${id}`),
      id,
      dimension: `app/${spec.name}/${id}`,
      dnsName: `${host}.${this.region}.elb.amazonaws.com`,
      canonicalHostedZoneId: ALB_HOSTED_ZONES[this.region] ?? standInZone(this.region),
      availabilityZones: spec.subnets.map((subnetId, index) => ({ zone: `${this.region}${String.fromCharCode(97 + (index % 26))}`, subnetId })),
      createdAt: this.#now(),
    };
    this.#loadBalancers.push(lb);
    return lb;
  }

  /** Deletes the load balancer and its listeners (its groups stay, no longer in use). */
  deleteLoadBalancer(arn: string): void {
    const lb = this.loadBalancer(arn);
    for (const listener of this.listenersOf(arn)) this.#endListener(listener);
    lb.deletedAt = this.#now();
    this.#refreshUses();
  }

  /** Live target groups, in creation order. */
  targetGroups(): TargetGroup[] {
    return this.#targetGroups.filter((group) => group.deletedAt === undefined);
  }

  allTargetGroups(): readonly TargetGroup[] {
    return this.#targetGroups;
  }

  targetGroup(arn: string): TargetGroup {
    const found = this.targetGroups().find((group) => group.arn === arn);
    if (!found) throw new AwsError('TargetGroupNotFound', `Target groups '${arn}' not found`);
    return found;
  }

  createTargetGroup(spec: TargetGroupSpec): TargetGroup {
    const existing = this.targetGroups().find((group) => group.name === spec.name);
    if (existing) {
      if (sameSettings(existing, spec, ['protocol', 'protocolVersion', 'port', 'vpcId', 'targetType', 'ipAddressType', 'healthCheck'])) return existing;
      throw new AwsError('DuplicateTargetGroupName', 'A target group with the same name exists already, with other settings.');
    }
    const id = this.#options.ids.elbv2('targetgroup');
    const group: TargetGroup = {
      ...spec,
      arn: this.#arn(`targetgroup/${spec.name}/${id}`),
      id,
      dimension: `targetgroup/${spec.name}/${id}`,
      createdAt: this.#now(),
      deregistrationDelaySeconds: 300,
      targets: [],
      uses: [],
    };
    this.#targetGroups.push(group);
    return group;
  }

  deleteTargetGroup(arn: string): void {
    const group = this.targetGroup(arn);
    if (currentUse(group)) throw new AwsError('ResourceInUse', `Target group '${arn}' is currently in use by a listener or a rule`);
    group.deletedAt = this.#now();
  }

  /** The targets registered now (not deregistered), in registration order. */
  registeredTargets(group: TargetGroup, at = this.#now()): Target[] {
    return group.targets.filter((target) => target.registeredAt <= at && (target.deregisteredAt === undefined || target.deregisteredAt > at));
  }

  /** Registers targets (one already registered stays as it is; a draining one is registered again). */
  registerTargets(arn: string, targets: readonly { id: string; port?: number; availabilityZone?: string }[]): void {
    const group = this.targetGroup(arn);
    const now = this.#now();
    for (const target of targets) {
      const port = target.port ?? group.port;
      if (this.registeredTargets(group, now).some((registered) => registered.id === target.id && registered.port === port)) continue;
      group.targets.push({ id: target.id, port, ...(target.availabilityZone ? { availabilityZone: target.availabilityZone } : {}), registeredAt: now });
    }
  }

  /** Deregisters targets: they drain for the group's deregistration delay when it is in use, else go at once. */
  deregisterTargets(arn: string, targets: readonly { id: string; port?: number }[]): void {
    const group = this.targetGroup(arn);
    const now = this.#now();
    const registered = this.registeredTargets(group, now);
    const found = targets.map((target) =>
      registered.find((candidate) => candidate.id === target.id && (target.port === undefined || candidate.port === target.port)),
    );
    if (found.some((target) => target === undefined))
      throw new AwsError(
        'InvalidTarget',
        'The specified target does not exist, is not in the same VPC as the target group, or has an unsupported instance type.',
      );
    const draining = currentUse(group) !== undefined;
    for (const target of found) {
      target!.deregisteredAt = now;
      target!.goneAt = draining ? now + group.deregistrationDelaySeconds * 1000 : now;
    }
  }

  /** Live listeners of a load balancer, in creation order. */
  listenersOf(loadBalancerArn: string): Listener[] {
    return this.#listeners.filter((listener) => listener.loadBalancerArn === loadBalancerArn && listener.deletedAt === undefined);
  }

  /** Every listener of a load balancer that ever was. */
  allListenersOf(loadBalancerArn: string): Listener[] {
    return this.#listeners.filter((listener) => listener.loadBalancerArn === loadBalancerArn);
  }

  listener(arn: string): Listener {
    const found = this.#listeners.find((listener) => listener.arn === arn && listener.deletedAt === undefined);
    if (!found) throw new AwsError('ListenerNotFound', `Listener '${arn}' not found`);
    return found;
  }

  createListener(loadBalancerArn: string, spec: ListenerSpec): Listener {
    const lb = this.loadBalancer(loadBalancerArn);
    const existing = this.listenersOf(lb.arn).find((listener) => listener.port === spec.port);
    if (existing) {
      if (sameSettings(existing, spec, ['protocol', 'sslPolicy', 'certificates', 'action'])) return existing;
      throw new AwsError('DuplicateListener', 'A listener with the specified port already exists.');
    }
    this.#checkForward(lb.arn, spec.action);
    const id = this.#options.ids.elbv2('listener');
    const now = this.#now();
    const listener: Listener = {
      ...spec,
      arn: this.#arn(`listener/app/${lb.name}/${lb.id}/${id}`),
      id,
      loadBalancerArn: lb.arn,
      createdAt: now,
      history: [{ at: now, action: spec.action }],
    };
    this.#listeners.push(listener);
    this.#refreshUses();
    return listener;
  }

  /** ModifyListener: what `changes` gives replaces the listener's (the default action whole). */
  modifyListener(arn: string, changes: Partial<ListenerSpec>): Listener {
    const current = this.listener(arn);
    if (changes.port !== undefined && changes.port !== current.port && this.listenersOf(current.loadBalancerArn).some((other) => other.port === changes.port))
      throw new AwsError('DuplicateListener', 'A listener with the specified port already exists.');
    if (changes.action) this.#checkForward(current.loadBalancerArn, changes.action);
    const modified: Listener = { ...current, ...changes, history: current.history };
    if (changes.action) current.history.push({ at: this.#now(), action: changes.action });
    this.#listeners[this.#listeners.indexOf(current)] = modified;
    this.#refreshUses();
    return modified;
  }

  deleteListener(arn: string): void {
    this.#endListener(this.listener(arn));
    this.#refreshUses();
  }

  /** The listener's forward action at `at` (undefined before it existed or after its deletion). */
  forwardAt(listener: Listener, at: number): ForwardAction | undefined {
    let action: ForwardAction | undefined;
    for (const entry of listener.history) {
      if (entry.at > at) break;
      action = entry.action;
    }
    return action;
  }

  #endListener(listener: Listener): void {
    const now = this.#now();
    listener.deletedAt = now;
    listener.history.push({ at: now, action: undefined });
  }

  /** Every group a forward action names exists, and none is behind another load balancer. */
  #checkForward(loadBalancerArn: string, action: ForwardAction): void {
    for (const { arn } of action.targetGroups) {
      const group = this.targetGroup(arn);
      const use = currentUse(group);
      if (use && use.loadBalancerArn !== loadBalancerArn)
        throw new AwsError('TargetGroupAssociationLimit', `The following target groups cannot be associated with more than one load balancer: ${arn}`);
    }
  }

  /** Starts and ends the groups' use intervals to match what the live listeners forward to now. */
  #refreshUses(): void {
    const now = this.#now();
    const used = new Map<string, string>();
    for (const listener of this.#listeners) {
      if (listener.deletedAt !== undefined) continue;
      for (const { arn } of listener.action.targetGroups) used.set(arn, listener.loadBalancerArn);
    }
    for (const group of this.#targetGroups) {
      const use = currentUse(group);
      const by = used.get(group.arn);
      if (use && use.loadBalancerArn !== by) use.until = now;
      if (by !== undefined && (!use || use.loadBalancerArn !== by)) group.uses.push({ loadBalancerArn: by, from: now });
    }
  }
}

/** The group's open use interval (a listener forwards to it now). */
export function currentUse(group: TargetGroup): UseInterval | undefined {
  const last = group.uses.at(-1);
  return last && last.until === undefined ? last : undefined;
}

/** The use interval covering `at`, if any. */
export function useAt(group: TargetGroup, at: number): UseInterval | undefined {
  return group.uses.find((use) => use.from <= at && (use.until === undefined || at < use.until));
}

function sameSettings<T extends object>(existing: T, spec: T, keys: readonly (keyof T)[]): boolean {
  return keys.every((key) => JSON.stringify(existing[key]) === JSON.stringify(spec[key]));
}

/** A hosted zone id of Route 53's shape for a region the table lacks (stable per region). */
function standInZone(region: string): string {
  let hash = 0;
  for (const char of region) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
  return `Z${hash.toString(36).toUpperCase().padStart(13, '0').slice(0, 13)}`;
}
