// How DMS replication reads to an operator: phase names, freshness and staleness, the heatmap's colour levels,
// which task controls the task's state obviously forbids, ETA and trend texts. Pure functions.
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
  WaveView,
} from '../../../main/api/contract';

// Redefined here (the renderer may not import the contract's runtime values); `satisfies` plus the
// exhaustiveness checks make TypeScript fail if the contract changes.
export const DMS_METRICS = [
  'CDCLatencySource',
  'CDCLatencyTarget',
  'CDCIncomingChanges',
  'CDCThroughputRowsTarget',
  'FullLoadThroughputRowsTarget',
] as const satisfies readonly DmsMetric[];
type MissingMetric = Exclude<DmsMetric, (typeof DMS_METRICS)[number]>;
const everyMetricListed: [MissingMetric] extends [never] ? true : MissingMetric = true;
void everyMetricListed;

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

/** The task's index in its stack's replicationTasks, from its key `<stackId>#<index>`. */
export function taskIndex(key: string): number {
  const index = Number(key.slice(key.lastIndexOf('#') + 1));
  return Number.isInteger(index) ? index : 0;
}

/** The key the monitor gives the stack's n-th replication task. */
export function taskKeyOf(stackId: string, index: number): string {
  return `${stackId}#${index}`;
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
  readonly now: number;
  /** The monitor's polling interval (null before its status is known). */
  readonly intervalSeconds: number | null;
  /** Whether the event stream from the core is up: while it is not, nothing shown is current. */
  readonly connected: boolean;
}

export interface Freshness {
  /** Never show the values as current. */
  readonly stale: boolean;
  readonly reason: string | null;
  /** Seconds since the task was last read, null when never. */
  readonly ageSeconds: number | null;
  /** "updated 12 s ago", "never read". */
  readonly text: string;
}

/** Without news for this many polling intervals (at least MIN_STALE_SECONDS), the renderer calls a task stale itself. */
export const STALE_INTERVALS = 3;
export const MIN_STALE_SECONDS = 30;

/**
 * Whether what the UI shows about a task is current. The core marks a task stale with its reason; the renderer
 * also does when it has heard nothing for several polling intervals (the core's own stale flag would then be
 * old news too) or when its connection to the core is down.
 */
export function freshnessOf(task: ReplicationTaskView, context: FreshnessContext): Freshness {
  const at = task.freshness.taskAt ? Date.parse(task.freshness.taskAt) : NaN;
  const ageSeconds = Number.isFinite(at) ? Math.max(0, Math.round((context.now - at) / 1000)) : null;
  const text = ageSeconds === null ? 'never read' : `updated ${formatAge(ageSeconds)}`;
  if (!context.connected) return { stale: true, reason: 'disconnected from the cockpit core', ageSeconds, text };
  if (task.freshness.stale) return { stale: true, reason: task.freshness.staleReason ?? 'the monitor could not read this task recently', ageSeconds, text };
  if (task.phase === 'unresolved') return { stale: true, reason: task.resolution ?? 'the task is not known to DMS yet', ageSeconds, text };
  const limit = Math.max(MIN_STALE_SECONDS, STALE_INTERVALS * (context.intervalSeconds ?? 0));
  if (ageSeconds !== null && ageSeconds > limit) {
    return { stale: true, reason: `no update for ${formatAge(ageSeconds).replace(' ago', '')} (the monitor polls every ${context.intervalSeconds ?? '?'} s)`, ageSeconds, text };
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

export function heatOf(task: ReplicationTaskView, maxLatencySeconds: number | null, stale: boolean): Heat {
  const failed = task.phase === 'failed';
  const latency = task.latest.cdcLatencyTargetSeconds;
  if (failed) return { level: 'failed', ratio: null, failed };
  if (stale || task.phase === 'unresolved') return { level: 'none', ratio: null, failed };
  if (task.phase === 'full-load' || task.phase === 'starting') return { level: 'loading', ratio: null, failed };
  if (task.phase !== 'cdc') return { level: 'idle', ratio: null, failed };
  if (latency === null) return { level: 'none', ratio: null, failed };
  if (maxLatencySeconds === null || maxLatencySeconds <= 0) return { level: 'nogate', ratio: null, failed };
  const ratio = latency / maxLatencySeconds;
  const level: HeatLevel = ratio <= 0.5 ? 'good' : ratio <= 1 ? 'fair' : ratio <= 2 ? 'over' : 'far';
  if ((level === 'good' || level === 'fair') && task.gate.status === 'red') return { level: 'held', ratio, failed };
  return { level, ratio, failed };
}

// ---------------------------------------------------------------------------------------------------------
// Task controls
// ---------------------------------------------------------------------------------------------------------

export const CONTROL_ACTIONS = [
  'start',
  'resume',
  'reload-target',
  'stop',
  'reload-tables-data',
  'reload-tables-validate',
] as const satisfies readonly DmsControlAction[];
type MissingAction = Exclude<DmsControlAction, (typeof CONTROL_ACTIONS)[number]>;
const everyActionListed: [MissingAction] extends [never] ? true : MissingAction = true;
void everyActionListed;

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

/** What the confirmation says will happen. */
export function controlStatement(action: DmsControlAction, name: string, tableCount: number | null): string {
  const tables = tableCount === null ? 'all of its tables' : tableCount === 1 ? '1 table' : `${tableCount} tables`;
  switch (action) {
    case 'start':
      return `Start ${name}: DMS loads every table in full, then applies ongoing changes.`;
    case 'resume':
      return `Resume ${name}: DMS continues from where the task stopped.`;
    case 'reload-target':
      return `Reload target of ${name}: DMS truncates and reloads every table on the target, then applies ongoing changes. The target is incomplete until the full load finishes.`;
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
// Data-destroying task control (the core decides: main/dms/destructive-guard.ts; its test checks these match)
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
