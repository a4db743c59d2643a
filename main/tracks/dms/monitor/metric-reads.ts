// A refresh cycle's CloudWatch reads: every metric of every described task in GetMetricData calls of up to 500
// queries (poll-planner.ts), only points newer than the series hold and only whole periods that had time to
// settle; each answer goes into the series (and a gate's latency run) as it arrives, and the new points go out as
// one dms.samples event once every call is settled.
import type { MetricDataQuery, MetricDataResult, MetricStat } from '@aws-sdk/client-cloudwatch';
import { DMS_METRICS, type DmsMetric, type SeriesPoints } from '../contract-views';
import type { AwsCaller } from '../../../monitoring/aws-call';
import { settleWithLimit } from '../../../monitoring/concurrency';
import type { ReplicationApi } from './clients';
import type { PlacementRead } from './monitor-options';
import { planMetricBatches, type MetricBatch, type MetricQuery } from './poll-planner';
import { arnResourceId } from './task-refs';
import type { SeriesStore } from './series-store';
import type { TaskSet } from './task-set';
import type { TaskState } from './task-state';

/** Reads the metrics of one placement's tasks with its API. */
export async function readMetrics({ ctx, states, api, call, now, limit, failures }: PlacementRead): Promise<void> {
  const { tasks, options, periodMs } = ctx;
  const { series } = tasks;
  const metricTasks = states.filter((s) => s.task && s.arn && s.instanceIdentifier);
  // A first read goes back far enough for the charts' recent range; target latency further, for the gate's hold.
  const chartsFrom = now - series.recentWindowMs;
  const latencyFrom = now - (options.initialLookbackMs ?? 3_600_000);
  // Only whole periods that had time to settle: a partial period's average would be kept as final.
  const endTime = Math.floor((now - (options.metricSettleMs ?? 0)) / periodMs) * periodMs;
  const metricBatches = planMetricBatches(
    metricTasks.map((s) => ({
      taskKey: s.key,
      taskResourceId: arnResourceId(s.arn!),
      instanceIdentifier: s.instanceIdentifier!,
      since: (metric: DmsMetric) => Math.max(metric === 'CDCLatencyTarget' ? latencyFrom : chartsFrom, series.lastTime(s.key, metric) + 1),
    })),
    DMS_METRICS,
    endTime,
  );
  // Tasks with nothing to ask for are as current as a read would make them.
  const asked = new Set(metricBatches.flatMap((batch) => batch.queries.map((query) => query.taskKey)));
  for (const state of metricTasks) if (!asked.has(state.key)) state.metricsAt = now;
  // Each call's answer goes into the ring buffers as soon as it arrives, so the parsed response (Date objects,
  // point arrays) dies young instead of waiting in memory, and being promoted to V8's old space, until every
  // call of the cycle is done. The samples are published in batch order once all calls are settled.
  const samplesByBatch: SeriesPoints[][] = metricBatches.map(() => []);
  const metricResults = await settleWithLimit(
    metricBatches.map((batch, index) => ({ batch, index })),
    limit,
    async ({ batch, index }) => {
      const batchSamples = samplesByBatch[index]!;
      await readBatch(batch, endTime, api, call, tasks, periodMs, (query, answers) => {
        const fresh = addAnswer(series, tasks, query, answers, chartsFrom);
        if (fresh.length > 0) batchSamples.push({ taskKey: query.taskKey, metric: query.metric, points: fresh });
        // Answered: its data is as current as this read.
        tasks.get(query.taskKey)!.metricsAt = now;
      });
    },
  );
  for (const outcome of metricResults) if (outcome.status === 'rejected') failures.push(outcome.reason);
  // Reverse tasks' points go out too: their charts show beside the plan's tasks (gates never read samples).
  const samples = samplesByBatch.flat();
  if (samples.length > 0) options.publish({ type: 'dms.samples', samples });
}

/**
 * Reads one call's queries (every page of it), then hands each answered query its results (one per page that had
 * it), in the order the answers came.
 */
async function readBatch(
  batch: MetricBatch,
  endTime: number,
  api: ReplicationApi,
  call: AwsCaller,
  tasks: TaskSet,
  periodMs: number,
  take: (query: MetricQuery, answers: readonly MetricDataResult[]) => void,
): Promise<void> {
  const { queries } = batch;
  // Each query's results by its index in the batch, in the order their first answer came.
  const answers = new Map<number, MetricDataResult[]>();
  const metricDataQueries = queries.map((query) => metricDataQueryOf(tasks, query, periodMs));
  let nextToken: string | undefined;
  do {
    const page = await call('GetMetricData', (signal) =>
      api.getMetricData(
        {
          StartTime: new Date(batch.startTime),
          EndTime: new Date(endTime),
          ScanBy: 'TimestampAscending',
          ...(nextToken ? { NextToken: nextToken } : {}),
          MetricDataQueries: metricDataQueries,
        },
        signal,
      ),
    );
    for (const result of page.results) {
      const index = indexOfId(queries, result.Id);
      if (index === undefined) continue;
      const known = answers.get(index);
      if (known) known.push(result);
      else answers.set(index, [result]);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  for (const [index, results] of answers) take(queries[index]!, results);
}

/**
 * Puts an answer's points at or after the query's `since` into its series, oldest first (target latency into the
 * task's latency run too), and answers those added from `chartsFrom` on as [time, value] pairs: what dms.samples
 * carries (a backfill sends the UI only the recent range; older history is there for dms.series). Only those become
 * pairs: an hour's backfill of 6,000 tasks is 360,000 points, three quarters of them never sent.
 */
function addAnswer(series: SeriesStore, tasks: TaskSet, query: MetricQuery, answers: readonly MetricDataResult[], chartsFrom: number): [number, number][] {
  const { taskKey, metric, since } = query;
  const latency = metric === 'CDCLatencyTarget' ? latencyRun(tasks, taskKey) : null;
  if (!ascending(answers, since)) {
    // GetMetricData answers oldest first (ScanBy TimestampAscending); any other order goes through the series' sort.
    const added = series.append(taskKey, metric, pointsOf(answers, since));
    if (latency) for (const [time, value] of added) latency.streak.observe(time, value, latency.limit);
    return added.length > 0 && added[0]![0] < chartsFrom ? added.filter(([time]) => time >= chartsFrom) : added;
  }
  const fresh: [number, number][] = [];
  for (const answer of answers) {
    const times = answer.Timestamps ?? [];
    const values = answer.Values ?? [];
    for (let i = 0; i < Math.min(times.length, values.length); i++) {
      const time = times[i]!.getTime();
      if (!(time >= since)) continue;
      const value = values[i]!;
      if (!series.appendPoint(taskKey, metric, time, value)) continue;
      latency?.streak.observe(time, value, latency.limit);
      if (time >= chartsFrom) fresh.push([time, value]);
    }
  }
  return fresh;
}

/** Whether the answers' points at or after `since` come oldest first (as the series takes them one by one). */
function ascending(answers: readonly MetricDataResult[], since: number): boolean {
  let last = -Infinity;
  for (const answer of answers) {
    const times = answer.Timestamps ?? [];
    const count = Math.min(times.length, answer.Values?.length ?? 0);
    for (let i = 0; i < count; i++) {
      const time = times[i]!.getTime();
      if (!(time >= since)) continue;
      if (!(last <= time)) return false;
      last = time;
    }
  }
  return true;
}

/** The answers' points at or after `since` as [time, value] pairs. */
function pointsOf(answers: readonly MetricDataResult[], since: number): [number, number][] {
  const points: [number, number][] = [];
  for (const answer of answers) {
    const times = answer.Timestamps ?? [];
    const values = answer.Values ?? [];
    for (let i = 0; i < Math.min(times.length, values.length); i++) {
      const time = times[i]!.getTime();
      if (time >= since) points.push([time, values[i]!]);
    }
  }
  return points;
}

/** The task's run of target-latency samples under its gate's limit (a task without gates has none). */
function latencyRun(tasks: TaskSet, taskKey: string): { readonly streak: TaskState['streak']; readonly limit: number } | null {
  const state = tasks.get(taskKey)!;
  const gates = tasks.gatesOf(state);
  return gates ? { streak: state.streak, limit: gates.maxCdcLatencySeconds } : null;
}

/** The index of the query with this id (ids are `q<index>`, poll-planner.ts), or undefined for none of them. */
function indexOfId(queries: readonly MetricQuery[], id: string | undefined): number | undefined {
  if (id === undefined || !id.startsWith('q')) return undefined;
  const index = Number(id.slice(1));
  return queries[index]?.id === id ? index : undefined;
}

/** The query as GetMetricData takes it, kept with its MetricStat while the query keeps its id (see metricStatOf). */
function metricDataQueryOf(tasks: TaskSet, query: MetricQuery, periodMs: number): MetricDataQuery {
  const stat = metricStatOf(tasks, query, periodMs);
  const cached = tasks.get(query.taskKey)?.metricStats?.queries;
  const known = cached?.[query.metric];
  if (known && known.Id === query.id && known.MetricStat === stat) return known;
  const fresh: MetricDataQuery = { Id: query.id, ReturnData: true, MetricStat: stat };
  if (cached) cached[query.metric] = fresh;
  return fresh;
}

/**
 * The MetricStat of a task's metric, built once and reused every cycle (the same 5 × N objects would otherwise
 * be rebuilt for every call and live as long as it, long enough to be promoted to V8's old space). Kept with the
 * task's state, so a task that starts over (a new ARN, another reverse task) starts without them. Its metrics share
 * one list of dimensions (the SDK only reads it): 6,000 tasks hold 50,000 objects fewer.
 */
function metricStatOf(tasks: TaskSet, query: MetricQuery, periodMs: number): MetricStat {
  const state = tasks.get(query.taskKey);
  let cached = state?.metricStats;
  if (!cached || cached.instanceIdentifier !== query.instanceIdentifier || cached.taskResourceId !== query.taskResourceId) {
    const dimensions = [
      { Name: 'ReplicationInstanceIdentifier', Value: query.instanceIdentifier },
      { Name: 'ReplicationTaskIdentifier', Value: query.taskResourceId },
    ];
    cached = { instanceIdentifier: query.instanceIdentifier, taskResourceId: query.taskResourceId, dimensions, stats: {}, queries: {} };
    if (state) state.metricStats = cached;
  }
  return (cached.stats[query.metric] ??= {
    Metric: { Namespace: 'AWS/DMS', MetricName: query.metric, Dimensions: cached.dimensions },
    Period: periodMs / 1000,
    Stat: 'Average',
  });
}
