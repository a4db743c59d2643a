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
// Rewrites its section of docs/BENCHMARKS.md; asserts nothing. The parts: the estate (bench/lib/cutover-plan.ts),
// 1 (cutover-evaluation.ts), 2 (cutover-frames.ts, with the browser pieces of bench/lib/browser.ts) and the report
// (cutover-report.ts).
//
//   node --import tsx bench/cutover.ts [--stacks=200] [--cycles=200] [--seconds=30] [--no-browser] [--no-build] [--quick] [--no-doc] [--doc=<file>]
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildRenderer, CHROMIUM, percentiles } from './lib/browser';
import { log, REPO, removeTempDirs } from './lib/common';
import { evaluationBench } from './lib/cutover-evaluation';
import { frameBench, type FrameResult } from './lib/cutover-frames';
import { TASKS_PER_STACK } from './lib/cutover-plan';
import { cutoverSection, END_MARKER, START_MARKER, summaryTable } from './lib/cutover-report';
import { removeTempDirsOnInterrupt, writeDocSection } from './lib/doc-section';

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
  log(
    `cutover readiness benchmark: ${stacks} stacks × ${TASKS_PER_STACK} tasks, ${cycles} refresh cycles, ${seconds} s in Chromium; Node.js ${process.version}, ${os.cpus().length} cores`,
  );

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
      if ('frames' in frames)
        log(
          `frames: ${frames.frames} in ${frames.seconds} s, max ${frames.deltas.max.toFixed(1)} ms, p99 ${frames.deltas.p99.toFixed(1)} ms, over 50 ms: ${frames.over50}`,
        );
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

removeTempDirsOnInterrupt();

main()
  .catch((error: unknown) => {
    process.stderr.write(`cutover benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => removeTempDirs());
