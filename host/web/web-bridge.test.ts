import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { startCockpitCore, type CockpitCore } from '../../main/core/cockpit-core';
import { COCKPIT_TRACKS } from '../compose';
import type { EventBatch } from '../../main/api/contract';
import { ALL_COMMAND_NAMES } from '../../common/commands';
import { TOKEN_COOKIE, startWebBridge, type WebBridge } from './web-bridge';

const DEMO_PLAN = path.resolve(import.meta.dirname, '../../examples/demo/migration.yaml');

let folder: string;
let core: CockpitCore;
let bridge: WebBridge;
let host: string;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(method: string, pathname: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${bridge.origin}${pathname}`, { method, headers: { host, ...headers } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

const auth = () => ({ authorization: `Bearer ${bridge.token}` });
const command = (name: string, body: unknown, headers: Record<string, string> = auth()) =>
  send('POST', `/api/command/${name}`, { 'content-type': 'application/json', ...headers }, JSON.stringify(body));

/** Writes raw bytes and collects the answer until the server closes the connection; rejects after 3 s (a hang). */
function exchange(bytes: string | Buffer, origin = bridge.origin): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(origin).port), '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close within 3 s; got ${JSON.stringify(Buffer.concat(chunks).toString('latin1').slice(0, 200))}`));
    }, 3000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    socket.write(bytes);
  });
}

const statusOf = (answer: Buffer) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer.toString('latin1'))?.[1] ?? 0);
const rawRequest = (requestLine: string, headers: string[]) => `${requestLine}\r\n${[...headers, 'connection: close'].join('\r\n')}\r\n\r\n`;

function openSocket(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${bridge.origin.replace('http', 'ws')}/api/events`, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`refused with ${response.statusCode}`)));
    socket.once('error', reject);
  });
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'mc-bridge-'));
  await mkdir(path.join(folder, 'static'));
  await writeFile(path.join(folder, 'static', 'index.html'), '<!doctype html><title>cockpit</title>');
  await writeFile(path.join(folder, 'secret.txt'), 'outside');
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
  bridge = await startWebBridge({ dispatch: core.dispatch, subscribe: core.subscribe, staticDir: path.join(folder, 'static') });
  host = new URL(bridge.origin).host;
});

afterAll(async () => {
  await bridge.close();
  await core.close();
  await rm(folder, { recursive: true, force: true });
});

describe('web bridge: who may talk to it', () => {
  it('listens on loopback only and prints a URL carrying the token', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bridge.url).toBe(`${bridge.origin}/?token=${bridge.token}`);
    expect(bridge.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses a command without a token', async () => {
    const reply = await command('plan.get', {}, {});
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code: 'transport', message: 'missing or wrong token' } });
  });

  it('refuses a command with a wrong token of the same length', async () => {
    const wrong = bridge.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await command('plan.get', {}, { authorization: `Bearer ${wrong}` })).status).toBe(401);
  });

  it('refuses static files without a token', async () => {
    expect((await send('GET', '/')).status).toBe(401);
  });

  it('refuses a foreign origin even with the token', async () => {
    const reply = await command('plan.get', {}, { ...auth(), origin: 'http://evil.example' });
    expect(reply.status).toBe(403);
    expect(reply.body).toContain('foreign origin');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const reply = await send('POST', '/api/command/plan.get', { ...auth(), host: 'rebind.example:80' }, '{}');
    expect(reply.status).toBe(403);
  });

  it('accepts its own origin', async () => {
    const reply = await command('plan.get', {}, { ...auth(), origin: bridge.origin });
    expect(reply.status).toBe(200);
  });

  it('trades the token in the URL for an HttpOnly, SameSite=Strict cookie and drops it from the address', async () => {
    const reply = await send('GET', `/?token=${bridge.token}`);
    // A page that moves on by itself (not a redirect), so the next request is same-site even when this one came
    // from a launcher page on file://, and the Strict cookie goes with it.
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<meta http-equiv="refresh" content="0;url=/">');
    expect(reply.body).not.toContain(bridge.token);
    expect(String(reply.headers['set-cookie'])).toBe(`${TOKEN_COOKIE}=${bridge.token}; HttpOnly; SameSite=Strict; Path=/`);
    const page = await send('GET', '/', { cookie: `${TOKEN_COOKIE}=${bridge.token}` });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('does not serve files outside the renderer folder', async () => {
    expect((await send('GET', '/..%2F..%2Fetc%2Fpasswd', auth())).status).toBe(404);
    expect((await send('GET', '/%2e%2e/secret.txt', auth())).status).toBe(404);
    expect((await send('GET', '/..%2Fsecret.txt', auth())).status).toBe(404);
  });

  it('refuses an event socket without a token, or from a foreign origin', async () => {
    await expect(openSocket({})).rejects.toThrow(/401/);
    await expect(openSocket({ ...auth(), origin: 'http://evil.example' })).rejects.toThrow(/403/);
  });
});

describe('web bridge: the contract over HTTP and WebSocket', () => {
  it('answers commands with the contract envelope', async () => {
    const reply = await command('plan.get', {});
    const body = JSON.parse(reply.body);
    expect(body.ok).toBe(true);
    expect(body.value.status).toBe('loaded');
    expect(body.value.plan.waves.map((wave: { id: string }) => wave.id)).toEqual([
      'wave-0',
      'wave-1',
      'wave-2',
      'wave-3',
      'wave-4',
      'wave-5',
      'wave-6',
      'wave-7',
    ]);
  });

  it('never sends secret values, only where they come from', async () => {
    const snapshot = JSON.parse((await command('plan.get', {})).body).value;
    const stack = snapshot.plan.stacks.find((s: { id: string }) => s.id === 'platform-production/app1101');
    expect(stack.config.find((entry: { key: string }) => entry.key === 'dbPassword')).toEqual({
      key: 'dbPassword',
      kind: 'secret',
      sourceEnv: 'APP1101_DB_PASSWORD',
    });
  });

  it('rejects a body that is not JSON', async () => {
    const reply = await send('POST', '/api/command/plan.open', auth(), '{"file":');
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).error.code).toBe('bad-request');
  });

  it('routes every command of the contract, hyphenated names included (a malformed request reaches its validation)', async () => {
    const statuses = await Promise.all(ALL_COMMAND_NAMES.map(async (name) => [name, (await command(name, [])).status] as const));
    expect(statuses.filter(([, status]) => status !== 400)).toEqual([]);
    expect(ALL_COMMAND_NAMES).toContain('keyspaces.bulk-load.start');
  });

  it('rejects a malformed request and an unknown command', async () => {
    expect((await command('plan.open', { file: 12 })).status).toBe(400);
    expect((await command('plan.explode', {})).status).toBe(404);
  });

  it('answers a refusal by the core with 200 and ok: false, keeping 4xx for messages outside the contract', async () => {
    const reply = await command('stack.operate', { stackId: 'platform-production/nope', kind: 'up' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false });
  });

  it('refuses commands over GET', async () => {
    expect((await send('GET', '/api/command/plan.get', auth())).status).toBe(405);
  });

  it('streams event batches to an authorized socket', async () => {
    const socket = await openSocket({ cookie: `${TOKEN_COOKIE}=${bridge.token}`, origin: bridge.origin });
    const received = new Promise<EventBatch>((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
    expect((await command('plan.reload', {})).status).toBe(200);
    const batch = await received;
    expect(batch.sequence).toBeGreaterThanOrEqual(1);
    // The DMS monitor restarts with the plan and reports on its tasks after it.
    // The plan, then the runbooks of its four waves with a cutover block (the monitor's and readiness's events may come along).
    expect(batch.events.map((event) => event.type).filter((type) => type === 'plan.changed' || type === 'cutover.updated')).toEqual([
      'plan.changed',
      'cutover.updated',
      'cutover.updated',
      'cutover.updated',
      'cutover.updated',
    ]);
    socket.close();
  });

  it('reports an unreadable plan file as an invalid plan, not a failure', async () => {
    const body = JSON.parse((await command('plan.open', { file: path.join(folder, 'missing.yaml') })).body);
    // A plan runs, so it keeps running: the file that could not be read is shown beside it.
    expect(body).toMatchObject({
      ok: true,
      value: { status: 'loaded', rejected: { kind: 'open', issues: [{ message: 'cannot read the plan: file not found' }] } },
    });
    await command('plan.open', { file: DEMO_PLAN });
  });
});

describe('web bridge: malformed input never ends the process', () => {
  const coreAnswers = async () => expect((await command('core.info', {})).status).toBe(200);

  it('answers malformed percent-encoding in a path with 400', async () => {
    for (const pathname of ['/%', '/%zz', '/%E0%A4%A', '/%00', '/assets/%C0%AF']) {
      expect((await send('GET', pathname, auth())).status, pathname).toBe(400);
    }
    await coreAnswers();
  });

  it('answers a request target that is not a path with 400, and reads `//x` as a path, not a host', async () => {
    const bearer = `authorization: Bearer ${bridge.token}`;
    expect(statusOf(await exchange(rawRequest('GET * HTTP/1.1', [`host: ${host}`, bearer])))).toBe(400);
    expect(statusOf(await exchange(rawRequest('GET http://evil.example/ HTTP/1.1', [`host: ${host}`, bearer])))).toBe(400);
    expect((await send('GET', '//', auth())).status).toBe(404);
    const traded = await send('GET', `//evil.example/?token=${bridge.token}`);
    expect(traded.status).toBe(200);
    expect(traded.body).toContain('content="0;url=/evil.example/"');
    await coreAnswers();
  });

  it('requires exactly one Host header', async () => {
    const bearer = `authorization: Bearer ${bridge.token}`;
    const duplicated = await exchange(rawRequest('POST /api/command/core.info HTTP/1.1', [`host: ${host}`, `host: ${host}`, bearer, 'content-length: 0']));
    expect(statusOf(duplicated)).toBe(400);
    expect(statusOf(await exchange(rawRequest('POST /api/command/core.info HTTP/1.1', [bearer, 'content-length: 0'])))).toBe(400);
    expect(statusOf(await exchange(rawRequest('POST /api/command/core.info HTTP/1.1', [`host: ${host}`, bearer, 'content-length: 0'])))).toBe(200);
  });

  it('answers a body over the limit with 413, declared or streamed, and survives a body cut short', async () => {
    const head = ['POST /api/command/core.info HTTP/1.1', `host: ${host}`, `authorization: Bearer ${bridge.token}`];
    expect(statusOf(await exchange(`${head.join('\r\n')}\r\ncontent-length: ${2 << 20}\r\n\r\n`))).toBe(413);
    const chunk = 'x'.repeat((1 << 20) + 1);
    const streamed = `${head.join('\r\n')}\r\ntransfer-encoding: chunked\r\n\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n`;
    expect(statusOf(await exchange(streamed))).toBe(413);
    // The server waits for the rest of the body; the client leaves instead.
    const cut = connect(Number(new URL(bridge.origin).port), '127.0.0.1');
    cut.on('error', () => {});
    await new Promise<void>((resolve) => cut.write(`${head.join('\r\n')}\r\ncontent-length: 100\r\n\r\n{"a":`, () => resolve()));
    cut.destroy();
    await coreAnswers();
  });

  it('survives clients that reset the connection right after asking for a refused event socket', async () => {
    for (let i = 0; i < 10; i++) {
      const socket = connect(Number(new URL(bridge.origin).port), '127.0.0.1');
      socket.on('error', () => {});
      const request = rawRequest('GET /api/events HTTP/1.1', [`host: ${host}`, 'upgrade: websocket', 'connection: upgrade']);
      // The refusal is written to a socket the client has reset: an 'error' event nobody listened to was uncaught.
      await new Promise<void>((resolve) => socket.write(request, () => resolve()));
      socket.resetAndDestroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    await coreAnswers();
  });

  it('closes an event socket that sends a malformed frame with 1002, and only that socket', async () => {
    const witness = await openSocket(auth());
    const handshake = rawRequest('GET /api/events HTTP/1.1', [
      `host: ${host}`,
      `authorization: Bearer ${bridge.token}`,
      'upgrade: websocket',
      'connection: upgrade',
      'sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==',
      'sec-websocket-version: 13',
    ]).replace('connection: close\r\n', '');
    // A masked frame with the reserved opcode 0x3.
    const answer = await exchange(Buffer.concat([Buffer.from(handshake), Buffer.from([0x83, 0x80, 1, 2, 3, 4])]));
    expect(answer.toString('latin1')).toMatch(/^HTTP\/1\.1 101 /);
    const frames = answer.subarray(answer.indexOf('\r\n\r\n') + 4);
    expect([...frames.subarray(0, 4)]).toEqual([0x88, 0x02, 0x03, 0xea]);
    const received = new Promise<EventBatch>((resolve) => witness.once('message', (data) => resolve(JSON.parse(String(data)))));
    await command('plan.reload', {});
    expect((await received).sequence).toBeGreaterThanOrEqual(1);
    witness.close();
  });

  it('answers a failure inside the bridge with 500 and reports it, without the query', async () => {
    const onError = vi.fn();
    const failing = await startWebBridge({
      dispatch: () => Promise.reject(new Error('handler bug')),
      subscribe: () => () => {},
      staticDir: path.join(folder, 'static'),
      onError,
    });
    try {
      const head = [`host: ${new URL(failing.origin).host}`, `authorization: Bearer ${failing.token}`, 'content-length: 0'];
      const answer = await exchange(rawRequest('POST /api/command/core.info?note=private HTTP/1.1', head), failing.origin);
      expect(statusOf(answer)).toBe(500);
      expect(answer.toString()).toContain('internal error');
      expect(onError).toHaveBeenCalledExactlyOnceWith(new Error('handler bug'), 'POST /api/command/core.info');
    } finally {
      await failing.close();
    }
  });
});
