// Stack operations end to end with the real Pulumi CLI and the embedded rehearsal registry: preview, deploy,
// the journal, destroy with its confirmation.
import { expect, test } from './fixtures';

const STACK = 'platform-production/app1101';
const OPERATION_TIMEOUT = 60_000;

// The demo plan's database passwords come from environment variables that are not set here: against the
// rehearsal environment the cockpit makes up rehearsal values itself, so the demo deploys as it is.

test.describe('stack operations', () => {
  test('previews, deploys, journals and destroys a stack', async ({ openCockpit }) => {
    test.setTimeout(5 * OPERATION_TIMEOUT);
    const cockpit = await openCockpit();
    await expect(cockpit.toolchainBadge()).toContainText('Pulumi');
    await expect(cockpit.toolchainBadge()).not.toContainText('missing');
    await expect(cockpit.stackCard(STACK)).toHaveAttribute('data-state', 'planned');

    // Preview: the diff shows what a deploy would create (the CMDB registration among it).
    await cockpit.operateStack(STACK, 'preview');
    await cockpit.waitForOperation('preview', 'succeeded', OPERATION_TIMEOUT);
    await expect(cockpit.diffRows('create').first()).toBeVisible();
    await expect(cockpit.diffRows('create').filter({ hasText: 'registration-cmdb' })).toHaveCount(1);
    await expect(cockpit.stackDetail().getByRole('progressbar', { name: 'Preview progress' })).toBeVisible();
    expect(await cockpit.operationStatus()).toEqual({ kind: 'preview', status: 'succeeded' });

    // Deploy: while it runs, only Cancel is available; afterwards the stack is registered and the log has lines.
    await cockpit.operateStack(STACK, 'up');
    await expect(cockpit.operationButton('Cancel')).toBeEnabled();
    await expect(cockpit.operationButton('Preview')).toBeDisabled();
    await cockpit.waitForOperation('up', 'succeeded', OPERATION_TIMEOUT);
    await expect(cockpit.operationButton('Cancel')).toBeDisabled();
    await expect(cockpit.stackCard(STACK)).toHaveAttribute('data-state', 'registered');
    await expect(cockpit.logLines().first()).toBeVisible();
    await expect(cockpit.stackDetail().getByTestId('operation-changes')).toContainText('created');
    await expect(cockpit.stackDetail()).toContainText(/update #\d+/);
    await expect(cockpit.stackCard(STACK).getByTestId('card-operation')).toHaveAttribute('data-status', 'succeeded');

    // The journal records the deploy, newest first.
    await cockpit.showJournal();
    await expect(cockpit.journalRows({ kind: 'up', phase: 'succeeded' })).toHaveCount(1);
    await expect(cockpit.journalRows({ kind: 'up', phase: 'started' })).toHaveCount(1);
    await expect(cockpit.journalRows().first()).toHaveAttribute('data-kind', 'up');
    await cockpit.filterJournalByStack('platform-production/app1102');
    await expect(cockpit.journalRows()).toHaveCount(0);
    await cockpit.filterJournalByStack(STACK);
    await expect(cockpit.journalRows({ phase: 'succeeded' })).toHaveCount(2);
    await cockpit.showPlan();

    // Destroy asks first: the confirm button stays disabled until the stack's name is typed.
    await cockpit.operateStack(STACK, 'destroy', { confirm: false });
    const dialog = cockpit.page.getByRole('dialog', { name: 'Confirm destroy' });
    await expect(dialog).toContainText(`Destroy ${STACK}: deletes every resource of the stack and deregisters it from Metadata service (CMDB)`);
    const confirm = dialog.getByRole('button', { name: 'Destroy stack' });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('Type the stack name to confirm').fill('app1102');
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('Type the stack name to confirm').fill('app1101');
    await confirm.click();
    await expect(dialog).toBeHidden();
    await cockpit.waitForOperation('destroy', 'succeeded', OPERATION_TIMEOUT);
    await expect(cockpit.stackCard(STACK)).toHaveAttribute('data-state', 'planned');
  });

  test('asks before a destroy and does nothing when the operator backs out; nothing to destroy before a deploy', async ({ openCockpit }) => {
    const cockpit = await openCockpit();
    // Never deployed: destroy, rollback and deregister have nothing to act on.
    await cockpit.openStack('platform-production/app1102');
    for (const name of ['Destroy', 'Rollback', 'Deregister'] as const) await expect(cockpit.operationButton(name)).toBeDisabled();
    await cockpit.operateStack('platform-production/app1102', 'up');
    await cockpit.waitForOperation('up', 'succeeded', OPERATION_TIMEOUT);
    await cockpit.operateStack('platform-production/app1102', 'destroy', { confirm: false });
    const dialog = cockpit.page.getByRole('dialog', { name: 'Confirm destroy' });
    await cockpit.page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // Escape closed the dialog only, not the stack's panel.
    await expect(cockpit.stackDetail()).toBeVisible();
    await expect(cockpit.operationButton('Destroy')).toBeFocused();
    await expect(cockpit.stackCard('platform-production/app1102')).toHaveAttribute('data-state', 'registered');
  });
});
