// The scheduled-jobs track's part of the plan file, as zod schemas: a stack's scheduled jobs, each with its data-center
// side (a Jenkins job, or an entry of a cron host behind an HTTP endpoint) and its AWS side (an EventBridge Scheduler
// schedule firing a Lambda function), the data-center schedulers those jobs name, and a wave's handover settings.
// Credentials are never written in the plan: it names the environment variables that hold them.
//
// Where the schedulers are declared: on the stack (`schedules.schedulers`), beside the jobs that name them. A plan-level
// list (like `registries:`) would say each scheduler once, but the loader builds the plan model from the core's keys
// only (main/plan/load.ts buildModel, plan-parts.ts), so a track's top-level section would reach neither the checks nor
// the runtime. A scheduler id means one scheduler across the plan: a stack may repeat another's declaration, and the
// check refuses two different declarations under one id, so the list can move to the top level unchanged later.
//
//   stacks:
//     - name: billing
//       project: apps
//       schedules:
//         schedulers:
//           - id: jenkins-dc1
//             jenkins: { baseUrl: https://jenkins.dc.example.internal, auth: { usernameEnv: JENKINS_USER, tokenEnv: JENKINS_TOKEN }, timeZone: Europe/Berlin }
//         jobs:
//           - id: invoices
//             dc: { jenkins: jenkins-dc1, job: billing/nightly-invoices, expression: "H 2 * * *" }
//             aws:
//               expression: cron(0 2 * * ? *)
//               timeZone: Europe/Berlin
//               function: { runtime: nodejs22.x, handler: index.handler, memoryMb: 512, timeoutSeconds: 300 }
//             idempotent: true
//   waves:
//     - id: wave-1
//       schedules: { handoverTimeoutMinutes: 30 }
//       cutover: { runbook: [ { id: jobs, name: Hand over the jobs, action: { type: schedules-handover } } ] }
import { z } from 'zod';
import { isKnownTimeZone, knownTimeZones } from '../../../common/schedules/index';
import { closestWord, EndpointOverride, EnvVarName, LocalId, type StackEntry, type WaveEntry } from '../../plan/schema';

/** An IANA time zone both sides understand ('UTC', 'Europe/Berlin'); an unknown one is named with the closest known. */
export const TimeZone = z.string().superRefine((zone, context) => {
  if (isKnownTimeZone(zone)) return;
  const suggestion = closestWord(zone, [...knownTimeZones()]);
  context.addIssue({
    code: 'custom',
    message: `unknown time zone '${zone}'; ${suggestion ? `did you mean '${suggestion}'?` : 'expected an IANA name such as Europe/Berlin or UTC'}`,
  });
});

/** A JSON pointer into a response body (/running, /entries/0/enabled). */
const JsonPointer = z.string().regex(/^(\/[^/]*)+$/, { error: 'expected a JSON pointer such as /running or /entry/enabled' });

const HttpMethod = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], { error: 'expected one of GET, POST, PUT, PATCH, DELETE' });

/** One request to a cron endpoint; {{job.entry}}, {{job.id}} and {{stack.*}} are filled in per job. */
export const CronRequest = z.strictObject({
  method: HttpMethod,
  path: z.string().startsWith('/', { error: 'expected a path starting with "/", relative to the endpoint baseUrl' }),
  body: z.record(z.string(), z.unknown()).optional(),
});

/** A user name and API token (Jenkins: basic auth with the user's API token), both from the environment. */
const BasicAuth = z.strictObject({ usernameEnv: EnvVarName, tokenEnv: EnvVarName });

export const JenkinsScheduler = z.strictObject({
  /** The controller's URL, or `rehearsal` for the rehearsal's Jenkins stand-in. */
  baseUrl: EndpointOverride,
  auth: BasicAuth.optional(),
  /** The controller's time zone (its JVM's), which its jobs' cron specs are read in unless a job says otherwise. */
  timeZone: TimeZone.default('UTC'),
  timeoutSeconds: z.number().positive().max(300).default(10),
});

export const CronEndpointScheduler = z.strictObject({
  /** The HTTP endpoint in front of a cron host, or `rehearsal`. */
  baseUrl: EndpointOverride,
  auth: z
    .union(
      [
        z.strictObject({ type: z.literal('bearer'), tokenEnv: EnvVarName }),
        z.strictObject({ type: z.literal('header'), header: z.string().regex(/^[A-Za-z0-9-]+$/), tokenEnv: EnvVarName }),
        z.strictObject({ type: z.literal('basic'), usernameEnv: EnvVarName, tokenEnv: EnvVarName }),
      ],
      { error: 'expected { type: bearer, tokenEnv }, { type: header, header, tokenEnv } or { type: basic, usernameEnv, tokenEnv }' },
    )
    .optional(),
  /** The host's time zone, which its entries are read in unless an entry says otherwise. */
  timeZone: TimeZone.default('UTC'),
  timeoutSeconds: z.number().positive().max(300).default(10),
  /** Reads an entry's state: where in the answer it says whether a run is in progress, when the last run started, how it ended, and whether the entry is enabled. */
  status: CronRequest.extend({
    running: JsonPointer,
    lastRunAt: JsonPointer,
    lastResult: JsonPointer.optional(),
    enabled: JsonPointer,
  }),
  disable: CronRequest,
  enable: CronRequest,
});

/**
 * A data-center scheduler the stack's jobs name: a Jenkins controller or a cron endpoint, exactly one of the two keys.
 * (One object with a rule rather than a union, so an error inside either says where it is.)
 */
export const SchedulerSchema = z
  .strictObject({ id: LocalId, jenkins: JenkinsScheduler.optional(), cron: CronEndpointScheduler.optional() })
  .superRefine((scheduler, context) => {
    if ((scheduler.jenkins === undefined) === (scheduler.cron === undefined))
      context.addIssue({ code: 'custom', message: 'expected exactly one of jenkins: { baseUrl, … } or cron: { baseUrl, status, disable, enable, … }' });
  });

const JenkinsJobName = z
  .string()
  .regex(/^[^/\s][^\s]*$/, { error: "expected the job's full name as Jenkins shows it, folders included (billing/nightly-invoices)" });

/**
 * The job's data-center side: a Jenkins job ({ jenkins: <scheduler id>, job, expression? }) or an entry of a cron
 * endpoint ({ cron: <scheduler id>, entry, expression }); `timeZone` is the scheduler's when left out.
 */
export const DcSide = z
  .strictObject({
    /** A `jenkins` scheduler of this stack. */
    jenkins: LocalId.optional(),
    /** The job's full name: Jenkins seeds the spec's `H` with it. */
    job: JenkinsJobName.optional(),
    /** A `cron` scheduler of this stack. */
    cron: LocalId.optional(),
    /** The entry's name at the endpoint ({{job.entry}} in its requests). */
    entry: z
      .string()
      .regex(/^[A-Za-z0-9_.:@-]{1,200}$/, { error: 'expected the entry name the endpoint knows (letters, digits, _ . : @ -)' })
      .optional(),
    /**
     * The job's cron spec, for comparing slots: a Jenkins job's "Build periodically" spec (optional: Jenkins' REST
     * subset does not expose it), a cron entry's 5 fields (required).
     */
    expression: z.string().min(1).optional(),
    /** A Jenkins spec's `TZ=` line, or an entry's own zone. */
    timeZone: TimeZone.optional(),
  })
  .superRefine((dc, context) => {
    const issue = (message: string, path: string[] = []) => context.addIssue({ code: 'custom', message, path });
    if ((dc.jenkins === undefined) === (dc.cron === undefined)) {
      issue('expected { jenkins: <scheduler id>, job, expression? } or { cron: <scheduler id>, entry, expression }');
      return;
    }
    if (dc.jenkins !== undefined) {
      if (dc.job === undefined) issue('a Jenkins job needs `job`: its full name, folders included');
      if (dc.entry !== undefined) issue("`entry` is for a cron endpoint's job; a Jenkins job has `job`", ['entry']);
    } else {
      if (dc.entry === undefined) issue("a cron job needs `entry`: the entry's name at the endpoint");
      if (dc.expression === undefined) issue("a cron job needs `expression`: the entry's 5-field cron spec, e.g. 0 2 * * *");
      if (dc.job !== undefined) issue('`job` is for a Jenkins job; a cron job has `entry`', ['job']);
    }
  });

/** Lambda runtimes by their API names (nodejs22.x, python3.13, java21, provided.al2023, …). */
const LambdaRuntime = z.string().regex(/^(nodejs\d+\.x|python3\.\d+|java\d+|dotnet\d+|ruby\d+\.\d+|provided(\.al2(023)?)?)$/, {
  error: 'expected a Lambda runtime such as nodejs22.x, python3.13, java21 or provided.al2023',
});
const OutputName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected a stack output name, e.g. invoicesFunctionArn' });

export const FunctionSpec = z.strictObject({
  runtime: LambdaRuntime,
  handler: z.string().regex(/^[A-Za-z0-9_.:/$-]{1,128}$/, { error: 'expected a handler such as index.handler' }),
  memoryMb: z.number().int().min(128, { error: 'expected at least 128 MB' }).max(10_240, { error: 'expected at most 10240 MB' }).default(512),
  timeoutSeconds: z
    .number()
    .int()
    .min(1, { error: 'expected at least 1 second' })
    .max(900, { error: 'expected at most 900 seconds (Lambda’s limit)' })
    .default(300),
});

export const AwsSide = z
  .strictObject({
    /** cron(…) (6 fields), rate(…) or at(…), as EventBridge Scheduler reads it. */
    expression: z.string().min(1, { error: 'expected an EventBridge Scheduler expression, e.g. cron(0 2 * * ? *)' }),
    timeZone: TimeZone.default('UTC'),
    /** The flexible time window in minutes; 0 = OFF (the schedule fires on its minute). */
    flexibleWindowMinutes: z.number().int().min(0).max(1440, { error: 'expected at most 1440 minutes' }).default(0),
    retry: z
      .strictObject({
        maximumRetryAttempts: z.number().int().min(0).max(185, { error: 'expected at most 185 retries (EventBridge Scheduler’s limit)' }).default(0),
        maximumEventAgeSeconds: z
          .number()
          .int()
          .min(60, { error: 'expected at least 60 seconds' })
          .max(86_400, { error: 'expected at most 86400 seconds (24 hours)' })
          .default(86_400),
      })
      .default({ maximumRetryAttempts: 0, maximumEventAgeSeconds: 86_400 }),
    /** The function the stack deploys for the job… */
    function: FunctionSpec.optional(),
    /** …or the stack output holding the ARN of one it deploys otherwise. */
    functionArnOutput: OutputName.optional(),
  })
  .superRefine((aws, context) => {
    if ((aws.function === undefined) === (aws.functionArnOutput === undefined))
      context.addIssue({
        code: 'custom',
        message: 'expected exactly one of function: { runtime, handler, memoryMb, timeoutSeconds } or functionArnOutput: <stack output>',
      });
  });

export const JobSchema = z.strictObject({
  /** Unique within the stack; the job's identity is `<stackId>#<id>`. */
  id: LocalId,
  description: z.string().optional(),
  dc: DcSide,
  aws: AwsSide,
  /** Whether a second run of one slot does no harm: the operator says so (AWS can deliver a run twice). */
  idempotent: z.boolean({ error: 'expected true or false: whether running one slot twice does no harm (required: AWS may deliver a run twice)' }),
  /** How far apart (seconds) a DC run and an AWS run may start and still serve one slot. */
  slotToleranceSeconds: z.number().int().min(0).max(3600).default(300),
});

export const SchedulesStackSchema = z.strictObject({
  schedulers: z.array(SchedulerSchema).default([]),
  jobs: z.array(JobSchema).min(1, { error: 'expected at least one job (leave out `schedules` for a stack without scheduled jobs)' }),
});

export const SchedulesWaveSchema = z.strictObject({
  /** How long the handover waits for a DC run in progress to end, once its trigger is disabled. */
  handoverTimeoutMinutes: z.number().int().min(1).max(1440).default(30),
  /** Whether the handover waits for the first slot to run on AWS (and only there). */
  watchFirstSlot: z.boolean().default(true),
  /** Slots run on both sides the wave's gate still accepts (0: a double run is a red gate). */
  maxDoubleRuns: z.number().int().min(0).default(0),
  /**
   * Whether a rollback also sets the function's reserved concurrency to 0 (Lambda's kill switch): retries of an
   * invocation still in Lambda's async queue are then throttled instead of running after the DC trigger is back on.
   * The next handover removes it.
   */
  killSwitchOnRollback: z.boolean().default(true),
});

/**
 * Hands the wave's jobs over to AWS, job by job: the DC trigger disabled, no DC run left in progress, the AWS schedule
 * enabled, its first slot watched. `jobs` narrows it to some job ids; all jobs of the wave's stacks when left out.
 */
export const HandoverAction = z.strictObject({
  type: z.literal('schedules-handover'),
  jobs: z.array(LocalId).min(1, { error: 'expected at least one job id (leave out `jobs` for all of the wave’s jobs)' }).optional(),
});

export type Handover = z.output<typeof HandoverAction>;
export type SchedulerEntry = z.output<typeof SchedulerSchema>;
export type JobEntry = z.output<typeof JobSchema>;
export type SchedulesStack = z.output<typeof SchedulesStackSchema>;
export type SchedulesWaveSettings = z.output<typeof SchedulesWaveSchema>;

export const SCHEDULES_STACK_SHAPE = { schedules: SchedulesStackSchema.optional() };
export const SCHEDULES_WAVE_SHAPE = { schedules: SchedulesWaveSchema.optional() };

export type SchedulesStackFields = z.output<z.ZodObject<typeof SCHEDULES_STACK_SHAPE>>;
export type SchedulesWaveFields = z.output<z.ZodObject<typeof SCHEDULES_WAVE_SHAPE>>;

// Typed reads: a plan read with this part's grammar has these fields, defaults applied (main/plan knows no track).
export const schedulesOf = <T extends StackEntry>(stack: T): T & SchedulesStackFields => stack as T & SchedulesStackFields;
export const schedulesOfWave = <T extends Omit<WaveEntry, 'stacks'>>(wave: T): T & SchedulesWaveFields => wave as T & SchedulesWaveFields;
