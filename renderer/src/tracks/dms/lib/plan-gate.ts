// How the Plan tab shows a wave's DMS gate, decided from the wave's phase (the core's one lifecycle,
// main/cutover/wave-phase.ts): the monitor's verdict only while the gates decide, neutral words otherwise. Pure, so it
// is tested without a DOM.
import { WAVE_PHASE_WORDS } from '../../../../../common/states';
import type { WavePhase } from '../../../../../main/api/contract';
import { gatesDecide } from '../../../lib/wave-phase';

/** How the Plan tab shows a wave's cutover gate. */
export type PlanGate =
  /** The wave defines no gates: nothing to judge, said neutrally. */
  | { readonly kind: 'none'; readonly label: string; readonly detail: string }
  /** The gates decide nothing in this phase (before a deploy, during or after a cutover): neutral, never red. */
  | { readonly kind: 'not-judged'; readonly label: string; readonly detail: string }
  /** The gates decide whether the cutover may start: the monitor's verdict as it is. */
  | { readonly kind: 'judged' };

export function planGate(hasGates: boolean, phase: WavePhase | undefined): PlanGate {
  if (!hasGates) return { kind: 'none', label: 'no gates defined', detail: 'The plan defines no cutover gates for this wave.' };
  if (phase === undefined || gatesDecide(phase)) return { kind: 'judged' };
  const words = WAVE_PHASE_WORDS[phase].toLowerCase();
  return {
    kind: 'not-judged',
    label: `gates not judged: ${words}`,
    detail: `The gates decide only whether the wave may start its cutover; while it is ${words} they decide nothing. Its replication tasks are on the Replication tab.`,
  };
}
