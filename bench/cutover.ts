// The cutover readiness benchmark (npm run bench:cutover): a wave of 200 stacks × 3 DMS tasks in the rehearsal
// environment's AWS-compatible server, monitored by the real cockpit core in this process.
//
// 1. Evaluation cost per refresh: the simulated clock advances one CloudWatch period at a time, the monitor runs one
//    refresh cycle (every task view changes: new latency samples, holds counting down; some tasks get latency spikes
//    and restarts), and the readiness service judges every wave; the wall time of that judgement is the cost.
// 2. The UI under streaming readiness: the real renderer (dist/renderer, built first) served by the core through the
//    web bridge, opened in Chromium (Playwright, /usr/bin/chromium) on the gate matrix of the 200-stack wave while the
//    rehearsal runs time-accelerated, the monitor polls every second and lifecycles flip; frame durations from
//    requestAnimationFrame deltas, Long Animation Frames and long tasks.
// Rewrites its section of docs/BENCHMARKS.md; asserts nothing.
//
//   node --import tsx bench/cutover.ts [--stacks=200] [--cycles=200] [--seconds=30] [--no-browser] [--no-build] [--quick] [--no-doc] [--doc=<file>]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from '@playwright/test';
import { startWebBridge } from '../main/api/web-bridge';
import { RENDERER_DIR } from '../main/cli/app-paths';
import { startCockpitCore, type CockpitCore } from '../main/core/cockpit-core';
import { defineScenario, ManualClock, startAwsRehearsal, type AwsRehearsal } from '../rehearsal/aws/index';
import { removeTempDirsOnInterrupt, writeDocSection } from './lib/doc-section';
import { fmt, log, makeTempDir, REPO, removeTempDirs } from './lib/common';

const START_MARKER = '<!-- bench:cutover:start -->';
const END_MARKER = '<!-- bench:cutover:end -->';
const EVAL_TARGET_MS = 5;
const FRAME_TARGET_MS = 50;
const PERIOD_SECONDS = 60;
const TASKS_PER_STACK = 3;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface EvalResult {
  readonly stacks: number;
  readonly tasks: number;
  readonly cycles: number;
  readonly ms: readonly number[];
  /** CPU time (user + system) of this process during each evaluation: what the work costs without preemption. */
  readonly cpuMs: readonly number[];
  readonly changedTaskViews: number;
  readonly wavesPublished: number;
  readonly publishedBytes: number;
  readonly readyCycles: number;
  readonly dataGreenAtEnd: number;
}

interface FrameResult {
  readonly seconds: number;
  readonly frames: number;
  readonly deltas: { median: number; p95: number; p99: number; max: number };
  readonly over50: number;
  readonly loaf: { count: number; max: number; blockingMax: number; scriptsMax: number; renderMax: number } | null;
  readonly longTasks: { count: number; max: number } | null;
  readonly readinessEvents: number;
  readonly rowsRendered: number;
  readonly scrolled: boolean;
  readonly chromium: string;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stacks: { type: 'string', default: '200' },
      cycles: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '30' },
      'no-browser': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      'no-doc': { type: 'boolean', default: false },
      doc: { type: 'string' },
    },
  });
  const quick = values.quick;
  const stacks = Number(values.stacks);
  const cycles = quick ? 40 : Number(values.cycles);
  const seconds = quick ? 10 : Number(values.seconds);
  const started = performance.now();
  const loadAtStart = os.loadavg();
  log(`cutover readiness benchmark: ${stacks} stacks × ${TASKS_PER_STACK} tasks, ${cycles} refresh cycles, ${seconds} s in Chromium; Node.js ${process.version}, ${os.cpus().length} cores`);

  const evaluation = await evaluationBench(stacks, cycles);
  const e = percentiles(evaluation.ms);
  if (process.env.MC_BENCH_VERBOSE) log(`all (wall / cpu ms): ${evaluation.ms.map((v, i) => `${v.toFixed(2)}/${evaluation.cpuMs[i]!.toFixed(2)}`).join(' ')}`);
  log(`evaluation per refresh: median ${e.median.toFixed(3)} ms, p95 ${e.p95.toFixed(3)} ms, max ${e.max.toFixed(3)} ms`);

  let frames: FrameResult | { skipped: string } = { skipped: '--no-browser' };
  if (!values['no-browser']) {
    if (!existsSync(CHROMIUM)) frames = { skipped: `no Chromium at ${CHROMIUM}` };
    else {
      if (!values['no-build']) buildRenderer();
      frames = await frameBench(stacks, seconds);
      if ('frames' in frames) log(`frames: ${frames.frames} in ${frames.seconds} s, max ${frames.deltas.max.toFixed(1)} ms, p99 ${frames.deltas.p99.toFixed(1)} ms, over 50 ms: ${frames.over50}`);
    }
  }

  const section = cutoverSection(evaluation, frames, { started, loadAtStart });
  log(`\n${summaryTable(evaluation, frames)}`);
  if (values['no-doc'] || (quick && !values.doc)) {
    log('\n(--quick / --no-doc: docs/BENCHMARKS.md not rewritten)');
    return;
  }
  const doc = path.resolve(values.doc ?? path.join(REPO, 'docs', 'BENCHMARKS.md'));
  await writeDocSection(doc, { start: START_MARKER, end: END_MARKER }, section);
  log(`\nwrote the cutover readiness section of ${path.relative(process.cwd(), doc)}`);
}

// -------------------------------------------------------------------------------------------------------------
// 1. Evaluation cost per refresh
// -------------------------------------------------------------------------------------------------------------

async function evaluationBench(stackCount: number, cycles: number): Promise<EvalResult> {
  const dir = await makeTempDir('mc-bench-cutover-');
  const clock = new ManualClock(Date.UTC(2026, 11, 5, 0, 0, 0));
  const aws = await startAwsRehearsal({ clock, scenario: benchScenario(stackCount) });
  let core: CockpitCore | undefined;
  try {
    aws.simulation.advance(3_600_000); // an hour in: full loads done, tasks in CDC, latency history for the holds
    const planFile = path.join(dir, 'migration.yaml');
    await writeFile(planFile, benchPlan(aws, stackCount));
    let publishedBytes = 0;
    let changedTaskViews = 0;
    core = await startCockpitCore({
      dataDir: path.join(dir, 'data'),
      appRoot: REPO,
      transport: 'web',
      version: 'bench',
      planFile,
      watchPlan: false,
      awsEndpoint: aws.url,
      // The benchmark drives every refresh cycle itself, on the simulated clock.
      dmsMonitor: { clock: () => clock.now(), intervals: { fastMs: 3_600_000, normalMs: 3_600_000, idleMs: 3_600_000, maxBackoffMs: 3_600_000 }, metricPeriodSeconds: PERIOD_SECONDS },
    });
    core.subscribe((batch) => {
      for (const event of batch.events) {
        if (event.type === 'cutover.readiness') publishedBytes += JSON.stringify(event).length; else if (event.type === 'dms.tasks') changedTaskViews += event.tasks.length;
      }
    });
    const stackIds = Array.from({ length: stackCount }, (_, s) => `apps/${stackName(s)}`);
    for (const id of stackIds) core.setLifecycle(id, 'registered', 'bench');
    core.setLifecycle('infra/network', 'cut-over', 'bench');
    const monitor = core.replication.current!;
    await monitor.refreshNow(); // first cycle: tasks found by identifier, instances looked up
    core.readiness.evaluateNow();

    const tasks = aws.simulation.tasks();
    let random = 7;
    const next = () => ((random = (random * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const ms: number[] = [];
    const cpuMs: number[] = [];
    let readyCycles = 0;
    let wavesChanged = 0;
    const WARM_UP = 20;
    for (let cycle = -WARM_UP; cycle < cycles; cycle++) {
      if (cycle === 0) {
        changedTaskViews = 0;
        publishedBytes = 0;
      }
      // Live trouble: a few latency spikes (flapping around the gate) and an occasional task restart.
      for (let i = 0; i < 3; i++) {
        const task = tasks[Math.floor(next() * tasks.length)]!;
        aws.simulation.injectFault({ type: 'latency-spike', task: task.identity.id, at: 0, for: 60_000 + Math.floor(next() * 60_000), applyFactor: 0.05 });
      }
      if (cycle % 10 === 5) {
        const task = tasks[Math.floor(next() * tasks.length)]!;
        try {
          aws.simulation.stopTask(task.identity.arn);
        } catch {
          // not in a stoppable state right now
        }
      }
      if (cycle % 10 === 7) {
        for (const task of tasks) {
          if (task.status === 'stopped') {
            try {
              aws.simulation.startTask(task.identity.arn, 'resume-processing');
            } catch {
              // not startable right now
            }
          }
        }
      }
      aws.simulation.advance(PERIOD_SECONDS * 1000);
      await monitor.refreshNow();
      // The refresh published its task views; the readiness service has a recompute scheduled: run it now, timed.
      const cpuBefore = process.cpuUsage();
      const began = performance.now();
      const changed = core.readiness.evaluateNow();
      const elapsed = performance.now() - began;
      const cpu = process.cpuUsage(cpuBefore);
      if (cycle < 0) continue; // warm-up refreshes (JIT), untimed
      ms.push(elapsed);
      cpuMs.push((cpu.user + cpu.system) / 1000);
      if (core.readiness.current('wave-2')?.ready) readyCycles++;
      wavesChanged += changed.length;
    }
    const last = core.readiness.current('wave-2');
    const dataGreenAtEnd = last ? last.stacks.filter((stack) => stack.gates[2]!.status === 'green').length : 0;
    if (process.env.MC_BENCH_VERBOSE) for (const stack of last?.stacks.slice(0, 3) ?? []) log(`  ${stack.stackId}: ${JSON.stringify(stack.gates.map((gate) => [gate.status, gate.reasons[0]]))}`);
    return { stacks: stackCount, tasks: stackCount * TASKS_PER_STACK, cycles, ms, cpuMs, changedTaskViews, wavesPublished: wavesChanged, publishedBytes, readyCycles, dataGreenAtEnd };
  } finally {
    await core?.close();
    await aws.close();
  }
}

function stackName(s: number): string {
  return `app${String(s + 1).padStart(4, '0')}`;
}

function benchScenario(stackCount: number) {
  return defineScenario({
    name: 'cutover readiness benchmark',
    generated: { tasks: stackCount * TASKS_PER_STACK, tablesPerTask: 2, autoStart: true, validation: false, changeRatePerSecond: 40, applyCapacityPerSecond: 600 },
  });
}

/** One small wave (the network) that the 200-stack wave depends on, so all four gates are exercised. */
function benchPlan(aws: AwsRehearsal, stackCount: number): string {
  const ids = aws.simulation.tasks().map((task) => task.identity.id);
  const stacks: string[] = [];
  for (let s = 0; s < stackCount; s++) {
    const refs = ids.slice(s * TASKS_PER_STACK, (s + 1) * TASKS_PER_STACK).map((id) => `{ taskId: ${id} }`);
    stacks.push(`  - { name: ${stackName(s)}, project: apps, replicationTasks: [${refs.join(', ')}] }`);
  }
  return [
    'version: 1',
    'name: Cutover readiness benchmark',
    'environment:',
    '  aws: { region: eu-central-1, endpoint: rehearsal }',
    'projects:',
    '  - { name: infra, program: network-foundation }',
    '  - { name: apps, program: app-instance }',
    'stacks:',
    '  - { name: network, project: infra }',
    ...stacks,
    'waves:',
    '  - { id: wave-1, name: Network, stacks: [network] }',
    `  - { id: wave-2, name: Applications, dependsOn: [wave-1], stacks: [${Array.from({ length: stackCount }, (_, s) => stackName(s)).join(', ')}], gates: { maxCdcLatencySeconds: 30, holdSeconds: 300, requireValidation: false } }`,
    '',
  ].join('\n');
}

// -------------------------------------------------------------------------------------------------------------
// 2. Frames in Chromium while readiness streams
// -------------------------------------------------------------------------------------------------------------

function buildRenderer(): void {
  log('building the renderer (npm run build:renderer)…');
  const result = spawnSync(process.execPath, [path.join(REPO, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'], {
    cwd: REPO,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`the renderer build failed (${result.status})`);
}

async function frameBench(stackCount: number, seconds: number): Promise<FrameResult> {
  const dir = await makeTempDir('mc-bench-cutover-ui-');
  const timeScale = 30;
  const aws = await startAwsRehearsal({ timeScale, scenario: benchScenario(stackCount) });
  let core: CockpitCore | undefined;
  let bridge: Awaited<ReturnType<typeof startWebBridge>> | undefined;
  let browser: Browser | undefined;
  let flipper: NodeJS.Timeout | undefined;
  try {
    aws.simulation.advance(3_600_000);
    const planFile = path.join(dir, 'migration.yaml');
    await writeFile(planFile, benchPlan(aws, stackCount));
    core = await startCockpitCore({
      dataDir: path.join(dir, 'data'),
      appRoot: REPO,
      transport: 'web',
      version: 'bench',
      planFile,
      watchPlan: false,
      awsEndpoint: aws.url,
      // A cycle every real second (30 simulated seconds); staleness judged on the simulated clock accordingly.
      dmsMonitor: { clock: () => aws.simulation.now(), intervals: { fastMs: 1000, normalMs: 1000, idleMs: 1000, maxBackoffMs: 8000 }, metricPeriodSeconds: PERIOD_SECONDS, staleAfterIntervals: 200 },
    });
    const stackIds = Array.from({ length: stackCount }, (_, s) => `apps/${stackName(s)}`);
    for (const id of stackIds) core.setLifecycle(id, 'registered', 'bench');
    core.setLifecycle('infra/network', 'cut-over', 'bench');
    bridge = await startWebBridge({ dispatch: core.dispatch, subscribe: core.subscribe, staticDir: RENDERER_DIR, port: 0 });

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const version = browser.version();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(bridge.url);
    await page.getByRole('tab', { name: 'Cutover' }).click();
    await page.locator('[data-testid="readiness-view"] button[data-wave-id="wave-2"]').click();
    await page.locator('[data-testid="gate-matrix"][data-wave-id="wave-2"] [data-testid="gate-row"]').first().waitFor({ timeout: 30_000 });
    // Let the first burst settle (plan, snapshot, the monitor's first cycles).
    await page.waitForTimeout(3000);

    // Infrastructure flips on a few stacks four times a second: with the monitor's cycles, the matrix changes at
    // the service's maximum rate.
    let flip = 0;
    const failed = new Set<string>();
    flipper = setInterval(() => {
      for (let i = 0; i < 5; i++) {
        const id = stackIds[(flip * 7 + i * 37) % stackIds.length]!;
        if (failed.delete(id)) core!.setLifecycle(id, 'registered', 'bench flip');
        else {
          failed.add(id);
          core!.setLifecycle(id, 'failed', 'bench flip');
        }
      }
      flip++;
    }, 250);

    const publishedBefore = core.readiness.stats.published;
    await page.evaluate(FRAME_PROBE);
    // First half watching, second half scrolling the grid up and down (rows re-rendered by the virtualizer).
    const half = Math.round((seconds * 1000) / 2);
    await page.waitForTimeout(half);
    const grid = page.locator('[data-testid="gate-matrix"] [role="grid"]');
    const scrollUntil = Date.now() + half;
    let direction = 1;
    while (Date.now() < scrollUntil) {
      await grid.evaluate((element, step) => element.scrollBy(0, step), direction * 400);
      const atEnd = await grid.evaluate((element) => element.scrollTop + element.clientHeight >= element.scrollHeight - 2 || element.scrollTop === 0);
      if (atEnd) direction = -direction;
      await page.waitForTimeout(100);
    }
    const measured = (await page.evaluate(FRAME_COLLECT)) as {
      deltas: number[];
      loaf: { at: number; duration: number; blocking: number; scripts: number; render: number; styleLayout: number }[] | null;
      longTasks: number[] | null;
      startedAt: number;
      rows: number;
    };
    if (process.env.MC_BENCH_VERBOSE) {
      for (const l of measured.loaf ?? []) log(`  LoAF at +${((l.at - measured.startedAt) / 1000).toFixed(1)} s: ${l.duration.toFixed(0)} ms (blocking ${l.blocking.toFixed(0)}, scripts ${l.scripts.toFixed(0)}, render ${l.render.toFixed(0)}, style+layout ${l.styleLayout.toFixed(0)})`);
      let t = 0;
      const half = measured.deltas.length / 2;
      measured.deltas.forEach((d, i) => {
        t += d;
        if (d > 50) log(`  frame ${i} (${i < half ? 'watching' : 'scrolling'}) at +${(t / 1000).toFixed(1)} s: ${d.toFixed(1)} ms`);
      });
    }
    clearInterval(flipper);
    flipper = undefined;
    const deltas = measured.deltas.slice(1);
    const p = percentiles(deltas);
    return {
      seconds,
      frames: deltas.length,
      deltas: { median: p.median, p95: p.p95, p99: p.p99, max: p.max },
      over50: deltas.filter((d) => d > FRAME_TARGET_MS).length,
      loaf: measured.loaf
        ? {
            count: measured.loaf.length,
            max: Math.max(0, ...measured.loaf.map((l) => l.duration)),
            blockingMax: Math.max(0, ...measured.loaf.map((l) => l.blocking)),
            scriptsMax: Math.max(0, ...measured.loaf.map((l) => l.scripts)),
            renderMax: Math.max(0, ...measured.loaf.map((l) => l.render)),
          }
        : null,
      longTasks: measured.longTasks ? { count: measured.longTasks.length, max: Math.max(0, ...measured.longTasks) } : null,
      readinessEvents: core.readiness.stats.published - publishedBefore,
      rowsRendered: measured.rows,
      scrolled: true,
      chromium: version,
    };
  } finally {
    if (flipper) clearInterval(flipper);
    await browser?.close();
    await bridge?.close();
    await core?.close();
    await aws.close();
  }
}

/** Runs in the page (a string: the benchmark's TypeScript has no DOM types): frame deltas, LoAF and long tasks. */
const FRAME_PROBE = `(() => {
  const bench = { deltas: [], loaf: [], longTasks: [], stop: false };
  window.__bench = bench;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const scripts = (e.scripts ?? []).reduce((sum, script) => sum + script.duration, 0);
        const render = e.renderStart ? e.startTime + e.duration - e.renderStart : 0;
        const styleLayout = e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0;
        bench.loaf.push({ at: e.startTime, duration: e.duration, blocking: e.blockingDuration ?? 0, scripts, render, styleLayout });
      }
    })
      .observe({ type: 'long-animation-frame', buffered: false });
  } catch { bench.loaf = null; }
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) bench.longTasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: false });
  } catch { bench.longTasks = null; }
  let last = 0;
  const tick = (now) => { bench.deltas.push(now - last); last = now; if (!bench.stop) requestAnimationFrame(tick); };
  requestAnimationFrame((now) => { last = now; bench.startedAt = now; requestAnimationFrame(tick); });
})()`;

const FRAME_COLLECT = `(() => {
  const bench = window.__bench;
  bench.stop = true;
  return { deltas: bench.deltas, loaf: bench.loaf, longTasks: bench.longTasks, startedAt: bench.startedAt, rows: document.querySelectorAll('[data-testid="gate-row"]').length };
})()`;

// -------------------------------------------------------------------------------------------------------------
// Report
// -------------------------------------------------------------------------------------------------------------

function percentiles(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
  return { median: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN, min: sorted[0] ?? NaN };
}

const passFail = (pass: boolean) => (pass ? '**pass**' : '**FAIL**');

function summaryTable(e: EvalResult, f: FrameResult | { skipped: string }): string {
  const p = percentiles(e.ms);
  const rows = [
    '| benchmark | measured | target | result |',
    '| --- | --- | --- | --- |',
    `| 1. Readiness evaluation per refresh, ${e.stacks} stacks × ${TASKS_PER_STACK} tasks with live samples (${e.cycles} refreshes) | median ${p.median.toFixed(3)} ms, p95 ${p.p95.toFixed(3)} ms, max ${p.max.toFixed(3)} ms | ≤ ${EVAL_TARGET_MS} ms | ${passFail(p.p95 <= EVAL_TARGET_MS)} |`,
  ];
  if ('frames' in f) {
    rows.push(
      `| 2. UI frames in Chromium while the ${e.stacks}-stack gate matrix updates (${f.seconds} s, ${f.readinessEvents} readiness updates) | max ${f.deltas.max.toFixed(1)} ms, p99 ${f.deltas.p99.toFixed(1)} ms; ${f.over50} of ${f.frames} frames over 50 ms | no frame over ${FRAME_TARGET_MS} ms | ${passFail(f.over50 === 0)} |`,
    );
  } else rows.push(`| 2. UI frames in Chromium | skipped: ${f.skipped} | no frame over ${FRAME_TARGET_MS} ms | — |`);
  return rows.join('\n');
}

function cutoverSection(e: EvalResult, f: FrameResult | { skipped: string }, run: { started: number; loadAtStart: number[] }): string {
  const p = percentiles(e.ms);
  const c = percentiles(e.cpuMs);
  const load = (values: readonly number[]) => values.map((value) => value.toFixed(2)).join(' / ');
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const seconds = (performance.now() - run.started) / 1000;
  const lines = [
    START_MARKER,
    '## Cutover readiness',
    '',
    `Measured ${date} by \`npm run bench:cutover\` (${Math.round(seconds)} s): ${os.type()} ${os.release()} ${os.arch()}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM; Node.js ${process.version}${'frames' in f ? `; Chromium ${f.chromium}` : ''}. Load average (1 / 5 / 15 min) at the start ${load(run.loadAtStart)}, at the end ${load(os.loadavg())}.`,
    '',
    summaryTable(e, f),
    '',
    `**Setup.** The rehearsal environment's AWS-compatible server simulates ${fmt.int(e.tasks)} full-load-and-CDC tasks; the plan has a one-stack network wave and a wave of ` +
      `${e.stacks} application stacks × ${TASKS_PER_STACK} tasks (by task identifier) that depends on it, with gates (CDC latency ≤ 30 s held 300 s, no validation required). ` +
      'The cockpit core runs in the benchmark\'s process (`startCockpitCore`, the real monitor with the SDK v3 clients against the server, the real readiness service); stacks are put in lifecycle `registered` (infrastructure green, no registries).',
    '',
    '### 1. Evaluation cost per refresh',
    '',
    `The simulated clock advances one CloudWatch period (${PERIOD_SECONDS} s) per refresh; the monitor runs one refresh cycle (every task view changes: a new latency sample, ` +
      'holds count down), and each refresh 3 random tasks get a latency spike (CDC latency climbs over the gate and back: the hold restarts), every 10th refresh a task is stopped ' +
      'and resumed later (a restart: red, then a new hold). Then `readiness.evaluateNow()` judges both waves: the four gates of every stack from the signals, green-since bookkeeping, ' +
      'views rebuilt only where something changed, changed waves published. Its wall time is the cost per refresh.',
    '',
    '| refreshes | wall: median | p95 | p99 | max | CPU of the process: median | p95 | task views changed | wave views published | readiness bytes to the UI per refresh | refreshes with the wave ready | data gates green at the end |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    `| ${e.cycles} (after 20 untimed) | ${p.median.toFixed(3)} ms | ${p.p95.toFixed(3)} ms | ${p.p99.toFixed(3)} ms | ${p.max.toFixed(3)} ms | ${c.median.toFixed(3)} ms | ${c.p95.toFixed(3)} ms | ${fmt.int(e.changedTaskViews)} | ${e.wavesPublished} | ${fmt.int(Math.round(e.publishedBytes / Math.max(1, e.cycles)))} | ${e.readyCycles} | ${e.dataGreenAtEnd} of ${e.stacks} |`,
    '',
    'CPU is `process.cpuUsage()` around the call: it includes V8\'s background threads (concurrent GC marking, compilation), so a refresh whose wall time is an ' +
      'outlier and whose CPU time exceeds it was slowed by the garbage collector or compiler, not by the evaluation itself; the machine is shared (see the load average).',
    '',
    'The plan is indexed once per load (stacks per wave, task keys per stack, registries by name, dependencies by position); a green gate allocates nothing, and a stack whose ' +
      'gates did not change keeps its view object, so change detection is an identity check and only changed waves are serialized. Recomputes are throttled to 4 per second.',
    '',
    '### 2. UI frames while the gate matrix updates',
    '',
  ];
  if ('frames' in f) {
    lines.push(
      `The real renderer (\`npm run build:renderer\`, served by the web bridge with its token and cookie, as \`migration-cockpit serve\` does) in headless Chromium ${f.chromium} ` +
        '(Playwright, `/usr/bin/chromium`, the e2e launcher\'s flags, software rendering), 1400 × 900, on the Readiness tab with the 200-stack wave\'s gate matrix (virtualized: ' +
        `${f.rowsRendered} rows in the DOM). The rehearsal runs 30× real time and the monitor polls every second (a CloudWatch datapoint every 2 s per series); five stacks flip ` +
        `between \`failed\` and \`registered\` every 250 ms. The core published ${f.readinessEvents} readiness updates of the wave in the ${f.seconds} s. Frames: requestAnimationFrame deltas; ` +
        `first half watching, second half scrolling the grid 400 px every 100 ms. Long Animation Frames and long tasks through PerformanceObserver.`,
      '',
      '| frames | median | p95 | p99 | max | frames over 50 ms | long animation frames (longest; most script, rendering, blocking in one) | long tasks (max) |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      `| ${f.frames} | ${f.deltas.median.toFixed(1)} ms | ${f.deltas.p95.toFixed(1)} ms | ${f.deltas.p99.toFixed(1)} ms | ${f.deltas.max.toFixed(1)} ms | ${f.over50} | ` +
        `${f.loaf ? `${f.loaf.count} (${f.loaf.max.toFixed(0)} ms; ${f.loaf.scriptsMax.toFixed(0)} / ${f.loaf.renderMax.toFixed(0)} / ${f.loaf.blockingMax.toFixed(0)} ms)` : 'not supported'} | ${f.longTasks ? `${f.longTasks.count} (${f.longTasks.max.toFixed(0)} ms)` : 'not supported'} |`,
      '',
      'A Long Animation Frame\'s script, rendering and blocking times say how much of a long frame was the page\'s own work: when they are small and the frame is long, ' +
        'the renderer waited (the OS scheduler on a shared machine, the software compositor), which no change to the page removes. Frames are paced at 60 Hz, so a missed ' +
        'frame shows as 33 or 50 ms.',
    );
  } else lines.push(`Skipped: ${f.skipped}.`);
  lines.push(END_MARKER);
  return lines.join('\n');
}


removeTempDirsOnInterrupt();

main()
  .catch((error: unknown) => {
    process.stderr.write(`cutover benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => removeTempDirs());
