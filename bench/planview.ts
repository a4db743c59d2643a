// The plan view benchmark (npm run bench:planview): a generated estate of 2,000 stacks in 100 waves
// (bench/lib/large-plan.ts) loaded by the real cockpit core in this process and shown by the real renderer
// (dist/renderer, built first) through the web bridge, in Chromium (Playwright, /usr/bin/chromium). Each
// measurement runs on the virtualized plan view and, side by side in the same run, on the plain rendering it
// replaced for large plans (every card in the DOM; localStorage['migration-cockpit:plan-rendering'] = 'plain'),
// the two interleaved over rounds:
// 1. first render: from the app page's navigation start to the first frame painted with stack cards;
// 2. re-render: from a click on the Plan tab (leaving the Journal tab) to the first frame painted with cards;
// 3. frames while scrolling the plan (400 px every 100 ms, down and back up);
// 4. frames while searching and filtering (queries typed a key at a time, state chips, the project filter).
// The waves overview of the 100 waves is timed too (a click on the Waves tab until it is painted).
// Rewrites its section of docs/BENCHMARKS.md; asserts nothing.
//
//   node --import tsx bench/planview.ts [--stacks=2000] [--waves=100] [--rounds=2] [--seconds=10] [--no-build] [--quick] [--no-doc] [--doc=<file>]
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startWebBridge } from '../main/api/web-bridge';
import { RENDERER_DIR } from '../main/cli/app-paths';
import { startCockpitCore, type CockpitCore } from '../main/core/cockpit-core';
import { buildRenderer, CHROMIUM, CHROMIUM_ARGS, countMainThread, FRAME_COLLECT, FRAME_PROBE, FRAME_TARGET_MS, percentiles, summarizeFrames, type FrameSample, type FrameSummary, type MainThreadTime } from './lib/browser';
import { fmt, log, makeTempDir, REPO, removeTempDirs, stats } from './lib/common';
import { removeTempDirsOnInterrupt, writeDocSection } from './lib/doc-section';
import { largePlanStackId, largePlanYaml } from './lib/large-plan';

const START_MARKER = '<!-- bench:planview:start -->';
const END_MARKER = '<!-- bench:planview:end -->';
const FIRST_RENDER_TARGET_MS = 1500;
const RENDERING_KEY = 'migration-cockpit:plan-rendering';
const VIEWPORT = { width: 1400, height: 900 };
const SCROLL_STEP_PX = 400;
const SCROLL_EVERY_MS = 100;
const QUERIES = ['app1', 'order service 15', 'wave-05', 'logistics 19'];
const TYPING_DELAY_MS = 120;
const REMOUNTS = 3;

type Rendering = 'virtual' | 'plain';
const RENDERINGS: readonly Rendering[] = ['virtual', 'plain'];

interface RunResult {
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

interface ModeResult {
  readonly runs: readonly RunResult[];
  readonly firstRender: ReturnType<typeof percentiles>;
  readonly remountMedian: number;
  readonly overviewMedian: number;
  readonly scroll: FrameSummary;
  readonly filter: FrameSummary;
  /** Main-thread ms per 1,000 px scrolled, and for the whole search-and-filter script (medians over the runs). */
  readonly scrollBusyPer1000: number;
  readonly filterBusy: MainThreadTime;
}

interface BenchResult {
  readonly stacks: number;
  readonly waves: number;
  readonly rounds: number;
  readonly seconds: number;
  readonly chromium: string;
  readonly modes: Record<Rendering, ModeResult>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stacks: { type: 'string', default: '2000' },
      waves: { type: 'string', default: '100' },
      rounds: { type: 'string', default: '2' },
      seconds: { type: 'string', default: '10' },
      'no-build': { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      'no-doc': { type: 'boolean', default: false },
      doc: { type: 'string' },
    },
  });
  const quick = values.quick;
  const stacks = Number(values.stacks);
  const waves = Number(values.waves);
  const rounds = quick ? 1 : Number(values.rounds);
  const seconds = quick ? 4 : Number(values.seconds);
  const started = performance.now();
  const loadAtStart = os.loadavg();
  log(`plan view benchmark: ${stacks} stacks in ${waves} waves, ${rounds} round(s) of each rendering, ${seconds} s of scrolling; Node.js ${process.version}, ${os.cpus().length} cores`);
  if (!existsSync(CHROMIUM)) throw new Error(`the plan view benchmark needs Chromium at ${CHROMIUM}`);
  if (!values['no-build']) buildRenderer();

  const result = await measure(stacks, waves, rounds, seconds);
  const section = planviewSection(result, { started, loadAtStart });
  log(`\n${summaryTable(result)}`);
  if (values['no-doc'] || (quick && !values.doc)) {
    log('\n(--quick / --no-doc: docs/BENCHMARKS.md not rewritten)');
    return;
  }
  const doc = path.resolve(values.doc ?? path.join(REPO, 'docs', 'BENCHMARKS.md'));
  await writeDocSection(doc, { start: START_MARKER, end: END_MARKER }, section);
  log(`\nwrote the plan view section of ${path.relative(process.cwd(), doc)}`);
}

async function measure(stacks: number, waves: number, rounds: number, seconds: number): Promise<BenchResult> {
  const dir = await makeTempDir('mc-bench-planview-');
  let core: CockpitCore | undefined;
  let bridge: Awaited<ReturnType<typeof startWebBridge>> | undefined;
  let browser: Browser | undefined;
  try {
    const planFile = path.join(dir, 'migration.yaml');
    await writeFile(planFile, largePlanYaml({ stacks, waves }));
    core = await startCockpitCore({ dataDir: path.join(dir, 'data'), appRoot: REPO, transport: 'web', version: 'bench', planFile, watchPlan: false });
    // A migration under way: the first waves cut over, some registered or deployed, a few failed.
    for (let s = 0; s < stacks; s++) {
      const state = s % 97 === 13 ? 'failed' : s < stacks * 0.2 ? 'cut-over' : s < stacks * 0.35 ? 'registered' : s < stacks * 0.5 ? 'deployed' : null;
      if (state) core.setLifecycle(largePlanStackId(s), state, 'bench');
    }
    bridge = await startWebBridge({ dispatch: core.dispatch, subscribe: core.subscribe, staticDir: RENDERER_DIR, port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const runs: Record<Rendering, RunResult[]> = { virtual: [], plain: [] };
    for (let round = 0; round < rounds; round++) {
      // Alternate which rendering goes first, so neither always runs on a warmer (or busier) machine.
      const order = round % 2 === 0 ? RENDERINGS : [...RENDERINGS].reverse();
      for (const rendering of order) {
        log(`round ${round + 1}: ${rendering}…`);
        const run = await measureRun(browser, bridge.url, rendering, seconds);
        log(
          `  first render ${run.firstRenderMs.toFixed(0)} ms (plan received at ${run.planReceivedMs.toFixed(0)} ms), ${run.cardsAfterLoad} cards, ${fmt.int(run.domNodes)} DOM nodes; ` +
            `re-render ${run.remountMs.map((ms) => ms.toFixed(0)).join(' / ')} ms; overview ${run.overviewMs.toFixed(0)} ms; ` +
            `scroll max frame ${percentiles(run.scroll.deltas.slice(1)).max.toFixed(1)} ms; filter max frame ${percentiles(run.filter.deltas.slice(1)).max.toFixed(1)} ms`,
        );
        const per1000 = (run.scrollBusy.task / Math.max(1, run.scrolledPx)) * 1000;
        log(`  main thread: ${per1000.toFixed(0)} ms per 1,000 px scrolled (${run.scrolledPx} px: script ${run.scrollBusy.script.toFixed(0)}, style ${run.scrollBusy.style.toFixed(0)}, layout ${run.scrollBusy.layout.toFixed(0)}, all ${run.scrollBusy.task.toFixed(0)}), ${run.filterBusy.task.toFixed(0)} ms searching and filtering (script ${run.filterBusy.script.toFixed(0)}, style ${run.filterBusy.style.toFixed(0)}, layout ${run.filterBusy.layout.toFixed(0)})`);
        if (process.env.MC_BENCH_VERBOSE) {
          for (const [phase, sample] of [['scroll', run.scroll], ['filter', run.filter]] as const) {
            const longest = [...(sample.loaf ?? [])].sort((a, b) => b.duration - a.duration).slice(0, 5);
            log(`  ${phase}: longest animation frames (ms, script / rendering / blocking, longest script): ${longest.map((l) => `${l.duration.toFixed(0)} (${l.scripts.toFixed(0)} / ${l.render.toFixed(0)} / ${l.blocking.toFixed(0)} ${l.invoker})`).join(', ')}`);
          }
        }
        runs[rendering].push(run);
      }
    }
    return { stacks, waves, rounds, seconds, chromium: browser.version(), modes: { virtual: summarize(runs.virtual), plain: summarize(runs.plain) } };
  } finally {
    await browser?.close();
    await bridge?.close();
    await core?.close();
  }
}

function summarize(runs: readonly RunResult[]): ModeResult {
  return {
    runs,
    firstRender: percentiles(runs.map((run) => run.firstRenderMs)),
    remountMedian: stats(runs.flatMap((run) => run.remountMs)).median,
    overviewMedian: stats(runs.map((run) => run.overviewMs)).median,
    scroll: summarizeFrames(runs.map((run) => run.scroll)),
    filter: summarizeFrames(runs.map((run) => run.filter)),
    scrollBusyPer1000: stats(runs.map((run) => (run.scrollBusy.task / Math.max(1, run.scrolledPx)) * 1000)).median,
    filterBusy: {
      task: stats(runs.map((run) => run.filterBusy.task)).median,
      script: stats(runs.map((run) => run.filterBusy.script)).median,
      style: stats(runs.map((run) => run.filterBusy.style)).median,
      layout: stats(runs.map((run) => run.filterBusy.layout)).median,
    },
  };
}

async function measureRun(browser: Browser, url: string, rendering: Rendering, seconds: number): Promise<RunResult> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript({ content: initScript(rendering) });
    const page = await context.newPage();
    // The bridge's URL answers a page that moves on to / by itself (the token becomes a cookie): measure that page.
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForURL((address) => !address.search.includes('token='), { timeout: 15_000 });
    await waitInPage(page, 'window.__firstCards !== undefined', 120_000);
    const load = (await page.evaluate(LOAD_FACTS)) as { painted: number; planReceived: number; planBytes: number; domNodes: number; cards: number; heap: number | null };
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

// -------------------------------------------------------------------------------------------------------------
// Report
// -------------------------------------------------------------------------------------------------------------

const passFail = (pass: boolean) => (pass ? '**pass**' : '**FAIL**');
const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(value < 100 ? 1 : 0)} ms` : '—');
const ratio = (plain: number, virtual: number) => (virtual > 0 && Number.isFinite(plain / virtual) ? `${(plain / virtual).toFixed(1)}×` : '—');

function summaryTable(r: BenchResult): string {
  const v = r.modes.virtual;
  const p = r.modes.plain;
  const frames = (s: FrameSummary) =>
    `max ${ms(s.max)}, p99 ${ms(s.p99)}; ${s.over} of ${fmt.int(s.frames)} frames over ${FRAME_TARGET_MS} ms` +
    (s.overOwnWork === null ? '' : `, ${s.overOwnWork} with over ${FRAME_TARGET_MS} ms of the page's own script and rendering`);
  return [
    '| benchmark | virtualized (measured) | plain rendering, side by side | plain / virtualized | target (virtualized) | result |',
    '| --- | --- | --- | --- | --- | --- |',
    `| 1. First render of ${fmt.int(r.stacks)} stacks in ${r.waves} waves: navigation → cards painted (worst of ${r.rounds}) | ${ms(v.firstRender.max)} | ${ms(p.firstRender.max)} | ${ratio(p.firstRender.max, v.firstRender.max)} | ≤ ${fmt.int(FIRST_RENDER_TARGET_MS)} ms | ${passFail(v.firstRender.max <= FIRST_RENDER_TARGET_MS)} |`,
    `| 2. Re-render: Plan tab clicked → cards painted (median of ${r.rounds * REMOUNTS}) | ${ms(v.remountMedian)} | ${ms(p.remountMedian)} | ${ratio(p.remountMedian, v.remountMedian)} | — | — |`,
    `| 3. Frames while scrolling the plan (${r.rounds} × ${r.seconds} s) | ${frames(v.scroll)} | ${frames(p.scroll)} | ${ratio(p.scroll.max, v.scroll.max)} (longest frame) | no frame over ${FRAME_TARGET_MS} ms | ${passFail(v.scroll.over === 0)} |`,
    `| 4. Frames while searching and filtering | ${frames(v.filter)} | ${frames(p.filter)} | ${ratio(p.filter.max, v.filter.max)} (longest frame) | no frame over ${FRAME_TARGET_MS} ms | ${passFail(v.filter.over === 0)} |`,
    `| 5. Main-thread time while searching and filtering (Chromium's counters, median of the runs) | ${ms(v.filterBusy.task)} | ${ms(p.filterBusy.task)} | ${ratio(p.filterBusy.task, v.filterBusy.task)} | — | — |`,
    `| 6. Main-thread time per 1,000 px scrolled (median of the runs) | ${ms(v.scrollBusyPer1000)} | ${ms(p.scrollBusyPer1000)} | ${ratio(p.scrollBusyPer1000, v.scrollBusyPer1000)} | — | — |`,
  ].join('\n');
}

function frameRow(label: string, s: FrameSummary): string {
  const loaf = s.loaf ? `${s.loaf.count} (${s.loaf.max.toFixed(0)} ms; ${s.loaf.scripts.toFixed(0)} / ${s.loaf.render.toFixed(0)} ms)` : 'not supported';
  const input = s.slowestInput ? (s.slowestInput.count === 0 ? 'none ≥ 16 ms' : `${s.slowestInput.max.toFixed(0)} ms (${s.slowestInput.name}; ${s.slowestInput.count} ≥ 16 ms)`) : 'not supported';
  return `| ${label} | ${fmt.int(s.frames)} | ${ms(s.median)} | ${ms(s.p99)} | ${ms(s.max)} | ${s.over} | ${loaf} | ${s.longTasks ? `${s.longTasks.count} (${s.longTasks.max.toFixed(0)} ms)` : 'not supported'} | ${input} |`;
}

function busyRow(label: string, m: ModeResult): string {
  const b = m.filterBusy;
  return `| ${label} | ${ms(m.scrollBusyPer1000)} | ${ms(b.task)} | ${ms(b.script)} | ${ms(b.style)} | ${ms(b.layout)} |`;
}

function planviewSection(r: BenchResult, run: { started: number; loadAtStart: number[] }): string {
  const v = r.modes.virtual;
  const p = r.modes.plain;
  const load = (values: readonly number[]) => values.map((value) => value.toFixed(2)).join(' / ');
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const seconds = (performance.now() - run.started) / 1000;
  const list = (values: readonly number[]) => values.map((value) => value.toFixed(0)).join(', ');
  const heap = (m: ModeResult) => {
    const values = m.runs.map((one) => one.heapBytes).filter((value): value is number => value !== null);
    return values.length > 0 ? fmt.mib(Math.max(...values)) : '—';
  };
  const modeRow = (label: string, m: ModeResult) =>
    `| ${label} | ${list(m.runs.map((one) => one.firstRenderMs))} | ${list(m.runs.map((one) => one.planReceivedMs))} | ${list(m.runs.flatMap((one) => one.remountMs))} | ` +
    `${Math.max(...m.runs.map((one) => one.cardsAfterLoad))} | ${Math.max(...m.runs.map((one) => one.maxCardsWhileScrolling))} | ${fmt.int(Math.max(...m.runs.map((one) => one.domNodes)))} | ${heap(m)} |`;
  return [
    START_MARKER,
    '## Plan view',
    '',
    `Measured ${date} by \`npm run bench:planview\` (${Math.round(seconds)} s): ${os.type()} ${os.release()} ${os.arch()}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM; Node.js ${process.version}; Chromium ${r.chromium}. Load average (1 / 5 / 15 min) at the start ${load(run.loadAtStart)}, at the end ${load(os.loadavg())}.`,
    '',
    summaryTable(r),
    '',
    `**Setup.** A generated estate (\`bench/lib/large-plan.ts\`): ${fmt.int(r.stacks)} stacks in ${r.waves} waves (4 foundation waves without a cutover window, the others cut over ` +
      'on Saturday nights, 8 a night with overlapping windows, over 12 weeks), one stack in three with a description, every stack in one registry; a fifth of the stacks cut over, ' +
      'more registered or deployed, one in 97 failed. The cockpit core runs in the benchmark\'s process (`startCockpitCore`, the real readiness service) and serves the real renderer ' +
      `(\`npm run build:renderer\`) through the web bridge with its token and cookie, as \`migration-cockpit serve\` does; headless Chromium ${r.chromium} (Playwright, \`/usr/bin/chromium\`, ` +
      `the e2e launcher's flags, software rendering), ${VIEWPORT.width} × ${VIEWPORT.height}. **Side by side:** every measurement is taken on the virtualized plan view (what a plan ` +
      'of more than 150 stacks gets: only the rows on screen, and the waves following the search box in a render React can interrupt, `useDeferredValue`) and on the plain ' +
      `rendering it replaced (every wave section with all its cards, each key filtered at once, forced with \`localStorage['${RENDERING_KEY}'] = 'plain'\`), ` +
      `${r.rounds === 1 ? 'one round' : `${r.rounds} rounds`} each in a fresh browser context, the order alternating from round to round, so the ratio compares the two on the same machine at the same time.`,
    '',
    '### Rendering',
    '',
    '**First render**: from the app page\'s navigation start (after the token exchange) to the first frame painted with stack cards (a MutationObserver sees the first card, then ' +
      `one animation frame and a task); it includes loading the scripts, the WebSocket, \`plan.get\` (the whole plan, ${fmt.mib(v.runs[0]?.planBytes ?? NaN)} of JSON) and React's first render. **Re-render**: a click on the ` +
      'Plan tab (coming from the Journal tab, the plan already in the store) until the first frame painted with cards: React mounting the plan view alone. Each run in ms:',
    '',
    '| rendering | first render, ms | `plan.get` answered at, ms | re-render, ms | cards in the DOM after load | most cards in the DOM while scrolling | DOM elements after load | JS heap after load (largest) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    modeRow('virtualized', v),
    modeRow('plain', p),
    '',
    `The waves overview (the Waves tab: ${r.waves} waves on the timeline, each with its phase badge) takes ${ms(v.overviewMedian)} from the click until painted (median of the virtualized runs; ${ms(p.overviewMedian)} in the others, the same view).`,
    '',
    '### Frames while scrolling and while searching',
    '',
    `**Scrolling**: the main area scrolled ${SCROLL_STEP_PX} px every ${SCROLL_EVERY_MS} ms for ${r.seconds} s per run (down, turning at the bottom). **Searching and filtering**: ` +
      `${QUERIES.map((query) => `"${query}"`).join(', ')} typed into the search box a key every ${TYPING_DELAY_MS} ms and deleted again key by key, then the state chips \`cut over\` and ` +
      '`failed` each switched on and off, then the project filter set and reset. Frames are requestAnimationFrame deltas; Long Animation Frames and long tasks through PerformanceObserver; ' +
      '"slowest input" is Event Timing\'s duration of the slowest key press or click until the next paint (only those of 16 ms or more are reported). The summary ' +
      `counts apart the long frames whose Long Animation Frame entry has more than ${FRAME_TARGET_MS} ms of the page's own script and rendering; in the others the renderer waited.`,
    '',
    '| rendering, phase | frames | median | p99 | max | frames over 50 ms | long animation frames (longest; its script / rendering) | long tasks (max) | slowest input |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    frameRow('virtualized, scrolling', v.scroll),
    frameRow('plain, scrolling', p.scroll),
    frameRow('virtualized, searching and filtering', v.filter),
    frameRow('plain, searching and filtering', p.filter),
    '',
    'Frame durations depend on what else the machine runs (see the load average); Chromium\'s own counters of the renderer\'s main-thread time (DevTools protocol ' +
      '`Performance.getMetrics`: all tasks, and of them script, style and layout) say what the page itself cost, median of the runs:',
    '',
    '| rendering | scrolling: main thread per 1,000 px | searching and filtering: main thread | of it script | style | layout |',
    '| --- | --- | --- | --- | --- | --- |',
    busyRow('virtualized', v),
    busyRow('plain', p),
    '',
    'The virtualized view renders a wave\'s heading and its rows of cards (as many as fit side by side) only where they are on screen, three rows more on each side and the row of ' +
      'the card that holds the Tab stop; heights are measured as rows render. So a keystroke in the search box re-renders the rows on screen, not every card of the plan, and scrolling ' +
      'mounts and unmounts rows as they pass, which the plain rendering never does (it only paints what is already laid out). A Long Animation Frame\'s script and rendering times ' +
      'say how much of a long frame was the page\'s own work: when they are small and the frame is long, the renderer waited (the OS scheduler on a shared machine, the software ' +
      'compositor). Frames are paced at 60 Hz, so a missed frame shows as 33 or 50 ms.',
    END_MARKER,
  ].join('\n');
}

removeTempDirsOnInterrupt();

main()
  .catch((error: unknown) => {
    process.stderr.write(`plan view benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => removeTempDirs());
