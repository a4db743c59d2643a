// What rolling a wave back would lose, per stack, said before the operator confirms. Pure.
//
// A stack whose traffic never moved to AWS loses nothing. A stack with a fallback reverse task (AWS → data center)
// loses nothing either: the rollback starts that task and waits until it has caught up before traffic returns.
// Any other stack whose traffic moved loses the writes made on AWS since the switch. Their number is estimated
// from the application's write rate before the cutover — the mean CDC rows/s the stack's forward tasks applied,
// journaled when the run started — times the time since the switch on the data's clock:
//   estimatedRows = Σ tasks' writeRowsPerSecond × (now − switchedAt) / 1000 × dataClockRate
import type { RollbackImpactView } from '../api/contract';
import type { MigrationPlan } from '../plan/model';
import type { RunState } from './ledger';

export interface ImpactClock {
  /** The core's clock now (ms). */
  readonly now: number;
  /** Data seconds per wall second (1 on AWS; the rehearsal may run faster). */
  readonly dataClockRate: number;
}

export function rollbackImpact(run: RunState, plan: MigrationPlan, clock: ImpactClock): RollbackImpactView[] {
  if (run.finalized) return [];
  if (run.rollbacks.at(-1)?.status === 'succeeded') return [];
  if (!run.steps.some((step) => step.attempt > 0)) return [];
  const stackIds = run.wave?.stackIds ?? plan.waves.find((wave) => wave.id === run.waveId)?.stackIds ?? [];
  const switchedAt = switchTimes(run);
  return stackIds.map((stackId) => {
    const switched = switchedAt.get(stackId) ?? null;
    if (!switched) return { stackId, loss: 'none', switchedAt: null, estimatedRows: null, basis: 'traffic never moved to AWS for this stack: nothing written on AWS to lose' };
    const reverse = plan.stacks.get(stackId)?.fallback?.reverseTaskId;
    if (reverse) {
      return { stackId, loss: 'none', switchedAt: switched, estimatedRows: null, basis: `reverse task ${reverse} carries the writes made on AWS back to the data center before traffic returns` };
    }
    const rate = writeRate(run, stackId);
    const since = `since traffic moved at ${clockOf(switched)}`;
    if (rate === null) {
      return { stackId, loss: 'writes', switchedAt: switched, estimatedRows: null, basis: `loses every write made on AWS ${since}; no write rate was recorded at the cutover's start, so how many is unknown` };
    }
    const seconds = Math.max(0, (clock.now - Date.parse(switched)) / 1000) * clock.dataClockRate;
    const rows = Math.round(rate.rowsPerSecond * seconds);
    return {
      stackId,
      loss: 'writes',
      switchedAt: switched,
      estimatedRows: rows,
      basis: `loses the writes made on AWS ${since}: about ${rows.toLocaleString('en-US')} rows (${formatRate(rate.rowsPerSecond)} applied by ${rate.tasks.join(', ')} before the cutover × ${formatSeconds(seconds)}${clock.dataClockRate !== 1 ? ` on the rehearsal's clock, ${clock.dataClockRate}× real time` : ''})`,
    };
  });
}

/** When each stack's traffic moved: the end (or, while it runs, the start) of the pulumi-up step that deployed it. */
function switchTimes(run: RunState): Map<string, string> {
  const times = new Map<string, string>();
  for (const step of run.steps) {
    if (step.def.action?.type !== 'pulumi-up' || step.attempt === 0) continue;
    const at = step.finishedAt ?? step.startedAt;
    if (!at) continue;
    const recorded = Array.isArray(step.details.stacks) ? (step.details.stacks as string[]) : null;
    const reached = step.targets.filter((target) => target.status === 'succeeded' || target.status === 'running' || target.status === 'failed').map((target) => target.stackId);
    for (const stackId of reached.length > 0 ? reached : (recorded ?? [])) if (!times.has(stackId)) times.set(stackId, at);
  }
  return times;
}

/** The stack's write rate at the run's start: the sum of its tasks' journaled mean CDC rows/s. */
function writeRate(run: RunState, stackId: string): { rowsPerSecond: number; tasks: string[] } | null {
  let sum = 0;
  const tasks: string[] = [];
  for (const task of run.dmsAtStart ?? []) {
    if (task.stackId !== stackId || typeof task.writeRowsPerSecond !== 'number') continue;
    sum += task.writeRowsPerSecond;
    tasks.push(typeof task.taskId === 'string' ? task.taskId : String(task.taskKey));
  }
  return tasks.length > 0 ? { rowsPerSecond: sum, tasks } : null;
}

/** Mean of a series' values over its last `windowMs` (its own clock): the write rate to journal at a run's start. */
export function meanOfRecent(points: readonly (readonly [number, number])[], windowMs: number): number | null {
  const last = points.at(-1);
  if (!last) return null;
  let sum = 0;
  let count = 0;
  for (let i = points.length - 1; i >= 0 && points[i]![0] >= last[0] - windowMs; i--) {
    sum += points[i]![1];
    count++;
  }
  return count > 0 ? sum / count : null;
}

function clockOf(iso: string): string {
  return `${iso.slice(11, 19)} UTC`;
}

function formatRate(rowsPerSecond: number): string {
  return `${rowsPerSecond >= 10 ? Math.round(rowsPerSecond).toLocaleString('en-US') : rowsPerSecond.toFixed(1)} rows/s`;
}

function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
