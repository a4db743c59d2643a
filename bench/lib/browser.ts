// What the browser benchmarks share: the renderer build (the product's, or the bench build with the plan view's
// rendering switch), the cockpit core's renderer served through the web bridge to Chromium started as the e2e
// launcher starts it, and a probe that runs in the page: frame durations (requestAnimationFrame deltas), Long
// Animation Frames, long tasks and Event Timing (how long each input took until the next paint); and the main
// thread's busy time from the DevTools protocol, which the machine's other work disturbs far less than frame
// durations.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startWebBridge } from '../../host/web/web-bridge';
import type { CockpitCore } from '../../main/core/cockpit-core';
import { log, REPO } from './common';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The e2e launcher's flags (without the networking ones Chromium keeps trying to reach Google's services). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const FRAME_TARGET_MS = 50;

/**
 * Where the bench build of the renderer goes: `vite build --mode bench`, which keeps what only benchmarks use (the
 * plan view's rendering switch, vite.renderer.config.ts) and is never served by the product (dist/renderer).
 */
export const BENCH_RENDERER_DIR = path.join(REPO, 'node_modules', '.cache', 'migration-cockpit', 'bench-renderer');

/** The product's renderer, as `npm run build:renderer` builds it (into dist/renderer). */
export function buildRenderer(): void {
  log('building the renderer (npm run build:renderer)…');
  viteBuild([]);
}

/** The renderer in bench mode, into BENCH_RENDERER_DIR (dist/renderer is left alone). */
export function buildBenchRenderer(): void {
  log(`building the renderer in bench mode (vite build --mode bench) into ${path.relative(process.cwd(), BENCH_RENDERER_DIR)}…`);
  viteBuild(['--mode', 'bench', '--outDir', BENCH_RENDERER_DIR]);
}

function viteBuild(extra: readonly string[]): void {
  const result = spawnSync(
    process.execPath,
    [path.join(REPO, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn', ...extra],
    {
      cwd: REPO,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error(`the renderer build failed (${result.status})`);
}

export interface CockpitInChromium {
  /** The bridge's address with its token (the page moves on to / by itself, the token becoming a cookie). */
  readonly url: string;
  readonly browser: Browser;
  /** Closes the browser, then the bridge (not the core). */
  close(): Promise<void>;
}

/**
 * Serves the renderer in `staticDir` through the core's web bridge with its token and cookie, as `migration-cockpit
 * serve` does, and starts headless Chromium with the e2e launcher's flags.
 */
export async function openCockpitInChromium(core: CockpitCore, staticDir: string): Promise<CockpitInChromium> {
  const bridge = await startWebBridge({ dispatch: core.dispatch, subscribe: core.subscribe, staticDir, port: 0 });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  } catch (error) {
    await bridge.close();
    throw error;
  }
  return {
    url: bridge.url,
    browser,
    async close() {
      await browser.close();
      await bridge.close();
    },
  };
}

/**
 * Starts a measurement in the page (stopping an earlier one). A string, because the benchmark's TypeScript has no
 * DOM types and tsx would wrap a function's inner functions in a helper the page does not have.
 */
export const FRAME_PROBE = `(() => {
  const previous = window.__frameProbe;
  if (previous) { previous.stop = true; for (const observer of previous.observers) observer.disconnect(); }
  const probe = { deltas: [], loaf: [], longTasks: [], events: [], observers: [], stop: false, startedAt: 0 };
  window.__frameProbe = probe;
  const observe = (type, onEntry, options) => {
    try {
      const observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) onEntry(entry); });
      observer.observe({ type, buffered: false, ...options });
      probe.observers.push(observer);
    } catch { return false; }
    return true;
  };
  if (!observe('long-animation-frame', (e) => {
    const scripts = (e.scripts ?? []).reduce((sum, script) => sum + script.duration, 0);
    const render = e.renderStart ? e.startTime + e.duration - e.renderStart : 0;
    const styleLayout = e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0;
    const top = (e.scripts ?? []).reduce((best, script) => (!best || script.duration > best.duration ? script : best), null);
    const invoker = top ? (top.invoker || top.invokerType || '') + (top.sourceFunctionName ? ' ' + top.sourceFunctionName : '') : '';
    probe.loaf.push({ at: e.startTime, duration: e.duration, blocking: e.blockingDuration ?? 0, scripts, render, styleLayout, invoker });
  })) probe.loaf = null;
  if (!observe('longtask', (e) => probe.longTasks.push(e.duration))) probe.longTasks = null;
  if (!observe('event', (e) => { if (e.interactionId) probe.events.push({ name: e.name, duration: e.duration }); }, { durationThreshold: 16 })) probe.events = null;
  let last = 0;
  const tick = (now) => { probe.deltas.push(now - last); last = now; if (!probe.stop) requestAnimationFrame(tick); };
  requestAnimationFrame((now) => { last = now; probe.startedAt = now; requestAnimationFrame(tick); });
})()`;

/** Stops the measurement and returns what it saw (a FrameSample). */
export const FRAME_COLLECT = `(() => {
  const probe = window.__frameProbe;
  probe.stop = true;
  for (const observer of probe.observers) observer.disconnect();
  return { deltas: probe.deltas, loaf: probe.loaf, longTasks: probe.longTasks, events: probe.events, startedAt: probe.startedAt };
})()`;

export interface FrameSample {
  readonly deltas: number[];
  /**
   * Long Animation Frames: when (page time), how long, blocking, script, rendering and style-and-layout time, and
   * what ran the longest script.
   */
  readonly loaf: { at: number; duration: number; blocking: number; scripts: number; render: number; styleLayout: number; invoker: string }[] | null;
  readonly longTasks: number[] | null;
  /** Inputs that took 16 ms or more until the next paint (Event Timing). */
  readonly events: { name: string; duration: number }[] | null;
  /** Page time of the first frame measured (the deltas count from it). */
  readonly startedAt: number;
}

export interface FrameSummary {
  readonly frames: number;
  readonly median: number;
  readonly p99: number;
  readonly max: number;
  readonly over: number;
  /** Long Animation Frames with more than FRAME_TARGET_MS of the page's own script and rendering (null where not supported). */
  readonly overOwnWork: number | null;
  /** The longest Long Animation Frame with its script and rendering time, or null where not supported. */
  readonly loaf: { count: number; max: number; scripts: number; render: number } | null;
  readonly longTasks: { count: number; max: number } | null;
  /** The slowest input until its next paint (0: none took 16 ms), or null where not supported. */
  readonly slowestInput: { count: number; max: number; name: string } | null;
}

export function summarizeFrames(samples: readonly FrameSample[]): FrameSummary {
  // The first delta of a sample spans the probe's own start.
  const deltas = samples.flatMap((sample) => sample.deltas.slice(1));
  const p = percentiles(deltas);
  const loaf = samples.every((sample) => sample.loaf) ? samples.flatMap((sample) => sample.loaf!) : null;
  const longest = loaf?.reduce<(typeof loaf)[number] | null>((top, entry) => (!top || entry.duration > top.duration ? entry : top), null);
  const longTasks = samples.every((sample) => sample.longTasks) ? samples.flatMap((sample) => sample.longTasks!) : null;
  const events = samples.every((sample) => sample.events) ? samples.flatMap((sample) => sample.events!) : null;
  const slowest = events?.reduce<(typeof events)[number] | null>((top, entry) => (!top || entry.duration > top.duration ? entry : top), null);
  return {
    frames: deltas.length,
    median: p.median,
    p99: p.p99,
    max: p.max,
    over: deltas.filter((delta) => delta > FRAME_TARGET_MS).length,
    overOwnWork: loaf ? loaf.filter((entry) => entry.scripts + entry.render > FRAME_TARGET_MS).length : null,
    loaf: loaf ? { count: loaf.length, max: longest?.duration ?? 0, scripts: longest?.scripts ?? 0, render: longest?.render ?? 0 } : null,
    longTasks: longTasks ? { count: longTasks.length, max: Math.max(0, ...longTasks) } : null,
    slowestInput: events ? { count: events.length, max: slowest?.duration ?? 0, name: slowest?.name ?? '' } : null,
  };
}

export function percentiles(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
  return { median: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN, min: sorted[0] ?? NaN };
}

/** The renderer's main thread busy time (ms), in all and by kind, from Chromium's own counters. */
export interface MainThreadTime {
  readonly task: number;
  readonly script: number;
  readonly style: number;
  readonly layout: number;
}

/** Starts counting the page's main-thread time; the function returned says how much was spent since. */
export async function countMainThread(page: Page): Promise<() => Promise<MainThreadTime>> {
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  const read = async () => {
    const { metrics } = await session.send('Performance.getMetrics');
    const value = (name: string) => (metrics.find((metric) => metric.name === name)?.value ?? 0) * 1000;
    return { task: value('TaskDuration'), script: value('ScriptDuration'), style: value('RecalcStyleDuration'), layout: value('LayoutDuration') };
  };
  const start = await read();
  return async () => {
    const end = await read();
    await session.detach();
    return { task: end.task - start.task, script: end.script - start.script, style: end.style - start.style, layout: end.layout - start.layout };
  };
}
