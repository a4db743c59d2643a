// The scale benchmark's findings (bench/lib/scale-report.ts): for each target the run failed, where the time or the
// memory goes — this run's own measurements, and what CPU profiles (`node --cpu-prof`) and a heap snapshot of the
// same code showed when the benchmark was written (2026-12-03; the profile notes name the functions of that code and
// go stale as it changes: profile again with MC_BENCH_CORE_ARGS="--cpu-prof --cpu-prof-dir=<dir>").
import { fmt } from './common';
import type { ScaleResult, Verdicts } from './scale-verdicts';

const ms = (value: number) => `${value.toFixed(0)} ms`;

/** One list item per failing target (none when every target passed): what was done about it, and what is left. */
export function findings(r: ScaleResult, v: Verdicts): string[] {
  const out: string[] = [];
  const fv = r.ready.firstView;
  if (!v.validatePass) {
    out.push(
      `- **Validation** (${ms(v.cold.median)} cold, ${ms(v.warmLarge.median)} warm, CPU ${ms(v.coldCpu.median)} cold): a plain plan is read by a fast YAML 1.2 core parse ` +
        "(main/plan/fast-parse.ts) and its positioned document (the `yaml` package's `parseDocument`, 0.6–0.9 s of CPU on this plan) is made only when an issue needs placing; " +
        "a plan with anchors, aliases or tags, or with issues, still pays for it. Then zod's `safeParse`, `checkSemantics` and `planParts`. Suggestion: keep the last valid model " +
        "keyed by the file's content hash in the data folder.",
    );
  }
  if (!v.firstViewPass) {
    const rest = fv.startMs - fv.loadPlanMs;
    out.push(
      `- **First view** (${ms(v.firstView)}; CPU ${ms(fv.cpuMs)}): \`loadPlanFile\` took ${ms(fv.loadPlanMs)} of it, now while the core sets itself up (the journal, the Pulumi CLI ` +
        `probe); the rest of \`startCockpitCore\` ${ms(rest)}, \`plan.get\` and its JSON ${ms(fv.planGetMs + fv.serializeMs)}. The stacks' checkpoints (${fmt.int(r.size.stacks)} files, for their ` +
        'registrations) are read 16 at a time. Left, from the profiles of the first measurement: the DMS monitor is built before `load()` resolves (cockpit-core.ts `apply` awaits ' +
        '`replication.setPlan`; `SeriesStore.retain` allocates a dozen typed arrays per task) and the garbage collector. Suggestions: answer with the plan before making the monitor; ' +
        'allocate the series in one slab per store.',
    );
  }
  if (!v.cyclePass) {
    out.push(
      `- **Refresh cycle** (median ${ms(v.cycle.median)}, p95 ${ms(v.cycle.p95)}): the core's CPU per cycle was ${ms(v.cycleCpu.median)} (median) and the server's ${ms(v.serverCpu.median)} on the other core, ` +
        'so on an idle machine the cycle takes about its CPU time and any other load pushes its p95 over. DescribeReplicationTasks answers are matched to tasks through one index ' +
        `(main/tracks/dms/monitor/cycle-reads.ts; it was N²/100 string comparisons, about 0.3 s at 6,000 tasks). Left, from the profiles: the AWS SDK's serialization of ${fmt.int(r.size.tasks * 5)} ` +
        '`MetricDataQueries` per cycle (the same queries every cycle, only the times change) and deserialization of the answers, about a quarter; garbage collection, about a fifth; ' +
        'metric points into the series and the task views. Suggestions: reuse the serialized GetMetricData queries; fewer allocations per point.',
    );
  }
  if (!v.rssPass) {
    const end = r.hourly.at(-1);
    out.push(
      `- **Memory** (peak ${fmt.mib(v.peakRss)} after GC${end ? `; at the end: array buffers ${fmt.mib(end.arrayBuffers)}, V8 heap ${fmt.mib(end.heapUsed)} used of ${fmt.mib(end.heapTotal)} committed${end.map ? `, files ${fmt.mib(end.map.files)}` : ''}` : ''}): ` +
        "the array buffers are the DMS series (main/tracks/dms/monitor/series-store.ts, ring-buffer.ts), allocated per task up front; the day keeps each 5 minutes' lowest and highest value " +
        '(was one value a minute: 217 MiB for 6,000 tasks with the full-load progress series, now 98 MiB). The rest is the V8 heap — task states with the described tasks ' +
        '(6 Dates and the table-mapping text each), views, the plan — which keeps 30–80 MiB committed above what is live even after a full collection (the hour-to-hour swing above). ' +
        `From ${fmt.int(r.compareSize.tasks)} to ${fmt.int(r.size.tasks)} tasks the RSS grew by about ` +
        `${v.largeEnd && v.compareEnd ? fmt.int((v.largeEnd.rss - v.compareEnd.rss) / 1024 / (r.size.tasks - r.compareSize.tasks)) : '?'} KiB per task. ` +
        'Suggestions: keep only the fields of a described task the views need; one slab per store instead of a dozen arrays per task; a smaller young generation for the core.',
    );
  }
  if (!v.readinessPass) {
    out.push(
      `- **Readiness** (median ${ms(v.readiness.median)}, p95 ${ms(v.readiness.p95)}; CPU median ${ms(v.readinessCpu.median)}, p95 ${ms(v.readinessCpu.p95)}): a wall time above the CPU time is ` +
        "the machine (other processes), and CPU time counts the collector's threads too. A running latency hold no longer rebuilds its wave every refresh: it is said by its start " +
        'and end, which stay put (main/tracks/dms/monitor/gates.ts, main/core/readiness-service.ts), so a wave is rebuilt and sent when its gates change. Left: every refresh still judges every ' +
        'gate of every stack. Suggestion: judge only the stacks whose signals changed since the last refresh.',
    );
  }
  return out;
}
