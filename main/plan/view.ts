// Projects the plan model into the API's PlanView: what the UI may see. Secrets appear only as where they come from.
// A track's fields of a stack or a wave come from its part of the grammar (its `view`), after the core's own.
import type { ConfigEntry, GateColumnView, PlanView, RegistrationStatus, StackLifecycle } from '../api/contract';
import type { GrammarPart, PlanGrammar } from './grammar';
import type { MigrationPlan, StackModel, WaveModel } from './model';

// The contract declares the tracks' fields of StackView and WaveView itself until it is composed from the tracks'
// contracts (docs/design/track-seam.md §2.1); the views below are typed as the contract's, their track fields
// supplied by the parts.
type StackView = PlanView['stacks'][number];
type WaveView = PlanView['waves'][number];

/** `grammar`: the one the plan was read with (its parts' views); `gateColumns`: the readiness gates of this plan (main/cutover/gate-columns.ts). */
export function toPlanView(
  plan: MigrationPlan,
  grammar: Pick<PlanGrammar, 'parts'>,
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
    accounts: plan.accounts.map((account) => ({
      id: account.id,
      name: account.name,
      organizationalUnit: account.organizationalUnit,
      regions: [...account.regions],
      production: account.production,
      roleArn: account.role.arn,
      externalIdEnv: account.role.externalIdEnv ?? null,
    })),
    waves: plan.waves.map((wave) => toWaveView(wave, grammar.parts)),
    stacks: [...plan.stacks.values()].map((stack) => toStackView(stack, grammar.parts, lifecycleOf(stack.id), registrationsOf(stack.id))),
    gateColumns: gateColumns.map((column) => ({ ...column })),
  };
}

function toWaveView(wave: WaveModel, parts: readonly GrammarPart[]): WaveView {
  return {
    id: wave.id,
    name: wave.name,
    ...(wave.description ? { description: wave.description } : {}),
    order: wave.order,
    dependsOn: wave.dependsOn,
    maxParallel: wave.maxParallel,
    ...trackFields(parts, (part) => part.waveView?.(wave)),
    cutoverWindow: wave.cutoverWindow ?? null,
    stackIds: [...wave.stackIds],
  } as WaveView;
}

function toStackView(stack: StackModel, parts: readonly GrammarPart[], lifecycle: StackLifecycle, registrations: RegistrationStatus[] | null): StackView {
  return {
    id: stack.id,
    name: stack.name,
    project: stack.project,
    ...(stack.description ? { description: stack.description } : {}),
    waveId: stack.waveId,
    account: stack.account && { id: stack.account.id, name: stack.account.name, production: stack.account.production },
    region: stack.region,
    config: Object.entries(stack.config).map(([key, value]): ConfigEntry =>
      typeof value === 'object' ? { key, kind: 'secret', sourceEnv: value.secretEnv } : { key, kind: 'plain', value },
    ),
    registries: stack.registries,
    ...trackFields(parts, (part) => part.view?.(stack)),
    lifecycle,
    registrations,
  } as StackView;
}

/** The parts' fields, merged in the parts' order. */
function trackFields(parts: readonly GrammarPart[], fieldsOf: (part: GrammarPart) => Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const part of parts) Object.assign(fields, fieldsOf(part));
  return fields;
}
