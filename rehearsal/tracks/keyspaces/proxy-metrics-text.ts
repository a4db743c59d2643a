// A dual-write proxy stand-in's metrics as the ZDM proxy exposes them on :14001/metrics: Prometheus text exposition
// format 0.0.4, the names of the facts file (zdm_ prefix), # HELP and # TYPE lines. The request-duration histogram's
// buckets follow a fixed latency profile per request kind (a proxied write waits for both clusters, so it is the
// slowest), so every count the clock produces yields the same shape.
import { hashString } from '../../kernel/random';
import type { DualWriteProxy } from './proxies';

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

type RequestKind = 'reads_origin' | 'reads_target' | 'writes';

/** Bucket upper bounds (seconds) and the share of requests at or under each, per request kind; and the mean. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] as const;
const PROFILES: Readonly<Record<RequestKind, { readonly cdf: readonly number[]; readonly meanSeconds: number }>> = {
  reads_origin: { cdf: [0.05, 0.62, 0.93, 0.99, 0.999, 1, 1, 1, 1, 1], meanSeconds: 0.0021 },
  reads_target: { cdf: [0, 0.25, 0.78, 0.96, 0.995, 0.999, 1, 1, 1, 1], meanSeconds: 0.0038 },
  writes: { cdf: [0, 0.18, 0.72, 0.95, 0.993, 0.999, 1, 1, 1, 1], meanSeconds: 0.0042 },
};

/** Client connections the application keeps open to the proxy. */
const CLIENT_CONNECTIONS = 12;

function labels(pairs: Record<string, string>): string {
  return `{${Object.entries(pairs)
    .map(([name, value]) => `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',')}}`;
}

function number(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e9) / 1e9);
}

/** The proxy's metrics at simulated time `now` (its counters advanced to it). */
export function proxyMetricsText(proxy: DualWriteProxy, now: number): string {
  proxy.advance(now);
  const failed = proxy.failedWrites();
  const reads = proxy.readsAt(now);
  const counts: Record<RequestKind, number> = { reads_origin: reads.origin, reads_target: reads.target, writes: proxy.writesAt(now) };
  const lines: string[] = [
    '# HELP zdm_proxy_failed_writes_total Running total of failed write requests, by the cluster they failed on',
    '# TYPE zdm_proxy_failed_writes_total counter',
    ...(['origin', 'target', 'both'] as const).map((side) => `zdm_proxy_failed_writes_total${labels({ failed_on: side })} ${failed[side]}`),
    '# HELP zdm_proxy_failed_reads_total Running total of failed read requests, by cluster',
    '# TYPE zdm_proxy_failed_reads_total counter',
    `zdm_proxy_failed_reads_total${labels({ cluster: 'origin' })} 0`,
    `zdm_proxy_failed_reads_total${labels({ cluster: 'target' })} 0`,
    '# HELP zdm_proxy_request_duration_seconds Histogram of how long the proxy took to process requests, by kind',
    '# TYPE zdm_proxy_request_duration_seconds histogram',
  ];
  for (const kind of ['reads_origin', 'reads_target', 'writes'] as const) {
    const count = counts[kind];
    const profile = PROFILES[kind];
    BUCKETS.forEach((le, index) =>
      lines.push(`zdm_proxy_request_duration_seconds_bucket${labels({ type: kind, le: String(le) })} ${Math.round(count * profile.cdf[index]!)}`),
    );
    lines.push(`zdm_proxy_request_duration_seconds_bucket${labels({ type: kind, le: '+Inf' })} ${count}`);
    lines.push(`zdm_proxy_request_duration_seconds_sum${labels({ type: kind })} ${number(count * profile.meanSeconds)}`);
    lines.push(`zdm_proxy_request_duration_seconds_count${labels({ type: kind })} ${count}`);
  }
  // Requests in flight: the rate times the mean latency, with a little deterministic jitter per simulated second.
  const rate = proxy.config.writesPerSecond;
  const jitter = hashString(`${proxy.id}@${Math.floor(now / 1000)}`) % 3;
  const inflight = Math.floor(rate * (PROFILES.writes.meanSeconds + PROFILES.reads_origin.meanSeconds)) + jitter;
  lines.push(
    '# HELP zdm_proxy_inflight_requests_total Requests the proxy is processing now',
    '# TYPE zdm_proxy_inflight_requests_total gauge',
    `zdm_proxy_inflight_requests_total ${inflight}`,
    '# HELP zdm_client_connections_total Client connections open to the proxy',
    '# TYPE zdm_client_connections_total gauge',
    `zdm_client_connections_total ${CLIENT_CONNECTIONS}`,
  );
  return `${lines.join('\n')}\n`;
}
