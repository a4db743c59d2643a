import { afterEach, describe, expect, it } from 'vitest';
import type { AlertView, ReplicationTaskView } from '../contract-views';
import type { CockpitEvent } from '../../../api/contract/events';
import { CommandError } from '../../../../common/command-error';
import { ReplicationMonitor, type ControlInfo, type MonitorOptions } from './monitor';
import { floorCallsPerCycle } from './poll-planner';
import { FakeAwsError, FakeReplicationApi, taskArn } from './testing/fake-api';
import { testPlan, testTaskId, type TestPlanOptions } from './testing/plans';

const MIN = 60_000;
const START = Date.UTC(2026, 11, 5, 0, 0, 0);

let monitors: ReplicationMonitor[] = [];
afterEach(async () => {
  await Promise.all(monitors.map((m) => m.close()));
  monitors = [];
});

function setup(planOptions: TestPlanOptions, options: Partial<MonitorOptions> = {}) {
  const api = new FakeReplicationApi();
  const events: CockpitEvent[] = [];
  const journal: { phase: string; info: ControlInfo; message?: string }[] = [];
  const clock = { now: START };
  const outputs = new Map<string, Record<string, unknown>>();
  const monitor = new ReplicationMonitor({
    plan: testPlan(planOptions),
    api,
    target: 'test',
    publish: (event) => events.push(event),
    stackOutputs: (stackId) => outputs.get(stackId),
    clock: () => clock.now,
    call: { timeoutMs: 200, backoffBaseMs: 1, backoffMaxMs: 5, maxAttempts: 3 },
    intervals: { fastMs: 1000, normalMs: 1000, idleMs: 1000, maxBackoffMs: 8000 },
    random: () => 0.5,
    journal: {
      started: async (info) => {
        journal.push({ phase: 'started', info });
        return `op-${journal.length}`;
      },
      finished: async (_id, info, outcome) => void journal.push({ phase: outcome.ok ? 'succeeded' : 'failed', info, message: outcome.message }),
    },
    ...options,
  });
  monitors.push(monitor);
  const cycle = async (advanceMs = 5000) => {
    clock.now += advanceMs;
    for (const key of Object.keys(api.calls)) delete api.calls[key];
    await monitor.refreshNow();
    return monitor.snapshot();
  };
  const taskView = (index = 0): ReplicationTaskView => monitor.snapshot().tasks.find((t) => t.taskId === testTaskId(index))!;
  const ofType = <T extends CockpitEvent['type']>(type: T) => events.filter((e): e is Extract<CockpitEvent, { type: T }> => e.type === type);
  return { api, monitor, events, journal, clock, outputs, cycle, taskView, ofType };
}

/** CDC latency samples once a minute for a task, from `from` to `to` minutes after START. */
function latency(api: FakeReplicationApi, index: number, from: number, to: number, value: (m: number) => number) {
  const series = api.task(testTaskId(index)).metrics.get('CDCLatencyTarget') ?? [];
  for (let m = from; m <= to; m++) series.push([START + m * MIN, value(m)]);
  api.task(testTaskId(index)).metrics.set('CDCLatencyTarget', series);
}

describe('replication monitor: calls per cycle', () => {
  it('keeps polling when evaluating a cycle throws (a subscriber bug never ends monitoring)', async () => {
    let failNext = true;
    const logged: string[] = [];
    const { monitor, api, cycle } = setup(
      { tasks: 1 },
      {
        publish: () => {
          if (failNext) {
            failNext = false;
            throw new Error('subscriber bug');
          }
        },
        log: (line) => logged.push(line),
      },
    );
    api.addTask('task-0001', 'running');
    await expect(cycle()).resolves.toBeDefined();
    expect(logged.some((line) => line.includes('subscriber bug'))).toBe(true);
    await cycle();
    expect(monitor.snapshot().tasks[0]).toMatchObject({ taskId: 'task-0001', status: 'running' });
  });

  it('meets the floor ceil(N/100) + ceil(5N/500) from the second cycle; instances and endpoints are looked up once', async () => {
    const { api, cycle, monitor } = setup({ tasks: 250, perStack: 10 });
    for (let i = 0; i < 250; i++) api.addTask(testTaskId(i));
    await cycle();
    // First cycle: tasks named by identifier are found by identifier, the one instance is looked up, and the 500
    // endpoints the tasks name are described in calls of 100 (on first sight; later cycles never ask again).
    expect(api.calls).toEqual({ DescribeReplicationTasks: 3, DescribeReplicationInstances: 1, DescribeEndpoints: 5, GetMetricData: 3 });
    const second = await cycle();
    expect(api.calls).toEqual({ DescribeReplicationTasks: 3, GetMetricData: 3 });
    expect(3 + 3).toBe(floorCallsPerCycle(250, 5));
    expect(second.monitor.lastCycleCalls).toEqual({ DescribeReplicationTasks: 3, GetMetricData: 3 });
    expect(second.tasks.every((t) => t.arn === taskArn(t.taskId!) && t.phase === 'cdc' && !t.freshness.stale)).toBe(true);
    expect(monitor.snapshot().monitor.state).toBe('polling');
  });

  it('fetches only datapoints newer than it holds and publishes only new points', async () => {
    const { api, cycle, ofType, monitor } = setup({ tasks: 1 });
    api.addTask(testTaskId(0));
    latency(api, 0, -30, 0, () => 4);
    await cycle(0);
    // The backfill reads 30 minutes of target latency (for the gate's hold) but sends the UI only the recent 15.
    expect(
      ofType('dms.samples')
        .flatMap((e) => e.samples)
        .find((s) => s.metric === 'CDCLatencyTarget')!.points,
    ).toHaveLength(16);
    // The day keeps each 5 minutes' lowest and highest: 31 constant minutes are 7 slots of one value each.
    expect(monitor.seriesOf('apps/app0001#0', 'day', 4000).series.find((s) => s.metric === 'CDCLatencyTarget')!.points).toHaveLength(7);
    latency(api, 0, 1, 2, () => 5);
    await cycle(2 * MIN);
    const last = ofType('dms.samples')
      .at(-1)!
      .samples.find((s) => s.metric === 'CDCLatencyTarget')!;
    expect(last.points).toEqual([
      [START + MIN, 5],
      [START + 2 * MIN, 5],
    ]);
  });

  it('sends dms.tasks only for tasks whose view changed', async () => {
    const { api, cycle, ofType } = setup({ tasks: 3 });
    for (let i = 0; i < 3; i++) api.addTask(testTaskId(i));
    await cycle();
    expect(ofType('dms.tasks').at(-1)!.tasks).toHaveLength(3);
    const before = ofType('dms.tasks').length;
    await cycle(1000);
    expect(ofType('dms.tasks')).toHaveLength(before);
    api.task(testTaskId(1)).task.Status = 'stopped';
    await cycle(1000);
    expect(
      ofType('dms.tasks')
        .at(-1)!
        .tasks.map((t) => t.taskId),
    ).toEqual([testTaskId(1)]);
    expect(ofType('dms.monitor').length).toBeGreaterThanOrEqual(3);
  });

  it('resolves tasks named by a stack output once the output is known, and follows a new ARN', async () => {
    const { api, cycle, outputs, taskView } = setup({ tasks: 1, byStackOutput: true });
    api.addTask('task-0001');
    await cycle();
    expect(taskView).toBeDefined();
    let view = (await cycle()).tasks[0]!;
    expect(view).toMatchObject({ phase: 'unresolved', arn: null, freshness: { stale: false } });
    expect(view.resolution).toMatch(/waiting for apps\/app0001's outputs/);
    outputs.set('apps/app0001', { replicationTaskArn: taskArn('task-0001') });
    view = (await cycle()).tasks[0]!;
    expect(view).toMatchObject({ phase: 'cdc', taskId: 'task-0001', arn: taskArn('task-0001') });
    outputs.set('apps/app0001', { replicationTaskArn: taskArn('task-9999') });
    view = (await cycle()).tasks[0]!;
    expect(view).toMatchObject({ phase: 'unresolved', arn: taskArn('task-9999') });
    expect(view.resolution).toMatch(/DMS has no replication task with ARN/);
  });
});

describe('replication monitor: faults', () => {
  it('keeps going through a hung response: the call times out, the rest of the cycle completes', async () => {
    const { api, cycle, taskView } = setup({ tasks: 2 });
    api.addTask(testTaskId(0));
    api.addTask(testTaskId(1));
    await cycle();
    let hang = true;
    api.interceptor = (operation) => (operation === 'GetMetricData' && hang ? new Promise<void>(() => {}) : undefined);
    const started = performance.now();
    const snapshot = await cycle(1000);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(snapshot.monitor.lastCycleCalls).toEqual({ DescribeReplicationTasks: 1, GetMetricData: 3 });
    expect(snapshot.monitor.state).toBe('backing-off');
    expect(taskView().freshness.taskAt).toBe(new Date(START + 6000).toISOString());
    expect(taskView().freshness.metricsAt).toBe(new Date(START + 5000).toISOString());
    hang = false;
    await cycle(1000);
    expect(taskView().freshness.metricsAt).toBe(new Date(START + 7000).toISOString());
  });

  it('retries throttled calls with backoff and backs off its interval', async () => {
    const { api, cycle } = setup({ tasks: 1 });
    api.addTask(testTaskId(0));
    let n = 0;
    api.interceptor = () => {
      if (n++ % 2 === 0) throw new FakeAwsError('ThrottlingException', 'Rate exceeded', { httpStatusCode: 400 });
    };
    const snapshot = await cycle();
    expect(snapshot.monitor.lastCycleCalls.DescribeReplicationTasks).toBe(2);
    expect(snapshot.tasks[0]!.phase).toBe('cdc');
    expect(snapshot.monitor.state).toBe('backing-off');
    expect(snapshot.monitor.intervalSeconds).toBe(2);
  });

  it("judges staleness on the data clock's own pace (a rehearsal sped up 30x is not stale after one failed cycle)", async () => {
    for (const [clockRate, staleAfterOneFailure] of [
      [1, true],
      [30, false],
    ] as const) {
      const { api, cycle, taskView } = setup({ tasks: 1 }, { clockRate });
      api.addTask(testTaskId(0));
      await cycle(0);
      expect(taskView().freshness.stale).toBe(false);
      api.interceptor = () => {
        throw new FakeAwsError('InternalFailure', 'down', { httpStatusCode: 500 });
      };
      // One failed cycle, 10 s of data time later: 10 real intervals at 1x, a third of one at 30x.
      await cycle(10_000);
      expect(taskView().freshness.stale, `clock rate ${clockRate}`).toBe(staleAfterOneFailure);
    }
  });

  it('publishes its data clock with each status, so a UI can tick readiness times on the same clock', async () => {
    const { api, cycle } = setup({ tasks: 1 }, { clockRate: 60 });
    api.addTask(testTaskId(0));
    const wallBefore = Date.now();
    const snapshot = await cycle(0);
    const clock = snapshot.monitor.dataClock!;
    expect(clock.at).toBe(new Date(START).toISOString());
    expect(clock.rate).toBe(60);
    expect(Date.parse(clock.wallAt)).toBeGreaterThanOrEqual(wallBefore);
    expect(Date.parse(clock.wallAt)).toBeLessThanOrEqual(Date.now());
  });

  it('marks data stale when reads keep failing, never green, and reports itself degraded with an alert', async () => {
    const alerts: AlertView[] = [];
    const { api, cycle, monitor, taskView } = setup({ tasks: 1, gates: { maxCdcLatencySeconds: 30, holdSeconds: 60, requireValidation: false } });
    monitor.onAlert((alert) => alerts.push(alert));
    api.addTask(testTaskId(0));
    latency(api, 0, -10, 0, () => 3);
    await cycle(0);
    expect(taskView().gate.status).toBe('green');
    api.interceptor = () => {
      throw new FakeAwsError('InternalFailure', 'boom', { httpStatusCode: 503 });
    };
    await cycle(1000);
    await cycle(1000);
    expect(taskView().freshness.stale).toBe(false); // 2 s old, the limit is 3 intervals
    const degraded = await cycle(5000);
    expect(degraded.monitor.state).toBe('degraded');
    expect(taskView().freshness).toMatchObject({ stale: true, taskAt: new Date(START).toISOString() });
    expect(taskView().freshness.staleReason).toMatch(/task data is 7 s old/);
    expect(taskView().gate.status).toBe('unknown');
    expect(alerts.map((a) => a.kind)).toEqual(['monitor-degraded']);
    api.interceptor = () => undefined;
    latency(api, 0, 1, 1, () => 3);
    await cycle(1000);
    expect(taskView().freshness.stale).toBe(false);
    expect(taskView().gate.status).toBe('green');
    expect(alerts.at(-1)).toMatchObject({ kind: 'monitor-degraded' });
    expect(alerts.at(-1)!.clearedAt).not.toBeNull();
  });

  it('reports a credentials problem at once with how to sign in', async () => {
    const { api, cycle } = setup({ tasks: 1 }, { profile: 'migration-operator' });
    api.addTask(testTaskId(0));
    api.interceptor = () => {
      const error = new Error('Could not load credentials from any providers');
      error.name = 'CredentialsProviderError';
      throw error;
    };
    const snapshot = await cycle();
    expect(snapshot.monitor.state).toBe('degraded');
    expect(snapshot.monitor.message).toMatch(
      /AWS credentials could not be used: CredentialsProviderError: Could not load credentials.*aws sso login --profile migration-operator/,
    );
    expect(snapshot.monitor.lastCycleCalls.DescribeReplicationTasks).toBe(1); // not retried
  });

  it('reports a monitor without an AWS endpoint as degraded and polls nothing', async () => {
    const { events } = setup({ tasks: 1 });
    const monitor = new ReplicationMonitor({
      plan: testPlan({ tasks: 1 }),
      api: { unavailable: 'no rehearsal endpoint' },
      target: 'rehearsal',
      publish: (e) => events.push(e),
      stackOutputs: () => undefined,
    });
    monitors.push(monitor);
    monitor.start();
    expect(monitor.snapshot().monitor).toMatchObject({ state: 'degraded', message: 'no rehearsal endpoint' });
    expect(monitor.snapshot().alerts.map((a) => a.kind)).toEqual(['monitor-degraded']);
    await expect(monitor.control(`apps/app0001#0`, 'start')).rejects.toThrow(/no rehearsal endpoint/);
    // A reverse task it could never read is refused at once, with the reason (a rollback fails instead of waiting).
    expect(() => monitor.watchReverseTask('apps/app0001', 'reverse-1')).toThrow(
      new CommandError('failed', 'cannot follow reverse task reverse-1: no rehearsal endpoint'),
    );
  });
});

describe('replication monitor: gates, alerts, tables', () => {
  it('times the latency hold from the samples and resets it on a breach', async () => {
    const { api, cycle, taskView, ofType } = setup({ tasks: 1, gates: { maxCdcLatencySeconds: 30, holdSeconds: 300, requireValidation: false } });
    api.addTask(testTaskId(0));
    latency(api, 0, 0, 3, () => 10);
    await cycle(3 * MIN);
    expect(taskView().gate).toMatchObject({ status: 'red', holdRemainingSeconds: 120, latencyUnderSince: new Date(START).toISOString() });
    latency(api, 0, 4, 4, () => 31);
    latency(api, 0, 5, 10, () => 10);
    await cycle(7 * MIN);
    expect(taskView().gate).toMatchObject({ status: 'green', latencyUnderSince: new Date(START + 5 * MIN).toISOString(), holdRemainingSeconds: 0 });
    expect(ofType('dms.waves').at(-1)!.waves[0]).toMatchObject({ waveId: 'wave-1', status: 'green', tasksGreen: 1, tasksTotal: 1 });
  });

  it('alerts on latency above the gate for 3 consecutive samples', async () => {
    const { api, cycle, monitor } = setup({ tasks: 1, gates: { maxCdcLatencySeconds: 30, holdSeconds: 0, requireValidation: false } });
    api.addTask(testTaskId(0));
    latency(api, 0, 0, 1, () => 40);
    await cycle(MIN);
    expect(monitor.snapshot().alerts).toHaveLength(0);
    latency(api, 0, 2, 2, () => 40);
    await cycle(MIN);
    expect(monitor.snapshot().alerts.map((a) => a.kind)).toEqual(['latency-above-gate']);
  });

  it("alerts on a task that stops by itself, not on the operator's own stop, and on a failure", async () => {
    const { api, cycle, monitor, journal } = setup({ tasks: 2 });
    api.addTask(testTaskId(0));
    api.addTask(testTaskId(1));
    await cycle();
    await monitor.control('apps/app0001#0', 'stop');
    expect(journal.map((j) => j.phase)).toEqual(['started', 'succeeded']);
    expect(journal[1]!.message).toMatch(/stop task-0001: accepted by DMS \(status stopping\)/);
    api.task(testTaskId(0)).task.Status = 'stopped';
    api.task(testTaskId(1)).task.Status = 'stopped';
    await cycle();
    await cycle();
    expect(monitor.snapshot().alerts.map((a) => [a.kind, a.taskKey])).toEqual([['task-stopped', 'apps/app0002#0']]);
    api.task(testTaskId(0)).task = { ...api.task(testTaskId(0)).task, Status: 'failed', LastFailureMessage: 'Last Error Source endpoint unreachable' };
    await cycle();
    expect(monitor.snapshot().alerts[0]).toMatchObject({
      kind: 'task-failed',
      severity: 'critical',
      message: 'task-0001 failed: Last Error Source endpoint unreachable',
    });
  });

  it('reads table statistics for focused tasks, publishes them, and summarizes validation', async () => {
    const { api, cycle, monitor, ofType, taskView } = setup({ tasks: 2 });
    api.addTask(testTaskId(0)).tables = [
      { SchemaName: 'shop', TableName: 'orders', TableState: 'Table completed', FullLoadRows: 10, ValidationState: 'Validated' },
      {
        SchemaName: 'shop',
        TableName: 'items',
        TableState: 'Table completed',
        FullLoadRows: 5,
        ValidationState: 'Mismatched records',
        ValidationFailedRecords: 2,
      },
    ];
    api.addTask(testTaskId(1));
    await cycle();
    expect(monitor.focus(['apps/app0001#0'])).toEqual([{ taskKey: 'apps/app0001#0', fetchedAt: null, stale: true, tables: [] }]);
    await cycle();
    expect(api.calls.DescribeTableStatistics).toBe(1);
    const tables = ofType('dms.tables').at(-1)!.tables;
    expect(tables).toMatchObject({ taskKey: 'apps/app0001#0', stale: false });
    expect(tables.tables.map((t) => `${t.schema}.${t.table}:${t.validationState}`)).toEqual(['shop.orders:Validated', 'shop.items:Mismatched records']);
    expect(taskView().validation).toEqual({ state: 'mismatched', failedRecords: 2, suspendedRecords: 0 });
    expect(monitor.snapshot().alerts.map((a) => a.kind)).toEqual(['validation-mismatch']);
    expect(() => monitor.focus(['nope#0'])).toThrow(CommandError);
  });

  it('reads validation for gates that require it without a focus, a few tasks per cycle', async () => {
    const { api, cycle, taskView } = setup(
      { tasks: 3, gates: { maxCdcLatencySeconds: 30, holdSeconds: 0, requireValidation: true } },
      { validationReadsPerCycle: 2 },
    );
    for (let i = 0; i < 3; i++) api.addTask(testTaskId(i)).tables = [{ SchemaName: 's', TableName: 't', ValidationState: 'Validated' }];
    latency(api, 0, 0, 0, () => 1);
    await cycle(0);
    expect(api.calls.DescribeTableStatistics).toBe(2);
    await cycle();
    expect(api.calls.DescribeTableStatistics).toBe(1);
    expect(taskView(0)).toMatchObject({ validation: { state: 'clean' }, gate: { status: 'green' } });
  });
});

describe('replication monitor: task control', () => {
  it('refuses an action the task state forbids, with the rule, without calling DMS or journaling', async () => {
    const { api, cycle, monitor, journal } = setup({ tasks: 1 });
    api.addTask(testTaskId(0));
    await cycle();
    await expect(monitor.control('apps/app0001#0', 'resume')).rejects.toMatchObject({
      code: 'failed',
      message: 'resume needs a stopped or failed task that has run; this task is running',
    });
    expect(api.controlCalls).toEqual([]);
    expect(journal).toEqual([]);
    await expect(monitor.control('apps/app9999#0', 'stop')).rejects.toMatchObject({ code: 'not-found' });
  });

  it("turns AWS's InvalidResourceStateFault into the rule, and journals the failure", async () => {
    const { api, cycle, monitor, journal } = setup({ tasks: 1 });
    api.addTask(testTaskId(0), 'stopped');
    await cycle();
    api.task(testTaskId(0)).task.Status = 'running'; // it moved on since the last refresh
    api.interceptor = (operation) => {
      if (operation === 'StartReplicationTask') throw new FakeAwsError('InvalidResourceStateFault', 'Replication task is running');
    };
    await expect(monitor.control('apps/app0001#0', 'resume')).rejects.toThrow(
      /DMS refused resume: InvalidResourceStateFault: Replication task is running \(the task changed state since the last refresh/,
    );
    expect(journal.map((j) => j.phase)).toEqual(['started', 'failed']);
  });

  it('starts a never-run task with start-replication and reloads all tables when none are named', async () => {
    const { api, cycle, monitor } = setup({ tasks: 1 });
    api.addTask(testTaskId(0), 'ready');
    await cycle();
    const view = await monitor.control('apps/app0001#0', 'start');
    expect(view).toMatchObject({ phase: 'starting', status: 'starting' });
    expect(api.controlCalls).toEqual([{ operation: 'start', arn: taskArn(testTaskId(0)), detail: 'start-replication' }]);
    api.task(testTaskId(0)).task.Status = 'running';
    api.task(testTaskId(0)).tables = [{ SchemaName: 'a', TableName: 'b' }];
    await cycle();
    await monitor.control('apps/app0001#0', 'reload-tables-validate');
    expect(api.controlCalls.at(-1)).toEqual({ operation: 'reload', arn: taskArn(testTaskId(0)), detail: 'validate-only:a.b' });
  });
});

describe('replication monitor: control on behalf of a cutover', () => {
  it('journals the cutover step a control action belongs to as its parent', async () => {
    const { api, cycle, monitor, journal } = setup({ tasks: 1 });
    api.addTask(testTaskId(0));
    await cycle();
    await monitor.control('apps/app0001#0', 'stop', undefined, { parentOperationId: 'step-attempt-1' });
    expect(journal.map((j) => [j.phase, j.info.action, j.info.parentOperationId])).toEqual([
      ['started', 'stop', 'step-attempt-1'],
      ['succeeded', 'stop', 'step-attempt-1'],
    ]);
  });

  it("follows a reverse task outside the plan's tasks and gates, shows it as a reverse task, and gets it replicating through the same rules", async () => {
    const { api, cycle, monitor, journal, events, ofType } = setup({ tasks: 1 });
    api.addTask(testTaskId(0));
    api.addTask('reverse-1', 'ready', { MigrationType: 'cdc' });
    await cycle();
    const key = monitor.watchReverseTask('apps/app0001', 'reverse-1');
    expect(monitor.watchReverseTask('apps/app0001', 'reverse-1')).toBe(key);
    events.length = 0;
    await cycle();
    expect(monitor.reverseTaskView(key)).toMatchObject({ taskId: 'reverse-1', phase: 'not-started', stackId: 'apps/app0001' });
    expect(monitor.snapshot().tasks.map((task) => task.key)).toEqual(['apps/app0001#0']);
    expect(ofType('dms.tasks').flatMap((event) => event.tasks.map((task) => task.key))).not.toContain(key);
    expect(monitor.reverseTaskView('apps/app0001#0')).toBeUndefined();
    // Shown apart from the plan's tasks: in the snapshot's reverseTasks and as dms.reverse, never in a wave's gate.
    expect(monitor.snapshot().reverseTasks.map((task) => task.key)).toEqual([key]);
    expect(ofType('dms.reverse').at(-1)!.tasks).toMatchObject([{ key, taskId: 'reverse-1', waveId: null }]);
    expect(monitor.snapshot().waves[0]).toMatchObject({ tasksTotal: 1 });
    expect(monitor.snapshot().resources.map((view) => view.taskKey)).toContain(key);

    const first = await monitor.replicate(key, { parentOperationId: 'compensation-1' });
    expect(first.action).toBe('start');
    expect(api.controlCalls).toEqual([{ operation: 'start', arn: taskArn('reverse-1'), detail: 'start-replication' }]);
    expect(journal.map((j) => [j.phase, j.info.taskKey, j.info.parentOperationId])).toEqual([
      ['started', key, 'compensation-1'],
      ['succeeded', key, 'compensation-1'],
    ]);
    expect(ofType('dms.tasks').flatMap((event) => event.tasks.map((task) => task.key))).not.toContain(key);

    api.task('reverse-1').task = { ...api.task('reverse-1').task, Status: 'running' };
    await cycle();
    expect((await monitor.replicate(key)).action).toBeNull();
    api.task('reverse-1').task = { ...api.task('reverse-1').task, Status: 'stopped', ReplicationTaskStats: { StartDate: new Date(0) } };
    await cycle();
    expect((await monitor.replicate(key)).action).toBe('resume');
    expect(api.controlCalls.at(-1)).toEqual({ operation: 'start', arn: taskArn('reverse-1'), detail: 'resume-processing' });
  });
});

describe('replication monitor: reverse tasks a rollback follows', () => {
  it('answers the newest latency sample of a reverse task with its time on the data clock', async () => {
    const { api, cycle, monitor } = setup({ tasks: 1 });
    api.addTask(testTaskId(0));
    api.addTask('reverse-1', 'stopped', { MigrationType: 'cdc' });
    // The task ran an hour ago; the first read fetches that history.
    api.task('reverse-1').metrics.set('CDCLatencyTarget', [[START, 2]]);
    const key = monitor.watchReverseTask('apps/app0001', 'reverse-1');
    expect(monitor.reverseLatency(key)).toBeNull();
    await cycle(10 * MIN);
    expect(monitor.reverseTaskView(key)!.latest.cdcLatencyTargetSeconds).toBe(2);
    expect(monitor.reverseLatency(key)).toEqual({ seconds: 2, at: START });
    expect(monitor.reverseLatency('apps/app0001#0')).toBeNull(); // a plan task is no reverse task
    const resumedAt = monitor.dataNow();
    api.task('reverse-1').metrics.get('CDCLatencyTarget')!.push([resumedAt, 7]);
    await cycle(2 * MIN);
    expect(monitor.reverseLatency(key)).toEqual({ seconds: 7, at: resumedAt });
  });

  it('alerts when a followed reverse task fails or stops by itself; unwatching stops reading it and clears its alerts', async () => {
    const { api, cycle, monitor, events } = setup({ tasks: 1 });
    api.addTask(testTaskId(0));
    api.addTask('reverse-1', 'running', { MigrationType: 'cdc' });
    const key = monitor.watchReverseTask('apps/app0001', 'reverse-1');
    await cycle();
    expect(monitor.snapshot().alerts).toEqual([]);
    api.task('reverse-1').task = { ...api.task('reverse-1').task, Status: 'failed', LastFailureMessage: 'target endpoint unreachable' };
    await cycle();
    expect(monitor.snapshot().alerts).toMatchObject([
      {
        kind: 'task-failed',
        severity: 'critical',
        taskKey: key,
        stackId: 'apps/app0001',
        waveId: null,
        message: 'reverse task reverse-1 (AWS → data center) failed: target endpoint unreachable',
      },
    ]);

    monitor.unwatchReverseTask(key);
    expect(monitor.reverseTaskView(key)).toBeUndefined();
    const described: string[] = [];
    const describeTasks = api.describeTasks.bind(api);
    api.describeTasks = (input) => {
      described.push(...(input.filters[0]!.Values ?? []));
      return describeTasks(input);
    };
    await cycle();
    await cycle();
    expect(monitor.snapshot().alerts[0]).toMatchObject({ kind: 'task-failed', taskKey: key, clearedAt: expect.any(String) });
    // It is read no more, and its data is gone.
    expect(described).toEqual([taskArn(testTaskId(0)), taskArn(testTaskId(0))]);
    expect(monitor.reverseLatency(key)).toBeNull();
    expect(() => monitor.seriesOf(key, 'recent', 10)).toThrow(/no replication task/);
    expect(events.filter((event) => event.type === 'dms.tasks').flatMap((event) => event.tasks.map((task) => task.key))).not.toContain(key);
  });

  it('keeps following a reverse task across plan edits only while the plan names it as the fallback', async () => {
    const { api, cycle, monitor } = setup({ tasks: 2 });
    api.addTask(testTaskId(0));
    api.addTask(testTaskId(1));
    api.addTask('reverse-1', 'running', { MigrationType: 'cdc' });
    api.addTask('reverse-2', 'running', { MigrationType: 'cdc' });
    const first = monitor.watchReverseTask('apps/app0001', 'reverse-1');
    const second = monitor.watchReverseTask('apps/app0002', 'reverse-2');
    await cycle();
    const base = testPlan({ tasks: 2 });
    const withFallbacks = (fallbacks: Record<string, string>) => ({
      ...base,
      stacks: new Map([...base.stacks].map(([id, stack]) => [id, fallbacks[id] ? { ...stack, fallback: { reverseTaskId: fallbacks[id] } } : stack])),
    });
    // app0001 still names reverse-1; app0002 names another reverse task now.
    expect(monitor.adoptPlan(withFallbacks({ 'apps/app0001': 'reverse-1', 'apps/app0002': 'reverse-9' }))).toBe(true);
    expect(monitor.reverseTaskView(first)).toMatchObject({ taskId: 'reverse-1' });
    expect(monitor.reverseTaskView(second)).toBeUndefined();
    // A plan without the fallback drops it too; the plan's own tasks are untouched.
    expect(monitor.adoptPlan(base)).toBe(true);
    expect(monitor.reverseTaskView(first)).toBeUndefined();
    expect(monitor.snapshot().tasks.map((task) => task.key)).toEqual(['apps/app0001#0', 'apps/app0002#0']);
    // And the same plan is adopted again (the reverse tasks no longer count against its tasks).
    expect(monitor.adoptPlan(base)).toBe(true);
  });
});

describe('replication monitor: lifecycle', () => {
  it('polls on its own after start and leaves no timer after close', async () => {
    const { api, monitor, events } = setup({ tasks: 1 }, { intervals: { fastMs: 20, normalMs: 20, idleMs: 20, maxBackoffMs: 100 } });
    api.addTask(testTaskId(0));
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    monitor.start();
    await new Promise((resolve) => setTimeout(resolve, 150));
    await monitor.close();
    const cycles = events.filter((e) => e.type === 'dms.monitor').length;
    expect(cycles).toBeGreaterThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(events.filter((e) => e.type === 'dms.monitor').length).toBe(cycles);
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBeLessThanOrEqual(timersBefore);
  });
});

describe('replication monitor: instance, endpoints, connection tests, task logs', () => {
  it('describes instance and endpoints on first sight, publishes them once, and refreshes them only on demand', async () => {
    const { api, cycle, monitor, ofType, events } = setup({ tasks: 2 });
    api.addTask(testTaskId(0));
    api.addTask(testTaskId(1));
    await cycle();
    const published = ofType('dms.resources').flatMap((event) => event.resources);
    expect(published.map((view) => view.taskKey).sort()).toEqual(['apps/app0001#0', 'apps/app0002#0']);
    expect(published[0]).toMatchObject({
      taskArn: taskArn(testTaskId(0)),
      instance: { identifier: 'dms-1', instanceClass: 'dms.r5.large', status: 'available' },
      source: { identifier: `${testTaskId(0)}-source`, engine: 'MySQL', port: 3306, databaseName: 'shop', connection: null },
      target: { identifier: `${testTaskId(0)}-target` },
      log: { group: 'dms-tasks-dms-1', stream: `dms-task-${taskArn(testTaskId(0)).split(':').at(-1)}` },
      problems: [],
    });
    expect(JSON.stringify(published)).not.toContain('dms_user');

    events.length = 0;
    await cycle();
    expect(api.calls).toEqual({ DescribeReplicationTasks: 1, GetMetricData: 1 });
    expect(ofType('dms.resources')).toEqual([]);

    const endpoint = api.endpoints.get(api.task(testTaskId(0)).task.SourceEndpointArn!)!;
    api.endpoints.set(endpoint.arn, { ...endpoint, status: 'modifying' });
    const refreshed = await monitor.resourcesOf('apps/app0001#0', true);
    expect(refreshed.source!.status).toBe('modifying');
    expect(api.calls).toMatchObject({ DescribeReplicationInstances: 1, DescribeEndpoints: 1 });
    expect(ofType('dms.resources').flatMap((event) => event.resources.map((view) => view.taskKey))).toEqual(['apps/app0001#0']);
    // The refresh is not a cycle's: the next cycle is at the floor again.
    await cycle();
    expect(monitor.snapshot().monitor.lastCycleCalls).toEqual({ DescribeReplicationTasks: 1, GetMetricData: 1 });
    await expect(monitor.resourcesOf('apps/nope#0')).rejects.toThrow(new CommandError('not-found', "no replication task 'apps/nope#0' in the loaded plan"));
  });

  it('tests a connection, journals it, and publishes testing then the outcome; a second test of the same endpoint is busy', async () => {
    const { api, cycle, monitor, journal, ofType } = setup({ tasks: 1 }, { connectionTest: { pollMs: 1, timeoutMs: 5000 } });
    api.addTask(testTaskId(0));
    await cycle();
    api.testingReads = 2;
    const { view, done } = await monitor.testConnection('apps/app0001#0', 'source');
    expect(view.source!.connection).toMatchObject({ status: 'testing', message: null, finishedAt: null });
    await expect(monitor.testConnection('apps/app0001#0', 'source')).rejects.toMatchObject({ code: 'busy' });
    const finished = await done;
    expect(finished.source!.connection).toMatchObject({ status: 'successful', message: null });
    expect(finished.source!.connection!.finishedAt).not.toBeNull();
    expect(api.calls.TestConnection).toBe(1);
    expect(api.calls.DescribeConnections).toBe(3);
    expect(journal.map((entry) => [entry.phase, entry.info.action, entry.info.details?.endpoint])).toEqual([
      ['started', 'test-connection', 'source'],
      ['succeeded', 'test-connection', 'source'],
    ]);
    expect(journal[1]!.message).toBe(`connection test of source endpoint ${testTaskId(0)}-source: successful`);
    expect(ofType('dms.resources').flatMap((event) => event.resources.map((r) => r.source?.connection?.status ?? null))).toEqual([
      null,
      'testing',
      'successful',
    ]);

    // A failing connection: DMS's message, journaled as failed.
    api.connectionOutcomes.set(api.task(testTaskId(0)).task.TargetEndpointArn!, {
      status: 'failed',
      lastFailureMessage: "Can't connect to MySQL server on 'db' (110)",
    });
    const target = await monitor.testConnection('apps/app0001#0', 'target');
    expect((await target.done).target!.connection).toMatchObject({ status: 'failed', message: "Can't connect to MySQL server on 'db' (110)" });
    expect(journal.at(-1)).toMatchObject({
      phase: 'failed',
      message: `connection test of target endpoint ${testTaskId(0)}-target: failed: Can't connect to MySQL server on 'db' (110)`,
    });
    // The latest outcome stays with the endpoint (a detail opened later shows it).
    expect((await monitor.resourcesOf('apps/app0001#0')).target!.connection!.status).toBe('failed');
  });

  it('refuses a connection test DMS cannot run, and times out a test that never ends', async () => {
    const { api, cycle, monitor, journal } = setup({ tasks: 2 }, { connectionTest: { pollMs: 1, timeoutMs: 30 } });
    api.addTask(testTaskId(0));
    await cycle();
    await expect(monitor.testConnection('apps/app0002#0', 'source')).rejects.toThrow(
      /cannot test the source endpoint of apps\/app0002#0: DMS has no replication task 'task-0002'/,
    );
    api.interceptor = (operation) => {
      if (operation === 'TestConnection') throw new FakeAwsError('InvalidResourceStateFault', 'Replication instance is not available');
    };
    await expect(monitor.testConnection('apps/app0001#0', 'source')).rejects.toThrow(
      /DMS refused to test the connection of source endpoint task-0001-source from dms-1: InvalidResourceStateFault: Replication instance is not available/,
    );
    expect(journal.at(-1)).toMatchObject({ phase: 'failed' });
    api.interceptor = () => undefined;
    api.testingReads = 1_000_000;
    const { done } = await monitor.testConnection('apps/app0001#0', 'source');
    const view = await done;
    expect(view.source!.connection).toMatchObject({ status: 'timed-out' });
    expect(view.source!.connection!.message).toMatch(/^DMS was still testing after \d+ s; it may still finish/);
  });

  it('tails the logs of followed tasks only', async () => {
    const { api, cycle, monitor, ofType } = setup({ tasks: 2 }, { logPollMs: 60_000 });
    api.addTask(testTaskId(0));
    api.addTask(testTaskId(1));
    api.appendLog(testTaskId(0), { timestamp: START, message: '2026-12-05T00:00:00 [TASK_MANAGER    ]I:  Task is running' });
    expect(() => monitor.followLogs(['apps/nope#0'])).toThrow(CommandError);
    monitor.followLogs(['apps/app0001#0']);
    await monitor.readLogsNow();
    // Before the first cycle the instance is not known: the log's place is not either.
    expect(ofType('dms.log').at(-1)!.log).toMatchObject({ state: 'waiting' });
    await cycle();
    await monitor.readLogsNow();
    expect(ofType('dms.log').at(-1)!.log).toMatchObject({
      taskKey: 'apps/app0001#0',
      state: 'following',
      group: 'dms-tasks-dms-1',
      lines: [{ level: 'info', component: 'TASK_MANAGER' }],
    });
    expect(api.calls.GetLogEvents).toBe(1);
    monitor.followLogs([]);
    await monitor.readLogsNow();
    expect(api.calls.GetLogEvents).toBe(1);
  });
});
