import { describe, expect, it } from 'vitest';
import type { TableStatisticsView } from '../contract-views';
import { summarizeValidation, tableValidation } from './table-stats';

const row = (over: Partial<TableStatisticsView> = {}): TableStatisticsView => ({
  schema: 'shop',
  table: 'orders',
  state: 'Table completed',
  fullLoadRows: 10,
  inserts: 0,
  updates: 0,
  deletes: 0,
  ddls: 0,
  validationState: 'Validated',
  validationPendingRecords: 0,
  validationFailedRecords: 0,
  validationSuspendedRecords: 0,
  lastUpdateTime: null,
  ...over,
});

describe('validation summary', () => {
  it('is clean when every table reads Validated, even with CDC changes still pending beside it', () => {
    // The grid shows "Validated" for each: the task (card and gate) must not say validation is still running.
    const tables = [row({ validationPendingRecords: 12 }), row({ table: 'items', validationPendingRecords: 3 })];
    expect(summarizeValidation(tables).state).toBe('clean');
  });

  it('takes the worst table state, as DMS names each', () => {
    expect(summarizeValidation([row(), row({ validationState: 'Pending records' })]).state).toBe('pending');
    expect(summarizeValidation([row({ validationState: 'Pending records' }), row({ validationState: 'Table error' })]).state).toBe('error');
    expect(summarizeValidation([row({ validationState: 'Suspended records', validationSuspendedRecords: 2 }), row({ validationFailedRecords: 1 })])).toEqual({
      state: 'mismatched',
      failedRecords: 1,
      suspendedRecords: 2,
    });
    expect(summarizeValidation([row(), row({ validationState: 'Not enabled' })]).state).toBe('clean');
    expect(summarizeValidation([row({ validationState: null })]).state).toBe('not-enabled');
    expect(summarizeValidation([]).state).toBe('pending');
  });

  it('reads a state it does not know as not clean', () => {
    expect(tableValidation(row({ validationState: 'Something new' }))).toBe('pending');
  });
});
