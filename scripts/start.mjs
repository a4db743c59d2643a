// `npm start`: the desktop app through Electron Forge (Vite dev server + hot reload) when the Electron binary
// is installed; otherwise an explanation and the headless alternative, instead of Forge's stack trace.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The Electron executable, or undefined when its download never happened (`require('electron')` throws then). */
function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

if (!electronBinary()) {
  process.stderr.write(
    [
      'Migration Cockpit: the Electron binary is not installed, so the desktop app cannot start here.',
      '',
      '  The electron package is in node_modules, but its binary is downloaded from GitHub by',
      '  `node node_modules/electron/install.js`, which needs internet access. Run that once where',
      '  GitHub is reachable, then `npm start` again.',
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
