// Freshness on the data clock: how old a track's data may be before a view calls it stale (a number of intervals
// of the current pace), and the data clock as a status carries it. The data clock is the time of the data: a
// simulated clock in the rehearsal and the benchmarks, which may run faster than the real-time polling intervals,
// so every real-time span is scaled by its rate before it is compared with an age on it.
import type { DataClockView } from '../api/contract';

export interface FreshnessOptions {
  /** Data older than this many intervals of the current pace (before backoff) is stale (default 3). */
  readonly staleAfterIntervals?: number;
  /** Data-clock milliseconds per real millisecond (default 1). */
  readonly clockRate?: number;
}

/** A real-time span (ms) as a span on the data clock. */
export function onDataClock(realMs: number, clockRate = 1): number {
  return realMs * clockRate;
}

/** The age (data-clock ms) past which data read at the pace of `intervalMs` is stale. */
export function staleLimitMs(intervalMs: number, options: FreshnessOptions = {}): number {
  return (options.staleAfterIntervals ?? 3) * intervalMs * (options.clockRate ?? 1);
}

/** Whether data read at `at` (null: never read) is older than the limit at `now`. */
export function isStale(at: number | null, now: number, limitMs: number): boolean {
  return at === null || now - at > limitMs;
}

/** The data clock now, with the wall-clock time it was read at. */
export function dataClockView(clock: () => number, clockRate: number): DataClockView {
  return { at: new Date(clock()).toISOString(), wallAt: new Date().toISOString(), rate: clockRate };
}
