// The Waves tab: every wave at once, on a timeline of their cutover windows (UTC) with each wave's phase, and the
// waves without a window apart; choosing a wave opens it on the Cutover tab.
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

test.describe('the waves overview', () => {
  test("shows the demo plan's waves by cutover window with their phases, and opens a wave", async ({ openCockpit }) => {
    const cockpit = await openCockpit();
    const { page } = cockpit;
    await page.getByRole('tab', { name: 'Waves' }).click();
    const overview = page.getByTestId('waves-overview');
    const onTimeline = (waveId: string): Locator => overview.locator(`[data-testid="overview-wave"][data-wave-id="${waveId}"]`);

    // The waves with a window, in time order, each with its window in UTC, phase and stacks.
    await expect(overview.getByTestId('wave-timeline')).toContainText('Cutover windows (times in UTC)');
    expect(await overview.getByTestId('overview-wave').evaluateAll((items) => items.map((item) => item.getAttribute('data-wave-id')))).toEqual([
      'wave-1',
      'wave-2',
      'wave-3',
      'wave-4',
      'wave-5',
      'wave-6',
      'wave-7',
    ]);
    await expect(onTimeline('wave-1')).toContainText('Pilot: internal tools');
    await expect(onTimeline('wave-1')).toContainText('Sat 05 Dec, 01:00–05:00 UTC');
    await expect(onTimeline('wave-1')).toContainText('3 stacks');
    // Wave 1 has a runbook and nothing is deployed: not deployed (its gates are judged once it is), with the same badge as the Cutover tab.
    await expect(onTimeline('wave-1').getByTestId('overview-phase')).toHaveAttribute('data-phase', 'not-deployed');
    await expect(onTimeline('wave-1').getByTestId('overview-phase')).toContainText(/^Not deployed$/);
    for (const waveId of ['wave-2', 'wave-3', 'wave-4', 'wave-5', 'wave-6', 'wave-7'])
      await expect(onTimeline(waveId).getByTestId('overview-phase')).toHaveAttribute('data-phase', /.+/);
    await expect(overview.getByTestId('phase-tally')).toContainText('not deployed');

    // The network foundation has no window: listed apart.
    const unscheduled = overview.getByTestId('unscheduled-wave');
    await expect(unscheduled).toHaveCount(1);
    await expect(unscheduled).toHaveAttribute('data-wave-id', 'wave-0');
    await expect(unscheduled.getByTestId('overview-phase')).toHaveAttribute('data-phase', 'not-deployed');

    // One Tab stop; arrow keys go through the waves in time.
    await expect(onTimeline('wave-1').getByRole('button')).toHaveAttribute('tabindex', '0');
    await expect(onTimeline('wave-2').getByRole('button')).toHaveAttribute('tabindex', '-1');
    await onTimeline('wave-1').getByRole('button').focus();
    await page.keyboard.press('ArrowRight');
    await expect(onTimeline('wave-2').getByRole('button')).toBeFocused();
    await page.keyboard.press('End');
    await expect(onTimeline('wave-7').getByRole('button')).toBeFocused();

    // Choosing a wave opens it on the Cutover tab.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('tab', { name: 'Cutover' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('[data-testid="gate-matrix"][data-wave-id="wave-3"]')).toBeVisible();
    await page.getByRole('tab', { name: 'Waves' }).click();
    await unscheduled.click();
    await expect(page.locator('[data-testid="gate-matrix"][data-wave-id="wave-0"]')).toBeVisible();
  });
});
