// A cockpit core as the integration tests start it: the web transport's settings, the data folder inside the test's
// own folder, events flushed every 5 ms, the plan file not watched; and the core's rehearsal around an AWS rehearsal
// the test started itself (with a registry of its own, started and closed by the core).
import path from 'node:path';
import { startCockpitCore, type CockpitCore, type CockpitCoreOptions } from '../../main/core/cockpit-core';
import type { RehearsalCassandra, StartRehearsal } from '../../main/ports/rehearsal';
import type { AwsRehearsal } from '../../rehearsal/aws-rehearsal';
import { startRegistryService, type RegistryService } from '../../rehearsal/registry/index';

const REPO = path.resolve(import.meta.dirname, '../..');

/** The passphrase variable the rehearsal plans' Pulumi secrets provider reads, for a core's `env`. */
export const TEST_PASSPHRASE = { MIGRATION_PULUMI_PASSPHRASE: 'integration-passphrase' } as const;

export type TestCoreOptions = Omit<CockpitCoreOptions, 'appRoot' | 'transport' | 'version' | 'dataDir'> & {
  /** The test's folder: the core's data goes to `<folder>/data`. */
  readonly folder: string;
};

export function startTestCore({ folder, ...options }: TestCoreOptions): Promise<CockpitCore> {
  return startCockpitCore({
    appRoot: REPO,
    transport: 'web',
    version: 'test',
    watchPlan: false,
    eventFlushMs: 5,
    dataDir: path.join(folder, 'data'),
    ...options,
  });
}

/**
 * The core's rehearsal around `aws` (read when the core starts it): a registry of its own with the core's token, the
 * AWS rehearsal's URL and simulated clock. `registry()` is the registry once the core started it.
 */
export function aroundAwsRehearsal(
  aws: () => AwsRehearsal,
  options: { timeScale?: number; cassandra?: RehearsalCassandra } = {},
): { start: StartRehearsal; registry: () => RegistryService } {
  let registry: RegistryService | undefined;
  return {
    start: async ({ registryToken }) => {
      const started = await startRegistryService({ token: registryToken });
      registry = started;
      const rehearsal = aws();
      return {
        registryUrl: started.url,
        awsUrl: rehearsal.url,
        now: () => rehearsal.simulation.now(),
        ...(options.timeScale !== undefined ? { timeScale: options.timeScale } : {}),
        ...(options.cassandra ? { cassandra: options.cassandra } : {}),
        close: () => started.close(),
      };
    },
    registry: () => {
      if (!registry) throw new Error('the core has not started its rehearsal registry');
      return registry;
    },
  };
}
