// A run's clocks: T-minus and elapsed, the downtime budget, a step's time left, the window.
import type { CutoverRunView, CutoverStepView } from '../../../../main/api/contract';
import { formatClock } from '../format';

/** 3723000 -> "01:02:03", 90061000 -> "1 d 01:01:01"; negative values are shown by their magnitude. */
export function formatHms(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const hms = [hours, minutes, seconds].map((part) => String(part).padStart(2, '0')).join(':');
  return days > 0 ? `${days} d ${hms}` : hms;
}

export type RunClock =
  | { readonly kind: 'none' }
  /** Before the run: to the window's start (negative once the window opened). */
  | { readonly kind: 't-minus'; readonly ms: number; readonly label: string; /** The window's start (ISO, UTC). */ readonly windowStart: string }
  /** Since the run started (to its end once it ended). */
  | { readonly kind: 'elapsed'; readonly ms: number; readonly label: string };

export const parse = (iso: string | null | undefined): number | null => {
  if (!iso) return null;
  const time = Date.parse(iso);
  return Number.isFinite(time) ? time : null;
};

/** The run's main clock at `coreNow` (ms, the core's time). */
export function runClock(run: CutoverRunView, coreNow: number, windowStart: string | null = null): RunClock {
  const started = parse(run.startedAt);
  if (run.runId !== null && started !== null) {
    const end = parse(run.finishedAt) ?? coreNow;
    const ms = Math.max(0, end - started);
    return { kind: 'elapsed', ms, label: `${run.finishedAt ? 'Took' : 'Elapsed'} ${formatHms(ms)}` };
  }
  const windowIso = run.clock.windowStart ?? windowStart;
  const start = parse(windowIso);
  if (start === null || windowIso === null) return { kind: 'none' };
  const ms = start - coreNow;
  return { kind: 't-minus', ms, label: ms >= 0 ? `T−${formatHms(ms)}` : `T+${formatHms(ms)} (window open)`, windowStart: windowIso };
}

export interface Downtime {
  readonly started: boolean;
  readonly ended: boolean;
  readonly usedMs: number;
  readonly budgetMs: number;
  /** budget - used; negative when exceeded. */
  readonly remainingMs: number;
  readonly exceeded: boolean;
  readonly label: string;
}

/** The downtime budget at `coreNow`: what is left of it, or by how much it is exceeded. */
export function downtime(run: CutoverRunView, coreNow: number): Downtime {
  const budgetMs = run.clock.downtimeBudgetMinutes * 60_000;
  const from = parse(run.clock.downtimeStartedAt);
  const to = parse(run.clock.downtimeEndedAt);
  const usedMs = from === null ? 0 : Math.max(0, (to ?? coreNow) - from);
  const remainingMs = budgetMs - usedMs;
  // Said in whole seconds, used and left from the same count (each rounded alone, 4:36 + 40:23 showed 44:59 of 45:00).
  const shownUsedMs = Math.floor(usedMs / 1000) * 1000;
  const shownLeftMs = budgetMs - shownUsedMs;
  const exceeded = shownLeftMs < 0;
  // "used X of Y" first: an operator reports how much of the budget is gone, not only what is left. Before the
  // downtime starts only the budget is known: said as the budget, never as downtime.
  // Once the downtime ended nothing is "left": the figure is final, said as what it was and what it spared.
  const ended = to !== null;
  const used = `Downtime ${ended ? 'was' : 'used'} ${formatHms(shownUsedMs)} of its ${formatHms(budgetMs)} budget`;
  const label =
    from === null
      ? `Downtime budget ${formatHms(budgetMs)} (downtime not started)`
      : exceeded
        ? `${used}, exceeded by ${formatHms(shownLeftMs)}`
        : `${used}, ${formatHms(shownLeftMs)} ${ended ? 'to spare' : 'left'}`;
  return { started: from !== null, ended, usedMs, budgetMs, remainingMs, exceeded, label: `${label}${rollbackAfterSuccess(run, coreNow)}` };
}

/**
 * A succeeded run's downtime ended when it did; rolling it back later moves users again, which the budget (the
 * cutover's) does not count: said, so an operator does not report the run's figure as the whole outage.
 */
function rollbackAfterSuccess(run: CutoverRunView, coreNow: number): string {
  const rollback = run.rollback;
  if (!rollback || run.status !== 'succeeded' || run.clock.downtimeStartedAt === null) return '';
  const started = parse(rollback.startedAt);
  if (started === null) return '';
  const ended = parse(rollback.finishedAt);
  const span = `${formatHms(Math.max(0, (ended ?? coreNow) - started))}, from ${formatClock(rollback.startedAt)}${ended !== null ? ` to ${formatClock(rollback.finishedAt!)}` : ''} UTC`;
  return `; the rollback after it (${span}) is not counted`;
}

/** A running or waiting step's time left until its timeout at `coreNow` (negative once over), or null. */
export function stepTimeLeft(step: CutoverStepView, coreNow: number): number | null {
  if ((step.status !== 'running' && step.status !== 'waiting') || step.timeoutMinutes === null) return null;
  // A point of no return waits for the operator without a timeout; its timeout counts from when they went past it.
  if (step.pointOfNoReturn && step.status === 'waiting') return null;
  const started = parse(step.startedAt);
  if (started === null) return null;
  const passed = step.pointOfNoReturn ? parse(step.passedPointOfNoReturn?.at ?? null) : null;
  return Math.max(started, passed ?? started) + step.timeoutMinutes * 60_000 - coreNow;
}

/** Whether the run's clocks move (something to tick every second). */
export function clocksTick(run: CutoverRunView): boolean {
  if (run.runId === null) return run.clock.windowStart !== null;
  return run.finishedAt === null || (run.clock.downtimeStartedAt !== null && run.clock.downtimeEndedAt === null);
}

/**
 * Where `now` (the core's time, ms) stands against the wave's cutover window: a start outside it needs an override,
 * as the core rules (main/cutover/runbook.ts, outsideWindow).
 */
export function windowPosition(run: CutoverRunView, now: number): 'before' | 'inside' | 'after' | 'none' {
  const start = run.clock.windowStart === null ? NaN : Date.parse(run.clock.windowStart);
  const end = run.clock.windowEnd === null ? NaN : Date.parse(run.clock.windowEnd);
  if (!Number.isFinite(start) || !Number.isFinite(end)) return 'none';
  if (now < start) return 'before';
  if (now > end) return 'after';
  return 'inside';
}
