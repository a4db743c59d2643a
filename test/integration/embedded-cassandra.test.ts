// The embedded rehearsal's own Cassandra (rehearsal/embedded.ts), for real: started for the demo plan's Keyspaces
// wave without anything set, in the background (the rehearsal is up before the JVM is), on the port the plan's origin
// contact points name, remembered in the rehearsal's folder; the origin keyspaces and tables of the demo's stacks made
// and seeded; stopped by close() with no JVM left; started again on the same folder, it reuses the port and keeps the
// rows. Skipped only when the run opted out of Cassandra (MIGRATION_COCKPIT_TEST_SKIP=cassandra).
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RehearsalPort } from '../../main/ports/rehearsal';
import { embeddedRehearsal, SEED_ROWS_PER_TABLE } from '../../rehearsal/embedded';
import { cassandraClient, cassandraToolchain, CassandraUnavailable } from '../../rehearsal/tracks/keyspaces/cassandra-node';
import { skipNoteOrFail } from '../support/required-tools';

const REPO = path.resolve(import.meta.dirname, '../..');
const DEMO_PLAN = path.join(REPO, 'examples/demo/migration.yaml');
const START_TIMEOUT = 150_000;
/** The demo plan's origin tables (examples/demo/migration.yaml, wave-5). */
const TABLES = ['app1501_sessions.sessions', 'app1501_sessions.sessions_by_user', 'app1502_clickstream.page_views', 'app1502_clickstream.visitors'];

let folder = '';
let skipReason = '';
const env = { ...process.env, MIGRATION_COCKPIT_REHEARSAL_CASSANDRA: '' };

beforeAll(async () => {
  const toolchain = await cassandraToolchain(env);
  if (toolchain instanceof CassandraUnavailable) skipReason = skipNoteOrFail('cassandra', toolchain.message, env);
  folder = await mkdtemp(path.join(os.tmpdir(), 'mc-embedded-cassandra-'));
});

afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** Starts the embedded rehearsal on the test's folder; its log lines and when it resolved. */
async function start(): Promise<{ rehearsal: RehearsalPort; lines: string[]; startedAt: number }> {
  const lines: string[] = [];
  const rehearsal = await embeddedRehearsal(DEMO_PLAN, { env, log: (line) => lines.push(`${Date.now()} ${line}`) })({
    dir: folder,
    registryToken: 'embedded-cassandra-test-token',
  });
  return { rehearsal, lines, startedAt: Date.now() };
}

async function until<T>(what: string, read: () => T | undefined, timeoutMs = START_TIMEOUT - 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Processes whose command line names the node's folder (its JVM). */
function jvmsOf(dir: string): string[] {
  const found = spawnSync('pgrep', ['-f', '--', `cassandra.storagedir=${dir}`], { encoding: 'utf8' });
  return found.stdout.split('\n').filter(Boolean);
}

async function rowCounts(contactPoint: string): Promise<number[]> {
  const client = cassandraClient({ contactPoint, localDataCenter: 'datacenter1', username: '', password: '' });
  try {
    const counts: number[] = [];
    for (const table of TABLES) counts.push(Number((await client.execute(`SELECT count(*) FROM ${table}`)).first()?.get(0)));
    return counts;
  } finally {
    await client.shutdown();
  }
}

describe("the embedded rehearsal's own Cassandra", () => {
  it(
    'starts in the background for the demo plan, seeds the origin tables, stops with close(), and comes back on its port with its rows',
    async ({ skip }) => {
      if (skipReason) return skip(skipReason);
      const nodeDir = path.join(folder, 'cassandra');

      const first = await start();
      const [contactPoint] = first.rehearsal.cassandra?.contactPoints ?? [];
      expect(contactPoint).toMatch(/^127\.0\.0\.1:\d+$/);
      const port = Number(contactPoint!.split(':')[1]);
      // The port the plan's origin contact points name, unless another program holds it (then the log says so).
      if (port !== 19042) expect(first.lines.join('\n')).toMatch(/which another program holds/);
      expect(Number((await readFile(path.join(folder, 'cassandra-port'), 'utf8')).trim())).toBe(port);
      // The rehearsal answered before the node was up: the JVM starts in the background.
      const up = await until('the node to be up and seeded', () => first.lines.find((line) => / is up on /.test(line)));
      expect(Number(up.split(' ')[0])).toBeGreaterThan(first.startedAt);
      expect(up).toMatch(
        new RegExp(`seeded in [\\d.]+ s: ${TABLES.map((table) => `${table.replace('.', '\\.')} \\(${SEED_ROWS_PER_TABLE} rows\\)`).join(', ')}`),
      );
      expect(jvmsOf(nodeDir)).toHaveLength(1);
      expect(await rowCounts(contactPoint!)).toEqual(TABLES.map(() => SEED_ROWS_PER_TABLE));

      await first.rehearsal.close();
      expect(jvmsOf(nodeDir)).toEqual([]);

      const second = await start();
      try {
        expect(second.rehearsal.cassandra?.contactPoints).toEqual([contactPoint]);
        const again = await until('the node to be up again', () => second.lines.find((line) => / is up on /.test(line)));
        expect(again).toMatch(new RegExp(`kept ${TABLES.map((table) => table.replace('.', '\\.')).join(', ')}$`));
        expect(await rowCounts(contactPoint!)).toEqual(TABLES.map(() => SEED_ROWS_PER_TABLE));
      } finally {
        await second.rehearsal.close();
      }
      expect(jvmsOf(nodeDir)).toEqual([]);
    },
    2 * START_TIMEOUT,
  );

  it('starts no node when told not to (MIGRATION_COCKPIT_REHEARSAL_CASSANDRA=off)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-embedded-off-'));
    try {
      const lines: string[] = [];
      const rehearsal = await embeddedRehearsal(DEMO_PLAN, { env: { ...env, MIGRATION_COCKPIT_REHEARSAL_CASSANDRA: 'off' }, log: (line) => lines.push(line) })({
        dir,
        registryToken: 'embedded-cassandra-test-token',
      });
      expect(rehearsal.cassandra).toBeUndefined();
      await rehearsal.close();
      expect(lines).toEqual([]);
      expect(jvmsOf(path.join(dir, 'cassandra'))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says once what to install when java or the jars are missing, and starts without a node', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-embedded-missing-'));
    try {
      const lines: string[] = [];
      const missing = { ...env, MIGRATION_COCKPIT_CASSANDRA_LIB: path.join(dir, 'no-jars-here') };
      const rehearsal = await embeddedRehearsal(DEMO_PLAN, { env: missing, log: (line) => lines.push(line) })({
        dir,
        registryToken: 'embedded-cassandra-test-token',
      });
      expect(rehearsal.cassandra).toBeUndefined();
      await rehearsal.close();
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^the Keyspaces wave of the demo \(platform-production\/app1501, analytics\/app1502\) needs Java 17 and the Cassandra 5\.0\.6 jars: .*bash scripts\/cassandra-toolchain\.sh/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
