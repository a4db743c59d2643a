// The Keyspaces track's operator path in Chromium, on the demo plan against the embedded rehearsal with its own real
// Cassandra (the plan's wave-5: a session store and a clickstream): deploy the wave, load each stack's history with
// its bulk load, validate origin against Keyspaces over CQL, then the cutover — reads mirrored, a validation step,
// Keyspaces primary, the health check — up to the point of no return, where the operator must type the wave id;
// past it, the rollback confirmation says first that Keyspaces cannot go back, and the rollback leaves it there.
// With MIGRATION_COCKPIT_SCREENSHOTS=<dir> it also saves the views an operator reviews (both themes, two sizes).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { findCassandraLib } from '../test/support/cassandra';
import { skipNoteOrFail } from '../test/support/required-tools';
import { DEMO_PLAN, expect, test } from './fixtures';
import { shoot } from './screenshots';

const WAVE = 'wave-5';
const STACKS = ['app1501', 'app1502'];
const OPERATOR = 'E2E Operator';

/** The demo plan with wave-5's window open now, so the readiness alone decides (the override says why not). */
async function planFor(folder: string): Promise<string> {
  const text = await readFile(DEMO_PLAN, 'utf8');
  const window = '    cutoverWindow:\n      start: 2027-01-16T01:00:00Z\n      end: 2027-01-16T05:00:00Z\n';
  if (!text.includes(window)) throw new Error("the demo plan no longer has wave-5's window this spec replaces");
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

const runbook = (page: Page): Locator => page.getByRole('region', { name: 'Runbook', exact: true });
const stepItem = (page: Page, stepId: string): Locator => runbook(page).locator(`[data-testid="runbook-step"][data-step-id="${stepId}"]`);
const card = (page: Page, stack: string): Locator => page.getByRole('article', { name: `Keyspaces of ${stack}` });

test('loads, validates and cuts a Keyspaces wave over up to its point of no return, then says it cannot go back', async ({ openCockpit, workDir }) => {
  test.setTimeout(480_000);
  const lib = await findCassandraLib();
  if (!lib)
    test.skip(true, skipNoteOrFail('cassandra', 'the Cassandra jars are not cached: run bash scripts/cassandra-toolchain.sh (needs Java 17 and Maven)'));
  // This spec wants the cockpit's own Cassandra (the others run without one).
  const before = process.env.MIGRATION_COCKPIT_REHEARSAL_CASSANDRA;
  process.env.MIGRATION_COCKPIT_REHEARSAL_CASSANDRA = '';
  const cockpit = await openCockpit(await planFor(workDir)).finally(() => {
    if (before === undefined) delete process.env.MIGRATION_COCKPIT_REHEARSAL_CASSANDRA;
    else process.env.MIGRATION_COCKPIT_REHEARSAL_CASSANDRA = before;
  });
  const { page } = cockpit;

  // The network first (wave-5 depends on it), then the Keyspaces wave: keyspaces, tables, proxies and Glue jobs.
  await cockpit.operateWave('wave-0', 'deploy', { confirm: true });
  await cockpit.waitForWaveOperation('wave-0', 'wave-deploy', 'succeeded', 120_000);
  await cockpit.operateWave(WAVE, 'deploy', { confirm: true });
  await cockpit.waitForWaveOperation(WAVE, 'wave-deploy', 'succeeded', 180_000);

  // The Keyspaces tab: each stack's history loaded by its Glue job, then compared over CQL.
  await page.getByRole('tab', { name: 'Keyspaces' }).click();
  for (const stack of STACKS) {
    await card(page, stack).locator('[data-command="bulk-load"]').click();
  }
  for (const stack of STACKS) {
    await expect(card(page, stack).getByTestId('keyspaces-bulk-load')).toHaveAttribute('data-phase', 'succeeded', { timeout: 120_000 });
    await card(page, stack).locator('[data-command="validate"]').click();
  }
  for (const stack of STACKS) {
    await expect(card(page, stack).getByTestId('keyspaces-validation')).toHaveAttribute('data-state', 'clean', { timeout: 120_000 });
  }
  // A second bulk load asks first.
  await card(page, STACKS[0]!).locator('[data-command="bulk-load"]').click();
  await expect(card(page, STACKS[0]!).getByTestId('keyspaces-load-confirm')).toBeVisible();
  await card(page, STACKS[0]!).getByRole('button', { name: 'Keep the loaded data' }).click();
  await shoot(page, 'keyspaces-tab');

  // The cutover: the dual-write hold has not lasted its minute yet, so the start needs the override.
  await page.getByRole('tab', { name: 'Cutover' }).click();
  await page.getByRole('region', { name: 'Cutover', exact: true }).getByRole('group', { name: 'Waves' }).locator(`[data-wave-id="${WAVE}"]`).click();
  await expect(stepItem(page, 'remove-proxy').getByTestId('step-no-return')).toHaveText('point of no return');
  await runbook(page)
    .getByRole('button', { name: /^Start/ })
    .click();
  const start = page.getByRole('dialog', { name: /start cutover/i });
  await start.getByLabel('Started by').fill(OPERATOR);
  const reason = start.getByLabel('Reason for the override');
  if (await reason.isVisible()) await reason.fill('Rehearsal: the dual-write hold is a demo minute');
  await start.getByRole('button', { name: /^Start/ }).click();
  await expect(start).toBeHidden();
  await stepItem(page, 'announce').getByRole('button', { name: 'Confirm step' }).click();

  // The run stops before the point of no return and says what cannot be undone; a wrong wave id does nothing.
  const point = stepItem(page, 'remove-proxy');
  await expect(point).toHaveAttribute('data-status', 'waiting', { timeout: 240_000 });
  for (const done of ['mirror-reads', 'validate', 'primary-target', 'health']) await expect(stepItem(page, done)).toHaveAttribute('data-status', 'succeeded');
  await expect(point.getByTestId('no-return-warning')).toContainText('Once this step runs, a rollback cannot undo what it does');
  const go = point.getByRole('button', { name: 'Go past the point of no return' });
  await expect(go).toBeDisabled();
  await point.getByTestId('no-return-typed').fill('wave-4');
  await expect(go).toBeDisabled();
  await shoot(page, 'keyspaces-point-of-no-return');
  await point.getByTestId('no-return-typed').fill(WAVE);
  await go.click();
  await expect(point).toHaveAttribute('data-status', 'succeeded', { timeout: 120_000 });
  await expect(point.getByTestId('step-no-return')).toHaveText('past the point of no return');
  await expect(point.getByTestId('step-no-return-passed')).toContainText(`the wave id typed by ${OPERATOR}`);
  await expect(runbook(page).getByTestId('runbook-status')).toHaveText('Succeeded', { timeout: 30_000 });

  // The rollback confirmation says first what cannot go back; the rollback leaves Keyspaces primary.
  await runbook(page)
    .getByRole('button', { name: /^Roll back/ })
    .click();
  const rollback = page.getByRole('dialog', { name: 'Confirm roll back wave' });
  const noWayBack = rollback.getByTestId('no-way-back');
  await expect(noWayBack).toContainText('Keyspaces cannot go back for platform-production/app1501, analytics/app1502');
  await expect(noWayBack).toContainText('clients write to Keyspaces only');
  await shoot(page, 'keyspaces-rollback-no-way-back');
  await rollback.getByLabel('Rolled back by').fill(OPERATOR);
  await rollback.getByLabel(/Reason for the rollback/).fill('Rehearsal: what a rollback past the point says');
  await rollback.getByRole('button', { name: 'Roll back wave' }).click();
  await expect(rollback).toBeHidden();
  await expect(runbook(page)).toContainText('Keyspaces CANNOT GO BACK', { timeout: 60_000 });
});
