// Signals derived from the series: when the full load will end, and whether CDC is catching up.

/** Least-squares slope of value over time (per second), or null with fewer than 2 points or no time spread. */
export function slopePerSecond(times: readonly number[], values: readonly number[]): number | null {
  const n = times.length;
  if (n < 2) return null;
  let meanT = 0;
  let meanV = 0;
  for (let i = 0; i < n; i++) {
    meanT += times[i]! / n;
    meanV += values[i]! / n;
  }
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const dt = (times[i]! - meanT) / 1000;
    num += dt * (values[i]! - meanV);
    den += dt * dt;
  }
  return den === 0 ? null : num / den;
}

export interface EtaInput {
  /** FullLoadProgressPercent now. */
  readonly percent: number | null;
  /** Rows loaded so far (sum of the tables' FullLoadRows), when table statistics were read. */
  readonly loadedRows: number | null;
  /** Recent FullLoadThroughputRowsTarget (rows per second). */
  readonly rowsPerSecond: number | null;
  /** Recent (time ms, percent) readings, oldest first. */
  readonly percentHistory: { times: readonly number[]; values: readonly number[] };
  /**
   * When this run's full load started (DMS's FullLoadStartDate, ms on the data clock), null when not known or when
   * it started before the task's current run (a resumed load: its percent did not start from 0 at that time).
   */
  readonly loadStartedAt?: number | null;
  /** The data clock now (ms): how long the load has run since loadStartedAt. */
  readonly now?: number;
}

/** The least span of progress an ETA is drawn from: a shorter one gives wild numbers (the renderer says it needs a minute). */
export const MIN_ETA_SPAN_MS = 60_000;

/**
 * Seconds until the full load ends. With rows known: the rows still to load (rows loaded so far scaled by the
 * percent done) at the recent row throughput. Without: the percent's own recent rate over at least a minute. Else
 * (CloudWatch has no throughput datapoint yet, the monitor has read the load only once or twice): the average rate
 * since DMS started the load. Null when none works yet.
 */
export function fullLoadEtaSeconds(input: EtaInput): number | null {
  const { percent } = input;
  if (percent === null || percent >= 100) return percent === null ? null : 0;
  if (input.loadedRows && input.rowsPerSecond && percent > 0) {
    const remainingRows = (input.loadedRows * (100 - percent)) / percent;
    return Math.round(remainingRows / input.rowsPerSecond);
  }
  const { times, values } = input.percentHistory;
  if (times.length >= 2 && times.at(-1)! - times[0]! >= MIN_ETA_SPAN_MS) {
    const slope = slopePerSecond(times, values);
    if (slope && slope > 0) return Math.round((100 - percent) / slope);
  }
  const started = input.loadStartedAt ?? null;
  if (started === null || input.now === undefined || percent <= 0) return null;
  const elapsedMs = input.now - started;
  if (elapsedMs < MIN_ETA_SPAN_MS) return null;
  return Math.round(((100 - percent) * elapsedMs) / 1000 / percent);
}

export type CdcTrend = 'catching-up' | 'steady' | 'falling-behind' | 'unknown';

/**
 * Direction of target latency over the recent window: the least-squares slope, with a dead band of
 * `steadySecondsPerMinute` (default 1 s of latency per minute) so measurement noise reads as steady.
 */
export function cdcTrend(times: readonly number[], values: readonly number[], steadySecondsPerMinute = 1): CdcTrend {
  if (times.length < 3) return 'unknown';
  const slope = slopePerSecond(times, values);
  if (slope === null) return 'unknown';
  const perMinute = slope * 60;
  if (Math.abs(perMinute) < steadySecondsPerMinute) return 'steady';
  return perMinute < 0 ? 'catching-up' : 'falling-behind';
}
