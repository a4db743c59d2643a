// The environment variables whose values are secrets for a plan: every one the plan names, plus the standard ones
// the engine and the AWS SDK read. The core registers their values for redaction as soon as the plan loads, so a
// secret is hidden even in output that comes before its first use (a registry echoing a token in an early error).
import type { MigrationPlan, StackModel } from '../plan/model';

/** What a track's plan part says about a stack's secrets (main/seam/plan-part.ts). */
export interface SecretSource {
  secretVariables?(stack: StackModel): readonly string[];
}

/** Read by the AWS SDK's standard credential chain and by the engine's AWS provider. */
const STANDARD_SECRET_VARIABLES = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'PULUMI_ACCESS_TOKEN'];

export function secretVariablesOf(plan: MigrationPlan, parts: readonly SecretSource[] = []): string[] {
  const names = new Set<string>(STANDARD_SECRET_VARIABLES);
  names.add(plan.environment.pulumi.passphraseEnv ?? 'PULUMI_CONFIG_PASSPHRASE');
  for (const registry of plan.registries) if (registry.auth) names.add(registry.auth.tokenEnv);
  for (const account of plan.accounts) if (account.role.externalIdEnv) names.add(account.role.externalIdEnv);
  for (const stack of plan.stacks.values()) {
    for (const value of Object.values(stack.config)) if (typeof value === 'object') names.add(value.secretEnv);
    for (const part of parts) for (const name of part.secretVariables?.(stack) ?? []) names.add(name);
  }
  return [...names];
}

/** The values of those variables that are set. */
export function secretValuesOf(plan: MigrationPlan, env: NodeJS.ProcessEnv, parts: readonly SecretSource[] = []): string[] {
  return secretVariablesOf(plan, parts).flatMap((name) => (env[name] ? [env[name]] : []));
}
