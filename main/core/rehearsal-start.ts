// Starts the embedded rehearsal environment for a plan that targets it: one registry token (the operator's, or
// one the rehearsal keeps in its folder), handed to the engine under every variable name the plan uses for it.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MigrationPlan } from '../plan/model';

/** The running rehearsal environment: its registry and, when it has one, its AWS-compatible (DMS, CloudWatch) endpoint. */
export interface RehearsalHandle {
  readonly registryUrl: string;
  readonly awsUrl?: string;
  /** The simulated time of its AWS side (ms), when it runs faster than real time. */
  now?(): number;
  /** Simulated seconds per real second of that clock. */
  readonly timeScale?: number;
  /** The AWS account its AWS side simulates (its ARNs carry it). */
  readonly accountId?: string;
  close(): Promise<void>;
}

export type StartRehearsal = (options: { dir: string; registryToken: string }) => Promise<RehearsalHandle>;

export interface StartedRehearsal {
  readonly handle: RehearsalHandle;
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
