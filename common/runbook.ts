// The runbook's vocabulary every layer shares: what an action does to the cutover (its role, which the plan's
// order check and the rollback read), and the order a rollback undoes things in.

/** The core's runbook action types (main/plan/schema.ts declares them; main/cutover/catalog.test.ts holds the two together). */
export const CORE_ACTION_TYPES = ['pulumi-up', 'register', 'http-check'] as const;

/** What a runbook action does to the cutover: the generic checks read it, never an action's type. */
export const ACTION_ROLES = ['quiesce', 'drain', 'move-traffic', 'register', 'check'] as const;
export type ActionRole = (typeof ACTION_ROLES)[number];

// The order a rollback across systems undoes things in, by what each compensation puts back: data first (forward
// replication stopped, the way back caught up) so users never meet a data-center database without the writes made
// on AWS; then scheduled jobs; then traffic (each stack's config back to the data center); registrations last, since
// a deploy of the app-instance program registers the stack again. Within a phase, the later runbook step is undone first.
export const COMPENSATION_PHASES = ['data', 'jobs', 'traffic', 'registration'] as const;
export type CompensationPhase = (typeof COMPENSATION_PHASES)[number];

/**
 * The order "where things stand" after a rollback reports the systems in: where users are sent (traffic) first,
 * then where their data is, then jobs, then registrations — the operator's first question first.
 */
export const STANDING_ORDER: readonly CompensationPhase[] = ['traffic', 'data', 'jobs', 'registration'];
