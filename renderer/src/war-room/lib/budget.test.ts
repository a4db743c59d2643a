import { describe, expect, it } from 'vitest';
import { downtime } from '../../lib/cutover';
import { run, step } from '../../store/cutover-fixtures';
import { downtimeFact, noReturnFact, runFact, windowFact } from './budget';
import { formatUnits } from './units';

const at = (iso: string) => Date.parse(iso);
const WAVE = { cutoverWindow: null };
const running = run(
  'w1',
  { runId: 'run-1', status: 'running', startedAt: '2026-12-05T01:00:00.000Z' },
  { downtimeStartedAt: '2026-12-05T01:10:00.000Z', downtimeBudgetMinutes: 45 },
);

describe('formatUnits', () => {
  it('says every span with its units, rounded down to whole seconds', () => {
    expect(formatUnits(45_999)).toBe('45 s');
    expect(formatUnits(276_000)).toBe('4 min 36 s');
    expect(formatUnits(300_000)).toBe('5 min');
    expect(formatUnits(4_320_000)).toBe('1 h 12 min');
    expect(formatUnits(14_400_000)).toBe('4 h');
    expect(formatUnits(90_000_000)).toBe('1 d 1 h');
    expect(formatUnits(0)).toBe('0 s');
  });
});

describe('the run and its window', () => {
  it('says the elapsed time since the start, with its UTC start', () => {
    expect(runFact(running, at('2026-12-05T02:12:30Z'))).toEqual({
      label: 'Run elapsed',
      value: '1 h 12 min',
      detail: 'started 01:00:00 UTC',
      tone: 'neutral',
    });
    expect(runFact(run('w1'), at('2026-12-05T02:12:30Z'))).toBeNull();
  });

  it('says how far into the window the run is, of its length, and what is left', () => {
    expect(windowFact(running, WAVE, at('2026-12-05T02:12:00Z'))).toEqual({
      label: 'Into the window',
      value: '1 h 12 min of 4 h',
      detail: '2 h 48 min left, closes 05:00:00 UTC',
      tone: 'ok',
    });
  });

  it('counts down to a window ahead and says a closed one in red while a run goes on', () => {
    const before = windowFact(run('w1'), WAVE, at('2026-12-04T23:30:00Z'));
    expect(before).toMatchObject({ label: 'Window opens in', value: '1 h 30 min', tone: 'neutral' });
    expect(before.detail).toBe('Sat, 05 Dec 2026, 01:00–05:00 UTC (4 h)');
    expect(windowFact(running, WAVE, at('2026-12-05T05:20:00Z'))).toMatchObject({ label: 'Window closed', value: '20 min ago', tone: 'bad' });
  });

  it("takes the plan's window when the run view has none, and says when there is none", () => {
    const bare = run('w1', {}, { windowStart: null, windowEnd: null });
    expect(windowFact(bare, WAVE, 0)).toMatchObject({ value: 'none in the plan' });
    const planned = { cutoverWindow: { start: '2026-12-05T01:00:00Z', end: '2026-12-05T03:00:00Z' } };
    expect(windowFact(bare, planned, at('2026-12-05T01:30:00Z')).value).toBe('30 min of 2 h');
  });
});

describe('the downtime budget', () => {
  it('says used of budget and what is left, from the same whole seconds as the runbook header', () => {
    const now = at('2026-12-05T01:14:36.700Z');
    const fact = downtimeFact(running, now);
    expect(fact).toEqual({ label: 'Downtime used', value: '4 min 36 s of 45 min', detail: '40 min 24 s left', tone: 'ok' });
    // The runbook header says the same figures (as hh:mm:ss).
    expect(downtime(running, now).label).toBe('Downtime used 00:04:36 of its 00:45:00 budget, 00:40:24 left');
  });

  it('warns when less than a fifth is left and says by how much it is exceeded', () => {
    expect(downtimeFact(running, at('2026-12-05T01:50:00Z'))).toMatchObject({ detail: '5 min left', tone: 'warn' });
    expect(downtimeFact(running, at('2026-12-05T02:00:01Z'))).toMatchObject({ value: '50 min 1 s of 45 min', detail: 'exceeded by 5 min 1 s', tone: 'bad' });
  });

  it('says the budget alone before the downtime starts, and what was spared once it ended', () => {
    expect(downtimeFact(run('w1'), 0)).toEqual({ label: 'Downtime budget', value: '45 min', detail: 'downtime not started', tone: 'neutral' });
    const ended = run('w1', { runId: 'r', status: 'succeeded' }, { downtimeStartedAt: '2026-12-05T01:10:00Z', downtimeEndedAt: '2026-12-05T01:40:00Z' });
    expect(downtimeFact(ended, at('2026-12-05T03:00:00Z'))).toEqual({
      label: 'Downtime was',
      value: '30 min of 45 min',
      detail: '15 min to spare',
      tone: 'ok',
    });
  });
});

describe('the point of no return', () => {
  const steps = (extra: Parameters<typeof step>[1]) => [step('announce'), step('switch', { name: 'Point DNS at AWS', pointOfNoReturn: true, ...extra })];

  it('says none, ahead, reached and passed (by whom, when)', () => {
    expect(noReturnFact(run('w1')).value).toBe('none in this runbook');
    expect(noReturnFact(run('w1', { steps: steps({}) }))).toMatchObject({ value: 'ahead: step 2', detail: 'Point DNS at AWS' });
    expect(noReturnFact(run('w1', { steps: steps({ status: 'waiting' }) }))).toMatchObject({ value: 'reached: step 2', tone: 'warn' });
    const passed = noReturnFact(run('w1', { steps: steps({ status: 'running', passedPointOfNoReturn: { by: 'Dana', at: '2026-12-05T02:31:10Z' } }) }));
    expect(passed).toEqual({
      label: 'Point of no return',
      value: 'passed at 02:31:10 UTC',
      detail: 'step 2: Point DNS at AWS, by Dana; a rollback can no longer undo it',
      tone: 'bad',
    });
  });

  it('says a run that ended before it never reached it', () => {
    expect(noReturnFact(run('w1', { status: 'aborted', runId: 'r', finishedAt: '2026-12-05T01:20:00Z', steps: steps({}) })).value).toBe('not reached');
  });
});
