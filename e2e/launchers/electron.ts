// Launches the desktop app with Playwright's Electron support, where the Electron binary is installed
// (its npm package downloads it on first use, from GitHub, which some machines cannot reach). Main and preload are built with
// `npm run build:electron` and the renderer with `npm run build:renderer` before the run (npm run test:e2e).
import { _electron as electron } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { electronBinary } from '../../scripts/lib/electron-binary';
import type { CockpitLauncher, LaunchedCockpit, LaunchOptions } from './launcher';

const REPO = path.resolve(import.meta.dirname, '../..');
const MAIN_BUNDLE = path.join(REPO, '.vite/build/main.js');

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
        ...(options.operator ? [`--as=${options.operator}`] : []),
      ],
      cwd: REPO,
      ...(options.env ? { env: { ...process.env, ...options.env } as Record<string, string> } : {}),
    });
    const page = await app.firstWindow();
    return {
      page,
      // The main process calls dialog.showOpenDialog on the electron module's own dialog object: stub it there.
      answerFileDialog: (file) =>
        app.evaluate(({ dialog }, chosen) => {
          dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [chosen] })) as typeof dialog.showOpenDialog;
        }, file),
      close: () => app.close(),
    };
  },
};
