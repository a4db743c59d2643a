import { describe, expect, it } from 'vitest';
import { WAVE_PHASES } from '../../../common/states';
import { gatesDecide, phaseLabel } from './wave-phase';

describe('wave phase names', () => {
  it('adds the blocking count to "Not ready" only, and lets the gates decide only before a cutover or after a rollback', () => {
    expect(phaseLabel({ phase: 'not-ready', blockingCount: 3 })).toBe('Not ready: 3 blocking');
    expect(phaseLabel({ phase: 'cut-over', blockingCount: 3 })).toBe('Cut over');
    expect(WAVE_PHASES.filter(gatesDecide)).toEqual(['deployed', 'not-ready', 'ready', 'rolled-back']);
  });
});
