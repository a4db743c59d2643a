// What the traffic track's rehearsal resources do in the rehearsal's ELBv2 (awsQuery, the real SDK client): the
// load balancer, a target group with its targets, and the listener whose default action forwards to the groups by
// weight. The AWS part's names and settings (naming.ts, aws-load-balancer.ts), so both targets read alike.
//
// ELBv2 creates are idempotent (the same name and settings answer the existing resource), so a create after a deploy
// that failed half way takes what it made over. A name taken with other settings is refused by ELBv2 and said here.
// Deletes of what is already gone succeed. A target group's targets are updated in place (RegisterTargets for the new,
// DeregisterTargets for the dropped ones); the listener's weights are one ModifyListener with the whole action, as the
// cockpit's shift writes them. Errors are plain Errors (a serialized Error subclass loses its message).
import { isNamed, unlessNamed, type LiveListener, type Place, type Services } from './rehearsal-services';

// ---- The load balancer.

export interface LoadBalancerInputs extends Place {
  readonly name: string;
  readonly scheme: 'internal' | 'internet-facing';
  readonly subnets: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
}

export interface LoadBalancerOutputs extends LoadBalancerInputs {
  readonly arn: string;
  readonly dnsName: string;
  /** The load balancers' hosted zone (what an alias record to it names). */
  readonly canonicalHostedZoneId: string;
}

const tagList = (tags: Readonly<Record<string, string>>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** CreateLoadBalancer (an application load balancer); the same one already there is taken over. */
export async function createLoadBalancer(inputs: LoadBalancerInputs, services: Services): Promise<LoadBalancerOutputs> {
  const elb = (await services.session(inputs)).elb();
  let made;
  try {
    made = await elb.createLoadBalancer({
      Name: inputs.name,
      Type: 'application',
      Scheme: inputs.scheme,
      IpAddressType: 'ipv4',
      Subnets: [...inputs.subnets],
      Tags: tagList(inputs.tags),
    });
  } catch (error) {
    if (isNamed(error, 'DuplicateLoadBalancerName'))
      throw new Error(`a load balancer named ${inputs.name} exists already with other settings: it is not this stack's (delete it, or rename the instance)`, {
        cause: error,
      });
    throw error;
  }
  const lb = made.LoadBalancers?.[0];
  if (!lb?.LoadBalancerArn || !lb.DNSName || !lb.CanonicalHostedZoneId)
    throw new Error(`CreateLoadBalancer ${inputs.name} answered without its ARN and DNS name`);
  return { ...inputs, arn: lb.LoadBalancerArn, dnsName: lb.DNSName, canonicalHostedZoneId: lb.CanonicalHostedZoneId };
}

export async function loadBalancerExists(props: LoadBalancerOutputs, services: Services): Promise<boolean> {
  const elb = (await services.session(props)).elb();
  const found = await unlessNamed(() => elb.describeLoadBalancers({ LoadBalancerArns: [props.arn] }), 'LoadBalancerNotFound');
  return (found?.LoadBalancers ?? []).length > 0;
}

/** DeleteLoadBalancer (its listeners go with it); one already gone is fine. */
export async function deleteLoadBalancer(props: LoadBalancerOutputs, services: Services): Promise<void> {
  const elb = (await services.session(props)).elb();
  await unlessNamed(() => elb.deleteLoadBalancer({ LoadBalancerArn: props.arn }), 'LoadBalancerNotFound');
}

// ---- A target group and its targets.

export interface HealthCheckSettings {
  readonly path: string;
  readonly protocol: 'HTTP' | 'HTTPS';
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
  readonly matcher: string;
}

export interface TargetSpec {
  readonly id: string;
  readonly port: number;
  /** `all` for an IP address outside the VPC (the data center's). */
  readonly availabilityZone?: string;
}

export interface TargetGroupInputs extends Place {
  readonly name: string;
  readonly targetType: 'instance' | 'ip';
  readonly port: number;
  readonly protocol: 'HTTP' | 'HTTPS';
  readonly vpcId: string;
  readonly healthCheck: HealthCheckSettings;
  readonly targets: readonly TargetSpec[];
  readonly tags: Readonly<Record<string, string>>;
}

export interface TargetGroupOutputs extends TargetGroupInputs {
  readonly arn: string;
}

const targetKey = (target: { readonly id: string; readonly port: number }) => `${target.id}:${target.port}`;
const asTarget = (target: TargetSpec) => ({
  Id: target.id,
  Port: target.port,
  ...(target.availabilityZone ? { AvailabilityZone: target.availabilityZone } : {}),
});

/** CreateTargetGroup (the same one already there is taken over), then RegisterTargets. */
export async function createTargetGroup(inputs: TargetGroupInputs, services: Services): Promise<TargetGroupOutputs> {
  const elb = (await services.session(inputs)).elb();
  const check = inputs.healthCheck;
  let made;
  try {
    made = await elb.createTargetGroup({
      Name: inputs.name,
      TargetType: inputs.targetType,
      Protocol: inputs.protocol,
      ProtocolVersion: 'HTTP1',
      Port: inputs.port,
      VpcId: inputs.vpcId,
      IpAddressType: 'ipv4',
      HealthCheckEnabled: true,
      HealthCheckProtocol: check.protocol,
      HealthCheckPort: 'traffic-port',
      HealthCheckPath: check.path,
      HealthCheckIntervalSeconds: check.intervalSeconds,
      HealthCheckTimeoutSeconds: check.timeoutSeconds,
      HealthyThresholdCount: check.healthyThreshold,
      UnhealthyThresholdCount: check.unhealthyThreshold,
      Matcher: { HttpCode: check.matcher },
      Tags: tagList(inputs.tags),
    });
  } catch (error) {
    if (isNamed(error, 'DuplicateTargetGroupName'))
      throw new Error(`a target group named ${inputs.name} exists already with other settings: it is not this stack's (delete it, or rename the instance)`, {
        cause: error,
      });
    throw error;
  }
  const arn = made.TargetGroups?.[0]?.TargetGroupArn;
  if (!arn) throw new Error(`CreateTargetGroup ${inputs.name} answered without an ARN`);
  if (inputs.targets.length > 0) await elb.registerTargets({ TargetGroupArn: arn, Targets: inputs.targets.map(asTarget) });
  return { ...inputs, arn };
}

/** The targets as ELBv2 has them now: the new ones registered, the dropped ones deregistered (they drain). */
export async function updateTargets(olds: TargetGroupOutputs, news: TargetGroupInputs, services: Services): Promise<TargetGroupOutputs> {
  const elb = (await services.session(news)).elb();
  const live = await elb.describeTargetHealth({ TargetGroupArn: olds.arn });
  const registered = new Set((live.TargetHealthDescriptions ?? []).map(({ Target }) => `${Target?.Id ?? ''}:${Target?.Port ?? ''}`));
  const wanted = new Set(news.targets.map(targetKey));
  const added = news.targets.filter((target) => !registered.has(targetKey(target)));
  const dropped = olds.targets.filter((target) => !wanted.has(targetKey(target)) && registered.has(targetKey(target)));
  if (added.length > 0) await elb.registerTargets({ TargetGroupArn: olds.arn, Targets: added.map(asTarget) });
  if (dropped.length > 0) await elb.deregisterTargets({ TargetGroupArn: olds.arn, Targets: dropped.map(({ id, port }) => ({ Id: id, Port: port })) });
  return { ...news, arn: olds.arn };
}

export async function targetGroupExists(props: TargetGroupOutputs, services: Services): Promise<boolean> {
  const elb = (await services.session(props)).elb();
  const found = await unlessNamed(() => elb.describeTargetGroups({ TargetGroupArns: [props.arn] }), 'TargetGroupNotFound');
  return (found?.TargetGroups ?? []).length > 0;
}

/** DeleteTargetGroup (its targets go with it); one already gone is fine. */
export async function deleteTargetGroup(props: TargetGroupOutputs, services: Services): Promise<void> {
  const elb = (await services.session(props)).elb();
  await unlessNamed(() => elb.deleteTargetGroup({ TargetGroupArn: props.arn }), 'TargetGroupNotFound');
}

// ---- The listener.

export interface WeightedGroup {
  readonly targetGroupArn: string;
  /** Absent: the only group, forwarded to without weights (the route53 split). */
  readonly weight?: number;
}

export interface ListenerInputs extends Place {
  readonly loadBalancerArn: string;
  readonly port: number;
  readonly protocol: 'HTTP';
  readonly forward: readonly WeightedGroup[];
  readonly tags: Readonly<Record<string, string>>;
}

export interface ListenerOutputs extends ListenerInputs {
  readonly arn: string;
}

/** The default action: a weighted ForwardConfig, or the one target group. */
export function forwardActionOf(forward: readonly WeightedGroup[]): object {
  const [only] = forward;
  if (forward.length === 1 && only && only.weight === undefined) return { Type: 'forward', TargetGroupArn: only.targetGroupArn };
  return {
    Type: 'forward',
    ForwardConfig: { TargetGroups: forward.map((group) => ({ TargetGroupArn: group.targetGroupArn, Weight: group.weight ?? 1 })) },
  };
}

/** CreateListener with the forward action (the same one already there is taken over). */
export async function createListener(inputs: ListenerInputs, services: Services): Promise<ListenerOutputs> {
  const elb = (await services.session(inputs)).elb();
  const made = await elb.createListener({
    LoadBalancerArn: inputs.loadBalancerArn,
    Port: inputs.port,
    Protocol: inputs.protocol,
    DefaultActions: [forwardActionOf(inputs.forward)],
    Tags: tagList(inputs.tags),
  });
  const arn = made.Listeners?.[0]?.ListenerArn;
  if (!arn) throw new Error(`CreateListener on ${inputs.loadBalancerArn}:${inputs.port} answered without an ARN`);
  return { ...inputs, arn };
}

/** ModifyListener with the port, protocol and whole default action: a new percent is one call. */
export async function updateListener(olds: ListenerOutputs, news: ListenerInputs, services: Services): Promise<ListenerOutputs> {
  const elb = (await services.session(news)).elb();
  await elb.modifyListener({ ListenerArn: olds.arn, Port: news.port, Protocol: news.protocol, DefaultActions: [forwardActionOf(news.forward)] });
  return { ...news, arn: olds.arn };
}

/** The listener as ELBv2 has it, or undefined when it is gone. */
export async function readListener(props: ListenerOutputs, services: Services): Promise<LiveListener | undefined> {
  const elb = (await services.session(props)).elb();
  const found = await unlessNamed(() => elb.describeListeners({ ListenerArns: [props.arn] }), 'ListenerNotFound', 'LoadBalancerNotFound');
  return found?.Listeners?.[0];
}

/** The weights a live listener forwards with, in the order of `forward` (what the cockpit's shift may have written). */
export function liveForward(listener: LiveListener, forward: readonly WeightedGroup[]): WeightedGroup[] {
  const action = listener.DefaultActions?.find((candidate) => candidate.Type === 'forward');
  const groups = action?.ForwardConfig?.TargetGroups;
  if (!groups) return [...forward];
  return forward.map((group) => {
    const live = groups.find((candidate) => candidate.TargetGroupArn === group.targetGroupArn);
    return group.weight === undefined || live?.Weight === undefined ? group : { ...group, weight: live.Weight };
  });
}

/** DeleteListener; one already gone (with its load balancer) is fine. */
export async function deleteListener(props: ListenerOutputs, services: Services): Promise<void> {
  const elb = (await services.session(props)).elb();
  await unlessNamed(() => elb.deleteListener({ ListenerArn: props.arn }), 'ListenerNotFound');
}
