// The run's real Cassandra node (test/support/cassandra.ts, started once per test run and shared): what the
// Cassandra tests build on works as they expect. A keyspace with SimpleStrategy RF 1, a table, rows written and read
// back through the driver; the node's token ring (16 vnodes) read from system.local, and token-range scans over the
// whole ring, as a migration's full-table read splits its work, returning every row exactly once; and the
// system.size_estimates table that range splitting reads. A second keyspace on the same node stands in for Amazon
// Keyspaces. Skipped only when the run opted out of Cassandra (MIGRATION_COCKPIT_TEST_SKIP=cassandra).
import type { Client } from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cassandraClient, sharedCassandra, type CassandraAddress } from '../support/cassandra';

const ROWS = 200;

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
  for (const keyspace of ['origin_ks', 'target_ks']) {
    await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
    await client.execute(`CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  }
}, 180_000);

afterAll(async () => {
  if (!client) return;
  for (const keyspace of ['origin_ks', 'target_ks']) await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
  await client.shutdown();
}, 60_000);

/** The node's tokens as bigints, sorted (Murmur3: signed 64-bit). */
async function ringTokens(c: Client): Promise<bigint[]> {
  const local = (await c.execute('SELECT tokens FROM system.local')).first();
  const tokens = [...(local?.get('tokens') as Iterable<string>)].map(BigInt);
  return tokens.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

describe('the shared Cassandra node', () => {
  it('is Cassandra 5.0.6, one node in datacenter1, logged in with a password', async ({ skip }) => {
    if (!client || !node) return skip(skipReason);
    expect(node.releaseVersion).toBe('5.0.6');
    const local = (await client.execute('SELECT release_version, data_center, cluster_name FROM system.local')).first();
    expect(local?.get('release_version')).toBe('5.0.6');
    expect(local?.get('data_center')).toBe(node.localDataCenter);
    expect((await client.execute('SELECT peer FROM system.peers_v2')).rowLength).toBe(0);
    const unauthenticated = cassandraClient({ ...node, password: 'wrong' });
    await expect(unauthenticated.connect()).rejects.toThrow(/Provided username cassandra and\/or password are incorrect|authentication/i);
    await unauthenticated.shutdown();
  });

  it('writes rows to a SimpleStrategy RF 1 keyspace and reads them back', async ({ skip }) => {
    if (!client) return skip(skipReason);
    const keyspace = (await client.execute("SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = 'origin_ks'")).first();
    expect(keyspace?.get('replication')).toEqual({ class: 'org.apache.cassandra.locator.SimpleStrategy', replication_factor: '1' });
    await client.execute('CREATE TABLE origin_ks.orders (customer text, id int, amount decimal, note text, PRIMARY KEY (customer, id))');
    const insert = 'INSERT INTO origin_ks.orders (customer, id, amount, note) VALUES (?, ?, ?, ?)';
    for (let i = 0; i < ROWS; i++) {
      await client.execute(insert, [`c${i % 20}`, i, `${i}.50`, i % 7 === 0 ? null : `order ${i}`], { prepare: true });
    }
    const one = (await client.execute('SELECT * FROM origin_ks.orders WHERE customer = ? AND id = ?', ['c3', 43], { prepare: true })).first();
    expect(one?.get('amount').toString()).toBe('43.50');
    expect(one?.get('note')).toBe('order 43');
    const partition = await client.execute('SELECT id FROM origin_ks.orders WHERE customer = ?', ['c3'], { prepare: true });
    expect(partition.rows.map((row) => row.get('id') as number)).toEqual(Array.from({ length: 10 }, (_, k) => 3 + 20 * k));
    const count = (await client.execute('SELECT count(*) FROM origin_ks.orders')).first();
    expect(Number(count?.get('count'))).toBe(ROWS);
  });

  it("scans the whole table by token ranges between the node's vnode tokens, each row exactly once", async ({ skip }) => {
    if (!client) return skip(skipReason);
    const tokens = await ringTokens(client);
    expect(tokens).toHaveLength(16);
    // Ranges (t[i], t[i+1]], plus the wrap-around split at the ends of the Murmur3 ring: (t[last], max] and [min, t[0]].
    const bounds: [string, bigint, bigint][] = [['token(customer) >= ? AND token(customer) <= ?', -(2n ** 63n), tokens[0]!]];
    for (let i = 0; i + 1 < tokens.length; i++) bounds.push(['token(customer) > ? AND token(customer) <= ?', tokens[i]!, tokens[i + 1]!]);
    bounds.push(['token(customer) > ? AND token(customer) <= ?', tokens.at(-1)!, 2n ** 63n - 1n]);
    const seen: number[] = [];
    let pages = 0;
    for (const [where, from, to] of bounds) {
      // Page through each range, as a full-table read does (50 rows a page; a range may hold more).
      let pageState: string | undefined;
      do {
        const page = await client.execute(`SELECT id, token(customer) AS t FROM origin_ks.orders WHERE ${where}`, [from.toString(), to.toString()], {
          prepare: true,
          fetchSize: 50,
          ...(pageState ? { pageState } : {}),
        });
        for (const row of page.rows) {
          const token = BigInt(row.get('t').toString());
          expect(token >= from && token <= to).toBe(true);
          seen.push(row.get('id') as number);
        }
        pageState = page.pageState ?? undefined;
        pages++;
      } while (pageState);
    }
    expect(pages).toBeGreaterThanOrEqual(bounds.length);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: ROWS }, (_, i) => i));
  });

  it('answers system.size_estimates, the table range splitting reads, for its own token ranges', async ({ skip }) => {
    if (!client) return skip(skipReason);
    const estimates = await client.execute(
      'SELECT range_start, range_end, partitions_count, mean_partition_size FROM system.size_estimates WHERE keyspace_name = ?',
      ['origin_ks'],
    );
    // The node records estimates every few minutes from flushed data, so a fresh table may have none yet; what is
    // there has the columns a splitter reads, and its ranges are bounded by the node's tokens.
    const tokens = new Set((await ringTokens(client)).map(String));
    for (const row of estimates.rows) {
      expect(tokens.has(String(row.get('range_end'))) || tokens.has(String(row.get('range_start')))).toBe(true);
      expect(Number(row.get('partitions_count'))).toBeGreaterThanOrEqual(0);
    }
    const columns = await client.execute("SELECT column_name FROM system_schema.columns WHERE keyspace_name = 'system' AND table_name = 'size_estimates'");
    expect(columns.rows.map((row) => row.get('column_name') as string).sort()).toEqual([
      'keyspace_name',
      'mean_partition_size',
      'partitions_count',
      'range_end',
      'range_start',
      'table_name',
    ]);
  });

  it('holds a second keyspace (the Amazon Keyspaces stand-in) whose rows are copied from the first', async ({ skip }) => {
    if (!client) return skip(skipReason);
    await client.execute('CREATE TABLE IF NOT EXISTS origin_ks.items (id int PRIMARY KEY, name text)');
    await client.execute('CREATE TABLE target_ks.items (id int PRIMARY KEY, name text)');
    for (let i = 0; i < 10; i++) await client.execute('INSERT INTO origin_ks.items (id, name) VALUES (?, ?)', [i, `item ${i}`], { prepare: true });
    const source = await client.execute('SELECT id, name FROM origin_ks.items');
    for (const row of source.rows) {
      await client.execute('INSERT INTO target_ks.items (id, name) VALUES (?, ?)', [row.get('id'), row.get('name')], { prepare: true });
    }
    const copied = await client.execute('SELECT id, name FROM target_ks.items');
    expect(copied.rows.map((row) => `${row.get('id')}:${row.get('name')}`).sort()).toEqual(
      source.rows.map((row) => `${row.get('id')}:${row.get('name')}`).sort(),
    );
  });
});
