import { describe, expect, it } from 'vitest';
import { WAVE_PHASES } from './states';
import { phaseRefusal } from './phase-guard';

describe('infrastructure changes a cutover phase forbids', () => {
  it('refuses every change while a run or its rollback runs, and undoing by hand once the runbook moved things', () => {
    const refused = (change: 'deploy' | 'undo') => WAVE_PHASES.filter((phase) => phaseRefusal('w1', phase, change) !== null);
    expect(refused('deploy')).toEqual(['cutover-in-progress', 'rolling-back']);
    expect(refused('undo').sort()).toEqual(['cut-over', 'cutover-in-progress', 'cutover-stopped', 'finalized', 'rollback-failed', 'rolling-back']);
    expect(phaseRefusal('w1', 'cut-over', 'undo')).toBe(
      "wave 'w1' is cut over: undo it with the cutover's rollback across systems (Cutover tab, cutover.rollback), not a Pulumi rollback",
    );
    expect(phaseRefusal('w1', undefined, 'undo')).toBeNull();
    expect(phaseRefusal('w1', 'rolled-back', 'undo')).toBeNull();
  });
});
