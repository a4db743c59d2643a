// The bounded body reader against a real HTTP server and raw sockets: within the limit, announced over it, sent
// over it (stopped or drained), and a client that leaves mid-body.
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readBoundedBody, type BodyLimits, type BodyRead } from './bounded-body';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Starts a server that reads each body with `limits` and answers with the status it implies; returns each read. */
async function serve(limits: BodyLimits): Promise<{ port: number; reads: BodyRead[] }> {
  const reads: BodyRead[] = [];
  server = createServer((request, response) => {
    void readBoundedBody(request, limits).then((read) => {
      reads.push(read);
      if (!read.ok && read.problem === 'too-large') response.setHeader('connection', 'close');
      response.writeHead(read.ok ? 200 : read.problem === 'too-large' ? 413 : 400).end(read.ok ? `${read.text.length}` : read.problem);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, reads };
}

/** Sends raw bytes; resolves with the status line the server answered (or 'reset' / 'no answer'). */
function exchange(port: number, raw: string, endEarly = false): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', () => resolve(answer.split('\r\n')[0] || 'reset'));
    socket.on('close', () => resolve(answer.split('\r\n')[0] || 'no answer'));
    socket.write(raw, () => (endEarly ? socket.destroy() : undefined));
  });
}

const post = (headers: string[], body: string) => `POST / HTTP/1.1\r\nhost: x\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n${body}`;

describe('readBoundedBody', () => {
  it('returns a body within the limit as text', async () => {
    const { port, reads } = await serve({ maxBytes: 16 });
    // 'é' is two bytes in UTF-8: 5 bytes, 4 characters.
    expect(await exchange(port, post(['content-length: 5', 'connection: close'], 'hélo'))).toBe('HTTP/1.1 200 OK');
    expect(reads).toEqual([{ ok: true, text: 'hélo' }]);
  });

  it('refuses a body announced over the limit without reading it', async () => {
    const { port, reads } = await serve({ maxBytes: 16 });
    expect(await exchange(port, post(['content-length: 17'], ''))).toBe('HTTP/1.1 413 Payload Too Large');
    expect(reads).toEqual([{ ok: false, problem: 'too-large' }]);
  });

  it('stops at the limit of a chunked body sent over it', async () => {
    const { port, reads } = await serve({ maxBytes: 16 });
    const status = await exchange(port, post(['transfer-encoding: chunked'], `20\r\n${'x'.repeat(32)}\r\n0\r\n\r\n`));
    expect(status).toBe('HTTP/1.1 413 Payload Too Large');
    expect(reads).toEqual([{ ok: false, problem: 'too-large' }]);
  });

  it('with a drain allowance, reads a moderately oversized body to its end and answers 413 on a live connection', async () => {
    const { port, reads } = await serve({ maxBytes: 16, drainBytes: 64 });
    const status = await exchange(port, post(['content-length: 40', 'connection: close'], 'y'.repeat(40)));
    expect(status).toBe('HTTP/1.1 413 Payload Too Large');
    expect(reads).toEqual([{ ok: false, problem: 'too-large' }]);
  });

  it('with a drain allowance, cuts a body sent past it', async () => {
    const { port, reads } = await serve({ maxBytes: 16, drainBytes: 64 });
    await exchange(port, post(['transfer-encoding: chunked'], `80\r\n${'z'.repeat(128)}\r\n0\r\n\r\n`));
    await expect.poll(() => reads).toEqual([{ ok: false, problem: 'too-large' }]);
  });

  it('says the body ended early when the client leaves mid-body', async () => {
    const { port, reads } = await serve({ maxBytes: 16 });
    await exchange(port, post(['content-length: 10'], 'abc'), true);
    await expect.poll(() => reads).toEqual([{ ok: false, problem: 'ended-early' }]);
  });
});
