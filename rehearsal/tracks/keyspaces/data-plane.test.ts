// The data plane over real CQL, against the test run's Cassandra node (test/support/cassandra.ts): one keyspace stands
// in for the data-center cluster, a second for Amazon Keyspaces. Driven as the cockpit drives AWS: the Keyspaces
// client creates the target table (created over CQL too), a Glue job copies 2,000 rows origin → target paced by the
// rehearsal clock, the dual-write proxy writes live rows to both sides (its target side failing where the fault says),
// and the row-mismatch fault deletes and changes rows on the target. Skipped only when the run opted out of Cassandra.
import { CreateJobCommand, GetJobRunCommand, StartJobRunCommand } from '@aws-sdk/client-glue';
import { CreateKeyspaceCommand, CreateTableCommand, GetTableCommand } from '@aws-sdk/client-keyspaces';
import { types, type Client } from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cassandraClient, sharedCassandra, type CassandraAddress } from '../../../test/support/cassandra';
import { T0, useKeyspacesRehearsal, type KeyspacesHarness } from './test-harness';

const ROWS = 2_000;
const ORIGIN = 'ksr_origin';
const TARGET = 'ksr_target';
const JOB = 'ksr-bulk-load';

let node: CassandraAddress | undefined;
let client: Client | undefined;
let skipReason = '';

beforeAll(async () => {
  const shared = await sharedCassandra();
  if (typeof shared === 'string') {
    skipReason = shared;
    return;
  }
  node = shared;
  client = cassandraClient(node);
  await client.connect();
  for (const keyspace of [ORIGIN, TARGET]) await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
  await client.execute(`CREATE KEYSPACE ${ORIGIN} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  await client.execute(
    `CREATE TABLE ${ORIGIN}.orders (tenant text, order_id int, placed_at timestamp, total decimal, note text, tags set<text>, PRIMARY KEY ((tenant), order_id))`,
  );
  const insert = `INSERT INTO ${ORIGIN}.orders (tenant, order_id, placed_at, total, note, tags) VALUES (?, ?, ?, ?, ?, ?)`;
  for (let i = 0; i < ROWS; i += 100) {
    await Promise.all(
      Array.from({ length: 100 }, (_, j) => {
        const n = i + j;
        const values = [`tenant-${n % 13}`, n, new Date(Date.UTC(2026, 0, 1) + n * 60_000), types.BigDecimal.fromString(`${n}.25`), `note ${n}`, [`t${n % 3}`]];
        return client!.execute(insert, values, { prepare: true });
      }),
    );
  }
}, 180_000);

afterAll(async () => {
  if (!client) return;
  for (const keyspace of [ORIGIN, TARGET]) await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
  await client.shutdown();
}, 60_000);

/** Repeats `check` (each try is an HTTP call, so the rehearsal syncs and its background CQL work catches up) until it holds. */
async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function count(keyspace: string): Promise<number> {
  return Number((await client!.execute(`SELECT count(*) FROM ${keyspace}.orders`)).first().get(0));
}

/** Every row as `tenant/order_id → note`. */
async function notes(keyspace: string): Promise<Map<string, string>> {
  const rows = await client!.execute(`SELECT tenant, order_id, note FROM ${keyspace}.orders`, [], { fetchSize: 10_000 });
  return new Map(rows.rows.map((row) => [`${String(row.get('tenant'))}/${String(row.get('order_id'))}`, String(row.get('note'))]));
}

async function runRows(harness: KeyspacesHarness): Promise<{ state: string; rowsCopied: number }> {
  const estate = (await harness.admin('GET', 'keyspaces/estate')).json as { jobs: Array<{ runs: Array<{ state: string; rowsCopied: number }> }> };
  return estate.jobs[0]!.runs[0]!;
}

describe('the Keyspaces data plane over real CQL', () => {
  const start = useKeyspacesRehearsal();

  it('copies 2,000 rows origin → target paced by the clock, writes the proxy live rows, and the row-mismatch fault deletes and changes rows', async (context) => {
    if (skipReason) return context.skip(skipReason);
    const harness = await start({
      cassandra: { contactPoints: [node!.contactPoint], localDataCenter: node!.localDataCenter, username: node!.username, password: node!.password },
    });
    const { keyspaces, glue, advance, admin } = harness;

    // The target table, through the Keyspaces API: created over CQL as well, CREATING until it exists.
    await keyspaces.send(new CreateKeyspaceCommand({ keyspaceName: TARGET }));
    await keyspaces.send(
      new CreateTableCommand({
        keyspaceName: TARGET,
        tableName: 'orders',
        schemaDefinition: {
          allColumns: [
            { name: 'tenant', type: 'text' },
            { name: 'order_id', type: 'int' },
            { name: 'placed_at', type: 'timestamp' },
            { name: 'total', type: 'decimal' },
            { name: 'note', type: 'text' },
            { name: 'tags', type: 'set<text>' },
          ],
          partitionKeys: [{ name: 'tenant' }],
          clusteringKeys: [{ name: 'order_id', orderBy: 'ASC' }],
        },
      }),
    );
    advance(5);
    await eventually('the target table to be ACTIVE', async () => {
      const table = await keyspaces.send(new GetTableCommand({ keyspaceName: TARGET, tableName: 'orders' }));
      return table.status === 'ACTIVE' ? true : undefined;
    });
    expect(await count(TARGET)).toBe(0);

    // The bulk load: 200 rows/s of simulated time; 15 s after the start (10 s STARTING) exactly 1,000 rows are there.
    await glue.send(
      new CreateJobCommand({
        Name: JOB,
        Role: 'arn:aws:iam::123456789012:role/glue',
        Command: { Name: 'glueetl' },
        DefaultArguments: { '--source-keyspace': ORIGIN, '--target-keyspace': TARGET, '--tables': 'orders', '--rows-per-second': '200' },
      }),
    );
    const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: JOB }));
    advance(15);
    await eventually('1,000 rows copied', async () => ((await runRows(harness)).rowsCopied === 1_000 ? true : undefined));
    expect(await count(TARGET)).toBe(1_000);
    expect((await runRows(harness)).state).toBe('RUNNING');

    advance(60);
    const done = await eventually('the run to succeed', async () => {
      const run = (await glue.send(new GetJobRunCommand({ JobName: JOB, RunId: JobRunId }))).JobRun!;
      return run.JobRunState === 'RUNNING' ? undefined : run;
    });
    expect(done.JobRunState).toBe('SUCCEEDED');
    // Started once the table was ACTIVE, 5 simulated seconds in.
    expect(done.StartedOn).toEqual(new Date(T0 + 5_000));
    expect(await count(TARGET)).toBe(ROWS);
    expect(await notes(TARGET)).toEqual(await notes(ORIGIN));
    const records = await harness.minuteSums(
      'Glue',
      'glue.driver.aggregate.recordsRead',
      { JobName: JOB, JobRunId: JobRunId!, Type: 'count' },
      T0,
      T0 + 60_000,
    );
    expect(records).toEqual([ROWS]);

    // The dual-write proxy writes 10 rows/s to both sides; the fault fails 2/s of them on the target for 10 s.
    expect(
      (
        await admin('PUT', 'keyspaces/proxies/app1234', {
          primaryCluster: 'ORIGIN',
          readMode: 'PRIMARY_ONLY',
          originKeyspace: ORIGIN,
          targetKeyspace: TARGET,
          tables: ['orders'],
          writesPerSecond: 10,
        })
      ).status,
    ).toBe(201);
    expect(
      (await admin('POST', 'faults', { type: 'keyspaces-failed-writes', proxy: 'app1234', side: 'target', durationSeconds: 10, perSecond: 2 })).status,
    ).toBe(201);
    advance(30);
    const live = await eventually('300 live rows', async () => {
      const proxy = (await admin('GET', 'keyspaces/proxies/app1234')).json as { liveRows: { written: number; problem: string | null }; counters: unknown };
      return proxy.liveRows.written === 300 ? proxy : undefined;
    });
    expect(live.liveRows.problem).toBeNull();
    expect(live.counters).toMatchObject({ writes: 300, failedWrites: { origin: 0, target: 20, both: 0 } });
    expect(await count(ORIGIN)).toBe(ROWS + 300);
    expect(await count(TARGET)).toBe(ROWS + 280);
    expect((await admin('GET', 'keyspaces/proxies/app1234/metrics')).text).toContain('zdm_proxy_failed_writes_total{failed_on="target"} 20');
    expect((await admin('DELETE', 'keyspaces/proxies/app1234')).status).toBe(204);

    // The row-mismatch fault: 5 rows gone from the target, 5 more with a different note.
    const before = await notes(TARGET);
    expect((await admin('POST', 'faults', { type: 'keyspaces-row-mismatch', keyspace: TARGET, table: 'orders', rows: 5 })).status).toBe(201);
    const mismatch = await eventually('the mismatch to be applied', async () => {
      const faults = (await admin('GET', 'faults')).json as { keyspaces: Array<{ type: string; state: string }> };
      const entry = faults.keyspaces.find((fault) => fault.type === 'keyspaces-row-mismatch');
      return entry && entry.state !== 'running' && entry.state !== 'scheduled' ? entry : undefined;
    });
    expect(mismatch).toMatchObject({ state: 'done', deleted: 5, changed: 5, column: 'note' });
    const after = await notes(TARGET);
    expect(after.size).toBe(before.size - 5);
    expect([...after].filter(([key, note]) => before.get(key) !== note)).toHaveLength(5);
  }, 120_000);
});
