// The clients the traffic track's rehearsal operations use: the rehearsal's ELBv2 (awsQuery) and Route 53 (restXml)
// through the real SDK clients, in the stack's account. Each operation takes its `Services`, so tests drive it with
// stand-ins or against the simulator; the providers pass `realServices()`.
//
// Pulumi serializes the providers into the stack's state and runs them later in the provider plugin process, whose
// working folder is the stack's workspace (no node_modules there). So the SDK clients are loaded by the absolute paths
// resolved here, when the program runs; everything else is plain values. The account guard (lib/rehearsal-account.ts)
// is checked before anything is changed.
import { rehearsalSdkSession, type RehearsalAccountGuard } from '../../lib/rehearsal-account';

export type { RehearsalAccountGuard } from '../../lib/rehearsal-account';

/** Where a resource lives: the rehearsal's AWS endpoint, the region, and in a plan with accounts the stack's account. */
export interface Place {
  readonly endpoint: string;
  readonly region: string;
  readonly account?: RehearsalAccountGuard;
}

// ---- The slices of the SDK's aggregated clients the operations use (their inputs and answers as far as read).

export interface LiveLoadBalancer {
  readonly LoadBalancerArn?: string;
  readonly LoadBalancerName?: string;
  readonly DNSName?: string;
  readonly CanonicalHostedZoneId?: string;
  readonly Scheme?: string;
}

export interface LiveTargetGroup {
  readonly TargetGroupArn?: string;
  readonly TargetGroupName?: string;
}

export interface LiveTarget {
  readonly Id?: string;
  readonly Port?: number;
  readonly AvailabilityZone?: string;
}

export interface LiveListener {
  readonly ListenerArn?: string;
  readonly LoadBalancerArn?: string;
  readonly Port?: number;
  readonly DefaultActions?: readonly {
    readonly Type?: string;
    readonly TargetGroupArn?: string;
    readonly ForwardConfig?: { readonly TargetGroups?: readonly { readonly TargetGroupArn?: string; readonly Weight?: number }[] };
  }[];
}

export interface ElbApi {
  createLoadBalancer(input: object): Promise<{ LoadBalancers?: LiveLoadBalancer[] }>;
  describeLoadBalancers(input: { Names?: string[]; LoadBalancerArns?: string[] }): Promise<{ LoadBalancers?: LiveLoadBalancer[] }>;
  deleteLoadBalancer(input: { LoadBalancerArn: string }): Promise<unknown>;
  createTargetGroup(input: object): Promise<{ TargetGroups?: LiveTargetGroup[] }>;
  describeTargetGroups(input: { Names?: string[]; TargetGroupArns?: string[] }): Promise<{ TargetGroups?: LiveTargetGroup[] }>;
  deleteTargetGroup(input: { TargetGroupArn: string }): Promise<unknown>;
  registerTargets(input: { TargetGroupArn: string; Targets: LiveTarget[] }): Promise<unknown>;
  deregisterTargets(input: { TargetGroupArn: string; Targets: LiveTarget[] }): Promise<unknown>;
  describeTargetHealth(input: { TargetGroupArn: string }): Promise<{ TargetHealthDescriptions?: { Target?: LiveTarget }[] }>;
  createListener(input: object): Promise<{ Listeners?: LiveListener[] }>;
  describeListeners(input: { LoadBalancerArn?: string; ListenerArns?: string[] }): Promise<{ Listeners?: LiveListener[] }>;
  modifyListener(input: object): Promise<{ Listeners?: LiveListener[] }>;
  deleteListener(input: { ListenerArn: string }): Promise<unknown>;
}

export interface LiveRecordSet {
  readonly Name?: string;
  readonly Type?: string;
  readonly SetIdentifier?: string;
  readonly Weight?: number;
  readonly TTL?: number;
  readonly ResourceRecords?: readonly { readonly Value?: string }[];
  readonly AliasTarget?: { readonly HostedZoneId?: string; readonly DNSName?: string; readonly EvaluateTargetHealth?: boolean };
}

export interface Route53Api {
  listResourceRecordSets(input: {
    HostedZoneId: string;
    StartRecordName?: string;
    StartRecordType?: string;
    StartRecordIdentifier?: string;
    MaxItems?: number;
  }): Promise<{
    ResourceRecordSets?: LiveRecordSet[];
    IsTruncated?: boolean;
    NextRecordName?: string;
    NextRecordType?: string;
    NextRecordIdentifier?: string;
  }>;
  changeResourceRecordSets(input: { HostedZoneId: string; ChangeBatch: { Comment?: string; Changes: object[] } }): Promise<{ ChangeInfo?: { Id?: string } }>;
}

/** The AWS side in the stack's account: the guard has been checked when this exists. */
export interface AwsSession {
  readonly accountId: string;
  elb(): ElbApi;
  route53(): Route53Api;
}

export interface Services {
  session(place: Place): Promise<AwsSession>;
}

// ---- The real clients, loaded by absolute path in the provider process.

// Resolved when the program runs (CommonJS), captured by value into the serialized providers.
const ELB_SDK_PATH = require.resolve('@aws-sdk/client-elastic-load-balancing-v2');
const ROUTE53_SDK_PATH = require.resolve('@aws-sdk/client-route-53');

/** The SDK clients as the providers use them. */
export function realServices(): Services {
  return {
    async session(place) {
      const { config, accountId } = await rehearsalSdkSession(place);
      return {
        accountId,
        elb() {
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by absolute path in the provider process
          const sdk = require(ELB_SDK_PATH) as { ElasticLoadBalancingV2: new (config: object) => ElbApi };
          return new sdk.ElasticLoadBalancingV2(config);
        },
        route53() {
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by absolute path in the provider process
          const sdk = require(ROUTE53_SDK_PATH) as { Route53: new (config: object) => Route53Api };
          return new sdk.Route53(config);
        },
      };
    },
  };
}

// ---- Shared helpers.

/** Whether the error is one of `names`: the wire's code (LoadBalancerNotFound) or the SDK's class (…Exception). */
export function isNamed(error: unknown, ...names: string[]): boolean {
  return error instanceof Error && names.some((name) => error.name === name || error.name === `${name}Exception`);
}

/** The call's answer, or undefined when it fails with one of `names` (a resource already gone). */
export async function unlessNamed<T>(call: () => Promise<T>, ...names: string[]): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isNamed(error, ...names)) return undefined;
    throw error;
  }
}
