// Smoke test of the Pulumi toolchain: the real CLI (scripts/pulumi-toolchain.sh) deploys a local program
// with a dynamic provider through the Automation API, against a file:// backend.
//
// Layout, as the cockpit keeps it: a persistent workspace folder per stack under the data folder
// (Pulumi.yaml written from projectSettings, Pulumi.<stack>.yaml with the passphrase salt), whose `main`
// is the absolute path of the program folder in the repository. The engine runs the program in the program
// folder (`main`), so `@pulumi/pulumi` resolves from the repository's node_modules; the dynamic-provider
// plugin is started in that folder too.
import type { EngineEvent, Stack } from '@pulumi/pulumi/automation';
import { LocalWorkspace, PulumiCommand } from '@pulumi/pulumi/automation';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPulumiCli, installedSdkVersion, pulumiEnvironment, type PulumiCliLocation } from '../../main/pulumi/toolchain';
import { skipNoteOrFail } from '../support/required-tools';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const programDir = path.join(repoRoot, 'test', 'pulumi-smoke', 'program');
const toolchainScript = path.join(repoRoot, 'scripts', 'pulumi-toolchain.sh');
const PROJECT = 'pulumi-smoke';
const STACK = 'smoke';
const OP_TIMEOUT = 120_000;
// A cold build of the CLI takes minutes; later runs find the cache in well under a second.
const BUILD_TIMEOUT = 30 * 60_000;

/** The CLI from the toolchain: found, or built by scripts/pulumi-toolchain.sh. */
async function resolveToolchain(): Promise<PulumiCliLocation | { found: false; message: string }> {
  const found = await findPulumiCli();
  if (found.found) return found;
  const build = await new Promise<{ ok: boolean; stderr: string }>((resolve) => {
    execFile('bash', [toolchainScript], { cwd: repoRoot, timeout: BUILD_TIMEOUT, maxBuffer: 64 * 1024 * 1024 }, (err, _stdout, stderr) =>
      resolve({ ok: !err, stderr: String(stderr) }),
    );
  });
  if (!build.ok) {
    const tail = build.stderr.trim().split('\n').slice(-5).join('\n');
    return { found: false, message: `scripts/pulumi-toolchain.sh failed:\n${tail}` };
  }
  return findPulumiCli();
}

describe('Pulumi toolchain smoke: local program with a dynamic provider, file:// backend', () => {
  let toolchain: PulumiCliLocation | undefined;
  let unavailable = '';
  let tmp = '';
  let outDir = '';
  let workspaceDir = '';
  let stack: Stack | undefined;

  beforeAll(async () => {
    const result = await resolveToolchain();
    if (!result.found) {
      unavailable = skipNoteOrFail('pulumi', `Pulumi CLI v${installedSdkVersion()} unavailable: ${result.message}`);
      return;
    }
    toolchain = result;

    tmp = await mkdtemp(path.join(os.tmpdir(), 'pulumi-smoke-'));
    const dataDir = path.join(tmp, 'data');
    const stateDir = path.join(dataDir, 'state');
    const pulumiHome = path.join(dataDir, 'pulumi-home');
    workspaceDir = path.join(dataDir, 'workspaces', PROJECT, STACK);
    outDir = path.join(tmp, 'out');
    await Promise.all([stateDir, pulumiHome, workspaceDir, outDir].map((dir) => mkdir(dir, { recursive: true })));

    // PulumiCommand.get runs `<root>/bin/pulumi version` and checks it against the SDK's minimum version.
    const pulumiCommand = await PulumiCommand.get({ root: path.dirname(toolchain.binDir) });
    stack = await LocalWorkspace.createOrSelectStack(
      { stackName: STACK, workDir: workspaceDir },
      {
        pulumiCommand,
        pulumiHome,
        secretsProvider: 'passphrase',
        envVars: {
          ...pulumiEnvironment(toolchain.binDir, process.env, { pulumiHome }),
          PULUMI_CONFIG_PASSPHRASE: 'smoke-test-passphrase',
        },
        projectSettings: {
          name: PROJECT,
          runtime: { name: 'nodejs', options: { typescript: false } },
          main: programDir,
          backend: { url: `file://${stateDir}` },
        },
      },
    );
    await stack.setAllConfig({
      dir: { value: outDir },
      token: { value: 'not-a-real-token', secret: true },
    });
  }, BUILD_TIMEOUT);

  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  function requireStack(skip: (note: string) => never): Stack {
    if (!stack) skip(unavailable || 'setup failed');
    return stack;
  }

  it('uses the CLI version matching @pulumi/pulumi', ({ skip }) => {
    const s = requireStack(skip);
    expect(toolchain?.version).toBe(installedSdkVersion());
    expect(s.workspace.pulumiVersion).toBe(installedSdkVersion());
  });

  it(
    'up creates the file and the stack outputs, with engine events',
    async ({ skip }) => {
      const s = requireStack(skip);
      const events: EngineEvent[] = [];
      const result = await s.up({ onEvent: (e) => events.push(e) });

      expect(result.summary.result).toBe('succeeded');
      expect(result.summary.resourceChanges).toEqual({ create: 2 });
      const file = path.join(outDir, 'smoke.txt');
      expect(result.outputs.filePath?.value).toBe(file);
      expect(await readFile(file, 'utf8')).toBe('written by the pulumi smoke test\n');

      const preEvents = events.filter((e) => e.resourcePreEvent).map((e) => e.resourcePreEvent?.metadata);
      expect(preEvents).toContainEqual(
        expect.objectContaining({ op: 'create', type: 'pulumi-nodejs:dynamic:Resource', urn: expect.stringContaining('smoke-file') }),
      );
      const summary = events.find((e) => e.summaryEvent)?.summaryEvent;
      expect(summary?.resourceChanges).toEqual({ create: 2 });

      // The passphrase salt lives in the workspace, next to the Pulumi.yaml pointing at the program.
      const stackSettings = await readFile(path.join(workspaceDir, `Pulumi.${STACK}.yaml`), 'utf8');
      expect(stackSettings).toContain('encryptionsalt');
      expect(stackSettings).toContain('secure:');
      expect(stackSettings).not.toContain('not-a-real-token');
    },
    OP_TIMEOUT,
  );

  it(
    'a second up changes nothing',
    async ({ skip }) => {
      const s = requireStack(skip);
      const events: EngineEvent[] = [];
      const result = await s.up({ onEvent: (e) => events.push(e) });
      expect(result.summary.result).toBe('succeeded');
      expect(result.summary.resourceChanges).toEqual({ same: 2 });
      expect(events.find((e) => e.summaryEvent)?.summaryEvent?.resourceChanges).toEqual({ same: 2 });
    },
    OP_TIMEOUT,
  );

  it(
    'destroy removes the file',
    async ({ skip }) => {
      const s = requireStack(skip);
      const events: EngineEvent[] = [];
      const result = await s.destroy({ onEvent: (e) => events.push(e) });
      expect(result.summary.result).toBe('succeeded');
      expect(result.summary.resourceChanges).toEqual({ delete: 2 });
      expect(existsSync(path.join(outDir, 'smoke.txt'))).toBe(false);
      expect(events.some((e) => e.resourcePreEvent?.metadata.op === 'delete')).toBe(true);
      await s.workspace.removeStack(STACK);
    },
    OP_TIMEOUT,
  );
});
