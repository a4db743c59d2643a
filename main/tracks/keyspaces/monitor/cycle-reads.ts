// One refresh cycle's reads at one placement (account and region): the newest run of each bulk-load job (Glue
// GetJobRuns) first, then every table's AWS/Cassandra metrics and the records read of the runs those answers name
// (running, or ended and not yet counted to the end) in GetMetricData calls of up to 500 queries — so a run's state
// and its count come from one cycle —, and each dual-write proxy's metrics (one GET) beside them. Every read is settled: a failed one is counted
// and said, never thrown, and the others still land. The calls are the planner's floor (poll-planner.ts).
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { JobRun } from '@aws-sdk/client-glue';
import type { AwsCaller } from '../../../monitoring/aws-call';
import { settleWithLimit } from '../../../monitoring/concurrency';
import type { KeyspacesReadApi } from './clients';
import { planMetricBatches, RECORDS_READ, type JobRunRef, type MetricQuery, type TableRef } from './poll-planner';
import { readProxyMetrics, type ProxyReading } from './proxy-metrics';

export const METRIC_PERIOD_SECONDS = 60;
/** Glue lists a job's runs newest first; a few are read in case a retry attempt came between. */
const JOB_RUNS_READ = 3;
const PROXY_TIMEOUT_MS = 5_000;
const PROXY_BODY_MAX = 1024 * 1024;

export interface PlacementWork {
  readonly tables: readonly TableRef[];
  readonly jobs: readonly string[];
  /** The runs whose records to read, given this cycle's newest run of each job, and from when (their start, for a run read for the first time). */
  readonly runsToRead: (jobRuns: ReadonlyMap<string, JobRun | null | { readonly problem: string }>) => {
    readonly runs: readonly JobRunRef[];
    readonly since: number;
  };
  readonly proxies: readonly { readonly key: string; readonly url: string }[];
  /** Metric points from this time on (data clock, ms) to `now`. */
  readonly since: number;
  readonly now: number;
}

export interface MetricPoints {
  /** Epoch ms of each period's start, ascending. */
  readonly timestamps: readonly number[];
  readonly values: readonly number[];
}

export interface PlacementRead {
  /** Per table key (`keyspace.table`) and metric; per run id the records read per period. */
  readonly tableMetrics: ReadonlyMap<string, ReadonlyMap<string, MetricPoints>>;
  readonly runRecords: ReadonlyMap<string, MetricPoints>;
  /** Per job: its newest run, null when it never ran, or why it could not be read. */
  readonly jobRuns: ReadonlyMap<string, JobRun | null | { readonly problem: string }>;
  readonly proxies: ReadonlyMap<string, ProxyReading | { readonly problem: string }>;
  /** The reads that failed after their retries (AWS errors, for the cycle's outcome). */
  readonly failures: readonly unknown[];
}

export const tableKey = (ref: TableRef) => `${ref.keyspace}.${ref.table}`;

export async function readPlacement(
  api: KeyspacesReadApi,
  call: AwsCaller,
  work: PlacementWork,
  fetchProxy: (url: string, signal: AbortSignal) => Promise<string> = fetchText,
): Promise<PlacementRead> {
  const failures: unknown[] = [];
  const tableMetrics = new Map<string, Map<string, MetricPoints>>();
  const runRecords = new Map<string, MetricPoints>();
  const jobRuns = new Map<string, JobRun | null | { problem: string }>();
  const proxies = new Map<string, ProxyReading | { problem: string }>();
  const end = new Date(work.now);

  const jobCalls = work.jobs.map(async (job) => {
    try {
      const runs = await call('GetJobRuns', (signal) => api.getJobRuns(job, JOB_RUNS_READ, signal));
      jobRuns.set(job, newestRun(runs));
    } catch (error) {
      failures.push(error);
      jobRuns.set(job, { problem: (error as Error).message ?? String(error) });
    }
  });

  const proxyCalls = settleWithLimit(work.proxies, 8, async ({ key, url }) => {
    try {
      const text = await call('GET', (signal) => fetchProxy(url, signal));
      proxies.set(key, readProxyMetrics(text, work.now));
    } catch (error) {
      // The proxy is not AWS: its failure is the proxy's problem on its view, not a failed AWS read.
      proxies.set(key, { problem: `the proxy's metrics at ${shownUrl(url)} could not be read: ${(error as Error).message ?? String(error)}` });
    }
  });

  await Promise.all(jobCalls);
  const { runs, since } = work.runsToRead(jobRuns);
  const start = new Date(Math.floor(Math.min(work.since, since) / 60_000) * 60_000);
  const metricCalls = planMetricBatches(work.tables, runs).map(async (batch) => {
    const byId = new Map(batch.map((query) => [query.id, query]));
    let nextToken: string | undefined;
    try {
      do {
        const page = await call('GetMetricData', (signal) =>
          api.getMetricData({ queries: batch.map(toCloudWatch), start, end, ...(nextToken ? { nextToken } : {}) }, signal),
        );
        for (const result of page.results) {
          const query = result.Id ? byId.get(result.Id) : undefined;
          if (!query) continue;
          const points = merge(query.kind === 'table' ? tableMetrics.get(tableKey(query.ref))?.get(query.metric) : runRecords.get(query.ref.runId), result);
          if (query.kind === 'table') {
            const key = tableKey(query.ref);
            if (!tableMetrics.has(key)) tableMetrics.set(key, new Map());
            tableMetrics.get(key)!.set(query.metric, points);
          } else runRecords.set(query.ref.runId, points);
        }
        nextToken = page.nextToken;
      } while (nextToken);
    } catch (error) {
      failures.push(error);
    }
  });

  await Promise.all([...metricCalls, proxyCalls]);
  return { tableMetrics, runRecords, jobRuns, proxies, failures };
}

function toCloudWatch(query: MetricQuery): MetricDataQuery {
  const metric =
    query.kind === 'table'
      ? {
          Namespace: 'AWS/Cassandra',
          MetricName: query.metric,
          Dimensions: [
            { Name: 'Keyspace', Value: query.ref.keyspace },
            { Name: 'TableName', Value: query.ref.table },
          ],
        }
      : {
          Namespace: 'Glue',
          MetricName: RECORDS_READ,
          Dimensions: [
            { Name: 'JobName', Value: query.ref.jobName },
            { Name: 'JobRunId', Value: query.ref.runId },
            { Name: 'Type', Value: 'count' },
          ],
        };
  return { Id: query.id, ReturnData: true, MetricStat: { Metric: metric, Period: METRIC_PERIOD_SECONDS, Stat: 'Sum' } };
}

/** A result's points added to what earlier pages of the same query gave, ascending by time. */
function merge(earlier: MetricPoints | undefined, result: { Timestamps?: Date[]; Values?: number[] }): MetricPoints {
  const points = new Map<number, number>();
  earlier?.timestamps.forEach((at, i) => points.set(at, earlier.values[i] ?? 0));
  (result.Timestamps ?? []).forEach((at, i) => points.set(at.getTime(), result.Values?.[i] ?? 0));
  const timestamps = [...points.keys()].sort((a, b) => a - b);
  return { timestamps, values: timestamps.map((at) => points.get(at)!) };
}

/** The newest run by its start (Glue lists newest first; the order is not trusted). */
function newestRun(runs: readonly JobRun[]): JobRun | null {
  let newest: JobRun | null = null;
  for (const run of runs) if (!newest || (run.StartedOn?.getTime() ?? 0) > (newest.StartedOn?.getTime() ?? 0)) newest = run;
  return newest;
}

/** A URL as the views show it: never credentials it may carry. */
function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.username || parsed.password ? `${parsed.protocol}//${parsed.host}${parsed.pathname}` : url;
  } catch {
    return 'an address that is not a URL';
  }
}

/** GETs the proxy's metrics text, with a time limit and a size cap (a wrong URL must not flood the monitor). */
async function fetchText(url: string, signal: AbortSignal): Promise<string> {
  const parsed = new URL(url);
  if (parsed.username || parsed.password) throw new Error('the URL carries credentials; they are not sent');
  const timeout = AbortSignal.timeout(PROXY_TIMEOUT_MS);
  const response = await fetch(url, { signal: AbortSignal.any([signal, timeout]), redirect: 'error' });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`HTTP ${response.status}`);
  }
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > PROXY_BODY_MAX) {
      await reader.cancel();
      throw new Error(`the answer is larger than ${PROXY_BODY_MAX / 1024} KiB`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
