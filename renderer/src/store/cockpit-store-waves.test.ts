// The store with wave operations, registrations and crash recovery, against a fake CockpitApi: events applied
// in the one-update-per-batch path, waves.list and recovery.scan on start, the recovery list refreshed after a
// recover ends.
import type { RecoveryItem, WaveOperationView } from '../../../main/api/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, settle, type Answers } from './fake-cockpit-api';
import { createCockpitStore } from './cockpit-store';
import { demoLike, operation } from './test-fixtures';

function waveOp(
  operationId: string,
  waveId: string,
  status: WaveOperationView['status'] = 'running',
  stacks: WaveOperationView['stacks'] = [],
  startedAt = '2026-12-01T10:00:00.000Z',
): WaveOperationView {
  return { operationId, kind: 'wave-deploy', waveId, status, startedAt, finishedAt: status === 'running' ? null : startedAt, message: null, stacks };
}

function recoveryItem(stackId: string): RecoveryItem {
  return {
    stackId,
    locks: [{ pid: 42, user: 'ops', host: 'box', since: '2026-12-01T09:00:00Z', state: 'stale' }],
    pendingOperations: [{ op: 'creating', urn: `urn:pulumi:${stackId}::bucket`, type: 'aws:s3/bucket:Bucket' }],
    interrupted: { kind: 'up', at: '2026-12-01T09:00:00Z', operationId: 'x' },
  };
}

const BASE: Answers = {
  'plan.get': () => demoLike(),
  'operations.list': () => [],
  'journal.list': () => ({ entries: [], damagedLines: 0 }),
  'core.info': () => ({ version: '1', transport: 'electron', dataDir: '/d', recentPlans: [], examplePlans: [], planOpening: 'path' }),
  'toolchain.info': () => ({ found: true, version: '3', source: 's', binDir: '/b' }),
};

beforeEach(() => {
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => {} });
  vi.stubGlobal('document', { documentElement: { dataset: {} } });
});

afterEach(() => vi.unstubAllGlobals());

describe('the store with waves, registrations and recovery', () => {
  it('reads wave operations and the recovery list on start', async () => {
    const { api } = fakeApi({
      ...BASE,
      'waves.list': () => [
        waveOp('old', 'w1', 'succeeded', [], '2026-12-01T08:00:00.000Z'),
        waveOp('new', 'w1', 'failed', [], '2026-12-01T09:00:00.000Z'),
        waveOp('r', 'w2', 'running'),
      ],
      'recovery.scan': () => [recoveryItem('apps/app1')],
    });
    const store = createCockpitStore(api);
    store.getState().actions.start();
    await settle();
    const state = store.getState();
    expect(state.waveOperations.w1!.operationId).toBe('new');
    expect(state.waveOperations.w2!.status).toBe('running');
    expect(state.recovery.items?.map((item) => item.stackId)).toEqual(['apps/app1']);
    expect(state.errors).toEqual([]);
  });

  it('applies wave.updated and stack.registrations with lifecycles in one store update', async () => {
    const { api, emit } = fakeApi({ ...BASE, 'waves.list': () => [], 'recovery.scan': () => [] });
    const store = createCockpitStore(api);
    store.getState().actions.start();
    await settle();
    let updates = 0;
    store.subscribe(() => (updates += 1));
    const running = waveOp('w', 'w1', 'running', [
      { stackId: 'apps/app1', status: 'running', operationId: 'a' },
      { stackId: 'apps/app2', status: 'pending', operationId: null },
    ]);
    emit({
      sequence: 1,
      events: [
        { type: 'wave.updated', operation: running },
        { type: 'operation.updated', operation: operation('a', 'apps/app1', 'up', 'running', undefined, { parentOperationId: 'w' }) },
        { type: 'stack.lifecycle', stackId: 'apps/app1', lifecycle: { state: 'registered', since: 't' } },
        { type: 'stack.registrations', stackId: 'apps/app1', registrations: [{ registryId: 'cmdb', registrationId: 'inst-1' }] },
        { type: 'stack.registrations', stackId: 'apps/app2', registrations: [{ registryId: 'cmdb', registrationId: null }] },
        { type: 'wave.updated', operation: { ...running, stacks: running.stacks.map((s) => ({ ...s, status: 'succeeded' as const })), status: 'succeeded' } },
      ],
    });
    expect(updates).toBe(1);
    const state = store.getState();
    expect(state.waveOperations.w1!.status).toBe('succeeded');
    expect(state.waveOperations.w1!.stacks.map((s) => s.status)).toEqual(['succeeded', 'succeeded']);
    const stacks = state.snapshot?.status === 'loaded' ? state.snapshot.plan.stacks : [];
    const app1 = stacks.find((s) => s.id === 'apps/app1')!;
    expect(app1.lifecycle.state).toBe('registered');
    expect(app1.registrations).toEqual([{ registryId: 'cmdb', registrationId: 'inst-1' }]);
    expect(stacks.find((s) => s.id === 'apps/app2')!.registrations).toEqual([{ registryId: 'cmdb', registrationId: null }]);
    expect(stacks.find((s) => s.id === 'apps/app3')!.registrations).toBeNull();
  });

  it('keeps the newer wave operation when a command answer arrives after its events', async () => {
    const started = waveOp('w', 'w1', 'running', [{ stackId: 'apps/app1', status: 'pending', operationId: null }]);
    const { api } = fakeApi({ ...BASE, 'wave.deploy': () => started });
    const store = createCockpitStore(api);
    const answer = store.getState().actions.operateWave('w1', 'deploy');
    expect(store.getState().pendingWaves).toEqual({ w1: 'deploy' });
    store.getState().actions.applyBatch({
      sequence: 1,
      events: [
        { type: 'wave.updated', operation: { ...started, status: 'succeeded', stacks: [{ stackId: 'apps/app1', status: 'succeeded', operationId: 'a' }] } },
      ],
    });
    expect(await answer).toBeNull();
    expect(store.getState().pendingWaves).toEqual({});
    expect(store.getState().waveOperations.w1!.status).toBe('succeeded');
  });

  it('returns a refused wave command to the caller without a banner', async () => {
    const message = "wave 'w2' depends on w1, whose stacks are not all deployed yet: apps/app1";
    const { api } = fakeApi({ ...BASE, 'wave.deploy': () => ({ error: { code: 'failed', message } }) });
    const store = createCockpitStore(api);
    const error = await store.getState().actions.operateWave('w2', 'deploy');
    expect(error?.message).toBe(message);
    expect(store.getState().pendingWaves).toEqual({});
    expect(store.getState().waveOperations).toEqual({});
  });

  it('re-scans for recovery when a recover ends, dropping recovered stacks', async () => {
    let items = [recoveryItem('apps/app1'), recoveryItem('apps/app2')];
    const { api, emit, calls } = fakeApi({ ...BASE, 'waves.list': () => [], 'recovery.scan': () => items });
    const store = createCockpitStore(api);
    store.getState().actions.start();
    await settle();
    expect(store.getState().recovery.items).toHaveLength(2);

    // A running recover, or an operation of another kind finishing, does not re-scan.
    calls.length = 0;
    emit({ sequence: 1, events: [{ type: 'operation.updated', operation: operation('r1', 'apps/app1', 'recover', 'running') }] });
    emit({ sequence: 2, events: [{ type: 'operation.updated', operation: operation('u', 'apps/app3', 'up', 'succeeded') }] });
    await settle();
    expect(calls).not.toContain('recovery.scan');

    // The recover succeeds: the stack leaves the list at once, then the scan confirms it.
    items = [recoveryItem('apps/app2')];
    emit({ sequence: 3, events: [{ type: 'operation.updated', operation: operation('r1', 'apps/app1', 'recover', 'succeeded') }] });
    expect(store.getState().recovery.items?.map((item) => item.stackId)).toEqual(['apps/app2']);
    await settle();
    expect(calls).toEqual(['recovery.scan']);
    expect(store.getState().recovery.items?.map((item) => item.stackId)).toEqual(['apps/app2']);

    // A failed recover keeps the stack, and re-scans too.
    calls.length = 0;
    emit({ sequence: 4, events: [{ type: 'operation.updated', operation: operation('r2', 'apps/app2', 'recover', 'failed') }] });
    expect(store.getState().recovery.items?.map((item) => item.stackId)).toEqual(['apps/app2']);
    await settle();
    expect(calls).toEqual(['recovery.scan']);
  });

  it('does not bring back a stack whose recover succeeded while a scan was in flight', async () => {
    // Every scan waits until released (the recover's end starts a second one).
    const waiting: Array<(items: RecoveryItem[]) => void> = [];
    const { api } = fakeApi({
      ...BASE,
      'recovery.scan': () => new Promise<RecoveryItem[]>((resolve) => waiting.push(resolve)),
    });
    const store = createCockpitStore(api);
    const scan = store.getState().actions.scanRecovery();
    await settle();
    store
      .getState()
      .actions.applyBatch({ sequence: 1, events: [{ type: 'operation.updated', operation: operation('r1', 'apps/app1', 'recover', 'succeeded') }] });
    expect(waiting).toHaveLength(2);
    // The scan started after the recover answers first; the older one, asked before it, answers last.
    waiting[1]!([recoveryItem('apps/app2')]);
    await settle();
    waiting[0]!([recoveryItem('apps/app1'), recoveryItem('apps/app2')]);
    await scan;
    expect(store.getState().recovery.items?.map((item) => item.stackId)).toEqual(['apps/app2']);
  });
});
