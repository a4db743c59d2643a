// The plan view benchmark's work in the page (bench/planview.ts): one run of one rendering in a fresh browser
// context: the first render, re-renders, the waves overview, scrolling the plan and searching and filtering, with
// the frames and the main thread's time of each. The rendering is chosen by the bench build's switch
// (localStorage[RENDERING_KEY], read by renderer/src/components/plan/PlanView.tsx only in a `--mode bench` build).
import type { Browser, Page } from '@playwright/test';
import { countMainThread, FRAME_COLLECT, FRAME_PROBE, type FrameSample, type MainThreadTime } from './browser';

/** The switch between the plan view's two renderings (defined for bench builds in vite.renderer.config.ts). */
export const RENDERING_KEY = 'migration-cockpit:plan-rendering';
export const VIEWPORT = { width: 1400, height: 900 };
export const SCROLL_STEP_PX = 400;
export const SCROLL_EVERY_MS = 100;
export const QUERIES = ['app1', 'order service 15', 'wave-05', 'logistics 19'];
export const TYPING_DELAY_MS = 120;
export const REMOUNTS = 3;

export type Rendering = 'virtual' | 'plain';
export const RENDERINGS: readonly Rendering[] = ['virtual', 'plain'];

export interface RunResult {
  readonly firstRenderMs: number;
  /** When the answer to plan.get (the whole plan) had arrived, ms after navigation start, and its size. */
  readonly planReceivedMs: number;
  readonly planBytes: number;
  readonly domNodes: number;
  readonly cardsAfterLoad: number;
  readonly heapBytes: number | null;
  readonly remountMs: readonly number[];
  readonly overviewMs: number;
  readonly scroll: FrameSample;
  readonly scrolledPx: number;
  readonly scrollBusy: MainThreadTime;
  readonly maxCardsWhileScrolling: number;
  readonly filter: FrameSample;
  readonly filterBusy: MainThreadTime;
}

export async function measureRun(browser: Browser, url: string, rendering: Rendering, seconds: number): Promise<RunResult> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript({ content: initScript(rendering) });
    const page = await context.newPage();
    // The bridge's URL answers a page that moves on to / by itself (the token becomes a cookie): measure that page.
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForURL((address) => !address.search.includes('token='), { timeout: 15_000 });
    await waitInPage(page, 'window.__firstCards !== undefined', 120_000);
    const load = (await page.evaluate(LOAD_FACTS)) as {
      painted: number;
      planReceived: number;
      planBytes: number;
      domNodes: number;
      cards: number;
      heap: number | null;
    };
    await page.waitForTimeout(1500); // readiness and the rest of the first burst

    const remountMs: number[] = [];
    for (let i = 0; i < REMOUNTS; i++) {
      await page.evaluate(switchTab('journal', '[data-testid="journal"]'));
      await page.waitForTimeout(300);
      remountMs.push((await page.evaluate(switchTab('plan', '[data-testid="stack-card"]'))) as number);
      await page.waitForTimeout(300);
    }
    const overviewMs = (await page.evaluate(switchTab('waves', '[data-testid="overview-wave"]'))) as number;
    await page.waitForTimeout(300);
    await page.evaluate(switchTab('plan', '[data-testid="stack-card"]'));
    await page.waitForTimeout(500);

    let busy = await countMainThread(page);
    const { sample: scroll, scrolledPx, maxCards } = await scrollPlan(page, seconds);
    const scrollBusy = await busy();
    await page.evaluate(`document.querySelector('.app-main').scrollTop = 0`);
    await page.waitForTimeout(500);
    busy = await countMainThread(page);
    const filter = await searchAndFilter(page);
    const filterBusy = await busy();
    return {
      firstRenderMs: load.painted,
      planReceivedMs: load.planReceived,
      planBytes: load.planBytes,
      domNodes: load.domNodes,
      cardsAfterLoad: load.cards,
      heapBytes: load.heap,
      remountMs,
      overviewMs,
      scroll,
      scrolledPx,
      scrollBusy,
      maxCardsWhileScrolling: maxCards,
      filter,
      filterBusy,
    };
  } finally {
    await context.close();
  }
}

/** Polls a condition in the page (waitForFunction would evaluate it with eval, which the page's CSP forbids). */
async function waitInPage(page: Page, condition: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await page.evaluate(condition))) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${condition}`);
    await page.waitForTimeout(25);
  }
}

/** Scrolls the main area 400 px every 100 ms, turning at the bottom and again at the top. */
async function scrollPlan(page: Page, seconds: number): Promise<{ sample: FrameSample; scrolledPx: number; maxCards: number }> {
  await page.evaluate(FRAME_PROBE);
  const until = Date.now() + seconds * 1000;
  let direction = 1;
  let scrolledPx = 0;
  let maxCards = 0;
  while (Date.now() < until) {
    const step = (await page.evaluate(`(() => {
      const main = document.querySelector('.app-main');
      const before = main.scrollTop;
      main.scrollBy(0, ${direction * SCROLL_STEP_PX});
      const atEnd = main.scrollTop + main.clientHeight >= main.scrollHeight - 2 || main.scrollTop === 0;
      return { moved: Math.abs(main.scrollTop - before), atEnd, cards: document.querySelectorAll('[data-testid="stack-card"]').length };
    })()`)) as { moved: number; atEnd: boolean; cards: number };
    scrolledPx += step.moved;
    maxCards = Math.max(maxCards, step.cards);
    if (step.atEnd && step.moved > 0) direction = -direction;
    await page.waitForTimeout(SCROLL_EVERY_MS);
  }
  return { sample: (await page.evaluate(FRAME_COLLECT)) as FrameSample, scrolledPx, maxCards };
}

/** Types queries into the search box a key at a time and clears them, then toggles two state chips and the project filter. */
async function searchAndFilter(page: Page): Promise<FrameSample> {
  await page.evaluate(FRAME_PROBE);
  const search = page.getByLabel('Search stacks');
  await search.click();
  for (const query of QUERIES) {
    await page.keyboard.type(query, { delay: TYPING_DELAY_MS });
    await page.waitForTimeout(400);
    for (let i = 0; i < query.length; i++) await page.keyboard.press('Backspace', { delay: TYPING_DELAY_MS / 2 });
    await page.waitForTimeout(400);
  }
  for (const state of ['cut-over', 'failed']) {
    const chip = page.locator(`.state-chips .chip[data-state="${state}"]`);
    await chip.click();
    await page.waitForTimeout(400);
    await chip.click();
    await page.waitForTimeout(400);
  }
  const project = page.getByRole('combobox', { name: 'Project' });
  await project.selectOption('retail-production');
  await page.waitForTimeout(400);
  await project.selectOption('');
  await page.waitForTimeout(400);
  return (await page.evaluate(FRAME_COLLECT)) as FrameSample;
}

/** Runs before the app's scripts in every page: picks the rendering and notes when the first cards are painted. */
function initScript(rendering: Rendering): string {
  return `(() => {
    try { localStorage.setItem(${JSON.stringify(RENDERING_KEY)}, ${JSON.stringify(rendering)}); } catch {}
    const observer = new MutationObserver(() => {
      if (!document.querySelector('[data-testid="stack-card"]')) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => { window.__firstCards = performance.now(); }, 0));
    });
    observer.observe(document, { childList: true, subtree: true });
  })()`;
}

const LOAD_FACTS = `(() => {
  const plan = performance.getEntriesByType('resource').find((entry) => entry.name.includes('/api/command/plan.get'));
  return {
    painted: window.__firstCards,
    planReceived: plan ? plan.responseEnd : NaN,
    planBytes: plan ? plan.decodedBodySize : NaN,
    domNodes: document.getElementsByTagName('*').length,
    cards: document.querySelectorAll('[data-testid="stack-card"]').length,
    heap: performance.memory ? performance.memory.usedJSHeapSize : null,
  };
})()`;

/** Clicks a view tab in the page and resolves with the ms until the first frame painted with `selector` in it. */
function switchTab(view: string, selector: string): string {
  return `(async () => {
    const started = performance.now();
    document.getElementById('view-tab-${view}').click();
    await new Promise((resolve) => { const check = () => (document.querySelector('${selector}') ? resolve() : requestAnimationFrame(check)); check(); });
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - started;
  })()`;
}
