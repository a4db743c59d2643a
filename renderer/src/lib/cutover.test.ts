import { describe, expect, it } from 'vitest';
import { CutoverRunViewSchema, type WaveReadinessView } from '../../../main/api/contract';
import { AWS_ACTOR, finalizedRun, OS_ACTOR, run, step } from '../store/cutover-fixtures';
import { downtime, formatHms, isOverrideReasonValid, runClock, runControls, stepTimeLeft, whoText, whoWords, windowPosition } from './cutover';

const at = (iso: string) => Date.parse(iso);
const readiness = (ready: boolean): WaveReadinessView => ({ waveId: 'wave-1', ready, readySince: null, stacks: [], blockingReasons: ready ? [] : ['data: lag'], blockingCount: ready ? 0 : 1, phase: ready ? 'ready' : 'not-ready', phaseSince: null, phaseDetail: '', deployRefusal: null });

describe('runbook clocks', () => {
  it('formats hours, minutes and seconds, with days when needed', () => {
    expect(formatHms(0)).toBe('00:00:00');
    expect(formatHms(3_723_000)).toBe('01:02:03');
    expect(formatHms(-61_900)).toBe('00:01:01');
    expect(formatHms(90_061_000)).toBe('1 d 01:01:01');
    expect(formatHms(Number.NaN)).toBe('—');
  });

  it('counts down to the window before the start, and up once the window opened', () => {
    const before = runClock(run('wave-1'), at('2026-12-05T00:30:00Z'));
    expect(before).toEqual({ kind: 't-minus', ms: 30 * 60_000, label: 'T−00:30:00' });
    expect(runClock(run('wave-1'), at('2026-12-05T01:00:05Z'))).toMatchObject({ label: 'T+00:00:05 (window open)' });
    expect(runClock(run('wave-1', {}, { windowStart: null }), 0)).toEqual({ kind: 'none' });
  });

  it('shows the elapsed time of a run, frozen at its end', () => {
    const running = run('wave-1', { runId: 'r', status: 'running', startedAt: '2026-12-05T01:00:00Z' });
    expect(runClock(running, at('2026-12-05T01:10:00Z'))).toMatchObject({ label: 'Elapsed 00:10:00' });
    const ended = { ...running, status: 'succeeded' as const, finishedAt: '2026-12-05T01:20:00Z' };
    expect(runClock(ended, at('2026-12-05T03:00:00Z'))).toMatchObject({ label: 'Took 00:20:00' });
  });

  it('counts the downtime budget down from the first freeze-check, red once exceeded', () => {
    expect(downtime(run('wave-1'), 0)).toMatchObject({ started: false, exceeded: false, label: '00:45:00 (not started)' });
    const down = run('wave-1', { runId: 'r', status: 'running' }, { downtimeStartedAt: '2026-12-05T01:00:00Z' });
    expect(downtime(down, at('2026-12-05T01:15:00Z'))).toMatchObject({ remainingMs: 30 * 60_000, exceeded: false, label: 'used 00:15:00 of 00:45:00, 00:30:00 left' });
    expect(downtime(down, at('2026-12-05T01:46:00Z'))).toMatchObject({ exceeded: true, label: 'used 00:46:00 of 00:45:00, exceeded by 00:01:00' });
    const ended = run('wave-1', {}, { downtimeStartedAt: '2026-12-05T01:00:00Z', downtimeEndedAt: '2026-12-05T01:40:00Z' });
    expect(downtime(ended, at('2026-12-06T00:00:00Z')).label).toBe('used 00:40:00 of 00:45:00, 00:05:00 left');
  });
});

describe('step timeouts', () => {
  it('counts a running or waiting step down to its timeout', () => {
    const waiting = step('a', { status: 'waiting', startedAt: '2026-12-05T01:00:00Z', timeoutMinutes: 15 });
    expect(stepTimeLeft(waiting, at('2026-12-05T01:05:00Z'))).toBe(10 * 60_000);
    expect(stepTimeLeft(waiting, at('2026-12-05T01:16:00Z'))).toBe(-60_000);
    expect(stepTimeLeft({ ...waiting, status: 'succeeded' }, 0)).toBeNull();
    expect(stepTimeLeft({ ...waiting, timeoutMinutes: null }, 0)).toBeNull();
  });
});

describe('runbook controls', () => {
  it('starts a ready wave; a wave that is not ready only with an override', () => {
    const inside = Date.parse('2026-12-05T02:00:00Z');
    expect(runControls(run('wave-1'), readiness(true), false, inside)).toMatchObject({ start: true, startNeedsOverride: false, pause: false, rollback: false });
    expect(runControls(run('wave-1'), readiness(false), false, inside)).toMatchObject({ start: false, startNeedsOverride: true });
    expect(runControls(run('wave-1'), undefined, false, inside)).toMatchObject({ start: false, startNeedsOverride: true });
    expect(runControls(run('wave-1'), readiness(true), true, inside)).toMatchObject({ start: false, startNeedsOverride: false });
    // A ready wave outside its cutover window starts only with an override, as the core rules.
    expect(runControls(run('wave-1'), readiness(true), false, Date.parse('2026-12-04T23:00:00Z'))).toMatchObject({ start: false, startNeedsOverride: true });
    expect(runControls(run('wave-1'), readiness(true), false, Date.parse('2026-12-05T05:00:01Z'))).toMatchObject({ start: false, startNeedsOverride: true });
    expect(windowPosition(run('wave-1', {}, { windowStart: null, windowEnd: null }), inside)).toBe('none');
  });

  it('follows the state rules of a run', () => {
    const waiting = run('wave-1', { runId: 'r', status: 'running', steps: [step('a', { status: 'waiting', attempt: 1 })] });
    expect(runControls(waiting, readiness(true), false)).toMatchObject({ start: false, pause: true, resume: false, abort: true, rollback: false, waitingStepId: 'a' });
    const paused = { ...waiting, status: 'paused' as const };
    expect(runControls(paused, readiness(true), false)).toMatchObject({ resume: true, pause: false, abort: true, rollback: true, waitingStepId: null });
    expect(runControls({ ...waiting, status: 'pausing' }, readiness(true), false)).toMatchObject({ resume: true, pause: false, rollback: false });
    const failed = run('wave-1', { runId: 'r', status: 'failed', steps: [step('a', { type: 'pulumi-up', status: 'failed', attempt: 1 })] });
    expect(runControls(failed, readiness(true), false)).toMatchObject({ retry: true, rollback: true, abort: true });
    const rolledBack = { ...failed, rollback: { rollbackId: 'x', status: 'running' as const, startedAt: 'a', finishedAt: null, startedBy: 'b', reason: null, steps: [], summary: null, nextSteps: [] } };
    expect(runControls(rolledBack, readiness(true), false)).toMatchObject({ retry: false, rollback: false });
    const aborted = { ...failed, status: 'aborted' as const };
    expect(runControls(aborted, readiness(false), false)).toMatchObject({ startNeedsOverride: true, abort: false, rollback: true });
  });

  it('requires an override reason of at least 10 characters, trimmed', () => {
    expect(isOverrideReasonValid('   short   ')).toBe(false);
    expect(isOverrideReasonValid('0123456789')).toBe(true);
  });
});


describe('who started, confirmed or finalized a run', () => {
  it('puts the OS user and the AWS caller beside the typed name, the whole ARN in the tooltip', () => {
    expect(whoWords('Dana Ops', AWS_ACTOR)).toEqual({
      name: 'Dana Ops',
      actor: 'OS user ops1@ws-17 · AWS assumed-role/MigrationOperator/dana @ 111122223333',
      title: 'Recorded in the journal as ops1@ws-17 as arn:aws:sts::111122223333:assumed-role/MigrationOperator/dana',
    });
    expect(whoText('Dana Ops', AWS_ACTOR)).toBe('Dana Ops (OS user ops1@ws-17 · AWS assumed-role/MigrationOperator/dana @ 111122223333)');
    // The rehearsal: no AWS caller.
    expect(whoText('Dana Ops', OS_ACTOR)).toBe('Dana Ops (OS user ops1@ws-17)');
  });

  it('does not say the OS user twice when no other name was typed', () => {
    expect(whoText('ops1', OS_ACTOR)).toBe('ops1@ws-17');
    expect(whoText('ops1@ws-17', AWS_ACTOR)).toBe('ops1@ws-17 (AWS assumed-role/MigrationOperator/dana @ 111122223333)');
    expect(whoText(' ', OS_ACTOR)).toBe('ops1@ws-17');
  });

  it('shows the typed name alone when the core sent no actor', () => {
    expect(whoWords('Dana Ops', undefined)).toEqual({ name: 'Dana Ops', actor: null, title: undefined });
    expect(whoText('Dana Ops', undefined)).toBe('Dana Ops');
  });

  it('reads the actors of a run view as the contract has them', () => {
    const view = CutoverRunViewSchema.parse(finalizedRun('wave-1', 'Dana Ops', AWS_ACTOR));
    expect(whoText(view.startedBy!, view.startedByActor)).toBe(whoText('Dana Ops', AWS_ACTOR));
    expect(whoText(view.steps[0]!.confirmedBy!, view.steps[0]!.confirmedByActor)).toContain('OS user ops1@ws-17');
    expect(whoText(view.finalized!.by, view.finalized!.byActor)).toContain('AWS assumed-role/MigrationOperator/dana');
  });
});
