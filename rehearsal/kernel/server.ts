// The AWS side of the rehearsal: one loopback HTTP endpoint that speaks every registered service — the tracks'
// (DMS, Keyspaces, Glue: awsJson; EventBridge Scheduler, Lambda: restJson1; Route 53: restXml; ELBv2: awsQuery) and
// the kernel's own CloudWatch
// (awsJson1_0 query-compatible, and awsQuery), CloudWatch Logs (awsJson1_1) over the metric and log registries, and
// STS (awsQuery) over the simulated accounts — well enough for the real SDK v3 clients, and the tracks' own HTTP routes
// outside AWS (the data center's schedulers under /_dc/). SigV4 signatures are not checked; the access key in them
// says which identity calls and so which account's estate answers. Wiring:
//   loopback checks → /_admin | /_apps | /healthz | a track's HTTP prefix (/_dc/) | AWS call:
//     POST with x-amz-target or a form body → the route table (awsJson, awsQuery by Version)
//     GET/PUT/DELETE/POST otherwise        → the REST service (restJson1, restXml) whose method + path route matches
//                                            (under a service's path prefix and unknown: its unknown operation)
//   → caller's account → wire faults (hang, slow, 5xx, throttle) → that account's estate answers → reply.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { readBoundedBody } from '../../main/ports/http-body';
import { listenOnLoopback } from '../loopback-server';
import { foreignRequestRefusal } from '../registry/access';
import { errorReply, methodNotAllowed, sendReply, type Reply } from '../registry/http-io';
import type { QueryServiceDecl, RehearsalKernel, RestServiceDecl, ServiceDecl, TrackHttp, TrackSimulator } from '../seam/track-simulator';
import { AccountEstates, type AccountSimulators } from './account-estates';
import { queryRoute } from './aws-query';
import { adminHandler } from './admin-api';
import { AppHealth } from './app-health';
import { cloudWatchRoutes } from './cloudwatch-service';
import { AwsError } from './errors';
import { handleLogs, LOGS_TARGET_PREFIX } from './logs-api';
import { errorAnswer, identifyCall, jsonRoute, type AwsCall, type ServiceRoute } from './protocols';
import { identifyRestCall, REST_METHODS, restServiceOwning, unknownRestOperation, type RoutedRestCall } from './rest-json';
import { stsRoute } from './sts-service';

export interface RehearsalServerOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly kernel: RehearsalKernel;
  /**
   * The source account's estate, in route order: the first service whose route matches answers (the other accounts'
   * estates answer by the same routes). Their HTTP routes (`http`) are served from this estate.
   */
  readonly simulators: readonly TrackSimulator[];
  /** Another account's estate, made on its first call (default: none, so only STS and the kernel's services answer there). */
  readonly accountSimulators?: AccountSimulators;
  /** Named on the endpoint's landing page (the scenario's name). */
  readonly name: string;
}

export interface RehearsalServer {
  /** http://127.0.0.1:<port> — the `endpoint` for every SDK client. */
  readonly url: string;
  readonly port: number;
  /** The stand-in application instances' health endpoints (GET /_apps/<instance>/healthz). */
  readonly apps: AppHealth;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export async function startRehearsalServer(options: RehearsalServerOptions): Promise<RehearsalServer> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be 0-65535, got ${port}`);
  const { kernel, simulators } = options;
  const { clock } = kernel;
  const estates = new AccountEstates(kernel, simulators, options.accountSimulators);
  const syncAll = () => estates.sync();
  const now = () => {
    syncAll();
    return clock.now();
  };
  const logsIn = (accountId: string): ServiceDecl => {
    const { logs } = estates.of(accountId).kernel;
    return {
      name: 'logs',
      title: 'CloudWatch Logs',
      protocol: 'awsJson1_1',
      route: { targetPrefix: LOGS_TARGET_PREFIX },
      handle: (operation, input) => handleLogs(operation, input, logs),
    };
  };
  // Routed by the source account's declarations; each answer comes from the caller's account's estate.
  const queryServices: readonly QueryServiceDecl[] = distinctQueryVersions(simulators.flatMap((simulator) => simulator.queryServices ?? []));
  const routes: readonly ServiceRoute[] = [
    ...simulators.flatMap((simulator) => simulator.services.map((service) => jsonRoute(service, (accountId) => estates.service(accountId, service.name)))),
    ...queryServices.map((service) => queryRoute(service, (accountId) => estates.queryService(accountId, service.name))),
    ...cloudWatchRoutes((accountId) => estates.of(accountId).kernel.metrics, now),
    jsonRoute(logsIn(kernel.accounts.sourceAccountId), logsIn),
    stsRoute(kernel.accounts, now),
  ];
  // REST services: routed by the source account's declarations (method + path), answered by the caller's account's.
  const restServices: readonly RestServiceDecl[] = simulators.flatMap((simulator) => simulator.restServices ?? []);
  const trackHttp = httpRoutes(simulators);
  const serviceNames = [...new Set([...routes.map((route) => route.name), ...restServices.map((service) => service.name)])];
  const apps = new AppHealth();
  const handleAdmin = adminHandler({ kernel, simulators, simulatorsOf: (accountId) => estates.of(accountId).simulators, apps, now, serviceNames });
  const closing = new AbortController();
  const hung = new Set<ServerResponse>();
  let boundPort = 0;

  /** The wire faults of a call: false when it hangs (never answered); throws an injected 5xx or throttle. */
  const wireFaults = async (service: string, operation: string, throttlingCode: string, response: ServerResponse): Promise<boolean> => {
    const decision = kernel.faults.decide(service, operation, clock.now());
    if (decision.hang) {
      // Never answered: the client's timeout or abort ends it, or close().
      hung.add(response);
      response.once('close', () => hung.delete(response));
      return false;
    }
    if (decision.delayMs > 0) await sleep(decision.delayMs, undefined, { signal: closing.signal });
    if (decision.serverError)
      throw new AwsError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure (injected).');
    if (decision.throttle) throw new AwsError(throttlingCode, 'Rate exceeded');
    return true;
  };

  const stamped = (reply: Reply, requestId: string): Reply => ({
    ...reply,
    headers: { ...reply.headers, 'x-amzn-requestid': requestId, date: new Date(clock.now()).toUTCString() },
  });

  const awsReply = async (request: IncomingMessage, response: ServerResponse): Promise<Reply | undefined> => {
    const requestId = randomUUID();
    let call: AwsCall | undefined;
    let reply: Reply;
    try {
      call = identifyCall(request.headers, await readBody(request), routes);
      syncAll();
      // Before faults, as AWS authenticates before it throttles: an expired session is refused even in a throttle burst.
      const caller = kernel.accounts.callerOf(request.headers, clock.now(), `${call.service}:${call.operation}`);
      if (call.inputError) throw call.inputError;
      if (!(await wireFaults(call.service, call.operation, call.route.throttlingCode, response))) return undefined;
      reply = call.route.answer(call.operation, call.input, requestId, caller);
    } catch (error) {
      if (closing.signal.aborted) return undefined;
      if (!(error instanceof AwsError)) {
        process.stderr.write(`rehearsal aws: ${call?.service ?? '?'} ${call?.operation ?? '?'} failed: ${(error as Error).stack ?? String(error)}\n`);
      }
      reply = errorAnswer(
        call,
        error instanceof AwsError ? error : new AwsError('InternalFailure', 'The rehearsal environment failed to process the request.'),
        requestId,
      );
    }
    return stamped(reply, requestId);
  };

  /** A REST call, in the same steps as awsReply; the service renders its errors (a throttle with its throttling code). */
  const restReply = async (request: IncomingMessage, response: ServerResponse, url: URL, call: RoutedRestCall): Promise<Reply | undefined> => {
    const requestId = randomUUID();
    const { service, operation, params } = call;
    let reply: Reply;
    try {
      const body = await readBody(request);
      syncAll();
      const caller = kernel.accounts.callerOf(request.headers, clock.now(), `${service.name}:${operation}`);
      if (!(await wireFaults(service.name, operation, service.throttlingCode ?? 'ThrottlingException', response))) return undefined;
      reply = estates
        .restService(caller.accountId, service.name)
        .handle({ operation, params, query: url.searchParams, headers: request.headers, body, requestId });
    } catch (error) {
      if (closing.signal.aborted) return undefined;
      if (!(error instanceof AwsError))
        process.stderr.write(`rehearsal aws: ${service.name} ${operation} failed: ${(error as Error).stack ?? String(error)}\n`);
      reply = service.error(
        error instanceof AwsError ? error : new AwsError('InternalFailure', 'The rehearsal environment failed to process the request.'),
        requestId,
      );
    }
    return stamped(reply, requestId);
  };

  const landingPage = () => {
    const titles = [...new Set([...routes.map((route) => route.title), ...restServices.map((service) => service.title)])].join(' + ');
    return `AWS ${titles} rehearsal endpoint (${options.name}). Use it as the SDK endpoint: http://127.0.0.1:${boundPort}\n`;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = URL.parse(request.url ?? '/', 'http://rehearsal.invalid');
    const method = request.method ?? 'GET';
    const refusal = foreignRequestRefusal(request, boundPort);
    if (refusal || !url) return sendReply(response, refusal ?? errorReply(400, 'bad-request', 'malformed request target'));
    if (url.pathname.startsWith('/_admin/')) return sendReply(response, await handleAdmin(method, url, request));
    if (url.pathname.startsWith('/_apps/')) {
      if (method !== 'GET') return sendReply(response, methodNotAllowed(method, ['GET']));
      return sendReply(response, apps.reply(url) ?? errorReply(404, 'not-found', 'expected /_apps/<instance>/healthz'));
    }
    if (url.pathname === '/healthz') return sendReply(response, { status: 200, text: 'ok', headers: { 'content-type': 'text/plain; charset=utf-8' } });
    const own = trackHttp.find((route) => url.pathname.startsWith(route.prefix));
    if (own) return sendReply(response, await own.http.handle(method, url, request.headers));
    const target = request.headers['x-amz-target'];
    const form = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded';
    // awsJson and awsQuery are POSTs with a target or a form body; anything else may be a REST call (method + path).
    const restShaped = (target === undefined || target === '') && !(method === 'POST' && form) && REST_METHODS.has(method);
    const rest = restShaped ? identifyRestCall(restServices, method, url.pathname) : undefined;
    if (rest) {
      const reply = await restReply(request, response, url, rest);
      if (reply) sendReply(response, reply);
      return;
    }
    // Under a REST service's path prefix, an operation it does not know is its unknown operation, in its protocol.
    const owner = restShaped ? restServiceOwning(restServices, url.pathname) : undefined;
    if (owner) {
      const requestId = randomUUID();
      const unknown = new AwsError('UnknownOperationException', `${owner.title} serves no operation at ${method} ${url.pathname}`, 404);
      return sendReply(response, stamped(owner.error(unknown, requestId), requestId));
    }
    if (method !== 'POST') {
      if (method === 'GET' && url.pathname === '/')
        return sendReply(response, { status: 200, text: landingPage(), headers: { 'content-type': 'text/plain; charset=utf-8' } });
      if (restServices.length > 0 && restShaped) return sendReply(response, stamped(unknownRestOperation(method, url.pathname, restServices), randomUUID()));
      return sendReply(response, methodNotAllowed(method, restServices.length > 0 ? [...REST_METHODS] : ['POST']));
    }
    const reply = await awsReply(request, response);
    if (reply) sendReply(response, reply);
  };

  const listening = await listenOnLoopback('rehearsal aws', port, handle);
  const server = listening.server;
  boundPort = listening.port;
  // With a running clock, keep the estates moving even when nobody asks, so catching up never piles up.
  const ticker = clock.timeScale > 0 ? setInterval(syncAll, 1000) : undefined;
  ticker?.unref();

  return {
    url: `http://127.0.0.1:${boundPort}`,
    port: boundPort,
    apps,
    async close() {
      if (ticker) clearInterval(ticker);
      closing.abort();
      for (const response of hung) response.destroy();
      hung.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The tracks' HTTP prefixes (longest first); a prefix the kernel serves itself, or two tracks share, is refused. */
function httpRoutes(simulators: readonly TrackSimulator[]): { prefix: string; http: TrackHttp }[] {
  const routes: { prefix: string; http: TrackHttp }[] = [];
  for (const simulator of simulators) {
    for (const prefix of simulator.http?.prefixes ?? []) {
      if (!/^\/[^/]+\/(?:[^/]+\/)*$/.test(prefix) || prefix === '/_admin/' || prefix === '/_apps/')
        throw new Error(`track ${simulator.id}: '${prefix}' is no HTTP prefix a track may serve (e.g. '/_dc/'; not /_admin/ or /_apps/)`);
      const taken = routes.find((route) => route.prefix === prefix);
      if (taken) throw new Error(`track ${simulator.id}: the HTTP prefix '${prefix}' is served already`);
      routes.push({ prefix, http: simulator.http! });
    }
  }
  return routes.sort((a, b) => b.prefix.length - a.prefix.length);
}

/** The tracks' awsQuery services; two that claim one Version are a wiring mistake, refused at start. */
function distinctQueryVersions(services: readonly QueryServiceDecl[]): readonly QueryServiceDecl[] {
  const byVersion = new Map<string, QueryServiceDecl>();
  for (const service of services) {
    const taken = byVersion.get(service.version);
    if (taken && taken.name !== service.name) throw new Error(`awsQuery services ${taken.name} and ${service.name} both claim Version=${service.version}`);
    byVersion.set(service.version, service);
  }
  return [...byVersion.values()];
}

/** The body up to the limit; a little more is drained so the SDK reads the 413 rather than a reset. */
async function readBody(request: IncomingMessage): Promise<string> {
  const read = await readBoundedBody(request, { maxBytes: MAX_BODY_BYTES, drainBytes: 2 * MAX_BODY_BYTES });
  if (read.ok) return read.text;
  if (read.problem === 'too-large') throw new AwsError('RequestEntityTooLarge', `The request body is larger than ${MAX_BODY_BYTES} bytes`, 413);
  throw new AwsError('IncompleteBody', 'The request body ended before its declared length', 400);
}
