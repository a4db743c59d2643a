// What the monitor knows about one planned task, and its view as the API shows it.
import type { Dimension, MetricDataQuery, MetricStat } from '@aws-sdk/client-cloudwatch';
import type { ReplicationTask } from '@aws-sdk/client-database-migration-service';
import { FULL_LOAD_PROGRESS, type DmsMetric, type ReplicationTaskView, type TaskTablesView } from '../contract-views';
import { evaluateTaskGate, LatencyStreak, ago, type Gates } from './gates';
import { isoTime } from './iso-times';
import { reuseUnchanged } from './reuse-unchanged';
import { fullLoadFinished, phaseOf } from './phase';
import type { SeriesStore } from './series-store';
import { cdcTrend, fullLoadEtaSeconds } from './signals';
import { loadedRows, summarizeValidation, type ValidationSummary } from './table-stats';
import type { PlannedTask, TaskResolution } from './task-refs';

export class TaskState {
  resolution: TaskResolution = { kind: 'unresolved', reason: 'not looked up yet' };
  /** The task's ARN once known (from the stack output, or from DMS for a task named by identifier). */
  arn: string | null = null;
  task: ReplicationTask | undefined;
  /** Why AWS refused this task's account in the last cycle (its data is stale at once), or null. */
  placementProblem: string | null = null;
  /** Set when DMS answered and had no such task. */
  missing: string | null = null;
  taskAt: number | null = null;
  metricsAt: number | null = null;
  instanceIdentifier: string | null = null;
  tables: TaskTablesView['tables'] | null = null;
  tablesAt: number | null = null;
  validation: ValidationSummary | null = null;
  readonly streak: LatencyStreak;
  /** The operator stopped it through the cockpit: its stop is not an alert. */
  expectedStop = false;
  /** It went from a running phase to stopped without the operator's stop. */
  unexpectedStop = false;
  lastPhase: ReplicationTaskView['phase'] = 'unresolved';
  lastStartMs: number | null = null;
  controlBusy = false;
  view: ReplicationTaskView | null = null;
  /** What the task's resources view was last built from, and a digest of it (see the monitor's publishResources). */
  resourcesSeen: ResourcesSeen | null = null;
  resourcesDigest = '';
  /** The task's GetMetricData queries, built once for its instance and ARN and reused every cycle (see metric-reads.ts). */
  metricStats: {
    readonly instanceIdentifier: string;
    readonly taskResourceId: string;
    readonly dimensions: Dimension[];
    readonly stats: Partial<Record<DmsMetric, MetricStat>>;
    /** The queries that carry them, each while it keeps its id (its place in its call). */
    readonly queries: Partial<Record<DmsMetric, MetricDataQuery>>;
  } | null = null;

  constructor(
    readonly planned: PlannedTask,
    maxGapMs: number,
  ) {
    this.streak = new LatencyStreak(maxGapMs);
  }

  get key(): string {
    return this.planned.key;
  }

  /** Takes a fresh description from DMS; notices restarts (the latency hold starts over) and unexpected stops. */
  describe(task: ReplicationTask, at: number): void {
    if (this.task) reuseUnchanged(task, this.task);
    this.task = task;
    this.missing = null;
    this.taskAt = at;
    if (task.ReplicationTaskArn) this.arn = task.ReplicationTaskArn;
    const phase = phaseOf(task);
    const started = task.ReplicationTaskStats?.StartDate?.getTime() ?? task.ReplicationTaskStartDate?.getTime() ?? null;
    if (phase !== 'cdc' || (started !== null && this.lastStartMs !== null && started !== this.lastStartMs)) this.streak.restartAt(Math.max(at, started ?? 0));
    if (started !== null) this.lastStartMs = started;
    const running = ['starting', 'full-load', 'cdc', 'stopping'].includes(this.lastPhase);
    if (phase === 'stopped' && running && !this.expectedStop) this.unexpectedStop = true;
    if (phase !== 'stopped') this.unexpectedStop = false;
    if (phase === 'starting' || phase === 'full-load' || phase === 'cdc') this.expectedStop = false;
    this.lastPhase = phase;
  }

  markMissing(reason: string, at: number): void {
    this.task = undefined;
    this.missing = reason;
    this.taskAt = at;
    this.lastPhase = 'unresolved';
  }

  setTables(tables: TaskTablesView['tables'], at: number): void {
    this.tables = tables;
    this.tablesAt = at;
    this.validation = summarizeValidation(tables);
  }
}

/** The inputs of a task's resources view: while none of them moves, the view is not rebuilt. */
export interface ResourcesSeen {
  readonly version: number;
  readonly arn: string | null;
  readonly instanceArn: string | undefined;
  readonly sourceArn: string | undefined;
  readonly targetArn: string | undefined;
  readonly missing: string | null;
  readonly resolution: TaskResolution['kind'];
}

export interface ViewContext {
  readonly now: number;
  readonly gates: Gates | undefined;
  readonly noGatesReason: string;
  readonly staleAfterMs: number;
  readonly validationMaxAgeMs: number;
  readonly sampleMaxAgeMs: number;
  readonly trendWindowMs: number;
  /** Why the whole monitor cannot read (e.g. credentials), shown with stale data. */
  readonly monitorProblem: string | null;
  readonly series: SeriesStore;
}

export function buildView(state: TaskState, ctx: ViewContext): ReplicationTaskView {
  const { task } = state;
  const stats = task?.ReplicationTaskStats;
  const phase = task ? phaseOf(task) : 'unresolved';
  const resolution = task
    ? null
    : (state.missing ?? (state.resolution.kind === 'unresolved' ? state.resolution.reason : 'waiting for the first answer from DMS'));
  const staleReason = staleReasonOf(state, ctx);
  const latest = (metric: DmsMetric) => ctx.series.latest(state.key, metric);
  // Each value's datapoint time: the one time every age of that value is measured from (card and gate alike).
  const latestAt = (metric: DmsMetric) => {
    const time = ctx.series.lastTime(state.key, metric);
    return Number.isFinite(time) ? isoTime(time) : null;
  };
  const lastLatencyTime = ctx.series.lastTime(state.key, 'CDCLatencyTarget');
  const latency = ctx.series.recent(state.key, 'CDCLatencyTarget', lastLatencyTime - ctx.trendWindowMs);
  const fullLoadDone = task ? fullLoadFinished(task) : false;
  // A CDC-only task has no full load: the 0 % DMS reports for it is no progress of anything.
  const fullLoadPercent = task?.MigrationType === 'cdc' ? null : (stats?.FullLoadProgressPercent ?? null);
  const base = {
    key: state.key,
    stackId: state.planned.stackId,
    waveId: state.planned.waveId,
    taskId: task?.ReplicationTaskIdentifier ?? ('taskId' in state.planned.ref ? state.planned.ref.taskId : null),
    arn: state.arn,
    resolution,
    phase,
    status: task?.Status ?? null,
    stopReason: task?.StopReason ?? null,
    lastFailureMessage: task?.LastFailureMessage ?? null,
    migrationType: task?.MigrationType ?? null,
    fullLoadPercent,
    tables: stats
      ? { loaded: stats.TablesLoaded ?? 0, loading: stats.TablesLoading ?? 0, queued: stats.TablesQueued ?? 0, errored: stats.TablesErrored ?? 0 }
      : null,
    latest: {
      cdcLatencySourceSeconds: latest('CDCLatencySource'),
      cdcLatencyTargetSeconds: latest('CDCLatencyTarget'),
      cdcIncomingChanges: latest('CDCIncomingChanges'),
      cdcThroughputRowsTarget: latest('CDCThroughputRowsTarget'),
      fullLoadThroughputRowsTarget: latest('FullLoadThroughputRowsTarget'),
    },
    latestAt: {
      cdcLatencySourceSeconds: latestAt('CDCLatencySource'),
      cdcLatencyTargetSeconds: latestAt('CDCLatencyTarget'),
      cdcIncomingChanges: latestAt('CDCIncomingChanges'),
      cdcThroughputRowsTarget: latestAt('CDCThroughputRowsTarget'),
      fullLoadThroughputRowsTarget: latestAt('FullLoadThroughputRowsTarget'),
    },
    fullLoadEtaSeconds:
      phase === 'full-load'
        ? fullLoadEtaSeconds({
            percent: fullLoadPercent,
            loadedRows: state.tables ? loadedRows(state.tables) : null,
            rowsPerSecond: latest('FullLoadThroughputRowsTarget'),
            percentHistory: ctx.series.recent(state.key, FULL_LOAD_PROGRESS, ctx.now - ctx.trendWindowMs),
            loadStartedAt: task ? loadStartOfThisRun(task) : null,
            now: ctx.now,
          })
        : null,
    cdcTrend: phase === 'cdc' ? cdcTrend(latency.times, latency.values) : ('unknown' as const),
    validation: state.validation,
    freshness: {
      taskAt: state.taskAt !== null ? isoTime(state.taskAt) : null,
      metricsAt: state.metricsAt !== null ? isoTime(state.metricsAt) : null,
      stale: staleReason !== null,
      staleReason,
    },
  };
  const latencyValue = latest('CDCLatencyTarget');
  const gate = evaluateTaskGate({
    gates: ctx.gates,
    noGatesReason: ctx.noGatesReason,
    view: base,
    fullLoadFinished: fullLoadDone,
    validationReadAt: state.tablesAt,
    validationMaxAgeMs: ctx.validationMaxAgeMs,
    streak: state.streak,
    latency: latencyValue !== null && Number.isFinite(lastLatencyTime) ? { value: latencyValue, at: lastLatencyTime } : null,
    sampleMaxAgeMs: ctx.sampleMaxAgeMs,
    staleReason,
    now: ctx.now,
  });
  return { ...base, gate };
}

/**
 * When the full load of the task's current run started (ms), or null: unknown, or before the run started (a resumed
 * load carries on from its percent, so the time since its first start says nothing about its rate).
 */
function loadStartOfThisRun(task: ReplicationTask): number | null {
  const stats = task.ReplicationTaskStats;
  const loadStart = stats?.FullLoadStartDate?.getTime() ?? null;
  const runStart = stats?.StartDate?.getTime() ?? task.ReplicationTaskStartDate?.getTime() ?? null;
  if (loadStart === null || !Number.isFinite(loadStart)) return null;
  return runStart !== null && loadStart < runStart ? null : loadStart;
}

/** Why this task's data may not be current, or null when it is. */
function staleReasonOf(state: TaskState, ctx: ViewContext): string | null {
  if (state.resolution.kind === 'unresolved' && !state.task) return null; // nothing shown as current
  // Its account refused the last read: nothing held of it is current, however recent.
  if (state.placementProblem) return state.placementProblem;
  const why = ctx.monitorProblem ? ` (${ctx.monitorProblem})` : '';
  if (state.taskAt === null) return `no answer from DMS yet${why}`;
  if (ctx.now - state.taskAt > ctx.staleAfterMs) return `task data is ${ago(ctx.now - state.taskAt)} old${why}`;
  if (state.task && state.instanceIdentifier !== null) {
    if (state.metricsAt === null) return `no metrics read yet${why}`;
    if (ctx.now - state.metricsAt > ctx.staleAfterMs) return `metrics are ${ago(ctx.now - state.metricsAt)} old${why}`;
  }
  return null;
}
