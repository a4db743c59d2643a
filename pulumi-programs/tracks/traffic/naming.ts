// The names the traffic track gives what it makes, the same on AWS and in the rehearsal, so the cockpit's monitor and
// shift find both alike: the load balancer's and target groups' names (ELBv2: at most 32 letters, digits and hyphens,
// unique in the account and region), the weighted record sets' identifiers, and the protocol a target is spoken to in.
//
// An ELBv2 name is `<instanceId>-<role>-<hash>`: the hash covers the name prefix (two projects may have an instance of
// the same id in one account) and the properties a change of which replaces the resource (the scheme of a load
// balancer; the target type, port and protocol of a target group). A replacement is then made under a new name before
// the old one goes, so the listener moves to the new target group and never points at a deleted one. Loads no provider.
import type { LoadBalancerScheme } from './settings';

export type TargetGroupRole = 'aws' | 'dc';

/** A short, stable hash (FNV-1a, base 36, 6 characters). */
function shortHash(text: string): string {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return hash.toString(36).padStart(7, '0').slice(-6);
}

/** `<instanceId>-<role>-<hash>` within 32 characters of letters, digits and single hyphens. */
function elbName(instanceId: string, role: string, identity: string): string {
  const suffix = `-${role}-${shortHash(identity)}`;
  const base = instanceId
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32 - suffix.length)
    .replace(/-+$/, '');
  // A load balancer's name may not begin with `internal-` (AWS's DNS names of internal load balancers do).
  const name = `${base || 'svc'}${suffix}`;
  return /^internal-/i.test(name) ? `svc-${name}`.slice(0, 32).replace(/-+$/, '') : name;
}

export function loadBalancerName(prefix: string, instanceId: string, scheme: LoadBalancerScheme): string {
  return elbName(instanceId, 'alb', `${prefix}/${instanceId}/alb/${scheme}`);
}

export interface TargetGroupIdentity {
  readonly targetType: 'instance' | 'ip';
  readonly port: number;
  readonly protocol: TargetProtocol;
  /**
   * Given by the rehearsal part only: its ELBv2 has no ModifyTargetGroup, so a new health check path is a new group
   * there (on AWS the path is changed in place, and the group keeps its targets' health).
   */
  readonly healthCheckPath?: string;
}

export function targetGroupName(prefix: string, instanceId: string, role: TargetGroupRole, identity: TargetGroupIdentity): string {
  const path = identity.healthCheckPath === undefined ? '' : `/${identity.healthCheckPath}`;
  return elbName(instanceId, role, `${prefix}/${instanceId}/${role}/${identity.targetType}/${identity.port}/${identity.protocol}${path}`);
}

/** The weighted record sets' identifiers: `<instanceId>-dc` and `<instanceId>-aws`. */
export function setIdentifiersOf(instanceId: string): { readonly dc: string; readonly aws: string } {
  return { dc: `${instanceId}-dc`, aws: `${instanceId}-aws` };
}

export type TargetProtocol = 'HTTP' | 'HTTPS';

/**
 * Targets listening on 443 or 8443 are spoken to in HTTPS (the load balancer does not check their certificates, as ALBs
 * never do), the others in HTTP; health checks use the same protocol.
 */
export function targetProtocolOf(port: number): TargetProtocol {
  return port === 443 || port === 8443 ? 'HTTPS' : 'HTTP';
}

/** The `Name` tag of what the track makes: `<prefix>-<instanceId>-<what>`. */
export function nameTagOf(prefix: string, instanceId: string, what: string): string {
  return `${prefix}-${instanceId}-${what}`;
}
