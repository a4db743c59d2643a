// The fallback reverse CDC tasks (AWS → data center) a rollback starts and the monitor then follows: read every
// cycle like the plan's tasks, but kept out of the plan's views, events and wave gates; followed only while the
// plan names each as its stack's fallback; and asked for their newest target latency on the data clock.
import { reverseTaskKey } from '../../../../common/keys';
import type { ReplicationTaskView } from '../contract-views';
import { CommandError } from '../../../../common/command-error';
import type { MigrationPlan } from '../../../plan/model';
import { reverseTaskOf } from '../plan';
import type { MonitorContext } from './monitor-options';
import type { TaskViews } from './views';

export class ReverseTasks {
  constructor(
    private readonly ctx: MonitorContext,
    private readonly views: TaskViews,
    /** Brings the next refresh cycle forward. */
    private readonly soon: () => void,
    /** Whether the monitor has started (and so publishes). */
    private readonly started: () => boolean,
  ) {}

  /** Follows a stack's reverse task from the next cycle on; answers its key. Refused without an AWS API. */
  watch(stackId: string, taskId: string): string {
    const api = this.ctx.apis.forStack(stackId);
    if ('unavailable' in api) throw new CommandError('failed', `cannot follow reverse task ${taskId}: ${api.unavailable}`);
    const key = reverseTaskKey(stackId);
    if (!this.ctx.tasks.followReverse(key, stackId, taskId)) return key;
    this.soon();
    return key;
  }

  /** Stops following a reverse task: it is read no more, its data is dropped and its alerts clear. */
  unwatch(taskKey: string): void {
    if (!this.ctx.tasks.unfollowReverse(taskKey)) return;
    if (this.started()) this.views.publishReverse();
  }

  /** A followed reverse task stays only while the (edited) plan still names it as its stack's fallback. */
  keepNamedBy(plan: MigrationPlan): void {
    const { tasks } = this.ctx;
    for (const key of [...tasks.reverseKeys]) {
      const state = tasks.get(key)!;
      const taskId = 'taskId' in state.planned.ref ? state.planned.ref.taskId : null;
      if (reverseTaskOf(plan, state.planned.stackId) !== taskId) this.unwatch(key);
    }
  }

  /** The current view of a watched reverse task (undefined when it is not watched). */
  view(taskKey: string): ReplicationTaskView | undefined {
    const { tasks } = this.ctx;
    const state = tasks.reverseKeys.has(taskKey) ? tasks.get(taskKey) : undefined;
    return state ? this.views.viewOf(state) : undefined;
  }

  /** The newest CDCLatencyTarget sample of a watched reverse task with its time on the data clock, or null. */
  latency(taskKey: string): { seconds: number; at: number } | null {
    const { tasks } = this.ctx;
    if (!tasks.reverseKeys.has(taskKey)) return null;
    const seconds = tasks.series.latest(taskKey, 'CDCLatencyTarget');
    const at = tasks.series.lastTime(taskKey, 'CDCLatencyTarget');
    return seconds === null || !Number.isFinite(at) ? null : { seconds, at };
  }
}
