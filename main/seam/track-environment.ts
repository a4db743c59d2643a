// What every track runtime that reads AWS asks of the loaded plan and the core in the same way: the environment its
// monitor reads (an edit that keeps it keeps the monitor), the data clock of that environment, where a stack's AWS
// calls go (its placement: account and region), the AWS target of a placement and the track's API there, made once.
import { awsTargetIn, awsTargetOf, type AwsTarget } from '../aws/target';
import type { DataClock } from '../monitoring/data-clock';
import type { MigrationPlan, StackModel } from '../plan/model';
import type { TrackContext } from './track';

/** The environment a plan's monitor reads: its AWS settings, its accounts, and an explicit rehearsal endpoint. */
export function monitorEnvironmentOf(plan: MigrationPlan, context: Pick<TrackContext, 'rehearsal'>): string {
  return JSON.stringify([plan.environment.aws, plan.accounts.map((account) => [account.name, account.id, account.role]), context.rehearsal.endpoint ?? null]);
}

/** The clock a plan's data is on: the embedded rehearsal's simulated time when the plan targets it, else `fallback` (tests) or the wall clock. */
export function dataClockFor(plan: MigrationPlan, context: Pick<TrackContext, 'rehearsal'>, fallback?: DataClock): DataClock {
  const embedded = plan.environment.aws.endpoint === 'rehearsal' && !context.rehearsal.endpoint ? context.rehearsal.clock() : undefined;
  return embedded ?? fallback ?? { now: Date.now, rate: 1 };
}

/** Where a stack's AWS calls go: its account (by name; '' without accounts) and region. */
export const placementOf = (stack: Pick<StackModel, 'account' | 'region'>) => `${stack.account?.name ?? ''}/${stack.region}`;

/** The AWS target of a placement (its account's session at the plan's target), or why there is none yet. */
export function placementTarget(
  plan: MigrationPlan,
  placement: string,
  context: Pick<TrackContext, 'rehearsal' | 'accountSessions'>,
): { readonly target: AwsTarget } | { readonly unavailable: string } {
  const resolved = awsTargetOf(plan, context.rehearsal.endpoint ?? context.rehearsal.awsUrl());
  if (!resolved.ok) return { unavailable: resolved.message };
  const stack = [...plan.stacks.values()].find((candidate) => placementOf(candidate) === placement);
  try {
    return { target: stack && stack.account ? awsTargetIn(resolved.target, stack, context.accountSessions(plan.accounts, resolved.target)) : resolved.target };
  } catch (error) {
    return { unavailable: (error as Error).message };
  }
}

/**
 * The track's API at a placement: the one made before (kept in `apis` for the monitor's life), else made now for the
 * placement's target; or why there is none (no target yet, or the API could not be made).
 */
export function placementApi<A>(
  apis: Map<string, A>,
  plan: MigrationPlan,
  placement: string,
  context: Pick<TrackContext, 'rehearsal' | 'accountSessions'>,
  make: (target: AwsTarget) => A,
): A | { readonly unavailable: string } {
  const known = apis.get(placement);
  if (known) return known;
  const found = placementTarget(plan, placement, context);
  if ('unavailable' in found) return found;
  try {
    const made = make(found.target);
    apis.set(placement, made);
    return made;
  } catch (error) {
    return { unavailable: (error as Error).message };
  }
}
