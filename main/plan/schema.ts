// The migration plan file format (migration.yaml), as zod schemas: the core's part of it. Each track adds its own
// keys and runbook actions (its plan part, main/seam/plan-part.ts); grammar.ts composes the schemas the loader is
// given from these builders, so this module names no track. Every message here says what is expected, because the
// operator reads it next to a file:line:col. One file just over 400 lines on purpose: it is the core's whole grammar
// (environment, registries, projects, stacks, waves, runbook), whose builders grammar.ts composes in one place.
import { z } from 'zod';
import { TEAM_ROLES } from '../../common/team';

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

/** The shape of a region code (eu-central-1, us-gov-west-1, eusc-de-east-1); whether it exists is checked apart. */
export const AwsRegion = z.string().regex(/^[a-z]{2,}(-[a-z]+)+-\d+$/, { error: 'expected an AWS region code, e.g. eu-central-1' });

/** An AWS account id: 12 digits, written as text (unquoted, YAML reads it as a number and drops leading zeros). */
export const AccountId = z
  .string({ error: (issue) => (typeof issue.input === 'number' ? unquotedAccountIdMessage(issue.input) : undefined) })
  .regex(/^\d{12}$/, { error: 'expected an AWS account id of exactly 12 digits, in quotes, e.g. "123456789012"' });

function unquotedAccountIdMessage(input: number): string {
  const digits = String(input);
  const quoted = digits.length === 12 ? `id: "${digits}"` : 'id: "<the 12 digits as AWS shows them>"';
  return `expected the account id as quoted text: unquoted, YAML reads ${digits} as a number (and drops leading zeros); write ${quoted}`;
}

/** A short name the plan refers to an account by: network, workloads-prod. */
export const AccountName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
  error: 'expected an account name of lowercase letters, digits and "-", starting with a letter or digit, e.g. workloads-prod',
});

/** arn:aws:iam::<account>:role/<path/name>; the account is group 1 (checked against the account's id apart). */
export const ROLE_ARN_PATTERN = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

export const RoleArn = z.string().regex(ROLE_ARN_PATTERN, {
  error: 'expected an IAM role ARN, arn:aws:iam::<12-digit account id>:role/<path/name>, e.g. arn:aws:iam::123456789012:role/MigrationOperator',
});

const REHEARSAL_OR_URL = 'expected "rehearsal" or an http:// or https:// URL';
const HttpUrl = z.url({ protocol: /^https?$/, error: REHEARSAL_OR_URL });

/** `rehearsal` means the local rehearsal environment the cockpit starts itself. */
export const EndpointOverride = z.union([z.literal('rehearsal'), HttpUrl], { error: REHEARSAL_OR_URL });

export const BackendUrl = z
  .string()
  .regex(/^(file|s3|gs|azblob|postgres|https?):\/\/.+/, {
    error: 'expected a Pulumi backend URL: file://<folder>, s3://<bucket>, gs://, azblob://, postgres:// or https://api.pulumi.com',
  })
  // Pulumi's PostgreSQL backend (lib/pq) reads its password from PGPASSWORD: the plan names the variable.
  .refine((url) => !/^postgres:\/\/[^/@]*:[^/@]*@/.test(url) && !/^postgres:\/\/.*[?&]password=/i.test(url), {
    error:
      "the state database's password never goes into the plan: write postgres://user@host/database and name its variable in environment.pulumi.backendPasswordEnv",
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

/** A stack's own fields; a track's keys follow them (stackSchema). */
const STACK_SHAPE = {
  name: StackName,
  project: ProjectName,
  description: z.string().optional(),
  config: z.record(ConfigKey, ConfigValue).default({}),
  registries: z.array(LocalId).default([]),
};

export const CORE_STACK_FIELDS: readonly string[] = Object.keys(STACK_SHAPE);

/** A stack: its own fields, then the keys of the tracks' plan parts (`trackShape`, composed by grammar.ts). */
export function stackSchema(trackShape: z.ZodRawShape): z.ZodType<StackEntry> {
  return z.strictObject({ ...STACK_SHAPE, ...trackShape });
}

const IsoDateTime = z.iso.datetime({
  offset: true,
  error: 'expected an ISO 8601 date-time with a time zone, e.g. 2026-12-05T01:00:00Z',
});

export const CutoverWindowSchema = z.strictObject({ start: IsoDateTime, end: IsoDateTime });

// ---------------------------------------------------------------------------------------------------------
// The cutover runbook of a wave: ordered steps, each a checklist item the operator confirms (manual) or an
// action the cockpit runs on every stack of the wave (or a track's, on what the track moves: DMS's replication tasks).
// ---------------------------------------------------------------------------------------------------------

/** A number's type error, unless the value is missing (then the default "missing required field" message). */
const numberError = (message: string) => (issue: { input?: unknown }) => (issue.input === undefined ? undefined : message);

/** A positive number of seconds up to `max`; `what` says what the seconds are for. */
export const Seconds = (what: string, max: number) =>
  z
    .number({ error: numberError(`expected a number of seconds (${what})`) })
    .positive({ error: 'expected more than 0 seconds' })
    .max(max, { error: `expected at most ${max} seconds` });

/** A cutover config value: plain only. A secret has no business in "where traffic goes". */
const OverlayValue = z.union([z.string(), z.number(), z.boolean()], {
  error: 'expected a string, number or boolean (cutover config is plain: secrets stay in the stack config)',
});

export const PulumiUpAction = z.strictObject({
  type: z.literal('pulumi-up'),
  /** Config applied on top of each stack's own config for the cutover (e.g. trafficTarget: aws). */
  config: z
    .record(ConfigKey, OverlayValue)
    .refine((config) => Object.keys(config).length > 0, { error: 'expected at least one config key to change for the cutover' }),
});

export const RegisterAction = z.strictObject({ type: z.literal('register') });

export const HttpCheckAction = z.strictObject({
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

/** The core's runbook actions; a track's follow in the union grammar.ts composes (its plan part's `actions`). */
const CoreActionSchema = z.discriminatedUnion('type', [PulumiUpAction, RegisterAction, HttpCheckAction]);
export type CoreAction = z.output<typeof CoreActionSchema>;
/**
 * A runbook step's action as the plan model holds it: one of the core's, or a track's (its type and the fields its
 * schema gave it, read through the track's own type). The composed schema checked it either way.
 */
export type RunbookAction = CoreAction | TrackAction;
export interface TrackAction {
  readonly type: string;
  readonly [field: string]: unknown;
}

const CORE_ACTION_TYPES: ReadonlySet<string> = new Set(CoreActionSchema.options.map((option) => option.shape.type.value));
/** Whether a step's action is one of the core's (then the core's schema for its type gave it its fields). */
export const isCoreAction = (action: RunbookAction): action is CoreAction => CORE_ACTION_TYPES.has(action.type);

/** Four eyes: approvals from the team's approvers, none of them the operator who asks. */
const Approvals = z
  .number({ error: 'expected a whole number of approvals' })
  .int({ error: 'expected a whole number of approvals' })
  .min(1, { error: 'expected at least 1 approval (leave the key out for none)' })
  .max(5, { error: 'expected at most 5 approvals' })
  .optional();

const runbookStepSchema = (action: z.ZodType<RunbookAction>) =>
  z.strictObject({
    id: LocalId,
    name: z.string().min(1, { error: 'expected a non-empty step name' }),
    /** A checklist item the operator confirms (who and when are recorded). Either this or `action`. */
    manual: z.string().min(1, { error: 'expected the checklist text the operator confirms' }).optional(),
    /** What the cockpit does. Either this or `manual`. */
    action: action.optional(),
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
     * here. At most one step per runbook; without one, downtime starts at the first step whose action starts it (a
     * freeze-check), else at the start.
     */
    startsDowntime: z.boolean().optional(),
    /**
     * What an operator does by hand to undo this step when the wave is rolled back (e.g. "take app1101 out of
     * maintenance mode"); a rollback lists these as the next things to do, latest step first.
     */
    rollback: z.string().min(1, { error: 'expected the text of the manual rollback step' }).optional(),
    /**
     * After this step the wave cannot be fully rolled back (e.g. the Keyspaces proxy removed: clients write to AWS
     * only). The runbook waits before it for the operator to type the wave's id; from then on the rollback plan says
     * what can no longer go back. Required on a step whose action cannot be undone.
     */
    pointOfNoReturn: z.boolean().optional(),
    /** Team mode: the step runs only once this many of the team's approvers approved it (the operator who asks never counts). */
    approvals: Approvals,
  });

const cutoverSchema = (action: z.ZodType<RunbookAction>) =>
  z.strictObject({
    /** How long the application may be unavailable, counted from where the downtime starts (startsDowntime). */
    downtimeBudgetMinutes: z
      .number({ error: numberError('expected a number of minutes') })
      .positive({ error: 'expected more than 0 minutes' })
      .max(10_080, { error: 'expected at most 10080 minutes (a week)' }),
    runbook: z.array(runbookStepSchema(action)).min(1, { error: 'expected at least one runbook step' }),
    /** Team mode: the cutover starts only once this many of the team's approvers approved its start. */
    approvals: Approvals,
  });

/** A wave's own fields before the tracks' keys (its stacks and settings)… */
const WAVE_HEAD = {
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
};

/** …and after them (when and how it cuts over). */
const waveTail = (action: z.ZodType<RunbookAction>) => ({
  cutoverWindow: CutoverWindowSchema.optional(),
  cutover: cutoverSchema(action).optional(),
});

const CoreWaveSchema = z.strictObject({ ...WAVE_HEAD, ...waveTail(CoreActionSchema) });
export const CORE_WAVE_FIELDS: readonly string[] = Object.keys(CoreWaveSchema.shape);

/**
 * A wave: its own fields, the keys of the tracks' plan parts (a wave's readiness settings sit before its cutover
 * window and runbook), then its cutover; its runbook steps take `action`, the composed action union.
 */
export function waveSchema(trackShape: z.ZodRawShape, action: z.ZodType<RunbookAction>): z.ZodType<WaveEntry> {
  return z.strictObject({ ...WAVE_HEAD, ...trackShape, ...waveTail(action) });
}

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
  /** The account (by name, under `accounts`) its stacks live in; optional when the plan declares one account. */
  account: AccountName.optional(),
  /** One of its account's regions, instead of the default (account-placement.ts). */
  region: AwsRegion.optional(),
});

/**
 * An AWS account the plan acts in (a landing zone's network or workload account), reached by assuming `role`
 * after the one sign-in. The external id is never written here: `externalIdEnv` names the variable that holds it.
 */
export const AccountSchema = z.strictObject({
  id: AccountId,
  name: AccountName,
  organizationalUnit: z.string().min(1, { error: 'expected the organizational unit that holds the account, e.g. Workloads/Production' }),
  role: z.strictObject({
    arn: RoleArn,
    externalIdEnv: EnvVarName.optional(),
  }),
  regions: z.array(AwsRegion).min(1, { error: 'expected at least one region the account is used in, e.g. [eu-central-1]' }),
  /** A production account: marked as such wherever it shows; never with the rehearsal. */
  production: z.boolean({ error: 'expected true or false (whether this is a production account)' }).default(false),
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
      /** A postgres:// backend's password: the variable that holds it (the engine gets it as PGPASSWORD, never in a URL). */
      backendPasswordEnv: EnvVarName.optional(),
    })
    .default({ secretsProvider: 'passphrase' }),
});

/** A team store's address: PostgreSQL, the password never in it (it comes from `passwordEnv`). */
const TeamStoreUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/\S+$/, { error: 'expected a PostgreSQL URL, e.g. postgres://cockpit@db.example.internal:5432/cutover?sslmode=verify-full' })
  .refine((url) => !/^postgres(ql)?:\/\/[^/@]*:[^/@]*@/.test(url) && !/[?&](password|sslpassword)=/i.test(url), {
    error: 'the password never goes into the plan: write postgres://user@host/database and name the variable that holds it in passwordEnv',
  });

/** An OS user the team knows: `alice` (on any machine) or `alice@jumphost` (on that one). */
const TeamUser = z.string().regex(/^[A-Za-z0-9._-]{1,64}(@[A-Za-z0-9._-]{1,253})?$/, {
  error: 'expected an OS user name, e.g. alice, or alice@jumphost for that machine only',
});

/**
 * Team mode: several cockpits on this plan share one journal, runbook runs, locks, presence and approvals in a
 * PostgreSQL store; people's roles are given here. Without it the cockpit journals locally, for one operator.
 */
export const TeamSchema = z.strictObject({
  /** The rows of this migration in the store (one store may hold several migrations). */
  migration: LocalId,
  store: z.strictObject({ url: TeamStoreUrl, passwordEnv: EnvVarName }),
  /** How long a wave lock outlives the last sign of life of the cockpit holding it. */
  leaseSeconds: z
    .number({ error: 'expected a number of seconds' })
    .int({ error: 'expected whole seconds' })
    .min(10, { error: 'expected at least 10 seconds (a shorter lease expires under a busy machine)' })
    .max(600, { error: 'expected at most 600 seconds (a longer one keeps a dead cockpit’s lock for too long)' })
    .default(30),
  people: z
    .array(
      z.strictObject({
        user: TeamUser,
        roles: z.array(z.enum(TEAM_ROLES, { error: `expected one of ${TEAM_ROLES.join(', ')}` })).min(1, { error: 'expected at least one role' }),
      }),
    )
    .default([])
    .superRefine((people, context) => {
      const first = new Map<string, number>();
      people.forEach((person, index) => {
        const seen = first.get(person.user);
        if (seen === undefined) first.set(person.user, index);
        else
          context.addIssue({
            code: 'custom',
            path: [index, 'user'],
            message: `'${person.user}' is listed twice: already at people[${seen}]; give one entry all its roles`,
          });
      });
    }),
});

const planFileShape = (stack: z.ZodType<StackEntry>, wave: z.ZodType<WaveEntry>) => ({
  version: z.literal(1, { error: 'expected version: 1 (the only plan format version this cockpit reads)' }),
  name: z.string().min(1, { error: 'expected a non-empty plan name' }),
  description: z.string().optional(),
  environment: EnvironmentSchema,
  registries: z.array(RegistrySchema).default([]),
  accounts: z.array(AccountSchema).default([]),
  team: TeamSchema.optional(),
  projects: z.array(ProjectSchema).min(1, { error: 'expected at least one project' }),
  stacks: z.array(stack).min(1, { error: 'expected at least one stack' }),
  waves: z.array(wave).min(1, { error: 'expected at least one wave' }),
});

/** The whole file over the composed stack and wave schemas. */
export function planFileSchema(stack: z.ZodType<StackEntry>, wave: z.ZodType<WaveEntry>) {
  return z.strictObject(planFileShape(stack, wave));
}

// The types are the core's: a track's keys are in the model too, read through its plan part's typed `of`.
export type PlanFile = z.output<ReturnType<typeof planFileSchema>>;
export type StackEntry = z.output<z.ZodObject<typeof STACK_SHAPE>>;
export type WaveEntry = z.output<typeof CoreWaveSchema>;
export type RegistryEntry = z.output<typeof RegistrySchema>;
export type ProjectEntry = z.output<typeof ProjectSchema>;
export type AccountEntry = z.output<typeof AccountSchema>;
export type TeamEntry = z.output<typeof TeamSchema>;
export type RequestTemplate = z.output<typeof RequestTemplateSchema>;
export type CutoverEntry = NonNullable<WaveEntry['cutover']>;
export type RunbookStepEntry = CutoverEntry['runbook'][number];

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
