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
