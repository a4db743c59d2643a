// The AWS/DMS task metrics, each derived from the simulation's base series (metric-history.ts), and the
// statistics CloudWatch computes over a period.
import { SERIES } from './metric-history';

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

const STATS = /^(Average|Sum|Minimum|Maximum|SampleCount|p(\d{1,2}(\.\d+)?|100))$/;

export function isStat(stat: string): boolean {
  return STATS.test(stat);
}

/** One statistic over the values of a period (non-empty); percentiles sort `values` in place. */
export function statistic(stat: string, values: number[]): number {
  switch (stat) {
    case 'Average': {
      let sum = 0;
      for (const value of values) sum += value;
      return sum / values.length;
    }
    case 'Sum': {
      let sum = 0;
      for (const value of values) sum += value;
      return sum;
    }
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
    case 'SampleCount':
      return values.length;
    default: {
      const percentile = Number(stat.slice(1));
      values.sort((a, b) => a - b);
      const rank = Math.max(1, Math.ceil((percentile / 100) * values.length));
      return values[rank - 1]!;
    }
  }
}
