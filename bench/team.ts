// The team journal benchmark (npm run bench:team): what sharing the journal costs an operator, measured side by side
// in one run on one real PostgreSQL (Debian's, test/support/postgres-server.ts) against the floor, the local journal
// (one fsync'd JSON line per entry). Reported: an append's latency (call to resolved: the outbox's fsync, the
// transaction, the read-back) for the local file and the team store, alternated in rounds; how long another cockpit
// takes to see an entry (call at A to A's entry arriving at B through NOTIFY); and throughput with two cockpits
// writing at once (total order kept). Rewrites its section of docs/BENCHMARKS.md; asserts nothing.
//
//   node --import tsx bench/team.ts [--entries=300] [--rounds=3] [--no-doc] [--doc=<file>]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { JournalEntry, JournalEntryInput } from '../main/journal/entry';
import { FileJournal } from '../main/journal/journal';
import { TeamJournal } from '../main/team/team-journal';
import { startPostgresServer } from '../test/support/postgres-server';
import { log, REPO } from './lib/common';

/** Milliseconds with two decimals; counts with separators. */
const ms = (value: number) => value.toFixed(2);
const count = (value: number) => Math.round(value).toLocaleString('en-US');
import { writeDocSection } from './lib/doc-section';

const START_MARKER = '<!-- bench:team:start -->';
const END_MARKER = '<!-- bench:team:end -->';

const { values: args } = parseArgs({
  options: {
    entries: { type: 'string', default: '300' },
    rounds: { type: 'string', default: '3' },
    'no-doc': { type: 'boolean', default: false },
    doc: { type: 'string' },
  },
});
const ENTRIES = Number(args.entries);
const ROUNDS = Number(args.rounds);

const input = (n: number, by: string): JournalEntryInput => ({
  operationId: `bench-${by}-${n}`,
  kind: 'cutover-step',
  target: { type: 'cutover-step', waveId: 'wave-1', stepId: 'switch' },
  phase: 'succeeded',
  message: 'a step of a benchmark run, with a message of an ordinary length for the journal',
  details: { attempt: 1, by: 'bench', targets: [{ stackId: 'platform-production/app1101', status: 'succeeded' }] },
});

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function main(): Promise<void> {
  const server = await startPostgresServer();
  const dirs: string[] = [];
  const temp = async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-bench-team-'));
    dirs.push(dir);
    return dir;
  };
  try {
    const db = await server.createDatabase('bench');
    const connection = { host: server.host, port: server.port, user: db.user, password: db.password, database: db.database };
    const arrivals = new Map<string, number>();
    const open = async (actor: string, onArrived?: (entry: JournalEntry) => void) =>
      (await TeamJournal.open({ connection, migration: 'bench', dir: await temp(), actor, ...(onArrived ? { onRemote: onArrived } : {}) })).journal;
    const a = await open('a@bench');
    const b = await open('b@bench', (entry) => arrivals.set(entry.operationId, performance.now()));
    const { journal: file } = await FileJournal.open(await temp(), { actor: 'a@bench' });

    const fileTimes: number[] = [];
    const teamTimes: number[] = [];
    const delivery: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < ENTRIES; i++) {
        let started = performance.now();
        await file.append(input(i, `file-${round}`));
        fileTimes.push(performance.now() - started);
        started = performance.now();
        const written = await a.append(input(i, `team-${round}`));
        teamTimes.push(performance.now() - started);
        const sent = started;
        const seen = () => arrivals.get(written.operationId);
        while (seen() === undefined) await new Promise((resolve) => setImmediate(resolve));
        delivery.push(seen()! - sent);
      }
      log(`round ${round + 1}: file p50 ${ms(percentile(fileTimes, 50))} ms, team p50 ${ms(percentile(teamTimes, 50))} ms`);
    }

    // Two cockpits writing at once: entries per second, and the order every cockpit agrees on.
    const before = (await a.read()).entries.length;
    const started = performance.now();
    await Promise.all([
      ...Array.from({ length: ENTRIES }, (_, i) => a.append(input(i, 'both-a'))),
      ...Array.from({ length: ENTRIES }, (_, i) => b.append(input(i, 'both-b'))),
    ]);
    const seconds = (performance.now() - started) / 1000;
    const total = before + 2 * ENTRIES;
    while ((await b.read()).entries.length < total) await new Promise((resolve) => setTimeout(resolve, 10));
    const ordered = JSON.stringify((await a.read()).entries.map((entry) => entry.seq)) === JSON.stringify((await b.read()).entries.map((entry) => entry.seq));
    await a.close();
    await b.close();

    const rows: [string, string][] = [
      ["floor: local journal append (one fsync'd line), p50 / p95", `${ms(percentile(fileTimes, 50))} / ${ms(percentile(fileTimes, 95))} ms`],
      ['team journal append (outbox fsync, transaction, read-back), p50 / p95', `${ms(percentile(teamTimes, 50))} / ${ms(percentile(teamTimes, 95))} ms`],
      ['ratio to the floor (p50)', (percentile(teamTimes, 50) / percentile(fileTimes, 50)).toFixed(1)],
      ['another cockpit sees the entry (call at A → arrived at B), p50 / p95', `${ms(percentile(delivery, 50))} / ${ms(percentile(delivery, 95))} ms`],
      [`two cockpits writing at once (${count(2 * ENTRIES)} entries)`, `${count((2 * ENTRIES) / seconds)} entries/s`],
      ['both cockpits hold the same total order', ordered ? 'yes' : 'NO'],
    ];
    const section = `${START_MARKER}
## Team journal

\`npm run bench:team\` on ${os.cpus().length} cores, ${new Date().toISOString().slice(0, 10)}: PostgreSQL ${server.version} (Debian's, on loopback, a cluster of the benchmark's own), ${count(ENTRIES)} appends per round × ${ROUNDS} rounds, each team append beside a local one in the same round.

| measure | value |
| --- | --- |
${rows.map(([name, value]) => `| ${name} | ${value} |`).join('\n')}

What the ratio buys: an entry every cockpit of the team sees, in one order, that survives this machine (the store) and the store going away (the outbox). A cutover writes a few entries a minute; the cost per entry is milliseconds either way.
${END_MARKER}`;
    for (const [name, value] of rows) log(`${name}: ${value}`);
    if (!args['no-doc']) await writeDocSection(args.doc ?? path.join(REPO, 'docs', 'BENCHMARKS.md'), { start: START_MARKER, end: END_MARKER }, section);
  } finally {
    await server.close();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

await main();
