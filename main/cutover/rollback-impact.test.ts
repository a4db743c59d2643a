import { describe, expect, it } from 'vitest';
import type { RunState, StepState } from './ledger';
import { meanOfRecent } from '../tracks/dms/evidence';
import { loadTestPlan, TEST_CATALOG } from './runbook-testing';
import { rollbackImpact as rollbackImpactOf } from './rollback-impact';

const rollbackImpact = (...args: [RunState, Parameters<typeof rollbackImpactOf>[1], Parameters<typeof rollbackImpactOf>[2]]) =>
  rollbackImpactOf(...args, TEST_CATALOG);

const plan = loadTestPlan();
const SWITCHED = '2026-12-05T02:00:00.000Z';

function step(id: string, type: 'manual' | 'pulumi-up', over: Partial<StepState> = {}): StepState {
  return {
    def:
      type === 'manual'
        ? { id, name: id, manual: 'do it', mustSucceed: true }
        : { id, name: id, action: { type: 'pulumi-up', config: { trafficTarget: 'aws' } }, mustSucceed: true },
    status: 'succeeded',
    attempt: 1,
    attemptId: 'a',
    startedAt: '2026-12-05T01:59:00.000Z',
    finishedAt: SWITCHED,
    message: null,
    confirmedBy: null,
    confirmedAt: null,
    note: null,
    targets: [],
    details: {},
    ...over,
  } as StepState;
}

function run(steps: StepState[], dmsAtStart: Record<string, unknown>[] | null = null): RunState {
  const snapshotAtStart = dmsAtStart ? { moment: 'start', dms: dmsAtStart } : null;
  return {
    waveId: 'wave-1',
    runId: 'r',
    status: 'succeeded',
    startedAt: '2026-12-05T01:00:00.000Z',
    finishedAt: SWITCHED,
    startedBy: 'ops',
    readinessAtStart: null,
    override: null,
    downtimeBudgetMinutes: 30,
    window: null,
    downtimeStartedAt: null,
    downtimeEndedAt: null,
    message: null,
    steps,
    wave: null,
    rollbacks: [],
    finalized: null,
    snapshotAtStart,
  };
}

const clock = { now: Date.parse(SWITCHED) + 10 * 60_000, dataClockRate: 1 };

describe('rollback impact (said before the operator confirms)', () => {
  it('a stack without a reverse task loses the writes made on AWS since the switch, estimated from its write rate at the start', () => {
    const switched = step('switch', 'pulumi-up', {
      targets: [{ stackId: 'apps/app2', status: 'succeeded', message: null, operationId: null, updateVersion: 2 }],
    });
    const impact = rollbackImpact(
      run([switched], [{ stackId: 'apps/app2', taskId: 'app2-mysql', taskKey: 'apps/app2#0', writeRowsPerSecond: 12.5 }]),
      plan,
      clock,
    );
    const app2 = impact.find((entry) => entry.stackId === 'apps/app2')!;
    expect(app2).toMatchObject({ loss: 'writes', switchedAt: SWITCHED, estimatedRows: 7500 });
    expect(app2.basis).toBe(
      'loses the writes made on AWS since traffic moved at 02:00:00 UTC: about 7,500 rows (13 rows/s applied by app2-mysql before the cutover × 10 min)',
    );
    // Traffic of app1 never moved: nothing to lose.
    expect(impact.find((entry) => entry.stackId === 'apps/app1')).toMatchObject({ loss: 'none', switchedAt: null });
  });

  it('a stack with a fallback reverse task loses nothing; without a recorded rate the amount is unknown; on the rehearsal clock the rate scales', () => {
    const both = step('switch', 'pulumi-up', { details: { stacks: ['apps/app1', 'apps/app2'] } });
    const [app1, app2] = rollbackImpact(run([both]), plan, { ...clock, dataClockRate: 60 });
    expect(app1).toMatchObject({ stackId: 'apps/app1', loss: 'none', basis: expect.stringMatching(/^reverse task app1-reverse carries the writes/) });
    expect(app2).toMatchObject({ stackId: 'apps/app2', loss: 'writes', estimatedRows: null, basis: expect.stringMatching(/how many is unknown$/) });
    const fast = rollbackImpact(run([both], [{ stackId: 'apps/app2', taskId: 't', writeRowsPerSecond: 1 }]), plan, { ...clock, dataClockRate: 60 })[1]!;
    expect(fast).toMatchObject({ estimatedRows: 36_000 });
    expect(fast.basis).toContain("on the rehearsal's clock, 60× real time");
  });

  it('says nothing before any step ran, after a completed rollback, or once finalized', () => {
    expect(rollbackImpact(run([step('announce', 'manual', { attempt: 0 })]), plan, clock)).toEqual([]);
    const done = run([step('switch', 'pulumi-up')]);
    done.finalized = { by: 'ops', at: SWITCHED, reason: 'accepted' };
    expect(rollbackImpact(done, plan, clock)).toEqual([]);
  });

  it('averages a series over its last minutes on its own clock', () => {
    expect(meanOfRecent([], 60_000)).toBeNull();
    expect(
      meanOfRecent(
        [
          [0, 100],
          [50_000, 10],
          [100_000, 20],
        ],
        60_000,
      ),
    ).toBe(15);
  });
});
