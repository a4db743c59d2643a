// Pure helpers of the runbook panel: its clocks (T-minus, elapsed, downtime budget), which controls a run allows,
// the compensations a rollback is expected to run (the core decides; this is what the confirmation lists), and who
// started, confirmed or finalized a run in words.
import type { CutoverRunView, CutoverStepView, RunActorView, WaveReadinessView } from '../../../main/api/contract';
import { awsCallerShort } from './journal-actor';

/** The contract's rule for an override reason (trimmed). */
export const MIN_OVERRIDE_REASON = 10;

export function isOverrideReasonValid(reason: string): boolean {
  return reason.trim().length >= MIN_OVERRIDE_REASON;
}

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
  | { readonly kind: 't-minus'; readonly ms: number; readonly label: string }
  /** Since the run started (to its end once it ended). */
  | { readonly kind: 'elapsed'; readonly ms: number; readonly label: string };

const parse = (iso: string | null | undefined): number | null => {
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
  const start = parse(run.clock.windowStart ?? windowStart);
  if (start === null) return { kind: 'none' };
  const ms = start - coreNow;
  return { kind: 't-minus', ms, label: ms >= 0 ? `T−${formatHms(ms)}` : `T+${formatHms(ms)} (window open)` };
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
  const exceeded = remainingMs < 0;
  // "used X of Y" first: an operator reports how much of the budget is gone, not only what is left.
  const used = `used ${formatHms(usedMs)} of ${formatHms(budgetMs)}`;
  const label = from === null ? `${formatHms(budgetMs)} (not started)` : exceeded ? `${used}, exceeded by ${formatHms(remainingMs)}` : `${used}, ${formatHms(remainingMs)} left`;
  return { started: from !== null, ended: to !== null, usedMs, budgetMs, remainingMs, exceeded, label };
}

/** A running or waiting step's time left until its timeout at `coreNow` (negative once over), or null. */
export function stepTimeLeft(step: CutoverStepView, coreNow: number): number | null {
  if ((step.status !== 'running' && step.status !== 'waiting') || step.timeoutMinutes === null) return null;
  const started = parse(step.startedAt);
  if (started === null) return null;
  return started + step.timeoutMinutes * 60_000 - coreNow;
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

export interface RunControls {
  readonly start: boolean;
  /** Start is possible, but the wave is not ready or outside its cutover window: only with an override. */
  readonly startNeedsOverride: boolean;
  readonly pause: boolean;
  readonly resume: boolean;
  readonly retry: boolean;
  readonly abort: boolean;
  readonly rollback: boolean;
  /** The manual step waiting for its confirmation, if any. */
  readonly waitingStepId: string | null;
}

/** Which controls the run allows now (the core's state rules; the core still has the last word). */
export function runControls(run: CutoverRunView, readiness: WaveReadinessView | undefined, pending: boolean, now = Date.now()): RunControls {
  const rollingBack = run.rollback?.status === 'running';
  const startable = !pending && !rollingBack && ['not-started', 'succeeded', 'aborted'].includes(run.status);
  const position = windowPosition(run, now);
  const ready = readiness?.ready === true && (position === 'inside' || position === 'none');
  const anyRan = run.steps.some((step) => step.attempt > 0);
  const waiting = run.steps.find((step) => step.status === 'waiting');
  return {
    start: startable && ready,
    startNeedsOverride: startable && !ready,
    pause: !pending && run.status === 'running',
    // Resume while pausing withdraws the pause.
    resume: !pending && (run.status === 'paused' || run.status === 'pausing'),
    retry: !pending && run.status === 'failed' && run.rollback === null && run.steps.some((step) => step.status === 'failed'),
    abort: !pending && ['running', 'pausing', 'paused', 'failed'].includes(run.status),
    rollback: !pending && !rollingBack && run.runId !== null && anyRan && !['running', 'pausing'].includes(run.status),
    waitingStepId: !pending && run.status === 'running' && waiting ? waiting.id : null,
  };
}

export const STEP_TYPE_LABELS: Record<CutoverStepView['type'], string> = {
  manual: 'Manual',
  'freeze-check': 'Automated: freeze check',
  'stop-replication': 'Automated: stop replication',
  'pulumi-up': 'Automated: Pulumi up',
  register: 'Automated: register',
  'http-check': 'Automated: HTTP check',
};

export const RUN_STATUS_LABELS: Record<CutoverRunView['status'], string> = {
  'not-started': 'Not started',
  running: 'Running',
  pausing: 'Pausing (the running step ends first)',
  paused: 'Paused',
  failed: 'Failed',
  succeeded: 'Succeeded',
  aborted: 'Aborted',
};

const OPERATOR_KEY = 'cockpit.cutover.operator';

/** The last name used to confirm a step (kept in localStorage), or ''. */
export function storedOperator(): string {
  try {
    return globalThis.localStorage?.getItem(OPERATOR_KEY) ?? '';
  } catch {
    return '';
  }
}

export function storeOperator(name: string): void {
  try {
    globalThis.localStorage?.setItem(OPERATOR_KEY, name.trim());
  } catch {
    // Storage unavailable (private mode, quota): the name is simply not remembered.
  }
}

export interface WhoWords {
  /** The typed name, or the OS user when the name typed was only the OS user's. */
  readonly name: string;
  /** What the journal recorded beside it: the OS user and, on AWS, the caller in short; null when not known. */
  readonly actor: string | null;
  /** The full record for a tooltip (the caller's whole ARN), or undefined when no actor is known. */
  readonly title: string | undefined;
}

/**
 * Who started, confirmed or finalized a run, as the journal does: the typed name, with the OS user (user@host) and,
 * on AWS, the caller identity beside it, never instead of it: "Dana Ops (OS user ops1@ws-17 · AWS
 * assumed-role/Operator/dana @ 111122223333)". A typed name that is the OS user's is not said twice.
 */
export function whoWords(typed: string, actor: RunActorView | undefined): WhoWords {
  if (!actor) return { name: typed, actor: null, title: undefined };
  const aws = actor.awsIdentity ? `AWS ${awsCallerShort(actor.awsIdentity)}` : null;
  const title = `Recorded in the journal as ${actor.actor}${actor.awsIdentity ? ` as ${actor.awsIdentity.arn}` : ''}`;
  const name = typed.trim();
  const osUser = actor.actor.split('@')[0];
  if (name === '' || name === actor.actor || name === osUser) return { name: actor.actor, actor: aws, title };
  return { name, actor: [`OS user ${actor.actor}`, aws].filter(Boolean).join(' · '), title };
}

/** whoWords in one line: "Dana Ops (OS user ops1@ws-17 · AWS …)". */
export function whoText(typed: string, actor: RunActorView | undefined): string {
  const words = whoWords(typed, actor);
  return words.actor ? `${words.name} (${words.actor})` : words.name;
}
