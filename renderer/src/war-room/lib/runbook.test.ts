import { describe, expect, it } from 'vitest';
import type { TeamView } from '../../../../main/api/contract';
import { run, step } from '../../store/cutover-fixtures';
import { currentStep, driverText, runbookWindow, stepStatusWords, stepTimerText, waitingApprovals } from './runbook';

type Team = Extract<TeamView, { mode: 'team' }>;
const team = (over: Partial<Team> = {}): Team => ({
  mode: 'team',
  migration: 'm',
  store: 'postgres://db/m',
  me: { actor: 'viewer@wall', roles: ['viewer'], rolesFrom: 'people' },
  connection: { state: 'connected', since: '2026-12-05T00:00:00Z' },
  pending: 0,
  lastSeq: 0,
  leaseSeconds: 60,
  locks: [],
  approvals: [],
  present: [],
  ...over,
});
const lock = (over: Partial<Team['locks'][number]> = {}): Team['locks'][number] => ({
  waveId: 'w1',
  holder: 'alice@ops',
  purpose: 'cutover',
  since: '2026-12-05T01:00:03Z',
  renewedAt: '2026-12-05T01:10:00Z',
  expiresAt: '2026-12-05T01:11:00Z',
  expired: false,
  mine: true,
  request: null,
  ...over,
});

describe('the current step', () => {
  it("is the core's current step, else the step that stopped the run", () => {
    const steps = [step('a', { status: 'succeeded' }), step('b', { status: 'waiting', name: 'Block writers' }), step('c')];
    expect(currentStep(run('w1', { currentStepId: 'b', steps }))).toMatchObject({ index: 1, step: { name: 'Block writers' } });
    const failed = [step('a', { status: 'succeeded' }), step('b', { status: 'failed' }), step('c')];
    expect(currentStep(run('w1', { currentStepId: null, steps: failed }))?.index).toBe(1);
    expect(currentStep(run('w1'))).toBeNull();
  });

  it('says each status in words, and the time against the timeout with units', () => {
    expect(stepStatusWords(step('a', { status: 'waiting' }))).toBe('waits for confirmation');
    expect(stepStatusWords(step('a', { status: 'waiting', pointOfNoReturn: true }))).toBe('waits for the wave id');
    expect(stepStatusWords(step('a', { status: 'running', attempt: 2 }))).toBe('running (attempt 2)');
    const running = step('a', { status: 'running', startedAt: '2026-12-05T01:00:00Z', timeoutMinutes: 15 });
    expect(stepTimerText(running, Date.parse('2026-12-05T01:10:50Z'))).toEqual({ text: '4 min 10 s left of its 15 min timeout', over: false });
    expect(stepTimerText(running, Date.parse('2026-12-05T01:16:00Z'))).toEqual({ text: 'over its 15 min timeout by 1 min', over: true });
    expect(stepTimerText(step('a'), 0)).toBeNull();
  });
});

describe('who drives the wave', () => {
  it("names the lock's holder, never 'you' (the wall is nobody's), and who asks for control", () => {
    expect(driverText(null, 'w1')).toBeNull();
    expect(driverText({ mode: 'local' }, 'w1')).toBeNull();
    expect(driverText(team({ locks: [lock()] }), 'w1')).toBe('alice@ops drives this wave (cutover, since 01:00:03 UTC)');
    expect(driverText(team({ locks: [lock({ request: { by: 'bob@ops', at: '2026-12-05T01:20:00Z' } })] }), 'w1')).toBe(
      'alice@ops drives this wave (cutover, since 01:00:03 UTC); bob@ops asks for control since 01:20:00 UTC',
    );
    expect(driverText(team({ locks: [lock({ expired: true })] }), 'w1')).toBe("Nobody drives this wave: alice@ops's lease lapsed at 01:11:00 UTC");
    expect(driverText(team(), 'w1')).toBe('Nobody holds this wave now');
  });

  it('lists the approvals that wait for this wave', () => {
    const approvals: Team['approvals'] = [
      {
        requestId: 'r1',
        waveId: 'w1',
        stepId: null,
        needed: 1,
        requestedBy: 'alice@ops',
        requestedAt: '2026-12-05T00:50:00Z',
        approvals: [],
        refusal: null,
        status: 'pending',
        canDecide: false,
      },
      {
        ...{ requestId: 'r2', waveId: 'w2', stepId: null, needed: 1, requestedBy: 'x', requestedAt: '2026-12-05T00:50:00Z' },
        approvals: [],
        refusal: null,
        status: 'pending',
        canDecide: false,
      },
    ];
    expect(waitingApprovals(team({ approvals }), 'w1')).toEqual([
      "Approval for the start of w1's cutover: asked by alice@ops at 00:50:00 UTC; 0 of 1 approval given",
    ]);
  });
});

describe('the part of the runbook the wall shows', () => {
  const ids = (window: ReturnType<typeof runbookWindow>) => window.shown.map(({ index, step: shown }) => `${index + 1}:${shown.id}`);

  it('shows every step while the run is near its start, and before it', () => {
    const steps = [step('a', { status: 'succeeded' }), step('b', { status: 'waiting' }), step('c')];
    expect(runbookWindow(run('w1', { currentStepId: 'b', steps }))).toMatchObject({ earlier: null });
    expect(ids(runbookWindow(run('w1', { currentStepId: 'b', steps })))).toEqual(['1:a', '2:b', '3:c']);
    expect(ids(runbookWindow(run('w1', { currentStepId: null, steps: [step('a'), step('b')] })))).toEqual(['1:a', '2:b']);
  });

  it('keeps the current step near the top further on, the steps above summed up in one line', () => {
    const steps = [
      step('a', { status: 'succeeded' }),
      step('b', { status: 'warning' }),
      step('c', { status: 'succeeded' }),
      step('d', { status: 'running' }),
      step('e'),
    ];
    const window = runbookWindow(run('w1', { currentStepId: 'd', steps }));
    expect(window.earlier).toBe('Steps 1–2 done (1 optional step failed)');
    expect(ids(window)).toEqual(['3:c', '4:d', '5:e']);
    const second = runbookWindow(
      run('w1', { currentStepId: 'c', steps: [step('a', { status: 'succeeded' }), step('b', { status: 'succeeded' }), step('c', { status: 'waiting' })] }),
    );
    expect(second.earlier).toBe('Step 1 done');
  });
});
