import { describe, expect, it } from 'vitest';
import { proxyRates, readProxyMetrics } from './proxy-metrics';

/** A scrape as the ZDM proxy writes it. */
function scrape(o: { origin: number; target: number; both?: number; writes: number; writeSeconds: number; readsOrigin?: number }) {
  return `# HELP zdm_proxy_failed_writes_total Running total of failed writes
# TYPE zdm_proxy_failed_writes_total counter
zdm_proxy_failed_writes_total{failed_on="origin"} ${o.origin}
zdm_proxy_failed_writes_total{failed_on="target"} ${o.target}
zdm_proxy_failed_writes_total{failed_on="both"} ${o.both ?? 0}
# HELP zdm_proxy_failed_reads_total Running total of failed reads
# TYPE zdm_proxy_failed_reads_total counter
zdm_proxy_failed_reads_total{cluster="origin"} 2
zdm_proxy_failed_reads_total{cluster="target"} 0
# HELP zdm_proxy_request_duration_seconds Histogram that tracks the latency of requests at proxy entry point
# TYPE zdm_proxy_request_duration_seconds histogram
zdm_proxy_request_duration_seconds_bucket{type="writes",le="0.005"} ${Math.floor(o.writes / 2)}
zdm_proxy_request_duration_seconds_bucket{type="writes",le="+Inf"} ${o.writes}
zdm_proxy_request_duration_seconds_sum{type="writes"} ${o.writeSeconds}
zdm_proxy_request_duration_seconds_count{type="writes"} ${o.writes}
zdm_proxy_request_duration_seconds_bucket{type="reads_origin",le="+Inf"} ${o.readsOrigin ?? 0}
zdm_proxy_request_duration_seconds_sum{type="reads_origin"} ${(o.readsOrigin ?? 0) * 0.002}
zdm_proxy_request_duration_seconds_count{type="reads_origin"} ${o.readsOrigin ?? 0}
# HELP zdm_proxy_inflight_requests_total Number of requests currently in flight
# TYPE zdm_proxy_inflight_requests_total gauge
zdm_proxy_inflight_requests_total 3
# TYPE zdm_client_connections_total gauge
zdm_client_connections_total 12
`;
}

describe("the dual-write proxy's metrics", () => {
  it('reads failed writes per side, latency, in-flight requests and connections', () => {
    const reading = readProxyMetrics(scrape({ origin: 1, target: 4, both: 1, writes: 1000, writeSeconds: 3 }), 5000);
    expect(reading).toEqual({
      at: 5000,
      failedWrites: { origin: 1, target: 4, both: 1 },
      failedReads: { origin: 2, target: 0 },
      durations: { writes: { sum: 3, count: 1000 }, reads_origin: { sum: 0, count: 0 }, reads_target: { sum: 0, count: 0 } },
      inflight: 3,
      connections: 12,
    });
  });

  it('turns two readings into the interval’s failures, write rate and mean latency', () => {
    const before = readProxyMetrics(scrape({ origin: 0, target: 0, writes: 1000, writeSeconds: 3 }), 0);
    const after = readProxyMetrics(scrape({ origin: 0, target: 5, both: 1, writes: 1600, writeSeconds: 4.2, readsOrigin: 10 }), 10_000);
    expect(proxyRates(before, after)).toEqual({
      failedWritesOrigin: 1,
      failedWritesTarget: 6,
      failedReads: 0,
      writesPerSecond: 60,
      writeLatencyMs: 2,
      readLatencyOriginMs: 2,
      readLatencyTargetMs: null,
      restarted: false,
    });
  });

  it('counts from zero again after the proxy restarted (a phase switch)', () => {
    const before = readProxyMetrics(scrape({ origin: 0, target: 9, writes: 5000, writeSeconds: 10 }), 0);
    const after = readProxyMetrics(scrape({ origin: 0, target: 1, writes: 100, writeSeconds: 0.3 }), 10_000);
    expect(proxyRates(before, after)).toMatchObject({ restarted: true, failedWritesTarget: 1, writesPerSecond: 10, writeLatencyMs: 3 });
  });

  it('says what is wrong with a scrape that is not the proxy’s', () => {
    expect(() => readProxyMetrics('zdm_proxy_failed_writes_total{failed_on="origin" 1\n', 0)).toThrow(/not Prometheus text/);
    expect(() => readProxyMetrics('<html>502 Bad Gateway</html>', 0)).toThrow(/no zdm_proxy_failed_writes_total/);
    expect(() => readProxyMetrics('# TYPE up gauge\nup 1\n', 0)).toThrow(/no zdm_proxy_failed_writes_total: is this the dual-write proxy's metrics endpoint/);
  });

  it('never throws anything but its own error on arbitrary text (fuzz)', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = 'zdm_proxy_failed_writes_total{}="origin target ,\n#TYPE counter 1e9 +Inf NaN \\';
    for (let i = 0; i < 2000; i += 1) {
      const text = Array.from({ length: Math.floor(random() * 120) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      try {
        const reading = readProxyMetrics(text, 0);
        for (const value of [reading.failedWrites.origin, reading.failedWrites.target, reading.inflight]) expect(Number.isFinite(value)).toBe(true);
      } catch (error) {
        expect((error as Error).name).toBe('ProxyMetricsError');
      }
    }
  });
});
