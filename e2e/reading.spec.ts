// Reading the cockpit at 2 a.m. (issue 11): charts whose time labels never overlap, that share one time range, with
// CDC throughput readable beside a full load's; reasons and states read whole; names instead of internal keys; and
// the keyboard alone: from the search box into the results, dialogs that keep Tab inside and give focus back.
//
// A task is started from the UI and the embedded rehearsal's clock is moved on (its admin API, loopback only, port
// in `<data>/rehearsal/aws-port`) so CloudWatch has datapoints for a full load and then for CDC.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { advanceClock } from './rehearsal-admin';

const STACK = 'platform-production/app1101';
const TASK_KEY = `${STACK}#0`;
const TASK_ID = 'app1101-mysql-full-load-cdc';
const CHARTS = ['latency-chart', 'load-throughput-chart', 'cdc-throughput-chart', 'progress-chart'] as const;
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
] as const;

/** The element that has focus, in words a failure message can show. */
async function focused(page: Page): Promise<string> {
  const element = page.locator(':focus');
  if ((await element.count()) === 0) return '(the page)';
  return element
    .first()
    .evaluate((focus) => `${focus.tagName.toLowerCase()} "${(focus.getAttribute('aria-label') ?? focus.textContent ?? '').trim().slice(0, 60)}"`);
}

/** Presses Tab (or Shift+Tab) until `target` has focus. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 60 } = {}): Promise<void> {
  for (let presses = 0; presses <= max; presses += 1) {
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached the target; focus is on ${await focused(page)}`);
}

/**
 * Tab and Shift+Tab never leave `dialog`, and they go round: after as many presses as it has stops, focus is back
 * where it started.
 */
async function expectTabCyclesInside(page: Page, dialog: Locator): Promise<void> {
  for (const key of ['Tab', 'Shift+Tab']) {
    const seen: string[] = [];
    for (let press = 0; press < 14; press += 1) {
      await page.keyboard.press(key);
      const inside = dialog.locator(':focus');
      expect(await inside.count(), `${key} #${press + 1} left the dialog for ${await focused(page)}`).toBe(1);
      seen.push(await inside.evaluate((focus) => focus.outerHTML.slice(0, 300)));
    }
    const stops = new Set(seen).size;
    expect(stops, `${key} should visit more than one control`).toBeGreaterThan(1);
    for (let index = stops; index < seen.length; index += 1) expect(seen[index], `${key} goes round the dialog's ${stops} controls`).toBe(seen[index - stops]);
  }
}

/** Time labels of every chart of the task: none overlaps its neighbour or sticks out of its chart. */
async function expectReadableTimeAxes(detail: Locator, label: string): Promise<void> {
  const charts = await detail.getByTestId('chart-plot').evaluateAll((plots) =>
    plots.map((plot) => {
      const svg = plot.querySelector('svg')!.getBoundingClientRect();
      const labels = [...plot.querySelectorAll('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')]
        .map((text) => text.getBoundingClientRect())
        .map((box) => ({ left: box.left, right: box.right }))
        .sort((a, b) => a.left - b.left);
      return { domain: plot.getAttribute('data-domain'), left: svg.left, right: svg.right, labels };
    }),
  );
  expect(charts, `${label}: every chart draws`).toHaveLength(CHARTS.length);
  expect(new Set(charts.map((chart) => chart.domain)).size, `${label}: the charts cover one time range`).toBe(1);
  for (const chart of charts) {
    expect(chart.labels.length, `${label}: a chart has time labels`).toBeGreaterThan(1);
    for (const [index, box] of chart.labels.entries()) {
      expect(box.left, `${label}: a label inside its chart`).toBeGreaterThanOrEqual(chart.left - 0.5);
      expect(box.right, `${label}: a label inside its chart`).toBeLessThanOrEqual(chart.right + 0.5);
      if (index > 0) expect(box.left, `${label}: labels apart`).toBeGreaterThan(chart.labels[index - 1]!.right + 4);
    }
  }
}

/** No element matched by `selector` inside `scope` cuts its text (wider content than box, or an ellipsis). */
async function expectNothingCut(scope: Locator, selector: string, label: string): Promise<void> {
  const cut = await scope
    .locator(selector)
    .evaluateAll((elements) =>
      elements
        .filter(
          (element) =>
            element.scrollWidth > element.clientWidth + 1 || element.ownerDocument.defaultView?.getComputedStyle(element).textOverflow === 'ellipsis',
        )
        .map((element) => element.textContent),
    );
  expect(cut, `${label}: cut text`).toEqual([]);
}

test.describe('reading at 2 a.m.', () => {
  test('the keyboard alone: search into the results, dialogs that keep focus inside and give it back', async ({ openCockpit }) => {
    const cockpit = await openCockpit();
    const page = cockpit.page;

    // "/" to the search box, type, Down into the results: the first card shown has focus; Enter opens it, Escape closes.
    await page.keyboard.press('/');
    await expect(page.getByLabel('Search stacks')).toBeFocused();
    await page.keyboard.type('app1102');
    await page.keyboard.press('ArrowDown');
    await expect(cockpit.stackCard('platform-production/app1102')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(cockpit.stackDetail()).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(cockpit.stackDetail()).toBeHidden();
    await expect(cockpit.stackCard('platform-production/app1102')).toBeFocused();
    // Down with nothing to show leaves focus in the search box.
    await page.keyboard.press('/');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('no such stack');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel('Search stacks')).toBeFocused();
    await page.keyboard.press('Escape');

    // The Open plan dialog: Tab and Shift+Tab go round inside it; Escape gives focus back to the button.
    const openButton = page.getByRole('banner').getByRole('button', { name: 'Open plan…' });
    await tabTo(page, openButton, { backwards: true });
    await page.keyboard.press('Enter');
    const openDialog = page.getByRole('dialog', { name: 'Open plan' });
    await expect(openDialog).toBeVisible();
    await expectTabCyclesInside(page, openDialog);
    await page.keyboard.press('Escape');
    await expect(openDialog).toBeHidden();
    await expect(openButton).toBeFocused();

    // A confirmation: from the Replication tab (arrow keys move between tabs) to the task, its Start button, the dialog.
    await tabTo(page, page.getByRole('tab', { name: 'Plan' }), { backwards: true });
    for (let press = 0; press < 3; press += 1) await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Replication' })).toBeFocused();
    const view = page.getByRole('region', { name: 'Replication', exact: true });
    await tabTo(page, view.getByRole('group', { name: 'Waves' }).getByRole('button', { name: /Pilot/ }));
    await page.keyboard.press('Enter');
    const cell = view.locator(`[data-testid="heat-cell"][data-task-key="${TASK_KEY}"]`);
    await tabTo(page, cell);
    await page.keyboard.press('Enter');
    const detail = view.locator(`[data-testid="task-detail"][data-task-key="${TASK_KEY}"]`);
    const start = detail.getByRole('button', { name: 'Start task' });
    await expect(start).toBeEnabled({ timeout: 30_000 });
    await tabTo(page, start);
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: 'Confirm start task' });
    await expect(confirm).toBeVisible();
    await expectTabCyclesInside(page, confirm);
    await page.keyboard.press('Escape');
    await expect(confirm).toBeHidden();
    await expect(start).toBeFocused();

    // Confirmed: the Start button turns disabled, and focus goes to the control next to it, not to the page.
    await page.keyboard.press('Enter');
    await expect(confirm).toBeVisible();
    await tabTo(page, confirm.getByRole('button', { name: 'Start task' }));
    await page.keyboard.press('Enter');
    await expect(confirm).toBeHidden();
    await expect(start).toBeDisabled({ timeout: 30_000 });
    expect(await focused(page)).not.toBe('(the page)');
    await expect(detail.locator(':focus')).toHaveCount(1);
  });

  test('charts share one time range with labels apart; reasons, states and names read whole', async ({ openCockpit, workDir }) => {
    test.setTimeout(180_000);
    const cockpit = await openCockpit();
    const page = cockpit.page;
    const dataDir = path.join(workDir, 'data-0');

    await page.getByRole('tab', { name: 'Replication' }).click();
    const view = page.getByRole('region', { name: 'Replication', exact: true });
    await view.getByRole('group', { name: 'Waves' }).getByRole('button', { name: /Pilot/ }).click();
    await view.locator(`[data-testid="heat-cell"][data-task-key="${TASK_KEY}"]`).click();
    const detail = view.locator(`[data-testid="task-detail"][data-task-key="${TASK_KEY}"]`);
    await detail.getByRole('button', { name: 'Start task' }).click({ timeout: 30_000 });
    await page.getByRole('dialog', { name: 'Confirm start task' }).getByRole('button', { name: 'Start task' }).click();

    // Through the full load into CDC on the rehearsal's clock, until every chart has points (CDC throughput last).
    await expect
      .poll(
        async () => {
          const counts = await Promise.all(CHARTS.map(async (chart) => Number(await detail.getByTestId(chart).getAttribute('data-points'))));
          if (counts.some((count) => count === 0)) await advanceClock(dataDir, '2m');
          return counts.every((count) => count > 0);
        },
        { timeout: 150_000, intervals: [3_000] },
      )
      .toBe(true);

    // CDC throughput has an axis of its own: its top is of the CDC rate's size, not of the full load's.
    const axisTop = async (chart: string) => {
      const labels = await detail.getByTestId(chart).locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
      return labels.at(-1);
    };
    expect(await axisTop('cdc-throughput-chart')).not.toBe(await axisTop('load-throughput-chart'));

    // One protocol for chart series: a width or a range change draws from the history the chart holds, and asks the
    // core nothing (counted over the web bridge, where each command is an HTTP request).
    const seriesReads: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/command/dms.series')) seriesReads.push(request.url());
    });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await expect(async () => expectReadableTimeAxes(detail, `${size.width}×${size.height}`)).toPass({ timeout: 10_000 });
    }
    const ranges = detail.getByRole('group', { name: /^Chart range of / });
    await ranges.getByRole('button', { name: '24 h' }).click();
    await expect(ranges.getByRole('button', { name: '24 h' })).toHaveAttribute('aria-pressed', 'true');
    await ranges.getByRole('button', { name: 'Recent' }).click();
    await expect(ranges.getByRole('button', { name: 'Recent' })).toHaveAttribute('aria-pressed', 'true');
    expect(seriesReads, 'no series re-read on a width or range change').toEqual([]);
    // A narrow place: the same task in the stack's detail panel.
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Plan' }).click();
    const panel = await cockpit.openStack(STACK);
    const narrow = panel.locator(`[data-testid="task-detail"][data-task-key="${TASK_KEY}"]`);
    await expect(async () => expectReadableTimeAxes(narrow, 'stack detail panel')).toPass({ timeout: 15_000 });
    await page.keyboard.press('Escape');

    // Table states and the journal's targets and messages wrap instead of being cut; no internal task key is shown.
    await page.getByRole('tab', { name: 'Replication' }).click();
    await expect(detail.getByTestId('table-state').first()).toBeVisible({ timeout: 30_000 });
    await expectNothingCut(detail, '[data-testid="table-state"]', 'table states');
    await page.getByRole('tab', { name: 'Journal' }).click();
    const journal = page.getByTestId('journal');
    const started = journal.locator('[data-testid="journal-row"][data-kind="dms-start"]').first();
    await expect(started).toContainText('Start task');
    await expect(started).toContainText(`${TASK_ID} (${STACK})`);
    await expect(journal).not.toContainText('#0');
    await expectNothingCut(journal, '[data-testid="journal-row"] .journal-cell', 'journal');
    // At 1280 px every column is in view: the message is not off to the right.
    expect(page.viewportSize()?.width).toBe(1280);
    expect(await journal.getByRole('table').evaluate((table) => table.scrollWidth - table.clientWidth)).toBeLessThanOrEqual(0);

    // The gate matrix's reasons read whole.
    await page.getByRole('tab', { name: 'Cutover' }).click();
    const matrix = page.locator('[data-testid="gate-matrix"][data-wave-id="wave-1"]');
    if (!(await matrix.isVisible()))
      await page
        .getByRole('button', { name: /Pilot: internal tools/ })
        .first()
        .click();
    await expect(matrix.getByTestId('gate-cell').first()).toBeVisible();
    await expectNothingCut(matrix, '.gate-cell-main, .gate-cell-sub', 'gate matrix');
  });

  test('no plan: the monitor line says so, and the plan-error view has no keyboard hint for keys that do nothing', async ({ openCockpit, workDir }) => {
    const { writeFile } = await import('node:fs/promises');
    const broken = path.join(workDir, 'broken.yaml');
    const text = await readFile(path.join(import.meta.dirname, '../examples/demo/migration.yaml'), 'utf8');
    await writeFile(broken, text.replace('    stacks: [app1101, app1102, app1103]\n', ''));
    const cockpit = await openCockpit(broken);
    const page = cockpit.page;

    const errors = page.getByTestId('plan-errors');
    await expect(errors).toBeVisible();
    // The missing field is reported at the wave that lacks it, named by its id.
    await expect(errors).toContainText('waves[1] (id: wave-1)');
    await expect(errors).toContainText("missing required field 'stacks'");
    await expect(page.getByTestId('keyboard-hint')).toHaveCount(0);

    await page.getByRole('tab', { name: 'Replication' }).click();
    await expect(page.getByTestId('monitor-status')).toHaveText('No plan loaded: the DMS monitor is not running.');
  });
});
