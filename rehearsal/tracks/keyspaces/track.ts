// The Keyspaces track's simulator: the AWS side of a Cassandra → Amazon Keyspaces migration (simulation.ts) behind the
// Keyspaces control plane and Glue APIs, its AWS/Cassandra and Glue metrics registered with the kernel's CloudWatch,
// its admin routes (the estate, the dual-write proxy stand-ins) and its fault kinds. Given a Cassandra connection it
// also has a data plane, and the copies and the proxies' rows are real CQL.
import type { SimulatorFactory, TrackSimulator } from '../../seam/track-simulator';
import { keyspacesAdmin } from './admin-api';
import { CASSANDRA_NAMESPACE, cassandraMetricSource } from './cassandra-metrics';
import { cqlDataPlane, type CassandraConnection, type DataPlane } from './data-plane';
import { KEYSPACES_FAULT_OPTIONS, type KeyspacesFaultSpec } from './fault-schema';
import { GLUE_TARGET_PREFIX, handleGlue } from './glue-api';
import { GLUE_NAMESPACE, glueMetricSource } from './glue-metrics';
import { handleKeyspaces, KEYSPACES_TARGET_PREFIX } from './keyspaces-api';
import { KeyspacesSimulation } from './simulation';

export type { CassandraConnection } from './data-plane';

export interface KeyspacesSimulatorOptions {
  /** Where the ARNs say the resources are. */
  readonly region: string;
  readonly accountId: string;
  /** The data plane's Cassandra; none (the default): the copy is simulated by row counts only. */
  readonly cassandra?: CassandraConnection;
  /** A data plane of the caller's own instead (tests); the caller closes it. */
  readonly dataPlane?: DataPlane;
}

export interface KeyspacesTrackSimulator extends TrackSimulator {
  readonly simulation: KeyspacesSimulation;
  /** Stops the background CQL work and closes the data plane it opened. */
  close(): Promise<void>;
}

export function keyspacesSimulator(options: KeyspacesSimulatorOptions): SimulatorFactory<KeyspacesTrackSimulator> {
  return (kernel) => {
    const opened = options.dataPlane === undefined && options.cassandra ? cqlDataPlane(options.cassandra) : undefined;
    const dataPlane = options.dataPlane ?? opened;
    const simulation = new KeyspacesSimulation({
      clock: kernel.clock,
      seed: kernel.seed,
      region: options.region,
      accountId: options.accountId,
      ...(dataPlane ? { dataPlane } : {}),
    });
    kernel.metrics.register(CASSANDRA_NAMESPACE, cassandraMetricSource(simulation.catalog, simulation.traffic));
    kernel.metrics.register(GLUE_NAMESPACE, glueMetricSource(simulation.jobs));
    const keyspacesPlane = { catalog: simulation.catalog, now: () => simulation.now(), tableCreated: simulation.tableCreated.bind(simulation) };
    const gluePlane = { jobs: simulation.jobs, now: () => simulation.now() };
    return {
      id: 'keyspaces',
      simulation,
      services: [
        {
          name: 'keyspaces',
          title: 'Keyspaces',
          protocol: 'awsJson1_0',
          route: { targetPrefix: KEYSPACES_TARGET_PREFIX },
          handle: (operation, input) => handleKeyspaces(operation, input, keyspacesPlane),
        },
        {
          name: 'glue',
          title: 'Glue',
          protocol: 'awsJson1_1',
          route: { targetPrefix: GLUE_TARGET_PREFIX },
          handle: (operation, input) => handleGlue(operation, input, gluePlane),
        },
      ],
      sync: () => simulation.sync(),
      admin: keyspacesAdmin(simulation),
      faults: {
        options: KEYSPACES_FAULT_OPTIONS,
        inject: (spec, base) => simulation.injectFault(spec as KeyspacesFaultSpec, base),
        clear: () => simulation.clearFaults(),
        describe: () => simulation.describeFaults(),
      },
      async close() {
        await simulation.close();
        await opened?.close();
      },
    };
  };
}
