import { describe, expect, it } from 'vitest';
import type { MigrationPlan } from '../plan/model';
import { waveOfTrackRequest } from './team-wiring';

const plan = {
  waves: [
    { id: 'wave-1', stackIds: ['apps/app1', 'apps/app2'] },
    { id: 'wave-2', stackIds: ['apps/app3'] },
  ],
} as unknown as MigrationPlan;

describe('the wave a track command acts on', () => {
  it('is its waveId, or the wave of its stack or of its task (stack#n)', () => {
    expect(waveOfTrackRequest(plan, { waveId: 'wave-9', reason: 'x' })).toBe('wave-9');
    expect(waveOfTrackRequest(plan, { stackId: 'apps/app3', jobId: 'nightly' })).toBe('wave-2');
    expect(waveOfTrackRequest(plan, { taskKey: 'apps/app2#1', action: 'stop' })).toBe('wave-1');
  });

  it('is none for a request that names no wave, an unknown stack, or without a plan', () => {
    expect(waveOfTrackRequest(plan, { alertId: 'a1' })).toBeNull();
    expect(waveOfTrackRequest(plan, { stackId: 'apps/other' })).toBeNull();
    expect(waveOfTrackRequest(undefined, { stackId: 'apps/app1' })).toBeNull();
    expect(waveOfTrackRequest(plan, null)).toBeNull();
    expect(waveOfTrackRequest(plan, 'apps/app1')).toBeNull();
  });
});
