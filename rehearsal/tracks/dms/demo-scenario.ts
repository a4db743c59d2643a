// The default estate: the demo plan's DMS tasks (each stack's `replicationTasks: [{ taskId }]`), in wave order,
// on one shared replication instance named as the network foundation names it, all `ready` and waiting for
// the operator to start them; a stack's fallback reverse task (CDC only, from AWS back to the data center) is
// there too, ready for a rollback to start it. A plan with accounts has each task in its stack's account.
import { dmsPlan, loadPlanFile } from '../../../main/ports/plan-reading';
import { hashString, prng } from '../../kernel/random';
import { defineScenario, ScenarioError, type Scenario, type ScenarioInput } from './scenario';
import { schemaNameFor } from './tables';

/** The estate of the plan in `planFile` (the demo plan: `<app root>/examples/demo/migration.yaml`). */
export async function demoScenario(planFile: string): Promise<Scenario> {
  const result = await loadPlanFile(planFile);
  if (!result.ok) throw new ScenarioError(result.issues);
  const { plan } = result;
  const network = [...plan.stacks.values()].find((stack) => plan.projects.find((project) => project.name === stack.project)?.program === 'network-foundation');
  const instance = network ? `${network.name}-dms` : 'rehearsal-dms';
  const ordered = [
    ...plan.waves.flatMap((wave) => wave.stackIds),
    ...[...plan.stacks.values()].filter((stack) => stack.waveId === null).map((stack) => stack.id),
  ];
  const tasks: NonNullable<ScenarioInput['tasks']> = [];
  for (const stackId of ordered) {
    const stack = plan.stacks.get(stackId)!;
    const { replicationTasks, fallback } = dmsPlan.of(stack);
    const account = stack.account ? { account: stack.account.id } : {};
    // The fallback replicates back what the forward tasks brought over: the same tables.
    let forwardTables = 0;
    for (const reference of replicationTasks) {
      if (!('taskId' in reference)) continue;
      // Per-task variety, the same on every run.
      const next = prng(hashString(reference.taskId));
      const count = 5 + Math.floor(next() * 16);
      forwardTables += count;
      tasks.push({
        id: reference.taskId,
        ...account,
        instance,
        migrationType: 'full-load-and-cdc',
        tables: { count, schema: schemaNameFor(stack.name) },
        throughputRowsPerSecond: 15_000 + Math.round(next() * 25_000),
        changeRatePerSecond: 20 + Math.round(next() * 100),
        applyCapacityPerSecond: 600 + Math.round(next() * 900),
      });
    }
    const reverseTaskId = fallback?.reverseTaskId;
    if (reverseTaskId) {
      const next = prng(hashString(reverseTaskId));
      tasks.push({
        id: reverseTaskId,
        ...account,
        instance,
        migrationType: 'cdc',
        tables: { count: forwardTables > 0 ? forwardTables : 5 + Math.floor(next() * 16), schema: schemaNameFor(stack.name) },
        changeRatePerSecond: 5 + Math.round(next() * 20),
        applyCapacityPerSecond: 600 + Math.round(next() * 900),
      });
    }
  }
  return defineScenario(
    {
      name: `Demo estate of ${plan.name}`,
      region: plan.environment.aws.region,
      instances: [{ id: instance, class: 'dms.r5.xlarge', allocatedStorageGiB: 200 }],
      tasks,
    },
    planFile,
  );
}
