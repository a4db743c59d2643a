// The app:// handler in app-protocol.ts against a stand-in session: the security headers on every response
// (a header dropped by mistake fails here), reads only, and nothing outside the renderer folder.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Session } from 'electron';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { serveRenderer } from './app-protocol';

vi.mock('electron', () => ({ protocol: { registerSchemesAsPrivileged: vi.fn() } }));

const CSP = "default-src 'self'";
const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'cockpit-renderer-'));
writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>cockpit</title>');
afterAll(() => rmSync(rendererDir, { recursive: true, force: true }));

function handler(dir = rendererDir): (request: Request) => Promise<Response> {
  const handle = vi.fn();
  serveRenderer({ protocol: { handle } } as unknown as Session, dir, CSP);
  expect(handle).toHaveBeenCalledWith('app', expect.any(Function));
  return handle.mock.calls[0]![1] as (request: Request) => Promise<Response>;
}

const SECURITY_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

describe('serveRenderer', () => {
  it('serves the renderer with the security headers', async () => {
    const response = await handler()(new Request('app://cockpit/index.html'));
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toEqual({ ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' });
    expect(await response.text()).toContain('<title>cockpit</title>');
  });

  it('sends the same headers on refusals, and refuses writes and paths outside the folder', async () => {
    const serve = handler();
    const post = await serve(new Request('app://cockpit/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
    expect(Object.fromEntries(post.headers)).toMatchObject(SECURITY_HEADERS);
    for (const url of ['app://cockpit/%2e%2e/%2e%2e/etc/passwd', 'app://cockpit/..%2f..%2fetc/passwd', 'app://other/index.html']) {
      const response = await serve(new Request(url));
      expect(response.status, url).toBe(404);
      expect(Object.fromEntries(response.headers), url).toMatchObject(SECURITY_HEADERS);
    }
  });

  it('explains a missing renderer build instead of a blank window', async () => {
    const response = await handler(path.join(rendererDir, 'missing'))(new Request('app://cockpit/index.html'));
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:renderer');
  });
});
