// The AWS/Scheduler and AWS/Lambda metrics of the simulated schedules and functions, as CloudWatch GetMetricData reads
// them (registered for those namespaces). Every event is one sample at the minute it happened (an attempt, a target
// error, a throttle, a drop; an invocation's end with its duration), and a period's statistic is taken over its
// samples, so Sum counts and Average/pNN of Duration are CloudWatch's. A minute in which an entity did something but
// not this metric's thing holds a 0 sample (Errors Sum 0 beside Invocations); a minute with no activity has no
// datapoint, as CloudWatch publishes nothing for an idle function or schedule group. Only minutes that have ended
// count.
//   AWS/Scheduler: InvocationAttemptCount, TargetErrorCount, InvocationThrottleCount, InvocationDroppedCount — per
//     ScheduleGroup (dimension `ScheduleGroup`) or for the account (no dimensions).
//   AWS/Lambda: Invocations, Errors, Throttles, Duration (ms) — per `FunctionName`, or for the account.
import type { MetricQuery, MetricSeries, MetricSource } from '../../kernel/metric-registry';
import { statistic } from '../../kernel/statistics';
import type { AwsScheduleEstate, Invocation, SchedulerEventKind } from './aws-estate';

export const SCHEDULER_NAMESPACE = 'AWS/Scheduler';
export const LAMBDA_NAMESPACE = 'AWS/Lambda';

const MINUTE_MS = 60_000;
const SCHEDULER_METRICS: Readonly<Record<string, SchedulerEventKind>> = {
  InvocationAttemptCount: 'attempt',
  TargetErrorCount: 'target-error',
  InvocationThrottleCount: 'throttle',
  InvocationDroppedCount: 'drop',
};
const LAMBDA_METRICS = ['Invocations', 'Errors', 'Throttles', 'Duration'] as const;

interface Sample {
  readonly at: number;
  /** Undefined: activity without this metric's event (a 0 sample for counts, nothing for Duration). */
  readonly value: number | undefined;
}

function series(query: MetricQuery, start: number, end: number, ascending: boolean, samples: readonly Sample[], zeroWhenIdle: boolean): MetricSeries {
  const periodMs = query.period * 1000;
  const lastMinute = Math.floor(end / MINUTE_MS) * MINUTE_MS;
  const byPeriod = new Map<number, { values: number[]; active: Set<number>; counted: Set<number> }>();
  for (const sample of samples) {
    if (sample.at < start || sample.at >= lastMinute || sample.at >= end) continue;
    const period = Math.floor(sample.at / periodMs);
    let bucket = byPeriod.get(period);
    if (!bucket) byPeriod.set(period, (bucket = { values: [], active: new Set(), counted: new Set() }));
    const minute = Math.floor(sample.at / MINUTE_MS);
    bucket.active.add(minute);
    if (sample.value === undefined) continue;
    bucket.values.push(sample.value);
    bucket.counted.add(minute);
  }
  if (zeroWhenIdle) for (const bucket of byPeriod.values()) for (const minute of bucket.active) if (!bucket.counted.has(minute)) bucket.values.push(0);
  const periods = [...byPeriod.entries()].filter(([, bucket]) => bucket.values.length > 0).sort((a, b) => (ascending ? a[0] - b[0] : b[0] - a[0]));
  return {
    timestamps: periods.map(([period]) => period * query.period),
    values: periods.map(([, bucket]) => Math.round(statistic(query.stat, bucket.values) * 1000) / 1000),
  };
}

export function schedulerMetricSource(estate: AwsScheduleEstate): MetricSource {
  return (query, start, end, ascending) => {
    const kind = Object.hasOwn(SCHEDULER_METRICS, query.metricName) ? SCHEDULER_METRICS[query.metricName] : undefined;
    const group = query.dimensions.get('ScheduleGroup');
    if (!kind || query.dimensions.size !== (group === undefined ? 0 : 1)) return { timestamps: [], values: [] };
    estate.sync();
    const samples = estate
      .schedulerEvents()
      .filter((event) => group === undefined || event.group === group)
      .map((event) => ({ at: event.at, value: event.kind === kind ? 1 : undefined }));
    return series(query, start, end, ascending, samples, true);
  };
}

export function lambdaMetricSource(estate: AwsScheduleEstate): MetricSource {
  return (query, start, end, ascending) => {
    const metric = (LAMBDA_METRICS as readonly string[]).includes(query.metricName) ? (query.metricName as (typeof LAMBDA_METRICS)[number]) : undefined;
    const name = query.dimensions.get('FunctionName');
    if (!metric || query.dimensions.size !== (name === undefined ? 0 : 1)) return { timestamps: [], values: [] };
    estate.sync();
    const samples: Sample[] = [];
    for (const invocation of estate.invocations()) {
      if (name !== undefined && invocation.functionName !== name) continue;
      const sample = lambdaSample(metric, invocation);
      if (sample) samples.push(sample);
    }
    return series(query, start, end, ascending, samples, metric !== 'Duration');
  };
}

function lambdaSample(metric: (typeof LAMBDA_METRICS)[number], invocation: Invocation): Sample | undefined {
  if (invocation.result === 'running') return undefined;
  if (invocation.result === 'throttled') return { at: invocation.requestedAt, value: metric === 'Throttles' ? 1 : undefined };
  const at = invocation.endsAt!;
  switch (metric) {
    case 'Invocations':
      return { at, value: 1 };
    case 'Errors':
      return { at, value: invocation.result === 'failed' ? 1 : undefined };
    case 'Throttles':
      return { at, value: undefined };
    case 'Duration':
      return { at, value: invocation.endsAt! - invocation.startedAt! };
  }
}
