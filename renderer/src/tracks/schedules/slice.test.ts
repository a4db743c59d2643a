// The scheduled-jobs track's slice in the store, against a fake CockpitApi: the schedules.* events folded in order (each
// whole view superseding the last: the newest wins), schedules.snapshot on start with the events that arrived while it
// was in flight folded on top, and the actions: what each command sends, the job pending meanwhile, a test
// invocation's answer shown until the monitor's view carries it, a refusal kept in the core's words, and alerts read
// as acknowledged from the core's answer until the monitor's list says so.
import { describe, expect, it } from 'vitest';
import type { CockpitApi } from '../../../../main/api/contract';
import { trackActions, trackSlice } from '../../seam/use-track';
import { createCockpitStore } from '../../store/cockpit-store';
import { fakeApi, settle, START_ANSWERS, withBrowserGlobals } from '../../store/fake-cockpit-api';
import { ALERTS, cachePurge, jobView, ledgerClose, schedulesMonitor } from './schedules-fixtures';
import { applySchedulesEvents, NO_SCHEDULES, SCHEDULES, schedulesFromSnapshot, shownTestInvocation } from './slice';
import { schedulesUi } from './ui';

function schedulesStore(api: CockpitApi) {
  const store = createCockpitStore(api, [schedulesUi]);
  return { store, slice: () => trackSlice(store.getState(), SCHEDULES), actions: () => trackActions(store.getState(), SCHEDULES) };
}

const TEST_OK = { at: '2026-12-05T02:01:00.000Z', ok: true, message: 'StatusCode 200, no function error' };

withBrowserGlobals();

describe('the schedules slice', () => {
  it('folds a batch in order: the newest jobs, alerts and monitor supersede', () => {
    const monitor = schedulesMonitor();
    const slice = applySchedulesEvents(NO_SCHEDULES, [
      { type: 'schedules.jobs', jobs: [ledgerClose, cachePurge] },
      { type: 'schedules.alerts', alerts: ALERTS },
      { type: 'schedules.monitor', monitor: { ...monitor, state: 'backing-off' } },
      { type: 'schedules.jobs', jobs: [{ ...ledgerClose, owner: 'aws' }] },
      { type: 'schedules.alerts', alerts: ALERTS.slice(0, 1) },
      { type: 'schedules.monitor', monitor },
    ]);
    expect(slice.jobs.map((job) => [job.jobId, job.owner])).toEqual([['ledger-close', 'aws']]);
    expect(slice.alerts.map((alert) => alert.id)).toEqual(['a-missed']);
    expect(slice.monitor).toBe(monitor);
    expect(applySchedulesEvents(slice, [])).toBe(slice);
    // Another track's events leave the slice as it is.
    expect(applySchedulesEvents(slice, [{ type: 'keyspaces.monitor', monitor }])).toBe(slice);
  });

  it('takes a snapshot with the events that arrived meanwhile on top, and keeps what the operator asked for', () => {
    const asked = { ...NO_SCHEDULES, pending: { 'apps/app1#ledger-close': 'test-invoke' as const }, focusStackId: 'apps/app1' };
    const slice = schedulesFromSnapshot(asked, { monitor: schedulesMonitor(), jobs: [ledgerClose, cachePurge], alerts: ALERTS }, [
      { type: 'schedules.jobs', jobs: [cachePurge] },
    ]);
    expect(slice.jobs).toEqual([cachePurge]);
    expect(slice.alerts).toBe(ALERTS);
    expect(slice.monitor?.intervalSeconds).toBe(30);
    expect(slice.pending).toEqual({ 'apps/app1#ledger-close': 'test-invoke' });
    expect(slice.focusStackId).toBe('apps/app1');
  });

  it("keeps the operator's test answer until the monitor's view carries one as new, and shows the newer of the two", () => {
    const answered = { ...NO_SCHEDULES, tests: { 'apps/app1#ledger-close': TEST_OK } };
    expect(shownTestInvocation(ledgerClose, TEST_OK)).toBe(TEST_OK);
    const older = { at: '2026-12-05T01:00:00.000Z', ok: false, message: 'Unhandled' };
    const stale = applySchedulesEvents(answered, [
      { type: 'schedules.jobs', jobs: [jobView('apps/app1', 'ledger-close', 'w1', { aws: { testInvocation: older } })] },
    ]);
    expect(stale.tests).toBe(answered.tests);
    expect(shownTestInvocation(stale.jobs[0]!, stale.tests['apps/app1#ledger-close'])).toBe(TEST_OK);
    const caught = applySchedulesEvents(answered, [
      { type: 'schedules.jobs', jobs: [jobView('apps/app1', 'ledger-close', 'w1', { aws: { testInvocation: TEST_OK } })] },
    ]);
    expect(caught.tests).toEqual({});
  });

  it('reads the snapshot on start and applies later events with one update', async () => {
    const { api, emit } = fakeApi({
      ...START_ANSWERS,
      'schedules.snapshot': () => ({ monitor: schedulesMonitor(), jobs: [ledgerClose], alerts: [] }),
    });
    const { store, slice } = schedulesStore(api);
    store.getState().actions.start();
    await settle();
    expect(slice().jobs.map((job) => job.jobId)).toEqual(['ledger-close']);

    let updates = 0;
    store.subscribe(() => (updates += 1));
    emit({
      sequence: 1,
      events: [
        { type: 'schedules.jobs', jobs: [ledgerClose, cachePurge] },
        { type: 'schedules.alerts', alerts: ALERTS },
      ],
    });
    expect(updates).toBe(1);
    expect(slice().jobs).toHaveLength(2);
    expect(slice().alerts).toHaveLength(3);
  });

  it('folds the events that arrive while the snapshot is in flight on top of its older answer', async () => {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const { api, emit } = fakeApi({
      ...START_ANSWERS,
      'schedules.snapshot': async () => {
        await answered;
        return { monitor: schedulesMonitor(), jobs: [ledgerClose, cachePurge], alerts: [] };
      },
    });
    const { store, slice } = schedulesStore(api);
    store.getState().actions.start();
    await settle();
    emit({ sequence: 1, events: [{ type: 'schedules.jobs', jobs: [{ ...ledgerClose, owner: 'both' }] }] });
    answer();
    await settle();
    await settle();
    expect(slice().jobs.map((job) => [job.jobId, job.owner])).toEqual([['ledger-close', 'both']]);
  });

  it('keeps the slice when the snapshot is refused, without an error banner', async () => {
    const { api } = fakeApi(START_ANSWERS);
    const { store, slice } = schedulesStore(api);
    store.getState().actions.start();
    await settle();
    expect(slice()).toBe(NO_SCHEDULES);
    expect(store.getState().errors).toEqual([]);
  });
});

describe('the schedules actions', () => {
  it('send a test invocation: the job pending while sent, then its answer shown', async () => {
    const requests: unknown[] = [];
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const { api } = fakeApi({
      'schedules.test-invoke': async (request) => {
        requests.push(request);
        await answered;
        return TEST_OK;
      },
    });
    const { slice, actions } = schedulesStore(api);
    const done = actions().testInvoke('apps/app1', 'ledger-close');
    expect(slice().pending).toEqual({ 'apps/app1#ledger-close': 'test-invoke' });
    // A second press while the first is in flight sends nothing.
    expect(await actions().testInvoke('apps/app1', 'ledger-close')).toBeNull();
    answer();
    expect(await done).toBeNull();
    expect(requests).toEqual([{ stackId: 'apps/app1', jobId: 'ledger-close' }]);
    expect(slice().pending).toEqual({});
    expect(slice().tests).toEqual({ 'apps/app1#ledger-close': TEST_OK });
  });

  it("keep the core's refusal of a test invocation in its words until dismissed or another is sent", async () => {
    let refuse = true;
    const { api } = fakeApi({
      'schedules.test-invoke': () =>
        refuse ? { error: { code: 'not-found', message: "apps/app1 has no job 'ledger-close' deployed: no function to invoke" } } : TEST_OK,
    });
    const { slice, actions } = schedulesStore(api);
    expect((await actions().testInvoke('apps/app1', 'ledger-close'))?.code).toBe('not-found');
    expect(slice().refusals['apps/app1#ledger-close']).toEqual({
      action: 'test-invoke',
      message: "apps/app1 has no job 'ledger-close' deployed: no function to invoke",
    });
    actions().dismissRefusal('apps/app1#ledger-close');
    expect(slice().refusals).toEqual({});
    await actions().testInvoke('apps/app1', 'ledger-close');
    refuse = false;
    await actions().testInvoke('apps/app1', 'ledger-close');
    expect(slice().refusals).toEqual({});
  });

  it('acknowledge alerts: each id once, read as acknowledged until the monitor lists them so', async () => {
    const requests: unknown[] = [];
    const { api } = fakeApi({
      'schedules.alerts.ack': (request) => {
        requests.push(request);
        return { acknowledged: (request as { ids: string[] }).ids.length };
      },
    });
    const { slice, actions } = schedulesStore(api);
    expect(await actions().acknowledge(['a-double', 'a-duplicate', 'a-double'])).toBeNull();
    expect(requests).toEqual([{ ids: ['a-double', 'a-duplicate'] }]);
    expect(slice().acknowledging).toEqual({ 'a-double': 'sent', 'a-duplicate': 'sent' });
    // Already acknowledged: nothing is sent again.
    expect(await actions().acknowledge(['a-double'])).toBeNull();
    expect(requests).toHaveLength(1);
    // The monitor's list shows one acknowledged and still lists the other open: that one stays marked.
    const listed = ALERTS.map((alert) => (alert.id === 'a-double' ? { ...alert, acknowledgedAt: '2026-12-05T02:01:00.000Z' } : alert));
    const next = applySchedulesEvents(slice(), [{ type: 'schedules.alerts', alerts: listed }]);
    expect(next.acknowledging).toEqual({ 'a-duplicate': 'sent' });
  });

  it("keep a refused acknowledgement's words and leave the alerts open", async () => {
    const { api } = fakeApi({ 'schedules.alerts.ack': () => ({ error: { code: 'busy', message: 'the schedules monitor is not running' } }) });
    const { slice, actions } = schedulesStore(api);
    expect((await actions().acknowledge(['a-double']))?.code).toBe('busy');
    expect(slice().acknowledging).toEqual({});
    expect(slice().ackRefusal).toBe('the schedules monitor is not running');
    actions().dismissAckRefusal();
    expect(slice().ackRefusal).toBeNull();
  });

  it("open the tab on a stack's jobs", () => {
    const { api } = fakeApi({});
    const { store, slice, actions } = schedulesStore(api);
    actions().openSchedules('apps/app1');
    expect(store.getState().view).toBe('schedules');
    expect(slice().focusStackId).toBe('apps/app1');
  });
});
