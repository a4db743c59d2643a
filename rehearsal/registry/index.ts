// The rehearsal metadata registry: a small CMDB-like HTTP service that plays the internal metadata system in
// rehearsals and tests, unreliable on demand. This module wires the pieces into one loopback HTTP server:
//   access checks → view / health / admin / API → injected faults → reply → request log.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { listenOnLoopback } from '../loopback-server';
import { bearerCheck, foreignRequestRefusal, unauthorizedReply } from './access';
import { handleAdmin } from './admin-api';
import { FaultInjector, type FailOptions, type FaultMatch, type FaultPlan } from './faults';
import { handleInstancesApi } from './http-api';
import { errorReply, methodNotAllowed, sendReply, type Reply } from './http-io';
import { parseInstanceBody } from './instance-input';
import { loggablePath, RequestLog, type RequestLogEntry } from './request-log';
import { readStateFile, writeStateFile } from './state-file';
import { RegistryStore, type RegistryInstance } from './store';
import { renderRegistryPage, VIEW_CSP } from './view';

export type { FailOptions, FaultMatch } from './faults';
export type { RequestLogEntry } from './request-log';
export type { AttributeValue, RegistryInstance } from './store';

export interface RegistryServiceOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** When set, /api and /_admin require `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Records for a fresh registry; ignored when statePath already holds a saved state. */
  readonly initial?: ReadonlyArray<{ name: string; project: string; attributes?: Record<string, unknown> }>;
  /** JSON file the records are loaded from and saved to after every change. */
  readonly statePath?: string;
}

export interface RegistryService {
  /** http://127.0.0.1:<port> — no trailing slash, so `${url}/api/v1/instances` reads naturally. */
  readonly url: string;
  readonly port: number;
  readonly token: string | undefined;
  instances(): RegistryInstance[];
  failNext(count: number, options?: FailOptions): void;
  /** `count` Infinity delays every matching response until the faults are reset. */
  delayNext(count: number, ms: number, options?: FaultMatch): void;
  resetFaults(): void;
  /** Clears the records, the faults and the request log. Ids keep counting up, so old ids are never reused. */
  reset(): void;
  requests(): RequestLogEntry[];
  close(): Promise<void>;
}

/** Observers' reads (the self-refreshing page, health probes, reading the log) would drown the log; skip them. */
const UNLOGGED = new Set(['GET /', 'GET /healthz', 'GET /_admin/requests']);

export async function startRegistryService(options: RegistryServiceOptions = {}): Promise<RegistryService> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be 0-65535, got ${port}`);
  const { token, statePath } = options;
  // An empty token (an unset environment variable, say) must not quietly mean "no authentication".
  if (token !== undefined && !/^[\x21-\x7e]+$/.test(token)) throw new RangeError('token must be non-empty printable ASCII without spaces');

  const saved = statePath === undefined ? undefined : readStateFile(statePath);
  const store = new RegistryStore({
    ...(saved ? { snapshot: saved } : {}),
    ...(statePath !== undefined ? { onChange: (snapshot) => writeStateFile(statePath, snapshot) } : {}),
  });
  if (!saved) seed(store, options.initial ?? []);

  const faults = new FaultInjector();
  const log = new RequestLog();
  const authorized = bearerCheck(token);
  const closing = new AbortController();
  const reset = () => {
    store.clear();
    faults.reset();
    log.clear();
  };
  let boundPort = 0;

  /** The API proper, with faults: a failure either replaces the request or (afterApply) its answer. */
  const apiReply = async (method: string, url: URL, request: IncomingMessage, plan: FaultPlan): Promise<Reply> => {
    const { fail } = plan;
    if (fail && !fail.afterApply) return faultReply(fail);
    const reply = await handleInstancesApi(method, url, request, store);
    return fail ? faultReply(fail) : reply;
  };

  const route = async (request: IncomingMessage, url: URL): Promise<{ reply: Reply; plan?: FaultPlan }> => {
    const refusal = foreignRequestRefusal(request, boundPort);
    if (refusal) return { reply: refusal };
    // HEAD is GET without the body; node:http drops the body itself.
    const method = request.method === 'HEAD' ? 'GET' : (request.method ?? 'GET');
    const { pathname } = url;
    if (pathname === '/') {
      // No token here, on purpose: the page is read-only, served on loopback only, and shows what clients chose
      // to register — never credentials (the cockpit refuses plans that would send a secret to a registry).
      // Asking an operator to paste a bearer token into a browser would be the greater risk.
      if (method !== 'GET') return { reply: methodNotAllowed(method, ['GET']) };
      const html = renderRegistryPage({ instances: store.list(), faultsActive: faults.active });
      return {
        reply: {
          status: 200,
          text: html,
          headers: {
            'content-type': 'text/html; charset=utf-8',
            'content-security-policy': VIEW_CSP,
            'x-frame-options': 'DENY',
            'referrer-policy': 'no-referrer',
          },
        },
      };
    }
    if (pathname === '/healthz') {
      return {
        reply: method === 'GET' ? { status: 200, text: 'ok', headers: { 'content-type': 'text/plain; charset=utf-8' } } : methodNotAllowed(method, ['GET']),
      };
    }
    const isApi = pathname.startsWith('/api/');
    if (!isApi && !pathname.startsWith('/_admin/')) return { reply: errorReply(404, 'not-found', `nothing at ${pathname}`) };
    if (!authorized(request)) return { reply: unauthorizedReply() };
    if (!isApi) return { reply: await handleAdmin(method, url, request, { faults, log, reset }) };
    const plan = faults.take(method, pathname);
    return { reply: await apiReply(method, url, request, plan), plan };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const started = performance.now();
    const time = new Date().toISOString();
    const url = URL.parse(request.url ?? '/', 'http://registry.invalid');
    let outcome: { reply: Reply; plan?: FaultPlan };
    try {
      outcome = url ? await route(request, url) : { reply: errorReply(400, 'bad-request', 'malformed request target') };
    } catch (error) {
      // Unexpected (a failed state write, a bug): say so without details, keep serving. Never logs headers.
      process.stderr.write(`rehearsal registry: ${request.method} ${url?.pathname} failed: ${(error as Error).stack ?? String(error)}\n`);
      outcome = { reply: errorReply(500, 'internal', 'the registry could not complete the request') };
    }
    const { reply, plan } = outcome;
    if (plan?.delayMs) {
      // The request has already been applied; only the answer is late, as behind a slow gateway — a client that
      // gives up cannot tell whether its change happened, which is exactly what it must cope with.
      try {
        await sleep(plan.delayMs, undefined, { signal: closing.signal });
      } catch {
        response.destroy();
        return;
      }
    }
    sendReply(response, reply);
    if (!url || UNLOGGED.has(`${request.method} ${url.pathname}`)) return;
    const injected = plan && injectedSummary(plan);
    log.add({
      time,
      method: request.method ?? 'GET',
      path: loggablePath(url),
      status: reply.status,
      durationMs: Math.round(performance.now() - started),
      ...(injected ? { injected } : {}),
    });
  };

  const listening = await listenOnLoopback('rehearsal registry', port, handle);
  const server = listening.server;
  boundPort = listening.port;

  return {
    url: `http://127.0.0.1:${boundPort}`,
    port: boundPort,
    token,
    instances: () => store.list(),
    failNext: (count, failOptions) => faults.failNext(count, failOptions),
    delayNext: (count, ms, match) => faults.delayNext(count, ms, match),
    resetFaults: () => faults.reset(),
    reset,
    requests: () => log.entries(),
    async close() {
      closing.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function faultReply(fail: NonNullable<FaultPlan['fail']>): Reply {
  const headers = fail.retryAfterSeconds !== undefined ? { 'retry-after': String(fail.retryAfterSeconds) } : undefined;
  return errorReply(fail.status, 'unavailable', `injected fault: ${fail.status}`, {}, headers);
}

function injectedSummary(plan: FaultPlan): RequestLogEntry['injected'] {
  if (!plan.fail && plan.delayMs === undefined) return undefined;
  return { ...(plan.fail ? { status: plan.fail.status } : {}), ...(plan.delayMs !== undefined ? { delayMs: plan.delayMs } : {}) };
}

/** Seeds a fresh registry. A bad entry is a mistake in the caller: throw before anything is stored. */
function seed(store: RegistryStore, initial: NonNullable<RegistryServiceOptions['initial']>) {
  const seen = new Map<string, number>();
  const entries = initial.map((entry, index) => {
    const input = parseInstanceBody({ name: entry.name, project: entry.project, attributes: entry.attributes ?? {} });
    if (!input.ok) throw new Error(`initial[${index}]: ${input.message}`);
    const key = JSON.stringify([input.value.name, input.value.project]);
    const first = seen.get(key);
    if (first !== undefined) throw new Error(`initial[${index}]: '${entry.name}' in project '${entry.project}' is listed twice (also initial[${first}])`);
    seen.set(key, index);
    return input.value;
  });
  for (const entry of entries) store.create(entry);
}
