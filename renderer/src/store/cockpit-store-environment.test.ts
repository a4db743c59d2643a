// The store with the environment view: environment.get on start, environment.updated applied with the batch, a
// check asked for by the banner, and a failed read left to the banner (no error banner).
import { describe, expect, it } from 'vitest';
import type { EnvironmentView } from '../../../main/api/contract';
import { createCockpitStore } from './cockpit-store';
import { fakeApi, settle, START_ANSWERS, withBrowserGlobals } from './fake-cockpit-api';

const AWS: EnvironmentView = {
  kind: 'aws',
  operator: 'ops@host',
  region: 'eu-central-1',
  endpoint: null,
  profile: 'prod',
  production: true,
  accountId: '111122223333',
  caller: { arn: 'arn:aws:sts::111122223333:assumed-role/Operator/ops', userId: 'AROAEXAMPLE:ops', principal: 'role Operator, session ops' },
  status: 'ok',
  error: null,
  checkedAt: '2026-12-03T10:00:00.000Z',
  credentialsExpireAt: null,
  clockRate: null,
  accounts: [],
};

withBrowserGlobals();

describe('the store with the environment view', () => {
  it('reads the environment on start and applies environment.updated', async () => {
    const { api, emit, calls } = fakeApi(START_ANSWERS);
    const store = createCockpitStore(api);
    const stop = store.getState().actions.start();
    await settle();
    expect(calls).toContain('environment.get');
    expect(store.getState().environment).toMatchObject({ kind: 'rehearsal', accountId: '123456789012' });
    emit({ sequence: 1, events: [{ type: 'environment.updated', environment: AWS }] });
    expect(store.getState().environment).toEqual(AWS);
    stop();
  });

  it('asks the core to check the identity again, busy meanwhile', async () => {
    const requests: unknown[] = [];
    const { api } = fakeApi({
      ...START_ANSWERS,
      'environment.get': (request) => {
        requests.push(request);
        return { ...AWS, checkedAt: '2026-12-03T10:05:00.000Z' };
      },
    });
    const store = createCockpitStore(api);
    const checked = store.getState().actions.refreshEnvironment(true);
    expect(store.getState().busy.environment).toBe(true);
    await checked;
    expect(store.getState().busy.environment).toBe(false);
    expect(requests).toEqual([{ refresh: true }]);
    expect(store.getState().environment?.checkedAt).toBe('2026-12-03T10:05:00.000Z');
  });

  it('keeps a newer event over a plain read that answered after it', async () => {
    let answer: (value: EnvironmentView) => void = () => {};
    const { api } = fakeApi({ ...START_ANSWERS, 'environment.get': () => new Promise<EnvironmentView>((resolve) => (answer = resolve)) });
    const store = createCockpitStore(api);
    const read = store.getState().actions.refreshEnvironment();
    store.getState().actions.applyBatch({ sequence: 1, events: [{ type: 'environment.updated', environment: AWS }] });
    answer({ ...AWS, status: 'checking', accountId: null, caller: null });
    await read;
    expect(store.getState().environment).toEqual(AWS);
  });

  it('shows no error banner when the environment cannot be read', async () => {
    const { api } = fakeApi({ ...START_ANSWERS, 'environment.get': () => ({ error: { code: 'failed', message: 'x' } }) });
    const store = createCockpitStore(api);
    await store.getState().actions.refreshEnvironment();
    expect(store.getState().environment).toBeNull();
    expect(store.getState().errors).toEqual([]);
  });
});
