// A refresh cycle's CloudWatch reads: every metric of every described task in GetMetricData calls of up to 500
// queries (poll-planner.ts), only points newer than the series hold and only whole periods that had time to
// settle; each answer goes into the series (and a gate's latency run) as it arrives, and the new points go out as
// one dms.samples event once every call is settled.
import type { MetricDataQuery, MetricDataResult, MetricStat } from '@aws-sdk/client-cloudwatch';
import { DMS_METRICS, type DmsMetric, type SeriesPoints } from '../../../api/contract/dms';
import type { AwsCaller } from '../../../monitoring/aws-call';
import { settleWithLimit } from '../../../monitoring/concurrency';
import type { ReplicationApi } from './clients';
import type { MonitorContext } from './monitor-options';
import { planMetricBatches, type MetricBatch, type MetricQuery } from './poll-planner';
import { arnResourceId } from './task-refs';
import type { TaskSet } from './task-set';

export async function readMetrics(ctx: MonitorContext, api: ReplicationApi, call: AwsCaller, now: number, limit: number, failures: unknown[]): Promise<void> {
  const { tasks, options, periodMs } = ctx;
  const { series } = tasks;
  const metricTasks = [...tasks.values()].filter((s) => s.task && s.arn && s.instanceIdentifier);
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
      await readBatch(batch, endTime, api, call, tasks, periodMs, (query, points) => {
        const added = series.append(query.taskKey, query.metric, points);
        // A backfill sends the UI only the recent range; older history is there for dms.series.
        const fresh = added.length > 0 && added[0]![0] < chartsFrom ? added.filter(([time]) => time >= chartsFrom) : added;
        if (fresh.length > 0) batchSamples.push({ taskKey: query.taskKey, metric: query.metric, points: fresh });
        if (query.metric === 'CDCLatencyTarget') observeLatency(tasks, query.taskKey, added);
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
 * Reads one call's queries (every page of it), then hands each answered query its points at or after its `since`,
 * oldest first, in the order the answers came. Lean on purpose: a call's objects live until it is answered, long
 * enough to be promoted to V8's old space, so each query's points are one list of [time, value] pairs, no more.
 */
async function readBatch(
  batch: MetricBatch,
  endTime: number,
  api: ReplicationApi,
  call: AwsCaller,
  tasks: TaskSet,
  periodMs: number,
  take: (query: MetricQuery, points: [number, number][]) => void,
): Promise<void> {
  const { queries } = batch;
  // Each query's points by its index in the batch (a list made with its first point), and the indexes in the order
  // their first answer came.
  const points: ([number, number][] | undefined)[] = new Array(queries.length);
  const answered = new Set<number>();
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
      answered.add(index);
      points[index] = collectPoints(result, queries[index]!.since, points[index]);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  for (const index of answered) take(queries[index]!, points[index] ?? []);
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

/** Feeds new target-latency samples to the task's run under its gate's limit (a task without gates has none). */
function observeLatency(tasks: TaskSet, taskKey: string, added: readonly [number, number][]): void {
  const state = tasks.get(taskKey)!;
  const gates = tasks.gatesOf(state);
  if (!gates) return;
  for (const [time, value] of added) state.streak.observe(time, value, gates.maxCdcLatencySeconds);
}

/**
 * Adds a result's points at or after `since` to `into`: the list, or undefined while empty. A first list is made of
 * exactly their number (one page, the usual case, is all there is).
 */
function collectPoints(result: MetricDataResult, since: number, into: [number, number][] | undefined): [number, number][] | undefined {
  const times = result.Timestamps ?? [];
  const values = result.Values ?? [];
  const count = Math.min(times.length, values.length);
  if (into) {
    for (let i = 0; i < count; i++) {
      const time = times[i]!.getTime();
      if (time >= since) into.push([time, values[i]!]);
    }
    return into;
  }
  let kept = 0;
  for (let i = 0; i < count; i++) if (times[i]!.getTime() >= since) kept++;
  if (kept === 0) return undefined;
  const list = new Array<[number, number]>(kept);
  for (let i = 0, at = 0; i < count; i++) {
    const time = times[i]!.getTime();
    if (time >= since) list[at++] = [time, values[i]!];
  }
  return list;
}
