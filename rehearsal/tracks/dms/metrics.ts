// The AWS/DMS task metrics, each derived from the simulation's base series (metric-history.ts), and the source
// the kernel's GetMetricData reads them through (registered for the AWS/DMS namespace).
import type { MetricQuery, MetricSeries, MetricSource } from '../../kernel/metric-registry';
import { statistic } from '../../kernel/statistics';
import { COARSE_SECONDS, FINE_SECONDS, SERIES } from './metric-history';
import type { DmsSimulation } from './simulation';

export const DMS_NAMESPACE = 'AWS/DMS';

/** Rows kept in memory before DMS spills changes to disk on the replication instance. */
const MEMORY_ROWS = 10_000;

type Derive = (value: (series: number) => number, rowBytes: number) => number;

const KB = 1024;

export const TASK_METRICS: Readonly<Record<string, Derive>> = {
  CDCLatencySource: (v) => v(SERIES.latencySource),
  CDCLatencyTarget: (v) => v(SERIES.latencyTarget),
  CDCIncomingChanges: (v) => v(SERIES.backlog),
  CDCChangesMemorySource: (v) => Math.min(MEMORY_ROWS, v(SERIES.cdcSourceRows) * 0.5),
  CDCChangesDiskSource: () => 0,
  CDCChangesMemoryTarget: (v) => Math.min(MEMORY_ROWS, v(SERIES.backlog)),
  CDCChangesDiskTarget: (v) => Math.max(0, v(SERIES.backlog) - MEMORY_ROWS),
  CDCThroughputRowsSource: (v) => v(SERIES.cdcSourceRows),
  CDCThroughputRowsTarget: (v) => v(SERIES.cdcTargetRows),
  CDCThroughputBandwidthSource: (v, bytes) => (v(SERIES.cdcSourceRows) * bytes) / KB,
  CDCThroughputBandwidthTarget: (v, bytes) => (v(SERIES.cdcTargetRows) * bytes) / KB,
  FullLoadThroughputRowsSource: (v) => v(SERIES.fullLoadRows),
  FullLoadThroughputRowsTarget: (v) => v(SERIES.fullLoadRows),
  FullLoadThroughputBandwidthSource: (v, bytes) => (v(SERIES.fullLoadRows) * bytes) / KB,
  FullLoadThroughputBandwidthTarget: (v, bytes) => (v(SERIES.fullLoadRows) * bytes) / KB,
};

export const TASK_METRIC_NAMES = Object.keys(TASK_METRICS);

/** The AWS/DMS metric source over the simulation's task histories. */
export function taskMetricSource(simulation: DmsSimulation): MetricSource {
  return (query, start, end, ascending) => datapoints(query, start, end, simulation, ascending);
}

/** The datapoints of one query: one per period that holds data, in the order asked for. */
function datapoints(query: MetricQuery, start: number, end: number, simulation: DmsSimulation, ascending: boolean): MetricSeries {
  const timestamps: number[] = [];
  const values: number[] = [];
  const derive = TASK_METRICS[query.metricName];
  const instanceId = query.dimensions.get('ReplicationInstanceIdentifier');
  const taskId = query.dimensions.get('ReplicationTaskIdentifier');
  // CloudWatch matches dimensions exactly: a task metric has these two and no others.
  if (!derive || instanceId === undefined || taskId === undefined || query.dimensions.size !== 2) return { timestamps, values };
  const task = simulation.taskByMetricDimensions(instanceId, taskId);
  const metrics = task?.metrics;
  if (!task || !metrics || query.period === 1) return { timestamps, values };

  const coarse = query.period % COARSE_SECONDS === 0;
  const resolution = coarse ? COARSE_SECONDS : FINE_SECONDS;
  const perPeriod = query.period / resolution;
  const ring = coarse ? metrics.coarse : metrics.fine;
  const startSeconds = Math.floor(start / 1000 / query.period) * query.period;
  const endSlot = Math.ceil(end / 1000 / resolution);
  const firstPeriod = Math.max(startSeconds / query.period, Math.floor(ring.first / perPeriod));
  const lastPeriod = Math.ceil(endSlot / perPeriod) - 1;
  const sample: number[] = [];
  const read = (slot: number, series: number) => (coarse ? metrics.minuteValue(slot, series) : ring.read(slot, series));
  for (let period = firstPeriod; period <= lastPeriod; period++) {
    sample.length = 0;
    for (let slot = period * perPeriod; slot < (period + 1) * perPeriod && slot < endSlot; slot++) {
      // Slots where the task was not running hold no data (CloudWatch has no datapoint there either).
      if (Number.isNaN(read(slot, 0))) continue;
      sample.push(derive((series) => read(slot, series), task.rates.rowBytes));
    }
    if (sample.length === 0) continue;
    timestamps.push(period * query.period);
    values.push(roundValue(statistic(query.stat, sample)));
  }
  if (!ascending) {
    timestamps.reverse();
    values.reverse();
  }
  return { timestamps, values };
}

function roundValue(value: number): number {
  return Math.round(value * 1000) / 1000;
}
