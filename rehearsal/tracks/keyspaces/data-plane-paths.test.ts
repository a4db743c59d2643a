// The data-plane paths over an in-memory DataPlane (data-plane.test.ts runs them over real CQL): a run copies exactly
// what the clock allows, catches up a clock jump in the background and succeeds only after the last row; an injected
// failure leaves exactly its share on the target; a missing table fails the run with the reason; the tables' DDL
// holds them CREATING; the proxy's live rows land on both sides but the target's failed ones; the row-mismatch fault
// deletes and changes rows, and is refused without a data plane.
import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from './data-plane';
import { KEYSPACES_FAULT_OPTIONS } from './fault-schema';
import { MemoryDataPlane } from './memory-data-plane';
import { errorOf, ORDERS_SCHEMA, standaloneTrack, T0 } from './test-harness';
import type { KeyspacesTrackSimulator } from './track';

const COLUMNS: ColumnInfo[] = [
  { name: 'id', type: 'int', kind: 'partition_key' },
  { name: 'note', type: 'text', kind: 'regular' },
  { name: 'total', type: 'decimal', kind: 'regular' },
];
const JOB = { Name: 'bulk-load', Role: 'arn:aws:iam::123456789012:role/glue', Command: { Name: 'glueetl' } };
const COPY_ARGUMENTS = { '--source-keyspace': 'shop', '--target-keyspace': 'shop_aws', '--tables': 'orders', '--rows-per-second': '100' };

function planeWithOrders(rows: number): MemoryDataPlane {
  const plane = new MemoryDataPlane();
  const origin = plane.define('shop', 'orders', COLUMNS);
  for (let id = 0; id < rows; id++) origin.rows.set(JSON.stringify([id]), [id, `note ${id}`, `${id}.50`]);
  plane.define('shop_aws', 'orders', COLUMNS);
  return plane;
}

/** Lets the background work (copies, live writes) catch up with the clock, as the server's syncs would. */
async function catchUp(track: KeyspacesTrackSimulator): Promise<void> {
  for (let round = 0; round < 30; round++) {
    track.sync();
    await Promise.all([
      ...track.simulation.jobs.allRuns().flatMap((run) => (run.copy ? [run.copy.settled()] : [])),
      ...track.simulation.proxies().flatMap((proxy) => (proxy.live ? [proxy.live.settled()] : [])),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

const runOf = (glue: (operation: string, input: unknown) => Record<string, unknown>, runId: string) =>
  (glue('GetJobRun', { JobName: JOB.Name, RunId: runId }) as { JobRun: Record<string, unknown> }).JobRun;

describe('the bulk copy over a data plane', () => {
  it('copies exactly what the clock allows, catches up a clock jump in the background, and succeeds after the last row', async () => {
    const plane = planeWithOrders(2_000);
    const { track, glue, clock, kernel } = standaloneTrack({ dataPlane: plane });
    glue('CreateJob', { ...JOB, DefaultArguments: COPY_ARGUMENTS });
    const { JobRunId } = glue('StartJobRun', { JobName: JOB.Name }) as { JobRunId: string };
    clock.advance(15_000);
    await catchUp(track);
    expect(plane.rowsOf('shop_aws', 'orders')).toHaveLength(500);
    expect((track.simulation.estate() as { jobs: Array<{ runs: unknown[] }> }).jobs[0]!.runs[0]).toMatchObject({
      state: 'RUNNING',
      rowsCopied: 500,
      totalRows: 2_000,
      percent: 25,
    });

    clock.advance(100_000);
    // Right after the jump the rows are not written yet: still RUNNING.
    expect(runOf(glue, JobRunId).JobRunState).toBe('RUNNING');
    await catchUp(track);
    expect(runOf(glue, JobRunId)).toMatchObject({ JobRunState: 'SUCCEEDED', CompletedOn: (T0 + 115_000) / 1000 });
    expect(plane.rowsOf('shop_aws', 'orders')).toEqual(plane.rowsOf('shop', 'orders'));
    const records = kernel.metrics.datapoints(
      {
        id: 'r',
        returnData: true,
        namespace: 'Glue',
        metricName: 'glue.driver.aggregate.recordsRead',
        dimensions: new Map([
          ['JobName', JOB.Name],
          ['JobRunId', JobRunId],
          ['Type', 'count'],
        ]),
        period: 60,
        stat: 'Sum',
      },
      T0,
      clock.now(),
      true,
    );
    expect(records.values).toEqual([2_000]);
  });

  it('stops at the injected percentage, the target holding exactly that share', async () => {
    const plane = planeWithOrders(2_000);
    const { track, glue, clock } = standaloneTrack({ dataPlane: plane });
    glue('CreateJob', { ...JOB, DefaultArguments: COPY_ARGUMENTS });
    track.faults!.inject(
      KEYSPACES_FAULT_OPTIONS[2].parse({ type: 'keyspaces-job-fails', job: JOB.Name, atPercent: 40, message: 'WriteTimeout on shop_aws.orders' }),
      T0,
    );
    const { JobRunId } = glue('StartJobRun', { JobName: JOB.Name }) as { JobRunId: string };
    clock.advance(60_000);
    await catchUp(track);
    expect(runOf(glue, JobRunId)).toMatchObject({ JobRunState: 'FAILED', ErrorMessage: 'WriteTimeout on shop_aws.orders' });
    expect(plane.rowsOf('shop_aws', 'orders')).toHaveLength(800);
  });

  it('fails the run with the reason when a table is missing or the arguments name none', async () => {
    const plane = planeWithOrders(10);
    plane.tables.delete('shop_aws.orders');
    const { track, glue, clock } = standaloneTrack({ dataPlane: plane });
    glue('CreateJob', { ...JOB, DefaultArguments: COPY_ARGUMENTS });
    const missing = glue('StartJobRun', { JobName: JOB.Name }) as { JobRunId: string };
    clock.advance(11_000);
    await catchUp(track);
    expect(runOf(glue, missing.JobRunId)).toMatchObject({
      JobRunState: 'FAILED',
      ErrorMessage:
        'Bulk load failed copying shop.orders to shop_aws.orders: the target table shop_aws.orders does not exist (create it in Keyspaces before the load)',
    });
    const unnamed = glue('StartJobRun', { JobName: JOB.Name, Arguments: { '--tables': '' } }) as { JobRunId: string };
    clock.advance(11_000);
    expect(runOf(glue, unnamed.JobRunId)).toMatchObject({
      JobRunState: 'FAILED',
      ErrorMessage: "Bulk load script failed: the job's arguments name no --tables (a comma-separated list of the tables to copy)",
    });
  });
});

describe('the Keyspaces DDL over a data plane', () => {
  it('creates the keyspace and table over CQL too; the table stays CREATING until that is done', async () => {
    const plane = new MemoryDataPlane();
    const { track, keyspaces, clock } = standaloneTrack({ dataPlane: plane });
    keyspaces('CreateKeyspace', { keyspaceName: 'shop_aws' });
    keyspaces('CreateTable', { keyspaceName: 'shop_aws', tableName: 'orders', schemaDefinition: ORDERS_SCHEMA });
    clock.advance(5_000);
    expect(keyspaces('GetTable', { keyspaceName: 'shop_aws', tableName: 'orders' }).status).toBe('CREATING');
    await catchUp(track);
    expect(keyspaces('GetTable', { keyspaceName: 'shop_aws', tableName: 'orders' }).status).toBe('ACTIVE');
    expect(plane.ddl).toEqual(['keyspace shop_aws', 'table shop_aws.orders']);
    expect((await plane.tableLayout('shop_aws', 'orders'))!.primaryKey).toEqual(['id', 'placed_at']);
  });
});

describe("the proxy's live rows over a data plane", () => {
  it('writes each row to both sides, leaving out the target side of the writes the fault fails there, and counts CQL refusals', async () => {
    const plane = planeWithOrders(0);
    const { track, clock } = standaloneTrack({ dataPlane: plane });
    track.simulation.putProxy('app1234', {
      primaryCluster: 'ORIGIN',
      readMode: 'PRIMARY_ONLY',
      originKeyspace: 'shop',
      targetKeyspace: 'shop_aws',
      tables: ['orders'],
      writesPerSecond: 10,
    });
    track.faults!.inject(
      KEYSPACES_FAULT_OPTIONS[1].parse({ type: 'keyspaces-failed-writes', proxy: 'app1234', side: 'target', durationSeconds: 10, perSecond: 2 }),
      T0,
    );
    clock.advance(30_000);
    await catchUp(track);
    const proxy = track.simulation.proxy('app1234')!;
    expect(proxy.live!.stats).toEqual({ written: 300, skipped: 0, problem: undefined });
    expect(plane.rowsOf('shop', 'orders')).toHaveLength(300);
    expect(plane.rowsOf('shop_aws', 'orders')).toHaveLength(280);
    expect(proxy.failedWrites()).toEqual({ origin: 0, target: 20, both: 0 });

    plane.failingKeyspaces.add('shop_aws');
    clock.advance(10_000);
    await catchUp(track);
    expect(proxy.failedWrites()).toEqual({ origin: 0, target: 120, both: 0 });
    expect(proxy.live!.stats.problem).toBe('live writes to orders failed: Cannot achieve consistency level LOCAL_QUORUM writing to shop_aws.orders');
    expect(plane.rowsOf('shop', 'orders')).toHaveLength(400);
  });
});

describe('the row-mismatch fault', () => {
  it('deletes rows of the target table and changes a column of as many more', async () => {
    const plane = planeWithOrders(50);
    for (const row of plane.rowsOf('shop', 'orders')) await plane.insertRows('shop_aws', 'orders', ['id', 'note', 'total'], [row]);
    const { track } = standaloneTrack({ dataPlane: plane });
    track.faults!.inject(KEYSPACES_FAULT_OPTIONS[3].parse({ type: 'keyspaces-row-mismatch', keyspace: 'shop_aws', table: 'orders', rows: 5 }), T0);
    await catchUp(track);
    expect(track.faults!.describe()).toEqual({
      keyspaces: [expect.objectContaining({ type: 'keyspaces-row-mismatch', state: 'done', deleted: 5, changed: 5, column: 'note' })],
    });
    const target = plane.rowsOf('shop_aws', 'orders');
    expect(target).toHaveLength(45);
    expect(target.filter((row) => String(row[1]).endsWith('(changed on the target)'))).toHaveLength(5);
  });

  it('is refused without a data plane, saying why', () => {
    const { track } = standaloneTrack();
    const spec = KEYSPACES_FAULT_OPTIONS[3].parse({ type: 'keyspaces-row-mismatch', keyspace: 'shop_aws', table: 'orders', rows: 5 });
    expect(errorOf(() => track.faults!.inject(spec, T0))).toMatchObject({
      code: 'ValidationException',
      message: expect.stringContaining('this rehearsal has no data plane'),
    });
  });
});
