// The plan view benchmark (npm run bench:planview): a generated estate of 2,000 stacks in 100 waves
// (bench/lib/large-plan.ts) loaded by the real cockpit core in this process and shown by the real renderer, built
// first in bench mode (bench/lib/browser.ts: its own out dir, not dist/renderer), through the web bridge, in
// Chromium (Playwright, /usr/bin/chromium). Each measurement runs on the virtualized plan view and, side by side in
// the same run, on the plain rendering it replaced for large plans (every card in the DOM; the bench build's switch
// localStorage['migration-cockpit:plan-rendering'] = 'plain', which the product build does not have), the two
// interleaved over rounds:
// 1. first render: from the app page's navigation start to the first frame painted with stack cards;
// 2. re-render: from a click on the Plan tab (leaving the Journal tab) to the first frame painted with cards;
// 3. frames while scrolling the plan (400 px every 100 ms, down and back up);
// 4. frames while searching and filtering (queries typed a key at a time, state chips, the project filter).
// The waves overview of the 100 waves is timed too (a click on the Waves tab until it is painted).
// Rewrites its section of docs/BENCHMARKS.md; asserts nothing. The parts: one run in the page
// (bench/lib/planview-page.ts, with the browser pieces of bench/lib/browser.ts) and the report (planview-report.ts).
//
//   node --import tsx bench/planview.ts [--stacks=2000] [--waves=100] [--rounds=2] [--seconds=10] [--no-build] [--quick] [--no-doc] [--doc=<file>]
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startCockpitCore, type CockpitCore } from '../main/core/cockpit-core';
import { CORE_TRACKS } from '../main/tracks/index';
import { BENCH_RENDERER_DIR, buildBenchRenderer, CHROMIUM, openCockpitInChromium, percentiles, type CockpitInChromium } from './lib/browser';
import { fmt, log, makeTempDir, REPO, removeTempDirs } from './lib/common';
import { removeTempDirsOnInterrupt, writeDocSection } from './lib/doc-section';
import { largePlanStackId, largePlanYaml } from './lib/large-plan';
import { measureRun, RENDERINGS, type Rendering, type RunResult } from './lib/planview-page';
import { END_MARKER, planviewSection, START_MARKER, summarize, summaryTable, type BenchResult } from './lib/planview-report';

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
  log(
    `plan view benchmark: ${stacks} stacks in ${waves} waves, ${rounds} round(s) of each rendering, ${seconds} s of scrolling; Node.js ${process.version}, ${os.cpus().length} cores`,
  );
  if (!existsSync(CHROMIUM)) throw new Error(`the plan view benchmark needs Chromium at ${CHROMIUM}`);
  if (!values['no-build']) buildBenchRenderer();
  else if (!existsSync(path.join(BENCH_RENDERER_DIR, 'index.html')))
    throw new Error(`--no-build: no bench build of the renderer in ${BENCH_RENDERER_DIR}; run once without --no-build`);

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
  let chromium: CockpitInChromium | undefined;
  try {
    const planFile = path.join(dir, 'migration.yaml');
    await writeFile(planFile, largePlanYaml({ stacks, waves }));
    core = await startCockpitCore({
      tracks: CORE_TRACKS,
      dataDir: path.join(dir, 'data'),
      appRoot: REPO,
      transport: 'web',
      version: 'bench',
      planFile,
      watchPlan: false,
    });
    // A migration under way: the first waves cut over, some registered or deployed, a few failed.
    for (let s = 0; s < stacks; s++) {
      const state = s % 97 === 13 ? 'failed' : s < stacks * 0.2 ? 'cut-over' : s < stacks * 0.35 ? 'registered' : s < stacks * 0.5 ? 'deployed' : null;
      if (state) core.setLifecycle(largePlanStackId(s), state, 'bench');
    }
    chromium = await openCockpitInChromium(core, BENCH_RENDERER_DIR);
    const runs: Record<Rendering, RunResult[]> = { virtual: [], plain: [] };
    for (let round = 0; round < rounds; round++) {
      // Alternate which rendering goes first, so neither always runs on a warmer (or busier) machine.
      const order = round % 2 === 0 ? RENDERINGS : [...RENDERINGS].reverse();
      for (const rendering of order) {
        log(`round ${round + 1}: ${rendering}…`);
        const run = await measureRun(chromium.browser, chromium.url, rendering, seconds);
        log(
          `  first render ${run.firstRenderMs.toFixed(0)} ms (plan received at ${run.planReceivedMs.toFixed(0)} ms), ${run.cardsAfterLoad} cards, ${fmt.int(run.domNodes)} DOM nodes; ` +
            `re-render ${run.remountMs.map((ms) => ms.toFixed(0)).join(' / ')} ms; overview ${run.overviewMs.toFixed(0)} ms; ` +
            `scroll max frame ${percentiles(run.scroll.deltas.slice(1)).max.toFixed(1)} ms; filter max frame ${percentiles(run.filter.deltas.slice(1)).max.toFixed(1)} ms`,
        );
        const per1000 = (run.scrollBusy.task / Math.max(1, run.scrolledPx)) * 1000;
        log(
          `  main thread: ${per1000.toFixed(0)} ms per 1,000 px scrolled (${run.scrolledPx} px: script ${run.scrollBusy.script.toFixed(0)}, style ${run.scrollBusy.style.toFixed(0)}, layout ${run.scrollBusy.layout.toFixed(0)}, all ${run.scrollBusy.task.toFixed(0)}), ${run.filterBusy.task.toFixed(0)} ms searching and filtering (script ${run.filterBusy.script.toFixed(0)}, style ${run.filterBusy.style.toFixed(0)}, layout ${run.filterBusy.layout.toFixed(0)})`,
        );
        if (process.env.MC_BENCH_VERBOSE) {
          for (const [phase, sample] of [
            ['scroll', run.scroll],
            ['filter', run.filter],
          ] as const) {
            const longest = [...(sample.loaf ?? [])].sort((a, b) => b.duration - a.duration).slice(0, 5);
            log(
              `  ${phase}: longest animation frames (ms, script / rendering / blocking, longest script): ${longest.map((l) => `${l.duration.toFixed(0)} (${l.scripts.toFixed(0)} / ${l.render.toFixed(0)} / ${l.blocking.toFixed(0)} ${l.invoker})`).join(', ')}`,
            );
          }
        }
        runs[rendering].push(run);
      }
    }
    return { stacks, waves, rounds, seconds, chromium: chromium.browser.version(), modes: { virtual: summarize(runs.virtual), plain: summarize(runs.plain) } };
  } finally {
    await chromium?.close();
    await core?.close();
  }
}

removeTempDirsOnInterrupt();

main()
  .catch((error: unknown) => {
    process.stderr.write(`plan view benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => removeTempDirs());
