// The dual-write proxy stand-ins through the admin routes: registered, updated (a rolling restart), read and removed,
// with clear 400s; their Prometheus metrics parsed back with parse-prometheus-text-format (counters growing with the
// clock, an injected failed-writes fault raising failed_on="target"), the same for the same commands.
import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { useKeyspacesRehearsal, type KeyspacesHarness } from './test-harness';

const CONFIG = { primaryCluster: 'ORIGIN', readMode: 'PRIMARY_ONLY', originKeyspace: 'shop', targetKeyspace: 'shop_aws', tables: ['orders'] };

/** A sample's value; a name may head several families (untyped series split where another name came between). */
function sampleValue(families: PrometheusFamily[], name: string, labels: Record<string, string> = {}): number {
  const samples = families.filter((candidate) => candidate.name === name).flatMap((family) => [...family.metrics]);
  const sample = samples.find((metric) => Object.entries(labels).every(([key, value]) => metric.labels?.[key] === value));
  if (!sample) throw new Error(`no ${name}${JSON.stringify(labels)} in the metrics`);
  return Number(sample.value);
}

/** The proxy's metrics, parsed twice: as is, and with the histogram's TYPE line left out (the parser folds labelled histograms). */
async function scrape(harness: KeyspacesHarness, id = 'app1234') {
  const reply = await harness.admin('GET', `keyspaces/proxies/${id}/metrics`);
  expect(reply.status).toBe(200);
  const families = parsePrometheusTextFormat(reply.text);
  const series = parsePrometheusTextFormat(reply.text.replace(/^# TYPE zdm_proxy_request_duration_seconds histogram$/m, ''));
  return { reply, families, series };
}

describe('dual-write proxy stand-ins', () => {
  const start = useKeyspacesRehearsal();

  it('registers, updates, shows and removes a proxy; refuses bad bodies and ids with a clear 400', async () => {
    const harness = await start();
    const bad = await harness.admin('PUT', 'keyspaces/proxies/app1234', { ...CONFIG, primaryCluster: 'BOTH' });
    expect(bad).toMatchObject({ status: 400, json: { error: 'bad-request', message: 'primaryCluster: expected ORIGIN or TARGET', field: 'primaryCluster' } });
    expect((await harness.admin('PUT', 'keyspaces/proxies/app1234', { ...CONFIG, tables: [] })).json).toMatchObject({
      message: 'tables: expected at least one table the proxy writes to',
    });
    expect((await harness.admin('PUT', 'keyspaces/proxies/app1234', { ...CONFIG, writesPerSecond: -1 })).json).toMatchObject({
      message: 'writesPerSecond: expected more than 0 writes per second',
    });
    expect((await harness.admin('PUT', 'keyspaces/proxies/app1234', { ...CONFIG, extra: 1 })).status).toBe(400);
    expect((await harness.admin('PUT', 'keyspaces/proxies/-bad', CONFIG)).status).toBe(400);
    expect((await harness.admin('PATCH', 'keyspaces/proxies/app1234', CONFIG)).status).toBe(405);

    const created = await harness.admin('PUT', 'keyspaces/proxies/app1234', CONFIG);
    expect(created).toMatchObject({
      status: 201,
      json: { id: 'app1234', ...CONFIG, writesPerSecond: 50, phase: 1, restarts: 0, restarted: false, counters: { writes: 0 }, liveRows: null },
    });
    expect((await harness.admin('PUT', 'keyspaces/proxies/app1234', CONFIG)).json).toMatchObject({ restarted: false, restarts: 0 });
    harness.advance(60);
    expect((await harness.admin('GET', 'keyspaces/proxies/app1234')).json).toMatchObject({
      phase: 1,
      counters: { writes: 3_000, readsOrigin: 3_000, readsTarget: 0, failedWrites: { origin: 0, target: 0, both: 0 } },
    });
    const switched = await harness.admin('PUT', 'keyspaces/proxies/app1234', { ...CONFIG, primaryCluster: 'TARGET' });
    expect(switched).toMatchObject({ status: 200, json: { phase: 4, restarted: true, restarts: 1, counters: { writes: 0 } } });
    const estate = (await harness.admin('GET', 'keyspaces/estate')).json as { proxies: unknown[] };
    expect(estate.proxies).toEqual([expect.objectContaining({ id: 'app1234', phase: 4, primaryCluster: 'TARGET' })]);

    expect((await harness.admin('DELETE', 'keyspaces/proxies/app1234')).status).toBe(204);
    const gone = await harness.admin('GET', 'keyspaces/proxies/app1234');
    expect(gone.status).toBe(404);
    expect((gone.json as { message: string }).message).toMatch(/^no dual-write proxy 'app1234' \(registered: none\)/);
    expect((await harness.admin('GET', 'keyspaces/proxies/app1234/metrics')).status).toBe(404);
    expect((await harness.admin('DELETE', 'keyspaces/proxies/app1234')).status).toBe(404);
  });

  it('exposes Prometheus text 0.0.4 with the ZDM names; counters grow with the clock; a failed-writes fault raises failed_on="target"', async () => {
    const harness = await start();
    await harness.admin('PUT', 'keyspaces/proxies/app1234', CONFIG);
    harness.advance(60);
    const first = await scrape(harness);
    expect(first.reply.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(first.reply.text).toContain('# TYPE zdm_proxy_failed_writes_total counter');
    expect(first.reply.text).toContain('# TYPE zdm_proxy_request_duration_seconds histogram');
    expect(first.families.map((family) => [family.name, family.type])).toEqual([
      ['zdm_proxy_failed_writes_total', 'COUNTER'],
      ['zdm_proxy_failed_reads_total', 'COUNTER'],
      ['zdm_proxy_request_duration_seconds', 'HISTOGRAM'],
      ['zdm_proxy_inflight_requests_total', 'GAUGE'],
      ['zdm_client_connections_total', 'GAUGE'],
    ]);
    for (const side of ['origin', 'target', 'both']) expect(sampleValue(first.families, 'zdm_proxy_failed_writes_total', { failed_on: side })).toBe(0);
    expect(sampleValue(first.families, 'zdm_proxy_failed_reads_total', { cluster: 'target' })).toBe(0);
    expect(sampleValue(first.families, 'zdm_client_connections_total')).toBe(12);
    expect(sampleValue(first.families, 'zdm_proxy_inflight_requests_total')).toBeGreaterThanOrEqual(0);
    expect(sampleValue(first.series, 'zdm_proxy_request_duration_seconds_count', { type: 'writes' })).toBe(3_000);
    expect(sampleValue(first.series, 'zdm_proxy_request_duration_seconds_count', { type: 'reads_origin' })).toBe(3_000);
    expect(sampleValue(first.series, 'zdm_proxy_request_duration_seconds_count', { type: 'reads_target' })).toBe(0);
    expect(sampleValue(first.series, 'zdm_proxy_request_duration_seconds_sum', { type: 'writes' })).toBeCloseTo(12.6, 6);
    const buckets = first.series
      .filter((family) => family.name === 'zdm_proxy_request_duration_seconds_bucket')
      .flatMap((family) => [...family.metrics])
      .filter((metric) => metric.labels?.type === 'writes')
      .map((metric) => Number(metric.value));
    expect(buckets.at(-1)).toBe(3_000);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));

    const unknown = await harness.admin('POST', 'faults', {
      type: 'keyspaces-failed-writes',
      proxy: 'other',
      side: 'target',
      durationSeconds: 20,
      perSecond: 5,
    });
    expect(unknown.json).toMatchObject({ message: "no dual-write proxy 'other' (proxies: app1234)" });
    await harness.admin('POST', 'faults', { type: 'keyspaces-failed-writes', proxy: 'app1234', side: 'target', durationSeconds: 20, perSecond: 5 });
    harness.advance(10);
    expect(sampleValue((await scrape(harness)).families, 'zdm_proxy_failed_writes_total', { failed_on: 'target' })).toBe(50);
    harness.advance(50);
    const after = await scrape(harness);
    expect(sampleValue(after.families, 'zdm_proxy_failed_writes_total', { failed_on: 'target' })).toBe(100);
    expect(sampleValue(after.families, 'zdm_proxy_failed_writes_total', { failed_on: 'origin' })).toBe(0);
    expect(sampleValue(after.families, 'zdm_proxy_failed_writes_total', { failed_on: 'both' })).toBe(0);
    expect(sampleValue(after.series, 'zdm_proxy_request_duration_seconds_count', { type: 'writes' })).toBe(6_000);

    // Failures on both sides at once count as "both".
    await harness.admin('POST', 'faults', [
      { type: 'keyspaces-failed-writes', proxy: 'app1234', side: 'target', durationSeconds: 10, perSecond: 50 },
      { type: 'keyspaces-failed-writes', proxy: 'app1234', side: 'origin', durationSeconds: 10, perSecond: 50 },
    ]);
    harness.advance(30);
    const both = await scrape(harness);
    expect(sampleValue(both.families, 'zdm_proxy_failed_writes_total', { failed_on: 'both' })).toBe(500);
    expect(sampleValue(both.families, 'zdm_proxy_failed_writes_total', { failed_on: 'target' })).toBe(100);
  });

  it('gives the same metrics for the same commands on the same clock', async () => {
    const texts: string[] = [];
    for (let i = 0; i < 2; i++) {
      const harness = await start();
      await harness.admin('PUT', 'keyspaces/proxies/app1234', { ...CONFIG, writesPerSecond: 37 });
      await harness.admin('POST', 'faults', { type: 'keyspaces-failed-writes', proxy: 'app1234', side: 'origin', at: 5, durationSeconds: 40, perSecond: 3.5 });
      harness.advance(97);
      texts.push((await scrape(harness)).reply.text);
    }
    expect(texts[0]).toBe(texts[1]);
    expect(texts[0]).toContain('zdm_proxy_failed_writes_total{failed_on="origin"} 140');
  });
});
