// What bench:scale measured (ScaleResult) and its verdicts against the targets: pure, shared by the report and
// its findings.
import { DMS_METRICS } from '../../main/api/contract';
import { floorCallsPerCycle } from '../../main/tracks/dms/monitor/poll-planner';
import { stats } from './common';
import type { MemorySample } from './scale-core';
import type { CycleSample, ReadyReply } from './scale-estate';
import type { EstateSize } from './scale-plan';
import type { ValidateResult } from './scale-validate';

const total = (calls: Record<string, number>) => Object.values(calls).reduce((sum, n) => sum + n, 0);
export const TARGETS = {
  validateMs: 1000,
  firstViewMs: 1500,
  cycleMs: 2000,
  rssBytes: 400 * 2 ** 20,
  /** "Flat": RSS grows by less than this over the last half of the simulated day (bench:monitor's tolerance). */
  flatBytes: 16 * 2 ** 20,
  readinessMs: 20,
} as const;

export interface HourSample extends MemorySample {
  readonly hour: number;
  readonly cycleMs: number;
  readonly readinessMs: number;
  readonly stale: number;
}

export interface ScaleResult {
  readonly size: EstateSize;
  readonly compareSize: EstateSize;
  /** The plan validated beside the large one. */
  readonly small: { readonly stacks: number; readonly waves: number };
  readonly planBytes: number;
  readonly validate: ValidateResult;
  readonly ready: ReadyReply;
  readonly compareReady: ReadyReply;
  readonly instances: number;
  readonly endpoints: number;
  readonly timed: readonly CycleSample[];
  readonly compareTimed: readonly CycleSample[];
  readonly daySamples: readonly CycleSample[];
  readonly hourly: readonly HourSample[];
  readonly hours: number;
  readonly stepMinutes: number;
  readonly warmUp: number;
  readonly extraArgs: readonly string[];
}

/**
 * Growth over each half of the day: the median of the half's second quarter minus that of its first (with fewer than
 * 4 samples, the last sample of the half minus its first).
 */
export function halves(values: readonly number[]): { firstHalf: number; lastHalf: number; quarters: number[] } {
  if (values.length < 4) {
    const mid = Math.floor((values.length - 1) / 2);
    return { firstHalf: (values[mid] ?? NaN) - (values[0] ?? NaN), lastHalf: (values.at(-1) ?? NaN) - (values[mid] ?? NaN), quarters: [] };
  }
  const q = Math.floor(values.length / 4);
  const quarters = [0, 1, 2, 3].map((i) => percentiles(values.slice(i * q, i === 3 ? values.length : (i + 1) * q)).median);
  return { firstHalf: quarters[1]! - quarters[0]!, lastHalf: quarters[3]! - quarters[2]!, quarters };
}

/** Median (the middle value, or the mean of the two), p95 and max (nearest rank). */
export function percentiles(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(0.95 * sorted.length) - 1))] ?? NaN;
  return { median: sorted.length > 0 ? stats(sorted).median : NaN, p95, max: sorted.at(-1) ?? NaN, values };
}
export const firstViewMs = (r: ReadyReply) => r.firstView.startMs + r.firstView.planGetMs + r.firstView.serializeMs;

export type Verdicts = ReturnType<typeof verdicts>;

export function verdicts(r: ScaleResult) {
  const v = r.validate;
  const cold = percentiles(v.coldMs);
  const coldCpu = percentiles(v.coldCpuMs);
  const warmLarge = percentiles(v.warmLargeMs);
  const warmSmall = percentiles(v.warmSmallMs);
  const cycle = percentiles(r.timed.map((s) => s.ms));
  const compareCycle = percentiles(r.compareTimed.map((s) => s.ms));
  const floor = floorCallsPerCycle(r.size.tasks, DMS_METRICS.length);
  const compareFloor = floorCallsPerCycle(r.compareSize.tasks, DMS_METRICS.length);
  const calls = percentiles(r.timed.map((s) => total(s.calls))).median;
  const compareCalls = percentiles(r.compareTimed.map((s) => total(s.calls))).median;
  const readiness = percentiles(r.timed.map((s) => s.readinessMs));
  const readinessCpu = percentiles(r.timed.map((s) => s.readinessCpuMs));
  const cycleCpu = percentiles(r.timed.map((s) => s.cpuMs));
  const serverCpu = percentiles(r.timed.map((s) => s.serverCpuMs));
  const readinessDay = percentiles(r.daySamples.map((s) => s.readinessMs));
  const compareReadiness = percentiles(r.compareTimed.map((s) => s.readinessMs));
  const rss = r.hourly.map((h) => h.rss);
  const peakRss = Math.max(...rss);
  const peakBeforeGc = Math.max(...r.hourly.map((h) => h.rssBeforeGc));
  const maxRss = Math.max(...r.hourly.map((h) => h.maxRss));
  const growth = halves(rss);
  const growthBeforeGc = halves(r.hourly.map((h) => h.rssBeforeGc));
  const flat = growth.lastHalf < TARGETS.flatBytes;
  const firstView = firstViewMs(r.ready);
  const compareFirstView = firstViewMs(r.compareReady);
  const largeEnd = r.timed.at(-1)?.memory;
  const compareEnd = r.compareTimed.at(-1)?.memory;
  return {
    cold,
    coldCpu,
    warmLarge,
    warmSmall,
    validateRatio: warmLarge.median / warmSmall.median,
    validatePass: cold.median <= TARGETS.validateMs,
    firstView,
    compareFirstView,
    firstViewRatio: firstView / compareFirstView,
    firstViewPass: firstView <= TARGETS.firstViewMs,
    cycle,
    compareCycle,
    perTaskRatio: cycle.median / r.size.tasks / (compareCycle.median / r.compareSize.tasks),
    floor,
    compareFloor,
    calls,
    compareCalls,
    cyclePass: cycle.p95 <= TARGETS.cycleMs && calls === floor,
    peakRss,
    peakBeforeGc,
    maxRss,
    growth,
    growthBeforeGc,
    flat,
    rssPass: peakRss <= TARGETS.rssBytes && flat,
    largeEnd,
    compareEnd,
    readiness,
    readinessCpu,
    cycleCpu,
    serverCpu,
    readinessDay,
    compareReadiness,
    readinessPerStackRatio: readiness.median / r.size.stacks / (compareReadiness.median / r.compareSize.stacks),
    readinessPass: readiness.p95 <= TARGETS.readinessMs,
  };
}
