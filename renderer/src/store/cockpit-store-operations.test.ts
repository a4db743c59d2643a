// The store with operations, logs and the journal, against a fake CockpitApi: one update per event batch,
// resync replacing state, starting and cancelling operations.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, settle } from './fake-cockpit-api';
import { createCockpitStore } from './cockpit-store';
import { latestOperation } from './operations';
import { demoLike, journalEntry, logLine, operation } from './test-fixtures';

beforeEach(() => {
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => {} });
  vi.stubGlobal('document', { documentElement: { dataset: {} } });
});

afterEach(() => vi.unstubAllGlobals());

describe('the store with operations and the journal', () => {
  it('reads the toolchain, operations and journal on start', async () => {
    const { api } = fakeApi({
      'plan.get': () => demoLike(),
      'core.info': () => ({ version: '1', transport: 'electron', dataDir: '/d', recentPlans: [], examplePlans: [], planOpening: 'path' }),
      'toolchain.info': () => ({ found: false, message: 'run npm run pulumi:toolchain' }),
      'operations.list': () => [operation('a', 'apps/app1', 'up', 'succeeded')],
      'waves.list': () => [],
      'recovery.scan': () => [],
      'journal.list': (request) => {
        expect(request).toEqual({ limit: 2_000 });
        return { entries: [journalEntry(1, 'apps/app1', 'started'), journalEntry(2, 'apps/app1')], damagedLines: 0 };
      },
    });
    const store = createCockpitStore(api);
    store.getState().actions.start();
    await settle();
    const state = store.getState();
    expect(state.toolchain).toEqual({ found: false, message: 'run npm run pulumi:toolchain' });
    expect(latestOperation(state.operations, 'apps/app1')?.status).toBe('succeeded');
    expect(state.journal.entries.map((entry) => entry.seq)).toEqual([1, 2]);
    expect(state.errors).toEqual([]);
  });

  it('applies a batch of operation, log and journal events with one store update', async () => {
    const { api, emit } = fakeApi({ 'operations.list': () => [], 'journal.list': () => ({ entries: [], damagedLines: 0 }), 'plan.get': () => demoLike() });
    const store = createCockpitStore(api);
    store.getState().actions.start();
    await settle();
    let updates = 0;
    store.subscribe(() => (updates += 1));
    emit({
      sequence: 1,
      events: [
        { type: 'operation.updated', operation: operation('a', 'apps/app1', 'up', 'running') },
        ...Array.from({ length: 300 }, (_, index) => ({ type: 'operation.log' as const, line: logLine('a', index + 1) })),
        { type: 'journal.appended', entry: journalEntry(1, 'apps/app1', 'started') },
        { type: 'stack.lifecycle', stackId: 'apps/app1', lifecycle: { state: 'deployed', since: 't' } },
      ],
    });
    expect(updates).toBe(1);
    const state = store.getState();
    expect(state.operations.byId.a!.status).toBe('running');
    expect(state.operations.logs.a!.lines.length).toBe(300);
    expect(state.journal.entries).toHaveLength(1);
    expect(state.snapshot?.status === 'loaded' && state.snapshot.plan.stacks[1]!.lifecycle.state).toBe('deployed');
  });

  it('re-reads operations and the journal after a missed batch, replacing what it had', async () => {
    let list = [operation('a', 'apps/app1', 'up', 'running')];
    const { api, emit, calls } = fakeApi({
      'plan.get': () => demoLike(),
      'operations.list': () => list,
      'journal.list': () => ({ entries: [journalEntry(5, 'apps/app1')], damagedLines: 2 }),
    });
    const store = createCockpitStore(api);
    store.getState().actions.start();
    await settle();
    emit({ sequence: 1, events: [{ type: 'journal.appended', entry: journalEntry(1, 'apps/app1', 'started') }] });
    list = [operation('a', 'apps/app1', 'up', 'failed', undefined, { message: 'boom' }), operation('b', 'apps/app2', 'preview', 'succeeded')];
    calls.length = 0;
    emit({ sequence: 3, events: [{ type: 'operation.log', line: logLine('a', 1) }] });
    await settle();
    expect(calls).toEqual(expect.arrayContaining(['plan.get', 'operations.list', 'journal.list']));
    const state = store.getState();
    expect(state.operations.byId.a!.status).toBe('failed');
    expect(Object.keys(state.operations.byId).sort()).toEqual(['a', 'b']);
    expect(state.operations.logs.a!.lines.length).toBe(1);
    expect(state.journal.entries.map((entry) => entry.seq)).toEqual([5]);
    expect(state.journal.damagedLines).toBe(2);
  });

  it('starts an operation, shows it as pending meanwhile, and reports a refusal', async () => {
    let refuse = false;
    const { api } = fakeApi({
      'stack.operate': (request) => {
        const { stackId, kind } = request as { stackId: string; kind: 'up' };
        return refuse ? { error: { code: 'busy', message: `${stackId} already has a up running` } } : operation('new', stackId, kind, 'running');
      },
      'stack.cancel': () => ({ cancelled: true }),
    });
    const store = createCockpitStore(api);
    const started = store.getState().actions.operateStack('apps/app1', 'up');
    expect(store.getState().pendingOperations).toEqual({ 'apps/app1': 'up' });
    expect(await started).toBeNull();
    expect(store.getState().pendingOperations).toEqual({});
    expect(latestOperation(store.getState().operations, 'apps/app1')?.operationId).toBe('new');

    await store.getState().actions.cancelOperation('apps/app1');
    expect(store.getState().cancelRequested).toEqual({ 'apps/app1': 'new' });

    refuse = true;
    const error = await store.getState().actions.operateStack('apps/app2', 'up');
    expect(error?.code).toBe('busy');
    expect(store.getState().errors.map((banner) => banner.message)).toEqual(['Deploy of apps/app2 did not start: apps/app2 already has a up running']);
  });

  it('reads the log the core kept of an operation it did not see print, once, and says when none was kept', async () => {
    let reads = 0;
    const { api, emit } = fakeApi({
      'operations.list': () => [operation('a', 'apps/app1', 'up', 'succeeded')],
      'journal.list': () => ({ entries: [], damagedLines: 0 }),
      'plan.get': () => demoLike(),
      'operation.log': (request) => {
        reads += 1;
        const { operationId } = request as { operationId: string };
        // The core dropped line 1: it counts as missed.
        return operationId === 'a'
          ? { operationId, lines: [logLine('a', 2), logLine('a', 3)], dropped: 1, kept: true }
          : { operationId, lines: [], dropped: 0, kept: false };
      },
    });
    const store = createCockpitStore(api);
    store.getState().actions.start();
    await settle();
    await store.getState().actions.loadKeptLog('a');
    await store.getState().actions.loadKeptLog('a');
    await store.getState().actions.loadKeptLog('gone');
    const state = store.getState();
    expect(reads).toBe(2);
    expect(state.keptLogs).toEqual({ a: true, gone: false });
    expect(state.operations.logs.a).toMatchObject({ lastSeq: 3, missed: 1 });
    // A live line after it is appended, a repeat of a kept one is not.
    emit({
      sequence: 1,
      events: [
        { type: 'operation.log', line: logLine('a', 3) },
        { type: 'operation.log', line: logLine('a', 4) },
      ],
    });
    expect(store.getState().operations.logs.a!.lines.length).toBe(3);
  });
});
