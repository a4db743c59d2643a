// A real Apache Cassandra node on loopback: the one launcher of the project. It stands in for a data-center Cassandra
// cluster and for Amazon Keyspaces (as two keyspaces on one node) in the embedded rehearsal (rehearsal/embedded.ts,
// its data kept in the rehearsal's folder) and in the tests (test/support/cassandra.ts, a temporary node per run).
// The jars (cassandra-all and its runtime dependencies, from Maven Central) come from scripts/cassandra-toolchain.sh,
// found through MIGRATION_COCKPIT_CASSANDRA_LIB (the jar folder) or the script's default cache folder.
// - launchCassandraNode(): CassandraDaemon in the foreground under `java`, with a generated minimal cassandra.yaml
//   in the node's folder (single node, loopback, the ports given or free ones, small memtables and thread pools, no
//   JMX), logging WARN to a file there. It returns as soon as the JVM is spawned; `ready` resolves once a CQL login
//   works (about 6 s on a fresh folder, longer with a commit log to replay).
// - startCassandraNode(): the same, resolved once the node is ready.
// A JVM never outlives the process that started it: close() stops it (SIGTERM, SIGKILL after 10 s), an exit of this
// process kills it, and a small watchdog kills it (and removes a temporary folder) when this process is killed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { auth, Client } from 'cassandra-driver';

export const CASSANDRA_VERSION = '5.0.6';
const START_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 10_000;
/** The default superuser of PasswordAuthenticator (a rehearsal-only login on a loopback node). */
const SUPERUSER = { username: 'cassandra', password: 'cassandra' };

/** Where and how to reach a node. */
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
  /** The node's folder (cassandra.yaml, data, commit log, logs/system.log). */
  readonly dir: string;
  /** Stops the JVM (SIGTERM, SIGKILL after 10 s); removes the node's folder when it was a temporary one. */
  close(): Promise<void>;
}

/** A node whose JVM runs, before it accepts CQL. */
export interface LaunchedCassandraNode extends Omit<CassandraNode, 'releaseVersion'> {
  readonly storagePort: number;
  /** The node once a CQL login works; rejects (with the end of its log) when it exits first or does not start in time. */
  readonly ready: Promise<CassandraNode>;
}

/** What running a node needs and this machine lacks: what to install or run, in one sentence. */
export class CassandraUnavailable extends Error {
  constructor(
    readonly missing: 'jars' | 'java',
    message: string,
  ) {
    super(message);
    this.name = 'CassandraUnavailable';
  }
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

/** The jar folder and the java binary to run a node with, or what is missing (a CassandraUnavailable). */
export async function cassandraToolchain(env: NodeJS.ProcessEnv = process.env): Promise<{ lib: string; java: string } | CassandraUnavailable> {
  const lib = await findCassandraLib(env);
  if (!lib)
    return new CassandraUnavailable('jars', `the Cassandra ${CASSANDRA_VERSION} jars are not there (bash scripts/cassandra-toolchain.sh resolves them)`);
  const java = env.JAVA ?? 'java';
  const probe = spawnSync(java, ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    return new CassandraUnavailable('java', `no working java ('${java}') to run Cassandra ${CASSANDRA_VERSION} (apt-get install openjdk-17-jdk-headless)`);
  }
  return { lib, java };
}

export interface CassandraNodeOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** The node's folder, kept on close (its data survives a restart); default a temporary folder, removed on close. */
  readonly dir?: string;
  /** The CQL (native transport) port; 0 or none: a free one. */
  readonly port?: number;
  /** The internode (storage) port when it is free (a restarted node keeps its own); else, 0 or none: a free one. */
  readonly storagePort?: number;
  /** Logins required (PasswordAuthenticator, superuser cassandra/cassandra; the default) or none (AllowAllAuthenticator). */
  readonly authentication?: 'password' | 'none';
  readonly clusterName?: string;
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
function cassandraYaml(dir: string, ports: { native: number; storage: number }, clusterName: string, authentication: 'password' | 'none'): string {
  const at = (name: string) => JSON.stringify(path.join(dir, name));
  return `cluster_name: ${JSON.stringify(clusterName)}
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
authenticator: ${authentication === 'password' ? 'PasswordAuthenticator' : 'AllowAllAuthenticator'}
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
 * Spawns a single Cassandra node and returns at once, its `ready` promise following the start. Throws a
 * CassandraUnavailable when java or the jars are missing, and an error with code EADDRINUSE when a port given is
 * taken (the caller may then ask for a free one).
 */
export async function launchCassandraNode(options: CassandraNodeOptions = {}): Promise<LaunchedCassandraNode> {
  const env = options.env ?? process.env;
  const toolchain = await cassandraToolchain(env);
  if (toolchain instanceof CassandraUnavailable) throw toolchain;
  const { lib, java } = toolchain;

  const native = options.port ? await takenOrFree(options.port) : await freePort();
  let storage = options.storagePort ? await takenOrFree(options.storagePort).catch(() => freePort()) : await freePort();
  while (storage === native) storage = await freePort();

  const temporary = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(path.join(os.tmpdir(), 'mc-cassandra-')));
  const logFile = path.join(dir, 'logs', 'system.log');
  await mkdir(path.dirname(logFile), { recursive: true });
  const authentication = options.authentication ?? 'password';
  await writeFile(path.join(dir, 'cassandra.yaml'), cassandraYaml(dir, { native, storage }, options.clusterName ?? 'migration-cockpit-test', authentication));
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
    // A single node: nothing to wait for, and the default superuser right away (not after 10 s).
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
  watchParent(child, temporary ? dir : undefined);
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
      if (temporary) await rm(dir, { recursive: true, force: true });
    })());

  const credentials = authentication === 'password' ? SUPERUSER : { username: '', password: '' };
  const address = { contactPoint: `127.0.0.1:${native}`, port: native, localDataCenter: 'datacenter1', ...credentials };
  const pid = child.pid ?? -1;
  const ready = waitForCql(
    address,
    () => (closing ? 'stopped' : (spawnError?.message ?? (child.exitCode ?? child.signalCode ?? undefined)?.toString())),
    async () => `${output}${await tail(logFile)}`,
  ).then((releaseVersion): CassandraNode => ({ ...address, releaseVersion, pid, dir, close }));
  // Handled here too, so a node closed before anyone asked whether it started is no unhandled rejection.
  ready.catch(() => undefined);
  return { ...address, storagePort: storage, pid, dir, ready, close };
}

/** Starts a node (launchCassandraNode) and resolves once it accepts CQL; a node that does not start is stopped. */
export async function startCassandraNode(options: CassandraNodeOptions = {}): Promise<CassandraNode> {
  const launched = await launchCassandraNode(options);
  try {
    return await launched.ready;
  } catch (error) {
    await launched.close();
    throw error;
  }
}

/** A driver client for a node, logged in as its superuser when it requires logins (the caller shuts it down). */
export function cassandraClient(node: Omit<CassandraAddress, 'releaseVersion' | 'port'>, keyspace?: string): Client {
  return new Client({
    contactPoints: [node.contactPoint],
    localDataCenter: node.localDataCenter,
    ...(node.username ? { authProvider: new auth.PlainTextAuthProvider(node.username, node.password) } : {}),
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
    if (exit === 'stopped') throw new Error(`Cassandra on ${address.contactPoint} was stopped before it accepted CQL`);
    if (exit !== undefined) throw new Error(`Cassandra exited (${exit}) before accepting CQL:\n${await logs()}`);
    const client = cassandraClient(address);
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
// a temporary node's folder, so no Cassandra outlives the process that started it.
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

const WATCHDOG = `while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 2; done
if ! kill -0 "$1" 2>/dev/null; then
  kill -9 "$2" 2>/dev/null; sleep 1
  case "$3" in */mc-cassandra-*) rm -rf "$3" ;; esac
fi`;

function watchParent(child: ChildProcess, temporaryDir: string | undefined): void {
  if (!child.pid) return;
  const watchdog = spawn('sh', ['-c', WATCHDOG, 'cassandra-watchdog', String(process.pid), String(child.pid), temporaryDir ?? ''], { stdio: 'ignore' });
  watchdog.unref();
}

/** `port` when nothing listens on it on loopback; else an error with code EADDRINUSE. */
async function takenOrFree(port: number): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
