// The narrow API the DMS monitor uses on top of the SDK v3 clients, for a target from main/aws/target.ts (where the
// calls go and with which credentials). Clients are made on first use; credentials resolve on the first call (the
// standard chain, so SSO profiles work), and a credential failure surfaces as an error of that call, never at construction.
import { CloudWatchClient, GetMetricDataCommand, type GetMetricDataCommandInput, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchLogsClient, GetLogEventsCommand as GetLogEvents } from '@aws-sdk/client-cloudwatch-logs';
import {
  DatabaseMigrationServiceClient,
  DescribeConnectionsCommand,
  DescribeEndpointsCommand,
  DescribeReplicationInstancesCommand,
  DescribeReplicationTasksCommand,
  DescribeTableStatisticsCommand,
  ReloadTablesCommand,
  StartReplicationTaskCommand,
  StopReplicationTaskCommand,
  TestConnectionCommand,
  type Connection,
  type Filter,
  type ReplicationTask,
  type TableStatistics,
} from '@aws-sdk/client-database-migration-service';
import { sdkClientConfig, type AwsTarget } from '../../../aws/target';

/** A replication instance as the monitor keeps it (the metric dimension is its identifier). */
export interface InstanceInfo {
  readonly arn: string;
  readonly identifier: string;
  readonly instanceClass?: string;
  readonly status?: string;
  readonly engineVersion?: string;
  readonly multiAz?: boolean;
}

/** An endpoint as the monitor keeps it: where it points, never its user name, password or connection attributes. */
export interface EndpointInfo {
  readonly arn: string;
  readonly identifier?: string;
  readonly type?: string;
  readonly engine?: string;
  readonly serverName?: string;
  readonly port?: number;
  readonly databaseName?: string;
  readonly status?: string;
  readonly sslMode?: string;
}

/** A connection between a replication instance and an endpoint (TestConnection, DescribeConnections). */
export interface ConnectionInfo {
  readonly status?: string;
  readonly lastFailureMessage?: string;
}

/** One page of a CloudWatch Logs stream, oldest first; `nextForwardToken` continues after its last event. */
export interface LogEventsPage {
  readonly events: readonly { readonly timestamp: number; readonly message: string }[];
  readonly nextForwardToken?: string;
}

/** The calls the monitor and task control make. An interface so unit tests can stand in for AWS. */
export interface ReplicationApi {
  describeTasks(
    input: { filters: Filter[]; marker?: string; maxRecords?: number },
    signal: AbortSignal,
  ): Promise<{ tasks: ReplicationTask[]; marker?: string }>;
  describeInstances(arns: readonly string[], signal: AbortSignal): Promise<InstanceInfo[]>;
  /** The endpoints with these ARNs (at most 100) that DMS knows; one it does not know is left out. */
  describeEndpoints(arns: readonly string[], signal: AbortSignal): Promise<EndpointInfo[]>;
  testConnection(instanceArn: string, endpointArn: string, signal: AbortSignal): Promise<ConnectionInfo>;
  /** The connection between the instance and the endpoint, or undefined when DMS lists none. */
  describeConnection(instanceArn: string, endpointArn: string, signal: AbortSignal): Promise<ConnectionInfo | undefined>;
  /**
   * A log stream's events: the newest `limit` without a token (`startFromHead` false), else those after the token
   * (`startFromHead` true, as CloudWatch Logs requires with a forward token).
   */
  getLogEvents(input: { group: string; stream: string; nextToken?: string; limit: number }, signal: AbortSignal): Promise<LogEventsPage>;
  getMetricData(input: GetMetricDataCommandInput, signal: AbortSignal): Promise<{ results: MetricDataResult[]; nextToken?: string }>;
  describeTableStatistics(taskArn: string, marker: string | undefined, signal: AbortSignal): Promise<{ tables: TableStatistics[]; marker?: string }>;
  startTask(taskArn: string, type: 'start-replication' | 'resume-processing' | 'reload-target', signal: AbortSignal): Promise<ReplicationTask | undefined>;
  stopTask(taskArn: string, signal: AbortSignal): Promise<ReplicationTask | undefined>;
  reloadTables(
    taskArn: string,
    tables: readonly { schema: string; table: string }[],
    option: 'data-reload' | 'validate-only',
    signal: AbortSignal,
  ): Promise<void>;
  close(): void;
}

/** The SDK v3 implementation (SDK retries off: see sdkClientConfig). */
export function sdkReplicationApi(target: AwsTarget): ReplicationApi {
  let dms: DatabaseMigrationServiceClient | undefined;
  let cloudWatch: CloudWatchClient | undefined;
  let logs: Promise<{ client: CloudWatchLogsClient; GetLogEventsCommand: typeof GetLogEvents }> | undefined;
  const config = () => sdkClientConfig(target);
  const dmsClient = () => (dms ??= new DatabaseMigrationServiceClient(config()));
  const cwClient = () => (cloudWatch ??= new CloudWatchClient(config()));
  // Loaded when a task log is first read: a core that never tails one (most refresh cycles, the benchmarks) does not
  // carry the CloudWatch Logs client's code and schemas in its heap.
  const logsClient = () =>
    (logs ??= import('@aws-sdk/client-cloudwatch-logs').then((module) => ({
      client: new module.CloudWatchLogsClient(config()),
      GetLogEventsCommand: module.GetLogEventsCommand,
    })));

  return {
    async describeTasks({ filters, marker, maxRecords }, signal) {
      const out = await dmsClient()
        .send(
          new DescribeReplicationTasksCommand({
            Filters: filters,
            WithoutSettings: true,
            MaxRecords: maxRecords ?? 100,
            ...(marker ? { Marker: marker } : {}),
          }),
          { abortSignal: signal },
        )
        // "None of these tasks" (a wave not deployed yet) is ResourceNotFoundFault: an answer, not a failed read.
        .catch((error: unknown) => {
          if ((error as { name?: string }).name === 'ResourceNotFoundFault') return { ReplicationTasks: [], Marker: undefined };
          throw error;
        });
      return { tasks: out.ReplicationTasks ?? [], ...(out.Marker ? { marker: out.Marker } : {}) };
    },
    async describeInstances(arns, signal) {
      const found: { arn: string; identifier: string }[] = [];
      let marker: string | undefined;
      do {
        const out = await dmsClient().send(
          new DescribeReplicationInstancesCommand({
            Filters: [{ Name: 'replication-instance-arn', Values: [...arns] }],
            MaxRecords: 100,
            ...(marker ? { Marker: marker } : {}),
          }),
          { abortSignal: signal },
        );
        for (const instance of out.ReplicationInstances ?? []) {
          if (!instance.ReplicationInstanceArn || !instance.ReplicationInstanceIdentifier) continue;
          found.push({
            arn: instance.ReplicationInstanceArn,
            identifier: instance.ReplicationInstanceIdentifier,
            ...defined({
              instanceClass: instance.ReplicationInstanceClass,
              status: instance.ReplicationInstanceStatus,
              engineVersion: instance.EngineVersion,
              multiAz: instance.MultiAZ,
            }),
          });
        }
        marker = out.Marker;
      } while (marker);
      return found;
    },
    async describeEndpoints(arns, signal) {
      const found: EndpointInfo[] = [];
      let marker: string | undefined;
      do {
        const out = await dmsClient()
          .send(
            new DescribeEndpointsCommand({ Filters: [{ Name: 'endpoint-arn', Values: [...arns] }], MaxRecords: 100, ...(marker ? { Marker: marker } : {}) }),
            { abortSignal: signal },
          )
          // DMS answers "none of these" with ResourceNotFoundFault, not with an empty list.
          .catch((error: unknown) => {
            if ((error as { name?: string }).name === 'ResourceNotFoundFault') return { Endpoints: [], Marker: undefined };
            throw error;
          });
        for (const endpoint of out.Endpoints ?? []) {
          if (!endpoint.EndpointArn) continue;
          // Picked member by member: Username, Password, ExtraConnectionAttributes and the engine settings stay behind.
          found.push({
            arn: endpoint.EndpointArn,
            ...defined({
              identifier: endpoint.EndpointIdentifier,
              type: endpoint.EndpointType,
              engine: endpoint.EngineDisplayName ?? endpoint.EngineName,
              serverName: endpoint.ServerName,
              port: endpoint.Port,
              databaseName: endpoint.DatabaseName,
              status: endpoint.Status,
              sslMode: endpoint.SslMode,
            }),
          });
        }
        marker = out.Marker;
      } while (marker);
      return found;
    },
    async testConnection(instanceArn, endpointArn, signal) {
      const out = await dmsClient().send(new TestConnectionCommand({ ReplicationInstanceArn: instanceArn, EndpointArn: endpointArn }), { abortSignal: signal });
      return connectionInfo(out.Connection);
    },
    async describeConnection(instanceArn, endpointArn, signal) {
      const out = await dmsClient()
        .send(
          new DescribeConnectionsCommand({
            Filters: [
              { Name: 'endpoint-arn', Values: [endpointArn] },
              { Name: 'replication-instance-arn', Values: [instanceArn] },
            ],
          }),
          { abortSignal: signal },
        )
        .catch((error: unknown) => {
          if ((error as { name?: string }).name === 'ResourceNotFoundFault') return { Connections: [] };
          throw error;
        });
      const connection = (out.Connections ?? []).find((c) => c.EndpointArn === endpointArn && c.ReplicationInstanceArn === instanceArn);
      return connection ? connectionInfo(connection) : undefined;
    },
    async getLogEvents({ group, stream, nextToken, limit }, signal) {
      const { client, GetLogEventsCommand } = await logsClient();
      const out = await client.send(
        new GetLogEventsCommand({
          logGroupName: group,
          logStreamName: stream,
          limit,
          ...(nextToken ? { nextToken, startFromHead: true } : { startFromHead: false }),
        }),
        { abortSignal: signal },
      );
      return {
        events: (out.events ?? []).map((event) => ({ timestamp: event.timestamp ?? 0, message: event.message ?? '' })),
        ...(out.nextForwardToken ? { nextForwardToken: out.nextForwardToken } : {}),
      };
    },
    async getMetricData(input, signal) {
      const out = await cwClient().send(new GetMetricDataCommand(input), { abortSignal: signal });
      return { results: out.MetricDataResults ?? [], ...(out.NextToken ? { nextToken: out.NextToken } : {}) };
    },
    async describeTableStatistics(taskArn, marker, signal) {
      const out = await dmsClient().send(
        new DescribeTableStatisticsCommand({ ReplicationTaskArn: taskArn, MaxRecords: 500, ...(marker ? { Marker: marker } : {}) }),
        { abortSignal: signal },
      );
      return { tables: out.TableStatistics ?? [], ...(out.Marker ? { marker: out.Marker } : {}) };
    },
    async startTask(taskArn, type, signal) {
      const out = await dmsClient().send(new StartReplicationTaskCommand({ ReplicationTaskArn: taskArn, StartReplicationTaskType: type }), {
        abortSignal: signal,
      });
      return out.ReplicationTask;
    },
    async stopTask(taskArn, signal) {
      const out = await dmsClient().send(new StopReplicationTaskCommand({ ReplicationTaskArn: taskArn }), { abortSignal: signal });
      return out.ReplicationTask;
    },
    async reloadTables(taskArn, tables, option, signal) {
      await dmsClient().send(
        new ReloadTablesCommand({
          ReplicationTaskArn: taskArn,
          ReloadOption: option,
          TablesToReload: tables.map((t) => ({ SchemaName: t.schema, TableName: t.table })),
        }),
        { abortSignal: signal },
      );
    },
    close() {
      dms?.destroy();
      cloudWatch?.destroy();
      void logs?.then(
        ({ client }) => client.destroy(),
        () => undefined,
      );
    },
  };
}

function connectionInfo(connection: Connection | undefined): ConnectionInfo {
  return defined({ status: connection?.Status, lastFailureMessage: connection?.LastFailureMessage });
}

/** The members that are set (exactOptional-style objects without `undefined` values). */
function defined<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined && member !== null)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
