// AWS/Cassandra through the real CloudWatch client: the bulk load's rows and the proxy's writes as consumed write
// capacity on the tables they land in, zero throttles normally, an injected throttle visible minute by minute, and
// SuccessfulRequestLatency per Operation.
import { CreateKeyspaceCommand, CreateTableCommand } from '@aws-sdk/client-keyspaces';
import { CreateJobCommand, StartJobRunCommand } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { ORDERS_SCHEMA, T0, useKeyspacesRehearsal, type KeyspacesHarness } from './test-harness';

const ORDERS = { Keyspace: 'shop_aws', TableName: 'orders' };
const CUSTOMERS = { Keyspace: 'shop_aws', TableName: 'customers' };

async function estateWithLoadAndProxy(harness: KeyspacesHarness): Promise<void> {
  await harness.keyspaces.send(new CreateKeyspaceCommand({ keyspaceName: 'shop_aws' }));
  for (const tableName of ['orders', 'customers'])
    await harness.keyspaces.send(new CreateTableCommand({ keyspaceName: 'shop_aws', tableName, schemaDefinition: ORDERS_SCHEMA }));
  await harness.glue.send(
    new CreateJobCommand({
      Name: 'bulk-load',
      Role: 'arn:aws:iam::123456789012:role/glue',
      Command: { Name: 'glueetl' },
      DefaultArguments: { '--source-keyspace': 'shop', '--target-keyspace': 'shop_aws', '--tables': 'orders,customers', '--rows': '240000' },
    }),
  );
  await harness.glue.send(new StartJobRunCommand({ JobName: 'bulk-load' }));
  const put = await harness.admin('PUT', 'keyspaces/proxies/app1234', {
    primaryCluster: 'ORIGIN',
    readMode: 'PRIMARY_ONLY',
    originKeyspace: 'shop',
    targetKeyspace: 'shop_aws',
    tables: ['orders'],
  });
  expect(put.status).toBe(201);
}

describe('AWS/Cassandra metrics', () => {
  const start = useKeyspacesRehearsal();

  it("counts the bulk load's rows and the proxy's writes as consumed write capacity, table by table, with zero throttles", async () => {
    const harness = await start();
    await estateWithLoadAndProxy(harness);
    harness.advance(180);
    const sums = (name: string, table: Record<string, string>) => harness.minuteSums('AWS/Cassandra', name, table, T0, T0 + 180_000);
    // The load copies orders (T0+10 s to T0+70 s at 2,000 rows/s), then customers; the proxy writes 50/s to orders.
    expect(await sums('ConsumedWriteCapacityUnits', ORDERS)).toEqual([103_000, 23_000, 3_000]);
    expect(await sums('ConsumedWriteCapacityUnits', CUSTOMERS)).toEqual([0, 100_000, 20_000]);
    // PRIMARY_ONLY on ORIGIN: nothing reads the target yet.
    expect(await sums('ConsumedReadCapacityUnits', ORDERS)).toEqual([0, 0, 0]);
    for (const name of ['WriteThrottleEvents', 'ReadThrottleEvents', 'StoragePartitionThroughputCapacityExceeded', 'SystemErrors', 'UserErrors'])
      expect(await sums(name, ORDERS)).toEqual([0, 0, 0]);
    // SuccessfulRequestLatency is per Operation: INSERT in every minute with writes, a few ms with a little noise.
    const latency = await harness.minuteSums('AWS/Cassandra', 'SuccessfulRequestLatency', { ...ORDERS, Operation: 'INSERT' }, T0, T0 + 180_000, 'Average');
    expect(latency).toHaveLength(3);
    for (const value of latency) {
      expect(value).toBeGreaterThan(2.6);
      expect(value).toBeLessThan(3.6);
    }
    expect(await harness.minuteSums('AWS/Cassandra', 'SuccessfulRequestLatency', ORDERS, T0, T0 + 180_000)).toEqual([]);
    expect(await harness.minuteSums('AWS/Cassandra', 'SuccessfulRequestLatency', { ...ORDERS, Operation: 'SELECT' }, T0, T0 + 180_000)).toEqual([]);
    expect(await sums('ConsumedWriteCapacityUnits', { Keyspace: 'shop_aws', TableName: 'nope' })).toEqual([]);

    // Phase 3 mirrors the reads to the target: one read per write.
    await harness.admin('PUT', 'keyspaces/proxies/app1234', {
      primaryCluster: 'ORIGIN',
      readMode: 'DUAL_ASYNC_ON_SECONDARY',
      originKeyspace: 'shop',
      targetKeyspace: 'shop_aws',
      tables: ['orders'],
    });
    harness.advance(60);
    expect(await harness.minuteSums('AWS/Cassandra', 'ConsumedReadCapacityUnits', ORDERS, T0 + 180_000, T0 + 240_000)).toEqual([3_000]);
  });

  it('shows an injected throttle in GetMetricData, on the table and for the kind it names, for its duration', async () => {
    const harness = await start();
    await estateWithLoadAndProxy(harness);
    harness.advance(180);
    const missing = await harness.admin('POST', 'faults', {
      type: 'keyspaces-throttle',
      keyspace: 'shop_aws',
      table: 'nope',
      durationSeconds: 60,
      eventsPerMinute: 5,
    });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ message: 'Table shop_aws.nope does not exist in eu-central-1 (account 123456789012)' });
    const bad = await harness.admin('POST', 'faults', { type: 'keyspaces-throttle', keyspace: 'shop_aws', durationSeconds: 0, eventsPerMinute: 5 });
    expect(bad.json).toMatchObject({ message: 'durationSeconds: expected a duration above 0, e.g. 90, "5m"' });

    const injected = await harness.admin('POST', 'faults', [
      { type: 'keyspaces-throttle', keyspace: 'shop_aws', table: 'orders', durationSeconds: 120, eventsPerMinute: 30 },
      { type: 'keyspaces-throttle', keyspace: 'shop_aws', from: 'reads', at: '1m', durationSeconds: '1m', eventsPerMinute: 12 },
    ]);
    expect(injected.status).toBe(201);
    expect((injected.json as { keyspaces: unknown[] }).keyspaces).toEqual([
      expect.objectContaining({
        type: 'keyspaces-throttle',
        table: 'orders',
        writes: true,
        reads: false,
        from: '2026-12-05T00:03:00.000Z',
        until: '2026-12-05T00:05:00.000Z',
      }),
      expect.objectContaining({ type: 'keyspaces-throttle', keyspace: 'shop_aws', writes: false, reads: true, from: '2026-12-05T00:04:00.000Z' }),
    ]);
    harness.advance(240);
    const from = T0 + 180_000;
    const to = T0 + 420_000;
    expect(await harness.minuteSums('AWS/Cassandra', 'WriteThrottleEvents', ORDERS, from, to)).toEqual([30, 30, 0, 0]);
    expect(await harness.minuteSums('AWS/Cassandra', 'WriteThrottleEvents', CUSTOMERS, from, to)).toEqual([0, 0, 0, 0]);
    expect(await harness.minuteSums('AWS/Cassandra', 'ReadThrottleEvents', ORDERS, from, to)).toEqual([0, 12, 0, 0]);
    expect(await harness.minuteSums('AWS/Cassandra', 'ReadThrottleEvents', CUSTOMERS, from, to)).toEqual([0, 12, 0, 0]);
    expect(await harness.minuteSums('AWS/Cassandra', 'WriteThrottleEvents', { ...ORDERS, Operation: 'INSERT' }, from, to)).toEqual([30, 30, 0, 0]);
    expect(await harness.minuteSums('AWS/Cassandra', 'WriteThrottleEvents', ORDERS, from, to, 'Maximum')).toEqual([30, 30, 0, 0]);

    expect((await harness.admin('DELETE', 'faults')).status).toBe(204);
    expect(((await harness.admin('GET', 'faults')).json as { keyspaces: unknown[] }).keyspaces).toEqual([]);
  });
});
