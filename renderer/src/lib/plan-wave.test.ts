import { describe, expect, it } from 'vitest';
import { WAVE_PHASES } from '../../../common/states';
import { dependencyNote, undoDeployRefusal, waveOperationRecency } from './plan-wave';

describe('undo wave deploy on the Plan tab', () => {
  it('is offered before a cutover, after a rollback and for waves without a runbook', () => {
    for (const phase of ['not-deployed', 'deployed', 'not-ready', 'ready', 'rolled-back'] as const) expect(undoDeployRefusal(phase)).toBeNull();
    expect(undoDeployRefusal(undefined)).toBeNull();
  });

  it("is not offered while the cutover holds the wave: the Cutover tab's rollback is the way back", () => {
    const held = WAVE_PHASES.filter((phase) => undoDeployRefusal(phase) !== null);
    expect(held).toEqual(['cutover-in-progress', 'cutover-stopped', 'cut-over', 'rolling-back', 'rollback-failed', 'finalized']);
    expect(undoDeployRefusal('cut-over')?.short).toBe('cut over: roll back from the Cutover tab');
    expect(undoDeployRefusal('cut-over')?.detail).toMatch(/Cutover tab/);
    expect(undoDeployRefusal('finalized')?.short).toBe('finalized: nothing to undo');
  });
});

describe("the strip of the wave's last operation", () => {
  const deploy = { status: 'succeeded' as const, startedAt: '2026-12-03T05:22:20Z', finishedAt: '2026-12-03T05:22:35Z' };

  it('is current while it runs, and before any cutover', () => {
    expect(waveOperationRecency({ ...deploy, status: 'running', finishedAt: null }, 'cut-over', '2026-12-03T05:00:00Z')).toBe('current');
    expect(waveOperationRecency(deploy, 'ready', null)).toBe('current');
    expect(waveOperationRecency(deploy, 'not-ready', null)).toBe('current');
    expect(waveOperationRecency(deploy, 'deployed', null)).toBe('current');
    expect(waveOperationRecency(deploy, undefined, null)).toBe('current');
  });

  it('is history once the cutover or a rollback came after it', () => {
    expect(waveOperationRecency(deploy, 'cut-over', '2026-12-03T05:34:30Z')).toBe('superseded');
    expect(waveOperationRecency(deploy, 'rolled-back', '2026-12-03T05:36:56Z')).toBe('superseded');
    expect(waveOperationRecency(deploy, 'cutover-in-progress', null)).toBe('superseded');
  });

  it('is current again when the operation came after the phase began (a redeploy after a rollback)', () => {
    expect(waveOperationRecency({ ...deploy, finishedAt: '2026-12-03T06:00:00Z' }, 'rolled-back', '2026-12-03T05:36:56Z')).toBe('current');
  });
});

describe("the deploy dialog's note on dependencies", () => {
  it("says nothing once the core found them deployed (a cut-over wave's dependencies are not missing)", () => {
    expect(dependencyNote(['wave-0'], null)).toBeNull();
    expect(dependencyNote([], undefined)).toBeNull();
  });

  it('names them only while the core has not judged them yet', () => {
    expect(dependencyNote(['wave-0'], undefined)).toBe(
      'The stacks of wave-0 must be deployed first (not checked yet: the core checks when the deploy starts).',
    );
  });
});
