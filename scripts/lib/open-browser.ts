// Opens the headless cockpit's URL in the operator's default browser without putting its token on a command line
// (every local user can read those): the opener gets a file:// page, readable by the operator only and removed a
// minute later, that sends the browser on to the URL, as Jupyter does. Where no browser can be opened (no
// display, no opener), it says so and the URL printed above is the way in.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { redirectPage } from '../../host/web/redirect-page';

const LAUNCHER_LIFETIME_MS = 60_000;
const OPENER_TIMEOUT_MS = 15_000;

/** The command that opens a file or URL with the desktop's default application, or why there is none. */
export function opener(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): { command: string; args: string[] } | { none: string } {
  if (platform === 'darwin') return { command: 'open', args: [] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return { none: 'no graphical display here (DISPLAY and WAYLAND_DISPLAY are unset)' };
  return { command: 'xdg-open', args: [] };
}

/** The launcher page: the same page the bridge's token exchange answers, sending the browser on to the URL. */
export { redirectPage as launcherPage };

/** Opens the URL; resolves to a sentence for the operator saying what happened. */
export function openInBrowser(url: string, platform = process.platform, env = process.env): Promise<string> {
  const how = opener(platform, env);
  if ('none' in how) return Promise.resolve(`no browser can be opened: ${how.none}. Open the URL above in a browser on this machine.`);
  const folder = mkdtempSync(path.join(os.tmpdir(), 'migration-cockpit-open-'));
  const file = path.join(folder, 'open.html');
  writeFileSync(file, redirectPage(url), { mode: 0o600 });
  const removeLauncher = () => rmSync(folder, { recursive: true, force: true });
  setTimeout(removeLauncher, LAUNCHER_LIFETIME_MS).unref();
  process.once('exit', removeLauncher);
  return new Promise((resolve) => {
    const child = spawn(how.command, [...how.args, pathToFileURL(file).href], { stdio: 'ignore', detached: true, env });
    const timer = setTimeout(() => resolve('the browser is starting (it has not answered yet); the URL above opens the cockpit too'), OPENER_TIMEOUT_MS);
    timer.unref();
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve(`no browser could be opened (${how.command}: ${error.message}). Open the URL above in a browser on this machine.`);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(
        code === 0
          ? 'opened in your default browser'
          : `no browser could be opened (${how.command} exited with ${code}). Open the URL above in a browser on this machine.`,
      );
    });
    child.unref();
  });
}
