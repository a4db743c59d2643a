// The rehearsal environment as the cockpit embeds it: started in-process on loopback, its state kept in the
// cockpit's data folder so a rehearsal survives restarts. The core receives this through its options (it never
// imports rehearsal/ itself); the composition roots (the serve CLI, the Electron main) pass it in.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AllowedRole, RehearsalCassandra, RehearsalPort, StartRehearsal, StartRehearsalOptions } from '../main/ports/rehearsal';
import { demoScenario, startAwsRehearsal } from './aws-rehearsal';
import { roleOfArn, type Accounts } from './kernel/accounts';
import { startRegistryService } from './registry/index';

/** The embedded rehearsal: the core's rehearsal port, with its AWS side always there. */
export type EmbeddedRehearsal = RehearsalPort & Required<Pick<RehearsalPort, 'awsUrl' | 'now' | 'timeScale' | 'accountId' | 'allowRoles'>>;

/**
 * The embedded rehearsal for a composition root: its AWS side holds the DMS estate of the plan in
 * `estatePlanFile` (the demo plan). The path comes from the root because the Electron main bundle is CommonJS,
 * where a module cannot find its own folder through import.meta.
 */
export function embeddedRehearsal(estatePlanFile: string) {
  return ((options: StartRehearsalOptions) => startEmbeddedRehearsal(options, estatePlanFile)) satisfies StartRehearsal;
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
 * The Cassandra the embedded rehearsal's Keyspaces side writes to, from MIGRATION_COCKPIT_REHEARSAL_CASSANDRA
 * (`host:port`, logging in as the test superuser cassandra/cassandra); none when unset: the Keyspaces side then
 * simulates its copies by row counts and a stack's rehearsal target cannot make its tables.
 */
export function rehearsalCassandra(env: NodeJS.ProcessEnv = process.env): RehearsalCassandra | undefined {
  const raw = env.MIGRATION_COCKPIT_REHEARSAL_CASSANDRA;
  if (raw === undefined || raw === '') return undefined;
  if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(raw)) throw new Error(`MIGRATION_COCKPIT_REHEARSAL_CASSANDRA must be host:port, e.g. 127.0.0.1:9042, not '${raw}'`);
  return { contactPoints: [raw], localDataCenter: 'datacenter1', username: 'cassandra', password: 'cassandra' };
}

async function startEmbeddedRehearsal({ dir, registryToken }: StartRehearsalOptions, estatePlanFile: string): Promise<EmbeddedRehearsal> {
  const timeScale = rehearsalTimeScale();
  const cassandra = rehearsalCassandra();
  const registry = await startOnRememberedPort(path.join(dir, 'registry-port'), (port) =>
    startRegistryService({ port, token: registryToken, statePath: path.join(dir, 'registry.json') }),
  );
  try {
    // Stacks record this URL in their state (the rehearsal replication's endpoint input): keep it stable too.
    const scenario = await demoScenario(estatePlanFile);
    const aws = await startOnRememberedPort(path.join(dir, 'aws-port'), (port) =>
      startAwsRehearsal({ port, timeScale, scenario, ...(cassandra ? { cassandra } : {}) }),
    );
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
      },
    };
  } catch (error) {
    await registry.close();
    throw error;
  }
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
 * the first start takes a free port and remembers it; later starts reuse it, and only move (and remember the
 * new port) when another program has taken it meanwhile.
 */
async function startOnRememberedPort<T extends { readonly port: number }>(portFile: string, start: (port: number) => Promise<T>): Promise<T> {
  const remembered = Number((await readFile(portFile, 'utf8').catch(() => '')).trim());
  if (Number.isInteger(remembered) && remembered > 0) {
    try {
      return await start(remembered);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  const service = await start(0);
  await writeFile(portFile, `${service.port}\n`, { mode: 0o600 });
  return service;
}
