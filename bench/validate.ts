// The validation benchmark (npm run bench:validate): the Keyspaces track's validation (token-range counts on both
// sides plus sampled row checksums, main/tracks/keyspaces/validation) against the floor, a plain full-table scan of
// the same rows with the same driver (cassandra-driver, paged by 5,000), side by side in one run on one real
// Cassandra node (test/support/cassandra.ts; two keyspaces stand in for the origin and Keyspaces). Reported:
// rows compared per second (the origin's rows over the validation's time) against the floor's rows read per second
// (target: ≥ 0.5 of the floor), and the origin's read rate with the row budget set to a quarter of the floor's rate
// (the load bound must hold). Each measurement alternates with the floor over rounds. Rewrites its section of
// docs/BENCHMARKS.md; asserts nothing.
//
//   node --import tsx bench/validate.ts [--rows=200000] [--rounds=3] [--no-doc] [--doc=<file>]
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Client } from 'cassandra-driver';
import { driverSide } from '../main/tracks/keyspaces/validation/cql-side';
import { validate, type ValidationSettings } from '../main/tracks/keyspaces/validation/validator';
import { cassandraClient, startCassandra, type CassandraNode } from '../test/support/cassandra';
import { fmt, log, REPO } from './lib/common';
import { writeDocSection } from './lib/doc-section';

const START_MARKER = '<!-- bench:validate:start -->';
const END_MARKER = '<!-- bench:validate:end -->';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '3' },
    'no-doc': { type: 'boolean', default: false },
    doc: { type: 'string' },
  },
});
const ROWS = Number(args.rows);
const ROUNDS = Number(args.rounds);
const DEFAULTS: ValidationSettings = { rangesPerTable: 64, sampleRowsPerRange: 20, concurrency: 4, maxOriginRowsPerSecond: 10_000_000 };

async function load(client: Client): Promise<void> {
  for (const keyspace of ['bench_origin', 'bench_target']) {
    await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
    await client.execute(`CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
    await client.execute(`CREATE TABLE ${keyspace}.events (account int, day date, seq int, kind text, amount bigint, PRIMARY KEY ((account, day), seq))`);
  }
  const started = performance.now();
  const batch = 200;
  for (let i = 0; i < ROWS; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, ROWS - i) }, (_, j) => {
        const n = i + j;
        const values = [n % 5000, `2026-11-${String(1 + (n % 28)).padStart(2, '0')}`, n, `kind-${n % 9}`, n * 37];
        return Promise.all(
          ['bench_origin', 'bench_target'].map((keyspace) =>
            client.execute(`INSERT INTO ${keyspace}.events (account, day, seq, kind, amount) VALUES (?, ?, ?, ?, ?)`, values, { prepare: true }),
          ),
        );
      }),
    );
  }
  log(`loaded ${fmt.int(ROWS)} rows into each keyspace in ${fmt.s((performance.now() - started) / 1000)}`);
}

/** The floor: every row of the origin's table read once, paged, with the same driver. */
async function fullScan(client: Client): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  let rows = 0;
  await new Promise<void>((resolve, reject) => {
    client.eachRow(
      'SELECT * FROM bench_origin.events',
      [],
      { prepare: true, fetchSize: 5000, autoPage: true },
      () => void (rows += 1),
      (error) => (error ? reject(error) : resolve()),
    );
  });
  return { rows, seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  log(`starting Cassandra (${os.cpus().length} cores)`);
  const node: CassandraNode | string = await startCassandra();
  if (typeof node === 'string') throw new Error(node);
  const client = cassandraClient(node);
  try {
    await client.connect();
    await load(client);
    const connection = {
      contactPoints: [node.contactPoint],
      localDataCenter: node.localDataCenter,
      credentials: { username: node.username, password: node.password },
    };
    const origin = driverSide('origin', connection);
    const target = driverSide('target', connection);
    const request = (settings: ValidationSettings) => ({
      originKeyspace: 'bench_origin',
      targetKeyspace: 'bench_target',
      tables: [{ table: 'events' }],
      settings,
      seed: 1,
    });
    // Warm both paths once (prepared statements, caches), then alternate.
    await fullScan(client);
    await validate(origin, target, request(DEFAULTS));
    const floors: number[] = [];
    const compared: number[] = [];
    let clean = true;
    for (let round = 0; round < ROUNDS; round += 1) {
      const scan = await fullScan(client);
      floors.push(scan.rows / scan.seconds);
      const outcome = await validate(origin, target, request(DEFAULTS));
      clean &&= outcome.clean;
      compared.push(outcome.tables[0]!.originRows / (outcome.elapsedMs / 1000));
      log(`round ${round + 1}: floor ${fmt.int(floors.at(-1)!)} rows/s, validation ${fmt.int(compared.at(-1)!)} rows compared/s`);
    }
    const floor = median(floors);
    const rate = median(compared);
    const bound = Math.round(floor / 4);
    const bounded = await validate(origin, target, request({ ...DEFAULTS, maxOriginRowsPerSecond: bound }));
    const boundedRate = bounded.originRowsRead / (bounded.elapsedMs / 1000);
    log(`bounded to ${fmt.int(bound)} rows/s: the origin read ${fmt.int(boundedRate)} rows/s`);
    await origin.close();
    await target.close();
    const section = [
      START_MARKER,
      '## Keyspaces validation',
      '',
      `\`npm run bench:validate\` on ${os.cpus().length} cores, ${new Date().toISOString().slice(0, 10)}: ${fmt.int(ROWS)} rows (5,000 accounts × 28 days, composite partition key) in an origin and a target keyspace on one real Cassandra ${node.releaseVersion} node; validation with the plan's defaults (64 token ranges, 20 sampled rows per range, 4 queries in flight per side). Medians of ${ROUNDS} rounds, each measurement beside the floor in the same round.`,
      '',
      '| measure | value |',
      '| --- | --- |',
      `| floor: full-table scan, same driver, pages of 5,000 | ${fmt.int(floor)} rows/s |`,
      `| validation: rows compared per second (counts on both sides + samples) | ${fmt.int(rate)} rows/s |`,
      `| ratio to the floor (target ≥ 0.5) | ${(rate / floor).toFixed(2)} |`,
      `| every round clean | ${clean ? 'yes' : 'no'} |`,
      `| origin read rate with the budget at a quarter of the floor (${fmt.int(bound)} rows/s) | ${fmt.int(boundedRate)} rows/s (${(boundedRate / bound).toFixed(2)} of the bound) |`,
      '',
      'Why the validation can beat a scan: the counts are aggregated by Cassandra (`SELECT count(*) … WHERE token(…) > ? AND token(…) <= ?`), so only the sampled rows cross the wire; the origin still reads every row once, which is what its budget bounds.',
      END_MARKER,
    ].join('\n');
    console.log(`\n${section}\n`);
    if (!args['no-doc']) await writeDocSection(args.doc ?? path.join(REPO, 'docs', 'BENCHMARKS.md'), { start: START_MARKER, end: END_MARKER }, section);
  } finally {
    await client.shutdown();
    await node.close();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

await main();
