// Where am I, who am I: the environment banner is on every tab, and on the demo plan (the embedded rehearsal) it
// says Rehearsal with the simulated AWS's URL, the sign-in account and region, in the rehearsal's colour, and each of
// the plan's accounts (a network and two workload accounts) with its assumed-role session checked.
import { expect, test } from './fixtures';

test.describe('the environment banner', () => {
  test("says Rehearsal with the sign-in account, region and the plan's accounts on every tab", async ({ openCockpit }) => {
    const cockpit = await openCockpit();
    const banner = cockpit.page.getByTestId('environment-banner');
    await expect(banner).toHaveAttribute('data-tone', 'rehearsal');
    await expect(banner.getByTestId('environment-label')).toHaveText('Rehearsal');
    await expect(banner.getByTestId('environment-where')).toHaveText(
      /^Rehearsal — simulated AWS at http:\/\/127\.0\.0\.1:\d+, sign-in account \d{12}, eu-central-1/,
    );
    // Each account's role assumed in the rehearsal's STS, in the plan's order of names.
    await expect(banner.getByTestId('environment-account')).toHaveText([
      'network (111111111111) · ok',
      'workloads-analytics (333333333333) · ok',
      'workloads-core (222222222222) · ok',
    ]);
    await expect(banner.getByTestId('environment-who')).toContainText('operator ');
    const where = await banner.getByTestId('environment-where').textContent();

    const tabs = cockpit.page.getByRole('tablist', { name: 'Views' }).getByRole('tab');
    const count = await tabs.count();
    expect(count).toBeGreaterThanOrEqual(4);
    for (let index = 0; index < count; index++) {
      await tabs.nth(index).click();
      await expect(tabs.nth(index)).toHaveAttribute('aria-selected', 'true');
      // The same banner, with the same words, above whatever the tab shows.
      await expect(banner).toBeVisible();
      await expect(banner).toHaveAttribute('data-tone', 'rehearsal');
      await expect(banner.getByTestId('environment-where')).toHaveText(where!);
      await expect(banner).not.toContainText('PRODUCTION');
    }
  });
});
