// Team mode end to end: two cockpits (two people, `--as`) on one plan whose team store is a real PostgreSQL
// (Debian's, started by this spec), each in its own browser. The operator sees the team banner, the other cockpit on
// the plan, and that the cutover's start needs one approval; she asks; the approver sees the request in his banner and
// approves it; the operator starts (with the override the rehearsal's readiness needs), drives the wave (its lock is
// hers, the approver's cockpit says so) and confirms both steps; the approver watches the run end. Last the store goes
// away: both cockpits say so. With MIGRATION_COCKPIT_SCREENSHOTS=<dir> it saves the views (both themes, two sizes).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { startPostgres, type PostgresServer } from '../test/support/postgres';
import { expect, test } from './fixtures';
import { shoot } from './screenshots';
import { openWarRoom, warRoomLinks } from './war-room';

const WAVE = 'wave-1';

const planText = (url: string) => `version: 1
name: Team rehearsal
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
team:
  migration: e2e-team
  store: { url: "${url}?sslmode=disable", passwordEnv: TEAM_STORE_PASSWORD }
  people:
    - { user: alice, roles: [operator] }
    - { user: bob, roles: [approver] }
projects:
  - { name: platform-production, program: app-instance }
stacks:
  - name: app9401
    project: platform-production
    config: { trafficTarget: datacenter }
waves:
  - id: ${WAVE}
    name: Shop database move
    stacks: [app9401]
    cutover:
      downtimeBudgetMinutes: 30
      approvals: 1
      runbook:
        - { id: announce, name: Announce the cutover, manual: Tell the service desk }
        - { id: switch, name: Switch the DNS by hand, manual: Change the record and watch the dashboards }
`;

const runbook = (page: Page): Locator => page.getByRole('region', { name: 'Runbook', exact: true });
const banner = (page: Page): Locator => page.getByTestId('team-banner');

async function openRunbook(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Cutover' }).click();
  await page.getByRole('region', { name: 'Cutover', exact: true }).getByRole('group', { name: 'Waves' }).locator(`[data-wave-id="${WAVE}"]`).click();
  await expect(runbook(page)).toBeVisible();
}

let server: PostgresServer | undefined;
test.afterEach(async () => {
  await server?.close();
  server = undefined;
});

test('an operator and an approver on one team store: four eyes before the cutover, one driver, the store going away', async ({ openCockpit, workDir }) => {
  test.setTimeout(180_000);
  const started = await startPostgres();
  if (typeof started === 'string') test.skip(true, started);
  server = started as PostgresServer;
  const db = await server.createDatabase('e2e');
  const planFile = path.join(workDir, 'migration.yaml');
  await writeFile(planFile, planText(`postgres://${db.user}@${server.host}:${server.port}/${db.database}`));
  const env = { TEAM_STORE_PASSWORD: db.password };
  const alice = (await openCockpit(planFile, { operator: 'alice@laptop-a', env })).page;
  // The approver's cockpit also serves the war room (a link per person of the plan, and the shared screen's).
  const bobCockpit = await openCockpit(planFile, { operator: 'bob@laptop-b', env, warRoom: '127.0.0.1:0' });
  const bob = bobCockpit.page;

  // Who is who, and who else is on the plan.
  await expect(banner(alice).getByTestId('team-text')).toHaveText(
    `Migration e2e-team · store ${server.host}:${server.port}/${db.database} · you are alice@laptop-a, operator`,
  );
  await expect(banner(alice).getByTestId('team-present')).toHaveText('Also on this plan: bob@laptop-b (approver)', { timeout: 20_000 });
  await expect(banner(bob).getByTestId('team-text')).toContainText('you are bob@laptop-b, approver');

  // The start needs one approval: the operator asks.
  await openRunbook(alice);
  await expect(runbook(alice).getByTestId('runbook-approval')).toHaveText(
    "The start needs 1 approval from the team's approvers (four eyes): not asked yet.Ask for approval",
  );
  await runbook(alice).getByRole('button', { name: 'Ask for approval' }).click();
  await expect(runbook(alice).getByTestId('runbook-approval')).toContainText('asked by alice@laptop-a at');
  await openRunbook(bob);
  await shoot(alice, 'team-asked');

  // The approver sees it on every tab, in his banner; a refusal would need words; he approves.
  const request = banner(bob).getByTestId('team-approval');
  await expect(request).toContainText("Approval asked for the start of wave-1's cutover", { timeout: 15_000 });
  await expect(request).toContainText('0 of 1 approval given');
  await shoot(bob, 'team-approval-asked');
  await request.getByRole('button', { name: 'Refuse…' }).click();
  await expect(request.getByRole('button', { name: 'Refuse', exact: true })).toBeDisabled();
  await request.getByLabel('Reason for refusing').fill('DBA on the bridge: go');
  await shoot(bob, 'team-refuse-open');
  await request.getByRole('button', { name: 'Cancel' }).click();
  await request.getByRole('button', { name: 'Approve' }).click();
  await expect(banner(bob).getByTestId('team-approval')).toHaveCount(0);
  await expect(runbook(alice).getByTestId('runbook-approval')).toContainText('approved by bob@laptop-b at', { timeout: 15_000 });
  await shoot(alice, 'team-approved');

  // The operator starts it (the rehearsal's stack is not deployed: readiness needs the override and its reason).
  await runbook(alice).getByRole('button', { name: 'Start with override…' }).click();
  const start = alice.getByRole('dialog', { name: 'Start cutover with override' });
  await start.getByLabel('Started by').fill('Alice');
  await start.getByLabel('Reason for the override').fill('Team rehearsal: nothing is deployed in this plan');
  await start.getByRole('button', { name: 'Start with override' }).click();
  await expect(runbook(alice).getByTestId('runbook-status')).toHaveText('Running');

  // The wave is hers: the approver's cockpit shows who drives it, and the run as she drives it.
  await expect(banner(bob).getByTestId('team-locks')).toContainText('wave-1: alice@laptop-a (cutover, since', { timeout: 15_000 });
  await expect(banner(alice).getByTestId('team-locks')).toContainText('wave-1: you (cutover, since');
  await expect(runbook(bob).getByTestId('runbook-status')).toHaveText('Running', { timeout: 15_000 });
  // The approver watches: no control is his, and the step waiting for its confirmation has no form in his cockpit.
  await expect(runbook(bob).getByTestId('runbook-watching')).toHaveText(
    /^You watch this wave as approver: alice@laptop-a drives it \(cutover, since \d\d:\d\d:\d\d UTC\)\.$/,
  );
  await expect(runbook(bob).getByRole('button', { name: 'Confirm step' })).toHaveCount(0);
  await expect(runbook(bob).getByRole('button', { name: 'Pause' })).toBeDisabled();
  await shoot(bob, 'team-watching');
  await shoot(alice, 'team-driving');

  // The shared screen opens the war room: the run as she drives it, read-only; the team sees who watches.
  expect([...(await warRoomLinks(bobCockpit.warRoom!)).keys()]).toEqual(['shared screen', 'alice', 'bob']);
  const wall = await openWarRoom(bobCockpit.warRoom!, 'shared screen');
  try {
    await expect(wall.page.getByTestId('wall-driver')).toContainText('alice@laptop-a');
    await expect(wall.page.getByTestId('wall-current-step')).toContainText('Announce the cutover');
    await expect(wall.page.locator('button, input, form')).toHaveCount(0);
    await expect(banner(alice).getByTestId('team-present')).toHaveText(
      "Also on this plan: bob@laptop-b (approver); watching the war room: shared screen (on bob@laptop-b's)",
      { timeout: 20_000 },
    );
    await shoot(wall.page, 'team-war-room');
    await shoot(alice, 'team-war-room-watched');
    expect(wall.errors).toEqual([]);
  } finally {
    await wall.close();
  }
  await expect(banner(alice).getByTestId('team-present')).toHaveText('Also on this plan: bob@laptop-b (approver)', { timeout: 20_000 });
  for (const step of ['announce', 'switch']) {
    const item = runbook(alice).locator(`[data-testid="runbook-step"][data-step-id="${step}"]`);
    await expect(item).toHaveAttribute('data-status', 'waiting', { timeout: 15_000 });
    await item.getByLabel('Confirmed by').fill('Alice');
    await item.getByRole('button', { name: 'Confirm step' }).click();
    await expect(item).toHaveAttribute('data-status', 'succeeded', { timeout: 15_000 });
  }
  await expect(runbook(bob).getByTestId('runbook-status')).toHaveText('Succeeded', { timeout: 15_000 });

  // The store goes away: both say so, with since when; nothing new starts.
  await server.stop('immediate');
  await expect(banner(alice)).toHaveAttribute('data-tone', 'warning', { timeout: 20_000 });
  await expect(banner(alice).getByTestId('team-problem')).toContainText('Shown is what this cockpit last knew; nothing new starts until the store is back.');
  await expect(banner(bob)).toHaveAttribute('data-tone', 'warning', { timeout: 20_000 });
  await shoot(alice, 'team-store-away');
});
