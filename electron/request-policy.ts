// Which requests the cockpit window may make at all (session.webRequest.onBeforeRequest). Pure, for unit tests.
// The cockpit never talks to a remote origin from the renderer: everything it needs comes over IPC.
import { APP_ORIGIN } from './renderer-files';

export interface RequestPolicy {
  /** The Vite dev server, only under `electron-forge start`. */
  readonly devServerUrl?: string;
}

export function isAllowedRequest(requestUrl: string, policy: RequestPolicy): boolean {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return false;
  }
  if (`${url.protocol}//${url.host}` === APP_ORIGIN) return true;
  // devtools, and in-memory content the page built itself (nothing leaves the machine).
  if (['devtools:', 'data:', 'blob:'].includes(url.protocol)) return true;
  if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
    return policy.devServerUrl !== undefined && isDevServer(url, new URL(policy.devServerUrl));
  }
  // file: included: the renderer is served over the app scheme and has no business reading local files;
  // other hosts of the app scheme too.
  return false;
}

function isDevServer(url: URL, dev: URL): boolean {
  const secure = dev.protocol === 'https:';
  const allowedProtocols = secure ? ['https:', 'wss:'] : ['http:', 'ws:'];
  return allowedProtocols.includes(url.protocol) && url.host === dev.host;
}
