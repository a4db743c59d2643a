// The traffic track's rehearsal part: what the AWS part makes (aws.ts), stood up for real in the rehearsal environment
// through dynamic resources (rehearsal-resources.ts): in its ELBv2 the load balancer, the AWS target group with its
// targets, with the alb split the on-premises target group (the data center's addresses, AvailabilityZone `all`), and
// the listener forwarding with the weights; with the route53 split, in its Route 53, the two weighted sets of the
// service's name (the first deploy taking over the data center's simple record in one atomic batch, a destroy giving
// the name back to it). Names, settings and the `trafficResources` output are the AWS part's, so the cockpit's monitor
// and shift read both targets alike; `route53.changeId` is the last batch's change, which the cockpit polls.
//
// The rehearsal has no EC2, VPC or EKS: the VPC, subnets, the ec2 side's instance and the eks side's pod addresses are
// the stack's own or stand-ins derived from the stack id (rehearsal-stand-ins.ts), no security group is made, and the
// eks side's Kubernetes objects are not (the pods' stand-ins are registered in the AWS target group, as the controller
// would). Its ELBv2 cannot change a target group's health check, so there a new health check path is a new group.
//
// Config: settings.ts (traffic:settings — without it this part makes nothing —, traffic:awsPercent);
// cockpit:rehearsalAwsEndpoint, which the core writes for the rehearsal; project namespace: namePrefix (the names, as
// on AWS), vpcId, subnetIds, publicSubnetIds (optional here).
import * as pulumi from '@pulumi/pulumi';
import { configValues } from '../../seam/config-values';
import type { RehearsalInstanceContext, RehearsalTrackPart } from '../../seam/program-track';
import { HEALTH_CHECK } from './health-check';
import { loadBalancerName, setIdentifiersOf, targetGroupName, targetProtocolOf } from './naming';
import type { TargetSpec } from './rehearsal-elb-operations';
import { RehearsalListener, RehearsalLoadBalancer, RehearsalTargetGroup, RehearsalWeightedRecords } from './rehearsal-resources';
import { standInNetwork, standInPodAddresses, standInServerId } from './rehearsal-stand-ins';
import { loadBalancerDimensionOf, targetGroupOutputOf, type TrafficResources } from './resources-output';
import { eksSideOf, readTrafficTrack, serviceRecordType, weightsOf } from './settings';

export interface TrafficRehearsalOutputs {
  /** The service's split and rehearsal resources (as on AWS), for the monitor and the shift. */
  readonly trafficResources: pulumi.Output<TrafficResources>;
}

export function deployTrafficRehearsal(
  { cockpit, config, instanceId }: RehearsalInstanceContext,
  trafficConfig: pulumi.Config = new pulumi.Config('traffic'),
): TrafficRehearsalOutputs | undefined {
  const track = readTrafficTrack(trafficConfig, config);
  if (!track) return undefined;
  const { settings, awsPercent } = track;
  const values = configValues(config);
  const explicitSubnets = settings.scheme === 'internal' ? values.stringList('subnetIds') : values.stringList('publicSubnetIds');
  const endpoint = cockpit.rehearsalAwsEndpoint;
  if (!endpoint)
    throw new Error(
      'cockpit:rehearsalAwsEndpoint is not set: the rehearsal environment has no AWS endpoint to create the service’s load balancer and records in',
    );
  const prefix = config.get('namePrefix') ?? pulumi.getProject();
  const place = { endpoint, region: cockpit.region, ...(cockpit.accountGuard ? { account: cockpit.accountGuard } : {}) };
  const standIn = standInNetwork(cockpit.stackId);
  const vpcId = config.get('vpcId') ?? standIn.vpcId;
  const tags = { 'cockpit:stack': cockpit.stackId, 'cockpit:traffic-service': settings.service, ManagedBy: 'migration-cockpit' };
  const weights = weightsOf(awsPercent);

  const loadBalancer = new RehearsalLoadBalancer('traffic-load-balancer', {
    ...place,
    name: loadBalancerName(prefix, instanceId, settings.scheme),
    scheme: settings.scheme,
    subnets: explicitSubnets ?? standIn.subnetIds,
    tags,
  });

  const healthCheck = (port: number) => ({ path: settings.healthCheckPath, protocol: targetProtocolOf(port), ...HEALTH_CHECK });
  const targetGroup = (role: 'aws' | 'dc', targetType: 'instance' | 'ip', port: number, targets: readonly TargetSpec[]) =>
    new RehearsalTargetGroup(`traffic-${role}-targets`, {
      ...place,
      name: targetGroupName(prefix, instanceId, role, { targetType, port, protocol: targetProtocolOf(port), healthCheckPath: settings.healthCheckPath }),
      targetType,
      port,
      protocol: targetProtocolOf(port),
      vpcId,
      healthCheck: healthCheck(port),
      targets,
      tags: { ...tags, 'cockpit:traffic-side': role },
    });

  const eks = eksSideOf(settings);
  const awsGroup = eks
    ? targetGroup(
        'aws',
        'ip',
        eks.containerPort,
        standInPodAddresses(cockpit.stackId, eks.replicas).map((id) => ({ id, port: eks.containerPort })),
      )
    : targetGroup('aws', 'instance', settings.port, [{ id: standInServerId(cockpit.stackId), port: settings.port }]);
  const dcGroup =
    settings.split === 'alb'
      ? targetGroup(
          'dc',
          'ip',
          settings.dataCenter.port,
          settings.dataCenter.addresses.map((id) => ({ id, port: settings.dataCenter.port, availabilityZone: 'all' })),
        )
      : undefined;

  const forward = pulumi.all([awsGroup.arn, dcGroup?.arn]).apply(([awsArn, dcArn]) =>
    dcArn !== undefined
      ? [
          { targetGroupArn: dcArn, weight: weights.dc },
          { targetGroupArn: awsArn, weight: weights.aws },
        ]
      : [{ targetGroupArn: awsArn }],
  );
  const listener = new RehearsalListener('traffic-listener', {
    ...place,
    loadBalancerArn: loadBalancer.arn,
    port: settings.port,
    protocol: 'HTTP',
    forward,
    tags,
  });

  const route53 = settings.route53;
  const type = serviceRecordType(settings);
  const setIdentifiers = setIdentifiersOf(instanceId);
  const records = route53
    ? new RehearsalWeightedRecords(
        'traffic-records',
        {
          ...place,
          zoneId: route53.zoneId,
          service: settings.service,
          type,
          ttl: route53.ttl,
          setIdentifiers,
          dataCenter: settings.dataCenter.addresses,
          loadBalancer: pulumi.all([loadBalancer.dnsName, loadBalancer.canonicalHostedZoneId]).apply(([dnsName, hostedZoneId]) => ({ dnsName, hostedZoneId })),
          weights,
        },
        // Users reach the load balancer only once its listener is there.
        { dependsOn: [listener] },
      )
    : undefined;

  const trafficResources = pulumi
    .all([loadBalancer.arn, loadBalancer.dnsName, listener.arn, awsGroup.arn, dcGroup?.arn, records?.changeId])
    .apply(([loadBalancerArn, dnsName, listenerArn, awsArn, dcArn, changeId]): TrafficResources => ({
      split: settings.split,
      service: settings.service,
      awsPercent,
      ...(route53
        ? {
            route53: {
              zoneId: route53.zoneId,
              recordName: settings.service,
              recordType: type,
              ttl: route53.ttl,
              setIdentifiers,
              ...(changeId !== undefined ? { changeId } : {}),
            },
          }
        : {}),
      loadBalancer: { arn: loadBalancerArn, dnsName, dimension: loadBalancerDimensionOf(loadBalancerArn) },
      listenerArn,
      targetGroups: { aws: targetGroupOutputOf(awsArn), ...(dcArn !== undefined ? { dc: targetGroupOutputOf(dcArn) } : {}) },
    }));
  return { trafficResources };
}

export const trafficRehearsal: RehearsalTrackPart<TrafficRehearsalOutputs> = { id: 'traffic', deploy: (context) => deployTrafficRehearsal(context) };
