import { defineConfig } from '@playwright/test';
import type { LauncherOptions } from './e2e/fixtures';

// One driver, two launchers: the same scenarios run in Debian's Chromium against the headless web bridge
// (always) and in Electron (where its binary is installed).

// The cockpits the specs launch (and inherit this) start no Cassandra of their own for the demo plan's Keyspaces
// wave, unless the run names one: a JVM per launch would slow every spec down.
process.env.MIGRATION_COCKPIT_REHEARSAL_CASSANDRA ??= 'off';
export default defineConfig<LauncherOptions>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    { name: 'chromium', use: { launcher: 'chromium' } },
    { name: 'electron', use: { launcher: 'electron' } },
  ],
});
