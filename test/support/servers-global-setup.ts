// Vitest globalSetup (listed in vitest.config.ts): the test run's shared servers, one of each, started lazily by a
// broker in Vitest's main process (test/support/lazy-broker.ts) the first time a test file asks, and stopped when the
// run ends: the Cassandra node (test/support/cassandra.ts) and the PostgreSQL cluster (test/support/postgres.ts).
// Chosen over starting them here, gated by a variable or by "is this the full suite": each starts exactly when a test
// that needs it runs (in `npm test`, in a single-file run, in watch mode), costs nothing otherwise, and no one has to
// remember a variable.
import type { TestProject } from 'vitest/node';
import { startCassandraBroker } from './cassandra';
import { startPostgresBroker } from './postgres';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cassandra = await startCassandraBroker();
  const postgres = await startPostgresBroker();
  project.provide('cassandraBroker', cassandra.url);
  project.provide('postgresBroker', postgres.url);
  return async () => {
    await Promise.all([cassandra.close(), postgres.close()]);
  };
}
