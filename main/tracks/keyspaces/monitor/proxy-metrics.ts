// What the dual-write proxy's metrics say (the ZDM proxy's Prometheus endpoint, :14001/metrics; names in
// ../shared/facts/keyspaces.md): failed writes on each side, failed reads, request latency by kind, requests in
// flight and client connections. The text is read with the most used parser on npm (parse-prometheus-text-format);
// this module picks the proxy's families out of it and turns two readings into rates. That parser folds a histogram's
// labelled series into one and drops their _sum and _count (its open issue #13), so the histogram's TYPE line is left
// out before parsing: its series then arrive as plain samples, each with its labels. Counters only grow: one that went
// down means the proxy restarted (a phase switch is a rolling restart), and the rate starts again from the new value.
import parsePrometheusTextFormat, { type PrometheusFamily, type PrometheusSample } from 'parse-prometheus-text-format';

export const FAILED_WRITES = 'zdm_proxy_failed_writes_total';
export const FAILED_READS = 'zdm_proxy_failed_reads_total';
export const REQUEST_DURATION = 'zdm_proxy_request_duration_seconds';
export const INFLIGHT = 'zdm_proxy_inflight_requests_total';
export const CONNECTIONS = 'zdm_client_connections_total';

/** One scrape of the proxy, the counters as totals since the proxy started. */
export interface ProxyReading {
  /** Data clock, ms. */
  readonly at: number;
  readonly failedWrites: { readonly origin: number; readonly target: number; readonly both: number };
  readonly failedReads: { readonly origin: number; readonly target: number };
  /** Per request kind: total seconds and count (the histogram's _sum and _count). */
  readonly durations: Readonly<Record<'reads_origin' | 'reads_target' | 'writes', { readonly sum: number; readonly count: number }>>;
  readonly inflight: number;
  readonly connections: number;
}

/** Between two readings: what the views chart and the gate judges. */
export interface ProxyRates {
  /** Failed writes in the interval, by side ("both" counts on each side's total too). */
  readonly failedWritesOrigin: number;
  readonly failedWritesTarget: number;
  readonly failedReads: number;
  readonly writesPerSecond: number;
  /** Mean latency in the interval, ms; null when no request of that kind was made. */
  readonly writeLatencyMs: number | null;
  readonly readLatencyOriginMs: number | null;
  readonly readLatencyTargetMs: number | null;
  /** The proxy restarted in between (a counter went down): the interval's deltas count from zero. */
  readonly restarted: boolean;
}

export class ProxyMetricsError extends Error {
  override readonly name = 'ProxyMetricsError';
}

/** Reads the proxy's families out of a scrape; throws ProxyMetricsError saying what is wrong. */
export function readProxyMetrics(text: string, at: number): ProxyReading {
  let families: PrometheusFamily[];
  const histogramType = new RegExp(`^# TYPE ${REQUEST_DURATION} histogram\\s*$`, 'gm');
  try {
    families = parsePrometheusTextFormat(text.replace(histogramType, ''));
  } catch (error) {
    throw new ProxyMetricsError(`the proxy's metrics are not Prometheus text: ${(error as Error).message.slice(0, 200)}`);
  }
  // A name may head several families (untyped series split where another name came between).
  const samplesOf = (name: string): PrometheusSample[] => families.filter((family) => family.name === name).flatMap((family) => [...family.metrics]);
  if (!families.some((family) => family.name === FAILED_WRITES))
    throw new ProxyMetricsError(`the proxy's metrics have no ${FAILED_WRITES}: is this the dual-write proxy's metrics endpoint (port 14001, /metrics)?`);
  const sumWhere = (name: string, label: string, value: string) =>
    samplesOf(name)
      .filter((sample) => sample.labels?.[label] === value)
      .reduce((total, sample) => total + number(sample.value), 0);
  const total = (name: string) => samplesOf(name).reduce((sum, sample) => sum + number(sample.value), 0);
  const duration = (type: string) => ({ sum: sumWhere(`${REQUEST_DURATION}_sum`, 'type', type), count: sumWhere(`${REQUEST_DURATION}_count`, 'type', type) });
  return {
    at,
    failedWrites: {
      origin: sumWhere(FAILED_WRITES, 'failed_on', 'origin'),
      target: sumWhere(FAILED_WRITES, 'failed_on', 'target'),
      both: sumWhere(FAILED_WRITES, 'failed_on', 'both'),
    },
    failedReads: { origin: sumWhere(FAILED_READS, 'cluster', 'origin'), target: sumWhere(FAILED_READS, 'cluster', 'target') },
    durations: { reads_origin: duration('reads_origin'), reads_target: duration('reads_target'), writes: duration('writes') },
    inflight: total(INFLIGHT),
    connections: total(CONNECTIONS),
  };
}

/** A sample's value as a number (NaN, ±Inf and text that is no number read as 0: a gauge the proxy has not set). */
function number(text: string | undefined): number {
  const value = Number(text);
  return Number.isFinite(value) ? value : 0;
}

/** The rates between an earlier and a later reading. */
export function proxyRates(before: ProxyReading, after: ProxyReading): ProxyRates {
  const counters = [
    [before.failedWrites.origin, after.failedWrites.origin],
    [before.failedWrites.target, after.failedWrites.target],
    [before.failedWrites.both, after.failedWrites.both],
    [before.failedReads.origin, after.failedReads.origin],
    [before.failedReads.target, after.failedReads.target],
    ...Object.keys(after.durations).map((kind) => {
      const key = kind as keyof ProxyReading['durations'];
      return [before.durations[key].count, after.durations[key].count];
    }),
  ];
  const restarted = counters.some(([a = 0, b = 0]) => b < a);
  const delta = (a: number, b: number) => (restarted ? b : b - a);
  const both = delta(before.failedWrites.both, after.failedWrites.both);
  const seconds = Math.max(0.001, (after.at - before.at) / 1000);
  const latency = (kind: keyof ProxyReading['durations']) => {
    const count = delta(before.durations[kind].count, after.durations[kind].count);
    const sum = restarted ? after.durations[kind].sum : after.durations[kind].sum - before.durations[kind].sum;
    return count > 0 ? Math.round((sum / count) * 1_000_000) / 1000 : null;
  };
  return {
    failedWritesOrigin: delta(before.failedWrites.origin, after.failedWrites.origin) + both,
    failedWritesTarget: delta(before.failedWrites.target, after.failedWrites.target) + both,
    failedReads: delta(before.failedReads.origin, after.failedReads.origin) + delta(before.failedReads.target, after.failedReads.target),
    writesPerSecond: Math.round((delta(before.durations.writes.count, after.durations.writes.count) / seconds) * 10) / 10,
    writeLatencyMs: latency('writes'),
    readLatencyOriginMs: latency('reads_origin'),
    readLatencyTargetMs: latency('reads_target'),
    restarted,
  };
}
