// The lifecycle in main.ts against a stand-in for Electron's main-process API: start-up order, the core wired
// to the window, and a quit that closes the core exactly once. (The real binary is exercised by the e2e suite.)
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

const electron = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  const paths: Record<string, string> = {};
  const calls: string[] = [];
  const handlers = new Map<string, Listener>();
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const windows: FakeWindow[] = [];

  class FakeContents extends EventEmitter {
    url = '';
    destroyed = false;
    readonly sent: [string, unknown][] = [];
    readonly mainFrame = { url: '', parent: null };
    openHandler?: Listener;
    setWindowOpenHandler(handler: Listener) {
      this.openHandler = handler;
    }
    getURL() {
      return this.url;
    }
    isDestroyed() {
      return this.destroyed;
    }
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
  }
  class FakeWindow extends EventEmitter {
    readonly webContents = new FakeContents();
    visible = false;
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      super();
      app.emit('web-contents-created', {}, this.webContents);
      windows.push(this);
    }
    async loadURL(url: string) {
      this.webContents.url = url;
      this.webContents.mainFrame.url = url;
    }
    show() {
      this.visible = true;
    }
    isVisible() {
      return this.visible;
    }
    isDestroyed() {
      return this.webContents.destroyed;
    }
  }
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    enableSandbox: () => calls.push('enableSandbox'),
    getAppPath: () => process.cwd(),
    getPath: (name: string) => paths[name] ?? path.join(os.tmpdir(), `fake-${name}`),
    setPath: (name: string, value: string) => {
      calls.push(`setPath ${name}`);
      paths[name] = value;
    },
    getVersion: () => '45.5.0',
    requestSingleInstanceLock: () => {
      calls.push('requestSingleInstanceLock');
      return true;
    },
    whenReady: () => Promise.resolve(),
    /** Emits the quit events like Electron; reports whether the quit went through. */
    quit: () => {
      for (const name of ['before-quit', 'will-quit']) {
        let held = false;
        app.emit(name, { preventDefault: () => (held = true) });
        if (held) return calls.push(`${name} held`);
      }
      calls.push('quit');
    },
    exit: (code: number) => calls.push(`exit ${code}`),
  });
  return {
    app,
    calls,
    handlers,
    protocolHandlers,
    windows,
    BrowserWindow: FakeWindow,
    ipcMain: { handle: (channel: string, handler: Listener) => handlers.set(channel, handler), removeHandler: (channel: string) => handlers.delete(channel) },
    protocol: { registerSchemesAsPrivileged: () => calls.push('registerSchemesAsPrivileged') },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {},
        setDevicePermissionHandler: () => {},
        webRequest: { onHeadersReceived: () => {}, onBeforeRequest: () => {} },
        protocol: { handle: (scheme: string, handler: (request: Request) => Promise<Response>) => protocolHandlers.set(scheme, handler) },
      },
    },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: () => {} },
    nativeTheme: { shouldUseDarkColors: false },
    dialog: {
      showErrorBox: () => {},
      /** The operator picks the demo plan, or cancels when `dialogAnswer` says so. */
      showOpenDialog: async (...args: unknown[]) => {
        dialogCalls.push(args.at(-1));
        return dialogAnswer;
      },
    },
    // No desktop notifications in this test: the shell must then skip them.
    Notification: { isSupported: () => false },
  };
});
vi.mock('electron', () => electron);
const dialogCalls: unknown[] = [];
let dialogAnswer: { canceled: boolean; filePaths: string[] } = { canceled: true, filePaths: [] };

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cockpit-shell-'));
const plan = path.resolve('examples/demo/migration.yaml');
const argv = process.argv;
process.argv = ['electron', '.vite/build/main.js', `--plan=${plan}`, `--data-dir=${dataDir}`];
vi.spyOn(console, 'log').mockImplementation(() => {});
await import('./main');
afterAll(() => {
  process.argv = argv;
  rmSync(dataDir, { recursive: true, force: true });
});

async function windowShown() {
  await vi.waitFor(() => expect(electron.windows[0]?.visible).toBe(true));
  return electron.windows[0]!;
}

describe('the desktop shell', () => {
  it('hardens the app and claims its data folder before anything else', () => {
    expect(electron.calls.slice(0, 4)).toEqual(['setPath userData', 'enableSandbox', 'registerSchemesAsPrivileged', 'requestSingleInstanceLock']);
    expect(electron.app.getPath('userData')).toBe(dataDir);
  });

  it('opens one sandboxed window on the app page with the preload next to main.js', async () => {
    const window = await windowShown();
    expect(electron.windows).toHaveLength(1);
    expect(window.webContents.url).toBe('app://cockpit/index.html');
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(window.options.webPreferences.preload).toMatch(/preload\.js$/);
    expect(electron.protocolHandlers.has('app')).toBe(true);
  });

  it('answers commands from the window with the core, loaded with the --plan file', async () => {
    const window = await windowShown();
    const invoke = electron.handlers.get('cockpit:command')!;
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await expect(invoke(event, 'plan.get', {})).resolves.toMatchObject({ ok: true, value: { status: 'loaded', file: plan } });
    await expect(invoke(event, 'core.info', {})).resolves.toMatchObject({ ok: true, value: { transport: 'electron', dataDir } });
    await vi.waitFor(() => expect(window.webContents.sent.some(([channel]) => channel === 'cockpit:events')).toBe(true));
  });

  it('opens other plans through the native file dialog, never by a path the window sends', async () => {
    const window = await windowShown();
    const invoke = electron.handlers.get('cockpit:command')!;
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await expect(invoke(event, 'core.info', {})).resolves.toMatchObject({ ok: true, value: { planOpening: 'dialog' } });
    await expect(invoke(event, 'plan.open', { file: '/etc/passwd.yaml' })).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    await expect(invoke(event, 'plan.choose', {})).resolves.toMatchObject({ ok: true, value: { chosen: false } });
    dialogAnswer = { canceled: false, filePaths: [plan] };
    await expect(invoke(event, 'plan.choose', {})).resolves.toMatchObject({ ok: true, value: { chosen: true, snapshot: { status: 'loaded', file: plan } } });
    expect(dialogCalls.at(-1)).toMatchObject({ properties: ['openFile'], filters: [{ extensions: ['yaml', 'yml'] }] });
    // A plan the core lists (recent or example) still opens with one click.
    await expect(invoke(event, 'plan.open', { file: plan })).resolves.toMatchObject({ ok: true, value: { status: 'loaded' } });
  });

  it('holds the first quit until the core is closed, then quits once', async () => {
    electron.app.quit();
    expect(electron.calls.at(-1)).toBe('before-quit held');
    await vi.waitFor(() => expect(electron.calls.at(-1)).toBe('quit'));
    expect(electron.handlers.has('cockpit:command')).toBe(false);
    expect(electron.calls.filter((call) => call.endsWith('held'))).toHaveLength(1);
  });
});
