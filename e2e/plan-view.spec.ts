import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_PLAN, expect, test } from './fixtures';

test.describe('the plan view', () => {
  test('opens the demo plan with its waves in dependency order', async ({ openCockpit }) => {
    const cockpit = await openCockpit();
    await expect(cockpit.page.getByRole('heading', { name: 'DC2 exit to eu-central-1' })).toBeVisible();
    expect(await cockpit.waveIds()).toEqual(['wave-0', 'wave-1', 'wave-2', 'wave-3', 'wave-4', 'wave-5', 'wave-6', 'wave-7']);
    await expect(cockpit.wave('wave-4')).toContainText('wave-2');
    await expect(cockpit.wave('wave-4')).toContainText('wave-3');
    await expect(cockpit.stackCards()).toHaveCount(19);
    await expect(cockpit.wave('wave-1').getByTestId('stack-card')).toHaveCount(3);
    await expect(cockpit.stackCard('platform-production/app1101')).toHaveAttribute('data-state', 'planned');
  });

  test('opens a stack and shows its config without secret values', async ({ openCockpit }) => {
    const cockpit = await openCockpit();
    const detail = await cockpit.openStack('platform-production/app1302');
    await expect(detail).toContainText('Payments ledger');
    await expect(detail).toContainText('r6i.xlarge');
    await expect(detail).toContainText('APP1302_DB_PASSWORD');
    await expect(detail).toContainText('app1302-mysql-full-load-cdc');
    await cockpit.page.keyboard.press('Escape');
    await expect(detail).toBeHidden();
    await expect(cockpit.stackCard('platform-production/app1302')).toBeFocused();
  });

  test('moves between stacks with the keyboard', async ({ openCockpit }) => {
    const cockpit = await openCockpit();
    await cockpit.stackCard('platform-production/app1201').focus();
    await cockpit.page.keyboard.press('ArrowRight');
    await expect(cockpit.stackCard('platform-production/app1202')).toBeFocused();
    await cockpit.page.keyboard.press('ArrowDown');
    await expect(cockpit.stackCard('platform-production/app1302')).toBeFocused();
    await cockpit.page.keyboard.press('Enter');
    await expect(cockpit.stackDetail()).toContainText('app1302');
  });

  test('filters stacks by search', async ({ openCockpit }) => {
    const cockpit = await openCockpit();
    await cockpit.search('ledger');
    await expect(cockpit.stackCards()).toHaveCount(1);
    await expect(cockpit.stackCards().first()).toHaveAttribute('data-stack-id', 'platform-production/app1302');
    await cockpit.search('no such stack anywhere');
    await expect(cockpit.stackCards()).toHaveCount(0);
    await expect(cockpit.page.getByText('No stacks match these filters')).toBeVisible();
  });

  test('switches between dark and light themes', async ({ openCockpit }) => {
    const cockpit = await openCockpit();
    const before = await cockpit.theme();
    await cockpit.page.getByLabel('Toggle theme').click();
    const after = await cockpit.theme();
    expect(new Set([before, after])).toEqual(new Set(['dark', 'light']));
  });
});

test.describe('plan files', () => {
  test('shows a plan file opened with errors beside the running plan, every error in place, and keeps the plan running', async ({ openCockpit, workDir }) => {
    const broken = path.join(workDir, 'broken.yaml');
    const text = (await readFile(DEMO_PLAN, 'utf8'))
      .replace('stacks: [app1101, app1102, app1103]', 'stacks: [app1101, app1102, app1130]')
      .replace('maxCdcLatencySeconds: 3\n', 'maxCdcLatencySeconds: 0\n');
    await writeFile(broken, text);
    const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

    const cockpit = await openCockpit();
    await cockpit.openPlan(broken);
    const banner = cockpit.page.getByTestId('rejected-plan-banner');
    await expect(banner).toContainText('Could not open broken.yaml: 2 errors');
    await expect(banner).toContainText('The cockpit keeps running on "DC2 exit to eu-central-1"');
    // The running plan is untouched.
    expect(await cockpit.waveIds()).toEqual(['wave-0', 'wave-1', 'wave-2', 'wave-3', 'wave-4', 'wave-5', 'wave-6', 'wave-7']);
    await banner.getByRole('button', { name: 'Show 2 errors' }).click();
    // Independent checks report together: the schema's error and the reference error, each in place.
    await expect(cockpit.planErrors()).toHaveCount(2);
    await expect(cockpit.planErrors().filter({ hasText: 'expected a CDC latency above 0 seconds' })).toContainText(`${lineOf('maxCdcLatencySeconds: 0')}:29`);
    await expect(cockpit.planErrors().filter({ hasText: "unknown stack 'app1130'; did you mean 'app1103'?" })).toContainText(`${lineOf('app1130')}:`);
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect(banner).toBeHidden();
  });

  test('shows an invalid plan as errors with their locations when no plan runs', async ({ openCockpit, workDir }) => {
    const broken = path.join(workDir, 'broken.yaml');
    const text = (await readFile(DEMO_PLAN, 'utf8')).replace('stacks: [app1101, app1102, app1103]', 'stacks: [app1101, app1102, app1130]');
    await writeFile(broken, text);
    const cockpit = await openCockpit(broken);
    await expect(cockpit.page.getByTestId('plan-errors')).toBeVisible();
    await expect(cockpit.planErrors()).toHaveCount(1);
    await expect(cockpit.planErrors().first()).toContainText("unknown stack 'app1130'; did you mean 'app1103'?");
    await expect(cockpit.waves()).toHaveCount(0);
    await cockpit.openPlan(DEMO_PLAN);
    expect(await cockpit.waveIds()).toEqual(['wave-0', 'wave-1', 'wave-2', 'wave-3', 'wave-4', 'wave-5', 'wave-6', 'wave-7']);
    // The Cutover tab knows the runbook of the plan just opened, without re-reading everything.
    await cockpit.page.getByRole('tab', { name: 'Cutover' }).click();
    const view = cockpit.page.getByRole('region', { name: 'Cutover', exact: true });
    await view.getByRole('group', { name: 'Waves' }).locator('[data-wave-id="wave-1"]').click();
    const runbook = cockpit.page.locator('[data-testid="runbook-panel"][data-wave-id="wave-1"]');
    await expect(runbook).toHaveAttribute('data-status', 'not-started');
    await expect(runbook).not.toContainText('no cutover runbook');
  });

  test('keeps running on the last valid plan while its file is broken on disk, and switches when it is fixed', async ({ openCockpit, workDir }) => {
    const plan = path.join(workDir, 'migration.yaml');
    await copyFile(DEMO_PLAN, plan);
    const valid = await readFile(plan, 'utf8');
    const cockpit = await openCockpit(plan);
    await writeFile(plan, valid.replace('maxParallel: 3', 'maxParallel: three'));
    const banner = cockpit.page.getByTestId('rejected-plan-banner');
    await expect(banner).toContainText('The plan file migration.yaml changed on disk and has 1 error since');
    await expect(banner).toContainText('UTC');
    await expect(cockpit.stackCards()).toHaveCount(19);
    // Every tab still has its plan.
    await cockpit.page.getByRole('tab', { name: 'Cutover' }).click();
    await expect(cockpit.page.getByText('No plan is loaded')).toHaveCount(0);
    await expect(banner).toBeVisible();
    await cockpit.page.getByRole('tab', { name: 'Plan' }).click();
    await writeFile(plan, valid.replace('name: DC2 exit to eu-central-1', 'name: DC2 exit, fixed'));
    await expect(cockpit.page.getByRole('heading', { name: 'DC2 exit, fixed' })).toBeVisible();
    await expect(banner).toBeHidden();
  });

  test('follows edits to the plan file on disk', async ({ openCockpit, workDir }) => {
    const plan = path.join(workDir, 'migration.yaml');
    await copyFile(DEMO_PLAN, plan);
    const cockpit = await openCockpit(plan);
    await expect(cockpit.stackCards()).toHaveCount(19);
    const text = await readFile(plan, 'utf8');
    await writeFile(plan, text.replace('name: DC2 exit to eu-central-1', 'name: DC2 exit, revised'));
    await expect(cockpit.page.getByRole('heading', { name: 'DC2 exit, revised' })).toBeVisible();
  });
});
