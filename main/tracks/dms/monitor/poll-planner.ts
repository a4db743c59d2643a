// Plans the fewest AWS calls for one refresh cycle: DescribeReplicationTasks takes up to 100 values in one
// filter, GetMetricData up to 500 queries. For N tasks and k metrics the floor is ceil(N/100) + ceil(N·k/500).
// A call reaches one account and region, so a plan with accounts plans each placement on its own (cycle-reads.ts):
// with nᵢ tasks at placement i the floor is Σᵢ ceil(nᵢ/100) + ceil(nᵢ·k/500).
import type { DmsMetric } from '../contract-views';

export const DESCRIBE_FILTER_MAX = 100;
export const METRIC_QUERIES_MAX = 500;

/** The least number of calls one refresh of N tasks with k metrics each can make. */
export function floorCallsPerCycle(tasks: number, metricsPerTask: number): number {
  return Math.ceil(tasks / DESCRIBE_FILTER_MAX) + Math.ceil((tasks * metricsPerTask) / METRIC_QUERIES_MAX);
}

/** The floor of a cycle over several placements (accounts and regions), `tasksPerPlacement` tasks at each. */
export function floorCallsAcrossPlacements(tasksPerPlacement: readonly number[], metricsPerTask: number): number {
  return tasksPerPlacement.reduce((sum, tasks) => sum + floorCallsPerCycle(tasks, metricsPerTask), 0);
}

/** What naive per-task polling would call: one DescribeReplicationTasks and one GetMetricData per task. */
export function naiveCallsPerCycle(tasks: number): number {
  return tasks * 2;
}

export interface DescribeBatch {
  readonly filter: 'replication-task-arn' | 'replication-task-id';
  readonly values: readonly string[];
}

/** Describe batches: tasks known by ARN in one filter, those known only by identifier in another (filters AND). */
export function planDescribeBatches(refs: readonly { arn?: string | null; taskId?: string | null }[]): DescribeBatch[] {
  const arns = unique(refs.flatMap((ref) => (ref.arn ? [ref.arn] : [])));
  const ids = unique(refs.flatMap((ref) => (!ref.arn && ref.taskId ? [ref.taskId] : [])));
  return [
    ...chunk(arns, DESCRIBE_FILTER_MAX).map((values) => ({ filter: 'replication-task-arn' as const, values })),
    ...chunk(ids, DESCRIBE_FILTER_MAX).map((values) => ({ filter: 'replication-task-id' as const, values })),
  ];
}

export interface MetricTask {
  readonly taskKey: string;
  /** ReplicationTaskIdentifier dimension: the last segment of the task ARN. */
  readonly taskResourceId: string;
  readonly instanceIdentifier: string;
  /** Per metric: fetch points strictly after this time (epoch ms). */
  readonly since: (metric: DmsMetric) => number;
}

export interface MetricQuery {
  /** Unique within its call; CloudWatch wants ^[a-z][a-zA-Z0-9_]*$. */
  readonly id: string;
  readonly taskKey: string;
  readonly metric: DmsMetric;
  readonly taskResourceId: string;
  readonly instanceIdentifier: string;
  readonly since: number;
}

export interface MetricBatch {
  readonly queries: readonly MetricQuery[];
  /** The call's StartTime: the oldest `since` of its queries (points already held are dropped on arrival). */
  readonly startTime: number;
}

/**
 * Packs every (task, metric) query into calls of up to 500, queries with similar start times together (one
 * StartTime per call), so a task that fell behind does not make every other task re-read old points. One object per
 * query (30,000 a cycle at 6,000 tasks, alive until its call is answered), its id set once its call is known.
 */
export function planMetricBatches(
  tasks: readonly MetricTask[],
  metrics: readonly DmsMetric[],
  until = Infinity,
  queriesPerCall = METRIC_QUERIES_MAX,
): MetricBatch[] {
  const queries: { -readonly [K in keyof MetricQuery]: MetricQuery[K] }[] = [];
  for (const task of tasks)
    for (const metric of metrics) {
      const since = task.since(metric);
      // A series already read up to `until` (the end of the last complete period) has nothing new to ask for.
      if (since < until)
        queries.push({ taskKey: task.taskKey, metric, taskResourceId: task.taskResourceId, instanceIdentifier: task.instanceIdentifier, since, id: '' });
    }
  queries.sort((a, b) => a.since - b.since);
  return chunk(queries, queriesPerCall).map((part) => {
    part.forEach((query, index) => (query.id = queryId(index)));
    return { queries: part, startTime: part[0]!.since };
  });
}

/** Query ids by position in a call, made once: `q0` to `q499`. */
const QUERY_IDS = Array.from({ length: METRIC_QUERIES_MAX }, (_, index) => `q${index}`);
const queryId = (index: number) => QUERY_IDS[index] ?? `q${index}`;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
