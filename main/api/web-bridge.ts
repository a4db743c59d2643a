// The headless transport: the same contract over HTTP (commands) and WebSocket (event batches), so the renderer
// runs in any browser. Loopback only; a random per-launch token is required on every request and socket; the
// Host and Origin headers are checked so other web pages and DNS rebinding cannot reach it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CommandName, CommandResult, EventBatch } from './contract';
import { CONTENT_SECURITY_POLICY } from './csp';
import { httpStatusOf, type Dispatch } from './dispatcher';

export const TOKEN_COOKIE = 'mc_token';
const MAX_BODY_BYTES = 1 << 20;
/** A client this far behind on events is dropped; it reconnects and re-reads the state. */
const MAX_SOCKET_BUFFER_BYTES = 8 << 20;


export interface WebBridgeOptions {
  readonly dispatch: Dispatch;
  readonly subscribe: (listener: (batch: EventBatch) => void) => () => void;
  /** Built renderer (index.html and assets). */
  readonly staticDir: string;
  readonly port?: number;
  /** Fixed token for tests; normally random per launch. */
  readonly token?: string;
}

export interface WebBridge {
  /** URL to open in a browser, token included. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const tokenMatches = (candidate: string | undefined) => {
    if (!candidate) return false;
    const bytes = Buffer.from(candidate);
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  };

  /** Why a request is refused, or undefined when it may proceed. */
  const refusal = (request: IncomingMessage, url: URL): { status: number; reason: string } | undefined => {
    if (!allowedHosts().has(request.headers.host ?? '')) return { status: 403, reason: 'unexpected Host header' };
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return { status: 403, reason: 'foreign origin' };
    const presented = bearerToken(request) ?? cookieToken(request) ?? url.searchParams.get('token') ?? undefined;
    if (!tokenMatches(presented)) return { status: 401, reason: 'missing or wrong token' };
    return undefined;
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://bridge.invalid');
    const refused = refusal(request, url);
    if (refused) return sendJson(response, refused.status, transportError(refused.reason));

    // Opening the printed URL: trade the token in the address for an HttpOnly cookie and drop it from the address.
    if (url.searchParams.has('token')) {
      url.searchParams.delete('token');
      response.writeHead(303, {
        location: `${url.pathname}${url.search}`,
        'set-cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      return response.end();
    }

    const command = /^\/api\/command\/([A-Za-z.]+)$/.exec(url.pathname);
    if (command) {
      if (request.method !== 'POST') return sendJson(response, 405, transportError('use POST for commands'));
      return void handleCommand(command[1]!, request, response, options.dispatch);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendJson(response, 405, transportError('method not allowed'));
    }
    void serveStatic(options.staticDir, url.pathname, response);
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://bridge.invalid');
    const refused = refusal(request, url) ?? (url.pathname === '/api/events' ? undefined : { status: 404, reason: 'not found' });
    if (refused) {
      socket.end(`HTTP/1.1 ${refused.status} ${refused.reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => streamEvents(client, options.subscribe));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function streamEvents(client: WebSocket, subscribe: WebBridgeOptions['subscribe']) {
  const unsubscribe = subscribe((batch) => {
    if (client.bufferedAmount > MAX_SOCKET_BUFFER_BYTES) {
      client.close(1013, 'too far behind; reconnect and re-read the state');
      return;
    }
    client.send(JSON.stringify(batch));
  });
  client.on('close', unsubscribe);
  client.on('error', unsubscribe);
  // The event stream is one-way; anything a client sends is ignored.
}

async function handleCommand(name: string, request: IncomingMessage, response: ServerResponse, dispatch: Dispatch) {
  let body: unknown;
  try {
    const text = await readBody(request);
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    const message = error instanceof SyntaxError ? `request body is not JSON: ${error.message}` : String((error as Error).message);
    return sendJson(response, 400, { ok: false, error: { code: 'bad-request', message } });
  }
  const result = await dispatch(name, body);
  sendJson(response, httpStatusOf(result), result);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`request body over ${MAX_BODY_BYTES} bytes`));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

async function serveStatic(root: string, pathname: string, response: ServerResponse) {
  const relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  const file = path.resolve(root, `.${relative}`);
  if (!file.startsWith(path.resolve(root) + path.sep)) return sendJson(response, 404, transportError('not found'));
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    if (relative === '/index.html') {
      return sendText(response, 503, `The renderer is not built (${root} is missing). Run: npm run build:renderer`);
    }
    return sendJson(response, 404, transportError('not found'));
  }
  response.writeHead(200, {
    ...securityHeaders(),
    'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
  });
  createReadStream(file).pipe(response);
}

function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
  };
}

function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

function cookieToken(request: IncomingMessage): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return value.join('=');
  }
  return undefined;
}

function transportError(message: string): CommandResult<CommandName> {
  return { ok: false, error: { code: 'transport', message } };
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...securityHeaders(),
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

function sendText(response: ServerResponse, status: number, text: string) {
  response.writeHead(status, { ...securityHeaders(), 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}
