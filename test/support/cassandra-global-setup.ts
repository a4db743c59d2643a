// Vitest globalSetup (listed in vitest.config.ts): the test run's one Cassandra node, shared by every test file.
// Vitest runs test files in forked workers (pool: 'forks'), so module state cannot hold a shared node; this file runs
// once in Vitest's main process and starts a broker there (test/support/cassandra.ts), whose address the workers get
// through provide/inject. The node itself starts lazily, when the first test file calls sharedCassandra(), and is
// stopped here when the run ends. Chosen over starting it in this setup, gated by a variable or by "is this the full
// suite": the JVM then starts exactly when a test that needs it runs (in `npm test`, in a single-file run, in watch
// mode), costs nothing otherwise (most single-file runs), and no one has to remember a variable.
import type { TestProject } from 'vitest/node';
import { startCassandraBroker } from './cassandra';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const broker = await startCassandraBroker();
  project.provide('cassandraBroker', broker.url);
  return () => broker.close();
}
