import { describe, expect, it } from 'vitest';
import type { ReplicationTaskView } from '../contract-views';
import { evaluateTaskGate, evaluateWaveGate, LatencyStreak, type TaskGateInput } from './gates';

const MIN = 60_000;
const gates = { maxCdcLatencySeconds: 30, holdSeconds: 600, requireValidation: true, maxTableErrors: 0 };
const cleanValidation = { state: 'clean' as const, failedRecords: 0, suspendedRecords: 0 };

function streakOf(samples: [number, number][], limit = 30): LatencyStreak {
  const streak = new LatencyStreak(3 * MIN);
  for (const [t, v] of samples) streak.observe(t, v, limit);
  return streak;
}

function input(streak: LatencyStreak, now: number, over: Partial<Omit<TaskGateInput, 'view'>> & { view?: Partial<TaskGateInput['view']> } = {}): TaskGateInput {
  return {
    gates,
    noGatesReason: 'no gates',
    fullLoadFinished: true,
    validationReadAt: now - MIN,
    validationMaxAgeMs: 10 * MIN,
    sampleMaxAgeMs: 5 * MIN,
    staleReason: null,
    now,
    streak,
    ...over,
    view: {
      phase: 'cdc',
      migrationType: 'full-load-and-cdc',
      tables: { loaded: 3, loading: 0, queued: 0, errored: 0 },
      validation: cleanValidation,
      resolution: null,
      lastFailureMessage: null,
      fullLoadPercent: 100,
      ...over.view,
    },
  };
}

/** One sample a minute from minute `from` to `to` with the given values (cycled). */
const minutes = (from: number, to: number, value: (m: number) => number): [number, number][] =>
  Array.from({ length: to - from + 1 }, (_, i) => [(from + i) * MIN, value(from + i)]);

describe('task gate', () => {
  it('is green after latency stays under the limit for the hold time', () => {
    const streak = streakOf(minutes(0, 10, () => 5));
    const gate = evaluateTaskGate(input(streak, 10 * MIN + 1000));
    expect(gate).toMatchObject({ status: 'green', reasons: [], holdRemainingSeconds: 0, latencyUnderSince: new Date(0).toISOString() });
  });

  it('restarts the hold when latency flaps above the limit', () => {
    // Under for 9 minutes, one sample above, then under again for 5 minutes.
    const streak = streakOf(minutes(0, 15, (m) => (m === 9 ? 31 : 29)));
    const gate = evaluateTaskGate(input(streak, 15 * MIN));
    expect(gate.status).toBe('red');
    expect(gate.latencyUnderSince).toBe(new Date(10 * MIN).toISOString());
    expect(gate.holdRemainingSeconds).toBe(300);
    // The hold is said by its start and end, which stay put while it runs (no text change per datapoint).
    expect(gate.reasons[0]).toBe('CDC latency under 30 s since 00:10:00 UTC; the 10 min hold ends at 00:20:00 UTC (data clock)');
    expect(gate.holdEndsAt).toBe(new Date(20 * MIN).toISOString());
    expect(evaluateTaskGate(input(streakOf(minutes(0, 16, (m) => (m === 9 ? 31 : 29))), 16 * MIN))).toMatchObject({
      reasons: [gate.reasons[0]],
      holdEndsAt: gate.holdEndsAt,
    });
  });

  it('is red while latency is above the limit, and a value exactly at the limit counts as under', () => {
    expect(evaluateTaskGate(input(streakOf(minutes(0, 12, () => 45)), 12 * MIN)).reasons).toEqual(["CDC latency 45 s is above the gate's 30 s"]);
    expect(evaluateTaskGate(input(streakOf(minutes(0, 12, () => 30)), 12 * MIN)).status).toBe('green');
  });

  it('restarts the hold when the task restarts, ignoring samples from before the restart', () => {
    const streak = streakOf(minutes(0, 20, () => 5));
    streak.restartAt(20 * MIN + 1);
    for (const [t, v] of minutes(15, 24, () => 5)) streak.observe(t, v, 30); // late samples from before the restart are ignored
    const gate = evaluateTaskGate(input(streak, 24 * MIN));
    expect(gate.latencyUnderSince).toBe(new Date(21 * MIN).toISOString());
    expect(gate.status).toBe('red');
    expect(gate.holdRemainingSeconds).toBe(420);
  });

  it('breaks the hold on a gap in the data', () => {
    const streak = streakOf([...minutes(0, 8, () => 5), ...minutes(14, 20, () => 5)]);
    expect(evaluateTaskGate(input(streak, 20 * MIN)).latencyUnderSince).toBe(new Date(14 * MIN).toISOString());
  });

  it('is never green on stale data, even when every condition held', () => {
    const streak = streakOf(minutes(0, 20, () => 5));
    const gate = evaluateTaskGate(input(streak, 20 * MIN, { staleReason: 'task data is 2 min old' }));
    expect(gate.status).toBe('unknown');
    expect(gate.reasons).toContain('task data is 2 min old');
  });

  it('is not green when the newest latency sample is too old', () => {
    const streak = streakOf(minutes(0, 20, () => 5));
    expect(evaluateTaskGate(input(streak, 40 * MIN, { validationReadAt: 40 * MIN })).status).toBe('unknown');
  });

  it('requires a recent clean validation when the wave asks for it', () => {
    const streak = streakOf(minutes(0, 12, () => 5));
    const now = 12 * MIN;
    expect(evaluateTaskGate(input(streak, now, { view: { validation: null }, validationReadAt: null })).reasons).toEqual(['validation not read yet']);
    expect(evaluateTaskGate(input(streak, now, { validationReadAt: now - 11 * MIN })).status).toBe('unknown');
    expect(evaluateTaskGate(input(streak, now, { view: { validation: { state: 'mismatched', failedRecords: 4, suspendedRecords: 0 } } })).reasons).toEqual([
      'validation found 4 mismatched record(s)',
    ]);
    expect(evaluateTaskGate(input(streak, now, { view: { validation: { state: 'pending', failedRecords: 0, suspendedRecords: 0 } } })).status).toBe('red');
    expect(
      evaluateTaskGate(input(streak, now, { gates: { ...gates, requireValidation: false }, view: { validation: null }, validationReadAt: null })).status,
    ).toBe('green');
  });

  it('is red for a task outside CDC, with a full load running or with table errors over the limit', () => {
    const streak = streakOf(minutes(0, 12, () => 5));
    expect(evaluateTaskGate(input(streak, 12 * MIN, { view: { phase: 'stopped' } })).reasons).toContain('the task is stopped, not replicating changes (CDC)');
    expect(evaluateTaskGate(input(streak, 12 * MIN, { view: { phase: 'full-load', fullLoadPercent: 42 }, fullLoadFinished: false })).reasons).toContain(
      'the full load is not finished (42 %)',
    );
    expect(evaluateTaskGate(input(streak, 12 * MIN, { view: { tables: { loaded: 3, loading: 0, queued: 0, errored: 1 } } })).reasons).toContain(
      '1 table(s) in error (the gate allows 0)',
    );
    expect(
      evaluateTaskGate(input(streak, 12 * MIN, { gates: { ...gates, maxTableErrors: 1 }, view: { tables: { loaded: 3, loading: 0, queued: 0, errored: 1 } } }))
        .status,
    ).toBe('green');
  });

  it("judges no latency before CDC: a full-load task's 0 s is not good and runs no hold", () => {
    const streak = streakOf(minutes(0, 12, () => 0));
    const gate = evaluateTaskGate(input(streak, 12 * MIN, { view: { phase: 'full-load', fullLoadPercent: 40 }, fullLoadFinished: false }));
    expect(gate.status).toBe('red');
    expect(gate.holdRemainingSeconds).toBeNull();
    expect(gate.latencyUnderSince).toBeNull();
    expect(gate.reasons.some((reason) => /latency/i.test(reason))).toBe(false);
  });

  it("measures a datapoint's age from the view's newest datapoint, not from the latency run", () => {
    // The run stopped at minute 5 (a restart ignores what came before it); the view's newest datapoint is at minute 14.
    const streak = streakOf(minutes(0, 5, () => 5));
    const gate = evaluateTaskGate(input(streak, 20 * MIN, { latency: { value: 5, at: 14 * MIN }, sampleMaxAgeMs: 5 * MIN }));
    expect(gate.reasons).toContain('no CDCLatencyTarget datapoint for 6 min');
  });

  it('runs no hold on a datapoint from before the task started again', () => {
    const streak = streakOf(minutes(0, 10, () => 5));
    streak.restartAt(11 * MIN);
    const gate = evaluateTaskGate(input(streak, 12 * MIN, { latency: { value: 5, at: 10 * MIN } }));
    expect(gate.status).toBe('unknown');
    expect(gate.holdRemainingSeconds).toBeNull();
    expect(gate.reasons[0]).toMatch(/since the task started/);
  });

  it("names a failed task's failure first, with DMS's message, and judges no validation of it", () => {
    const failed = input(new LatencyStreak(MIN), 10 * MIN, {
      fullLoadFinished: false,
      validationReadAt: null,
      view: { phase: 'failed', validation: null, fullLoadPercent: 32, lastFailureMessage: 'Lock wait timeout exceeded' },
    });
    const gate = evaluateTaskGate(failed);
    expect(gate.status).toBe('red');
    expect(gate.reasons).toEqual(['the task failed: Lock wait timeout exceeded', 'the full load is not finished (32 %)']);
    const pending = evaluateTaskGate({
      ...failed,
      validationReadAt: 10 * MIN,
      view: { ...failed.view, validation: { state: 'pending', failedRecords: 0, suspendedRecords: 0 } },
    });
    expect(pending.reasons.some((reason) => /validation/.test(reason))).toBe(false);
  });

  it("puts a task's phase before validation it could not read yet, and never says a stopped task's validation runs", () => {
    const stopped = input(new LatencyStreak(MIN), 10 * MIN, {
      view: { phase: 'stopped', validation: { state: 'pending', failedRecords: 0, suspendedRecords: 0 } },
    });
    expect(evaluateTaskGate(stopped).reasons).toEqual([
      'the task is stopped, not replicating changes (CDC)',
      'validation has not finished (pending; the task is stopped)',
    ]);
    const starting = evaluateTaskGate(input(new LatencyStreak(MIN), 10 * MIN, { validationReadAt: null, view: { phase: 'starting', validation: null } }));
    expect(starting.reasons[0]).toBe('the task is starting, not replicating changes (CDC)');
    expect(starting.status).toBe('red');
  });

  it('is unknown without gates', () => {
    expect(evaluateTaskGate(input(new LatencyStreak(MIN), 0, { gates: undefined, noGatesReason: 'wave-2 defines no gates' }))).toMatchObject({
      status: 'unknown',
      reasons: ['wave-2 defines no gates'],
    });
  });
});

describe('wave gate', () => {
  const wave = { id: 'wave-1', name: 'W', stacks: [], order: 1, stackIds: [], dependsOn: [], maxParallel: 4, gates };
  const task = (status: 'green' | 'red' | 'unknown', id: string) =>
    ({
      key: id,
      taskId: id,
      gate: { status, reasons: status === 'green' ? [] : [`${id} is ${status}`], latencyUnderSince: null, holdRemainingSeconds: null },
    }) as unknown as ReplicationTaskView;

  it('is green only when every task is green; red wins over unknown', () => {
    expect(evaluateWaveGate(wave, [task('green', 'a'), task('green', 'b')])).toMatchObject({ status: 'green', tasksTotal: 2, tasksGreen: 2, reasons: [] });
    expect(evaluateWaveGate(wave, [task('green', 'a'), task('unknown', 'b')])).toMatchObject({ status: 'unknown', reasons: ['b: b is unknown'] });
    expect(evaluateWaveGate(wave, [task('red', 'a'), task('unknown', 'b')]).status).toBe('red');
    expect(evaluateWaveGate(wave, []).status).toBe('unknown');
    expect(evaluateWaveGate({ ...wave, gates: undefined }, [task('green', 'a')]).reasons).toEqual(['the wave defines no gates']);
  });

  it('names a failed task first, then red ones, then the rest', () => {
    const failed = { ...task('red', 'c'), phase: 'failed' } as ReplicationTaskView;
    expect(evaluateWaveGate(wave, [task('unknown', 'a'), task('red', 'b'), failed]).reasons).toEqual(['c: c is red', 'b: b is red', 'a: a is unknown']);
  });
});
