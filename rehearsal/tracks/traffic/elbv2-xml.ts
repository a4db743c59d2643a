// ELBv2's answer elements (API 2015-12-01) as @aws-sdk/client-elastic-load-balancing-v2 reads them: LoadBalancer,
// TargetGroup, Listener (with its forward action: `TargetGroupArn` when it forwards to one group, and always the
// ForwardConfig with every group's weight, as ELBv2 answers), TargetHealthDescription. Lists are `<member>` lists.
import { escapeXml, xmlElement, xmlList, xmlText } from '../../kernel/xml';
import type { ForwardAction, Listener, LoadBalancer, Target, TargetGroup } from './elbv2-estate';
import type { TargetHealth } from './target-health';

export const ELBV2_XMLNS = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';

const iso = (ms: number) => new Date(ms).toISOString();

export function loadBalancerXml(lb: LoadBalancer): string {
  return [
    xmlText('LoadBalancerArn', lb.arn),
    xmlText('DNSName', lb.dnsName),
    xmlText('CanonicalHostedZoneId', lb.canonicalHostedZoneId),
    xmlText('CreatedTime', iso(lb.createdAt)),
    xmlText('LoadBalancerName', lb.name),
    xmlText('Scheme', lb.scheme),
    xmlElement('State', xmlText('Code', 'active')),
    xmlText('Type', 'application'),
    xmlList(
      'AvailabilityZones',
      'member',
      lb.availabilityZones,
      (zone) => xmlText('ZoneName', zone.zone) + xmlText('SubnetId', zone.subnetId) + '<LoadBalancerAddresses/>',
    ),
    xmlList('SecurityGroups', 'member', lb.securityGroups, escapeXml),
    xmlText('IpAddressType', lb.ipAddressType),
  ].join('');
}

/** `loadBalancerArns`: the load balancers whose listeners forward to the group now. */
export function targetGroupXml(group: TargetGroup, loadBalancerArns: readonly string[]): string {
  const check = group.healthCheck;
  return [
    xmlText('TargetGroupArn', group.arn),
    xmlText('TargetGroupName', group.name),
    xmlText('Protocol', group.protocol),
    xmlText('Port', group.port),
    xmlText('VpcId', group.vpcId),
    xmlText('HealthCheckProtocol', check.protocol),
    xmlText('HealthCheckPort', check.port),
    xmlText('HealthCheckEnabled', check.enabled),
    xmlText('HealthCheckIntervalSeconds', check.intervalSeconds),
    xmlText('HealthCheckTimeoutSeconds', check.timeoutSeconds),
    xmlText('HealthyThresholdCount', check.healthyThreshold),
    xmlText('UnhealthyThresholdCount', check.unhealthyThreshold),
    xmlText('HealthCheckPath', check.path),
    xmlElement('Matcher', xmlText('HttpCode', check.matcher)),
    xmlList('LoadBalancerArns', 'member', loadBalancerArns, escapeXml),
    xmlText('TargetType', group.targetType),
    xmlText('ProtocolVersion', group.protocolVersion),
    xmlText('IpAddressType', group.ipAddressType),
  ].join('');
}

function forwardXml(action: ForwardAction): string {
  const stickiness = action.stickiness ?? { enabled: false };
  return [
    xmlText('Type', 'forward'),
    xmlText('TargetGroupArn', action.targetGroups.length === 1 ? action.targetGroups[0]!.arn : undefined),
    xmlText('Order', action.order),
    xmlElement('ForwardConfig', [
      xmlList('TargetGroups', 'member', action.targetGroups, (entry) => xmlText('TargetGroupArn', entry.arn) + xmlText('Weight', entry.weight)),
      xmlElement('TargetGroupStickinessConfig', [xmlText('Enabled', stickiness.enabled), xmlText('DurationSeconds', stickiness.durationSeconds)]),
    ]),
  ].join('');
}

export function listenerXml(listener: Listener): string {
  return [
    xmlText('ListenerArn', listener.arn),
    xmlText('LoadBalancerArn', listener.loadBalancerArn),
    xmlText('Port', listener.port),
    xmlText('Protocol', listener.protocol),
    listener.certificates.length > 0 ? xmlList('Certificates', 'member', listener.certificates, (arn) => xmlText('CertificateArn', arn)) : '',
    xmlText('SslPolicy', listener.sslPolicy),
    xmlList('DefaultActions', 'member', [listener.action], forwardXml),
  ].join('');
}

export function targetHealthXml(group: TargetGroup, target: Pick<Target, 'id' | 'port' | 'availabilityZone'>, health: TargetHealth): string {
  return [
    xmlElement('Target', [xmlText('Id', target.id), xmlText('Port', target.port), xmlText('AvailabilityZone', target.availabilityZone)]),
    xmlText('HealthCheckPort', group.healthCheck.port === 'traffic-port' ? String(target.port) : group.healthCheck.port),
    xmlElement('TargetHealth', [xmlText('State', health.state), xmlText('Reason', health.reason), xmlText('Description', health.description)]),
  ].join('');
}
