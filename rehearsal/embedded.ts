// The rehearsal environment as the cockpit embeds it: started in-process on loopback, its state kept in the
// cockpit's data folder so a rehearsal survives restarts. The core receives this through its options (it never
// imports rehearsal/ itself); the composition roots (the serve CLI, the Electron main) pass it in.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AllowedRole, RehearsalCassandra, RehearsalPort, StartRehearsal, StartRehearsalOptions } from '../main/ports/rehearsal';
import { dataCenterOfPlan, demoScenario, startAwsRehearsal } from './aws-rehearsal';
import { trafficZonesOfPlan } from './tracks/traffic/demo-estate';
import { roleOfArn, type Accounts } from './kernel/accounts';
import { startRegistryService } from './registry/index';
import { CASSANDRA_VERSION, CassandraUnavailable, launchCassandraNode, type LaunchedCassandraNode } from './tracks/keyspaces/cassandra-node';
import { cqlDataPlane } from './tracks/keyspaces/data-plane';
import { loopbackPortOf, originsOfPlan, seedOrigins, type OriginKeyspace } from './tracks/keyspaces/origin-seed';

/** The embedded rehearsal: the core's rehearsal port, with its AWS side always there. */
export type EmbeddedRehearsal = RehearsalPort & Required<Pick<RehearsalPort, 'awsUrl' | 'now' | 'timeScale' | 'accountId' | 'allowRoles'>>;

/**
 * The embedded rehearsal for a composition root: its AWS side holds the DMS estate of the plan in
 * `estatePlanFile` (the demo plan), and its data center that plan's scheduled jobs (Jenkins jobs and cron entries).
 * The path comes from the root because the Electron main bundle is CommonJS, where a module cannot find its own
 * folder through import.meta.
 */
export function embeddedRehearsal(estatePlanFile: string, settings: EmbeddedRehearsalSettings = {}) {
  return ((options: StartRehearsalOptions) => startEmbeddedRehearsal(options, estatePlanFile, settings)) satisfies StartRehearsal;
}

export interface EmbeddedRehearsalSettings {
  /** Where it says what it does beside the core's own lines (its Cassandra's start, or what it needs); default stderr. */
  readonly log?: (line: string) => void;
  /** Its settings' variables (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

/** Simulated seconds per real second of the embedded environment (MIGRATION_COCKPIT_REHEARSAL_TIME_SCALE, default 1). */
export function rehearsalTimeScale(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MIGRATION_COCKPIT_REHEARSAL_TIME_SCALE;
  if (raw === undefined || raw === '') return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 100_000) {
    throw new Error(`MIGRATION_COCKPIT_REHEARSAL_TIME_SCALE must be a number above 0 and at most 100000, not '${raw}'`);
  }
  return scale;
}

/**
 * The Cassandra the embedded rehearsal's Keyspaces side writes to, from MIGRATION_COCKPIT_REHEARSAL_CASSANDRA:
 * - unset (or empty): 'own' — the rehearsal starts a node of its own when its estate (the demo plan) has stacks with
 *   Cassandra data (`keyspaces`), from the jars scripts/cassandra-toolchain.sh caches;
 * - `off` (or `none`): no Cassandra: the Keyspaces side simulates its copies by row counts and a stack's rehearsal
 *   target cannot make its tables (what tests that start the embedded rehearsal choose: no JVM for them);
 * - `host:port`: that node, logging in as the test superuser cassandra/cassandra.
 */
export function rehearsalCassandra(env: NodeJS.ProcessEnv = process.env): RehearsalCassandra | 'own' | 'off' {
  const raw = env.MIGRATION_COCKPIT_REHEARSAL_CASSANDRA;
  if (raw === undefined || raw === '') return 'own';
  if (raw === 'off' || raw === 'none') return 'off';
  if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(raw)) {
    throw new Error(`MIGRATION_COCKPIT_REHEARSAL_CASSANDRA must be host:port (e.g. 127.0.0.1:9042) or off, not '${raw}'`);
  }
  return { contactPoints: [raw], localDataCenter: 'datacenter1', username: 'cassandra', password: 'cassandra' };
}

/** Rows each empty origin table of the estate gets in the rehearsal's own Cassandra. */
export const SEED_ROWS_PER_TABLE = 3_000;
/** Requests per second of each demo service (the rehearsal's default is 20). */
export const DEMO_REQUESTS_PER_SECOND = 100;

async function startEmbeddedRehearsal(
  { dir, registryToken }: StartRehearsalOptions,
  estatePlanFile: string,
  settings: EmbeddedRehearsalSettings,
): Promise<EmbeddedRehearsal> {
  const env = settings.env ?? process.env;
  const log = settings.log ?? ((line: string) => process.stderr.write(`[rehearsal] ${line}\n`));
  const timeScale = rehearsalTimeScale(env);
  const setting = rehearsalCassandra(env);
  const registry = await startOnRememberedPort(path.join(dir, 'registry-port'), (port) =>
    startRegistryService({ port, token: registryToken, statePath: path.join(dir, 'registry.json') }),
  );
  let own: OwnCassandra | undefined;
  try {
    // The estate's Cassandra data (the demo plan's Keyspaces wave): its own node, started in the background.
    own = setting === 'own' ? await startOwnCassandra(dir, await originsOfPlan(estatePlanFile), env, log) : undefined;
    const cassandra = typeof setting === 'object' ? setting : own?.cassandra;
    // Stacks record this URL in their state (the rehearsal replication's endpoint input): keep it stable too.
    const scenario = await demoScenario(estatePlanFile);
    // The data center's side of the estate's scheduled jobs: its Jenkins jobs and cron entries, as the plan names them.
    const dataCenter = await dataCenterOfPlan(estatePlanFile);
    for (const reason of dataCenter.skipped) log(`the rehearsal's data center does not run ${reason}`);
    // The hosted zones of the estate's traffic services, each in its stack's account.
    const trafficZones = await trafficZonesOfPlan(estatePlanFile);
    const dataPlane = cassandra && { ...cassandra, ...(own ? { ready: own.ready } : {}) };
    const aws = await startOnRememberedPort(path.join(dir, 'aws-port'), (port) =>
      startAwsRehearsal({
        port,
        timeScale,
        scenario,
        dataCenterJobs: dataCenter.jobs,
        trafficZones,
        // Enough users that a step's first minutes hold a few hundred requests: a single 5xx of the base rate then
        // stays below a percent threshold, as it does in production.
        trafficDefaultDemand: DEMO_REQUESTS_PER_SECOND,
        ...(dataPlane ? { cassandra: dataPlane } : {}),
      }),
    );
    const node = own;
    return {
      registryUrl: registry.url,
      awsUrl: aws.url,
      now: () => aws.simulation.now(),
      timeScale,
      accountId: aws.simulation.accountId,
      ...(cassandra ? { cassandra } : {}),
      allowRoles: (roles) => allowExactly(aws.accounts, roles),
      close: async () => {
        await aws.close();
        await registry.close();
        await node?.close();
      },
    };
  } catch (error) {
    await registry.close();
    await own?.close();
    throw error;
  }
}

interface OwnCassandra {
  /** Where the stacks reach it (known before the JVM is up: the port is chosen first). */
  readonly cassandra: RehearsalCassandra;
  /** Resolves once it accepts CQL and the origins are seeded; rejects when it did not start. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * The rehearsal's own Cassandra for the estate's Cassandra data, or none (said once in the log) when the estate has
 * none or java or the jars are missing. Its folder is `<dir>/cassandra` (the data survives restarts); its CQL port is
 * remembered in `<dir>/cassandra-port` like the AWS side's (the stacks record it), the first time the one the plan's
 * origin contact points name. Returned as soon as the JVM is spawned: the start (seconds) and the seeding of the
 * origin tables run in the background, and the Keyspaces side's CQL work waits for them.
 */
async function startOwnCassandra(
  dir: string,
  origins: readonly OriginKeyspace[],
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<OwnCassandra | undefined> {
  if (origins.length === 0) return undefined;
  const nodeDir = path.join(dir, 'cassandra');
  await mkdir(nodeDir, { recursive: true });
  const planPort = loopbackPortOf(origins);
  const storageFile = path.join(dir, 'cassandra-storage-port');
  const storagePort = Number((await readFile(storageFile, 'utf8').catch(() => '')).trim()) || 0;
  const began = Date.now();
  let node: LaunchedCassandraNode;
  try {
    node = await startOnRememberedPort(
      path.join(dir, 'cassandra-port'),
      (port) => launchCassandraNode({ env, dir: nodeDir, port, storagePort, authentication: 'none', clusterName: 'migration-cockpit-rehearsal' }),
      planPort,
    );
  } catch (error) {
    if (!(error instanceof CassandraUnavailable)) throw error;
    const stacks = origins.map((origin) => origin.stackId).join(', ');
    log(
      `the Keyspaces wave of the demo (${stacks}) needs Java 17 and the Cassandra ${CASSANDRA_VERSION} jars: ${error.message}. ` +
        'Run `bash scripts/cassandra-toolchain.sh` (with java and mvn on PATH) and restart the cockpit; until then the rehearsal has no ' +
        'Cassandra: its bulk loads are simulated by row counts and those stacks cannot be deployed.',
    );
    return undefined;
  }
  if (node.storagePort !== storagePort) await writeFile(storageFile, `${node.storagePort}\n`, { mode: 0o600 });
  log(`starting Cassandra ${CASSANDRA_VERSION} for the Keyspaces rehearsal on ${node.contactPoint} (pid ${node.pid}, data in ${nodeDir})`);
  if (planPort !== undefined && node.port !== planPort) {
    log(
      `the plan's Cassandra origin is 127.0.0.1:${planPort}, which another program holds: the rehearsal's Cassandra listens on ${node.contactPoint} ` +
        `instead, so a validation of the origin reaches that other program (free the port and remove ${path.join(dir, 'cassandra-port')} to move back)`,
    );
  }
  const cassandra: RehearsalCassandra = {
    contactPoints: [node.contactPoint],
    localDataCenter: node.localDataCenter,
    username: 'cassandra',
    password: 'cassandra',
  };
  let closing = false;
  const firstLine = (error: unknown) => String((error as Error).message ?? error).split('\n')[0];
  const ready = node.ready.then(
    async (up) => {
      const upAt = Date.now();
      const startedIn = ((upAt - began) / 1000).toFixed(1);
      const plane = cqlDataPlane(cassandra);
      try {
        const seed = await seedOrigins(plane, origins, SEED_ROWS_PER_TABLE);
        const seededIn = ((Date.now() - upAt) / 1000).toFixed(1);
        const seeded =
          seed.seeded.length > 0 ? `; seeded in ${seededIn} s: ${seed.seeded.map((entry) => `${entry.table} (${entry.rows} rows)`).join(', ')}` : '';
        const kept = seed.kept.length > 0 ? `; kept ${seed.kept.join(', ')}` : '';
        log(`Cassandra ${up.releaseVersion} for the Keyspaces rehearsal is up on ${up.contactPoint} after ${startedIn} s${seeded}${kept}`);
      } catch (error) {
        if (!closing) log(`Cassandra for the Keyspaces rehearsal is up on ${up.contactPoint}, but making the origin tables failed: ${firstLine(error)}`);
        throw error;
      } finally {
        await plane.close();
      }
    },
    (error: unknown) => {
      if (!closing) log(`Cassandra for the Keyspaces rehearsal did not start: ${firstLine(error)} (its log: ${path.join(nodeDir, 'logs', 'system.log')})`);
      throw error;
    },
  );
  ready.catch(() => undefined);
  return {
    cassandra,
    ready,
    close: async () => {
      closing = true;
      await node.close();
    },
  };
}

/** Exactly these roles become assumable (replacing any with the same ARN); every other role is removed. */
export function allowExactly(accounts: Accounts, roles: readonly AllowedRole[]): void {
  const specs = roles.map((role) => {
    const spec = roleOfArn(role.arn, role.externalId);
    if (!spec) throw new RangeError(`not an IAM role ARN: ${role.arn}`);
    return spec;
  });
  const allowed = new Set(specs.map((spec) => accounts.addRole(spec).arn));
  for (const role of accounts.roles()) if (!allowed.has(role.arn)) accounts.removeRole(role.arn);
}

/**
 * Deployed stacks record the registry's URL in their state, so the registry keeps its port across restarts:
 * the first start takes the preferred port when one is given and free, else a free one, and remembers it; later
 * starts reuse it, and only move (and remember the new port) when another program has taken it meanwhile.
 */
async function startOnRememberedPort<T extends { readonly port: number }>(
  portFile: string,
  start: (port: number) => Promise<T>,
  preferred?: number,
): Promise<T> {
  const remembered = Number((await readFile(portFile, 'utf8').catch(() => '')).trim());
  const tries = Number.isInteger(remembered) && remembered > 0 ? [remembered] : preferred ? [preferred] : [];
  for (const port of tries) {
    try {
      const service = await start(port);
      if (port !== remembered) await writeFile(portFile, `${service.port}\n`, { mode: 0o600 });
      return service;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  const service = await start(0);
  await writeFile(portFile, `${service.port}\n`, { mode: 0o600 });
  return service;
}
