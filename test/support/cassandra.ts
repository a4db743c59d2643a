// A real Apache Cassandra node for tests: it stands in for a data-center Cassandra cluster and for Amazon Keyspaces
// (as two keyspaces on one node). The jars (cassandra-all and its runtime dependencies, from Maven Central) come
// from scripts/cassandra-toolchain.sh, found through MIGRATION_COCKPIT_CASSANDRA_LIB (the jar folder) or the
// script's default cache folder; in CI missing jars are a failure, elsewhere (opted out) a skip reason.
// - startCassandra(): a node of the caller's own: CassandraDaemon in the foreground under `java`, with a generated
//   minimal cassandra.yaml in a temporary folder (single node, loopback, free ports, PasswordAuthenticator with the
//   default superuser cassandra/cassandra, small memtables and thread pools, no JMX), logging WARN to a file there.
//   It resolves once a CQL login works. Start-up takes tens of seconds, so tests share one node:
// - sharedCassandra(): the node of the whole test run, started by a broker in Vitest's main process
//   (test/support/cassandra-global-setup.ts) the first time a test file asks for it, and stopped at the end of the
//   run. A run that never asks (most single-file runs) starts no JVM.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'cassandra-driver';
import { inject } from 'vitest';
import { skipNoteOrFail } from './required-tools';

export const CASSANDRA_VERSION = '5.0.6';
const START_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 10_000;

declare module 'vitest' {
  export interface ProvidedContext {
    /** The URL of the run's Cassandra broker (test/support/cassandra-global-setup.ts). */
    cassandraBroker: string;
  }
}

/** Where and how to reach a node (what sharedCassandra() hands out: the run owns the node). */
export interface CassandraAddress {
  /** host:port, as the driver's contactPoints take it. */
  readonly contactPoint: string;
  readonly port: number;
  readonly localDataCenter: string;
  readonly username: string;
  readonly password: string;
  /** The node's release_version, e.g. 5.0.6. */
  readonly releaseVersion: string;
}

export interface CassandraNode extends CassandraAddress {
  /** The JVM's process id. */
  readonly pid: number;
  /** Stops the JVM (SIGTERM, SIGKILL after 10 s) and removes the node's temporary folder. */
  close(): Promise<void>;
}

/** The folder holding cassandra-all-X.Y.Z.jar and its dependencies, if there is one. */
export async function findCassandraLib(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const cacheRoot = env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
  const lib = env.MIGRATION_COCKPIT_CASSANDRA_LIB ?? path.join(cacheRoot, 'migration-cockpit', `cassandra-${CASSANDRA_VERSION}`, 'lib');
  try {
    await access(path.join(lib, `cassandra-all-${CASSANDRA_VERSION}.jar`));
    return lib;
  } catch {
    return undefined;
  }
}

// From Cassandra's conf/jvm17-server.options (JPMS section, and its Netty settings).
const JVM17_OPTIONS = [
  '-Djdk.attach.allowAttachSelf=true',
  '--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED',
  '--add-exports=java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED',
  '--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED',
  '--add-exports=java.rmi/sun.rmi.server=ALL-UNNAMED',
  '--add-exports=java.sql/java.sql=ALL-UNNAMED',
  '--add-exports=java.base/java.lang.ref=ALL-UNNAMED',
  '--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED',
  '--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED',
  '--add-exports=jdk.attach/sun.tools.attach=ALL-UNNAMED',
  '--add-opens=java.base/java.lang.module=ALL-UNNAMED',
  '--add-opens=java.base/jdk.internal.loader=ALL-UNNAMED',
  '--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED',
  '--add-opens=java.base/jdk.internal.reflect=ALL-UNNAMED',
  '--add-opens=java.base/jdk.internal.math=ALL-UNNAMED',
  '--add-opens=java.base/jdk.internal.module=ALL-UNNAMED',
  '--add-opens=java.base/jdk.internal.util.jar=ALL-UNNAMED',
  '--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/java.lang.reflect=ALL-UNNAMED',
  '--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/java.util=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dio.netty.allocator.useCacheForAllThreads=true',
  '-Dio.netty.allocator.maxOrder=11',
];

/** A minimal single-node cassandra.yaml (Cassandra 5.0 option names). */
function cassandraYaml(dir: string, ports: { native: number; storage: number }): string {
  const at = (name: string) => JSON.stringify(path.join(dir, name));
  return `cluster_name: 'migration-cockpit-test'
num_tokens: 16
allocate_tokens_for_local_replication_factor: 1
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
endpoint_snitch: SimpleSnitch
seed_provider:
  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
    parameters:
      - seeds: "127.0.0.1:${ports.storage}"
listen_address: 127.0.0.1
rpc_address: 127.0.0.1
storage_port: ${ports.storage}
native_transport_port: ${ports.native}
start_native_transport: true
authenticator: PasswordAuthenticator
authorizer: AllowAllAuthorizer
role_manager: CassandraRoleManager
data_file_directories:
  - ${at('data')}
commitlog_directory: ${at('commitlog')}
saved_caches_directory: ${at('saved_caches')}
hints_directory: ${at('hints')}
cdc_raw_directory: ${at('cdc_raw')}
commitlog_sync: periodic
commitlog_sync_period: 10000ms
commitlog_segment_size: 8MiB
storage_compatibility_mode: NONE
memtable_heap_space: 64MiB
memtable_offheap_space: 64MiB
memtable_flush_writers: 1
concurrent_reads: 4
concurrent_writes: 4
concurrent_counter_writes: 4
concurrent_materialized_view_writes: 2
concurrent_compactors: 1
native_transport_max_threads: 16
key_cache_size: 8MiB
counter_cache_size: 0MiB
auto_snapshot: false
snapshot_before_compaction: false
compaction_throughput: 0MiB/s
materialized_views_enabled: true
sasi_indexes_enabled: true
`;
}

const LOGBACK_XML = (logFile: string) => `<configuration scan="false">
  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
    <file>${logFile}</file>
    <encoder><pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="FILE" /></root>
</configuration>
`;

/**
 * Starts a single Cassandra node on free loopback ports and resolves once a CQL login works; returns a skip reason
 * when the jars or java are missing and the run opted out of Cassandra (otherwise that is an error).
 */
export async function startCassandra(env: NodeJS.ProcessEnv = process.env): Promise<CassandraNode | string> {
  const lib = await findCassandraLib(env);
  if (!lib) {
    return skipNoteOrFail('cassandra', `the Cassandra ${CASSANDRA_VERSION} jars are not there (bash scripts/cassandra-toolchain.sh resolves them)`, env);
  }
  const java = env.JAVA ?? 'java';
  const probe = spawnSync(java, ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    return skipNoteOrFail('cassandra', `no working java ('${java}') to run Cassandra ${CASSANDRA_VERSION} (apt-get install openjdk-17-jdk-headless)`, env);
  }

  const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-cassandra-'));
  const logFile = path.join(dir, 'logs', 'system.log');
  await mkdir(path.dirname(logFile));
  const native = await freePort();
  let storage = await freePort();
  while (storage === native) storage = await freePort();
  await writeFile(path.join(dir, 'cassandra.yaml'), cassandraYaml(dir, { native, storage }));
  await writeFile(path.join(dir, 'logback.xml'), LOGBACK_XML(logFile));

  // Cassandra mlockall()s the JVM's memory as it starts (which succeeds as root), so the whole initial heap is resident:
  // keep it small. The serial collector and C1 alone suit a short-lived node on few cores.
  const args = [
    '-Xms256m',
    '-Xmx1g',
    '-Xss512k',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-XX:+PerfDisableSharedMem',
    '-Djava.net.preferIPv4Stack=true',
    ...JVM17_OPTIONS,
    `-javaagent:${path.join(lib, 'jamm-0.4.0.jar')}`,
    '-Dcassandra-foreground=yes',
    `-Dcassandra.config=file://${path.join(dir, 'cassandra.yaml')}`,
    `-Dcassandra.storagedir=${dir}`,
    `-Dcassandra.logdir=${path.dirname(logFile)}`,
    `-Dlogback.configurationFile=file://${path.join(dir, 'logback.xml')}`,
    // A fresh single node: nothing to wait for, and the default superuser right away (not after 10 s).
    '-Dcassandra.skip_wait_for_gossip_to_settle=0',
    '-Dcassandra.ring_delay_ms=1000',
    '-Dcassandra.superuser_setup_delay_ms=0',
    '-Dcassandra.unsafesystem=true',
    '-cp',
    `${lib}/*`,
    'org.apache.cassandra.service.CassandraDaemon',
  ];
  const child = spawn(java, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  watchParent(child, dir);
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await stopProcess(child);
      await rm(dir, { recursive: true, force: true });
    })());

  const address = { contactPoint: `127.0.0.1:${native}`, port: native, localDataCenter: 'datacenter1', username: 'cassandra', password: 'cassandra' };
  try {
    const releaseVersion = await waitForCql(
      address,
      () => spawnError?.message ?? (child.exitCode ?? child.signalCode ?? undefined)?.toString(),
      async () => `${output}${await tail(logFile)}`,
    );
    return { ...address, releaseVersion, pid: child.pid ?? -1, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A driver client for a node, logged in as its superuser (the caller shuts it down). */
export function cassandraClient(node: CassandraAddress, keyspace?: string): Client {
  return new Client({
    contactPoints: [node.contactPoint],
    localDataCenter: node.localDataCenter,
    credentials: { username: node.username, password: node.password },
    ...(keyspace ? { keyspace } : {}),
    socketOptions: { connectTimeout: 5_000, readTimeout: 30_000 },
  });
}

async function waitForCql(
  address: Omit<CassandraAddress, 'releaseVersion'>,
  /** Why the JVM is gone (its exit code or signal, or why it did not start), if it is. */
  exited: () => string | undefined,
  logs: () => Promise<string>,
): Promise<string> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastError = '';
  while (Date.now() < deadline) {
    const exit = exited();
    if (exit !== undefined) throw new Error(`Cassandra exited (${exit}) before accepting CQL:\n${await logs()}`);
    const client = cassandraClient({ ...address, releaseVersion: '' });
    try {
      await client.connect();
      const result = await client.execute('SELECT release_version FROM system.local');
      return String(result.first()?.get('release_version') ?? '');
    } catch (error) {
      lastError = (error as Error).message;
    } finally {
      await client.shutdown().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Cassandra did not accept a CQL login on ${address.contactPoint} within ${START_TIMEOUT_MS / 1000} s (${lastError}):\n${await logs()}`);
}

/** The end of a log file ('' when there is none). */
async function tail(file: string, chars = 8_000): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).slice(-chars);
  } catch {
    return '';
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

// The JVMs this process started: killed when it exits without closing them (an error, process.exit); and a small
// watchdog per JVM, for when this process is killed outright: once the process is gone it kills the JVM and removes
// the node's folder, so no Cassandra outlives the test run.
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

const WATCHDOG = `while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 2; done
if ! kill -0 "$1" 2>/dev/null; then
  kill -9 "$2" 2>/dev/null; sleep 1
  case "$3" in */mc-cassandra-*) rm -rf "$3" ;; esac
fi`;

function watchParent(child: ChildProcess, dir: string): void {
  if (!child.pid) return;
  const watchdog = spawn('sh', ['-c', WATCHDOG, 'cassandra-watchdog', String(process.pid), String(child.pid), dir], { stdio: 'ignore' });
  watchdog.unref();
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

type BrokerAnswer = { node: CassandraAddress } | { skip: string } | { error: string };

/**
 * The run's broker, in Vitest's main process: an HTTP endpoint on loopback that starts the node the first time it
 * is asked (every later ask gets the same node, or the same failure) and stops it on close().
 */
export async function startCassandraBroker(): Promise<{ url: string; close(): Promise<void> }> {
  let started: Promise<{ node?: CassandraNode; answer: BrokerAnswer }> | undefined;
  const start = () =>
    (started ??= startCassandra().then(
      (node) => (typeof node === 'string' ? { answer: { skip: node } } : { node, answer: { node: addressOf(node) } }),
      (error: unknown) => ({ answer: { error: (error as Error).message } }),
    ));
  const token = randomBytes(16).toString('hex');
  const server = createHttpServer((request, response) => {
    if (request.method !== 'GET' || request.url !== `/${token}/cassandra`) {
      response.writeHead(404).end();
      return;
    }
    void start().then(({ answer }) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer)));
  });
  server.requestTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/${token}/cassandra`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (started) await (await started).node?.close();
    },
  };
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
export async function sharedCassandra(): Promise<CassandraAddress | string> {
  const url = inject('cassandraBroker');
  if (!url) throw new Error('no Cassandra broker: vitest.config.ts must list test/support/cassandra-global-setup.ts in globalSetup');
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the Cassandra broker answered ${response.status}`);
  const answer = (await response.json()) as BrokerAnswer;
  if ('node' in answer) return answer.node;
  if ('skip' in answer) return answer.skip;
  throw new Error(answer.error);
}
