// The scale benchmark's findings (bench/lib/scale-report.ts): for each target the run failed, where the time or the
// memory goes — this run's own measurements, and what CPU profiles (`node --cpu-prof`) and a heap snapshot of the
// same code showed when the benchmark was written (2026-12-03; the profile notes name the functions of that code and
// go stale as it changes: profile again with MC_BENCH_CORE_ARGS="--cpu-prof --cpu-prof-dir=<dir>").
import { fmt } from './common';
import type { ScaleResult, Verdicts } from './scale-verdicts';

const ms = (value: number) => `${value.toFixed(0)} ms`;
const size = (bytes: number) => (bytes >= 2 ** 20 ? fmt.mib(bytes) : `${(bytes / 1024).toFixed(0)} KiB`);

/** One list item per failing target (none when every target passed). */
export function findings(r: ScaleResult, v: Verdicts): string[] {
  const out: string[] = [];
  const fv = r.ready.firstView;
  if (!v.validatePass) {
    out.push(
      `- **Validation** (${ms(v.cold.median)} cold, ${ms(v.warmLarge.median)} warm, CPU ${ms(v.coldCpu.median)} cold): mostly the YAML parse. In profiles, \`parseDocument\` of the \`yaml\` ` +
        'package (main/plan/source.ts `parsePlanSource`: the document with source ranges, for line:column issues) was about two thirds of `loadPlanFile` — its lexer and ' +
        "parser, then composing the nodes — and the garbage collector ran mostly inside it; then zod's `safeParse` of the schema (about 10 %), `checkSemantics` and `planParts` " +
        `(main/plan/semantics.ts, plan-parts.ts), \`toJS\`. Measured on this plan's text (${size(r.planBytes)}): \`parseDocument\` 0.6–0.9 s of CPU, the \`yaml\` lexer and parser alone 0.4 s, ` +
        "`js-yaml`'s `load` 40 ms, `JSON.parse` of the same data 5 ms. A first call also warms the JIT (warm calls above). Suggestions: validate from a fast parse and " +
        "build the positioned document only when there is an issue (or a warning) to place; or keep the last valid model keyed by the file's content hash in the data folder.",
    );
  }
  if (!v.firstViewPass) {
    const rest = fv.startMs - fv.loadPlanMs;
    out.push(
      `- **First view** (${ms(v.firstView)}; CPU ${ms(fv.cpuMs)}): \`loadPlanFile\` took ${ms(fv.loadPlanMs)} of it (the validation above, cold in the core's process), ` +
        `the rest of \`startCockpitCore\` ${ms(rest)}, \`plan.get\` and its JSON ${ms(fv.planGetMs + fv.serializeMs)}. In profiles, that rest was: the Pulumi CLI probe ` +
        '(`StackService.start` awaits `findPulumiCli`, main/pulumi/toolchain.ts, which runs `pulumi version`: 0.2–0.3 s before the plan is even read, for any plan); the DMS monitor, ' +
        'built before `load()` resolves (cockpit-core.ts `apply` awaits `replication.setPlan`; `new ReplicationMonitor` → `TaskSet` → `SeriesStore.retain` allocates 15 typed arrays ' +
        `per task, ${fmt.int(15 * r.size.tasks)} here, and NaN-fills the day rings: about 0.3 s, plus about 0.07 s for the first task views); the stacks' checkpoints read one after ` +
        `another for their registrations (\`StackService.readRegistrations\`, ${fmt.int(r.size.stacks)} files: 0.15–0.3 s); and the garbage collector (about 0.35 s). ` +
        'Suggestions: probe the Pulumi CLI concurrently with the load; answer with the plan before making the monitor (or allocate the series in one slab per store); ' +
        'read the checkpoints concurrently or after the first view; and the YAML parse above.',
    );
  }
  if (!v.cyclePass) {
    out.push(
      `- **Refresh cycle** (median ${ms(v.cycle.median)}, p95 ${ms(v.cycle.p95)}): the core's CPU per cycle was ${ms(v.cycleCpu.median)} (median) and the server's ${ms(v.serverCpu.median)} on the other core, ` +
        "so on an idle machine the cycle takes about its CPU time and any other load pushes it over. In profiles: the AWS SDK's serialization of " +
        `${fmt.int(r.size.tasks * 5)} \`MetricDataQueries\` per cycle (the same queries every cycle, only the times change) and deserialization of the answers about a quarter; ` +
        'garbage collection about a fifth; matching DescribeReplicationTasks answers to tasks about an eighth (main/dms/cycle-reads.ts `describeTasks`: for every batch, every ' +
        'task and `batch.values.includes`, N²/100 string comparisons, about 0.3 s at 6,000 tasks and why the cost per task grows with N); metric points into the series ' +
        '(metric-reads.ts, series-store.ts `append`); ' +
        'task views and their change keys (views.ts). Suggestions: index the answers by ARN / identifier once per cycle; reuse the serialized GetMetricData queries; fewer ' +
        'allocations per point.',
    );
  }
  if (!v.rssPass) {
    const end = r.hourly.at(-1);
    out.push(
      `- **Memory** (peak ${fmt.mib(v.peakRss)} after GC${end ? `; at the end: array buffers ${fmt.mib(end.arrayBuffers)}, V8 heap ${fmt.mib(end.heapUsed)} used of ${fmt.mib(end.heapTotal)} committed${end.map ? `, files ${fmt.mib(end.map.files)}` : ''}` : ''}): ` +
        `the array buffers are the DMS series (main/dms/series-store.ts, ring-buffer.ts), allocated per task up front: 5 metrics × a day of 1,440 one-minute Float32 slots = 28.8 KB per task, ` +
        `${fmt.mib(r.size.tasks * 5 * 1440 * 4)} for ${fmt.int(r.size.tasks)} tasks, plus the 15-minute rings. A heap snapshot of the 6,000-task core after a few cycles: 177 MiB of ` +
        "typed-array data, about 22 MiB of heap for the 102,000 typed arrays (17 per task: 5 metrics × a 15-minute ring of times and values and a day ring, and the ring of each task's progress in task-state.ts) and their ring objects, then plain objects and strings (22 MiB each: task states with the described " +
        'tasks — 6 Dates and the table-mapping text each —, views, the plan), code 10 MiB. The V8 heap keeps 30–80 MiB committed above what is live even after a full collection ' +
        `(the hour-to-hour swing of the RSS above). From ${fmt.int(r.compareSize.tasks)} to ${fmt.int(r.size.tasks)} tasks the RSS grew by about ` +
        `${v.largeEnd && v.compareEnd ? fmt.int((v.largeEnd.rss - v.compareEnd.rss) / 1024 / (r.size.tasks - r.compareSize.tasks)) : '?'} KiB per task, half of it the series. ` +
        "Suggestions: keep the day in 5-minute slots of minimum and maximum (what the chart's min/max downsampling to its width in pixels shows; 576 values a series instead " +
        'of 1,440: 66 MiB instead of 165 MiB for 6,000 tasks), or one-minute slots only for CDCLatencyTarget; one slab per store instead of 15 arrays per task; keep only the fields of a described task the views need.',
    );
  }
  if (!v.readinessPass) {
    out.push(
      `- **Readiness** (median ${ms(v.readiness.median)}, p95 ${ms(v.readiness.p95)}; CPU median ${ms(v.readinessCpu.median)}, p95 ${ms(v.readinessCpu.p95)}): a wall time far above the CPU time is ` +
        "the machine (other processes), and CPU time counts the collector's threads too. The evaluation itself rebuilds and publishes every wave in which some stack's latency hold counts " +
        'down (`holdRemainingSeconds` changes every refresh, and `holdEndsAt` is recomputed from it: main/core/readiness-service.ts `stackView`, ' +
        'main/cutover/readiness-tracker.ts), most waves here. Suggestion: fix `holdEndsAt` when a hold starts, leave the countdown out of change detection (the UI counts down ' +
        'from `holdEndsAt`), so that only waves whose gates changed are rebuilt and sent.',
    );
  }
  return out;
}
