import { describe, expect, it } from 'vitest';
import { WAVE_PHASES } from '../../../main/api/contract';
import { WAVE_PHASE_WORDS } from '../../../main/cutover/wave-phase';
import { gatesDecide, phaseLabel, WAVE_PHASE_LABELS } from './wave-phase';

describe('wave phase names', () => {
  it('are the core\'s words, so the UI, the journal and the evidence say the same', () => {
    expect(WAVE_PHASE_LABELS).toEqual(WAVE_PHASE_WORDS);
    expect(Object.keys(WAVE_PHASE_LABELS).sort()).toEqual([...WAVE_PHASES].sort());
  });

  it('adds the blocking count to "Not ready" only, and lets the gates decide only before a cutover or after a rollback', () => {
    expect(phaseLabel({ phase: 'not-ready', blockingCount: 3 })).toBe('Not ready: 3 blocking');
    expect(phaseLabel({ phase: 'cut-over', blockingCount: 3 })).toBe('Cut over');
    expect(WAVE_PHASES.filter(gatesDecide)).toEqual(['deployed', 'not-ready', 'ready', 'rolled-back']);
  });
});
