import { describe, expect, it } from 'vitest';
import { WAVE_PHASES } from '../../../common/states';
import { gatesDecide, phaseLabel } from './wave-phase';

describe('wave phase names', () => {
  it('adds the blocking count to "Not ready" only, and lets the gates decide only before a cutover or after a rollback', () => {
    expect(phaseLabel({ phase: 'not-ready', blockingCount: 3 })).toBe('Not ready: 3 blocking');
    expect(phaseLabel({ phase: 'cut-over', blockingCount: 3 })).toBe('Cut over');
    // A running wave deploy is said over "Not deployed" / "Not ready" (the core sets it only where no run holds the wave).
    expect(phaseLabel({ phase: 'not-deployed', blockingCount: 3, deploying: { deployed: 2, total: 4 } })).toBe('Deploying: 2 of 4 stacks deployed');
    expect(phaseLabel({ phase: 'not-ready', blockingCount: 3, deploying: null })).toBe('Not ready: 3 blocking');
    expect(WAVE_PHASES.filter(gatesDecide)).toEqual(['deployed', 'not-ready', 'ready', 'rolled-back']);
  });
});
