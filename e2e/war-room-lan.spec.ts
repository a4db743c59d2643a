// The war room as the network sees it: `serve --war-room` on an address, HTTPS with the certificate whose
// fingerprint the cockpit printed (Chromium trusts exactly that key, as an operator who compared it would), the
// shared screen's link from the links file, the page live, and every acting command refused at the bridge.
import { chromium } from '@playwright/test';
import { createHash, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { connect } from 'node:tls';
import { DEMO_PLAN, expect, test } from './fixtures';
import { CHROMIUM, CHROMIUM_ARGS } from './launchers/chromium';

async function servedFingerprint(origin: string): Promise<string> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), rejectUnauthorized: false }, () => {
      resolve(socket.getPeerX509Certificate()!.fingerprint256);
      socket.end();
    });
    socket.on('error', reject);
  });
}

test('the war room on the network: HTTPS, a link, read-only', async ({ openCockpit, launcher }) => {
  test.skip(launcher !== 'chromium', 'the war room is served by the headless core (serve --war-room); the desktop app listens on no network');
  const cockpit = await openCockpit(DEMO_PLAN, { warRoom: '127.0.0.1:0' });
  const room = cockpit.warRoom!;
  expect(room.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

  // The printed fingerprint is the served certificate's and the kept file's.
  const certificate = new X509Certificate(await readFile(path.join(path.dirname(room.linksFile), 'war-room-cert.pem')));
  expect(certificate.fingerprint256).toBe(room.fingerprint);
  expect(await servedFingerprint(room.origin)).toBe(room.fingerprint);

  // A plan without a team: one link, the shared screen's.
  const rows = (await readFile(room.linksFile, 'utf8')).split('\n').filter((line) => line !== '' && !line.startsWith('#'));
  expect(rows.map((row) => row.split('\t')[0])).toEqual(['shared-screen']);
  const link = rows[0]!.split('\t')[1]!;
  expect(link.startsWith(`${room.origin}/?token=`)).toBe(true);

  const spki = createHash('sha256')
    .update(certificate.publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${spki}`] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(link);
    await page.waitForURL((address) => address.origin === room.origin && !address.search.includes('token='));
    await expect(page.getByTestId('wall-clock')).toContainText('UTC');
    await expect(page.getByTestId('wall-wave')).toBeVisible();
    await expect(page.getByRole('button')).toHaveCount(0);
    // The page itself logged nothing (a CSP violation is a console error); the refusals below log their own.
    expect(errors).toEqual([]);

    const tried = await page.evaluate(async () => {
      const post = async (name: string, body: unknown) => {
        const reply = await fetch(`/api/command/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        return { status: reply.status, body: (await reply.json()) as unknown };
      };
      return {
        deploy: await post('wave.deploy', { waveId: 'wave-1' }),
        start: await post('cutover.start', { waveId: 'wave-1' }),
        read: (await post('cutover.state', {})).status,
        cockpitPage: (await fetch('/index.html')).status,
      };
    });
    expect(tried.deploy).toEqual({
      status: 403,
      body: { ok: false, error: { code: 'transport', message: "the war room is read-only: 'wave.deploy' acts, and is taken in the cockpit itself" } },
    });
    expect(tried.start.status).toBe(403);
    expect(tried.read).toBe(200);
    expect(tried.cockpitPage).toBe(404);
    // Nothing was deployed: the operator's own cockpit shows wave 1 as it was.
    const operations = await cockpit.page.evaluate(
      async () => (await (await fetch('/api/command/operations.list', { method: 'POST', body: '{}' })).json()) as unknown,
    );
    expect(operations).toEqual({ ok: true, value: [] });
  } finally {
    await browser.close();
  }
});
