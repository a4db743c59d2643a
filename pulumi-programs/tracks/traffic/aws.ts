// The traffic track's AWS part of an application-instance stack: the service's Application Load Balancer with its
// target groups and listener (aws-load-balancer.ts), with the route53 split the two weighted record sets of the
// service's name (aws-records.ts), with the eks side the pods on the shared cluster bound to the AWS target group
// (aws-eks.ts), all children of one TrafficService component. Loading this module loads @pulumi/aws and
// @pulumi/kubernetes.
//
// Config: settings.ts (traffic:settings, traffic:awsPercent). Without traffic:settings this part makes nothing and
// exports nothing. Besides, from the stack's own namespace: appPorts (the ec2 side's `port` must be one: the
// application server's security group admits only those), publicSubnetIds (an internet-facing load balancer's subnets:
// explicit, else the network stack's output `publicSubnetIds`; an internal one uses the instance's private subnets).
//
// Splits:
//   route53  the name's weighted sets split the users between the data center and the load balancer, whose listener
//            forwards to the AWS target group;
//   alb      the listener forwards to the on-premises and the AWS target groups, weighted. The name is not this
//            program's (no zone in the settings): it is pointed at the load balancer's DNS name outside the cockpit,
//            which is safe from the first deploy on (at 0 % every request goes on to the data center).
// AWS sides: ec2 (the application server, which app-instance/aws.ts hands the tracks through the seam, registered as an
// instance target on `port`) or eks (pod IPs on `containerPort`, registered by the AWS Load Balancer Controller).
//
// Output `trafficResources` (resources-output.ts), the same shape on the rehearsal target.
import * as pulumi from '@pulumi/pulumi';
import { configValues } from '../../seam/config-values';
import type { AwsInstanceContext, AwsTrackPart, InstanceNetwork } from '../../seam/program-track';
import { TrafficEksSide } from './aws-eks';
import { createTrafficLoadBalancer, type AwsTargets } from './aws-load-balancer';
import { createWeightedRecords } from './aws-records';
import { setIdentifiersOf } from './naming';
import { loadBalancerDimensionOf, targetGroupOutputOf, type TrafficResources } from './resources-output';
import { eksSideOf, readTrafficTrack, serviceRecordType, SETTINGS_KEY, weightsOf, type TrafficTrack } from './settings';

export const TRAFFIC_SERVICE_TYPE = 'cockpit:migration:TrafficService';

/** The application server's ports when the stack's config leaves appPorts out (app-instance/aws.ts's default). */
const DEFAULT_APP_PORTS = [443];

export interface TrafficAwsOutputs {
  /** The service's split and AWS resources, for the monitor and the shift. */
  readonly trafficResources: pulumi.Output<TrafficResources>;
}

export interface TrafficAwsSettings extends TrafficTrack {
  /** The load balancer's subnets. */
  readonly subnetIds: pulumi.Input<string[]>;
}

/** Reads and checks the track's config, creating nothing; undefined without traffic:settings. Throws naming the key. */
export function readTrafficAwsSettings(
  projectConfig: pulumi.Config,
  network: InstanceNetwork,
  trafficConfig: pulumi.Config = new pulumi.Config('traffic'),
): TrafficAwsSettings | undefined {
  const track = readTrafficTrack(trafficConfig, projectConfig);
  if (!track) return undefined;
  const { settings } = track;
  const values = configValues(projectConfig);
  if (!eksSideOf(settings)) {
    const appPorts = values.numberList('appPorts') ?? DEFAULT_APP_PORTS;
    if (!appPorts.includes(settings.port))
      throw new Error(
        `${SETTINGS_KEY}: port ${settings.port} is not one of the application server's ports (${projectConfig.name}:appPorts: ${appPorts.join(', ')}): ` +
          'its security group would not let the load balancer in. Use one of them, or add it to appPorts',
      );
  }
  const subnetIds =
    settings.scheme === 'internal' ? network.subnetIds : network.fromNetwork('publicSubnetIds', 'publicSubnetIds', values.stringList('publicSubnetIds'));
  return { ...track, subnetIds };
}

/** The parent of everything the track makes for one service. */
class TrafficService extends pulumi.ComponentResource {
  constructor(name: string) {
    super(TRAFFIC_SERVICE_TYPE, name, {});
  }

  finish(outputs: TrafficAwsOutputs): TrafficAwsOutputs {
    this.registerOutputs(outputs);
    return outputs;
  }
}

/** Creates the service's load balancer, its AWS side and (route53) its weighted records; returns the output. */
export function deployTrafficAws(prepared: TrafficAwsSettings, context: AwsInstanceContext): TrafficAwsOutputs {
  const { settings, awsPercent } = prepared;
  const { instanceId, prefix, tags, network } = context;
  const eks = eksSideOf(settings);
  const server = context.server;
  let awsTargets: AwsTargets;
  if (eks) awsTargets = { kind: 'eks', containerPort: eks.containerPort };
  else if (server) awsTargets = { kind: 'ec2', serverId: server.serverId, port: settings.port };
  else throw new Error(`${SETTINGS_KEY}: aws.ec2 sends the service's AWS share to the stack's application server, and this deploy has none`);

  const weights = weightsOf(awsPercent);
  const component = new TrafficService(`${instanceId}-traffic`);
  const trafficTags = { ...tags, 'cockpit:traffic-service': settings.service };
  const balancer = createTrafficLoadBalancer(
    {
      instanceId,
      prefix,
      tags: trafficTags,
      vpcId: network.vpcId,
      subnetIds: prepared.subnetIds,
      allowedCidrs: [...(server?.allowedCidrs ?? []), network.vpcCidr()],
      scheme: settings.scheme,
      port: settings.port,
      healthCheckPath: settings.healthCheckPath,
      awsTargets,
      ...(settings.split === 'alb' ? { dataCenter: { ...settings.dataCenter, weights } } : {}),
    },
    component,
  );

  if (eks) {
    new TrafficEksSide(
      `${instanceId}-traffic-eks`,
      {
        instanceId,
        eks,
        port: settings.port,
        healthCheckPath: settings.healthCheckPath,
        targetGroupArn: balancer.awsTargetGroup.arn,
        loadBalancerSecurityGroupId: balancer.securityGroup.id,
      },
      { parent: component },
    );
  }

  const route53 = settings.route53;
  const type = serviceRecordType(settings);
  const records = route53
    ? createWeightedRecords(
        { instanceId, settings, zoneId: route53.zoneId, ttl: route53.ttl, type, weights, loadBalancer: balancer.loadBalancer, after: [balancer.listener] },
        component,
      )
    : undefined;

  const trafficResources = pulumi
    .all([
      balancer.loadBalancer.arn,
      balancer.loadBalancer.dnsName,
      balancer.listener.arn,
      balancer.awsTargetGroup.arn,
      balancer.dcTargetGroup?.arn,
      records?.recordName,
    ])
    .apply(([loadBalancerArn, dnsName, listenerArn, awsArn, dcArn, recordName]): TrafficResources => ({
      split: settings.split,
      service: settings.service,
      awsPercent,
      ...(route53 && recordName !== undefined
        ? { route53: { zoneId: route53.zoneId, recordName, recordType: type, ttl: route53.ttl, setIdentifiers: setIdentifiersOf(instanceId) } }
        : {}),
      loadBalancer: { arn: loadBalancerArn, dnsName, dimension: loadBalancerDimensionOf(loadBalancerArn) },
      listenerArn,
      targetGroups: { aws: targetGroupOutputOf(awsArn), ...(dcArn !== undefined ? { dc: targetGroupOutputOf(dcArn) } : {}) },
    }));
  return component.finish({ trafficResources });
}

export const trafficAws: AwsTrackPart<Partial<TrafficAwsOutputs>> = {
  id: 'traffic',
  prepare: (config, network) => {
    const settings = readTrafficAwsSettings(config, network);
    if (!settings) return () => ({});
    return (context) => deployTrafficAws(settings, context);
  },
};
