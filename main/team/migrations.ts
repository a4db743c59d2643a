// The team store's schema, versioned: each migration runs once per database, in order, in one transaction with the
// version it brings, under an advisory lock so two cockpits starting together never both apply one. A database
// that a newer cockpit already moved past is refused (this one would misread it), never written to — unless the
// newer migrations say cockpits of this version still use it correctly (an added column with a default, say), so
// one person updating first does not lock the rest of the team out mid-cutover.
import type pg from 'pg';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** The oldest schema version whose cockpits still use the store correctly after this one (default: this one). */
  readonly oldestUser?: number;
}

/** Ordered; a released migration is never edited, only followed by a new one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'journal',
    sql: `
      -- One row per migration plan (team.migration in the plan): the store's identity and the journal's head.
      CREATE TABLE cockpit_migrations (
        migration  text PRIMARY KEY,
        store_id   uuid NOT NULL,
        last_seq   bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- The journal: seq is dense and totally ordered per migration (taken from the head row inside the writing
      -- transaction, so a later seq is never visible before an earlier one). entry_id is the writer's own id, so a
      -- retried append after a lost acknowledgement finds its row instead of writing a second one.
      CREATE TABLE cockpit_journal (
        migration  text NOT NULL REFERENCES cockpit_migrations (migration),
        seq        bigint NOT NULL,
        entry_id   uuid NOT NULL UNIQUE,
        cockpit_id uuid NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now(),
        entry      jsonb NOT NULL,
        PRIMARY KEY (migration, seq)
      );
    `,
  },
  {
    version: 2,
    name: 'wave locks and presence',
    sql: `
      -- One driver per wave. Times are the store's (now()), so cockpits with skewed clocks agree on expiry. A lease
      -- is renewed by its holder's heartbeat; past expires_at anyone may take the wave over (and journals that).
      CREATE TABLE cockpit_wave_locks (
        migration        text NOT NULL REFERENCES cockpit_migrations (migration),
        wave_id          text NOT NULL,
        holder_actor     text NOT NULL,
        holder_cockpit   uuid NOT NULL,
        purpose          text NOT NULL,
        taken_at         timestamptz NOT NULL,
        renewed_at       timestamptz NOT NULL,
        expires_at       timestamptz NOT NULL,
        -- Someone asked the holder for control (hand-over pending).
        requested_by      text,
        requested_cockpit uuid,
        requested_at      timestamptz,
        PRIMARY KEY (migration, wave_id)
      );
      -- Who is on the plan now: one row per running cockpit, seen at its heartbeat.
      CREATE TABLE cockpit_presence (
        migration  text NOT NULL REFERENCES cockpit_migrations (migration),
        cockpit_id uuid NOT NULL,
        actor      text NOT NULL,
        roles      text[] NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        last_seen  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (migration, cockpit_id)
      );
    `,
  },
  {
    version: 3,
    name: 'war-room watchers in presence',
    // Added columns with defaults: a cockpit of version 2 reads and writes presence as before.
    oldestUser: 2,
    sql: `
      -- Who watches: a person on a cockpit's war room (kind 'war-room') is present too, renewed by the cockpit that
      -- serves it (host_cockpit, named in via) and gone with it.
      ALTER TABLE cockpit_presence
        ADD COLUMN kind text NOT NULL DEFAULT 'cockpit',
        ADD COLUMN via text,
        ADD COLUMN host_cockpit uuid;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;
/** pg_advisory_xact_lock key of schema changes ('mc' 'sc' as two int32s). */
const MIGRATION_LOCK = [0x6d63, 0x7363] as const;

export class StoreTooNew extends Error {}

/** Brings the database to SCHEMA_VERSION; returns the versions it applied. */
export async function migrate(client: pg.ClientBase, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS cockpit_schema (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    await client.query('ALTER TABLE cockpit_schema ADD COLUMN IF NOT EXISTS oldest_user integer');
    const { rows } = await client.query<{ version: number; oldest_user: number | null }>(
      'SELECT version, oldest_user FROM cockpit_schema ORDER BY version DESC LIMIT 1',
    );
    const current = rows[0]?.version ?? 0;
    const newest = migrations.at(-1)?.version ?? 0;
    if (current > newest) {
      const oldestUser = rows[0]?.oldest_user ?? current;
      if (oldestUser <= newest) {
        await client.query('COMMIT');
        return applied;
      }
      throw new StoreTooNew(
        `the team store's schema is at version ${current}, newer than this cockpit's ${newest}: a newer cockpit wrote it; update this cockpit before joining`,
      );
    }
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO cockpit_schema (version, name, oldest_user) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.oldestUser ?? migration.version,
      ]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
