// Task controls: labels, what the task's state obviously forbids, and what each does.
import type { DmsControlAction, ReplicationPhase, ReplicationTaskView } from '../../../../../../main/api/contract';
import { hasFullLoad } from './readings';

export const CONTROL_LABELS: Readonly<Record<DmsControlAction, { label: string; help: string; danger?: boolean }>> = {
  start: { label: 'Start task', help: 'Start the task for the first time: full load, then ongoing changes (start-replication)' },
  resume: { label: 'Resume task', help: 'Continue a stopped or failed task from where it stopped (resume-processing)' },
  'reload-target': {
    label: 'Reload target',
    help: 'Run the whole task again from the start: truncates and reloads every table on the target (reload-target)',
    danger: true,
  },
  stop: { label: 'Stop task', help: 'Stop the task; ongoing changes pile up at the source until it is resumed', danger: true },
  'reload-tables-data': { label: 'Reload tables', help: 'Reload the data of the task’s tables on the target while the task runs', danger: true },
  'reload-tables-validate': { label: 'Revalidate tables', help: 'Validate the task’s tables again, without reloading data' },
};

const RUNNING_PHASES: ReadonlySet<ReplicationPhase> = new Set(['full-load', 'cdc']);

/**
 * Why the task's last known state forbids an action (the DMS state rules the core checks too), or null when it
 * may be tried. The core still decides: a refusal comes back with its own message.
 */
export function controlBlocked(task: ReplicationTaskView, action: DmsControlAction): string | null {
  const { phase } = task;
  if (phase === 'unresolved') return `The task is unresolved: ${task.resolution ?? 'DMS does not know it yet'}`;
  if (phase === 'starting') return 'The task is starting; wait until it runs';
  if (phase === 'stopping') return 'The task is stopping; wait until it has stopped';
  if (phase === 'other') return `DMS is busy with the task (${task.status ?? 'unknown status'}); wait until it is ready`;
  switch (action) {
    case 'start':
      return phase === 'not-started' ? null : 'The task has run before: Resume it, or Reload target to run it again from the start';
    case 'resume':
      if (phase === 'stopped' || phase === 'failed') return null;
      if (phase === 'not-started') return 'The task never ran: Start it';
      if (phase === 'full-load-done') return 'The full load finished: Reload target runs it again';
      return 'The task is running';
    case 'reload-target':
      if (phase === 'stopped' || phase === 'failed' || phase === 'full-load-done') return null;
      if (phase === 'not-started') return 'The task never ran: Start it';
      return 'Stop the task first';
    case 'stop':
      return RUNNING_PHASES.has(phase) ? null : 'The task is not running';
    case 'reload-tables-data':
      return RUNNING_PHASES.has(phase) ? null : 'Tables can only be reloaded while the task runs';
    case 'reload-tables-validate':
      if (!RUNNING_PHASES.has(phase)) return 'Tables can only be revalidated while the task runs';
      return task.validation?.state === 'not-enabled' ? 'Validation is not enabled for this task' : null;
  }
}

/**
 * What reloading throws away of the task's full load: "Now: full load 32 % (tables: 1 loaded, 4 loading, 12
 * queued); reloading starts the full load over from 0 %." Null when the task has no full load or its progress is not known.
 */
export function reloadLoss(task: Pick<ReplicationTaskView, 'fullLoadPercent' | 'tables' | 'migrationType'>): string | null {
  if (!hasFullLoad(task) || task.fullLoadPercent === null) return null;
  const t = task.tables;
  const tables = t ? ` (tables: ${t.loaded} loaded, ${t.loading} loading, ${t.queued} queued${t.errored > 0 ? `, ${t.errored} errored` : ''})` : '';
  return `Now: full load ${Math.floor(task.fullLoadPercent)} %${tables}; reloading starts the full load over from 0 %.`;
}

/** What the confirmation says will happen; `task` (its progress) says what a reload throws away. */
export function controlStatement(
  action: DmsControlAction,
  name: string,
  tableCount: number | null,
  task?: Pick<ReplicationTaskView, 'fullLoadPercent' | 'tables' | 'migrationType'>,
): string {
  const tables = tableCount === null ? 'all of its tables' : tableCount === 1 ? '1 table' : `${tableCount} tables`;
  switch (action) {
    case 'start':
      return `Start ${name}: DMS loads every table in full, then applies ongoing changes.`;
    case 'resume':
      return `Resume ${name}: DMS continues from where the task stopped.`;
    case 'reload-target': {
      const loss = task ? reloadLoss(task) : null;
      return `Reload target of ${name}: DMS truncates and reloads every table on the target, then applies ongoing changes. The target is incomplete until the full load finishes.${loss ? ` ${loss}` : ''}`;
    }
    case 'stop':
      return `Stop ${name}: DMS stops applying changes; the target falls behind the source until the task is resumed.`;
    case 'reload-tables-data':
      return `Reload ${tables} of ${name}: DMS reloads their data on the target while the task keeps running.`;
    case 'reload-tables-validate':
      return `Revalidate ${tables} of ${name}: DMS compares them with the source again; no data is reloaded.`;
  }
}
