// DMS's readiness gate, `data`: every replication task's gate as the DMS monitor judges it (monitor/gates.ts: in
// CDC, full load done, tables within the error limit, validation clean when required, CDC latency under the limit
// for the hold), on current data only; plus no mismatched or suspended records wherever validation was read.
// Judged from the monitor's published events (`dms.tasks`, `dms.monitor`); a monitor that falls silent or degrades
// turns the gate unknown, and a failed task makes its stack degraded (a task stopped at cutover does not).
import type { ReplicationTaskView } from './contract-views';
import type { StackHealth } from '../../api/contract/readiness';
import { MonitorWatch as SharedMonitorWatch } from '../../monitoring/monitor-watch';
import type { MigrationPlan, StackModel } from '../../plan/model';
import type { GateJudge, GateVerdict, JudgeMoment, ReadinessPart } from '../../seam/readiness-part';
import { dmsPlan } from './plan';

/** What the data gate reads: the monitor's task views and why none is current. */
export interface DmsSignals {
  /** The monitor's latest view of a task, or undefined before its first. */
  task(key: string): ReplicationTaskView | undefined;
  /** Why no replication data is current right now (the monitor silent or degraded), or null. */
  readonly monitorProblem: string | null;
}

export interface DmsReadinessOptions {
  /** The monitor counts as silent after max(this, 3 × its interval) + 5 s without a cycle report (default 15 s). */
  readonly monitorSilentAfterMs?: number;
}

const GREEN: GateVerdict = Object.freeze({ status: 'green', reasons: Object.freeze([]), holdRemainingSeconds: null });
const NO_TASKS: GateVerdict = Object.freeze({ status: 'green', reasons: Object.freeze(['no replication tasks']), holdRemainingSeconds: null, applies: false });

/** The monitor's task keys (`<stackId>#<index>`) of a stack, in the plan's order. */
export const taskKeysOf = (stack: StackModel): string[] => dmsPlan.of(stack).replicationTasks.map((_, index) => `${stack.id}#${index}`);

export function dataGate(taskKeys: readonly string[], signals: DmsSignals): GateVerdict {
  return dataGateOf(
    taskKeys,
    taskKeys.map((key) => signals.task(key)),
    signals.monitorProblem,
  );
}

/** The data gate from the views of the stack's tasks, in the order of `taskKeys` (undefined: no view yet). */
function dataGateOf(taskKeys: readonly string[], views: readonly (ReplicationTaskView | undefined)[], monitorProblem: string | null): GateVerdict {
  if (taskKeys.length === 0) return NO_TASKS;
  if (monitorProblem) return unknown(monitorProblem);
  let redReasons: string[] | null = null;
  let unknownReasons: string[] | null = null;
  let hold: number | null = null;
  // The slowest task's hold end, from the tasks' own (fixed) ends: the wave view need not change on every datapoint.
  let holdEnd: string | null = null;
  for (let i = 0; i < taskKeys.length; i++) {
    const key = taskKeys[i]!;
    const view = views[i];
    if (!view) {
      (unknownReasons ??= []).push(`${key}: no report from the DMS monitor yet`);
      continue;
    }
    const name = view.taskId ?? key;
    // Stale or unresolved data is never green, whatever else the view says.
    if (view.freshness.stale) {
      (unknownReasons ??= []).push(`${name}: ${view.freshness.staleReason ?? 'data is not current'}`);
      continue;
    }
    if (view.phase === 'unresolved') {
      (unknownReasons ??= []).push(`${name}: ${view.resolution ?? 'the task is not known yet'}`);
      continue;
    }
    const gate = view.gate;
    if (gate.status === 'red') for (const reason of gate.reasons) (redReasons ??= []).push(`${name}: ${reason}`);
    else if (gate.status === 'unknown') for (const reason of gate.reasons) (unknownReasons ??= []).push(`${name}: ${reason}`);
    // Validation the wave does not require still speaks when it was read: mismatches block a cutover.
    const validation = view.validation;
    if (validation && gate.status === 'green') {
      if (validation.failedRecords > 0 || validation.state === 'mismatched')
        (redReasons ??= []).push(`${name}: validation found ${validation.failedRecords} mismatched record(s)`);
      else if (validation.suspendedRecords > 0 || validation.state === 'suspended')
        (redReasons ??= []).push(`${name}: validation suspended for ${validation.suspendedRecords} record(s)`);
    }
    if (gate.holdRemainingSeconds !== null && gate.holdRemainingSeconds > 0) {
      hold = Math.max(hold ?? 0, gate.holdRemainingSeconds);
      if (gate.holdEndsAt && (holdEnd === null || gate.holdEndsAt > holdEnd)) holdEnd = gate.holdEndsAt;
    }
  }
  const held = holdEnd !== null ? { holdEndsAt: holdEnd } : {};
  if (redReasons) return { status: 'red', reasons: unknownReasons ? [...redReasons, ...unknownReasons] : redReasons, holdRemainingSeconds: hold, ...held };
  if (unknownReasons) return { status: 'unknown', reasons: unknownReasons, holdRemainingSeconds: hold, ...held };
  return GREEN;
}

/** A failed task makes its stack degraded; a stopped one (cutover stops replication on purpose) does not. */
export function taskHealth(taskKeys: readonly string[], signals: DmsSignals): StackHealth | null {
  return taskHealthOf(
    taskKeys,
    taskKeys.map((key) => signals.task(key)),
  );
}

function taskHealthOf(taskKeys: readonly string[], views: readonly (ReplicationTaskView | undefined)[]): StackHealth | null {
  for (let i = 0; i < taskKeys.length; i++) {
    const task = views[i];
    if (task?.phase === 'failed')
      return {
        status: 'degraded',
        reason: `replication task ${task.taskId ?? taskKeys[i]!} failed${task.lastFailureMessage ? `: ${firstLine(task.lastFailureMessage)}` : ''}`,
      };
  }
  return null;
}

/** The DMS monitor as the data gate sees it (the shared watch, in DMS's words). */
export class MonitorWatch extends SharedMonitorWatch {
  constructor(silentAfterMs: number) {
    super(silentAfterMs, { monitor: 'the DMS monitor', data: 'replication data' });
  }
}

/**
 * A stack's tasks as the judge holds them: their keys and the monitor's latest view of each, by position; and the
 * stack's verdict and health as last judged, kept (the same objects) while no view changes what they are judged by.
 */
interface StackTasks {
  readonly keys: readonly string[];
  readonly views: (ReplicationTaskView | undefined)[];
  verdict: GateVerdict | null;
  /** The monitor's problem the verdict was judged with. */
  judgedWith: string | null;
  /** Undefined until judged. */
  health: StackHealth | null | undefined;
}

class DmsJudge implements GateJudge {
  /** By stack id: only stacks with tasks. */
  private readonly stacks = new Map<string, StackTasks>();
  /** By task key: where its view goes. An evaluation reads views by position, not 12,000 keys at 6,000 tasks. */
  private readonly places = new Map<string, { readonly tasks: StackTasks; readonly index: number }>();
  private readonly hasTasks: boolean;
  private readonly watch: MonitorWatch;

  constructor(plan: MigrationPlan, options: DmsReadinessOptions) {
    for (const stack of plan.stacks.values()) {
      if (dmsPlan.of(stack).replicationTasks.length === 0) continue;
      const keys = taskKeysOf(stack);
      const tasks: StackTasks = { keys, views: keys.map(() => undefined), verdict: null, judgedWith: null, health: undefined };
      this.stacks.set(stack.id, tasks);
      keys.forEach((key, index) => this.places.set(key, { tasks, index }));
    }
    // A plan without tasks never waits on the monitor.
    this.hasTasks = this.stacks.size > 0;
    this.watch = new MonitorWatch(options.monitorSilentAfterMs ?? 15_000);
  }

  observe(event: Parameters<GateJudge['observe']>[0], now: number): boolean {
    if (event.type === 'dms.tasks') {
      // A view of a task the plan does not name is never read.
      for (const task of event.tasks) {
        const place = this.places.get(task.key);
        if (!place) continue;
        const { tasks, index } = place;
        const before = tasks.views[index];
        tasks.views[index] = task;
        // Every cycle brings every task's view anew (new datapoints); most judge the same.
        if (!before || !sameJudgement(before, task)) {
          tasks.verdict = null;
          tasks.health = undefined;
        }
      }
      return true;
    }
    if (event.type === 'dms.monitor') {
      this.watch.seen(event.monitor, now);
      return true;
    }
    return false;
  }

  silence(now: number): string | null {
    return this.hasTasks ? this.watch.problem(now) : null;
  }

  /** An unchanged verdict is answered as the same object: the readiness service then keeps the stack's view as it is. */
  evaluate(stack: StackModel, moment: Readonly<JudgeMoment>, out: GateVerdict[]): void {
    const tasks = this.stacks.get(stack.id);
    if (!tasks) {
      out[0] = NO_TASKS;
      return;
    }
    if (tasks.verdict === null || tasks.judgedWith !== moment.silence) {
      tasks.verdict = dataGateOf(tasks.keys, tasks.views, moment.silence);
      tasks.judgedWith = moment.silence;
    }
    out[0] = tasks.verdict;
  }

  health(stack: StackModel): StackHealth | null {
    const tasks = this.stacks.get(stack.id);
    if (!tasks) return null;
    if (tasks.health === undefined) tasks.health = taskHealthOf(tasks.keys, tasks.views);
    return tasks.health;
  }
}

/** Whether two views of a task judge the same: they agree on everything dataGateOf and taskHealthOf read. */
function sameJudgement(a: ReplicationTaskView, b: ReplicationTaskView): boolean {
  const ga = a.gate;
  const gb = b.gate;
  const va = a.validation;
  const vb = b.validation;
  return (
    a.taskId === b.taskId &&
    a.phase === b.phase &&
    a.resolution === b.resolution &&
    a.lastFailureMessage === b.lastFailureMessage &&
    a.freshness.stale === b.freshness.stale &&
    a.freshness.staleReason === b.freshness.staleReason &&
    ga.status === gb.status &&
    ga.holdRemainingSeconds === gb.holdRemainingSeconds &&
    ga.holdEndsAt === gb.holdEndsAt &&
    sameStrings(ga.reasons, gb.reasons) &&
    (va === vb || (va !== null && vb !== null && va.state === vb.state && va.failedRecords === vb.failedRecords && va.suspendedRecords === vb.suspendedRecords))
  );
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** DMS's readiness part: the `data` gate. */
export function dmsReadiness(options: DmsReadinessOptions = {}): ReadinessPart {
  return {
    gates: [
      {
        id: 'data',
        label: 'Data',
        help: 'Every replication task replicates changes (CDC) with its full load done, tables within the error limit, validation clean when required and CDC latency under the limit for the hold, on current data.',
      },
    ],
    createJudge: (plan) => new DmsJudge(plan, options),
  };
}

function unknown(reason: string): GateVerdict {
  return { status: 'unknown', reasons: [reason], holdRemainingSeconds: null };
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0]!.trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
