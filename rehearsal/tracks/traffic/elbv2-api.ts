// ELBv2's API (awsQuery, Version=2015-12-01, what @aws-sdk/client-elastic-load-balancing-v2 sends) over an account's
// Elbv2Estate: load balancers (CreateLoadBalancer, DescribeLoadBalancers by ARNs or names, DeleteLoadBalancer),
// target groups (Create/Describe/DeleteTargetGroup), targets (RegisterTargets, DeregisterTargets,
// DescribeTargetHealth) and listeners (Create/Describe/Modify/DeleteListener, a forward default action with weighted
// target groups). Errors as ELBv2 answers them (`ValidationError`, `LoadBalancerNotFound`, `TargetGroupNotFound`,
// `ListenerNotFound`, `DuplicateLoadBalancerName`, `DuplicateTargetGroupName`, `DuplicateListener`, `ResourceInUse`,
// `InvalidTarget`, `TargetGroupAssociationLimit`; an unknown Action `InvalidAction`), all 400, as `<ErrorResponse>`.
// Not served: network and gateway load balancers, rules, other actions than forward, attributes, tags.
import { queryError, queryResponse } from '../../kernel/aws-query';
import { AwsError } from '../../kernel/errors';
import { decodeToken, encodeToken } from '../../kernel/paging';
import { xmlList, xmlText } from '../../kernel/xml';
import type { QueryInput, QueryServiceDecl } from '../../seam/track-simulator';
import { currentUse, type Elbv2Estate, type ListenerSpec } from './elbv2-estate';
import { arnOf, integer, listenerSpec, loadBalancerSpec, requiredText, structures, targetGroupSpec, targetsOf, text, textList } from './elbv2-form';
import { ELBV2_XMLNS, listenerXml, loadBalancerXml, targetGroupXml, targetHealthXml } from './elbv2-xml';
import { groupHealth, NOT_REGISTERED } from './target-health';
import type { TrafficFaults } from './traffic-faults';

export const ELBV2_VERSION = '2015-12-01';
const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-2016-08';

export function elbv2Service(estate: Elbv2Estate, faults: TrafficFaults, now: () => number): QueryServiceDecl {
  return {
    name: 'elbv2',
    title: 'ELBv2',
    protocol: 'awsQuery',
    version: ELBV2_VERSION,
    throttlingCode: 'Throttling',
    handle: (operation, input, requestId) => queryResponse(ELBV2_XMLNS, operation, handleElbv2(operation, input, estate, faults, now()), requestId),
    error: (error, requestId) => queryError(ELBV2_XMLNS, error, requestId),
  };
}

const members = <T>(name: string, items: readonly T[], write: (item: T) => string) => xmlList(name, 'member', items, write);

/** One page of `items` from the request's Marker and PageSize (1-400), and the NextMarker when more follow. */
function paged<T>(input: QueryInput, kind: string, items: readonly T[]): { page: readonly T[]; nextMarker?: string } {
  const size = integer(input, 'PageSize', 1, 400) ?? 400;
  const marker = text(input, 'Marker');
  const bad = new AwsError('ValidationError', 'The marker is not valid: pass the NextMarker of the previous answer unchanged');
  const start = marker === undefined ? 0 : decodeToken(marker, `elbv2-${kind}`, ['n'], bad).n!;
  const page = items.slice(start, start + size);
  return { page, ...(start + size < items.length ? { nextMarker: encodeToken(`elbv2-${kind}`, { n: start + size }) } : {}) };
}

/** The inner XML of the operation's result. */
export function handleElbv2(operation: string, input: QueryInput, estate: Elbv2Estate, faults: TrafficFaults, now: number): string {
  switch (operation) {
    case 'CreateLoadBalancer':
      return members('LoadBalancers', [estate.createLoadBalancer(loadBalancerSpec(input))], loadBalancerXml);
    case 'DescribeLoadBalancers': {
      const arns = textList(input, 'LoadBalancerArns');
      const names = textList(input, 'Names');
      if (arns && names) throw new AwsError('ValidationError', 'Load balancer names and load balancer ARNs cannot be specified at the same time');
      const all = estate.loadBalancers();
      const wanted = arns?.map((arn) => arnOf('load balancer', arn)) ?? names;
      const found = wanted ? all.filter((lb) => wanted.includes(arns ? lb.arn : lb.name)) : all;
      const missing = wanted?.filter((key) => !found.some((lb) => (arns ? lb.arn : lb.name) === key)) ?? [];
      if (missing.length > 0) throw new AwsError('LoadBalancerNotFound', `Load balancers '[${missing.join(', ')}]' not found`);
      const { page, nextMarker } = paged(input, 'lb', found);
      return members('LoadBalancers', page, loadBalancerXml) + xmlText('NextMarker', nextMarker);
    }
    case 'DeleteLoadBalancer':
      estate.deleteLoadBalancer(arnOf('load balancer', requiredText(input, 'LoadBalancerArn')));
      return '';
    case 'CreateTargetGroup':
      return members('TargetGroups', [estate.createTargetGroup(targetGroupSpec(input))], (group) => targetGroupXml(group, usedBy(group)));
    case 'DescribeTargetGroups': {
      const lbArn = text(input, 'LoadBalancerArn');
      const arns = textList(input, 'TargetGroupArns');
      const names = textList(input, 'Names');
      if ([lbArn, arns, names].filter((given) => given !== undefined).length > 1)
        throw new AwsError('ValidationError', 'Specify at most one of LoadBalancerArn, TargetGroupArns and Names');
      let groups = estate.targetGroups();
      if (lbArn !== undefined) {
        const lb = estate.loadBalancer(arnOf('load balancer', lbArn));
        groups = groups.filter((group) => currentUse(group)?.loadBalancerArn === lb.arn);
      }
      const wanted = arns?.map((arn) => arnOf('target group', arn)) ?? names;
      if (wanted) {
        groups = groups.filter((group) => wanted.includes(arns ? group.arn : group.name));
        const missing = wanted.filter((key) => !groups.some((group) => (arns ? group.arn : group.name) === key));
        if (missing.length > 0) throw new AwsError('TargetGroupNotFound', `Target groups '[${missing.join(', ')}]' not found`);
      }
      const { page, nextMarker } = paged(input, 'tg', groups);
      return members('TargetGroups', page, (group) => targetGroupXml(group, usedBy(group))) + xmlText('NextMarker', nextMarker);
    }
    case 'DeleteTargetGroup':
      estate.deleteTargetGroup(arnOf('target group', requiredText(input, 'TargetGroupArn')));
      return '';
    case 'RegisterTargets': {
      const group = estate.targetGroup(arnOf('target group', requiredText(input, 'TargetGroupArn')));
      estate.registerTargets(group.arn, targetsOf(input, group.targetType, estate.region));
      return '';
    }
    case 'DeregisterTargets': {
      const group = estate.targetGroup(arnOf('target group', requiredText(input, 'TargetGroupArn')));
      estate.deregisterTargets(group.arn, targetsOf(input, group.targetType, estate.region));
      return '';
    }
    case 'DescribeTargetHealth': {
      const group = estate.targetGroup(arnOf('target group', requiredText(input, 'TargetGroupArn')));
      const health = groupHealth(estate, group, now, faults.ofGroup('traffic-unhealthy', group.name));
      const asked = structures(input, 'Targets')?.map((target, index) => ({
        id: requiredText(target, 'Id', `targets.${index + 1}.member.id`),
        port: integer(target, 'Port', 1, 65535, `targets.${index + 1}.member.port`),
      }));
      const descriptions = asked
        ? asked.map((wanted) => {
            const found = health.targets.find((entry) => entry.target.id === wanted.id && (wanted.port === undefined || entry.target.port === wanted.port));
            return found
              ? targetHealthXml(group, found.target, found.health)
              : targetHealthXml(group, { id: wanted.id, port: wanted.port ?? group.port }, NOT_REGISTERED);
          })
        : health.targets.map((entry) => targetHealthXml(group, entry.target, entry.health));
      return members('TargetHealthDescriptions', descriptions, (xml) => xml);
    }
    case 'CreateListener': {
      const lbArn = arnOf('load balancer', requiredText(input, 'LoadBalancerArn'));
      const spec = withPolicy(listenerSpec(input, true) as ListenerSpec);
      return members('Listeners', [estate.createListener(lbArn, spec)], listenerXml);
    }
    case 'DescribeListeners': {
      const lbArn = text(input, 'LoadBalancerArn');
      const arns = textList(input, 'ListenerArns');
      if (lbArn === undefined && arns === undefined) throw new AwsError('ValidationError', 'You must specify either listener ARNs or a load balancer ARN');
      const listeners =
        arns !== undefined
          ? arns.map((arn) => estate.listener(arnOf('listener', arn)))
          : estate.listenersOf(estate.loadBalancer(arnOf('load balancer', lbArn!)).arn);
      const { page, nextMarker } = paged(input, 'listener', listeners);
      return members('Listeners', page, listenerXml) + xmlText('NextMarker', nextMarker);
    }
    case 'ModifyListener': {
      const current = estate.listener(arnOf('listener', requiredText(input, 'ListenerArn')));
      const changes = listenerSpec(input, false);
      // An HTTP listener keeps no certificates or policy; an HTTPS one needs a certificate.
      const merged = withPolicy({ ...current, ...changes });
      const security =
        merged.protocol === 'HTTPS' ? { sslPolicy: merged.sslPolicy, certificates: merged.certificates } : { sslPolicy: undefined, certificates: [] };
      return members('Listeners', [estate.modifyListener(current.arn, { ...changes, ...security })], listenerXml);
    }
    case 'DeleteListener':
      estate.deleteListener(arnOf('listener', requiredText(input, 'ListenerArn')));
      return '';
    default:
      throw new AwsError('InvalidAction', `The action ${operation} is not valid for this web service (the rehearsal's ELBv2).`);
  }
}

/** The load balancers a group is behind now (at most one for an application load balancer's group). */
function usedBy(group: Parameters<typeof currentUse>[0]): string[] {
  const use = currentUse(group);
  return use ? [use.loadBalancerArn] : [];
}

/** An HTTPS listener needs a certificate, and gets ELBv2's default security policy. */
function withPolicy<T extends Pick<ListenerSpec, 'protocol' | 'certificates'> & { sslPolicy?: string }>(spec: T): T {
  if (spec.protocol !== 'HTTPS') return spec;
  if (spec.certificates.length === 0) throw new AwsError('ValidationError', 'A certificate must be specified for HTTPS listeners');
  return { ...spec, sslPolicy: spec.sslPolicy ?? DEFAULT_SSL_POLICY };
}
