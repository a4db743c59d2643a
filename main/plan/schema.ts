// The migration plan file format (migration.yaml), as zod schemas.
// Every message here says what is expected, because the operator reads it next to a file:line:col.
import { z } from 'zod';
import type { ActionRole } from '../../common/runbook';

const NAME_CHARS = 'letters, digits, "-", "_" or "."';

export const ProjectName = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, {
  error: `expected a Pulumi project name (${NAME_CHARS}, at most 100), e.g. platform-production`,
});

export const StackName = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, {
  error: `expected a Pulumi stack name (${NAME_CHARS}, at most 100), e.g. app1234`,
});

/** A stack as a wave names it: `app1234`, or `platform-production/app1234` when the name alone is ambiguous. */
export const StackReference = z.string().regex(/^([A-Za-z0-9_.-]{1,100}\/)?[A-Za-z0-9_.-]{1,100}$/, {
  error: 'expected a stack name (app1234) or project/stack (platform-production/app1234)',
});

export const LocalId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
  error: 'expected an id of lowercase letters, digits and "-", starting with a letter or digit, e.g. wave-1',
});

export const EnvVarName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, {
  error: 'expected an environment variable name (uppercase letters, digits, "_"), e.g. CMDB_TOKEN',
});

/** DMS replication task identifier rules, as the DMS API enforces them. */
export const DmsTaskIdentifier = z
  .string()
  .regex(/^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,254}$/, {
    error: 'expected a DMS replication task identifier: 1-255 letters, digits or hyphens, starting with a letter, no "--"',
  })
  .refine((id) => !id.endsWith('-'), { error: 'a DMS replication task identifier cannot end with a hyphen' });

/** The shape of a region code (eu-central-1, us-gov-west-1, eusc-de-east-1); whether it exists is checked apart. */
export const AwsRegion = z.string().regex(/^[a-z]{2,}(-[a-z]+)+-\d+$/, { error: 'expected an AWS region code, e.g. eu-central-1' });

const REHEARSAL_OR_URL = 'expected "rehearsal" or an http:// or https:// URL';
const HttpUrl = z.url({ protocol: /^https?$/, error: REHEARSAL_OR_URL });

/** `rehearsal` means the local rehearsal environment the cockpit starts itself. */
export const EndpointOverride = z.union([z.literal('rehearsal'), HttpUrl], { error: REHEARSAL_OR_URL });

export const BackendUrl = z.string().regex(/^(file|s3|gs|azblob|postgres|https?):\/\/.+/, {
  error: 'expected a Pulumi backend URL: file://<folder>, s3://<bucket>, gs://, azblob://, postgres:// or https://api.pulumi.com',
});

export const SecretsProvider = z.string().regex(/^(passphrase|default|(awskms|azurekeyvault|gcpkms|hashivault):\/\/.+)$/, {
  error: 'expected a Pulumi secrets provider: passphrase, default, awskms://..., azurekeyvault://..., gcpkms://... or hashivault://...',
});

/** Pulumi config key: `key` (project namespace) or `namespace:key`. */
export const ConfigKey = z.string().regex(/^([A-Za-z][A-Za-z0-9_-]*:)?[A-Za-z][A-Za-z0-9_.-]*$/, {
  error: 'expected a Pulumi config key such as instanceType or aws:region',
});

/** A secret is never written in the plan: it names where the core reads it at run time. */
export const SecretReference = z.strictObject({ secretEnv: EnvVarName });

export const ConfigValue = z.union([z.string(), z.number(), z.boolean(), SecretReference], {
  error: 'expected a string, number, boolean, or { secretEnv: ENV_VAR_NAME } for a secret',
});

export const DmsTaskReference = z.union(
  [z.strictObject({ taskId: DmsTaskIdentifier }), z.strictObject({ fromStackOutput: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/) })],
  {
    error: 'expected { taskId: <DMS task identifier> } or { fromStackOutput: <stack output holding the task ARN> }',
  },
);

/** What a cutover rollback needs about a stack: the reverse CDC task (AWS -> data center) it may start. */
export const FallbackSchema = z.strictObject({
  /** A DMS task replicating from the new AWS database back to the data center; started when the wave is rolled back. */
  reverseTaskId: DmsTaskIdentifier,
});

export const StackSchema = z.strictObject({
  name: StackName,
  project: ProjectName,
  description: z.string().optional(),
  config: z.record(ConfigKey, ConfigValue).default({}),
  registries: z.array(LocalId).default([]),
  replicationTasks: z.array(DmsTaskReference).default([]),
  fallback: FallbackSchema.optional(),
});

const IsoDateTime = z.iso.datetime({
  offset: true,
  error: 'expected an ISO 8601 date-time with a time zone, e.g. 2026-12-05T01:00:00Z',
});

export const GatesSchema = z.strictObject({
  maxCdcLatencySeconds: z
    .number({ error: 'expected a number of seconds' })
    .positive({ error: 'expected a CDC latency above 0 seconds (DMS never reports exactly 0 for long)' })
    .max(3600, { error: 'expected at most 3600 seconds: a gate above an hour of lag cannot mean "in sync"' }),
  holdSeconds: z
    .number({ error: 'expected a number of seconds' })
    .int({ error: 'expected a whole number of seconds' })
    .min(0, { error: 'expected 0 or more seconds' })
    .max(86_400, { error: 'expected at most 86400 seconds (24 hours)' }),
  requireValidation: z.boolean().default(true),
  maxTableErrors: z.number().int().min(0, { error: 'expected 0 or more table errors' }).default(0),
});

export const CutoverWindowSchema = z.strictObject({ start: IsoDateTime, end: IsoDateTime });

// ---------------------------------------------------------------------------------------------------------
// The cutover runbook of a wave: ordered steps, each a checklist item the operator confirms (manual) or an
// action the cockpit runs on every stack or replication task of the wave.
// ---------------------------------------------------------------------------------------------------------

export const RUNBOOK_ACTION_TYPES = ['freeze-check', 'stop-replication', 'pulumi-up', 'register', 'http-check'] as const;

/**
 * Each action's role, as its declaration states it (main/cutover/core-actions.ts, main/tracks/dms/actions.ts; the
 * catalog's test holds them equal). The plan grammar keeps this copy beside its action union until the grammar is
 * composed from the declarations (docs/design/track-seam.md §4 step 10): main/plan imports no track.
 */
export const RUNBOOK_ACTION_ROLES: Readonly<Record<(typeof RUNBOOK_ACTION_TYPES)[number], ActionRole>> = {
  'freeze-check': 'quiesce',
  'stop-replication': 'drain',
  'pulumi-up': 'move-traffic',
  register: 'register',
  'http-check': 'check',
};

/** A number's type error, unless the value is missing (then the default "missing required field" message). */
const numberError = (message: string) => (issue: { input?: unknown }) => (issue.input === undefined ? undefined : message);

const Seconds = (what: string, max: number) =>
  z
    .number({ error: numberError(`expected a number of seconds (${what})`) })
    .positive({ error: 'expected more than 0 seconds' })
    .max(max, { error: `expected at most ${max} seconds` });

/** A cutover config value: plain only. A secret has no business in "where traffic goes". */
const OverlayValue = z.union([z.string(), z.number(), z.boolean()], {
  error: 'expected a string, number or boolean (cutover config is plain: secrets stay in the stack config)',
});

const FreezeCheckAction = z.strictObject({
  type: z.literal('freeze-check'),
  /** How long CDCIncomingChanges and the applied change rate must stay at or under the limit on every task. */
  quietSeconds: Seconds('how long the source must stay quiet', 3600).default(60),
  /** Largest CDCIncomingChanges (and applied rows/s) that still counts as quiet (default 0). */
  maxIncomingChanges: z.number({ error: 'expected a number of changes' }).min(0, { error: 'expected 0 or more changes' }).default(0),
});

const StopReplicationAction = z.strictObject({
  type: z.literal('stop-replication'),
  /** CDCLatencyTarget every task must reach before it is stopped (default 1 s: "about 0" as DMS reports it). */
  maxLatencySeconds: Seconds('CDC latency at which the task is stopped', 3600).default(1),
});

const PulumiUpAction = z.strictObject({
  type: z.literal('pulumi-up'),
  /** Config applied on top of each stack's own config for the cutover (e.g. trafficTarget: aws). */
  config: z
    .record(ConfigKey, OverlayValue)
    .refine((config) => Object.keys(config).length > 0, { error: 'expected at least one config key to change for the cutover' }),
});

const RegisterAction = z.strictObject({ type: z.literal('register') });

const HttpCheckAction = z.strictObject({
  type: z.literal('http-check'),
  /** URL per stack, with {{stack.*}} placeholders, e.g. https://{{stack.name}}.aws.example.internal/health */
  url: z.string().regex(/^(https?:\/\/|\{\{)/, { error: 'expected an http:// or https:// URL (placeholders such as {{stack.output.url}} allowed)' }),
  expectStatus: z
    .number()
    .int({ error: 'expected an HTTP status code' })
    .min(100, { error: 'expected an HTTP status code 100-599' })
    .max(599, { error: 'expected an HTTP status code 100-599' })
    .default(200),
  /** Attempts after the first one before the check fails (default 3). */
  retries: z
    .number()
    .int({ error: 'expected a whole number of retries' })
    .min(0, { error: 'expected 0 or more retries' })
    .max(100, { error: 'expected at most 100 retries' })
    .default(3),
  retryDelaySeconds: Seconds('between attempts', 600).default(10),
  requestTimeoutSeconds: Seconds('per request', 300).default(10),
});

export const RunbookActionSchema = z.discriminatedUnion('type', [FreezeCheckAction, StopReplicationAction, PulumiUpAction, RegisterAction, HttpCheckAction], {
  error: (issue) => {
    if (issue.code !== 'invalid_union') return undefined;
    const type = (issue.input as { type?: unknown } | undefined)?.type;
    if (type === undefined) return `missing the action's 'type' (expected one of: ${RUNBOOK_ACTION_TYPES.join(', ')})`;
    const suggestion = typeof type === 'string' ? closestWord(type, RUNBOOK_ACTION_TYPES) : undefined;
    return `unknown action type ${JSON.stringify(type)}; ${suggestion ? `did you mean '${suggestion}'?` : `expected one of: ${RUNBOOK_ACTION_TYPES.join(', ')}`}`;
  },
});

export const RunbookStepSchema = z.strictObject({
  id: LocalId,
  name: z.string().min(1, { error: 'expected a non-empty step name' }),
  /** A checklist item the operator confirms (who and when are recorded). Either this or `action`. */
  manual: z.string().min(1, { error: 'expected the checklist text the operator confirms' }).optional(),
  /** What the cockpit does. Either this or `manual`. */
  action: RunbookActionSchema.optional(),
  timeoutMinutes: z
    .number({ error: 'expected a number of minutes' })
    .positive({ error: 'expected more than 0 minutes' })
    .max(1440, { error: 'expected at most 1440 minutes (24 hours)' })
    .optional(),
  /** false: a failure is recorded as a warning and the runbook goes on (default true: it stops). */
  mustSucceed: z.boolean().default(true),
  /** How long the step is planned to take, for the planned-vs-actual timeline (none: not planned; the timeout is no plan). */
  plannedMinutes: z
    .number({ error: 'expected a number of minutes' })
    .positive({ error: 'expected more than 0 minutes' })
    .max(1440, { error: 'expected at most 1440 minutes (24 hours)' })
    .optional(),
  /**
   * The downtime starts when this step starts (e.g. the manual step that blocks writers): the budget counts from
   * here. At most one step per runbook; without one, downtime starts at the first freeze-check, else at the start.
   */
  startsDowntime: z.boolean().optional(),
  /**
   * What an operator does by hand to undo this step when the wave is rolled back (e.g. "take app1101 out of
   * maintenance mode"); a rollback lists these as the next things to do, latest step first.
   */
  rollback: z.string().min(1, { error: 'expected the text of the manual rollback step' }).optional(),
});

export const CutoverSchema = z.strictObject({
  /** How long the application may be unavailable, counted from the first freeze-check (else the run's start). */
  downtimeBudgetMinutes: z
    .number({ error: numberError('expected a number of minutes') })
    .positive({ error: 'expected more than 0 minutes' })
    .max(10_080, { error: 'expected at most 10080 minutes (a week)' }),
  runbook: z.array(RunbookStepSchema).min(1, { error: 'expected at least one runbook step' }),
});

export const WaveSchema = z.strictObject({
  id: LocalId,
  name: z.string().min(1, { error: 'expected a non-empty wave name' }),
  description: z.string().optional(),
  stacks: z.array(StackReference).min(1, { error: 'expected at least one stack in the wave' }),
  dependsOn: z.array(LocalId).default([]),
  maxParallel: z
    .number({ error: 'expected a whole number of stacks' })
    .int({ error: 'expected a whole number of stacks' })
    .min(1, { error: 'expected at least 1 stack at a time' })
    .max(64, { error: 'expected at most 64 stacks at a time' })
    .default(4),
  gates: GatesSchema.optional(),
  cutoverWindow: CutoverWindowSchema.optional(),
  cutover: CutoverSchema.optional(),
});

const HttpMethod = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], {
  error: 'expected one of GET, POST, PUT, PATCH, DELETE',
});

/** One HTTP request of a registry, with {{placeholders}} filled in per stack at run time. */
export const RequestTemplateSchema = z.strictObject({
  method: HttpMethod,
  path: z.string().startsWith('/', { error: 'expected a path starting with "/", relative to the registry baseUrl' }),
  body: z.record(z.string(), z.unknown()).optional(),
  /** JSON pointer into the response body where the registration id is, e.g. /id or /items/0/id. */
  idPointer: z
    .string()
    .regex(/^(\/[^/]*)*$/, { error: 'expected a JSON pointer such as /id or /items/0/id' })
    .optional(),
});

export const RegistrySchema = z.strictObject({
  id: LocalId,
  name: z.string().min(1),
  baseUrl: z.union([z.literal('rehearsal'), HttpUrl], { error: REHEARSAL_OR_URL }),
  auth: z
    .strictObject({
      type: z.enum(['bearer', 'header'], { error: 'expected bearer or header' }),
      tokenEnv: EnvVarName,
      header: z
        .string()
        .regex(/^[A-Za-z0-9-]+$/)
        .optional(),
    })
    .optional(),
  timeoutSeconds: z.number().positive().max(300).default(10),
  register: RequestTemplateSchema,
  lookup: RequestTemplateSchema,
  deregister: RequestTemplateSchema,
});

export const ProjectSchema = z.strictObject({
  name: ProjectName,
  description: z.string().optional(),
  organizationalUnit: z.string().optional(),
  /** A folder name under pulumi-programs/, or a path relative to the plan file. */
  program: z.string().min(1, { error: 'expected a program folder name or path' }),
  backend: BackendUrl.optional(),
});

export const EnvironmentSchema = z.strictObject({
  aws: z
    .strictObject({
      region: AwsRegion,
      profile: z.string().min(1).optional(),
      endpoint: EndpointOverride.optional(),
      /**
       * The plan acts on a production environment: the cockpit says so in red on every tab, so a production session
       * never looks like a rehearsal. The rehearsal simulates AWS and is never production.
       */
      production: z.boolean({ error: 'expected true or false (whether this plan acts on a production environment)' }).optional(),
    })
    .superRefine((aws, context) => {
      if (aws.production === true && aws.endpoint === 'rehearsal') {
        context.addIssue({
          code: 'custom',
          path: ['production'],
          message: 'production: true cannot go with endpoint: rehearsal: the rehearsal environment simulates AWS and is never production; remove one of them',
        });
      }
    }),
  pulumi: z
    .strictObject({
      backend: BackendUrl.optional(),
      secretsProvider: SecretsProvider.default('passphrase'),
      passphraseEnv: EnvVarName.optional(),
    })
    .default({ secretsProvider: 'passphrase' }),
});

export const PlanFileSchema = z.strictObject({
  version: z.literal(1, { error: 'expected version: 1 (the only plan format version this cockpit reads)' }),
  name: z.string().min(1, { error: 'expected a non-empty plan name' }),
  description: z.string().optional(),
  environment: EnvironmentSchema,
  registries: z.array(RegistrySchema).default([]),
  projects: z.array(ProjectSchema).min(1, { error: 'expected at least one project' }),
  stacks: z.array(StackSchema).min(1, { error: 'expected at least one stack' }),
  waves: z.array(WaveSchema).min(1, { error: 'expected at least one wave' }),
});

export type PlanFile = z.output<typeof PlanFileSchema>;
export type StackEntry = z.output<typeof StackSchema>;
export type WaveEntry = z.output<typeof WaveSchema>;
export type RegistryEntry = z.output<typeof RegistrySchema>;
export type ProjectEntry = z.output<typeof ProjectSchema>;
export type RequestTemplate = z.output<typeof RequestTemplateSchema>;
export type CutoverEntry = z.output<typeof CutoverSchema>;
export type RunbookStepEntry = z.output<typeof RunbookStepSchema>;
export type RunbookAction = z.output<typeof RunbookActionSchema>;
export type RunbookActionType = (typeof RUNBOOK_ACTION_TYPES)[number];

/** The closest candidate within a small edit distance (for "did you mean"), or undefined. */
export function closestWord(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
