// The cutover readiness benchmark's estate (bench/cutover.ts): the rehearsal scenario of DMS tasks and the plan
// that names them, three tasks per application stack, in a wave that depends on a one-stack network wave.
import { defineScenario, type AwsRehearsal } from '../../rehearsal/aws-rehearsal';

/** The CloudWatch period the monitor reads (s). */
export const PERIOD_SECONDS = 60;
export const TASKS_PER_STACK = 3;

export function stackName(s: number): string {
  return `app${String(s + 1).padStart(4, '0')}`;
}

export function benchScenario(stackCount: number) {
  return defineScenario({
    name: 'cutover readiness benchmark',
    generated: {
      tasks: stackCount * TASKS_PER_STACK,
      tablesPerTask: 2,
      autoStart: true,
      validation: false,
      changeRatePerSecond: 40,
      applyCapacityPerSecond: 600,
    },
  });
}

/** One small wave (the network) that the 200-stack wave depends on, so all four gates are exercised. */
export function benchPlan(aws: AwsRehearsal, stackCount: number): string {
  const ids = aws.simulation.tasks().map((task) => task.identity.id);
  const stacks: string[] = [];
  for (let s = 0; s < stackCount; s++) {
    const refs = ids.slice(s * TASKS_PER_STACK, (s + 1) * TASKS_PER_STACK).map((id) => `{ taskId: ${id} }`);
    stacks.push(`  - { name: ${stackName(s)}, project: apps, replicationTasks: [${refs.join(', ')}] }`);
  }
  return [
    'version: 1',
    'name: Cutover readiness benchmark',
    'environment:',
    '  aws: { region: eu-central-1, endpoint: rehearsal }',
    'projects:',
    '  - { name: infra, program: network-foundation }',
    '  - { name: apps, program: app-instance }',
    'stacks:',
    '  - { name: network, project: infra }',
    ...stacks,
    'waves:',
    '  - { id: wave-1, name: Network, stacks: [network] }',
    `  - { id: wave-2, name: Applications, dependsOn: [wave-1], stacks: [${Array.from({ length: stackCount }, (_, s) => stackName(s)).join(', ')}], gates: { maxCdcLatencySeconds: 30, holdSeconds: 300, requireValidation: false } }`,
    '',
  ].join('\n');
}
