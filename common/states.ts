// common/ — states and phases: the closed lists of states the core and every UI name the same way.
// Environment-neutral values only (no zod, no node:, no DOM, no packages); the API contract builds its schemas on them.

/** Where a stack is in its life. */
export const LIFECYCLE_STATES = ['planned', 'deployed', 'registered', 'cut-over', 'rolled-back', 'failed'] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

/** Where a wave is in its migration (derived in main/cutover/wave-phase.ts, the one place). */
export const WAVE_PHASES = [
  'not-deployed',
  'deployed',
  'not-ready',
  'ready',
  'cutover-in-progress',
  'cutover-stopped',
  'cut-over',
  'rolling-back',
  'rollback-failed',
  'rolled-back',
  'finalized',
] as const;
export type WavePhase = (typeof WAVE_PHASES)[number];

/** A wave phase in words, the same in the UI, the journal and the evidence pack. */
export const WAVE_PHASE_WORDS = {
  'not-deployed': 'Not deployed',
  deployed: 'Deployed',
  'not-ready': 'Not ready',
  ready: 'Ready for cutover',
  'cutover-in-progress': 'Cutover in progress',
  'cutover-stopped': 'Cutover stopped',
  'cut-over': 'Cut over',
  'rolling-back': 'Rolling back',
  'rollback-failed': 'Rollback failed',
  'rolled-back': 'Rolled back',
  finalized: 'Finalized',
} as const satisfies Readonly<Record<WavePhase, string>>;

/** A wave while its wave deploy runs (its phase's detail; its badge capitalized): "deploying: 2 of 4 stacks deployed". */
export function deployingWords(deployed: number, total: number): string {
  return `deploying: ${deployed} of ${total} stack${total === 1 ? '' : 's'} deployed`;
}

/** The kinds of Pulumi (and registry) operation the core runs on a stack. */
export const OPERATION_KINDS = ['preview', 'up', 'refresh', 'destroy', 'rollback', 'register', 'deregister', 'recover'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** Where a runbook step is. */
export const CUTOVER_STEP_STATUSES = [
  'pending',
  'running',
  'waiting', // a manual step waiting for the operator's confirmation
  'succeeded',
  'warning', // failed, but the step is not mustSucceed: the runbook went on
  'failed',
  'aborted',
] as const;
export type CutoverStepStatus = (typeof CUTOVER_STEP_STATUSES)[number];
