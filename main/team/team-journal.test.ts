// The team journal against a real PostgreSQL (Debian's; test/support/postgres.ts): two cockpits on one migration,
// total order, live delivery, the store going away and coming back, a lost acknowledgement, a restart.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postgresDatabase, startPostgres, type PostgresDatabase, type PostgresServer } from '../../test/support/postgres';
import type { JournalEntry, JournalEntryInput } from '../journal/entry';
import { migrate, MIGRATIONS, SCHEMA_VERSION, StoreTooNew } from './migrations';
import { TeamJournal, type StoreStatus, type TeamJournalOptions } from './team-journal';

const input = (n: number, by = 'a'): JournalEntryInput => ({
  operationId: `op-${by}-${n}`,
  kind: 'up',
  target: { type: 'stack', stackId: `platform/app${n}` },
  phase: 'started',
});

interface Cockpit {
  journal: TeamJournal;
  existing: JournalEntry[];
  appended: JournalEntry[];
  remote: JournalEntry[];
  statuses: StoreStatus[];
  dir: string;
}

const opened: TeamJournal[] = [];
/** Why the tests cannot run (a missing server, opted out of): each test skips with it. */
let skipNote: string | undefined;
const dirs: string[] = [];

async function cockpit(db: PostgresDatabase, options: Partial<TeamJournalOptions> & { dir?: string } = {}): Promise<Cockpit> {
  const dir = options.dir ?? (await mkdtemp(path.join(os.tmpdir(), 'mc-team-')));
  dirs.push(dir);
  const appended: JournalEntry[] = [];
  const remote: JournalEntry[] = [];
  const statuses: StoreStatus[] = [];
  const { journal, existing } = await TeamJournal.open({
    connection: { host: db.host, port: db.port, user: db.user, password: db.password, database: db.database },
    migration: 'shop',
    dir,
    actor: 'tester@host',
    onAppended: (entry) => appended.push(entry),
    onRemote: (entry) => remote.push(entry),
    onStatus: (status) => statuses.push(status),
    retryMs: { first: 50, max: 400 },
    ...options,
  });
  opened.push(journal);
  return { journal, existing: existing.entries, appended, remote, statuses, dir };
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((journal) => journal.close()));
});
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('team journal on a shared store', () => {
  let db: PostgresDatabase;
  beforeAll(async () => {
    const made = await postgresDatabase();
    if (typeof made === 'string') skipNote = made;
    else db = made;
  }, 60_000);

  it('delivers one cockpit’s entries to the other as they are written, with who wrote them', async ({ skip }) => {
    if (skipNote) return skip(skipNote);
    const a = await cockpit(db);
    const b = await cockpit(db);
    const written = await a.journal.append(input(1));
    expect(written.seq).toBeGreaterThan(0);
    await until(() => b.remote.some((entry) => entry.seq === written.seq), "b to see a's entry");
    expect(b.remote.find((entry) => entry.seq === written.seq)).toEqual(written);
    // a's own entry is appended there, never "remote".
    expect(a.appended.map((entry) => entry.seq)).toContain(written.seq);
    expect(a.remote.map((entry) => entry.seq)).not.toContain(written.seq);
    expect(a.journal.storeStatus.state).toBe('connected');
  });

  it('orders concurrent writers totally: dense seqs, the same order in every cockpit', async ({ skip }) => {
    if (skipNote) return skip(skipNote);
    const fresh = await postgresDatabase();
    if (typeof fresh === 'string') throw new Error(fresh);
    const a = await cockpit(fresh);
    const b = await cockpit(fresh);
    await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => a.journal.append(input(i, 'a'))),
      ...Array.from({ length: 40 }, (_, i) => b.journal.append(input(i, 'b'))),
    ]);
    await until(() => a.appended.length === 80 && b.appended.length === 80, 'both mirrors to hold 80 entries');
    expect(a.appended.map((entry) => entry.seq)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    expect(b.appended).toEqual(a.appended);
    expect((await a.journal.read()).entries).toEqual(a.appended);
    // Each writer's own entries keep the order it wrote them in.
    const mine = a.appended.filter((entry) => entry.operationId.startsWith('op-a-')).map((entry) => entry.operationId);
    expect(mine).toEqual(Array.from({ length: 40 }, (_, i) => `op-a-${i}`));
  });

  it('restarts from its mirror and fetches only what it missed', async ({ skip }) => {
    if (skipNote) return skip(skipNote);
    const fresh = await postgresDatabase();
    if (typeof fresh === 'string') throw new Error(fresh);
    const a = await cockpit(fresh);
    const b = await cockpit(fresh);
    await a.journal.append(input(1));
    await a.journal.append(input(2));
    await until(() => b.appended.length === 2, 'b to mirror 2 entries');
    await b.journal.close();
    await a.journal.append(input(3));
    const again = await cockpit(fresh, { dir: b.dir });
    expect(again.existing.map((entry) => entry.operationId)).toEqual(['op-a-1', 'op-a-2', 'op-a-3']);
    // The two it had came from its mirror; only the third was fetched (and published) now.
    expect(again.appended.map((entry) => entry.seq)).toEqual([3]);
  });

  it('writes nothing to a store restored from a backup that lacks entries it has, and says so', async ({ skip }) => {
    if (skipNote) return skip(skipNote);
    const fresh = await postgresDatabase();
    if (typeof fresh === 'string') throw new Error(fresh);
    const a = await cockpit(fresh);
    for (const n of [1, 2, 3]) await a.journal.append(input(n));
    await a.journal.close();
    // "Restored from last night's backup": the third entry is gone, the head is back at 2.
    const admin = new pg.Client({ host: fresh.host, port: fresh.port, user: fresh.user, password: fresh.password, database: fresh.database });
    await admin.connect();
    try {
      await admin.query("DELETE FROM cockpit_journal WHERE migration = 'shop' AND seq = 3");
      await admin.query("UPDATE cockpit_migrations SET last_seq = 2 WHERE migration = 'shop'");
      const again = await cockpit(fresh, { dir: a.dir, openTimeoutMs: 1_000 });
      expect(again.existing.map((entry) => entry.operationId)).toEqual(['op-a-1', 'op-a-2', 'op-a-3']);
      await until(() => again.statuses.some((status) => status.state === 'away'), 'the store to be called away');
      expect(again.statuses.at(-1)?.reason).toMatch(
        /^the team store's journal ends at entry 2, before this cockpit's copy \(entry 3\): was it restored from a backup\?/,
      );
      // An entry written now waits (kept on disk); the store gets nothing that would reuse seq 3.
      void again.journal.append(input(4)).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(
        (await admin.query("SELECT seq FROM cockpit_journal WHERE migration = 'shop' ORDER BY seq")).rows.map((row: { seq: string }) => Number(row.seq)),
      ).toEqual([1, 2]);
    } finally {
      await admin.end();
    }
  });

  it('stores an entry whose acknowledgement was lost exactly once', async ({ skip }) => {
    if (skipNote) return skip(skipNote);
    const fresh = await postgresDatabase();
    if (typeof fresh === 'string') throw new Error(fresh);
    const a = await cockpit(fresh);
    const written = await a.journal.append(input(1));
    const row = await query(fresh, 'SELECT entry_id FROM cockpit_journal WHERE seq = $1', [written.seq]);
    await a.journal.close();
    // As if the commit happened but the cockpit died before removing the entry from its outbox.
    const { seq: _seq, ...rest } = written;
    void _seq;
    await writeFile(path.join(a.dir, 'outbox', `000000000000001-000001-${row[0]!.entry_id}.json`), JSON.stringify({ ...rest, entryId: row[0]!.entry_id }));
    const again = await cockpit(fresh, { dir: a.dir });
    expect(again.existing).toHaveLength(1);
    expect(await query(fresh, 'SELECT count(*)::int AS n FROM cockpit_journal')).toEqual([{ n: 1 }]);
    expect(await readdir(path.join(a.dir, 'outbox'))).toEqual([]);
  });

  it('refuses a store a newer cockpit migrated, and migrates once however often it is asked', async ({ skip }) => {
    if (skipNote) return skip(skipNote);
    const fresh = await postgresDatabase();
    if (typeof fresh === 'string') throw new Error(fresh);
    const connect = async () => {
      const client = new pg.Client({ host: fresh.host, port: fresh.port, user: fresh.user, password: fresh.password, database: fresh.database });
      await client.connect();
      return client;
    };
    const [one, two] = await Promise.all([connect(), connect()]);
    try {
      // Two cockpits starting together: the advisory lock lets one apply the migrations, the other finds them done.
      const results = await Promise.all([migrate(one), migrate(two)]);
      expect(results.flat()).toEqual(MIGRATIONS.map((migration) => migration.version));
      expect(await migrate(one)).toEqual([]);
      // A newer cockpit's additive migration (it says this version still uses the store): joined, nothing applied.
      await one.query("INSERT INTO cockpit_schema (version, name, oldest_user) VALUES ($1, 'from the future, additive', $2)", [
        SCHEMA_VERSION + 1,
        SCHEMA_VERSION,
      ]);
      expect(await migrate(two)).toEqual([]);
      // One that changes what this version relies on: refused, never written.
      await one.query("INSERT INTO cockpit_schema (version, name, oldest_user) VALUES ($1, 'from the future', $1)", [SCHEMA_VERSION + 2]);
      await expect(migrate(two)).rejects.toBeInstanceOf(StoreTooNew);
    } finally {
      await Promise.all([one.end(), two.end()]);
    }
  });
});

describe('team journal when the store goes away', () => {
  let server: PostgresServer | undefined;
  let db: PostgresDatabase;
  beforeAll(async () => {
    const started = await startPostgres();
    if (typeof started === 'string') {
      skipNote = started;
      return;
    }
    server = started;
    const made = await postgresDatabase(server);
    if (typeof made === 'string') throw new Error(made);
    db = made;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('keeps appends waiting while the store is down, then stores each once, in order', async ({ skip }) => {
    if (skipNote) return skip(skipNote);
    const a = await cockpit(db);
    const b = await cockpit(db);
    await a.journal.append(input(0));
    await server!.stop('immediate');
    const during = [a.journal.append(input(1)), a.journal.append(input(2))];
    await until(() => a.journal.storeStatus.state === 'away', 'a to say the store is away');
    expect(a.journal.storeStatus.reason).toBeTruthy();
    expect(JSON.stringify(a.statuses)).not.toContain(db.password);
    let settled = false;
    void Promise.allSettled(during).then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    // What a knew stays readable while the store is away.
    expect((await a.journal.read()).entries.map((entry) => entry.operationId)).toEqual(['op-a-0']);
    await server!.start();
    const stored = await Promise.all(during);
    expect(stored.map((entry) => entry.operationId)).toEqual(['op-a-1', 'op-a-2']);
    await until(() => b.remote.length === 3, 'b to see all three');
    expect(b.remote.map((entry) => entry.operationId)).toEqual(['op-a-0', 'op-a-1', 'op-a-2']);
    expect(await query(db, 'SELECT count(*)::int AS n FROM cockpit_journal')).toEqual([{ n: 3 }]);
    await until(() => a.journal.storeStatus.state === 'connected' && b.journal.storeStatus.state === 'connected', 'both to be connected');
  });

  it('keeps every entry written while the store is down across a restart of the cockpit, in order', async ({ skip }) => {
    if (skipNote) return skip(skipNote);
    const a = await cockpit(db);
    await server!.stop('fast');
    // Three outcomes while the store is away: each is on disk at once, not only the first in line.
    const lost = [7, 8, 9].map((n) => a.journal.append(input(n)).catch((error: Error) => error));
    await until(() => a.journal.storeStatus.pending === 3, 'the three entries to wait in the outbox');
    await a.journal.close();
    for (const outcome of await Promise.all(lost)) expect(outcome).toBeInstanceOf(Error);
    await server!.start();
    const again = await cockpit(db, { dir: a.dir });
    expect(again.existing.slice(-3).map((entry) => entry.operationId)).toEqual(['op-a-7', 'op-a-8', 'op-a-9']);
    expect(await query(db, "SELECT count(*)::int AS n FROM cockpit_journal WHERE entry->>'operationId' IN ('op-a-7', 'op-a-8', 'op-a-9')")).toEqual([{ n: 3 }]);
  });

  it('keeps an entry the store refuses for a while (read-only after a fail-over), and stores it once writable', async ({ skip }) => {
    if (skipNote) return skip(skipNote);
    const a = await cockpit(db);
    await query(db, `ALTER DATABASE "${db.database}" SET default_transaction_read_only = on`);
    // New sessions are read-only; the pool's open ones are not: a restart of the pool's connections makes it so.
    await query(db, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [db.database]);
    const waiting = a.journal.append(input(20));
    await until(
      () => a.journal.storeStatus.state === 'away' && /read-only/.test(a.journal.storeStatus.reason ?? '') && a.journal.storeStatus.pending === 1,
      'a to say the store refuses writes, with the entry kept',
    );
    // This session starts read-only too: its one transaction that lifts it says it writes.
    await query(db, `BEGIN READ WRITE; ALTER DATABASE "${db.database}" SET default_transaction_read_only = off; COMMIT`);
    await query(db, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [db.database]);
    expect((await waiting).operationId).toBe('op-a-20');
    expect(await query(db, "SELECT count(*)::int AS n FROM cockpit_journal WHERE entry->>'operationId' = 'op-a-20'")).toEqual([{ n: 1 }]);
  });
});

async function query(db: PostgresDatabase, sql: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ host: db.host, port: db.port, user: db.user, password: db.password, database: db.database });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows;
  } finally {
    await client.end();
  }
}
