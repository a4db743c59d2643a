// The run's clocks for the wall, with units: the run's elapsed time, where it stands in its cutover window, the
// downtime budget and the point of no return. Derived from the runbook panel's own functions (lib/cutover: runClock,
// downtime, windowPosition) on the core's time, so the wall and the cutover view always say the same.
import type { CutoverRunView, WaveView } from '../../../../main/api/contract';
import { downtime, runClock, windowPosition } from '../../lib/cutover';
import { formatClock, formatWindow } from '../../lib/format';
import { formatUnits } from './units';

export type FactTone = 'ok' | 'warn' | 'bad' | 'neutral';

/** One fact of the wall: a label, its value in large type, a line under it. */
export interface Fact {
  readonly label: string;
  readonly value: string;
  readonly detail: string | null;
  readonly tone: FactTone;
}

/** Less than this share of the budget left: said in amber. */
const BUDGET_LOW_SHARE = 0.2;

const utc = (iso: string) => `${formatClock(iso)} UTC`;

/** The run's elapsed time (how long it took once ended); null before it started. */
export function runFact(run: CutoverRunView, coreNow: number): Fact | null {
  const clock = runClock(run, coreNow);
  if (clock.kind !== 'elapsed' || run.startedAt === null) return null;
  return {
    label: run.finishedAt ? 'Run took' : 'Run elapsed',
    value: formatUnits(clock.ms),
    detail: `started ${utc(run.startedAt)}${run.finishedAt ? `, ended ${utc(run.finishedAt)}` : ''}`,
    tone: 'neutral',
  };
}

/** The cutover window against now: to its opening, how far into it ("1 h 12 min of 4 h"), or since it closed. */
export function windowFact(run: CutoverRunView, wave: Pick<WaveView, 'cutoverWindow'>, coreNow: number): Fact {
  const start = run.clock.windowStart ?? wave.cutoverWindow?.start ?? null;
  const end = run.clock.windowEnd ?? wave.cutoverWindow?.end ?? null;
  if (start === null || end === null) return { label: 'Cutover window', value: 'none in the plan', detail: null, tone: 'neutral' };
  const from = Date.parse(start);
  const to = Date.parse(end);
  const position = windowPosition({ ...run, clock: { ...run.clock, windowStart: start, windowEnd: end } }, coreNow);
  const running = run.finishedAt === null && run.runId !== null;
  switch (position) {
    case 'before':
      return { label: 'Window opens in', value: formatUnits(from - coreNow), detail: formatWindow(start, end), tone: running ? 'warn' : 'neutral' };
    case 'inside':
      return {
        label: 'Into the window',
        value: `${formatUnits(coreNow - from)} of ${formatUnits(to - from)}`,
        detail: `${formatUnits(to - coreNow)} left, closes ${utc(end)}`,
        tone: 'ok',
      };
    case 'after':
      return { label: 'Window closed', value: `${formatUnits(coreNow - to)} ago`, detail: formatWindow(start, end), tone: running ? 'bad' : 'neutral' };
    case 'none':
      return { label: 'Cutover window', value: 'not readable', detail: `${start} – ${end}`, tone: 'neutral' };
  }
}

/** The downtime budget: used of budget and what is left (or by how much it is exceeded), in whole seconds. */
export function downtimeFact(run: CutoverRunView, coreNow: number): Fact {
  const budget = downtime(run, coreNow);
  if (!budget.started) return { label: 'Downtime budget', value: formatUnits(budget.budgetMs), detail: 'downtime not started', tone: 'neutral' };
  // The same whole seconds as the runbook header (clocks.ts downtime): used and left from one count.
  const usedMs = Math.floor(budget.usedMs / 1000) * 1000;
  const leftMs = budget.budgetMs - usedMs;
  const value = `${formatUnits(usedMs)} of ${formatUnits(budget.budgetMs)}`;
  const label = budget.ended ? 'Downtime was' : 'Downtime used';
  if (budget.exceeded) return { label, value, detail: `exceeded by ${formatUnits(-leftMs)}`, tone: 'bad' };
  const low = !budget.ended && leftMs < budget.budgetMs * BUDGET_LOW_SHARE;
  return { label, value, detail: `${formatUnits(leftMs)} ${budget.ended ? 'to spare' : 'left'}`, tone: budget.ended ? 'ok' : low ? 'warn' : 'ok' };
}

/** The runbook's point of no return: none, ahead, waiting for the wave id, or passed (by whom, when). */
export function noReturnFact(run: CutoverRunView): Fact {
  const index = run.steps.findIndex((step) => step.pointOfNoReturn);
  const step = run.steps[index];
  const label = 'Point of no return';
  if (!step) return { label, value: 'none in this runbook', detail: null, tone: 'neutral' };
  const where = `step ${index + 1}: ${step.name}`;
  if (step.passedPointOfNoReturn)
    return {
      label,
      value: `passed at ${utc(step.passedPointOfNoReturn.at)}`,
      detail: `${where}, by ${step.passedPointOfNoReturn.by}; a rollback can no longer undo it`,
      tone: 'bad',
    };
  if (step.status === 'waiting')
    return { label, value: `reached: step ${index + 1}`, detail: `${step.name}: waits for the wave id typed in the cockpit`, tone: 'warn' };
  // A run that ended before it (aborted, failed) never reached it.
  if (run.finishedAt !== null) return { label, value: 'not reached', detail: where, tone: 'neutral' };
  return { label, value: `ahead: step ${index + 1}`, detail: step.name, tone: 'neutral' };
}
