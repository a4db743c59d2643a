// DMS conformance through the real SDK v3 client: every operation, paging, filters, range checks, state rules.
import {
  CreateEndpointCommand,
  CreateReplicationTaskCommand,
  DeleteReplicationTaskCommand,
  DescribeEndpointsCommand,
  DescribeEventsCommand,
  DescribeReplicationInstancesCommand,
  DescribeReplicationTasksCommand,
  DescribeTableStatisticsCommand,
  InvalidResourceStateFault,
  ListTagsForResourceCommand,
  ReloadTablesCommand,
  ResourceAlreadyExistsFault,
  ResourceNotFoundFault,
  StartReplicationTaskCommand,
  StopReplicationTaskCommand,
  type DatabaseMigrationServiceClient,
  type ReplicationTask,
} from '@aws-sdk/client-database-migration-service';
import { describe, expect, it } from 'vitest';
import { rawCall, shopTables, useRehearsal } from '../../test-support';

const start = useRehearsal();

const ESTATE = {
  instances: [{ id: 'dms-a' }, { id: 'dms-b' }],
  tasks: [
    { id: 'orders-cdc', instance: 'dms-a', tables: shopTables(25, 50_000) },
    { id: 'billing-full', instance: 'dms-b', migrationType: 'full-load' as const, tables: shopTables(3) },
    { id: 'audit-cdc-only', instance: 'dms-b', migrationType: 'cdc' as const, tables: shopTables(2) },
  ],
};

async function errorOf(promise: Promise<unknown>): Promise<Error & { Code?: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

async function arnOf(dms: DatabaseMigrationServiceClient, id: string): Promise<string> {
  const out = await dms.send(new DescribeReplicationTasksCommand({ Filters: [{ Name: 'replication-task-id', Values: [id] }] }));
  return out.ReplicationTasks![0]!.ReplicationTaskArn!;
}

describe('DescribeReplicationTasks', () => {
  it('pages with Marker through every task exactly once, 20 at a time', async () => {
    const { dms } = await start({ generated: { tasks: 45, autoStart: false, tablesPerTask: 2 } });
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const out = await dms.send(new DescribeReplicationTasksCommand({ MaxRecords: 20, ...(marker ? { Marker: marker } : {}) }));
      seen.push(...out.ReplicationTasks!.map((task) => task.ReplicationTaskIdentifier!));
      marker = out.Marker;
      pages++;
    } while (marker);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(45);
    expect(new Set(seen).size).toBe(45);
    expect(seen[0]).toBe('gen-01-mysql');
  });

  it('returns 100 by default and checks MaxRecords is 20-100', async () => {
    const { dms } = await start({ generated: { tasks: 130, autoStart: false, tablesPerTask: 1 } });
    const first = await dms.send(new DescribeReplicationTasksCommand({}));
    expect(first.ReplicationTasks).toHaveLength(100);
    expect(first.Marker).toBeTypeOf('string');
    const rest = await dms.send(new DescribeReplicationTasksCommand({ Marker: first.Marker }));
    expect(rest.ReplicationTasks).toHaveLength(30);
    expect(rest.Marker).toBeUndefined();
    for (const bad of [19, 101, 0]) {
      const error = await errorOf(dms.send(new DescribeReplicationTasksCommand({ MaxRecords: bad })));
      expect(error.name).toBe('InvalidParameterValueException');
      expect(error.message).toContain('between 20 and 100');
      expect(error.$metadata?.httpStatusCode).toBe(400);
    }
    const marker = await errorOf(dms.send(new DescribeReplicationTasksCommand({ Marker: 'not-a-marker' })));
    expect(marker.name).toBe('InvalidParameterValueException');
  });

  it('filters by each of the five filters, with lists of values, and ANDs filters', async () => {
    const { dms } = await start(ESTATE);
    const all = (await dms.send(new DescribeReplicationTasksCommand({}))).ReplicationTasks!;
    const byId = (id: string) => all.find((task) => task.ReplicationTaskIdentifier === id)!;
    const ids = async (filters: Array<{ Name: string; Values: string[] }>) =>
      (await dms.send(new DescribeReplicationTasksCommand({ Filters: filters }))).ReplicationTasks!.map((task) => task.ReplicationTaskIdentifier).sort();

    expect(await ids([{ Name: 'replication-task-id', Values: ['orders-cdc', 'billing-full'] }])).toEqual(['billing-full', 'orders-cdc']);
    expect(await ids([{ Name: 'replication-task-arn', Values: [byId('audit-cdc-only').ReplicationTaskArn!] }])).toEqual(['audit-cdc-only']);
    expect(await ids([{ Name: 'migration-type', Values: ['full-load', 'cdc'] }])).toEqual(['audit-cdc-only', 'billing-full']);
    expect(await ids([{ Name: 'endpoint-arn', Values: [byId('orders-cdc').TargetEndpointArn!] }])).toEqual(['orders-cdc']);
    expect(await ids([{ Name: 'replication-instance-arn', Values: [byId('billing-full').ReplicationInstanceArn!] }])).toEqual([
      'audit-cdc-only',
      'billing-full',
    ]);
    expect(
      await ids([
        { Name: 'replication-instance-arn', Values: [byId('billing-full').ReplicationInstanceArn!] },
        { Name: 'migration-type', Values: ['cdc'] },
      ]),
    ).toEqual(['audit-cdc-only']);

    // Nothing matched: DMS answers with an error, not an empty list.
    const none = await errorOf(dms.send(new DescribeReplicationTasksCommand({ Filters: [{ Name: 'replication-task-id', Values: ['nope'] }] })));
    expect(none).toBeInstanceOf(ResourceNotFoundFault);
    const unknownFilter = await errorOf(dms.send(new DescribeReplicationTasksCommand({ Filters: [{ Name: 'status', Values: ['running'] }] })));
    expect(unknownFilter.name).toBe('InvalidParameterValueException');
  });

  it('omits the settings WithoutSettings, and parses timestamps as Dates', async () => {
    const { dms, clock } = await start(ESTATE);
    const withSettings = (await dms.send(new DescribeReplicationTasksCommand({}))).ReplicationTasks![0]!;
    expect(JSON.parse(withSettings.ReplicationTaskSettings!)).toHaveProperty('FullLoadSettings');
    const without = (await dms.send(new DescribeReplicationTasksCommand({ WithoutSettings: true }))).ReplicationTasks![0]!;
    expect(without.ReplicationTaskSettings).toBeUndefined();
    expect(without.TableMappings).toContain('selection');
    expect(without.ReplicationTaskCreationDate).toBeInstanceOf(Date);
    expect(without.ReplicationTaskCreationDate!.getTime()).toBeLessThan(clock.now());
    expect(without.Status).toBe('ready');
    expect(without.ReplicationTaskStats).toMatchObject({ FullLoadProgressPercent: 0, TablesLoaded: 0 });
  });
});

describe('starting and stopping', () => {
  it('follows DMS state rules: start-replication once, stop only while running or starting, resume after a run', async () => {
    const { dms, advance } = await start(ESTATE);
    const arn = await arnOf(dms, 'orders-cdc');

    const resumeNew = await errorOf(dms.send(new StartReplicationTaskCommand({ ReplicationTaskArn: arn, StartReplicationTaskType: 'resume-processing' })));
    expect(resumeNew).toBeInstanceOf(InvalidResourceStateFault);
    const reloadNew = await errorOf(dms.send(new StartReplicationTaskCommand({ ReplicationTaskArn: arn, StartReplicationTaskType: 'reload-target' })));
    expect(reloadNew).toBeInstanceOf(InvalidResourceStateFault);
    const stopReady = await errorOf(dms.send(new StopReplicationTaskCommand({ ReplicationTaskArn: arn })));
    expect(stopReady).toBeInstanceOf(InvalidResourceStateFault);

    const started = await dms.send(new StartReplicationTaskCommand({ ReplicationTaskArn: arn, StartReplicationTaskType: 'start-replication' }));
    expect(started.ReplicationTask?.Status).toBe('starting');
    expect(started.ReplicationTask?.ReplicationTaskStartDate).toBeInstanceOf(Date);
    const twice = await errorOf(dms.send(new StartReplicationTaskCommand({ ReplicationTaskArn: arn, StartReplicationTaskType: 'start-replication' })));
    expect(twice).toBeInstanceOf(InvalidResourceStateFault);
    expect(twice.$metadata?.httpStatusCode).toBe(400);

    advance(30);
    const running = (await dms.send(new DescribeReplicationTasksCommand({ Filters: [{ Name: 'replication-task-arn', Values: [arn] }] }))).ReplicationTasks![0]!;
    expect(running.Status).toBe('running');
    expect(await errorOf(dms.send(new StartReplicationTaskCommand({ ReplicationTaskArn: arn, StartReplicationTaskType: 'resume-processing' })))).toBeInstanceOf(
      InvalidResourceStateFault,
    );

    expect((await dms.send(new StopReplicationTaskCommand({ ReplicationTaskArn: arn }))).ReplicationTask?.Status).toBe('stopping');
    expect(await errorOf(dms.send(new StopReplicationTaskCommand({ ReplicationTaskArn: arn })))).toBeInstanceOf(InvalidResourceStateFault);
    advance(15);
    const stopped = (await dms.send(new DescribeReplicationTasksCommand({ Filters: [{ Name: 'replication-task-arn', Values: [arn] }] }))).ReplicationTasks![0]!;
    expect(stopped).toMatchObject({ Status: 'stopped', StopReason: 'Stop Reason NORMAL' });
    expect(stopped.ReplicationTaskStats?.StopDate).toBeInstanceOf(Date);

    // A task that ran cannot start afresh with start-replication; it resumes or reloads.
    const fresh = await errorOf(dms.send(new StartReplicationTaskCommand({ ReplicationTaskArn: arn, StartReplicationTaskType: 'start-replication' })));
    expect(fresh.name).toBe('InvalidParameterCombinationException');
    expect(
      (await dms.send(new StartReplicationTaskCommand({ ReplicationTaskArn: arn, StartReplicationTaskType: 'resume-processing' }))).ReplicationTask?.Status,
    ).toBe('starting');
  });

  it('answers unknown tasks with ResourceNotFoundFault and bad input with ValidationException', async () => {
    const { dms } = await start(ESTATE);
    const unknown = 'arn:aws:dms:eu-central-1:123456789012:task:NOSUCHTASK';
    for (const command of [
      new StartReplicationTaskCommand({ ReplicationTaskArn: unknown, StartReplicationTaskType: 'start-replication' }),
      new StopReplicationTaskCommand({ ReplicationTaskArn: unknown }),
      new DescribeTableStatisticsCommand({ ReplicationTaskArn: unknown }),
    ]) {
      const error = await errorOf(dms.send(command as never));
      expect(error).toBeInstanceOf(ResourceNotFoundFault);
    }
    const badType = await errorOf(dms.send(new StartReplicationTaskCommand({ ReplicationTaskArn: unknown, StartReplicationTaskType: 'go' as never })));
    expect(badType.name).toBe('ValidationException');
  });
});

describe('DescribeTableStatistics', () => {
  it('is empty before the first run, then pages 20-500 with Marker and filters by schema, table and state', async () => {
    const { dms, advance } = await start(ESTATE);
    const arn = await arnOf(dms, 'orders-cdc');
    expect((await dms.send(new DescribeTableStatisticsCommand({ ReplicationTaskArn: arn }))).TableStatistics).toEqual([]);
    await dms.send(new StartReplicationTaskCommand({ ReplicationTaskArn: arn, StartReplicationTaskType: 'start-replication' }));
    advance(40);

    const first = await dms.send(new DescribeTableStatisticsCommand({ ReplicationTaskArn: arn, MaxRecords: 20 }));
    expect(first.TableStatistics).toHaveLength(20);
    const second = await dms.send(new DescribeTableStatisticsCommand({ ReplicationTaskArn: arn, MaxRecords: 20, Marker: first.Marker }));
    expect(second.TableStatistics).toHaveLength(5);
    expect(second.Marker).toBeUndefined();
    expect(new Set([...first.TableStatistics!, ...second.TableStatistics!].map((table) => table.TableName)).size).toBe(25);
    expect((await dms.send(new DescribeTableStatisticsCommand({ ReplicationTaskArn: arn }))).TableStatistics).toHaveLength(25);

    for (const bad of [19, 501]) {
      const error = await errorOf(dms.send(new DescribeTableStatisticsCommand({ ReplicationTaskArn: arn, MaxRecords: bad })));
      expect(error.name).toBe('InvalidParameterValueException');
      expect(error.message).toContain('between 20 and 500');
    }

    const loading = await dms.send(new DescribeTableStatisticsCommand({ ReplicationTaskArn: arn, Filters: [{ Name: 'table-state', Values: ['Full load'] }] }));
    expect(loading.TableStatistics!.length).toBeGreaterThan(0);
    expect(loading.TableStatistics!.length).toBeLessThanOrEqual(4);
    expect(loading.TableStatistics![0]!.FullLoadStartTime).toBeInstanceOf(Date);
    const one = await dms.send(
      new DescribeTableStatisticsCommand({
        ReplicationTaskArn: arn,
        Filters: [
          { Name: 'schema-name', Values: ['shop'] },
          { Name: 'table-name', Values: ['t07', 't08'] },
        ],
      }),
    );
    expect(one.TableStatistics!.map((table) => table.TableName)).toEqual(['t07', 't08']);
    const none = await dms.send(new DescribeTableStatisticsCommand({ ReplicationTaskArn: arn, Filters: [{ Name: 'schema-name', Values: ['other'] }] }));
    expect(none.TableStatistics).toEqual([]);
  });
});

describe('ReloadTables', () => {
  it('reloads data or revalidates tables of a running task only', async () => {
    const { dms, advance } = await start({ tasks: [{ id: 'shop', tables: shopTables(3, 10_000), autoStart: true }] });
    const arn = await arnOf(dms, 'shop');
    advance(10);
    const early = await errorOf(dms.send(new ReloadTablesCommand({ ReplicationTaskArn: arn, TablesToReload: [{ SchemaName: 'shop', TableName: 't01' }] })));
    expect(early).toBeInstanceOf(InvalidResourceStateFault);
    advance(120);
    const stats = async () => (await dms.send(new DescribeTableStatisticsCommand({ ReplicationTaskArn: arn }))).TableStatistics!;
    expect((await stats()).every((table) => table.TableState === 'Table completed' && table.ValidationState === 'Validated')).toBe(true);

    const out = await dms.send(new ReloadTablesCommand({ ReplicationTaskArn: arn, TablesToReload: [{ SchemaName: 'shop', TableName: 't02' }] }));
    expect(out.ReplicationTaskArn).toBe(arn);
    expect((await stats()).find((table) => table.TableName === 't02')).toMatchObject({ TableState: 'Table is being reloaded', FullLoadRows: 0, Inserts: 0 });
    advance(30);
    expect((await stats()).find((table) => table.TableName === 't02')).toMatchObject({ TableState: 'Table completed', FullLoadRows: 10_000 });

    await dms.send(
      new ReloadTablesCommand({ ReplicationTaskArn: arn, ReloadOption: 'validate-only', TablesToReload: [{ SchemaName: 'shop', TableName: 't03' }] }),
    );
    expect((await stats()).find((table) => table.TableName === 't03')).toMatchObject({
      TableState: 'Table completed',
      ValidationState: 'Pending records',
      ValidationPendingRecords: 10_000,
    });

    const unknown = await errorOf(dms.send(new ReloadTablesCommand({ ReplicationTaskArn: arn, TablesToReload: [{ SchemaName: 'shop', TableName: 'nope' }] })));
    expect(unknown.name).toBe('InvalidParameterValueException');
  });
});

describe('instances, endpoints, events', () => {
  it('describes replication instances and endpoints with filters and paging', async () => {
    const { dms } = await start(ESTATE);
    const instances = (await dms.send(new DescribeReplicationInstancesCommand({}))).ReplicationInstances!;
    expect(instances.map((instance) => instance.ReplicationInstanceIdentifier)).toEqual(['dms-a', 'dms-b']);
    expect(instances[0]).toMatchObject({ ReplicationInstanceStatus: 'available', ReplicationInstanceClass: 'dms.r5.large' });
    expect(instances[0]!.InstanceCreateTime).toBeInstanceOf(Date);
    const one = await dms.send(new DescribeReplicationInstancesCommand({ Filters: [{ Name: 'replication-instance-id', Values: ['dms-b'] }] }));
    expect(one.ReplicationInstances!.map((instance) => instance.ReplicationInstanceArn)).toEqual([instances[1]!.ReplicationInstanceArn]);
    expect(await errorOf(dms.send(new DescribeReplicationInstancesCommand({ MaxRecords: 5 })))).toMatchObject({ name: 'InvalidParameterValueException' });

    const endpoints = (await dms.send(new DescribeEndpointsCommand({ MaxRecords: 20 }))).Endpoints!;
    expect(endpoints).toHaveLength(6);
    const sources = await dms.send(new DescribeEndpointsCommand({ Filters: [{ Name: 'endpoint-type', Values: ['source'] }] }));
    expect(sources.Endpoints!.map((endpoint) => endpoint.EndpointIdentifier)).toEqual(['orders-cdc-source', 'billing-full-source', 'audit-cdc-only-source']);
    expect(sources.Endpoints![0]).toMatchObject({ EndpointType: 'SOURCE', EngineName: 'mysql', Status: 'active', Port: 3306 });
  });

  it('creates endpoints and a task (creating → ready), refuses duplicates and deleting a running task, deletes', async () => {
    const { dms, advance } = await start(ESTATE);
    const instanceArn = (await dms.send(new DescribeReplicationInstancesCommand({}))).ReplicationInstances![0]!.ReplicationInstanceArn!;
    const endpoint = async (type: 'source' | 'target') =>
      (
        await dms.send(
          new CreateEndpointCommand({
            EndpointIdentifier: `app9-mysql-${type}`,
            EndpointType: type,
            EngineName: 'mysql',
            ServerName: `app9-${type}.example`,
            Port: 3306,
            Username: 'dms',
            Password: 'x',
          }),
        )
      ).Endpoint!.EndpointArn!;
    const [source, target] = [await endpoint('source'), await endpoint('target')];
    const input = {
      ReplicationTaskIdentifier: 'app9-mysql-full-load-cdc',
      SourceEndpointArn: source,
      TargetEndpointArn: target,
      ReplicationInstanceArn: instanceArn,
      MigrationType: 'full-load-and-cdc' as const,
      TableMappings: JSON.stringify({
        rules: [
          {
            'rule-type': 'selection',
            'rule-id': '1',
            'rule-name': 'all',
            'object-locator': { 'schema-name': 'app9', 'table-name': '%' },
            'rule-action': 'include',
          },
        ],
      }),
      Tags: [{ Key: 'stack', Value: 'app9' }],
    };
    const created = (await dms.send(new CreateReplicationTaskCommand(input))).ReplicationTask!;
    expect(created.Status).toBe('creating');
    expect(await errorOf(dms.send(new CreateReplicationTaskCommand(input)))).toBeInstanceOf(ResourceAlreadyExistsFault);
    expect((await dms.send(new ListTagsForResourceCommand({ ResourceArn: created.ReplicationTaskArn! }))).TagList).toEqual([{ Key: 'stack', Value: 'app9' }]);
    advance(25);
    const ready = (await dms.send(new DescribeReplicationTasksCommand({ Filters: [{ Name: 'replication-task-id', Values: ['app9-mysql-full-load-cdc'] }] })))
      .ReplicationTasks![0]!;
    expect(ready.Status).toBe('ready');

    await dms.send(new StartReplicationTaskCommand({ ReplicationTaskArn: ready.ReplicationTaskArn, StartReplicationTaskType: 'start-replication' }));
    expect(await errorOf(dms.send(new DeleteReplicationTaskCommand({ ReplicationTaskArn: ready.ReplicationTaskArn })))).toBeInstanceOf(
      InvalidResourceStateFault,
    );
    advance(25);
    await dms.send(new StopReplicationTaskCommand({ ReplicationTaskArn: ready.ReplicationTaskArn }));
    advance(15);
    const deleting: ReplicationTask = (await dms.send(new DeleteReplicationTaskCommand({ ReplicationTaskArn: ready.ReplicationTaskArn }))).ReplicationTask!;
    expect(deleting.Status).toBe('deleting');
    advance(15);
    expect(
      await errorOf(dms.send(new DescribeReplicationTasksCommand({ Filters: [{ Name: 'replication-task-id', Values: ['app9-mysql-full-load-cdc'] }] }))),
    ).toBeInstanceOf(ResourceNotFoundFault);

    const events = (await dms.send(new DescribeEventsCommand({ SourceIdentifier: 'app9-mysql-full-load-cdc' }))).Events!;
    expect(events.map((event) => event.Message)).toContain('Replication task created.');
    expect(events.map((event) => event.Message)).toContain('Replication task deleted.');
    expect(events[0]).toMatchObject({ SourceType: 'replication-task', EventCategories: ['creation'] });
    expect(events[0]!.Date).toBeInstanceOf(Date);
  });
});

describe('the wire', () => {
  it('carries simulated time in the Date header, which the SDK adopts as its clock offset', async () => {
    const { dms, clock, advance } = await start(ESTATE);
    advance(3 * 3600);
    await dms.send(new DescribeReplicationTasksCommand({}));
    // What a monitor should treat as "now": the wall clock plus the SDK's offset (about 0 against real AWS).
    const serverNow = Date.now() + dms.config.systemClockOffset;
    expect(Math.abs(serverNow - clock.now())).toBeLessThan(2_000);
  });

  it('answers unknown operations and malformed JSON as AWS does, with epoch-second timestamps', async () => {
    const { aws } = await start(ESTATE);
    const headers = (target: string) => ({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target });
    const unknown = await rawCall(aws, headers('AmazonDMSv20160101.DescribeEverything'), '{}');
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text)).toMatchObject({ __type: 'UnknownOperationException' });
    const broken = await rawCall(aws, headers('AmazonDMSv20160101.DescribeReplicationTasks'), '{nope');
    expect(JSON.parse(broken.text)).toMatchObject({ __type: 'SerializationException' });
    const ok = await rawCall(aws, headers('AmazonDMSv20160101.DescribeReplicationTasks'), '{}');
    expect(ok.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(ok.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const task = (JSON.parse(ok.text) as { ReplicationTasks: Array<Record<string, unknown>> }).ReplicationTasks[0]!;
    expect(typeof task.ReplicationTaskCreationDate).toBe('number');
  });
});
