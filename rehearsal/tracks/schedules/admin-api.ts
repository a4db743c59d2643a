// The scheduled-jobs track's admin routes, under /_admin/schedules/ (`?account=<id>` for another account's AWS side):
//   GET    estate                          schedules, functions and DC jobs at a glance
//   GET    runs                            the run history of both sides, each run with the slot it served
//   GET    runs/aws/<schedule>             one schedule's invocations (group `default`; runs/aws/<group>/<schedule>)
//   GET    runs/dc/<job>                   one DC job's builds
//   GET    deliveries                      the Scheduler's deliveries (attempts, retries, drops)
//   GET    dc/jobs                         the DC jobs
//   PUT    dc/jobs/<name>                  defines a DC job { kind: jenkins|cron, cron, durationSeconds, timeZone?,
//                                          result?: SUCCESS|FAILURE, enabled?, description? } (201 new, 200 redefined)
//   GET    dc/jobs/<name>, DELETE dc/jobs/<name>
//   PUT    functions/<name>/behaviour      { durationSeconds }: how long the function's runs take (before or after
//                                          CreateFunction)
import { z } from 'zod';
import { parseAdminBody } from '../../kernel/admin-api';
import { Duration } from '../../kernel/duration';
import { errorReply, methodNotAllowed, type Reply } from '../../registry/http-io';
import type { TrackAdmin } from '../../seam/track-simulator';
import type { Delivery, Invocation } from './aws-estate';
import type { Build, DcJob } from './dc-estate';
import { running } from './dc-estate';
import { ExpressionError, isTimeZone } from './expressions';
import { DcJobName, FunctionName, ScheduleName } from './fault-schema';
import { scheduleView } from './scheduler-api';
import { configuration } from './lambda-api';
import type { SchedulesSimulation } from './simulation';

const ROUTES = ['estate', 'runs', 'runs/aws/<schedule>', 'runs/dc/<job>', 'deliveries', 'dc/jobs', 'dc/jobs/<name>', 'functions/<name>/behaviour'];

export const DcJobSchema = z.strictObject({
  kind: z.enum(['jenkins', 'cron'], { error: 'expected jenkins or cron' }).default('jenkins'),
  cron: z.string().min(1, { error: 'expected a cron spec such as "H 2 * * *"' }).max(1000),
  durationSeconds: Duration.refine((seconds) => seconds > 0, { error: 'expected a duration above 0, e.g. 90, "5m"' }),
  timeZone: z.string().refine(isTimeZone, { error: 'expected an IANA time zone such as Europe/Berlin' }).default('UTC'),
  result: z.enum(['SUCCESS', 'FAILURE'], { error: 'expected SUCCESS or FAILURE' }).default('SUCCESS'),
  enabled: z.boolean().default(true),
  description: z.string().max(2000).default(''),
});

const BehaviourSchema = z.strictObject({ durationSeconds: Duration });

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

export function invocationView(invocation: Invocation): Record<string, unknown> {
  return {
    id: invocation.id,
    function: invocation.functionName,
    source: invocation.source,
    group: invocation.group ?? null,
    schedule: invocation.schedule ?? null,
    slot: iso(invocation.slot),
    attempt: invocation.attempt,
    duplicate: invocation.duplicate,
    requestedAt: iso(invocation.requestedAt),
    startedAt: iso(invocation.startedAt),
    endedAt: invocation.result === 'running' || invocation.result === 'throttled' ? null : iso(invocation.endsAt),
    result: invocation.result,
    error: invocation.error ?? null,
  };
}

export function deliveryView(delivery: Delivery): Record<string, unknown> {
  return {
    id: delivery.id,
    group: delivery.group,
    schedule: delivery.schedule,
    target: delivery.target.arn,
    slot: iso(delivery.slot),
    dueAt: iso(delivery.dueAt),
    duplicate: delivery.duplicate,
    attempts: delivery.attempts,
    state: delivery.state,
    nextAttemptAt: delivery.state === 'pending' ? iso(delivery.nextAttemptAt) : null,
    lastError: delivery.lastError ?? null,
    droppedAt: iso(delivery.droppedAt),
  };
}

export function buildView(job: DcJob, build: Build): Record<string, unknown> {
  return {
    job: job.name,
    kind: job.kind,
    number: build.number,
    cause: build.cause,
    slot: iso(build.slot),
    startedAt: iso(build.timestamp),
    endedAt: iso(build.endedAt),
    building: build.result === null,
    result: build.result,
    hung: build.hung,
  };
}

function jobView(job: DcJob): Record<string, unknown> {
  return {
    name: job.name,
    kind: job.kind,
    cron: job.cron,
    timeZone: job.timeZone,
    durationSeconds: job.durationSeconds,
    result: job.result,
    enabled: job.enabled,
    description: job.description,
    building: running(job) !== undefined,
    inQueue: job.queued !== undefined,
    lastBuild: job.builds.length > 0 ? buildView(job, job.builds.at(-1)!) : null,
  };
}

export function schedulesAdmin(simulation: SchedulesSimulation): TrackAdmin {
  const { aws, dc } = simulation;
  const noDc = () => errorReply(404, 'not-found', 'the data center is the source account’s: call without ?account=');
  return {
    async handle(method, route, body) {
      const get = (reply: () => Reply): Reply => (method === 'GET' ? reply() : methodNotAllowed(method, ['GET']));
      simulation.sync();
      if (route === 'estate')
        return get(() => ({
          status: 200,
          json: {
            now: iso(simulation.clock.now()),
            accountId: aws.accountId,
            groups: aws.groups().map((group) => ({ name: group.name, arn: group.arn })),
            schedules: aws.schedules().map(scheduleView),
            functions: aws
              .functions()
              .map((fn) => ({ ...configuration(fn), ReservedConcurrentExecutions: fn.reservedConcurrency ?? null, durationSeconds: fn.durationSeconds })),
            dcJobs: dc ? dc.jobs().map(jobView) : null,
          },
        }));
      if (route === 'runs')
        return get(() => ({
          status: 200,
          json: {
            aws: aws.invocations().map(invocationView),
            dc: dc ? dc.jobs().flatMap((job) => job.builds.map((build) => buildView(job, build))) : null,
          },
        }));
      if (route === 'deliveries') return get(() => ({ status: 200, json: { items: aws.deliveries().map(deliveryView) } }));
      const awsRuns = /^runs\/aws\/(?:([^/]+)\/)?([^/]+)$/.exec(route);
      if (awsRuns) {
        const group = decodeURIComponent(awsRuns[1] ?? 'default');
        const schedule = decodeURIComponent(awsRuns[2]!);
        if (!ScheduleName.safeParse(schedule).success || !ScheduleName.safeParse(group).success)
          return errorReply(400, 'bad-request', `'${group}/${schedule}' is not a schedule name`);
        return get(() => ({
          status: 200,
          json: {
            items: aws
              .invocations()
              .filter((invocation) => invocation.group === group && invocation.schedule === schedule)
              .map(invocationView),
          },
        }));
      }
      const dcRuns = /^runs\/dc\/([^/]+)$/.exec(route);
      if (dcRuns) {
        if (!dc) return noDc();
        const job = dc.job(decodeURIComponent(dcRuns[1]!));
        if (!job) return errorReply(404, 'not-found', `no DC job '${dcRuns[1]}'`);
        return get(() => ({ status: 200, json: { items: job.builds.map((build) => buildView(job, build)) } }));
      }
      if (route === 'dc/jobs') {
        if (!dc) return noDc();
        return get(() => ({ status: 200, json: { items: dc.jobs().map(jobView) } }));
      }
      const jobRoute = /^dc\/jobs\/([^/]+)$/.exec(route);
      if (jobRoute) {
        if (!dc) return noDc();
        const name = decodeURIComponent(jobRoute[1]!);
        if (!DcJobName.safeParse(name).success) return errorReply(400, 'bad-request', `'${name}' is not a job name: 1-128 letters, digits, ".", "_" or "-"`);
        switch (method) {
          case 'PUT': {
            const spec = parseAdminBody(DcJobSchema, await body());
            try {
              const { job, created } = dc.putJob({ name, ...spec });
              return { status: created ? 201 : 200, json: jobView(job) };
            } catch (error) {
              if (error instanceof ExpressionError) return errorReply(400, 'bad-request', `cron: ${error.message}`, { field: 'cron' });
              throw error;
            }
          }
          case 'GET': {
            const job = dc.job(name);
            return job
              ? { status: 200, json: jobView(job) }
              : errorReply(404, 'not-found', `no DC job '${name}'; define it with PUT /_admin/schedules/dc/jobs/${name}`);
          }
          case 'DELETE':
            return dc.deleteJob(name) ? { status: 204 } : errorReply(404, 'not-found', `no DC job '${name}'`);
          default:
            return methodNotAllowed(method, ['PUT', 'GET', 'DELETE']);
        }
      }
      const behaviour = /^functions\/([^/]+)\/behaviour$/.exec(route);
      if (behaviour) {
        const name = decodeURIComponent(behaviour[1]!);
        if (!FunctionName.safeParse(name).success) return errorReply(400, 'bad-request', `'${name}' is not a function name`);
        if (method !== 'PUT') return methodNotAllowed(method, ['PUT']);
        const { durationSeconds } = parseAdminBody(BehaviourSchema, await body());
        aws.setBehaviour(name, durationSeconds);
        return { status: 200, json: { function: name, durationSeconds } };
      }
      if (route.startsWith('runs') || route.startsWith('dc/') || route.startsWith('functions/'))
        return errorReply(404, 'not-found', `no route ${route}; routes: ${ROUTES.map((path) => `/_admin/schedules/${path}`).join(', ')}`);
      return undefined;
    },
  };
}
