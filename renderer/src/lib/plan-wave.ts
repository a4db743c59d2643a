// What a wave's header on the Plan tab offers and shows, decided from the wave's phase (the core's one lifecycle,
// main/cutover/wave-phase.ts): whether "Undo wave deploy…" (a Pulumi rollback of the wave's stacks) is offered or
// the wave's cutover owns its rollback, and whether the strip of its last wave operation is still current. Pure, so it
// is tested without a DOM.
import type { WaveOperationView, WavePhase } from '../../../main/api/contract';

/**
 * The wave operations as the operator reads them everywhere (Plan tab, journal): the core's `wave-rollback` returns
 * the wave's stacks to their previous Pulumi update, the undo of a deploy, not the cutover rollback across systems.
 */
export const WAVE_OPERATION_NAMES: Readonly<Record<WaveOperationView['kind'], string>> = {
  'wave-deploy': 'Wave deploy',
  'wave-rollback': 'Undo wave deploy',
};

/** Why the Plan tab does not offer to undo the wave's deploy: the short line shown in its place, and the whole reason. */
export interface UndoDeployRefusal {
  readonly short: string;
  readonly detail: string;
}

const CUTOVER_TAB = 'the rollback across systems on the Cutover tab moves traffic and data back first, then the stacks';

/**
 * Phases in which the wave's cutover holds it: a run is under way or stopped part-way, the wave is cut over (its
 * traffic and data are on AWS), its rollback runs or failed part-way, or it is final. Undoing its Pulumi deploy then
 * would take the infrastructure away from under live traffic and data: the Cutover tab's rollback is the way back.
 */
const HELD_BY_CUTOVER: Readonly<Partial<Record<WavePhase, UndoDeployRefusal>>> = {
  'cutover-in-progress': {
    short: 'cutover in progress: roll back from the Cutover tab',
    detail: `The wave's cutover is running: pause, abort or roll it back on the Cutover tab; ${CUTOVER_TAB}.`,
  },
  'cutover-stopped': {
    short: 'cutover stopped: roll back from the Cutover tab',
    detail: `The wave's cutover stopped part-way, so the wave may be partly cut over: roll it back on the Cutover tab; ${CUTOVER_TAB}.`,
  },
  'cut-over': {
    short: 'cut over: roll back from the Cutover tab',
    detail: `The wave is cut over (its traffic and data are on AWS): roll it back on the Cutover tab; ${CUTOVER_TAB}.`,
  },
  'rolling-back': { short: 'rolling back: follow it on the Cutover tab', detail: 'The rollback across systems is running on the Cutover tab.' },
  'rollback-failed': {
    short: 'rollback failed: finish it from the Cutover tab',
    detail: 'The rollback across systems stopped at a failed step, so the wave is partly rolled back: fix the cause and roll back again on the Cutover tab.',
  },
  finalized: {
    short: 'finalized: nothing to undo',
    detail: "The cutover is final and its rollback is closed: the wave's infrastructure is not undone from here.",
  },
};

/** Null when the Plan tab may offer "Undo wave deploy…" (no phase known yet counts as allowed: the core decides). */
export function undoDeployRefusal(phase: WavePhase | undefined): UndoDeployRefusal | null {
  return phase === undefined ? null : (HELD_BY_CUTOVER[phase] ?? null);
}

/**
 * The deploy dialog's note on the wave's dependencies. The core's deploy refusal (readiness view) names dependencies
 * whose stacks are missing, and then the dialog cannot open; so the note only speaks while that view has not
 * arrived (undefined), and says nothing once the core found the dependencies deployed.
 */
export function dependencyNote(dependsOn: readonly string[], deployRefusal: string | null | undefined): string | null {
  if (dependsOn.length === 0 || deployRefusal !== undefined) return null;
  return `The stacks of ${dependsOn.join(', ')} must be deployed first (not checked yet: the core checks when the deploy starts).`;
}

/** Phases that come after the wave's deploy in its migration: a wave operation from before them is history. */
const AFTER_DEPLOY: ReadonlySet<WavePhase> = new Set([
  'cutover-in-progress',
  'cutover-stopped',
  'cut-over',
  'rolling-back',
  'rollback-failed',
  'rolled-back',
  'finalized',
]);

/**
 * Whether the wave's last wave operation (deploy or undo) still says where the wave is: `current` while it runs
 * or when nothing happened to the wave since; `superseded` once a later phase (its cutover, a rollback) took over.
 */
export function waveOperationRecency(
  operation: Pick<WaveOperationView, 'status' | 'startedAt' | 'finishedAt'>,
  phase: WavePhase | undefined,
  phaseSince: string | null | undefined,
): 'current' | 'superseded' {
  if (operation.status === 'running' || phase === undefined || !AFTER_DEPLOY.has(phase)) return 'current';
  // Without the phase's start the operation cannot be newer than it as far as we know: history.
  if (!phaseSince) return 'superseded';
  const ended = Date.parse(operation.finishedAt ?? operation.startedAt);
  const since = Date.parse(phaseSince);
  if (!Number.isFinite(ended) || !Number.isFinite(since)) return 'superseded';
  return ended > since ? 'current' : 'superseded';
}
