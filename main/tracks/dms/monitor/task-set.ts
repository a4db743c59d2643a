// The tasks the replication monitor follows and the data it holds for them: the plan's tasks (keyed
// `<stackId>#<index>`) and the fallback reverse tasks a rollback follows (`<stackId>#reverse`), each with its
// state and its metric series; which of them the operator focuses on; the wave gates each task is judged by; and
// how busy they are, which the pace follows. Nothing here calls AWS or publishes.
import { CommandError } from '../../../../common/command-error';
import type { Activity } from '../../../monitoring/pace';
import type { MigrationPlan } from '../../../plan/model';
import { dmsPlan } from '../plan';
import type { Gates } from './gates';
import { isBusyPhase } from './phase';
import type { SeriesStore } from './series-store';
import { plannedTasks } from './task-refs';
import { TaskState, type ViewContext } from './task-state';

export class TaskSet {
  private readonly tasks = new Map<string, TaskState>();
  /** Reverse CDC tasks followed for a rollback: read every cycle like the plan's tasks, but not part of its views. */
  readonly reverseKeys = new Set<string>();
  /** Reverse tasks no longer followed: their alerts are judged absent (and so clear) instead of staying forever. */
  readonly unwatchedReverseKeys = new Set<string>();
  /** The tasks whose table statistics are read every cycle. */
  readonly focused = new Set<string>();
  /** The set of followed reverse tasks changed since the last dms.reverse event. */
  reverseSetChanged = false;
  private currentPlan: MigrationPlan;
  private wavesById: ReadonlyMap<string, MigrationPlan['waves'][number]>;

  constructor(
    plan: MigrationPlan,
    readonly series: SeriesStore,
    /** A gap in the latency samples longer than this breaks a gate's hold. */
    private readonly maxGapMs: number,
  ) {
    this.currentPlan = plan;
    this.wavesById = new Map(plan.waves.map((wave) => [wave.id, wave]));
    for (const planned of plannedTasks(plan)) this.tasks.set(planned.key, new TaskState(planned, this.maxGapMs));
    this.series.retain(this.tasks.keys());
  }

  get plan(): MigrationPlan {
    return this.currentPlan;
  }

  get size(): number {
    return this.tasks.size;
  }

  get(taskKey: string): TaskState | undefined {
    return this.tasks.get(taskKey);
  }

  has(taskKey: string): boolean {
    return this.tasks.has(taskKey);
  }

  values(): IterableIterator<TaskState> {
    return this.tasks.values();
  }

  /** The task under this key, or not-found in the words every command uses. */
  require(taskKey: string): TaskState {
    const state = this.tasks.get(taskKey);
    if (!state) throw new CommandError('not-found', `no replication task '${taskKey}' in the loaded plan`);
    return state;
  }

  /** Refuses keys the monitor does not know, naming all of them. */
  requireAll(taskKeys: readonly string[]): void {
    const unknown = taskKeys.filter((key) => !this.tasks.has(key));
    if (unknown.length > 0) throw new CommandError('not-found', `no replication task ${unknown.map((k) => `'${k}'`).join(', ')} in the loaded plan`);
  }

  /** The plan's own tasks (without the reverse tasks a rollback follows). */
  planTasks(): TaskState[] {
    const tasks = [...this.tasks.values()];
    return this.reverseKeys.size === 0 ? tasks : tasks.filter((state) => !this.reverseKeys.has(state.key));
  }

  /**
   * Takes an edited plan whose replication tasks are the same ones (same keys, references and waves); answers
   * false, changing nothing, when they differ.
   */
  adopt(plan: MigrationPlan): boolean {
    const planned = plannedTasks(plan);
    const same =
      planned.length === this.tasks.size - this.reverseKeys.size &&
      planned.every((task) => JSON.stringify(this.tasks.get(task.key)?.planned) === JSON.stringify(task));
    if (!same) return false;
    this.currentPlan = plan;
    this.wavesById = new Map(plan.waves.map((wave) => [wave.id, wave]));
    return true;
  }

  /** The gates a task is judged by, or why it has none. */
  gateContext(state: TaskState): Pick<ViewContext, 'gates' | 'noGatesReason'> {
    // Per task on every metric answer and view: the wave is looked up in a map built once for the plan.
    const wave = state.planned.waveId === null ? undefined : this.wavesById.get(state.planned.waveId);
    return { gates: wave && dmsPlan.ofWave(wave).gates, noGatesReason: wave ? `wave ${wave.id} defines no gates` : `${state.planned.stackId} is in no wave` };
  }

  gatesOf(state: TaskState): Gates | undefined {
    return this.gateContext(state).gates;
  }

  /**
   * How busy the tasks are, for the pace: fast while one starts, loads or stops (or, with `holds`, while a gate's
   * hold time runs), normal while one replicates changes, else idle. Staleness is judged on the phases alone.
   */
  activity(holds: boolean): Activity {
    const views = [...this.tasks.values()];
    const busy = views.some((s) => isBusyPhase(s.lastPhase) || (holds && (s.view?.gate.holdRemainingSeconds ?? 0) > 0));
    return busy ? 'fast' : views.some((s) => s.lastPhase === 'cdc') ? 'normal' : 'idle';
  }

  /** Follows a reverse task under `key`; answers false when it follows this one there already. */
  followReverse(key: string, stackId: string, taskId: string): boolean {
    const known = this.tasks.get(key);
    if (known && 'taskId' in known.planned.ref && known.planned.ref.taskId === taskId) return false;
    this.tasks.set(key, new TaskState({ key, stackId, waveId: null, ref: { taskId } }, this.maxGapMs));
    this.reverseKeys.add(key);
    this.reverseSetChanged = true;
    this.unwatchedReverseKeys.delete(key);
    // Another reverse task under this key before (an edited fallback): its data is not this one's.
    this.series.reset(key);
    this.series.retain(this.tasks.keys());
    return true;
  }

  /** Stops following a reverse task and drops its data; answers false for a key that is no followed reverse task. */
  unfollowReverse(key: string): boolean {
    if (!this.reverseKeys.delete(key)) return false;
    this.tasks.delete(key);
    this.focused.delete(key);
    this.series.retain(this.tasks.keys());
    this.unwatchedReverseKeys.add(key);
    this.reverseSetChanged = true;
    return true;
  }

  /** A task whose ARN changed or vanished starts over: its old data belongs to another task. */
  forget(state: TaskState): TaskState {
    if (state.arn === null && !state.task) return state;
    const fresh = new TaskState(state.planned, this.maxGapMs);
    this.tasks.set(state.key, fresh);
    this.series.reset(state.key);
    return fresh;
  }
}
