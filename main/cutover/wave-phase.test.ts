import { describe, expect, it } from 'vitest';
import type { CutoverStepView } from '../api/contract';
import { phaseRunOf, runViewOf } from './readiness-testing';
import { toPhaseRun, wavePhase, type PhaseInput } from './wave-phase';

const base: PhaseInput = { hasRunbook: true, stackCount: 3, deployedCount: 3, ready: false, readySince: null, blockingCount: 4, run: null };

describe('wave phase (the one lifecycle every view shows)', () => {
  it('is not deployed before any of its stacks is, runbook or not; then follows readiness until a run starts', () => {
    expect(wavePhase({ ...base, deployedCount: 0 })).toMatchObject({
      phase: 'not-deployed',
      detail: 'none of its 3 stacks is deployed yet; its gates are judged once they are',
    });
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
    expect(wavePhase({ ...base, run: { ...phaseRunOf('running'), currentStepName: 'Block writers' } })).toMatchObject({
      phase: 'cutover-in-progress',
      detail: "at step 'Block writers'",
    });
    expect(wavePhase({ ...base, run: phaseRunOf('paused') }).phase).toBe('cutover-in-progress');
    expect(wavePhase({ ...base, run: phaseRunOf('failed') }).phase).toBe('cutover-stopped');
    // Stopped when its step failed, not when the run started.
    expect(wavePhase({ ...base, run: { ...phaseRunOf('failed'), currentStepFailedAt: '2026-12-05T01:40:00.000Z' } }).since).toBe('2026-12-05T01:40:00.000Z');
    expect(wavePhase({ ...base, run: phaseRunOf('aborted') })).toMatchObject({ phase: 'cutover-stopped', since: '2026-12-05T02:00:00.000Z' });
  });

  it('a rollback decides over the run it rolled back (never "succeeded" after a rollback)', () => {
    expect(wavePhase({ ...base, run: phaseRunOf('succeeded', 'running') })).toMatchObject({ phase: 'rolling-back', since: '2026-12-05T02:10:00.000Z' });
    expect(wavePhase({ ...base, run: phaseRunOf('succeeded', 'failed') }).phase).toBe('rollback-failed');
    expect(wavePhase({ ...base, run: phaseRunOf('aborted', 'succeeded') })).toMatchObject({
      phase: 'rolled-back',
      detail: 'rolled back; 4 gate(s) blocking another cutover',
    });
    expect(wavePhase({ ...base, ready: true, run: phaseRunOf('succeeded', 'succeeded') }).detail).toBe('rolled back; ready for another cutover');
  });

  it('a wave without a runbook is deployed or not, never cut over', () => {
    const infra = { ...base, hasRunbook: false, deployedCount: 0 };
    expect(wavePhase({ ...infra, deployedCount: 2 })).toMatchObject({
      phase: 'not-deployed',
      detail: '2 of 3 stacks deployed; the wave has no cutover runbook',
    });
    expect(wavePhase({ ...infra, deployedCount: 3 }).phase).toBe('deployed');
    expect(wavePhase({ ...infra, stackCount: 0 }).phase).toBe('not-deployed');
  });

  it('says "deploying" while a wave deploy runs, never "not deployed" over it; a run holding the wave still decides', () => {
    const during = wavePhase({ ...base, stackCount: 4, deployedCount: 2, deploying: true });
    expect(during).toMatchObject({ phase: 'not-ready', detail: 'deploying: 2 of 4 stacks deployed', deploying: { deployed: 2, total: 4 } });
    expect(wavePhase({ ...base, stackCount: 4, deployedCount: 0, deploying: true })).toMatchObject({
      phase: 'not-deployed',
      detail: 'deploying: 0 of 4 stacks deployed',
    });
    expect(wavePhase({ ...base, hasRunbook: false, deployedCount: 1, deploying: true }).detail).toBe('deploying: 1 of 3 stacks deployed');
    expect(wavePhase({ ...base, deploying: true, run: phaseRunOf('failed') }).deploying).toBeUndefined();
    expect(wavePhase({ ...base, deployedCount: 2 }).deploying).toBeUndefined();
  });
});

describe('the health checks a run keeps for its stacks', () => {
  const check = (id: string, finishedAt: string, targets: [string, 'succeeded' | 'failed', string][]): CutoverStepView => ({
    id,
    name: id === 'check-1' ? 'Health check on AWS' : 'Health check again',
    type: 'http-check',
    description: '',
    mustSucceed: true,
    timeoutMinutes: null,
    status: targets.some(([, status]) => status === 'failed') ? 'failed' : 'succeeded',
    attempt: 1,
    startedAt: finishedAt,
    finishedAt,
    message: null,
    confirmedBy: null,
    confirmedAt: null,
    pointOfNoReturn: false,
    passedPointOfNoReturn: null,
    targets: targets.map(([stackId, status, message]) => ({ stackId, status, message, operationId: null, updateVersion: null })),
  });
  const failing = check('check-1', '2026-12-05T01:20:00.000Z', [
    ['apps/a', 'failed', 'HTTP 503 from http://a.example/health, expected 200 after 3 attempt(s)'],
    ['apps/b', 'succeeded', 'HTTP 200 from http://b.example/health'],
  ]);

  it('keeps the failed ones, said short ("HTTP 503"), until a later check of the stack passes', () => {
    const run = { ...runViewOf('w', 'failed'), steps: [failing] };
    expect(toPhaseRun(run).failedHealthChecks).toEqual({ 'apps/a': { what: 'HTTP 503', stepName: 'Health check on AWS', at: '2026-12-05T01:20:00.000Z' } });
    const passed = check('check-2', '2026-12-05T01:30:00.000Z', [['apps/a', 'succeeded', 'HTTP 200 from http://a.example/health']]);
    expect(toPhaseRun({ ...run, steps: [failing, passed] }).failedHealthChecks).toBeUndefined();
  });

  it('forgets them once the run was rolled back', () => {
    expect(toPhaseRun({ ...runViewOf('w', 'failed', 'succeeded'), steps: [failing] }).failedHealthChecks).toBeUndefined();
    expect(toPhaseRun({ ...runViewOf('w', 'failed', 'running'), steps: [failing] }).failedHealthChecks).toHaveProperty(['apps/a']);
  });
});
