// Keyspaces validation over real CQL (main/tracks/keyspaces/validation), against the run's real Cassandra node: one
// keyspace stands in for the data-center cluster, a second for Amazon Keyspaces. Rows of several CQL types (a
// composite partition key, clustering columns, a collection, a blob, a decimal) are copied to both; the validation
// finds them equal; a row lost on the target and a row changed there are found by their token range (counts) and by
// key (samples); a re-check of just those ranges says the same, and clean once the target is repaired; the origin's
// row budget holds. Skipped only when the run opted out of Cassandra (MIGRATION_COCKPIT_TEST_SKIP=cassandra).
import { types, type Client } from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driverSide, type CqlSide } from '../../main/tracks/keyspaces/validation/cql-side';
import { validate, type ValidationRequest } from '../../main/tracks/keyspaces/validation/validator';
import { cassandraClient, sharedCassandra, type CassandraAddress } from '../support/cassandra';

const ROWS = 3000;
const ORIGIN = 'ksv_origin';
const TARGET = 'ksv_target';

let node: CassandraAddress | undefined;
let client: Client | undefined;
let origin: CqlSide | undefined;
let target: CqlSide | undefined;
let skipReason = '';

const TABLE = `(tenant text, customer_id int, created_at timestamp, order_id uuid, total decimal, tags set<text>, payload blob, note text,
  PRIMARY KEY ((tenant, customer_id), created_at, order_id)) WITH CLUSTERING ORDER BY (created_at DESC, order_id ASC)`;

beforeAll(async () => {
  const shared = await sharedCassandra();
  if (typeof shared === 'string') {
    skipReason = shared;
    return;
  }
  node = shared;
  client = cassandraClient(node);
  await client.connect();
  for (const keyspace of [ORIGIN, TARGET]) {
    await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
    await client.execute(`CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
    await client.execute(`CREATE TABLE ${keyspace}.orders ${TABLE}`);
  }
  const insert = (keyspace: string) =>
    `INSERT INTO ${keyspace}.orders (tenant, customer_id, created_at, order_id, total, tags, payload, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
  for (let i = 0; i < ROWS; i += 100) {
    await Promise.all(
      Array.from({ length: 100 }, (_, j) => {
        const n = i + j;
        const values = [
          `tenant-${n % 7}`,
          Math.floor(n / 3),
          new Date(Date.UTC(2026, 0, 1) + n * 60_000),
          types.Uuid.fromString(`00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`),
          types.BigDecimal.fromString(`${n}.${n % 100}`),
          [`t${n % 5}`, `g${n % 3}`],
          Buffer.from([n % 256, (n >> 8) % 256]),
          n % 11 === 0 ? null : `note ${n}`,
        ];
        return Promise.all([ORIGIN, TARGET].map((keyspace) => client!.execute(insert(keyspace), values, { prepare: true })));
      }),
    );
  }
  const connection = {
    contactPoints: [node.contactPoint],
    localDataCenter: node.localDataCenter,
    credentials: { username: node.username, password: node.password },
  };
  origin = driverSide('origin', connection);
  target = driverSide('target', connection);
}, 180_000);

afterAll(async () => {
  await origin?.close();
  await target?.close();
  if (!client) return;
  for (const keyspace of [ORIGIN, TARGET]) await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
  await client.shutdown();
}, 60_000);

const request = (overrides: Partial<ValidationRequest> = {}): ValidationRequest => ({
  originKeyspace: ORIGIN,
  targetKeyspace: TARGET,
  tables: [{ table: 'orders' }],
  settings: { rangesPerTable: 32, sampleRowsPerRange: 20, concurrency: 4, maxOriginRowsPerSecond: 1_000_000 },
  seed: 7,
  ...overrides,
});

describe('validation over real CQL', () => {
  it('finds the two keyspaces equal, every row counted once on each side', async (context) => {
    if (skipReason) return context.skip(skipReason);
    const outcome = await validate(origin!, target!, request());
    expect(outcome.problem).toBeNull();
    expect(outcome.partitioner).toBe('murmur3');
    expect(outcome.tables[0]).toMatchObject({
      table: 'orders',
      rangesChecked: 32,
      originRows: ROWS,
      targetRows: ROWS,
      countMismatches: [],
      rowMismatches: [],
      unchecked: [],
    });
    expect(outcome.tables[0]!.sampledRows).toBeGreaterThan(100);
    expect(outcome.clean).toBe(true);
  });

  it('names a row lost and a row changed on the target by range and key, re-checks those ranges, and is clean once repaired', async (context) => {
    if (skipReason) return context.skip(skipReason);
    const lost = { tenant: 'tenant-3', customer: 3, created: new Date(Date.UTC(2026, 0, 1) + 10 * 60_000), order: '00000000-0000-4000-8000-00000000000a' };
    await client!.execute(
      `DELETE FROM ${TARGET}.orders WHERE tenant = ? AND customer_id = ? AND created_at = ? AND order_id = ?`,
      [lost.tenant, lost.customer, lost.created, types.Uuid.fromString(lost.order)],
      { prepare: true },
    );
    await client!.execute(
      `UPDATE ${TARGET}.orders SET note = 'changed on the target' WHERE tenant = 'tenant-4' AND customer_id = 3 AND created_at = ? AND order_id = ?`,
      [new Date(Date.UTC(2026, 0, 1) + 11 * 60_000), types.Uuid.fromString('00000000-0000-4000-8000-00000000000b')],
      { prepare: true },
    );
    // Samples as large as a range: every row is compared.
    const outcome = await validate(
      origin!,
      target!,
      request({ settings: { rangesPerTable: 32, sampleRowsPerRange: ROWS, concurrency: 4, maxOriginRowsPerSecond: 1_000_000 } }),
    );
    expect(outcome.clean).toBe(false);
    const table = outcome.tables[0]!;
    expect(table.originRows - table.targetRows).toBe(1);
    expect(table.countMismatches).toHaveLength(1);
    expect(table.rowMismatches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'missing-on-target', key: expect.stringContaining(`order_id=${lost.order}`) }),
        expect.objectContaining({ kind: 'differs', key: expect.stringContaining('order_id=00000000-0000-4000-8000-00000000000b') }),
      ]),
    );
    expect(table.rowMismatches).toHaveLength(2);

    const ranges = [...table.countMismatches, ...table.rowMismatches].map((range) => ({ start: BigInt(range.start), end: BigInt(range.end) }));
    const recheck = await validate(
      origin!,
      target!,
      request({
        tables: [{ table: 'orders', ranges }],
        settings: { rangesPerTable: 32, sampleRowsPerRange: ROWS, concurrency: 4, maxOriginRowsPerSecond: 1_000_000 },
      }),
    );
    // The lost row's range is listed twice (its count and its sample): re-checked once.
    expect(recheck.tables[0]!.rangesChecked).toBe(2);
    expect(recheck.tables[0]!.rowMismatches).toHaveLength(2);

    const copy = await client!.execute(`SELECT * FROM ${ORIGIN}.orders WHERE tenant IN ('tenant-3', 'tenant-4') AND customer_id = 3`);
    for (const row of copy.rows)
      await client!.execute(
        `INSERT INTO ${TARGET}.orders (tenant, customer_id, created_at, order_id, total, tags, payload, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          row.get('tenant'),
          row.get('customer_id'),
          row.get('created_at'),
          row.get('order_id'),
          row.get('total'),
          row.get('tags'),
          row.get('payload'),
          row.get('note'),
        ],
        { prepare: true },
      );
    const repaired = await validate(
      origin!,
      target!,
      request({
        tables: [{ table: 'orders', ranges }],
        settings: { rangesPerTable: 32, sampleRowsPerRange: ROWS, concurrency: 4, maxOriginRowsPerSecond: 1_000_000 },
      }),
    );
    expect(repaired.clean).toBe(true);
  });

  it('holds the origin to its row budget', async (context) => {
    if (skipReason) return context.skip(skipReason);
    const outcome = await validate(
      origin!,
      target!,
      request({ settings: { rangesPerTable: 16, sampleRowsPerRange: 0, concurrency: 2, maxOriginRowsPerSecond: 1000 } }),
    );
    expect(outcome.originRowsRead).toBe(ROWS);
    // 3,000 rows at 1,000 rows/s with at most two ranges (≈ 190 rows each) in flight and unpaid at the end.
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(2500);
    expect(outcome.originRowsRead / (outcome.elapsedMs / 1000)).toBeLessThan(1000 * 1.2);
  });
});
