// A target's health at any instant, as ELBv2's health checks would have it, from the target's history, the group's
// use by a load balancer and the `traffic-unhealthy` faults: `unused` while no listener forwards to the group;
// `initial` (Elb.RegistrationInProgress) for HealthyThresholdCount × interval after it was registered or the group
// came into use; then `healthy`; `unhealthy` (Target.ResponseCodeMismatch) from UnhealthyThresholdCount × interval
// after a fault begins until HealthyThresholdCount × interval after it ends; `draining`
// (Target.DeregistrationInProgress) for the deregistration delay after it was deregistered, then gone. A pure
// function of time, so any past second reads the same.
import { useAt, type Elbv2Estate, type Target, type TargetGroup } from './elbv2-estate';
import type { FaultWindow } from './traffic-faults';

export type TargetState = 'initial' | 'healthy' | 'unhealthy' | 'unused' | 'draining' | 'unavailable';

export interface TargetHealth {
  readonly state: TargetState;
  readonly reason?: string;
  readonly description?: string;
}

export interface GroupHealth {
  /** Every target registered or draining at the instant, in registration order. */
  readonly targets: readonly { readonly target: Target; readonly health: TargetHealth }[];
  readonly healthy: number;
  readonly unhealthy: number;
  /** Targets that take requests (healthy, or checks disabled). */
  readonly serving: number;
}

const INITIAL: TargetHealth = { state: 'initial', reason: 'Elb.RegistrationInProgress', description: 'Target registration is in progress' };
const UNUSED: TargetHealth = {
  state: 'unused',
  reason: 'Target.NotInUse',
  description: 'Target group is not configured to receive traffic from the load balancer',
};
const DRAINING: TargetHealth = { state: 'draining', reason: 'Target.DeregistrationInProgress', description: 'Target deregistration is in progress' };
const UNHEALTHY: TargetHealth = { state: 'unhealthy', reason: 'Target.ResponseCodeMismatch', description: 'Health checks failed with these codes: [503]' };
const DISABLED: TargetHealth = { state: 'unavailable', reason: 'Target.HealthCheckDisabled', description: 'Health checks are disabled' };
const HEALTHY: TargetHealth = { state: 'healthy' };
export const NOT_REGISTERED: TargetHealth = { state: 'unused', reason: 'Target.NotRegistered', description: 'Target is not registered to the target group' };

/**
 * The target's health at `at` (undefined: not registered then, or gone). `index`: its place among the group's
 * registered targets at `at` (a `traffic-unhealthy` fault with `targets: n` fails the first n).
 */
export function targetHealth(
  group: TargetGroup,
  target: Target,
  index: number,
  at: number,
  faults: readonly FaultWindow<'traffic-unhealthy'>[],
): TargetHealth | undefined {
  if (at < target.registeredAt) return undefined;
  if (target.deregisteredAt !== undefined && at >= target.deregisteredAt) return at < (target.goneAt ?? target.deregisteredAt) ? DRAINING : undefined;
  const use = useAt(group, at);
  if (!use) return UNUSED;
  if (!group.healthCheck.enabled) return DISABLED;
  const intervalMs = group.healthCheck.intervalSeconds * 1000;
  const healthyAfter = Math.max(target.registeredAt, use.from) + group.healthCheck.healthyThreshold * intervalMs;
  if (at < healthyAfter) return INITIAL;
  for (const fault of faults) {
    if (fault.spec.targets !== undefined && index >= fault.spec.targets) continue;
    const failingFrom = Math.max(fault.from + group.healthCheck.unhealthyThreshold * intervalMs, healthyAfter);
    const failingUntil = fault.until === undefined ? Infinity : fault.until + group.healthCheck.healthyThreshold * intervalMs;
    if (at >= failingFrom && at < failingUntil) return UNHEALTHY;
  }
  return HEALTHY;
}

/** Every target's health in the group at `at`, with the counts CloudWatch publishes. */
export function groupHealth(estate: Elbv2Estate, group: TargetGroup, at: number, faults: readonly FaultWindow<'traffic-unhealthy'>[]): GroupHealth {
  const registered = estate.registeredTargets(group, at);
  const targets: { target: Target; health: TargetHealth }[] = [];
  for (const target of group.targets) {
    const health = targetHealth(group, target, registered.indexOf(target), at, faults);
    if (health) targets.push({ target, health });
  }
  const count = (state: TargetState) => targets.filter((entry) => entry.health.state === state).length;
  return { targets, healthy: count('healthy'), unhealthy: count('unhealthy'), serving: count('healthy') + count('unavailable') };
}
