// The AWS-compatible rehearsal environment, composed: the kernel (clock, wire faults, CloudWatch, CloudWatch Logs,
// STS, the loopback server) with every track's simulator (rehearsal/tracks/index.ts). One loopback endpoint speaks
// DMS, Keyspaces, Glue, EventBridge Scheduler, Lambda, Route 53, ELBv2, CloudWatch, CloudWatch Logs and STS well
// enough for the real SDK v3 clients, answered from a simulated estate per account, and the data center's schedulers
// under /_dc/.
import { ScaledClock, type RehearsalClock } from './kernel/clock';
import { createKernel } from './kernel/kernel';
import type { AppHealth } from './kernel/app-health';
import { startRehearsalServer } from './kernel/server';
import type { Accounts, RoleInput } from './kernel/accounts';
import { createAccountSimulators, createTrackSimulators, openSharedTrackOptions, type TrackOptions, type TrackSimulators } from './tracks/index';
import type { Scenario } from './tracks/dms/scenario';
import type { DmsSimulation } from './tracks/dms/simulation';

export { ManualClock, ScaledClock, type RehearsalClock } from './kernel/clock';
export { demoScenario } from './tracks/dms/demo-scenario';
export { defineScenario, loadScenarioFile, parseScenario, ScenarioError, type Scenario, type ScenarioInput, type TaskSpec } from './tracks/dms/scenario';
export { DmsSimulation } from './tracks/dms/simulation';
export { TASK_METRIC_NAMES } from './tracks/dms/metrics';
export { DEFAULT_DC_CREDENTIALS, type DcCredentials } from './tracks/schedules/dc-api';
export { dataCenterOfPlan, type DataCenterEstate } from './tracks/schedules/demo-estate';

export interface AwsRehearsalOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: '127.0.0.1';
  /** The estate to simulate, e.g. `demoScenario(<app root>/examples/demo/migration.yaml)`. */
  readonly scenario: Scenario;
  /** Simulated seconds per real second (default the scenario's, else 1). Ignored when `clock` is given. */
  readonly timeScale?: number;
  /** A clock of your own, e.g. a ManualClock in tests. */
  readonly clock?: RehearsalClock;
  /** Noise and fault randomness; default the scenario's seed, else 1. */
  readonly seed?: number;
  /**
   * Roles the sign-in identity (the scenario's account) may assume through STS, each in its account; more through
   * POST /_admin/accounts/roles. Each account answers from its own estate.
   */
  readonly roles?: readonly RoleInput[];
  /** The Keyspaces track's data plane: a Cassandra its bulk loads and dual-write proxies really copy and write rows on (default none). */
  readonly cassandra?: TrackOptions['cassandra'];
  /**
   * The data center's scheduled jobs (its Jenkins jobs and cron entries under /_dc/), e.g. the demo plan's
   * (`dataCenterOfPlan`); default none, more through PUT /_admin/schedules/dc/jobs/<name>.
   */
  readonly dataCenterJobs?: TrackOptions['dataCenterJobs'];
  /** Route 53 hosted zones the source account has from the start, with their ids (e.g. the demo plan's); more through POST /_admin/traffic/zones. */
  readonly trafficZones?: TrackOptions['trafficZones'];
  /** Requests per second of a service whose demand was never set (default 20; more through POST /_admin/traffic/demand). */
  readonly trafficDefaultDemand?: number;
}

export interface AwsRehearsal {
  /** http://127.0.0.1:<port> — the `endpoint` for every SDK client. */
  readonly url: string;
  readonly port: number;
  /** The scenario account's DMS estate. */
  readonly simulation: DmsSimulation;
  /** The simulated accounts: roles, sessions. */
  readonly accounts: Accounts;
  /** The stand-in application instances' health endpoints (GET /_apps/<instance>/healthz). */
  readonly apps: AppHealth;
  close(): Promise<void>;
}

export async function startAwsRehearsal(options: AwsRehearsalOptions): Promise<AwsRehearsal> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be 0-65535, got ${port}`);
  const { scenario } = options;
  const clock = options.clock ?? new ScaledClock(options.timeScale ?? scenario.timeScale ?? 1);
  const kernel = createKernel({
    clock,
    seed: options.seed ?? scenario.seed ?? 1,
    sourceAccountId: scenario.accountId,
    ...(options.roles ? { roles: options.roles } : {}),
  });
  // Every account's estate writes its Keyspaces rows to the one Cassandra, through one client.
  const shared = openSharedTrackOptions({
    ...(options.cassandra ? { cassandra: options.cassandra } : {}),
    ...(options.dataCenterJobs ? { dataCenterJobs: options.dataCenterJobs } : {}),
    ...(options.trafficZones ? { trafficZones: options.trafficZones } : {}),
    ...(options.trafficDefaultDemand !== undefined ? { trafficDefaultDemand: options.trafficDefaultDemand } : {}),
  });
  const tracks = createTrackSimulators(kernel, scenario, shared.options);
  const accountTracks: TrackSimulators[] = [];
  let server: Awaited<ReturnType<typeof startRehearsalServer>>;
  try {
    server = await startRehearsalServer({
      port,
      kernel,
      simulators: tracks.all,
      accountSimulators: (accountKernel, accountId) => {
        const made = createAccountSimulators(accountKernel, scenario, accountId, shared.options);
        accountTracks.push(made);
        return made.all;
      },
      name: scenario.name,
    });
  } catch (error) {
    await shared.close();
    throw error;
  }
  return {
    url: server.url,
    port: server.port,
    simulation: tracks.dms.simulation,
    accounts: kernel.accounts,
    apps: server.apps,
    close: async () => {
      await server.close();
      await Promise.all([tracks, ...accountTracks].map((made) => made.keyspaces.close()));
      await shared.close();
    },
  };
}
