// Electron's security checklist, all in one place (https://www.electronjs.org/docs/latest/tutorial/security).
// The fuses are the one part that lives elsewhere: they are flipped at package time in forge.config.ts.
// Nothing here, or anywhere in the shell, calls shell.openExternal: the cockpit never hands URLs to the OS.
import { app, type Session, type WebContents, type WebPreferences } from 'electron';
import { registerAppScheme } from './app-protocol';
import { isAppUrl } from './ipc-trust';
import { isAllowedRequest } from './request-policy';

type Log = (line: string) => void;

/** Must run before `ready`. `appPages` are the URLs our window may show (see ipc-trust.ts). */
export function hardenApp(appPages: readonly string[], log: Log): void {
  // Every renderer sandboxed, including any created by something other than our own window code.
  app.enableSandbox();
  registerAppScheme();
  // Applied to every web contents as it is created, so no window, devtools-spawned or otherwise, escapes it.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, appPages, log));
}

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    preload,
  };
}

export interface SessionPolicy {
  readonly contentSecurityPolicy: string;
  /** The Vite dev server, only under `electron-forge start`. */
  readonly devServerUrl?: string;
}

export function hardenSession(session: Session, policy: SessionPolicy, log: Log): void {
  // The cockpit needs no camera, notifications, clipboard reads, USB, ...: deny every request and check.
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`denied a permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);

  // The CSP as a response header, for pages from the dev server (the app scheme sets it itself, and
  // renderer/index.html carries it as a meta tag too). Policies add up: an existing one stays in force.
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders = { ...details.responseHeaders };
    const key = Object.keys(responseHeaders).find((name) => name.toLowerCase() === 'content-security-policy');
    responseHeaders[key ?? 'Content-Security-Policy'] = [...(key ? (responseHeaders[key] ?? []) : []), policy.contentSecurityPolicy];
    callback({ responseHeaders });
  });

  // No request leaves for a remote origin, whatever the page tries (the CSP is the first line, this the second).
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, policy.devServerUrl ? { devServerUrl: policy.devServerUrl } : {});
    if (!allowed) log(`blocked a request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
}

/** New windows denied; navigation and redirects only to our own pages; no <webview> ever. */
function guardWebContents(contents: WebContents, appPages: readonly string[], log: Log): void {
  contents.setWindowOpenHandler(({ url }) => {
    log(`blocked opening a window for ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
  const stayOnAppPages = (kind: string) => (event: Electron.Event<{ url: string }>) => {
    if (isAppUrl(event.url, appPages)) return;
    event.preventDefault();
    log(`blocked ${kind} to ${event.url.slice(0, 200)}`);
  };
  contents.on('will-navigate', stayOnAppPages('navigation'));
  contents.on('will-frame-navigate', stayOnAppPages('frame navigation'));
  contents.on('will-redirect', stayOnAppPages('redirect'));
  // webviewTag is off already; refuse an attach outright should anything turn it back on.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked attaching a <webview>');
  });
}
