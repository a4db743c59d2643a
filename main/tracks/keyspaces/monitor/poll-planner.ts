// Plans the fewest AWS calls for one refresh cycle of the Keyspaces monitor, at one placement (account and region):
// - CloudWatch GetMetricData carries up to 500 queries: each table's TABLE_METRICS (k = 6) and each running bulk
//   load's records read (1 per running job run);
// - Glue GetJobRuns, one per bulk-load job (no batch read of several jobs' runs exists);
// - one GET of each dual-write proxy's metrics (not AWS).
// For T tables, J jobs (R of them running) and P proxies the floor is ceil((k·T + R) / 500) + J + P; a plan with
// accounts plans each placement on its own and sums the floors. Pure.

export const METRIC_QUERIES_MAX = 500;

/** Per table, every cycle: what the dual-write gate and the throttle view read (AWS/Cassandra; Sum per minute). */
export const TABLE_METRICS = [
  'ReadThrottleEvents',
  'WriteThrottleEvents',
  'StoragePartitionThroughputCapacityExceeded',
  'SystemErrors',
  'ConsumedReadCapacityUnits',
  'ConsumedWriteCapacityUnits',
] as const;
export type TableMetric = (typeof TABLE_METRICS)[number];

/** A bulk load's progress metric (namespace Glue, per job run). */
export const RECORDS_READ = 'glue.driver.aggregate.recordsRead';

export interface CycleResources {
  readonly tables: number;
  readonly jobs: number;
  readonly runningJobRuns: number;
  readonly proxies: number;
}

/** The calls of one cycle at one placement, by operation. */
export function floorCalls(resources: CycleResources): { GetMetricData: number; GetJobRuns: number; GET: number } {
  return {
    GetMetricData: Math.ceil((TABLE_METRICS.length * resources.tables + resources.runningJobRuns) / METRIC_QUERIES_MAX),
    GetJobRuns: resources.jobs,
    GET: resources.proxies,
  };
}

/** The floor of a cycle over several placements. */
export function floorCallsAcrossPlacements(placements: readonly CycleResources[]): number {
  return placements.reduce((sum, resources) => {
    const calls = floorCalls(resources);
    return sum + calls.GetMetricData + calls.GetJobRuns + calls.GET;
  }, 0);
}

export interface TableRef {
  readonly keyspace: string;
  readonly table: string;
}

export interface JobRunRef {
  readonly jobName: string;
  readonly runId: string;
}

/** One GetMetricData query: its id (unique in its call, ^[a-z][a-zA-Z0-9_]*$) and what it reads. */
export type MetricQuery =
  | { readonly id: string; readonly kind: 'table'; readonly ref: TableRef; readonly metric: TableMetric }
  | { readonly id: string; readonly kind: 'job-run'; readonly ref: JobRunRef };

/** Every query of a cycle, cut into calls of at most 500. */
export function planMetricBatches(tables: readonly TableRef[], runs: readonly JobRunRef[]): MetricQuery[][] {
  const queries: MetricQuery[] = [
    ...tables.flatMap((ref, t) => TABLE_METRICS.map((metric, m) => ({ id: `t${t}_${m}`, kind: 'table' as const, ref, metric }))),
    ...runs.map((ref, r) => ({ id: `r${r}`, kind: 'job-run' as const, ref })),
  ];
  const batches: MetricQuery[][] = [];
  for (let i = 0; i < queries.length; i += METRIC_QUERIES_MAX) batches.push(queries.slice(i, i + METRIC_QUERIES_MAX));
  return batches;
}
