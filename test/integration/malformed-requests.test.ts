// "The core never dies from input": the real headless cockpit (its own process) takes a corpus of malformed HTTP
// and WebSocket input over raw TCP, with the valid token (an attacker who holds it) and without. After every entry
// it must still answer a good command, the process must be alive, and an entry the server could parse must get a
// 4xx (a 101 and a close frame for a WebSocket), never a 5xx or a hang. Nothing may reach the process guard.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from './harness';

const ANSWER_TIMEOUT_MS = 4000;

let child: ChildProcess | undefined;
let dir = '';
let output = '';
let port = 0;
let token = '';

// ---- the wire ----

const CRLF = '\r\n';
const host = () => `Host: 127.0.0.1:${port}`;
const bearer = () => `Authorization: Bearer ${token}`;

/** One HTTP/1.1 message; `Connection: close` lets the exchange end when the server has answered. */
function message(requestLine: string, headers: readonly string[], body: string | Buffer = ''): Buffer {
  return Buffer.concat([Buffer.from([requestLine, ...headers, 'Connection: close', '', ''].join(CRLF), 'latin1'), Buffer.from(body)]);
}

const command = (headers: readonly string[], body: string | Buffer, name = 'core.info') =>
  message(`POST /api/command/${name} HTTP/1.1`, [host(), bearer(), ...headers], body);
const jsonCommand = (body: string | Buffer, name = 'core.info') =>
  command([`Content-Length: ${Buffer.byteLength(body)}`, 'Content-Type: application/json'], body, name);

const WS_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
function upgrade(target: string, headers: readonly string[] = [host(), bearer()], method = 'GET'): Buffer {
  return Buffer.from(
    [
      `${method} ${target} HTTP/1.1`,
      ...headers,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${WS_KEY}`,
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join(CRLF),
    'latin1',
  );
}

/** A client frame (masked unless told otherwise). */
function frame(opcode: number, payload: Buffer | string, options: { fin?: boolean; mask?: boolean; rsv?: number } = {}): Buffer {
  const data = Buffer.from(payload);
  const { fin = true, mask = true, rsv = 0 } = options;
  const length = data.length < 126 ? [data.length] : data.length < 1 << 16 ? [126, data.length >> 8, data.length & 0xff] : [127, ...bigEndian64(data.length)];
  const key = [0x12, 0x34, 0x56, 0x78];
  const head = Buffer.from([(fin ? 0x80 : 0) | (rsv << 4) | opcode, (mask ? 0x80 : 0) | length[0]!, ...length.slice(1), ...(mask ? key : [])]);
  return Buffer.concat([head, mask ? data.map((byte, i) => byte ^ key[i % 4]!) : data]);
}

function bigEndian64(value: number): number[] {
  return Array.from({ length: 8 }, (_, i) => Number((BigInt(value) >> BigInt(8 * (7 - i))) & 0xffn));
}

const closePayload = (code: number) => Buffer.from([code >> 8, code & 0xff]);

interface Answer {
  readonly bytes: Buffer;
  /** The status of the first response after any 100 Continue, if one arrived. */
  readonly status: number | undefined;
  /** The code of the first close frame the server sent after a 101. */
  readonly closeCode: number | undefined;
}

/**
 * Writes the parts in order and collects the answer until the server closes the connection; with `leave`, the
 * client closes (or resets) right after writing instead. Rejects when the server neither answers nor closes in
 * time (a hang).
 */
function exchange(parts: readonly Buffer[], leave?: Leave): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseAnswer(Buffer.concat(chunks)));
    };
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer and no close within ${ANSWER_TIMEOUT_MS} ms; got ${JSON.stringify(Buffer.concat(chunks).toString('latin1').slice(0, 300))}`));
    }, ANSWER_TIMEOUT_MS);
    socket.on('data', (chunk) => chunks.push(chunk));
    // A reset after the server answered and closed is fine: what arrived before it counts.
    socket.on('error', () => {});
    socket.on('close', finish);
    const write = (index: number) => {
      if (index === parts.length) {
        if (leave === 'reset') socket.resetAndDestroy();
        else if (leave === 'close') setTimeout(finish, 50);
        return;
      }
      socket.write(parts[index]!, (error) => (error ? undefined : write(index + 1)));
    };
    write(0);
  });
}

function parseAnswer(bytes: Buffer): Answer {
  const text = bytes.toString('latin1');
  const statuses = [...text.matchAll(/^HTTP\/1\.1 (\d{3}) /gm)].map((match) => Number(match[1]));
  const status = statuses.find((code) => code !== 100);
  let closeCode: number | undefined;
  if (status === 101) {
    // Server frames are unmasked: walk them (event batches may come first) to the close frame.
    let at = bytes.indexOf('\r\n\r\n') + 4;
    while (at + 2 <= bytes.length && closeCode === undefined) {
      const opcode = bytes[at]! & 0x0f;
      let length = bytes[at + 1]! & 0x7f;
      let start = at + 2;
      if (length === 126) [length, start] = [bytes.readUInt16BE(at + 2), at + 4];
      else if (length === 127) [length, start] = [Number(bytes.readBigUInt64BE(at + 2)), at + 10];
      if (opcode === 0x8 && length >= 2 && start + 2 <= bytes.length) closeCode = bytes.readUInt16BE(start);
      at = start + length;
    }
  }
  return { bytes, status, closeCode };
}

// ---- the corpus ----

/** How a client leaves mid-message: closing its socket, or resetting it (TCP RST) so the server's next write fails. */
type Leave = 'close' | 'reset';

type Expectation =
  | { readonly status: number | 'client error' }
  | { readonly closeCode: number }
  /** The client leaves: no answer to check, only that the core lives on. */
  | { readonly leave: Leave };

interface CorpusEntry {
  readonly name: string;
  readonly send: () => Buffer[];
  readonly expect: Expectation;
}

/** An HTTP entry the server must answer with `status`. */
const http = (name: string, status: number | 'client error', send: () => Buffer): CorpusEntry => ({ name, send: () => [send()], expect: { status } });
/** An accepted event socket that sends `bad`: the server must close it with `closeCode`. */
const ws = (name: string, closeCode: number, bad: () => Buffer): CorpusEntry => ({ name, send: () => [upgrade('/api/events'), bad()], expect: { closeCode } });
/** The client writes `parts`, then leaves. */
const leaves = (name: string, leave: Leave, ...parts: (() => Buffer)[]): CorpusEntry => ({ name, send: () => parts.map((part) => part()), expect: { leave } });

const raw = (text: string, encoding: BufferEncoding = 'latin1') => Buffer.from(text, encoding);
const get = (target: string, withToken: boolean) => message(`GET ${target} HTTP/1.1`, withToken ? [host(), bearer()] : [host()]);
const EMPTY = 'Content-Length: 0';

const TARGETS: readonly { target: string; status: number }[] = [
  { target: '/%', status: 400 },
  { target: '/%zz', status: 400 },
  { target: '/%E0%A4%A', status: 400 },
  { target: '/%00', status: 400 },
  { target: '/%C0%AF', status: 400 }, // overlong UTF-8 for '/'
  { target: '/%C0%AE%C0%AE/%C0%AE%C0%AE/etc/passwd', status: 400 },
  { target: '/..%2f..%2fetc%2fpasswd', status: 404 },
  { target: '/%2e%2e/%2e%2e/package.json', status: 404 },
  { target: '/assets/%2e%2e%5c%2e%2e%5cpackage.json', status: 404 },
  { target: `/${'a'.repeat(64 * 1024)}`, status: 431 },
  { target: '*', status: 400 },
  { target: 'http://evil.example/', status: 400 },
  { target: 'evil.example:443', status: 400 },
  { target: '//', status: 404 },
  { target: '//evil.example/x', status: 404 },
  { target: '/api/command/core.info%', status: 400 },
];

const URL_ENTRIES: CorpusEntry[] = TARGETS.flatMap(({ target, status }) => {
  const shown = target.length > 60 ? `${target.slice(0, 12)}… (${target.length} chars)` : target;
  // Without the token the refusal comes first, unless the server cannot even read the target.
  const withoutToken = status === 431 || (status === 400 && !target.startsWith('/')) ? status : 401;
  return [http(`URL ${shown} with the token`, status, () => get(target, true)), http(`URL ${shown} without the token`, withoutToken, () => get(target, false))];
});

const HEADER_ENTRIES: CorpusEntry[] = [
  http('no Host header', 400, () => message('POST /api/command/core.info HTTP/1.1', [bearer(), EMPTY])),
  http('no Host header, HTTP/1.0', 400, () => raw(`POST /api/command/core.info HTTP/1.0\r\n${bearer()}\r\n${EMPTY}\r\n\r\n`)),
  http('two Host headers', 400, () => command([host(), EMPTY], '')),
  http('a foreign Host header', 403, () => message('POST /api/command/core.info HTTP/1.1', ['Host: evil.example', bearer(), EMPTY])),
  http('a 64 KiB header', 431, () => command([`X-Padding: ${'p'.repeat(64 * 1024)}`, EMPTY], '')),
  http('a header value with NUL', 400, () => command(['X-Evil: a\0b', EMPTY], '')),
  http('a header value with a bare CR', 400, () => command(['X-Evil: a\rb', EMPTY], '')),
  http('a header name with a space', 400, () => command(['X Evil: a', EMPTY], '')),
  http('an obsolete folded header line', 400, () => command(['X-Folded: a', ' b', EMPTY], '')),
  http('Content-Length not a number', 400, () => command(['Content-Length: abc'], '{}')),
  http('Content-Length negative', 400, () => command(['Content-Length: -1'], '{}')),
  http('two different Content-Length headers', 400, () => command(['Content-Length: 2', 'Content-Length: 3'], '{}')),
  http('Content-Length and Transfer-Encoding', 400, () => command(['Content-Length: 2', 'Transfer-Encoding: chunked'], '2\r\n{}\r\n0\r\n\r\n')),
  http('Transfer-Encoding not ending in chunked', 400, () => command(['Transfer-Encoding: chunked, gzip'], '{}')),
  http('a chunk size that is not hex', 400, () => command(['Transfer-Encoding: chunked'], 'zz\r\n{}\r\n0\r\n\r\n')),
  http('a chunk longer than announced', 400, () => command(['Transfer-Encoding: chunked'], '1\r\n{}\r\n0\r\n\r\n')),
  http('a chunk size of 2^72', 400, () => command(['Transfer-Encoding: chunked'], 'ffffffffffffffffff\r\n{}\r\n')),
  http('an unknown method', 400, () => message('BREW /api/command/core.info HTTP/1.1', [host(), bearer()])),
  http('DELETE on a command', 405, () => message('DELETE /api/command/core.info HTTP/1.1', [host(), bearer()])),
  http('an HTTP/2 preface', 'client error', () => raw('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n')),
  http('HTTP/0.9', 400, () => raw('GET /\r\n\r\n')),
  http('an unknown HTTP version', 'client error', () => raw(`GET / HTTP/7.3\r\n${host()}\r\n\r\n`)),
  http('binary garbage (a TLS hello)', 400, () => Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03])),
  http('Expect: something unknown', 417, () => command(['Expect: teapot', 'Content-Length: 2'], '{}')),
];

const withCookie = (value: string) => message('POST /api/command/core.info HTTP/1.1', [host(), `Cookie: ${value}`, EMPTY]);
const COOKIE_ENTRIES: CorpusEntry[] = [
  http('cookie mc_token=%', 401, () => withCookie('mc_token=%')),
  http('cookie mc_token=%zz%E0%A4%A', 401, () => withCookie('mc_token=%zz%E0%A4%A')),
  http('cookie without =', 401, () => withCookie('mc_token')),
  http('100 cookies', 401, () => withCookie(Array.from({ length: 100 }, (_, i) => `c${i}=${'v'.repeat(50)}`).join('; '))),
  http('100 cookies, the token last', 200, () => withCookie([...Array.from({ length: 99 }, (_, i) => `c${i}=v`), `mc_token=${token}`].join('; '))),
  http('a unicode cookie (UTF-8 bytes)', 401, () =>
    raw(`POST /api/command/core.info HTTP/1.1\r\n${host()}\r\nCookie: mc_token=ü€😀\r\n${EMPTY}\r\nConnection: close\r\n\r\n`, 'utf8'),
  ),
  http('the token with its last character changed', 401, () => withCookie(`mc_token=${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)),
  http('a bearer token with %00 after it', 401, () => message('POST /api/command/core.info HTTP/1.1', [host(), `Authorization: Bearer ${token}%00`, EMPTY])),
];

const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const OVER_LIMIT = `Content-Length: ${2 << 20}`;
const BODY_ENTRIES: CorpusEntry[] = [
  http('a body that is not JSON', 400, () => jsonCommand('{"file":')),
  http('a body that is not UTF-8', 400, () => jsonCommand(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))),
  http('JSON nested 100000 deep (arrays)', 400, () => jsonCommand(deepArray(100_000))),
  http('JSON nested 100000 deep (objects)', 400, () => jsonCommand(deepObject(100_000))),
  http('JSON nested 100000 deep inside a field', 400, () => jsonCommand(`{"file":${deepObject(100_000)}}`, 'plan.open')),
  http('a __proto__ key', 400, () => jsonCommand('{"__proto__":{"polluted":true}}')),
  http('a body over 1 MiB, announced', 413, () => command([OVER_LIMIT], '')),
  http('a body over 1 MiB, sent', 413, () => jsonCommand(`"${'x'.repeat(1 << 20)}"`)),
  http('a body over 1 MiB, chunked', 413, () => command(['Transfer-Encoding: chunked'], `100001\r\n${'x'.repeat(0x100001)}\r\n0\r\n\r\n`)),
  http('Expect: 100-continue with a body that is not JSON', 400, () => command(['Expect: 100-continue', 'Content-Length: 3'], '{{{')),
  http('Expect: 100-continue with a body over 1 MiB', 413, () => command(['Expect: 100-continue', OVER_LIMIT], '')),
  http('an unknown command', 404, () => jsonCommand('{}', 'plan.explode')),
  leaves('a body cut short, then the socket closed', 'close', () => command(['Content-Length: 100'], '{"a":')),
  leaves('a chunked body cut short, then the socket closed', 'close', () => command(['Transfer-Encoding: chunked'], '10\r\n{"a"')),
  leaves('headers cut short, then the socket closed', 'close', () => raw(`POST /api/command/core.info HTTP/1.1\r\n${host()}\r\nContent-Le`)),
  leaves('a command, then the client resets before the answer', 'reset', () => jsonCommand('{}')),
];

const withHandshakeHeader = (from: string, to: string) => () => raw(upgrade('/api/events').toString('latin1').replace(from, to));
const SOCKET_ENTRIES: CorpusEntry[] = [
  http('upgrade without the token', 401, () => upgrade('/api/events', [host()])),
  http('upgrade to another path', 404, () => upgrade('/api/command/core.info')),
  http('upgrade to a malformed path', 404, () => upgrade('/api/events%')),
  http('upgrade to *', 400, () => upgrade('*')),
  http('upgrade with POST', 405, () => upgrade('/api/events', [host(), bearer()], 'POST')),
  http('upgrade with a bad key', 400, withHandshakeHeader(WS_KEY, 'not a key')),
  http('upgrade with the wrong version', 400, withHandshakeHeader('Version: 13', 'Version: 12')),
  http('upgrade to h2c', 400, withHandshakeHeader('Upgrade: websocket', 'Upgrade: h2c')),
  ws('a frame with a reserved opcode', 1002, () => frame(0x3, 'x')),
  ws('an unmasked frame', 1002, () => frame(0x1, 'hi', { mask: false })),
  ws('a frame with RSV bits set', 1002, () => frame(0x1, 'hi', { rsv: 0b100 })),
  ws('a fragmented ping', 1002, () => frame(0x9, 'p', { fin: false })),
  ws('a continuation frame without a start', 1002, () => frame(0x0, 'x')),
  ws('a frame over maxPayload', 1009, () => frame(0x2, Buffer.alloc(64 * 1024 + 1))),
  ws('a frame announcing 2^63 - 1 bytes', 1009, () => Buffer.from([0x82, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4])),
  ws('a text frame with invalid UTF-8', 1007, () => frame(0x1, Buffer.from([0xc3, 0x28, 0xff]))),
  ws('a close frame with code 999', 1002, () => frame(0x8, closePayload(999))),
  ws('a close frame with the reserved code 1005', 1002, () => frame(0x8, closePayload(1005))),
  ws('a close frame with a 1-byte payload', 1002, () => frame(0x8, Buffer.from([3]))),
  ws('a close frame with an invalid UTF-8 reason', 1007, () => frame(0x8, Buffer.concat([closePayload(1000), Buffer.from([0xff])]))),
  leaves('upgrade refused, then the client resets', 'reset', () => upgrade('/api/events', [host()])),
  leaves('upgrade accepted, then the client resets', 'reset', () => upgrade('/api/events')),
  leaves(
    'a socket closed mid-frame',
    'close',
    () => upgrade('/api/events'),
    () => frame(0x1, 'hello').subarray(0, 4),
  ),
  leaves('a socket closed mid-handshake', 'close', () => upgrade('/api/events').subarray(0, 40)),
];

const CORPUS: readonly CorpusEntry[] = [...URL_ENTRIES, ...HEADER_ENTRIES, ...COOKIE_ENTRIES, ...BODY_ENTRIES, ...SOCKET_ENTRIES];

// ---- the cockpit ----

function alive(): boolean {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return false;
  try {
    process.kill(child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The good request that must work after every entry. */
function coreInfo(): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const options = { host: '127.0.0.1', port, method: 'POST', path: '/api/command/core.info', agent: false, timeout: ANSWER_TIMEOUT_MS, headers };
    const request = httpRequest(options, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('timeout', () => request.destroy(new Error('core.info timed out')));
    request.on('error', reject);
    request.end('{}');
  });
}

/** Ends the cockpit's whole process group; SIGKILL if SIGTERM did not do it within 5 s. */
async function stopCockpit() {
  const pid = child?.pid;
  if (!pid) return;
  const groupAlive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (groupAlive()) process.kill(-pid, 'SIGTERM');
  for (let waited = 0; waited < 5000 && groupAlive(); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  if (groupAlive()) process.kill(-pid, 'SIGKILL');
}

const killOnExit = () => {
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mc-malformed-'));
  // Its own process group, so stopping it takes anything it started along.
  child = spawn(
    process.execPath,
    ['bin/migration-cockpit.js', 'serve', '--port', '0', '--data-dir', path.join(dir, 'data'), '--plan', path.join(REPO, 'examples/demo/migration.yaml')],
    {
      cwd: REPO,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // If the test process itself goes down, the cockpit goes with it.
  process.once('exit', killOnExit);
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the cockpit did not start within 45 s:\n${output}`)), 45_000);
    const check = () => {
      const match = /Open: (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(new URL(match[1]!));
      }
    };
    child!.stdout!.on('data', check);
    child!.once('exit', (code) => reject(new Error(`the cockpit exited (${code}) before it served:\n${output}`)));
  });
  port = Number(url.port);
  token = url.searchParams.get('token')!;
}, 60_000);

afterAll(async () => {
  await stopCockpit();
  process.off('exit', killOnExit);
  if (dir) await rm(dir, { recursive: true, force: true });
}, 20_000);

describe('malformed requests never end the core', () => {
  it('serves before the corpus starts', async () => {
    expect(await coreInfo()).toBe(200);
  });

  it.each(CORPUS)('$name', async (entry) => {
    const answer = await exchange(entry.send(), 'leave' in entry.expect ? entry.expect.leave : undefined);
    const shown = answer.bytes.toString('latin1', 0, 300);
    if ('status' in entry.expect) {
      const expected = entry.expect.status;
      if (expected === 'client error') expect(Math.floor((answer.status ?? 0) / 100), shown).toBe(4);
      else expect(answer.status, shown).toBe(expected);
    }
    if ('closeCode' in entry.expect) {
      expect(answer.status, shown).toBe(101);
      expect(answer.closeCode, shown).toBe(entry.expect.closeCode);
    }
    expect(await coreInfo()).toBe(200);
    expect(alive()).toBe(true);
  });

  it('never needed the process guard, and never answered with a 5xx', () => {
    expect(alive()).toBe(true);
    expect(output).not.toMatch(/process guard:|web bridge:|Unhandled|URIError/);
  });
});
