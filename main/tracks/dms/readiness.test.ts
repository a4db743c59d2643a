import { describe, expect, it } from 'vitest';
import { evaluateTaskGate, LatencyStreak } from './monitor/gates';
import { gateLayout } from '../../cutover/gate-columns';
import { seatJudges } from '../../cutover/readiness';
import { gateOf, MapSignals, POLLING_MONITOR, readinessPlan, taskView, twoWavePlan } from '../../cutover/readiness-testing';
import { dataGate, dmsReadiness, MonitorWatch, taskKeysOf } from './readiness';
import { dmsTrack } from './track';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 5, 1, 0, 0);
const at = (ms: number) => new Date(T0 + ms).toISOString();

const plan = twoWavePlan();
/** The monitor's task keys of a stack of the plan. */
const keys = (id: string) => taskKeysOf(plan.stacks.get(id)!);

describe('data gate', () => {
  const gates = { maxCdcLatencySeconds: 30, holdSeconds: 600, requireValidation: false, maxTableErrors: 0 };

  /** The monitor's gate for a task whose latency samples (one a minute) are `values`, judged at the last one. */
  function monitorGate(
    streak: LatencyStreak,
    now: number,
    over: {
      requireValidation?: boolean;
      validation?: ReturnType<typeof taskView>['validation'];
      staleReason?: string | null;
      validationReadAt?: number | null;
    } = {},
  ) {
    const view = taskView('apps/db#0', { validation: over.validation ?? null });
    return evaluateTaskGate({
      gates: { ...gates, requireValidation: over.requireValidation ?? false },
      noGatesReason: 'no gates',
      view,
      fullLoadFinished: true,
      validationReadAt: over.validationReadAt === undefined ? now - MIN : over.validationReadAt,
      validationMaxAgeMs: 10 * MIN,
      streak,
      sampleMaxAgeMs: 5 * MIN,
      staleReason: over.staleReason ?? null,
      now,
    });
  }
  const feed = (streak: LatencyStreak, from: number, values: number[]) => values.forEach((value, i) => streak.observe(T0 + (from + i) * MIN, value, 30));

  it('is green with a note for a stack with no replication tasks', () => {
    expect(dataGate(keys('apps/net'), new MapSignals())).toMatchObject({ status: 'green', reasons: ['no replication tasks'] });
  });

  it('is unknown before the monitor reports a task, and when the monitor itself is silent or degraded', () => {
    const signals = new MapSignals();
    expect(dataGate(keys('apps/db'), signals)).toMatchObject({ status: 'unknown', reasons: ['apps/db#0: no report from the DMS monitor yet'] });
    signals.tasks.set('apps/db#0', taskView('apps/db#0'));
    expect(dataGate(keys('apps/db'), signals).status).toBe('green');
    signals.monitorProblem = 'the DMS monitor has not reported since 01:00:00 UTC: replication data is not current';
    expect(dataGate(keys('apps/db'), signals)).toMatchObject({ status: 'unknown', reasons: [signals.monitorProblem] });
  });

  it('never counts stale or unresolved data as green, even when the view says green', () => {
    const signals = new MapSignals();
    signals.tasks.set(
      'apps/db#0',
      taskView('apps/db#0', { freshness: { taskAt: at(0), metricsAt: at(0), stale: true, staleReason: 'task data is 2 min old' } }),
    );
    expect(dataGate(keys('apps/db'), signals)).toMatchObject({ status: 'unknown', reasons: ['db-task-1: task data is 2 min old'] });
    signals.tasks.set(
      'apps/db#0',
      taskView('apps/db#0', { phase: 'unresolved', taskId: null, resolution: 'apps/db has no output replicationTaskArn (is the stack deployed?)' }),
    );
    expect(dataGate(keys('apps/db'), signals)).toMatchObject({
      status: 'unknown',
      reasons: ['apps/db#0: apps/db has no output replicationTaskArn (is the stack deployed?)'],
    });
  });

  it('restarts the hold when latency flaps around the threshold, and shows how long is left', () => {
    const streak = new LatencyStreak(3 * MIN);
    // Under for 9 minutes, one sample just above, then under again for 4 minutes.
    feed(streak, 0, [29, 29, 29, 29, 29, 29, 29, 29, 29, 30.5, 29, 29, 29, 29, 29]);
    const signals = new MapSignals();
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { gate: monitorGate(streak, T0 + 14 * MIN) }));
    const verdict = dataGate(keys('apps/db'), signals);
    expect(verdict.status).toBe('red');
    expect(verdict.holdRemainingSeconds).toBe(360);
    expect(verdict.reasons[0]).toMatch(
      /^db-task-1: CDC latency under 30 s since \d\d:\d\d:\d\d UTC; the 10 min hold ends at \d\d:\d\d:\d\d UTC \(data clock\)$/,
    );
    // The wave's hold ends when its slowest task's does: 10 minutes after the flap.
    expect(verdict.holdEndsAt).toBe(new Date(T0 + 20 * MIN).toISOString());
    // Latency exactly at the threshold counts as under; the hold completes 10 minutes after the flap.
    feed(streak, 15, [30, 30, 30, 30, 30, 30]);
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { gate: monitorGate(streak, T0 + 20 * MIN) }));
    expect(dataGate(keys('apps/db'), signals)).toMatchObject({ status: 'green', holdRemainingSeconds: null });
  });

  it('goes red when a task restarts and must hold again from the restart', () => {
    const streak = new LatencyStreak(3 * MIN);
    feed(
      streak,
      0,
      Array.from({ length: 12 }, () => 5),
    );
    const signals = new MapSignals();
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { gate: monitorGate(streak, T0 + 11 * MIN) }));
    expect(dataGate(keys('apps/db'), signals).status).toBe('green');
    // The task restarts: starting is not CDC, and the samples before the restart no longer count.
    streak.restartAt(T0 + 11 * MIN + 1);
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { phase: 'starting', gate: gateOf('red', ['the task is starting, not replicating changes (CDC)']) }));
    expect(dataGate(keys('apps/db'), signals)).toMatchObject({ status: 'red', reasons: ['db-task-1: the task is starting, not replicating changes (CDC)'] });
    feed(streak, 12, [5, 5, 5, 5, 5]);
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { gate: monitorGate(streak, T0 + 16 * MIN) }));
    expect(dataGate(keys('apps/db'), signals)).toMatchObject({ status: 'red', holdRemainingSeconds: 360 });
    feed(streak, 17, [5, 5, 5, 5, 5, 5]);
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { gate: monitorGate(streak, T0 + 22 * MIN) }));
    expect(dataGate(keys('apps/db'), signals).status).toBe('green');
  });

  it('needs a current validation reading when the wave requires validation, and blocks on mismatches wherever validation was read', () => {
    const streak = new LatencyStreak(3 * MIN);
    feed(
      streak,
      0,
      Array.from({ length: 12 }, () => 5),
    );
    const now = T0 + 11 * MIN;
    const signals = new MapSignals();
    const clean = { state: 'clean' as const, failedRecords: 0, suspendedRecords: 0 };
    const mismatched = { state: 'mismatched' as const, failedRecords: 12, suspendedRecords: 0 };
    // Required, never read: unknown.
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { gate: monitorGate(streak, now, { requireValidation: true, validationReadAt: null }) }));
    expect(dataGate(keys('apps/db'), signals)).toMatchObject({ status: 'unknown', reasons: ['db-task-1: validation not read yet'] });
    // Required and clean: green.
    signals.tasks.set(
      'apps/db#0',
      taskView('apps/db#0', { validation: clean, gate: monitorGate(streak, now, { requireValidation: true, validation: clean }) }),
    );
    expect(dataGate(keys('apps/db'), signals).status).toBe('green');
    // Not required and never read: green.
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { gate: monitorGate(streak, now) }));
    expect(dataGate(keys('apps/db'), signals).status).toBe('green');
    // Not required, but read (the operator looked at the task) and mismatched: red.
    signals.tasks.set('apps/db#0', taskView('apps/db#0', { validation: mismatched, gate: monitorGate(streak, now) }));
    expect(dataGate(keys('apps/db'), signals)).toMatchObject({ status: 'red', reasons: ['db-task-1: validation found 12 mismatched record(s)'] });
    signals.tasks.set(
      'apps/db#0',
      taskView('apps/db#0', { validation: { state: 'suspended', failedRecords: 0, suspendedRecords: 3 }, gate: monitorGate(streak, now) }),
    );
    expect(dataGate(keys('apps/db'), signals).reasons).toEqual(['db-task-1: validation suspended for 3 record(s)']);
  });

  it('rolls several tasks up: red first, then unknown, with the longest hold', () => {
    const signals = new MapSignals();
    signals.tasks.set('apps/app#0', taskView('apps/app#0', { gate: gateOf('unknown', ['no CDCLatencyTarget datapoint yet']) }));
    signals.tasks.set('apps/app#1', taskView('apps/app#1', { gate: gateOf('red', ['CDC latency under 30 s for 1 min of the 10 min hold'], 540) }));
    expect(dataGate(keys('apps/app'), signals)).toEqual({
      status: 'red',
      reasons: ['app-task-2: CDC latency under 30 s for 1 min of the 10 min hold', 'app-task-1: no CDCLatencyTarget datapoint yet'],
      holdRemainingSeconds: 540,
    });
  });
});

describe('the DMS judge', () => {
  const monitor = POLLING_MONITOR;

  it('declares the data gate, which the core shows between registration and dependencies', () => {
    expect(dmsReadiness().gates.map((gate) => [gate.id, gate.label])).toEqual([['data', 'Data']]);
    expect(gateLayout([dmsTrack]).columns.map((column) => [column.id, column.track])).toEqual([
      ['infrastructure', null],
      ['registration', null],
      ['data', 'dms'],
      ['dependencies', null],
    ]);
  });

  it('judges from the monitor events it observed, and answers a green gate with the same object (no allocation)', () => {
    const [seated] = seatJudges(plan, gateLayout([dmsTrack]));
    const { judge, verdicts, moment } = seated!;
    const db = plan.stacks.get('apps/db')!;
    expect(judge.observe({ type: 'dms.monitor', monitor }, T0)).toBe(true);
    expect(judge.observe({ type: 'dms.tasks', tasks: [taskView('apps/db#0')] }, T0)).toBe(true);
    expect(judge.observe({ type: 'stack.registrations', stackId: 'apps/db', registrations: [] }, T0)).toBe(false);
    moment.silence = judge.silence(T0);
    judge.evaluate(db, moment, verdicts);
    const green = verdicts[0]!;
    expect(green).toMatchObject({ status: 'green', reasons: [] });
    judge.evaluate(db, moment, verdicts);
    expect(verdicts[0]).toBe(green);
    judge.evaluate(plan.stacks.get('apps/net')!, moment, verdicts);
    expect(verdicts[0]).toMatchObject({ status: 'green', reasons: ['no replication tasks'] });
  });

  it('falls silent 5 s after max(15 s, 3 monitor intervals) without a report, is degraded with the monitor, and never for a plan without tasks', () => {
    const watch = new MonitorWatch(15_000);
    expect(watch.problem(T0)).toBe('no report from the DMS monitor yet');
    watch.seen(monitor, T0);
    expect(watch.problem(T0 + 20_000)).toBeNull();
    expect(watch.problem(T0 + 20_001)).toBe('the DMS monitor has not reported since 01:00:00 UTC: replication data is not current');
    watch.seen({ ...monitor, intervalSeconds: 10 }, T0);
    expect(watch.problem(T0 + 35_000)).toBeNull();
    watch.seen({ ...monitor, state: 'degraded', message: '3 cycles failed' }, T0);
    expect(watch.problem(T0)).toBe('the DMS monitor is degraded: 3 cycles failed');
    const noTasks = readinessPlan({ waves: [{ id: 'w', stacks: [{ name: 'net' }] }] });
    expect(dmsReadiness().createJudge(noTasks).silence(T0)).toBeNull();
  });
});
