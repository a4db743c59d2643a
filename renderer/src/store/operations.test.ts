import type { CockpitEvent } from '../../../main/api/contract';
import { describe, expect, it } from 'vitest';
import { itemAt, toArray } from './log-buffer';
import {
  applyOperationEvents,
  latestOperation,
  latestPreview,
  MAX_LOG_LINES,
  MAX_LOGGED_OPERATIONS,
  MAX_OPERATIONS,
  mergeOperations,
  NO_OPERATIONS,
  replaceOperations,
} from './operations';
import { logLine, operation } from './test-fixtures';

const updated = (op: ReturnType<typeof operation>): CockpitEvent => ({ type: 'operation.updated', operation: op });
const logged = (operationId: string, seq: number): CockpitEvent => ({ type: 'operation.log', line: logLine(operationId, seq) });
const at = (minute: number) => `2026-12-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe('operations in the store', () => {
  it('applies a batch of updates and log lines, the last update of an operation winning', () => {
    const state = applyOperationEvents(NO_OPERATIONS, [
      updated(operation('a', 'apps/app1', 'preview', 'running', at(1))),
      logged('a', 1),
      logged('a', 2),
      updated(operation('a', 'apps/app1', 'preview', 'succeeded', at(1), { counts: { started: 2, done: 2, failed: 0 } })),
      updated(operation('b', 'apps/app2', 'up', 'running', at(2))),
      logged('b', 1),
    ]);
    expect(state.byId.a!.status).toBe('succeeded');
    expect(state.byId.b!.status).toBe('running');
    expect(toArray(state.logs.a!.lines).map((line) => line.seq)).toEqual([1, 2]);
    expect(state.logs.b!.lines.length).toBe(1);
    expect(state.logOrder).toEqual(['a', 'b']);
  });

  it('returns the same state for a batch without operation events', () => {
    expect(applyOperationEvents(NO_OPERATIONS, [{ type: 'stack.lifecycle', stackId: 'x', lifecycle: { state: 'planned', since: 't' } }])).toBe(NO_OPERATIONS);
  });

  it('knows the latest operation and the latest preview of each stack', () => {
    let state = applyOperationEvents(NO_OPERATIONS, [
      updated(operation('p1', 'apps/app1', 'preview', 'succeeded', at(1))),
      updated(operation('u1', 'apps/app1', 'up', 'succeeded', at(2))),
      updated(operation('x1', 'apps/app2', 'refresh', 'failed', at(3))),
    ]);
    expect(latestOperation(state, 'apps/app1')?.operationId).toBe('u1');
    expect(latestPreview(state, 'apps/app1')?.operationId).toBe('p1');
    expect(latestOperation(state, 'apps/app2')?.operationId).toBe('x1');
    expect(latestOperation(state, 'apps/none')).toBeUndefined();

    // An older operation arriving late does not take over; a newer one does.
    state = applyOperationEvents(state, [updated(operation('old', 'apps/app1', 'destroy', 'succeeded', at(0)))]);
    expect(latestOperation(state, 'apps/app1')?.operationId).toBe('u1');
    state = applyOperationEvents(state, [updated(operation('p2', 'apps/app1', 'preview', 'running', at(5)))]);
    expect(latestOperation(state, 'apps/app1')?.operationId).toBe('p2');
    expect(latestPreview(state, 'apps/app1')?.operationId).toBe('p2');
  });

  it('keeps the newest 5,000 log lines of an operation after 12,000 arrived', () => {
    let state = NO_OPERATIONS;
    for (let batch = 0; batch < 24; batch += 1) {
      state = applyOperationEvents(
        state,
        Array.from({ length: 500 }, (_, index) => logged('a', batch * 500 + index + 1)),
      );
    }
    const lines = state.logs.a!.lines;
    expect(lines.length).toBe(MAX_LOG_LINES);
    expect(lines.total).toBe(12_000);
    expect(itemAt(lines, 0)!.seq).toBe(7_001);
    expect(itemAt(lines, MAX_LOG_LINES - 1)!.seq).toBe(12_000);
  });

  it('ignores repeated lines and counts the ones that never arrived', () => {
    const state = applyOperationEvents(NO_OPERATIONS, [logged('a', 1), logged('a', 2), logged('a', 2), logged('a', 5), logged('a', 4)]);
    expect(toArray(state.logs.a!.lines).map((line) => line.seq)).toEqual([1, 2, 5]);
    expect(state.logs.a!.missed).toBe(2);
  });

  it('keeps the logs of at most 50 operations, dropping the least recently written finished ones', () => {
    let state = applyOperationEvents(NO_OPERATIONS, [updated(operation('running', 'apps/r', 'up', 'running', at(0))), logged('running', 1)]);
    for (let index = 0; index < 60; index += 1) {
      const id = `op${index}`;
      state = applyOperationEvents(state, [updated(operation(id, `apps/s${index}`, 'preview', 'succeeded', at(1))), logged(id, 1)]);
    }
    expect(state.logOrder).toHaveLength(MAX_LOGGED_OPERATIONS);
    expect(Object.keys(state.logs)).toHaveLength(MAX_LOGGED_OPERATIONS);
    expect(state.logs.running).toBeDefined();
    expect(state.logs.op0).toBeUndefined();
    expect(state.logs.op59).toBeDefined();
  });

  it('keeps at most 500 operations, never a stack’s latest or a running one', () => {
    let state = NO_OPERATIONS;
    const events: CockpitEvent[] = [];
    for (let index = 0; index < MAX_OPERATIONS + 100; index += 1) {
      events.push(updated(operation(`op${index}`, 'apps/app1', 'up', 'succeeded', new Date(Date.UTC(2026, 11, 1, 0, 0, index)).toISOString())));
    }
    events.push(updated(operation('ancient-running', 'apps/app2', 'up', 'running', at(0))));
    state = applyOperationEvents(state, events);
    expect(Object.keys(state.byId)).toHaveLength(MAX_OPERATIONS);
    expect(state.byId.op0).toBeUndefined();
    expect(state.byId[`op${MAX_OPERATIONS + 99}`]).toBeDefined();
    expect(state.byId['ancient-running']).toBeDefined();
  });

  it('merges a command answer only when it is not behind what events delivered', () => {
    const done = operation('a', 'apps/app1', 'up', 'succeeded', at(1), { counts: { started: 1, done: 1, failed: 0 } });
    const state = applyOperationEvents(NO_OPERATIONS, [updated(done)]);
    expect(mergeOperations(state, [operation('a', 'apps/app1', 'up', 'running', at(1))])).toBe(state);
    const fresh = mergeOperations(NO_OPERATIONS, [operation('a', 'apps/app1', 'up', 'running', at(1))]);
    expect(fresh.byId.a!.status).toBe('running');
  });

  it('replaces the operations on resync, keeping newer versions that events brought meanwhile', () => {
    let state = applyOperationEvents(NO_OPERATIONS, [
      updated(operation('gone', 'apps/app1', 'up', 'running', at(1))),
      logged('gone', 1),
      updated(operation('kept', 'apps/app2', 'up', 'running', at(2))),
      logged('kept', 1),
    ]);
    // While operations.list was in flight, 'kept' finished and 'new' started.
    state = applyOperationEvents(state, [
      updated(operation('kept', 'apps/app2', 'up', 'succeeded', at(2))),
      updated(operation('new', 'apps/app3', 'preview', 'running', at(3))),
    ]);
    const replaced = replaceOperations(
      state,
      [operation('kept', 'apps/app2', 'up', 'running', at(2)), operation('listed', 'apps/app1', 'refresh', 'succeeded', at(0))],
      new Set(['kept', 'new']),
    );
    expect(Object.keys(replaced.byId).sort()).toEqual(['kept', 'listed', 'new']);
    expect(replaced.byId.kept!.status).toBe('succeeded');
    expect(latestOperation(replaced, 'apps/app1')?.operationId).toBe('listed');
    expect(replaced.logs.gone).toBeUndefined();
    expect(replaced.logs.kept).toBeDefined();
    expect(replaced.logOrder).toEqual(['kept']);
  });
});
