// The DMS monitor against the AWS-compatible rehearsal server, through the real SDK v3 clients: tasks resolve, a
// task is started and loads, metrics and freshness arrive, and under throttling, 5xx bursts and hung responses
// the monitor keeps going, marks what is stale, recovers, and never leaves an unhandled rejection.
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../rehearsal/aws-rehearsal';
import { closeAfterEach, startMonitorRehearsal } from '../support/dms-rehearsal';

const closeLater = closeAfterEach({ failOnUnhandledRejection: true });

const TASKS = ['orders-mysql', 'billing-mysql', 'catalog-mysql'];

/**
 * A call's timeout is generous (a loaded CI machine can take a few hundred milliseconds to answer, and a retried call
 * would count twice against the call floor these tests assert); the hung-response test passes a short one.
 */
async function start(scenario: ScenarioInput, gates = { maxCdcLatencySeconds: 30, holdSeconds: 60, requireValidation: false }, callTimeoutMs = 2_000) {
  return closeLater(
    await startMonitorRehearsal({
      scenario,
      tasks: TASKS,
      gates,
      tuning: {
        call: { timeoutMs: callTimeoutMs, backoffBaseMs: 5, backoffMaxMs: 40, maxAttempts: 3 },
        intervals: { fastMs: 5000, normalMs: 5000, idleMs: 5000, maxBackoffMs: 40_000 },
      },
    }),
  );
}

const shopTables = [1, 2, 3].map((n) => ({ schema: 'shop', name: `t0${n}`, rows: 5_000 * n }));
const smallTasks = (autoStart: boolean) => TASKS.map((id) => ({ id, autoStart, tables: shopTables, throughputRowsPerSecond: 2_000 }));

describe('DMS monitor against the rehearsal server', () => {
  it('resolves tasks, starts one, and follows its full load into CDC with metrics and freshness', async () => {
    const { monitor, cycle, task, journal, events, aws } = await start({ tasks: [...smallTasks(false).slice(0, 1), ...smallTasks(true).slice(1)] });
    let snapshot = await cycle(0);
    expect(snapshot.monitor.lastCycleCalls).toMatchObject({ DescribeReplicationTasks: 1, DescribeReplicationInstances: 1 });
    expect(task('orders-mysql')).toMatchObject({ phase: 'not-started', status: 'ready', arn: aws.simulation.task('orders-mysql')!.identity.arn });
    expect(task('orders-mysql').freshness.taskAt).toBe(new Date(aws.simulation.now()).toISOString());

    const started = await monitor.control('apps/app0001#0', 'start');
    expect(started.status).toBe('starting');
    expect(journal.map((j) => `${j.phase}:${j.info.action}`)).toEqual(['started:start', 'succeeded:start']);

    const percents: number[] = [];
    for (let i = 0; i < 40 && task('orders-mysql').phase !== 'cdc'; i++) {
      snapshot = await cycle(5);
      percents.push(task('orders-mysql').fullLoadPercent ?? 0);
    }
    expect(task('orders-mysql').phase).toBe('cdc');
    expect(percents.some((p) => p > 0 && p < 100)).toBe(true);
    for (let i = 0; i < 4; i++) snapshot = await cycle(5);
    // After the first cycle only the floor: 1 describe (3 tasks by ARN) + 1 GetMetricData (15 queries).
    expect(snapshot.monitor.lastCycleCalls).toEqual({ DescribeReplicationTasks: 1, GetMetricData: 1 });
    const view = task('orders-mysql');
    expect(view.latest.cdcLatencyTargetSeconds).not.toBeNull();
    expect(view.freshness).toMatchObject({ stale: false, metricsAt: new Date(aws.simulation.now()).toISOString() });
    const samples = events
      .flatMap((e) => (e.type === 'dms.samples' ? e.samples : []))
      .filter((s) => s.taskKey === 'apps/app0001#0' && s.metric === 'FullLoadThroughputRowsTarget');
    expect(samples.flatMap((s) => s.points).some(([, v]) => v > 0)).toBe(true);
    const series = monitor.seriesOf('apps/app0001#0', 'recent', 50);
    expect(series.series.find((s) => s.metric === 'CDCLatencyTarget')!.points.length).toBeGreaterThan(0);
    await expect(monitor.control('apps/app0001#0', 'resume')).rejects.toThrow('resume needs a stopped or failed task that has run; this task is running');
  });

  it('keeps going under 50 % throttling, with retries and backoff, and every task stays current', async () => {
    const { aws, cycle, task } = await start({ tasks: smallTasks(true) });
    await cycle(0);
    aws.simulation.injectFault({ type: 'throttle', rate: 0.5, service: 'all', at: 0 });
    let calls = 0;
    let states = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const snapshot = await cycle(5);
      calls += Object.values(snapshot.monitor.lastCycleCalls).reduce((a, b) => a + b, 0);
      states.add(snapshot.monitor.state);
    }
    expect(calls).toBeGreaterThan(20); // retries happened
    expect(states.has('backing-off')).toBe(true);
    for (const id of TASKS) expect(task(id).freshness.stale).toBe(false);
    aws.simulation.clearFaults();
    states = new Set();
    for (let i = 0; i < 6; i++) states.add((await cycle(5)).monitor.state);
    expect(states.has('polling')).toBe(true);
  });

  it('marks data stale during a 5xx burst, never green, reports degraded, and recovers', async () => {
    const { aws, cycle, task, monitor } = await start(
      { tasks: smallTasks(true).map((t) => ({ ...t, tables: { count: 1, maxRows: 1000 } })) },
      { maxCdcLatencySeconds: 3600, holdSeconds: 0, requireValidation: false },
    );
    for (let i = 0; i < 6; i++) await cycle(5);
    expect(task('orders-mysql').gate.status).toBe('green');
    aws.simulation.injectFault({ type: 'server-error', rate: 1, service: 'all', at: 0, for: 30 });
    await cycle(5);
    await cycle(5);
    let snapshot = await cycle(10);
    expect(snapshot.monitor.state).toBe('degraded');
    expect(task('orders-mysql').freshness.stale).toBe(true);
    expect(task('orders-mysql').gate.status).toBe('unknown');
    expect(monitor.snapshot().alerts.map((a) => a.kind)).toContain('monitor-degraded');
    for (let i = 0; i < 3; i++) snapshot = await cycle(10); // the burst ends
    expect(snapshot.monitor.state).not.toBe('degraded');
    expect(task('orders-mysql').freshness.stale).toBe(false);
    expect(task('orders-mysql').gate.status).toBe('green');
  });

  it('does not stall on a hung response: the call times out and the cycle completes', async () => {
    const { aws, cycle, task } = await start({ tasks: smallTasks(true) }, undefined, 300);
    await cycle(0);
    await cycle(5);
    aws.simulation.injectFault({ type: 'hang', service: 'cloudwatch', at: 0 });
    const began = performance.now();
    const snapshot = await cycle(5);
    expect(performance.now() - began).toBeLessThan(3000);
    expect(snapshot.monitor.lastCycleCalls).toMatchObject({ DescribeReplicationTasks: 1, GetMetricData: 3 });
    expect(task('orders-mysql').freshness.taskAt).toBe(new Date(aws.simulation.now()).toISOString());
    for (let i = 0; i < 3; i++) await cycle(5);
    expect(task('orders-mysql').freshness).toMatchObject({ stale: true });
    expect(task('orders-mysql').freshness.staleReason).toMatch(/metrics are .* old/);
    aws.simulation.clearFaults();
    await cycle(5);
    expect(task('orders-mysql').freshness.stale).toBe(false);
  });

  it('raises alerts for a failing task, table errors and a validation mismatch', async () => {
    const { aws, cycle, monitor } = await start({
      tasks: smallTasks(true),
      faults: [
        { type: 'task-failure', task: 'orders-mysql', atPercent: 30, message: 'Source database connection lost' },
        { type: 'table-error', task: 'billing-mysql', table: 'shop.t01', at: '2s' },
        { type: 'validation-mismatch', task: 'catalog-mysql', table: 'shop.t02', records: 7, at: '1s' },
      ],
    });
    monitor.focus(['apps/app0003#0']);
    for (let i = 0; i < 16; i++) await cycle(5);
    const kinds = monitor.snapshot().alerts.map((a) => `${a.kind}:${a.taskKey}`);
    expect(kinds).toContain('task-failed:apps/app0001#0');
    expect(kinds).toContain('table-errors:apps/app0002#0');
    expect(kinds).toContain('validation-mismatch:apps/app0003#0');
    expect(aws.simulation.task('catalog-mysql')).toBeDefined();
    expect(monitor.snapshot().tasks[0]!.lastFailureMessage).toMatch(/Source database connection lost/);
  });
});
