// The Keyspaces track's plan part: its keys (plan-schema.ts), its located checks (plan-checks.ts), and what the core
// asks of a loaded plan about it.
import type { PlanPart } from '../../seam/plan-part';
import { checkKeyspacesPlan } from './plan-checks';
import {
  KEYSPACES_STACK_SHAPE,
  KEYSPACES_WAVE_SHAPE,
  keyspacesOf,
  keyspacesOfWave,
  targetKeyspaceOf,
  type KeyspacesStackFields,
  type KeyspacesTableSpec,
  type KeyspacesWaveFields,
} from './plan-schema';

/**
 * The stack config `keyspaces:settings` (JSON) the program part reads (pulumi-programs/tracks/keyspaces): the
 * keyspaces, the tables' schemas, the origin's contact points for the bulk load and the proxy, the job's name when the
 * plan gives one. Its shape is the program's contract: change both together.
 */
export interface KeyspacesProgramSettings {
  readonly originKeyspace: string;
  readonly targetKeyspace: string;
  readonly origin: { readonly contactPoints: readonly string[]; readonly localDataCenter: string };
  readonly tables: readonly KeyspacesTableSpec[];
  readonly glueJob?: string;
}

export const keyspacesPlan: PlanPart<KeyspacesStackFields, KeyspacesWaveFields> = {
  stackShape: KEYSPACES_STACK_SHAPE,
  waveShape: KEYSPACES_WAVE_SHAPE,
  check: checkKeyspacesPlan,
  of: keyspacesOf,
  ofWave: keyspacesOfWave,
  // The job name and the proxy's metrics URL may be stack outputs.
  readsOutputs: (stack) => keyspacesOf(stack).keyspaces !== undefined,
  uses: (plan) => [...plan.stacks.values()].some((stack) => keyspacesOf(stack).keyspaces !== undefined),
  // What the stack's program makes on Keyspaces and where its bulk load and proxy reach the origin: never credentials
  // (the program's own secrets are stack config, `{ secretEnv }`). The proxy's phase keys (keyspaces:primaryCluster,
  // keyspaces:readMode) are the runbook's, applied as a cutover overlay.
  stackConfig: (stack): Record<string, string> => {
    const keyspaces = keyspacesOf(stack).keyspaces;
    if (!keyspaces) return {};
    const settings: KeyspacesProgramSettings = {
      originKeyspace: keyspaces.origin.keyspace,
      targetKeyspace: targetKeyspaceOf(keyspaces),
      origin: { contactPoints: keyspaces.origin.contactPoints, localDataCenter: keyspaces.origin.localDataCenter },
      tables: keyspaces.tables,
      ...('glueJob' in keyspaces.bulkLoad ? { glueJob: keyspaces.bulkLoad.glueJob } : {}),
    };
    return { 'keyspaces:settings': JSON.stringify(settings) };
  },
};
