// The replication monitor: one refresh cycle at a time, each with the fewest AWS calls (poll-planner.ts), at an
// interval that follows what the tasks do, backing off with jitter when AWS throttles or fails. Every task's
// view says how fresh it is; data older than the staleness limit is marked stale and never counts as green.
import type { MetricDataResult, MetricStat } from '@aws-sdk/client-cloudwatch';
import { createHash } from 'node:crypto';
import type { ReplicationTask } from '@aws-sdk/client-database-migration-service';
import {
  DMS_METRICS,
  type AlertView,
  type CockpitEvent,
  type DmsControlAction,
  type DmsMetric,
  type DataClockView,
  type DmsSnapshot,
  type MonitorStatusView,
  type ReplicationTaskView,
  type SeriesPoints,
  type TaskLogView,
  type TaskResourcesView,
  type TaskTablesView,
  type WaveGateView,
} from '../api/contract';
import { CommandError } from '../api/dispatcher';
import type { MigrationPlan } from '../plan/model';
import { AlertBook, keyOf, type AlertCondition } from './alerts';
import { CallLedger, callAws, classifyAwsError, describeAwsError, sleep, type AwsCallOptions } from './aws-call';
import type { ReplicationApi } from './clients';
import { settleWithLimit } from './concurrency';
import { evaluateWaveGate } from './gates';
import { limitHeapGrowth } from './heap-growth';
import { isBusyPhase } from './phase';
import { planDescribeBatches, planMetricBatches, type MetricBatch } from './poll-planner';
import { connectionKey, connectionOutcome, planResourceLookups, ResourceCache, resourcesView, taskLogLocation, type TaskResourceArns } from './resources';
import { SeriesStore, type SeriesStoreOptions } from './series-store';
import { tableView } from './table-stats';
import { explainInvalidState, refusalOf, replicateActionFor, START_TYPE } from './task-control';
import { plannedTasks, resolveTask, arnResourceId } from './task-refs';
import { TaskLogFollower } from './task-log';
import { buildView, TaskState, type ViewContext } from './task-state';

export interface MonitorIntervals {
  /** While tasks start, load or stop, or a gate's hold time runs (default 5 s). */
  readonly fastMs: number;
  /** While tasks replicate changes (default 15 s). */
  readonly normalMs: number;
  /** When nothing moves (default 30 s). */
  readonly idleMs: number;
  /** Longest interval under backoff (default 120 s). */
  readonly maxBackoffMs: number;
}

export interface ControlJournal {
  started(info: ControlInfo): Promise<string>;
  finished(operationId: string, info: ControlInfo, outcome: { ok: boolean; message: string; durationMs: number }): Promise<void>;
}

export interface ControlInfo {
  readonly taskKey: string;
  readonly stackId: string;
  readonly taskId: string | null;
  readonly action: DmsControlAction | 'test-connection';
  /** The operation this action is part of (a cutover step or a rollback's compensating step). */
  readonly parentOperationId?: string;
  /** Facts for the journal entry (a connection test: which endpoint, from which instance). */
  readonly details?: Readonly<Record<string, string>>;
}

/** Who asked for a control action, for the journal. */
export interface ControlContext {
  readonly parentOperationId?: string;
  /** Facts journaled with the control (who typed the confirmation, an override's reason). */
  readonly details?: Readonly<Record<string, string>>;
}

export interface MonitorOptions {
  readonly plan: MigrationPlan;
  /** The AWS API, or why there is none (the monitor then reports itself degraded and polls nothing). */
  readonly api: ReplicationApi | { readonly unavailable: string };
  /** `rehearsal` or the region, for the status view. */
  readonly target: string;
  /** The AWS profile in use, for the sign-in hint when credentials fail. */
  readonly profile?: string;
  readonly publish: (event: CockpitEvent) => void;
  /** Outputs of a stack as last known (undefined: not known yet). */
  readonly stackOutputs: (stackId: string) => Readonly<Record<string, unknown>> | undefined;
  readonly journal?: ControlJournal;
  readonly onAlert?: (alert: AlertView) => void;
  readonly log?: (line: string) => void;
  /** Time of the data (ms); a simulated clock in the rehearsal and the benchmarks. */
  readonly clock?: () => number;
  readonly intervals?: Partial<MonitorIntervals>;
  /** Data older than this is stale (default 3 × the interval of the current pace, before backoff). */
  readonly staleAfterIntervals?: number;
  /**
   * Data-clock milliseconds per real millisecond (default 1): a sped-up rehearsal's clock runs faster than the
   * real-time polling intervals, and ages on it are compared with intervals scaled the same way.
   */
  readonly clockRate?: number;
  readonly call?: AwsCallOptions;
  /** Calls in flight at once (default 8). */
  readonly concurrency?: number;
  /** CloudWatch period in seconds (default 60). */
  readonly metricPeriodSeconds?: number;
  /** How long after a period ends its datapoint is read (default 0; CloudWatch on AWS may publish late: 60 s). */
  readonly metricSettleMs?: number;
  /** How far back the first read of a task's target latency goes, for the gate's hold (default 60 minutes; other metrics: 15). */
  readonly initialLookbackMs?: number;
  /** A gate's validation reading is re-read after this (default 2 minutes) and too old after validationMaxAgeMs (default 10). */
  readonly validationRefreshMs?: number;
  readonly validationMaxAgeMs?: number;
  /** Table-statistics reads for gates per cycle, besides focused tasks (default 10). */
  readonly validationReadsPerCycle?: number;
  /** Consecutive failed cycles before the monitor reports itself degraded (default 3). */
  readonly degradedAfterCycles?: number;
  readonly series?: SeriesStoreOptions;
  readonly random?: () => number;
  /** Connection tests: wall-clock ms between DescribeConnections reads (default 3,000) and how long to wait (default 5 minutes). */
  readonly connectionTest?: { readonly pollMs?: number; readonly timeoutMs?: number };
  /** Wall-clock ms between reads of the followed task logs (default 2,000). */
  readonly logPollMs?: number;
}

interface CycleResult {
  readonly ledger: CallLedger;
  readonly failedCalls: number;
  readonly problem: string | null;
  readonly credentials: boolean;
}

export class ReplicationMonitor {
  private readonly tasks = new Map<string, TaskState>();
  private readonly series: SeriesStore;
  private readonly alerts: AlertBook;
  private readonly alertListeners = new Set<(alert: AlertView) => void>();
  /** Instances and endpoints described on first sight (and on demand), and the connection tests run. */
  private readonly resources = new ResourceCache();
  /** Connection tests in flight (instance + endpoint). */
  private readonly connectionTests = new Set<string>();
  private readonly logs: TaskLogFollower;
  /** The set of followed reverse tasks changed since the last dms.reverse event. */
  private reverseSetChanged = false;
  private readonly metricStats = new Map<string, { instanceIdentifier: string; taskResourceId: string; stats: Partial<Record<DmsMetric, MetricStat>> }>();
  private readonly focused = new Set<string>();
  /** Reverse CDC tasks followed for a rollback: read every cycle like the plan's tasks, but not part of its views. */
  private readonly reverseKeys = new Set<string>();
  /** Reverse tasks no longer followed: their alerts are judged absent (and so clear) instead of staying forever. */
  private readonly unwatchedReverseKeys = new Set<string>();
  private readonly stop = new AbortController();
  private readonly intervals: MonitorIntervals;
  private readonly clock: () => number;
  private readonly periodMs: number;
  private readonly maxGapMs: number;
  private timer: NodeJS.Timeout | undefined;
  private cycle: Promise<void> | undefined;
  private plan: MigrationPlan;
  private wavesById: ReadonlyMap<string, MigrationPlan['waves'][number]>;

  private get clockRate(): number {
    return this.options.clockRate ?? 1;
  }

  /** A control action or a new focus asked for a cycle soon while one was running. */
  private soonRequested = false;
  private started = false;
  private backoffFactor = 1;
  private failedCycles = 0;
  private status: MonitorStatusView;
  private wavesJson = '';
  private waves: WaveGateView[] = [];

  constructor(private readonly options: MonitorOptions) {
    this.plan = options.plan;
    this.wavesById = new Map(options.plan.waves.map((wave) => [wave.id, wave]));
    this.clock = options.clock ?? Date.now;
    this.intervals = { fastMs: 5000, normalMs: 15_000, idleMs: 30_000, maxBackoffMs: 120_000, ...options.intervals };
    this.periodMs = (options.metricPeriodSeconds ?? 60) * 1000;
    // The recent range holds 15 minutes at the metric period (plus room for a late period): 16 points at 60 s.
    this.series = new SeriesStore({ recentCapacity: Math.ceil((15 * 60_000) / this.periodMs) + 2, ...options.series });
    this.alerts = new AlertBook((alert) => this.emitAlert(alert), {}, this.clock);
    if (options.onAlert) this.alertListeners.add(options.onAlert);
    // A gap of more than two periods (plus CloudWatch's usual delay) breaks a latency hold.
    this.maxGapMs = 2 * this.periodMs + 60_000;
    for (const planned of plannedTasks(options.plan)) this.tasks.set(planned.key, new TaskState(planned, this.maxGapMs));
    this.series.retain(this.tasks.keys());
    const unavailable = 'unavailable' in options.api ? options.api.unavailable : null;
    this.status = {
      state: unavailable ? 'degraded' : 'idle',
      target: options.target,
      intervalSeconds: this.intervals.fastMs / 1000,
      lastCycleAt: null,
      lastCycleMs: null,
      lastCycleCalls: {},
      message: unavailable,
      dataClock: this.dataClockView(),
    };
    this.logs = new TaskLogFollower({
      api: options.api,
      locate: (taskKey) => this.logLocation(taskKey),
      publish: (event) => this.options.publish(event),
      stop: this.stop.signal,
      ...(options.call ? { call: options.call } : {}),
      ...(options.logPollMs !== undefined ? { pollMs: options.logPollMs } : {}),
      clock: this.clock,
      ...(options.log ? { log: options.log } : {}),
    });
  }

  /**
   * Takes an edited plan whose replication tasks are the same ones (same keys, references and waves): series,
   * latency holds and alerts are kept, and gates follow the new plan at once. Answers false, changing nothing, when
   * the tasks differ; the caller then starts a new monitor.
   */
  adoptPlan(plan: MigrationPlan): boolean {
    const planned = plannedTasks(plan);
    const same =
      planned.length === this.tasks.size - this.reverseKeys.size && planned.every((task) => JSON.stringify(this.tasks.get(task.key)?.planned) === JSON.stringify(task));
    if (!same) return false;
    this.plan = plan;
    this.wavesById = new Map(plan.waves.map((wave) => [wave.id, wave]));
    // A followed reverse task stays only while the plan still names it as its stack's fallback.
    for (const key of [...this.reverseKeys]) {
      const state = this.tasks.get(key)!;
      const taskId = 'taskId' in state.planned.ref ? state.planned.ref.taskId : null;
      if (plan.stacks.get(state.planned.stackId)?.fallback?.reverseTaskId !== taskId) this.unwatchReverseTask(key);
    }
    if (this.started) {
      this.refreshViews(this.status.message);
      this.evaluateAlerts(this.status.state === 'degraded' ? this.status.message : null);
    }
    return true;
  }

  /** The time of the data (ms) on the monitor's clock: the embedded rehearsal's simulated time, else now. */
  dataNow(): number {
    return this.clock();
  }

  private dataClockView(): DataClockView {
    return { at: new Date(this.clock()).toISOString(), wallAt: new Date().toISOString(), rate: this.clockRate };
  }

  /** Starts polling (the first cycle at once). A monitor without an API only publishes its state. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.refreshViews(this.status.message);
    this.options.publish({ type: 'dms.monitor', monitor: this.status });
    if ('unavailable' in this.options.api) {
      this.evaluateAlerts(this.status.message);
      return;
    }
    if (this.tasks.size > 0) {
      // A process that polls for hours keeps its V8 heap close to its live data (see heap-growth.ts).
      limitHeapGrowth();
      this.schedule(0);
    }
  }

  /** Stops polling and waits for a running cycle to end; leaves no timer behind. */
  async close(): Promise<void> {
    this.stop.abort();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.logs.close();
    await this.cycle;
    if (!('unavailable' in this.options.api)) this.options.api.close();
    this.alertListeners.clear();
  }

  onAlert(listener: (alert: AlertView) => void): () => void {
    this.alertListeners.add(listener);
    return () => this.alertListeners.delete(listener);
  }

  /** Runs one refresh cycle now (or waits for the running one). For tests and benchmarks; start() schedules them. */
  refreshNow(): Promise<void> {
    if (!this.cycle) {
      this.cycle = this.runCycle().finally(() => (this.cycle = undefined));
    }
    return this.cycle;
  }

  snapshot(): DmsSnapshot {
    return {
      monitor: this.status,
      tasks: this.planTasks().map((state) => this.viewOf(state)),
      waves: this.waves,
      alerts: this.alerts.list(),
      reverseTasks: this.reverseViews(),
      resources: [...this.tasks.values()].map((state) => this.resourcesOfState(state)),
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
    if ('unavailable' in this.options.api) throw new CommandError('failed', `cannot follow reverse task ${taskId}: ${this.options.api.unavailable}`);
    const key = reverseTaskKey(stackId);
    const known = this.tasks.get(key);
    if (known && 'taskId' in known.planned.ref && known.planned.ref.taskId === taskId) return key;
    this.tasks.set(key, new TaskState({ key, stackId, waveId: null, ref: { taskId } }, this.maxGapMs));
    this.reverseKeys.add(key);
    this.reverseSetChanged = true;
    this.unwatchedReverseKeys.delete(key);
    // Another reverse task under this key before (an edited fallback): its data is not this one's.
    this.series.reset(key);
    this.metricStats.delete(key);
    this.series.retain(this.tasks.keys());
    this.soon();
    return key;
  }

  /**
   * Stops following a reverse task (a rollback that could not get it replicating, or a plan that no longer names
   * it): it is read no more, its data is dropped and its alerts clear. Unknown keys change nothing.
   */
  unwatchReverseTask(taskKey: string): void {
    if (!this.reverseKeys.delete(taskKey)) return;
    this.tasks.delete(taskKey);
    this.focused.delete(taskKey);
    this.metricStats.delete(taskKey);
    this.series.retain(this.tasks.keys());
    this.unwatchedReverseKeys.add(taskKey);
    this.reverseSetChanged = true;
    if (this.started) this.publishReverse();
  }

  /** The current view of a watched reverse task (undefined when it is not watched). */
  reverseTaskView(taskKey: string): ReplicationTaskView | undefined {
    const state = this.reverseKeys.has(taskKey) ? this.tasks.get(taskKey) : undefined;
    return state ? this.viewOf(state) : undefined;
  }

  /**
   * The newest CDCLatencyTarget sample of a watched reverse task with its time on the data clock (dataNow()), or
   * null when none is held. The view's latest value is the newest stored sample however old; a rollback compares
   * the time with the moment it started the task, so a reading from before its last stop never counts.
   */
  reverseLatency(taskKey: string): { seconds: number; at: number } | null {
    if (!this.reverseKeys.has(taskKey)) return null;
    const seconds = this.series.latest(taskKey, 'CDCLatencyTarget');
    const at = this.series.lastTime(taskKey, 'CDCLatencyTarget');
    return seconds === null || !Number.isFinite(at) ? null : { seconds, at };
  }

  /**
   * Gets a task replicating through control(): start-replication on its first run, resume-processing after that
   * (the same state rules and journal). `action` is null when it already ran or was starting.
   */
  async replicate(taskKey: string, context: ControlContext = {}): Promise<{ action: 'start' | 'resume' | null; view: ReplicationTaskView }> {
    const state = this.tasks.get(taskKey);
    const action = state?.task ? replicateActionFor(state.task) : 'start';
    if (action === null) return { action, view: this.viewOf(state!) };
    return { action, view: await this.control(taskKey, action, undefined, context) };
  }

  seriesOf(taskKey: string, range: 'recent' | 'day', maxPoints: number): { taskKey: string; series: SeriesPoints[] } {
    if (!this.tasks.has(taskKey)) throw new CommandError('not-found', `no replication task '${taskKey}' in the loaded plan`);
    return { taskKey, series: DMS_METRICS.map((metric) => ({ taskKey, metric, points: this.series.read(taskKey, metric, range, maxPoints) })) };
  }

  /** Sets the tasks whose table statistics are read every cycle; answers with what is known of them now. */
  focus(taskKeys: readonly string[]): TaskTablesView[] {
    const unknown = taskKeys.filter((key) => !this.tasks.has(key));
    if (unknown.length > 0) throw new CommandError('not-found', `no replication task ${unknown.map((k) => `'${k}'`).join(', ')} in the loaded plan`);
    const fresh = taskKeys.filter((key) => !this.focused.has(key));
    this.focused.clear();
    for (const key of taskKeys) this.focused.add(key);
    if (fresh.length > 0) this.soon();
    return taskKeys.map((key) => this.tablesViewOf(this.tasks.get(key)!));
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
  async resourcesOf(taskKey: string, refresh = false): Promise<TaskResourcesView> {
    const state = this.tasks.get(taskKey);
    if (!state) throw new CommandError('not-found', `no replication task '${taskKey}' in the loaded plan`);
    if (refresh) {
      if ('unavailable' in this.options.api) throw new CommandError('failed', `cannot describe the resources of ${taskKey}: ${this.options.api.unavailable}`);
      if (state.task) await this.describeResourcesNow(this.options.api, resourceArnsOf(state.task), state.task.ReplicationTaskIdentifier ?? taskKey);
      this.publishResources();
    }
    return this.resourcesOfState(this.tasks.get(taskKey) ?? state);
  }

  private async describeResourcesNow(api: ReplicationApi, arns: TaskResourceArns, name: string): Promise<void> {
    const ledger = new CallLedger();
    const call = <T>(operation: string, work: (signal: AbortSignal) => Promise<T>) => callAws(operation, work, ledger, this.stop.signal, this.options.call);
    const now = this.clock();
    const endpoints = [arns.sourceArn, arns.targetArn].filter((arn): arn is string => arn !== null);
    const [instances, described] = await Promise.allSettled([
      arns.instanceArn ? call('DescribeReplicationInstances', (signal) => api.describeInstances([arns.instanceArn!], signal)) : Promise.resolve([]),
      endpoints.length > 0 ? call('DescribeEndpoints', (signal) => api.describeEndpoints(endpoints, signal)) : Promise.resolve([]),
    ]);
    if (instances.status === 'fulfilled') {
      this.resources.setInstances(instances.value, now);
      const missing = arns.instanceArn && !instances.value.some((instance) => instance.arn === arns.instanceArn) ? [arns.instanceArn] : [];
      this.resources.markInstancesMissing(missing, now);
    }
    if (described.status === 'fulfilled') this.resources.setEndpoints(endpoints, described.value, now);
    const failed = [instances, described].flatMap((outcome) => (outcome.status === 'rejected' ? [describeAwsError(outcome.reason)] : []));
    if (failed.length > 0) throw new CommandError('failed', `describing the instance and endpoints of ${name} failed: ${failed.join('; ')}`);
  }

  /**
   * Tests the task's source or target endpoint from its replication instance: TestConnection, journaled like task
   * control. Answers once DMS took the test (the endpoint's connection `testing`); `done` settles with the outcome,
   * read with DescribeConnections until DMS no longer reports `testing` (or the wait times out), which is also
   * published as a dms.resources event. One test per instance and endpoint at a time.
   */
  async testConnection(taskKey: string, role: 'source' | 'target', context: ControlContext = {}): Promise<{ view: TaskResourcesView; done: Promise<TaskResourcesView> }> {
    const state = this.tasks.get(taskKey);
    if (!state) throw new CommandError('not-found', `no replication task '${taskKey}' in the loaded plan`);
    if ('unavailable' in this.options.api) throw new CommandError('failed', `cannot test the ${role} endpoint of ${taskKey}: ${this.options.api.unavailable}`);
    const api = this.options.api;
    const task = state.task;
    if (!task) throw new CommandError('failed', `cannot test the ${role} endpoint of ${taskKey}: ${state.missing ?? (state.resolution.kind === 'unresolved' ? state.resolution.reason : 'DMS has not described the task yet')}`);
    const { instanceArn, sourceArn, targetArn } = resourceArnsOf(task);
    const endpointArn = role === 'source' ? sourceArn : targetArn;
    if (!instanceArn || !endpointArn) throw new CommandError('failed', `cannot test the ${role} endpoint of ${taskKey}: DMS names no ${instanceArn ? `${role} endpoint` : 'replication instance'} for the task`);
    const key = connectionKey(instanceArn, endpointArn);
    const endpointEntry = this.resources.endpointEntry(endpointArn);
    const endpointName = (endpointEntry && 'info' in endpointEntry ? endpointEntry.info.identifier : undefined) ?? endpointArn;
    const instanceName = this.resources.instance(instanceArn)?.identifier ?? instanceArn;
    if (this.connectionTests.has(key)) throw new CommandError('busy', `the connection of ${role} endpoint ${endpointName} from ${instanceName} is being tested already; wait for its result`);
    const info: ControlInfo = {
      taskKey,
      stackId: state.planned.stackId,
      taskId: task.ReplicationTaskIdentifier ?? null,
      action: 'test-connection',
      details: { endpoint: role, endpointArn, endpointIdentifier: endpointName, replicationInstanceArn: instanceArn },
      ...(context.parentOperationId ? { parentOperationId: context.parentOperationId } : {}),
    };
    const what = `${role} endpoint ${endpointName} from ${instanceName}`;
    this.connectionTests.add(key);
    const wallStart = Date.now();
    const startedAt = new Date(this.clock()).toISOString();
    let operationId: string | undefined;
    let first: Awaited<ReturnType<ReplicationApi['testConnection']>>;
    try {
      operationId = await this.options.journal?.started(info);
    } catch (error) {
      this.connectionTests.delete(key);
      throw new CommandError('failed', `the connection test of ${what} was not started: the journal could not record it (${describeAwsError(error)})`);
    }
    try {
      // Not retried, like task control: a test that timed out may have started, and DMS refuses a second one.
      first = await callAws('TestConnection', (signal) => api.testConnection(instanceArn, endpointArn, signal), new CallLedger(), this.stop.signal, {
        ...this.options.call,
        maxAttempts: 1,
        timeoutMs: Math.max(15_000, this.options.call?.timeoutMs ?? 0),
      });
    } catch (error) {
      this.connectionTests.delete(key);
      const kind = classifyAwsError(error);
      const message = `DMS refused to test the connection of ${what}: ${describeAwsError(error)}${kind === 'invalid-state' ? ' (the instance or the endpoint is not available; try again once it is)' : ''}`;
      if (operationId) await this.options.journal!.finished(operationId, info, { ok: false, message, durationMs: Date.now() - wallStart }).catch(() => undefined);
      throw new CommandError('failed', message);
    }
    this.resources.setConnection(instanceArn, endpointArn, { status: 'testing', message: null, startedAt, finishedAt: null });
    this.publishResources();
    const done = this.awaitConnection(api, { instanceArn, endpointArn, what, startedAt, wallStart, first, info, operationId })
      .catch((error: unknown) => {
        // Never expected: the wait settles every call itself. The view must not stay `testing` forever.
        this.options.log?.(`dms connection test of ${what} failed: ${describeAwsError(error)}`);
        return this.finishConnection({ instanceArn, endpointArn, startedAt, wallStart, info, operationId }, 'timed-out', `the cockpit stopped waiting: ${describeAwsError(error)}`);
      })
      .then(() => this.resourcesOfState(this.tasks.get(taskKey) ?? state))
      .finally(() => this.connectionTests.delete(key));
    done.catch(() => undefined);
    return { view: this.resourcesOfState(state), done };
  }

  private async awaitConnection(
    api: ReplicationApi,
    test: { instanceArn: string; endpointArn: string; what: string; startedAt: string; wallStart: number; first: Awaited<ReturnType<ReplicationApi['testConnection']>>; info: ControlInfo; operationId: string | undefined },
  ): Promise<void> {
    const pollMs = this.options.connectionTest?.pollMs ?? 3000;
    const timeoutMs = this.options.connectionTest?.timeoutMs ?? 300_000;
    let outcome = connectionOutcome(test.first);
    let lastProblem: string | null = null;
    while (!outcome) {
      if (Date.now() - test.wallStart >= timeoutMs) {
        const after = `${Math.round((Date.now() - test.wallStart) / 1000)} s`;
        return this.finishConnection(test, 'timed-out', `DMS was still testing after ${after}${lastProblem ? ` (last read failed: ${lastProblem})` : ''}; it may still finish: test again later`);
      }
      await sleep(pollMs, this.stop.signal);
      if (this.stop.signal.aborted) return this.finishConnection(test, 'timed-out', 'the monitor stopped (the plan changed or the cockpit closes) before DMS finished the test');
      try {
        const info = await callAws('DescribeConnections', (signal) => api.describeConnection(test.instanceArn, test.endpointArn, signal), new CallLedger(), this.stop.signal, this.options.call);
        // DMS lists a new test a moment after TestConnection answers: no entry yet is still `testing`.
        outcome = connectionOutcome(info);
        lastProblem = null;
      } catch (error) {
        if (this.stop.signal.aborted) continue;
        lastProblem = describeAwsError(error);
      }
    }
    return this.finishConnection(test, outcome.status, outcome.message);
  }

  private async finishConnection(
    test: { instanceArn: string; endpointArn: string; startedAt: string; wallStart: number; info: ControlInfo; operationId: string | undefined },
    status: 'successful' | 'failed' | 'timed-out',
    message: string | null,
  ): Promise<void> {
    this.resources.setConnection(test.instanceArn, test.endpointArn, { status, message, startedAt: test.startedAt, finishedAt: new Date(this.clock()).toISOString() });
    this.publishResources();
    const role = test.info.details?.endpoint ?? 'endpoint';
    const name = test.info.details?.endpointIdentifier ?? test.endpointArn;
    const text = `connection test of ${role} endpoint ${name}: ${status}${message ? `: ${message}` : ''}`;
    if (test.operationId) await this.options.journal!.finished(test.operationId, test.info, { ok: status === 'successful', message: text, durationMs: Date.now() - test.wallStart }).catch(() => undefined);
  }

  /** Follows the CloudWatch logs of exactly these tasks (none: stops tailing); answers what is held of each. */
  followLogs(taskKeys: readonly string[]): TaskLogView[] {
    const unknown = taskKeys.filter((key) => !this.tasks.has(key));
    if (unknown.length > 0) throw new CommandError('not-found', `no replication task ${unknown.map((k) => `'${k}'`).join(', ')} in the loaded plan`);
    return this.logs.follow([...new Set(taskKeys)]);
  }

  /** Whether the monitor knows this task (the plan's, or a followed reverse task). */
  hasTask(taskKey: string): boolean {
    return this.tasks.has(taskKey);
  }

  /** Reads the followed logs once now (tests). */
  readLogsNow(): Promise<void> {
    return this.logs.pollNow();
  }

  /** Starts, resumes, reloads or stops a task, after checking the DMS state rules; journaled before and after. */
  async control(taskKey: string, action: DmsControlAction, tables?: readonly { schema: string; table: string }[], context: ControlContext = {}): Promise<ReplicationTaskView> {
    const state = this.tasks.get(taskKey);
    if (!state) throw new CommandError('not-found', `no replication task '${taskKey}' in the loaded plan`);
    if ('unavailable' in this.options.api) throw new CommandError('failed', `cannot ${action} ${taskKey}: ${this.options.api.unavailable}`);
    const api = this.options.api;
    if (!state.task || !state.arn) throw new CommandError('failed', `cannot ${action} ${taskKey}: ${state.missing ?? (state.resolution.kind === 'unresolved' ? state.resolution.reason : 'DMS has not described the task yet')}`);
    if (state.controlBusy) throw new CommandError('busy', `${taskKey} already has a control action in flight; wait for it to finish`);
    const refusal = refusalOf(action, state.task);
    if (refusal) throw new CommandError('failed', refusal);
    const arn = state.arn;
    const info: ControlInfo = {
      taskKey,
      stackId: state.planned.stackId,
      taskId: state.task.ReplicationTaskIdentifier ?? null,
      action,
      ...(context.parentOperationId ? { parentOperationId: context.parentOperationId } : {}),
      ...(context.details ? { details: context.details } : {}),
    };
    const ledger = new CallLedger();
    // Control calls are not retried: a start that timed out may have started, and a second one would be refused.
    const call = <T>(operation: string, work: (signal: AbortSignal) => Promise<T>) =>
      callAws(operation, work, ledger, this.stop.signal, { ...this.options.call, maxAttempts: 1, timeoutMs: Math.max(15_000, this.options.call?.timeoutMs ?? 0) });

    state.controlBusy = true;
    const startedAt = Date.now();
    let operationId: string | undefined;
    try {
      let reload = tables;
      if ((action === 'reload-tables-data' || action === 'reload-tables-validate') && (!reload || reload.length === 0)) {
        reload = (await this.readTables(state, api, ledger)).map((t) => ({ schema: t.schema, table: t.table }));
        if (reload.length === 0) throw new CommandError('failed', `${taskKey} has no tables to reload yet`);
      }
      operationId = await this.options.journal?.started(info);
      let described: ReplicationTask | undefined;
      if (action === 'stop') described = await call('StopReplicationTask', (signal) => api.stopTask(arn, signal));
      else if (action === 'reload-tables-data' || action === 'reload-tables-validate') {
        await call('ReloadTables', (signal) => api.reloadTables(arn, reload!, action === 'reload-tables-data' ? 'data-reload' : 'validate-only', signal));
      } else described = await call('StartReplicationTask', (signal) => api.startTask(arn, START_TYPE[action], signal));
      const now = this.clock();
      if (action === 'stop') state.expectedStop = true;
      if (described) state.describe(described, now);
      if (action !== 'stop' && !action.startsWith('reload-tables')) state.streak.restartAt(now);
      const message = `${action} ${info.taskId ?? taskKey}: accepted by DMS${described?.Status ? ` (status ${described.Status})` : ''}`;
      if (operationId) await this.options.journal!.finished(operationId, info, { ok: true, message, durationMs: Date.now() - startedAt }).catch(() => undefined);
      this.soon();
      return this.publishTask(state);
    } catch (error) {
      if (error instanceof CommandError && !operationId) throw error;
      const kind = classifyAwsError(error);
      const message =
        error instanceof CommandError
          ? error.message
          : kind === 'invalid-state'
            ? explainInvalidState(action, state.task, describeAwsError(error))
            : kind === 'not-found'
              ? `DMS has no task ${info.taskId ?? arn} any more: ${describeAwsError(error)}`
              : `${action} ${info.taskId ?? taskKey} failed: ${describeAwsError(error)}`;
      if (operationId) await this.options.journal!.finished(operationId, info, { ok: false, message, durationMs: Date.now() - startedAt }).catch(() => undefined);
      throw new CommandError('failed', message);
    } finally {
      state.controlBusy = false;
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // The refresh cycle
  // -------------------------------------------------------------------------------------------------------

  private schedule(delayMs: number): void {
    if (this.stop.signal.aborted) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refreshNow().finally(() => {
        const soon = this.soonRequested;
        this.soonRequested = false;
        this.schedule(soon ? Math.min(1000, this.intervals.fastMs) : this.nextInterval());
      });
    }, delayMs);
    this.timer.unref?.();
  }

  /** Brings the next cycle forward (after a control action or a new focus), unless one runs now. */
  private soon(): void {
    if (!this.started || this.stop.signal.aborted || 'unavailable' in this.options.api) return;
    // During a cycle, the next one comes soon instead (it sees the change this cycle may have missed).
    if (this.cycle) {
      this.soonRequested = true;
      return;
    }
    this.schedule(Math.min(1000, this.intervals.fastMs));
  }

  private async runCycle(): Promise<void> {
    if (this.stop.signal.aborted || 'unavailable' in this.options.api) return;
    const began = performance.now();
    this.status = { ...this.status, state: this.status.state === 'idle' ? 'polling' : this.status.state };
    let result: CycleResult;
    try {
      result = await this.fetch(this.options.api);
    } catch (error) {
      // Never expected (every call is settled), but a bug here must not end polling or escape as a rejection.
      this.options.log?.(`dms monitor cycle failed: ${describeAwsError(error)}`);
      result = { ledger: new CallLedger(), failedCalls: 1, problem: describeAwsError(error), credentials: false };
    }
    if (this.stop.signal.aborted) return;
    try {
      this.afterCycle(result, performance.now() - began);
    } catch (error) {
      // Views, alerts and subscribers run here: a bug in one must not end polling or escape as a rejection.
      this.options.log?.(`dms monitor: evaluating the cycle failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  private async fetch(api: ReplicationApi): Promise<CycleResult> {
    const ledger = new CallLedger();
    const now = this.clock();
    const failures: unknown[] = [];
    const call = <T>(operation: string, work: (signal: AbortSignal) => Promise<T>) => callAws(operation, work, ledger, this.stop.signal, this.options.call);
    const limit = this.options.concurrency ?? 8;

    // 1. Where to find each task now (stack outputs change with deploys).
    for (const existing of [...this.tasks.values()]) {
      const resolution = resolveTask(existing.planned, this.options.stackOutputs(existing.planned.stackId));
      const arnChanged = resolution.kind === 'arn' && existing.arn !== null && existing.arn !== resolution.arn;
      const state = resolution.kind === 'unresolved' || arnChanged ? this.forgetTask(existing) : existing;
      state.resolution = resolution;
      if (resolution.kind === 'arn') state.arn = resolution.arn;
    }

    // 2. DescribeReplicationTasks, 100 per filter; a task named by identifier is asked for by ARN once known.
    const lookups = [...this.tasks.values()].filter((s) => s.resolution.kind !== 'unresolved');
    const batches = planDescribeBatches(lookups.map((s) => ({ arn: s.arn, taskId: s.resolution.kind === 'task-id' ? s.resolution.taskId : null })));
    const described = await settleWithLimit(batches, limit, async (batch) => {
      const found: ReplicationTask[] = [];
      let marker: string | undefined;
      do {
        const page = await call('DescribeReplicationTasks', (signal) => api.describeTasks({ filters: [{ Name: batch.filter, Values: [...batch.values] }], ...(marker ? { marker } : {}) }, signal));
        found.push(...page.tasks);
        marker = page.marker;
      } while (marker);
      return { batch, found };
    });
    for (const outcome of described) {
      if (outcome.status === 'rejected') {
        failures.push(outcome.reason);
        continue;
      }
      const { batch, found } = outcome.value;
      const byArn = new Map(found.map((t) => [t.ReplicationTaskArn, t]));
      const byId = new Map(found.map((t) => [t.ReplicationTaskIdentifier, t]));
      for (const state of lookups) {
        const asked = batch.filter === 'replication-task-arn' ? state.arn : state.resolution.kind === 'task-id' && !state.arn ? state.resolution.taskId : null;
        if (!asked || !batch.values.includes(asked)) continue;
        const task = batch.filter === 'replication-task-arn' ? byArn.get(asked) : byId.get(asked);
        if (task) state.describe(task, now);
        else state.markMissing(`DMS has no replication task ${batch.filter === 'replication-task-arn' ? `with ARN ${asked}` : `'${asked}'`} in this account and region`, now);
      }
    }

    // 3. Instances (their identifiers are the metric dimension) and endpoints on first sight, 100 ARNs a call, then
    //    cached: they rarely change, so later cycles ask for neither (dms.resources refreshes them on demand).
    const resourceLookups = planResourceLookups(
      [...this.tasks.values()].flatMap((s) => (s.task ? [resourceArnsOf(s.task)] : [])),
      { hasInstance: (arn) => this.resources.hasInstance(arn), endpointsToDescribe: (arns, at) => this.resources.endpointsToDescribe(arns, at) },
      now,
    );
    const resourceCalls = [...resourceLookups.instances.map((arns) => ({ kind: 'instances' as const, arns })), ...resourceLookups.endpoints.map((arns) => ({ kind: 'endpoints' as const, arns }))];
    const resourceResults = await settleWithLimit(resourceCalls, limit, async (lookup) =>
      lookup.kind === 'instances'
        ? this.resources.setInstances(await call('DescribeReplicationInstances', (signal) => api.describeInstances(lookup.arns, signal)), now)
        : this.resources.setEndpoints(lookup.arns, await call('DescribeEndpoints', (signal) => api.describeEndpoints(lookup.arns, signal)), now),
    );
    resourceResults.forEach((outcome, index) => {
      if (outcome.status === 'fulfilled') return;
      const lookup = resourceCalls[index]!;
      // Without an instance's identifier there are no metrics: that failure counts. Endpoints are only shown.
      if (lookup.kind === 'instances') failures.push(outcome.reason);
      else this.resources.endpointsFailed(lookup.arns, describeAwsError(outcome.reason), now);
    });
    for (const state of this.tasks.values()) state.instanceIdentifier = state.task?.ReplicationInstanceArn ? (this.resources.instance(state.task.ReplicationInstanceArn)?.identifier ?? null) : null;

    // 4. GetMetricData: every metric of every task in calls of up to 500 queries, only points newer than held.
    const metricTasks = [...this.tasks.values()].filter((s) => s.task && s.arn && s.instanceIdentifier);
    // A first read goes back far enough for the charts' recent range; target latency further, for the gate's hold.
    const chartsFrom = now - this.series.recentWindowMs;
    const latencyFrom = now - (this.options.initialLookbackMs ?? 3_600_000);
    // Only whole periods that had time to settle: a partial period's average would be kept as final.
    const endTime = Math.floor((now - (this.options.metricSettleMs ?? 0)) / this.periodMs) * this.periodMs;
    const metricBatches = planMetricBatches(
      metricTasks.map((s) => ({
        taskKey: s.key,
        taskResourceId: arnResourceId(s.arn!),
        instanceIdentifier: s.instanceIdentifier!,
        since: (metric: DmsMetric) => Math.max(metric === 'CDCLatencyTarget' ? latencyFrom : chartsFrom, this.series.lastTime(s.key, metric) + 1),
      })),
      DMS_METRICS,
      endTime,
    );
    // Tasks with nothing to ask for are as current as a read would make them.
    const asked = new Set(metricBatches.flatMap((batch) => batch.queries.map((query) => query.taskKey)));
    for (const state of metricTasks) if (!asked.has(state.key)) state.metricsAt = now;
    // Each call's answer goes into the ring buffers as soon as it arrives, so the parsed response (Date objects,
    // point arrays) dies young instead of waiting in memory, and being promoted to V8's old space, until every
    // call of the cycle is done. The samples are published in batch order once all calls are settled.
    const samplesByBatch: SeriesPoints[][] = metricBatches.map(() => []);
    const metricResults = await settleWithLimit(
      metricBatches.map((batch, index) => ({ batch, index })),
      limit,
      async ({ batch, index }) => {
        const answers = await this.readMetrics(batch, endTime, api, call);
        const batchSamples = samplesByBatch[index]!;
        const answered = new Set<string>();
        for (const { query, points } of answers) {
          const added = this.series.append(query.taskKey, query.metric, points);
          // A backfill sends the UI only the recent range; older history is there for dms.series.
          const fresh = added.length > 0 && added[0]![0] < chartsFrom ? added.filter(([time]) => time >= chartsFrom) : added;
          if (fresh.length > 0) batchSamples.push({ taskKey: query.taskKey, metric: query.metric, points: fresh });
          if (query.metric === 'CDCLatencyTarget') this.observeLatency(query.taskKey, added);
          answered.add(query.taskKey);
        }
        for (const query of batch.queries) if (answered.has(query.taskKey)) this.tasks.get(query.taskKey)!.metricsAt = now;
      },
    );
    for (const outcome of metricResults) if (outcome.status === 'rejected') failures.push(outcome.reason);
    // Reverse tasks' points go out too: their charts show beside the plan's tasks (gates never read samples).
    const samples = samplesByBatch.flat();
    if (samples.length > 0) this.options.publish({ type: 'dms.samples', samples });

    // 5. Table statistics: focused tasks every cycle; tasks whose gate needs a validation reading, a few per cycle.
    await this.readTableStatistics(api, ledger, now, failures);

    const credentials = failures.some((error) => classifyAwsError(error) === 'credentials');
    const problem = failures.length === 0 ? null : this.problemText(failures, credentials);
    return { ledger, failedCalls: failures.length, problem, credentials };
  }

  private async readMetrics(
    batch: MetricBatch,
    endTime: number,
    api: ReplicationApi,
    call: <T>(operation: string, work: (signal: AbortSignal) => Promise<T>) => Promise<T>,
  ): Promise<{ query: MetricBatch['queries'][number]; points: [number, number][] }[]> {
    const byId = new Map(batch.queries.map((query) => [query.id, query]));
    const points = new Map<string, [number, number][]>();
    let nextToken: string | undefined;
    do {
      const page = await call('GetMetricData', (signal) =>
        api.getMetricData(
          {
            StartTime: new Date(batch.startTime),
            EndTime: new Date(endTime),
            ScanBy: 'TimestampAscending',
            ...(nextToken ? { NextToken: nextToken } : {}),
            MetricDataQueries: batch.queries.map((query) => ({ Id: query.id, ReturnData: true, MetricStat: this.metricStatOf(query) })),
          },
          signal,
        ),
      );
      for (const result of page.results) collectPoints(result, byId, points);
      nextToken = page.nextToken;
    } while (nextToken);
    return [...points].map(([id, list]) => ({ query: byId.get(id)!, points: list.filter(([time]) => time >= byId.get(id)!.since) }));
  }

  /**
   * The MetricStat of a task's metric, built once and reused every cycle (the same 5 × N objects would otherwise
   * be rebuilt for every call and live as long as it, long enough to be promoted to V8's old space).
   */
  private metricStatOf(query: MetricBatch['queries'][number]): MetricStat {
    let cached = this.metricStats.get(query.taskKey);
    if (!cached || cached.instanceIdentifier !== query.instanceIdentifier || cached.taskResourceId !== query.taskResourceId) {
      cached = { instanceIdentifier: query.instanceIdentifier, taskResourceId: query.taskResourceId, stats: {} };
      this.metricStats.set(query.taskKey, cached);
    }
    return (cached.stats[query.metric] ??= {
      Metric: {
        Namespace: 'AWS/DMS',
        MetricName: query.metric,
        Dimensions: [
          { Name: 'ReplicationInstanceIdentifier', Value: query.instanceIdentifier },
          { Name: 'ReplicationTaskIdentifier', Value: query.taskResourceId },
        ],
      },
      Period: this.periodMs / 1000,
      Stat: 'Average',
    });
  }

  private observeLatency(taskKey: string, added: readonly [number, number][]): void {
    const state = this.tasks.get(taskKey)!;
    const gates = this.gatesOf(state);
    if (!gates) return;
    for (const [time, value] of added) state.streak.observe(time, value, gates.maxCdcLatencySeconds);
  }

  private async readTableStatistics(api: ReplicationApi, ledger: CallLedger, now: number, failures: unknown[]): Promise<void> {
    const refreshMs = (this.options.validationRefreshMs ?? 120_000) * this.clockRate;
    const focused = [...this.focused].map((key) => this.tasks.get(key)!).filter((s) => s?.arn && s.task);
    const forGates = [...this.tasks.values()]
      .filter((s) => !this.focused.has(s.key) && s.arn && s.task && s.lastPhase === 'cdc' && this.gatesOf(s)?.requireValidation && (s.tablesAt === null || now - s.tablesAt >= refreshMs))
      .sort((a, b) => (a.tablesAt ?? -Infinity) - (b.tablesAt ?? -Infinity))
      .slice(0, this.options.validationReadsPerCycle ?? 10);
    const outcomes = await settleWithLimit([...focused, ...forGates], this.options.concurrency ?? 8, (state) => this.readTables(state, api, ledger));
    outcomes.forEach((outcome, index) => {
      const state = index < focused.length ? focused[index]! : forGates[index - focused.length]!;
      if (outcome.status === 'rejected') failures.push(outcome.reason);
      else state.setTables(outcome.value, now);
      if (this.focused.has(state.key)) this.options.publish({ type: 'dms.tables', tables: this.tablesViewOf(state) });
    });
  }

  private async readTables(state: TaskState, api: ReplicationApi, ledger: CallLedger): Promise<TaskTablesView['tables']> {
    const tables: TaskTablesView['tables'] = [];
    let marker: string | undefined;
    do {
      const page = await callAws('DescribeTableStatistics', (signal) => api.describeTableStatistics(state.arn!, marker, signal), ledger, this.stop.signal, this.options.call);
      tables.push(...page.tables.map(tableView));
      marker = page.marker;
    } while (marker);
    return tables;
  }

  private afterCycle(result: CycleResult, elapsedMs: number): void {
    const failed = result.failedCalls > 0;
    this.failedCycles = failed ? this.failedCycles + 1 : 0;
    const throttled = (result.ledger.failures.throttled ?? 0) > 0;
    // Back off on trouble (doubling, capped), recover gradually once calls go through again.
    if (throttled || failed) this.backoffFactor = Math.min(this.backoffFactor * 2, this.intervals.maxBackoffMs / this.intervals.fastMs);
    else this.backoffFactor = Math.max(1, this.backoffFactor / 2);
    const degraded = result.credentials || this.failedCycles >= (this.options.degradedAfterCycles ?? 3);
    const state: MonitorStatusView['state'] = degraded ? 'degraded' : failed || this.backoffFactor > 1 ? 'backing-off' : 'polling';
    const problem = degraded ? result.problem : null;
    this.status = {
      state,
      target: this.options.target,
      intervalSeconds: this.nextInterval(false) / 1000,
      lastCycleAt: new Date(this.clock()).toISOString(),
      lastCycleMs: Math.round(elapsedMs),
      lastCycleCalls: result.ledger.calls,
      message: result.problem,
      dataClock: this.dataClockView(),
    };
    this.refreshViews(problem ?? (failed ? result.problem : null));
    this.publishResources();
    this.evaluateAlerts(degraded ? (result.problem ?? 'repeated failures') : null);
    this.options.publish({ type: 'dms.monitor', monitor: this.status });
  }

  /** Rebuilds every view; publishes the tasks whose view changed and the waves when they changed. */
  private refreshViews(monitorProblem: string | null): void {
    const changed: ReplicationTaskView[] = [];
    const ctx = this.viewContext(monitorProblem);
    for (const state of this.tasks.values()) {
      const view = buildView(state, { ...ctx, ...this.gateContext(state) });
      const json = changeKey(view);
      if (json !== state.viewJson) {
        if (this.reverseKeys.has(state.key)) this.reverseSetChanged = true;
        else changed.push(view);
      }
      state.view = view;
      state.viewJson = json;
    }
    if (changed.length > 0) this.options.publish({ type: 'dms.tasks', tasks: changed });
    if (this.reverseSetChanged) this.publishReverse();
    const viewsByWave = new Map<string, ReplicationTaskView[]>();
    for (const state of this.tasks.values()) {
      if (state.planned.waveId === null) continue;
      const views = viewsByWave.get(state.planned.waveId);
      if (views) views.push(state.view!);
      else viewsByWave.set(state.planned.waveId, [state.view!]);
    }
    const waves = this.plan.waves.map((wave) => evaluateWaveGate(wave, viewsByWave.get(wave.id) ?? []));
    const json = JSON.stringify(waves);
    this.waves = waves;
    if (json !== this.wavesJson) {
      this.wavesJson = json;
      this.options.publish({ type: 'dms.waves', waves });
    }
  }

  private evaluateAlerts(monitorProblem: string | null): void {
    const conditions: AlertCondition[] = [];
    const current = new Set<string>();
    for (const state of this.planTasks()) {
      const view = state.view;
      if (!view || view.freshness.stale) continue; // no data, no verdict: alerts of stale tasks neither rise nor clear
      for (const kind of ['task-failed', 'task-stopped', 'latency-above-gate', 'table-errors', 'validation-mismatch'] as const) current.add(keyOf(kind, state.key));
      const about = { taskKey: state.key, stackId: state.planned.stackId, waveId: state.planned.waveId };
      const name = view.taskId ?? state.key;
      const gates = this.gatesOf(state);
      if (view.phase === 'failed') conditions.push({ ...about, kind: 'task-failed', severity: 'critical', message: `${name} failed${view.lastFailureMessage ? `: ${view.lastFailureMessage}` : ''}` });
      if (view.phase === 'stopped' && state.unexpectedStop) {
        conditions.push({ ...about, kind: 'task-stopped', severity: 'critical', message: `${name} stopped without an operator's stop${view.stopReason ? ` (${view.stopReason})` : ''}` });
      }
      if (gates && state.streak.above > 0 && view.phase === 'cdc') {
        conditions.push({ ...about, kind: 'latency-above-gate', severity: 'warning', streak: state.streak.above, message: `${name}: CDC latency ${view.latest.cdcLatencyTargetSeconds ?? '?'} s above the gate's ${gates.maxCdcLatencySeconds} s for ${state.streak.above} samples` });
      }
      const allowed = gates?.maxTableErrors ?? 0;
      if (view.tables && view.tables.errored > allowed) conditions.push({ ...about, kind: 'table-errors', severity: 'warning', message: `${name}: ${view.tables.errored} table(s) in error` });
      if (view.validation?.state === 'mismatched') conditions.push({ ...about, kind: 'validation-mismatch', severity: 'warning', message: `${name}: validation found ${view.validation.failedRecords} mismatched record(s)` });
    }
    // A followed reverse task keeps the data center current after a rollback: its failure must not be silent.
    for (const key of this.reverseKeys) {
      const state = this.tasks.get(key)!;
      const view = state.view;
      if (!view || view.freshness.stale) continue;
      for (const kind of ['task-failed', 'task-stopped'] as const) current.add(keyOf(kind, key));
      const about = { taskKey: key, stackId: state.planned.stackId, waveId: null };
      const name = `reverse task ${view.taskId ?? key} (AWS → data center)`;
      if (view.phase === 'failed') conditions.push({ ...about, kind: 'task-failed', severity: 'critical', message: `${name} failed${view.lastFailureMessage ? `: ${view.lastFailureMessage}` : ''}` });
      if (view.phase === 'stopped' && state.unexpectedStop) {
        conditions.push({ ...about, kind: 'task-stopped', severity: 'critical', message: `${name} stopped without an operator's stop${view.stopReason ? ` (${view.stopReason})` : ''}` });
      }
    }
    for (const key of this.unwatchedReverseKeys) for (const kind of ['task-failed', 'task-stopped'] as const) current.add(keyOf(kind, key));
    current.add(keyOf('monitor-degraded', null));
    if (monitorProblem) conditions.push({ kind: 'monitor-degraded', severity: 'critical', taskKey: null, stackId: null, waveId: null, message: `the DMS monitor cannot read from ${this.options.target}: ${monitorProblem}` });
    this.alerts.evaluate(conditions, (key) => current.has(key));
  }

  private nextInterval(withJitter = true): number {
    const views = [...this.tasks.values()];
    const busy = views.some((s) => isBusyPhase(s.lastPhase) || (s.view?.gate.holdRemainingSeconds ?? 0) > 0);
    const replicating = views.some((s) => s.lastPhase === 'cdc');
    const base = busy ? this.intervals.fastMs : replicating ? this.intervals.normalMs : this.intervals.idleMs;
    const interval = Math.min(this.intervals.maxBackoffMs, base * this.backoffFactor);
    // ±10 % jitter so many cockpits (or a restart storm) do not poll in lockstep.
    return withJitter ? Math.round(interval * (0.9 + 0.2 * (this.options.random ?? Math.random)())) : interval;
  }

  private viewContext(monitorProblem: string | null): Omit<ViewContext, 'gates' | 'noGatesReason'> {
    const views = [...this.tasks.values()];
    const busy = views.some((s) => isBusyPhase(s.lastPhase));
    const pace = busy ? this.intervals.fastMs : views.some((s) => s.lastPhase === 'cdc') ? this.intervals.normalMs : this.intervals.idleMs;
    const staleAfterMs = (this.options.staleAfterIntervals ?? 3) * pace * this.clockRate;
    return {
      now: this.clock(),
      staleAfterMs,
      validationMaxAgeMs: (this.options.validationMaxAgeMs ?? 600_000) * this.clockRate,
      // CloudWatch publishes a period's datapoint a little after it ends.
      sampleMaxAgeMs: 3 * this.periodMs + 120_000,
      trendWindowMs: 5 * 60_000,
      monitorProblem,
      series: this.series,
    };
  }

  private gateContext(state: TaskState): Pick<ViewContext, 'gates' | 'noGatesReason'> {
    // Per task on every metric answer and view: the wave is looked up in a map built once for the plan.
    const wave = state.planned.waveId === null ? undefined : this.wavesById.get(state.planned.waveId);
    return { gates: wave?.gates, noGatesReason: wave ? `wave ${wave.id} defines no gates` : `${state.planned.stackId} is in no wave` };
  }

  private gatesOf(state: TaskState) {
    return this.gateContext(state).gates;
  }

  private viewOf(state: TaskState): ReplicationTaskView {
    return state.view ?? buildView(state, { ...this.viewContext(null), ...this.gateContext(state) });
  }

  private publishTask(state: TaskState): ReplicationTaskView {
    const view = buildView(state, { ...this.viewContext(null), ...this.gateContext(state) });
    state.view = view;
    state.viewJson = changeKey(view);
    if (this.reverseKeys.has(state.key)) this.publishReverse();
    else this.options.publish({ type: 'dms.tasks', tasks: [view] });
    return view;
  }

  /** Every followed reverse task's view, in the order they were first followed. */
  private reverseViews(): ReplicationTaskView[] {
    return [...this.reverseKeys].flatMap((key) => {
      const state = this.tasks.get(key);
      return state ? [this.viewOf(state)] : [];
    });
  }

  /** The whole set of followed reverse tasks, as the UI shows them beside the plan's tasks (never in a gate). */
  private publishReverse(): void {
    this.reverseSetChanged = false;
    this.options.publish({ type: 'dms.reverse', tasks: this.reverseViews() });
  }

  private resourcesOfState(state: TaskState): TaskResourcesView {
    const why = state.missing ?? (state.resolution.kind === 'unresolved' ? state.resolution.reason : null);
    return resourcesView(state.key, state.arn, state.task ? resourceArnsOf(state.task) : null, this.resources, why);
  }

  /** Publishes the resources of the tasks whose instance, endpoints or connection tests changed. */
  private publishResources(): void {
    const changed: TaskResourcesView[] = [];
    for (const state of this.tasks.values()) {
      // Rebuilt only when the cache or the task's own ARNs moved: nothing is rebuilt in a cycle where neither did.
      const seen = state.resourcesSeen;
      const task = state.task;
      if (
        seen &&
        seen.version === this.resources.version &&
        seen.arn === state.arn &&
        seen.instanceArn === task?.ReplicationInstanceArn &&
        seen.sourceArn === task?.SourceEndpointArn &&
        seen.targetArn === task?.TargetEndpointArn &&
        seen.missing === state.missing &&
        seen.resolution === state.resolution.kind
      ) {
        continue;
      }
      state.resourcesSeen = {
        version: this.resources.version,
        arn: state.arn,
        instanceArn: task?.ReplicationInstanceArn,
        sourceArn: task?.SourceEndpointArn,
        targetArn: task?.TargetEndpointArn,
        missing: state.missing,
        resolution: state.resolution.kind,
      };
      const view = this.resourcesOfState(state);
      const digest = createHash('sha1').update(JSON.stringify(view)).digest('base64');
      if (digest === state.resourcesDigest) continue;
      state.resourcesDigest = digest;
      changed.push(view);
    }
    if (changed.length > 0) this.options.publish({ type: 'dms.resources', resources: changed });
  }

  /** Where a task's log is, once its ARN and its instance's identifier are known. */
  private logLocation(taskKey: string): { group: string; stream: string } | { reason: string } {
    const state = this.tasks.get(taskKey);
    if (!state) return { reason: `no replication task '${taskKey}' is monitored any more` };
    if (!state.arn || !state.task) return { reason: state.missing ?? (state.resolution.kind === 'unresolved' ? state.resolution.reason : 'waiting for DMS to describe the task') };
    const instanceArn = state.task.ReplicationInstanceArn;
    const instance = instanceArn ? this.resources.instance(instanceArn) : undefined;
    if (!instance) return { reason: `waiting for the replication instance ${instanceArn ?? '?'} to be described (its identifier names the log group)` };
    return taskLogLocation(instance.identifier, state.arn);
  }

  /** The plan's own tasks (without the reverse tasks a rollback follows). */
  private planTasks(): TaskState[] {
    const tasks = [...this.tasks.values()];
    return this.reverseKeys.size === 0 ? tasks : tasks.filter((state) => !this.reverseKeys.has(state.key));
  }

  private tablesViewOf(state: TaskState): TaskTablesView {
    const now = this.clock();
    const staleAfter = (this.options.staleAfterIntervals ?? 3) * this.intervals.fastMs * this.clockRate;
    return {
      taskKey: state.key,
      fetchedAt: state.tablesAt !== null ? new Date(state.tablesAt).toISOString() : null,
      stale: state.tablesAt === null || now - state.tablesAt > staleAfter,
      tables: state.tables ?? [],
    };
  }

  /** A task whose ARN changed or vanished starts over: its old data belongs to another task. */
  private forgetTask(state: TaskState): TaskState {
    if (state.arn === null && !state.task) return state;
    const fresh = new TaskState(state.planned, this.maxGapMs);
    this.tasks.set(state.key, fresh);
    this.series.reset(state.key);
    this.metricStats.delete(state.key);
    return fresh;
  }

  private problemText(failures: readonly unknown[], credentials: boolean): string {
    const first = failures.find((error) => classifyAwsError(error) === 'credentials') ?? failures[0];
    if (credentials) {
      const signIn = this.options.profile ? `aws sso login --profile ${this.options.profile}, or check the profile` : 'check the AWS credentials (environment, ~/.aws, SSO)';
      return `AWS credentials could not be used: ${describeAwsError(first)}. Sign in (${signIn}); the monitor keeps retrying.`;
    }
    const kinds = new Map<string, number>();
    for (const error of failures) kinds.set(classifyAwsError(error), (kinds.get(classifyAwsError(error)) ?? 0) + 1);
    return `${failures.length} call(s) failed after retries (${[...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ')}); last: ${describeAwsError(failures.at(-1))}`;
  }

  private emitAlert(alert: AlertView): void {
    this.options.publish({ type: 'dms.alert', alert });
    for (const listener of this.alertListeners) {
      try {
        listener(alert);
      } catch (error) {
        this.options.log?.(`alert listener failed: ${String(error)}`);
      }
    }
  }
}

/** The instance and endpoints a task names (DescribeReplicationTasks carries their ARNs). */
function resourceArnsOf(task: ReplicationTask): TaskResourceArns {
  return { instanceArn: task.ReplicationInstanceArn ?? null, sourceArn: task.SourceEndpointArn ?? null, targetArn: task.TargetEndpointArn ?? null };
}

/** The key under which the monitor follows a stack's fallback reverse task. */
export function reverseTaskKey(stackId: string): string {
  return `${stackId}#reverse`;
}

/**
 * What makes a view worth sending again: everything but the freshness times, which move every cycle. A view that
 * is not stale is current as of the monitor's lastCycleAt; going stale (or fresh again) is itself a change.
 */
function changeKey(view: ReplicationTaskView): string {
  // A digest, not the JSON itself: each task keeps its key from one cycle to the next, and 1,000 JSON strings
  // (about 1.5 MiB) kept that long would be promoted to V8's old space and become garbage there every cycle.
  return createHash('sha1')
    .update(JSON.stringify({ ...view, freshness: { stale: view.freshness.stale, staleReason: view.freshness.staleReason } }))
    .digest('base64');
}

function collectPoints(result: MetricDataResult, byId: ReadonlyMap<string, unknown>, into: Map<string, [number, number][]>): void {
  if (!result.Id || !byId.has(result.Id)) return;
  const list = into.get(result.Id) ?? [];
  into.set(result.Id, list);
  const times = result.Timestamps ?? [];
  const values = result.Values ?? [];
  for (let i = 0; i < Math.min(times.length, values.length); i++) list.push([times[i]!.getTime(), values[i]!]);
}
