// The DMS track's replication service, the heart of its runtime (runtime.ts): one replication monitor per loaded
// plan (restarted when the plan changes, kept across an edit that leaves its tasks, their placements and the target
// alone), its AWS target from the plan (main/aws/target.ts: the rehearsal environment's endpoint, an explicit URL, or
// AWS with the plan's profile and region; with accounts, each task in its stack's account and region with the
// account's session, monitor/placement-apis.ts), the stack outputs that name task ARNs, the journal for task control, and alerts for whoever
// subscribes (the core hands them on; the Electron shell shows them as desktop notifications).
import { KeyedQueue } from '../../../common/keyed-queue';
import { randomUUID } from 'node:crypto';
import type {
  AlertView,
  DmsControlAction,
  DmsSnapshot,
  ReplicationTaskView,
  SeriesHistory,
  SeriesPoints,
  TaskLogView,
  TaskResourcesView,
  TaskTablesView,
} from './contract-views';
import type { CockpitEvent } from '../../api/contract/events';
import { CommandError } from '../../../common/command-error';
import { awsTargetOf, type AwsTarget } from '../../aws/target';
import type { AccountSession } from '../../aws/account-sessions';
import type { AccountEntry } from '../../plan/schema';
import { sdkReplicationApi, type ReplicationApi } from './monitor/clients';
import { accountPlacements, placementKey, type ReplicationApis, type Unavailable } from './monitor/placement-apis';
import { ReplicationMonitor, type ControlContext, type ControlJournal, type MonitorOptions } from './monitor/monitor';
import type { Journal } from '../../journal/journal';
import type { DataClock } from '../../monitoring/data-clock';
import type { MigrationPlan } from '../../plan/model';
import { dmsPlan, reverseTaskOf } from './plan';

/** Monitor settings a caller may tune (tests and benchmarks run fast intervals or a simulated clock). */
export type MonitorTuning = Omit<Partial<MonitorOptions>, 'plan' | 'api' | 'target' | 'publish' | 'stackOutputs' | 'journal' | 'onAlert' | 'log'>;

export interface ReplicationServiceOptions {
  readonly journal: Journal;
  readonly publish: (event: CockpitEvent) => void;
  readonly log: (line: string) => void;
  /** The AWS endpoint for plans with `endpoint: rehearsal`, when given explicitly (else the embedded rehearsal's). */
  readonly awsEndpoint?: string;
  /** The embedded rehearsal environment's AWS endpoint, once it runs. */
  readonly rehearsalAwsUrl: () => string | undefined;
  /** The embedded rehearsal environment's simulated clock, once it runs (it may run faster than real time). */
  readonly rehearsalClock?: () => DataClock | undefined;
  /** A stack's plain outputs as last known: task ARNs may come from them. */
  readonly stackOutputs?: (stackId: string) => Readonly<Record<string, unknown>> | undefined;
  readonly tuning?: MonitorTuning;
  /** Makes the AWS API for a target (default: the SDK v3 clients). */
  readonly apiFor?: (target: AwsTarget) => ReplicationApi;
  /** AWS refused the monitor's calls in an account (why), or it reads there again (null). */
  readonly onAccountRefusal?: (account: string, problem: string | null) => void;
  /** The accounts' sessions at a target (the core's, shared with the environment banner); needed by plans with accounts. */
  readonly accountSessions?: (accounts: readonly AccountEntry[], target: AwsTarget) => ReadonlyMap<string, AccountSession>;
  /**
   * The fallback reverse tasks a successful rollback left replicating (the journal says which): a new monitor (at
   * start, or for an edited plan) follows them again, so their failure still raises an alert.
   */
  readonly reverseTasksToFollow?: (plan: MigrationPlan) => readonly { stackId: string; taskId: string }[];
}

export class ReplicationService {
  private monitor: ReplicationMonitor | undefined;
  private readonly alertListeners = new Set<(alert: AlertView) => void>();
  private closed = false;
  /** Plan switches, one after another (one key: the plan). */
  private readonly switching = new KeyedQueue<'plan'>();
  /** Where the running monitor reads from (the resolved AWS target), to tell whether an edited plan can keep it. */
  private monitorTarget: string | undefined;
  /** The task logs the operator reads: a new monitor (an edited plan) tails those it still has. */
  private followedLogs: readonly string[] = [];
  /** The clock the running monitor reads its data on (as the monitor takes it from its options). */
  private monitorClock: DataClock | undefined;

  constructor(private readonly options: ReplicationServiceOptions) {}

  /**
   * Replaces the monitor with one for this plan (none without a plan). Plan changes apply one after another, in
   * the order they came: two overlapping loads must never leave a second monitor polling unseen.
   */
  setPlan(plan: MigrationPlan | undefined): Promise<void> {
    return this.switching.run('plan', () => this.switchTo(plan));
  }

  private async switchTo(plan: MigrationPlan | undefined): Promise<void> {
    const resolved = plan ? awsTargetOf(plan, this.options.awsEndpoint ?? this.options.rehearsalAwsUrl()) : undefined;
    // An edit that leaves the tasks and where they are read alone (a gate, a description, a registry) keeps the
    // running monitor: a plan saved during a cutover must not restart latency holds or re-raise alerts.
    const targetKey = resolved ? JSON.stringify({ resolved, placements: plan && placementsOf(plan) }) : undefined;
    if (plan && this.monitor && targetKey === this.monitorTarget && !this.closed && this.monitor.adoptPlan(plan)) return;
    this.monitorTarget = targetKey;
    const previous = this.monitor;
    this.monitor = undefined;
    await previous?.close();
    if (!plan || this.closed || !resolved) return;
    const tasks = [...plan.stacks.values()].reduce((n, stack) => n + dmsPlan.of(stack).replicationTasks.length, 0);
    const embeddedClock = this.options.rehearsalClock?.();
    const usesEmbeddedClock = embeddedClock !== undefined && !this.options.awsEndpoint && plan.environment.aws.endpoint === 'rehearsal';
    const options: MonitorOptions = {
      // AWS publishes a period's datapoint a little after it ends; the rehearsal has it at once.
      metricSettleMs: resolved.ok && !resolved.target.rehearsal ? 60_000 : 0,
      // The embedded rehearsal's data carries its simulated time: the monitor reads it on that clock.
      ...(usesEmbeddedClock ? { clock: () => embeddedClock.now(), clockRate: embeddedClock.rate } : {}),
      ...this.options.tuning,
      plan,
      api: resolved.ok ? this.apisOf(plan, resolved.target) : { unavailable: resolved.message },
      target: resolved.ok ? resolved.target.label : plan.environment.aws.endpoint === 'rehearsal' ? 'rehearsal' : plan.environment.aws.region,
      ...(plan.environment.aws.profile && plan.environment.aws.endpoint !== 'rehearsal' ? { profile: plan.environment.aws.profile } : {}),
      publish: this.options.publish,
      stackOutputs: (stackId) => this.options.stackOutputs?.(stackId),
      journal: this.controlJournal(),
      onAlert: (alert) => {
        for (const listener of this.alertListeners) listener(alert);
      },
      ...(this.options.onAccountRefusal ? { onAccountRefusal: this.options.onAccountRefusal } : {}),
      log: this.options.log,
    };
    this.monitor = new ReplicationMonitor(options);
    this.monitorClock = { now: options.clock ?? Date.now, rate: options.clockRate ?? 1 };
    if (tasks > 0) this.options.log(`dms monitor: ${tasks} replication task(s) via ${resolved.ok ? resolved.target.label : `nothing (${resolved.message})`}`);
    if (resolved.ok) {
      for (const { stackId, taskId } of this.options.reverseTasksToFollow?.(plan) ?? []) {
        if (reverseTaskOf(plan, stackId) === taskId) this.monitor.watchReverseTask(stackId, taskId);
      }
    }
    this.monitor.start();
    const monitor = this.monitor;
    const followed = this.followedLogs.filter((key) => monitor.hasTask(key));
    if (followed.length > 0) monitor.followLogs(followed);
  }

  /** One API for a plan without accounts; with accounts, one per account and region, each with its account's session. */
  private apisOf(plan: MigrationPlan, target: AwsTarget): ReplicationApi | ReplicationApis | Unavailable {
    const make = this.options.apiFor ?? sdkReplicationApi;
    if (plan.accounts.length === 0) return make(target);
    const sessions = this.options.accountSessions?.(plan.accounts, target);
    if (!sessions) return { unavailable: 'the plan declares accounts, but this cockpit was given no sessions for them' };
    return accountPlacements(plan, target, sessions, make);
  }

  /** The clock the running monitor reads its data on: the embedded rehearsal's, a tuned one, else the wall clock. */
  dataClock(): DataClock | undefined {
    return this.monitor ? this.monitorClock : undefined;
  }

  onAlert(listener: (alert: AlertView) => void): () => void {
    this.alertListeners.add(listener);
    return () => this.alertListeners.delete(listener);
  }

  snapshot(): DmsSnapshot {
    if (this.monitor) return this.monitor.snapshot();
    return {
      monitor: {
        state: 'idle',
        target: '',
        intervalSeconds: 0,
        lastCycleAt: null,
        lastCycleMs: null,
        lastCycleCalls: {},
        message: 'no plan is loaded',
        dataClock: null,
      },
      tasks: [],
      waves: [],
      alerts: [],
      reverseTasks: [],
      resources: [],
    };
  }

  series(taskKey: string, range: 'recent' | 'day', maxPoints: number): { taskKey: string; series: SeriesPoints[] } {
    return this.require().seriesOf(taskKey, range, maxPoints);
  }

  history(taskKey: string, after?: number): SeriesHistory {
    return this.require().historyOf(taskKey, after);
  }

  focus(taskKeys: readonly string[]): TaskTablesView[] {
    return this.require().focus(taskKeys);
  }

  control(
    taskKey: string,
    action: DmsControlAction,
    tables?: readonly { schema: string; table: string }[],
    context?: ControlContext,
  ): Promise<ReplicationTaskView> {
    return this.require().control(taskKey, action, tables, context);
  }

  acknowledge(alertId: string): AlertView {
    return this.require().acknowledge(alertId);
  }

  resources(taskKey: string, refresh: boolean): Promise<TaskResourcesView> {
    return this.require().resourcesOf(taskKey, refresh);
  }

  /** Starts an endpoint's connection test; answers once DMS took it (the outcome follows as a dms.resources event). */
  async testConnection(taskKey: string, endpoint: 'source' | 'target'): Promise<TaskResourcesView> {
    return (await this.require().testConnection(taskKey, endpoint)).view;
  }

  followLogs(taskKeys: readonly string[]): TaskLogView[] {
    const views = this.require().followLogs(taskKeys);
    this.followedLogs = [...taskKeys];
    return views;
  }

  /** The running monitor (tests and benchmarks drive refresh cycles through it). */
  get current(): ReplicationMonitor | undefined {
    return this.monitor;
  }

  async close(): Promise<void> {
    this.closed = true;
    const monitor = this.monitor;
    this.monitor = undefined;
    await monitor?.close();
    this.alertListeners.clear();
  }

  private require(): ReplicationMonitor {
    if (!this.monitor) throw new CommandError('not-found', 'no plan is loaded, so no replication task is monitored');
    return this.monitor;
  }

  /** Each control action is journaled before DMS is asked and again with its outcome. */
  private controlJournal(): ControlJournal {
    const { journal, log } = this.options;
    const base = (info: Parameters<ControlJournal['started']>[0], operationId: string) => ({
      operationId,
      kind: `dms-${info.action}` as const,
      target: { type: 'replication-task' as const, stackId: info.stackId, taskKey: info.taskKey, taskId: info.taskId },
      ...(info.parentOperationId ? { parentOperationId: info.parentOperationId } : {}),
      ...(info.details ? { details: { ...info.details } } : {}),
    });
    return {
      async started(info) {
        const operationId = randomUUID();
        await journal.append({ ...base(info, operationId), phase: 'started' });
        return operationId;
      },
      async finished(operationId, info, outcome) {
        await journal
          .append({ ...base(info, operationId), phase: outcome.ok ? 'succeeded' : 'failed', message: outcome.message, durationMs: outcome.durationMs })
          .catch((error: unknown) => log(`journal write failed for ${info.action} of ${info.taskKey}: ${String(error)}`));
      },
    };
  }
}

/** Where each stack with replication tasks lives: a monitor reads a task in its stack's account and region. */
function placementsOf(plan: MigrationPlan): Record<string, string> {
  const placements: Record<string, string> = {};
  for (const stack of plan.stacks.values()) if (dmsPlan.of(stack).replicationTasks.length > 0) placements[stack.id] = placementKey(stack);
  return placements;
}
