// The store with DMS replication, against a fake CockpitApi: dms.snapshot on start and after a gap, one store
// update per batch, the focus union sent with dms.focus, control refusals and acknowledgements.
import { describe, expect, it } from 'vitest';
import type { CockpitApi } from '../../../../../main/api/contract';
import { trackActions, trackSlice } from '../../../seam/use-track';
import { createCockpitStore } from '../../../store/cockpit-store';
import { fakeApi, settle, START_ANSWERS, withBrowserGlobals } from '../../../store/fake-cockpit-api';
import { DMS } from '../slice';
import { dmsUi } from '../ui';
import { alert, dmsSnapshot, task } from './dms-fixtures';

const BASE = START_ANSWERS;

/** A store with the DMS track, with its slice and its actions as the DMS views reach them. */
function dmsStore(api: CockpitApi) {
  const store = createCockpitStore(api, [dmsUi]);
  return { store, slice: () => trackSlice(store.getState(), DMS), dms: () => trackActions(store.getState(), DMS) };
}

withBrowserGlobals();

describe('the store with DMS replication', () => {
  it('reads the snapshot on start, applies a batch with one update and re-reads after a gap', async () => {
    let snapshots = 0;
    const { api, emit } = fakeApi({ ...BASE, 'dms.snapshot': () => ((snapshots += 1), dmsSnapshot()) });
    const { store, slice } = dmsStore(api);
    store.getState().actions.start();
    await settle();
    expect(snapshots).toBe(1);
    expect(slice().dms.loaded).toBe(true);

    let updates = 0;
    store.subscribe(() => (updates += 1));
    emit({
      sequence: 1,
      events: [
        { type: 'dms.tasks', tasks: [task('apps/app1#0', { phase: 'stopped' })] },
        { type: 'dms.samples', samples: [{ taskKey: 'apps/app1#0', metric: 'CDCLatencyTarget', points: [[1, 2]] }] },
        { type: 'dms.alert', alert: alert('c', { severity: 'critical' }) },
      ],
    });
    expect(updates).toBe(1);
    expect(slice().dms.tasks['apps/app1#0']!.phase).toBe('stopped');
    expect(slice().dms.announcement?.id).toBe('c');

    const epoch = slice().dms.epoch;
    emit({ sequence: 3, events: [{ type: 'dms.monitor', monitor: dmsSnapshot().monitor }] });
    await settle();
    expect(snapshots).toBe(2);
    expect(slice().dms.epoch).toBe(epoch + 1);
  });

  it('says when the monitor is not available, without an error banner', async () => {
    const { api } = fakeApi(BASE);
    const { store, slice } = dmsStore(api);
    store.getState().actions.start();
    await settle();
    expect(slice().dms.error).toBe('no fake for dms.snapshot');
    expect(store.getState().errors).toEqual([]);
  });

  it('tells the core the union of the focused tasks, and [] when the last view releases them', async () => {
    const sent: string[][] = [];
    const { api, emit } = fakeApi({
      ...BASE,
      'dms.snapshot': () => dmsSnapshot(),
      'dms.focus': (request) => {
        const keys = (request as { taskKeys: string[] }).taskKeys;
        sent.push(keys);
        return keys.map((taskKey) => ({ taskKey, fetchedAt: '2026-12-05T01:00:00Z', stale: false, tables: [] }));
      },
    });
    const { slice, dms } = dmsStore(api);
    const { holdFocus } = dms();
    const releaseA = holdFocus(['apps/app1#0']);
    const releaseB = holdFocus(['apps/app2#0', 'apps/app1#0']);
    await settle();
    expect(sent).toEqual([['apps/app1#0', 'apps/app2#0']]);
    expect(Object.keys(slice().dms.tables).sort()).toEqual(['apps/app1#0', 'apps/app2#0']);

    releaseB();
    await settle();
    expect(sent.at(-1)).toEqual(['apps/app1#0']);
    expect(Object.keys(slice().dms.tables)).toEqual(['apps/app1#0']);
    emit({ sequence: 1, events: [{ type: 'dms.tables', tables: { taskKey: 'apps/app2#0', fetchedAt: 't', stale: false, tables: [] } }] });
    expect(slice().dms.tables['apps/app2#0']).toBeUndefined();

    releaseA();
    releaseA();
    await settle();
    expect(sent.at(-1)).toEqual([]);
    expect(sent).toHaveLength(3);
  });

  it('re-sends the focus after a reconnect re-read', async () => {
    const sent: string[][] = [];
    const { api } = fakeApi({
      ...BASE,
      'dms.snapshot': () => dmsSnapshot(),
      'dms.focus': (request) => (sent.push((request as { taskKeys: string[] }).taskKeys), []),
    });
    const { store, dms } = dmsStore(api);
    dms().holdFocus(['apps/app1#0']);
    await settle();
    await store.getState().actions.resync();
    await settle();
    expect(sent).toEqual([['apps/app1#0'], ['apps/app1#0']]);
  });

  it('returns the core’s refusal of a control and stores the task an accepted control answers with', async () => {
    const { api } = fakeApi({
      ...BASE,
      'dms.snapshot': () => dmsSnapshot(),
      'dms.control': (request) => {
        const { action } = request as { action: string };
        if (action === 'start') return { error: { code: 'failed', message: 'StartReplicationTask: the task is running' } };
        return task('apps/app1#0', { phase: 'stopping', freshness: { ...task('x#0').freshness, taskAt: '2026-12-05T02:00:00Z' } });
      },
    });
    const { store, slice, dms } = dmsStore(api);
    await store.getState().actions.resyncTrack('dms');
    const { controlTask } = dms();
    expect(await controlTask('apps/app1#0', 'start')).toEqual({ code: 'failed', message: 'StartReplicationTask: the task is running' });
    const pending = controlTask('apps/app1#0', 'stop');
    expect(slice().pendingControls['apps/app1#0']).toBe('stop');
    expect(await pending).toBeNull();
    expect(slice().pendingControls).toEqual({});
    expect(slice().dms.tasks['apps/app1#0']!.phase).toBe('stopping');
  });

  it('acknowledges an alert', async () => {
    const { api } = fakeApi({
      ...BASE,
      'dms.snapshot': () => dmsSnapshot({ alerts: [alert('a', { severity: 'critical' })] }),
      'dms.alerts.ack': () => alert('a', { severity: 'critical', acknowledgedAt: '2026-12-05T01:05:00Z' }),
    });
    const { store, slice, dms } = dmsStore(api);
    await store.getState().actions.resyncTrack('dms');
    await dms().acknowledgeAlert('a');
    expect(slice().dms.alerts.a!.acknowledgedAt).toBe('2026-12-05T01:05:00Z');
  });

  it('opens the replication view of a wave with a task', () => {
    const { api } = fakeApi(BASE);
    const { store, slice, dms } = dmsStore(api);
    dms().openReplication('w1', 'apps/app1#0');
    expect({ ...slice(), view: store.getState().view }).toMatchObject({ view: 'replication', replicationWaveId: 'w1', replicationTaskKey: 'apps/app1#0' });
  });
});
