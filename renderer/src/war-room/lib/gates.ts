// The readiness gates on the wall: one line per gate of the plan (pass, fail, pending, nothing to check) with its
// green stacks, and the wave's headline. While a cutover runs the gates decide nothing (lib/wave-phase.ts
// gatesDecide), so the wall then says "not judged", as the cutover view's gate matrix does: never a red that is not one.
import { WAVE_PHASE_WORDS } from '../../../../common/states';
import type { GateColumnView, WaveReadinessView } from '../../../../main/api/contract';
import { cellTone, greenCounts, waveHeadline } from '../../lib/readiness';
import { gatesDecide } from '../../lib/wave-phase';

export type GateVerdict = 'pass' | 'fail' | 'pending' | 'none' | 'not-judged';

export interface GateLine {
  readonly id: string;
  readonly label: string;
  readonly verdict: GateVerdict;
  /** "3 of 3 stacks green", "nothing to check", "not judged now". */
  readonly text: string;
}

export interface GateSummary {
  readonly judged: boolean;
  /** "READY for 4 m 12 s", "NOT READY: 7 gates blocking", or "Not judged now" while the gates decide nothing. */
  readonly headline: string;
  /** The wave's phase in words ("Cutover in progress"). */
  readonly phase: string;
  readonly tone: 'ok' | 'bad' | 'neutral';
  readonly lines: readonly GateLine[];
}

export const VERDICT_WORDS: Readonly<Record<GateVerdict, string>> = {
  pass: 'pass',
  fail: 'fail',
  pending: 'pending',
  none: 'n/a',
  'not-judged': 'not judged',
};

/** `dataNow`: the data clock's time (readiness times are on it). */
export function gateSummary(readiness: WaveReadinessView, columns: readonly GateColumnView[], dataNow: number): GateSummary {
  const judged = gatesDecide(readiness.phase);
  const counts = greenCounts(readiness, columns.length);
  const lines = columns.map((column, index): GateLine => {
    const count = counts[index] ?? { green: 0, of: 0 };
    if (!judged) return { id: column.id, label: column.label, verdict: 'not-judged', text: 'not judged now' };
    if (count.of === 0) return { id: column.id, label: column.label, verdict: 'none', text: 'nothing to check' };
    const tones = readiness.stacks.flatMap((stack) => {
      const gate = stack.gates[index];
      return gate ? [cellTone(gate, true)] : [];
    });
    const verdict: GateVerdict = tones.includes('red') ? 'fail' : count.green === count.of ? 'pass' : 'pending';
    return { id: column.id, label: column.label, verdict, text: `${count.green} of ${count.of} stacks green` };
  });
  const phase = WAVE_PHASE_WORDS[readiness.phase];
  if (!judged) return { judged, headline: 'Not judged now', phase, tone: 'neutral', lines };
  return { judged, headline: waveHeadline(readiness, dataNow), phase, tone: readiness.ready ? 'ok' : 'bad', lines };
}
