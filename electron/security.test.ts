// The hardening in security.ts against stand-ins for Electron's app, protocol and session objects.
import { EventEmitter } from 'node:events';
import type { Session } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { hardenApp, hardenSession, secureWebPreferences } from './security';

// vi.mock is hoisted above the imports, so its stand-ins are built in vi.hoisted (which may not use imports).
const { app, protocol } = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  return {
    app: Object.assign(new Emitter(), { enableSandbox: vi.fn() }),
    protocol: { registerSchemesAsPrivileged: vi.fn() },
  };
});
vi.mock('electron', () => ({ app, protocol }));

type Listener = (...args: unknown[]) => unknown;

beforeEach(() => {
  app.removeAllListeners();
  vi.clearAllMocks();
});

describe('hardenApp', () => {
  it('sandboxes every renderer and registers the app scheme as standard and secure', () => {
    hardenApp(['app://cockpit/'], vi.fn());
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('denies new windows, foreign navigation and redirects, and every <webview>', () => {
    hardenApp(['app://cockpit/'], vi.fn());
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    app.emit('web-contents-created', {}, contents);

    const openHandler = contents.setWindowOpenHandler.mock.calls[0]![0] as (details: { url: string }) => unknown;
    expect(openHandler({ url: 'app://cockpit/index.html' })).toEqual({ action: 'deny' });

    const attempt = (event: string, url: string) => {
      const preventDefault = vi.fn();
      contents.emit(event, { url, preventDefault });
      return preventDefault.mock.calls.length > 0;
    };
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(attempt(event, 'https://evil.example/'), event).toBe(true);
      expect(attempt(event, 'file:///etc/passwd'), event).toBe(true);
      expect(attempt(event, 'app://cockpit/index.html'), event).toBe(false);
    }
    expect(attempt('will-attach-webview', 'app://cockpit/index.html')).toBe(true);
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    const listeners: { headers?: Listener; request?: Listener } = {};
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      webRequest: {
        onHeadersReceived: (listener: Listener) => (listeners.headers = listener),
        onBeforeRequest: (listener: Listener) => (listeners.request = listener),
      },
    };
    hardenSession(session as unknown as Session, { contentSecurityPolicy: "default-src 'self'" }, vi.fn());
    return { session, listeners };
  }

  it('denies every permission request and check', () => {
    const { session } = fakeSession();
    const callback = vi.fn();
    const handler = (mock: { mock: { calls: unknown[][] } }) => mock.mock.calls[0]![0] as Listener;
    // Whatever the permission, including ones added since Electron 40 (local-network-access, loopback-network).
    for (const permission of ['media', 'clipboard-read', 'openExternal', 'local-network-access', 'loopback-network', 'unknown']) {
      callback.mockClear();
      handler(session.setPermissionRequestHandler)(null, permission, callback);
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
      expect(handler(session.setPermissionCheckHandler)(null, permission), permission).toBe(false);
    }
    expect(handler(session.setDevicePermissionHandler)({})).toBe(false);
  });

  it('adds the CSP to every response, keeping a policy already there', () => {
    const { listeners } = fakeSession();
    const callback = vi.fn();
    listeners.headers!({ responseHeaders: { 'content-security-policy': ["img-src 'none'"] } }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'content-security-policy': ["img-src 'none'", "default-src 'self'"] } });
    listeners.headers!({}, callback);
    expect(callback).toHaveBeenLastCalledWith({ responseHeaders: { 'Content-Security-Policy': ["default-src 'self'"] } });
  });

  it('cancels requests to remote origins', () => {
    const { listeners } = fakeSession();
    const callback = vi.fn();
    const request = listeners.request!;
    request({ url: 'https://example.com/tracker.js' }, callback);
    expect(callback).toHaveBeenLastCalledWith({ cancel: true });
    request({ url: 'app://cockpit/assets/index.js' }, callback);
    expect(callback).toHaveBeenLastCalledWith({ cancel: false });
  });
});

describe('secureWebPreferences', () => {
  it('is the whole checklist', () => {
    expect(secureWebPreferences('/app/preload.js')).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      preload: '/app/preload.js',
    });
  });
});
