// The Glue job-run metrics CloudWatch GetMetricData reads (registered for the Glue namespace): the bulk load's
// progress as glue.driver.aggregate.recordsRead (dimensions JobName, JobRunId, Type=count), whose Sum over a period
// is the rows the run copied in it, so the cockpit's monitor follows a load through GetMetricData as it would on AWS.
import type { MetricQuery, MetricSeries, MetricSource } from '../../kernel/metric-registry';
import type { GlueJobs } from './glue-jobs';
import { MINUTE_MS, minuteDatapoints } from './minute-series';

export const GLUE_NAMESPACE = 'Glue';
export const RECORDS_READ = 'glue.driver.aggregate.recordsRead';

export function glueMetricSource(jobs: GlueJobs): MetricSource {
  return (query: MetricQuery, start: number, end: number, ascending: boolean): MetricSeries => {
    const none = { timestamps: [], values: [] };
    const jobName = query.dimensions.get('JobName');
    const runId = query.dimensions.get('JobRunId');
    if (query.metricName !== RECORDS_READ || jobName === undefined || runId === undefined) return none;
    if (query.dimensions.get('Type') !== 'count' || query.dimensions.size !== 3) return none;
    const run = jobs.allRuns().find((candidate) => candidate.id === runId && candidate.jobName === jobName);
    if (!run) return none;
    // The run reports while its driver runs: from RUNNING until it ends.
    const to = run.completedOn ?? run.stoppedAt ?? Infinity;
    return minuteDatapoints(query, start, end, ascending, { from: run.runningAt, to: to + 1 }, (minute) =>
      minute + MINUTE_MS <= run.runningAt ? undefined : run.rowsAt(minute + MINUTE_MS) - run.rowsAt(minute),
    );
  };
}
