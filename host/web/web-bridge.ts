// The headless transport: the same contract over HTTP (commands) and WebSocket (event batches), so the renderer
// runs in any browser. Loopback by default, a random per-launch token required on every request and socket; the
// Host and Origin headers are checked so other web pages and DNS rebinding cannot reach it.
// The war room (startWarRoomBridge) is the same bridge on a LAN address when the operator asks for it: HTTPS only,
// a token per person, its own read-only page, and every command that acts refused at this boundary.
// Nothing a client sends may end the process: malformed requests get a 4xx, a failure inside the handling of one
// request gets a 500 (reported through onError), and every socket, request, response and file stream has an
// 'error' listener, since an 'error' event nobody listens to is an uncaught exception.
// One file over 400 lines on purpose: the loopback bridge and the war room are one request path (admission, token
// exchange, commands, static files, event streams); split, the checks both must make would drift apart.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer as createHttpServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { CommandName, CommandResult, EventBatch } from '../../main/api/contract';
import { CONTENT_SECURITY_POLICY } from '../../common/csp';
import { readBoundedBody } from '../../main/net/bounded-body';
import { httpStatusOf, type Dispatch } from '../../main/api/dispatcher';
import { isReadCommand, isWarRoomCommand } from '../../main/api/read-commands';
import { redirectPage } from './redirect-page';

export const TOKEN_COOKIE = 'mc_token';
/** The war room's own cookie: cookies do not tell ports apart, and the war room must not replace the cockpit's. */
export const WAR_ROOM_COOKIE = 'mc_war_room';
/**
 * The war room's network limits: a TLS handshake or a request's headers that take longer are dropped, and no more
 * connections than this are held (a port scan or a slow client must not tie the core up, or hold up its shutdown).
 */
const WAR_ROOM_LIMITS = { handshakeMs: 10_000, headersMs: 10_000, requestMs: 30_000, connections: 256, streamsPerLink: 8 };
const MAX_BODY_BYTES = 1 << 20;
/** A client this far behind on events is dropped; it reconnects and re-reads the state. */
const MAX_SOCKET_BUFFER_BYTES = 8 << 20;
/** Larger client frames close that socket (1009): the event stream is one-way, clients have nothing big to say. */
const MAX_CLIENT_FRAME_BYTES = 64 * 1024;

export interface WebBridgeOptions {
  readonly dispatch: Dispatch;
  readonly subscribe: (listener: (batch: EventBatch) => void) => () => void;
  /** Built renderer (index.html and assets). */
  readonly staticDir: string;
  readonly port?: number;
  /** Fixed token for tests; normally random per launch. */
  readonly token?: string;
  /**
   * A failure inside the bridge while handling a request or socket (a bug, not a client's bad input, which is
   * answered with a 4xx and not reported). The request was answered with a 500 or its connection closed.
   */
  readonly onError?: (error: unknown, context: string) => void;
}

export interface WarRoomBridgeOptions {
  readonly dispatch: Dispatch;
  readonly subscribe: WebBridgeOptions['subscribe'];
  readonly staticDir: string;
  /** The address to listen on (an interface's address, or 0.0.0.0 / :: for all) and its port (0: any free one). */
  readonly host: string;
  readonly port: number;
  readonly tls: { readonly key: string; readonly cert: string };
  /** The names and addresses browsers reach this machine by: the only Host headers (and https origins) accepted. */
  readonly hostNames: readonly string[];
  /** Who a presented token belongs to (a person of the plan, or the shared screen); undefined: refused. */
  readonly who: (token: string) => string | undefined;
  /** Someone's event stream opened (watching: true) or closed. */
  readonly onWatcher?: (person: string, watching: boolean) => void;
  readonly onError?: WebBridgeOptions['onError'];
}

export interface WarRoomBridge {
  /** https://host:port, as the certificate names it. */
  readonly origin: string;
  readonly port: number;
  /** Closes the event streams of anyone whose token no longer admits them (a person taken out of the plan). */
  revalidate(): void;
  close(): Promise<void>;
}

/** The war room's own page: its `/`; the cockpit's page (index.html) is not served there. */
export const WAR_ROOM_PAGE = '/war-room.html';

interface BridgeConfig {
  readonly dispatch: Dispatch;
  readonly subscribe: WebBridgeOptions['subscribe'];
  readonly staticDir: string;
  readonly host: string;
  readonly port: number;
  readonly tls?: WarRoomBridgeOptions['tls'];
  readonly hostNames: readonly string[];
  readonly who: (token: string) => string | undefined;
  /** What `/` serves. */
  readonly page: '/index.html' | typeof WAR_ROOM_PAGE;
  /** Why this command (with this request) may not run through this bridge, or undefined. */
  readonly refuseCommand: (name: string, request: unknown) => string | undefined;
  readonly cookie: string;
  readonly onWatcher?: WarRoomBridgeOptions['onWatcher'];
  readonly onError?: WebBridgeOptions['onError'];
}

interface Refusal {
  readonly status: number;
  readonly reason: string;
}

type Report = (error: unknown, context: string) => void;

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
  const bridge = await startBridge({
    ...options,
    host: '127.0.0.1',
    port: options.port ?? 0,
    hostNames: ['127.0.0.1', 'localhost'],
    who: (candidate) => (sameBytes(Buffer.from(candidate), tokenBytes) ? 'operator' : undefined),
    page: '/index.html',
    refuseCommand: () => undefined,
    cookie: TOKEN_COOKIE,
  });
  const origin = `http://127.0.0.1:${bridge.port}`;
  return { url: `${origin}/?token=${token}`, origin, token, close: bridge.close };
}

/** The war room: HTTPS on the LAN, a token per person, reads only. */
export async function startWarRoomBridge(options: WarRoomBridgeOptions): Promise<WarRoomBridge> {
  const bridge = await startBridge({
    ...options,
    page: WAR_ROOM_PAGE,
    refuseCommand: warRoomRefusal,
    cookie: WAR_ROOM_COOKIE,
  });
  const shown = options.hostNames[0] ?? options.host;
  return { origin: `https://${bracketed(shown)}:${bridge.port}`, port: bridge.port, revalidate: bridge.revalidate, close: bridge.close };
}

/** Why the war room does not run a command: it acts, or it is a read the wall does not need that costs or steers. */
function warRoomRefusal(name: string, request: unknown): string | undefined {
  if (!isWarRoomCommand(name)) {
    return isReadCommand(name)
      ? `the war room does not serve '${name.slice(0, 80)}': it shows what the wall needs, read from the cockpit`
      : `the war room is read-only: '${name.slice(0, 80)}' acts, and is taken in the cockpit itself`;
  }
  // A fresh check calls AWS: the wall shows the environment as the cockpit last checked it.
  if (name === 'environment.get' && (request as { refresh?: unknown } | undefined)?.refresh === true) {
    return 'the war room shows the environment as the cockpit last checked it: check again in the cockpit';
  }
  return undefined;
}

async function startBridge(config: BridgeConfig): Promise<{ port: number; revalidate(): void; close(): Promise<void> }> {
  const scheme = config.tls ? 'https' : 'http';
  let port = 0;
  /** Host headers accepted: each name with the port, and without it where the port is the scheme's default. */
  const allowedHosts = () =>
    new Set(
      config.hostNames.flatMap((name) => {
        const host = bracketed(name).toLowerCase();
        return port === (config.tls ? 443 : 80) ? [`${host}:${port}`, host] : [`${host}:${port}`];
      }),
    );
  const allowedOrigins = () => new Set([...allowedHosts()].map((host) => `${scheme}://${host}`));

  /** Who the request's token belongs to, or a refusal. */
  const admit = (request: IncomingMessage, url: URL): { who: string; token: string } | Refusal => {
    const hosts = request.headersDistinct.host ?? [];
    if (hosts.length !== 1) return { status: 400, reason: 'a request needs exactly one Host header' };
    if (!allowedHosts().has(hosts[0]!.toLowerCase())) return { status: 403, reason: 'unexpected Host header' };
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin.toLowerCase())) return { status: 403, reason: 'foreign origin' };
    // The link's own token first: a cookie left from an earlier link (another person's, or revoked) must not win.
    const presented = url.searchParams.get('token') ?? bearerToken(request) ?? cookieToken(request, config.cookie) ?? undefined;
    const who = presented ? config.who(presented) : undefined;
    if (who === undefined || presented === undefined) return { status: 401, reason: 'missing or wrong token' };
    return { who, token: presented };
  };

  const report: Report = (error, context) => {
    try {
      config.onError?.(error, context);
    } catch {
      // A failing reporter must not turn a handled failure into an unhandled one.
    }
  };

  const handleRequest = async (request: IncomingMessage, response: ServerResponse) => {
    const url = parseRequestTarget(request.url);
    if (!url) return sendJson(response, 400, transportError('the request target must be a path'));
    const admitted = admit(request, url);
    if ('status' in admitted) return sendJson(response, admitted.status, transportError(admitted.reason));

    // Opening the printed URL: trade the token in the address for an HttpOnly cookie and drop it from the address.
    // A page that moves on by itself, not a redirect: when the URL was reached from another site (a launcher page
    // on file://, as `npm start` opens it), a redirect's next request still counts as cross-site and the Strict
    // cookie would not be sent; a navigation this page starts is same-site.
    if (url.searchParams.has('token')) {
      url.searchParams.delete('token');
      // One leading slash: `//host` would send the browser to another host.
      const next = `${url.pathname.replace(/^\/+/, '/')}${url.search}`;
      const secure = config.tls ? '; Secure' : '';
      return sendTokenExchange(response, next, `${config.cookie}=${admitted.token}; HttpOnly; SameSite=Strict; Path=/${secure}`);
    }

    // Command names are dotted words, some hyphenated (keyspaces.bulk-load.start).
    const command = /^\/api\/command\/([A-Za-z.-]+)$/.exec(url.pathname);
    if (command) {
      if (request.method !== 'POST') return sendJson(response, 405, transportError('use POST for commands'));
      return handleCommand(command[1]!, request, response, config.dispatch, config.refuseCommand);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendJson(response, 405, transportError('method not allowed'));
    }
    return serveStatic(config.staticDir, config.page, url.pathname, request, response, report);
  };

  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    // A client that resets mid-request, or a write after it left, surfaces as an 'error' event on these.
    request.on('error', ignore);
    response.on('error', ignore);
    handleRequest(request, response).catch((error: unknown) => {
      // The path only: the query may carry the token.
      report(error, `${request.method} ${String(request.url).split('?')[0]!.slice(0, 200)}`);
      answerFailure(response);
    });
  };
  const server = config.tls
    ? createHttpsServer(
        {
          key: config.tls.key,
          cert: config.tls.cert,
          minVersion: 'TLSv1.2',
          handshakeTimeout: WAR_ROOM_LIMITS.handshakeMs,
          headersTimeout: WAR_ROOM_LIMITS.headersMs,
          requestTimeout: WAR_ROOM_LIMITS.requestMs,
        },
        onRequest,
      )
    : createHttpServer(onRequest);
  if (config.tls) server.maxConnections = WAR_ROOM_LIMITS.connections;
  // Every connection, from its first byte: a close must not wait for one still in its TLS handshake.
  const connections = new Set<Duplex>();
  server.on('connection', (socket: Duplex) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  /** Each open event stream and the token that opened it. */
  const streams = new Map<WebSocket, string>();
  server.on('clientError', answerClientError);
  // A TLS handshake that fails (a client refusing the certificate, a port scan) is the client's business.
  server.on('tlsClientError', (_error: Error, socket: Duplex) => socket.destroy());

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  sockets.on('error', (error) => report(error, 'event socket server'));
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // First of all: the server's own listener is gone from an upgraded socket, and a reset would be uncaught.
    socket.on('error', () => socket.destroy());
    request.on('error', ignore);
    try {
      const url = parseRequestTarget(request.url);
      const admitted: { who: string; token: string } | Refusal = !url ? { status: 400, reason: 'the request target must be a path' } : admit(request, url);
      if ('status' in admitted) return refuseUpgrade(socket, admitted);
      if (url?.pathname !== '/api/events') return refuseUpgrade(socket, { status: 404, reason: 'not found' });
      // One link, a few windows: a link copied round (or a script) must not open streams without end.
      if (config.tls && [...streams.values()].filter((token) => token === admitted.token).length >= WAR_ROOM_LIMITS.streamsPerLink) {
        return refuseUpgrade(socket, { status: 429, reason: 'too many windows open on this link' });
      }
      // ws answers a malformed handshake (method, key, version) with a 4xx itself.
      sockets.handleUpgrade(request, socket, head, (client) => {
        streams.set(client, admitted.token);
        client.once('close', () => streams.delete(client));
        streamEvents(client, config.subscribe, report);
        watch(client, admitted.who, config.onWatcher, report);
      });
    } catch (error) {
      report(error, 'event socket upgrade');
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  server.on('error', (error) => report(error, `${scheme} server`));
  port = (server.address() as AddressInfo).port;

  return {
    port,
    revalidate() {
      for (const [client, token] of streams) if (config.who(token) === undefined) client.close(4401, 'this link no longer admits you');
    },
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      for (const socket of connections) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Tells who opened and closed an event stream (the war room's watchers). */
function watch(client: WebSocket, who: string, onWatcher: BridgeConfig['onWatcher'], report: Report) {
  if (!onWatcher) return;
  const tell = (watching: boolean) => {
    try {
      onWatcher(who, watching);
    } catch (error) {
      report(error, 'watcher listener');
    }
  };
  tell(true);
  client.once('close', () => tell(false));
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** An IPv6 address in a Host header or URL is bracketed. */
function bracketed(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function streamEvents(client: WebSocket, subscribe: WebBridgeOptions['subscribe'], report: Report) {
  const unsubscribe = subscribe((batch) => {
    if (client.readyState !== WebSocket.OPEN) return;
    if (client.bufferedAmount > MAX_SOCKET_BUFFER_BYTES) {
      client.close(1013, 'too far behind; reconnect and re-read the state');
      return;
    }
    try {
      client.send(JSON.stringify(batch));
    } catch (error) {
      report(error, 'event socket send');
      client.terminate();
    }
  });
  client.on('close', unsubscribe);
  // The event stream is one-way; anything a client sends is ignored. A malformed frame (bad opcode, unmasked,
  // over maxPayload, invalid UTF-8, bad close code) makes ws close this connection and emit 'error' here.
  client.on('error', unsubscribe);
}

async function handleCommand(
  name: string,
  request: IncomingMessage,
  response: ServerResponse,
  dispatch: Dispatch,
  refuseCommand: BridgeConfig['refuseCommand'],
) {
  const read = await readBoundedBody(request, { maxBytes: MAX_BODY_BYTES });
  if (!read.ok) {
    // Reading stopped at the limit: the connection ends after this answer.
    if (read.problem === 'too-large') response.setHeader('connection', 'close');
    const message = read.problem === 'too-large' ? `request body over ${MAX_BODY_BYTES} bytes` : 'the request body ended early';
    return sendJson(response, read.problem === 'too-large' ? 413 : 400, { ok: false, error: { code: 'bad-request', message } });
  }
  let body: unknown;
  try {
    body = read.text.trim() === '' ? {} : JSON.parse(read.text);
  } catch (error) {
    const message = error instanceof SyntaxError ? `request body is not JSON: ${error.message}` : 'request body cannot be parsed';
    return sendJson(response, 400, { ok: false, error: { code: 'bad-request', message } });
  }
  const refused = refuseCommand(name, body);
  if (refused !== undefined) return sendJson(response, 403, transportError(refused));
  const result = await dispatch(name, body);
  sendJson(response, httpStatusOf(result), result);
}

async function serveStatic(root: string, page: BridgeConfig['page'], pathname: string, request: IncomingMessage, response: ServerResponse, report: Report) {
  const relative = decodePath(pathname === '/' ? page : pathname);
  if (relative === undefined) return sendJson(response, 400, transportError('malformed percent-encoding in the path'));
  // The war room serves its own page only: the cockpit's would load, and every control on it be refused. Compared as
  // the file it resolves to, so no spelling of the path (`//index.html`, `%2f`, `..`) reaches it.
  if (page === WAR_ROOM_PAGE && path.resolve(root, `.${relative}`) === path.resolve(root, 'index.html')) {
    return sendJson(response, 404, transportError('not found'));
  }
  const file = path.resolve(root, `.${relative}`);
  if (!file.startsWith(path.resolve(root) + path.sep)) return sendJson(response, 404, transportError('not found'));
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    if (relative === page) {
      return sendText(response, 503, `The renderer is not built (${root} is missing). Run: npm run build:renderer`);
    }
    return sendJson(response, 404, transportError('not found'));
  }
  response.writeHead(200, {
    ...securityHeaders(),
    'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
  });
  if (request.method === 'HEAD') return response.end();
  const stream = createReadStream(file);
  // Headers are out: a read failure (file gone, permissions) can only cut the response short.
  stream.on('error', (error) => {
    report(error, `reading ${file}`);
    response.destroy();
  });
  response.on('close', () => stream.destroy());
  stream.pipe(response);
}

/** The request target as a URL, or undefined unless it is a path (absolute-form and `*` are for proxies). */
function parseRequestTarget(target: string | undefined): URL | undefined {
  if (!target?.startsWith('/')) return undefined;
  try {
    // Appended to a fixed origin, not resolved against it: `//host/x` stays a path instead of naming a host.
    return new URL(`http://bridge.invalid${target}`);
  } catch {
    return undefined;
  }
}

/** The decoded path, or undefined for malformed percent-encoding (`%`, `%zz`, a cut UTF-8 sequence) or a NUL. */
function decodePath(pathname: string): string | undefined {
  try {
    const decoded = decodeURIComponent(pathname);
    return decoded.includes('\0') ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/** Node's own answers to requests its parser refuses; anything else it cannot parse is a 400. */
const CLIENT_ERROR_STATUS: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/** Node's default answer to a request it cannot parse, made explicit: a status line, then close. Never throws. */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex) {
  try {
    // A reset client needs no answer; a response already under way must not get a second status line (as in Node).
    const responding = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || responding?.headersSent) return void socket.destroy();
    const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? 400;
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
  } catch {
    socket.destroy();
  }
}

function refuseUpgrade(socket: Duplex, refused: Refusal) {
  socket.end(`HTTP/1.1 ${refused.status} ${refused.reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
}

/** A failure inside the bridge: 500 when nothing was sent yet, else the response is cut short. Never throws. */
function answerFailure(response: ServerResponse) {
  try {
    if (response.headersSent) response.destroy();
    else sendJson(response, 500, transportError('internal error'));
  } catch {
    response.destroy();
  }
}

function ignore() {}

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

function cookieToken(request: IncomingMessage, cookie: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookie) return value.join('=');
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

function sendTokenExchange(response: ServerResponse, next: string, cookie: string) {
  const page = redirectPage(next, '/favicon.svg');
  response.writeHead(200, {
    ...securityHeaders(),
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(page),
    'set-cookie': cookie,
  });
  response.end(page);
}

function sendText(response: ServerResponse, status: number, text: string) {
  response.writeHead(status, { ...securityHeaders(), 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}
