// A real PostgreSQL for tests (the team store): Debian's server, one cluster for the whole test run, started by the
// run's broker (test/support/servers-global-setup.ts) the first time a test file asks. Each test takes a database of
// its own on it (`postgresDatabase()`), so test files running side by side never see each other's rows. A test that
// stops or restarts the server starts a cluster of its own (`startPostgres()`): the shared one never goes away.
// In CI a missing server is a failure; only an explicit opt-out (MIGRATION_COCKPIT_TEST_SKIP=postgres) skips.
import { inject } from 'vitest';
import { askBroker, startLazyBroker, type LazyBroker } from './lazy-broker';
import { createDatabaseOn, PostgresUnavailable, startPostgresServer, type PostgresAddress, type PostgresServer } from './postgres-server';
import { skipNoteOrFail } from './required-tools';

export type { PostgresAddress, PostgresServer } from './postgres-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The URL of the run's PostgreSQL broker (test/support/servers-global-setup.ts). */
    postgresBroker: string;
  }
}

/** A database of a test's own: where it is and the login that owns it. */
export interface PostgresDatabase {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  /** `postgres://user@host:port/database`: the password is never in it. */
  readonly url: string;
}

/** A cluster of the caller's own (stop it with close()); a skip note when the run opted out of a missing server. */
export async function startPostgres(env: NodeJS.ProcessEnv = process.env): Promise<PostgresServer | string> {
  try {
    return await startPostgresServer(env);
  } catch (error) {
    if (error instanceof PostgresUnavailable) return skipNoteOrFail('postgres', error.message, env);
    throw error;
  }
}

export function startPostgresBroker(): Promise<LazyBroker> {
  return startLazyBroker(
    'postgres',
    () => startPostgres(),
    ({ host, port, user, password, version }) => ({ host, port, user, password, version }),
    (server) => server.close(),
  );
}

/** The run's shared cluster (do not stop it; the run does), or the skip note. */
export function sharedPostgres(): Promise<PostgresAddress | string> {
  return askBroker<PostgresAddress>(inject('postgresBroker'), 'PostgreSQL');
}

/** A fresh database on the run's cluster (or on `server`), owned by a fresh login; or the skip note. */
export async function postgresDatabase(server?: PostgresServer, prefix = 'cockpit'): Promise<PostgresDatabase | string> {
  if (server) return databaseOn(server, await server.createDatabase(prefix));
  const shared = await sharedPostgres();
  if (typeof shared === 'string') return shared;
  return databaseOn(shared, await createDatabaseOn(shared, prefix));
}

function databaseOn(server: Pick<PostgresAddress, 'host' | 'port'>, db: { database: string; user: string; password: string }): PostgresDatabase {
  return { host: server.host, port: server.port, ...db, url: `postgres://${db.user}@${server.host}:${server.port}/${db.database}` };
}
