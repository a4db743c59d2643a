import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { skipNoteOrFail } from '../../test/support/required-tools';
import { cacheBinDir, findPulumiCli, installedSdkVersion, LANGUAGE_HOST, PULUMI_BIN_ENV, pulumiEnvironment } from './toolchain';

let tmp: string;
let emptyPath: string;
let cacheRoot: string;

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'toolchain-test-'));
  emptyPath = path.join(tmp, 'empty-path');
  cacheRoot = path.join(tmp, 'cache');
  await mkdir(emptyPath);
  await mkdir(cacheRoot);
});

afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A folder with a fake `pulumi` that prints `printed` for `pulumi version`, and a fake language host. */
async function fakeBinDir(dir: string, printed: string, options: { languageHost?: boolean } = {}): Promise<string> {
  await mkdir(dir, { recursive: true });
  const pulumi = path.join(dir, 'pulumi');
  await writeFile(pulumi, `#!/bin/sh\nif [ "$1" = version ]; then echo ${printed}; exit 0; fi\nexit 1\n`);
  await chmod(pulumi, 0o755);
  if (options.languageHost !== false) {
    const host = path.join(dir, LANGUAGE_HOST);
    await writeFile(host, '#!/bin/sh\nexit 0\n');
    await chmod(host, 0o755);
  }
  return dir;
}

describe('findPulumiCli', () => {
  it('reports a missing CLI with what to do, naming the wanted version', async () => {
    const result = await findPulumiCli({ env: { PATH: emptyPath, HOME: tmp }, cacheRoot, wantedVersion: '3.260.0' });
    expect(result.found).toBe(false);
    if (result.found) return;
    expect(result.message).toContain('v3.260.0');
    expect(result.message).toContain('scripts/pulumi-toolchain.sh');
    expect(result.message).toContain('PulumiCommand.install');
    expect(result.message).toContain(PULUMI_BIN_ENV);
    expect(result.message).toContain(cacheBinDir('3.260.0', cacheRoot));
    expect(result.message).toContain('PATH: no pulumi');
  });

  it(`finds a CLI in the ${PULUMI_BIN_ENV} folder first`, async () => {
    const envDir = await fakeBinDir(path.join(tmp, 'env-bin'), 'v9.8.7');
    await fakeBinDir(cacheBinDir('9.8.7', cacheRoot), 'v9.8.7');
    const result = await findPulumiCli({
      env: { PATH: emptyPath, [PULUMI_BIN_ENV]: envDir },
      cacheRoot,
      wantedVersion: 'v9.8.7',
    });
    expect(result).toEqual({
      found: true,
      binDir: envDir,
      pulumiPath: path.join(envDir, 'pulumi'),
      version: '9.8.7',
      source: 'env',
    });
  });

  it(`reports a wrong version in the ${PULUMI_BIN_ENV} folder instead of taking another CLI`, async () => {
    const envDir = await fakeBinDir(path.join(tmp, 'env-bin'), 'v1.2.3');
    await fakeBinDir(cacheBinDir('9.8.7', cacheRoot), 'v9.8.7');
    const result = await findPulumiCli({
      env: { PATH: emptyPath, [PULUMI_BIN_ENV]: envDir },
      cacheRoot,
      wantedVersion: '9.8.7',
    });
    expect(result.found).toBe(false);
    if (result.found) return;
    expect(result.message).toContain('v1.2.3');
    expect(result.message).toContain('v9.8.7');
    expect(result.message).toContain(PULUMI_BIN_ENV);
  });

  it('takes the toolchain cache before PATH', async () => {
    const cached = await fakeBinDir(cacheBinDir('9.8.7', cacheRoot), 'v9.8.7');
    const onPath = await fakeBinDir(path.join(tmp, 'path-bin'), 'v9.8.7');
    const result = await findPulumiCli({ env: { PATH: onPath }, cacheRoot, wantedVersion: '9.8.7' });
    expect(result).toMatchObject({ found: true, binDir: cached, source: 'cache' });
  });

  it('finds a matching CLI on PATH', async () => {
    const onPath = await fakeBinDir(path.join(tmp, 'path-bin'), 'v9.8.7');
    const result = await findPulumiCli({
      env: { PATH: [emptyPath, onPath].join(path.delimiter) },
      cacheRoot,
      wantedVersion: '9.8.7',
    });
    expect(result).toMatchObject({ found: true, binDir: onPath, version: '9.8.7', source: 'path' });
  });

  it('reports a wrong-version CLI on PATH, naming both versions', async () => {
    const onPath = await fakeBinDir(path.join(tmp, 'path-bin'), 'v3.100.0');
    const result = await findPulumiCli({ env: { PATH: onPath }, cacheRoot, wantedVersion: '3.260.0' });
    expect(result.found).toBe(false);
    if (result.found) return;
    expect(result.message).toMatch(/is v3\.100\.0, but v3\.260\.0 is wanted/);
  });

  it('rejects a folder without the Node.js language host', async () => {
    const envDir = await fakeBinDir(path.join(tmp, 'env-bin'), 'v9.8.7', { languageHost: false });
    const result = await findPulumiCli({ env: { [PULUMI_BIN_ENV]: envDir }, cacheRoot, wantedVersion: '9.8.7' });
    expect(result.found).toBe(false);
    if (result.found) return;
    expect(result.message).toContain(LANGUAGE_HOST);
  });

  it('finds the real CLI of the installed SDK version (the one scripts/pulumi-toolchain.sh provides)', async ({ skip }) => {
    const result = await findPulumiCli();
    if (!result.found) skip(skipNoteOrFail('pulumi', result.message));
    expect(result).toMatchObject({ found: true, version: installedSdkVersion() });
  });
});

describe('pulumiEnvironment', () => {
  it('puts the CLI folder first on PATH and keeps the engine off the network', () => {
    const env = pulumiEnvironment(
      '/opt/pulumi/bin',
      { PATH: '/usr/bin', HOME: '/home/x', PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: 'true', UNSET: undefined },
      { pulumiHome: '/data/pulumi-home' },
    );
    expect(env.PATH).toBe(['/opt/pulumi/bin', '/usr/bin'].join(path.delimiter));
    expect(env.PULUMI_SKIP_UPDATE_CHECK).toBe('true');
    expect(env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION).toBe('true');
    expect(env.PULUMI_HOME).toBe('/data/pulumi-home');
    expect(env.HOME).toBe('/home/x');
    expect('PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK' in env).toBe(false);
    expect('UNSET' in env).toBe(false);
  });
});
