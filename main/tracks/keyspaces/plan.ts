// The Keyspaces track's plan part: its keys (plan-schema.ts), its located checks (plan-checks.ts), and what the core
// asks of a loaded plan about it.
import type { PlanPart } from '../../seam/plan-part';
import { checkKeyspacesPlan } from './plan-checks';
import { KEYSPACES_STACK_SHAPE, KEYSPACES_WAVE_SHAPE, keyspacesOf, keyspacesOfWave, type KeyspacesStackFields, type KeyspacesWaveFields } from './plan-schema';

export const keyspacesPlan: PlanPart<KeyspacesStackFields, KeyspacesWaveFields> = {
  stackShape: KEYSPACES_STACK_SHAPE,
  waveShape: KEYSPACES_WAVE_SHAPE,
  check: checkKeyspacesPlan,
  of: keyspacesOf,
  ofWave: keyspacesOfWave,
  // The job name and the proxy's metrics URL may be stack outputs.
  readsOutputs: (stack) => keyspacesOf(stack).keyspaces !== undefined,
  uses: (plan) => [...plan.stacks.values()].some((stack) => keyspacesOf(stack).keyspaces !== undefined),
};
