// A refresh cycle's CloudWatch reads: every metric of every described task in GetMetricData calls of up to 500
// queries (poll-planner.ts), only points newer than the series hold and only whole periods that had time to
// settle; each answer goes into the series (and a gate's latency run) as it arrives, and the new points go out as
// one dms.samples event once every call is settled.
import type { MetricDataResult, MetricStat } from '@aws-sdk/client-cloudwatch';
import { DMS_METRICS, type DmsMetric, type SeriesPoints } from '../../../api/contract/dms';
import type { AwsCaller } from '../../../monitoring/aws-call';
import { settleWithLimit } from '../../../monitoring/concurrency';
import type { ReplicationApi } from './clients';
import type { MonitorContext } from './monitor-options';
import { planMetricBatches, type MetricBatch } from './poll-planner';
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
      const answers = await readBatch(batch, endTime, api, call, tasks, periodMs);
      const batchSamples = samplesByBatch[index]!;
      const answered = new Set<string>();
      for (const { query, points } of answers) {
        const added = series.append(query.taskKey, query.metric, points);
        // A backfill sends the UI only the recent range; older history is there for dms.series.
        const fresh = added.length > 0 && added[0]![0] < chartsFrom ? added.filter(([time]) => time >= chartsFrom) : added;
        if (fresh.length > 0) batchSamples.push({ taskKey: query.taskKey, metric: query.metric, points: fresh });
        if (query.metric === 'CDCLatencyTarget') observeLatency(tasks, query.taskKey, added);
        answered.add(query.taskKey);
      }
      for (const query of batch.queries) if (answered.has(query.taskKey)) tasks.get(query.taskKey)!.metricsAt = now;
    },
  );
  for (const outcome of metricResults) if (outcome.status === 'rejected') failures.push(outcome.reason);
  // Reverse tasks' points go out too: their charts show beside the plan's tasks (gates never read samples).
  const samples = samplesByBatch.flat();
  if (samples.length > 0) options.publish({ type: 'dms.samples', samples });
}

async function readBatch(
  batch: MetricBatch,
  endTime: number,
  api: ReplicationApi,
  call: AwsCaller,
  tasks: TaskSet,
  periodMs: number,
): Promise<{ query: MetricBatch['queries'][number]; points: [number, number][] }[]> {
  const byId = new Map(batch.queries.map((query) => [query.id, query]));
  const points = new Map<string, [number, number][]>();
  let nextToken: string | undefined;
  do {
    const page = await call('GetMetricData', (signal) =>
      api.getMetricData(
        {
          StartTime: new Date(batch.startTime),
          EndTime: new Date(endTime),
          ScanBy: 'TimestampAscending',
          ...(nextToken ? { NextToken: nextToken } : {}),
          MetricDataQueries: batch.queries.map((query) => ({ Id: query.id, ReturnData: true, MetricStat: metricStatOf(tasks, query, periodMs) })),
        },
        signal,
      ),
    );
    for (const result of page.results) collectPoints(result, byId, points);
    nextToken = page.nextToken;
  } while (nextToken);
  return [...points].map(([id, list]) => ({ query: byId.get(id)!, points: list.filter(([time]) => time >= byId.get(id)!.since) }));
}

/**
 * The MetricStat of a task's metric, built once and reused every cycle (the same 5 × N objects would otherwise
 * be rebuilt for every call and live as long as it, long enough to be promoted to V8's old space). Kept with the
 * task's state, so a task that starts over (a new ARN, another reverse task) starts without them.
 */
function metricStatOf(tasks: TaskSet, query: MetricBatch['queries'][number], periodMs: number): MetricStat {
  const state = tasks.get(query.taskKey);
  let cached = state?.metricStats;
  if (!cached || cached.instanceIdentifier !== query.instanceIdentifier || cached.taskResourceId !== query.taskResourceId) {
    cached = { instanceIdentifier: query.instanceIdentifier, taskResourceId: query.taskResourceId, stats: {} };
    if (state) state.metricStats = cached;
  }
  return (cached.stats[query.metric] ??= {
    Metric: {
      Namespace: 'AWS/DMS',
      MetricName: query.metric,
      Dimensions: [
        { Name: 'ReplicationInstanceIdentifier', Value: query.instanceIdentifier },
        { Name: 'ReplicationTaskIdentifier', Value: query.taskResourceId },
      ],
    },
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

function collectPoints(result: MetricDataResult, byId: ReadonlyMap<string, unknown>, into: Map<string, [number, number][]>): void {
  if (!result.Id || !byId.has(result.Id)) return;
  const list = into.get(result.Id) ?? [];
  into.set(result.Id, list);
  const times = result.Timestamps ?? [];
  const values = result.Values ?? [];
  for (let i = 0; i < Math.min(times.length, values.length); i++) list.push([times[i]!.getTime(), values[i]!]);
}
