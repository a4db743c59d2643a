// Gets the Pulumi CLI of the installed @pulumi/pulumi version, for `npm start` and `npm test`: one already there
// (MIGRATION_COCKPIT_PULUMI_BIN, the cache, PATH), else the official build through PulumiCommand.install() where
// get.pulumi.com is reachable, else a build from the Go module proxy (scripts/pulumi-toolchain.sh, minutes the
// first time). Progress goes to `progress`; the result is the folder holding pulumi and its Node.js plugins.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cacheBinDir, defaultCacheRoot, findPulumiCli, installedSdkVersion } from '../../main/pulumi/toolchain';

const REPO = path.resolve(import.meta.dirname, '../..');
const OFFICIAL_SITE = 'https://get.pulumi.com/';

export type PulumiCliResult = { readonly binDir: string; readonly how: string } | { readonly error: string };

export async function ensurePulumiCli(progress: (line: string) => void): Promise<PulumiCliResult> {
  const found = await findPulumiCli();
  if (found.found) return { binDir: found.binDir, how: `Pulumi CLI v${found.version} (${found.source}: ${found.binDir})` };
  const version = installedSdkVersion();
  progress(`no Pulumi CLI v${version} yet: getting one (once)`);
  if (await reachable(OFFICIAL_SITE)) {
    const installed = await installOfficial(version, progress);
    if ('binDir' in installed) return installed;
    progress(`the official download failed (${installed.error}); building from the Go module proxy instead`);
  } else {
    progress(`${OFFICIAL_SITE} is not reachable from here: building Pulumi CLI v${version} from the Go module proxy`);
  }
  return buildFromGoModules(progress);
}

async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5000) });
    return true;
  } catch {
    return false;
  }
}

/** PulumiCommand.install() into a temporary folder, renamed into the cache when complete (with the cache's marker). */
async function installOfficial(version: string, progress: (line: string) => void): Promise<PulumiCliResult> {
  const cacheRoot = defaultCacheRoot();
  const dest = path.dirname(cacheBinDir(version, cacheRoot));
  await mkdir(cacheRoot, { recursive: true });
  const work = await mkdtemp(path.join(cacheRoot, `.pulumi-${version}.install.`));
  try {
    progress(`downloading Pulumi CLI v${version} from ${OFFICIAL_SITE}`);
    // Loaded only here: the Automation API is large, and most starts find a CLI already.
    const { PulumiCommand } = await import('@pulumi/pulumi/automation');
    // Its default version is the SDK's own, the one the cockpit needs.
    await PulumiCommand.install({ root: work });
    if (!existsSync(path.join(work, 'bin', 'pulumi-language-nodejs'))) throw new Error('the download has no pulumi-language-nodejs');
    await writeFile(path.join(work, '.toolchain-complete'), `version=${version}\nsource=PulumiCommand.install\n`);
    await rm(dest, { recursive: true, force: true });
    await rename(work, dest);
    return { binDir: path.join(dest, 'bin'), how: `Pulumi CLI v${version} downloaded into ${dest}` };
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    return { error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
}

/** scripts/pulumi-toolchain.sh with its progress passed on, and a heartbeat through its long silent compile. */
function buildFromGoModules(progress: (line: string) => void): Promise<PulumiCliResult> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('bash', [path.join(REPO, 'scripts/pulumi-toolchain.sh')], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let lastStep = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        if (!line.startsWith('pulumi-toolchain:')) continue;
        lastStep = line.slice('pulumi-toolchain: '.length);
        progress(lastStep);
      }
    });
    const heartbeat = setInterval(() => {
      const seconds = Math.round((Date.now() - started) / 1000);
      progress(`still building (${Math.floor(seconds / 60)} min ${seconds % 60} s so far): ${lastStep}`);
    }, 30_000);
    child.on('error', (error) => {
      clearInterval(heartbeat);
      resolve({ error: `could not run scripts/pulumi-toolchain.sh: ${error.message}` });
    });
    child.on('close', (code) => {
      clearInterval(heartbeat);
      const binDir = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0 && binDir) resolve({ binDir, how: `Pulumi CLI built into ${binDir}` });
      else resolve({ error: `scripts/pulumi-toolchain.sh failed: ${lastStep || `exit code ${code}`}` });
    });
  });
}
