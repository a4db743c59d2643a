// Table statistics: read (paged, 500 per call) only for tasks the operator looks at and for tasks whose gate
// needs a validation reading, and summarized into the task's validation state.
import type { TableStatistics } from '@aws-sdk/client-database-migration-service';
import type { ReplicationTaskView, TableStatisticsView } from '../contract-views';

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

type ValidationState = ValidationSummary['state'];

/**
 * One table's validation as its DMS ValidationState says (the table grid shows that state): the one rule the task's
 * summary is built from. ValidationPendingRecords beside "Validated" are changes still on their way in CDC, not a
 * validation still running: DMS itself says "Pending records" when validation waits on them.
 */
export function tableValidation(table: TableStatisticsView): ValidationState {
  const state = table.validationState ?? 'Not enabled';
  if (table.validationFailedRecords > 0 || state === 'Mismatched records') return 'mismatched';
  if (state === 'Error' || state === 'Table error') return 'error';
  if (table.validationSuspendedRecords > 0 || state === 'Suspended records' || state === 'No primary key') return 'suspended';
  if (state === 'Not enabled') return 'not-enabled';
  if (state === 'Validated') return 'clean';
  // "Pending records", "Pending validation", …, and any state this cockpit does not know yet: not clean.
  return 'pending';
}

/** Worst first: a task's validation is the worst of its tables'. */
const SEVERITY: readonly ValidationState[] = ['mismatched', 'error', 'suspended', 'pending', 'clean', 'not-enabled'];

/** A task's validation from its tables (tableValidation each, the worst wins); a task with no tables yet is pending. */
export function summarizeValidation(tables: readonly TableStatisticsView[]): ValidationSummary {
  const failedRecords = tables.reduce((sum, t) => sum + t.validationFailedRecords, 0);
  const suspendedRecords = tables.reduce((sum, t) => sum + t.validationSuspendedRecords, 0);
  const states = new Set(tables.map(tableValidation));
  // Validated tables beside tables without validation: the validated ones are clean, the task is.
  const state = tables.length === 0 ? 'pending' : SEVERITY.find((candidate) => states.has(candidate))!;
  return { state, failedRecords, suspendedRecords };
}

/** Rows loaded so far over all tables (for the full-load ETA). */
export function loadedRows(tables: readonly TableStatisticsView[]): number {
  return tables.reduce((sum, t) => sum + t.fullLoadRows, 0);
}
