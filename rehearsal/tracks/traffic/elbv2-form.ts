// Reading ELBv2's awsQuery input (the form unflattened by the kernel: strings, structures and lists) into typed
// specs, with the checks ELBv2 makes on the request itself: members' types and ranges (`ValidationError` "1 validation
// error detected: Value … at '<member>' failed to satisfy constraint: …"), names, ARNs, subnet and VPC ids, target ids,
// a forward action's target groups and weights (0-999). Existence and conflicts are the estate's (elbv2-estate.ts).
import { AwsError, validationError } from '../../kernel/errors';
import type { QueryInput } from '../../seam/track-simulator';
import type { ForwardAction, HealthCheck, ListenerSpec, LoadBalancerSpec, TargetGroupSpec } from './elbv2-estate';
import { isIpv4 } from './route53-records';

const invalid = (field: string, constraint: string, value: unknown = null) => validationError(field, constraint, value, 'ValidationError');
const fail = (message: string) => new AwsError('ValidationError', message);

/** `Targets` → `targets`, as AWS names members in its messages. */
const field = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

export function text(input: QueryInput, name: string, at = field(name)): string | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(at, 'Member must be a single value');
  return value;
}

export function requiredText(input: QueryInput, name: string, at = field(name)): string {
  const value = text(input, name, at);
  if (value === undefined || value === '') throw invalid(at, 'Member must not be null');
  return value;
}

export function integer(input: QueryInput, name: string, min: number, max: number, at = field(name)): number | undefined {
  const value = text(input, name, at);
  if (value === undefined) return undefined;
  if (!/^-?\d{1,10}$/.test(value)) throw invalid(at, 'Member must be an integer', value);
  const number = Number(value);
  if (number < min) throw invalid(at, `Member must have value greater than or equal to ${min}`, value);
  if (number > max) throw invalid(at, `Member must have value less than or equal to ${max}`, value);
  return number;
}

export function flag(input: QueryInput, name: string, at = field(name)): boolean | undefined {
  const value = text(input, name, at);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw invalid(at, 'Member must be true or false', value);
  return value === 'true';
}

export function enumeration<T extends string>(input: QueryInput, name: string, allowed: readonly T[], fallback: T, at = field(name)): T {
  const value = text(input, name, at);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw invalid(at, `Member must satisfy enum value set: [${allowed.join(', ')}]`, value);
  return value as T;
}

export function list(input: QueryInput, name: string, at = field(name)): unknown[] | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalid(at, 'Member must be a list (<name>.member.<n>)');
  return value;
}

export function textList(input: QueryInput, name: string, at = field(name)): string[] | undefined {
  return list(input, name, at)?.map((item, index) => {
    if (typeof item !== 'string') throw invalid(`${at}.${index + 1}.member`, 'Member must be a single value');
    return item;
  });
}

export function structure(value: unknown, at: string): QueryInput {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(at, 'Member must be a structure');
  return value as QueryInput;
}

export function structures(input: QueryInput, name: string, at = field(name)): QueryInput[] | undefined {
  return list(input, name, at)?.map((item, index) => structure(item, `${at}.${index + 1}.member`));
}

const NAME = /^(?!-)[A-Za-z0-9-]{1,32}(?<!-)$/;

function resourceName(kind: 'Load balancer' | 'Target group', name: string): string {
  if (name.length > 32) throw fail(`${kind} name '${name}' cannot be longer than '32' characters`);
  if (!/^[A-Za-z0-9-]+$/.test(name)) throw fail(`${kind} name '${name}' can only contain characters that are alphanumeric characters or hyphens(-)`);
  if (!NAME.test(name)) throw fail(`${kind} name '${name}' cannot begin or end with '-'`);
  if (kind === 'Load balancer' && name.startsWith('internal-')) throw fail(`Load balancer name '${name}' cannot begin with 'internal-'`);
  return name;
}

const ARN = (resource: string) => new RegExp(`^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:${resource}$`);
const ARNS = {
  'load balancer': ARN('loadbalancer/app/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}'),
  'target group': ARN('targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}'),
  listener: ARN('listener/app/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}/[0-9a-f]{16}'),
};

/** An ARN of the kind, or ValidationError "'<arn>' is not a valid <kind> ARN". */
export function arnOf(kind: keyof typeof ARNS, value: string): string {
  if (!ARNS[kind].test(value)) throw fail(`'${value}' is not a valid ${kind} ARN`);
  return value;
}

export function loadBalancerSpec(input: QueryInput): LoadBalancerSpec {
  const name = resourceName('Load balancer', requiredText(input, 'Name'));
  const type = enumeration(input, 'Type', ['application', 'network', 'gateway'], 'application');
  if (type !== 'application') throw fail(`The rehearsal's ELBv2 serves application load balancers, not '${type}'`);
  const mapped = structures(input, 'SubnetMappings')?.map((mapping, index) => requiredText(mapping, 'SubnetId', `subnetMappings.${index + 1}.member.subnetId`));
  const subnets = [...new Set([...(textList(input, 'Subnets') ?? []), ...(mapped ?? [])])];
  for (const subnet of subnets) if (!/^subnet-[0-9a-f]{8,17}$/.test(subnet)) throw new AwsError('SubnetNotFound', `The subnet ID '${subnet}' is not valid`);
  if (subnets.length < 2) throw fail('At least two subnets in two different Availability Zones must be specified');
  const securityGroups = textList(input, 'SecurityGroups') ?? [];
  for (const group of securityGroups)
    if (!/^sg-[0-9a-f]{8,17}$/.test(group)) throw new AwsError('InvalidSecurityGroup', `The security group '${group}' does not exist`);
  return {
    name,
    scheme: enumeration(input, 'Scheme', ['internet-facing', 'internal'], 'internet-facing'),
    ipAddressType: enumeration(input, 'IpAddressType', ['ipv4', 'dualstack'], 'ipv4'),
    subnets,
    securityGroups,
  };
}

export function targetGroupSpec(input: QueryInput): TargetGroupSpec {
  const name = resourceName('Target group', requiredText(input, 'Name'));
  const targetType = enumeration(input, 'TargetType', ['instance', 'ip', 'lambda', 'alb'], 'instance');
  if (targetType !== 'instance' && targetType !== 'ip') throw fail(`The rehearsal's ELBv2 serves target groups of type instance and ip, not '${targetType}'`);
  const protocolText = text(input, 'Protocol');
  if (protocolText === undefined) throw fail('A protocol must be specified');
  const protocol = enumeration(input, 'Protocol', ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'GENEVE'], 'HTTP');
  if (protocol !== 'HTTP' && protocol !== 'HTTPS')
    throw fail(`The rehearsal's ELBv2 serves HTTP and HTTPS target groups (application load balancers), not '${protocol}'`);
  const port = integer(input, 'Port', 1, 65535);
  if (port === undefined) throw fail('A port must be specified');
  const vpcId = text(input, 'VpcId');
  if (vpcId === undefined) throw fail('A VPC ID must be specified');
  if (!/^vpc-[0-9a-f]{8,17}$/.test(vpcId)) throw fail(`The VPC ID '${vpcId}' is not found`);
  return {
    name,
    protocol,
    protocolVersion: enumeration(input, 'ProtocolVersion', ['HTTP1', 'HTTP2', 'GRPC'], 'HTTP1'),
    port,
    vpcId,
    targetType,
    ipAddressType: enumeration(input, 'IpAddressType', ['ipv4', 'ipv6'], 'ipv4'),
    healthCheck: healthCheck(input, protocol),
  };
}

function healthCheck(input: QueryInput, protocol: 'HTTP' | 'HTTPS'): HealthCheck {
  const port = text(input, 'HealthCheckPort') ?? 'traffic-port';
  if (port !== 'traffic-port' && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535))
    throw fail(`Health check port '${port}' must be 'traffic-port' or a port 1-65535`);
  const path = text(input, 'HealthCheckPath') ?? '/';
  if (!path.startsWith('/') || path.length > 1024)
    throw invalid('healthCheckPath', 'Member must start with / and have length less than or equal to 1024', path);
  const intervalSeconds = integer(input, 'HealthCheckIntervalSeconds', 5, 300) ?? 30;
  const timeoutSeconds = integer(input, 'HealthCheckTimeoutSeconds', 2, 120) ?? 5;
  if (timeoutSeconds >= intervalSeconds) throw fail(`Health check timeout '${timeoutSeconds}' must be smaller than the interval '${intervalSeconds}'`);
  const matcherInput = input.Matcher === undefined ? undefined : structure(input.Matcher, 'matcher');
  const matcher = (matcherInput && text(matcherInput, 'HttpCode', 'matcher.httpCode')) ?? '200';
  if (!/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/.test(matcher)) throw fail(`Health check matcher HTTP code '${matcher}' must be like 200, 200-399 or 200,302`);
  return {
    protocol: enumeration(input, 'HealthCheckProtocol', ['HTTP', 'HTTPS'], protocol),
    port,
    enabled: flag(input, 'HealthCheckEnabled') ?? true,
    path,
    intervalSeconds,
    timeoutSeconds,
    healthyThreshold: integer(input, 'HealthyThresholdCount', 2, 10) ?? 5,
    unhealthyThreshold: integer(input, 'UnhealthyThresholdCount', 2, 10) ?? 2,
    matcher,
  };
}

/** `Targets.member.n.{Id,Port,AvailabilityZone}`, checked against the group's target type. */
export function targetsOf(input: QueryInput, targetType: 'instance' | 'ip', region: string): { id: string; port?: number; availabilityZone?: string }[] {
  const targets = structures(input, 'Targets');
  if (!targets || targets.length === 0) throw invalid('targets', 'Member must not be null');
  return targets.map((target, index) => {
    const at = `targets.${index + 1}.member`;
    const id = requiredText(target, 'Id', `${at}.id`);
    const port = integer(target, 'Port', 1, 65535, `${at}.port`);
    const availabilityZone = text(target, 'AvailabilityZone', `${at}.availabilityZone`);
    if (targetType === 'instance' && !/^i-[0-9a-f]{8,17}$/.test(id)) throw new AwsError('InvalidTarget', `The target ID '${id}' is not a valid instance ID`);
    if (targetType === 'ip') {
      if (!isIpv4(id)) throw fail(`The IP address '${id}' is not a valid IPv4 address`);
      if (!isPrivate(id)) throw new AwsError('InvalidTarget', `The IP address '${id}' is publicly routable: ip targets must be private (RFC 1918 or RFC 6598)`);
    }
    if (availabilityZone === 'all' && targetType !== 'ip') throw fail("The Availability Zone 'all' can be given for targets of type ip only");
    if (availabilityZone !== undefined && availabilityZone !== 'all' && !new RegExp(`^${region}[a-z]$`).test(availabilityZone))
      throw fail(`The Availability Zone '${availabilityZone}' is not in ${region}`);
    return { id, ...(port !== undefined ? { port } : {}), ...(availabilityZone !== undefined ? { availabilityZone } : {}) };
  });
}

function isPrivate(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number) as [number, number];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

/** A listener's DefaultActions: one `forward` action, its groups from TargetGroupArn and/or ForwardConfig. */
export function forwardActionOf(input: QueryInput): ForwardAction {
  const actions = structures(input, 'DefaultActions');
  if (!actions || actions.length === 0) throw invalid('defaultActions', 'Member must not be null');
  if (actions.length > 1) throw fail("The rehearsal's ELBv2 serves listeners with one default action, a forward action");
  const action = actions[0]!;
  const at = 'defaultActions.1.member';
  const type = requiredText(action, 'Type', `${at}.type`);
  const types = ['forward', 'authenticate-oidc', 'authenticate-cognito', 'redirect', 'fixed-response', 'jwt-validation'];
  if (!types.includes(type)) throw invalid(`${at}.type`, `Member must satisfy enum value set: [${types.join(', ')}]`, type);
  if (type !== 'forward') throw fail(`The rehearsal's ELBv2 serves forward actions, not '${type}'`);
  const single = text(action, 'TargetGroupArn', `${at}.targetGroupArn`);
  const config = action.ForwardConfig === undefined ? undefined : structure(action.ForwardConfig, `${at}.forwardConfig`);
  const tuples = (config && structures(config, 'TargetGroups', `${at}.forwardConfig.targetGroups`)) ?? [];
  const groups = tuples.map((tuple, index) => ({
    arn: arnOf('target group', requiredText(tuple, 'TargetGroupArn', `${at}.forwardConfig.targetGroups.${index + 1}.member.targetGroupArn`)),
    weight: integer(tuple, 'Weight', 0, 999, `${at}.forwardConfig.targetGroups.${index + 1}.member.weight`) ?? 1,
  }));
  if (single === undefined && groups.length === 0) throw fail('A forward action needs a target group ARN or a forward config with target groups');
  if (single !== undefined && groups.length > 0 && (groups.length !== 1 || groups[0]!.arn !== single))
    throw fail('You cannot specify a target group ARN and a forward config with different target groups');
  if (groups.length > 5) throw fail('A forward action can have at most 5 target groups');
  if (new Set(groups.map((group) => group.arn)).size !== groups.length) throw fail('The target groups of a forward action must be unique');
  const stickinessInput =
    config?.TargetGroupStickinessConfig === undefined
      ? undefined
      : structure(config.TargetGroupStickinessConfig, `${at}.forwardConfig.targetGroupStickinessConfig`);
  const stickiness = stickinessInput && {
    enabled: flag(stickinessInput, 'Enabled', `${at}.forwardConfig.targetGroupStickinessConfig.enabled`) ?? false,
    durationSeconds: integer(stickinessInput, 'DurationSeconds', 1, 604_800, `${at}.forwardConfig.targetGroupStickinessConfig.durationSeconds`),
  };
  const order = integer(action, 'Order', 1, 50_000, `${at}.order`);
  return {
    targetGroups: groups.length > 0 ? groups : [{ arn: arnOf('target group', single!), weight: 1 }],
    ...(order !== undefined ? { order } : {}),
    ...(stickiness?.enabled
      ? { stickiness: { enabled: true, ...(stickiness.durationSeconds !== undefined ? { durationSeconds: stickiness.durationSeconds } : {}) } }
      : {}),
  };
}

/** The listener members a CreateListener or ModifyListener gives (all of them for a create). */
export function listenerSpec(input: QueryInput, create: boolean): Partial<ListenerSpec> {
  const protocolGiven = text(input, 'Protocol') !== undefined;
  if (create && !protocolGiven) throw fail('A listener protocol must be specified');
  const protocol = protocolGiven ? enumeration(input, 'Protocol', ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'GENEVE'], 'HTTP') : undefined;
  if (protocol !== undefined && protocol !== 'HTTP' && protocol !== 'HTTPS') throw fail(`Listener protocol '${protocol}' must be one of 'HTTP, HTTPS'`);
  const port = integer(input, 'Port', 1, 65535);
  if (create && port === undefined) throw fail('A listener port must be specified');
  const certificates = structures(input, 'Certificates')?.map((certificate, index) =>
    requiredText(certificate, 'CertificateArn', `certificates.${index + 1}.member.certificateArn`),
  );
  const sslPolicy = text(input, 'SslPolicy');
  const action = create || input.DefaultActions !== undefined ? forwardActionOf(input) : undefined;
  return {
    ...(protocol !== undefined ? { protocol } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(certificates !== undefined || create ? { certificates: certificates ?? [] } : {}),
    ...(sslPolicy !== undefined ? { sslPolicy } : {}),
    ...(action ? { action } : {}),
  };
}
