// Names an operator reads for DMS replication: phases, trends, validation, monitor states, migration types, task names.
import { taskIndex } from '../../../../../../common/keys';
import type { MonitorStatusView, ReplicationPhase, ReplicationTaskView, StackView, WaveView } from '../../../../../../main/api/contract';

export const PHASE_LABELS: Readonly<Record<ReplicationPhase, string>> = {
  unresolved: 'unresolved',
  'not-started': 'not started',
  starting: 'starting',
  'full-load': 'full load',
  cdc: 'CDC (ongoing changes)',
  'full-load-done': 'full load done',
  stopping: 'stopping',
  stopped: 'stopped',
  failed: 'failed',
  other: 'other',
};

export const TREND_LABELS: Readonly<Record<ReplicationTaskView['cdcTrend'], { glyph: string; text: string }>> = {
  'catching-up': { glyph: '↘', text: 'catching up' },
  steady: { glyph: '→', text: 'steady' },
  'falling-behind': { glyph: '↗', text: 'falling behind' },
  unknown: { glyph: '·', text: 'trend unknown' },
};

export const VALIDATION_LABELS: Readonly<Record<NonNullable<ReplicationTaskView['validation']>['state'], string>> = {
  clean: 'clean',
  pending: 'pending',
  mismatched: 'mismatched',
  suspended: 'suspended',
  'not-enabled': 'not enabled',
  error: 'error',
};

export const MONITOR_STATE_LABELS: Readonly<Record<MonitorStatusView['state'], string>> = {
  idle: 'idle',
  polling: 'polling',
  'backing-off': 'backing off',
  degraded: 'degraded',
};

// DMS's migration types (a plain string in the contract: DMS may add types, shown as DMS names them).
const MIGRATION_TYPE_LABELS: Readonly<Record<string, string>> = {
  'full-load': 'full load only',
  cdc: 'CDC only',
  'full-load-and-cdc': 'full load, then CDC',
};

/** "full load, then CDC" for DMS's `full-load-and-cdc`; an unknown type as DMS names it. */
export function migrationTypeLabel(type: string): string {
  return Object.hasOwn(MIGRATION_TYPE_LABELS, type) ? MIGRATION_TYPE_LABELS[type]! : type;
}

/**
 * The name an operator knows the task by: its DMS identifier, else the plan's reference, else "app1101 task 1"
 * (never the internal key `platform-production/app1101#0`).
 */
export function taskName(task: Pick<ReplicationTaskView, 'key' | 'stackId' | 'taskId'>, stack?: StackView): string {
  if (task.taskId) return task.taskId;
  const ref = stack?.replicationTasks[taskIndex(task.key)];
  if (ref?.kind === 'task-id') return ref.taskId;
  if (ref?.kind === 'stack-output') return `${stack!.name}: output ${ref.output}`;
  return taskOrdinalName(task.stackId, task.key, stack);
}

/** "app1101 task 1": the stack's name and the task's place in its list, counted from 1. */
export function taskOrdinalName(stackId: string, key: string, stack?: StackView): string {
  return `${stack?.name ?? stackNameOf(stackId)} task ${taskIndex(key) + 1}`;
}

/** The stack's own name from its id `project/stack`. */
export function stackNameOf(stackId: string): string {
  return stackId.slice(stackId.indexOf('/') + 1);
}

/** Tasks of a stack in the plan's order. */
export function tasksOfStack(tasks: Readonly<Record<string, ReplicationTaskView>>, stackId: string): ReplicationTaskView[] {
  return Object.values(tasks)
    .filter((task) => task.stackId === stackId)
    .sort((a, b) => taskIndex(a.key) - taskIndex(b.key));
}

/** Tasks of a wave: its stacks in the plan's order, each stack's tasks in order. */
export function tasksOfWave(tasks: Readonly<Record<string, ReplicationTaskView>>, wave: WaveView): ReplicationTaskView[] {
  const byStack = new Map<string, ReplicationTaskView[]>();
  for (const task of Object.values(tasks)) {
    if (task.waveId !== wave.id && !wave.stackIds.includes(task.stackId)) continue;
    const list = byStack.get(task.stackId);
    if (list) list.push(task);
    else byStack.set(task.stackId, [task]);
  }
  const ordered = [...wave.stackIds, ...[...byStack.keys()].filter((id) => !wave.stackIds.includes(id)).sort()];
  return ordered.flatMap((stackId) => (byStack.get(stackId) ?? []).sort((a, b) => taskIndex(a.key) - taskIndex(b.key)));
}
