// The scheduled-jobs track's config as both of its parts read it (aws.ts, rehearsal.ts), checked before anything is made:
//
//   schedules:settings      JSON the cockpit core writes from the plan (main/tracks/schedules/plan.ts, its
//                           SchedulesProgramSettings: change both together); absent: the stack has no scheduled jobs
//                           { jobs: [{ id, description?, idempotent, aws: { expression, timeZone, flexibleWindowMinutes,
//                             retry: { maximumRetryAttempts, maximumEventAgeSeconds },
//                             function: { runtime, handler, memoryMb, timeoutSeconds } | functionArnOutput } }] }
//   schedules:state         JSON map job id → ENABLED | DISABLED: the AWS schedule's state. A job left out is DISABLED
//                           (deployed off until the handover), unless it has a start date (then ENABLED: the start
//                           date holds it off). The runbook writes it as a cutover overlay key: `handover-schedules`
//                           sets the job ENABLED when it enables the schedule (GetSchedule + UpdateSchedule), the
//                           compensation DISABLED again; without the overlay the next deploy would put the old state
//                           back. Example: {"invoices":"ENABLED"}
//   schedules:startDate     JSON map job id → ISO 8601 instant with its offset (2026-12-05T02:00:00Z): the schedule's
//                           StartDate, so it is deployed ENABLED and fires its first slot at or after that instant
//                           (the cutover time) with no call at the handover. A start date more than 5 minutes past
//                           when the program runs is left out (the schedule has started; Scheduler refuses older
//                           ones). Optional; the runbook writes it when the wave hands over by start date.
//   schedules:functionArns  JSON map job id → Lambda function ARN, for the jobs whose plan names `functionArnOutput`
//                           (a function this stack does not deploy through this track): the schedule's target.
//                           Required for each such job; the core fills it from the output the plan names.
//
// A map naming a job the settings do not have is an error (a typo would otherwise leave a job's schedule off).
// Names end up in AWS names and API calls, so they are held to the plan's patterns here too. Loading this module
// loads no provider.
import * as pulumi from '@pulumi/pulumi';
import { configFields, isObject, shown } from '../../lib/config-fields';

export const SETTINGS_KEY = 'schedules:settings';
export const STATE_KEY = 'schedules:state';
export const START_DATE_KEY = 'schedules:startDate';
export const FUNCTION_ARNS_KEY = 'schedules:functionArns';

export type ScheduleState = 'ENABLED' | 'DISABLED';
export const SCHEDULE_STATES: readonly ScheduleState[] = ['ENABLED', 'DISABLED'];

/** The function the stack deploys for a job (the plan's FunctionSpec, defaults applied by the plan). */
export interface JobFunctionSettings {
  readonly runtime: string;
  readonly handler: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
}

/** A job's AWS side (the plan's AwsSide, defaults applied). */
export interface JobAwsSettings {
  readonly expression: string;
  readonly timeZone: string;
  /** 0: the window is OFF (the schedule fires on its minute). */
  readonly flexibleWindowMinutes: number;
  readonly retry: { readonly maximumRetryAttempts: number; readonly maximumEventAgeSeconds: number };
  /** Exactly one of `function` and `functionArnOutput`. */
  readonly function?: JobFunctionSettings;
  readonly functionArnOutput?: string;
}

export interface JobSettings {
  readonly id: string;
  readonly description?: string;
  readonly idempotent: boolean;
  readonly aws: JobAwsSettings;
}

/**
 * `schedules:settings`, mirrored from main/tracks/schedules/plan.ts SchedulesProgramSettings (pulumi-programs/ is
 * compiled and deployed alone and may not import main/): testing/settings-fixture.ts holds what the plan part writes.
 */
export interface SchedulesSettings {
  readonly jobs: readonly JobSettings[];
}

/** A job as the program makes it: its settings and the cutover's keys for it. */
export interface ScheduledJob extends JobSettings {
  readonly state: ScheduleState;
  /** ISO instant, only when set and not yet past. */
  readonly startDate?: string;
  /** The schedule's target when the plan names `functionArnOutput`. */
  readonly functionArn?: string;
}

// The plan's patterns (main/plan/schema.ts LocalId, main/tracks/schedules/plan-schema.ts).
const JOB_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const RUNTIME = /^(nodejs\d+\.x|python3\.\d+|java\d+|dotnet\d+|ruby\d+\.\d+|provided(\.al2(023)?)?)$/;
const HANDLER = /^[A-Za-z0-9_.:/$-]{1,128}$/;
const OUTPUT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const AWS_EXPRESSION = /^(cron|rate|at)\(.+\)$/;
const FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:function:[A-Za-z0-9_-]{1,64}(:(\$LATEST|[A-Za-z0-9_-]+))?$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
/** How far in the past Scheduler still takes a StartDate. */
export const START_DATE_GRACE_MS = 5 * 60_000;

const { SettingsError, text, whole } = configFields(SETTINGS_KEY);

/** Whether this Node knows the IANA zone (as Scheduler and the plan's check do). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function readFunction(value: unknown, at: string): JobFunctionSettings {
  if (!isObject(value)) throw new SettingsError(at, 'must be an object { runtime, handler, memoryMb, timeoutSeconds }');
  return {
    runtime: text(value.runtime, `${at}.runtime`, RUNTIME, 'a Lambda runtime such as nodejs22.x, python3.13, java21 or provided.al2023'),
    handler: text(value.handler, `${at}.handler`, HANDLER, 'a handler such as index.handler'),
    memoryMb: whole(value.memoryMb, `${at}.memoryMb`, 128, 10_240, 512),
    timeoutSeconds: whole(value.timeoutSeconds, `${at}.timeoutSeconds`, 1, 900, 300),
  };
}

function readJob(value: unknown, index: number): JobSettings {
  if (!isObject(value)) throw new SettingsError(`jobs[${index}]`, 'must be an object { id, idempotent, aws }');
  const id = text(value.id, `jobs[${index}].id`, JOB_ID, 'a job id: lowercase letters, digits and "-", starting with a letter or digit');
  const at = `jobs[${index}] (${id})`;
  if (value.description !== undefined && typeof value.description !== 'string') throw new SettingsError(`${at}.description`, 'must be text');
  if (typeof value.idempotent !== 'boolean') throw new SettingsError(`${at}.idempotent`, `must be true or false (got ${shown(value.idempotent)})`);
  const aws = value.aws;
  if (!isObject(aws))
    throw new SettingsError(`${at}.aws`, 'must be an object { expression, timeZone, flexibleWindowMinutes, retry, function | functionArnOutput }');
  const expression = text(aws.expression, `${at}.aws.expression`, AWS_EXPRESSION, 'an EventBridge Scheduler expression: cron(…), rate(…) or at(…)');
  if (expression.length > 256) throw new SettingsError(`${at}.aws.expression`, 'must be at most 256 characters');
  const timeZone = aws.timeZone === undefined ? 'UTC' : text(aws.timeZone, `${at}.aws.timeZone`, /^[A-Za-z0-9_+\-/]{1,50}$/, 'an IANA time zone');
  if (!isTimeZone(timeZone)) throw new SettingsError(`${at}.aws.timeZone`, `is not a time zone this system knows (got ${shown(timeZone)})`);
  const retry = aws.retry === undefined ? {} : aws.retry;
  if (!isObject(retry)) throw new SettingsError(`${at}.aws.retry`, 'must be an object { maximumRetryAttempts, maximumEventAgeSeconds }');
  if ((aws.function === undefined) === (aws.functionArnOutput === undefined))
    throw new SettingsError(`${at}.aws`, 'must have exactly one of function: { runtime, handler, memoryMb, timeoutSeconds } or functionArnOutput');
  return {
    id,
    ...(typeof value.description === 'string' ? { description: value.description } : {}),
    idempotent: value.idempotent,
    aws: {
      expression,
      timeZone,
      flexibleWindowMinutes: whole(aws.flexibleWindowMinutes, `${at}.aws.flexibleWindowMinutes`, 0, 1440, 0),
      retry: {
        maximumRetryAttempts: whole(retry.maximumRetryAttempts, `${at}.aws.retry.maximumRetryAttempts`, 0, 185, 0),
        maximumEventAgeSeconds: whole(retry.maximumEventAgeSeconds, `${at}.aws.retry.maximumEventAgeSeconds`, 60, 86_400, 86_400),
      },
      ...(aws.function !== undefined
        ? { function: readFunction(aws.function, `${at}.aws.function`) }
        : { functionArnOutput: text(aws.functionArnOutput, `${at}.aws.functionArnOutput`, OUTPUT_NAME, 'a stack output name') }),
    },
  };
}

/** Parses and checks `schedules:settings` (its JSON text); throws naming the key and the field. */
export function parseSchedulesSettings(raw: string): SchedulesSettings {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new Error(`${SETTINGS_KEY} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (!isObject(value)) throw new Error(`${SETTINGS_KEY} must be a JSON object { jobs: [...] }`);
  if (!Array.isArray(value.jobs)) throw new SettingsError('jobs', `must be a list (got ${shown(value.jobs)})`);
  const jobs = value.jobs.map(readJob);
  const seen = new Set<string>();
  for (const job of jobs) {
    if (seen.has(job.id)) throw new SettingsError('jobs', `lists job ${job.id} twice`);
    seen.add(job.id);
  }
  return { jobs };
}

/** A JSON map config key (job id → value): each key a job of the settings, each value checked by `read`. */
function readJobMap<T>(config: pulumi.Config, key: string, jobs: readonly JobSettings[], read: (value: unknown, jobId: string) => T): Map<string, T> {
  const full = `${config.name}:${key}`;
  const raw = config.get(key);
  if (raw === undefined) return new Map();
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new Error(`${full} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (!isObject(value)) throw new Error(`${full} must be a JSON object mapping job ids to values, e.g. {"${jobs[0]?.id ?? 'invoices'}": …}`);
  const ids = jobs.map((job) => job.id);
  const map = new Map<string, T>();
  for (const [jobId, entry] of Object.entries(value)) {
    if (!ids.includes(jobId)) throw new Error(`${full} names job '${jobId}', which ${SETTINGS_KEY} does not have (its jobs: ${ids.join(', ') || 'none'})`);
    map.set(jobId, read(entry, jobId));
  }
  return map;
}

/**
 * The stack's scheduled jobs with their state, start date and target ARN, or undefined when it has none
 * (`schedules:settings` absent). `now` decides which start dates are past (the program's run time).
 */
export function readScheduledJobs(config: pulumi.Config = new pulumi.Config('schedules'), now: number = Date.now()): ScheduledJob[] | undefined {
  const raw = config.get('settings');
  if (raw === undefined) return undefined;
  const { jobs } = parseSchedulesSettings(raw);
  const full = (key: string) => `${config.name}:${key}`;
  const states = readJobMap(config, 'state', jobs, (value, jobId) => {
    if (typeof value !== 'string' || !(SCHEDULE_STATES as readonly string[]).includes(value))
      throw new Error(`${full('state')}: job ${jobId} must be ENABLED or DISABLED (got ${shown(value)})`);
    return value as ScheduleState;
  });
  const startDates = readJobMap(config, 'startDate', jobs, (value, jobId) => {
    const when = typeof value === 'string' && ISO_INSTANT.test(value) ? Date.parse(value) : NaN;
    if (Number.isNaN(when))
      throw new Error(`${full('startDate')}: job ${jobId} must be an ISO 8601 instant with its offset, e.g. 2026-12-05T02:00:00Z (got ${shown(value)})`);
    return when;
  });
  const arns = readJobMap(config, 'functionArns', jobs, (value, jobId) => {
    if (typeof value !== 'string' || !FUNCTION_ARN.test(value))
      throw new Error(
        `${full('functionArns')}: job ${jobId} must be a Lambda function ARN, e.g. arn:aws:lambda:eu-central-1:123456789012:function:invoices (got ${shown(value)})`,
      );
    return value;
  });
  return jobs.map((job): ScheduledJob => {
    const start = startDates.get(job.id);
    const startDate = start !== undefined && start >= now - START_DATE_GRACE_MS ? new Date(start).toISOString().replace(/\.000Z$/, 'Z') : undefined;
    const functionArn = arns.get(job.id);
    if (job.aws.function !== undefined && functionArn !== undefined)
      throw new Error(`${full('functionArns')}: job ${job.id} has its function deployed by this stack (${SETTINGS_KEY}: aws.function); leave it out`);
    if (job.aws.functionArnOutput !== undefined && functionArn === undefined)
      throw new Error(
        `${full('functionArns')} has no ARN for job ${job.id}: its plan names the function by the stack output '${job.aws.functionArnOutput}', and the schedule needs that function's ARN as its target`,
      );
    return {
      ...job,
      // A start date holds an ENABLED schedule off until then; without one a job waits DISABLED for the handover.
      state: states.get(job.id) ?? (start !== undefined ? 'ENABLED' : 'DISABLED'),
      ...(startDate !== undefined ? { startDate } : {}),
      ...(functionArn !== undefined ? { functionArn } : {}),
    };
  });
}

/** `<prefix>-<instanceId>-<jobId>` within `max` characters (a hash keeps a shortened name unique). */
export function boundedName(name: string, max: number): string {
  if (name.length <= max) return name;
  let hash = 2166136261;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  const suffix = hash.toString(36).padStart(7, '0');
  return `${name.slice(0, max - suffix.length - 1).replace(/-+$/, '')}-${suffix}`;
}

/** The job's function and schedule name (both at most 64 characters; names of letters, digits, - and _). */
export function jobResourceName(prefix: string, instanceId: string, jobId: string): string {
  return boundedName(`${prefix}-${instanceId}-${jobId}`.replace(/[^A-Za-z0-9_-]/g, '-'), 64);
}

/** The job's roles: `<prefix>-<instanceId>-<jobId>-run` (the function's), `-invoke` (Scheduler's), at most 64 characters. */
export function jobRoleName(prefix: string, instanceId: string, jobId: string, use: 'run' | 'invoke'): string {
  return boundedName(`${prefix}-${instanceId}-${jobId}-${use}`.replace(/[^A-Za-z0-9_-]/g, '-'), 64);
}

/** The schedules are in the account's default group. */
export const SCHEDULE_GROUP = 'default';

/**
 * The event the schedule hands the function: the job's identity and the slot it serves (Scheduler fills in
 * `<aws.scheduler.scheduled-time>`; retries and the flexible window move the run, never the slot), which the
 * function keys its idempotency lease on, and the attempt.
 */
export function scheduleInput(stackId: string, jobId: string): string {
  return JSON.stringify({
    job: `${stackId}#${jobId}`,
    scheduledTime: '<aws.scheduler.scheduled-time>',
    attempt: '<aws.scheduler.attempt-number>',
  });
}

/**
 * The placeholder code a function is deployed with (the application's pipeline deploys the job's code; the program
 * never replaces it afterwards): a handler at the plan's handler path that fails saying so, so a test invocation
 * stays red until the real code is there. Runtimes without a source file (java, dotnet, provided) get a note only.
 */
export function placeholderFiles(runtime: string, handler: string): Record<string, string> {
  const message = `placeholder deployed by the migration cockpit: deploy this job's code (handler ${handler}) before the handover`;
  const dot = handler.lastIndexOf('.');
  const file = dot > 0 ? handler.slice(0, dot) : handler;
  const exported = dot > 0 ? handler.slice(dot + 1) : 'handler';
  if (runtime.startsWith('nodejs'))
    return { [`${file}.js`]: `exports[${JSON.stringify(exported)}] = async () => {\n  throw new Error(${JSON.stringify(message)});\n};\n` };
  if (runtime.startsWith('python') && /^[A-Za-z_][A-Za-z0-9_]*$/.test(exported))
    return { [`${file}.py`]: `def ${exported}(event, context):\n    raise RuntimeError(${JSON.stringify(message)})\n` };
  if (runtime.startsWith('ruby') && /^[A-Za-z_][A-Za-z0-9_]*$/.test(exported))
    return { [`${file}.rb`]: `def ${exported}(event:, context:)\n  raise ${JSON.stringify(message)}\nend\n` };
  return { 'PLACEHOLDER.txt': `${message}\n` };
}

/** The description the function and schedule carry: the plan's, else the job's identity. */
export function descriptionOf(job: JobSettings, max: number): string {
  const words = job.description ?? `Scheduled job ${job.id} (migration cockpit)`;
  return words.length <= max ? words : `${words.slice(0, max - 1)}…`;
}

/** The partition of a region's ARNs. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** What the stack exports per job (`schedulesJobs`), for the monitor and the runbook; the same on both targets. */
export interface ScheduledJobOutput {
  readonly functionName: string;
  readonly functionArn: string;
  /** false: the function is one the stack deploys otherwise (functionArnOutput); the track only targets it. */
  readonly functionManaged: boolean;
  readonly scheduleName: string;
  readonly scheduleArn: string;
  readonly scheduleGroup: string;
  readonly state: ScheduleState;
  /** The StartDate deployed, or null. */
  readonly startDate: string | null;
}
