// The store with cutover readiness, against a fake CockpitApi: cutover.readiness on start, readiness events
// applied in the batch's one store update, a failed read kept as the slice's error (no banner).
import { describe, expect, it } from 'vitest';
import type { WaveReadinessView } from '../../../main/api/contract';
import { createCockpitStore } from './cockpit-store';
import { fakeApi, settle, START_ANSWERS, withBrowserGlobals } from './fake-cockpit-api';

const BASE = START_ANSWERS;

const readiness = (waveId: string, ready: boolean): WaveReadinessView => ({
  waveId,
  ready,
  readySince: ready ? '2026-12-05T01:00:00.000Z' : null,
  stacks: [],
  blockingReasons: ready ? [] : ['x'],
  blockingCount: ready ? 0 : 1,
  phase: ready ? 'ready' : 'not-ready',
  phaseSince: null,
  phaseDetail: '',
  deployRefusal: null,
});

withBrowserGlobals();

describe('the store with cutover readiness', () => {
  it('reads readiness on start and applies readiness events with the batch in one update', async () => {
    const { api, emit, calls } = fakeApi({ ...BASE, 'cutover.readiness': () => [readiness('wave-1', false)] });
    const store = createCockpitStore(api);
    const stop = store.getState().actions.start();
    await settle();
    expect(calls).toContain('cutover.readiness');
    expect(store.getState().readiness).toMatchObject({ loaded: true, error: null });
    expect(store.getState().readiness.waves['wave-1']!.ready).toBe(false);

    let updates = 0;
    store.subscribe(() => (updates += 1));
    emit({
      sequence: 1,
      events: [
        { type: 'cutover.readiness', wave: readiness('wave-1', true) },
        { type: 'cutover.readiness', wave: readiness('wave-2', false) },
      ],
    });
    expect(updates).toBe(1);
    expect(store.getState().readiness.waves['wave-1']!.ready).toBe(true);
    expect(store.getState().readiness.waves['wave-2']!.ready).toBe(false);
    stop();
  });

  it('keeps a failed read as the slice error, without a banner, and opens the readiness view of a wave', async () => {
    const { api } = fakeApi({ ...BASE, 'cutover.readiness': () => ({ error: { code: 'failed', message: 'no core' } }) });
    const store = createCockpitStore(api);
    const stop = store.getState().actions.start();
    await settle();
    expect(store.getState().readiness.error).toBe('no core');
    expect(store.getState().errors).toEqual([]);
    store.getState().actions.openReadiness('wave-2');
    expect(store.getState()).toMatchObject({ view: 'readiness', readinessWaveId: 'wave-2' });
    stop();
  });
});
