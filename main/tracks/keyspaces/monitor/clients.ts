// The narrow AWS API the Keyspaces monitor reads through, on the SDK v3 clients, for a target from main/aws/target.ts
// (the placement's endpoint and credentials). An interface, so unit tests can stand in for AWS; the rehearsal's
// simulated CloudWatch and Glue answer the real clients in the integration tests.
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { GetJobRunsCommand, GlueClient, StartJobRunCommand, type JobRun } from '@aws-sdk/client-glue';
import { sdkClientConfig, type AwsTarget } from '../../../aws/target';

export interface KeyspacesReadApi {
  getMetricData(
    input: { queries: MetricDataQuery[]; start: Date; end: Date; nextToken?: string },
    signal: AbortSignal,
  ): Promise<{ results: MetricDataResult[]; nextToken?: string }>;
  /** The job's runs as Glue lists them (newest first), at most `max`. */
  getJobRuns(jobName: string, max: number, signal: AbortSignal): Promise<JobRun[]>;
  /** Starts a run of the job; its id. */
  startJobRun(jobName: string, signal: AbortSignal): Promise<string>;
  close(): void;
}

export function keyspacesReadApi(target: AwsTarget): KeyspacesReadApi {
  let cloudWatch: CloudWatchClient | undefined;
  let glue: GlueClient | undefined;
  const cw = () => (cloudWatch ??= new CloudWatchClient(sdkClientConfig(target)));
  const gl = () => (glue ??= new GlueClient(sdkClientConfig(target)));
  return {
    async getMetricData({ queries, start, end, nextToken }, signal) {
      const out = await cw().send(
        new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: start, EndTime: end, ScanBy: 'TimestampAscending', NextToken: nextToken }),
        { abortSignal: signal },
      );
      return { results: out.MetricDataResults ?? [], ...(out.NextToken ? { nextToken: out.NextToken } : {}) };
    },
    async getJobRuns(jobName, max, signal) {
      const out = await gl().send(new GetJobRunsCommand({ JobName: jobName, MaxResults: max }), { abortSignal: signal });
      return out.JobRuns ?? [];
    },
    async startJobRun(jobName, signal) {
      const out = await gl().send(new StartJobRunCommand({ JobName: jobName }), { abortSignal: signal });
      if (!out.JobRunId) throw new Error(`Glue started a run of ${jobName} but returned no run id`);
      return out.JobRunId;
    },
    close() {
      cloudWatch?.destroy();
      glue?.destroy();
    },
  };
}
