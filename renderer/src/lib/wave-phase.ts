// A wave's phase as the UI shows it. The core derives the phase (main/cutover/wave-phase.ts); its words are
// common/states.ts WAVE_PHASE_WORDS, the same in the UI, the journal and the evidence.
import { deployingWords, WAVE_PHASE_WORDS } from '../../../common/states';
import type { WavePhase, WaveReadinessView } from '../../../main/api/contract';

/** The colour family of a phase: good (done), ready, active (something runs), bad (needs the operator), idle. */
export type PhaseTone = 'good' | 'ready' | 'active' | 'bad' | 'idle';

const TONES: Record<WavePhase, PhaseTone> = {
  'not-deployed': 'idle',
  deployed: 'good',
  'not-ready': 'idle',
  ready: 'ready',
  'cutover-in-progress': 'active',
  'cutover-stopped': 'bad',
  'cut-over': 'good',
  'rolling-back': 'active',
  'rollback-failed': 'bad',
  'rolled-back': 'idle',
  finalized: 'good',
};

export function phaseTone(phase: WavePhase): PhaseTone {
  return TONES[phase];
}

/**
 * Whether the readiness gates decide anything in this phase: no run holds the wave, or it was rolled back; and for
 * a deployed wave without a runbook, its gates still judge the replication it runs (nothing cuts it over).
 */
export function gatesDecide(phase: WavePhase): boolean {
  return phase === 'not-ready' || phase === 'ready' || phase === 'rolled-back' || phase === 'deployed';
}

/** The phase with what matters next to it: a running wave deploy's progress, else the blocking count while gates decide. */
export function phaseLabel(wave: Pick<WaveReadinessView, 'phase' | 'blockingCount'> & Partial<Pick<WaveReadinessView, 'deploying'>>): string {
  if (wave.deploying) return capitalize(deployingWords(wave.deploying.deployed, wave.deploying.total));
  if (wave.phase === 'not-ready') return `Not ready: ${wave.blockingCount} blocking`;
  return WAVE_PHASE_WORDS[wave.phase];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
