// Launches the headless cockpit (`migration-cockpit serve`, what `npm run serve` runs after building the renderer)
// and opens its printed URL in Debian's Chromium.
import { chromium, type Browser } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launcherPage } from '../../scripts/lib/open-browser';
import type { CockpitLauncher, LaunchedCockpit, LaunchOptions, PrintedWarRoom } from './launcher';

const REPO = path.resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Without the networking flags Chromium keeps trying to reach Google's services, which this machine refuses.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumLauncher: CockpitLauncher = {
  name: 'chromium',
  unavailableReason: () => (existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM} (apt-get install chromium)`),
  async launch(options: LaunchOptions): Promise<LaunchedCockpit> {
    const server = spawn(
      process.execPath,
      [
        'bin/migration-cockpit.js',
        'serve',
        '--plan',
        options.planFile,
        '--port',
        '0',
        '--data-dir',
        options.dataDir,
        ...(options.operator ? ['--as', options.operator] : []),
        ...(options.warRoom ? ['--war-room', options.warRoom] : []),
      ],
      { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env, NODE_ENV: 'test' } },
    );
    let browser: Browser | undefined;
    reportUnexpectedExit(server);
    try {
      const { url, warRoom } = await printed(server, options.warRoom !== undefined);
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      // The way `npm start` opens it: a file:// page that sends the browser on to the URL (the token stays off
      // every command line), so each test also proves the token exchange works from another site.
      const launcher = `${options.dataDir}-open.html`;
      await writeFile(launcher, launcherPage(url), { mode: 0o600 });
      // The launcher page moves on at once: wait for where it leads, not for its own load (which the move cuts short).
      await page.goto(pathToFileURL(launcher).href, { waitUntil: 'commit' });
      await page.waitForURL((address) => address.origin === new URL(url).origin && !address.search.includes('token='), { timeout: 15_000 });
      const opened = browser;
      return {
        page,
        ...(warRoom ? { warRoom } : {}),
        async close() {
          await opened.close();
          await stop(server);
        },
      };
    } catch (error) {
      await browser?.close();
      await stop(server);
      throw error;
    }
  },
};

/** The URL the cockpit printed, and what it printed about its war room when one was asked for. */
function printed(server: ChildProcess, warRoomAsked: boolean): Promise<{ url: string; warRoom?: PrintedWarRoom }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the cockpit did not print its URL within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (!match) return;
      const origin = /War room \(read-only, HTTPS\) on (https:\/\/\S+?),/.exec(output)?.[1];
      const fingerprint = /Certificate SHA-256 ([0-9A-F:]+) /.exec(output)?.[1];
      const linksFile = /and one for the shared screen, in (\S+) \(readable/.exec(output)?.[1];
      if (!warRoomAsked) {
        clearTimeout(timer);
        resolve({ url: match[1]! });
      } else if (origin && fingerprint && linksFile) {
        clearTimeout(timer);
        resolve({ url: match[1]!, warRoom: { origin, fingerprint, linksFile } });
      }
    };
    server.stdout?.on('data', onData);
    server.stderr?.on('data', onData);
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the cockpit exited with ${code} before serving:\n${output}`));
    });
  });
}

const stopping = new WeakSet<ChildProcess>();
const OUTPUT_KEPT = 64 * 1024;

/**
 * Keeps the tail of the core's output and prints it when the core exits without being asked to: a crash in the
 * middle of a test then shows its stack in the test's output instead of only a refused connection.
 */
function reportUnexpectedExit(server: ChildProcess): void {
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-OUTPUT_KEPT);
  };
  server.stdout?.on('data', keep);
  server.stderr?.on('data', keep);
  server.once('exit', (code, signal) => {
    if (stopping.has(server)) return;
    process.stderr.write(`\n[e2e] the cockpit core exited unexpectedly (code ${code}, signal ${signal}); its last output:\n${tail}\n`);
  });
}

async function stop(server: ChildProcess): Promise<void> {
  stopping.add(server);
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
