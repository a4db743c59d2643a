// A gate hold's time left, and table statistics' flags and filters.
import type { ReplicationTaskView, TableStatisticsView } from '../../../../../../main/api/contract';

/**
 * Seconds of the wave's hold time still to go, counted down from the task's last read (the core's
 * holdRemainingSeconds was true at freshness.taskAt). Null when no hold is running; frozen when `stale`.
 */
export function holdRemaining(task: ReplicationTaskView, now: number, stale: boolean): number | null {
  const remaining = task.gate.holdRemainingSeconds;
  if (remaining === null) return null;
  const at = task.freshness.taskAt ? Date.parse(task.freshness.taskAt) : NaN;
  if (stale || !Number.isFinite(at)) return Math.max(0, Math.round(remaining));
  return Math.max(0, Math.round(remaining - Math.max(0, now - at) / 1000));
}

/** 75 -> "1:15", 3600 -> "60:00": a countdown. */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

export type TableFlag = 'errored' | 'mismatched' | null;

/** Rows the grid highlights: a table DMS reports in error, or whose validation found differences. */
export function tableFlag(row: TableStatisticsView): TableFlag {
  if (/error|fail/i.test(row.state)) return 'errored';
  if (row.validationFailedRecords > 0 || /mismatch|fail|error/i.test(row.validationState ?? '')) return 'mismatched';
  return null;
}

/** The grid's state filter: every row, only the highlighted ones, or one DMS table state. */
export type TableFilter = { kind: 'all' } | { kind: 'problems' } | { kind: 'state'; state: string };

export function filterTables(rows: readonly TableStatisticsView[], filter: TableFilter): readonly TableStatisticsView[] {
  switch (filter.kind) {
    case 'all':
      return rows;
    case 'problems':
      return rows.filter((row) => tableFlag(row) !== null);
    case 'state':
      return rows.filter((row) => row.state === filter.state);
  }
}
