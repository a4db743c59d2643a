// A fake CockpitApi for the store's unit tests: commands answered from a table, events pushed by the test.
import type { CockpitApi, CockpitCommands, CommandName, EventBatch } from '../../../main/api/contract';
import { afterEach, beforeEach, vi } from 'vitest';
import { demoLike } from './test-fixtures';

export type Answers = { [C in CommandName]?: (request: unknown) => unknown };

export function fakeApi(answers: Answers) {
  let listener: ((batch: EventBatch) => void) | null = null;
  const calls: string[] = [];
  const commands = new Proxy({} as CockpitCommands, {
    get: (_target, name: string) => async (request: unknown) => {
      calls.push(name);
      const answer = answers[name as CommandName];
      if (!answer) return { ok: false, error: { code: 'unknown-command', message: `no fake for ${name}` } };
      const value = await answer(request);
      // A refusal is `{ error: { code, message } }`; a view with an `error: null` field (the environment) is an answer.
      const refused = value !== null && typeof value === 'object' && 'error' in value && typeof value.error === 'object' && value.error !== null;
      return refused ? { ok: false, ...value } : { ok: true, value };
    },
  });
  const api: CockpitApi = {
    transport: 'electron',
    commands,
    onEvents(next) {
      listener = next;
      return () => (listener = null);
    },
  };
  return { api, calls, emit: (batch: EventBatch) => listener?.(batch) };
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** What a store asks for when it starts, answered with the demo-like plan and nothing running. */
export const START_ANSWERS: Answers = {
  'plan.get': () => demoLike(),
  'operations.list': () => [],
  'waves.list': () => [],
  'recovery.scan': () => [],
  'journal.list': () => ({ entries: [], damagedLines: 0 }),
  'cutover.readiness': () => [],
  'core.info': () => ({ version: '1', transport: 'electron', dataDir: '/d', recentPlans: [], examplePlans: [], planOpening: 'path' }),
  'toolchain.info': () => ({ found: true, version: '3', source: 's', binDir: '/b' }),
  'team.get': () => ({ mode: 'local' }),
  'team.requestControl': () => ({ mode: 'local' }),
  'team.handOver': () => ({ mode: 'local' }),
  'team.release': () => ({ mode: 'local' }),
  'team.requestApproval': () => ({ mode: 'local' }),
  'team.decide': () => ({ mode: 'local' }),
  'environment.get': () => ({
    kind: 'rehearsal',
    operator: 'ops@host',
    region: 'eu-central-1',
    endpoint: 'http://127.0.0.1:4566',
    profile: null,
    production: false,
    accountId: '123456789012',
    caller: null,
    status: 'ok',
    error: null,
    checkedAt: '2026-12-03T10:00:00.000Z',
    credentialsExpireAt: null,
    clockRate: 1,
    accounts: [],
  }),
};

/** These store tests run in Node: the few browser globals the store touches (theme, remembered names) stand in. */
export function withBrowserGlobals(): void {
  beforeEach(() => {
    vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => {} });
    vi.stubGlobal('document', { documentElement: { dataset: {} } });
  });
  afterEach(() => vi.unstubAllGlobals());
}
