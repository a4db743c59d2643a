// The scheduled-jobs track mounted on a kernel of its own, on one loopback endpoint, until the rehearsal's server
// dispatches restJson1 services and track HTTP routes (kernel/server.ts serves awsJson and awsQuery only today). It is
// that server's wiring with the two additions the track needs, so the additions can move there as they are:
//   /_admin/...            the kernel's admin routes (clock, faults, accounts) and the track's /_admin/schedules/...
//   /_dc/...               the source account's data-center schedulers (Jenkins, HTTP cron), with their own auth
//   x-amz-target / form    the kernel's CloudWatch (the track's AWS/Scheduler and AWS/Lambda metrics) and STS
//   anything else          restJson1: the first service whose route matches (Scheduler, Lambda), answered by the
//                          caller's account's estate, after the wire faults (hang, slow, 5xx, throttle), as the
//                          server does for awsJson
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { readBoundedBody } from '../../../main/ports/http-body';
import { AccountEstates } from '../../kernel/account-estates';
import type { RoleInput } from '../../kernel/accounts';
import { adminHandler } from '../../kernel/admin-api';
import { AppHealth } from '../../kernel/app-health';
import type { RehearsalClock } from '../../kernel/clock';
import { cloudWatchRoutes } from '../../kernel/cloudwatch-service';
import { AwsError } from '../../kernel/errors';
import { createKernel } from '../../kernel/kernel';
import { errorAnswer, identifyCall, type AwsCall, type ServiceRoute } from '../../kernel/protocols';
import { stsRoute } from '../../kernel/sts-service';
import { listenOnLoopback } from '../../loopback-server';
import { foreignRequestRefusal } from '../../registry/access';
import { errorReply, sendReply, type Reply } from '../../registry/http-io';
import type { RehearsalKernel } from '../../seam/track-simulator';
import { DC_PREFIX, type DcCredentials } from './dc-api';
import type { RestJsonServiceDecl } from './rest-json';
import { schedulesSimulator, type SchedulesTrackSimulator } from './track';

export interface SchedulesMountOptions {
  readonly clock: RehearsalClock;
  readonly seed?: number;
  readonly region?: string;
  readonly sourceAccountId?: string;
  readonly roles?: readonly RoleInput[];
  readonly dcCredentials?: DcCredentials;
}

export interface SchedulesMount {
  readonly url: string;
  readonly kernel: RehearsalKernel;
  /** The source account's track (with the data center). */
  readonly track: SchedulesTrackSimulator;
  /** Another account's track (made on its first use). */
  trackOf(accountId: string): SchedulesTrackSimulator;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export async function mountSchedulesRehearsal(options: SchedulesMountOptions): Promise<SchedulesMount> {
  const region = options.region ?? 'eu-central-1';
  const kernel = createKernel({
    clock: options.clock,
    seed: options.seed ?? 7,
    ...(options.sourceAccountId ? { sourceAccountId: options.sourceAccountId } : {}),
    ...(options.roles ? { roles: options.roles } : {}),
  });
  const credentials = options.dcCredentials ? { dcCredentials: options.dcCredentials } : {};
  const track = schedulesSimulator({ region, accountId: kernel.accounts.sourceAccountId, ...credentials })(kernel);
  const estates = new AccountEstates(kernel, [track], (accountKernel, accountId) => [
    schedulesSimulator({ region, accountId, dataCenter: false })(accountKernel),
  ]);
  const trackOf = (accountId: string) => estates.of(accountId).simulators[0] as SchedulesTrackSimulator;
  const now = () => {
    estates.sync();
    return kernel.clock.now();
  };
  const routes: readonly ServiceRoute[] = [...cloudWatchRoutes((accountId) => estates.of(accountId).kernel.metrics, now), stsRoute(kernel.accounts, now)];
  const serviceNames = [...new Set([...track.restServices.map((service) => service.name), ...routes.map((route) => route.name)])];
  const handleAdmin = adminHandler({
    kernel,
    simulators: [track],
    simulatorsOf: (accountId) => estates.of(accountId).simulators,
    apps: new AppHealth(),
    now,
    serviceNames,
  });
  const closing = new AbortController();
  const hung = new Set<ServerResponse>();
  let boundPort = 0;

  /** The wire faults of a call; undefined = hang (never answered). Throws the injected error. */
  const faultsOf = async (service: string, operation: string, response: ServerResponse): Promise<boolean> => {
    const decision = kernel.faults.decide(service, operation, kernel.clock.now());
    if (decision.hang) {
      hung.add(response);
      response.once('close', () => hung.delete(response));
      return false;
    }
    if (decision.delayMs > 0) await sleep(decision.delayMs, undefined, { signal: closing.signal });
    if (decision.serverError)
      throw new AwsError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure (injected).');
    if (decision.throttle) throw new AwsError('ThrottlingException', 'Rate exceeded');
    return true;
  };

  const restReply = async (request: IncomingMessage, response: ServerResponse, url: URL, body: string): Promise<Reply | undefined> => {
    const method = request.method ?? 'GET';
    let service: RestJsonServiceDecl | undefined;
    let matched: ReturnType<RestJsonServiceDecl['route']>;
    for (const candidate of track.restServices) {
      matched = candidate.route(method, url.pathname);
      if (matched) {
        service = candidate;
        break;
      }
    }
    if (!service || !matched)
      return {
        status: 404,
        text: JSON.stringify({ message: `The rehearsal environment serves no operation at ${method} ${url.pathname}` }),
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'UnknownOperationException' },
      };
    try {
      estates.sync();
      const caller = kernel.accounts.callerOf(request.headers, kernel.clock.now(), `${service.name}:${matched.operation}`);
      if (!(await faultsOf(service.name, matched.operation, response))) return undefined;
      const own = trackOf(caller.accountId).restServices.find((candidate) => candidate.name === service.name)!;
      return own.handle({ operation: matched.operation, params: matched.params, query: url.searchParams, headers: request.headers, body });
    } catch (error) {
      if (closing.signal.aborted) return undefined;
      if (!(error instanceof AwsError))
        process.stderr.write(`rehearsal schedules: ${service.name} ${matched.operation} failed: ${(error as Error).stack ?? String(error)}\n`);
      return service.error(error instanceof AwsError ? error : new AwsError('InternalFailure', 'The rehearsal environment failed to process the request.'));
    }
  };

  const awsReply = async (request: IncomingMessage, response: ServerResponse, body: string): Promise<Reply | undefined> => {
    const requestId = randomUUID();
    let call: AwsCall | undefined;
    try {
      call = identifyCall(request.headers, body, routes);
      estates.sync();
      const caller = kernel.accounts.callerOf(request.headers, kernel.clock.now(), `${call.service}:${call.operation}`);
      if (!(await faultsOf(call.service, call.operation, response))) return undefined;
      return call.route.answer(call.operation, call.input, requestId, caller);
    } catch (error) {
      if (closing.signal.aborted) return undefined;
      const failure = error instanceof AwsError ? error : new AwsError('InternalFailure', 'The rehearsal environment failed to process the request.');
      return errorAnswer(call, failure.code === 'ThrottlingException' && call ? new AwsError(call.route.throttlingCode, failure.message) : failure, requestId);
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = URL.parse(request.url ?? '/', 'http://rehearsal.invalid');
    const method = request.method ?? 'GET';
    const refusal = foreignRequestRefusal(request, boundPort);
    if (refusal || !url) return sendReply(response, refusal ?? errorReply(400, 'bad-request', 'malformed request target'));
    if (url.pathname.startsWith('/_admin/')) return sendReply(response, await handleAdmin(method, url, request));
    if (url.pathname.startsWith(DC_PREFIX)) {
      if (!track.http) return sendReply(response, errorReply(404, 'not-found', 'no data center in this rehearsal'));
      return sendReply(response, track.http.handle(method, url, request.headers));
    }
    const read = await readBoundedBody(request, { maxBytes: MAX_BODY_BYTES, drainBytes: 2 * MAX_BODY_BYTES });
    if (!read.ok) return sendReply(response, errorReply(413, 'payload-too-large', `the request body is larger than ${MAX_BODY_BYTES} bytes`));
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const awsProtocol = request.headers['x-amz-target'] !== undefined || (method === 'POST' && type === 'application/x-www-form-urlencoded');
    const reply = awsProtocol ? await awsReply(request, response, read.text) : await restReply(request, response, url, read.text);
    if (!reply) return;
    sendReply(response, { ...reply, headers: { ...reply.headers, 'x-amzn-requestid': randomUUID(), date: new Date(kernel.clock.now()).toUTCString() } });
  };

  const listening = await listenOnLoopback('rehearsal schedules', 0, handle);
  boundPort = listening.port;
  const ticker = kernel.clock.timeScale > 0 ? setInterval(() => estates.sync(), 1000) : undefined;
  ticker?.unref();
  return {
    url: `http://127.0.0.1:${boundPort}`,
    kernel,
    track,
    trackOf,
    async close() {
      if (ticker) clearInterval(ticker);
      closing.abort();
      for (const response of hung) response.destroy();
      hung.clear();
      listening.server.closeAllConnections();
      await new Promise<void>((resolve) => listening.server.close(() => resolve()));
    },
  };
}
