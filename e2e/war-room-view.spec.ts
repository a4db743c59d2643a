// The read-only war-room view (renderer/war-room.html) beside a running cutover: the operator starts wave 1 of the
// demo plan in the cockpit (with the override its red gates need, inside an open window) and confirms the first
// step; a second page of the same browser opens the war room from the loopback bridge. It shows the clock in UTC,
// the wave and its run, the window and the downtime budget with units, the gates (not judged during a cutover, as the
// Cutover tab says), the runbook with its current step, the replication charts section, and nothing to act with. With
// MIGRATION_COCKPIT_SCREENSHOTS=<dir> it saves the war room in both themes at 1440×900 and 1280×720.
import type { Locator, Page } from '@playwright/test';
import { demoPlanWithWave1Window, expect, test } from './fixtures';
import { shoot } from './screenshots';

const WAVE = 'wave-1';
const OPERATOR = 'E2E Operator';

const runbook = (page: Page): Locator => page.getByRole('region', { name: 'Runbook', exact: true });

async function startWave1(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Cutover' }).click();
  await page.getByRole('region', { name: 'Cutover', exact: true }).getByRole('group', { name: 'Waves' }).locator(`[data-wave-id="${WAVE}"]`).click();
  await runbook(page).getByRole('button', { name: 'Start with override…' }).click();
  const start = page.getByRole('dialog', { name: 'Start cutover with override' });
  await start.getByLabel('Started by').fill(OPERATOR);
  await start.getByLabel('Reason for the override').fill('Rehearsal: readiness gates are known red in the demo');
  await start.getByRole('button', { name: 'Start with override' }).click();
  await expect(start).toBeHidden();
  const announce = runbook(page).locator('[data-testid="runbook-step"][data-step-id="announce"]');
  await expect(announce).toHaveAttribute('data-status', 'waiting');
  await announce.getByRole('button', { name: 'Confirm step' }).click();
  await expect(runbook(page).locator('[data-testid="runbook-step"][data-step-id="block-writers"]')).toHaveAttribute('data-status', 'waiting');
}

test('the war room shows the running cutover read-only: clock, budget, gates, runbook, charts', async ({ openCockpit, workDir }) => {
  const plan = await demoPlanWithWave1Window(workDir, { start: new Date(Date.now() - 3_600_000), end: new Date(Date.now() + 3 * 3_600_000) });
  const { page } = await openCockpit(plan);

  // A second page of the same browser on the war room, with the bridge's token cookie the cockpit's page got (the
  // launcher's page owns its context, so the wall gets one of its own with the same cookies).
  const browser = page.context().browser();
  if (!browser) throw new Error('the cockpit page has no browser');
  // A screen in Berlin: the clock says its local time with the zone beside UTC.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'Europe/Berlin' });
  await context.addCookies(await page.context().cookies());
  const wall = await context.newPage();
  const errors: string[] = [];
  wall.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  wall.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  await wall.goto(new URL('war-room.html', page.url()).href);

  // Before the run: the wave whose window is open; nothing is deployed in this test, so its gates judge nothing yet
  // (as the Cutover tab's gate matrix says).
  const wave = wall.getByTestId('wall-wave');
  await expect(wave).toHaveAttribute('data-wave-id', WAVE);
  await expect(wave).toHaveAttribute('data-reason', 'open-window');
  await expect(wall.getByTestId('wall-gates-headline')).toHaveText('Not judged now');
  await expect(wall.getByTestId('wall-gates-not-judged')).toContainText('Not deployed: the gates judge');
  await expect(wall.getByTestId('wall-downtime')).toContainText('Downtime budget45 mindowntime not started');
  await shoot(wall, 'war-room-before');

  // The operator starts the cutover in the cockpit; the wall follows without a reload.
  await startWave1(page);
  await expect(wall.getByTestId('clock-utc')).toContainText(/\d\d:\d\d:\d\d\s*UTC/);
  await expect(wall.getByTestId('clock-local')).toContainText(/\d\d:\d\d:\d\d\s*(CET|CEST) local/);
  await expect(wave).toHaveAttribute('data-reason', 'active');
  await expect(wave).toContainText('Pilot: internal tools');
  await expect(wall.getByTestId('wall-run-status')).toHaveText('Run: Running');

  // Time and budget, each with its units.
  await expect(wall.getByTestId('wall-elapsed')).toContainText(/Run elapsed\s*\d+ (s|min)/);
  await expect(wall.getByTestId('wall-window')).toContainText(/Into the window\s*1 h( \d+ min)? of 4 h/);
  await expect(wall.getByTestId('wall-window')).toContainText(/left, closes \d\d:\d\d:\d\d UTC/);
  await expect(wall.getByTestId('wall-downtime')).toContainText(/Downtime used\s*\d+ s of 45 min/);
  await expect(wall.getByTestId('wall-no-return')).toContainText('Point of no return');

  // The gates decide nothing while the cutover runs: said as the Cutover tab says it.
  await expect(wall.getByTestId('wall-gates-headline')).toHaveText('Not judged now');
  await expect(wall.getByTestId('wall-gates-not-judged')).toContainText('Cutover in progress: the gates judge a wave before its cutover');

  // The runbook, its current step highlighted, and the same step as the current one.
  const steps = wall.getByRole('list', { name: 'Runbook steps' }).locator('[data-testid="wall-step"]:not([data-clipped])');
  // As many as fit the screen whole (a wall does not scroll), the rest counted on one line.
  await expect(steps.nth(0)).toHaveAttribute('data-status', 'succeeded');
  const shown = await steps.count();
  if (shown < 8) await expect(wall.getByTestId('wall-steps-more')).toHaveText(`+${8 - shown} more: steps ${shown + 1}–8`);
  await expect(wall.locator('[data-testid="wall-step"][aria-current="step"]')).toHaveAttribute('data-step-id', 'block-writers');
  await expect(wall.getByTestId('wall-current-step')).toContainText('Block writers in DC2');
  await expect(wall.getByTestId('wall-current-step')).toContainText(/waits for confirmation · \d+ min( \d+ s)? left of its 15 min timeout/);

  // The charts section: the wave's tasks (not deployed in this run: no datapoints yet), or plainly none.
  await expect(wall.getByTestId('wall-charts-panel')).toBeVisible();
  await expect(wall.getByTestId('wall-charts-panel')).toContainText(/CDC latency|no DMS replication task|Reading replication status/);

  await expect(wall.getByTestId('war-room-footer')).toHaveText('Read-only war-room view — actions are taken in the cockpit');
  // Nothing to act with: no button, no form field, no form.
  await expect(wall.locator('button, input, select, textarea, form')).toHaveCount(0);

  // What the cockpit's runbook says, the wall says: the same step waits in both.
  await expect(runbook(page).locator('[data-testid="runbook-step"][data-step-id="block-writers"]')).toHaveAttribute('data-status', 'waiting');

  await shoot(wall, 'war-room-running');
  await context.close();
  expect(errors, 'the war room logged errors').toEqual([]);
});
