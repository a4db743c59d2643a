// The Keyspaces track in words: states and their tones, numbers with their units, data-clock times with their clock,
// the dual-write hold against its limits, a validation (or a re-check, which never reads as a whole validation) and
// the one-line summaries of the stack panel. Pure, so every word is tested without a DOM. One file on purpose: it is
// the tab's one vocabulary (a state's words and tone read the same on every card), tested as one in words.test.ts.
import type { JournalEntryView, MonitorStatusView } from '../../../../main/api/contract';
import type { BulkLoadView, DualWriteView, ProxyView, TableValidationView, ValidationView } from '../../../../main/tracks/keyspaces/contract';
import { formatCount, plural } from '../../lib/format';
import { formatDataTime, type ClockRate } from '../../lib/readiness';
import type { KeyspacesCommandKind, LaunchedRun } from './slice';

/** A pill's tone: the gate pill's data-gate (replication.css). `holding`: in progress, not a fault. */
export type Tone = 'green' | 'red' | 'unknown' | 'holding' | 'neutral';

type KeyspacesJournalKind = Extract<JournalEntryView['kind'], `keyspaces-${string}`>;

export const KEYSPACES_JOURNAL_KINDS: Readonly<Record<KeyspacesJournalKind, string>> = {
  'keyspaces-bulk-load': 'Bulk load started',
  'keyspaces-validate': 'Keyspaces validation',
};

// ---------------------------------------------------------------------------------------------------------------
// Numbers with their units, times with their clock
// ---------------------------------------------------------------------------------------------------------------

/** 1234 -> "1,234"; 0.25 -> "0.3": whole numbers grouped, fractions to one decimal. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? formatCount(value) : value.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/** "1 row", "12,000 rows". */
export function rowsText(count: number): string {
  return `${formatNumber(count)} ${count === 1 ? 'row' : 'rows'}`;
}

/** A plural unit word in the singular for one ("1 event"); symbols (RCU) stay as they are. */
function unitFor(value: number, unit: string): string {
  return value === 1 && /^[a-z]+s$/.test(unit) ? unit.slice(0, -1) : unit;
}

/** "1,250 rows/s". */
export function perSecondText(value: number, unit: string): string {
  return `${formatNumber(value)} ${unitFor(value, unit)}/s`;
}

/** "3 events/min", "1 event/min": a metric minute's sum. */
export function perMinuteText(value: number, unit: string): string {
  return `${formatNumber(value)} ${unitFor(value, unit)}/min`;
}

/** "2.5 ms" under 10 ms, "120 ms" above. */
export function msText(ms: number): string {
  return ms < 10 ? `${ms.toLocaleString('en-US', { maximumFractionDigits: 1 })} ms` : `${formatCount(Math.round(ms))} ms`;
}

/** 45 -> "45 s", 725 -> "12 min 5 s", 3720 -> "1 h 2 min". */
export function durationText(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return whole % 60 === 0 ? `${whole / 60} min` : `${Math.floor(whole / 60)} min ${whole % 60} s`;
  const minutes = Math.floor((whole % 3600) / 60);
  return minutes === 0 ? `${Math.floor(whole / 3600)} h` : `${Math.floor(whole / 3600)} h ${minutes} min`;
}

/** A data-clock time with its clock ("02:00:03 UTC", or "… UTC on the rehearsal clock (10× real time)"). */
export function timeText(iso: string, clock: ClockRate | null | undefined): string {
  return formatDataTime(iso, clock);
}

/** A data-clock time with its day, for times that may be days old (a bulk load's run). */
export function dateTimeText(iso: string, clock: ClockRate | null | undefined): string {
  return formatDataTime(iso, clock, { date: true });
}

// ---------------------------------------------------------------------------------------------------------------
// The monitor
// ---------------------------------------------------------------------------------------------------------------

export const MONITOR_STATE_WORDS: Readonly<Record<MonitorStatusView['state'], string>> = {
  idle: 'idle',
  polling: 'polling',
  'backing-off': 'backing off',
  degraded: 'degraded',
};

/** "Keyspaces monitor polling · rehearsal environment · every 5 s · last cycle 14 ms at 02:00:03 UTC". */
export function monitorText(monitor: MonitorStatusView): string {
  const parts = [`Keyspaces monitor ${MONITOR_STATE_WORDS[monitor.state]}`];
  if (monitor.target) parts.push(monitor.target === 'rehearsal' ? 'rehearsal environment' : monitor.target);
  if (monitor.intervalSeconds > 0) parts.push(`every ${formatNumber(monitor.intervalSeconds)} s`);
  if (monitor.lastCycleMs !== null)
    parts.push(`last cycle ${msText(monitor.lastCycleMs)}${monitor.lastCycleAt ? ` at ${timeText(monitor.lastCycleAt, monitor.dataClock)}` : ''}`);
  return parts.join(' · ');
}

// ---------------------------------------------------------------------------------------------------------------
// The bulk load (a Glue job run)
// ---------------------------------------------------------------------------------------------------------------

/** Glue's JobRunState values. */
export const GLUE_RUN_STATES = ['STARTING', 'RUNNING', 'STOPPING', 'WAITING', 'SUCCEEDED', 'STOPPED', 'FAILED', 'TIMEOUT', 'ERROR', 'EXPIRED'] as const;
export type GlueRunState = (typeof GLUE_RUN_STATES)[number];

export const GLUE_RUN_STATE_WORDS: Readonly<Record<GlueRunState, string>> = {
  STARTING: 'Starting',
  RUNNING: 'Running',
  STOPPING: 'Stopping',
  WAITING: 'Waiting for resources',
  SUCCEEDED: 'Succeeded',
  STOPPED: 'Stopped',
  FAILED: 'Failed',
  TIMEOUT: 'Timed out',
  ERROR: 'Error',
  EXPIRED: 'Expired',
};

/** The states in which a run is under way (the monitor's, main/tracks/keyspaces/monitor/keyspaces-monitor.ts). */
const ACTIVE_RUN_STATES: ReadonlySet<string> = new Set<GlueRunState>(['STARTING', 'RUNNING', 'STOPPING', 'WAITING']);
const FAILED_RUN_STATES: ReadonlySet<string> = new Set<GlueRunState>(['FAILED', 'TIMEOUT', 'ERROR', 'EXPIRED', 'STOPPED']);

export type BulkLoadPhase = 'no-job' | 'unreadable' | 'not-run' | 'active' | 'succeeded' | 'failed' | 'other';

export const BULK_LOAD_TONE: Readonly<Record<BulkLoadPhase, Tone>> = {
  'no-job': 'unknown',
  unreadable: 'unknown',
  'not-run': 'neutral',
  active: 'holding',
  succeeded: 'green',
  failed: 'red',
  other: 'unknown',
};

export function bulkLoadPhase(load: BulkLoadView): BulkLoadPhase {
  if (load.jobName === null) return 'no-job';
  if (load.problem !== null) return 'unreadable';
  if (load.state === null) return 'not-run';
  if (ACTIVE_RUN_STATES.has(load.state)) return 'active';
  if (load.state === 'SUCCEEDED') return 'succeeded';
  if (FAILED_RUN_STATES.has(load.state)) return 'failed';
  return 'other';
}

export function isRunActive(load: BulkLoadView): boolean {
  return load.state !== null && ACTIVE_RUN_STATES.has(load.state);
}

/** The run state pill's words: Glue's state in words, or why there is none. */
export function bulkLoadStateText(load: BulkLoadView): string {
  const phase = bulkLoadPhase(load);
  if (phase === 'no-job') return 'No job yet';
  if (phase === 'unreadable') return 'Runs not readable';
  if (load.state === null) return 'Not run yet';
  return GLUE_RUN_STATE_WORDS[load.state as GlueRunState] ?? load.state.toLowerCase();
}

/** How long the run took (Glue's execution time), or has taken between its times; null before it started. */
export function bulkLoadDuration(load: BulkLoadView): string | null {
  if (load.executionSeconds !== null && (load.executionSeconds > 0 || load.completedAt !== null)) return durationText(load.executionSeconds);
  if (load.startedAt !== null && load.completedAt !== null) {
    const seconds = (Date.parse(load.completedAt) - Date.parse(load.startedAt)) / 1000;
    return Number.isFinite(seconds) ? durationText(seconds) : null;
  }
  return null;
}

export const COMMAND_WORDS: Readonly<Record<KeyspacesCommandKind, string>> = {
  'bulk-load': 'Start bulk load',
  validate: 'Validate',
  recheck: 'Re-check',
  cancel: 'Cancel',
};

const SENDING_WORDS: Readonly<Record<KeyspacesCommandKind, string>> = {
  'bulk-load': 'Starting the bulk load…',
  validate: 'Starting a validation…',
  recheck: 'Starting a re-check…',
  cancel: 'Cancelling the validation…',
};

export function sendingText(pending: KeyspacesCommandKind): string {
  return SENDING_WORDS[pending];
}

/** Why "Start bulk load" cannot be pressed now, or null when it can. */
export function bulkLoadBlocked(load: BulkLoadView, pending: KeyspacesCommandKind | undefined, launched: LaunchedRun | undefined): string | null {
  if (pending) return sendingText(pending);
  if (load.jobName === null) return `No bulk-load job: ${load.problem ?? 'the plan names none'}`;
  if (isRunActive(load)) return `A run is under way (${bulkLoadStateText(load).toLowerCase()}${load.runId ? `, run ${load.runId}` : ''})`;
  if (launched) return `Run ${launched.runId} started: waiting for the monitor to read it`;
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Tables: a metric minute's throttling, errors and capacity
// ---------------------------------------------------------------------------------------------------------------

/** "minute from 02:00:00 UTC", or that CloudWatch has no datapoint yet. */
export function minuteText(minute: string | null, clock: ClockRate | null | undefined): string {
  return minute === null ? 'no datapoint yet' : `minute from ${timeText(minute, clock)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The dual-write proxy and its hold
// ---------------------------------------------------------------------------------------------------------------

export type HoldStatus = 'clean' | 'holding' | 'over-limit' | 'not-read' | 'unreadable';

export const HOLD_STATUS_WORDS: Readonly<Record<HoldStatus, string>> = {
  clean: 'Clean',
  holding: 'Holding',
  'over-limit': 'Over the limits',
  'not-read': 'Proxy not read yet',
  unreadable: 'Proxy not readable',
};

export const HOLD_STATUS_TONE: Readonly<Record<HoldStatus, Tone>> = {
  clean: 'green',
  holding: 'holding',
  'over-limit': 'red',
  'not-read': 'neutral',
  unreadable: 'unknown',
};

export function holdStatus(hold: DualWriteView, proxy: ProxyView): HoldStatus {
  if (proxy.problem !== null) return 'unreadable';
  if (hold.clean) return 'clean';
  if (hold.failedWritesInHold > hold.maxFailedWrites || hold.throttleEventsInHold > hold.maxThrottleEvents) return 'over-limit';
  if (hold.holdEndsAt === null) return 'not-read';
  return 'holding';
}

/** The hold's sums against the wave's limits: "3 failed writes in the last 300 s, limit 0", and the throttle events. */
export function holdLimitLines(hold: DualWriteView): { readonly text: string; readonly over: boolean }[] {
  const window = `in the last ${formatNumber(hold.holdSeconds)} s`;
  return [
    {
      text: `${plural(hold.failedWritesInHold, 'failed write')} ${window}, limit ${formatNumber(hold.maxFailedWrites)}`,
      over: hold.failedWritesInHold > hold.maxFailedWrites,
    },
    {
      text: `${plural(hold.throttleEventsInHold, 'Keyspaces throttle event')} ${window}, limit ${formatNumber(hold.maxThrottleEvents)}`,
      over: hold.throttleEventsInHold > hold.maxThrottleEvents,
    },
  ];
}

/** When the hold ends (or ended), with its clock; null while the proxy was never read. */
export function holdEndText(hold: DualWriteView, clock: ClockRate | null | undefined): string | null {
  if (hold.holdEndsAt === null) return null;
  const at = timeText(hold.holdEndsAt, clock);
  return hold.clean ? `held ${formatNumber(hold.holdSeconds)} s, complete at ${at}` : `ends at ${at} if nothing new happens`;
}

/** A side's failed writes since the monitor started watching: "2 failed writes". */
export function failedWritesText(count: number): string {
  return plural(count, 'failed write');
}

// ---------------------------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------------------------

export const VALIDATION_STATE_WORDS: Readonly<Record<ValidationView['state'], string>> = {
  running: 'Running',
  clean: 'Clean',
  mismatches: 'Mismatches found',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const VALIDATION_TONE: Readonly<Record<ValidationView['state'], Tone>> = {
  running: 'holding',
  clean: 'green',
  mismatches: 'red',
  failed: 'red',
  cancelled: 'unknown',
};

/** The state pill: a re-check says so in its words, and a clean one is never green (it is no whole validation). */
export function validationPill(view: ValidationView): { readonly label: string; readonly tone: Tone } {
  const words = VALIDATION_STATE_WORDS[view.state];
  if (view.scope === 'full') return { label: words, tone: VALIDATION_TONE[view.state] };
  return { label: `Re-check: ${words.toLowerCase()}`, tone: view.state === 'clean' ? 'neutral' : VALIDATION_TONE[view.state] };
}

/** What the run compared: "whole tables" or "re-check of 3 token ranges of orders". */
export function validationScopeText(view: ValidationView): string {
  if (view.scope === 'full') return view.tables.length > 0 ? `whole tables (${plural(view.tables.length, 'table')})` : 'whole tables';
  const table = view.tables.length === 1 ? ` of ${view.tables[0]!.table}` : '';
  return view.rangesTotal > 0 ? `re-check of ${plural(view.rangesTotal, 'token range')}${table}` : `re-check of listed token ranges${table}`;
}

/** Said under a re-check: it does not replace a whole validation. */
export const RECHECK_NOTE = 'A re-check compares the listed token ranges only: it is no whole validation, and the gate waits for one.';

/** "12 of 64 token ranges". */
export function rangesProgressText(view: ValidationView): string {
  if (view.rangesTotal === 0) return view.state === 'running' ? 'splitting the token ring…' : 'no token ranges';
  return `${formatCount(view.rangesDone)} of ${plural(view.rangesTotal, 'token range')}`;
}

/** Ranges done as a percentage, or null before the total is known. */
export function rangesPercent(view: ValidationView): number | null {
  return view.rangesTotal > 0 ? Math.max(0, Math.min(100, (view.rangesDone / view.rangesTotal) * 100)) : null;
}

/** "origin 12,000 rows · target 11,998 rows". */
export function comparedText(originRows: number, targetRows: number): string {
  return `origin ${rowsText(originRows)} · target ${rowsText(targetRows)}`;
}

/** The origin's read rate against the plan's bound; `over` when the average passed it. */
export function originRateText(view: ValidationView): { readonly text: string; readonly over: boolean } {
  const bound = `bound ${perSecondText(view.maxOriginRowsPerSecond, 'rows')}`;
  if (view.originRowsPerSecond === null)
    return { text: `${view.state === 'running' ? 'origin read rate known at the end' : 'origin read rate not known'} · ${bound}`, over: false };
  return {
    text: `origin read ${perSecondText(view.originRowsPerSecond, 'rows')} on average · ${bound}`,
    over: view.originRowsPerSecond > view.maxOriginRowsPerSecond,
  };
}

/** A token range as Cassandra counts it: start exclusive, end inclusive. */
export function rangeText(range: { readonly start: string; readonly end: string }): string {
  return `(${range.start}, ${range.end}]`;
}

export const MISMATCH_KIND_WORDS: Readonly<Record<TableValidationView['rowMismatches'][number]['kind'], string>> = {
  'missing-on-target': 'missing on target',
  'missing-on-origin': 'missing on origin',
  differs: 'differs',
};

/** "12 more not shown" when the view carries fewer than it counted; null when it carries them all. */
export function moreNotShown(total: number, shown: number): string | null {
  return total > shown ? `${formatCount(total - shown)} more not shown` : null;
}

/** The table's mismatches in one line: "2 token ranges differ in row count · 1 sampled row differs", or "no mismatches". */
export function tableMismatchText(table: TableValidationView): string {
  const parts = [
    table.countMismatchCount > 0
      ? `${plural(table.countMismatchCount, 'token range')} ${table.countMismatchCount === 1 ? 'differs' : 'differ'} in row count`
      : '',
    table.rowMismatchCount > 0 ? `${plural(table.rowMismatchCount, 'sampled row')} ${table.rowMismatchCount === 1 ? 'differs' : 'differ'}` : '',
    table.uncheckedCount > 0 ? `${plural(table.uncheckedCount, 'token range')} not checked` : '',
    ...table.columnDifferences,
  ].filter(Boolean);
  return table.problem ?? (parts.length > 0 ? parts.join(' · ') : 'no mismatches');
}

/** Why a validation button cannot be pressed now, or null. */
export function validationBlocked(view: ValidationView | undefined, pending: KeyspacesCommandKind | undefined): string | null {
  if (pending) return sendingText(pending);
  if (view?.state === 'running') return 'A validation of this stack is running: cancel it or wait for it';
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// One line each for the stack panel
// ---------------------------------------------------------------------------------------------------------------

/** "Succeeded · 1,200,000 rows in 12 min 5 s", "Running since 02:00:00 UTC · 40,000 rows so far", "Not run yet". */
export function loadSummary(load: BulkLoadView, clock: ClockRate | null | undefined): string {
  const state = bulkLoadStateText(load);
  const phase = bulkLoadPhase(load);
  if (phase === 'no-job' || phase === 'unreadable') return `${state}: ${load.problem ?? 'unknown'}`;
  if (phase === 'not-run') return state;
  const rows = load.recordsRead === null ? null : rowsText(load.recordsRead);
  if (phase === 'active')
    return [`${state}${load.startedAt ? ` since ${timeText(load.startedAt, clock)}` : ''}`, rows ? `${rows} so far` : null].filter(Boolean).join(' · ');
  const duration = bulkLoadDuration(load);
  // Until CloudWatch has published the run's last minutes, its count is short of the end.
  const count = rows && !load.recordsFinal ? `${rows} so far` : rows;
  return [state, count ? `${count}${duration ? ` in ${duration}` : ''}` : duration].filter(Boolean).join(' · ');
}

/** "Clean", "Holding: ends at 02:05:00 UTC if nothing new happens", "Over the limits: 3 failed writes in the last 300 s, limit 0". */
export function holdSummary(hold: DualWriteView, proxy: ProxyView, clock: ClockRate | null | undefined): string {
  const status = holdStatus(hold, proxy);
  const words = HOLD_STATUS_WORDS[status];
  if (status === 'unreadable') return `${words}: ${proxy.problem ?? 'unknown'}`;
  if (status === 'over-limit')
    return `${words}: ${holdLimitLines(hold)
      .filter((line) => line.over)
      .map((line) => line.text)
      .join('; ')}`;
  if (status === 'holding') return `${words}: ${holdEndText(hold, clock) ?? ''}`;
  return words;
}

/** "Clean, finished 02:30:00 UTC", "Re-check of 3 token ranges of orders: clean (not a whole validation)", "Not validated yet". */
export function validationSummary(view: ValidationView | undefined, clock: ClockRate | null | undefined): string {
  if (!view) return 'Not validated yet';
  const finished = view.finishedAt ? `, finished ${timeText(view.finishedAt, clock)}` : '';
  const state = VALIDATION_STATE_WORDS[view.state].toLowerCase();
  if (view.scope === 'recheck') {
    const scope = validationScopeText(view);
    return `${scope.charAt(0).toUpperCase()}${scope.slice(1)}: ${view.state === 'running' ? rangesProgressText(view) : state}${finished} (not a whole validation)`;
  }
  switch (view.state) {
    case 'running':
      return `Running: ${rangesProgressText(view)}`;
    case 'mismatches':
      return `${plural(view.mismatches, 'mismatch', 'mismatches')} found${finished}`;
    case 'failed':
      return `Failed: ${view.problem ?? 'unknown error'}`;
    default:
      return `${VALIDATION_STATE_WORDS[view.state]}${finished}`;
  }
}
