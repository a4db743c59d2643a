// Where the Electron executable is, without `require('electron')`: since Electron 42 that starts the binary's
// download itself when it is missing and prints the installer's stack trace when the download fails. Found the way
// the package's index.js finds it (path.txt, written by the download; ELECTRON_OVERRIDE_DIST_PATH first).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

function packageDir(): string | undefined {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

/** The executable, or undefined when it was never downloaded. */
export function electronBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = packageDir();
  if (!dir) return undefined;
  const pathFile = path.join(dir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? path.join(override, executable ?? 'electron') : executable && path.join(dir, 'dist', executable);
  return binary && existsSync(binary) ? binary : undefined;
}

/**
 * Downloads the binary with Electron's own installer (from GitHub). Returns undefined when it is there afterwards,
 * else the installer's first line of complaint (e.g. no route to GitHub), never its stack trace.
 */
export function downloadElectron(timeoutMs = 300_000): string | undefined {
  const dir = packageDir();
  if (!dir) return 'the electron package is not installed (npm ci)';
  const result = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: ['ignore', 'inherit', 'pipe'], timeout: timeoutMs, encoding: 'utf8' });
  if (result.status === 0 && electronBinary()) return undefined;
  if (result.error) return result.error.message;
  return (result.stderr ?? '').split('\n').find((line) => line.trim() !== '') ?? `the installer exited with ${result.status}`;
}
