// The CloudWatch reads of the traffic track, pure: the GetMetricData queries of target groups over a period (five
// AWS/ApplicationELB metrics each, in calls of at most 500 queries) and their answers read back into numbers per
// group and period. The monitor reads one-minute periods for its charts; the analysis reads one period per
// measurement window. For T target groups a read costs ceil(5T / 500) calls.
import type { MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { Measurement } from './analysis';
import type { TargetGroupRef } from './resources';

export const METRIC_QUERIES_MAX = 500;

/** Each metric with the statistic the analysis reads (ALB publishes them per TargetGroup and LoadBalancer). */
export const GROUP_METRICS = [
  { metric: 'RequestCount', stat: 'Sum', field: 'requests' },
  { metric: 'HTTPCode_Target_5XX_Count', stat: 'Sum', field: 'errors5xx' },
  { metric: 'TargetResponseTime', stat: 'Average', field: 'responseTime' },
  { metric: 'HealthyHostCount', stat: 'Minimum', field: 'healthyMin' },
  { metric: 'UnHealthyHostCount', stat: 'Maximum', field: 'unhealthyMax' },
] as const;

export interface GroupToRead {
  /** The caller's key for the group (e.g. `<stackId>#aws`). */
  readonly key: string;
  readonly group: TargetGroupRef;
  /** app/<name>/<id>: AWS publishes the group's metrics with its load balancer's dimension too. */
  readonly loadBalancerDimension: string;
}

/** The queries for the groups at `periodSeconds`, cut into calls of at most 500; each query's id says its group and metric. */
export function metricBatches(groups: readonly GroupToRead[], periodSeconds: number): MetricDataQuery[][] {
  const queries: MetricDataQuery[] = groups.flatMap((group, g) =>
    GROUP_METRICS.map((spec, m) => ({
      Id: `g${g}_m${m}`,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/ApplicationELB',
          MetricName: spec.metric,
          Dimensions: [
            { Name: 'TargetGroup', Value: group.group.dimension },
            { Name: 'LoadBalancer', Value: group.loadBalancerDimension },
          ],
        },
        Period: periodSeconds,
        Stat: spec.stat,
      },
      ReturnData: true,
    })),
  );
  const batches: MetricDataQuery[][] = [];
  for (let i = 0; i < queries.length; i += METRIC_QUERIES_MAX) batches.push(queries.slice(i, i + METRIC_QUERIES_MAX));
  return batches;
}

/** One group's numbers for one period starting at `at` (epoch ms). */
export interface GroupPeriod {
  readonly at: number;
  readonly requests: number | null;
  readonly errors5xx: number | null;
  /** Milliseconds (CloudWatch gives seconds). */
  readonly responseTimeMs: number | null;
  readonly healthyMin: number | null;
  readonly unhealthyMax: number | null;
}

/** The answers of every batch read back per group key, each group's periods in time order. */
export function readGroupPeriods(groups: readonly GroupToRead[], results: readonly MetricDataResult[]): Map<string, GroupPeriod[]> {
  const byGroup = new Map<string, Map<number, Record<string, number>>>();
  for (const result of results) {
    const match = /^g(\d+)_m(\d+)$/.exec(result.Id ?? '');
    const group = match ? groups[Number(match[1])] : undefined;
    const spec = match ? GROUP_METRICS[Number(match[2])] : undefined;
    if (!group || !spec) continue;
    const periods = byGroup.get(group.key) ?? new Map<number, Record<string, number>>();
    byGroup.set(group.key, periods);
    (result.Timestamps ?? []).forEach((timestamp, i) => {
      const value = result.Values?.[i];
      if (value === undefined) return;
      const at = new Date(timestamp).getTime();
      const period = periods.get(at) ?? {};
      period[spec.field] = value;
      periods.set(at, period);
    });
  }
  const out = new Map<string, GroupPeriod[]>();
  for (const group of groups) {
    const periods = [...(byGroup.get(group.key) ?? new Map<number, Record<string, number>>()).entries()].sort(([a], [b]) => a - b);
    out.set(
      group.key,
      periods.map(([at, values]) => ({
        at,
        requests: values['requests'] ?? null,
        // ALB publishes a count only when it is not zero: requests without a 5xx datapoint had none.
        errors5xx: values['errors5xx'] ?? (values['requests'] !== undefined ? 0 : null),
        responseTimeMs: values['responseTime'] === undefined ? null : values['responseTime'] * 1000,
        healthyMin: values['healthyMin'] ?? null,
        unhealthyMax: values['unhealthyMax'] ?? null,
      })),
    );
  }
  return out;
}

/**
 * A measurement of [from, to) from one-period answers: counts summed, the response time weighted by requests, the
 * healthy count's lowest and the unhealthy count's highest. A window without any datapoint has nulls.
 */
export function measurementOf(periods: readonly GroupPeriod[], from: number, to: number): Measurement {
  const inside = periods.filter((period) => period.at >= from && period.at < to);
  const sum = (values: (number | null)[]) => (values.some((value) => value !== null) ? values.reduce<number>((total, value) => total + (value ?? 0), 0) : null);
  const requests = sum(inside.map((period) => period.requests));
  const timed = inside.filter((period) => period.responseTimeMs !== null);
  const weight = timed.reduce((total, period) => total + (period.requests ?? 0), 0);
  const responseTimeMs =
    timed.length === 0
      ? null
      : weight > 0
        ? timed.reduce((total, period) => total + period.responseTimeMs! * (period.requests ?? 0), 0) / weight
        : timed.reduce((total, period) => total + period.responseTimeMs!, 0) / timed.length;
  const healthy = inside.flatMap((period) => (period.healthyMin === null ? [] : [period.healthyMin]));
  const unhealthy = inside.flatMap((period) => (period.unhealthyMax === null ? [] : [period.unhealthyMax]));
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    requests,
    errors5xx: sum(inside.map((period) => period.errors5xx)),
    responseTimeMs: responseTimeMs === null ? null : Math.round(responseTimeMs * 10) / 10,
    healthyMin: healthy.length > 0 ? Math.min(...healthy) : null,
    unhealthyMax: unhealthy.length > 0 ? Math.max(...unhealthy) : null,
  };
}
