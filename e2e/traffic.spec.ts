// The traffic track's operator path in Chromium, on the demo plan against the embedded rehearsal (the plan's wave-7:
// the shop front behind a Route 53 weighted split in front of its EC2 server, the checkout API behind an ALB weighted
// split in front of its EKS pods; steps 5 → 25 → 50 → 100 % held 2 minutes each, measured every minute, back to 0 %
// on a failure). Deploy the wave; on the Traffic tab both services at 100/0 with their AWS targets healthy; the gate
// traffic.ready green; then the cutover with 20 % 5xx injected on the checkout's AWS target group from a quarter of
// its requests on: step 1 promoted by the analysis, step 2 aborted by it, every user back in the data center and the
// runbook's step failed with the same reason. The fault cleared, the step retried: paused at step 2 from the Traffic
// tab (its analysis measured, nothing promoted, the runbook's step still running), resumed, then all four steps
// promoted, 0/100; the stack panel's line. Last the rollback: each service's traffic-dc compensation, every user back in
// the data center, and the Traffic tab saying the shift's record is history since.
// The rehearsal runs in real time (the embedded default): the spec moves its clock on in small steps while it waits
// for what the UI shows (a step's pause is data-clock minutes). With MIGRATION_COCKPIT_SCREENSHOTS=<dir> it also saves
// the views an operator reviews (both themes, two sizes).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { DEMO_PLAN, expect, test } from './fixtures';
import { shoot } from './screenshots';
import { advanceClock, DEMO_WORKLOADS_ACCOUNT, rehearsalAdmin } from './rehearsal-admin';

const WAVE = 'wave-7';
const SHOP = 'platform-production/app1701';
const CHECKOUT = 'platform-production/app1702';
const STACKS = [SHOP, CHECKOUT];
const OPERATOR = 'E2E Operator';
/** The monitor reads every 5 to 30 s; a Pulumi update of a stack takes seconds. */
const SEEN = 60_000;

/** The demo plan with wave-7's window open now, so the readiness alone decides (an override says why not). */
async function planFor(folder: string): Promise<string> {
  const text = await readFile(DEMO_PLAN, 'utf8');
  const window = '    cutoverWindow:\n      start: 2027-01-30T01:00:00Z\n      end: 2027-01-30T05:00:00Z\n';
  if (!text.includes(window)) throw new Error("the demo plan no longer has wave-7's window this spec replaces");
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
const service = (page: Page, stackId: string): Locator => page.locator(`[data-testid="traffic-service"][data-traffic-stack="${stackId}"]`);
const shift = (page: Page): Locator => page.locator(`[data-testid="traffic-shift"][data-wave-id="${WAVE}"]`);
const shiftStep = (page: Page, number: number): Locator => shift(page).locator(`[data-testid="traffic-step"][data-step="${number}"]`);
/** A step's decision or progress as its cell says it now ('' when there is none). */
const decisionOf = async (page: Page, number: number): Promise<string> =>
  (await shiftStep(page, number)
    .locator('.trf-step-decision')
    .textContent({ timeout: 1_000 })
    .catch(() => null)) ?? '';

/** Whether `check` holds within `ms` (polled every 100 ms): a short look at what the UI shows now. */
async function holdsWithin(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= end) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Moves the rehearsal clock on `by` at a time until the UI shows what `done` looks for, giving the cockpit a short look
 * after each move (its shift checks every second; a step's pause and its analysis windows are data-clock minutes).
 */
async function driveUntil(dataDir: string, what: string, done: () => Promise<boolean>, options: { by?: string; timeout?: number } = {}): Promise<void> {
  const end = Date.now() + (options.timeout ?? 60_000);
  for (;;) {
    if (await holdsWithin(done, 700)) return;
    if (Date.now() > end) throw new Error(`the UI did not show ${what} while the rehearsal clock moved on`);
    await advanceClock(dataDir, options.by ?? '30s');
  }
}

/** A locator's attribute equals `value` now. */
const attributeIs = (locator: Locator, name: string, value: string) => async () =>
  (await locator.getAttribute(name, { timeout: 1_000 }).catch(() => null)) === value;

/** The rehearsal's faults in the demo's workload account (traffic-errors lives in that account's estate). */
async function faults(dataDir: string, method: 'POST' | 'DELETE', body?: unknown): Promise<void> {
  const port = (await readFile(path.join(dataDir, 'rehearsal', 'aws-port'), 'utf8')).trim();
  const response = await fetch(`http://127.0.0.1:${port}/_admin/faults?account=${DEMO_WORKLOADS_ACCOUNT}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.ok, `${method} /_admin/faults answered ${response.status}: ${await response.text()}`).toBe(true);
}

interface Estate {
  targetGroups: { name: string; arn: string; loadBalancer: string | null; targets: { id: string }[] }[];
  loadBalancers: { arn: string; listeners: { targetGroups: { arn: string; weight: number }[] }[] }[];
}

/** The checkout's AWS target group's name: the group beside the one whose targets are the data center's addresses. */
async function checkoutAwsGroup(dataDir: string): Promise<string> {
  const estate = (await rehearsalAdmin(dataDir, '/_admin/traffic/estate', undefined, DEMO_WORKLOADS_ACCOUNT)) as Estate;
  const dc = estate.targetGroups.find((group) => group.targets.some((target) => target.id === '172.20.17.21'));
  if (!dc) throw new Error('the checkout has no on-premises target group in the rehearsal');
  const listener = estate.loadBalancers.flatMap((lb) => lb.listeners).find((candidate) => candidate.targetGroups.some((entry) => entry.arn === dc.arn));
  const aws = listener?.targetGroups.find((entry) => entry.arn !== dc.arn);
  const name = estate.targetGroups.find((group) => group.arn === aws?.arn)?.name;
  if (!name) throw new Error("the checkout's listener forwards to no AWS target group in the rehearsal");
  return name;
}

test('shifts the shop to AWS step by step: aborts on 5xx, retries with a pause, completes, and rolls back', async ({ openCockpit, workDir }) => {
  test.setTimeout(300_000);
  const cockpit = await openCockpit(await planFor(workDir));
  const { page } = cockpit;
  const dataDir = path.join(workDir, 'data-0');

  // The network first (wave-7 depends on it), then the shop's services: load balancers, target groups, records.
  await cockpit.operateWave('wave-0', 'deploy', { confirm: true });
  await cockpit.waitForWaveOperation('wave-0', 'wave-deploy', 'succeeded', 120_000);
  await cockpit.operateWave(WAVE, 'deploy', { confirm: true });
  await cockpit.waitForWaveOperation(WAVE, 'wave-deploy', 'succeeded', 180_000);

  // The Traffic tab: both services with their split, every user in the data center, the AWS targets turning healthy.
  await page.getByRole('tab', { name: 'Traffic' }).click();
  await expect(service(page, SHOP)).toHaveAttribute('data-split', 'route53');
  await expect(service(page, CHECKOUT)).toHaveAttribute('data-split', 'alb');
  for (const stackId of STACKS) {
    await expect(service(page, stackId).getByTestId('traffic-weights')).toHaveAttribute('data-aws-percent', '0', { timeout: SEEN });
    await expect(service(page, stackId).getByTestId('traffic-weights-line')).toHaveText('0 % to AWS · weights 100 / 0 (data center / AWS)');
  }
  await driveUntil(dataDir, 'the AWS targets healthy', async () => {
    const shop = await service(page, SHOP).getByTestId('traffic-health-aws').textContent();
    const checkout = await service(page, CHECKOUT).getByTestId('traffic-health-aws').textContent();
    return /^1 healthy, 0 unhealthy, 0 other/.test(shop ?? '') && /^3 healthy, 0 unhealthy, 0 other/.test(checkout ?? '');
  });
  // The ALB split measures both sides; the Route 53 split's data-center side is not in CloudWatch, and says so.
  await driveUntil(dataDir, "the checkout's data-center requests", async () =>
    /; data center [\d,.]+ requests\/min/.test((await service(page, CHECKOUT).getByTestId('traffic-requests-chart').textContent()) ?? ''),
  );
  await expect(service(page, SHOP).getByTestId('traffic-charts-dc')).toHaveText(
    'Data center: not measured (Route 53 split: the data center’s requests are not in CloudWatch)',
  );
  await expect(page.getByTestId('traffic-no-shift')).toBeVisible();
  await shoot(page, 'traffic-before-shift', service(page, SHOP), service(page, CHECKOUT));

  // The gate: both stacks' traffic.ready green.
  await page.getByRole('tab', { name: 'Cutover' }).click();
  const view = page.getByRole('region', { name: 'Cutover', exact: true });
  await view.getByRole('group', { name: 'Waves' }).locator(`[data-wave-id="${WAVE}"]`).click();
  const matrix = view.locator(`[data-testid="gate-matrix"][data-wave-id="${WAVE}"]`);
  const gates = matrix.locator('[data-testid="gate-cell"][data-gate-name="traffic.ready"]');
  await expect(gates).toHaveCount(STACKS.length);
  for (const cell of await gates.all()) await expect(cell).toHaveAttribute('data-status', 'green', { timeout: SEEN });

  // 20 % 5xx from the checkout's AWS pods once a quarter of its requests reach them.
  const group = await checkoutAwsGroup(dataDir);
  await faults(dataDir, 'POST', { type: 'traffic-errors', targetGroup: group, errorPercent: 20, fromPercent: 25 });

  // The cutover: the announcement confirmed, then the shift.
  await runbook(page)
    .getByRole('button', { name: /^Start/ })
    .click();
  const start = page.getByRole('dialog', { name: /start cutover/i });
  await start.getByLabel('Started by').fill(OPERATOR);
  const reason = start.getByLabel('Reason for the override');
  if (await reason.isVisible()) await reason.fill('Rehearsal: only the traffic moves in this wave');
  await start.getByRole('button', { name: /^Start/ }).click();
  await expect(start).toBeHidden();
  await expect(stepItem(page, 'announce')).toHaveAttribute('data-status', 'waiting', { timeout: 30_000 });
  await stepItem(page, 'announce').getByRole('button', { name: 'Confirm step' }).click();
  await expect(stepItem(page, 'shift')).toHaveAttribute('data-status', 'running', { timeout: 30_000 });

  // Step 1 (5 %) analysed, then promoted by the analysis; step 2 (25 %) fails its first measurement and aborts.
  await page.getByRole('tab', { name: 'Traffic' }).click();
  // Small moves while a step's windows are read: one window measured is what the UI shows before the step is decided.
  await driveUntil(dataDir, 'step 1 measured', async () => /^1 of 2 measurements per service$/.test(await decisionOf(page, 1)), { by: '10s' });
  await expect(shift(page)).toHaveAttribute('data-state', 'analysing');
  for (const stackId of STACKS) await expect(service(page, stackId).getByTestId('traffic-weights')).toHaveAttribute('data-aws-percent', '5');
  await shoot(page, 'traffic-analysis', shift(page), service(page, CHECKOUT).getByTestId('traffic-analysis'));
  await driveUntil(dataDir, 'the shift aborted', attributeIs(shift(page), 'data-state', 'aborted'));
  await expect(shiftStep(page, 1)).toHaveAttribute('data-status', 'promoted');
  await expect(shiftStep(page, 1).locator('.trf-step-decision')).toContainText('promoted by the analysis at');
  await expect(shiftStep(page, 2)).toHaveAttribute('data-status', 'aborted');
  await expect(shiftStep(page, 2).locator('.trf-step-decision')).toContainText('aborted by the analysis at');
  const why =
    /^checkout\.shop\.dc2-exit\.example\.com: [12] failed measurements? \(the limit is 0\); the last, .*: 5xx \d+(\.\d+)? % of [\d,]+ requests, above the maximum 2 %$/;
  await expect(shiftStep(page, 2).locator('.trf-step-why')).toHaveText(why);
  const abort = shift(page).getByTestId('traffic-abort');
  await expect(abort).toHaveAttribute('data-in-sync', 'true');
  await expect(abort).toContainText('Weights back to 0 % to AWS (all users in the data center)');
  await expect(abort.getByTestId('traffic-abort-sync')).toHaveText('the weights are in sync');
  await expect(abort.getByTestId('traffic-abort-why')).toHaveText(`Why ${(await shiftStep(page, 2).locator('.trf-step-why').textContent())!}`);
  for (const stackId of STACKS) {
    await expect(service(page, stackId).getByTestId('traffic-weights')).toHaveAttribute('data-aws-percent', '0', { timeout: SEEN });
    await expect(service(page, stackId).getByTestId('traffic-weights-line')).toHaveText('0 % to AWS · weights 100 / 0 (data center / AWS)');
  }
  await shoot(page, 'traffic-after-abort', abort, service(page, CHECKOUT).getByTestId('traffic-analysis'));

  // The runbook says the same: the step failed with the analysis's reason, every user back in the data center.
  const abortWhy = (await shiftStep(page, 2).locator('.trf-step-why').textContent())!;
  await page.getByRole('tab', { name: 'Cutover' }).click();
  await expect(stepItem(page, 'shift')).toHaveAttribute('data-status', 'failed');
  await expect(stepItem(page, 'shift').locator('.runbook-step-message')).toHaveText(
    `aborted: ${abortWhy}; weights back to 0 % to AWS (all users in the data center)`,
  );
  await expect(runbook(page).getByTestId('runbook-status')).toHaveText('Failed');
  await shoot(page, 'traffic-runbook-after-abort', stepItem(page, 'shift'));

  // The fault cleared, the step retried: both services step up again.
  await faults(dataDir, 'DELETE');
  await runbook(page).getByRole('button', { name: 'Retry failed step' }).click();
  await expect(stepItem(page, 'shift')).toHaveAttribute('data-status', 'running', { timeout: 30_000 });
  await page.getByRole('tab', { name: 'Traffic' }).click();
  await expect(shift(page)).toHaveAttribute('data-running', 'true', { timeout: SEEN });
  // At step 2 (25 %, where the first shift aborted), the operator holds the shift: the engine takes it at its next
  // check and, once the step's weights are in sync, its analysis runs paused.
  await driveUntil(dataDir, 'step 2 reached', attributeIs(shiftStep(page, 2), 'data-status', 'current'));
  await shift(page).locator('[data-command="pause"]').click();
  await driveUntil(dataDir, 'the shift paused', attributeIs(shift(page), 'data-state', 'paused'), { by: '10s' });
  await expect(shift(page).getByTestId('traffic-shift-state')).toHaveText('PAUSED by the operator');
  const operator = shift(page).getByTestId('traffic-operator');
  await expect(operator.locator('li[data-what="pause"]')).toHaveText(/^\d\d:\d\d:\d\d UTC .* · \S+ paused at step 2$/);
  // Paused, the analysis keeps measuring but nothing promotes: every window measured, the step still held.
  await driveUntil(dataDir, "step 2's windows measured", async () => /^2 of 2 measurements per service/.test(await decisionOf(page, 2)));
  await expect(shiftStep(page, 2)).toHaveAttribute('data-status', 'current');
  await expect(shiftStep(page, 2)).toHaveAttribute('data-paused', 'true');
  await expect(shiftStep(page, 2).locator('.trf-step-status')).toHaveText('now, PAUSED');
  await expect(shiftStep(page, 2).locator('.trf-step-decision')).toHaveText(
    '2 of 2 measurements per service; PAUSED by the operator: every measurement passed, promoted once resumed',
  );
  await expect(shift(page)).toHaveAttribute('data-state', 'paused');
  await shoot(page, 'traffic-paused', shift(page));
  // The runbook agrees: its step still runs (held, not failed).
  await page.getByRole('tab', { name: 'Cutover' }).click();
  await expect(stepItem(page, 'shift')).toHaveAttribute('data-status', 'running');
  await shoot(page, 'traffic-runbook-paused', stepItem(page, 'shift'));
  await page.getByRole('tab', { name: 'Traffic' }).click();
  await shift(page).locator('[data-command="resume"]').click();
  await expect(operator.locator('li[data-what="resume"]')).toHaveText(/ resumed at step 2$/, { timeout: 10_000 });
  await expect(shiftStep(page, 2)).toHaveAttribute('data-status', 'promoted', { timeout: 10_000 });

  // On to 100 %: every step promoted by the analysis, every user on AWS.
  await driveUntil(dataDir, 'the shift completed', attributeIs(shift(page), 'data-state', 'completed'), { timeout: 90_000 });
  for (const number of [1, 2, 3, 4]) await expect(shiftStep(page, number)).toHaveAttribute('data-status', 'promoted');
  await expect(shift(page).getByTestId('traffic-shift-step')).toHaveText('completed at step 4 of 4 — 100 % to AWS');
  for (const stackId of STACKS) {
    await expect(service(page, stackId).getByTestId('traffic-weights')).toHaveAttribute('data-aws-percent', '100', { timeout: SEEN });
    await expect(service(page, stackId).getByTestId('traffic-weights-line')).toHaveText('100 % to AWS · weights 0 / 100 (data center / AWS)');
  }
  await shoot(page, 'traffic-completed', shift(page), service(page, SHOP), service(page, CHECKOUT));

  // The runbook: the shift's step succeeded on its second attempt; the owners' check confirmed, the run done.
  await page.getByRole('tab', { name: 'Cutover' }).click();
  await expect(stepItem(page, 'shift')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect(stepItem(page, 'owners-check')).toHaveAttribute('data-status', 'waiting', { timeout: 30_000 });
  await stepItem(page, 'owners-check').getByRole('button', { name: 'Confirm step' }).click();
  await expect(runbook(page).getByTestId('runbook-status')).toHaveText('Succeeded', { timeout: 30_000 });
  await shoot(page, 'traffic-runbook-completed', stepItem(page, 'shift'));

  // The stack panel's line: the share, the weights, the AWS targets and the shift that moved it.
  await page.getByRole('tab', { name: 'Plan' }).click();
  const detail = await cockpit.openStack(CHECKOUT);
  const summary = detail.getByTestId('traffic-summary');
  await expect(summary.getByTestId('traffic-summary-service')).toContainText('100 % to AWS · weights 0 / 100 (data center / AWS)');
  await expect(summary.getByTestId('traffic-summary-service')).toHaveAttribute('data-shift-state', 'completed');
  await expect(summary.getByTestId('traffic-summary-service')).toContainText('last shift: completed at step 4 of 4 — 100 % to AWS, ended ');
  await shoot(page, 'traffic-stack-panel', summary);
  await page.keyboard.press('Escape');

  // The rollback: every user back in the data center (each service's traffic-dc compensation).
  await page.getByRole('tab', { name: 'Cutover' }).click();
  await runbook(page)
    .getByRole('button', { name: /^Roll back/ })
    .click();
  const rollback = page.getByRole('dialog', { name: 'Confirm roll back wave' });
  await rollback.getByLabel('Rolled back by').fill(OPERATOR);
  await rollback.getByLabel(/Reason for the rollback/).fill('Rehearsal: the users go back to the data center');
  await rollback.getByRole('button', { name: 'Roll back wave' }).click();
  await expect(rollback).toBeHidden();
  const progress = runbook(page).getByTestId('runbook-rollback');
  await driveUntil(dataDir, 'the rollback done', attributeIs(progress, 'data-status', 'succeeded'), { by: '5s' });
  const compensations = progress.locator('li', { hasText: 'users back to the data center (0 % AWS)' });
  await expect(compensations).toHaveCount(STACKS.length);
  for (const [index, stackId] of STACKS.entries()) {
    await expect(compensations.nth(index)).toHaveAttribute('data-status', 'succeeded');
    await expect(compensations.nth(index)).toContainText(`${stackId} succeeded`);
    await expect(compensations.nth(index)).toContainText('weights 0/100 → 100/0 (data center/AWS), 0 % to AWS');
  }
  await expect(runbook(page).getByTestId('rollback-summary')).toContainText('Rollback of wave-7 complete.');
  await shoot(page, 'traffic-runbook-after-rollback', progress);
  await page.getByRole('tab', { name: 'Traffic' }).click();
  for (const stackId of STACKS) {
    await expect(service(page, stackId).getByTestId('traffic-weights')).toHaveAttribute('data-aws-percent', '0', { timeout: SEEN });
    await expect(service(page, stackId).getByTestId('traffic-weights-line')).toHaveText('0 % to AWS · weights 100 / 0 (data center / AWS)');
  }
  // The shift's record is history now, and says so over it.
  await expect(shift(page)).toHaveAttribute('data-after', 'rollback');
  await expect(shift(page).getByTestId('traffic-after-shift')).toHaveText(
    'Since this shift: the wave rolled back, started by E2E Operator (“Rehearsal: the users go back to the data center”); now app1701 0 % to AWS, app1702 0 % to AWS.',
  );
  await shoot(page, 'traffic-after-rollback', shift(page), service(page, SHOP), service(page, CHECKOUT));
  await page.getByRole('tab', { name: 'Plan' }).click();
  const after = (await cockpit.openStack(SHOP)).getByTestId('traffic-summary-service');
  await expect(after).toHaveAttribute('data-rolled-back', 'succeeded');
  await expect(after).toContainText('0 % to AWS · weights 100 / 0 (data center / AWS)');
  await expect(after).toContainText('then the wave rolled back, started by E2E Operator');
  await shoot(page, 'traffic-stack-panel-after-rollback', after);
});
