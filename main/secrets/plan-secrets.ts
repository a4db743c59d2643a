// The environment variables whose values are secrets for a plan: every one the plan names, plus the standard ones
// the engine and the AWS SDK read. The core registers their values for redaction as soon as the plan loads, so a
// secret is hidden even in output that comes before its first use (a registry echoing a token in an early error).
import type { MigrationPlan } from '../plan/model';

/** Read by the AWS SDK's standard credential chain and by the engine's AWS provider. */
const STANDARD_SECRET_VARIABLES = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'PULUMI_ACCESS_TOKEN'];

export function secretVariablesOf(plan: MigrationPlan): string[] {
  const names = new Set<string>(STANDARD_SECRET_VARIABLES);
  names.add(plan.environment.pulumi.passphraseEnv ?? 'PULUMI_CONFIG_PASSPHRASE');
  for (const registry of plan.registries) if (registry.auth) names.add(registry.auth.tokenEnv);
  for (const account of plan.accounts) if (account.role.externalIdEnv) names.add(account.role.externalIdEnv);
  for (const stack of plan.stacks.values()) {
    for (const value of Object.values(stack.config)) if (typeof value === 'object') names.add(value.secretEnv);
  }
  return [...names];
}

/** The values of those variables that are set. */
export function secretValuesOf(plan: MigrationPlan, env: NodeJS.ProcessEnv): string[] {
  return secretVariablesOf(plan).flatMap((name) => (env[name] ? [env[name]] : []));
}
