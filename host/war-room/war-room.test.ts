// The war room end to end below the browser: a real core on the demo plan, the HTTPS bridge, a TLS client that
// checks the certificate against what the cockpit printed, and the people's links as the plan's team changes.
import type { X509Certificate } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ALL_COMMAND_NAMES } from '../../common/commands';
import type { EventBatch } from '../../main/api/contract';
import { isReadCommand } from '../../main/api/read-commands';
import { startCockpitCore, type CockpitCore } from '../../main/core/cockpit-core';
import { COCKPIT_TRACKS } from '../compose';
import { WAR_ROOM_COOKIE } from '../web/web-bridge';
import { LINKS_FILE, SHARED_SCREEN } from './access';
import { startWarRoom, type WarRoom } from './war-room';

const DEMO_PLAN = path.resolve(import.meta.dirname, '../../examples/demo/migration.yaml');

let folder: string;
let core: CockpitCore;
let room: WarRoom;
let people: string[] | undefined = ['alice', 'bob@ops-1'];
const nudges = new Set<(batch: EventBatch) => void>();
const logged: string[] = [];
const watchersTold: string[][] = [];

const startRoom = () =>
  startWarRoom({
    address: { host: '127.0.0.1', port: 0 },
    dataDir: path.join(folder, 'data'),
    staticDir: path.join(folder, 'static'),
    core: {
      dispatch: core.dispatch,
      // The core's events, and a way for the test to signal "the plan changed" after it changes the people.
      subscribe: (listener) => {
        nudges.add(listener);
        const off = core.subscribe(listener);
        return () => {
          nudges.delete(listener);
          off();
        };
      },
      teamPeople: () => people,
      setWarRoomWatchers: (now) => watchersTold.push([...now]),
    },
    log: (line) => logged.push(line),
    onError: (error, context) => logged.push(`error ${context}: ${String(error)}`),
  });

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  peer?: X509Certificate;
}

/** An HTTPS request that trusts exactly the certificate the war room printed (by its file) and checks its names. */
async function send(method: string, pathname: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  const ca = await readFile(path.join(folder, 'data', 'war-room', 'war-room-cert.pem'), 'utf8');
  // Node checks the certificate against a Host header given; a rebinding name (evil.example) must reach the bridge.
  const rebinding = headers.host === undefined ? {} : { checkServerIdentity: () => undefined };
  return new Promise((resolve, reject) => {
    const request = httpsRequest(`${room.origin}${pathname}`, { method, headers, ca, ...rebinding }, (response) => {
      let text = '';
      const peer = (response.socket as TLSSocket).getPeerX509Certificate();
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text, ...(peer ? { peer } : {}) }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function links(): Promise<Map<string, string>> {
  const text = await readFile(path.join(folder, 'data', 'war-room', LINKS_FILE), 'utf8');
  const rows = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
  return new Map(rows.map((row) => row.split('\t') as [string, string]));
}

const tokenOf = async (person: string) => new URL((await links()).get(person)!).searchParams.get('token')!;
const command = async (name: string, body: unknown, person = SHARED_SCREEN) =>
  send('POST', `/api/command/${name}`, { authorization: `Bearer ${await tokenOf(person)}`, 'content-type': 'application/json' }, JSON.stringify(body));

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'mc-war-room-'));
  await mkdir(path.join(folder, 'static'));
  await writeFile(path.join(folder, 'static', 'index.html'), '<!doctype html><title>cockpit</title>');
  await writeFile(path.join(folder, 'static', 'war-room.html'), '<!doctype html><title>war room</title>');
  core = await startCockpitCore({
    tracks: COCKPIT_TRACKS,
    dataDir: path.join(folder, 'data'),
    appRoot: path.resolve(import.meta.dirname, '../..'),
    transport: 'web',
    version: 'test',
    planFile: DEMO_PLAN,
    watchPlan: false,
    eventFlushMs: 5,
  });
  room = await startRoom();
});

afterAll(async () => {
  await room.close();
  await core.close();
  await rm(folder, { recursive: true, force: true });
});

describe('war room over TLS', () => {
  it('serves its own page over HTTPS with the certificate whose fingerprint it printed', async () => {
    expect(room.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const page = await send('GET', '/', { authorization: `Bearer ${await tokenOf(SHARED_SCREEN)}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>war room</title>');
    expect(page.peer?.fingerprint256).toBe(room.fingerprint);
    expect(page.headers['content-security-policy']).toBeDefined();
    // The cockpit's own page is not served here: every control on it would be refused.
    for (const spelling of ['/index.html', '//index.html', '/%2findex.html', '/assets/..%2findex.html', '/index.html/', '/./index.html']) {
      expect((await send('GET', spelling, { authorization: `Bearer ${await tokenOf(SHARED_SCREEN)}` })).status, spelling).toBe(404);
    }
  });

  it('answers nothing in plain HTTP', async () => {
    const port = Number(new URL(room.origin).port);
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('latin1')));
      socket.on('error', () => resolve(text));
      socket.on('close', () => resolve(text));
      socket.write('GET / HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n');
    });
    expect(answer).not.toMatch(/^HTTP\/1\.1 2/);
  });

  it('trades a link for a Secure, HttpOnly, SameSite=Strict cookie', async () => {
    const token = await tokenOf('alice');
    const reply = await send('GET', `/?token=${token}`);
    expect(reply.status).toBe(200);
    expect(String(reply.headers['set-cookie'])).toBe(`${WAR_ROOM_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Secure`);
    expect(reply.body).not.toContain(token);
  });

  it("takes the link's token over a cookie left from another link", async () => {
    const [alice, bob] = [await tokenOf('alice'), await tokenOf('bob@ops-1')];
    const reply = await send('GET', `/?token=${bob}`, { cookie: `${WAR_ROOM_COOKIE}=${alice}` });
    expect(reply.status).toBe(200);
    expect(String(reply.headers['set-cookie'])).toContain(`${WAR_ROOM_COOKIE}=${bob};`);
  });

  it('does not wait at its close for a connection that never finished its TLS handshake', async () => {
    const port = Number(new URL(room.origin).port);
    const idle = connect(port, '127.0.0.1');
    idle.on('error', () => {});
    await new Promise((resolve) => idle.once('connect', resolve));
    const started = Date.now();
    await room.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    idle.destroy();
    room = await startRoom();
  });

  it('refuses a wrong token, a foreign Host and a foreign origin', async () => {
    expect((await send('GET', '/', { authorization: `Bearer ${'x'.repeat(43)}` })).status).toBe(401);
    const bearer = { authorization: `Bearer ${await tokenOf('alice')}` };
    expect((await send('GET', '/', { ...bearer, host: `evil.example:${new URL(room.origin).port}` })).status).toBe(403);
    expect((await send('GET', '/', { ...bearer, origin: 'https://evil.example' })).status).toBe(403);
    expect((await send('GET', '/', { ...bearer, origin: room.origin.replace('https', 'http') })).status).toBe(403);
  });
});

describe('war room: viewers cannot act', () => {
  it('answers the reads', async () => {
    for (const name of ['core.info', 'plan.get', 'cutover.state', 'team.get', 'journal.list', 'dms.snapshot']) {
      const reply = await command(name, name === 'journal.list' ? { limit: 10 } : {});
      expect(reply.status, `${name}: ${reply.body}`).toBe(200);
      expect(JSON.parse(reply.body).ok, name).toBe(true);
    }
  });

  it('refuses the reads the wall does not need that cost or steer the cockpit, and a fresh AWS check', async () => {
    for (const [name, body] of [
      ['stack.history', { stackId: 'platform-production/app1101' }],
      ['dms.focus', { taskKeys: [] }],
      ['dms.resources', { taskKey: 'x#0', refresh: true }],
      ['operation.log', { operationId: 'x' }],
    ] as const) {
      const reply = await command(name, body);
      expect(reply.status, name).toBe(403);
      expect(JSON.parse(reply.body).error.message, name).toBe(`the war room does not serve '${name}': it shows what the wall needs, read from the cockpit`);
    }
    expect((await command('environment.get', { refresh: true })).status).toBe(403);
    expect((await command('environment.get', {})).status).toBe(200);
  });

  it('refuses every command that acts, before the core sees it', async () => {
    const acting = ALL_COMMAND_NAMES.filter((name) => !isReadCommand(name));
    expect(acting.length).toBeGreaterThan(30);
    for (const name of acting) {
      const reply = await command(name, { waveId: 'wave-1', stackId: 'x' }, 'alice');
      expect(reply.status, name).toBe(403);
      expect(JSON.parse(reply.body)).toEqual({
        ok: false,
        error: { code: 'transport', message: `the war room is read-only: '${name}' acts, and is taken in the cockpit itself` },
      });
    }
    const journal = await command('journal.list', { limit: 50 });
    expect(JSON.parse(journal.body).value.entries).toEqual([]);
    const operations = await command('operations.list', {});
    expect(JSON.parse(operations.body).value).toEqual([]);
  });
});

describe('war room: a link per person', () => {
  it('gives the shared screen and each person of the plan a link, in a file only this user reads', async () => {
    expect([...(await links()).keys()]).toEqual(['shared screen', 'alice', 'bob@ops-1']);
    const file = path.join(folder, 'data', 'war-room', LINKS_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(folder, 'data', 'war-room', 'war-room-tokens.json'))).mode & 0o777).toBe(0o600);
    const tokens = await Promise.all([...(await links()).keys()].map(tokenOf));
    expect(new Set(tokens).size).toBe(3);
    for (const token of tokens) expect(token.length).toBeGreaterThanOrEqual(43);
  });

  it('takes the link from a person the plan no longer lists, and gives a new one back', async () => {
    const before = await tokenOf('bob@ops-1');
    people = ['alice'];
    for (const nudge of nudges) nudge({ events: [{ type: 'plan.changed' }] } as unknown as EventBatch);
    await expect.poll(async () => [...(await links()).keys()]).toEqual([SHARED_SCREEN, 'alice']);
    const refused = await send('POST', '/api/command/core.info', { authorization: `Bearer ${before}` }, '{}');
    expect(refused.status).toBe(401);
    people = ['alice', 'bob@ops-1'];
    for (const nudge of nudges) nudge({ events: [{ type: 'plan.changed' }] } as unknown as EventBatch);
    await expect.poll(async () => (await links()).has('bob@ops-1')).toBe(true);
    expect(await tokenOf('bob@ops-1')).not.toBe(before);
  });

  it('closes the event stream of a person the plan no longer lists', async () => {
    const token = await tokenOf('bob@ops-1');
    const ca = await readFile(path.join(folder, 'data', 'war-room', 'war-room-cert.pem'), 'utf8');
    const socket = new WebSocket(`${room.origin.replace('https', 'wss')}/api/events`, { headers: { cookie: `${WAR_ROOM_COOKIE}=${token}` }, ca });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    people = ['alice'];
    for (const nudge of nudges) nudge({ events: [{ type: 'plan.changed' }] } as unknown as EventBatch);
    expect(await closed).toBe(4401);
    people = ['alice', 'bob@ops-1'];
    for (const nudge of nudges) nudge({ events: [{ type: 'plan.changed' }] } as unknown as EventBatch);
    await expect.poll(async () => (await links()).has('bob@ops-1')).toBe(true);
  });

  it('opens a few windows on one link, not without end', async () => {
    const token = await tokenOf('bob@ops-1');
    const ca = await readFile(path.join(folder, 'data', 'war-room', 'war-room-cert.pem'), 'utf8');
    const open = () =>
      new Promise<WebSocket | number>((resolve) => {
        const socket = new WebSocket(`${room.origin.replace('https', 'wss')}/api/events`, { headers: { cookie: `${WAR_ROOM_COOKIE}=${token}` }, ca });
        socket.once('open', () => resolve(socket));
        socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        socket.once('error', () => undefined);
      });
    const opened = [];
    for (let n = 0; n < 8; n += 1) opened.push(await open());
    expect(opened.every((socket) => typeof socket !== 'number')).toBe(true);
    expect(await open()).toBe(429);
    await Promise.all(opened.map((socket) => new Promise((resolve) => ((socket as WebSocket).once('close', resolve), (socket as WebSocket).close()))));
    await expect.poll(() => watchersTold.at(-1)).toEqual([]);
  });

  it('keeps the links while no plan is loaded (who is on the team is not known then)', async () => {
    const before = await tokenOf('alice');
    const kept = people;
    people = undefined;
    for (const nudge of nudges) nudge({ events: [{ type: 'plan.changed' }] } as unknown as EventBatch);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await tokenOf('alice')).toBe(before);
    people = kept;
  });

  it('streams events to a person and logs who watches, never a token', async () => {
    const token = await tokenOf('alice');
    const ca = await readFile(path.join(folder, 'data', 'war-room', 'war-room-cert.pem'), 'utf8');
    const socket = new WebSocket(`${room.origin.replace('https', 'wss')}/api/events`, { headers: { cookie: `${WAR_ROOM_COOKIE}=${token}` }, ca });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    await expect.poll(() => logged.some((line) => line.includes('alice is watching (watching now: alice)'))).toBe(true);
    socket.close();
    await expect.poll(() => logged.some((line) => line.includes('alice stopped watching (watching now: nobody)'))).toBe(true);
    // The core is told who watches (in team mode the whole team sees them present).
    expect(watchersTold.slice(-2)).toEqual([['alice'], []]);
    const tokens = await Promise.all([...(await links()).keys()].map(tokenOf));
    for (const line of logged) for (const secret of tokens) expect(line).not.toContain(secret);
  });

  it('keeps the certificate and the links across a restart', async () => {
    const [fingerprint, alice] = [room.fingerprint, await tokenOf('alice')];
    await room.close();
    room = await startRoom();
    expect(room.fingerprint).toBe(fingerprint);
    expect(room.certificateMade).toBeUndefined();
    expect(await tokenOf('alice')).toBe(alice);
    expect((await command('core.info', {}, 'alice')).status).toBe(200);
  });
});
