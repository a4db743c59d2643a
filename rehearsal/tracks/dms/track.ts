// The DMS track's simulator: the estate (simulation.ts) behind the DMS API, its tasks' metrics (AWS/DMS) and logs
// registered with the kernel's CloudWatch and CloudWatch Logs, its admin routes and its fault kinds.
import type { LogSource } from '../../kernel/log-registry';
import type { SimulatorFactory, TrackSimulator } from '../../seam/track-simulator';
import { dmsAdmin } from './admin-api';
import { DMS_TARGET_PREFIX, handleDms, type DmsContext } from './dms-api';
import { DMS_NAMESPACE, taskMetricSource } from './metrics';
import type { Scenario } from './scenario';
import { DMS_FAULT_OPTIONS, type FaultSpec } from './scenario-schema';
import { DmsSimulation } from './simulation';

export interface DmsTrackSimulator extends TrackSimulator {
  readonly simulation: DmsSimulation;
}

/** The DMS simulator of `scenario` (its estate, and its faults, wire faults included, from the start). */
export function dmsSimulator(scenario: Scenario): SimulatorFactory<DmsTrackSimulator> {
  return (kernel) => {
    const simulation = new DmsSimulation({ scenario, clock: kernel.clock, seed: kernel.seed, wireFaults: kernel.faults, startedAt: kernel.startedAt });
    // State the wire keeps beside the simulation: resource tags.
    const context: DmsContext = { tags: new Map() };
    kernel.metrics.register(DMS_NAMESPACE, taskMetricSource(simulation));
    kernel.logs.register(taskLogSource(simulation));
    return {
      id: 'dms',
      simulation,
      services: [
        {
          name: 'dms',
          title: 'DMS',
          protocol: 'awsJson1_1',
          route: { targetPrefix: DMS_TARGET_PREFIX },
          handle: (operation, input) => handleDms(operation, input, simulation, context),
        },
      ],
      sync: () => simulation.sync(),
      admin: dmsAdmin(simulation),
      faults: {
        options: DMS_FAULT_OPTIONS,
        inject: (spec, base) => void simulation.injectFault(spec as FaultSpec, base),
        clear: () => simulation.clearFaults(),
        describe: () => {
          const { tasks, connections } = simulation.describeFaults();
          return { tasks, connections };
        },
      },
    };
  };
}

/** The tasks' logs (groups `dms-tasks-<instance>`) as the kernel's CloudWatch Logs reads them, the estate advanced to now. */
function taskLogSource(simulation: DmsSimulation): LogSource {
  return {
    group(name) {
      const logs = simulation.logs();
      const streams = logs.group(name);
      return streams && { streams, end: logs.end };
    },
  };
}
