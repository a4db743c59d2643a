// `npm start`: the desktop app through Electron Forge (Vite dev server + hot reload) when the Electron binary
// is installed; otherwise an explanation and the headless alternative, instead of Forge's stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The Electron executable, or undefined when its download never happened. Found the way the package's index.js
 * finds it (path.txt, written by the download), but without `require('electron')`: since Electron 42 that
 * starts the download itself when the binary is missing, and prints the installer's stack trace when it fails.
 */
function electronBinary() {
  try {
    const packageDir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(packageDir, 'path.txt');
    const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : undefined;
    const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    const binary = override ? path.join(override, executable ?? 'electron') : executable && path.join(packageDir, 'dist', executable);
    return binary && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/** Install scripts are off (.npmrc), so the binary is fetched here, once, by Electron's own installer. */
function downloadElectron() {
  process.stderr.write('Migration Cockpit: downloading the Electron binary (once)...\n');
  const result = spawnSync(process.execPath, [require.resolve('electron/install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    timeout: 300_000,
    encoding: 'utf8',
  });
  if (result.status === 0 && electronBinary() !== undefined) return true;
  // The installer's stack trace helps nobody here; its first line says why (e.g. no route to GitHub).
  const reason = (result.stderr ?? '').split('\n').find((line) => line.trim() !== '') ?? `exit ${result.status}`;
  process.stderr.write(`Migration Cockpit: the download failed: ${reason}\n`);
  return false;
}

if (!electronBinary() && !downloadElectron()) {
  process.stderr.write(
    [
      '',
      'Migration Cockpit: the Electron binary is not installed, so the desktop app cannot start here.',
      '',
      '  Its download (node node_modules/electron/install.js) needs access to GitHub. Run `npm start`',
      '  again where GitHub is reachable.',
      '',
      'The same cockpit runs headless, in any browser:',
      '',
      '  npm run serve        (prints the URL to open)',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

// Anything after `npm start --` goes to the app, e.g. `npm start -- --plan=path/to/migration.yaml`.
const appArgs = process.argv.slice(2);
const forge = spawn('npx', ['electron-forge', 'start', ...(appArgs.length > 0 ? ['--', ...appArgs] : [])], {
  stdio: 'inherit',
  // npx is npx.cmd on Windows, which only a shell can run.
  shell: process.platform === 'win32',
});
forge.on('error', (error) => {
  process.stderr.write(`Migration Cockpit: could not run electron-forge: ${error.message}\n`);
  process.exit(1);
});
// Ctrl+C reaches Forge directly (same process group): wait for it to wind down. A SIGTERM is passed on.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => forge.kill('SIGTERM'));
forge.on('exit', (code, signal) => {
  if (signal) {
    // End the way Forge ended, so a caller sees the same status.
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else {
    process.exit(code ?? 1);
  }
});
