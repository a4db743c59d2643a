// The deploy benchmarks (npm run bench:deploy): the cockpit's overhead on a deploy against the bare Pulumi CLI,
// wave parallelism, and engine-event throughput core → UI. Prints a summary and rewrites the "Deploy" section of
// docs/BENCHMARKS.md. Nothing here asserts a timing: results are reported with their targets.
//
//   node --import tsx bench/deploy.ts [--only=overhead,waves,events] [--quick] [--no-doc] [--doc=<file>]
//
// --quick (fewer repetitions, stacks and events) and --only are for working on the benchmarks: a partial or quick
// run leaves docs/BENCHMARKS.md alone (a quick run writes its section only to a file given with --doc).
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { installedSdkVersion } from '../main/pulumi/toolchain';
import { DEFAULT_EVENT_PIPELINE, runEventPipelineInChild, type EventPipelineOptions, type EventPipelineResult } from './event-pipeline';
import { DEFAULT_OVERHEAD, runOverhead, type OverheadResult } from './overhead';
import { fmt, log, REPO, removeTempDirs, requirePulumiCli } from './lib/common';
import { deploySection, summaryTable, writeDeploySection, type DeployResults, type Machine } from './lib/report';
import { DEFAULT_WAVES, runWaves, type WavesResult } from './waves';

const BENCHMARKS = ['overhead', 'waves', 'events'] as const;
type Benchmark = (typeof BENCHMARKS)[number];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'no-doc': { type: 'boolean', default: false },
      doc: { type: 'string' },
    },
  });
  const only = values.only ? (values.only.split(',') as Benchmark[]) : [...BENCHMARKS];
  const unknown = only.filter((name) => !BENCHMARKS.includes(name));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; expected ${BENCHMARKS.join(', ')}`);
  const quick = values.quick;

  const started = performance.now();
  const loadAtStart = os.loadavg();
  const cli = await requirePulumiCli();
  log(
    `deploy benchmarks: Pulumi CLI v${cli.version} (${cli.binDir}), Node.js ${process.version}, ${os.cpus().length} cores, load ${loadAtStart.map((value) => value.toFixed(2)).join(' ')}`,
  );

  let overhead: OverheadResult | undefined;
  let waves: WavesResult | undefined;
  let events: EventPipelineResult | undefined;
  try {
    if (only.includes('overhead')) {
      log('\n1. deploy overhead: cockpit vs pulumi up');
      overhead = await runOverhead(cli, quick ? { ...DEFAULT_OVERHEAD, repetitions: 2 } : DEFAULT_OVERHEAD);
      log(`  ratio of medians ${fmt.ratio(overhead.ratio)} (cockpit ${fmt.s(overhead.cockpit.median)}, pulumi up ${fmt.s(overhead.cli.median)})`);
      log(
        `  cockpit deploy, medians: openStack ${fmt.s(overhead.breakdown.openStack)}; ${overhead.breakdown.cliCommands.map((call) => `pulumi ${call.command} ${fmt.s(call.seconds)}`).join(', ')}`,
      );
    }
    if (only.includes('waves')) {
      log('\n2. wave parallelism');
      waves = await runWaves(cli, quick ? { ...DEFAULT_WAVES, stacks: 4, maxParallel: 2 } : DEFAULT_WAVES);
      log(`  ratio ${fmt.ratio(waves.ratio)}; parallel CPU floor ${fmt.s(waves.parallel.cpuFloorSeconds)}`);
    }
    if (only.includes('events')) {
      log('\n3. event pipeline core → UI');
      const options: EventPipelineOptions = quick
        ? { ...DEFAULT_EVENT_PIPELINE, events: 20_000, maxSeconds: 10, breakdownResources: [100, 500] }
        : DEFAULT_EVENT_PIPELINE;
      events = await runEventPipelineInChild(options);
      log(`  ${fmt.int(events.eventsPerSecond)} events/s over ${fmt.int(events.engineEvents)} events${events.capped ? ' (time cap)' : ''}`);
    }
  } finally {
    await removeTempDirs();
  }

  if (!overhead || !waves || !events) {
    log('\n(partial run: docs/BENCHMARKS.md not rewritten)');
    return;
  }
  const machine: Machine = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: os.cpus().length,
    totalMemBytes: os.totalmem(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    pulumi: cli.version,
    sdk: installedSdkVersion(),
    loadAtStart,
    loadAtEnd: os.loadavg(),
    durationSeconds: (performance.now() - started) / 1000,
  };
  const results: DeployResults = { machine, overhead, waves, events };
  log(`\n${summaryTable(results)}`);
  if (values['no-doc'] || (quick && !values.doc)) {
    log('\n(--quick / --no-doc: docs/BENCHMARKS.md not rewritten)');
    return;
  }
  const doc = path.resolve(values.doc ?? path.join(REPO, 'docs', 'BENCHMARKS.md'));
  await writeDeploySection(doc, deploySection(results));
  log(`\nwrote the Deploy section of ${path.relative(process.cwd(), doc)} (${fmt.s(machine.durationSeconds)} in all)`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void removeTempDirs().finally(() => process.exit(130));
  });
}

main().catch(async (error: unknown) => {
  process.stderr.write(`deploy benchmarks failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  await removeTempDirs();
  process.exitCode = 1;
});
