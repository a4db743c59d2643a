// A full rehearsal of the demo plan's wave 1, end to end against the real headless core, real Pulumi runs and the
// embedded rehearsal AWS: deploy the wave (the stacks register with the CMDB), start its three DMS tasks, move the
// rehearsal clock on until the gates are green for their hold, start the cutover without an override, confirm the
// manual steps (blocking the writers at the source through the rehearsal's admin API), let the automated steps run
// (freeze check, stop replication, Pulumi up, register, health check), and export the evidence pack.
// Wave 1 depends on wave 0 (the network foundation, no runbook): deployed, it counts as done for wave 1.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { demoPlanWithWave1Window, expect, test } from './fixtures';
import { advanceClock, DEMO_WORKLOADS_ACCOUNT, rehearsalAdmin } from './rehearsal-admin';

const WAVE = 'wave-1';
const WAVE_NAME = /Pilot: internal tools/;
const STACKS = ['app1101', 'app1102', 'app1103'].map((name) => `platform-production/${name}`);
const OPERATOR = 'E2E Rehearsal Lead';
const DEPLOY_TIMEOUT = 240_000;

function runbook(page: Page): Locator {
  return page.getByRole('region', { name: 'Runbook', exact: true });
}

function step(page: Page, stepId: string): Locator {
  return runbook(page).locator(`[data-testid="runbook-step"][data-step-id="${stepId}"]`);
}

test('wave 1 of the demo plan: deploy, replicate, gates green, run the runbook, cut over, export the evidence, roll back', async ({ openCockpit, workDir }) => {
  test.setTimeout(12 * 60_000);
  const started = Date.now();
  const log = (what: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${what}`);

  // Wave 1's cutover window is open now, so a ready wave starts without an override.
  const plan = await demoPlanWithWave1Window(workDir, { start: new Date(Date.now() - 3_600_000), end: new Date(Date.now() + 4 * 3_600_000) });
  const cockpit = await openCockpit(plan);
  const { page } = cockpit;
  const dataDir = path.join(workDir, 'data-0');

  // The network foundation first: wave 1 depends on it.
  await cockpit.operateWave('wave-0', 'deploy');
  await cockpit.waitForWaveOperation('wave-0', 'wave-deploy', 'succeeded', DEPLOY_TIMEOUT);
  log('wave 0 deployed');

  // Deploy wave 1 through the UI; its stacks register with the CMDB as part of the deploy.
  await cockpit.operateWave(WAVE, 'deploy');
  await cockpit.waitForWaveOperation(WAVE, 'wave-deploy', 'succeeded', DEPLOY_TIMEOUT);
  for (const stackId of STACKS) {
    await expect(cockpit.waveStackStatus(WAVE, stackId)).toHaveAttribute('data-status', 'succeeded');
    await expect(cockpit.registrationBadge(stackId, 'cmdb')).toHaveAttribute('data-registered', 'yes', { timeout: 30_000 });
  }
  log('wave deployed and registered');

  // Start each of the wave's three tasks from the Replication view (each confirmed).
  await page.getByRole('tab', { name: 'Replication' }).click();
  const replication = page.getByRole('region', { name: 'Replication', exact: true });
  await expect(replication).toBeVisible();
  await replication.getByRole('group', { name: 'Waves' }).getByRole('button', { name: WAVE_NAME }).click();
  for (const stackId of STACKS) {
    const key = `${stackId}#0`;
    const taskId = `${stackId.slice(stackId.indexOf('/') + 1)}-mysql-full-load-cdc`;
    const cell = replication.locator(`[data-testid="heat-cell"][data-task-key="${key}"]`);
    await expect(cell).toBeVisible();
    await expect(cell).not.toHaveAttribute('aria-label', /unresolved/, { timeout: 60_000 });
    await cell.click();
    const detail = replication.locator(`[data-testid="task-detail"][data-task-key="${key}"]`);
    await expect(detail.getByTestId('task-card')).toHaveAttribute('data-phase', 'not-started', { timeout: 60_000 });
    await detail.getByRole('button', { name: 'Start task' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm start task' });
    await expect(dialog).toContainText(`Start ${taskId}`);
    await dialog.getByRole('button', { name: 'Start task' }).click();
    await expect(dialog).toBeHidden();
    await expect(detail.getByTestId('task-card')).toHaveAttribute('data-phase', /^(starting|full-load|cdc)$/, { timeout: 60_000 });
  }
  log('tasks started');

  // The Cutover tab: move the rehearsal clock on until every gate is green and the hold has passed.
  await page.getByRole('tab', { name: 'Cutover' }).click();
  const view = page.getByRole('region', { name: 'Cutover', exact: true });
  await view.getByRole('group', { name: 'Waves' }).locator(`[data-wave-id="${WAVE}"]`).click();
  const matrix = view.locator(`[data-testid="gate-matrix"][data-wave-id="${WAVE}"]`);
  await expect(matrix).toBeVisible();
  await expect
    .poll(
      async () => {
        const ready = await matrix.getAttribute('data-ready');
        // The data gates wait for the full load, validation and the 5 min hold, all in rehearsal time.
        if (ready !== 'true') await advanceClock(dataDir, '1m');
        return ready;
      },
      { timeout: 240_000, intervals: [3_000] },
    )
    .toBe('true');
  log(`ready: ${await matrix.getByTestId('readiness-headline').textContent()}`);

  // Start without an override.
  await expect(runbook(page).getByTestId('runbook-status')).toHaveText('Not started');
  await runbook(page).getByRole('button', { name: 'Start cutover', exact: true }).click();
  const start = page.getByRole('dialog', { name: 'Confirm start cutover' });
  await start.getByLabel('Started by').fill(OPERATOR);
  await start.getByRole('button', { name: 'Start cutover' }).click();
  await expect(start).toBeHidden();
  await expect(runbook(page).getByTestId('runbook-status')).toHaveText('Running');
  await expect(runbook(page).getByTestId('runbook-override')).toHaveCount(0);

  // The two manual steps; after the writers are blocked in DC2 (here: at the rehearsal's source), they stop writing.
  for (const stepId of ['announce', 'block-writers']) {
    await expect(step(page, stepId)).toHaveAttribute('data-status', 'waiting', { timeout: 30_000 });
    await expect(step(page, stepId).getByLabel('Confirmed by')).toHaveValue(OPERATOR);
    await step(page, stepId).getByRole('button', { name: 'Confirm step' }).click();
    await expect(step(page, stepId)).toHaveAttribute('data-status', 'succeeded');
    await expect(step(page, stepId)).toContainText(`Confirmed by ${OPERATOR}`);
  }
  await rehearsalAdmin(dataDir, '/_admin/writers', { blocked: true }, DEMO_WORKLOADS_ACCOUNT);
  log('writers blocked');

  // Freeze check and drain: rehearsal time moves on; then the real Pulumi deploys, registration and health check.
  const automated = ['source-quiet', 'stop-replication', 'switch-traffic', 'register', 'health'];
  await expect
    .poll(
      async () => {
        const statuses = await Promise.all(automated.map((id) => step(page, id).getAttribute('data-status')));
        const quiet = statuses[0];
        const drained = statuses[1];
        if (quiet !== 'succeeded' || drained !== 'succeeded') await advanceClock(dataDir, '30s');
        if (statuses.includes('failed'))
          return `failed: ${await runbook(page)
            .getByTestId('runbook-message')
            .textContent({ timeout: 2_000 })
            .catch(() => '')}`;
        return (await step(page, 'owner-smoke-test').getAttribute('data-status')) ?? '';
      },
      { timeout: 360_000, intervals: [3_000] },
    )
    .toBe('waiting');
  for (const stepId of automated) await expect(step(page, stepId)).toHaveAttribute('data-status', 'succeeded');
  log('automated steps done');

  await step(page, 'owner-smoke-test').getByLabel('Note (optional)').fill('app1101-app1103 checked by their owners');
  await step(page, 'owner-smoke-test').getByRole('button', { name: 'Confirm step' }).click();
  await expect(step(page, 'owner-smoke-test')).toHaveAttribute('data-status', 'succeeded');
  await expect(runbook(page).getByTestId('runbook-status')).toHaveText('Succeeded', { timeout: 30_000 });
  // One truth: the wave is cut over in every view, never "not ready" beside it (the gates judged it before).
  await expectPhaseEverywhere(page, 'Cut over');
  await expect(matrix.getByTestId('readiness-headline')).toHaveCount(0);
  await expect(matrix.getByTestId('phase-note')).toContainText('decide nothing now');
  await cockpit.showPlan();
  await expect(page.locator(`[data-testid="wave"][data-wave-id="${WAVE}"]`).getByTestId('readiness-pill')).toHaveText('Cut over');
  for (const stackId of STACKS) await expect(cockpit.stackCard(stackId)).toHaveAttribute('data-state', 'cut-over', { timeout: 30_000 });
  for (const stackId of STACKS) await expect(cockpit.stackCard(stackId).getByTestId('stack-sync')).toHaveText('Synced');
  // A cut-over stack is undone by the cutover's rollback, never by hand: the stack panel says so before any dialog.
  const detail = await cockpit.openStack(STACKS[0]!);
  for (const kind of ['destroy', 'rollback']) await expect(detail.locator(`button[data-operation-kind="${kind}"]`)).toBeDisabled();
  await expect(detail.getByTestId('operations-phase-block')).toContainText("is cut over: undo it with the cutover's rollback across systems");
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'Cutover' }).click();
  await view.getByRole('group', { name: 'Waves' }).locator(`[data-wave-id="${WAVE}"]`).click();

  // The evidence pack, as Markdown.
  const downloading = page.waitForEvent('download');
  await runbook(page).getByRole('button', { name: 'Export evidence (Markdown)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.md$/);
  const markdown = await readFile(await download.path(), 'utf8');
  await expect(runbook(page).getByTestId('evidence-exported')).toBeVisible();
  expect(markdown).toContain(WAVE);
  // Started on a ready wave: no override anywhere.
  expect(markdown).toContain('None: every run started on a ready wave, inside its cutover window.');
  expect(markdown).toContain('**Readiness at start:** ready');
  expect(markdown).toContain('**Override:** none');
  expect(markdown).toContain(`by ${OPERATOR}`);
  expect(markdown).toContain(`confirmed by ${OPERATOR}`);
  for (const name of [
    'Announce the cutover',
    'Block writers in DC2',
    'Source databases are quiet',
    'Drain and stop replication',
    'Point DNS at AWS',
    'Registered in the CMDB',
    'Health check on AWS',
    "Owners' smoke test",
  ]) {
    expect(markdown).toContain(name);
  }
  expect(markdown).toContain(OPERATOR);
  // The Pulumi updates: the wave deploy and the cutover's switch-traffic deploy of every stack.
  const updates = markdown.slice(markdown.indexOf('## Pulumi updates'));
  for (const stackId of STACKS) {
    expect(updates).toMatch(new RegExp(`\\| ${stackId} \\| up \\| succeeded \\|.*\\| wave-deploy \\|`));
    expect(updates).toMatch(new RegExp(`\\| ${stackId} \\| up \\| succeeded \\|.*\\| cutover step switch-traffic \\|`));
  }
  // DMS at the cutover: the snapshot taken when replication was stopped names each task with its counts.
  const replicationAt = markdown.slice(markdown.indexOf('### Replication at'));
  for (const stackId of STACKS) expect(replicationAt).toContain(`${stackId.slice(stackId.indexOf('/') + 1)}-mysql-full-load-cdc`);
  // Task control: the operator's starts, and the stops the stop-replication step made, linked to that step.
  const control = markdown.slice(markdown.indexOf('## Replication task control'));
  for (const stackId of STACKS) {
    const taskId = `${stackId.slice(stackId.indexOf('/') + 1)}-mysql-full-load-cdc`;
    expect(control).toMatch(new RegExp(`\\| ${taskId} \\| start \\| succeeded \\|.*\\| operator \\|`));
    expect(control).toMatch(new RegExp(`\\| ${taskId} \\| stop \\| succeeded \\|.*\\| cutover step stop-replication \\|`));
  }
  expect(markdown).toContain('## Readiness (gate) history');
  expect(markdown).toMatch(/\*\*Wave phase:\*\* Cut over since/);
  expect(markdown).not.toContain('NOT ready');
  // After the start the run holds the wave: its later snapshots say the gates are not judged, as the views do.
  expect(markdown).toMatch(/\| end \| not judged \(cut over\) \|/);
  expect(markdown).toContain('## Plan excerpt');

  // The same pack as printable HTML.
  const downloadingHtml = page.waitForEvent('download');
  await runbook(page).getByRole('button', { name: 'Export evidence (HTML)' }).click();
  const html = await readFile(await (await downloadingHtml).path(), 'utf8');
  expect(html).toMatch(/^<!doctype html>/i);
  expect(html).toContain('@media print');
  expect(html).toContain('Pulumi updates');
  expect(html).toContain(`confirmed by ${OPERATOR}`);
  log('evidence exported');

  // Roll the cut-over wave back: the stacks are deployed with their own config again (traffic to the data
  // center), the forward tasks stay stopped, app1101's fallback reverse task replicates AWS -> DC2 until it has
  // caught up. The CMDB records stay: the wave deploy made them, not the cutover (its register step found them).
  await runbook(page).getByRole('button', { name: 'Roll back wave' }).click();
  const rollback = page.getByRole('dialog', { name: 'Confirm roll back wave' });
  await expect(rollback).toContainText('app1101-mysql-reverse-cdc');
  // Before confirming, the dialog says per stack what the rollback loses: app1101 has a reverse task, the others
  // lose the writes made on AWS since traffic moved, with an estimate.
  const impact = rollback.getByTestId('rollback-impact');
  await expect(impact).toContainText('Data lost on 2 of 3 stacks');
  await expect(impact.locator('[data-loss="none"]')).toContainText('platform-production/app1101: reverse task app1101-mysql-reverse-cdc carries the writes');
  for (const stackId of ['platform-production/app1102', 'platform-production/app1103']) {
    await expect(impact.locator('[data-loss="writes"]', { hasText: stackId })).toContainText(
      /loses the writes made on AWS since traffic moved at \d\d:\d\d:\d\d UTC/,
    );
  }
  log(`rollback impact: ${await impact.textContent()}`);
  await expect(rollback.getByRole('button', { name: 'Roll back wave' })).toBeDisabled();
  await rollback.getByLabel(/Reason for the rollback/).fill('rehearsal: the owners asked to go back to DC2');
  await rollback.getByRole('button', { name: 'Roll back wave' }).click();
  await expect(rollback).toBeHidden();
  const progress = runbook(page).getByTestId('runbook-rollback');
  await expect
    .poll(
      async () => {
        const status = await progress.getAttribute('data-status');
        // The reverse task catches up in rehearsal time.
        if (status === 'running') await advanceClock(dataDir, '30s');
        return status;
      },
      { timeout: 240_000, intervals: [3_000] },
    )
    .toBe('succeeded');
  const summary = (await runbook(page).getByTestId('rollback-summary').textContent()) ?? '';
  log(`rolled back:\n${summary}`);
  expect(summary).toContain('Rollback of wave-1 complete.');
  for (const stackId of STACKS) expect(summary).toContain(`${stackId} back on the data-center config`);
  // Each config compensation in operator words; the forward tasks the runbook had stopped have nothing to do.
  for (const stackId of STACKS) await expect(progress).toContainText(`stack config back to the data center: ${stackId} (removes traffic target)`);
  await expect(progress.getByTestId('compensation-status').filter({ hasText: 'nothing to do' }).first()).toBeVisible();
  expect(summary).toContain('reverse task app1101-mysql-reverse-cdc started');
  expect(summary).not.toContain('deregistered');
  // What the operator does next by hand, apart from where the systems stand: the plan's manual rollback steps.
  await expect(runbook(page).getByTestId('rollback-next-steps')).toContainText('Take app1101, app1102 and app1103 out of maintenance mode in DC2');
  await expect(runbook(page).getByTestId('runbook-rollback')).toContainText('Reason: rehearsal: the owners asked to go back to DC2');
  // Rolled back in every view: the header no longer reads as a success.
  await expectPhaseEverywhere(page, 'Rolled back');
  await cockpit.showPlan();
  await expect(page.locator(`[data-testid="wave"][data-wave-id="${WAVE}"]`).getByTestId('readiness-pill')).toHaveText('Rolled back');
  for (const stackId of STACKS) {
    await expect(cockpit.stackCard(stackId)).not.toHaveAttribute('data-state', 'cut-over', { timeout: 30_000 });
    await expect(cockpit.registrationBadge(stackId, 'cmdb')).toHaveAttribute('data-registered', 'yes');
  }
  log('done');
});

/** The wave's phase, the same words in the wave picker, the gate matrix and the runbook header. */
async function expectPhaseEverywhere(page: Page, label: string) {
  const view = page.getByTestId('readiness-view');
  await expect(view.getByRole('group', { name: 'Waves' }).locator(`[data-wave-id="${WAVE}"]`).getByTestId('wave-picker-phase')).toHaveText(label, {
    timeout: 30_000,
  });
  await expect(view.getByTestId('matrix-phase')).toHaveText(label);
  await expect(runbook(page).getByTestId('runbook-phase')).toHaveText(label);
}
