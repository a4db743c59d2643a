// The health track's slice in the store, against a fake CockpitApi: health.snapshot on start, the newest
// health.probes superseding the whole list, and events that arrive during a re-read folded on top of its answer.
import { describe, expect, it } from 'vitest';
import type { CockpitApi } from '../../../../main/api/contract';
import { trackSlice } from '../../seam/use-track';
import { createCockpitStore } from '../../store/cockpit-store';
import { fakeApi, settle, START_ANSWERS, withBrowserGlobals } from '../../store/fake-cockpit-api';
import { healthMonitor, probe } from './health-fixtures';
import { HEALTH, applyHealthEvents, NO_HEALTH } from './slice';
import { healthUi } from './ui';

function healthStore(api: CockpitApi) {
  const store = createCockpitStore(api, [healthUi]);
  return { store, slice: () => trackSlice(store.getState(), HEALTH) };
}

withBrowserGlobals();

describe('the health slice', () => {
  it('keeps the newest list of probed stacks and the monitor, from a batch in order', () => {
    const monitor = healthMonitor();
    const slice = applyHealthEvents(NO_HEALTH, [
      { type: 'health.probes', probes: [probe('apps/a'), probe('apps/b')] },
      { type: 'health.monitor', monitor },
      { type: 'health.probes', probes: [probe('apps/b', { ok: false, httpStatus: 503 })] },
    ]);
    expect(Object.keys(slice.probes)).toEqual(['apps/b']);
    expect(slice.probes['apps/b']!.httpStatus).toBe(503);
    expect(slice.monitor).toBe(monitor);
    expect(applyHealthEvents(slice, [])).toBe(slice);
  });

  it('reads the snapshot on start and applies later events with one update', async () => {
    const { api, emit } = fakeApi({ ...START_ANSWERS, 'health.snapshot': () => ({ monitor: healthMonitor(), probes: [probe('apps/a')] }) });
    const { store, slice } = healthStore(api);
    store.getState().actions.start();
    await settle();
    expect(slice().probes['apps/a']!.ok).toBe(true);
    expect(slice().monitor?.intervalSeconds).toBe(5);

    let updates = 0;
    store.subscribe(() => (updates += 1));
    emit({ sequence: 1, events: [{ type: 'health.probes', probes: [probe('apps/a', { ok: false, httpStatus: 503, problem: 'HTTP 503, expected 200' })] }] });
    expect(updates).toBe(1);
    expect(slice().probes['apps/a']!.problem).toBe('HTTP 503, expected 200');
  });

  it('folds the events that arrive while the snapshot is in flight on top of its older answer', async () => {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const { api, emit } = fakeApi({
      ...START_ANSWERS,
      'health.snapshot': async () => {
        await answered;
        return { monitor: healthMonitor(), probes: [probe('apps/a'), probe('apps/b')] };
      },
    });
    const { store, slice } = healthStore(api);
    store.getState().actions.start();
    await settle();
    emit({ sequence: 1, events: [{ type: 'health.probes', probes: [probe('apps/a', { ok: false, httpStatus: null, problem: 'connection refused' })] }] });
    answer();
    await settle();
    await settle();
    expect(Object.keys(slice().probes)).toEqual(['apps/a']);
    expect(slice().probes['apps/a']!.problem).toBe('connection refused');
    expect(slice().monitor?.state).toBe('polling');
  });

  it('keeps the slice when the snapshot is refused, without an error banner', async () => {
    const { api } = fakeApi(START_ANSWERS);
    const { store, slice } = healthStore(api);
    store.getState().actions.start();
    await settle();
    expect(slice()).toBe(NO_HEALTH);
    expect(store.getState().errors).toEqual([]);
  });
});
