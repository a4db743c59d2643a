// An account AWS refuses in the middle of a run, as the operator sees it on the demo plan (a network and two workload
// accounts in the embedded rehearsal): the role of workloads-core is removed through the rehearsal's admin API, so
// its sessions are refused everything. The banner names the account and why, the monitor line is amber with the
// account named, the account's tasks are stale while the other accounts are still read, and its placements say
// "unusable" on every tab; when the role is back, all of it clears without pressing "Check again".
import path from 'node:path';
import { expect, test } from './fixtures';
import { removeWorkloadsRole, restoreWorkloadsRole } from './rehearsal-admin';

/** One idle monitor cycle (30 s) and a little more: the refusal shows at the first cycle after it. */
const CYCLE_TIMEOUT = 45_000;

test.describe('accounts', () => {
  test('a refused account shows on the banner, the monitor line, its tasks and its placements, and clears when it is back', async ({
    openCockpit,
    workDir,
  }) => {
    test.setTimeout(4 * CYCLE_TIMEOUT);
    const cockpit = await openCockpit();
    const page = cockpit.page;
    const dataDir = path.join(workDir, 'data-0');
    const banner = page.getByTestId('environment-banner');
    await expect(banner.getByTestId('environment-account')).toHaveText(
      ['network (111111111111) · ok', 'workloads-analytics (333333333333) · ok', 'workloads-core (222222222222) · ok'],
      { timeout: 15_000 },
    );

    await page.getByRole('tab', { name: 'Replication' }).click();
    const view = page.getByTestId('replication-view');
    await view
      .getByRole('group', { name: 'Waves' })
      .getByRole('button', { name: /Pilot: internal tools/ })
      .click();
    await expect(view.getByTestId('task-card').first()).toHaveAttribute('data-stale', 'false', { timeout: CYCLE_TIMEOUT });

    await removeWorkloadsRole(dataDir);
    const problem = banner.getByTestId('environment-problem');
    await expect(problem).toHaveText(
      /^Account workloads-core \(222222222222\) unusable: the replication monitor cannot read it in eu-central-1: AccessDenied/,
      {
        timeout: CYCLE_TIMEOUT,
      },
    );
    await expect(banner.getByTestId('environment-account').filter({ hasText: 'workloads-core' })).toHaveText('workloads-core (222222222222) · unusable');
    const status = view.getByTestId('monitor-status');
    await expect(status).toHaveAttribute('data-partial', 'true');
    await expect(status).toContainText('cannot read account workloads-core (222222222222) in eu-central-1: its tasks are stale');
    const cards = view.getByTestId('task-card');
    await expect(cards).toHaveCount(3);
    for (const card of await cards.all()) {
      await expect(card).toHaveAttribute('data-stale', 'true');
      await expect(card.getByTestId('task-placement')).toHaveAttribute('data-unusable', 'true');
    }
    await expect(page.getByTestId('alert-count')).toHaveText('! 1');

    // The other workload account's wave is still read: its tasks are not stale.
    await view
      .getByRole('group', { name: 'Waves' })
      .getByRole('button', { name: /Reporting and batch/ })
      .click();
    await expect(view.getByTestId('task-card').first()).toHaveAttribute('data-stale', 'false');
    await expect(view.getByTestId('task-card').first().getByTestId('task-placement')).not.toHaveAttribute('data-unusable', 'true');

    // The Plan tab's cards of workloads-core say it too; the analytics cards do not.
    await cockpit.showPlan();
    await expect(cockpit.stackCard('platform-production/app1101').getByTestId('placement')).toHaveAttribute('data-unusable', 'true');
    await expect(cockpit.stackCard('analytics/app1401').getByTestId('placement')).not.toHaveAttribute('data-unusable', 'true');

    await restoreWorkloadsRole(dataDir);
    await expect(problem).toHaveCount(0, { timeout: CYCLE_TIMEOUT });
    await expect(banner.getByTestId('environment-account').filter({ hasText: 'workloads-core' })).toHaveText('workloads-core (222222222222) · ok');
    await expect(cockpit.stackCard('platform-production/app1101').getByTestId('placement')).not.toHaveAttribute('data-unusable', 'true');
  });
});
