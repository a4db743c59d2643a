// DMS replication end to end on the demo plan in the embedded rehearsal environment: open a wave's replication
// view, see the task's ARN, replication instance and endpoints as the DMS console shows them, test the source
// endpoint's connection, open the task's log, start the task (confirmed), watch its phase move, its charts fill and
// its log follow new lines, then make the rehearsal DMS fail the task and see the alert in the UI (badge, live
// announcement, list), the failure in the log, and acknowledge the alert.
//
// The fault goes in through the embedded rehearsal AWS server's admin API (rehearsal-admin.ts) in the task's account:
// POST /_admin/faults?account=<id> {type: 'task-failure', task, atPercent}, then POST /_admin/clock/advance {by} to
// reach it without waiting in real time.
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { advanceClock, DEMO_WORKLOADS_ACCOUNT, rehearsalAdmin } from './rehearsal-admin';

// Wave 2's storefront task: the demo scenario (rehearsal/scenarios/demo.yaml) does not start it by itself.
const WAVE = 'wave-2';
const STACK = 'platform-production/app1201';
const TASK_KEY = `${STACK}#0`;
const TASK_ID = 'app1201-mysql-full-load-cdc';
const DEPLOY_TIMEOUT = 90_000;
const PHASE_TIMEOUT = 60_000;

/** The scenario fault: the rehearsal DMS fails the task when its full load reaches `atPercent`. */
const injectTaskFailure = (dataDir: string, task: string, atPercent: number) =>
  rehearsalAdmin(
    dataDir,
    '/_admin/faults',
    { type: 'task-failure', task, atPercent, message: 'Injected failure: the source endpoint refused the connection' },
    DEMO_WORKLOADS_ACCOUNT,
  );

class ReplicationDriver {
  constructor(readonly page: Page) {}

  view(): Locator {
    return this.page.getByRole('region', { name: 'Replication', exact: true });
  }

  async openWave(waveName: RegExp): Promise<void> {
    await this.page.getByRole('tab', { name: 'Replication' }).click();
    await expect(this.view()).toBeVisible();
    await this.view().getByRole('group', { name: 'Waves' }).getByRole('button', { name: waveName }).click();
  }

  cell(taskKey: string): Locator {
    return this.view().locator(`[data-testid="heat-cell"][data-task-key="${taskKey}"]`);
  }

  /** The opened task's card (data-phase, data-stale, data-gate). */
  card(taskKey: string): Locator {
    return this.view().locator(`[data-testid="task-detail"][data-task-key="${taskKey}"] [data-testid="task-card"]`);
  }

  detail(taskKey: string): Locator {
    return this.view().locator(`[data-testid="task-detail"][data-task-key="${taskKey}"]`);
  }

  async phase(taskKey: string): Promise<string | null> {
    return this.card(taskKey).getAttribute('data-phase');
  }

  async chartPoints(taskKey: string, chart: 'latency-chart' | 'load-throughput-chart' | 'cdc-throughput-chart' | 'progress-chart'): Promise<number> {
    return Number(await this.detail(taskKey).getByTestId(chart).getAttribute('data-points'));
  }

  resources(taskKey: string): Locator {
    return this.detail(taskKey).getByTestId('task-resources');
  }

  log(taskKey: string): Locator {
    return this.detail(taskKey).getByTestId('task-log');
  }

  /** The newest log line's number the panel shows (it follows the newest lines), or 0 without lines. */
  async newestLogLine(taskKey: string): Promise<number> {
    const seqs = await this.log(taskKey)
      .getByTestId('task-log-line')
      .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-seq'))));
    return seqs.length === 0 ? 0 : Math.max(...seqs);
  }
}

test.describe('replication', () => {
  test('shows a task as the DMS console does, tests its connection, starts it, charts it, follows its log, and shows the alert when it fails', async ({
    openCockpit,
    workDir,
  }) => {
    test.setTimeout(6 * PHASE_TIMEOUT + DEPLOY_TIMEOUT);
    const cockpit = await openCockpit();
    const page = cockpit.page;
    const dataDir = path.join(workDir, 'data-0');
    const replication = new ReplicationDriver(page);

    // The plan view shows each gated wave's gate summary.
    await expect(cockpit.wave(WAVE).getByTestId('wave-gate')).toBeVisible({ timeout: 15_000 });

    await replication.openWave(/Customer-facing web tier/);
    await expect(replication.view().getByTestId('monitor-status')).not.toHaveAttribute('data-state', 'unknown', { timeout: 15_000 });
    await expect(replication.view().getByRole('list', { name: /Replication heatmap of Customer-facing web tier/ })).toBeVisible();
    await expect(replication.cell(TASK_KEY)).toBeVisible();

    // A task the rehearsal DMS does not know until the stack is deployed: deploy it first.
    if ((await replication.cell(TASK_KEY).getAttribute('aria-label'))?.includes('unresolved')) {
      await cockpit.showPlan();
      await cockpit.operateStack(STACK, 'up');
      await cockpit.waitForOperation('up', 'succeeded', DEPLOY_TIMEOUT);
      await page.keyboard.press('Escape');
      await replication.openWave(/Customer-facing web tier/);
    }

    // Open the task from the heatmap with the keyboard.
    await replication.cell(TASK_KEY).focus();
    await page.keyboard.press('Enter');
    await expect(replication.card(TASK_KEY)).toHaveAttribute('data-phase', 'not-started', { timeout: PHASE_TIMEOUT });
    await expect(replication.detail(TASK_KEY).getByRole('button', { name: 'Stop task' })).toBeDisabled();
    await expect(replication.detail(TASK_KEY).getByRole('table', { name: `Table statistics of ${TASK_ID}` })).toBeVisible();

    // What the DMS console shows: the task's ARN, its replication instance, its endpoints (never a password).
    const resources = replication.resources(TASK_KEY);
    await expect(resources.getByTestId('task-arn')).toHaveText(/^arn:aws:dms:eu-central-1:\d{12}:task:[A-Z0-9]+$/);
    await expect(resources.getByTestId('task-instance')).toContainText('network-eu-central-1-dms');
    await expect(resources.getByTestId('task-instance')).toContainText('dms.r5.xlarge');
    await expect(resources.getByTestId('task-instance')).toContainText('available');
    const source = resources.getByTestId('endpoint-source');
    await expect(source).toContainText(`${TASK_ID}-source`);
    await expect(source.getByTestId('endpoint-server')).toContainText(':3306');
    await expect(resources.getByTestId('endpoint-target')).toContainText(`${TASK_ID}-target`);
    await expect(resources).not.toContainText(/password|dms_migration/i);

    // Test the source endpoint's connection from the instance: DMS tests for a while (on the rehearsal's clock).
    await source.getByRole('button', { name: 'Test connection' }).click();
    await expect(source.getByTestId('connection-result')).toHaveAttribute('data-status', 'testing');
    await expect
      .poll(
        async () => {
          const status = await source.getByTestId('connection-result').getAttribute('data-status');
          if (status === 'testing') await advanceClock(dataDir, '15s');
          return status;
        },
        { timeout: PHASE_TIMEOUT, intervals: [1_000] },
      )
      .toBe('successful');
    await expect(source.getByTestId('connection-result')).toContainText('Connection successful');

    // The task's log: DMS has written none before the task first runs.
    await replication.log(TASK_KEY).getByRole('button', { name: 'Show task log' }).click();
    await expect(replication.log(TASK_KEY).getByTestId('task-log-status')).toHaveAttribute('data-state', 'no-log', { timeout: PHASE_TIMEOUT });

    // The scenario fault, armed before the start: the rehearsal DMS fails the task halfway through its full load.
    await injectTaskFailure(dataDir, TASK_ID, 50);

    // Start it: the confirmation names the task and says what happens.
    await replication.detail(TASK_KEY).getByRole('button', { name: 'Start task' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm start task' });
    await expect(dialog).toContainText(`Start ${TASK_ID}: DMS loads every table in full, then applies ongoing changes.`);
    await dialog.getByRole('button', { name: 'Start task' }).click();
    await expect(dialog).toBeHidden();

    // The phase moves on and the charts get points.
    await expect(replication.card(TASK_KEY)).toHaveAttribute('data-phase', /^(starting|full-load)$/, { timeout: PHASE_TIMEOUT });
    await expect(replication.detail(TASK_KEY).getByRole('button', { name: 'Start task' })).toBeDisabled();
    // CloudWatch datapoints come per completed minute: move the rehearsal's clock on instead of waiting for one.
    await expect
      .poll(
        async () => {
          const points =
            (await replication.chartPoints(TASK_KEY, 'load-throughput-chart')) +
            (await replication.chartPoints(TASK_KEY, 'cdc-throughput-chart')) +
            (await replication.chartPoints(TASK_KEY, 'latency-chart')) +
            (await replication.chartPoints(TASK_KEY, 'progress-chart'));
          if (points === 0) await advanceClock(dataDir, '30s');
          return points;
        },
        { timeout: PHASE_TIMEOUT, intervals: [2_000] },
      )
      .toBeGreaterThan(0);
    await expect(replication.card(TASK_KEY)).toHaveAttribute('data-stale', 'false');

    // The log shows the lines the task wrote as it started and loads, and follows new ones.
    await expect(replication.log(TASK_KEY).getByTestId('task-log-status')).toHaveAttribute('data-state', 'following', { timeout: PHASE_TIMEOUT });
    await expect(replication.log(TASK_KEY).getByTestId('task-log-line').first()).toBeVisible({ timeout: PHASE_TIMEOUT });
    const newest = await replication.newestLogLine(TASK_KEY);
    await expect
      .poll(
        async () => {
          const now = await replication.newestLogLine(TASK_KEY);
          if (now === newest) await advanceClock(dataDir, '20s');
          return now;
        },
        { timeout: PHASE_TIMEOUT, intervals: [2_000] },
      )
      .toBeGreaterThan(newest);
    await expect(replication.log(TASK_KEY).locator('[data-testid="task-log-line"][data-level="info"]').first()).toBeVisible();

    // The full load reaches the fault: the task fails.
    await expect
      .poll(
        async () => {
          if ((await replication.phase(TASK_KEY)) !== 'failed') await advanceClock(dataDir, '2m');
          return replication.phase(TASK_KEY);
        },
        { timeout: PHASE_TIMEOUT, intervals: [2_000] },
      )
      .toBe('failed');
    await expect(replication.cell(TASK_KEY)).toHaveAttribute('data-failed', 'true');
    // The failure is in the log too, as an error line.
    await expect(replication.log(TASK_KEY).locator('[data-testid="task-log-line"][data-level="error"]').first()).toContainText('Injected failure', {
      timeout: PHASE_TIMEOUT,
    });
    await expect(page.getByTestId('alert-announcer')).toContainText('Critical replication alert', { timeout: PHASE_TIMEOUT });
    const badge = page.getByRole('button', { name: /^Alerts: \d+ open, \d+ critical/ });
    await expect(badge).toBeVisible();

    // The alert list: critical first; acknowledging keeps it listed while its condition lasts.
    await badge.click();
    const alerts = page.getByRole('list', { name: 'Alerts' });
    const failed = alerts.locator(`[data-testid="alert-item"][data-kind="task-failed"]`).first();
    await expect(failed).toContainText(STACK);
    await expect(alerts.getByTestId('alert-item').first()).toHaveAttribute('data-severity', 'critical');
    await failed.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(failed).toHaveAttribute('data-acknowledged', 'true');

    // Resume is what DMS allows for a failed task; Start is refused by the state rule and disabled here.
    await page.keyboard.press('Escape');
    await expect(replication.detail(TASK_KEY).getByRole('button', { name: 'Resume task' })).toBeEnabled();
    await expect(replication.detail(TASK_KEY).getByRole('button', { name: 'Start task' })).toBeDisabled();
  });
});
