// DMS's readiness gate, `data`: every replication task's gate as the DMS monitor judges it (monitor/gates.ts: in
// CDC, full load done, tables within the error limit, validation clean when required, CDC latency under the limit
// for the hold), on current data only; plus no mismatched or suspended records wherever validation was read.
// Judged from the monitor's published events (`dms.tasks`, `dms.monitor`); a monitor that falls silent or degrades
// turns the gate unknown, and a failed task makes its stack degraded (a task stopped at cutover does not).
import type { ReplicationTaskView } from '../../api/contract/dms';
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
const NO_TASKS: GateVerdict = Object.freeze({ status: 'green', reasons: Object.freeze(['no replication tasks']), holdRemainingSeconds: null });
const NO_KEYS: readonly string[] = Object.freeze([]);

/** The monitor's task keys (`<stackId>#<index>`) of a stack, in the plan's order. */
export const taskKeysOf = (stack: StackModel): string[] => dmsPlan.of(stack).replicationTasks.map((_, index) => `${stack.id}#${index}`);

export function dataGate(taskKeys: readonly string[], signals: DmsSignals): GateVerdict {
  if (taskKeys.length === 0) return NO_TASKS;
  if (signals.monitorProblem) return unknown(signals.monitorProblem);
  let redReasons: string[] | null = null;
  let unknownReasons: string[] | null = null;
  let hold: number | null = null;
  // The slowest task's hold end, from the tasks' own (fixed) ends: the wave view need not change on every datapoint.
  let holdEnd: string | null = null;
  for (const key of taskKeys) {
    const view = signals.task(key);
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
  for (const key of taskKeys) {
    const task = signals.task(key);
    if (task?.phase === 'failed')
      return {
        status: 'degraded',
        reason: `replication task ${task.taskId ?? key} failed${task.lastFailureMessage ? `: ${firstLine(task.lastFailureMessage)}` : ''}`,
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

class DmsJudge implements GateJudge {
  private readonly tasks = new Map<string, ReplicationTaskView>();
  private readonly keys: ReadonlyMap<string, readonly string[]>;
  private readonly hasTasks: boolean;
  private readonly watch: MonitorWatch;
  /** The signals of the evaluation under way (reused: a green gate allocates nothing). */
  private readonly signals: { task(key: string): ReplicationTaskView | undefined; monitorProblem: string | null };

  constructor(plan: MigrationPlan, options: DmsReadinessOptions) {
    const keys = new Map<string, readonly string[]>();
    for (const stack of plan.stacks.values()) if (dmsPlan.of(stack).replicationTasks.length > 0) keys.set(stack.id, taskKeysOf(stack));
    this.keys = keys;
    // A plan without tasks never waits on the monitor.
    this.hasTasks = keys.size > 0;
    this.watch = new MonitorWatch(options.monitorSilentAfterMs ?? 15_000);
    const tasks = this.tasks;
    this.signals = { task: (key) => tasks.get(key), monitorProblem: null };
  }

  observe(event: Parameters<GateJudge['observe']>[0], now: number): boolean {
    if (event.type === 'dms.tasks') {
      for (const task of event.tasks) this.tasks.set(task.key, task);
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

  evaluate(stack: StackModel, moment: Readonly<JudgeMoment>, out: GateVerdict[]): void {
    this.signals.monitorProblem = moment.silence;
    out[0] = dataGate(this.keys.get(stack.id) ?? NO_KEYS, this.signals);
  }

  health(stack: StackModel): StackHealth | null {
    return taskHealth(this.keys.get(stack.id) ?? NO_KEYS, this.signals);
  }
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
