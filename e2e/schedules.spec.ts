// The scheduled-jobs track's operator path in Chromium, on the demo plan against the embedded rehearsal (the plan's
// wave-6: a billing stack with a Jenkins job and a cron entry, a reporting stack with a Jenkins job, each moving to a
// Lambda function fired by EventBridge Scheduler). Deploy the wave; on the Schedules tab each job's two sides (the data
// center's trigger ON, the AWS schedule DISABLED); a test invocation of each function; the gate schedules.ready green;
// the cutover: the handover turns each DC trigger off, the AWS schedules on and watches their first slots run on AWS
// only; then the rollback turns AWS off with the kill switch and the DC triggers back on.
// The rehearsal runs in real time (the embedded default) and its jobs fire every 5 or 10 minutes: the spec moves the
// rehearsal clock on instead of waiting, always to just after a slot, so no slot comes while a handover or a rollback
// has neither side on (a missed run is the monitor's to show, not this path's). Every wait is on what the UI shows.
// With MIGRATION_COCKPIT_SCREENSHOTS=<dir> it also saves the views an operator reviews (both themes, two sizes).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { DEMO_PLAN, expect, test } from './fixtures';
import { shoot } from './screenshots';
import { advanceClock, rehearsalAdmin } from './rehearsal-admin';

const WAVE = 'wave-6';
const STACKS = ['platform-production/app1601', 'analytics/app1602'];
const JOBS = [`${STACKS[0]}#invoices`, `${STACKS[0]}#cleanup`, `${STACKS[1]}#report`];
const OPERATOR = 'E2E Operator';
/** The monitor reads every 5 to 30 s; a Pulumi update of a stack takes seconds. */
const SEEN = 90_000;
const MINUTE = 60_000;

/** The demo plan with wave-6's window open now, so the readiness alone decides (an override says why not). */
async function planFor(folder: string): Promise<string> {
  const text = await readFile(DEMO_PLAN, 'utf8');
  const window = '    cutoverWindow:\n      start: 2027-01-23T01:00:00Z\n      end: 2027-01-23T05:00:00Z\n';
  if (!text.includes(window)) throw new Error("the demo plan no longer has wave-6's window this spec replaces");
  const now = Date.now();
  const file = path.join(folder, 'migration.yaml');
  await writeFile(
    file,
    text.replace(
      window,
      `    cutoverWindow:\n      start: ${new Date(now - 3_600_000).toISOString()}\n      end: ${new Date(now + 3_600_000).toISOString()}\n`,
    ),
  );
  return file;
}

const job = (page: Page, key: string): Locator => page.locator(`[data-testid="schedules-job"][data-job="${key}"]`);

/** The slots (ISO) at or after `since` the job's strip shows as a double or a missed run. */
const dangerSlotsSince = (card: Locator, since: string): Promise<string[]> =>
  card
    .locator('[data-testid="schedules-slot"][data-danger] time')
    .evaluateAll((times: { getAttribute(name: string): string | null }[]) => times.map((time) => time.getAttribute('datetime') ?? ''))
    .then((slots) => slots.filter((slot) => slot >= since));

/** The double-run alerts, and the missed-run alerts about a slot at or after `since`: `<kind> <slot>`. */
const slotAlertsSince = (page: Page, since: string): Promise<string[]> =>
  page
    .locator('[data-testid="schedules-alert"]')
    .evaluateAll((items: { getAttribute(name: string): string | null }[]) =>
      items.map((item) => ({ kind: item.getAttribute('data-kind') ?? '', slot: item.getAttribute('data-slot') ?? '' })),
    )
    .then((alerts) =>
      alerts
        .filter((alert) => alert.kind === 'double-run' || (alert.kind === 'missed-run' && alert.slot >= since))
        .map((alert) => `${alert.kind} ${alert.slot}`),
    );
const runbook = (page: Page): Locator => page.getByRole('region', { name: 'Runbook', exact: true });
const stepItem = (page: Page, stepId: string): Locator => runbook(page).locator(`[data-testid="runbook-step"][data-step-id="${stepId}"]`);

/**
 * Moves the rehearsal clock on to `offsetMs` past the next slot boundary of `everyMinutes` (the demo's jobs fire on the
 * 5- and 10-minute marks): a slot's runs end within 90 s, and the next slot is minutes away. Answers that slot (ISO).
 */
async function toAfterNextSlot(dataDir: string, everyMinutes: number, offsetMs: number): Promise<string> {
  const { now } = (await rehearsalAdmin(dataDir, '/_admin/clock')) as { now: string };
  const at = Date.parse(now);
  const period = everyMinutes * MINUTE;
  const slot = (Math.floor(at / period) + 1) * period;
  await advanceClock(dataDir, `${slot + offsetMs - at}ms`);
  return new Date(slot).toISOString();
}

test('hands the scheduled jobs of a wave over to AWS and rolls them back to the data center', async ({ openCockpit, workDir }) => {
  test.setTimeout(600_000);
  const cockpit = await openCockpit(await planFor(workDir));
  const { page } = cockpit;
  const dataDir = path.join(workDir, 'data-0');

  // The network first (wave-6 depends on it), then the wave of jobs: each stack's functions and schedules (DISABLED).
  await cockpit.operateWave('wave-0', 'deploy', { confirm: true });
  await cockpit.waitForWaveOperation('wave-0', 'wave-deploy', 'succeeded', 120_000);
  await cockpit.operateWave(WAVE, 'deploy', { confirm: true });
  await cockpit.waitForWaveOperation(WAVE, 'wave-deploy', 'succeeded', 180_000);

  // The Schedules tab: both sides of every job, the data center owning it.
  await page.getByRole('tab', { name: 'Schedules' }).click();
  for (const key of JOBS) {
    const card = job(page, key);
    await expect(card.getByTestId('schedules-aws')).toHaveAttribute('data-schedule-state', 'DISABLED', { timeout: SEEN });
    await expect(card.getByTestId('schedules-dc')).toHaveAttribute('data-enabled', 'true');
    await expect(card).toHaveAttribute('data-owner', 'dc');
    await expect(card.getByTestId('schedules-dc-trigger')).toHaveText('ON: fires on its schedule');
    await expect(card.getByTestId('schedules-aws-state')).toHaveText('DISABLED');
  }
  await expect(job(page, JOBS[0]!).getByTestId('schedules-idempotent')).toContainText('not idempotent');
  await expect(page.locator('[data-testid="schedules-owners"] [data-owner="dc"]')).toHaveText('3 jobs in the data center');

  // A test invocation of each job's function, each answered.
  for (const key of JOBS) await job(page, key).locator('[data-command="test-invoke"]').click();
  for (const key of JOBS) {
    await expect(job(page, key).getByTestId('schedules-test')).toHaveAttribute('data-ok', 'true', { timeout: SEEN });
    await expect(job(page, key).getByTestId('schedules-test-result')).toContainText('Succeeded at');
  }
  await shoot(page, 'schedules-before-handover', job(page, JOBS[0]!));

  // The gate: every stack's schedules.ready green.
  await page.getByRole('tab', { name: 'Cutover' }).click();
  const view = page.getByRole('region', { name: 'Cutover', exact: true });
  await view.getByRole('group', { name: 'Waves' }).locator(`[data-wave-id="${WAVE}"]`).click();
  const matrix = view.locator(`[data-testid="gate-matrix"][data-wave-id="${WAVE}"]`);
  await expect(matrix.locator('[data-testid="gate-cell"][data-gate-name="schedules.ready"]')).toHaveCount(STACKS.length);
  for (const cell of await matrix.locator('[data-testid="gate-cell"][data-gate-name="schedules.ready"]').all())
    await expect(cell).toHaveAttribute('data-status', 'green', { timeout: SEEN });

  // Just after a slot, so none comes between the DC triggers going off and the AWS schedules coming on.
  const handoverFrom = await toAfterNextSlot(dataDir, 5, 2 * MINUTE);
  await runbook(page)
    .getByRole('button', { name: /^Start/ })
    .click();
  const start = page.getByRole('dialog', { name: /start cutover/i });
  await start.getByLabel('Started by').fill(OPERATOR);
  const reason = start.getByLabel('Reason for the override');
  if (await reason.isVisible()) await reason.fill('Rehearsal: only the jobs move in this wave');
  await start.getByRole('button', { name: /^Start/ }).click();
  await expect(start).toBeHidden();
  await expect(stepItem(page, 'announce')).toHaveAttribute('data-status', 'waiting', { timeout: 30_000 });
  await stepItem(page, 'announce').getByRole('button', { name: 'Confirm step' }).click();

  // The handover: DC triggers off, the AWS schedules on (a Pulumi update per stack), then the first slots watched.
  const handover = stepItem(page, 'jobs');
  await expect(handover.locator('.runbook-step-message')).toContainText('watching the first slot on AWS', { timeout: 180_000 });
  // Every job's first slot comes by the next 10-minute mark: once CloudWatch counted its one clean run on AWS (the
  // minute after it ended), the handover has its answer.
  await toAfterNextSlot(dataDir, 10, 3 * MINUTE);
  await expect(handover).toHaveAttribute('data-status', 'succeeded', { timeout: 120_000 });
  for (const stackId of STACKS)
    await expect(handover.getByRole('list', { name: 'Targets of Hand the jobs over to AWS' })).toContainText(
      new RegExp(`${stackId.replace('/', '\\/')} succeeded handed over; first slots on AWS \\(data clock\\): (\\w+ \\d\\d:\\d\\d:00 UTC(, )?)+`),
    );
  await expect(stepItem(page, 'owners-check')).toHaveAttribute('data-status', 'waiting');
  await stepItem(page, 'owners-check').getByRole('button', { name: 'Confirm step' }).click();
  await expect(runbook(page).getByTestId('runbook-status')).toHaveText('Succeeded', { timeout: 30_000 });
  await shoot(page, 'schedules-runbook-after-handover');

  // AWS owns every job now: its schedule on, the DC trigger off, its first slot run on AWS only.
  await page.getByRole('tab', { name: 'Schedules' }).click();
  for (const key of JOBS) {
    const card = job(page, key);
    await expect(card).toHaveAttribute('data-owner', 'aws', { timeout: SEEN });
    await expect(card.getByTestId('schedules-aws')).toHaveAttribute('data-schedule-state', 'ENABLED');
    await expect(card.getByTestId('schedules-dc')).toHaveAttribute('data-enabled', 'false');
    await expect(card.locator('[data-testid="schedules-slot"][data-verdict="aws"]').first()).toBeVisible({ timeout: SEEN });
    // No slot since the handover began ran twice or nowhere.
    expect(await dangerSlotsSince(card, handoverFrom)).toEqual([]);
  }
  await expect(page.locator('[data-testid="schedules-owners"] [data-owner="aws"]')).toHaveText('3 jobs on AWS');
  expect(await slotAlertsSince(page, handoverFrom)).toEqual([]);
  await shoot(page, 'schedules-after-handover', job(page, JOBS[0]!));

  // The stack panel's section: one line per job.
  await page.getByRole('tab', { name: 'Plan' }).click();
  const detail = await cockpit.openStack(STACKS[0]!);
  const summary = detail.getByTestId('schedules-summary');
  await expect(summary.getByTestId('schedules-summary-job')).toHaveCount(2);
  for (const line of await summary.getByTestId('schedules-summary-job').all()) await expect(line).toHaveAttribute('data-owner', 'aws');
  await expect(summary).toContainText('AWS runs it');
  await shoot(page, 'schedules-stack-panel', summary);
  await page.keyboard.press('Escape');

  // The rollback, just after a slot again: AWS off with the kill switch, then the DC triggers back on.
  await page.getByRole('tab', { name: 'Cutover' }).click();
  await toAfterNextSlot(dataDir, 5, MINUTE);
  await runbook(page)
    .getByRole('button', { name: /^Roll back/ })
    .click();
  const rollback = page.getByRole('dialog', { name: 'Confirm roll back wave' });
  await rollback.getByLabel('Rolled back by').fill(OPERATOR);
  await rollback.getByLabel(/Reason for the rollback/).fill('Rehearsal: the jobs go back to the data center');
  await rollback.getByRole('button', { name: 'Roll back wave' }).click();
  await expect(rollback).toBeHidden();
  const progress = runbook(page).getByTestId('runbook-rollback');
  await expect(progress).toHaveAttribute('data-status', 'succeeded', { timeout: 180_000 });
  await expect(runbook(page).getByTestId('rollback-summary')).toContainText('Rollback of wave-6 complete.');
  await shoot(page, 'schedules-runbook-after-rollback', progress);

  // The data center owns every job again; the AWS schedule is off and its function cannot run (the kill switch).
  await page.getByRole('tab', { name: 'Schedules' }).click();
  for (const key of JOBS) {
    const card = job(page, key);
    await expect(card).toHaveAttribute('data-owner', 'dc', { timeout: SEEN });
    await expect(card.getByTestId('schedules-dc')).toHaveAttribute('data-enabled', 'true');
    await expect(card.getByTestId('schedules-aws')).toHaveAttribute('data-schedule-state', 'DISABLED');
    await expect(card.getByTestId('schedules-aws')).toHaveAttribute('data-kill-switch', 'true', { timeout: SEEN });
    // The safe state after a rollback, not a danger: the schedule is off too.
    await expect(card.getByTestId('schedules-aws')).not.toHaveAttribute('data-danger');
    await expect(card.getByTestId('schedules-aws-concurrency')).toContainText('KILL SWITCH ON');
    expect(await dangerSlotsSince(card, handoverFrom)).toEqual([]);
  }
  await expect(page.locator('[data-testid="schedules-owners"] [data-owner="dc"]')).toHaveText('3 jobs in the data center');
  expect(await slotAlertsSince(page, handoverFrom)).toEqual([]);
  await shoot(page, 'schedules-after-rollback', job(page, JOBS[0]!));
});
