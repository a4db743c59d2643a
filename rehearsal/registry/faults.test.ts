// Fault injection, programmatic and over /_admin/, plus reset and the request log.
import { describe, expect, it, vi } from 'vitest';
import { FaultInjector } from './faults';
import { REQUEST_LOG_LIMIT, RequestLog } from './request-log';
import { call, demoRegistration, TOKEN, useServices } from './test-support';

const start = useServices();
const INSTANCES = '/api/v1/instances';

describe('injected failures', () => {
  it('fails the next two POSTs with 503, then lets the third through; other methods are untouched', async () => {
    const service = await start();
    service.failNext(2, { method: 'post' });

    expect((await call(service, 'GET', INSTANCES)).status).toBe(200);
    for (let attempt = 1; attempt <= 2; attempt++) {
      const failed = await call(service, 'POST', INSTANCES, { body: demoRegistration('app1201') });
      expect(failed.status, `attempt ${attempt}`).toBe(503);
      expect(failed.json).toMatchObject({ error: 'unavailable' });
    }
    // A failure before applying changes nothing.
    expect(service.instances()).toEqual([]);
    const third = await call(service, 'POST', INSTANCES, { body: demoRegistration('app1201') });
    expect(third.status).toBe(201);
    expect(service.instances().map((instance) => instance.name)).toEqual(['app1201']);
  });

  it('filters by path prefix and uses the given status and Retry-After', async () => {
    const service = await start();
    const id = (await call(service, 'POST', INSTANCES, { body: { name: 'a', project: 'p' } })).json.id as string;
    service.failNext(1, { status: 429, pathPrefix: `${INSTANCES}/`, retryAfterSeconds: 2 });

    expect((await call(service, 'GET', INSTANCES)).status).toBe(200);
    const limited = await call(service, 'GET', `${INSTANCES}/${id}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await call(service, 'GET', `${INSTANCES}/${id}`)).status).toBe(200);
  });

  it('queues rules and uses the oldest matching one first', async () => {
    const service = await start();
    service.failNext(1, { status: 500, method: 'DELETE' });
    service.failNext(1, { status: 502 });
    expect((await call(service, 'GET', INSTANCES)).status).toBe(502);
    expect((await call(service, 'DELETE', `${INSTANCES}/ci-000001`)).status).toBe(500);
    expect((await call(service, 'DELETE', `${INSTANCES}/ci-000001`)).status).toBe(404);
  });

  it('with afterApply, commits the change and still fails: lookup-then-create finds it on retry', async () => {
    const service = await start();
    service.failNext(1, { method: 'POST', afterApply: true, status: 504 });
    const lost = await call(service, 'POST', INSTANCES, { body: demoRegistration('app1202') });
    expect(lost.status).toBe(504);
    expect(service.instances()).toHaveLength(1);

    // A blind retry of the create collides with what the failed attempt did...
    const blind = await call(service, 'POST', INSTANCES, { body: demoRegistration('app1202') });
    expect(blind.status).toBe(409);
    expect(blind.json.existingId).toBe(service.instances()[0]!.id);
    // ...which is why the cockpit looks up first.
    const lookup = await call(service, 'GET', `${INSTANCES}?name=app1202&project=platform-production`);
    expect(lookup.json.items?.[0]?.id).toBe(service.instances()[0]!.id);
  });

  it('never touches the HTML view, /healthz or /_admin', async () => {
    const service = await start();
    service.failNext(5);
    expect((await call(service, 'GET', '/')).status).toBe(200);
    expect((await call(service, 'GET', '/healthz')).status).toBe(200);
    expect((await call(service, 'GET', '/_admin/faults')).json).toMatchObject({ fail: [{ remaining: 5, status: 503 }] });
    expect((await call(service, 'DELETE', '/_admin/faults')).status).toBe(204);
    expect((await call(service, 'GET', INSTANCES)).status).toBe(200);
  });

  it('spends no fault on requests refused for a missing token', async () => {
    const service = await start();
    service.failNext(1);
    expect((await call(service, 'GET', INSTANCES, { token: null })).status).toBe(401);
    expect((await call(service, 'GET', INSTANCES)).status).toBe(503);
  });

  it('rejects nonsensical options loudly', () => {
    const faults = new FaultInjector();
    expect(() => faults.failNext(0)).toThrow(/count/);
    expect(() => faults.failNext(1.5)).toThrow(/count/);
    expect(() => faults.failNext(Infinity)).toThrow(/count/);
    expect(() => faults.failNext(1, { status: 200 })).toThrow(/status/);
    expect(() => faults.failNext(1, { pathPrefix: 'api/v1' })).toThrow(/pathPrefix/);
    expect(() => faults.delayNext(1, -1)).toThrow(/ms/);
    expect(faults.active).toBe(false);
  });
});

describe('injected delays', () => {
  it('makes a client with a 100 ms timeout give up, then answers the next request promptly', async () => {
    const service = await start();
    service.delayNext(1, 5_000);
    await expect(call(service, 'GET', INSTANCES, { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ name: 'TimeoutError' });
    const next = await call(service, 'GET', INSTANCES, { signal: AbortSignal.timeout(5_000) });
    expect(next.status).toBe(200);
  });

  it('applies a delayed request at once: only the answer is late', async () => {
    const service = await start();
    service.delayNext(1, 5_000, { method: 'POST' });
    const abort = new AbortController();
    const pending = call(service, 'POST', INSTANCES, { body: demoRegistration('app1203'), signal: abort.signal });
    await vi.waitFor(() => expect(service.instances().map((instance) => instance.name)).toEqual(['app1203']));
    abort.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    // The client gave up without an answer; a lookup tells it what happened.
    const lookup = await call(service, 'GET', `${INSTANCES}?name=app1203`);
    expect(lookup.json.total).toBe(1);
  });

  it('delays every matching request until the faults are reset', async () => {
    const service = await start();
    service.delayNext(Infinity, 5_000, { pathPrefix: INSTANCES });
    for (let attempt = 0; attempt < 3; attempt++) {
      await expect(call(service, 'GET', INSTANCES, { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ name: 'TimeoutError' });
    }
    expect((await call(service, 'GET', '/_admin/faults')).json).toMatchObject({ delay: [{ remaining: null, ms: 5_000 }] });
    service.resetFaults();
    expect((await call(service, 'GET', INSTANCES, { signal: AbortSignal.timeout(5_000) })).status).toBe(200);
  });

  it('holds a response for the given time, and records the delay', async () => {
    const service = await start();
    service.delayNext(1, 150);
    const started = performance.now();
    expect((await call(service, 'GET', INSTANCES)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(service.requests().at(-1)).toMatchObject({ method: 'GET', path: INSTANCES, status: 200, injected: { delayMs: 150 } });
  });

  it('closes promptly while a delayed response is pending', async () => {
    const service = await start();
    service.delayNext(1, 60_000);
    const pending = call(service, 'GET', INSTANCES).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await service.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('/_admin over HTTP', () => {
  it('injects failures and delays, lists them and clears them', async () => {
    const service = await start();
    const fail = await call(service, 'POST', '/_admin/faults/fail', { body: { count: 1, status: 500, method: 'delete', pathPrefix: INSTANCES } });
    expect(fail.status).toBe(200);
    expect(fail.json).toEqual({ fail: [{ remaining: 1, status: 500, method: 'DELETE', pathPrefix: INSTANCES, afterApply: false }], delay: [] });
    expect((await call(service, 'DELETE', `${INSTANCES}/ci-000001`)).status).toBe(500);

    // Defaults: one 503 for any API request.
    await call(service, 'POST', '/_admin/faults/fail');
    expect((await call(service, 'GET', INSTANCES)).status).toBe(503);

    const delay = await call(service, 'POST', '/_admin/faults/delay', { body: { ms: 5_000 } });
    expect(delay.json).toMatchObject({ delay: [{ remaining: null, ms: 5_000 }] });
    await expect(call(service, 'GET', INSTANCES, { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect((await call(service, 'DELETE', '/_admin/faults')).status).toBe(204);
    expect((await call(service, 'GET', '/_admin/faults')).json).toEqual({ fail: [], delay: [] });
    expect((await call(service, 'GET', INSTANCES, { signal: AbortSignal.timeout(5_000) })).status).toBe(200);
  });

  it('rejects bad options with 400 naming the field', async () => {
    const service = await start();
    const cases: Array<[string, unknown, string]> = [
      ['/_admin/faults/fail', { count: 0 }, 'count'],
      ['/_admin/faults/fail', { status: 302 }, 'status'],
      ['/_admin/faults/fail', { status: '503' }, 'status'],
      ['/_admin/faults/fail', { stauts: 500 }, 'stauts'],
      ['/_admin/faults/delay', { count: 1 }, 'ms'],
      ['/_admin/faults/delay', { ms: 100, pathPrefix: 'api' }, 'pathPrefix'],
    ];
    for (const [path, body, field] of cases) {
      const response = await call(service, 'POST', path, { body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.json).toMatchObject({ error: 'bad-request', field, message: expect.stringContaining(field) });
    }
    expect((await call(service, 'GET', '/_admin/faults')).json).toEqual({ fail: [], delay: [] });
    expect((await call(service, 'GET', '/_admin/nothing')).status).toBe(404);
    expect((await call(service, 'GET', '/_admin/reset')).status).toBe(405);
  });

  it('resets data, faults and the request log; ids keep counting', async () => {
    const service = await start();
    await call(service, 'POST', INSTANCES, { body: { name: 'a', project: 'p' } });
    service.failNext(3, { method: 'DELETE' });
    expect((await call(service, 'POST', '/_admin/reset')).status).toBe(204);
    expect(service.instances()).toEqual([]);
    expect((await call(service, 'GET', '/_admin/faults')).json).toEqual({ fail: [], delay: [] });
    expect(service.requests().map((entry) => `${entry.method} ${entry.path}`)).toEqual(['POST /_admin/reset', 'GET /_admin/faults']);
    // An id a client may still hold from before the reset never comes back.
    expect((await call(service, 'POST', INSTANCES, { body: { name: 'a', project: 'p' } })).json.id).toBe('ci-000002');
    service.reset();
    expect(service.instances()).toEqual([]);
    expect(service.requests()).toEqual([]);
  });
});

describe('request log', () => {
  it('records method, path, status and time, and never the Authorization header or the token', async () => {
    const service = await start();
    const before = Date.now();
    await call(service, 'POST', INSTANCES, { body: demoRegistration('app1301') });
    service.failNext(1);
    await call(service, 'GET', `${INSTANCES}?name=app1301&project=platform-production`);
    await call(service, 'GET', INSTANCES, { token: 'wrong' });
    await call(service, 'GET', `${INSTANCES}?name=x&access_token=${TOKEN}`);
    await call(service, 'GET', '/');
    await call(service, 'GET', '/healthz');

    const log = await call(service, 'GET', '/_admin/requests');
    expect(log.json.items).toEqual([
      { time: expect.any(String), method: 'POST', path: INSTANCES, status: 201, durationMs: expect.any(Number) },
      {
        time: expect.any(String),
        method: 'GET',
        path: `${INSTANCES}?name=app1301&project=platform-production`,
        status: 503,
        durationMs: expect.any(Number),
        injected: { status: 503 },
      },
      { time: expect.any(String), method: 'GET', path: INSTANCES, status: 401, durationMs: expect.any(Number) },
      { time: expect.any(String), method: 'GET', path: `${INSTANCES}?name=x&access_token=***`, status: 200, durationMs: expect.any(Number) },
    ]);
    expect(Date.parse(log.json.items![0]!.time as string)).toBeGreaterThanOrEqual(before - 1);
    expect(log.text).not.toContain(TOKEN);
    expect(log.text.toLowerCase()).not.toContain('authorization');
    expect(log.text.toLowerCase()).not.toContain('bearer');
    expect(service.requests()).toEqual(log.json.items);
  });

  it(`keeps the last ${REQUEST_LOG_LIMIT} requests`, () => {
    const log = new RequestLog();
    for (let index = 0; index < REQUEST_LOG_LIMIT + 20; index++) {
      log.add({ time: new Date(0).toISOString(), method: 'GET', path: `/api/${index}`, status: 200, durationMs: 0 });
    }
    const entries = log.entries();
    expect(entries).toHaveLength(REQUEST_LOG_LIMIT);
    expect(entries[0]!.path).toBe('/api/20');
    expect(entries.at(-1)!.path).toBe(`/api/${REQUEST_LOG_LIMIT + 19}`);
  });
});
