// Whether the wave's gates judge its tasks.
import { WAVE_PHASE_WORDS } from '../../../../../../common/states';
import type { WavePhase, WaveReadinessView } from '../../../../../../main/api/contract';
import { gatesDecide } from '../../../../lib/wave-phase';

/** How a wave's (and its tasks') cutover gate reads on the Replication tab. */
export type GateJudgement =
  /** The gates decide whether the wave may start its cutover: the monitor's verdict as it is. */
  | { readonly kind: 'judged' }
  /** The plan defines no gates for the wave: nothing to judge, said neutrally. */
  | { readonly kind: 'none'; readonly label: string; readonly why: string; readonly text: string }
  /** The gates decide nothing in the wave's phase (deploying, cutting over, cut over, rolling back…): neutral, never red. */
  | { readonly kind: 'not-judged'; readonly label: string; readonly why: string; readonly text: string };

/** Phases in which the cutover's runbook has stopped the wave's replication on purpose. */
const STOPPED_BY_RUNBOOK: ReadonlySet<WavePhase> = new Set(['cut-over', 'finalized']);

/**
 * Whether the gates judge the wave now, from whether it has gates and the phase published with its readiness
 * (unknown phase: judged, the monitor's verdict stands). Words as on the Plan tab: "no gates defined", "gates not
 * judged: cut over".
 */
export function gateJudgement(hasGates: boolean, readiness: Pick<WaveReadinessView, 'phase' | 'phaseDetail'> | undefined): GateJudgement {
  if (!hasGates) {
    const why = 'the plan sets no cutover gates for this wave';
    return { kind: 'none', label: 'no gates defined', why, text: `No gates defined: ${why}` };
  }
  if (!readiness || gatesDecide(readiness.phase)) return { kind: 'judged' };
  const words = WAVE_PHASE_WORDS[readiness.phase].toLowerCase();
  const why = STOPPED_BY_RUNBOOK.has(readiness.phase) ? 'replication stopped by the runbook' : readiness.phaseDetail;
  // The core's phase detail may carry parentheses of its own: then a dash, not nested parentheses.
  const text = `Gates not judged: ${words}${!why ? '' : why.includes('(') ? ` — ${why}` : ` (${why})`}`;
  return { kind: 'not-judged', label: `gates not judged: ${words}`, why, text };
}
