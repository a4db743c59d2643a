// What the DMS track's runbook actions, compensations and evidence snapshot act through: the replication monitor's
// views, series and task control, and its following of fallback reverse tasks. The track's runtime (../runtime.ts)
// builds it over its ReplicationService (../service.ts); the core hands the runtime to the declarations by track id.
import { reverseTaskKey } from '../../../../common/keys';
import type { CutoverRunView } from '../../../api/contract/cutover';
import type { ReplicationTaskView, SeriesPoints } from '../contract-views';
import type { DataClockView } from '../../../api/contract/shared';
import type { MigrationPlan } from '../../../plan/model';
import { reverseTaskOf } from '../plan';
import type { ReplicationMonitor } from './monitor';

export interface DmsRunbookRuntime {
  /** The replication monitor's current view of every task. */
  dmsTasks(): readonly ReplicationTaskView[];
  /** A task's recent series (every metric). */
  dmsSeries(taskKey: string): readonly SeriesPoints[];
  /** Stops a task through the monitor's task control, journaled as part of `parentOperationId` (the step's attempt). */
  dmsStop(taskKey: string, parentOperationId: string): Promise<ReplicationTaskView>;
  /**
   * Has the monitor read DMS and CloudWatch now (one refresh cycle, or the one already running). A wait calls it
   * before each look, so it sees its event within one poll, not at the monitor's own next cycle (15 s apart while
   * tasks replicate, 30 s when idle). Without it, a wait reads what the monitor last read.
   */
  readonly dmsRefresh?: () => Promise<void>;
  /**
   * The monitor's view of a fallback reverse task (by its DMS identifier); the monitor follows it from the first call
   * on. Throws when it cannot be read at all (no monitor, or one without AWS access: the error says why).
   */
  reverseTask(stackId: string, taskId: string): ReplicationTaskView | undefined;
  /** The newest target-latency sample the monitor holds of a followed reverse task, with its time on the data clock. */
  reverseLatency(stackId: string, taskId: string): { seconds: number; at: number } | null;
  /**
   * Gets a reverse task replicating through the monitor's task control (start on its first run, resume after),
   * journaled as part of `parentOperationId`; `action` is null when it already ran. `since` is the monitor's data
   * time noted just before: only latency samples from then on tell whether the task caught up.
   */
  startReverseTask(
    stackId: string,
    taskId: string,
    parentOperationId: string,
  ): Promise<{ action: 'start' | 'resume' | null; view: ReplicationTaskView; since: number }>;
  /**
   * The monitor stops following a reverse task whose compensation failed or was interrupted. After a success it
   * keeps following it: the task keeps the data center current, and its failure raises an alert.
   */
  unwatchReverseTask(stackId: string, taskId: string): void;
  /** The replication data's clock against the wall clock (the rehearsal may run faster than real time), or null. */
  dataClock(): DataClockView | null;
  /** How long to wait between looks at the monitor's data (default 2 s). */
  readonly pollMs?: number;
  /** How long to wait for DMS to report a stopped task (default 10 minutes). */
  readonly stopTimeoutMs?: number;
  /** How long a started reverse task may take to replicate within the wave's latency gate (default 10 minutes). */
  readonly catchUpTimeoutMs?: number;
}

/** What a rollback needs of the replication monitor for reverse tasks. */
export type ReverseTaskControl = Pick<
  ReplicationMonitor,
  'watchReverseTask' | 'unwatchReverseTask' | 'reverseTaskView' | 'reverseLatency' | 'replicate' | 'dataNow'
>;

export interface DmsRunbookSource extends Pick<
  DmsRunbookRuntime,
  'dmsTasks' | 'dmsSeries' | 'dmsStop' | 'dmsRefresh' | 'dataClock' | 'pollMs' | 'stopTimeoutMs' | 'catchUpTimeoutMs'
> {
  /** The running replication monitor, which follows and starts the fallback reverse tasks of a rollback. */
  reverseTasks(): ReverseTaskControl | undefined;
}

/** The runtime over the replication service's views and its monitor's reverse-task control. */
export function dmsRunbookRuntime(source: DmsRunbookSource): DmsRunbookRuntime {
  const monitorFor = (taskId: string): ReverseTaskControl => {
    const monitor = source.reverseTasks();
    if (!monitor) throw new Error(`cannot follow reverse task ${taskId}: no replication monitor runs (is a plan loaded?)`);
    return monitor;
  };
  const { reverseTasks: _reverseTasks, ...views } = source;
  return {
    ...views,
    // The monitor refuses to follow a task when it has no AWS access: the compensation fails at once with why.
    reverseTask: (stackId, taskId) => {
      const monitor = monitorFor(taskId);
      return monitor.reverseTaskView(monitor.watchReverseTask(stackId, taskId));
    },
    reverseLatency: (stackId, taskId) => {
      const monitor = monitorFor(taskId);
      return monitor.reverseLatency(monitor.watchReverseTask(stackId, taskId));
    },
    startReverseTask: async (stackId, taskId, parentOperationId) => {
      const monitor = monitorFor(taskId);
      const key = monitor.watchReverseTask(stackId, taskId);
      const since = monitor.dataNow();
      return { ...(await monitor.replicate(key, { parentOperationId })), since };
    },
    unwatchReverseTask: (stackId) => source.reverseTasks()?.unwatchReverseTask(reverseTaskKey(stackId)),
  };
}

/**
 * The fallback reverse tasks left replicating: those a wave's latest run's rollback started and saw catch up (a
 * later run of the wave supersedes its rollback). The replication monitor follows them.
 */
export function reverseTasksToFollow(runs: readonly CutoverRunView[], plan: MigrationPlan | undefined): { stackId: string; taskId: string }[] {
  return runs.flatMap((run) =>
    (run.rollback?.steps ?? []).flatMap((step) => {
      const taskId = plan && reverseTaskOf(plan, step.stackId);
      return step.action === 'start-reverse' && step.status === 'succeeded' && taskId ? [{ stackId: step.stackId, taskId }] : [];
    }),
  );
}
