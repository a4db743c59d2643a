// Connection tests (TestConnection, DescribeConnections) and the tasks' CloudWatch Logs (GetLogEvents,
// FilterLogEvents) through the real SDK v3 clients, on a manual clock.
import { CloudWatchLogsClient, FilterLogEventsCommand, GetLogEventsCommand, ResourceNotFoundException } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeConnectionsCommand,
  DescribeEndpointsCommand,
  ResourceNotFoundFault,
  StartReplicationTaskCommand,
  StopReplicationTaskCommand,
  TestConnectionCommand,
} from '@aws-sdk/client-database-migration-service';
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECTION_TEST_MS } from './simulation';
import { REGION, shopTables, useRehearsal, type Harness } from '../../test-support';

const start = useRehearsal();
const clients: CloudWatchLogsClient[] = [];
afterEach(() => clients.splice(0).forEach((client) => client.destroy()));

const ESTATE = {
  instances: [{ id: 'dms-a' }],
  tasks: [{ id: 'orders-cdc', instance: 'dms-a', tables: shopTables(3, 100_000), throughputRowsPerSecond: 2000, parallelTables: 1 }],
};

function logsClient(harness: Harness): CloudWatchLogsClient {
  const client = new CloudWatchLogsClient({
    endpoint: harness.aws.url,
    region: REGION,
    credentials: { accessKeyId: 'AKIAREHEARSAL0000000', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  clients.push(client);
  return client;
}

async function endpointsOf(harness: Harness, taskId: string) {
  const task = harness.aws.simulation.task(taskId)!;
  return {
    instanceArn: task.identity.instanceArn,
    sourceArn: task.identity.sourceEndpointArn,
    targetArn: task.identity.targetEndpointArn,
    resourceId: task.identity.resourceId,
  };
}

describe('TestConnection and DescribeConnections', () => {
  it('tests for a while on the rehearsal clock, then succeeds; an injected fault makes it fail with DMS-like text', async () => {
    const harness = await start(ESTATE);
    const { dms } = harness;
    const { instanceArn, sourceArn, targetArn } = await endpointsOf(harness, 'orders-cdc');
    const first = await dms.send(new TestConnectionCommand({ ReplicationInstanceArn: instanceArn, EndpointArn: sourceArn }));
    expect(first.Connection).toMatchObject({ Status: 'testing', EndpointIdentifier: 'orders-cdc-source', ReplicationInstanceIdentifier: 'dms-a' });
    const read = async (endpointArn: string) =>
      (
        await dms.send(
          new DescribeConnectionsCommand({
            Filters: [
              { Name: 'endpoint-arn', Values: [endpointArn] },
              { Name: 'replication-instance-arn', Values: [instanceArn] },
            ],
          }),
        )
      ).Connections!;
    expect(await read(sourceArn)).toMatchObject([{ Status: 'testing' }]);
    harness.advance(CONNECTION_TEST_MS / 1000);
    expect(await read(sourceArn)).toEqual([expect.objectContaining({ Status: 'successful', EndpointArn: sourceArn })]);
    expect((await read(sourceArn))[0]!.LastFailureMessage).toBeUndefined();

    harness.aws.simulation.injectFault({ type: 'connection-failure', endpoint: 'orders-cdc-target', at: 0 });
    await dms.send(new TestConnectionCommand({ ReplicationInstanceArn: instanceArn, EndpointArn: targetArn }));
    harness.advance(CONNECTION_TEST_MS / 1000);
    const [failed] = await read(targetArn);
    expect(failed).toMatchObject({ Status: 'failed' });
    expect(failed!.LastFailureMessage).toMatch(/Can't connect to MySQL server on '.+' \(110\)/);
    // Without filters: every connection tested so far.
    expect((await dms.send(new DescribeConnectionsCommand({}))).Connections).toHaveLength(2);
  });

  it('refuses an unknown endpoint or instance with ResourceNotFoundFault, and a fault for an unknown endpoint', async () => {
    const harness = await start(ESTATE);
    const { instanceArn } = await endpointsOf(harness, 'orders-cdc');
    await expect(
      harness.dms.send(new TestConnectionCommand({ ReplicationInstanceArn: instanceArn, EndpointArn: `${instanceArn}:nope` })),
    ).rejects.toBeInstanceOf(ResourceNotFoundFault);
    expect(() => harness.aws.simulation.injectFault({ type: 'connection-failure', endpoint: 'nope-source', at: 0 })).toThrow(/no endpoint 'nope-source'/);
  });

  it('never shows an endpoint password, and DescribeEndpoints filters by ARN', async () => {
    const harness = await start(ESTATE);
    const { sourceArn } = await endpointsOf(harness, 'orders-cdc');
    const out = await harness.dms.send(new DescribeEndpointsCommand({ Filters: [{ Name: 'endpoint-arn', Values: [sourceArn] }] }));
    expect(out.Endpoints).toMatchObject([{ EndpointArn: sourceArn, EndpointIdentifier: 'orders-cdc-source', EngineName: 'mysql', Port: 3306 }]);
    expect(JSON.stringify(out)).not.toMatch(/password/i);
  });
});

describe('CloudWatch Logs of the tasks', () => {
  it('has no stream before the task first runs, then the lines the task writes as it starts, loads, goes to CDC and stops', async () => {
    const harness = await start(ESTATE);
    const logs = logsClient(harness);
    const { resourceId } = await endpointsOf(harness, 'orders-cdc');
    const stream = { logGroupName: 'dms-tasks-dms-a', logStreamName: `dms-task-${resourceId}` };
    await expect(logs.send(new GetLogEventsCommand(stream))).rejects.toBeInstanceOf(ResourceNotFoundException);

    const arn = harness.aws.simulation.task('orders-cdc')!.identity.arn;
    await harness.dms.send(new StartReplicationTaskCommand({ ReplicationTaskArn: arn, StartReplicationTaskType: 'start-replication' }));
    harness.advance(120);
    const first = await logs.send(new GetLogEventsCommand({ ...stream, limit: 3 }));
    // Without a token: the newest events, oldest first among them.
    expect(first.events).toHaveLength(3);
    const all = await logs.send(new GetLogEventsCommand({ ...stream, startFromHead: true }));
    const texts = all.events!.map((event) => event.message!);
    expect(texts[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d \[TASK_MANAGER {4}\]I: {2}Task 'orders-cdc' starting: start-replication/);
    expect(texts.some((text) => text.includes("Start loading table 'shop'.'t01' (Id = 1)"))).toBe(true);
    expect(texts.some((text) => text.includes("Load finished for table 'shop'.'t01' (Id = 1). 100000 rows received."))).toBe(true);
    expect(all.events!.every((event, i, list) => i === 0 || event.timestamp! >= list[i - 1]!.timestamp!)).toBe(true);
    expect(all.events![0]!.timestamp).toBeGreaterThan(1e12); // epoch milliseconds

    // Tail-following: the forward token gives only what is new, and itself back at the end of the stream.
    const end = await logs.send(new GetLogEventsCommand({ ...stream, nextToken: all.nextForwardToken, startFromHead: true }));
    expect(end.events).toEqual([]);
    expect(end.nextForwardToken).toBe(all.nextForwardToken);
    harness.advance(120);
    await harness.dms.send(new StopReplicationTaskCommand({ ReplicationTaskArn: arn }));
    harness.advance(15);
    const fresh = await logs.send(new GetLogEventsCommand({ ...stream, nextToken: end.nextForwardToken, startFromHead: true }));
    const freshTexts = fresh.events!.map((event) => event.message!);
    expect(freshTexts.some((text) => text.includes('All tables are loaded'))).toBe(true);
    expect(freshTexts.some((text) => text.includes('Full load done: applying the changes cached during the full load'))).toBe(true);
    expect(freshTexts.at(-1)).toContain(`Task 'orders-cdc' stopped: Stop Reason NORMAL`);
    // Backward paging reaches the older events.
    const back = await logs.send(new GetLogEventsCommand({ ...stream, nextToken: first.nextBackwardToken, limit: 2 }));
    expect(back.events).toHaveLength(2);
    // A forward token needs startFromHead, as CloudWatch Logs says.
    await expect(logs.send(new GetLogEventsCommand({ ...stream, nextToken: all.nextForwardToken }))).rejects.toThrow(/you must specify true for startFromHead/);
  });

  it('logs a failure with severity E, and FilterLogEvents finds it across the group', async () => {
    const harness = await start(ESTATE);
    const logs = logsClient(harness);
    harness.aws.simulation.injectFault({ type: 'task-failure', task: 'orders-cdc', atPercent: 30, message: 'Injected failure: lost the source' });
    const arn = harness.aws.simulation.task('orders-cdc')!.identity.arn;
    await harness.dms.send(new StartReplicationTaskCommand({ ReplicationTaskArn: arn, StartReplicationTaskType: 'start-replication' }));
    harness.advance(300);
    const found = await logs.send(new FilterLogEventsCommand({ logGroupName: 'dms-tasks-dms-a', filterPattern: '"Injected failure"' }));
    expect(found.events!.map((event) => event.message)).toEqual([expect.stringMatching(/\]E: {2}Injected failure: lost the source$/)]);
    const paged = await logs.send(new FilterLogEventsCommand({ logGroupName: 'dms-tasks-dms-a', limit: 2 }));
    expect(paged.events).toHaveLength(2);
    expect(paged.nextToken).toBeDefined();
    const next = await logs.send(new FilterLogEventsCommand({ logGroupName: 'dms-tasks-dms-a', limit: 2, nextToken: paged.nextToken }));
    expect(Number(next.events![0]!.eventId)).toBeGreaterThan(Number(paged.events![1]!.eventId));
    await expect(logs.send(new FilterLogEventsCommand({ logGroupName: 'dms-tasks-nope' }))).rejects.toThrow('The specified log group does not exist.');
  });

  it('logs a task that replicates changes every half hour, warning when it falls behind', async () => {
    const harness = await start({
      instances: [{ id: 'dms-a' }],
      tasks: [
        {
          id: 'cdc-only',
          instance: 'dms-a',
          migrationType: 'cdc',
          tables: shopTables(1),
          changeRatePerSecond: 50,
          applyCapacityPerSecond: 40,
          autoStart: true,
        },
      ],
    });
    harness.advance(3700);
    const logs = logsClient(harness);
    const resourceId = harness.aws.simulation.task('cdc-only')!.identity.resourceId;
    const out = await logs.send(new GetLogEventsCommand({ logGroupName: 'dms-tasks-dms-a', logStreamName: `dms-task-${resourceId}`, startFromHead: true }));
    const applies = out.events!.map((event) => event.message!).filter((text) => text.includes('[TARGET_APPLY'));
    expect(applies.length).toBe(2);
    expect(applies.at(-1)).toMatch(/\]W: {2}Apply is falling behind: \d+ changes applied in the last 30 minutes/);
  });
});
