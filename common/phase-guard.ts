// Which infrastructure operations a wave's cutover phase forbids, in one place for the commands (main/core/service-commands.ts),
// the readiness view's deploy refusal and the stack panel's buttons (the UI disables the button with the same words before any dialog).
// While a cutover or its rollback runs, nothing else touches the wave's stacks; once the runbook has moved things
// (stopped, cut over, partly rolled back, finalized), undoing infrastructure by hand would bypass the rollback across
// systems (its compensations and its journal), so Pulumi rollbacks and destroys are refused: roll back from the
// Cutover tab (cutover.rollback). A deploy of a cut-over wave is allowed: the cutover's config overlay is applied to
// every operation on its stacks, so a redeploy keeps the traffic where the runbook put it.
import { WAVE_PHASE_WORDS, type WavePhase } from './states';

export type InfrastructureChange = 'deploy' | 'undo';

const RUNNING: ReadonlySet<WavePhase> = new Set(['cutover-in-progress', 'rolling-back']);
const MOVED: ReadonlySet<WavePhase> = new Set(['cutover-in-progress', 'cutover-stopped', 'cut-over', 'rolling-back', 'rollback-failed', 'finalized']);

/** What a stack operation does to infrastructure a cutover may have moved (undefined: nothing a phase forbids). */
export const CHANGE_OF_OPERATION: Readonly<Partial<Record<string, InfrastructureChange>>> = {
  up: 'deploy',
  destroy: 'undo',
  rollback: 'undo',
  deregister: 'undo',
};

/** Why `change` (deploy: up, wave deploy; undo: Pulumi rollback, destroy, wave undo) is refused in `phase`, or null. */
export function phaseRefusal(waveId: string, phase: WavePhase | undefined, change: InfrastructureChange): string | null {
  if (phase === undefined) return null;
  const words = WAVE_PHASE_WORDS[phase].toLowerCase();
  if (RUNNING.has(phase)) return `wave '${waveId}' is ${words}: its stacks are left alone until the run or its rollback ends`;
  if (change === 'undo' && MOVED.has(phase)) {
    return phase === 'finalized'
      ? `wave '${waveId}' is finalized: its cutover is final and its infrastructure is not undone by hand`
      : `wave '${waveId}' is ${words}: undo it with the cutover's rollback across systems (Cutover tab, cutover.rollback), not a Pulumi rollback`;
  }
  return null;
}
