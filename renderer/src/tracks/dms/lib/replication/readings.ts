// Latest values, current or not; datapoint times, latency before CDC, full load and its ETA.
import type { DmsMetric, ReplicationPhase, ReplicationTaskView } from '../../../../../../main/api/contract';
import { dataDurationsNote, formatDataTime, type ClockRate } from '../../../../lib/readiness';
import { formatEta, formatLatency, formatSpan, timeOf, type Freshness, type FreshnessContext } from './freshness';

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
