// The store with the cutover runbook, against a fake CockpitApi: cutover.state on start, cutover.updated applied
// in the batch's one store update, a re-read on a sequence gap, runbook commands merged or their refusal returned.
import { describe, expect, it } from 'vitest';
import { createCockpitStore } from './cockpit-store';
import { run } from './cutover-fixtures';
import { fakeApi, settle, START_ANSWERS, withBrowserGlobals } from './fake-cockpit-api';

const BASE = START_ANSWERS;

withBrowserGlobals();

describe('the store with the cutover runbook', () => {
  it('reads cutover.state on start, applies cutover.updated in one update and re-reads after a gap', async () => {
    let reads = 0;
    const { api, emit } = fakeApi({ ...BASE, 'cutover.state': () => ((reads += 1), [run('wave-1')]) });
    const store = createCockpitStore(api);
    const stop = store.getState().actions.start();
    await settle();
    expect(reads).toBe(1);
    expect(store.getState().cutover.runs['wave-1']!.status).toBe('not-started');

    let updates = 0;
    const unsubscribe = store.subscribe(() => (updates += 1));
    const running = run('wave-1', { runId: 'r1', status: 'running' }, { asOf: '2026-12-05T00:00:05.000Z' });
    emit({
      sequence: 1,
      events: [
        { type: 'cutover.updated', run: running },
        { type: 'cutover.updated', run: run('wave-2') },
      ],
    });
    expect(updates).toBe(1);
    expect(store.getState().cutover.runs['wave-1']).toBe(running);
    unsubscribe();

    emit({ sequence: 3, events: [{ type: 'cutover.updated', run: running }] });
    await settle();
    expect(reads).toBe(2);
    stop();
  });

  it('sends runbook commands with who and the override, merges the answer, returns a refusal', async () => {
    const requests: unknown[] = [];
    const started = run('wave-1', { runId: 'r1', status: 'running' }, { asOf: '2026-12-05T00:00:05.000Z' });
    const { api } = fakeApi({
      ...BASE,
      'cutover.state': () => [run('wave-1')],
      'cutover.start': (request) => (requests.push(request), started),
      'cutover.pause': () => ({ error: { code: 'failed', message: 'cannot pause: the cutover is paused' } }),
    });
    const store = createCockpitStore(api);
    const stop = store.getState().actions.start();
    await settle();
    const { cutoverCommand } = store.getState().actions;
    expect(await cutoverCommand('wave-1', 'start', { by: ' ana ', overrideReason: 'DMS lag is known and accepted' })).toBeNull();
    expect(requests).toEqual([{ waveId: 'wave-1', by: 'ana', override: { reason: 'DMS lag is known and accepted' } }]);
    expect(store.getState().cutover.runs['wave-1']).toBe(started);
    expect(store.getState().pendingCutover).toEqual({});

    const refused = await cutoverCommand('wave-1', 'pause');
    expect(refused?.message).toMatch(/cannot pause/);
    expect(store.getState().errors).toEqual([]);
    stop();
  });

  it('keeps a failed cutover.state as the slice error', async () => {
    const { api } = fakeApi({ ...BASE, 'cutover.state': () => ({ error: { code: 'failed', message: 'no core' } }) });
    const store = createCockpitStore(api);
    const stop = store.getState().actions.start();
    await settle();
    expect(store.getState().cutover.error).toBe('no core');
    stop();
  });
});
