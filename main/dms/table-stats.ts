// Table statistics: read (paged, 500 per call) only for tasks the operator looks at and for tasks whose gate
// needs a validation reading, and summarized into the task's validation state.
import type { TableStatistics } from '@aws-sdk/client-database-migration-service';
import type { ReplicationTaskView, TableStatisticsView } from '../api/contract';

export type ValidationSummary = NonNullable<ReplicationTaskView['validation']>;

export function tableView(stats: TableStatistics): TableStatisticsView {
  return {
    schema: stats.SchemaName ?? '',
    table: stats.TableName ?? '',
    state: stats.TableState ?? 'unknown',
    fullLoadRows: stats.FullLoadRows ?? 0,
    inserts: stats.Inserts ?? 0,
    updates: stats.Updates ?? 0,
    deletes: stats.Deletes ?? 0,
    ddls: stats.Ddls ?? 0,
    validationState: stats.ValidationState ?? null,
    validationPendingRecords: stats.ValidationPendingRecords ?? 0,
    validationFailedRecords: stats.ValidationFailedRecords ?? 0,
    validationSuspendedRecords: stats.ValidationSuspendedRecords ?? 0,
    lastUpdateTime: stats.LastUpdateTime ? stats.LastUpdateTime.toISOString() : null,
  };
}

const PENDING = new Set(['Pending records', 'Pending validation', 'Preparing table', 'Pending revalidation']);

/** The worst validation state over a task's tables; a task with no tables yet is pending. */
export function summarizeValidation(tables: readonly TableStatisticsView[]): ValidationSummary {
  const failedRecords = tables.reduce((sum, t) => sum + t.validationFailedRecords, 0);
  const suspendedRecords = tables.reduce((sum, t) => sum + t.validationSuspendedRecords, 0);
  const states = tables.map((t) => t.validationState ?? 'Not enabled');
  const summary = (state: ValidationSummary['state']): ValidationSummary => ({ state, failedRecords, suspendedRecords });
  if (failedRecords > 0 || states.includes('Mismatched records')) return summary('mismatched');
  if (states.some((s) => s === 'Error' || s === 'Table error')) return summary('error');
  if (suspendedRecords > 0 || states.some((s) => s === 'Suspended records' || s === 'No primary key')) return summary('suspended');
  if (tables.length > 0 && states.every((s) => s === 'Not enabled')) return summary('not-enabled');
  if (tables.length === 0 || states.some((s) => PENDING.has(s)) || tables.some((t) => t.validationPendingRecords > 0)) return summary('pending');
  return states.every((s) => s === 'Validated' || s === 'Not enabled') ? summary('clean') : summary('pending');
}

/** Rows loaded so far over all tables (for the full-load ETA). */
export function loadedRows(tables: readonly TableStatisticsView[]): number {
  return tables.reduce((sum, t) => sum + t.fullLoadRows, 0);
}
