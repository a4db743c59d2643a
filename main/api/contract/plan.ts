// The API contract — Plan views: lifecycle, wave phases, plan issues, stacks, waves, the plan snapshot (main/plan/, main/core/plan-service.ts).
import { z } from 'zod';
import { LIFECYCLE_STATES, WAVE_PHASES } from '../../../common/states';
import { GateColumnViewSchema } from './shared';

export { LIFECYCLE_STATES, WAVE_PHASES };

export const LifecycleStateSchema = z.enum(LIFECYCLE_STATES);
export type LifecycleState = z.infer<typeof LifecycleStateSchema>;

export const WavePhaseSchema = z.enum(WAVE_PHASES);
export type WavePhase = z.infer<typeof WavePhaseSchema>;

export const PlanIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  file: z.string(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  /** Where in the document, e.g. waves[1].stacks[0]. Empty for file-level problems. */
  path: z.string(),
  message: z.string(),
  /** The source line the issue points at, for showing it in place. */
  excerpt: z.string().optional(),
});
export type PlanIssue = z.infer<typeof PlanIssueSchema>;

export const ConfigEntrySchema = z.discriminatedUnion('kind', [
  z.object({ key: z.string(), kind: z.literal('plain'), value: z.union([z.string(), z.number(), z.boolean()]) }),
  // Only where the secret comes from crosses the API, never a value.
  z.object({ key: z.string(), kind: z.literal('secret'), sourceEnv: z.string() }),
]);
export type ConfigEntry = z.infer<typeof ConfigEntrySchema>;

export const DmsTaskRefViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('task-id'), taskId: z.string() }),
  z.object({ kind: z.literal('stack-output'), output: z.string() }),
]);
export type DmsTaskRefView = z.infer<typeof DmsTaskRefViewSchema>;

export const StackLifecycleSchema = z.object({
  state: LifecycleStateSchema,
  /** ISO time the stack entered this state. */
  since: z.string(),
  detail: z.string().optional(),
});
export type StackLifecycle = z.infer<typeof StackLifecycleSchema>;

export const RegistrationStatusSchema = z.object({
  registryId: z.string(),
  /** The id the registry gave the instance, or null when it is not registered there. */
  registrationId: z.string().nullable(),
});
export type RegistrationStatus = z.infer<typeof RegistrationStatusSchema>;

/** Which account a stack lives in, as every place that shows the stack names it. */
export const StackAccountViewSchema = z.object({ id: z.string(), name: z.string(), production: z.boolean() });
export type StackAccountView = z.infer<typeof StackAccountViewSchema>;

export const StackViewSchema = z.object({
  /** `project/stack`: unique across the plan. */
  id: z.string(),
  name: z.string(),
  project: z.string(),
  description: z.string().optional(),
  waveId: z.string().nullable(),
  /** Its project's account; null when the plan declares no accounts. */
  account: StackAccountViewSchema.nullable(),
  /** The AWS region it lives in (its project's override, else the default of main/plan/account-placement.ts). */
  region: z.string(),
  config: z.array(ConfigEntrySchema),
  registries: z.array(z.string()),
  replicationTasks: z.array(DmsTaskRefViewSchema),
  lifecycle: StackLifecycleSchema,
  /** Per registry of the stack, as the stack's state last showed it (null: not known yet). */
  registrations: z.array(RegistrationStatusSchema).nullable(),
});
export type StackView = z.infer<typeof StackViewSchema>;

export const GatesViewSchema = z.object({
  maxCdcLatencySeconds: z.number(),
  holdSeconds: z.number(),
  requireValidation: z.boolean(),
  maxTableErrors: z.number(),
});

export const WaveViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  /** 1-based position in dependency order. */
  order: z.number().int(),
  dependsOn: z.array(z.string()),
  maxParallel: z.number().int(),
  gates: GatesViewSchema.nullable(),
  cutoverWindow: z.object({ start: z.string(), end: z.string() }).nullable(),
  /** Stack ids (`project/stack`), in the order the plan lists them. */
  stackIds: z.array(z.string()),
});
export type WaveView = z.infer<typeof WaveViewSchema>;

export const ProjectViewSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  organizationalUnit: z.string().optional(),
  program: z.string(),
  backend: z.string(),
});

export const RegistryViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  /** Name of the environment variable holding the token; the token itself never leaves the core. */
  authTokenEnv: z.string().nullable(),
});

export const AccountViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  organizationalUnit: z.string(),
  regions: z.array(z.string()),
  production: z.boolean(),
  /** The role the cockpit assumes there (an ARN names no secret). */
  roleArn: z.string(),
  /** Name of the environment variable holding the role's external id; the id itself never leaves the core. */
  externalIdEnv: z.string().nullable(),
});
export type AccountView = z.infer<typeof AccountViewSchema>;

export const PlanViewSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  environment: z.object({
    region: z.string(),
    profile: z.string().nullable(),
    endpoint: z.string().nullable(),
    backend: z.string(),
    secretsProvider: z.string(),
  }),
  projects: z.array(ProjectViewSchema),
  registries: z.array(RegistryViewSchema),
  /** The accounts the plan acts in, by name; empty when it declares none. */
  accounts: z.array(AccountViewSchema),
  /** In dependency order. */
  waves: z.array(WaveViewSchema),
  stacks: z.array(StackViewSchema),
  /**
   * The readiness gates of this plan, in the matrix's order (every StackReadinessView.gates follows it): the core
   * gates, with each track's gates inserted before `dependencies`.
   */
  gateColumns: z.array(GateColumnViewSchema),
});
export type PlanView = z.infer<typeof PlanViewSchema>;

/**
 * A plan file the cockpit read while a plan was loaded and could not use: it keeps running on the loaded plan
 * (its stacks, monitor and runbooks untouched) and says so. 'edit': the loaded plan's own file changed on disk and
 * is invalid (a typo saved, a git pull); the cockpit switches as soon as the file is valid again. 'open': another
 * file the operator opened.
 */
export const RejectedPlanFileSchema = z.object({
  file: z.string(),
  kind: z.enum(['edit', 'open']),
  /** Since when this file has been invalid (the first invalid read of it in a row). */
  since: z.string(),
  /** The latest read. */
  readAt: z.string(),
  issues: z.array(PlanIssueSchema),
  refused: z.boolean().optional(),
});
export type RejectedPlanFile = z.infer<typeof RejectedPlanFileSchema>;

export const PlanSnapshotSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('none') }),
  z.object({
    status: z.literal('loaded'),
    file: z.string(),
    loadedAt: z.string(),
    plan: PlanViewSchema,
    warnings: z.array(PlanIssueSchema),
    rejected: RejectedPlanFileSchema.optional(),
  }),
  z.object({
    status: z.literal('invalid'),
    file: z.string(),
    loadedAt: z.string(),
    issues: z.array(PlanIssueSchema),
    /** The file was not read as a plan at all (not a regular .yaml/.yml file, too large, not a plan): one file-level issue. */
    refused: z.boolean().optional(),
  }),
]);
export type PlanSnapshot = z.infer<typeof PlanSnapshotSchema>;
