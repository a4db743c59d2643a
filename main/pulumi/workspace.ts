// One persistent Pulumi workspace per stack under the cockpit's data folder: its Pulumi.yaml points `main` at
// the compiled program, its Pulumi.<stack>.yaml keeps the passphrase salt, and its config is written from the
// plan before every operation. Secrets are read from the environment here, in the core, and nowhere else.
import type { ConfigMap, PulumiCommand, Stack } from '@pulumi/pulumi/automation';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CommandError } from '../api/dispatcher';
import type { MigrationPlan, StackModel } from '../plan/model';
import { ensurePrivateDir, writePrivateFileAtomically } from '../secrets/private-files';
import type { SecretRedactor } from '../secrets/redactor';
import { loadAutomation } from './automation';
import { writeStackConfig } from './secret-config';
import { pulumiEnvironment, type PulumiCliLocation } from './toolchain';

/** What the registration provider needs per registry (see pulumi-programs/lib/registration-http.ts). */
export interface RegistrationConfig {
  readonly registryId: string;
  readonly baseUrl: string;
  readonly register: unknown;
  readonly lookup: unknown;
  readonly deregister: unknown;
  readonly variables: Record<string, string>;
  readonly auth?: { type: 'bearer' | 'header'; tokenEnv: string; header?: string };
  readonly timeoutSeconds: number;
}

export interface WorkspaceContext {
  readonly plan: MigrationPlan;
  readonly appRoot: string;
  readonly dataDir: string;
  readonly cli: PulumiCliLocation;
  readonly redactor: SecretRedactor;
  /** The rehearsal environment's endpoints, when the plan targets it. */
  readonly rehearsal?: { readonly registryUrl: string; readonly awsUrl?: string };
  /** Environment the engine and its plugins run with (registry tokens, AWS profile); defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Plain config a wave's cutover applies on top of a stack's own (e.g. trafficTarget: aws), while the stack is
   * cut over; keys as in the plan. Every operation on the stack runs with it until the cutover is rolled back.
   */
  readonly configOverlay?: (stackId: string) => Readonly<Record<string, string | number | boolean>> | undefined;
}

export function workspaceDir(dataDir: string, stack: Pick<StackModel, 'project' | 'name'>): string {
  return path.join(dataDir, 'workspaces', stack.project, stack.name);
}

/** The backend URL for a project: the project's, else the plan's, else a state folder in the data folder. */
export function backendUrl(context: Pick<WorkspaceContext, 'plan' | 'dataDir'>, projectName: string): string {
  const project = context.plan.projects.find((entry) => entry.name === projectName);
  const url = project?.backend ?? context.plan.environment.pulumi.backend;
  if (!url) return `file://${path.join(context.dataDir, 'state')}`;
  // file:// paths in a plan are relative to the plan file, so a plan and its state can live in one repository.
  const local = /^file:\/\/(?!\/)(.*)$/.exec(url);
  return local ? `file://${path.resolve(path.dirname(context.plan.file), local[1] ?? '.')}` : url;
}

/** The compiled program folder for a project: a name under dist/pulumi-programs/, or a path from the plan. */
export function programDir(context: Pick<WorkspaceContext, 'plan' | 'appRoot'>, projectName: string): string {
  const project = context.plan.projects.find((entry) => entry.name === projectName);
  if (!project) throw new CommandError('not-found', `project '${projectName}' is not in the plan`);
  const program = project.program;
  return /^(\.{1,2}\/|\/)/.test(program)
    ? path.resolve(path.dirname(context.plan.file), program)
    : path.join(context.appRoot, 'dist', 'pulumi-programs', program);
}

/**
 * A secret for a rehearsal when its environment variable is not set: made up once and kept in the data folder,
 * so the demo deploys as it is. Never used for a plan that targets AWS.
 */
async function rehearsalSecret(dataDir: string, variable: string): Promise<string> {
  // Stacks deploy in parallel: one read-modify-write of the file at a time, or a secret could be lost.
  const next = rehearsalSecrets.then(() => readOrMakeRehearsalSecret(dataDir, variable));
  rehearsalSecrets = next.catch(() => undefined);
  return next;
}
let rehearsalSecrets: Promise<unknown> = Promise.resolve();

async function readOrMakeRehearsalSecret(dataDir: string, variable: string): Promise<string> {
  const file = path.join(dataDir, 'rehearsal', 'secrets.json');
  const secrets = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as Record<string, string>;
  const existing = secrets[variable];
  if (existing) return existing;
  const made = randomBytes(18).toString('base64url');
  await ensurePrivateDir(path.dirname(file));
  await writePrivateFileAtomically(file, JSON.stringify({ ...secrets, [variable]: made }, null, 2));
  return made;
}

/** Opens (creating if needed) the automation Stack of a plan stack and writes its config from the plan. */
export async function openStack(context: WorkspaceContext, stackId: string): Promise<Stack> {
  const stack = context.plan.stacks.get(stackId);
  if (!stack) throw new CommandError('not-found', `stack '${stackId}' is not in the plan`);
  const main = programDir(context, stack.project);
  if (!existsSync(path.join(main, 'index.js'))) {
    throw new CommandError('failed', `the program for ${stack.project} is not built (${main}/index.js is missing): run npm run build:programs`);
  }
  const workDir = workspaceDir(context.dataDir, stack);
  const pulumiHome = path.join(context.dataDir, 'pulumi-home');
  const backend = backendUrl(context, stack.project);
  await mkdir(workDir, { recursive: true });
  await mkdir(pulumiHome, { recursive: true });
  // A file:// backend is a folder the engine expects to exist.
  if (backend.startsWith('file://')) await mkdir(backend.slice('file://'.length), { recursive: true });

  const secretsProvider = context.plan.environment.pulumi.secretsProvider;
  const envVars = pulumiEnvironment(context.cli.binDir, context.env ?? process.env, { pulumiHome });
  if (secretsProvider === 'passphrase') envVars.PULUMI_CONFIG_PASSPHRASE = await passphrase(context);
  if (context.plan.environment.aws.profile) envVars.AWS_PROFILE = context.plan.environment.aws.profile;
  context.redactor.add(envVars.PULUMI_CONFIG_PASSPHRASE);

  const config = await stackConfig(context, stack);
  // Selecting the stack and writing its config are CLI calls on every operation; when nothing about the
  // workspace changed since the last operation, the opened stack is reused as it is.
  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ main, backend, secretsProvider, envVars, config }))
    .digest('hex');
  const cached = openedStacks.get(workDir);
  if (cached?.fingerprint === fingerprint) return cached.stack;

  const pulumiCommand = await pulumiCommandFor(context.cli.binDir);
  const { LocalWorkspace } = await loadAutomation();
  const automationStack = await LocalWorkspace.createOrSelectStack(
    { stackName: stack.name, workDir },
    {
      pulumiCommand,
      pulumiHome,
      envVars,
      secretsProvider,
      projectSettings: {
        name: stack.project,
        runtime: { name: 'nodejs', options: { typescript: false } },
        main,
        backend: { url: backend },
      },
    },
  );
  // Keys no longer in the config (a cutover overlay removed, a key deleted from the plan) are removed too:
  // setting config never removes any. The stack's settings file is read without starting the CLI.
  const written = await automationStack.workspace.stackSettings(stack.name).catch(() => undefined);
  const stale = Object.keys(written?.config ?? {}).filter((key) => !(key in config));
  if (stale.length > 0) await automationStack.removeAllConfig(stale);
  await writeStackConfig(automationStack, config);
  openedStacks.set(workDir, { fingerprint, stack: automationStack });
  return automationStack;
}

const openedStacks = new Map<string, { fingerprint: string; stack: Stack }>();

/** Forgets an opened stack, so the next operation writes its config again (after something else changed it). */
export function forgetOpenedStack(workDir: string): void {
  openedStacks.delete(workDir);
}

const pulumiCommands = new Map<string, Promise<PulumiCommand>>();

/** PulumiCommand.get runs `pulumi version`; once per CLI folder is enough. */
function pulumiCommandFor(binDir: string): Promise<PulumiCommand> {
  let command = pulumiCommands.get(binDir);
  if (!command) {
    command = loadAutomation().then(({ PulumiCommand }) => PulumiCommand.get({ root: path.dirname(binDir) }));
    pulumiCommands.set(binDir, command);
    command.catch(() => pulumiCommands.delete(binDir));
  }
  return command;
}

/** The stack's Pulumi config from the plan: plain values, secrets read from their environment variables. */
export async function stackConfig(context: WorkspaceContext, stack: StackModel): Promise<ConfigMap> {
  const env = context.env ?? process.env;
  const rehearsal = context.plan.environment.aws.endpoint === 'rehearsal';
  const config: ConfigMap = {};
  for (const [key, value] of Object.entries(stack.config)) {
    const fullKey = key.includes(':') ? key : `${stack.project}:${key}`;
    if (typeof value === 'object') {
      const secret = env[value.secretEnv] || (rehearsal ? await rehearsalSecret(context.dataDir, value.secretEnv) : undefined);
      if (!secret) {
        throw new CommandError('failed', `${stack.id}: config '${key}' needs the environment variable ${value.secretEnv}, which is not set`);
      }
      context.redactor.add(secret);
      config[fullKey] = { value: secret, secret: true };
    } else {
      config[fullKey] = { value: String(value) };
    }
  }
  for (const [key, value] of Object.entries(context.configOverlay?.(stack.id) ?? {})) {
    config[key.includes(':') ? key : `${stack.project}:${key}`] = { value: String(value) };
  }
  const endpoint = context.plan.environment.aws.endpoint;
  config['cockpit:target'] = { value: endpoint === 'rehearsal' ? 'rehearsal' : 'aws' };
  config['cockpit:stackId'] = { value: stack.id };
  config['cockpit:registrations'] = { value: JSON.stringify(registrations(context, stack)) };
  config['aws:region'] = { value: context.plan.environment.aws.region };
  if (endpoint && endpoint !== 'rehearsal') config['cockpit:awsEndpoint'] = { value: endpoint };
  if (endpoint === 'rehearsal' && context.rehearsal?.awsUrl) config['cockpit:rehearsalAwsEndpoint'] = { value: context.rehearsal.awsUrl };
  return config;
}

/** The registries a stack registers with, their templates and every placeholder value known before deploy. */
export function registrations(context: Pick<WorkspaceContext, 'plan' | 'rehearsal'>, stack: StackModel): RegistrationConfig[] {
  const { plan } = context;
  const wave = plan.waves.find((entry) => entry.id === stack.waveId);
  const variables: Record<string, string> = {
    'plan.name': plan.name,
    'stack.id': stack.id,
    'stack.name': stack.name,
    'stack.project': stack.project,
    'stack.description': stack.description ?? '',
    'wave.id': wave?.id ?? '',
    'wave.name': wave?.name ?? '',
  };
  // Only plain config: the plan validator refuses templates that would send a secret.
  for (const [key, value] of Object.entries(stack.config)) if (typeof value !== 'object') variables[`stack.config.${key}`] = String(value);

  return stack.registries.map((registryId) => {
    const registry = plan.registries.find((entry) => entry.id === registryId);
    if (!registry) throw new CommandError('not-found', `registry '${registryId}' is not in the plan`);
    let baseUrl = registry.baseUrl;
    if (baseUrl === 'rehearsal') {
      if (!context.rehearsal) throw new CommandError('failed', `registry '${registryId}' targets the rehearsal environment, which is not running`);
      baseUrl = context.rehearsal.registryUrl;
    }
    return {
      registryId,
      baseUrl,
      register: registry.register,
      lookup: registry.lookup,
      deregister: registry.deregister,
      variables,
      timeoutSeconds: registry.timeoutSeconds,
      ...(registry.auth ? { auth: registry.auth } : {}),
    };
  });
}

/**
 * The passphrase for passphrase-encrypted stacks: from the plan's passphraseEnv (or PULUMI_CONFIG_PASSPHRASE).
 * Against the rehearsal environment only, a random one is kept in the data folder so the demo runs as is.
 */
async function passphrase(context: WorkspaceContext): Promise<string> {
  const env = context.env ?? process.env;
  const variable = context.plan.environment.pulumi.passphraseEnv ?? 'PULUMI_CONFIG_PASSPHRASE';
  const fromEnv = env[variable];
  if (fromEnv) return fromEnv;
  if (context.plan.environment.aws.endpoint !== 'rehearsal') {
    throw new CommandError('failed', `set ${variable}: the Pulumi passphrase that encrypts this plan's stack secrets`);
  }
  const file = path.join(context.dataDir, 'rehearsal-passphrase');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const generated = randomBytes(24).toString('base64url');
    await writeFile(file, `${generated}\n`, { mode: 0o600, flag: 'wx' }).catch(() => undefined);
    return (await readFile(file, 'utf8')).trim();
  }
}
