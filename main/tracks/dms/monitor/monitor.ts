// The replication monitor: the DMS track of the shared monitoring machinery. Composes the track-neutral poller
// (main/monitoring: one refresh cycle at a time, the pace, backoff with jitter, the monitor status) with the DMS
// parts, one job each: the tasks followed (task-set.ts), a cycle's AWS reads (cycle-reads.ts, metric-reads.ts,
// table-reads.ts), the views and what is published (views.ts, resource-views.ts), alert rules (alert-rules.ts),
// task control (control-actions.ts), followed reverse tasks (reverse-tasks.ts), and the console's commands
// (task-resources.ts, connection-tests.ts, task-log.ts). Every task's view says how fresh it is; data older than
// the staleness limit is marked stale and never counts as green.
import {
  DMS_SERIES,
  type AlertView,
  type DmsControlAction,
  type DmsSnapshot,
  type ReplicationTaskView,
  type SeriesHistory,
  type SeriesPoints,
  type TaskLogView,
  type TaskResourcesView,
  type TaskTablesView,
} from '../contract-views';
import { CommandError } from '../../../../common/command-error';
import type { MonitorStatusView } from '../../../api/contract/shared';
import type { CycleOutcome } from '../../../monitoring/cycle-outcome';
import { DEFAULT_PACE_INTERVALS } from '../../../monitoring/pace';
import { Poller, type CycleVerdict } from '../../../monitoring/poller';
import type { MigrationPlan } from '../../../plan/model';
import { MonitorAlerts } from './alert-rules';
import { isRouter, singlePlacement } from './placement-apis';
import { ConnectionTests } from './connection-tests';
import { TaskControl } from './control-actions';
import { readCycle } from './cycle-reads';
import { limitHeapGrowth } from './heap-growth';
import type { ControlContext, MonitorContext, MonitorOptions } from './monitor-options';
import { publishResources, resourcesOfState } from './resource-views';
import { ResourceCache } from './resources';
import { ReverseTasks } from './reverse-tasks';
import { SeriesStore } from './series-store';
import { TaskLogFollower } from './task-log';
import { logLocation, resourcesOf } from './task-resources';
import { TaskSet } from './task-set';
import { TaskViews } from './views';

export type { ControlContext, ControlInfo, ControlJournal, MonitorIntervals, MonitorOptions } from './monitor-options';

export class ReplicationMonitor {
  private readonly stop = new AbortController();
  private readonly ctx: MonitorContext;
  private readonly poller: Poller;
  private readonly views: TaskViews;
  private readonly alerts: MonitorAlerts;
  private readonly reverse: ReverseTasks;
  private readonly controls: TaskControl;
  private readonly connectionTests: ConnectionTests;
  private readonly logs: TaskLogFollower;
  private started = false;
  /** The accounts last reported refused (onAccountRefusal), with why. */
  private readonly reportedRefusals = new Map<string, string>();

  constructor(private readonly options: MonitorOptions) {
    const clock = options.clock ?? Date.now;
    const clockRate = options.clockRate ?? 1;
    const intervals = { ...DEFAULT_PACE_INTERVALS, ...options.intervals };
    const periodMs = (options.metricPeriodSeconds ?? 60) * 1000;
    // The recent range holds 15 minutes at the metric period (plus room for a late period): 16 points at 60 s.
    const series = new SeriesStore({ recentCapacity: Math.ceil((15 * 60_000) / periodMs) + 2, ...options.series });
    // A gap of more than two periods (plus CloudWatch's usual delay) breaks a latency hold.
    const tasks = new TaskSet(options.plan, series, 2 * periodMs + 60_000);
    const apis = isRouter(options.api) ? options.api : singlePlacement(options.api);
    const ctx: MonitorContext = {
      options,
      apis,
      refusedPlacements: new Map(),
      tasks,
      resources: new ResourceCache(),
      intervals,
      clock,
      clockRate,
      periodMs,
      stop: this.stop.signal,
    };
    this.ctx = ctx;
    const log = options.log ? (line: string) => options.log!(line) : undefined;
    this.views = new TaskViews(ctx);
    this.alerts = new MonitorAlerts({
      publish: (event) => options.publish(event),
      clock,
      ...(options.onAlert ? { onAlert: options.onAlert } : {}),
      ...(log ? { log } : {}),
    });
    const unavailable = this.unavailable();
    this.poller = new Poller({
      name: 'dms monitor',
      target: options.target,
      unavailable,
      intervals,
      clock,
      clockRate,
      ...(options.random ? { random: options.random } : {}),
      ...(options.degradedAfterCycles !== undefined ? { degradedAfterCycles: options.degradedAfterCycles } : {}),
      stop: this.stop.signal,
      ...(log ? { log } : {}),
      track: {
        // The poller runs no cycle without an API.
        fetch: () => (unavailable !== null ? Promise.reject(new Error(unavailable)) : readCycle(ctx, (state) => this.views.tablesViewOf(state))),
        activity: () => tasks.activity(true),
        afterCycle: (outcome, verdict) => this.afterCycle(outcome, verdict),
      },
    });
    const soon = () => this.poller.soon();
    this.reverse = new ReverseTasks(ctx, this.views, soon, () => this.started);
    this.controls = new TaskControl(ctx, this.views, soon);
    this.connectionTests = new ConnectionTests(ctx, () => this.publishResources());
    this.logs = new TaskLogFollower({
      apiOf: (taskKey) => {
        const state = ctx.tasks.get(taskKey);
        return state ? apis.forStack(state.planned.stackId) : { unavailable: `no replication task '${taskKey}' is monitored any more` };
      },
      locate: (taskKey) => logLocation(ctx, taskKey),
      publish: (event) => this.options.publish(event),
      stop: this.stop.signal,
      ...(options.call ? { call: options.call } : {}),
      ...(options.logPollMs !== undefined ? { pollMs: options.logPollMs } : {}),
      clock,
      ...(options.log ? { log: options.log } : {}),
    });
  }

  /**
   * Takes an edited plan whose replication tasks are the same ones (same keys, references and waves): series,
   * latency holds and alerts are kept, and gates follow the new plan at once. Answers false, changing nothing, when
   * the tasks differ; the caller then starts a new monitor.
   */
  adoptPlan(plan: MigrationPlan): boolean {
    if (!this.ctx.tasks.adopt(plan)) return false;
    // A followed reverse task stays only while the plan still names it as its stack's fallback.
    this.reverse.keepNamedBy(plan);
    if (this.started) {
      const status = this.poller.status;
      this.views.refresh(status.message);
      this.alerts.evaluate(this.ctx.tasks, this.options.target, status.state === 'degraded' ? status.message : null);
    }
    return true;
  }

  /** The time of the data (ms) on the monitor's clock: the embedded rehearsal's simulated time, else now. */
  dataNow(): number {
    return this.ctx.clock();
  }

  /** Starts polling (the first cycle at once). A monitor without an API only publishes its state. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.views.refresh(this.poller.status.message);
    this.options.publish({ type: 'dms.monitor', monitor: this.poller.status });
    if (this.unavailable() !== null) {
      this.alerts.evaluate(this.ctx.tasks, this.options.target, this.poller.status.message);
      return;
    }
    const polling = this.ctx.tasks.size > 0;
    // A process that polls for hours keeps its V8 heap close to its live data (see heap-growth.ts).
    if (polling) limitHeapGrowth();
    // Without tasks no cycle runs yet; a reverse task followed later brings one.
    this.poller.start(polling);
  }

  /** Why no task can be read at all (one API for every task, and none), or null. */
  private unavailable(): string | null {
    const { api } = this.options;
    return !isRouter(api) && 'unavailable' in api ? api.unavailable : null;
  }

  /** Stops polling and waits for a running cycle to end; leaves no timer behind. */
  async close(): Promise<void> {
    this.stop.abort();
    const cycle = this.poller.close();
    this.logs.close();
    await cycle;
    this.ctx.apis.close();
    // What this monitor reported refused is its to take back: the next monitor reports for itself.
    for (const account of this.reportedRefusals.keys()) this.options.onAccountRefusal?.(account, null);
    this.reportedRefusals.clear();
    this.alerts.clearListeners();
  }

  onAlert(listener: (alert: AlertView) => void): () => void {
    return this.alerts.onAlert(listener);
  }

  /** Runs one refresh cycle now (or waits for the running one). For tests and benchmarks; start() schedules them. */
  refreshNow(): Promise<void> {
    return this.poller.refreshNow();
  }

  snapshot(): DmsSnapshot {
    const { tasks, resources } = this.ctx;
    return {
      monitor: this.status(),
      tasks: tasks.planTasks().map((state) => this.views.viewOf(state)),
      waves: this.views.waves,
      alerts: this.alerts.list(),
      reverseTasks: this.views.reverseViews(),
      resources: [...tasks.values()].map((state) => resourcesOfState(state, resources)),
    };
  }

  /**
   * Follows a plan's fallback reverse CDC task (by its DMS identifier) from the next cycle on, for a rollback that
   * starts it and waits for it to catch up. Its view is kept out of the snapshot, the dms.* events and the wave
   * gates (it is no forward task of the wave); reverseTaskView reads it, and only its failure or a stop nobody asked
   * for raise alerts. Answers its key; watching it again changes nothing. Refused when the monitor has no AWS API
   * (the reason says why): such a task would never be read.
   */
  watchReverseTask(stackId: string, taskId: string): string {
    return this.reverse.watch(stackId, taskId);
  }

  /**
   * Stops following a reverse task (a rollback that could not get it replicating, or a plan that no longer names
   * it): it is read no more, its data is dropped and its alerts clear. Unknown keys change nothing.
   */
  unwatchReverseTask(taskKey: string): void {
    this.reverse.unwatch(taskKey);
  }

  /** The current view of a watched reverse task (undefined when it is not watched). */
  reverseTaskView(taskKey: string): ReplicationTaskView | undefined {
    return this.reverse.view(taskKey);
  }

  /**
   * The newest CDCLatencyTarget sample of a watched reverse task with its time on the data clock (dataNow()), or
   * null when none is held. The view's latest value is the newest stored sample however old; a rollback compares
   * the time with the moment it started the task, so a reading from before its last stop never counts.
   */
  reverseLatency(taskKey: string): { seconds: number; at: number } | null {
    return this.reverse.latency(taskKey);
  }

  /**
   * Gets a task replicating through control(): start-replication on its first run, resume-processing after that
   * (the same state rules and journal). `action` is null when it already ran or was starting.
   */
  replicate(taskKey: string, context: ControlContext = {}): Promise<{ action: 'start' | 'resume' | null; view: ReplicationTaskView }> {
    return this.controls.replicate(taskKey, context);
  }

  /** A task's whole history newer than the cursor `after` (series-store.ts history), with the cursor to ask from next. */
  historyOf(taskKey: string, after?: number): SeriesHistory {
    const { tasks } = this.ctx;
    tasks.require(taskKey);
    let cursor = after ?? null;
    const series = DMS_SERIES.map((metric) => {
      const points = tasks.series.history(taskKey, metric, after);
      const last = points.at(-1);
      if (last && (cursor === null || last[0] > cursor)) cursor = last[0];
      return { taskKey, metric, points };
    });
    return { taskKey, series, cursor, recentWindowMs: tasks.series.recentWindowMs };
  }

  seriesOf(taskKey: string, range: 'recent' | 'day', maxPoints: number): { taskKey: string; series: SeriesPoints[] } {
    const { tasks } = this.ctx;
    tasks.require(taskKey);
    return { taskKey, series: DMS_SERIES.map((metric) => ({ taskKey, metric, points: tasks.series.read(taskKey, metric, range, maxPoints) })) };
  }

  /** Sets the tasks whose table statistics are read every cycle; answers with what is known of them now. */
  focus(taskKeys: readonly string[]): TaskTablesView[] {
    const { tasks } = this.ctx;
    tasks.requireAll(taskKeys);
    const fresh = taskKeys.filter((key) => !tasks.focused.has(key));
    tasks.focused.clear();
    for (const key of taskKeys) tasks.focused.add(key);
    if (fresh.length > 0) this.poller.soon();
    return taskKeys.map((key) => this.views.tablesViewOf(tasks.get(key)!));
  }

  acknowledge(alertId: string): AlertView {
    const alert = this.alerts.acknowledge(alertId);
    if (!alert) throw new CommandError('not-found', `no alert '${alertId}' (it may have been cleared and acknowledged already)`);
    return alert;
  }

  /**
   * A task's ARN, instance, endpoints and log location from the cache. `refresh` describes its instance and endpoints
   * again now (one DescribeReplicationInstances and one DescribeEndpoints, outside the refresh cycle's count).
   */
  resourcesOf(taskKey: string, refresh = false): Promise<TaskResourcesView> {
    return resourcesOf(this.ctx, taskKey, refresh, () => this.publishResources());
  }

  /**
   * Tests the task's source or target endpoint from its replication instance: TestConnection, journaled like task
   * control. Answers once DMS took the test (the endpoint's connection `testing`); `done` settles with the outcome,
   * read with DescribeConnections until DMS no longer reports `testing` (or the wait times out), which is also
   * published as a dms.resources event. One test per instance and endpoint at a time.
   */
  testConnection(
    taskKey: string,
    role: 'source' | 'target',
    context: ControlContext = {},
  ): Promise<{ view: TaskResourcesView; done: Promise<TaskResourcesView> }> {
    return this.connectionTests.test(taskKey, role, context);
  }

  /** Follows the CloudWatch logs of exactly these tasks (none: stops tailing); answers what is held of each. */
  followLogs(taskKeys: readonly string[]): TaskLogView[] {
    this.ctx.tasks.requireAll(taskKeys);
    return this.logs.follow([...new Set(taskKeys)]);
  }

  /** Whether the monitor knows this task (the plan's, or a followed reverse task). */
  hasTask(taskKey: string): boolean {
    return this.ctx.tasks.has(taskKey);
  }

  /** Reads the followed logs once now (tests). */
  readLogsNow(): Promise<void> {
    return this.logs.pollNow();
  }

  /** Starts, resumes, reloads or stops a task, after checking the DMS state rules; journaled before and after. */
  control(
    taskKey: string,
    action: DmsControlAction,
    tables?: readonly { schema: string; table: string }[],
    context: ControlContext = {},
  ): Promise<ReplicationTaskView> {
    return this.controls.control(taskKey, action, tables, context);
  }

  /** A cycle's data is in and the status updated: views, resources, alerts, then the status goes out. */
  private afterCycle(outcome: CycleOutcome, verdict: CycleVerdict): void {
    const problem = verdict.degraded ? outcome.problem : null;
    this.views.refresh(problem ?? (verdict.failed ? outcome.problem : null));
    this.publishResources();
    this.alerts.evaluate(this.ctx.tasks, this.options.target, verdict.degraded ? (outcome.problem ?? 'repeated failures') : null, this.ctx.refusedPlacements);
    this.reportRefusals();
    this.options.publish({ type: 'dms.monitor', monitor: this.status() });
  }

  /**
   * The poller's status, with the accounts it cannot read said in its message while it otherwise polls fine: one
   * refused account does not fail the cycle, and the status line must not look all green meanwhile.
   */
  private status(): MonitorStatusView {
    const status = this.poller.status;
    const refused = [...this.ctx.refusedPlacements.values()];
    if (refused.length === 0 || status.message !== null) return status;
    const named = refused.map((placement) => placement.named).join('; ');
    return { ...status, message: `cannot read ${named}: ${refused.length === 1 ? 'its' : 'their'} tasks are stale` };
  }

  /** Tells the core which accounts AWS refused this cycle and which it reads again (only what changed). */
  private reportRefusals(): void {
    const report = this.options.onAccountRefusal;
    if (!report) return;
    const now = new Map<string, string>();
    for (const [placement, { reason }] of this.ctx.refusedPlacements) {
      const where = this.ctx.apis.whereOf(placement);
      if (where === null) continue;
      // Said on the account (the banner names it): the region and why, not the account again.
      const line = `the replication monitor cannot read it in ${where.region}: ${reason}`;
      now.set(where.account, now.has(where.account) ? `${now.get(where.account)}; ${line}` : line);
    }
    for (const [account, problem] of now) {
      if (this.reportedRefusals.get(account) === problem) continue;
      this.reportedRefusals.set(account, problem);
      report(account, problem);
    }
    for (const account of [...this.reportedRefusals.keys()]) {
      if (now.has(account)) continue;
      this.reportedRefusals.delete(account);
      report(account, null);
    }
  }

  private publishResources(): void {
    publishResources(this.ctx.tasks, this.ctx.resources, (event) => this.options.publish(event));
  }
}
