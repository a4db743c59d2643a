// Plans the fewest calls for one refresh cycle of the scheduled-jobs monitor, at one placement (account and region):
// - CloudWatch GetMetricData carries up to 500 queries: each deployed function's FUNCTION_METRICS (k = 3: Invocations,
//   Errors, Throttles; Sum per minute) and each schedule group's GROUP_METRICS (g = 1: InvocationDroppedCount —
//   Scheduler publishes per group, not per schedule);
// - Scheduler GetSchedule, one per deployed schedule (no batch read of several schedules' state exists: ListSchedules
//   gives the state but not the start date);
// - Lambda GetFunctionConcurrency, one per deployed function (the kill switch is per function);
// - one HTTP GET per job to its data-center scheduler (Jenkins job api/json with its recent builds in one `tree`, or
//   the cron endpoint's status request).
// For F functions, S schedules, G groups and D data-center jobs the floor is ceil((k·F + g·G) / 500) + S + F + D; a
// plan with accounts plans each placement on its own and sums the floors. Pure.

export const METRIC_QUERIES_MAX = 500;

export const FUNCTION_METRICS = ['Invocations', 'Errors', 'Throttles'] as const;
export type FunctionMetric = (typeof FUNCTION_METRICS)[number];
export const GROUP_METRICS = ['InvocationDroppedCount'] as const;
export type GroupMetric = (typeof GROUP_METRICS)[number];

export interface CycleResources {
  readonly functions: number;
  readonly schedules: number;
  readonly groups: number;
  readonly dcJobs: number;
}

/** The calls of one cycle at one placement, by operation. */
export function floorCalls(resources: CycleResources): { GetMetricData: number; GetSchedule: number; GetFunctionConcurrency: number; GET: number } {
  return {
    GetMetricData: Math.ceil((FUNCTION_METRICS.length * resources.functions + GROUP_METRICS.length * resources.groups) / METRIC_QUERIES_MAX),
    GetSchedule: resources.schedules,
    GetFunctionConcurrency: resources.functions,
    GET: resources.dcJobs,
  };
}

export function floorCallsAcrossPlacements(placements: readonly CycleResources[]): number {
  return placements.reduce((sum, resources) => {
    const calls = floorCalls(resources);
    return sum + calls.GetMetricData + calls.GetSchedule + calls.GetFunctionConcurrency + calls.GET;
  }, 0);
}

/** One GetMetricData query: its id (unique in its call, ^[a-z][a-zA-Z0-9_]*$) and what it reads. */
export type MetricQuery =
  | { readonly id: string; readonly kind: 'function'; readonly name: string; readonly metric: FunctionMetric }
  | { readonly id: string; readonly kind: 'group'; readonly name: string; readonly metric: GroupMetric };

/** Every query of a cycle, cut into calls of at most 500. */
export function planMetricBatches(functions: readonly string[], groups: readonly string[]): MetricQuery[][] {
  const queries: MetricQuery[] = [
    ...functions.flatMap((name, f) => FUNCTION_METRICS.map((metric, m) => ({ id: `f${f}_${m}`, kind: 'function' as const, name, metric }))),
    ...groups.flatMap((name, g) => GROUP_METRICS.map((metric, m) => ({ id: `g${g}_${m}`, kind: 'group' as const, name, metric }))),
  ];
  const batches: MetricQuery[][] = [];
  for (let i = 0; i < queries.length; i += METRIC_QUERIES_MAX) batches.push(queries.slice(i, i + METRIC_QUERIES_MAX));
  return batches;
}
