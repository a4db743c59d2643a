// The one driver the scenarios use: it speaks in an operator's terms (waves, stacks, plans) and hides selectors.
import { expect, type Locator, type Page } from '@playwright/test';
import type { PrintedWarRoom } from './launchers/launcher';

export type StackOperationKind = 'preview' | 'up' | 'refresh' | 'destroy';
export type OperationStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

const OPERATION_BUTTONS: Record<StackOperationKind, string> = { preview: 'Preview', up: 'Deploy', refresh: 'Refresh', destroy: 'Destroy' };

export class CockpitDriver {
  constructor(
    readonly page: Page,
    /** The launcher's answer to the host's native file dialog, where it has one (see LaunchedCockpit). */
    private readonly answerFileDialog?: (file: string) => Promise<void>,
    /** The war room the launcher's cockpit serves, when the test asked for one. */
    readonly warRoom?: PrintedWarRoom,
  ) {}

  /** The app has rendered a first state (plan, errors or empty). */
  async waitUntilReady(): Promise<void> {
    await expect(this.page.locator('[data-testid="wave"], [data-testid="plan-errors"], [data-testid="no-plan"]').first()).toBeVisible();
  }

  waves(): Locator {
    return this.page.getByTestId('wave');
  }

  async waveIds(): Promise<string[]> {
    return this.waves().evaluateAll((sections) => sections.map((section) => section.getAttribute('data-wave-id') ?? ''));
  }

  wave(id: string): Locator {
    return this.page.locator(`[data-testid="wave"][data-wave-id="${id}"]`);
  }

  stackCards(): Locator {
    return this.page.getByTestId('stack-card');
  }

  stackCard(stackId: string): Locator {
    return this.page.locator(`[data-testid="stack-card"][data-stack-id="${stackId}"]`);
  }

  async openStack(stackId: string): Promise<Locator> {
    await this.stackCard(stackId).click();
    const detail = this.page.getByTestId('stack-detail');
    await expect(detail).toBeVisible();
    return detail;
  }

  stackDetail(): Locator {
    return this.page.getByTestId('stack-detail');
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('Search stacks').fill(text);
  }

  /** Opens a plan file through the UI's Open plan dialog. */
  async openPlan(file: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Open plan…' }).first().click();
    const dialog = this.page.getByRole('dialog', { name: 'Open plan' });
    if (this.answerFileDialog) {
      // The desktop app: the operator picks the file in the system's dialog.
      await this.answerFileDialog(file);
      await dialog.getByRole('button', { name: 'Choose file…' }).click();
    } else {
      await dialog.getByLabel('Plan file path').fill(file);
      await dialog.getByRole('button', { name: 'Open', exact: true }).click();
    }
    await expect(dialog).toBeHidden();
  }

  planErrors(): Locator {
    return this.page.getByTestId('plan-issue');
  }

  async theme(): Promise<string | null> {
    return this.page.locator('html').getAttribute('data-theme');
  }

  // ---------------------------------------------------------------------------------------------------------
  // Stack operations
  // ---------------------------------------------------------------------------------------------------------

  /**
   * Opens the stack and starts an operation with its button. Destroy is confirmed by typing the stack's name;
   * a deploy confirmation (shown when the last preview deletes or replaces) is accepted unless `confirm` is false.
   */
  async operateStack(stackId: string, kind: StackOperationKind, options: { confirm?: boolean } = {}): Promise<void> {
    const detail = await this.openStack(stackId);
    const button = detail.getByRole('button', { name: OPERATION_BUTTONS[kind], exact: true });
    await expect(button).toBeEnabled();
    await button.click();
    if (kind === 'destroy') {
      const dialog = this.page.getByRole('dialog', { name: 'Confirm destroy' });
      await expect(dialog).toBeVisible();
      if (options.confirm === false) return;
      await dialog.getByLabel('Type the stack name to confirm').fill(stackId.slice(stackId.indexOf('/') + 1));
      await dialog.getByRole('button', { name: 'Destroy stack' }).click();
      await expect(dialog).toBeHidden();
    } else if (kind === 'up' && options.confirm !== false) {
      const dialog = this.page.getByRole('dialog', { name: 'Confirm deploy' });
      if (await dialog.isVisible()) await dialog.getByRole('button', { name: 'Deploy anyway' }).click();
    }
  }

  /** The operation shown in the open stack detail panel: its kind and status. */
  async operationStatus(): Promise<{ kind: string | null; status: string | null }> {
    const element = this.stackDetail().getByTestId('operation-status');
    return { kind: await element.getAttribute('data-kind'), status: await element.getAttribute('data-status') };
  }

  /** Waits until the detail panel shows an operation of this kind with this status. */
  async waitForOperation(kind: StackOperationKind, status: OperationStatus, timeout = 60_000): Promise<void> {
    await expect(this.stackDetail().locator(`[data-testid="operation-status"][data-kind="${kind}"][data-status="${status}"]`)).toBeVisible({ timeout });
  }

  operationButton(name: 'Preview' | 'Deploy' | 'Refresh' | 'Destroy' | 'Rollback' | 'Deregister' | 'Cancel'): Locator {
    return this.stackDetail().getByRole('button', { name, exact: true });
  }

  diffRows(op?: string): Locator {
    return this.stackDetail().locator(op ? `[data-testid="diff-row"][data-op="${op}"]` : '[data-testid="diff-row"]');
  }

  logLines(): Locator {
    return this.stackDetail().getByTestId('operation-log').getByTestId('log-line');
  }

  operationError(): Locator {
    return this.stackDetail().getByTestId('operation-error');
  }

  /** A stack card's registration badge for one registry (data-registered: yes, no or unknown). */
  registrationBadge(stackId: string, registryId: string): Locator {
    return this.stackCard(stackId).locator(`[data-testid="registration-badge"][data-registry="${registryId}"]`);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Wave operations
  // ---------------------------------------------------------------------------------------------------------

  waveButton(waveId: string, name: 'Deploy wave' | 'Undo wave deploy…' | 'Cancel wave'): Locator {
    return this.wave(waveId).getByRole('button', { name, exact: true });
  }

  /** The confirmation of a wave deploy or of the undo of one (`rollback`: the core's wave.rollback). */
  waveDialog(kind: 'deploy' | 'rollback'): Locator {
    return this.page.getByRole('dialog', { name: kind === 'deploy' ? 'Confirm wave deploy' : 'Confirm undo of the wave deploy' });
  }

  /**
   * Starts a wave deploy or rollback with its button and confirms it (unless `confirm` is false). The dialog stays
   * open when the core refuses (its error shows in it); `expectRefusal` leaves it open for the test to read.
   */
  async operateWave(waveId: string, kind: 'deploy' | 'rollback', options: { confirm?: boolean; expectRefusal?: boolean } = {}): Promise<Locator> {
    const button = this.waveButton(waveId, kind === 'deploy' ? 'Deploy wave' : 'Undo wave deploy…');
    await expect(button).toBeEnabled();
    await button.click();
    const dialog = this.waveDialog(kind);
    await expect(dialog).toBeVisible();
    if (options.confirm === false) return dialog;
    // The undo wants the wave's id typed first.
    if (kind === 'rollback') await dialog.getByLabel('Type the wave id to confirm').fill(waveId);
    await dialog.getByRole('button', { name: kind === 'deploy' ? 'Deploy wave' : 'Undo wave deploy', exact: true }).click();
    if (!options.expectRefusal) await expect(dialog).toBeHidden();
    return dialog;
  }

  /** The status line of the wave's newest operation (data-status, data-kind). */
  waveOperation(waveId: string): Locator {
    return this.wave(waveId).getByTestId('wave-operation');
  }

  /** Waits until the wave's newest operation is of this kind and has this status. */
  async waitForWaveOperation(waveId: string, kind: 'wave-deploy' | 'wave-rollback', status: OperationStatus, timeout = 90_000): Promise<void> {
    await expect(this.wave(waveId).locator(`[data-testid="wave-operation"][data-kind="${kind}"][data-status="${status}"]`)).toBeVisible({ timeout });
  }

  /** A stack's chip in the wave's progress strip (data-status). */
  waveStackStatus(waveId: string, stackId: string): Locator {
    return this.wave(waveId).locator(`[data-testid="wave-stack-status"][data-stack-id="${stackId}"]`);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Crash recovery
  // ---------------------------------------------------------------------------------------------------------

  recoveryPanel(): Locator {
    return this.page.getByTestId('recovery-panel');
  }

  recoveryItem(stackId: string): Locator {
    return this.page.locator(`[data-testid="recovery-item"][data-stack-id="${stackId}"]`);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Journal
  // ---------------------------------------------------------------------------------------------------------

  async showJournal(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Journal' }).click();
    await expect(this.page.getByTestId('journal')).toBeVisible();
  }

  async showPlan(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Plan' }).click();
    await expect(this.waves().first()).toBeVisible();
  }

  journalRows(filter: { phase?: string; kind?: string } = {}): Locator {
    const attributes = [filter.phase ? `[data-phase="${filter.phase}"]` : '', filter.kind ? `[data-kind="${filter.kind}"]` : ''].join('');
    return this.page.locator(`[data-testid="journal-row"]${attributes}`);
  }

  async filterJournalByStack(stackId: string | null): Promise<void> {
    await this.page
      .getByTestId('journal')
      .getByLabel('Stack')
      .selectOption(stackId ?? '');
  }

  toolchainBadge(): Locator {
    return this.page.getByTestId('toolchain-badge');
  }
}
