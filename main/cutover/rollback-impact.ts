// What rolling a wave back would lose, per stack, said before the operator confirms. Pure.
//
// A stack whose traffic never moved to AWS loses nothing. For one whose traffic moved, each track's loss estimate
// (its runbook part's `lossEstimate`, in registration order) may answer from the run's start snapshot — DMS: nothing
// when a fallback reverse task carries the writes back, else the writes at the rate journaled at the start. When no
// track answers, the stack loses the writes made on AWS since the switch, and how many is unknown.
import type { RollbackImpactView } from '../api/contract';
import type { MigrationPlan } from '../plan/model';
import type { ImpactClock } from '../seam/runbook-part';
import type { RunbookCatalog } from './catalog';
import type { RunState } from './ledger';

export type { ImpactClock } from '../seam/runbook-part';

export function rollbackImpact(run: RunState, plan: MigrationPlan, clock: ImpactClock, catalog: RunbookCatalog): RollbackImpactView[] {
  if (run.finalized) return [];
  if (run.rollbacks.at(-1)?.status === 'succeeded') return [];
  if (!run.steps.some((step) => step.attempt > 0)) return [];
  const stackIds = run.wave?.stackIds ?? plan.waves.find((wave) => wave.id === run.waveId)?.stackIds ?? [];
  const switchedAt = switchTimes(run, catalog);
  return stackIds.map((stackId) => {
    const switched = switchedAt.get(stackId) ?? null;
    if (!switched)
      return {
        stackId,
        loss: 'none',
        switchedAt: null,
        estimatedRows: null,
        basis: 'traffic never moved to AWS for this stack: nothing written on AWS to lose',
      };
    const since = `since traffic moved at ${clockOf(switched)}`;
    for (const { decl: estimate } of catalog.lossEstimates) {
      const known = estimate({ stackId, switchedAt: switched, since, atStart: run.snapshotAtStart, plan, clock });
      if (known) return { stackId, switchedAt: switched, ...known };
    }
    return {
      stackId,
      loss: 'writes',
      switchedAt: switched,
      estimatedRows: null,
      basis: `loses every write made on AWS ${since}; no write rate was recorded at the cutover's start, so how many is unknown`,
    };
  });
}

/** When each stack's traffic moved: the end (or, while it runs, the start) of the move-traffic step (pulumi-up) that reached it. */
function switchTimes(run: RunState, catalog: RunbookCatalog): Map<string, string> {
  const times = new Map<string, string>();
  for (const step of run.steps) {
    if (!step.def.action || step.attempt === 0 || catalog.actions.get(step.def.action.type)?.decl.role !== 'move-traffic') continue;
    const at = step.finishedAt ?? step.startedAt;
    if (!at) continue;
    const recorded = Array.isArray(step.details.stacks) ? (step.details.stacks as string[]) : null;
    const reached = step.targets
      .filter((target) => target.status === 'succeeded' || target.status === 'running' || target.status === 'failed')
      .map((target) => target.stackId);
    for (const stackId of reached.length > 0 ? reached : (recorded ?? [])) if (!times.has(stackId)) times.set(stackId, at);
  }
  return times;
}

function clockOf(iso: string): string {
  return `${iso.slice(11, 19)} UTC`;
}
