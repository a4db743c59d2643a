// Pure helpers of the runbook panel: its clocks (T-minus, elapsed, downtime budget), which controls a run allows,
// the run's status in words beside the wave's phase, what a step card says (each fact once), the planned-vs-actual
// timeline's layout, what a confirmation still misses, and who started, confirmed or finalized a run in words.
import type {
  CompensationView,
  CutoverRunView,
  CutoverStepView,
  RunActorView,
  TimelineStepView,
  WavePhase,
  WaveReadinessView,
} from '../../../main/api/contract';
import { MIN_OVERRIDE_REASON } from '../../../common/limits';
import { formatClock, formatDuration, formatUtcSeconds } from './format';
import { awsCallerShort } from './journal-actor';
import { phaseTone, type PhaseTone } from './wave-phase';

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
  // Said in whole seconds, used and left from the same count (each rounded alone, 4:36 + 40:23 showed 44:59 of 45:00).
  const shownUsedMs = Math.floor(usedMs / 1000) * 1000;
  const shownLeftMs = budgetMs - shownUsedMs;
  const exceeded = shownLeftMs < 0;
  // "used X of Y" first: an operator reports how much of the budget is gone, not only what is left. Before the
  // downtime starts only the budget is known: said as the budget, never as downtime.
  const used = `Downtime used ${formatHms(shownUsedMs)} of its ${formatHms(budgetMs)} budget`;
  const label =
    from === null
      ? `Downtime budget ${formatHms(budgetMs)} (downtime not started)`
      : exceeded
        ? `${used}, exceeded by ${formatHms(shownLeftMs)}`
        : `${used}, ${formatHms(shownLeftMs)} left`;
  return { started: from !== null, ended: to !== null, usedMs, budgetMs, remainingMs, exceeded, label: `${label}${rollbackAfterSuccess(run, coreNow)}` };
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
  /**
   * The run cut the wave over (succeeded, not rolled back; maybe finalized): rolling back or finalizing comes first,
   * a new run (which the core still accepts) is offered last.
   */
  readonly startLast: boolean;
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
  // The core rolls back the latest run unless it was finalized or is running (main/core/cutover-service.ts,
  // runbook.ts endForRollback). After a rollback that failed, rolling back again does what is left; after one that
  // succeeded there is nothing left to undo, so it is not offered (a new run comes next).
  const rolledBack = run.rollback?.status === 'succeeded';
  return {
    start: startable && ready,
    startNeedsOverride: startable && !ready,
    pause: !pending && run.status === 'running',
    // Resume while pausing withdraws the pause.
    resume: !pending && (run.status === 'paused' || run.status === 'pausing'),
    retry: !pending && run.status === 'failed' && run.rollback === null && run.steps.some((step) => step.status === 'failed'),
    abort: !pending && ['running', 'pausing', 'paused', 'failed'].includes(run.status),
    rollback: !pending && !rollingBack && !rolledBack && run.finalized === null && run.runId !== null && anyRan && !['running', 'pausing'].includes(run.status),
    startLast: run.status === 'succeeded' && run.rollback === null,
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
/** The name typed last, when sessionStorage cannot keep it (sandboxed, quota). */
let operatorInMemory = '';

/**
 * The name typed last in this window (a confirmation's "by" field), or ''. Kept in sessionStorage: it prefills the
 * next confirmation in this window only — a name, never a secret, and not handed to whoever opens the cockpit next.
 */
export function storedOperator(): string {
  try {
    return globalThis.sessionStorage?.getItem(OPERATOR_KEY) ?? operatorInMemory;
  } catch {
    return operatorInMemory;
  }
}

/** Remembers the name typed (trimmed; an emptied field keeps the name typed before). */
export function storeOperator(name: string): void {
  const trimmed = name.trim();
  if (!trimmed) return;
  operatorInMemory = trimmed;
  try {
    globalThis.sessionStorage?.setItem(OPERATOR_KEY, trimmed);
  } catch {
    // Storage unavailable: the name is remembered in memory only.
  }
}

/**
 * What a confirmation still misses before its button enables, in words: ["your name", "a reason (at least 10
 * characters)"]. `reason` is null when the confirmation asks for none.
 */
export function missingInputs(name: string, reason: string | null): string[] {
  return [
    ...(name.trim() ? [] : ['your name']),
    ...(reason === null || isOverrideReasonValid(reason)
      ? []
      : [reason.trim() ? `a longer reason (at least ${MIN_OVERRIDE_REASON} characters)` : `a reason (at least ${MIN_OVERRIDE_REASON} characters)`]),
  ];
}

/** "Type your name and a reason (…) to roll back.", or null when nothing is missing. */
export function missingHint(missing: readonly string[], action: string): string | null {
  if (missing.length === 0) return null;
  return `Type ${missing.join(' and ')} to ${action}.`;
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

// -------------------------------------------------------------------------------------------------------
// The run's status beside the wave's phase
// -------------------------------------------------------------------------------------------------------

export interface RunStatusWords {
  readonly label: string;
  /** The phase's tone when the words are the run's history (it was rolled back), else null: the status's own colour. */
  readonly tone: PhaseTone | null;
  readonly title: string;
}

const ROLLBACK_PHASES: Partial<Record<WavePhase, string>> = {
  'rolling-back': 'rolling back now',
  'rolled-back': 'then rolled back',
  'rollback-failed': 'its rollback failed',
};

/**
 * The run's status for the runbook header, never contradicting the wave's phase (the core's one lifecycle): once the
 * wave is rolled back (or rolling back), the run's own end is history — "Run succeeded at 05:34:30 UTC, then rolled
 * back" in the phase's tone, not a green "Succeeded". `phase` is the published phase; without one, the run's
 * rollback stands in for it.
 */
export function runStatusWords(run: CutoverRunView, phase: WavePhase | undefined): RunStatusWords {
  const fromRollback: WavePhase | undefined = run.rollback
    ? run.rollback.status === 'running'
      ? 'rolling-back'
      : run.rollback.status === 'failed'
        ? 'rollback-failed'
        : 'rolled-back'
    : undefined;
  const rollbackPhase = phase !== undefined && ROLLBACK_PHASES[phase] ? phase : phase === undefined ? fromRollback : undefined;
  if (rollbackPhase !== undefined && run.runId !== null) {
    const ended = run.finishedAt ? ` at ${formatClock(run.finishedAt)} UTC` : '';
    const status = RUN_STATUS_LABELS[run.status].toLowerCase();
    return {
      label: `Run ${status}${ended}, ${ROLLBACK_PHASES[rollbackPhase]!}`,
      tone: phaseTone(rollbackPhase),
      title: `How this run of the runbook ended${run.finishedAt ? ` (${formatUtcSeconds(run.finishedAt)})` : ''}; the wave's phase beside it is where the wave is now`,
    };
  }
  return { label: RUN_STATUS_LABELS[run.status], tone: null, title: "The state of this run of the runbook; the wave's phase is beside it" };
}

// -------------------------------------------------------------------------------------------------------
// A step card: each fact once
// -------------------------------------------------------------------------------------------------------

export interface StepFacts {
  /** The step's message when it says something the card does not say elsewhere, else null. */
  readonly message: string | null;
  /** The note typed with a manual step's confirmation, or null. */
  readonly note: string | null;
}

/**
 * What a step card says besides its description: the core's message unless the card says it already — a
 * confirmation's "confirmed by X: note" (the card says who and when, with the note), or a summary of the per-stack
 * lines listed under it (a succeeded step whose stacks all succeeded, or a message made of their own messages).
 */
export function stepFacts(step: CutoverStepView): StepFacts {
  const message = step.message?.trim() || null;
  if (message === null) return { message: null, note: null };
  if (step.confirmedBy !== null) {
    const prefix = `confirmed by ${step.confirmedBy}`;
    if (message === prefix) return { message: null, note: null };
    if (message.startsWith(`${prefix}: `)) return { message: null, note: message.slice(prefix.length + 2).trim() || null };
    return { message, note: null };
  }
  return { message: coveredByTargets(message, step) ? null : message, note: null };
}

function coveredByTargets(message: string, step: CutoverStepView): boolean {
  const targets = step.targets;
  if (targets.length === 0) return false;
  if (step.status === 'succeeded' && targets.every((target) => target.status === 'succeeded' || target.status === 'skipped')) return true;
  const texts = targets.flatMap((target) => (target.message ? [target.message.trim()] : [])).filter(Boolean);
  if (texts.length === 0) return false;
  return message.split('; ').every((part) => texts.some((text) => part.trim().endsWith(text)));
}

// -------------------------------------------------------------------------------------------------------
// A rollback's compensations
// -------------------------------------------------------------------------------------------------------

/** How a compensation's status reads: its words, and the `data-status` its colour follows. */
export interface CompensationStatusWords {
  readonly label: string;
  readonly tone: 'nothing-to-do' | CompensationView['status'];
}

/**
 * A skipped compensation found nothing to undo (the task was stopped already, or an earlier rollback did it): that
 * is no warning, so it reads "nothing to do" in a neutral colour, as the evidence pack says it.
 */
export function compensationStatusWords(status: CompensationView['status']): CompensationStatusWords {
  return status === 'skipped' ? { label: 'nothing to do', tone: 'nothing-to-do' } : { label: status, tone: status };
}

// -------------------------------------------------------------------------------------------------------
// Spans of time and the run against its cutover window
// -------------------------------------------------------------------------------------------------------

/** 45_000 -> "45 s", 5_400_000 -> "1 h 30 min", 157_980_000 -> "1 d 19 h 53 min" (minutes rounded past a minute). */
export function formatSpan(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const abs = Math.abs(ms);
  if (abs < 60_000) return `${Math.round(abs / 1000)} s`;
  const minutes = Math.round(abs / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days ? `${days} d` : '', hours ? `${hours} h` : '', rest ? `${rest} min` : ''].filter(Boolean).join(' ') || '0 min';
}

/**
 * Where the run started against its cutover window, in words with the project's UTC format: "1 d 19 h 33 min before
 * its cutover window opened at 05 Dec 2026, 01:00:00 UTC", "12 min after its cutover window opened at …" (inside),
 * "2 h after its cutover window closed at …"; null before the run starts or without a window.
 */
export function windowOffset(run: Pick<CutoverRunView, 'startedAt' | 'clock'>): { readonly inside: boolean; readonly text: string } | null {
  const started = parse(run.startedAt);
  const open = parse(run.clock.windowStart);
  const close = parse(run.clock.windowEnd);
  if (started === null || open === null) return null;
  if (started < open)
    return { inside: false, text: `${formatSpan(open - started)} before its cutover window opened at ${formatUtcSeconds(run.clock.windowStart!)}` };
  if (close !== null && started > close)
    return { inside: false, text: `${formatSpan(started - close)} after its cutover window closed at ${formatUtcSeconds(run.clock.windowEnd!)}` };
  return { inside: true, text: `${formatSpan(started - open)} after its cutover window opened at ${formatUtcSeconds(run.clock.windowStart!)}` };
}

/** Why a start needed its override, in words: the readiness at the start and the window (the override note's middle). */
export function overrideCircumstances(run: CutoverRunView): string[] {
  const override = run.override;
  if (!override) return [];
  const notReady = run.readinessAtStart !== null && !run.readinessAtStart.ready ? ['while the wave was not ready'] : [];
  if (override.outsideWindow === null) return notReady;
  const offset = windowOffset({ startedAt: override.at, clock: run.clock });
  // The core's own words only when the run's view has no window to say it with.
  return [...notReady, offset && !offset.inside ? offset.text : `outside its cutover window: ${override.outsideWindow}`];
}

// -------------------------------------------------------------------------------------------------------
// The planned-vs-actual timeline, on the run's own scale
// -------------------------------------------------------------------------------------------------------

export interface TimelineBar {
  /** Position and width on the axis, in percent (clipped to 0-100). */
  readonly left: number;
  readonly width: number;
  readonly ms: number;
  /** Still running: it ends now. */
  readonly open: boolean;
  /** Part of it lies past the axis's end (the axis is scaled to the actual run). */
  readonly clipped: boolean;
  /** Its duration in words ("2 min 5 s"). */
  readonly duration: string;
}

/** An attempt of a retried step before its last one, drawn beside it ("attempt 1 failed"). */
export interface TimelineAttemptLayout {
  readonly attempt: number;
  readonly status: string;
  readonly label: string;
  /** Zero-length at its start when the journal has no end for it. */
  readonly bar: TimelineBar;
}

export interface TimelineRowLayout {
  readonly stepId: string;
  readonly name: string;
  readonly status: string;
  readonly planned: TimelineBar | null;
  /** The step's last attempt (its only one, unless it was retried). */
  readonly actual: TimelineBar | null;
  /** "attempt 2" when the step ran more than once, else null. */
  readonly attemptLabel: string | null;
  readonly earlierAttempts: readonly TimelineAttemptLayout[];
  readonly stacks: readonly { readonly stackId: string; readonly status: string; readonly bar: TimelineBar | null }[];
}

export interface TimelineLayout {
  /** The run's start (ms): 0 on the axis. */
  readonly origin: number;
  /** The axis's length (ms). */
  readonly span: number;
  /** Planned length of the whole runbook and the actual run so far (ms), for the scale's choices. */
  readonly plannedMs: number;
  readonly actualMs: number;
  /** Tick spacing (ms) and the ticks, each with its place (percent) and label ("5 min"). */
  readonly tickMs: number;
  readonly ticks: readonly { readonly at: number; readonly label: string }[];
  readonly rows: readonly TimelineRowLayout[];
}

const TICK_STEPS_S = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

/** Step durations in words: "45 s", "2 min 5 s", "15 min", "1 h 30 min". */
export function formatStepDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return 'under 1 s';
  if (ms < 10_000) return `${Math.round(ms / 1000)} s`;
  return formatDuration(Math.round(ms / 1000));
}

/**
 * The timeline's first scale. A stopped run (failed or aborted) opens on what it attempted: the rest of its plan did
 * not run. A succeeded run much shorter than its plan (a rehearsal runs in minutes what the plan gives hours: on the
 * plan's scale its bars would be slivers) opens on the actual run too. A run that goes on (running, pausing, paused)
 * opens on the whole plan: where it stands against the plan matters.
 */
export function defaultTimelineScale(layout: Pick<TimelineLayout, 'plannedMs' | 'actualMs'> | null, status: CutoverRunView['status']): 'plan' | 'actual' {
  if (layout === null || layout.actualMs <= 0) return 'plan';
  if (status === 'failed' || status === 'aborted') return layout.plannedMs > layout.actualMs ? 'actual' : 'plan';
  return status === 'succeeded' && layout.plannedMs > layout.actualMs * 3 ? 'actual' : 'plan';
}

/**
 * Lays the run's timeline out on the run's own scale: 0 is the run's start, planned bars are re-based from the
 * planned start of the first step (the core plans from the cutover window's start, days away in a rehearsal), and
 * the axis spans the whole plan and the actual run (`scale: 'plan'`) or the actual run alone (`'actual'`; longer
 * planned bars are clipped). Null when nothing has a time yet.
 */
export function timelineLayout(
  timeline: readonly TimelineStepView[],
  startedAt: string | null,
  now: number,
  scale: 'plan' | 'actual' = 'plan',
): TimelineLayout | null {
  const firstActual = timeline.map((step) => parse(step.attempts[0]?.start ?? step.actualStart)).find((time) => time !== null) ?? null;
  const origin = parse(startedAt) ?? firstActual;
  if (origin === null) return null;
  const planBase = timeline.map((step) => parse(step.plannedStart)).find((time) => time !== null) ?? null;
  const rebase = (iso: string | null) => {
    const time = parse(iso);
    return time === null || planBase === null ? null : origin + (time - planBase);
  };
  const end = (iso: string | null, start: number | null) => (start === null ? null : (parse(iso) ?? Math.max(start, now)));
  const spans = timeline.map((step) => {
    const plannedStart = rebase(step.plannedStart);
    const plannedEnd = rebase(step.plannedEnd);
    const actualStart = parse(step.actualStart);
    // Every attempt but the last (which is the step's actual times); one without a recorded end is a mark at its start.
    const earlier = step.attempts.slice(0, -1).flatMap((attempt) => {
      const start = parse(attempt.start);
      return start === null ? [] : [{ attempt, span: [start, parse(attempt.end) ?? start] as const }];
    });
    return {
      step,
      earlier,
      planned: plannedStart !== null && plannedEnd !== null ? ([plannedStart, plannedEnd] as const) : null,
      actual: actualStart !== null ? ([actualStart, end(step.actualEnd, actualStart)!, step.actualEnd === null] as const) : null,
      stacks: step.stacks.map((stack) => {
        const start = parse(stack.start);
        return { stack, span: start !== null ? ([start, end(stack.end, start)!, stack.end === null] as const) : null };
      }),
    };
  });
  const actualEnds = spans.flatMap((row) => [
    ...(row.actual ? [row.actual[1]] : []),
    ...row.earlier.map((attempt) => attempt.span[1]),
    ...row.stacks.flatMap((stack) => (stack.span ? [stack.span[1]] : [])),
  ]);
  const plannedEnds = spans.flatMap((row) => (row.planned ? [row.planned[1]] : []));
  const actualMs = Math.max(0, ...actualEnds.map((time) => time - origin));
  const plannedMs = Math.max(0, ...plannedEnds.map((time) => time - origin));
  const span = Math.max(1000, scale === 'actual' && actualMs > 0 ? actualMs : Math.max(actualMs, plannedMs));
  const tickS = TICK_STEPS_S.find((step) => span / 1000 / step <= 8) ?? TICK_STEPS_S[TICK_STEPS_S.length - 1]!;
  const ticks = [];
  for (let at = 0; at <= span + 1; at += tickS * 1000) ticks.push({ at: (at / span) * 100, label: at === 0 ? '0' : formatDuration(at / 1000) });
  const bar = (start: number, stop: number, open: boolean): TimelineBar => {
    const from = ((start - origin) / span) * 100;
    const to = ((stop - origin) / span) * 100;
    const left = Math.min(100, Math.max(0, from));
    const right = Math.min(100, Math.max(left, to));
    return { left, width: right - left, ms: stop - start, open, clipped: to > 100 || from > 100, duration: formatStepDuration(stop - start) };
  };
  return {
    origin,
    span,
    plannedMs,
    actualMs,
    tickMs: tickS * 1000,
    ticks,
    rows: spans.map((row) => ({
      stepId: row.step.stepId,
      name: row.step.name,
      status: row.step.status,
      planned: row.planned ? bar(row.planned[0], row.planned[1], false) : null,
      actual: row.actual ? bar(row.actual[0], row.actual[1], row.actual[2]) : null,
      attemptLabel: row.step.attempts.length > 1 ? `attempt ${row.step.attempts.at(-1)!.attempt}` : null,
      earlierAttempts: row.earlier.map(({ attempt, span: times }) => ({
        attempt: attempt.attempt,
        status: attempt.status,
        label: `attempt ${attempt.attempt} ${attempt.status}`,
        bar: bar(times[0], times[1], false),
      })),
      stacks: row.stacks.map(({ stack, span: times }) => ({
        stackId: stack.stackId,
        status: stack.status,
        bar: times ? bar(times[0], times[1], times[2]) : null,
      })),
    })),
  };
}
