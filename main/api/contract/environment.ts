// The API contract — Core info and the environment banner: where the cockpit acts and as whom (main/core/environment.ts).
import { z } from 'zod';

export const CoreInfoSchema = z.object({
  version: z.string(),
  transport: z.enum(['electron', 'web']),
  dataDir: z.string(),
  recentPlans: z.array(z.string()),
  examplePlans: z.array(z.object({ name: z.string(), file: z.string() })),
  /**
   * How another plan is opened: 'dialog' (the desktop app: the host's native file dialog through plan.choose, and
   * plan.open only for the recent and example plans listed here) or 'path' (the web bridge: a typed path).
   */
  planOpening: z.enum(['dialog', 'path']),
});
export type CoreInfo = z.infer<typeof CoreInfoSchema>;

/** One account of the plan as its assumed-role session sees it: never a credential or the external id. */
export const AccountEnvironmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  organizationalUnit: z.string(),
  production: z.boolean(),
  /** The regions the plan uses the account in. */
  regions: z.array(z.string()),
  /** checking: the first check runs; ok; error: the session could not be assumed or used (`error` says why). */
  status: z.enum(['checking', 'ok', 'error']),
  /** The assumed-role ARN GetCallerIdentity reports for the session. */
  callerArn: z.string().nullable(),
  /** The principal in words (role and session). */
  principal: z.string().nullable(),
  /** Why the session is not usable (denied, expired, external id missing, unreachable), in the operator's terms. */
  error: z.string().nullable(),
  checkedAt: z.string().nullable(),
  /** When the session's credentials expire (ISO); the core assumes the role again before. */
  credentialsExpireAt: z.string().nullable(),
});
export type AccountEnvironment = z.infer<typeof AccountEnvironmentSchema>;

/**
 * Where the cockpit acts and as whom (main/core/environment.ts), for the banner on every tab: the rehearsal or AWS,
 * the account and region, on AWS the caller identity STS GetCallerIdentity reports for the credentials in use, and
 * whether the plan says this is production. Never a credential: account, ARN and user id only.
 */
export const EnvironmentViewSchema = z.object({
  /** none: no plan is loaded; rehearsal: the local rehearsal environment (simulated AWS); aws: AWS (or the plan's explicit endpoint). */
  kind: z.enum(['none', 'rehearsal', 'aws']),
  /** The operator's OS user on the machine the core runs on (user@host): the journal's actor. */
  operator: z.string(),
  region: z.string().nullable(),
  /** What the cockpit talks to instead of AWS itself: the rehearsal's URL or the plan's explicit endpoint; null for AWS. */
  endpoint: z.string().nullable(),
  /** The plan's named profile for the SDK's credential chain (AWS only). */
  profile: z.string().nullable(),
  /** The plan says this environment is production (environment.aws.production); never true in the rehearsal. */
  production: z.boolean(),
  /** The account: the caller identity's on AWS, the simulated one in the rehearsal; null when not known (yet). */
  accountId: z.string().nullable(),
  /** The caller identity on AWS: its ARN, user id, and the principal in words (IAM user, role and session, root). */
  caller: z.object({ arn: z.string(), userId: z.string(), principal: z.string() }).nullable(),
  /** checking: the first check runs; ok; error: the identity could not be established (`error` says why). */
  status: z.enum(['checking', 'ok', 'error']),
  /** Why the identity is not known (expired, denied, no credentials, unreachable), in the operator's terms. */
  error: z.string().nullable(),
  /** When this view was last checked (ISO), null before the first check. */
  checkedAt: z.string().nullable(),
  /** When the credentials in use expire (ISO), when the credential chain says (SSO, assumed roles); else null. */
  credentialsExpireAt: z.string().nullable(),
  /** Rehearsal only: simulated seconds per real second of its clock (1: real time); null on AWS. */
  clockRate: z.number().positive().nullable(),
  /**
   * Each account the plan declares, checked with its own assumed-role session (GetCallerIdentity); empty without
   * accounts. The fields above stay the sign-in's. One account's failure never hides the others' status.
   */
  accounts: z.array(AccountEnvironmentSchema),
});
export type EnvironmentView = z.infer<typeof EnvironmentViewSchema>;
