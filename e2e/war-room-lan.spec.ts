// The war room as the network sees it: `serve --war-room` on an address, HTTPS with the certificate whose
// fingerprint the cockpit printed (Chromium trusts exactly that key, as an operator who compared it would), the
// shared screen's link from the links file, the page live, and every acting command refused at the bridge.
import { connect } from 'node:tls';
import { DEMO_PLAN, expect, test } from './fixtures';
import { openWarRoom, warRoomCertificate, warRoomLinks } from './war-room';

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
  expect((await warRoomCertificate(room)).fingerprint256).toBe(room.fingerprint);
  expect(await servedFingerprint(room.origin)).toBe(room.fingerprint);

  // A plan without a team: one link, the shared screen's.
  const links = await warRoomLinks(room);
  expect([...links.keys()]).toEqual(['shared screen']);
  expect(links.get('shared screen')!.startsWith(`${room.origin}/?token=`)).toBe(true);

  const wall = await openWarRoom(room, 'shared screen');
  try {
    const page = wall.page;
    await expect(page.getByTestId('wall-clock')).toContainText('UTC');
    await expect(page.getByTestId('wall-wave')).toBeVisible();
    await expect(page.getByRole('button')).toHaveCount(0);
    // The page itself logged nothing (a CSP violation is a console error); the refusals below log their own.
    expect(wall.errors).toEqual([]);

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
    // Nothing was deployed: the operator's own cockpit lists no operation.
    const operations = await cockpit.page.evaluate(
      async () => (await (await fetch('/api/command/operations.list', { method: 'POST', body: '{}' })).json()) as unknown,
    );
    expect(operations).toEqual({ ok: true, value: [] });
  } finally {
    await wall.close();
  }
});
