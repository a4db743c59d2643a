// The AWS/ApplicationELB metrics of an account's load balancers and target groups, as CloudWatch GetMetricData reads
// them, one datapoint per minute that has ended (from the traffic model's minute sums):
//   per TargetGroup + LoadBalancer (`targetgroup/<name>/<id>`, `app/<name>/<id>`): RequestCount (Sum),
//     HTTPCode_Target_5XX_Count (Sum), TargetResponseTime (Average, seconds), HealthyHostCount and UnHealthyHostCount
//     (Average, Minimum, Maximum over the minute's seconds);
//   per LoadBalancer alone: RequestCount (its target groups' and the requests no listener forwards),
//     HTTPCode_Target_5XX_Count, TargetResponseTime.
// As AWS publishes them, a count exists only for a minute in which it is not zero (no RequestCount for an idle
// minute, no HTTPCode_Target_5XX_Count for one without errors: read a missing value as 0), TargetResponseTime only
// for a minute with requests, the host counts for every minute the group is behind the load balancer. Counts are whole:
// requests rounded, errors drawn (seeded) around their expected number, so the base rate of 0.1 % shows as it would.
import type { MetricQuery, MetricSeries, MetricSource } from '../../kernel/metric-registry';
import { hashString, prng } from '../../kernel/random';
import { statistic } from '../../kernel/statistics';
import type { TrafficEstate } from './directory';
import type { GroupMinute, LoadBalancerMinute, TrafficModel } from './traffic-model';

export const ALB_NAMESPACE = 'AWS/ApplicationELB';

const MINUTE_MS = 60_000;
const MAX_MINUTES = 14 * 24 * 60;
const GROUP_METRICS = ['RequestCount', 'HTTPCode_Target_5XX_Count', 'TargetResponseTime', 'HealthyHostCount', 'UnHealthyHostCount'] as const;
const LOAD_BALANCER_METRICS = ['RequestCount', 'HTTPCode_Target_5XX_Count', 'TargetResponseTime'] as const;
type Metric = (typeof GROUP_METRICS)[number];

/** One minute of one metric: a count, a mean (with its weight), or the per-second samples. */
type MinuteValue = { readonly count: number } | { readonly mean: number; readonly weight: number } | { readonly samples: readonly number[] };

const empty: MetricSeries = { timestamps: [], values: [] };

/** The whole requests and errors of a minute: errors drawn around their expected number (seeded per key and minute). */
export function wholeCounts(seed: number, key: string, minute: number, requests: number, errors: number): { requests: number; errors: number } {
  const whole = Math.round(requests);
  const draw = prng(hashString(`5xx:${key}:${minute}`, seed))();
  return { requests: whole, errors: Math.min(whole, Math.floor(errors + draw)) };
}

function minuteValue(
  metric: Metric,
  totals: GroupMinute | LoadBalancerMinute,
  counts: { requests: number; errors: number },
  responseBase: number,
): MinuteValue | undefined {
  switch (metric) {
    case 'RequestCount':
      return counts.requests > 0 ? { count: counts.requests } : undefined;
    case 'HTTPCode_Target_5XX_Count':
      return counts.errors > 0 ? { count: counts.errors } : undefined;
    case 'TargetResponseTime':
      return responseBase > 0 && counts.requests > 0 ? { mean: totals.weightedResponseMs / responseBase / 1000, weight: responseBase } : undefined;
    case 'HealthyHostCount':
      return 'healthy' in totals && totals.healthy.length > 0 ? { samples: totals.healthy } : undefined;
    case 'UnHealthyHostCount':
      return 'unhealthy' in totals && totals.unhealthy.length > 0 ? { samples: totals.unhealthy } : undefined;
  }
}

/** A period's statistic over its minutes: counts per minute, means weighted by requests, samples per second. */
function periodValue(stat: string, values: readonly MinuteValue[]): number {
  const first = values[0]!;
  if ('samples' in first)
    return (
      Math.round(
        statistic(
          stat,
          values.flatMap((value) => ('samples' in value ? [...value.samples] : [])),
        ) * 1000,
      ) / 1000
    );
  if ('mean' in first) {
    const means = values.flatMap((value) => ('mean' in value ? [value] : []));
    if (stat === 'Average') {
      const weight = means.reduce((sum, value) => sum + value.weight, 0);
      return Math.round((means.reduce((sum, value) => sum + value.mean * value.weight, 0) / weight) * 1e6) / 1e6;
    }
    return (
      Math.round(
        statistic(
          stat,
          means.map((value) => value.mean),
        ) * 1e6,
      ) / 1e6
    );
  }
  return statistic(
    stat,
    values.map((value) => ('count' in value ? value.count : 0)),
  );
}

export function applicationElbMetricSource(estate: TrafficEstate, model: TrafficModel, now: () => number): MetricSource {
  return (query: MetricQuery, start: number, end: number, ascending: boolean): MetricSeries => {
    const lbDimension = query.dimensions.get('LoadBalancer');
    const groupDimension = query.dimensions.get('TargetGroup');
    if (lbDimension === undefined || query.dimensions.size !== (groupDimension === undefined ? 1 : 2)) return empty;
    const metric = (groupDimension === undefined ? LOAD_BALANCER_METRICS : GROUP_METRICS).find((name) => name === query.metricName);
    const lb = estate.elbv2.allLoadBalancers().find((candidate) => candidate.dimension === lbDimension);
    const group = groupDimension === undefined ? undefined : estate.elbv2.allTargetGroups().find((candidate) => candidate.dimension === groupDimension);
    if (!metric || !lb || (groupDimension !== undefined && !group)) return empty;
    const current = now();
    const periodMs = query.period * 1000;
    const from = Math.max(
      Math.floor(start / periodMs) * periodMs,
      Math.floor(Math.max(lb.createdAt, group?.createdAt ?? 0) / MINUTE_MS) * MINUTE_MS,
      end - MAX_MINUTES * MINUTE_MS,
    );
    const byPeriod = new Map<number, MinuteValue[]>();
    for (let minute = Math.ceil(from / MINUTE_MS) * MINUTE_MS; minute + MINUTE_MS <= Math.min(end, current); minute += MINUTE_MS) {
      const traffic = model.minute(minute, current);
      const totals = group ? traffic.groups.get(`${group.arn} ${lb.arn}`) : traffic.loadBalancers.get(lb.arn);
      if (!totals) continue;
      // A load balancer's errors are its groups' (drawn once per group), its requests every one that reached it.
      const groupCounts = (entry: GroupMinute) => wholeCounts(model.seed, `${entry.groupArn} ${entry.loadBalancerArn}`, minute, entry.requests, entry.errors);
      const counts =
        'groupRequests' in totals
          ? {
              requests: Math.round(totals.requests),
              errors: [...traffic.groups.values()]
                .filter((entry) => entry.loadBalancerArn === lb.arn)
                .reduce((sum, entry) => sum + groupCounts(entry).errors, 0),
            }
          : groupCounts(totals);
      const responseBase = 'groupRequests' in totals ? totals.groupRequests : totals.requests;
      const value = minuteValue(metric, totals, counts, responseBase);
      if (!value) continue;
      const period = Math.floor(minute / periodMs);
      byPeriod.set(period, [...(byPeriod.get(period) ?? []), value]);
    }
    const periods = [...byPeriod.entries()].sort((a, b) => (ascending ? a[0] - b[0] : b[0] - a[0]));
    return { timestamps: periods.map(([period]) => period * query.period), values: periods.map(([, values]) => periodValue(query.stat, values)) };
  };
}
