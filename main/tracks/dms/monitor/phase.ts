// Where a task is in its life, from what DMS reports: Status, StopReason, MigrationType and the load stats.
import type { ReplicationTask } from '@aws-sdk/client-database-migration-service';
import type { ReplicationPhase } from '../contract-views';

export function phaseOf(task: ReplicationTask | undefined): ReplicationPhase {
  if (!task) return 'unresolved';
  switch (task.Status) {
    case 'ready':
      return hasRun(task) ? 'stopped' : 'not-started';
    case 'starting':
      return 'starting';
    case 'running':
      if (task.MigrationType === 'cdc') return 'cdc';
      if (task.MigrationType === 'full-load') return 'full-load';
      return fullLoadFinished(task) ? 'cdc' : 'full-load';
    case 'stopping':
      return 'stopping';
    case 'stopped':
      return /FULL_LOAD_ONLY_FINISHED/.test(task.StopReason ?? '') ? 'full-load-done' : 'stopped';
    case 'failed':
    case 'failed-move':
      return 'failed';
    default:
      return 'other';
  }
}

/** Whether the task has ever been started (a never-started task can only be started with start-replication). */
export function hasRun(task: ReplicationTask): boolean {
  const stats = task.ReplicationTaskStats;
  return !!(task.ReplicationTaskStartDate || stats?.StartDate || stats?.FreshStartDate || stats?.StopDate);
}

/** The full load is over: DMS recorded its end, or every table is loaded and none waits or loads. */
export function fullLoadFinished(task: ReplicationTask): boolean {
  const stats = task.ReplicationTaskStats;
  if (!stats) return false;
  if (stats.FullLoadFinishDate) return true;
  return (stats.FullLoadProgressPercent ?? 0) >= 100 && (stats.TablesLoading ?? 0) === 0 && (stats.TablesQueued ?? 0) === 0;
}

/** Phases in which the data moves fast enough that the monitor should poll at its quickest. */
export function isBusyPhase(phase: ReplicationPhase): boolean {
  return phase === 'starting' || phase === 'full-load' || phase === 'stopping';
}
