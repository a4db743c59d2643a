// The scale benchmark's report (bench/scale.ts): the ratios measured side by side in the same run, the summary
// table and the "Scale" section of docs/BENCHMARKS.md, from the verdicts in scale-verdicts.ts.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { DMS_METRICS } from '../../main/api/contract';
import { naiveCallsPerCycle } from '../../main/tracks/dms/monitor/poll-planner';
import { fmt } from './common';
import type { CycleSample } from './scale-estate';
import { GATES, PERIOD_SECONDS, TASKS_PER_STACK } from './scale-plan';
import { SCALE_BEFORE, type ScaleBefore } from './scale-before';
import { findings } from './scale-findings';
import { percentiles, TARGETS, verdicts, type ScaleResult, type Verdicts } from './scale-verdicts';

export const START_MARKER = '<!-- bench:scale:start -->';
export const END_MARKER = '<!-- bench:scale:end -->';
const passFail = (pass: boolean) => (pass ? '**pass**' : '**FAIL**');
const total = (calls: Record<string, number>) => Object.values(calls).reduce((sum, n) => sum + n, 0);
const byOperation = (calls: Record<string, number>) =>
  Object.entries(calls)
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
const ms = (value: number) => (value >= 100 ? `${value.toFixed(0)} ms` : value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(2)} ms`);
const size = (bytes: number) => (bytes >= 2 ** 20 ? fmt.mib(bytes) : `${(bytes / 1024).toFixed(0)} KiB`);
const signedMib = (bytes: number) => `${bytes >= 0 ? '+' : '−'}${fmt.mib(Math.abs(bytes))}`;
export function summaryTable(r: ScaleResult): string {
  const v = verdicts(r);
  const s = r.size;
  const c = r.compareSize;
  return [
    '| target | measured | side by side, same run | target | result |',
    '| --- | --- | --- | --- | --- |',
    `| 1. Validate the plan (\`loadPlanFile\`, first call in a fresh process; median of ${v.cold.values.length}) | ${ms(v.cold.median)} (CPU ${ms(v.coldCpu.median)}) | warm ${ms(v.warmLarge.median)} at ${fmt.int(s.stacks)} stacks / ${ms(v.warmSmall.median)} at ${fmt.int(r.small.stacks)} = **${fmt.ratio(v.validateRatio)}** (${fmt.ratio(s.stacks / r.small.stacks)}× the stacks) | ≤ ${TARGETS.validateMs} ms | ${passFail(v.validatePass)} |`,
    `| 2. Core loads the plan and answers the first \`plan.get\` | ${ms(v.firstView)} (CPU ${ms(r.ready.firstView.cpuMs)}) | ${ms(v.firstView)} at ${fmt.int(s.stacks)} stacks / ${ms(v.compareFirstView)} at ${fmt.int(c.stacks)} = **${fmt.ratio(v.firstViewRatio)}** (${fmt.ratio(s.stacks / c.stacks)}× the stacks) | ≤ ${TARGETS.firstViewMs} ms | ${passFail(v.firstViewPass)} |`,
    `| 3. Refresh cycle, ${fmt.int(s.tasks)} tasks (${r.timed.length} cycles) | median ${ms(v.cycle.median)}, p95 ${ms(v.cycle.p95)} (CPU: core ${ms(v.cycleCpu.median)}, server ${ms(v.serverCpu.median)}); ${v.calls} calls (floor ${v.floor}) | per task: ${fmt.int(s.tasks)} / ${fmt.int(c.tasks)} tasks = **${fmt.ratio(v.perTaskRatio)}** (${ms(v.cycle.median)} / ${ms(v.compareCycle.median)}, ${v.compareCalls} calls, floor ${v.compareFloor}) | ≤ ${TARGETS.cycleMs} ms at the floor | ${passFail(v.cyclePass)} |`,
    `| 4. Core RSS over ${r.hours} simulated hours (after a full GC, hourly) | peak ${fmt.mib(v.peakRss)}; growth over the first half ${signedMib(v.growth.firstHalf)}, over the last half ${signedMib(v.growth.lastHalf)} | ${v.largeEnd && v.compareEnd ? `after the timed cycles: ${fmt.mib(v.largeEnd.rss)} at ${fmt.int(s.tasks)} tasks / ${fmt.mib(v.compareEnd.rss)} at ${fmt.int(c.tasks)} = **${fmt.ratio(v.largeEnd.rss / v.compareEnd.rss)}**` : '–'} | ≤ 400 MiB, flat | ${passFail(v.rssPass)} |`,
    `| 5. Readiness evaluation per refresh, ${fmt.int(s.stacks)} stacks in ${s.waves} waves | median ${ms(v.readiness.median)}, p95 ${ms(v.readiness.p95)} (CPU: median ${ms(v.readinessCpu.median)}, p95 ${ms(v.readinessCpu.p95)}) | per stack: ${fmt.int(s.stacks)} / ${fmt.int(c.stacks)} stacks = **${fmt.ratio(v.readinessPerStackRatio)}** (${ms(v.readiness.median)} / ${ms(v.compareReadiness.median)}) | ≤ ${TARGETS.readinessMs} ms | ${passFail(v.readinessPass)} |`,
  ].join('\n');
}

export function scaleSection(r: ScaleResult, run: { started: number; loadAtStart: number[] }): string {
  const v = verdicts(r);
  const s = r.size;
  const c = r.compareSize;
  const load = (values: readonly number[]) => values.map((value) => value.toFixed(2)).join(' / ');
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const seconds = (performance.now() - run.started) / 1000;
  const fv = r.ready.firstView;
  const cfv = r.compareReady.firstView;
  const list = (values: readonly number[]) => values.map((value) => value.toFixed(0)).join(', ');
  const median = (values: readonly number[]) => percentiles(values).median;
  return [
    START_MARKER,
    '## Scale',
    '',
    `Measured ${date} by \`npm run bench:scale\` (${Math.round(seconds)} s): ${os.type()} ${os.release()} ${os.arch()}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM; Node.js ${process.version}. Load average (1 / 5 / 15 min) at the start ${load(run.loadAtStart)}, at the end ${load(os.loadavg())}: ` +
      'the machine is shared, so each target also has a ratio measured side by side in the same run.',
    '',
    summaryTable(r),
    '',
    ...beforeAfter(r, v),
    ...findingsBlock(r, v),
    `**Estate.** The plan view benchmark's generated estate (\`bench/lib/large-plan.ts\`: ${fmt.int(s.stacks)} stacks in 4 projects, ${s.waves} waves — 4 foundation waves, ` +
      'then application waves with cutover windows on Saturday nights and a one-step runbook, each depending on an earlier wave; every stack registered with a CMDB) ' +
      `with ${TASKS_PER_STACK} DMS tasks per stack by identifier (${fmt.int(s.tasks)}) and gates \`${GATES}\` on every wave: a ${size(r.planBytes)} plan file. ` +
      `The rehearsal's AWS-compatible server (\`rehearsal/aws-rehearsal.ts\`, in the benchmark's process, on a manual clock) simulates the ${fmt.int(s.tasks)} full-load-and-CDC tasks ` +
      `(2 tables each, ${fmt.int(r.instances)} replication instances, ${fmt.int(r.endpoints)} endpoints), an hour in when the cockpit first looks. The cockpit's data folder ` +
      "holds the Pulumi state a deployed estate has (each stack's checkpoint in the default file:// backend, with its CMDB registration), which the core reads at load; " +
      "after the first view every stack is put in lifecycle `registered`, so the data gates and the waves' dependencies decide readiness. " +
      `Side by side: the same estate with ${fmt.int(c.tasks)} tasks (${fmt.int(c.stacks)} stacks, ${c.waves} waves), its own server and core, cycles alternating with the large one's.`,
    '',
    '### 1. Validation',
    '',
    `\`loadPlanFile\` (main/plan/load.ts, what \`migration-cockpit validate\` runs: read, YAML with positions, schema, semantic checks, URL and program checks, the model) ` +
      `in ${v.cold.values.length} fresh process(es) (\`bench/lib/scale-validator.ts\`, under tsx like the CLI). Importing the loader took ${list(r.validate.importMs)} ms; ` +
      `the first validation of the ${fmt.int(s.stacks)}-stack plan in each process ${list(r.validate.coldMs)} ms (the target's number: what the CLI pays; CPU time of the process meanwhile, all threads: ${list(r.validate.coldCpuMs)} ms). ` +
      `Then the ${fmt.int(r.small.stacks)}-stack plan (${r.small.waves} waves, same shape) and the large one alternately, warm: ${list(r.validate.warmSmallMs)} ms and ${list(r.validate.warmLargeMs)} ms (CPU of the large: ${list(r.validate.warmLargeCpuMs)} ms). ` +
      `The whole CLI, \`node bin/migration-cockpit.js validate\` (Node.js start, tsx, imports, validation, output): ${list(r.validate.cliMs)} ms ("${r.validate.cliOutput.replace(/^.*: valid/, 'valid')}").`,
    '',
    '### 2. First view',
    '',
    'The core in a child process (`bench/lib/scale-core.ts`): `startCockpitCore` with the plan (data folder, journal, the plan read and validated by the default loader, ' +
      "applied: Pulumi state read per stack, the plan view built, readiness indexed, the DMS monitor made), then `dispatch('plan.get')` (the response schema's parse, redaction) " +
      'and `JSON.stringify` of the answer as the web bridge sends it.',
    '',
    '| estate | import the core | startCockpitCore | of it loadPlanFile | plan.get | JSON | first view | CPU meanwhile (all threads) | answer |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    `| ${fmt.int(s.stacks)} stacks | ${ms(fv.importMs)} | ${ms(fv.startMs)} | ${ms(fv.loadPlanMs)} | ${ms(fv.planGetMs)} | ${ms(fv.serializeMs)} | **${ms(v.firstView)}** | ${ms(fv.cpuMs)} | ${size(fv.bytes)} |`,
    `| ${fmt.int(c.stacks)} stacks | ${ms(cfv.importMs)} | ${ms(cfv.startMs)} | ${ms(cfv.loadPlanMs)} | ${ms(cfv.planGetMs)} | ${ms(cfv.serializeMs)} | **${ms(v.compareFirstView)}** | ${ms(cfv.cpuMs)} | ${size(cfv.bytes)} |`,
    '',
    'Importing the core (tsx compiling it on first use) is not in the target: it is the same for any plan.',
    '',
    '### 3. Refresh cycle',
    '',
    `After ${r.warmUp} untimed cycles, ${r.timed.length} cycles per core one CloudWatch period (${PERIOD_SECONDS} s) apart, the ${fmt.int(s.tasks)}-task core's and the ${fmt.int(c.tasks)}-task core's alternately; ` +
      `each step of simulated time (here and over the day below) ${Math.ceil((3 * s.tasks) / 1000)} random tasks get a latency spike: apply capacity at 5 % for 1–2 minutes from a random moment of the step, so CDC latency goes over the gate and the 10-minute hold starts again. Wall time of \`monitor.refreshNow()\` in the core: ` +
      "describe, metrics, gate and alert evaluation, views and change detection, events published (the server's answers included: loopback HTTP, SigV4, JSON). " +
      `Floor for N tasks and k = ${DMS_METRICS.length} metrics: ceil(N/100) + ceil(N·k/500) = ${v.floor} for ${fmt.int(s.tasks)} (naive per-task polling: ${fmt.int(naiveCallsPerCycle(s.tasks))}), ${v.compareFloor} for ${fmt.int(c.tasks)}.`,
    '',
    '| core | median | p95 | max | core CPU (median) | server CPU (median) | calls per cycle | events per cycle |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    cycleRow(`${fmt.int(s.tasks)} tasks`, r.timed),
    cycleRow(`${fmt.int(c.tasks)} tasks`, r.compareTimed),
    '',
    `The first cycle (untimed, at start: tasks found through \`replication-task-id\` filters, instances and endpoints described once): ${fmt.int(s.tasks)} tasks ${ms(r.ready.firstCycle.ms)}, ` +
      `${total(r.ready.firstCycle.calls)} calls (${byOperation(r.ready.firstCycle.calls)}); ${fmt.int(c.tasks)} tasks ${ms(r.compareReady.firstCycle.ms)}, ${total(r.compareReady.firstCycle.calls)} calls. ` +
      'Until it ends the cockpit shows no DMS data (it also reads an hour of CDC latency back, for the holds). ' +
      `All cycles (ms), ${fmt.int(s.tasks)} tasks: ${list(r.timed.map((x) => x.ms))}; ${fmt.int(c.tasks)} tasks: ${list(r.compareTimed.map((x) => x.ms))}.`,
    '',
    '### 4. Memory over a simulated day',
    '',
    `${r.hours} simulated hours after the timed cycles, one cycle every ${r.stepMinutes} simulated minutes (${r.daySamples.length} cycles: median ${ms(median(r.daySamples.map((x) => x.ms)))}); once per simulated hour ` +
      'the core reports its RSS, collects garbage (`global.gc()`) and reports `process.memoryUsage()` and its RSS by mapping. The target is judged on the RSS after the collection (as bench:monitor does); ' +
      `the RSS before it and the process's high-water mark (getrusage) are beside it. A half's growth is the median of its second quarter of the day minus the median of its first ` +
      `(medians of ${Math.max(1, Math.floor(r.hourly.length / 4))} hourly samples: the RSS after a collection moves by some 30 MiB from one hour to the next with the V8 pages the heap keeps committed); ` +
      `"flat": less than ${fmt.mib(TARGETS.flatBytes)} of growth over the last half.`,
    '',
    '| simulated hour | RSS after GC | before GC | high-water | V8 heap used / committed | array buffers | V8 pages¹ | malloc heap¹ | other anonymous¹ | files¹ | cycle | stale tasks |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...r.hourly.map(
      (h) =>
        `| ${h.hour} | ${fmt.mib(h.rss)} | ${fmt.mib(h.rssBeforeGc)} | ${fmt.mib(h.maxRss)} | ${fmt.mib(h.heapUsed)} / ${fmt.mib(h.heapTotal)} | ${fmt.mib(h.arrayBuffers)} | ` +
        (h.map ? `${fmt.mib(h.map.v8Pages)} | ${fmt.mib(h.map.mallocHeap)} | ${fmt.mib(h.map.otherAnon)} | ${fmt.mib(h.map.files)} |` : '– | – | – | – |') +
        ` ${ms(h.cycleMs)} | ${h.stale} |`,
    ),
    '',
    '¹ RSS by mapping, from `/proc/self/smaps`, as in the DMS monitor section.',
    '',
    `Peak RSS after GC ${fmt.mib(v.peakRss)} (before GC ${fmt.mib(v.peakBeforeGc)}, high-water ${fmt.mib(v.maxRss)}). Growth after GC: first half ${signedMib(v.growth.firstHalf)}, ` +
      `last half ${signedMib(v.growth.lastHalf)}${quarters(v.growth.quarters)}; before GC: ${signedMib(v.growthBeforeGc.firstHalf)}, ${signedMib(v.growthBeforeGc.lastHalf)}${quarters(v.growthBeforeGc.quarters)}. ` +
      `After its first cycle (before the timed ones) the core had ${fmt.mib(r.ready.baseline.rss)} after GC.` +
      (r.extraArgs.length > 0 ? ` Extra core flags for this run (MC_BENCH_CORE_ARGS): \`${r.extraArgs.join(' ')}\`.` : ''),
    '',
    '### 5. Readiness evaluation',
    '',
    'After each timed cycle `readiness.evaluateNow()` (main/core/readiness-service.ts, main/cutover/readiness.ts) judges every wave: four gates per stack from the signals, ' +
      'green-since bookkeeping, views rebuilt where something changed, changed waves published. Wall time (and CPU of the core process) per refresh:',
    '',
    '| estate | refreshes | median | p95 | max | CPU median | CPU p95 | waves changed per refresh (median) | readiness bytes to the UI per refresh (median) | ready waves at the end | stacks with a gate not green at the end, per gate column |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    readinessRow(`${fmt.int(s.stacks)} stacks, ${s.waves} waves`, r.timed),
    readinessRow(`${fmt.int(c.stacks)} stacks, ${c.waves} waves`, r.compareTimed),
    readinessRow(`${fmt.int(s.stacks)} stacks, over the simulated day`, r.daySamples),
    END_MARKER,
  ].join('\n');
}

/** The same numbers on the code before the scale work (scale-before.ts), this run's, and the ratios. */
function beforeAfter(r: ScaleResult, v: Verdicts): string[] {
  const row = (label: string, x: ScaleBefore) =>
    `| ${label} | ${ms(x.validateMs)} | ${ms(x.firstViewMs)} | ${ms(x.cycleMedianMs)} / ${ms(x.cycleP95Ms)} | ${ms(x.cycleCoreCpuMs)} / ${ms(x.cycleServerCpuMs)} | ${x.peakRssMiB.toFixed(1)} MiB | ${ms(x.readinessMedianMs)} / ${ms(x.readinessP95Ms)} |`;
  const now: ScaleBefore = {
    label: 'this run',
    validateMs: v.cold.median,
    firstViewMs: v.firstView,
    cycleMedianMs: v.cycle.median,
    cycleP95Ms: v.cycle.p95,
    cycleCoreCpuMs: v.cycleCpu.median,
    cycleServerCpuMs: v.serverCpu.median,
    peakRssMiB: v.peakRss / 2 ** 20,
    readinessMedianMs: v.readiness.median,
    readinessP95Ms: v.readiness.p95,
  };
  const quiet = SCALE_BEFORE.at(-1)!;
  const ratio = (after: number, before: number) => fmt.ratio(after / before);
  return [
    `**Before and after.** The same benchmark on the code before the scale work (${fmt.int(r.size.tasks)} tasks; \`bench/lib/scale-before.ts\`), and this run:`,
    '',
    '| run | validate (cold) | first view | cycle median / p95 | cycle CPU, core / server | peak RSS after GC | readiness median / p95 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...SCALE_BEFORE.map((x) => row(x.label, x)),
    row('**this run**', now),
    `| this run ÷ the quiet run before | ${ratio(now.validateMs, quiet.validateMs)} | ${ratio(now.firstViewMs, quiet.firstViewMs)} | ${ratio(now.cycleMedianMs, quiet.cycleMedianMs)} / ${ratio(now.cycleP95Ms, quiet.cycleP95Ms)} | ${ratio(now.cycleCoreCpuMs, quiet.cycleCoreCpuMs)} / ${ratio(now.cycleServerCpuMs, quiet.cycleServerCpuMs)} | ${ratio(now.peakRssMiB, quiet.peakRssMiB)} | ${ratio(now.readinessMedianMs, quiet.readinessMedianMs)} / ${ratio(now.readinessP95Ms, quiet.readinessP95Ms)} |`,
    '',
    ...SCALE_WORK.flatMap((item) => [item, '']),
  ];
}

/** What the scale work changed, and what the benchmark measures since (said once, beside the before and after). */
const SCALE_WORK = [
  '**What changed.** First view: the Pulumi CLI probe starts before the plan is read, so the validation runs while `pulumi version` does instead of before it (main/core/cockpit-core.ts); ' +
    'the DMS series of all tasks live in a few large typed arrays (main/tracks/dms/monitor/series-slab.ts), where each task took 24 small ones and 12 ring objects. ' +
    'Refresh cycle: fewer objects that outlive a cycle — views compared in place instead of by a digest of their JSON, one ISO string per distinct time, the GetMetricData queries built once per task, ' +
    "an answer's points put into the series one by one with only those sent to the UI made into pairs, a task's new description sharing its unchanged strings and dates with the old one, " +
    'no set of 30,000 alert keys a cycle; and the rehearsal server looks filter values up in a set (it compared 6,000 tasks with 100 ARNs per call). ' +
    "Readiness: the DMS judge reads a stack's task views by position and keeps a stack's verdict while its views judge the same; the service keeps a stack's view when its verdicts are the same objects. " +
    'Memory: the slab (about 40 MiB of array-buffer bookkeeping and 300,000 objects fewer), the ring objects, and less garbage per cycle; V8 keeps the pages its peak needed, so a lower peak is a lower RSS.',
  "**What the memory is.** The core runs in its own process (`bench/lib/scale-core.ts`), the rehearsal's AWS server in the benchmark's, as AWS is elsewhere in production: the RSS is the core's. " +
    'The benchmark keeps nothing of what it reads in the core process (the first answer and its JSON, the one monitor snapshot at start) and follows the monitor through its events as a UI does; ' +
    'before this work it kept the first snapshot and the answer for the whole run, took a snapshot of every task after every cycle, and held the last one while it sampled memory.',
];

function findingsBlock(r: ScaleResult, v: Verdicts): string[] {
  const items = findings(r, v);
  return items.length > 0 ? ['**Where the time and memory go** (failing targets).', '', ...items.flatMap((item) => [item, ''])] : [];
}

const quarters = (values: readonly number[]) => (values.length > 0 ? ` (quarter medians ${values.map((q) => fmt.mib(q)).join(', ')})` : '');

function cycleRow(label: string, samples: readonly CycleSample[]): string {
  const p = percentiles(samples.map((x) => x.ms));
  const median = (values: readonly number[]) => percentiles(values).median;
  const last = samples.at(-1);
  return `| ${label} | ${ms(p.median)} | ${ms(p.p95)} | ${ms(p.max)} | ${ms(median(samples.map((x) => x.cpuMs)))} | ${ms(median(samples.map((x) => x.serverCpuMs)))} | ${last ? `${total(last.calls)} (${byOperation(last.calls)})` : '–'} | ${size(median(samples.map((x) => x.eventBytes)))} |`;
}

function readinessRow(label: string, samples: readonly CycleSample[]): string {
  const p = percentiles(samples.map((x) => x.readinessMs));
  const median = (values: readonly number[]) => percentiles(values).median;
  const cpu = percentiles(samples.map((x) => x.readinessCpuMs));
  const last = samples.at(-1);
  const notGreen = last
    ? Object.entries(last.notGreen)
        .map(([gate, count]) => `${gate} ${count}`)
        .join(', ') || 'none'
    : '–';
  return `| ${label} | ${samples.length} | ${ms(p.median)} | ${ms(p.p95)} | ${ms(p.max)} | ${ms(cpu.median)} | ${ms(cpu.p95)} | ${median(samples.map((x) => x.wavesChanged))} | ${size(median(samples.map((x) => x.readinessBytes)))} | ${last?.readyWaves ?? '–'} | ${notGreen} |`;
}
