// Projects the plan model into the API's PlanView: what the UI may see. Secrets appear only as where they come from.
import type { ConfigEntry, GateColumnView, PlanView, RegistrationStatus, StackLifecycle } from '../api/contract';
import type { MigrationPlan, StackModel } from './model';

/** `gateColumns`: the readiness gates the core composed from its tracks (main/cutover/gate-columns.ts). */
export function toPlanView(
  plan: MigrationPlan,
  gateColumns: readonly GateColumnView[],
  lifecycleOf: (stackId: string) => StackLifecycle,
  registrationsOf: (stackId: string) => RegistrationStatus[] | null = () => null,
): PlanView {
  const defaultBackend = plan.environment.pulumi.backend ?? 'local state folder (default)';
  return {
    name: plan.name,
    ...(plan.description ? { description: plan.description } : {}),
    environment: {
      region: plan.environment.aws.region,
      profile: plan.environment.aws.profile ?? null,
      endpoint: plan.environment.aws.endpoint ?? null,
      backend: defaultBackend,
      secretsProvider: plan.environment.pulumi.secretsProvider,
    },
    projects: plan.projects.map((project) => ({
      name: project.name,
      program: project.program,
      backend: project.backend ?? defaultBackend,
      ...(project.description ? { description: project.description } : {}),
      ...(project.organizationalUnit ? { organizationalUnit: project.organizationalUnit } : {}),
    })),
    registries: plan.registries.map((registry) => ({
      id: registry.id,
      name: registry.name,
      baseUrl: registry.baseUrl,
      authTokenEnv: registry.auth?.tokenEnv ?? null,
    })),
    waves: plan.waves.map((wave) => ({
      id: wave.id,
      name: wave.name,
      ...(wave.description ? { description: wave.description } : {}),
      order: wave.order,
      dependsOn: wave.dependsOn,
      maxParallel: wave.maxParallel,
      gates: wave.gates ?? null,
      cutoverWindow: wave.cutoverWindow ?? null,
      stackIds: [...wave.stackIds],
    })),
    stacks: [...plan.stacks.values()].map((stack) => toStackView(stack, lifecycleOf(stack.id), registrationsOf(stack.id))),
    gateColumns: gateColumns.map((column) => ({ ...column })),
  };
}

function toStackView(stack: StackModel, lifecycle: StackLifecycle, registrations: RegistrationStatus[] | null): PlanView['stacks'][number] {
  return {
    id: stack.id,
    name: stack.name,
    project: stack.project,
    ...(stack.description ? { description: stack.description } : {}),
    waveId: stack.waveId,
    config: Object.entries(stack.config).map(([key, value]): ConfigEntry =>
      typeof value === 'object' ? { key, kind: 'secret', sourceEnv: value.secretEnv } : { key, kind: 'plain', value },
    ),
    registries: stack.registries,
    replicationTasks: stack.replicationTasks.map((task) =>
      'taskId' in task ? { kind: 'task-id', taskId: task.taskId } : { kind: 'stack-output', output: task.fromStackOutput },
    ),
    lifecycle,
    registrations,
  };
}
