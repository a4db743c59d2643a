// Playwright fixtures: pick the launcher for the project, give each test a fresh data folder, and hand the test a
// driver. Tests never touch a launcher directly.
import { expect, test as base } from '@playwright/test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { skipNoteOrFail } from '../test/support/required-tools';
import { CockpitDriver } from './driver';
import { chromiumLauncher } from './launchers/chromium';
import { electronLauncher } from './launchers/electron';
import type { CockpitLauncher, LaunchedCockpit, LaunchOptions } from './launchers/launcher';

export const REPO = path.resolve(import.meta.dirname, '..');
export const DEMO_PLAN = path.join(REPO, 'examples/demo/migration.yaml');

/**
 * A copy of the demo plan in `folder` whose wave 1 has the cutover window given (starting outside a window needs an
 * override, and the demo's windows are fixed dates); the other waves lose theirs, so no window of a wave that
 * depends on wave 1 can start before it ends, whatever today's date.
 */
export async function demoPlanWithWave1Window(folder: string, window: { start: Date; end: Date }): Promise<string> {
  const text = await readFile(DEMO_PLAN, 'utf8');
  const wave1 = '    cutoverWindow:\n      start: 2026-12-05T01:00:00Z\n      end: 2026-12-05T05:00:00Z\n';
  if (!text.includes(wave1)) throw new Error('the demo plan no longer has the wave 1 window this helper replaces');
  const moved = text
    .replace(wave1, `    cutoverWindow:\n      start: ${window.start.toISOString()}\n      end: ${window.end.toISOString()}\n`)
    .replace(/ {4}cutoverWindow:\n {6}start: 2026-12-(?:12|19)T\S+\n {6}end: \S+\n/g, '');
  const file = path.join(folder, 'migration.yaml');
  await writeFile(file, moved);
  return file;
}

export interface LauncherOptions {
  launcher: CockpitLauncher['name'];
}

interface Fixtures {
  /** A scratch folder for the test's own files (plans to edit, data folders). */
  workDir: string;
  /** Starts the cockpit on a plan (the demo plan by default), as someone and with more environment, and returns its driver. */
  openCockpit: (planFile?: string, as?: Pick<LaunchOptions, 'operator' | 'env' | 'warRoom'>) => Promise<CockpitDriver>;
}

const LAUNCHERS: Record<CockpitLauncher['name'], CockpitLauncher> = { chromium: chromiumLauncher, electron: electronLauncher };

export const test = base.extend<Fixtures & LauncherOptions>({
  launcher: ['chromium', { option: true }],
  // Playwright reads a fixture's dependencies from its destructuring pattern, so an empty one is required here.
  // eslint-disable-next-line no-empty-pattern
  workDir: async ({}, use) => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'mc-e2e-'));
    await use(folder);
    await rm(folder, { recursive: true, force: true });
  },
  openCockpit: async ({ launcher, workDir }, use) => {
    const chosen = LAUNCHERS[launcher];
    const reason = chosen.unavailableReason();
    // A missing browser or Electron binary fails the test unless the run opted out of that launcher
    // (MIGRATION_COCKPIT_TEST_SKIP=electron where the binary cannot be downloaded): then it is a counted skip.
    if (reason !== undefined) test.skip(true, skipNoteOrFail(launcher, reason));
    const launched: LaunchedCockpit[] = [];
    // Console errors and uncaught exceptions (a CSP violation among them) fail the test that caused them.
    const pageErrors: string[] = [];
    await use(async (planFile = DEMO_PLAN, as = {}) => {
      const cockpit = await chosen.launch({ planFile, dataDir: path.join(workDir, `data-${launched.length}`), ...as });
      launched.push(cockpit);
      cockpit.page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
      });
      cockpit.page.on('pageerror', (error) => pageErrors.push(`uncaught: ${error.message}`));
      const driver = new CockpitDriver(cockpit.page, cockpit.answerFileDialog?.bind(cockpit), cockpit.warRoom);
      await driver.waitUntilReady();
      return driver;
    });
    for (const cockpit of launched) await cockpit.close();
    expect(pageErrors, 'the page logged errors').toEqual([]);
  },
});

export { expect };
