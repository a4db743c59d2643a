// Where the monitor's AWS calls go and with which credentials, and the narrow API it uses on top of the SDK v3
// clients. Clients are made on first use; credentials resolve on the first call (the standard chain, so SSO
// profiles work), and a credential failure surfaces as an error of that call, never at construction.
import { CloudWatchClient, GetMetricDataCommand, type GetMetricDataCommandInput, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import {
  DatabaseMigrationServiceClient,
  DescribeReplicationInstancesCommand,
  DescribeReplicationTasksCommand,
  DescribeTableStatisticsCommand,
  ReloadTablesCommand,
  StartReplicationTaskCommand,
  StopReplicationTaskCommand,
  type Filter,
  type ReplicationTask,
  type TableStatistics,
} from '@aws-sdk/client-database-migration-service';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { MigrationPlan } from '../plan/model';

export interface AwsTarget {
  readonly region: string;
  /** Endpoint URL override (the rehearsal environment or an explicit URL), or undefined for AWS itself. */
  readonly endpoint?: string;
  /** Named profile for the credential chain. */
  readonly profile?: string;
  /** Static dummy credentials: the rehearsal environment accepts any. */
  readonly rehearsal: boolean;
  /** What the monitor status shows: `rehearsal` or the region. */
  readonly label: string;
}

/** The AWS target of a plan, or why there is none (`endpoint: rehearsal` without a rehearsal environment). */
export function awsTargetOf(plan: MigrationPlan, rehearsalAwsUrl: string | undefined): { ok: true; target: AwsTarget } | { ok: false; message: string } {
  const aws = plan.environment.aws;
  if (aws.endpoint === 'rehearsal') {
    if (!rehearsalAwsUrl) return { ok: false, message: 'the plan targets the rehearsal environment, but this cockpit has no rehearsal AWS endpoint' };
    return { ok: true, target: { region: aws.region, endpoint: rehearsalAwsUrl, rehearsal: true, label: 'rehearsal' } };
  }
  return {
    ok: true,
    target: {
      region: aws.region,
      rehearsal: false,
      label: aws.endpoint ? `${aws.region} via ${aws.endpoint}` : aws.region,
      ...(aws.endpoint ? { endpoint: aws.endpoint } : {}),
      ...(aws.profile ? { profile: aws.profile } : {}),
    },
  };
}

/** The calls the monitor and task control make. An interface so unit tests can stand in for AWS. */
export interface ReplicationApi {
  describeTasks(input: { filters: Filter[]; marker?: string; maxRecords?: number }, signal: AbortSignal): Promise<{ tasks: ReplicationTask[]; marker?: string }>;
  describeInstances(arns: readonly string[], signal: AbortSignal): Promise<{ arn: string; identifier: string }[]>;
  getMetricData(input: GetMetricDataCommandInput, signal: AbortSignal): Promise<{ results: MetricDataResult[]; nextToken?: string }>;
  describeTableStatistics(taskArn: string, marker: string | undefined, signal: AbortSignal): Promise<{ tables: TableStatistics[]; marker?: string }>;
  startTask(taskArn: string, type: 'start-replication' | 'resume-processing' | 'reload-target', signal: AbortSignal): Promise<ReplicationTask | undefined>;
  stopTask(taskArn: string, signal: AbortSignal): Promise<ReplicationTask | undefined>;
  reloadTables(taskArn: string, tables: readonly { schema: string; table: string }[], option: 'data-reload' | 'validate-only', signal: AbortSignal): Promise<void>;
  close(): void;
}

/** The SDK v3 implementation. SDK retries are off: the monitor retries itself, so it can count and bound them. */
export function sdkReplicationApi(target: AwsTarget): ReplicationApi {
  let dms: DatabaseMigrationServiceClient | undefined;
  let cloudWatch: CloudWatchClient | undefined;
  const config = () => ({
    region: target.region,
    maxAttempts: 1,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    credentials: target.rehearsal
      ? { accessKeyId: 'rehearsal', secretAccessKey: 'rehearsal' }
      : fromNodeProviderChain(target.profile ? { profile: target.profile } : {}),
  });
  const dmsClient = () => (dms ??= new DatabaseMigrationServiceClient(config()));
  const cwClient = () => (cloudWatch ??= new CloudWatchClient(config()));

  return {
    async describeTasks({ filters, marker, maxRecords }, signal) {
      const out = await dmsClient().send(
        new DescribeReplicationTasksCommand({ Filters: filters, WithoutSettings: true, MaxRecords: maxRecords ?? 100, ...(marker ? { Marker: marker } : {}) }),
        { abortSignal: signal },
      );
      return { tasks: out.ReplicationTasks ?? [], ...(out.Marker ? { marker: out.Marker } : {}) };
    },
    async describeInstances(arns, signal) {
      const found: { arn: string; identifier: string }[] = [];
      let marker: string | undefined;
      do {
        const out = await dmsClient().send(
          new DescribeReplicationInstancesCommand({ Filters: [{ Name: 'replication-instance-arn', Values: [...arns] }], MaxRecords: 100, ...(marker ? { Marker: marker } : {}) }),
          { abortSignal: signal },
        );
        for (const instance of out.ReplicationInstances ?? []) {
          if (instance.ReplicationInstanceArn && instance.ReplicationInstanceIdentifier) found.push({ arn: instance.ReplicationInstanceArn, identifier: instance.ReplicationInstanceIdentifier });
        }
        marker = out.Marker;
      } while (marker);
      return found;
    },
    async getMetricData(input, signal) {
      const out = await cwClient().send(new GetMetricDataCommand(input), { abortSignal: signal });
      return { results: out.MetricDataResults ?? [], ...(out.NextToken ? { nextToken: out.NextToken } : {}) };
    },
    async describeTableStatistics(taskArn, marker, signal) {
      const out = await dmsClient().send(new DescribeTableStatisticsCommand({ ReplicationTaskArn: taskArn, MaxRecords: 500, ...(marker ? { Marker: marker } : {}) }), { abortSignal: signal });
      return { tables: out.TableStatistics ?? [], ...(out.Marker ? { marker: out.Marker } : {}) };
    },
    async startTask(taskArn, type, signal) {
      const out = await dmsClient().send(new StartReplicationTaskCommand({ ReplicationTaskArn: taskArn, StartReplicationTaskType: type }), { abortSignal: signal });
      return out.ReplicationTask;
    },
    async stopTask(taskArn, signal) {
      const out = await dmsClient().send(new StopReplicationTaskCommand({ ReplicationTaskArn: taskArn }), { abortSignal: signal });
      return out.ReplicationTask;
    },
    async reloadTables(taskArn, tables, option, signal) {
      await dmsClient().send(
        new ReloadTablesCommand({ ReplicationTaskArn: taskArn, ReloadOption: option, TablesToReload: tables.map((t) => ({ SchemaName: t.schema, TableName: t.table })) }),
        { abortSignal: signal },
      );
    },
    close() {
      dms?.destroy();
      cloudWatch?.destroy();
    },
  };
}
