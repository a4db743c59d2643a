// /_admin/: drive a rehearsal from outside the process (scripts, e2e tests): move the clock, inject and clear
// faults, read the estate at a glance. Loopback only, like the rest; never touched by injected faults.
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { errorReply, HttpError, methodNotAllowed, readJsonBody, type Reply } from '../registry/http-io';
import { AwsError } from './errors';
import { Duration, FaultSchema } from './scenario-schema';
import type { AppHealth } from './app-health';
import type { DmsSimulation } from './simulation';

const AdvanceSchema = z.strictObject({ by: Duration });
const FaultsSchema = z.union([FaultSchema, z.array(FaultSchema)]);

const WritersSchema = z.strictObject({ blocked: z.boolean(), tasks: z.array(z.string().min(1)).max(10_000).optional() });
const AppSchema = z.strictObject({ healthy: z.boolean(), reason: z.string().min(1).max(500).optional() });

export async function handleAdmin(method: string, url: URL, request: IncomingMessage, simulation: DmsSimulation, apps: AppHealth): Promise<Reply> {
  try {
    const app = /^\/_admin\/apps\/([^/]+)$/.exec(url.pathname);
    if (app) {
      // Body: { healthy: false, reason: "..." } makes the instance's health endpoint answer 503.
      if (method !== 'POST') return methodNotAllowed(method, ['POST']);
      const { healthy, reason } = parse(AppSchema, await readJsonBody(request));
      if (!apps.set(app[1]!, healthy, reason)) return errorReply(400, 'bad-request', `'${app[1]}' is not an instance name`);
      return { status: 200, json: { items: apps.list() } };
    }
    switch (url.pathname) {
      case '/_admin/writers': {
        // Body: { blocked: true, tasks?: [id or ARN, ...] } — the source's writers stop (or resume) for those tasks.
        if (method !== 'POST') return methodNotAllowed(method, ['POST']);
        const { blocked, tasks } = parse(WritersSchema, await readJsonBody(request));
        const changed = simulation.setWritersBlocked(blocked, tasks);
        return { status: 200, json: { blocked, tasks: changed.map((task) => task.identity.id) } };
      }
      case '/_admin/apps':
        return method === 'GET' ? { status: 200, json: { items: apps.list() } } : methodNotAllowed(method, ['GET']);
      case '/_admin/clock':
        return method === 'GET' ? { status: 200, json: clockView(simulation) } : methodNotAllowed(method, ['GET']);
      case '/_admin/clock/advance': {
        // Body: { by: 90 } (seconds) or { by: "5m" }.
        if (method !== 'POST') return methodNotAllowed(method, ['POST']);
        const { by } = parse(AdvanceSchema, await readJsonBody(request));
        simulation.advance(by * 1000);
        return { status: 200, json: clockView(simulation) };
      }
      case '/_admin/faults':
        if (method === 'GET') return { status: 200, json: simulation.describeFaults() };
        if (method === 'DELETE') {
          simulation.clearFaults();
          return { status: 204 };
        }
        if (method === 'POST') {
          // Body: one fault or a list, as in a scenario's `faults:`; `at` counts from now.
          const body = parse(FaultsSchema, await readJsonBody(request));
          const base = simulation.now();
          for (const fault of Array.isArray(body) ? body : [body]) simulation.injectFault(fault, base);
          return { status: 201, json: simulation.describeFaults() };
        }
        return methodNotAllowed(method, ['GET', 'POST', 'DELETE']);
      case '/_admin/tasks':
        return method === 'GET' ? { status: 200, json: { items: taskSummaries(simulation) } } : methodNotAllowed(method, ['GET']);
      default:
        return errorReply(404, 'not-found', `no admin endpoint ${url.pathname}; see /_admin/clock, /_admin/clock/advance, /_admin/faults, /_admin/tasks`);
    }
  } catch (error) {
    if (error instanceof HttpError) return error.toReply();
    if (error instanceof AwsError) return errorReply(400, 'bad-request', error.message);
    throw error;
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const at = issue.path.join('.');
  throw new HttpError(400, 'bad-request', `${at ? `${at}: ` : ''}${issue.message}`, at);
}

function clockView(simulation: DmsSimulation) {
  const now = simulation.now();
  return { now: new Date(now).toISOString(), epochSeconds: Math.floor(now / 1000), timeScale: simulation.clock.timeScale, startedAt: new Date(simulation.startedAt).toISOString() };
}

function taskSummaries(simulation: DmsSimulation) {
  return simulation.tasks().map((task) => ({
    id: task.identity.id,
    arn: task.identity.arn,
    metricTaskIdentifier: task.identity.resourceId,
    instance: task.identity.instanceId,
    status: task.status,
    ...(task.stopReason ? { stopReason: task.stopReason } : {}),
    fullLoadProgressPercent: task.fullLoadProgressPercent,
    cdcLatencyTargetSeconds: Math.round(task.latencyTarget * 10) / 10,
    backlog: Math.round(task.backlog),
  }));
}
