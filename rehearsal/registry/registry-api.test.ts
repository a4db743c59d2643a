// The instance API over real HTTP: what the cockpit's register (lookup, then create) and deregister rely on.
import { connect } from 'node:net';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { startRegistryService } from './index';
import { MAX_BODY_BYTES } from './http-io';
import { call, demoRegistration, rawRequest, TOKEN, useServices } from './test-support';

const start = useServices();
const INSTANCES = '/api/v1/instances';

describe('instances API', () => {
  it('registers an instance the way the demo plan does and finds it by name and project', async () => {
    const service = await start();
    const created = await call(service, 'POST', INSTANCES, { body: demoRegistration('app1101') });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      id: expect.stringMatching(/^ci-\d{6}$/),
      name: 'app1101',
      project: 'platform-production',
      attributes: { owner: 'it-ops', wave: 'wave-1', description: 'Stack app1101' },
    });
    expect(created.json.createdAt).toBe(created.json.updatedAt);
    expect(new Date(created.json.createdAt as string).toISOString()).toBe(created.json.createdAt);

    // The demo plan's lookup reads /items/0/id.
    const found = await call(service, 'GET', `${INSTANCES}?name=app1101&project=platform-production`);
    expect(found.status).toBe(200);
    expect(found.json.total).toBe(1);
    expect(found.json.items?.[0]?.id).toBe(created.json.id);
  });

  it('hands out monotonic ids and lists in id order with exact-match filters', async () => {
    const service = await start();
    const ids: string[] = [];
    for (const [name, project] of [
      ['app2', 'p1'],
      ['app1', 'p1'],
      ['app1', 'p2'],
      ['app10', 'p1'],
    ] as const) {
      ids.push((await call(service, 'POST', INSTANCES, { body: { name, project } })).json.id as string);
    }
    expect(ids).toEqual(['ci-000001', 'ci-000002', 'ci-000003', 'ci-000004']);

    const all = await call(service, 'GET', INSTANCES);
    expect(all.json.items?.map((item) => item.id)).toEqual(ids);
    expect(all.json.total).toBe(4);
    const byName = await call(service, 'GET', `${INSTANCES}?name=app1`);
    expect(byName.json.items?.map((item) => item.project)).toEqual(['p1', 'p2']);
    const byProject = await call(service, 'GET', `${INSTANCES}?project=p1`);
    expect(byProject.json.items?.map((item) => item.name)).toEqual(['app2', 'app1', 'app10']);
    expect((await call(service, 'GET', `${INSTANCES}?name=app&project=p1`)).json).toEqual({ items: [], total: 0 });
    expect((await call(service, 'GET', `${INSTANCES}?name=`)).json.total).toBe(0);
  });

  it('refuses a second registration of the same name and project, naming the existing id', async () => {
    const service = await start();
    const first = await call(service, 'POST', INSTANCES, { body: demoRegistration('app1102') });
    const second = await call(service, 'POST', INSTANCES, { body: { ...demoRegistration('app1102'), owner: 'someone-else' } });
    expect(second.status).toBe(409);
    expect(second.json).toMatchObject({ error: 'conflict', existingId: first.json.id });
    expect(second.json.message).toContain("'app1102' in project 'platform-production'");
    // Same name in another project is a different instance.
    expect((await call(service, 'POST', INSTANCES, { body: demoRegistration('app1102', 'platform-staging') })).status).toBe(201);
    expect(service.instances()).toHaveLength(2);
  });

  it('reads one instance, and answers 404 for ids it does not know', async () => {
    const service = await start();
    const created = await call(service, 'POST', INSTANCES, { body: { name: 'a', project: 'p', tier: 2, critical: true } });
    const read = await call(service, 'GET', `${INSTANCES}/${created.json.id as string}`);
    expect(read.status).toBe(200);
    expect(read.json).toEqual(created.json);
    expect(read.json.attributes).toEqual({ tier: 2, critical: true });

    for (const [method, id] of [
      ['GET', 'ci-999999'],
      ['PUT', 'ci-999999'],
      ['PATCH', 'nope'],
      ['DELETE', 'ci-000002'],
    ] as const) {
      const missing = await call(service, method, `${INSTANCES}/${id}`, method === 'PUT' || method === 'PATCH' ? { body: { name: 'x', project: 'y' } } : {});
      expect(missing.status, `${method} ${id}`).toBe(404);
      expect(missing.json).toMatchObject({ error: 'not-found', message: expect.stringContaining(id) });
    }
    expect((await call(service, 'GET', '/api/v2/things')).status).toBe(404);
  });

  it('replaces with PUT and merges with PATCH', async () => {
    const service = await start();
    const created = await call(service, 'POST', INSTANCES, { body: { name: 'a', project: 'p', owner: 'x', wave: 'wave-1' } });
    const url = `${INSTANCES}/${created.json.id as string}`;

    const replaced = await call(service, 'PUT', url, { body: { name: 'a', project: 'p', owner: 'y' } });
    expect(replaced.status).toBe(200);
    expect(replaced.json).toMatchObject({ id: created.json.id, attributes: { owner: 'y' }, createdAt: created.json.createdAt });
    expect(replaced.json.attributes).not.toHaveProperty('wave');

    // A record read with GET goes back with PUT once the registry-owned fields are dropped (nested attributes).
    const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...editable } = replaced.json;
    const roundTrip = await call(service, 'PUT', url, { body: { ...editable, attributes: { owner: 'z' } } });
    expect(roundTrip.json.attributes).toEqual({ owner: 'z' });

    const patched = await call(service, 'PATCH', url, { body: { wave: 'wave-2', cutover: false } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ name: 'a', project: 'p', attributes: { owner: 'z', wave: 'wave-2', cutover: false } });
    const removed = await call(service, 'PATCH', url, { body: { owner: null, name: 'a-renamed' } });
    expect(removed.json).toMatchObject({ name: 'a-renamed', attributes: { wave: 'wave-2', cutover: false } });
    expect(removed.json.attributes).not.toHaveProperty('owner');
    expect((await call(service, 'GET', url)).json).toEqual(removed.json);
  });

  it('lets PUT and PATCH move an instance only to a free name and project', async () => {
    const service = await start();
    const a = (await call(service, 'POST', INSTANCES, { body: { name: 'a', project: 'p' } })).json.id as string;
    const b = (await call(service, 'POST', INSTANCES, { body: { name: 'b', project: 'p' } })).json.id as string;
    const put = await call(service, 'PUT', `${INSTANCES}/${b}`, { body: { name: 'a', project: 'p' } });
    expect(put.status).toBe(409);
    expect(put.json).toMatchObject({ error: 'conflict', existingId: a });
    const patch = await call(service, 'PATCH', `${INSTANCES}/${b}`, { body: { name: 'a' } });
    expect(patch.json).toMatchObject({ error: 'conflict', existingId: a });
    // Keeping its own name is no conflict, and a free name is fine.
    expect((await call(service, 'PUT', `${INSTANCES}/${b}`, { body: { name: 'b', project: 'p', x: 1 } })).status).toBe(200);
    expect((await call(service, 'PATCH', `${INSTANCES}/${b}`, { body: { project: 'q' } })).json).toMatchObject({ name: 'b', project: 'q' });
    expect(service.instances().map((instance) => `${instance.project}/${instance.name}`)).toEqual(['p/a', 'q/b']);
  });

  it('deregisters with DELETE; a second DELETE is a 404', async () => {
    const service = await start();
    const id = (await call(service, 'POST', INSTANCES, { body: demoRegistration('app1103') })).json.id as string;
    const deleted = await call(service, 'DELETE', `${INSTANCES}/${id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await call(service, 'GET', `${INSTANCES}/${id}`)).status).toBe(404);
    expect((await call(service, 'DELETE', `${INSTANCES}/${id}`)).status).toBe(404);
    // The name is free again, under a new id.
    const again = await call(service, 'POST', INSTANCES, { body: demoRegistration('app1103') });
    expect(again.status).toBe(201);
    expect(again.json.id).not.toBe(id);
  });

  it('answers 405 with Allow for methods an endpoint does not take', async () => {
    const service = await start();
    const response = await call(service, 'DELETE', INSTANCES);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
  });
});

describe('validation', () => {
  const cases: Array<[string, unknown, string, RegExp]> = [
    ['missing name', { project: 'p' }, 'name', /name is required/],
    ['missing project', { name: 'a' }, 'project', /project is required/],
    ['empty name', { name: '  ', project: 'p' }, 'name', /name must not be empty/],
    ['numeric name', { name: 42, project: 'p' }, 'name', /name must be a string/],
    ['over-long project', { name: 'a', project: 'p'.repeat(256) }, 'project', /at most 255/],
    ['object attribute', { name: 'a', project: 'p', owner: { team: 'x' } }, 'owner', /owner must be a string, number or boolean/],
    ['null attribute', { name: 'a', project: 'p', owner: null }, 'owner', /owner must be/],
    ['nested array attribute', { name: 'a', project: 'p', attributes: { tags: ['x'] } }, 'attributes.tags', /attributes\.tags must be/],
    ['attribute given twice', { name: 'a', project: 'p', owner: 'x', attributes: { owner: 'y' } }, 'attributes.owner', /owner is given both/],
    ['client-chosen id', { id: 'ci-000042', name: 'a', project: 'p' }, 'id', /id is assigned by the registry/],
    ['array body', [{ name: 'a', project: 'p' }], '', /must be a JSON object/],
  ];
  it.each(cases)('rejects %s with 400 naming the field', async (_label, body, field, message) => {
    const service = await start();
    const response = await call(service, 'POST', INSTANCES, { body });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error: 'bad-request', field, message: expect.stringMatching(message) });
    expect(service.instances()).toEqual([]);
  });

  it('rejects bodies that are not JSON, empty, or sent as another media type', async () => {
    const service = await start();
    const notJson = await call(service, 'POST', INSTANCES, { raw: '{"name": "a", project: }' });
    expect(notJson.status).toBe(400);
    expect(notJson.json).toMatchObject({ error: 'bad-request', message: expect.stringContaining('not JSON') });
    const empty = await call(service, 'POST', INSTANCES, { headers: { 'content-type': 'application/json' } });
    expect(empty.json).toMatchObject({ error: 'bad-request', message: expect.stringContaining('empty') });
    // A form post is what a cross-site page could send without a preflight.
    const form = await call(service, 'POST', INSTANCES, { raw: 'name=a&project=p', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect(form.json.error).toBe('unsupported-media-type');
    // A JSON-based media type is fine (PATCH clients like merge-patch+json).
    const created = await call(service, 'POST', INSTANCES, { body: { name: 'a', project: 'p' } });
    const merge = await call(service, 'PATCH', `${INSTANCES}/${created.json.id as string}`, {
      body: { x: 1 },
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(merge.status).toBe(200);
  });

  it('rejects a body over 64 KiB with 413, and keeps serving the connection', async () => {
    const service = await start();
    const big = await call(service, 'POST', INSTANCES, { body: { name: 'a', project: 'p', notes: 'x'.repeat(MAX_BODY_BYTES) } });
    expect(big.status).toBe(413);
    expect(big.json).toMatchObject({ error: 'payload-too-large', message: expect.stringContaining(String(MAX_BODY_BYTES)) });
    const justUnder = await call(service, 'POST', INSTANCES, { body: { name: 'a', project: 'p', notes: 'x'.repeat(MAX_BODY_BYTES - 100) } });
    expect(justUnder.status).toBe(201);
  });
});

describe('authentication and reach', () => {
  it('requires the bearer token on /api and /_admin, never echoing it', async () => {
    const service = await start();
    for (const token of [null, 'wrong-token', `${TOKEN}x`]) {
      for (const path of [INSTANCES, '/_admin/requests']) {
        const response = await call(service, 'GET', path, { token });
        expect(response.status, `${path} with ${token}`).toBe(401);
        expect(response.json.error).toBe('unauthorized');
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(response.text).not.toContain(TOKEN);
      }
    }
    const basic = await call(service, 'GET', INSTANCES, { token: null, headers: { authorization: `Basic ${TOKEN}` } });
    expect(basic.status).toBe(401);
    // The scheme name is case-insensitive (RFC 9110).
    expect((await call(service, 'GET', INSTANCES, { token: null, headers: { authorization: `bearer ${TOKEN}` } })).status).toBe(200);
    // A refused request changed nothing.
    expect((await call(service, 'POST', INSTANCES, { token: null, body: { name: 'a', project: 'p' } })).status).toBe(401);
    expect(service.instances()).toEqual([]);
  });

  it('runs open when started without a token, and refuses an empty token', async () => {
    const service = await start({});
    expect(service.token).toBeUndefined();
    expect((await call(service, 'POST', INSTANCES, { body: { name: 'a', project: 'p' } })).status).toBe(201);
    await expect(startRegistryService({ token: '' })).rejects.toThrow(/token/);
    await expect(startRegistryService({ token: 'has space' })).rejects.toThrow(/token/);
  });

  it('serves /healthz to anyone', async () => {
    const service = await start();
    const health = await call(service, 'GET', '/healthz', { token: null });
    expect(health.status).toBe(200);
    expect(health.text).toBe('ok');
  });

  it('binds 127.0.0.1 only', async () => {
    const service = await start();
    expect(service.url).toBe(`http://127.0.0.1:${service.port}`);
    expect(service.port).toBeGreaterThan(0);
    // Another loopback address, and the machine's network address when it has one: nothing listens there.
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    for (const host of ['127.0.0.2', ...(external ? [external.address] : [])]) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host, port: service.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(outcome, host).toBe('ECONNREFUSED');
    }
  });

  it('refuses other Host names (DNS rebinding) and cross-site origins', async () => {
    const service = await start({});
    const rebound = await rawRequest(service, 'GET', '/', { host: `attacker.example:${service.port}` });
    expect(rebound.status).toBe(403);
    const crossSite = await rawRequest(service, 'POST', '/_admin/reset', { host: `127.0.0.1:${service.port}`, origin: 'https://attacker.example' });
    expect(crossSite.status).toBe(403);
    expect((await rawRequest(service, 'GET', '/healthz', { host: `localhost:${service.port}` })).status).toBe(200);
    expect((await rawRequest(service, 'GET', '/', { host: `127.0.0.1:${service.port}`, origin: service.url })).status).toBe(200);
  });
});
