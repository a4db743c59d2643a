// DMS replication monitoring as the renderer keeps it: the monitor's status, every task's view, wave gates and
// alerts (from dms.snapshot, then dms.* events), each series' points in a bounded ring buffer, every task's
// full-load progress over time, and the table statistics of the tasks in view. Pure functions: each returns the
// same object when nothing changed.
//
// Memory bounds: MAX_SERIES_POINTS points per task and metric, MAX_PROGRESS_POINTS full-load progress points per
// task, MAX_ALERTS alerts (cleared ones go first), table statistics only for the focused tasks; series, progress
// and tables of tasks the monitor no longer knows are dropped with each snapshot.
import type {
  AlertView,
  CockpitEvent,
  DmsMetric,
  DmsSnapshot,
  MonitorStatusView,
  ReplicationTaskView,
  SeriesPoints,
  TaskTablesView,
  WaveGateView,
} from '../../../main/api/contract';
import { compareAlerts } from '../lib/replication';
import type { Point } from '../lib/series';
import { emptyLogBuffer, itemAt, pushAll, type LogBuffer } from './log-buffer';

export const MAX_SERIES_POINTS = 1_500;
export const MAX_PROGRESS_POINTS = 500;
export const MAX_ALERTS = 500;

export type TaskSeries = Readonly<Partial<Record<DmsMetric, LogBuffer<Point>>>>;

export interface DmsState {
  /** Whether dms.snapshot has answered at least once. */
  readonly loaded: boolean;
  /** Why the last dms.snapshot failed, until one succeeds. */
  readonly error: string | null;
  readonly monitor: MonitorStatusView | null;
  readonly tasks: Readonly<Record<string, ReplicationTaskView>>;
  /** wave id -> its gate. */
  readonly waves: Readonly<Record<string, WaveGateView>>;
  readonly alerts: Readonly<Record<string, AlertView>>;
  /** task key -> metric -> the points that arrived as dms.samples. */
  readonly series: Readonly<Record<string, TaskSeries>>;
  /** task key -> [time the task was read, full-load %]. */
  readonly progress: Readonly<Record<string, LogBuffer<Point>>>;
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
  waves: {},
  alerts: {},
  series: {},
  progress: {},
  tables: {},
  epoch: 0,
  announcement: null,
};

export function isDmsEvent(event: CockpitEvent): boolean {
  return event.type.startsWith('dms.');
}

/**
 * Applies a batch's dms.* events in the core's order (so each supersedes what the store has). Table statistics
 * are kept only for the `focused` tasks.
 */
export function applyDmsEvents(state: DmsState, events: readonly CockpitEvent[], focused: ReadonlySet<string>): DmsState {
  let tasks: Record<string, ReplicationTaskView> | null = null;
  let waves: Record<string, WaveGateView> | null = null;
  let alerts: Record<string, AlertView> | null = null;
  let tables: Record<string, TaskTablesView> | null = null;
  let monitor = state.monitor;
  let announcement = state.announcement;
  const samples = new Map<string, Map<DmsMetric, Point[]>>();
  const progress = new Map<string, Point[]>();

  for (const event of events) {
    switch (event.type) {
      case 'dms.tasks':
        tasks ??= { ...state.tasks };
        for (const task of event.tasks) {
          tasks[task.key] = task;
          collectProgress(progress, task);
        }
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
      default:
        break;
    }
  }

  const series = samples.size > 0 ? appendSamples(state.series, samples) : state.series;
  const progressed = progress.size > 0 ? appendProgress(state.progress, progress) : state.progress;
  if (!tasks && !waves && !alerts && !tables && monitor === state.monitor && series === state.series && progressed === state.progress) return state;
  return {
    ...state,
    tasks: tasks ?? state.tasks,
    waves: waves ?? state.waves,
    alerts: alerts ? bounded(alerts) : state.alerts,
    tables: tables ?? state.tables,
    monitor,
    series,
    progress: progressed,
    announcement,
  };
}

/**
 * Replaces the monitor's view with a snapshot (on connect, after a missed batch or a reconnect), then replays the
 * dms events that arrived while the snapshot was in flight (they may be newer than it; any older one is followed
 * by the newer events that superseded it). Series, progress and tables of tasks the snapshot no longer has are
 * dropped; the epoch moves on so charts re-read what may have been missed.
 */
export function replaceDms(
  state: DmsState,
  snapshot: DmsSnapshot,
  arrivedSinceRequest: readonly CockpitEvent[],
  focused: ReadonlySet<string>,
): DmsState {
  const tasks: Record<string, ReplicationTaskView> = {};
  const progress = new Map<string, Point[]>();
  for (const task of snapshot.tasks) {
    tasks[task.key] = task;
    collectProgress(progress, task);
  }
  const alerts: Record<string, AlertView> = {};
  for (const alert of snapshot.alerts) upsertAlert(alerts, alert);
  const fresh: DmsState = {
    ...state,
    loaded: true,
    error: null,
    monitor: snapshot.monitor,
    tasks,
    waves: Object.fromEntries(snapshot.waves.map((wave) => [wave.waveId, wave])),
    alerts: bounded(alerts),
    series: onlyKeys(state.series, tasks),
    progress: appendProgress(onlyKeys(state.progress, tasks), progress),
    tables: onlyKeys(state.tables, tasks, focused),
    epoch: state.epoch + 1,
  };
  return applyDmsEvents(fresh, arrivedSinceRequest, focused);
}

/** Stores a task view a command answered with, unless events already delivered a newer read of the task. */
export function mergeTask(state: DmsState, task: ReplicationTaskView): DmsState {
  const current = state.tasks[task.key];
  if (current === task) return state;
  if (current && isNewer(current.freshness.taskAt, task.freshness.taskAt)) return state;
  return { ...state, tasks: { ...state.tasks, [task.key]: task } };
}

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
  list.sort((a, b) => (a.clearedAt === null) !== (b.clearedAt === null) ? (a.clearedAt === null ? 1 : -1) : a.raisedAt < b.raisedAt ? -1 : 1);
  return Object.fromEntries(list.slice(list.length - MAX_ALERTS).map((alert) => [alert.id, alert]));
}

function collectSamples(samples: Map<string, Map<DmsMetric, Point[]>>, series: SeriesPoints): void {
  if (series.points.length === 0) return;
  let byMetric = samples.get(series.taskKey);
  if (!byMetric) samples.set(series.taskKey, (byMetric = new Map()));
  const list = byMetric.get(series.metric);
  if (list) list.push(...series.points);
  else byMetric.set(series.metric, [...series.points]);
}

function collectProgress(progress: Map<string, Point[]>, task: ReplicationTaskView): void {
  if (task.fullLoadPercent === null || task.freshness.taskAt === null) return;
  const t = Date.parse(task.freshness.taskAt);
  if (!Number.isFinite(t)) return;
  const list = progress.get(task.key);
  if (list) list.push([t, task.fullLoadPercent]);
  else progress.set(task.key, [[t, task.fullLoadPercent]]);
}

function appendSamples(series: DmsState['series'], samples: Map<string, Map<DmsMetric, Point[]>>): DmsState['series'] {
  const next = { ...series };
  for (const [taskKey, byMetric] of samples) {
    const current: Partial<Record<DmsMetric, LogBuffer<Point>>> = { ...next[taskKey] };
    for (const [metric, points] of byMetric) current[metric] = appendPoints(current[metric], points, MAX_SERIES_POINTS);
    next[taskKey] = current;
  }
  return next;
}

function appendProgress(progress: DmsState['progress'], points: Map<string, Point[]>): DmsState['progress'] {
  if (points.size === 0) return progress;
  let next: Record<string, LogBuffer<Point>> | null = null;
  for (const [taskKey, list] of points) {
    const current = progress[taskKey];
    const updated = appendPoints(current, list, MAX_PROGRESS_POINTS);
    if (updated === current) continue;
    next ??= { ...progress };
    next[taskKey] = updated;
  }
  return next ?? progress;
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
function onlyKeys<V>(record: Readonly<Record<string, V>>, keys: Readonly<Record<string, unknown>> | null, set?: ReadonlySet<string>): Readonly<Record<string, V>> {
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
