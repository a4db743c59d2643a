import { describe, expect, it } from 'vitest';
import { phaseRunOf } from './readiness-testing';
import { wavePhase, type PhaseInput } from './wave-phase';

const base: PhaseInput = { hasRunbook: true, stackCount: 3, deployedCount: 3, ready: false, readySince: null, blockingCount: 4, run: null };

describe('wave phase (the one lifecycle every view shows)', () => {
  it('is not deployed before any of its stacks is, runbook or not; then follows readiness until a run starts', () => {
    expect(wavePhase({ ...base, deployedCount: 0 })).toMatchObject({ phase: 'not-deployed', detail: 'none of its 3 stacks is deployed yet; its gates are judged once they are' });
    expect(wavePhase({ ...base, deployedCount: 1 }).phase).toBe('not-ready');
    expect(wavePhase(base)).toEqual({ phase: 'not-ready', since: null, detail: '4 gate(s) blocking' });
    expect(wavePhase({ ...base, ready: true, readySince: 'T', blockingCount: 0 })).toMatchObject({ phase: 'ready', since: null });
    expect(wavePhase({ ...base, run: { ...phaseRunOf('running'), status: 'not-started' } }).phase).toBe('not-ready');
  });

  it('a cut-over wave is cut over whatever its gates say (the runbook stopped replication on purpose)', () => {
    expect(wavePhase({ ...base, ready: false, run: phaseRunOf('succeeded') })).toMatchObject({ phase: 'cut-over', since: '2026-12-05T02:00:00.000Z' });
    expect(wavePhase({ ...base, run: phaseRunOf('succeeded', null, true) })).toMatchObject({ phase: 'finalized', since: '2026-12-05T03:00:00.000Z' });
  });

  it('a run that is running, paused, failed or aborted is in progress or stopped', () => {
    expect(wavePhase({ ...base, run: { ...phaseRunOf('running'), currentStepName: 'Block writers' } })).toMatchObject({ phase: 'cutover-in-progress', detail: "at step 'Block writers'" });
    expect(wavePhase({ ...base, run: phaseRunOf('paused') }).phase).toBe('cutover-in-progress');
    expect(wavePhase({ ...base, run: phaseRunOf('failed') }).phase).toBe('cutover-stopped');
    // Stopped when its step failed, not when the run started.
    expect(wavePhase({ ...base, run: { ...phaseRunOf('failed'), currentStepFailedAt: '2026-12-05T01:40:00.000Z' } }).since).toBe('2026-12-05T01:40:00.000Z');
    expect(wavePhase({ ...base, run: phaseRunOf('aborted') })).toMatchObject({ phase: 'cutover-stopped', since: '2026-12-05T02:00:00.000Z' });
  });

  it('a rollback decides over the run it rolled back (never "succeeded" after a rollback)', () => {
    expect(wavePhase({ ...base, run: phaseRunOf('succeeded', 'running') })).toMatchObject({ phase: 'rolling-back', since: '2026-12-05T02:10:00.000Z' });
    expect(wavePhase({ ...base, run: phaseRunOf('succeeded', 'failed') }).phase).toBe('rollback-failed');
    expect(wavePhase({ ...base, run: phaseRunOf('aborted', 'succeeded') })).toMatchObject({ phase: 'rolled-back', detail: 'rolled back; 4 gate(s) blocking another cutover' });
    expect(wavePhase({ ...base, ready: true, run: phaseRunOf('succeeded', 'succeeded') }).detail).toBe('rolled back; ready for another cutover');
  });

  it('a wave without a runbook is deployed or not, never cut over', () => {
    const infra = { ...base, hasRunbook: false, deployedCount: 0 };
    expect(wavePhase({ ...infra, deployedCount: 2 })).toMatchObject({ phase: 'not-deployed', detail: '2 of 3 stacks deployed; the wave has no cutover runbook' });
    expect(wavePhase({ ...infra, deployedCount: 3 }).phase).toBe('deployed');
    expect(wavePhase({ ...infra, stackCount: 0 }).phase).toBe('not-deployed');
  });
});
