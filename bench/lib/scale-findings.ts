// The scale benchmark's findings (bench/lib/scale-report.ts): for each target the run failed, where the time or the
// memory goes — this run's own measurements, and what CPU profiles (`node --cpu-prof`), allocation samples and heap
// snapshots of the same code showed after the scale work (2026-12-03; the notes name the functions of that code and
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
      `- **First view** (${ms(v.firstView)}; CPU ${ms(fv.cpuMs)}): \`loadPlanFile\` took ${ms(fv.loadPlanMs)} of it (it runs while the Pulumi CLI probe does); the rest of ` +
        `\`startCockpitCore\` ${ms(rest)}, \`plan.get\` and its JSON ${ms(fv.planGetMs + fv.serializeMs)}. From the profiles: the plan's YAML, schema and semantic checks ` +
        `(about 0.3 s of CPU), the stacks' checkpoints (${fmt.int(r.size.stacks)} files read 16 at a time through the thread pool, about 0.2 s), the DMS monitor's first views, ` +
        "garbage collection; the machine's load stretches all of it. Suggestions: read the checkpoints in one pass per project; keep the last valid plan model by content hash.",
    );
  }
  if (!v.cyclePass) {
    out.push(
      `- **Refresh cycle** (median ${ms(v.cycle.median)}, p95 ${ms(v.cycle.p95)}): the core's CPU per cycle was ${ms(v.cycleCpu.median)} (median) and the server's ${ms(v.serverCpu.median)}, ` +
        "on a machine of 2 cores shared with other work. From the profiles: about half of the core's CPU is the AWS SDK (serializing 30,000 `MetricDataQueries`, deserializing the answers, " +
        'signing), a fifth garbage collection, the rest the views, series and events. Suggestions: reuse the serialized GetMetricData queries (the same every cycle, only the times change).',
    );
  }
  if (!v.rssPass) {
    const end = r.hourly.at(-1);
    out.push(
      `- **Memory** (peak ${fmt.mib(v.peakRss)} after GC${end ? `; at the end: array buffers ${fmt.mib(end.arrayBuffers)}, V8 heap ${fmt.mib(end.heapUsed)} used of ${fmt.mib(end.heapTotal)} committed${end.map ? `, V8 pages ${fmt.mib(end.map.v8Pages)}, malloc heap ${fmt.mib(end.map.mallocHeap)}, files ${fmt.mib(end.map.files)}` : ''}` : ''}): ` +
        "the array buffers are the DMS series (series-slab.ts: 24 hours of each 5 minutes' lowest and highest value of 6 series per task, allocated when the plan loads). " +
        "V8 keeps the pages its busiest moment needed (the first cycle, with an hour of CDC latency read back, and the day's 15-minute cycles) pooled for reuse, so its RSS follows the peak of " +
        'allocation, not the live heap; the malloc heap keeps what the HTTP bodies of the largest answers needed. ' +
        `From ${fmt.int(r.compareSize.tasks)} to ${fmt.int(r.size.tasks)} tasks the RSS grew by about ` +
        `${v.largeEnd && v.compareEnd ? fmt.int((v.largeEnd.rss - v.compareEnd.rss) / 1024 / (r.size.tasks - r.compareSize.tasks)) : '?'} KiB per task. ` +
        "Suggestions: fewer objects per GetMetricData answer (the SDK's deserialization makes most of a cycle's garbage); a smaller young generation for the core (a launch flag).",
    );
  }
  if (!v.readinessPass) {
    out.push(
      `- **Readiness** (median ${ms(v.readiness.median)}, p95 ${ms(v.readiness.p95)}; CPU median ${ms(v.readinessCpu.median)}, p95 ${ms(v.readinessCpu.p95)}): a wall time above the CPU time is ` +
        "the machine (other processes), and CPU time counts the collector's threads too. A stack whose verdicts are the same objects as before keeps its view (readiness-service.ts), " +
        "and the DMS judge keeps a stack's verdict while its task views judge the same (main/tracks/dms/readiness.ts); every refresh still asks every judge about every stack. " +
        'Suggestion: judge only the stacks whose signals changed since the last refresh.',
    );
  }
  return out;
}
