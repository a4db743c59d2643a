// The one driver the scenarios use: it speaks in an operator's terms (waves, stacks, plans) and hides selectors.
import { expect, type Locator, type Page } from '@playwright/test';

export class CockpitDriver {
  constructor(readonly page: Page) {}

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
    await dialog.getByLabel('Plan file path').fill(file);
    await dialog.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  planErrors(): Locator {
    return this.page.getByTestId('plan-issue');
  }

  async theme(): Promise<string | null> {
    return this.page.locator('html').getAttribute('data-theme');
  }
}
