// Starts the embedded rehearsal environment for a plan that targets it: one registry token (the operator's, or
// one the rehearsal keeps in its folder), handed to the engine under every variable name the plan uses for it.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MigrationPlan } from '../plan/model';
import type { AllowedRole, RehearsalPort, StartRehearsal } from '../ports/rehearsal';

export interface StartedRehearsal {
  readonly handle: RehearsalPort;
  /** Variables the engine needs that the operator did not set (the rehearsal's registry token). */
  readonly engineEnv: Record<string, string>;
}

export interface RehearsalStartOptions {
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly start: StartRehearsal;
  /** Called with the registry token before anything can log it. */
  readonly hideSecret: (token: string) => void;
}

export function usesRehearsal(plan: MigrationPlan): boolean {
  return plan.registries.some((registry) => registry.baseUrl === 'rehearsal') || plan.environment.aws.endpoint === 'rehearsal';
}

/**
 * The roles the rehearsal's STS should let the sign-in assume for a plan: each account's, with its external id when
 * the variable is set (unset, the role takes none, and the session check says the variable is missing).
 */
export function rehearsalRolesOf(plan: MigrationPlan, env: NodeJS.ProcessEnv): AllowedRole[] {
  return plan.accounts.map((account) => {
    const externalId = account.role.externalIdEnv ? env[account.role.externalIdEnv] : undefined;
    return { arn: account.role.arn, ...(externalId ? { externalId } : {}) };
  });
}

export async function startPlanRehearsal(plan: MigrationPlan, { dataDir, env, start, hideSecret }: RehearsalStartOptions): Promise<StartedRehearsal> {
  const folder = path.join(dataDir, 'rehearsal');
  await mkdir(folder, { recursive: true });
  const tokenVariables = plan.registries.flatMap((r) => (r.baseUrl === 'rehearsal' && r.auth ? [r.auth.tokenEnv] : []));
  const token = tokenVariables.map((name) => env[name]).find(Boolean) ?? (await rehearsalToken(path.join(folder, 'registry-token')));
  hideSecret(token);
  const engineEnv: Record<string, string> = {};
  for (const name of tokenVariables) if (!env[name]) engineEnv[name] = token;
  const handle = await start({ dir: folder, registryToken: token });
  return { handle, engineEnv };
}

async function rehearsalToken(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const token = randomBytes(24).toString('base64url');
    await writeFile(file, `${token}\n`, { mode: 0o600 });
    return token;
  }
}
