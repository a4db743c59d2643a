// The Keyspaces track's slice in the store, against a fake CockpitApi: the keyspaces.* events folded in order (the
// newest keyspaces.stacks superseding every view, validations kept per stack), keyspaces.snapshot on start with the
// events that arrived while it was in flight folded on top, and the actions: what each command sends, the stack
// pending meanwhile, a refusal kept in the core's words, a started run holding the button until the monitor shows it.
import { describe, expect, it } from 'vitest';
import type { CockpitApi } from '../../../../main/api/contract';
import { trackActions, trackSlice } from '../../seam/use-track';
import { createCockpitStore } from '../../store/cockpit-store';
import { fakeApi, settle, START_ANSWERS, withBrowserGlobals } from '../../store/fake-cockpit-api';
import { keyspacesMonitor, stackView, validation } from './keyspaces-fixtures';
import { applyKeyspacesEvents, KEYSPACES, keyspacesFromSnapshot, NO_KEYSPACES } from './slice';
import { keyspacesUi } from './ui';

function keyspacesStore(api: CockpitApi) {
  const store = createCockpitStore(api, [keyspacesUi]);
  return { store, slice: () => trackSlice(store.getState(), KEYSPACES), actions: () => trackActions(store.getState(), KEYSPACES) };
}

withBrowserGlobals();

describe('the Keyspaces slice', () => {
  it('folds a batch in order: the newest stacks supersede, validations stay per stack, the monitor is the newest', () => {
    const monitor = keyspacesMonitor();
    const slice = applyKeyspacesEvents(NO_KEYSPACES, [
      { type: 'keyspaces.stacks', stacks: [stackView('apps/app1', 'w1'), stackView('apps/app2', 'w1')] },
      { type: 'keyspaces.validation', validation: validation('apps/app1', { state: 'running', finishedAt: null }) },
      { type: 'keyspaces.validation', validation: validation('apps/app2') },
      { type: 'keyspaces.monitor', monitor },
      { type: 'keyspaces.stacks', stacks: [stackView('apps/app2', 'w1', { bulkLoad: { state: 'RUNNING' } })] },
      { type: 'keyspaces.validation', validation: validation('apps/app1', { state: 'mismatches', mismatches: 3 }) },
    ]);
    expect(Object.keys(slice.stacks)).toEqual(['apps/app2']);
    expect(slice.stacks['apps/app2']!.bulkLoad.state).toBe('RUNNING');
    expect(slice.validations['apps/app1']!.state).toBe('mismatches');
    expect(slice.validations['apps/app2']!.state).toBe('clean');
    expect(slice.monitor).toBe(monitor);
    expect(applyKeyspacesEvents(slice, [])).toBe(slice);
  });

  it('holds a started run until the monitor shows it, or has reported twice without it', () => {
    const waiting = { ...NO_KEYSPACES, launched: { 'apps/app1': { runId: 'jr_2', seen: 0 }, 'apps/app2': { runId: 'jr_9', seen: 0 } } };
    const once = applyKeyspacesEvents(waiting, [
      { type: 'keyspaces.stacks', stacks: [stackView('apps/app1', 'w1', { bulkLoad: { runId: 'jr_2', state: 'STARTING' } }), stackView('apps/app2', 'w1')] },
    ]);
    expect(once.launched).toEqual({ 'apps/app2': { runId: 'jr_9', seen: 1 } });
    const twice = applyKeyspacesEvents(once, [{ type: 'keyspaces.stacks', stacks: [stackView('apps/app2', 'w1')] }]);
    expect(twice.launched).toEqual({});
  });

  it('takes a snapshot with the events that arrived meanwhile on top, and keeps what the operator asked for', () => {
    const asked = { ...NO_KEYSPACES, pending: { 'apps/app1': 'validate' as const }, focusStackId: 'apps/app1' };
    const slice = keyspacesFromSnapshot(
      asked,
      { monitor: keyspacesMonitor(), stacks: [stackView('apps/app1', 'w1')], validations: [validation('apps/app1', { state: 'running', finishedAt: null })] },
      [{ type: 'keyspaces.validation', validation: validation('apps/app1', { state: 'clean' }) }],
    );
    expect(slice.validations['apps/app1']!.state).toBe('clean');
    expect(slice.stacks['apps/app1']!.bulkLoad.state).toBe('SUCCEEDED');
    expect(slice.pending).toEqual({ 'apps/app1': 'validate' });
    expect(slice.focusStackId).toBe('apps/app1');
  });

  it('reads the snapshot on start and applies later events with one update', async () => {
    const { api, emit } = fakeApi({
      ...START_ANSWERS,
      'keyspaces.snapshot': () => ({ monitor: keyspacesMonitor(), stacks: [stackView('apps/app1', 'w1')], validations: [] }),
    });
    const { store, slice } = keyspacesStore(api);
    store.getState().actions.start();
    await settle();
    expect(slice().stacks['apps/app1']!.bulkLoad.recordsRead).toBe(1_200_000);
    expect(slice().monitor?.intervalSeconds).toBe(5);

    let updates = 0;
    store.subscribe(() => (updates += 1));
    emit({ sequence: 1, events: [{ type: 'keyspaces.validation', validation: validation('apps/app1', { state: 'running', finishedAt: null }) }] });
    expect(updates).toBe(1);
    expect(slice().validations['apps/app1']!.state).toBe('running');
  });

  it('folds the events that arrive while the snapshot is in flight on top of its older answer', async () => {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const { api, emit } = fakeApi({
      ...START_ANSWERS,
      'keyspaces.snapshot': async () => {
        await answered;
        return { monitor: keyspacesMonitor(), stacks: [stackView('apps/app1', 'w1'), stackView('apps/app2', 'w1')], validations: [] };
      },
    });
    const { store, slice } = keyspacesStore(api);
    store.getState().actions.start();
    await settle();
    emit({
      sequence: 1,
      events: [{ type: 'keyspaces.stacks', stacks: [stackView('apps/app1', 'w1', { bulkLoad: { state: 'FAILED', errorMessage: 'OOM' } })] }],
    });
    answer();
    await settle();
    await settle();
    expect(Object.keys(slice().stacks)).toEqual(['apps/app1']);
    expect(slice().stacks['apps/app1']!.bulkLoad.errorMessage).toBe('OOM');
  });

  it('keeps the slice when the snapshot is refused, without an error banner', async () => {
    const { api } = fakeApi(START_ANSWERS);
    const { store, slice } = keyspacesStore(api);
    store.getState().actions.start();
    await settle();
    expect(slice()).toBe(NO_KEYSPACES);
    expect(store.getState().errors).toEqual([]);
  });
});

describe('the Keyspaces actions', () => {
  it('start the bulk load: pending while sent, then the run held until the monitor shows it', async () => {
    const requests: unknown[] = [];
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const { api } = fakeApi({
      'keyspaces.bulk-load.start': async (request) => {
        requests.push(request);
        await answered;
        return { runId: 'jr_2' };
      },
    });
    const { slice, actions } = keyspacesStore(api);
    const done = actions().startBulkLoad('apps/app1');
    expect(slice().pending).toEqual({ 'apps/app1': 'bulk-load' });
    // A second press while the first is in flight sends nothing.
    expect(await actions().validate('apps/app1')).toBeNull();
    answer();
    expect(await done).toBeNull();
    expect(requests).toEqual([{ stackId: 'apps/app1' }]);
    expect(slice().pending).toEqual({});
    expect(slice().launched).toEqual({ 'apps/app1': { runId: 'jr_2', seen: 0 } });
  });

  it("keep the core's refusal in its words on the stack until dismissed or another command is sent", async () => {
    const { api } = fakeApi({
      'keyspaces.validate': () => ({ error: { code: 'busy', message: 'a validation of apps/app1 is running already: cancel it or wait for it' } }),
      'keyspaces.validation.cancel': () => ({ cancelled: true }),
    });
    const { slice, actions } = keyspacesStore(api);
    const refused = await actions().validate('apps/app1');
    expect(refused?.code).toBe('busy');
    expect(slice().refusals['apps/app1']).toEqual({ action: 'validate', message: 'a validation of apps/app1 is running already: cancel it or wait for it' });
    actions().dismissRefusal('apps/app1');
    expect(slice().refusals).toEqual({});
    await actions().validate('apps/app1');
    expect(await actions().cancelValidation('apps/app1')).toBeNull();
    expect(slice().refusals).toEqual({});
  });

  it('send a whole validation, a re-check of one table with its ranges, and a cancel', async () => {
    const requests: [string, unknown][] = [];
    const record = (name: string, value: unknown) => (request: unknown) => {
      requests.push([name, request]);
      return value;
    };
    const { api } = fakeApi({
      'keyspaces.validate': record('validate', { runId: 'r' }),
      'keyspaces.validation.cancel': record('cancel', { cancelled: true }),
    });
    const { actions } = keyspacesStore(api);
    await actions().validate('apps/app1');
    await actions().recheck('apps/app1', 'orders', [{ start: '-10', end: '20' }]);
    await actions().cancelValidation('apps/app1');
    expect(requests).toEqual([
      ['validate', { stackId: 'apps/app1' }],
      ['validate', { stackId: 'apps/app1', recheck: { table: 'orders', ranges: [{ start: '-10', end: '20' }] } }],
      ['cancel', { stackId: 'apps/app1' }],
    ]);
  });

  it("open the tab on a stack's card", () => {
    const { api } = fakeApi({});
    const { store, slice, actions } = keyspacesStore(api);
    actions().openKeyspaces('apps/app1');
    expect(store.getState().view).toBe('keyspaces');
    expect(slice().focusStackId).toBe('apps/app1');
  });
});
