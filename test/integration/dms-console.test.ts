// DMS console parity against the AWS-compatible rehearsal server, through the real SDK v3 clients (DMS and
// CloudWatch Logs): a task's instance and endpoints are described once, on first sight, and the refresh cycle stays
// at its floor; connection tests run TestConnection and read DescribeConnections to the end (a fault makes one fail);
// a followed task's log is tailed with the forward token; through the core, the commands answer within the contract,
// the connection test is journaled, and no secret the plan names leaves in a log line.
import { describe, expect, it } from 'vitest';
import { EventBatchSchema, type JournalEntryView, type TaskLogView, type TaskResourcesView } from '../../main/api/contract';
import type { ScenarioInput } from '../../rehearsal/aws-rehearsal';
import { CONNECTION_TEST_MS } from '../../rehearsal/tracks/dms/simulation';
import { dmsTrack } from '../../main/tracks/dms/track';
import { closeAfterEach, startCoreRehearsal, startMonitorRehearsal } from '../support/dms-rehearsal';

const closeLater = closeAfterEach({ failOnUnhandledRejection: true });

const TASKS = ['orders-mysql', 'billing-mysql'];
const tables = [1, 2, 3].map((n) => ({ schema: 'shop', name: `t0${n}`, rows: 20_000 * n }));

async function startMonitor(scenario: ScenarioInput) {
  return closeLater(
    await startMonitorRehearsal({
      scenario,
      tasks: TASKS,
      tuning: {
        call: { timeoutMs: 2000, backoffBaseMs: 5, backoffMaxMs: 40, maxAttempts: 3 },
        connectionTest: { pollMs: 5, timeoutMs: 10_000 },
        logPollMs: 60_000,
      },
    }),
  );
}

describe('DMS console parity against the rehearsal server', () => {
  it('describes instance and endpoints on first sight only, and the refresh cycle stays at its floor', async () => {
    const { monitor, cycle, aws, ofType } = await startMonitor({
      instances: [{ id: 'dms-wave-1', class: 'dms.r5.xlarge' }],
      tasks: TASKS.map((id) => ({ id, tables })),
    });
    const first = await cycle(0);
    expect(first.monitor.lastCycleCalls).toEqual({ DescribeReplicationTasks: 1, DescribeReplicationInstances: 1, DescribeEndpoints: 1, GetMetricData: 1 });
    const identity = aws.simulation.task('orders-mysql')!.identity;
    const view = first.resources.find((r) => r.taskKey === 'apps/app0001#0')!;
    expect(view).toMatchObject({
      taskArn: identity.arn,
      instance: {
        arn: identity.instanceArn,
        identifier: 'dms-wave-1',
        instanceClass: 'dms.r5.xlarge',
        status: 'available',
        engineVersion: '3.5.4',
        multiAz: false,
      },
      source: {
        role: 'source',
        arn: identity.sourceEndpointArn,
        identifier: 'orders-mysql-source',
        engine: 'MySQL',
        port: 3306,
        serverName: expect.stringContaining('.dc2.example.internal'),
        status: 'active',
      },
      target: { role: 'target', identifier: 'orders-mysql-target', serverName: expect.stringContaining('.rds.amazonaws.com') },
      log: { group: 'dms-tasks-dms-wave-1', stream: `dms-task-${identity.resourceId}` },
      problems: [],
    });
    // The SDK answer carries the endpoint's user name; nothing of it leaves the monitor.
    expect(JSON.stringify(first.resources)).not.toContain('dms_migration');
    expect(ofType('dms.resources').flatMap((e) => e.resources)).toHaveLength(2);
    for (let i = 0; i < 3; i++) {
      const later = await cycle(5);
      expect(later.monitor.lastCycleCalls).toEqual({ DescribeReplicationTasks: 1, GetMetricData: 1 });
    }
    expect(ofType('dms.resources').flatMap((e) => e.resources)).toHaveLength(2);
    // On demand: described again, outside the cycle's count.
    expect((await monitor.resourcesOf('apps/app0001#0', true)).instance!.status).toBe('available');
  });

  it("tests connections to the end: successful, and failed with DMS's message under an injected fault; both journaled", async () => {
    const { monitor, cycle, clock, aws, journal } = await startMonitor({ tasks: TASKS.map((id) => ({ id, tables })) });
    await cycle(0);
    const source = await monitor.testConnection('apps/app0001#0', 'source');
    expect(source.view.source!.connection).toMatchObject({ status: 'testing' });
    await new Promise((resolve) => setTimeout(resolve, 30)); // a few DescribeConnections reads while DMS tests
    expect((await monitor.resourcesOf('apps/app0001#0')).source!.connection!.status).toBe('testing');
    clock.advance(CONNECTION_TEST_MS);
    expect((await source.done).source!.connection).toMatchObject({ status: 'successful', message: null });

    aws.simulation.injectFault({ type: 'connection-failure', endpoint: 'orders-mysql-target', at: 0 });
    const target = await monitor.testConnection('apps/app0001#0', 'target');
    clock.advance(CONNECTION_TEST_MS);
    const failed = (await target.done).target!.connection!;
    expect(failed.status).toBe('failed');
    expect(failed.message).toMatch(/Can't connect to MySQL server on '.+' \(110\)/);
    expect(journal.map((entry) => `${entry.phase}:${entry.info.action}:${entry.info.details?.endpoint}`)).toEqual([
      'started:test-connection:source',
      'succeeded:test-connection:source',
      'started:test-connection:target',
      'failed:test-connection:target',
    ]);
  });

  it('tails a followed task log: the newest lines, then only new ones as the task loads, goes to CDC and fails', async () => {
    const { monitor, cycle, aws, ofType } = await startMonitor({
      tasks: TASKS.map((id) => ({ id, tables, throughputRowsPerSecond: 1000, parallelTables: 1 })),
    });
    await cycle(0);
    monitor.followLogs(['apps/app0001#0']);
    await monitor.readLogsNow();
    expect(ofType('dms.log').at(-1)!.log).toMatchObject({ state: 'no-log', group: expect.stringMatching(/^dms-tasks-/) });

    await monitor.control('apps/app0001#0', 'start');
    await cycle(60);
    await monitor.readLogsNow();
    const firstRead = ofType('dms.log').at(-1)!;
    expect(firstRead.log.state).toBe('following');
    expect(firstRead.log.lines.map((line) => line.text).join('\n')).toContain("Task 'orders-mysql' starting: start-replication");
    const seen = firstRead.log.lines.at(-1)!.seq;

    aws.simulation.injectFault({ type: 'task-failure', task: 'orders-mysql', atPercent: 60, message: 'Injected failure: the source closed the connection' });
    for (let i = 0; i < 12; i++) await cycle(10);
    await monitor.readLogsNow();
    const appended = ofType('dms.log').at(-1)!;
    expect(appended.append).toBe(true);
    expect(appended.log.lines[0]!.seq).toBe(seen + 1);
    const levels = appended.log.lines.map((line) => [line.level, line.component, line.text.replace(/^\S+ /, '')]);
    expect(levels).toContainEqual(['error', 'TASK_MANAGER', '[TASK_MANAGER    ]E:  Injected failure: the source closed the connection']);
    expect(levels.some(([level, , text]) => level === 'info' && String(text).includes('Load finished for table'))).toBe(true);
    expect(monitor.snapshot().tasks[0]!.phase).toBe('failed');
  });
});

describe('DMS console parity through the cockpit core', () => {
  const CANARY = 'CANARY-dms-console-7f3a9c1e5b';
  const PLAN = `version: 1
name: dms console test
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
projects:
  - { name: apps, program: app-instance }
stacks:
  - name: app1
    project: apps
    config: { dbPassword: { secretEnv: APP1_DB_PASSWORD } }
    replicationTasks: [{ taskId: orders-mysql }]
waves:
  - { id: wave-1, name: Wave 1, stacks: [app1] }
`;

  it('answers dms.resources, dms.testConnection and dms.logs.follow within the contract, journals the test, and redacts log lines', async () => {
    const { core, aws, clock, batches, command } = closeLater(
      await startCoreRehearsal({
        plan: PLAN,
        folderPrefix: 'mc-dms-console-',
        scenario: { tasks: [{ id: 'orders-mysql', tables, throughputRowsPerSecond: 1000, parallelTables: 1 }] },
        env: { ...process.env, APP1_DB_PASSWORD: CANARY },
        dmsMonitor: { connectionTest: { pollMs: 10 }, logPollMs: 20 },
      }),
    );
    await core.runtimeOf(dmsTrack)!.replication.current!.refreshNow();

    const resources = await command<TaskResourcesView>('dms.resources', { taskKey: 'apps/app1#0' });
    expect(resources.source).toMatchObject({ identifier: 'orders-mysql-source', engine: 'MySQL' });
    expect(await core.dispatch('dms.resources', { taskKey: 'apps/nope#0' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await core.dispatch('dms.testConnection', { taskKey: 'apps/app1#0', endpoint: 'sideways' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });

    const testing = await command<TaskResourcesView>('dms.testConnection', { taskKey: 'apps/app1#0', endpoint: 'source' });
    expect(testing.source!.connection!.status).toBe('testing');
    clock.advance(CONNECTION_TEST_MS);
    const resourceEvents = () => batches.flatMap((batch) => batch.events).flatMap((event) => (event.type === 'dms.resources' ? event.resources : []));
    await expect.poll(() => resourceEvents().some((view) => view.source?.connection?.status === 'successful'), { timeout: 5000 }).toBe(true);
    await expect
      .poll(
        async () =>
          (await command<{ entries: JournalEntryView[] }>('journal.list', { limit: 20 })).entries
            .filter((entry) => entry.kind === 'dms-test-connection')
            .map((entry) => entry.phase),
        { timeout: 5000 },
      )
      .toEqual(['started', 'succeeded']);

    // The task's log, with a line that echoes a secret the plan names: it never leaves the core in clear.
    aws.simulation.injectFault({
      type: 'task-failure',
      task: 'orders-mysql',
      atPercent: 20,
      message: `Connection refused for dms_user with password ${CANARY}`,
    });
    await command('dms.control', { taskKey: 'apps/app1#0', action: 'start' });
    clock.advance(120_000);
    const followed = await command<TaskLogView[]>('dms.logs.follow', { taskKeys: ['apps/app1#0'] });
    expect(followed).toMatchObject([{ taskKey: 'apps/app1#0' }]);
    const logLines = () => batches.flatMap((batch) => batch.events).flatMap((event) => (event.type === 'dms.log' ? event.log.lines : []));
    await expect
      .poll(() => logLines().some((line) => line.level === 'error' && line.text.includes('Connection refused for dms_user')), { timeout: 5000 })
      .toBe(true);
    expect(JSON.stringify(batches)).not.toContain(CANARY);
    expect(JSON.stringify(await command('dms.logs.follow', { taskKeys: ['apps/app1#0'] }))).not.toContain(CANARY);
    for (const batch of batches) expect(EventBatchSchema.safeParse(batch).success).toBe(true);
    await command('dms.logs.follow', { taskKeys: [] });
  });
});
