// The rehearsal's track simulators. Adding a track adds its folder and a line here; the kernel never imports a track.
import type { RehearsalKernel, TrackSimulator } from '../seam/track-simulator';
import type { Scenario } from './dms/scenario';
import { dmsSimulator, type DmsTrackSimulator } from './dms/track';
import { cqlDataPlane, type DataPlane } from './keyspaces/data-plane';
import { keyspacesSimulator, type CassandraConnection, type KeyspacesTrackSimulator } from './keyspaces/track';
import type { DcJobSeed } from './schedules/demo-estate';
import type { ZoneSeed } from './traffic/demo-estate';
import { schedulesSimulator, type SchedulesTrackSimulator } from './schedules/track';
import { TrafficDirectory } from './traffic/directory';
import { trafficSimulator, type TrafficTrackSimulator } from './traffic/track';

export interface TrackSimulators {
  /** In route order. */
  readonly all: readonly TrackSimulator[];
  readonly dms: DmsTrackSimulator;
  readonly keyspaces: KeyspacesTrackSimulator;
  readonly schedules: SchedulesTrackSimulator;
  readonly traffic: TrafficTrackSimulator;
}

/** What the tracks get beside the scenario. */
export interface TrackOptions {
  /** The Keyspaces track's data plane (real CQL); none (the default): its copies are simulated by row counts. */
  readonly cassandra?: CassandraConnection;
  /** Or that data plane opened already (shared by every account's estate; its opener closes it). */
  readonly dataPlane?: DataPlane;
  /** The data center's scheduled jobs at the start (the source account's estate holds them; e.g. the demo plan's). */
  readonly dataCenterJobs?: readonly DcJobSeed[];
  /**
   * Route 53 hosted zones that exist from the start, with their ids (e.g. a plan's: traffic/demo-estate.ts), each in
   * its account's estate (the source account's when it names none).
   */
  readonly trafficZones?: readonly ZoneSeed[];
  /** Requests per second of a service name or a load balancer whose demand was never set (default 20). */
  readonly trafficDefaultDemand?: number;
  /**
   * What every account's traffic estate shares (DNS is global: a name in one account's zone leads to a load balancer
   * in another's); openSharedTrackOptions makes one. Without it each call gets its own.
   */
  readonly trafficDirectory?: TrafficDirectory;
}

/**
 * What every account's estate shares, opened once: the Keyspaces data plane's CQL client when there is a Cassandra
 * (each account's stacks keep their rows in the same node), the traffic track's directory. close() after the
 * simulators'.
 */
export function openSharedTrackOptions(options: TrackOptions): { readonly options: TrackOptions; close(): Promise<void> } {
  const traffic = { trafficDirectory: options.trafficDirectory ?? new TrafficDirectory(options.trafficDefaultDemand) };
  if (options.dataPlane || !options.cassandra) return { options: { ...options, ...traffic }, close: async () => undefined };
  const dataPlane = cqlDataPlane(options.cassandra);
  const { cassandra: _opened, ...rest } = options;
  return {
    options: { ...rest, dataPlane, ...traffic },
    close: () => dataPlane.close(),
  };
}

/**
 * Every track's simulator for a scenario's own account (the scenario file describes the DMS estate; the Keyspaces
 * estate, the scheduled-jobs AWS side and the traffic estate start empty, filled through their APIs and admin routes;
 * the data center's jobs are the options' `dataCenterJobs`, the source account's hosted zones its `trafficZones`).
 */
export function createTrackSimulators(kernel: RehearsalKernel, scenario: Scenario, options: TrackOptions = {}): TrackSimulators {
  const own = scenario.tasks.filter((task) => task.account === undefined || task.account === scenario.accountId);
  const dms = dmsSimulator(own.length === scenario.tasks.length ? scenario : { ...scenario, tasks: own })(kernel);
  const keyspaces = keyspacesSimulator({
    region: scenario.region,
    accountId: scenario.accountId,
    ...(options.dataPlane ? { dataPlane: options.dataPlane } : options.cassandra ? { cassandra: options.cassandra } : {}),
  })(kernel);
  // EventBridge Scheduler and Lambda in every account; the data center's schedulers (/_dc/) in the source account's.
  const schedules = schedulesSimulator({
    region: scenario.region,
    accountId: scenario.accountId,
    dataCenter: scenario.accountId === kernel.accounts.sourceAccountId,
    ...(options.dataCenterJobs ? { dataCenterJobs: options.dataCenterJobs } : {}),
  })(kernel);
  // Route 53 and ELBv2 in every account; each of the plan's hosted zones in its account's.
  const zones = (options.trafficZones ?? []).filter((zone) => (zone.accountId ?? kernel.accounts.sourceAccountId) === scenario.accountId);
  const traffic = trafficSimulator({
    region: scenario.region,
    accountId: scenario.accountId,
    ...(options.trafficDirectory ? { directory: options.trafficDirectory } : {}),
    ...(zones.length > 0 ? { zones: zones.map(({ id, name }) => ({ id, name })) } : {}),
  })(kernel);
  return { all: [dms, keyspaces, schedules, traffic], dms, keyspaces, schedules, traffic };
}

/**
 * Every track's simulator for another account than the scenario's: the scenario's replication instances (a
 * workload account runs its own DMS instance), the tasks the scenario places in that account, no faults (those
 * belong to the scenario's account, and its wire faults are the kernel's already), ARNs in that account.
 */
export function createAccountSimulators(kernel: RehearsalKernel, scenario: Scenario, accountId: string, options: TrackOptions = {}): TrackSimulators {
  const tasks = scenario.tasks.filter((task) => task.account === accountId);
  return createTrackSimulators(kernel, { ...scenario, name: `${scenario.name} (account ${accountId})`, accountId, tasks, faults: [] }, options);
}
