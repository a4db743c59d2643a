// Turns the deploy benchmarks' results into the "Deploy" section of docs/BENCHMARKS.md and a console summary.
import os from 'node:os';
import type { EventPipelineResult } from '../event-pipeline';
import type { OverheadResult } from '../overhead';
import { OVERHEAD_TARGET } from '../overhead';
import type { WaveRun, WavesResult } from '../waves';
import { WAVES_TARGET } from '../waves';
import { fmt } from './common';
import { writeDocSection } from './doc-section';

export const EVENTS_TARGET = 20_000;
export const START_MARKER = '<!-- bench:deploy:start -->';
export const END_MARKER = '<!-- bench:deploy:end -->';

export interface Machine {
  readonly date: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly totalMemBytes: number;
  readonly os: string;
  readonly node: string;
  readonly pulumi: string;
  readonly sdk: string;
  readonly loadAtStart: readonly number[];
  readonly loadAtEnd: readonly number[];
  readonly durationSeconds: number;
}

export interface DeployResults {
  readonly machine: Machine;
  readonly overhead: OverheadResult;
  readonly waves: WavesResult;
  readonly events: EventPipelineResult;
}

const passFail = (pass: boolean) => (pass ? '**pass**' : '**FAIL**');
/** The target: the rate, and the UI keeping up (never dropped, no gaps, every batch parsed within MAX_LAG_MS of its flush). */
const MAX_LAG_MS = 1000;
const eventsPass = (result: EventPipelineResult) =>
  result.eventsPerSecond >= EVENTS_TARGET && !result.clientDisconnected && result.sequenceGaps === 0 && result.lagMs.max < MAX_LAG_MS;
const list = (values: readonly number[]) => values.map((value) => value.toFixed(2)).join(', ');
const us = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

export function summaryTable(results: DeployResults): string {
  const { overhead, waves, events } = results;
  return [
    '| benchmark | measured | target | result |',
    '| --- | --- | --- | --- |',
    `| 1. Deploy overhead: cockpit / direct \`pulumi up\` (ratio of medians) | ${fmt.ratio(overhead.ratio)} (${fmt.s(overhead.cockpit.median)} / ${fmt.s(overhead.cli.median)}) | ≤ ${OVERHEAD_TARGET} | ${passFail(overhead.pass)} |`,
    `| 2. Wave parallelism: maxParallel ${waves.options.maxParallel} / maxParallel 1 (wall time) | ${fmt.ratio(waves.ratio)} (${fmt.s(waves.parallel.wallSeconds)} / ${fmt.s(waves.sequential.wallSeconds)}) | ≤ ${WAVES_TARGET.toFixed(2)} | ${passFail(waves.pass)} |`,
    `| 3. Event pipeline core → UI (OperationRunner → batcher → web bridge → client) | ${fmt.int(events.eventsPerSecond)} events/s | ≥ ${fmt.int(EVENTS_TARGET)} events/s, UI keeps up | ${passFail(eventsPass(events))} |`,
  ].join('\n');
}

function overheadSection(result: OverheadResult): string {
  const { cockpit, cli, breakdown } = result;
  const commandsTotal = breakdown.cliCommands.reduce((sum, call) => sum + call.seconds, 0);
  const upSeconds = breakdown.cliCommands.find((call) => call.command === 'up')?.seconds ?? NaN;
  return [
    '### 1. Deploy overhead',
    '',
    `The same program (\`bench/programs/deploy-bench\`: ${result.options.resources} dynamic resources doing trivial work) deployed ` +
      `${result.options.repetitions} times by each side, interleaved (cockpit, CLI, cockpit, CLI, ...), after one untimed warm-up ` +
      "of each. **Cockpit**: `OperationRunner.start(stackId, stackOperation('up'))` until the operation has ended: `openStack` " +
      '(the stack was opened once untimed beforehand, like a stack the cockpit already works with, so the cached `PulumiCommand` ' +
      'and `Stack` are reused and no CLI command runs when program, backend, secrets provider, environment and config are ' +
      "unchanged), `pulumi up` run through the workspace's `PulumiCommand` (main/pulumi/engine-command.ts) with its engine " +
      'events streamed over gRPC through ProgressTracker into the event batcher (batches serialized as for a transport), the ' +
      "summary and the stack's outputs taken from those events, the update version from a readdir of the file backend's " +
      "history folder, and two fsync'd journal entries. **CLI**: `pulumi up --yes --skip-preview --stack <name>` " +
      "in a workspace folder laid out like the cockpit's. Same CLI, same file:// backend folder, same PULUMI_HOME, same environment " +
      '(PULUMI_SKIP_UPDATE_CHECK, PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION, passphrase), same stack config. Every repetition ' +
      'deploys a fresh stack: both sides initialize and configure it untimed; the timed deploy creates every resource from nothing. ' +
      '(The resources exist only in the state, so the temporary backend is deleted at the end instead of destroying each stack.)',
    '',
    '| | median | min | max | all runs | CPU s per deploy (median) |',
    '| --- | --- | --- | --- | --- | --- |',
    `| cockpit | ${fmt.s(cockpit.median)} | ${fmt.s(cockpit.min)} | ${fmt.s(cockpit.max)} | ${list(cockpit.values)} | ${result.cockpitCpu.median.toFixed(2)} |`,
    `| \`pulumi up --yes --skip-preview\` | ${fmt.s(cli.median)} | ${fmt.s(cli.min)} | ${fmt.s(cli.max)} | ${list(cli.values)} | ${result.cliCpu.median.toFixed(2)} |`,
    '',
    `Ratio of medians **${fmt.ratio(result.ratio)}** (target ≤ ${OVERHEAD_TARGET}): ${passFail(result.pass)}; ` +
      `the cockpit takes ${fmt.s(cockpit.median - cli.median)} and ${(result.cockpitCpu.median - result.cliCpu.median).toFixed(2)} CPU s ` +
      'more per deploy (CPU: this process and its reaped descendants, measured as in benchmark 2).',
    '',
    "Where a cockpit deploy's time goes (medians; every CLI command the cockpit ran, in order):",
    '',
    '| step | seconds |',
    '| --- | --- |',
    ...breakdown.cliCommands.map((call) => `| \`pulumi ${call.command}\` | ${call.seconds.toFixed(2)} |`),
    `| everything else (openStack, event handling, update version, journal fsyncs) | ${(cockpit.median - commandsTotal).toFixed(2)} |`,
    `| of it \`openStack\` (cached: no CLI command) | ${breakdown.openStack.toFixed(2)} |`,
    '',
    `The \`pulumi up\` inside the cockpit took ${fmt.s(upSeconds)} (median) against ${fmt.s(cli.median)} run directly` +
      (breakdown.cliCommands.length > 1
        ? `; the other CLI commands add ${fmt.s(commandsTotal - upSeconds)}.`
        : ': it is the only CLI command of a cockpit deploy.') +
      " (The Automation API's own `Stack.up` would start the CLI three more times after the update — `stack output` twice and " +
      '`stack history` — to read what the events already carry; that cost about 1.1 s per operation here, a ratio of 1.57.)',
    ...(result.pass ? [] : overheadFindings(result)),
  ].join('\n');
}

/** What the cockpit's extra time is made of, from the measured per-command medians (shown only on a FAIL). */
function overheadFindings(result: OverheadResult): string[] {
  const calls = result.breakdown.cliCommands;
  const upSeconds = calls.find((call) => call.command === 'up')?.seconds ?? NaN;
  const others = calls.filter((call) => call.command !== 'up');
  return [
    '',
    `**Remaining overhead.** The cockpit takes ${fmt.s(result.cockpit.median - result.cli.median)} more per deploy; ` +
      `its \`pulumi up\` took ${fmt.s(upSeconds)} against ${fmt.s(result.cli.median)} direct` +
      (others.length > 0 ? `; other CLI commands: ${others.map((call) => `\`${call.command}\` ${fmt.s(call.seconds)}`).join(', ')}` : '') +
      '. Check the load average above: the two sides run interleaved, but a busy machine widens the spread.',
  ];
}

function waveRow(label: string, run: WaveRun, cores: number): string {
  const s = run.stackSeconds;
  const others = `${run.otherCpuSeconds.toFixed(1)} (${((100 * run.otherCpuSeconds) / (run.wallSeconds * cores)).toFixed(0)} %)`;
  return `| ${label} | ${run.maxParallel} | ${fmt.s(run.wallSeconds)} | ${run.cpuSeconds.toFixed(1)} | ${fmt.s(run.cpuFloorSeconds)} (${run.cpuSeconds.toFixed(1)} / ${cores}) | ${fmt.ratio(run.wallSeconds / run.cpuFloorSeconds)} | ${others} | ${s.median.toFixed(1)} (${s.min.toFixed(1)}–${s.max.toFixed(1)}) |`;
}

function wavesSection(result: WavesResult, overhead: OverheadResult): string {
  const { options, cores, parallel, sequential } = result;
  const share = (run: WaveRun) => run.otherCpuSeconds / (run.wallSeconds * cores);
  return [
    '### 2. Wave parallelism',
    '',
    `${options.stacks} fresh stacks, each with ${options.resourcesPerStack} dynamic resources whose create waits ${options.delayMs / 1000} s ` +
      `(standing in for a cloud API), deployed as one wave by the WaveRunner (\`wave-deploy\`, \`stackOperation('up')\` per stack) ` +
      `with maxParallel ${options.maxParallel}, and ${options.stacks} other fresh stacks with maxParallel 1. ` +
      'CPU time is this process plus every descendant it reaped, read from `/proc/self/stat` before and after ' +
      '(utime + stime + cutime + cstime: cutime/cstime include each waited-for child together with the waited-for descendants ' +
      'it had counted — the Pulumi CLIs, language hosts, programs and provider plugins). The CPU floor is that CPU time divided ' +
      `by the ${cores} cores: no schedule on this machine finishes faster. What the rest of the machine used meanwhile (busy time ` +
      "from `/proc/stat` minus the benchmark's own) shows how much of the cores the benchmark really had: a CPU-bound parallel " +
      'wave slows down by as much as other work takes away, a mostly waiting sequential one hardly does.',
    '',
    "| wave | maxParallel | wall | CPU s | CPU floor | wall / floor | other processes' CPU s meanwhile (share of the machine) | per-stack operation, s: median (min–max) |",
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    waveRow('sequential', sequential, cores),
    waveRow('parallel', parallel, cores),
    '',
    `Ratio of wall times **${fmt.ratio(result.ratio)}** (target ≤ ${WAVES_TARGET.toFixed(2)}): ${passFail(result.pass)}. ` +
      `With maxParallel ${options.maxParallel} the wave's wall time is ${fmt.ratio(parallel.wallSeconds / parallel.cpuFloorSeconds)}× ` +
      `its CPU floor (1.00 would be CPU-bound throughout on ${cores} cores), and each stack's operation takes ` +
      `${fmt.ratio(parallel.stackSeconds.median / sequential.stackSeconds.median)}× as long as alone. ` +
      `The ideal ratio here is max(1/${options.maxParallel}, parallel CPU floor / sequential wall) = ` +
      `${fmt.ratio(Math.max(1 / options.maxParallel, parallel.cpuFloorSeconds / sequential.wallSeconds))}. ` +
      `Alone, one stack's deploy takes ${fmt.s(sequential.stackSeconds.median)} and ${(sequential.cpuSeconds / options.stacks).toFixed(1)} CPU s ` +
      `(the Pulumi CLI processes, the Node.js language host running the program, the dynamic-provider plugin; its resources ` +
      `wait ${options.delayMs / 1000} s of it), so ${cores} cores keep up with about ` +
      `${((cores * sequential.stackSeconds.median) / (sequential.cpuSeconds / options.stacks)).toFixed(1)} deploys at once; beyond that CPU sets the pace. ` +
      `About ${(overhead.cockpitCpu.median - overhead.cliCpu.median).toFixed(1)} CPU s of each deploy are the cockpit's own ` +
      '(benchmark 1: cockpit minus direct `pulumi up`).' +
      (Math.max(share(sequential), share(parallel)) >= 0.2
        ? ` Other processes used ${(share(sequential) * 100).toFixed(0)} % / ${(share(parallel) * 100).toFixed(0)} % of the machine ` +
          'during the sequential / parallel wave, so this run measures the waves under contention, not the cockpit alone; ' +
          'the result needs a run on an otherwise idle machine.'
        : ''),
  ].join('\n');
}

function eventRows(r: EventPipelineResult): string[] {
  const row = (label: string, value: string) => `| ${label} | ${value} |`;
  return [
    '| | OperationRunner (main/) |',
    '| --- | --- |',
    row('engine events fed', `${fmt.int(r.engineEvents)}${r.capped ? ` (stopped after ${r.options.maxSeconds} s of ${fmt.int(r.options.events)})` : ''}`),
    row('operations', `${r.operations} × ${r.options.resourcesPerOperation} resources, ${r.options.concurrency} at a time`),
    row('log lines delivered to the client', fmt.int(r.logLines)),
    row('**end-to-end events/s**', `**${fmt.int(r.eventsPerSecond)}** (${fmt.s(r.endToEndSeconds)})`),
    row('batches/s received', `${r.batchesPerSecond.toFixed(1)} (${r.batches} batches, ${fmt.mib(r.bytesReceived)})`),
    row('largest batch (events)', fmt.int(r.maxBatchEvents)),
    row('batch flushed → parsed by the client, ms: median / p95 / max', `${r.lagMs.median.toFixed(1)} / ${r.lagMs.p95.toFixed(1)} / ${r.lagMs.max.toFixed(1)}`),
    row('client disconnected (8 MiB behind) / sequence gaps', `${r.clientDisconnected ?? 'no'} / ${r.sequenceGaps}`),
    row('core CPU s (of wall s)', `${r.coreCpuSeconds.toFixed(1)} (${r.endToEndSeconds.toFixed(1)})`),
    row('time inside onEvent, µs/event', us((r.onEventSeconds * 1e6) / r.engineEvents)),
    row('client: time parsing, s', r.clientParseSeconds.toFixed(2)),
    row('core peak RSS (growth)', `${fmt.mib(r.memory.peakRssBytes)} (+${fmt.mib(r.memory.peakRssBytes - r.memory.baselineRssBytes)})`),
    row('core peak heap growth', fmt.mib(r.memory.peakHeapBytes - r.memory.baselineHeapBytes)),
    row('core heap retained after a full GC', fmt.mib(r.memory.retainedHeapBytes)),
    row('client peak RSS', fmt.mib(r.memory.clientMaxRssBytes)),
    row(`target ≥ ${fmt.int(EVENTS_TARGET)} events/s, UI keeps up`, passFail(eventsPass(r))),
  ];
}

function eventsSection(result: EventPipelineResult): string {
  const pass = eventsPass(result);
  const coreShare = result.coreCpuSeconds / result.endToEndSeconds;
  const lines = [
    '### 3. Event pipeline (core → UI)',
    '',
    "Synthetic engine events shaped like an AWS stack's `pulumi up` (prelude; per resource a resourcePreEvent and a " +
      'resOutputsEvent with inputs, outputs and diffs — 80 % create, 10 % same, 5 % update; an info or warning diagnostic for ' +
      "every fourth resource; a summary) go through the real path: main/'s `OperationRunner` (onEvent: `ProgressTracker.apply`, " +
      'redaction and an `operation.log` per line on every event; the view rebuilt and `operation.updated` published at most every ' +
      '50 ms by a timer, and once more at the end), `createEventBatcher` (50 ms / 1000 events), ' +
      '`startWebBridge`, and a `ws` client in another process (as a renderer would be) that authenticates with the token and ' +
      `JSON-parses every batch, counting log lines. Events are handed over ${result.options.chunk} per macrotask, as the Automation ` +
      "API's events server receives them in bursts. End to end = from the first event handed to onEvent until the client has " +
      'parsed the batch holding the last log line. The core runs in a child process of its own (with --expose-gc) so the memory ' +
      `figures are its own; the redactor holds a passphrase, as in the cockpit; no new operation starts after ${result.options.maxSeconds} s. ` +
      '"UI keeps up" means: never disconnected for being 8 MiB behind, no sequence gaps, ' +
      `and every batch parsed within ${MAX_LAG_MS} ms of its flush (a client that falls behind shows a lag growing with the run). The heap retained after the run is ` +
      "mostly OperationRunner's list of finished operations (the last 200, each with its step list), so it is bounded.",
    '',
    ...eventRows(result),
    '',
    `End to end **${fmt.int(result.eventsPerSecond)} events/s** (target ≥ ${fmt.int(EVENTS_TARGET)}, UI keeping up): ${passFail(pass)}. ` +
      `The core needs ${result.coreCpuSeconds.toFixed(1)} CPU s for ${fmt.int(result.engineEvents)} events ` +
      `(${us((result.onEventSeconds * 1e6) / result.engineEvents)} µs per event inside onEvent; the rest is serializing ` +
      `${fmt.mib(result.bytesReceived)} of batches for the socket and collecting garbage) and is busy ${(coreShare * 100).toFixed(0)} % ` +
      `of the ${fmt.s(result.endToEndSeconds)}, while the client parses for ${result.clientParseSeconds.toFixed(2)} s on the same ` +
      `${os.cpus().length} cores. Batches reached the client within ${result.lagMs.max.toFixed(0)} ms of their flush ` +
      `(p95 ${result.lagMs.p95.toFixed(0)} ms); ` +
      `${result.clientDisconnected ? `the client was dropped: ${result.clientDisconnected}` : 'the bridge never had to drop it'}` +
      `${result.sequenceGaps > 0 ? `, with ${result.sequenceGaps} sequence gaps` : ''}.`,
  ];
  if (result.breakdown.length > 0) {
    lines.push(
      '',
      'Costs inside onEvent, one operation timed part by part (µs): per engine event `apply` (`tracker.apply`) and `log lines` ' +
        '(redaction + `operation.log`); per view refresh (counts, `tracker.stepList()`, changes, `redactDeep({ ...view })`, ' +
        "`operation.updated`) — timed after every event, so the mean over the operation's growing step list. A running " +
        'operation refreshes its view at most 20 times a second, so the last column is the most it costs of one core.',
      '',
      '| resources in the stack | events | apply | log lines | per event | events/s this allows | view refresh (of it redactDeep) | 20 refreshes/s, share of a core |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...result.breakdown.map((stage) => {
        const perEvent = stage.apply + stage.logLines;
        return `| ${stage.resources} | ${fmt.int(stage.events)} | ${us(stage.apply)} | ${us(stage.logLines)} | ${us(perEvent)} | ${fmt.int(1e6 / perEvent)} | ${us(stage.refresh)} (${us(stage.refreshRedact)}) | ${((stage.refresh * 20) / 1e4).toFixed(1)} % |`;
      }),
    );
  }
  return lines.join('\n');
}

export function deploySection(results: DeployResults): string {
  const m = results.machine;
  const load = (values: readonly number[]) => values.map((value) => value.toFixed(2)).join(' / ');
  return [
    START_MARKER,
    '## Deploy',
    '',
    `Measured ${m.date} by \`npm run bench:deploy\` (${Math.round(m.durationSeconds)} s): ${m.os}, ${m.cores} × ${m.cpuModel}, ` +
      `${(m.totalMemBytes / 2 ** 30).toFixed(1)} GiB RAM; Node.js ${m.node}; Pulumi CLI v${m.pulumi} (@pulumi/pulumi ${m.sdk}). ` +
      `Load average (1 / 5 / 15 min) at the start ${load(m.loadAtStart)}, at the end ${load(m.loadAtEnd)}: other work on the ` +
      'machine shifts absolute times, which is why each target is a ratio or a rate measured side by side within one run.',
    '',
    summaryTable(results),
    '',
    overheadSection(results.overhead),
    '',
    wavesSection(results.waves, results.overhead),
    '',
    eventsSection(results.events),
    END_MARKER,
  ].join('\n');
}

const INTRO = `# Benchmarks

Performance targets of the cockpit, how they are measured, and the latest measured numbers. Each section is rewritten by
its benchmark script; everything outside a section's markers is left alone.

| section | run with | what |
| --- | --- | --- |
| Deploy | \`npm run bench:deploy\` (about 3 minutes; needs the Pulumi CLI, see \`scripts/pulumi-toolchain.sh\`) | the cockpit's overhead on a deploy, wave parallelism, engine-event throughput core → UI |

The benchmarks print their results and assert nothing: timings depend on the machine and on whatever else runs on it,
so no test fails on them.
`;

/** Replaces the Deploy section of the benchmarks document (creating the document if needed). */
export async function writeDeploySection(file: string, section: string): Promise<void> {
  await writeDocSection(file, { start: START_MARKER, end: END_MARKER }, section, INTRO);
}
