// The views' screenshots for looking at them as an operator: both themes at 1440×900 and 1280×720, only when a run
// asks for them (MIGRATION_COCKPIT_SCREENSHOTS=<dir>). One helper for every spec that saves views.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';

const SHOTS = process.env.MIGRATION_COCKPIT_SCREENSHOTS;
const SIZES = [
  [1440, 900],
  [1280, 720],
] as const;

/** Scrolls the nearest scrolling pane around `element` so it is at the pane's top (or the pane back to its top). */
export async function scrollIntoPane(element: Locator, where: 'element' | 'top' = 'element'): Promise<void> {
  // The page's DOM, as far as this reads it (the e2e code is compiled without the DOM's types).
  interface Box {
    readonly parentElement: Box | null;
    scrollTop: number;
    readonly scrollHeight: number;
    readonly clientHeight: number;
    getBoundingClientRect(): { readonly top: number };
  }
  await element.evaluate((target: Box, to) => {
    const { getComputedStyle } = globalThis as unknown as { getComputedStyle(box: Box): { overflowY: string } };
    const scrolls = (box: Box) => /(auto|scroll)/.test(getComputedStyle(box).overflowY) && box.scrollHeight > box.clientHeight;
    let pane = target.parentElement;
    while (pane && !scrolls(pane)) pane = pane.parentElement;
    if (pane) pane.scrollTop = to === 'top' ? 0 : pane.scrollTop + target.getBoundingClientRect().top - pane.getBoundingClientRect().top - 8;
  }, where);
}

/**
 * Saves the page as `<name>-<theme>-<width>x<height>.png` in both themes at both sizes and, with `focus`, once more
 * with each focus scrolled into view (`<name>-scrolled[-n]-…`). The theme is flipped on <html> directly (a modal
 * dialog keeps the header's toggle out of reach) and put back, as is the viewport.
 */
export async function shoot(page: Page, name: string, ...focus: Locator[]): Promise<void> {
  if (!SHOTS) return;
  await mkdir(SHOTS, { recursive: true });
  const html = page.locator('html');
  const setTheme = (next: string) =>
    html.evaluate((element: { dataset: Record<string, string | undefined> }, theme: string) => void (element.dataset.theme = theme), next);
  const original = (await html.getAttribute('data-theme')) ?? 'dark';
  const viewport = page.viewportSize();
  for (const theme of [original, original === 'dark' ? 'light' : 'dark']) {
    await setTheme(theme);
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      if (focus[0]) await scrollIntoPane(focus[0], 'top');
      await page.screenshot({ path: path.join(SHOTS, `${name}-${theme}-${width}x${height}.png`) });
      for (const [index, element] of focus.entries()) {
        await scrollIntoPane(element);
        const suffix = focus.length > 1 ? `scrolled-${index + 1}` : 'scrolled';
        await page.screenshot({ path: path.join(SHOTS, `${name}-${suffix}-${theme}-${width}x${height}.png`) });
      }
    }
  }
  await setTheme(original);
  if (viewport) await page.setViewportSize(viewport);
}
