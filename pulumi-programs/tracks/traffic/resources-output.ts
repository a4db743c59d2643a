// `trafficResources`, the one output the traffic track adds to a stack, the same on AWS and in the rehearsal: the
// monitor reads the service's AWS resources from it (the load balancer's and target groups' CloudWatch dimensions for
// AWS/ApplicationELB, the listener or the weighted record sets a shift rewrites), and the cockpit polls GetChange with
// the rehearsal's Route 53 change id. Loads no provider.
import type { TrafficSplit } from './settings';

export interface TargetGroupOutput {
  readonly arn: string;
  /** The CloudWatch `TargetGroup` dimension: `targetgroup/<name>/<id>`. */
  readonly dimension: string;
}

export interface TrafficResources {
  readonly split: TrafficSplit;
  /** The service's DNS name. */
  readonly service: string;
  /** The share of requests the deploy weighted to AWS. */
  readonly awsPercent: number;
  /** route53 split only. */
  readonly route53?: {
    readonly zoneId: string;
    readonly recordName: string;
    readonly recordType: 'A' | 'CNAME';
    readonly ttl: number;
    readonly setIdentifiers: { readonly dc: string; readonly aws: string };
    /** The last ChangeResourceRecordSets' id, where the deploy made one itself (the rehearsal's providers). */
    readonly changeId?: string;
  };
  readonly loadBalancer: {
    readonly arn: string;
    readonly dnsName: string;
    /** The CloudWatch `LoadBalancer` dimension: `app/<name>/<id>`. */
    readonly dimension: string;
  };
  readonly listenerArn: string;
  /** `dc` with the alb split only (the on-premises target group). */
  readonly targetGroups: { readonly aws: TargetGroupOutput; readonly dc?: TargetGroupOutput };
}

/** `app/<name>/<id>` from `arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id>`. */
export function loadBalancerDimensionOf(arn: string): string {
  const match = /:loadbalancer\/(app\/[^/]+\/[^/]+)$/.exec(arn);
  if (!match) throw new Error(`'${arn}' is not an Application Load Balancer's ARN (…:loadbalancer/app/<name>/<id>)`);
  return match[1]!;
}

/** `targetgroup/<name>/<id>` from `arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>`. */
export function targetGroupDimensionOf(arn: string): string {
  const match = /:(targetgroup\/[^/]+\/[^/]+)$/.exec(arn);
  if (!match) throw new Error(`'${arn}' is not a target group's ARN (…:targetgroup/<name>/<id>)`);
  return match[1]!;
}

export function targetGroupOutputOf(arn: string): TargetGroupOutput {
  return { arn, dimension: targetGroupDimensionOf(arn) };
}
