// The cutover runbook end to end on the demo plan against the real headless core: wave 1 is not ready at start
// (nothing is deployed), so the operator starts it with a typed override reason; confirms the first manual step
// (who is recorded); aborts (confirmed); rolls the wave back (nothing automated ran, so nothing to compensate);
// and exports the evidence pack as Markdown (a Blob download under the app's CSP).
import { readFile, writeFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { demoPlanWithWave1Window, expect, test } from './fixtures';

const WAVE = 'wave-1';
const OPERATOR = 'E2E Operator';

function runbook(page: Page): Locator {
  return page.getByRole('region', { name: 'Runbook', exact: true });
}

function stepItem(page: Page, stepId: string): Locator {
  return runbook(page).locator(`[data-testid="runbook-step"][data-step-id="${stepId}"]`);
}

test('start with override, confirm a manual step, abort, roll back and export the evidence pack', async ({ openCockpit, workDir }) => {
  // Wave 1's cutover window closed long ago: starting now needs the override, and says why.
  const planFile = await demoPlanWithWave1Window(workDir, { start: new Date('2026-01-10T01:00:00Z'), end: new Date('2026-01-10T05:00:00Z') });
  const cockpit = await openCockpit(planFile);
  const { page } = cockpit;
  await page.getByRole('tab', { name: 'Cutover' }).click();
  const view = page.getByRole('region', { name: 'Cutover', exact: true });
  await view.getByRole('group', { name: 'Waves' }).locator(`[data-wave-id="${WAVE}"]`).click();

  await expect(runbook(page)).toBeVisible();
  await expect(runbook(page).getByTestId('runbook-status')).toHaveText('Not started');
  await expect(runbook(page).getByRole('list', { name: 'Runbook steps' }).getByTestId('runbook-step')).toHaveCount(8);
  await expect(runbook(page).getByTestId('runbook-clock')).toContainText(/^T[−+]/);

  // Not ready: only an override starts it, and only with a reason of 10+ characters.
  await runbook(page).getByRole('button', { name: 'Start with override…' }).click();
  const start = page.getByRole('dialog', { name: 'Start cutover with override' });
  await expect(start.getByTestId('start-outside-window')).toContainText('Outside the cutover window: Sat, 10 Jan 2026, 01:00–05:00 UTC (4 h) has closed.');
  await expect(start.getByRole('list', { name: 'Blocking reasons' }).getByRole('listitem').first()).toBeVisible();
  await start.getByLabel('Started by').fill(OPERATOR);
  await start.getByLabel('Reason for the override').fill('too short');
  await expect(start.getByRole('button', { name: 'Start with override' })).toBeDisabled();
  await start.getByLabel('Reason for the override').fill('Rehearsal: readiness gates are known red in the demo');
  await start.getByRole('button', { name: 'Start with override' }).click();
  await expect(start).toBeHidden();

  await expect(runbook(page).getByTestId('runbook-status')).toHaveText('Running');
  await expect(runbook(page).getByTestId('runbook-override')).toContainText('Rehearsal: readiness gates');
  await expect(runbook(page).getByTestId('runbook-override')).toContainText('after its cutover window closed at 10 Jan 2026, 05:00:00 UTC');
  await expect(stepItem(page, 'announce')).toHaveAttribute('data-status', 'waiting');

  // The waiting manual step: "Confirmed by" is prefilled with the last name used.
  const confirm = stepItem(page, 'announce');
  await expect(confirm.getByLabel('Confirmed by')).toHaveValue(OPERATOR);
  await confirm.getByLabel('Note (optional)').fill('posted in #dc2-exit');
  await confirm.getByRole('button', { name: 'Confirm step' }).click();
  await expect(stepItem(page, 'announce')).toHaveAttribute('data-status', 'succeeded');
  await expect(stepItem(page, 'announce')).toContainText(`Confirmed by ${OPERATOR}`);
  await expect(stepItem(page, 'block-writers')).toHaveAttribute('data-status', 'waiting');

  // Mid-cutover, a colleague saves a broken plan file: the cockpit keeps running on the last valid plan (the runbook,
  // its waiting step), says since when the file is invalid, and switches back once the file is valid again.
  const valid = await readFile(planFile, 'utf8');
  await writeFile(planFile, valid.replace('downtimeBudgetMinutes: 45', 'downtimeBudgetMinutes: soon'), 'utf8');
  const banner = page.getByTestId('rejected-plan-banner');
  await expect(banner).toBeVisible({ timeout: 15_000 });
  await expect(banner).toContainText(/since .*\d\d:\d\d:\d\d UTC/);
  await expect(stepItem(page, 'block-writers')).toHaveAttribute('data-status', 'waiting');
  await expect(runbook(page).getByTestId('runbook-status')).toHaveText('Running');
  await writeFile(planFile, valid, 'utf8');
  await expect(banner).toBeHidden({ timeout: 15_000 });
  await expect(stepItem(page, 'block-writers')).toHaveAttribute('data-status', 'waiting');

  // Abort, confirmed.
  await runbook(page).getByRole('button', { name: 'Abort…' }).click();
  const abort = page.getByRole('dialog', { name: 'Confirm abort' });
  await abort.getByRole('button', { name: 'Abort cutover' }).click();
  await expect(abort).toBeHidden();
  await expect(runbook(page).getByTestId('runbook-status')).toHaveText('Aborted');

  // Roll back: the confirmation lists the planned compensations (none: no automated step ran).
  await runbook(page).getByRole('button', { name: 'Roll back wave' }).click();
  const rollback = page.getByRole('dialog', { name: 'Confirm roll back wave' });
  await expect(rollback).toContainText('nothing to compensate');
  // A reason is required: the button stays disabled until one of at least 10 characters is typed.
  await expect(rollback.getByRole('button', { name: 'Roll back wave' })).toBeDisabled();
  await rollback.getByLabel('Reason for the rollback').fill('aborted rehearsal run');
  await rollback.getByRole('button', { name: 'Roll back wave' }).click();
  await expect(rollback).toBeHidden();
  await expect(runbook(page).getByTestId('runbook-rollback')).toHaveAttribute('data-status', 'succeeded', { timeout: 15_000 });

  // The evidence pack, downloaded.
  const downloading = page.waitForEvent('download');
  await runbook(page).getByRole('button', { name: 'Export evidence (Markdown)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.md$/);
  const file = await download.path();
  const markdown = await readFile(file, 'utf8');
  expect(markdown).toContain('Announce the cutover');
  expect(markdown).toContain(OPERATOR);
  await expect(runbook(page).getByTestId('evidence-exported')).toBeVisible();
});
