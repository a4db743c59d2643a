// The AWS side's Application Load Balancer of a traffic split: its security group, the load balancer, the AWS target
// group (instance targets: the application server, registered here; ip targets: the EKS pods, registered by the AWS
// Load Balancer Controller through the TargetGroupBinding, aws-eks.ts), with the alb split the on-premises target
// group (the data center's addresses as IP targets in AvailabilityZone `all`), and the listener. Loading this module
// loads @pulumi/aws.
//
// The listener's default action forwards: with the alb split to both target groups weighted dc = 100 − p, aws = p
// (`forward.targetGroups`, the API's ForwardConfig), with the route53 split to the AWS target group alone (Route 53's
// weighted sets split the name). A change of traffic:awsPercent changes only those weights: an update of the listener
// in place. It listens in HTTP on `port`: the settings carry no certificate, so TLS to the users stays the data center's
// until one is added.
//
// The security group admits `port` from who may reach the instance's application (the server's allowedCidrs: config,
// else on-premises and the VPC) and the VPC, and lets everything out (health checks and requests to the data center go
// through the transit gateway). An internet-facing load balancer admits the same: its public users are added to
// allowedCidrs.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { HEALTH_CHECK } from './health-check';
import { loadBalancerName, nameTagOf, targetGroupName, targetProtocolOf, type TargetGroupIdentity } from './naming';
import type { LoadBalancerScheme } from './settings';

/** The targets of the AWS target group. */
export type AwsTargets =
  { readonly kind: 'ec2'; readonly serverId: pulumi.Input<string>; readonly port: number } | { readonly kind: 'eks'; readonly containerPort: number };

export interface TrafficLoadBalancerArgs {
  readonly instanceId: string;
  readonly prefix: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly vpcId: pulumi.Input<string>;
  readonly subnetIds: pulumi.Input<string[]>;
  /** Who may reach the listener (duplicates are dropped). */
  readonly allowedCidrs: readonly pulumi.Input<string>[];
  readonly scheme: LoadBalancerScheme;
  readonly port: number;
  readonly healthCheckPath: string;
  readonly awsTargets: AwsTargets;
  /** The alb split's on-premises side, with both weights. */
  readonly dataCenter?: { readonly addresses: readonly string[]; readonly port: number; readonly weights: { dc: number; aws: number } };
}

export interface TrafficLoadBalancer {
  readonly securityGroup: aws.ec2.SecurityGroup;
  readonly loadBalancer: aws.lb.LoadBalancer;
  readonly awsTargetGroup: aws.lb.TargetGroup;
  readonly dcTargetGroup?: aws.lb.TargetGroup;
  readonly listener: aws.lb.Listener;
}

function healthCheckOf(path: string, protocol: string) {
  return {
    enabled: true,
    path,
    port: 'traffic-port',
    protocol,
    interval: HEALTH_CHECK.intervalSeconds,
    timeout: HEALTH_CHECK.timeoutSeconds,
    healthyThreshold: HEALTH_CHECK.healthyThreshold,
    unhealthyThreshold: HEALTH_CHECK.unhealthyThreshold,
    matcher: HEALTH_CHECK.matcher,
  };
}

/** Makes the load balancer and what hangs off it, children of `parent`. */
export function createTrafficLoadBalancer(args: TrafficLoadBalancerArgs, parent: pulumi.Resource): TrafficLoadBalancer {
  const { instanceId, prefix, tags } = args;
  const logical = `${instanceId}-traffic`;
  const opts = { parent };

  const cidrs = pulumi.all([...args.allowedCidrs]).apply((blocks: string[]) => [...new Set(blocks)]);
  const securityGroup = new aws.ec2.SecurityGroup(
    `${logical}-alb-sg`,
    {
      vpcId: args.vpcId,
      description: `Listener of ${nameTagOf(prefix, instanceId, 'alb')}`,
      ingress: [{ protocol: 'tcp', fromPort: args.port, toPort: args.port, cidrBlocks: cidrs, description: `listener port ${args.port}` }],
      egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'], description: 'targets and health checks' }],
      tags: { ...tags, Name: nameTagOf(prefix, instanceId, 'alb-sg') },
    },
    opts,
  );

  const loadBalancer = new aws.lb.LoadBalancer(
    `${logical}-alb`,
    {
      name: loadBalancerName(prefix, instanceId, args.scheme),
      loadBalancerType: 'application',
      internal: args.scheme === 'internal',
      subnets: args.subnetIds,
      securityGroups: [securityGroup.id],
      dropInvalidHeaderFields: true,
      tags: { ...tags, Name: nameTagOf(prefix, instanceId, 'alb') },
    },
    opts,
  );

  const targetGroup = (role: 'aws' | 'dc', identity: TargetGroupIdentity) =>
    new aws.lb.TargetGroup(
      `${logical}-${role}-targets`,
      {
        name: targetGroupName(prefix, instanceId, role, identity),
        targetType: identity.targetType,
        port: identity.port,
        protocol: identity.protocol,
        vpcId: args.vpcId,
        healthCheck: healthCheckOf(args.healthCheckPath, identity.protocol),
        tags: { ...tags, Name: nameTagOf(prefix, instanceId, `${role}-targets`), 'cockpit:traffic-side': role },
      },
      opts,
    );

  const targets = args.awsTargets;
  const awsPort = targets.kind === 'ec2' ? targets.port : targets.containerPort;
  const awsTargetGroup = targetGroup('aws', { targetType: targets.kind === 'ec2' ? 'instance' : 'ip', port: awsPort, protocol: targetProtocolOf(awsPort) });
  const attachments: aws.lb.TargetGroupAttachment[] = [];
  if (targets.kind === 'ec2') {
    attachments.push(
      new aws.lb.TargetGroupAttachment(`${logical}-aws-server`, { targetGroupArn: awsTargetGroup.arn, targetId: targets.serverId, port: targets.port }, opts),
    );
  }

  const dataCenter = args.dataCenter;
  const dcTargetGroup = dataCenter ? targetGroup('dc', { targetType: 'ip', port: dataCenter.port, protocol: targetProtocolOf(dataCenter.port) }) : undefined;
  if (dataCenter && dcTargetGroup) {
    // One attachment per address, named by it: dropping an address removes its target only.
    for (const address of dataCenter.addresses) {
      attachments.push(
        new aws.lb.TargetGroupAttachment(
          `${logical}-dc-target-${address}`,
          { targetGroupArn: dcTargetGroup.arn, targetId: address, port: dataCenter.port, availabilityZone: 'all' },
          opts,
        ),
      );
    }
  }

  const defaultAction =
    dataCenter && dcTargetGroup
      ? {
          type: 'forward',
          forward: {
            targetGroups: [
              { arn: dcTargetGroup.arn, weight: dataCenter.weights.dc },
              { arn: awsTargetGroup.arn, weight: dataCenter.weights.aws },
            ],
          },
        }
      : { type: 'forward', targetGroupArn: awsTargetGroup.arn };
  const listener = new aws.lb.Listener(
    `${logical}-listener`,
    {
      loadBalancerArn: loadBalancer.arn,
      port: args.port,
      protocol: 'HTTP',
      defaultActions: [defaultAction],
      tags: { ...tags, Name: nameTagOf(prefix, instanceId, 'listener') },
    },
    // A new target group (a replacement) takes requests only once its targets are registered in it.
    { ...opts, dependsOn: attachments },
  );

  return { securityGroup, loadBalancer, awsTargetGroup, ...(dcTargetGroup ? { dcTargetGroup } : {}), listener };
}
