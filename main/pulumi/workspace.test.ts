// The CLI runs behind one `up` (openStack, then the engine command, as the OperationRunner does it), counted with
// the real CLI on a file:// backend: a `pulumi` in front of it logs every run's arguments. Every command names its
// stack, so none selects one; config is written only where it differs from what the workspace holds.
import type { Workspace } from '@pulumi/pulumi/automation';
import { Stack } from '@pulumi/pulumi/automation';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { skipNoteOrFail } from '../../test/support/required-tools';
import { parsePlan } from '../plan/plan-testing';
import type { MigrationPlan } from '../plan/model';
import { SecretRedactor } from '../secrets/redactor';
import { stackOperation } from './stack-operations';
import { findPulumiCli, type PulumiCliLocation } from './toolchain';
import * as workspaceModule from './workspace';
import type { WorkspaceContext } from './workspace';

const REPO = path.resolve(import.meta.dirname, '../..');
const TIMEOUT = 180_000;
const STACK_ID = 'platform-production/app1';

describe('Stack.select, which openStack gives its own selectStack', () => {
  it('runs nothing of the workspace but selectStack', async () => {
    const used: PropertyKey[] = [];
    const selectStack = vi.fn(async () => {});
    const workspace = new Proxy({ selectStack }, { get: (target, key, receiver) => (used.push(key), Reflect.get(target, key, receiver)) });
    const stack = await Stack.select('app1', workspace as unknown as Workspace);
    expect(stack.name).toBe('app1');
    expect(selectStack).toHaveBeenCalledExactlyOnceWith('app1');
    expect(used).toEqual(['selectStack']);
  });
});

function planText(config: string): string {
  return `version: 1
name: Workspace test
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
  pulumi: { passphraseEnv: WS_TEST_PASSPHRASE }
projects:
  - name: platform-production
    program: app-instance
stacks:
  - name: app1
    project: platform-production
    config: { ${config} }
waves:
  - id: wave-1
    name: One
    stacks: [app1]
`;
}

const TWO_SECRETS = 'dbPassword: { secretEnv: WS_TEST_DB_PASSWORD }, apiKey: { secretEnv: WS_TEST_API_KEY }';

describe('the CLI runs of an up', () => {
  let tmp = '';
  let log = '';
  let cli: PulumiCliLocation | undefined;
  let unavailable = '';
  let plan: MigrationPlan;
  const env: Record<string, string> = { WS_TEST_PASSPHRASE: 'workspace-test', WS_TEST_DB_PASSWORD: 'db-password-1', WS_TEST_API_KEY: 'api-key-value-1' };

  beforeAll(async () => {
    const found = await findPulumiCli();
    if (!found.found) {
      unavailable = skipNoteOrFail('pulumi', found.message);
      return;
    }
    tmp = await mkdtemp(path.join(os.tmpdir(), 'mc-workspace-test-'));
    log = path.join(tmp, 'cli-runs.log');
    // The CLI folder the cockpit is given: a `pulumi` that logs its arguments (one tab-ended field each) and runs
    // the real one, beside the real plugins.
    const binDir = path.join(tmp, 'cli', 'bin');
    await mkdir(binDir, { recursive: true });
    for (const name of await readdir(found.binDir)) if (name !== 'pulumi') await symlink(path.join(found.binDir, name), path.join(binDir, name));
    const wrapper = path.join(binDir, 'pulumi');
    await writeFile(wrapper, `#!/bin/sh\n{ for arg in "$@"; do printf '%s\\t' "$arg"; done; printf '\\n'; } >> '${log}'\nexec '${found.pulumiPath}' "$@"\n`);
    await chmod(wrapper, 0o755);
    cli = { ...found, binDir, pulumiPath: wrapper };
  });

  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const setConfig = (config: string) => {
    const parsed = parsePlan(path.join(tmp, 'migration.yaml'), planText(config));
    if (!parsed.ok) throw new Error(parsed.issues.map((issue) => issue.message).join('\n'));
    plan = parsed.plan;
  };
  const context = (): WorkspaceContext => ({
    plan,
    appRoot: REPO,
    dataDir: path.join(tmp, 'data'),
    cli: cli!,
    redactor: new SecretRedactor(),
    env: { ...process.env, ...env },
  });

  /** The CLI runs (their arguments) of one up through the given workspace module; the up must succeed. */
  async function runsOfUp(workspace: typeof workspaceModule = workspaceModule): Promise<string[][]> {
    await writeFile(log, '');
    const stack = await workspace.openStack(context(), STACK_ID);
    const outcome = await stackOperation('up').run(stack, { onEvent: () => {}, signal: new AbortController().signal });
    expect(outcome.changes).toBeDefined();
    return (await readFile(log, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t').slice(0, -1));
  }
  /** The commands of those runs: their arguments before the first flag (`stack select`, `config set-all`, `up`). */
  const commands = (runs: string[][]) =>
    runs.map((args) => {
      const flag = args.findIndex((arg) => arg.startsWith('-'));
      return args.slice(0, flag < 0 ? undefined : flag).join(' ');
    });

  /** The stack's config file, read as it is on disk (no CLI run). */
  async function configOnDisk(): Promise<Record<string, unknown>> {
    const stack = await workspaceModule.openStack(context(), STACK_ID);
    return ((await stack.workspace.stackSettings(stack.name)).config ?? {}) as Record<string, unknown>;
  }

  it(
    'creates a new stack with one CLI run, then writes its config once',
    async ({ skip }) => {
      if (!cli) skip(unavailable);
      setConfig(`owner: team-a, ${TWO_SECRETS}`);
      const runs = await runsOfUp();
      expect(commands(runs)).toEqual(['version', 'stack select', 'config set-all', 'config set', 'config set', 'up']);
      expect(runs[1]).toEqual(expect.arrayContaining(['--create', '--secrets-provider', 'passphrase']));
      expect(runs[3]).toContain('--secret');
    },
    TIMEOUT,
  );

  it(
    'runs nothing but the up when nothing changed',
    async ({ skip }) => {
      if (!cli) skip(unavailable);
      expect(commands(await runsOfUp())).toEqual(['up']);
    },
    TIMEOUT,
  );

  it(
    'writes only the config that changed, and removes what is gone',
    async ({ skip }) => {
      if (!cli) skip(unavailable);
      setConfig(`owner: team-b, ${TWO_SECRETS}`);
      const changed = await runsOfUp();
      expect(commands(changed)).toEqual(['config set-all', 'up']);
      expect(changed[0]!.filter((arg) => arg.includes('='))).toEqual(['platform-production:owner=team-b']);
      expect(await configOnDisk()).toMatchObject({ 'platform-production:owner': 'team-b' });

      setConfig(TWO_SECRETS);
      env.WS_TEST_API_KEY = 'api-key-value-2';
      const removed = await runsOfUp();
      expect(commands(removed)).toEqual(['config rm-all', 'config set', 'up']);
      expect(removed[0]).toContain('platform-production:owner');
      expect(removed[1]).toEqual(expect.arrayContaining(['--secret', 'platform-production:apiKey']));
      expect(await configOnDisk()).not.toHaveProperty(['platform-production:owner']);
    },
    TIMEOUT,
  );

  it(
    'after a restart, finds the stack on disk and compares the config instead of writing it',
    async ({ skip }) => {
      if (!cli) skip(unavailable);
      vi.resetModules();
      const restarted = (await import('./workspace')) as typeof workspaceModule;
      // The two secrets are read back in one run (writing them would take two).
      expect(commands(await runsOfUp(restarted))).toEqual(['version', 'config', 'up']);
      expect(commands(await runsOfUp(restarted))).toEqual(['up']);

      // The plan changed while the cockpit was not running: the change is written.
      vi.resetModules();
      const again = (await import('./workspace')) as typeof workspaceModule;
      setConfig(`owner: team-c, ${TWO_SECRETS}`);
      const runs = await runsOfUp(again);
      expect(commands(runs)).toEqual(['version', 'config', 'config set-all', 'up']);
      expect(runs[2]!.filter((arg) => arg.includes('='))).toEqual(['platform-production:owner=team-c']);
    },
    TIMEOUT,
  );

  it(
    'compares with the file again after something else wrote config (forgetOpenedStack)',
    async ({ skip }) => {
      if (!cli) skip(unavailable);
      const stack = await workspaceModule.openStack(context(), STACK_ID);
      await stack.setAllConfig({ 'platform-production:owner': { value: 'rolled-back' } });
      workspaceModule.forgetOpenedStack(stack.workspace.workDir);
      const runs = await runsOfUp();
      expect(commands(runs)).toEqual(['config', 'config set-all', 'up']);
      expect(await configOnDisk()).toMatchObject({ 'platform-production:owner': 'team-c' });
      const all = await stack.getAllConfig();
      expect(all['platform-production:apiKey']).toEqual({ value: 'api-key-value-2', secret: true });
      expect(all['platform-production:dbPassword']).toEqual({ value: 'db-password-1', secret: true });
    },
    TIMEOUT,
  );
});
