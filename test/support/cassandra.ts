// A real Apache Cassandra node for tests: it stands in for a data-center Cassandra cluster and for Amazon Keyspaces
// (as two keyspaces on one node). The node itself is the rehearsal's launcher (rehearsal/tracks/keyspaces/
// cassandra-node.ts: the jars from scripts/cassandra-toolchain.sh, a generated cassandra.yaml, the JVM, readiness by
// CQL login, stop, the watchdog); this file adds what is the tests' own: in CI missing jars or java are a failure,
// elsewhere (opted out) a skip reason, and one node shared by the whole run.
// - startCassandra(): a node of the caller's own in a temporary folder (free ports, PasswordAuthenticator with the
//   default superuser cassandra/cassandra), resolved once a CQL login works. Start-up takes seconds to tens of
//   seconds, so tests share one node:
// - sharedCassandra(): the node of the whole test run, started by a broker in Vitest's main process
//   (test/support/servers-global-setup.ts) the first time a test file asks for it, and stopped at the end of the
//   run. A run that never asks (most single-file runs) starts no JVM.
import { inject } from 'vitest';
import { CassandraUnavailable, startCassandraNode, type CassandraAddress, type CassandraNode } from '../../rehearsal/tracks/keyspaces/cassandra-node';
import { askBroker, startLazyBroker, type LazyBroker } from './lazy-broker';
import { skipNoteOrFail } from './required-tools';

export {
  CASSANDRA_VERSION,
  cassandraClient,
  findCassandraLib,
  type CassandraAddress,
  type CassandraNode,
} from '../../rehearsal/tracks/keyspaces/cassandra-node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The URL of the run's Cassandra broker (test/support/servers-global-setup.ts). */
    cassandraBroker: string;
  }
}

/**
 * Starts a single Cassandra node on free loopback ports and resolves once a CQL login works; returns a skip reason
 * when the jars or java are missing and the run opted out of Cassandra (otherwise that is an error).
 */
export async function startCassandra(env: NodeJS.ProcessEnv = process.env): Promise<CassandraNode | string> {
  try {
    return await startCassandraNode({ env });
  } catch (error) {
    if (error instanceof CassandraUnavailable) return skipNoteOrFail('cassandra', error.message, env);
    throw error;
  }
}

/**
 * The run's broker, in Vitest's main process (test/support/lazy-broker.ts): starts the node the first time it is
 * asked (every later ask gets the same node, or the same failure) and stops it on close().
 */
export function startCassandraBroker(): Promise<LazyBroker> {
  return startLazyBroker(
    'cassandra',
    () => startCassandra(),
    addressOf,
    (node) => node.close(),
  );
}

function addressOf(node: CassandraNode): CassandraAddress {
  const { contactPoint, port, localDataCenter, username, password, releaseVersion } = node;
  return { contactPoint, port, localDataCenter, username, password, releaseVersion };
}

/**
 * The test run's one Cassandra node, shared by every test file (do not stop it; the run does): started on the first
 * call of the run, which waits for it (tens of seconds: give the hook a timeout of 150 s). A skip reason when the
 * run opted out of Cassandra and it is missing; an error when it is missing otherwise or did not start.
 */
export function sharedCassandra(): Promise<CassandraAddress | string> {
  return askBroker<CassandraAddress>(inject('cassandraBroker'), 'Cassandra');
}
