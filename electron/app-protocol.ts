// Serves the built renderer over the app's own scheme (app://cockpit/...), with the security headers a web
// server would send. See renderer-files.ts for why not file://.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol, type Session } from 'electron';
import { APP_SCHEME, contentTypeOf, rendererFileFor } from './renderer-files';

/** Before `ready`: a standard, secure scheme gets a real origin, so 'self' and same-origin module scripts work. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // No corsEnabled and no bypassCSP: nothing else may read our files, and our CSP applies to them.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(session: Session, rendererDir: string, contentSecurityPolicy: string): void {
  const headers = (contentType: string): Record<string, string> => ({
    'content-type': contentType,
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  const text = (status: number, body: string) => new Response(body, { status, headers: headers('text/plain; charset=utf-8') });

  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'method not allowed');
    const file = rendererFileFor(rendererDir, request.url);
    if (!file) return text(404, 'not found');
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: headers(contentTypeOf(file)) });
    } catch {
      if (path.basename(file) === 'index.html' && path.dirname(file) === path.resolve(rendererDir)) {
        return text(503, `The renderer is not built (${rendererDir} has no index.html). Run: npm run build:renderer`);
      }
      return text(404, 'not found');
    }
  });
}
