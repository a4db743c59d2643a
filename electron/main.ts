// The desktop shell's entry: app lifecycle, one window, the core wired to it over IPC. Thin on purpose: the
// core (main/) does the work, security.ts holds the hardening, ipc.ts the transport.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, nativeTheme, Notification, session } from 'electron';
import { startCockpitCore, type CockpitCore } from '../main/core/cockpit-core';
import { installProcessGuard } from '../main/core/process-guard';
import { embeddedRehearsal } from '../rehearsal/embedded';
import { COCKPIT_TRACKS } from '../host/compose';
import { resolveLayout } from './app-layout';
import { serveRenderer } from './app-protocol';
import { contentSecurityPolicy } from './csp';
import { wireIpc } from './ipc';
import { parseLaunchArgs } from './launch-args';
import { AlertNotifier } from './alert-notifications';
import { installMenu } from './menu';
import { APP_INDEX_URL, APP_ORIGIN } from './renderer-files';
import { hardenApp, hardenSession, secureWebPreferences } from './security';

const log = (line: string) => console.log(`[cockpit] ${line}`);

/** The running core, once started: the process guard redacts and reports through it. */
let startedCore: CockpitCore | undefined;
// First of all: an error nobody handled (in an IPC handler, an event handler, a timer, a poll cycle) is logged,
// redacted, and shown in the window, and the app keeps running, so it never abandons an operation or a cutover
// halfway. It also replaces Electron's default error dialog, which would block the main process.
installProcessGuard({
  log,
  redact: (text) => (startedCore ? startedCore.redact(text) : text),
  onFault: (fault) => startedCore?.reportFault(fault),
});

const devServerUrl = typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' ? MAIN_WINDOW_VITE_DEV_SERVER_URL : undefined;
const args = parseLaunchArgs(process.argv, process.cwd());
const layout = resolveLayout({
  mainDir: __dirname,
  isPackaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
  appPath: app.getAppPath(),
  ...(typeof MAIN_WINDOW_VITE_NAME === 'string' ? { forgeRendererName: MAIN_WINDOW_VITE_NAME } : {}),
  exists: existsSync,
});
/** The pages our window may show and take commands from: the app scheme, or the dev server under forge start. */
const appPages = devServerUrl ? [new URL('/', devServerUrl).href] : [`${APP_ORIGIN}/`];
// The renderer's location in the log makes "blank window" reports quick to diagnose.
log(`app root ${layout.appRoot}; renderer ${devServerUrl ?? path.join(layout.rendererDir, 'index.html')}`);

// Set before anything reads it: the single-instance lock and Chromium's profile live in userData, so separate
// --data-dir folders (one per e2e test) are separate instances. Named explicitly because Electron's default
// follows the app name, which is "Electron" when the bundle is started as `electron .vite/build/main.js`.
const dataDir = args.dataDir ?? path.join(app.getPath('appData'), 'migration-cockpit');
mkdirSync(dataDir, { recursive: true });
app.setPath('userData', dataDir);
hardenApp(appPages, log);

interface Running {
  readonly core: CockpitCore;
  readonly disposeIpc: () => void;
}

if (!app.requestSingleInstanceLock()) {
  log('another Migration Cockpit is running with this data folder; handing over to it');
  app.quit();
} else {
  let window: BrowserWindow | undefined;
  const running = app.whenReady().then(async (): Promise<Running> => {
    const csp = contentSecurityPolicy(devServerUrl);
    hardenSession(session.defaultSession, { contentSecurityPolicy: csp, ...(devServerUrl ? { devServerUrl } : {}) }, log);
    serveRenderer(session.defaultSession, layout.rendererDir, csp);
    installMenu({ devTools: !app.isPackaged });

    const core = await startCockpitCore({
      dataDir,
      appRoot: layout.appRoot,
      transport: 'electron',
      version: typeof COCKPIT_VERSION === 'string' ? COCKPIT_VERSION : app.getVersion(),
      planFile: args.planFile ?? layout.demoPlan,
      ...(args.operator ? { operator: args.operator } : {}),
      log: (line) => log(`core: ${line}`),
      startRehearsal: embeddedRehearsal(layout.demoPlan, { log: (line) => log(`core: rehearsal: ${line}`) }),
      tracks: COCKPIT_TRACKS,
      // The main process picks other plans with the native dialog: the renderer never sends a free path.
      choosePlanFile: () => choosePlanFile(window),
    });
    startedCore = core;
    window = createWindow(layout.preload);
    // IPC is wired before the page loads, so the renderer's first command already has a handler.
    const disposeIpc = wireIpc({ core, contents: window.webContents, appPages, log });
    const stopNotifications = showAlertNotifications(core, () => {
      if (!window || window.isDestroyed()) return;
      if (window.isMinimized()) window.restore();
      window.focus();
    });
    void load(window);
    const dispose = () => {
      stopNotifications();
      disposeIpc();
    };
    return { core, disposeIpc: dispose };
  });

  running.catch((error: unknown) => {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`Migration Cockpit could not start:\n${message}`);
    // A modal dialog would hang an unattended (test) run; only the packaged app shows one.
    if (app.isPackaged) dialog.showErrorBox('Migration Cockpit could not start', message);
    app.exit(1);
  });

  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  // The window is the cockpit: closing it stops the core, on macOS too (there is nothing to do without it).
  app.on('window-all-closed', () => app.quit());

  // Close the core exactly once, before Electron exits: the first quit event is held until it is done, the
  // repeated app.quit() then goes through. will-quit covers quits that skip before-quit.
  let shutdown: 'no' | 'in-progress' | 'done' = 'no';
  const holdQuitForShutdown = (event: Electron.Event) => {
    if (shutdown === 'done') return;
    event.preventDefault();
    if (shutdown === 'in-progress') return;
    shutdown = 'in-progress';
    void stop(running)
      .catch((error: unknown) => log(`shutdown: ${String(error)}`))
      .finally(() => {
        shutdown = 'done';
        app.quit();
      });
  };
  app.on('before-quit', holdQuitForShutdown);
  app.on('will-quit', holdQuitForShutdown);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
}

async function stop(running: Promise<Running>): Promise<void> {
  const started = await running.catch(() => undefined);
  if (!started) return;
  started.disposeIpc();
  // The core's close is quick; the timeout only keeps a stuck close from holding the app open.
  await Promise.race([started.core.close(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
}

function createWindow(preload: string): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Migration Cockpit',
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#111418' : '#ffffff',
    webPreferences: secureWebPreferences(preload),
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => log(`renderer gone: ${details.reason} (${details.exitCode})`));
  window.webContents.on('preload-error', (_event, file, error) => log(`preload failed (${file}): ${error.message}`));
  return window;
}

/** The native open dialog, for plan files only; undefined when the operator cancels. */
async function choosePlanFile(parent: BrowserWindow | undefined): Promise<string | undefined> {
  const options: Electron.OpenDialogOptions = {
    title: 'Open a migration plan',
    properties: ['openFile'],
    filters: [{ name: 'Migration plans', extensions: ['yaml', 'yml'] }],
  };
  const result = parent && !parent.isDestroyed() ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? undefined : result.filePaths[0];
}

async function load(window: BrowserWindow): Promise<void> {
  const url = devServerUrl ?? APP_INDEX_URL;
  try {
    await window.loadURL(url);
  } catch (error) {
    log(`could not load ${url}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    // Show the window even when the page failed, so the failure is visible rather than a silent hang.
    if (!window.isDestroyed() && !window.isVisible()) window.show();
  }
}

/** Replication alerts as desktop notifications; clicking one brings the cockpit window forward. */
function showAlertNotifications(core: CockpitCore, focusWindow: () => void): () => void {
  if (!Notification.isSupported()) return () => {};
  const notifier = new AlertNotifier();
  const show = (notice: { title: string; body: string; urgency: 'critical' | 'normal' } | undefined) => {
    if (!notice) return;
    const notification = new Notification({ title: notice.title, body: notice.body, urgency: notice.urgency, silent: notice.urgency !== 'critical' });
    notification.on('click', focusWindow);
    // Since Electron 42, macOS shows notifications only for a code-signed app; otherwise they fail here.
    notification.on('failed', (_event, error) => log(`notification not shown: ${error}`));
    notification.show();
  };
  const stop = core.onAlert((alert) => show(notifier.noticeFor(alert)));
  const summaries = setInterval(() => show(notifier.burstSummary()), 5_000);
  return () => {
    stop();
    clearInterval(summaries);
  };
}
