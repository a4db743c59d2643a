// DMS replication monitoring as the renderer keeps it: the monitor's status, every task's view, wave gates and
// alerts (from dms.snapshot, then dms.* events), each series' points in a bounded ring buffer (full-load progress
// among them: the core keeps it as a series and sends it with dms.samples and dms.series), and the table
// statistics of the tasks in view. Pure functions: each returns the
// same object when nothing changed.
//
// Memory bounds: MAX_SERIES_POINTS points per task and series, MAX_ALERTS alerts (cleared ones go first), table
// statistics only for the focused tasks, MAX_TASK_LOG_LINES log lines only for the tasks whose log is open;
// series and tables of tasks the monitor no longer knows
// are dropped with each snapshot. The fallback reverse tasks a rollback started (`<stackId>#reverse`) are kept apart
// from the plan's tasks (`reverseTasks`), so nothing that sums up a wave counts them.
import type {
  AlertView,
  CockpitEvent,
  DmsSeriesName,
  DmsSnapshot,
  MonitorStatusView,
  ReplicationTaskView,
  SeriesPoints,
  TaskLogLine,
  TaskLogView,
  TaskResourcesView,
  TaskTablesView,
  WaveGateView,
} from '../../../../../main/api/contract';
import { compareAlerts } from '../lib/replication';
import type { Point } from '../lib/series';
import { emptyLogBuffer, itemAt, pushAll, type LogBuffer } from '../../../store/log-buffer';

export const MAX_SERIES_POINTS = 1_500;
export const MAX_ALERTS = 500;
export const MAX_TASK_LOG_LINES = 1_000;

/** A followed task log as the store keeps it: where it is, how reading it goes, and its newest lines. */
export interface TaskLogState extends Omit<TaskLogView, 'lines'> {
  readonly lines: LogBuffer<TaskLogLine>;
}

/** The key the monitor gives a stack's fallback reverse task (never a plan task's `<stackId>#<index>`). */
export function isReverseTaskKey(key: string): boolean {
  return key.endsWith('#reverse');
}

export type TaskSeries = Readonly<Partial<Record<DmsSeriesName, LogBuffer<Point>>>>;

export interface DmsState {
  /** Whether dms.snapshot has answered at least once. */
  readonly loaded: boolean;
  /** Why the last dms.snapshot failed, until one succeeds. */
  readonly error: string | null;
  readonly monitor: MonitorStatusView | null;
  readonly tasks: Readonly<Record<string, ReplicationTaskView>>;
  /** The fallback reverse tasks the monitor follows after a rollback (never part of a wave's gate). */
  readonly reverseTasks: Readonly<Record<string, ReplicationTaskView>>;
  /** task key -> its ARN, instance, endpoints (with their latest connection test) and log location. */
  readonly resources: Readonly<Record<string, TaskResourcesView>>;
  /** task key -> its log, for the tasks whose log panel is open. */
  readonly logs: Readonly<Record<string, TaskLogState>>;
  /** wave id -> its gate. */
  readonly waves: Readonly<Record<string, WaveGateView>>;
  readonly alerts: Readonly<Record<string, AlertView>>;
  /** task key -> series (a metric, or full-load progress) -> the points that arrived as dms.samples. */
  readonly series: Readonly<Record<string, TaskSeries>>;
  /** Table statistics of focused tasks. */
  readonly tables: Readonly<Record<string, TaskTablesView>>;
  /** Increases whenever samples may have been missed (a new snapshot after a gap or reconnect): charts re-read. */
  readonly epoch: number;
  /** The newest critical alert raised while the operator watched, for the live announcement. */
  readonly announcement: { readonly id: string; readonly message: string; readonly count: number } | null;
}

export const NO_DMS: DmsState = {
  loaded: false,
  error: null,
  monitor: null,
  tasks: {},
  reverseTasks: {},
  resources: {},
  logs: {},
  waves: {},
  alerts: {},
  series: {},
  tables: {},
  epoch: 0,
  announcement: null,
};

export function isDmsEvent(event: CockpitEvent): boolean {
  return event.type.startsWith('dms.');
}

/**
 * Applies a batch's dms.* events in the core's order (so each supersedes what the store has). Table statistics
 * are kept only for the `focused` tasks, log lines only for the `followed` ones.
 */
export function applyDmsEvents(state: DmsState, events: readonly CockpitEvent[], focused: ReadonlySet<string>, followed: ReadonlySet<string> = NONE): DmsState {
  let tasks: Record<string, ReplicationTaskView> | null = null;
  let reverseTasks: Record<string, ReplicationTaskView> | null = null;
  let resources: Record<string, TaskResourcesView> | null = null;
  let logs: Record<string, TaskLogState> | null = null;
  let waves: Record<string, WaveGateView> | null = null;
  let alerts: Record<string, AlertView> | null = null;
  let tables: Record<string, TaskTablesView> | null = null;
  let monitor = state.monitor;
  let announcement = state.announcement;
  const samples = new Map<string, Map<DmsSeriesName, Point[]>>();

  for (const event of events) {
    switch (event.type) {
      case 'dms.tasks':
        tasks ??= { ...state.tasks };
        for (const task of event.tasks) tasks[task.key] = task;
        break;
      case 'dms.samples':
        for (const series of event.samples) collectSamples(samples, series);
        break;
      case 'dms.tables':
        if (!focused.has(event.tables.taskKey)) break;
        tables ??= { ...state.tables };
        tables[event.tables.taskKey] = event.tables;
        break;
      case 'dms.waves':
        waves ??= { ...state.waves };
        for (const wave of event.waves) waves[wave.waveId] = wave;
        break;
      case 'dms.alert': {
        alerts ??= { ...state.alerts };
        const { alert } = event;
        if (alert.severity === 'critical' && alert.clearedAt === null && alert.acknowledgedAt === null && !alerts[alert.id]) {
          announcement = { id: alert.id, message: alert.message, count: (announcement?.count ?? 0) + 1 };
        }
        upsertAlert(alerts, alert);
        break;
      }
      case 'dms.monitor':
        monitor = event.monitor;
        break;
      case 'dms.reverse':
        reverseTasks = Object.fromEntries(event.tasks.map((task) => [task.key, task]));
        break;
      case 'dms.resources':
        resources ??= { ...state.resources };
        for (const view of event.resources) resources[view.taskKey] = view;
        break;
      case 'dms.log': {
        if (!followed.has(event.log.taskKey)) break;
        logs ??= { ...state.logs };
        logs[event.log.taskKey] = nextLog(logs[event.log.taskKey], event.log, event.append);
        break;
      }
      default:
        break;
    }
  }

  const series = samples.size > 0 ? appendSamples(state.series, samples) : state.series;
  if (!tasks && !reverseTasks && !resources && !logs && !waves && !alerts && !tables && monitor === state.monitor && series === state.series) return state;
  return {
    ...state,
    tasks: tasks ?? state.tasks,
    reverseTasks: reverseTasks ?? state.reverseTasks,
    resources: resources ?? state.resources,
    logs: logs ?? state.logs,
    waves: waves ?? state.waves,
    alerts: alerts ? bounded(alerts) : state.alerts,
    tables: tables ?? state.tables,
    monitor,
    series,
    announcement,
  };
}

/**
 * Replaces the monitor's view with a snapshot (on connect, after a missed batch or a reconnect), then replays the
 * dms events that arrived while the snapshot was in flight (they may be newer than it; any older one is followed
 * by the newer events that superseded it). Series and tables of tasks the snapshot no longer has are
 * dropped; the epoch moves on so charts re-read what may have been missed.
 */
export function replaceDms(state: DmsState, snapshot: DmsSnapshot, arrivedSinceRequest: readonly CockpitEvent[], focused: ReadonlySet<string>): DmsState {
  const tasks: Record<string, ReplicationTaskView> = {};
  const reverseTasks: Record<string, ReplicationTaskView> = {};
  for (const task of snapshot.tasks) tasks[task.key] = task;
  for (const task of snapshot.reverseTasks) reverseTasks[task.key] = task;
  // What is kept per task (series, tables) is kept for the reverse tasks as well.
  const known = { ...tasks, ...reverseTasks };
  const alerts: Record<string, AlertView> = {};
  for (const alert of snapshot.alerts) upsertAlert(alerts, alert);
  const fresh: DmsState = {
    ...state,
    loaded: true,
    error: null,
    monitor: snapshot.monitor,
    tasks,
    reverseTasks,
    resources: Object.fromEntries(snapshot.resources.map((view) => [view.taskKey, view])),
    logs: onlyKeys(state.logs, known),
    waves: Object.fromEntries(snapshot.waves.map((wave) => [wave.waveId, wave])),
    alerts: bounded(alerts),
    series: onlyKeys(state.series, known),
    tables: onlyKeys(state.tables, known, focused),
    epoch: state.epoch + 1,
  };
  return applyDmsEvents(fresh, arrivedSinceRequest, focused);
}

/** Stores a task view a command answered with, unless events already delivered a newer read of the task. */
export function mergeTask(state: DmsState, task: ReplicationTaskView): DmsState {
  // A reverse task's control answer updates the reverse task, never the plan's tasks (a wave would count it).
  const reverse = isReverseTaskKey(task.key);
  const current = reverse ? state.reverseTasks[task.key] : state.tasks[task.key];
  if (current === task) return state;
  if (current && isNewer(current.freshness.taskAt, task.freshness.taskAt)) return state;
  if (reverse) return { ...state, reverseTasks: { ...state.reverseTasks, [task.key]: task } };
  return { ...state, tasks: { ...state.tasks, [task.key]: task } };
}

/** Stores a task's resources a command answered with (a dms.resources event may bring a newer one later). */
export function mergeResources(state: DmsState, view: TaskResourcesView): DmsState {
  if (state.resources[view.taskKey] === view) return state;
  return { ...state, resources: { ...state.resources, [view.taskKey]: view } };
}

/** Stores what a dms.logs.follow answered for the tasks still followed; drops the logs of the others. */
export function mergeLogs(state: DmsState, views: readonly TaskLogView[], followed: ReadonlySet<string>): DmsState {
  const logs: Record<string, TaskLogState> = { ...onlyKeys(state.logs, null, followed) };
  for (const view of views) {
    if (!followed.has(view.taskKey)) continue;
    const current = logs[view.taskKey];
    // Events may have brought lines while the request was in flight: keep them, add what the answer has beyond.
    logs[view.taskKey] = current ? nextLog(current, view, true) : nextLog(undefined, view, false);
  }
  return { ...state, logs };
}

/** Drops the logs of tasks whose log panel closed. */
export function pruneLogs(state: DmsState, followed: ReadonlySet<string>): DmsState {
  const logs = onlyKeys(state.logs, null, followed);
  return logs === state.logs ? state : { ...state, logs };
}

/** A task log after a view from the core: its lines appended (only those newer than held) or replacing them. */
function nextLog(current: TaskLogState | undefined, view: TaskLogView, append: boolean): TaskLogState {
  const { lines, ...meta } = view;
  if (!append || !current) return { ...meta, lines: pushAll(emptyLogBuffer<TaskLogLine>(MAX_TASK_LOG_LINES), lines) };
  const newest = current.lines.length > 0 ? itemAt(current.lines, current.lines.length - 1)!.seq : 0;
  // Lines numbered below what is held come from a log the core started over (it restarted): they replace.
  if (lines.length > 0 && lines[lines.length - 1]!.seq < newest) return { ...meta, lines: pushAll(emptyLogBuffer<TaskLogLine>(MAX_TASK_LOG_LINES), lines) };
  return {
    ...meta,
    lines: pushAll(
      current.lines,
      lines.filter((line) => line.seq > newest),
    ),
  };
}

const NONE: ReadonlySet<string> = new Set();

/** Stores an alert a command answered with (merged with what events delivered). */
export function mergeAlert(state: DmsState, alert: AlertView): DmsState {
  const alerts = { ...state.alerts };
  upsertAlert(alerts, alert);
  return { ...state, alerts: bounded(alerts) };
}

/** Stores table statistics from a dms.focus answer, for the tasks still focused. */
export function mergeTables(state: DmsState, views: readonly TaskTablesView[], focused: ReadonlySet<string>): DmsState {
  const kept = views.filter((view) => focused.has(view.taskKey));
  const tables = onlyKeys(state.tables, null, focused);
  if (kept.length === 0 && tables === state.tables) return state;
  const next = { ...tables };
  for (const view of kept) {
    const current = next[view.taskKey];
    // An event may have brought newer statistics while the focus request was in flight.
    if (current && isNewer(current.fetchedAt, view.fetchedAt)) continue;
    next[view.taskKey] = view;
  }
  return { ...state, tables: next };
}

/** Drops the table statistics of tasks no longer focused. */
export function pruneTables(state: DmsState, focused: ReadonlySet<string>): DmsState {
  const tables = onlyKeys(state.tables, null, focused);
  return tables === state.tables ? state : { ...state, tables };
}

/** Alerts in the order the list shows them: critical first, newest first. */
export function sortedAlerts(alerts: Readonly<Record<string, AlertView>>): AlertView[] {
  return Object.values(alerts).sort(compareAlerts);
}

export interface AlertCounts {
  /** Not acknowledged yet (active or cleared). */
  readonly open: number;
  /** Critical, still active and not acknowledged. */
  readonly critical: number;
}

export function alertCounts(alerts: Readonly<Record<string, AlertView>>): AlertCounts {
  let open = 0;
  let critical = 0;
  for (const alert of Object.values(alerts)) {
    if (alert.acknowledgedAt !== null) continue;
    open += 1;
    if (alert.severity === 'critical' && alert.clearedAt === null) critical += 1;
  }
  return { open, critical };
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Upserts an alert in place. A version never undoes a clear or an acknowledgement another version already
 * showed (a command's answer races the event stream). An alert that is both cleared and acknowledged is done:
 * the core stops listing it, and so does the store.
 */
function upsertAlert(alerts: Record<string, AlertView>, alert: AlertView): void {
  const current = alerts[alert.id];
  const merged: AlertView = current
    ? { ...alert, clearedAt: alert.clearedAt ?? current.clearedAt, acknowledgedAt: alert.acknowledgedAt ?? current.acknowledgedAt }
    : alert;
  if (merged.clearedAt !== null && merged.acknowledgedAt !== null) delete alerts[alert.id];
  else alerts[alert.id] = merged;
}

/** At most MAX_ALERTS: cleared alerts go first, then the oldest. */
function bounded(alerts: Record<string, AlertView>): Record<string, AlertView> {
  const list = Object.values(alerts);
  if (list.length <= MAX_ALERTS) return alerts;
  list.sort((a, b) => ((a.clearedAt === null) !== (b.clearedAt === null) ? (a.clearedAt === null ? 1 : -1) : a.raisedAt < b.raisedAt ? -1 : 1));
  return Object.fromEntries(list.slice(list.length - MAX_ALERTS).map((alert) => [alert.id, alert]));
}

function collectSamples(samples: Map<string, Map<DmsSeriesName, Point[]>>, series: SeriesPoints): void {
  if (series.points.length === 0) return;
  let byMetric = samples.get(series.taskKey);
  if (!byMetric) samples.set(series.taskKey, (byMetric = new Map()));
  const list = byMetric.get(series.metric);
  if (list) list.push(...series.points);
  else byMetric.set(series.metric, [...series.points]);
}

function appendSamples(series: DmsState['series'], samples: Map<string, Map<DmsSeriesName, Point[]>>): DmsState['series'] {
  const next = { ...series };
  for (const [taskKey, byMetric] of samples) {
    const current: Partial<Record<DmsSeriesName, LogBuffer<Point>>> = { ...next[taskKey] };
    for (const [metric, points] of byMetric) current[metric] = appendPoints(current[metric], points, MAX_SERIES_POINTS);
    next[taskKey] = current;
  }
  return next;
}

/** Appends the points newer than the buffer's newest (duplicates and out-of-order points are dropped). */
export function appendPoints(buffer: LogBuffer<Point> | undefined, points: readonly Point[], capacity: number): LogBuffer<Point> {
  const current = buffer ?? emptyLogBuffer<Point>(capacity);
  let last = current.length > 0 ? itemAt(current, current.length - 1)![0] : -Infinity;
  const fresh: Point[] = [];
  for (const point of points) {
    if (!(point[0] > last) || !Number.isFinite(point[1])) continue;
    fresh.push(point);
    last = point[0];
  }
  return pushAll(current, fresh);
}

/** The entries whose key is in `keys` (a record) and/or `set`; the same object when nothing is dropped. */
function onlyKeys<V>(
  record: Readonly<Record<string, V>>,
  keys: Readonly<Record<string, unknown>> | null,
  set?: ReadonlySet<string>,
): Readonly<Record<string, V>> {
  const keep = (key: string) => (keys === null || key in keys) && (set === undefined || set.has(key));
  const entries = Object.keys(record);
  if (entries.every(keep)) return record;
  return Object.fromEntries(entries.filter(keep).map((key) => [key, record[key]!]));
}

function isNewer(a: string | null, b: string | null): boolean {
  if (a === null) return false;
  if (b === null) return true;
  const diff = Date.parse(a) - Date.parse(b);
  return Number.isFinite(diff) ? diff > 0 : a > b;
}
