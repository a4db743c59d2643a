// The traffic track's slice in the store, against a fake CockpitApi: the traffic.* events folded in order (every
// service's view superseding the last, each wave's shift replacing that wave's, the newest wins), traffic.snapshot on
// start with the events that arrived while it was in flight folded on top, what the operator asked for kept across
// both, and a command the core took read as sent until the shift records it.
import { describe, expect, it } from 'vitest';
import type { CockpitApi } from '../../../../main/api/contract';
import { trackSlice } from '../../seam/use-track';
import { createCockpitStore } from '../../store/cockpit-store';
import { fakeApi, settle, START_ANSWERS, withBrowserGlobals } from '../../store/fake-cockpit-api';
import { abortedShift, api, runningShift, SERVICES, shop, trafficMonitor } from './traffic-fixtures';
import { applyTrafficEvents, NO_TRAFFIC, sentSettled, TRAFFIC, trafficFromSnapshot, withShift, type TrafficSent } from './slice';
import { trafficUi } from './ui';

function trafficStore(cockpitApi: CockpitApi) {
  const store = createCockpitStore(cockpitApi, [trafficUi]);
  return { store, slice: () => trackSlice(store.getState(), TRAFFIC) };
}

const SENT: TrafficSent = { action: 'pause', startedAt: runningShift.startedAt, operatorCount: 2 };
const w2Shift = { ...runningShift, waveId: 'w2', services: [] };

withBrowserGlobals();

describe('the traffic slice', () => {
  it('folds a batch in order: the newest services and monitor supersede, each wave keeps its newest shift', () => {
    const monitor = trafficMonitor();
    const slice = applyTrafficEvents(NO_TRAFFIC, [
      { type: 'traffic.services', services: [...SERVICES] },
      { type: 'traffic.shift', shift: runningShift },
      { type: 'traffic.shift', shift: w2Shift },
      { type: 'traffic.monitor', monitor: { ...monitor, state: 'backing-off' } },
      { type: 'traffic.services', services: [shop] },
      { type: 'traffic.shift', shift: abortedShift },
      { type: 'traffic.monitor', monitor },
    ]);
    expect(slice.services).toEqual([shop]);
    expect(slice.shifts).toEqual({ w1: abortedShift, w2: w2Shift });
    expect(slice.monitor).toBe(monitor);
    expect(applyTrafficEvents(slice, [])).toBe(slice);
    // Another track's events leave the slice as it is.
    expect(applyTrafficEvents(slice, [{ type: 'schedules.monitor', monitor }])).toBe(slice);
  });

  it("keeps a command read as sent until the wave's shift records it, ends, or is another shift", () => {
    const sent = { ...NO_TRAFFIC, shifts: { w1: runningShift }, sent: { w1: SENT } };
    expect(sentSettled(SENT, runningShift)).toBe(false);
    // A view of the same shift without the command yet: still sent.
    expect(withShift(sent, { ...runningShift, state: 'writing' }).sent).toBe(sent.sent);
    const recorded = { ...runningShift, state: 'paused' as const, operator: [...runningShift.operator, { ...runningShift.operator[0]!, step: 2 }] };
    expect(withShift(sent, recorded).sent).toEqual({});
    expect(withShift(sent, abortedShift).sent).toEqual({});
    expect(withShift(sent, { ...runningShift, startedAt: '2026-12-05T03:00:00.000Z' }).sent).toEqual({});
    // Another wave's shift leaves it.
    expect(withShift(sent, w2Shift).sent).toBe(sent.sent);
  });

  it('takes a snapshot with the events that arrived meanwhile on top, and keeps what the operator asked for', () => {
    const asked = { ...NO_TRAFFIC, pending: { w1: 'abort' as const }, focusStackId: 'apps/app2', shifts: { w9: w2Shift }, sent: { w1: SENT, w9: SENT } };
    const slice = trafficFromSnapshot(asked, { monitor: trafficMonitor(), services: [...SERVICES], shifts: [runningShift] }, [
      { type: 'traffic.services', services: [api] },
    ]);
    expect(slice.services).toEqual([api]);
    // The snapshot's shifts replace the slice's: a wave it does not list has no shift in the core any more.
    expect(slice.shifts).toEqual({ w1: runningShift });
    expect(slice.sent).toEqual({ w1: SENT });
    expect(slice.monitor?.intervalSeconds).toBe(10);
    expect(slice.pending).toEqual({ w1: 'abort' });
    expect(slice.focusStackId).toBe('apps/app2');
  });

  it('reads the snapshot on start and applies later events with one update', async () => {
    const { api: cockpitApi, emit } = fakeApi({
      ...START_ANSWERS,
      'traffic.snapshot': () => ({ monitor: trafficMonitor(), services: [shop], shifts: [] }),
    });
    const { store, slice } = trafficStore(cockpitApi);
    store.getState().actions.start();
    await settle();
    expect(slice().services.map((service) => service.service)).toEqual(['shop.example.com']);

    let updates = 0;
    store.subscribe(() => (updates += 1));
    emit({
      sequence: 1,
      events: [
        { type: 'traffic.services', services: [shop, api] },
        { type: 'traffic.shift', shift: runningShift },
      ],
    });
    expect(updates).toBe(1);
    expect(slice().services).toHaveLength(2);
    expect(slice().shifts.w1?.state).toBe('analysing');
  });

  it('folds the events that arrive while the snapshot is in flight on top of its older answer', async () => {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const { api: cockpitApi, emit } = fakeApi({
      ...START_ANSWERS,
      'traffic.snapshot': async () => {
        await answered;
        return { monitor: trafficMonitor(), services: [shop, api], shifts: [runningShift] };
      },
    });
    const { store, slice } = trafficStore(cockpitApi);
    store.getState().actions.start();
    await settle();
    emit({ sequence: 1, events: [{ type: 'traffic.shift', shift: abortedShift }] });
    answer();
    await settle();
    await settle();
    expect(slice().shifts.w1?.state).toBe('aborted');
    expect(slice().services).toHaveLength(2);
  });

  it('keeps the slice when the snapshot is refused, without an error banner', async () => {
    const { api: cockpitApi } = fakeApi(START_ANSWERS);
    const { store, slice } = trafficStore(cockpitApi);
    store.getState().actions.start();
    await settle();
    expect(slice()).toBe(NO_TRAFFIC);
    expect(store.getState().errors).toEqual([]);
  });
});
