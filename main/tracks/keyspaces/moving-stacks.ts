// The stacks of a plan whose Cassandra data moves, as the monitor and the validation read them now: the plan's
// `keyspaces` settings, their wave's gates, where their AWS calls go, and what their outputs say (the bulk-load
// job's name when the plan names an output, the proxy's metrics URL, the Keyspaces endpoint). Read at every cycle:
// outputs arrive as stacks deploy.
import type { MigrationPlan } from '../../plan/model';
import { placementOf } from '../../seam/track-environment';
import type { MovingStack } from './monitor/keyspaces-monitor';
import { keyspacesPlan } from './plan';
import { targetKeyspaceOf, type KeyspacesStack } from './plan-schema';

/** The output a stack's program gives for the Keyspaces endpoint validation connects to (host:port). */
export const ENDPOINT_OUTPUT = 'keyspacesEndpoint';

export type Outputs = (stackId: string) => Readonly<Record<string, unknown>> | undefined;

/** A stack's Keyspaces settings, or undefined when its data does not move. */
export function keyspacesOfStack(plan: MigrationPlan, stackId: string): KeyspacesStack | undefined {
  const stack = plan.stacks.get(stackId);
  return stack && keyspacesPlan.of(stack).keyspaces;
}

export function movingStacks(plan: MigrationPlan, outputs: Outputs): MovingStack[] {
  const moving: MovingStack[] = [];
  for (const stack of plan.stacks.values()) {
    const keyspaces = keyspacesPlan.of(stack).keyspaces;
    if (!keyspaces) continue;
    const wave = stack.waveId ? plan.waves.find((candidate) => candidate.id === stack.waveId) : undefined;
    const gates = wave ? keyspacesPlan.ofWave(wave).keyspaces : undefined;
    moving.push({
      stackId: stack.id,
      waveId: stack.waveId,
      placement: placementOf(stack),
      originKeyspace: keyspaces.origin.keyspace,
      targetKeyspace: targetKeyspaceOf(keyspaces),
      tables: keyspaces.tables.map((table) => table.name),
      job: 'glueJob' in keyspaces.bulkLoad ? { name: keyspaces.bulkLoad.glueJob } : outputText(outputs(stack.id), keyspaces.bulkLoad.glueJobOutput),
      proxy: ((found) => ('text' in found ? { url: found.text } : found))(outputString(outputs(stack.id), keyspaces.proxy.metricsOutput)),
      rule: {
        holdSeconds: gates?.holdSeconds ?? 300,
        maxThrottleEvents: gates?.maxThrottleEvents ?? 0,
        maxFailedWrites: gates?.maxFailedWrites ?? 0,
      },
    });
  }
  return moving;
}

function outputText(outputs: Readonly<Record<string, unknown>> | undefined, name: string): { name: string } | { problem: string } {
  const found = outputString(outputs, name);
  return 'text' in found ? { name: found.text } : found;
}

/** A stack output that must be text, or why it is not there. */
export function outputString(outputs: Readonly<Record<string, unknown>> | undefined, name: string): { text: string } | { problem: string } {
  const value = outputs?.[name];
  if (typeof value === 'string' && value.length > 0) return { text: value };
  if (value === undefined) return { problem: `the stack has no output '${name}' yet: deploy it first` };
  return { problem: `the stack's output '${name}' is not text` };
}
