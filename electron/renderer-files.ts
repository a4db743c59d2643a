// Maps the app's own URLs (app://cockpit/...) to files of the built renderer. Pure (no electron import) so the
// path checks are unit-tested without an Electron binary.
//
// Why a custom scheme and not file://: forge.config.ts turns the GrantFileProtocolExtraPrivileges fuse off, and
// then a file:// page is treated like in a browser (origin 'null'), so Vite's `<script type="module">` is
// blocked by CORS, and file:// loads stop being asar-aware. A privileged standard scheme gives the page a real
// origin ('self' in the CSP means exactly our files) and lets us attach security headers to every response.
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'cockpit';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * The file inside `rootDir` that an app URL names, or undefined when the URL is not ours or would leave the
 * folder (percent-encoded separators and '..' included).
 */
export function rendererFileFor(rootDir: string, requestUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  } catch {
    return undefined;
  }
  if (relative.includes('\0')) return undefined;
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${relative}`);
  return file.startsWith(root + path.sep) ? file : undefined;
}

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
