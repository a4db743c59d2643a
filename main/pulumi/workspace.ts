// One persistent Pulumi workspace per stack under the cockpit's data folder: its Pulumi.yaml points `main` at the compiled program, its
// Pulumi.<stack>.yaml keeps the passphrase salt, and its config is brought up to date with the plan before every operation (only what
// changed is written). Secrets are read from the environment here, in the core, and nowhere else; the account guard is account-guard.ts.
import type { ConfigMap, ConfigValue, LocalWorkspace, PulumiCommand, Stack } from '@pulumi/pulumi/automation';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CommandError } from '../../common/command-error';
import type { MigrationPlan, StackModel } from '../plan/model';
import type { RehearsalCassandra } from '../ports/rehearsal';
import { ensurePrivateDir, writePrivateFileAtomically } from '../secrets/private-files';
import { MIN_SECRET_LENGTH, tooShortToHide, type SecretRedactor } from '../secrets/redactor';
import { accountGuard } from './account-guard';
import { loadAutomation } from './automation';
import { internalRunOf } from './engine-command';
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
  readonly rehearsal?: { readonly registryUrl: string; readonly awsUrl?: string; readonly cassandra?: RehearsalCassandra };
  /** Environment the engine and its plugins run with (registry tokens, AWS profile); defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Plain config a wave's cutover applies on top of a stack's own (e.g. trafficTarget: aws), while the stack is
   * cut over; keys as in the plan. Every operation on the stack runs with it until the cutover is rolled back.
   */
  readonly configOverlay?: (stackId: string) => Readonly<Record<string, string | number | boolean>> | undefined;
  /** The config the tracks add to a stack (their namespaced keys, main/seam/plan-grammar.ts trackStackConfig). */
  readonly trackConfig?: (stack: StackModel) => Readonly<Record<string, string>>;
  /** The operator (user@host): the RoleSessionName of the stack's assumed role, so CloudTrail names who acted. */
  readonly operator?: string;
}

export function workspaceDir(dataDir: string, stack: Pick<StackModel, 'project' | 'name'>): string {
  return path.join(dataDir, 'workspaces', stack.project, stack.name);
}

/**
 * Pulumi's PostgreSQL state backend (lib/pq): the password as PGPASSWORD from the plan's backendPasswordEnv (never in
 * the URL, which the workspace writes to disk and the CLI would save on a login), hidden from every output. An
 * inherited PULUMI_BACKEND_URL would win over the plan's backend, and lib/pq refuses to start with some libpq
 * variables set: both are taken out of the engine's environment.
 */
function postgresBackendEnvironment(envVars: Record<string, string>, context: WorkspaceContext): void {
  delete envVars.PULUMI_BACKEND_URL;
  for (const name of LIBPQ_ONLY_VARIABLES) delete envVars[name];
  const variable = context.plan.environment.pulumi.backendPasswordEnv;
  if (!variable) return;
  const password = (context.env ?? process.env)[variable];
  if (!password) throw new CommandError('failed', `the variable ${variable} that holds the Pulumi state database's password is not set`);
  envVars.PGPASSWORD = password;
  context.redactor.add(password);
}

/** libpq variables lib/pq refuses to start with (pulumi v3.260's lib/pq v1.12, connector.go). */
const LIBPQ_ONLY_VARIABLES = [
  'PGSSLCRL',
  'PGSSLCRLDIR',
  'PGSSLCOMPRESSION',
  'PGREQUIRESSL',
  'PGGSSENCMODE',
  'PGREQUIREAUTH',
  'PGCHANNELBINDING',
  'PGREALM',
  'PGGSSLIB',
  'PGGSSDELEGATION',
  'PGSSLCERTMODE',
  'PGREQUIREPEER',
  'PGKRBSRVNAME',
];

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

/**
 * Opens (creating if needed) the automation Stack of a plan stack and brings its config up to date with the plan.
 * Every CLI command the cockpit runs names its stack (`--stack`), so the stack is never "selected": the workspace
 * is made once per process (the stack created if it does not exist yet) and only config that changed is written.
 */
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
  if (backend.startsWith('postgres://')) postgresBackendEnvironment(envVars, context);
  context.redactor.add(envVars.PULUMI_CONFIG_PASSPHRASE);

  const config = await stackConfig(context, stack);
  // One open of a workspace at a time: each compares the config with what the one before it wrote.
  return oneAtATime(workDir, async () => {
    const settingsKey = JSON.stringify({ main, backend, secretsProvider, binDir: context.cli.binDir });
    let opened = openedStacks.get(workDir);
    if (opened?.settingsKey !== settingsKey) {
      const made = await makeStack({
        name: stack.name,
        project: stack.project,
        workDir,
        pulumiHome,
        backend,
        main,
        secretsProvider,
        envVars,
        binDir: context.cli.binDir,
      });
      opened = { settingsKey, ...made, written: undefined };
      openedStacks.set(workDir, opened);
    }
    // The environment (passphrase, registry tokens, AWS profile) is read by every CLI run, not kept by the stack.
    opened.workspace.envVars = envVars;
    try {
      opened.written ??= await configInWorkspace(opened.stack, config);
      await updateConfig(opened.stack, opened.written, config);
      opened.written = new Map(Object.entries(config));
    } catch (error) {
      // Part of it may have been written: read it again next time.
      opened.written = undefined;
      throw error;
    }
    return opened.stack;
  });
}

/** What this process knows of a stack's workspace: its automation Stack and the config Pulumi.<stack>.yaml holds. */
interface OpenedStack {
  /** When the program, backend, secrets provider or CLI change, the workspace is made again. */
  readonly settingsKey: string;
  readonly workspace: LocalWorkspace;
  readonly stack: Stack;
  /** The stack's config by key (undefined: a value not known, such as a secret not read), or undefined when not known. */
  written: Map<string, ConfigValue | undefined> | undefined;
}

const openedStacks = new Map<string, OpenedStack>();
const opening = new Map<string, Promise<unknown>>();

function oneAtATime<T>(key: string, open: () => Promise<T>): Promise<T> {
  const next = (opening.get(key) ?? Promise.resolve()).then(open, open);
  opening.set(
    key,
    next.catch(() => undefined),
  );
  return next;
}

/**
 * Forgets what this process knows of a stack's config, so the next operation compares it with the plan again
 * (after something else, such as a rollback, changed it).
 */
export function forgetOpenedStack(workDir: string): void {
  const opened = openedStacks.get(workDir);
  if (opened) opened.written = undefined;
}

interface StackPlace {
  readonly name: string;
  readonly project: string;
  readonly workDir: string;
  readonly pulumiHome: string;
  readonly backend: string;
  readonly main: string;
  readonly secretsProvider: string | undefined;
  readonly envVars: Record<string, string>;
  readonly binDir: string;
}

/**
 * The workspace (its Pulumi.yaml written, no CLI run) and the automation Stack of a plan stack, creating the stack
 * when it does not exist. LocalWorkspace.createOrSelectStack would run `pulumi stack select`, and when that fails
 * `pulumi stack init`: here an existing stack of a file:// backend is found on disk, and any other is selected or
 * created by one `pulumi stack select --create`.
 */
async function makeStack(place: StackPlace): Promise<{ workspace: LocalWorkspace; stack: Stack }> {
  const pulumiCommand = await pulumiCommandFor(place.binDir);
  const { LocalWorkspace, Stack } = await loadAutomation();
  const workspace = await LocalWorkspace.create({
    workDir: place.workDir,
    pulumiCommand,
    pulumiHome: place.pulumiHome,
    envVars: place.envVars,
    ...(place.secretsProvider ? { secretsProvider: place.secretsProvider } : {}),
    projectSettings: {
      name: place.project,
      runtime: { name: 'nodejs', options: { typescript: false } },
      main: place.main,
      backend: { url: place.backend },
    },
  });
  // Stack.select's only CLI run is workspace.selectStack (main/pulumi/workspace.test.ts checks it stays so).
  workspace.selectStack = (name) => ensureStack(workspace, name, place);
  try {
    return { workspace, stack: await Stack.select(place.name, workspace) };
  } finally {
    Reflect.deleteProperty(workspace, 'selectStack');
  }
}

async function ensureStack(workspace: LocalWorkspace, name: string, place: StackPlace): Promise<void> {
  if (await existsOnDisk(workspace, name, place)) return;
  const args = ['stack', 'select', '--create', '--stack', name, ...(place.secretsProvider ? ['--secrets-provider', place.secretsProvider] : [])];
  // The environment LocalWorkspace gives its own CLI runs.
  const env = { ...(workspace.pulumiHome ? { PULUMI_HOME: workspace.pulumiHome } : {}), ...workspace.envVars };
  await internalRunOf(workspace.pulumiCommand)(args, workspace.workDir, env);
}

/**
 * A stack of a file:// backend exists when its checkpoint is in the state folder (the project layout every
 * backend this CLI creates has) and the workspace has its settings (Pulumi.<stack>.yaml: the passphrase salt).
 */
async function existsOnDisk(workspace: LocalWorkspace, name: string, place: StackPlace): Promise<boolean> {
  if (!place.backend.startsWith('file://')) return false;
  if (
    !(await workspace.stackSettings(name).then(
      () => true,
      () => false,
    ))
  )
    return false;
  const folder = path.join(place.backend.slice('file://'.length), '.pulumi', 'stacks', place.project);
  return [`${name}.json`, `${name}.json.gz`].some((file) => existsSync(path.join(folder, file)));
}

/**
 * The config Pulumi.<stack>.yaml holds, read from the file: plain values as they are, secrets (encrypted there)
 * decrypted by one CLI run when that saves runs (writing costs one per secret), else left unknown.
 */
async function configInWorkspace(stack: Stack, wanted: ConfigMap): Promise<Map<string, ConfigValue | undefined>> {
  const settings = await stack.workspace.stackSettings(stack.name).catch(() => undefined);
  const known = new Map<string, ConfigValue | undefined>();
  const encrypted: string[] = [];
  for (const [key, value] of Object.entries((settings?.config ?? {}) as Record<string, unknown>)) {
    known.set(key, typeof value === 'string' ? { value, secret: false } : undefined);
    const secure = typeof value === 'object' && value !== null && 'secure' in value;
    if (secure && wanted[key]?.secret) encrypted.push(key);
  }
  if (encrypted.length > 1) {
    const decrypted = await stack.getAllConfig().catch(() => undefined);
    for (const key of encrypted) {
      const entry = decrypted?.[key];
      if (entry?.secret) known.set(key, { value: entry.value, secret: true });
    }
  }
  return known;
}

/** Writes what differs: keys no longer wanted removed (setting config never removes any), changed values set. */
async function updateConfig(stack: Stack, written: ReadonlyMap<string, ConfigValue | undefined>, wanted: ConfigMap): Promise<void> {
  const stale = [...written.keys()].filter((key) => !(key in wanted));
  if (stale.length > 0) await stack.removeAllConfig(stale);
  const changed: ConfigMap = {};
  for (const [key, value] of Object.entries(wanted)) {
    const was = written.get(key);
    if (!was || was.value !== value.value || Boolean(was.secret) !== Boolean(value.secret)) changed[key] = value;
  }
  await writeStackConfig(stack, changed);
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
  const endpoint = context.plan.environment.aws.endpoint;
  const rehearsal = endpoint === 'rehearsal';
  const config: ConfigMap = {};
  for (const [key, value] of Object.entries(stack.config)) {
    const fullKey = key.includes(':') ? key : `${stack.project}:${key}`;
    if (typeof value === 'object') {
      const secret = env[value.secretEnv] || (rehearsal ? await rehearsalSecret(context.dataDir, value.secretEnv) : undefined);
      if (!secret) {
        throw new CommandError('failed', `${stack.id}: config '${key}' needs the environment variable ${value.secretEnv}, which is not set`);
      }
      if (tooShortToHide(secret)) {
        throw new CommandError(
          'failed',
          `${stack.id}: config '${key}' reads a secret of ${secret.length} character(s) from ${value.secretEnv}: too short to hide in logs and views (at least ${MIN_SECRET_LENGTH}); set a real secret there`,
        );
      }
      context.redactor.add(secret);
      config[fullKey] = { value: secret, secret: true };
    } else {
      config[fullKey] = { value: String(value) };
    }
  }
  for (const [key, value] of Object.entries(context.trackConfig?.(stack) ?? {})) config[key] = { value };
  for (const [key, value] of Object.entries(context.configOverlay?.(stack.id) ?? {})) {
    config[key.includes(':') ? key : `${stack.project}:${key}`] = { value: String(value) };
  }
  config['cockpit:target'] = { value: rehearsal ? 'rehearsal' : 'aws' };
  config['cockpit:stackId'] = { value: stack.id };
  config['cockpit:registrations'] = { value: JSON.stringify(registrations(context, stack)) };
  config['aws:region'] = { value: stack.region };
  Object.assign(config, accountGuard(context, stack, env));
  if (endpoint && !rehearsal) config['cockpit:awsEndpoint'] = { value: endpoint };
  if (rehearsal && context.rehearsal?.awsUrl) config['cockpit:rehearsalAwsEndpoint'] = { value: context.rehearsal.awsUrl };
  // Secret config, so Pulumi keeps it encrypted in the state; not redacted from logs: the rehearsal's test login
  // ("cassandra") is a word the logs need, and it guards nothing beyond this machine's loopback.
  if (rehearsal && context.rehearsal?.cassandra) config['cockpit:rehearsalCassandra'] = { value: JSON.stringify(context.rehearsal.cassandra), secret: true };
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
