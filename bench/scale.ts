// The scale benchmark (npm run bench:scale): the large estate — 2,000 stacks in 100 waves with 6,000 DMS
// replication tasks (3 per stack, DMS gates on every wave) — through the real code paths, each measured side by side
// with a smaller estate in the same run:
// 1. validating the plan as `migration-cockpit validate` does (loadPlanFile, a fresh process per cold run), against
//    the same plan at a tenth of its size;
// 2. the core loading it and answering its first `plan.get` through the dispatcher (startCockpitCore in a child
//    process), against the core with a 1,000-task estate;
// 3. the DMS monitor's refresh cycle for 6,000 tasks against the rehearsal's AWS server, its AWS calls against the
//    floor (main/tracks/dms/monitor/poll-planner.ts), cycles interleaved with the 1,000-task core's;
// 4. the core's RSS over 24 simulated hours (a cycle every few simulated minutes, sampled every simulated hour);
// 5. the readiness service's evaluation of every wave after each refresh.
// Rewrites its section of docs/BENCHMARKS.md; asserts nothing. The parts: the estate (bench/lib/scale-plan.ts),
// 1 (scale-validate.ts, scale-validator.ts), 2-5 (scale-estate.ts driving scale-core.ts), the report (scale-report.ts).
//
//   node --import tsx bench/scale.ts [--tasks=6000] [--compare=1000] [--cycles=20] [--hours=24] [--step=15] [--quick] [--no-doc] [--doc=<file>]
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { fmt, log, makeTempDir, REPO, removeTempDirs } from './lib/common';
import { removeTempDirsOnInterrupt, writeDocSection } from './lib/doc-section';
import { startEstate, type CycleSample, type Estate } from './lib/scale-estate';
import { estateOf, generatedTaskIds, PERIOD_SECONDS, scalePlanYaml } from './lib/scale-plan';
import { END_MARKER, scaleSection, START_MARKER, summaryTable } from './lib/scale-report';
import type { HourSample, ScaleResult } from './lib/scale-verdicts';
import { validateBench } from './lib/scale-validate';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tasks: { type: 'string', default: '6000' },
      compare: { type: 'string', default: '1000' },
      cycles: { type: 'string', default: '20' },
      hours: { type: 'string', default: '24' },
      step: { type: 'string', default: '15' },
      quick: { type: 'boolean', default: false },
      'no-doc': { type: 'boolean', default: false },
      doc: { type: 'string' },
    },
  });
  const quick = values.quick;
  const tasks = quick ? 600 : Number(values.tasks);
  const compareTasks = quick ? 100 : Number(values.compare);
  const cycles = quick ? 5 : Number(values.cycles);
  const hours = quick ? 2 : Number(values.hours);
  const stepMinutes = Number(values.step);
  const warmUp = quick ? 1 : 3;
  const started = performance.now();
  const loadAtStart = os.loadavg();
  const size = estateOf(tasks);
  log(
    `scale benchmark: ${fmt.int(size.stacks)} stacks in ${size.waves} waves with ${fmt.int(tasks)} tasks (against ${fmt.int(compareTasks)}); ${cycles} timed cycles, ${hours} simulated hours; Node.js ${process.version}, ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}`,
  );
  const dir = await makeTempDir('mc-bench-scale-');
  // MC_BENCH_CORE_ARGS: extra Node.js/V8 flags for the cores, for experiments (e.g. --cpu-prof); none by default.
  const extraArgs = process.env.MC_BENCH_CORE_ARGS?.split(' ').filter(Boolean) ?? [];

  // 1. Validation: the large plan and one a tenth of its size, alternately.
  const small = { stacks: Math.max(1, Math.round(size.stacks / 10)), waves: Math.max(1, Math.round(size.waves / 10)) };
  const largeFile = path.join(dir, 'validate-large.yaml');
  const smallFile = path.join(dir, 'validate-small.yaml');
  await writeFile(largeFile, scalePlanYaml(size, generatedTaskIds(tasks)));
  await writeFile(smallFile, scalePlanYaml(small, generatedTaskIds(small.stacks * 3)));
  const validate = await validateBench(largeFile, smallFile, { processes: quick ? 1 : 3, rounds: quick ? 2 : 5, cliRuns: quick ? 1 : 3 });
  log(
    `validate: cold ${validate.coldMs.map((ms) => ms.toFixed(0)).join(', ')} ms; warm ${fmt.int(small.stacks)} / ${fmt.int(size.stacks)} stacks: ${validate.warmSmallMs.map((ms) => ms.toFixed(0)).join(' ')} / ${validate.warmLargeMs.map((ms) => ms.toFixed(0)).join(' ')} ms; CLI ${validate.cliMs.map((ms) => ms.toFixed(0)).join(', ')} ms (${validate.cliOutput})`,
  );

  let large: Estate | undefined;
  let compare: Estate | undefined;
  try {
    // 2. The cores start one after the other (each its own rehearsal, plan and data folder).
    large = await startEstate(tasks, dir, extraArgs);
    logReady('large', large);
    compare = await startEstate(compareTasks, dir, extraArgs);
    logReady('compare', compare);

    // 3 + 5. Refresh cycles one CloudWatch period apart, the two cores alternately; the first ones untimed (JIT).
    const timed: CycleSample[] = [];
    const compareTimed: CycleSample[] = [];
    for (let i = -warmUp; i < cycles; i++) {
      const last = i === cycles - 1;
      const a = await large.cycle(PERIOD_SECONDS * 1000, last);
      const b = await compare.cycle(PERIOD_SECONDS * 1000, last);
      if (i < 0) continue;
      timed.push(a);
      compareTimed.push(b);
      log(
        `  cycle ${i + 1}: ${fmt.int(tasks)} tasks ${a.ms.toFixed(0)} ms (core CPU ${a.cpuMs.toFixed(0)}, server CPU ${a.serverCpuMs.toFixed(0)}), readiness ${a.readinessMs.toFixed(2)} ms; ${fmt.int(compareTasks)} tasks ${b.ms.toFixed(0)} ms, readiness ${b.readinessMs.toFixed(2)} ms`,
      );
    }
    await compare.stop();
    await compare.close();
    const compareReady = compare.ready;
    const compareSize = compare.size;
    compare = undefined;

    // 4. Memory over simulated hours: a cycle every `step` simulated minutes, RSS before and after a full GC hourly.
    const hourly: HourSample[] = [];
    const daySamples: CycleSample[] = [];
    const steps = Math.round((hours * 60) / stepMinutes);
    for (let step = 1; step <= steps; step++) {
      const minutes = step * stepMinutes;
      const onHour = minutes % 60 === 0;
      const reply = await large.cycle(stepMinutes * 60_000, onHour);
      daySamples.push(reply);
      if (onHour && reply.memory) {
        const m = reply.memory;
        hourly.push({ hour: minutes / 60, ...m, cycleMs: reply.ms, readinessMs: reply.readinessMs, stale: reply.stale });
        log(
          `  hour ${minutes / 60}: RSS ${fmt.mib(m.rss)} after GC (${fmt.mib(m.rssBeforeGc)} before, high-water ${fmt.mib(m.maxRss)}), heap used ${fmt.mib(m.heapUsed)} of ${fmt.mib(m.heapTotal)}, array buffers ${fmt.mib(m.arrayBuffers)}; cycle ${reply.ms.toFixed(0)} ms, readiness ${reply.readinessMs.toFixed(2)} ms, stale ${reply.stale}`,
        );
      }
    }
    await large.stop();

    const result: ScaleResult = {
      size,
      compareSize,
      small,
      planBytes: large.planBytes,
      validate,
      ready: large.ready,
      compareReady,
      instances: large.instances,
      endpoints: large.endpoints,
      timed,
      compareTimed,
      daySamples,
      hourly,
      hours,
      stepMinutes,
      warmUp,
      extraArgs,
    };
    const section = scaleSection(result, { started, loadAtStart });
    log(`\n${summaryTable(result)}`);
    if (values['no-doc'] || (quick && !values.doc)) {
      log('\n(--quick / --no-doc: docs/BENCHMARKS.md not rewritten)');
      return;
    }
    const doc = path.resolve(values.doc ?? path.join(REPO, 'docs', 'BENCHMARKS.md'));
    await writeDocSection(doc, { start: START_MARKER, end: END_MARKER }, section);
    log(`\nwrote the Scale section of ${path.relative(process.cwd(), doc)}`);
  } finally {
    await compare?.close();
    await large?.close();
  }
}

function logReady(label: string, estate: Estate): void {
  const v = estate.ready.firstView;
  log(
    `core (${label}, ${fmt.int(estate.size.tasks)} tasks): import ${v.importMs.toFixed(0)} ms; start ${v.startMs.toFixed(0)} ms (loadPlanFile ${v.loadPlanMs.toFixed(0)} ms) + plan.get ${v.planGetMs.toFixed(0)} ms + JSON ${v.serializeMs.toFixed(0)} ms ` +
      `(${fmt.mib(v.bytes)}); ${estate.ready.resolved}/${estate.ready.tasks} tasks resolved, first cycle ${estate.ready.firstCycle.ms.toFixed(0)} ms ${JSON.stringify(estate.ready.firstCycle.calls)}; RSS ${fmt.mib(estate.ready.baseline.rss)}`,
  );
}

removeTempDirsOnInterrupt();

main()
  .catch((error: unknown) => {
    process.stderr.write(`scale benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => removeTempDirs());
