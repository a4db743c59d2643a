// How DMS replication reads to an operator: phase names, freshness and staleness, the heatmap's colour levels,
// which task controls the task's state obviously forbids, ETA and trend texts. Pure functions.
import { MIN_OVERRIDE_REASON } from '../../../common/limits';
import { WAVE_PHASE_WORDS } from '../../../common/states';
import { taskIndex } from '../../../common/keys';
import type {
  AlertView,
  DmsControlAction,
  DmsMetric,
  MonitorStatusView,
  ReplicationPhase,
  ReplicationTaskView,
  StackView,
  TableStatisticsView,
  WavePhase,
  WaveReadinessView,
  WaveView,
} from '../../../main/api/contract';
import { dataDurationsNote, formatDataTime, type ClockRate } from './readiness';
import { gatesDecide } from './wave-phase';

export const PHASE_LABELS: Readonly<Record<ReplicationPhase, string>> = {
  unresolved: 'unresolved',
  'not-started': 'not started',
  starting: 'starting',
  'full-load': 'full load',
  cdc: 'CDC (ongoing changes)',
  'full-load-done': 'full load done',
  stopping: 'stopping',
  stopped: 'stopped',
  failed: 'failed',
  other: 'other',
};

export const TREND_LABELS: Readonly<Record<ReplicationTaskView['cdcTrend'], { glyph: string; text: string }>> = {
  'catching-up': { glyph: '↘', text: 'catching up' },
  steady: { glyph: '→', text: 'steady' },
  'falling-behind': { glyph: '↗', text: 'falling behind' },
  unknown: { glyph: '·', text: 'trend unknown' },
};

export const VALIDATION_LABELS: Readonly<Record<NonNullable<ReplicationTaskView['validation']>['state'], string>> = {
  clean: 'clean',
  pending: 'pending',
  mismatched: 'mismatched',
  suspended: 'suspended',
  'not-enabled': 'not enabled',
  error: 'error',
};

export const MONITOR_STATE_LABELS: Readonly<Record<MonitorStatusView['state'], string>> = {
  idle: 'idle',
  polling: 'polling',
  'backing-off': 'backing off',
  degraded: 'degraded',
};

// DMS's migration types (a plain string in the contract: DMS may add types, shown as DMS names them).
const MIGRATION_TYPE_LABELS: Readonly<Record<string, string>> = {
  'full-load': 'full load only',
  cdc: 'CDC only',
  'full-load-and-cdc': 'full load, then CDC',
};

/** "full load, then CDC" for DMS's `full-load-and-cdc`; an unknown type as DMS names it. */
export function migrationTypeLabel(type: string): string {
  return Object.hasOwn(MIGRATION_TYPE_LABELS, type) ? MIGRATION_TYPE_LABELS[type]! : type;
}

/**
 * The name an operator knows the task by: its DMS identifier, else the plan's reference, else "app1101 task 1"
 * (never the internal key `platform-production/app1101#0`).
 */
export function taskName(task: Pick<ReplicationTaskView, 'key' | 'stackId' | 'taskId'>, stack?: StackView): string {
  if (task.taskId) return task.taskId;
  const ref = stack?.replicationTasks[taskIndex(task.key)];
  if (ref?.kind === 'task-id') return ref.taskId;
  if (ref?.kind === 'stack-output') return `${stack!.name}: output ${ref.output}`;
  return taskOrdinalName(task.stackId, task.key, stack);
}

/** "app1101 task 1": the stack's name and the task's place in its list, counted from 1. */
export function taskOrdinalName(stackId: string, key: string, stack?: StackView): string {
  return `${stack?.name ?? stackNameOf(stackId)} task ${taskIndex(key) + 1}`;
}

/** The stack's own name from its id `project/stack`. */
export function stackNameOf(stackId: string): string {
  return stackId.slice(stackId.indexOf('/') + 1);
}

/** Tasks of a stack in the plan's order. */
export function tasksOfStack(tasks: Readonly<Record<string, ReplicationTaskView>>, stackId: string): ReplicationTaskView[] {
  return Object.values(tasks)
    .filter((task) => task.stackId === stackId)
    .sort((a, b) => taskIndex(a.key) - taskIndex(b.key));
}

/** Tasks of a wave: its stacks in the plan's order, each stack's tasks in order. */
export function tasksOfWave(tasks: Readonly<Record<string, ReplicationTaskView>>, wave: WaveView): ReplicationTaskView[] {
  const byStack = new Map<string, ReplicationTaskView[]>();
  for (const task of Object.values(tasks)) {
    if (task.waveId !== wave.id && !wave.stackIds.includes(task.stackId)) continue;
    const list = byStack.get(task.stackId);
    if (list) list.push(task);
    else byStack.set(task.stackId, [task]);
  }
  const ordered = [...wave.stackIds, ...[...byStack.keys()].filter((id) => !wave.stackIds.includes(id)).sort()];
  return ordered.flatMap((stackId) => (byStack.get(stackId) ?? []).sort((a, b) => taskIndex(a.key) - taskIndex(b.key)));
}

// ---------------------------------------------------------------------------------------------------------
// Freshness
// ---------------------------------------------------------------------------------------------------------

export interface FreshnessContext {
  /** The wall clock (ms). */
  readonly now: number;
  /**
   * The replication data's clock at `now` (ms): DMS and CloudWatch times, the monitor's cycles. The wall clock on
   * AWS; an accelerated rehearsal's runs ahead, `rate` times as fast (lib/readiness.ts dataNow).
   */
  readonly dataNow: number;
  /** Data seconds per wall second (1 on AWS). */
  readonly rate: number;
  /** The monitor's polling interval in wall seconds (null before its status is known). */
  readonly intervalSeconds: number | null;
  /** Whether the event stream from the core is up: while it is not, nothing shown is current. */
  readonly connected: boolean;
  /**
   * When the monitor's last refresh cycle ran (data clock, ms), null before one: the core re-sends a task's view only
   * when it changes, so a view that is not stale is current as of this time, not only as of its own taskAt.
   */
  readonly lastCycleAt: number | null;
}

export interface Freshness {
  /** Never show the values as current. */
  readonly stale: boolean;
  readonly reason: string | null;
  /** Real seconds since the monitor last read the task, null when never. */
  readonly ageSeconds: number | null;
  /** "updated 12 s ago", "never read". */
  readonly text: string;
}

/** Without news for this many polling intervals (at least MIN_STALE_SECONDS), the renderer calls a task stale itself. */
export const STALE_INTERVALS = 3;
export const MIN_STALE_SECONDS = 30;

/** An ISO time as epoch ms, null when absent or not a time. */
function timeOf(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

/**
 * Whether what the UI shows about a task is current. The core marks a task stale with its reason; the renderer
 * also does when it has heard nothing for several polling intervals (the core's own stale flag would then be
 * old news too) or when its connection to the core is down. Ages are real time ("updated 12 s ago" means 12 s on
 * the operator's clock, whatever the rehearsal's speed): the task's times are on the data clock, so they are
 * compared with `dataNow` and divided by the clock's rate.
 */
export function freshnessOf(task: ReplicationTaskView, context: FreshnessContext): Freshness {
  const taskAt = timeOf(task.freshness.taskAt);
  // A view the core has not marked stale is current as of its monitor's last cycle (views are re-sent on change only).
  const readAt = taskAt === null ? null : !task.freshness.stale && context.lastCycleAt !== null ? Math.max(taskAt, context.lastCycleAt) : taskAt;
  const rate = context.rate > 0 ? context.rate : 1;
  const ageSeconds = readAt === null ? null : Math.max(0, Math.round((context.dataNow - readAt) / rate / 1000));
  const text = ageSeconds === null ? 'never read' : `updated ${formatAge(ageSeconds)}`;
  if (!context.connected) return { stale: true, reason: 'disconnected from the cockpit core', ageSeconds, text };
  if (task.freshness.stale) return { stale: true, reason: task.freshness.staleReason ?? 'the monitor could not read this task recently', ageSeconds, text };
  if (task.phase === 'unresolved') return { stale: true, reason: task.resolution ?? 'the task is not known to DMS yet', ageSeconds, text };
  const limit = Math.max(MIN_STALE_SECONDS, STALE_INTERVALS * (context.intervalSeconds ?? 0));
  if (ageSeconds !== null && ageSeconds > limit) {
    return {
      stale: true,
      reason: `no update for ${formatAge(ageSeconds).replace(' ago', '')} (the monitor polls every ${context.intervalSeconds ?? '?'} s)`,
      ageSeconds,
      text,
    };
  }
  return { stale: false, reason: null, ageSeconds, text };
}

/** 4 -> "4 s ago", 125 -> "2 min ago", 7300 -> "2 h ago". */
export function formatAge(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s ago`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 48 * 3600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

/** A span of time without rounding away what matters: 45 -> "45 s", 300 -> "5 min", 5000 -> "1 h 23 min", 90000 -> "25 h". */
export function formatSpan(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** Seconds to an ETA text: 40 -> "under a minute", 600 -> "10 min", 5400 -> "1 h 30 min". */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return 'under a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/**
 * A rate for reading at a glance, with its unit: "1,234 rows/s", "3.1 rows/s" (one decimal below 10), "0 rows/s",
 * "< 0.1 rows/s" (a trickle is not zero); "—" when not known.
 */
export function formatRate(value: number | null, unit = 'rows/s'): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (value > 0 && value < 0.05) return `< 0.1 ${unit}`;
  const shown = value === 0 ? '0' : Math.abs(value) < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
  return `${shown} ${unit}`;
}

/** A latency in seconds as the cards show it: 0.4 -> "0.4 s", 12 -> "12 s", 95 -> "1 min 35 s". */
export function formatLatency(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  if (seconds < 10) return `${Math.round(seconds * 10) / 10} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  const whole = Math.round(seconds);
  return whole < 3600 ? `${Math.floor(whole / 60)} min ${whole % 60} s` : `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`;
}

// ---------------------------------------------------------------------------------------------------------
// Latest values: current or not
// ---------------------------------------------------------------------------------------------------------

/**
 * A CloudWatch datapoint older than this (data seconds) does not speak for now: the core's gate uses the same limit
 * (three 60 s periods plus two minutes) before it says "no CDCLatencyTarget datapoint for …".
 */
export const MAX_VALUE_AGE_SECONDS = 300;

/** Phases in which a task's CloudWatch values can be current: it runs. */
const LIVE_PHASES: ReadonlySet<ReplicationPhase> = new Set(['full-load', 'cdc']);

const PHASE_WORDS: Readonly<Record<ReplicationPhase, string>> = {
  unresolved: 'was not known',
  'not-started': 'started',
  starting: 'started',
  'full-load': 'ran',
  cdc: 'ran',
  'full-load-done': 'finished',
  stopping: 'stopped',
  stopped: 'stopped',
  failed: 'failed',
  other: 'stopped running',
};

export interface ValueReading {
  /** The value as shown ("1.3 s"), "—" without one. */
  readonly value: string;
  /** Whether it may be shown as a current number: the task runs, its view is fresh and the datapoint is recent. */
  readonly live: boolean;
  /** What makes it not current, to show beside it ("1 h 23 min old", "last value before the task stopped"); null when live or without a value. */
  readonly note: string | null;
  /** Age of the datapoint on the data clock in seconds, null when its time is not known. */
  readonly ageSeconds: number | null;
}

/**
 * Whether a task's latest CloudWatch value is current, and if not, what to say beside it. `sampleAt` is the
 * datapoint's time (data clock, ms) when known. A stopped or failed task's value is never current, nor a stale
 * task's, nor a datapoint older than MAX_VALUE_AGE_SECONDS: such a value is shown with its age, or as the last value.
 */
export function valueReading(
  value: number | null,
  format: (value: number | null) => string,
  sampleAt: number | null,
  task: Pick<ReplicationTaskView, 'phase'>,
  freshness: Pick<Freshness, 'stale'>,
  context: Pick<FreshnessContext, 'dataNow'> & Partial<Pick<FreshnessContext, 'rate'>>,
): ValueReading {
  const ageSeconds = sampleAt !== null && Number.isFinite(sampleAt) ? Math.max(0, (context.dataNow - sampleAt) / 1000) : null;
  if (value === null) return { value: format(null), live: false, note: null, ageSeconds };
  const running = LIVE_PHASES.has(task.phase);
  const old = ageSeconds !== null && ageSeconds > MAX_VALUE_AGE_SECONDS;
  const live = running && !freshness.stale && !old;
  if (live) return { value: format(value), live, note: null, ageSeconds };
  const note =
    ageSeconds !== null ? ageText(ageSeconds, context.rate) : running ? 'as of the last read' : `last value before the task ${PHASE_WORDS[task.phase]}`;
  return { value: format(value), live, note, ageSeconds };
}

/** "54 min old"; in a faster rehearsal its clock and the real age too, so 54 data minutes are not read as an hour. */
function ageText(ageSeconds: number, rate: number | undefined): string {
  if (rate === undefined || rate === 1) return `${formatSpan(ageSeconds)} old`;
  return `${formatSpan(ageSeconds)} old on the rehearsal clock (${formatSpan(ageSeconds / rate)} real time)`;
}

// ---------------------------------------------------------------------------------------------------------
// Datapoint times, latency before CDC, full load and its ETA
// ---------------------------------------------------------------------------------------------------------

/** The view's latest value each metric gives, by metric. */
const LATEST_KEYS: Readonly<Record<DmsMetric, keyof ReplicationTaskView['latest']>> = {
  CDCLatencySource: 'cdcLatencySourceSeconds',
  CDCLatencyTarget: 'cdcLatencyTargetSeconds',
  CDCIncomingChanges: 'cdcIncomingChanges',
  CDCThroughputRowsTarget: 'cdcThroughputRowsTarget',
  FullLoadThroughputRowsTarget: 'fullLoadThroughputRowsTarget',
};

/**
 * The data-clock time (ms) of the datapoint behind the view's latest value of `metric`: the time the core's gate
 * measures the same value's age from, so the card and the gate never give two ages. `fallback` (a time the renderer
 * saw in its own series) only for a view that carries no times.
 */
export function latestSampleAt(task: Pick<ReplicationTaskView, 'latestAt'>, metric: DmsMetric, fallback: number | null = null): number | null {
  if (!task.latestAt) return fallback;
  return timeOf(task.latestAt[LATEST_KEYS[metric]]);
}

/** Phases before a task's first CDC: DMS reports a CDC latency of 0 s there, which says nothing. */
const BEFORE_CDC: ReadonlySet<ReplicationPhase> = new Set(['not-started', 'starting', 'full-load']);

/**
 * Why the task's CDC latency means nothing now ("not in CDC yet", "no CDC: full load only", "not in CDC: the full
 * load stopped at 32 %"), or null when it may. A task that failed or stopped before its full load finished never
 * reached CDC: its 0 s is DMS's before-CDC value, not a latency.
 */
export function latencyNotMeaningful(
  task: Pick<ReplicationTaskView, 'phase' | 'migrationType'> & Partial<Pick<ReplicationTaskView, 'fullLoadPercent'>>,
): string | null {
  if (task.migrationType === 'full-load' || task.phase === 'full-load-done') return 'no CDC: full load only';
  if (BEFORE_CDC.has(task.phase)) return 'not in CDC yet';
  const percent = task.fullLoadPercent ?? null;
  if (task.phase !== 'cdc' && hasFullLoad(task) && percent !== null && percent < 100) return `not in CDC: the full load stopped at ${Math.floor(percent)} %`;
  return null;
}

/** A CDC latency as the card and the charts show it: "—" with why before CDC, else as valueReading says. */
export function latencyReading(
  value: number | null,
  sampleAt: number | null,
  task: Pick<ReplicationTaskView, 'phase' | 'migrationType'> & Partial<Pick<ReplicationTaskView, 'fullLoadPercent'>>,
  freshness: Pick<Freshness, 'stale'>,
  context: Pick<FreshnessContext, 'dataNow'> & Partial<Pick<FreshnessContext, 'rate'>>,
): ValueReading {
  const why = latencyNotMeaningful(task);
  if (why !== null) return { value: '—', live: false, note: why, ageSeconds: null };
  return valueReading(value, formatLatency, sampleAt, task, freshness, context);
}

/**
 * What the card says beside a task's latency about its gate: "(gate 5 s)" for a task the wave's gate judges,
 * "(not gated)" for a fallback reverse task (no part of any gate), nothing when the wave sets no latency gate.
 */
export function latencyGateNote(reverse: boolean, gateSeconds: number | null): string | null {
  if (reverse) return '(not gated)';
  return gateSeconds !== null ? `(gate ${gateSeconds} s)` : null;
}

/** Whether the task has a full load at all: a CDC-only task (the reverse fallback task, say) has none. */
export function hasFullLoad(task: Pick<ReplicationTaskView, 'migrationType'>): boolean {
  return task.migrationType !== 'cdc';
}

/** A load the core cannot time yet (main/tracks/dms/monitor/signals.ts MIN_ETA_SPAN_MS): said, never left blank. */
export const ETA_ESTIMATING = 'ETA: estimating, needs a minute of progress';

/**
 * The full-load ETA with its clock: the core's ETA counts data-clock seconds from the task's last read, so the end
 * is a data-clock time ("ETA 05:45:00 UTC (in 10 min)"; in a faster rehearsal, "ETA 05:45:00 UTC on the rehearsal
 * clock (10× real time), 10 min on that clock"). While the task loads without an ETA, ETA_ESTIMATING; null when it does not load.
 */
export function fullLoadEtaText(
  task: Pick<ReplicationTaskView, 'fullLoadEtaSeconds' | 'freshness'> & Partial<Pick<ReplicationTaskView, 'phase'>>,
  clock: ClockRate | null | undefined,
): string | null {
  const seconds = task.fullLoadEtaSeconds;
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) {
    if (task.phase !== 'full-load') return null;
    const note = dataDurationsNote(clock);
    return note === null ? ETA_ESTIMATING : `${ETA_ESTIMATING} (${note})`;
  }
  const span = formatEta(seconds);
  const readAt = timeOf(task.freshness.taskAt);
  const realTime = !clock || clock.rate === 1;
  if (readAt === null) return `ETA in ${span} (data clock)`;
  const end = formatDataTime(readAt + seconds * 1000, clock);
  return realTime ? `ETA ${end} (in ${span})` : `ETA ${end}, ${span} on that clock`;
}

/** "1.3 s" when current, "1.3 s, 1 h 23 min old" when not. */
export function readingText(reading: ValueReading): string {
  return reading.note ? `${reading.value}, ${reading.note}` : reading.value;
}

// ---------------------------------------------------------------------------------------------------------
// Whether the wave's gates judge its tasks
// ---------------------------------------------------------------------------------------------------------

/** How a wave's (and its tasks') cutover gate reads on the Replication tab. */
export type GateJudgement =
  /** The gates decide whether the wave may start its cutover: the monitor's verdict as it is. */
  | { readonly kind: 'judged' }
  /** The plan defines no gates for the wave: nothing to judge, said neutrally. */
  | { readonly kind: 'none'; readonly label: string; readonly why: string; readonly text: string }
  /** The gates decide nothing in the wave's phase (deploying, cutting over, cut over, rolling back…): neutral, never red. */
  | { readonly kind: 'not-judged'; readonly label: string; readonly why: string; readonly text: string };

/** Phases in which the cutover's runbook has stopped the wave's replication on purpose. */
const STOPPED_BY_RUNBOOK: ReadonlySet<WavePhase> = new Set(['cut-over', 'finalized']);

/**
 * Whether the gates judge the wave now, from whether it has gates and the phase published with its readiness
 * (unknown phase: judged, the monitor's verdict stands). Words as on the Plan tab: "no gates defined", "gates not
 * judged: cut over".
 */
export function gateJudgement(hasGates: boolean, readiness: Pick<WaveReadinessView, 'phase' | 'phaseDetail'> | undefined): GateJudgement {
  if (!hasGates) {
    const why = 'the plan sets no cutover gates for this wave';
    return { kind: 'none', label: 'no gates defined', why, text: `No gates defined: ${why}` };
  }
  if (!readiness || gatesDecide(readiness.phase)) return { kind: 'judged' };
  const words = WAVE_PHASE_WORDS[readiness.phase].toLowerCase();
  const why = STOPPED_BY_RUNBOOK.has(readiness.phase) ? 'replication stopped by the runbook' : readiness.phaseDetail;
  // The core's phase detail may carry parentheses of its own: then a dash, not nested parentheses.
  const text = `Gates not judged: ${words}${!why ? '' : why.includes('(') ? ` — ${why}` : ` (${why})`}`;
  return { kind: 'not-judged', label: `gates not judged: ${words}`, why, text };
}

// ---------------------------------------------------------------------------------------------------------
// Stop reason
// ---------------------------------------------------------------------------------------------------------

/** DMS's StopReason codes (after "Stop Reason "), as an operator reads them. */
const STOP_REASONS: Readonly<Record<string, string>> = {
  NORMAL: 'normal stop, no error',
  RECOVERABLE_ERROR: 'recoverable error',
  FATAL_ERROR: 'fatal error',
  FULL_LOAD_ONLY_FINISHED: 'full load finished',
  STOPPED_AFTER_FULL_LOAD: 'stopped after the full load (cached changes not applied)',
  STOPPED_AFTER_CACHED_EVENTS: 'stopped after the full load (cached changes applied)',
  EXPRESS_LICENSE_LIMITS_REACHED: 'license limits reached',
  STOPPED_AFTER_DDL_APPLY: 'stopped after a DDL was applied, as configured',
  STOPPED_DUE_TO_LOW_MEMORY: 'low memory on the replication instance',
  STOPPED_DUE_TO_LOW_DISK: 'low disk space on the replication instance',
  STOPPED_AT_SERVER_TIME: 'reached its stop time (server time), as configured',
  STOPPED_AT_COMMIT_TIME: 'reached its stop time (commit time), as configured',
  RECONFIGURATION_RESTART: 'restarted for a reconfiguration',
  RECYCLE_TASK: 'task recycled',
};

/**
 * DMS's StopReason once and readable: "Stop Reason NORMAL" -> "normal stop, no error"; a code this cockpit does not
 * know in words ("Stop Reason SOMETHING_NEW" -> "something new"); text that is not a code as DMS wrote it.
 */
export function stopReasonText(raw: string): string {
  const code = raw.trim().replace(/^stop[ _]reason[ _:]*/i, '');
  if (Object.hasOwn(STOP_REASONS, code)) return STOP_REASONS[code]!;
  if (/^[A-Z][A-Z0-9_]*$/.test(code)) return code.toLowerCase().replace(/_/g, ' ');
  return code || raw;
}

// ---------------------------------------------------------------------------------------------------------
// Heatmap
// ---------------------------------------------------------------------------------------------------------

/**
 * A heatmap cell's colour level. Latency colours only a task in CDC: target latency against the wave's gate (good:
 * at most half of it, fair: up to the gate, over: up to twice, far: beyond). Whatever the latency: a failed task
 * is `failed` (red), a task loading or starting is `loading` (never green: it is not replicating changes yet), a
 * task stopped or not started is `idle`, `none` (grey) when the value is stale, unresolved or missing, `nogate`
 * when the wave has no latency gate. No cell is green (good or fair) while the task's gate is red: it is then
 * `held` (amber), with the gate's reasons in its tooltip.
 */
export type HeatLevel = 'good' | 'fair' | 'over' | 'far' | 'none' | 'nogate' | 'failed' | 'loading' | 'idle' | 'held';

export interface Heat {
  readonly level: HeatLevel;
  /** Target latency over the gate, when both are known. */
  readonly ratio: number | null;
  /** Drawn with a red outline. */
  readonly failed: boolean;
}

export interface HeatOptions {
  /** Whether the wave's gates judge its tasks now (gateJudgement): a gate that does not judge never makes a cell `held`. */
  readonly judged?: boolean;
  /** Whether the task's target latency is current (valueReading): an old datapoint colours nothing, it is `none`. */
  readonly latencyCurrent?: boolean;
}

export function heatOf(task: ReplicationTaskView, maxLatencySeconds: number | null, stale: boolean, options: HeatOptions = {}): Heat {
  const failed = task.phase === 'failed';
  const latency = task.latest.cdcLatencyTargetSeconds;
  if (failed) return { level: 'failed', ratio: null, failed };
  if (stale || task.phase === 'unresolved') return { level: 'none', ratio: null, failed };
  if (task.phase === 'full-load' || task.phase === 'starting') return { level: 'loading', ratio: null, failed };
  if (task.phase !== 'cdc') return { level: 'idle', ratio: null, failed };
  if (latency === null || options.latencyCurrent === false) return { level: 'none', ratio: null, failed };
  if (maxLatencySeconds === null || maxLatencySeconds <= 0) return { level: 'nogate', ratio: null, failed };
  const ratio = latency / maxLatencySeconds;
  const level: HeatLevel = ratio <= 0.5 ? 'good' : ratio <= 1 ? 'fair' : ratio <= 2 ? 'over' : 'far';
  if ((level === 'good' || level === 'fair') && task.gate.status === 'red' && options.judged !== false) return { level: 'held', ratio, failed };
  return { level, ratio, failed };
}

/** What a heatmap cell says in large type, and the small line below it. */
export interface HeatHeadline {
  /** "1.3 s" in CDC; else where the task is: "failed", "stopped", "full load 32 %", "stale". */
  readonly value: string;
  /** The small line below ("at 32 % of its full load", "1 h 23 min old"), null without one. */
  readonly note: string | null;
  /** Whether the value is a latency that is not current (greyed, its age in the note). */
  readonly old: boolean;
  /** Whether the cell still needs its phase line: only a latency leaves the phase unsaid. */
  readonly showPhase: boolean;
}

/**
 * A heatmap cell's headline: what matters about the task at a glance. The CDC latency only in CDC (greyed with its
 * age when not current); otherwise the task's state in words, with its full-load progress where the load has not
 * finished. Never a latency of a failed or stopped task, nor DMS's 0 s from before CDC.
 */
export function heatHeadline(
  task: Pick<ReplicationTaskView, 'phase' | 'migrationType' | 'fullLoadPercent' | 'status'>,
  reading: ValueReading,
  stale: boolean,
): HeatHeadline {
  if (stale) return { value: 'stale', note: null, old: false, showPhase: true };
  const percent = hasFullLoad(task) && task.fullLoadPercent !== null ? Math.floor(task.fullLoadPercent) : null;
  const unfinished = percent !== null && percent < 100 ? percent : null;
  const state = (value: string, note: string | null = null): HeatHeadline => ({ value, note, old: false, showPhase: false });
  switch (task.phase) {
    case 'cdc': {
      const old = !reading.live && reading.note !== null;
      const note = old ? (reading.ageSeconds !== null ? `${formatSpan(reading.ageSeconds)} old` : reading.note) : null;
      return { value: reading.value, note, old, showPhase: true };
    }
    case 'full-load':
      return state(percent !== null ? `full load ${percent} %` : 'full load');
    case 'failed':
      return state('failed', unfinished !== null ? `at ${unfinished} % of its full load` : null);
    case 'stopped':
    case 'stopping':
      return state(PHASE_LABELS[task.phase], unfinished !== null ? `full load at ${unfinished} %` : null);
    case 'other':
      // DMS is busy with the task (creating, modifying, moving, testing): its own word says which.
      return state(task.status ?? PHASE_LABELS.other);
    default:
      return state(PHASE_LABELS[task.phase]);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Task controls
// ---------------------------------------------------------------------------------------------------------

export const CONTROL_LABELS: Readonly<Record<DmsControlAction, { label: string; help: string; danger?: boolean }>> = {
  start: { label: 'Start task', help: 'Start the task for the first time: full load, then ongoing changes (start-replication)' },
  resume: { label: 'Resume task', help: 'Continue a stopped or failed task from where it stopped (resume-processing)' },
  'reload-target': {
    label: 'Reload target',
    help: 'Run the whole task again from the start: truncates and reloads every table on the target (reload-target)',
    danger: true,
  },
  stop: { label: 'Stop task', help: 'Stop the task; ongoing changes pile up at the source until it is resumed', danger: true },
  'reload-tables-data': { label: 'Reload tables', help: 'Reload the data of the task’s tables on the target while the task runs', danger: true },
  'reload-tables-validate': { label: 'Revalidate tables', help: 'Validate the task’s tables again, without reloading data' },
};

const RUNNING_PHASES: ReadonlySet<ReplicationPhase> = new Set(['full-load', 'cdc']);

/**
 * Why the task's last known state forbids an action (the DMS state rules the core checks too), or null when it
 * may be tried. The core still decides: a refusal comes back with its own message.
 */
export function controlBlocked(task: ReplicationTaskView, action: DmsControlAction): string | null {
  const { phase } = task;
  if (phase === 'unresolved') return `The task is unresolved: ${task.resolution ?? 'DMS does not know it yet'}`;
  if (phase === 'starting') return 'The task is starting; wait until it runs';
  if (phase === 'stopping') return 'The task is stopping; wait until it has stopped';
  if (phase === 'other') return `DMS is busy with the task (${task.status ?? 'unknown status'}); wait until it is ready`;
  switch (action) {
    case 'start':
      return phase === 'not-started' ? null : 'The task has run before: Resume it, or Reload target to run it again from the start';
    case 'resume':
      if (phase === 'stopped' || phase === 'failed') return null;
      if (phase === 'not-started') return 'The task never ran: Start it';
      if (phase === 'full-load-done') return 'The full load finished: Reload target runs it again';
      return 'The task is running';
    case 'reload-target':
      if (phase === 'stopped' || phase === 'failed' || phase === 'full-load-done') return null;
      if (phase === 'not-started') return 'The task never ran: Start it';
      return 'Stop the task first';
    case 'stop':
      return RUNNING_PHASES.has(phase) ? null : 'The task is not running';
    case 'reload-tables-data':
      return RUNNING_PHASES.has(phase) ? null : 'Tables can only be reloaded while the task runs';
    case 'reload-tables-validate':
      if (!RUNNING_PHASES.has(phase)) return 'Tables can only be revalidated while the task runs';
      return task.validation?.state === 'not-enabled' ? 'Validation is not enabled for this task' : null;
  }
}

/**
 * What reloading throws away of the task's full load: "Now: full load 32 % (tables: 1 loaded, 4 loading, 12
 * queued); reloading starts the full load over from 0 %." Null when the task has no full load or its progress is not known.
 */
export function reloadLoss(task: Pick<ReplicationTaskView, 'fullLoadPercent' | 'tables' | 'migrationType'>): string | null {
  if (!hasFullLoad(task) || task.fullLoadPercent === null) return null;
  const t = task.tables;
  const tables = t ? ` (tables: ${t.loaded} loaded, ${t.loading} loading, ${t.queued} queued${t.errored > 0 ? `, ${t.errored} errored` : ''})` : '';
  return `Now: full load ${Math.floor(task.fullLoadPercent)} %${tables}; reloading starts the full load over from 0 %.`;
}

/** What the confirmation says will happen; `task` (its progress) says what a reload throws away. */
export function controlStatement(
  action: DmsControlAction,
  name: string,
  tableCount: number | null,
  task?: Pick<ReplicationTaskView, 'fullLoadPercent' | 'tables' | 'migrationType'>,
): string {
  const tables = tableCount === null ? 'all of its tables' : tableCount === 1 ? '1 table' : `${tableCount} tables`;
  switch (action) {
    case 'start':
      return `Start ${name}: DMS loads every table in full, then applies ongoing changes.`;
    case 'resume':
      return `Resume ${name}: DMS continues from where the task stopped.`;
    case 'reload-target': {
      const loss = task ? reloadLoss(task) : null;
      return `Reload target of ${name}: DMS truncates and reloads every table on the target, then applies ongoing changes. The target is incomplete until the full load finishes.${loss ? ` ${loss}` : ''}`;
    }
    case 'stop':
      return `Stop ${name}: DMS stops applying changes; the target falls behind the source until the task is resumed.`;
    case 'reload-tables-data':
      return `Reload ${tables} of ${name}: DMS reloads their data on the target while the task keeps running.`;
    case 'reload-tables-validate':
      return `Revalidate ${tables} of ${name}: DMS compares them with the source again; no data is reloaded.`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Alerts
// ---------------------------------------------------------------------------------------------------------

/** Critical first, then newest first (ties: by id, so the order is stable). */
export function compareAlerts(a: AlertView, b: AlertView): number {
  if (a.severity !== b.severity) return a.severity === 'critical' ? -1 : 1;
  const byTime = Date.parse(b.raisedAt) - Date.parse(a.raisedAt);
  if (Number.isFinite(byTime) && byTime !== 0) return byTime;
  if (a.raisedAt !== b.raisedAt) return a.raisedAt < b.raisedAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const ALERT_KIND_LABELS: Readonly<Record<AlertView['kind'], string>> = {
  'task-failed': 'task failed',
  'task-stopped': 'task stopped',
  'latency-above-gate': 'latency above gate',
  'table-errors': 'table errors',
  'validation-mismatch': 'validation mismatch',
  'monitor-degraded': 'monitor degraded',
};

// ---------------------------------------------------------------------------------------------------------
// Gate hold and table statistics
// ---------------------------------------------------------------------------------------------------------

/**
 * Seconds of the wave's hold time still to go, counted down from the task's last read (the core's
 * holdRemainingSeconds was true at freshness.taskAt). Null when no hold is running; frozen when `stale`.
 */
export function holdRemaining(task: ReplicationTaskView, now: number, stale: boolean): number | null {
  const remaining = task.gate.holdRemainingSeconds;
  if (remaining === null) return null;
  const at = task.freshness.taskAt ? Date.parse(task.freshness.taskAt) : NaN;
  if (stale || !Number.isFinite(at)) return Math.max(0, Math.round(remaining));
  return Math.max(0, Math.round(remaining - Math.max(0, now - at) / 1000));
}

/** 75 -> "1:15", 3600 -> "60:00": a countdown. */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

export type TableFlag = 'errored' | 'mismatched' | null;

/** Rows the grid highlights: a table DMS reports in error, or whose validation found differences. */
export function tableFlag(row: TableStatisticsView): TableFlag {
  if (/error|fail/i.test(row.state)) return 'errored';
  if (row.validationFailedRecords > 0 || /mismatch|fail|error/i.test(row.validationState ?? '')) return 'mismatched';
  return null;
}

/** The grid's state filter: every row, only the highlighted ones, or one DMS table state. */
export type TableFilter = { kind: 'all' } | { kind: 'problems' } | { kind: 'state'; state: string };

export function filterTables(rows: readonly TableStatisticsView[], filter: TableFilter): readonly TableStatisticsView[] {
  switch (filter.kind) {
    case 'all':
      return rows;
    case 'problems':
      return rows.filter((row) => tableFlag(row) !== null);
    case 'state':
      return rows.filter((row) => row.state === filter.state);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Data-destroying task control (the core decides: main/tracks/dms/monitor/destructive-guard.ts; its test checks these match)
// ---------------------------------------------------------------------------------------------------------

const DESTROYING: ReadonlySet<DmsControlAction> = new Set(['reload-target', 'reload-tables-data']);
const LIVE_ON_AWS: ReadonlySet<WavePhase> = new Set(['cutover-in-progress', 'cutover-stopped', 'cut-over', 'finalized', 'rolling-back', 'rollback-failed']);

/** Whether the action truncates or reloads target data: it needs the task's identifier typed. */
export function destroysTargetData(action: DmsControlAction): boolean {
  return DESTROYING.has(action);
}

/** Whether the action also needs an override with a reason: the task's wave has cut over (or is cutting over). */
export function needsDataOverride(action: DmsControlAction, phase: WavePhase | undefined): boolean {
  return DESTROYING.has(action) && phase !== undefined && LIVE_ON_AWS.has(phase);
}

/**
 * What a task control's dialog still needs before it can go ahead (empty: nothing): the task identifier typed
 * exactly for an action that destroys target data, and a long enough reason when the wave is live on AWS.
 */
export function controlMissing(action: DmsControlAction, phase: WavePhase | undefined, taskName: string, typed: string, reasonValid: boolean): string[] {
  return [
    ...(destroysTargetData(action) && typed.trim() !== taskName ? ['the task identifier'] : []),
    ...(needsDataOverride(action, phase) && !reasonValid ? [`a reason (at least ${MIN_OVERRIDE_REASON} characters)`] : []),
  ];
}
