// The traffic actions against a fake CockpitApi: what each command sends (the wave, the reason trimmed), the wave
// pending meanwhile and one command at a time, the core's refusal kept in its words until dismissed or another is
// sent, a command short of its reason refused before anything is sent (an abort always needs one, a promotion over
// failed measurements too), a taken command read as sent until the shift records it, and the tab opened on a stack.
import { describe, expect, it } from 'vitest';
import type { CockpitApi } from '../../../../main/api/contract';
import { trackActions, trackSlice } from '../../seam/use-track';
import { createCockpitStore } from '../../store/cockpit-store';
import { fakeApi, withBrowserGlobals } from '../../store/fake-cockpit-api';
import { ABORT_REASON_MISSING, reasonRefusal } from './actions';
import { runningShift } from './traffic-fixtures';
import { applyTrafficEvents, TRAFFIC } from './slice';
import { trafficUi } from './ui';

function trafficStore(cockpitApi: CockpitApi) {
  const store = createCockpitStore(cockpitApi, [trafficUi]);
  const slice = () => trackSlice(store.getState(), TRAFFIC);
  const actions = () => trackActions(store.getState(), TRAFFIC);
  // The wave's shift as the monitor published it.
  store.setState((state) => ({ tracks: { ...state.tracks, traffic: applyTrafficEvents(slice(), [{ type: 'traffic.shift', shift: runningShift }]) } }));
  return { store, slice, actions };
}

/** A fake answer: the shift as the core had it when it took the command (its operator action not recorded yet). */
const taken = () => ({ shift: runningShift });

withBrowserGlobals();

describe('the traffic actions', () => {
  it('send pause with the wave: pending while sent, one at a time, then read as sent until the shift records it', async () => {
    const requests: unknown[] = [];
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const { api } = fakeApi({
      'traffic.pause': async (request) => {
        requests.push(request);
        await answered;
        return taken();
      },
    });
    const { slice, actions } = trafficStore(api);
    const done = actions().pause('w1');
    expect(slice().pending).toEqual({ w1: 'pause' });
    // A second press (any command of the wave) while the first is in flight sends nothing.
    expect(await actions().abort('w1', 'the 5xx are climbing')).toBeNull();
    answer();
    expect(await done).toBeNull();
    expect(requests).toEqual([{ waveId: 'w1' }]);
    expect(slice().pending).toEqual({});
    expect(slice().sent).toEqual({ w1: { action: 'pause', startedAt: runningShift.startedAt, operatorCount: 2 } });
  });

  it('send an abort with its reason trimmed, and a promotion with or without one', async () => {
    const requests: [string, unknown][] = [];
    const { api } = fakeApi({
      'traffic.abort': (request) => (requests.push(['abort', request]), taken()),
      'traffic.promote': (request) => (requests.push(['promote', request]), taken()),
      'traffic.resume': (request) => (requests.push(['resume', request]), taken()),
    });
    const { store, slice, actions } = trafficStore(api);
    expect(await actions().abort('w1', '  5xx on api, rolling back  ')).toBeNull();
    expect(await actions().promote('w1', ' the 5xx were the canary deploy ')).toBeNull();
    expect(await actions().resume('w1')).toBeNull();
    // A step without failed measurements promotes without a reason.
    store.setState((state) => ({
      tracks: { ...state.tracks, traffic: { ...slice(), shifts: { w1: { ...runningShift, stepRecords: [runningShift.stepRecords[0]!] } } } },
    }));
    expect(await actions().promote('w1')).toBeNull();
    expect(requests).toEqual([
      ['abort', { waveId: 'w1', reason: '5xx on api, rolling back' }],
      ['promote', { waveId: 'w1', reason: 'the 5xx were the canary deploy' }],
      ['resume', { waveId: 'w1' }],
      ['promote', { waveId: 'w1' }],
    ]);
  });

  it('refuse an abort without a reason, and a promotion over failed measurements without one, before sending', async () => {
    const { api, calls } = fakeApi({ 'traffic.abort': taken, 'traffic.promote': taken });
    const { slice, actions } = trafficStore(api);
    expect(await actions().abort('w1', ' ab ')).toEqual({ code: 'bad-request', message: ABORT_REASON_MISSING });
    expect(slice().refusals.w1).toEqual({ action: 'abort', message: 'say why the shift is aborted (3 characters at least)' });
    expect((await actions().promote('w1'))?.message).toBe("step 2 of wave 'w1' has failed measurements: say why it is promoted anyway (3 characters at least)");
    expect(slice().refusals.w1?.action).toBe('promote');
    expect(calls.filter((name) => name.startsWith('traffic.'))).toEqual([]);
    expect(reasonRefusal('abort', 'x'.repeat(501), runningShift)).toBe('the reason is 501 characters long: 500 at most');
    expect(reasonRefusal('pause', undefined, runningShift)).toBeNull();
  });

  it("keep the core's refusal in its words until dismissed or another command is sent", async () => {
    let refuse = true;
    const { api } = fakeApi({
      'traffic.resume': () => (refuse ? { error: { code: 'bad-request', message: "the shift of wave 'w1' is not paused" } } : taken()),
    });
    const { slice, actions } = trafficStore(api);
    expect((await actions().resume('w1'))?.code).toBe('bad-request');
    expect(slice().refusals.w1).toEqual({ action: 'resume', message: "the shift of wave 'w1' is not paused" });
    expect(slice().sent).toEqual({});
    actions().dismissRefusal('w1');
    expect(slice().refusals).toEqual({});
    await actions().resume('w1');
    refuse = false;
    await actions().resume('w1');
    expect(slice().refusals).toEqual({});
  });

  it('take the answer’s shift when the slice has none, and leave a command the shift already recorded unmarked', async () => {
    const { api } = fakeApi({ 'traffic.pause': taken, 'traffic.resume': taken });
    const { store, slice, actions } = trafficStore(api);
    store.setState((state) => ({ tracks: { ...state.tracks, traffic: { ...slice(), shifts: {} } } }));
    await actions().pause('w1');
    expect(slice().shifts.w1).toBe(runningShift);
    // The shift's event recording the resume arrived before the core's answer: nothing left to wait for.
    const recorded = { ...runningShift, operator: [...runningShift.operator, { ...runningShift.operator[1]!, step: 2 }] };
    store.setState((state) => ({ tracks: { ...state.tracks, traffic: { ...slice(), shifts: { w1: recorded }, sent: {} } } }));
    await actions().resume('w1');
    expect(slice().sent).toEqual({});
    expect(slice().shifts.w1).toBe(recorded);
  });

  it("open the tab on a stack's service", () => {
    const { api } = fakeApi({});
    const { store, slice, actions } = trafficStore(api);
    actions().openTraffic('apps/app2');
    expect(store.getState().view).toBe('traffic');
    expect(slice().focusStackId).toBe('apps/app2');
  });
});
