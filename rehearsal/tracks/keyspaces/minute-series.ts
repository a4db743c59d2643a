// CloudWatch datapoints from a series with one value per minute (Keyspaces and Glue publish at one-minute
// resolution): the minutes of each period are combined with the query's statistic. Only minutes that have ended
// count, as CloudWatch publishes a minute once it is over; a minute without data has no value (not zero).
import type { MetricQuery, MetricSeries } from '../../kernel/metric-registry';
import { statistic } from '../../kernel/statistics';

export const MINUTE_MS = 60_000;

/** At most this many minutes are looked at per query (two weeks). */
const MAX_MINUTES = 14 * 24 * 60;

/**
 * `exists`: the simulated ms span in which the series can hold data (`to` exclusive); `valueOf(minute)`: the value of
 * the minute starting at that epoch ms, or undefined.
 */
export function minuteDatapoints(
  query: MetricQuery,
  start: number,
  end: number,
  ascending: boolean,
  exists: { readonly from: number; readonly to: number },
  valueOf: (minute: number) => number | undefined,
): MetricSeries {
  const timestamps: number[] = [];
  const values: number[] = [];
  const periodMs = query.period * 1000;
  const first = Math.max(Math.floor(start / periodMs) * periodMs, Math.floor(exists.from / MINUTE_MS) * MINUTE_MS, end - MAX_MINUTES * MINUTE_MS);
  let period: number | undefined;
  let sample: number[] = [];
  const flush = () => {
    if (period === undefined || sample.length === 0) return;
    timestamps.push(period * query.period);
    values.push(Math.round(statistic(query.stat, sample) * 1000) / 1000);
  };
  for (let minute = Math.ceil(first / MINUTE_MS) * MINUTE_MS; minute + MINUTE_MS <= end && minute < exists.to; minute += MINUTE_MS) {
    const value = valueOf(minute);
    if (value === undefined) continue;
    const owner = Math.floor(minute / periodMs);
    if (owner !== period) {
      flush();
      period = owner;
      sample = [];
    }
    sample.push(value);
  }
  flush();
  if (!ascending) {
    timestamps.reverse();
    values.reverse();
  }
  return { timestamps, values };
}
