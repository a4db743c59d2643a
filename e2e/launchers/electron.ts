// Launches the desktop app with Playwright's Electron support, where the Electron binary is installed
// (its npm package downloads it at install time, which some machines cannot). Main and preload are built with
// `npm run build:electron` and the renderer with `npm run build:renderer` before the run (npm run test:e2e).
import { _electron as electron } from '@playwright/test';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CockpitLauncher, LaunchedCockpit, LaunchOptions } from './launcher';

const REPO = path.resolve(import.meta.dirname, '../..');
const MAIN_BUNDLE = path.join(REPO, '.vite/build/main.js');

function electronBinary(): string | undefined {
  try {
    // The package's main export is the binary's path; it throws when the binary was never downloaded.
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

export const electronLauncher: CockpitLauncher = {
  name: 'electron',
  unavailableReason() {
    if (!electronBinary()) return 'the Electron binary is not installed (node node_modules/electron/install.js downloads it)';
    if (!existsSync(MAIN_BUNDLE)) return `${MAIN_BUNDLE} is missing: run npm run build:electron`;
    return undefined;
  },
  async launch(options: LaunchOptions): Promise<LaunchedCockpit> {
    const app = await electron.launch({
      executablePath: electronBinary()!,
      args: [
        // Playwright runs as root in CI containers, where Chromium's sandbox cannot start.
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        MAIN_BUNDLE,
        `--plan=${options.planFile}`,
        `--data-dir=${options.dataDir}`,
      ],
      cwd: REPO,
    });
    const page = await app.firstWindow();
    return { page, close: () => app.close() };
  },
};
