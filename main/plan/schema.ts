// The migration plan file format (migration.yaml), as zod schemas.
// Every message here says what is expected, because the operator reads it next to a file:line:col.
import { z } from 'zod';

const NAME_CHARS = 'letters, digits, "-", "_" or "."';

export const ProjectName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,100}$/, {
    error: `expected a Pulumi project name (${NAME_CHARS}, at most 100), e.g. platform-production`,
  });

export const StackName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,100}$/, {
    error: `expected a Pulumi stack name (${NAME_CHARS}, at most 100), e.g. app1234`,
  });

/** A stack as a wave names it: `app1234`, or `platform-production/app1234` when the name alone is ambiguous. */
export const StackReference = z
  .string()
  .regex(/^([A-Za-z0-9_.-]{1,100}\/)?[A-Za-z0-9_.-]{1,100}$/, {
    error: 'expected a stack name (app1234) or project/stack (platform-production/app1234)',
  });

export const LocalId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
    error: 'expected an id of lowercase letters, digits and "-", starting with a letter or digit, e.g. wave-1',
  });

export const EnvVarName = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, {
    error: 'expected an environment variable name (uppercase letters, digits, "_"), e.g. CMDB_TOKEN',
  });

/** DMS replication task identifier rules, as the DMS API enforces them. */
export const DmsTaskIdentifier = z
  .string()
  .regex(/^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,254}$/, {
    error:
      'expected a DMS replication task identifier: 1-255 letters, digits or hyphens, starting with a letter, no "--"',
  })
  .refine((id) => !id.endsWith('-'), { error: 'a DMS replication task identifier cannot end with a hyphen' });

export const AwsRegion = z
  .string()
  .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, { error: 'expected an AWS region code, e.g. eu-central-1' });

const REHEARSAL_OR_URL = 'expected "rehearsal" or an http:// or https:// URL';
const HttpUrl = z.url({ protocol: /^https?$/, error: REHEARSAL_OR_URL });

/** `rehearsal` means the local rehearsal environment the cockpit starts itself. */
export const EndpointOverride = z.union([z.literal('rehearsal'), HttpUrl], { error: REHEARSAL_OR_URL });

export const BackendUrl = z
  .string()
  .regex(/^(file|s3|gs|azblob|postgres|https?):\/\/.+/, {
    error:
      'expected a Pulumi backend URL: file://<folder>, s3://<bucket>, gs://, azblob://, postgres:// or https://api.pulumi.com',
  });

export const SecretsProvider = z
  .string()
  .regex(/^(passphrase|default|(awskms|azurekeyvault|gcpkms|hashivault):\/\/.+)$/, {
    error: 'expected a Pulumi secrets provider: passphrase, default, awskms://..., azurekeyvault://..., gcpkms://... or hashivault://...',
  });

/** Pulumi config key: `key` (project namespace) or `namespace:key`. */
export const ConfigKey = z
  .string()
  .regex(/^([A-Za-z][A-Za-z0-9_-]*:)?[A-Za-z][A-Za-z0-9_.-]*$/, {
    error: 'expected a Pulumi config key such as instanceType or aws:region',
  });

/** A secret is never written in the plan: it names where the core reads it at run time. */
export const SecretReference = z.strictObject({ secretEnv: EnvVarName });

export const ConfigValue = z.union([z.string(), z.number(), z.boolean(), SecretReference], {
  error: 'expected a string, number, boolean, or { secretEnv: ENV_VAR_NAME } for a secret',
});

export const DmsTaskReference = z.union(
  [
    z.strictObject({ taskId: DmsTaskIdentifier }),
    z.strictObject({ fromStackOutput: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/) }),
  ],
  {
    error:
      'expected { taskId: <DMS task identifier> } or { fromStackOutput: <stack output holding the task ARN> }',
  },
);

export const StackSchema = z.strictObject({
  name: StackName,
  project: ProjectName,
  description: z.string().optional(),
  config: z.record(ConfigKey, ConfigValue).default({}),
  registries: z.array(LocalId).default([]),
  replicationTasks: z.array(DmsTaskReference).default([]),
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
      header: z.string().regex(/^[A-Za-z0-9-]+$/).optional(),
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
  aws: z.strictObject({
    region: AwsRegion,
    profile: z.string().min(1).optional(),
    endpoint: EndpointOverride.optional(),
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
export type RequestTemplate = z.output<typeof RequestTemplateSchema>;
