import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRegistryService, type RegistryService } from '../../rehearsal/registry/index';
import { startEchoingRegistry } from '../../test/support/echoing-registry';
import { ensureDeregistered, ensureRegistered, fill, lookupRegistration, pointer, type RegistrationTarget } from './registration-http';

const TOKEN = 'rehearsal-token-0001';
let registry: RegistryService;

const target = (overrides: Partial<RegistrationTarget> = {}): RegistrationTarget => ({
  registryId: 'cmdb',
  baseUrl: registry.url,
  register: {
    method: 'POST',
    path: '/api/v1/instances',
    body: { name: '{{stack.name}}', project: '{{stack.project}}', owner: '{{stack.config.owner}}' },
    idPointer: '/id',
  },
  lookup: { method: 'GET', path: '/api/v1/instances?name={{stack.name}}&project={{stack.project}}', idPointer: '/items/0/id' },
  deregister: { method: 'DELETE', path: '/api/v1/instances/{{registration.id}}' },
  variables: { 'stack.name': 'app1101', 'stack.project': 'platform-production', 'stack.config.owner': 'it-ops' },
  auth: { type: 'bearer', tokenEnv: 'MC_TEST_CMDB_TOKEN' },
  timeoutSeconds: 2,
  ...overrides,
});

beforeAll(async () => {
  process.env.MC_TEST_CMDB_TOKEN = TOKEN;
  registry = await startRegistryService({ token: TOKEN });
});
afterEach(() => registry.reset());
afterAll(async () => {
  delete process.env.MC_TEST_CMDB_TOKEN;
  await registry.close();
});

describe('registration over HTTP', () => {
  it('registers once: a second ensure adopts the existing record', async () => {
    const first = await ensureRegistered(target());
    const second = await ensureRegistered(target());
    expect(first.adopted).toBe(false);
    expect(second).toEqual({ id: first.id, adopted: true });
    expect(registry.instances()).toMatchObject([{ id: first.id, name: 'app1101', project: 'platform-production', attributes: { owner: 'it-ops' } }]);
  });

  it('deregisters by the id the registry knows now', async () => {
    const { id } = await ensureRegistered(target());
    expect(await ensureDeregistered(target())).toEqual({ deregistered: id });
    expect(registry.instances()).toEqual([]);
    expect(await ensureDeregistered(target())).toEqual({ deregistered: undefined });
  });

  it('retries server errors with backoff', async () => {
    registry.failNext(2, { status: 503, method: 'POST' });
    const { id } = await ensureRegistered(target());
    expect(await lookupRegistration(target())).toBe(id);
  });

  it('gives up after its attempts with what went wrong', async () => {
    registry.failNext(10, { status: 500, method: 'GET' });
    await expect(ensureRegistered(target({ attempts: 2 }))).rejects.toThrow(/cmdb: GET .*\/api\/v1\/instances failed after 2 attempts: HTTP 500/);
  });

  it('does not retry a client error, and says what the registry answered', async () => {
    await expect(ensureRegistered(target({ register: { method: 'POST', path: '/api/v1/instances', body: { project: 'p' } } }))).rejects.toThrow(
      /refused with HTTP 400: .*name/,
    );
  });

  it('times out a hung registry', async () => {
    registry.delayNext(10, 1500);
    await expect(ensureRegistered(target({ timeoutSeconds: 0.2, attempts: 2 }))).rejects.toThrow(/no answer within 0.2 s/);
  });

  it('refuses to run without the token, naming the variable', async () => {
    await expect(ensureRegistered(target({ auth: { type: 'bearer', tokenEnv: 'MC_TEST_UNSET_TOKEN' } }))).rejects.toThrow(
      /environment variable MC_TEST_UNSET_TOKEN \(the registry token\) is not set/,
    );
  });

  it('never repeats the token a refusing registry echoes, in any form or half of it at a cut', async () => {
    const echoing = await startEchoingRegistry();
    const canary = 'canary-token "with" /odd+chars-0123456789';
    process.env.MC_TEST_CANARY_TOKEN = canary;
    try {
      const error = await ensureRegistered(target({ baseUrl: echoing.url, auth: { type: 'bearer', tokenEnv: 'MC_TEST_CANARY_TOKEN' } })).then(
        () => undefined,
        (caught: unknown) => caught as Error,
      );
      expect(error?.message).toMatch(/refused with HTTP 403/);
      // Not even 8 characters of it in a row (a cut inside the token would leave its first half).
      for (const form of [canary, JSON.stringify(canary).slice(1, -1), encodeURIComponent(canary)]) {
        for (let at = 0; at + 8 <= form.length; at++) expect(error?.message).not.toContain(form.slice(at, at + 8));
      }
    } finally {
      delete process.env.MC_TEST_CANARY_TOKEN;
      await echoing.close();
    }
  });

  it('is refused with a wrong token', async () => {
    process.env.MC_TEST_WRONG_TOKEN = 'not-the-token';
    await expect(ensureRegistered(target({ auth: { type: 'bearer', tokenEnv: 'MC_TEST_WRONG_TOKEN' } }))).rejects.toThrow(/HTTP 401/);
    delete process.env.MC_TEST_WRONG_TOKEN;
  });
});

describe('templates', () => {
  it('fills placeholders, encoding them in paths', () => {
    expect(fill('/x?name={{stack.name}}', { 'stack.name': 'a b&c' }, encodeURIComponent)).toBe('/x?name=a%20b%26c');
    expect(() => fill('{{stack.nope}}', {})).toThrow(/\{\{stack.nope\}\} has no value/);
  });

  it('reads JSON pointers', () => {
    expect(pointer({ items: [{ id: 'ci-1' }] }, '/items/0/id')).toBe('ci-1');
    expect(pointer({ 'a/b': 1 }, '/a~1b')).toBe(1);
    expect(pointer({ items: [] }, '/items/0/id')).toBeUndefined();
  });
});
