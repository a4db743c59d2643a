// The plan view benchmark's results (bench/planview.ts): each rendering's runs summarized, and its section of
// docs/BENCHMARKS.md.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { FRAME_TARGET_MS, percentiles, summarizeFrames, type FrameSummary, type MainThreadTime } from './browser';
import { fmt, stats } from './common';
import { QUERIES, RENDERING_KEY, REMOUNTS, SCROLL_EVERY_MS, SCROLL_STEP_PX, TYPING_DELAY_MS, VIEWPORT, type Rendering, type RunResult } from './planview-page';

export const START_MARKER = '<!-- bench:planview:start -->';
export const END_MARKER = '<!-- bench:planview:end -->';
export const FIRST_RENDER_TARGET_MS = 1500;

export interface ModeResult {
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

export interface BenchResult {
  readonly stacks: number;
  readonly waves: number;
  readonly rounds: number;
  readonly seconds: number;
  readonly chromium: string;
  readonly modes: Record<Rendering, ModeResult>;
}

export function summarize(runs: readonly RunResult[]): ModeResult {
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

const passFail = (pass: boolean) => (pass ? '**pass**' : '**FAIL**');
const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(value < 100 ? 1 : 0)} ms` : '—');
const ratio = (plain: number, virtual: number) => (virtual > 0 && Number.isFinite(plain / virtual) ? `${(plain / virtual).toFixed(1)}×` : '—');

export function summaryTable(r: BenchResult): string {
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
  const input = s.slowestInput
    ? s.slowestInput.count === 0
      ? 'none ≥ 16 ms'
      : `${s.slowestInput.max.toFixed(0)} ms (${s.slowestInput.name}; ${s.slowestInput.count} ≥ 16 ms)`
    : 'not supported';
  return `| ${label} | ${fmt.int(s.frames)} | ${ms(s.median)} | ${ms(s.p99)} | ${ms(s.max)} | ${s.over} | ${loaf} | ${s.longTasks ? `${s.longTasks.count} (${s.longTasks.max.toFixed(0)} ms)` : 'not supported'} | ${input} |`;
}

function busyRow(label: string, m: ModeResult): string {
  const b = m.filterBusy;
  return `| ${label} | ${ms(m.scrollBusyPer1000)} | ${ms(b.task)} | ${ms(b.script)} | ${ms(b.style)} | ${ms(b.layout)} |`;
}

export function planviewSection(r: BenchResult, run: { started: number; loadAtStart: number[] }): string {
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
      "more registered or deployed, one in 97 failed. The cockpit core runs in the benchmark's process (`startCockpitCore`, the real readiness service) and serves the real renderer " +
      `built in bench mode (\`vite build --mode bench\`: the product's renderer with the switch below, which the product build leaves out) through the web bridge with its token and cookie, as \`migration-cockpit serve\` does; headless Chromium ${r.chromium} (Playwright, \`/usr/bin/chromium\`, ` +
      `the e2e launcher's flags, software rendering), ${VIEWPORT.width} × ${VIEWPORT.height}. **Side by side:** every measurement is taken on the virtualized plan view (what a plan ` +
      'of more than 150 stacks gets: only the rows on screen, and the waves following the search box in a render React can interrupt, `useDeferredValue`) and on the plain ' +
      `rendering it replaced (every wave section with all its cards, each key filtered at once, forced with the bench build's \`localStorage['${RENDERING_KEY}'] = 'plain'\`), ` +
      `${r.rounds === 1 ? 'one round' : `${r.rounds} rounds`} each in a fresh browser context, the order alternating from round to round, so the ratio compares the two on the same machine at the same time.`,
    '',
    '### Rendering',
    '',
    "**First render**: from the app page's navigation start (after the token exchange) to the first frame painted with stack cards (a MutationObserver sees the first card, then " +
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
    "Frame durations depend on what else the machine runs (see the load average); Chromium's own counters of the renderer's main-thread time (DevTools protocol " +
      '`Performance.getMetrics`: all tasks, and of them script, style and layout) say what the page itself cost, median of the runs:',
    '',
    '| rendering | scrolling: main thread per 1,000 px | searching and filtering: main thread | of it script | style | layout |',
    '| --- | --- | --- | --- | --- | --- |',
    busyRow('virtualized', v),
    busyRow('plain', p),
    '',
    "The virtualized view renders a wave's heading and its rows of cards (as many as fit side by side) only where they are on screen, three rows more on each side and the row of " +
      'the card that holds the Tab stop; heights are measured as rows render. So a keystroke in the search box re-renders the rows on screen, not every card of the plan, and scrolling ' +
      "mounts and unmounts rows as they pass, which the plain rendering never does (it only paints what is already laid out). A Long Animation Frame's script and rendering times " +
      "say how much of a long frame was the page's own work: when they are small and the frame is long, the renderer waited (the OS scheduler on a shared machine, the software " +
      'compositor). Frames are paced at 60 Hz, so a missed frame shows as 33 or 50 ms.',
    END_MARKER,
  ].join('\n');
}
