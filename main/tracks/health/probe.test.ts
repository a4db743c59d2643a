// Probes a real loopback HTTP server: statuses, a hung answer, a refused connection, a body never read.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeHealth } from './probe';

let server: Server;
let base: string;
const open = new Set<Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ok') return void res.end('{"status":"ok"}');
    if (req.url === '/down') return void res.writeHead(503).end('{"status":"unhealthy"}');
    if (req.url === '/why') return void res.writeHead(503).end('{"status":"unhealthy","reason":"database lost"}');
    if (req.url === '/text') return void res.writeHead(500).end(`Internal error\n${'stack line\n'.repeat(10)}`);
    if (req.url === '/flood') {
      res.writeHead(503);
      const timer = setInterval(() => res.write('y'.repeat(64 * 1024)), 5);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (req.url === '/endless') {
      res.writeHead(200);
      const timer = setInterval(() => res.write('x'.repeat(64 * 1024)), 5);
      res.on('close', () => clearInterval(timer));
      return;
    }
    // '/hang': no answer at all
  });
  server.on('connection', (socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of open) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('a health probe', () => {
  it('is ok on the expected status', async () => {
    const result = await probeHealth(`${base}/ok`, { expectStatus: 200, timeoutMs: 2_000 });
    expect(result).toMatchObject({ httpStatus: 200, ok: true, problem: null });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('says the status it got and the one it expected', async () => {
    expect(await probeHealth(`${base}/down`, { expectStatus: 200, timeoutMs: 2_000 })).toMatchObject({
      httpStatus: 503,
      ok: false,
      problem: 'HTTP 503, expected 200: unhealthy',
    });
    expect(await probeHealth(`${base}/down`, { expectStatus: 503, timeoutMs: 2_000 })).toMatchObject({ ok: true });
  });

  it('says why a failing endpoint fails, from the first kilobyte of its answer only', async () => {
    const expectOk = { expectStatus: 200, timeoutMs: 2_000 };
    expect((await probeHealth(`${base}/why`, expectOk)).problem).toBe('HTTP 503, expected 200: database lost');
    expect((await probeHealth(`${base}/text`, expectOk)).problem).toBe('HTTP 500, expected 200: Internal error');
    const flood = await probeHealth(`${base}/flood`, expectOk);
    expect(flood.problem).toBe(`HTTP 503, expected 200: ${'y'.repeat(159)}…`);
  });

  it('gives up on a hung endpoint after its timeout', async () => {
    expect(await probeHealth(`${base}/hang`, { expectStatus: 200, timeoutMs: 200 })).toMatchObject({
      httpStatus: null,
      ok: false,
      problem: 'no answer within 0.2 s',
    });
  });

  it('does not read an endless body', async () => {
    expect(await probeHealth(`${base}/endless`, { expectStatus: 200, timeoutMs: 2_000 })).toMatchObject({ httpStatus: 200, ok: true });
  });

  it('says a refused connection in words', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await probeHealth(`http://127.0.0.1:${port}/`, { expectStatus: 200, timeoutMs: 2_000 })).toMatchObject({ ok: false, problem: 'connection refused' });
  });

  it('refuses what is not an http URL, and never sends credentials', async () => {
    expect((await probeHealth('not a url', { expectStatus: 200, timeoutMs: 100 })).problem).toBe('the health URL is not a URL');
    expect((await probeHealth('file:///etc/passwd', { expectStatus: 200, timeoutMs: 100 })).problem).toBe('the health URL is file, not http or https');
    let called = false;
    const spy: typeof fetch = async () => {
      called = true;
      return new Response('');
    };
    const result = await probeHealth('http://user:canary-secret@127.0.0.1/', { expectStatus: 200, timeoutMs: 100, fetch: spy });
    expect(called).toBe(false);
    expect(result.problem).toBe('the health URL carries credentials; the probe does not send them');
    expect(JSON.stringify(result)).not.toContain('canary-secret');
  });
});
