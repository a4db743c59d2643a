// An in-memory stand-in for DMS + CloudWatch behind the ReplicationApi interface, for unit tests of the monitor:
// tasks with settable status, metric points, table statistics, per-operation call counts, and injectable
// failures (a function that may throw or hang per call).
import type { GetMetricDataCommandInput, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { ReplicationTask, TableStatistics } from '@aws-sdk/client-database-migration-service';
import type { ConnectionInfo, EndpointInfo, LogEventsPage, ReplicationApi } from '../clients';

export const REGION = 'eu-central-1';
export const ACCOUNT = '123456789012';
export const instanceArn = (name: string) => `arn:aws:dms:${REGION}:${ACCOUNT}:rep:${name.toUpperCase()}RES`;
export const taskArn = (id: string) => `arn:aws:dms:${REGION}:${ACCOUNT}:task:${id.toUpperCase().replace(/-/g, '')}RES`;
export const endpointArn = (id: string) => `arn:aws:dms:${REGION}:${ACCOUNT}:endpoint:${id.toUpperCase().replace(/-/g, '')}RES`;

export class FakeAwsError extends Error {
  constructor(
    override readonly name: string,
    message: string,
    readonly $metadata: { httpStatusCode: number } = { httpStatusCode: 400 },
  ) {
    super(message);
  }
}

export interface FakeTask {
  task: ReplicationTask;
  /** Metric name → [epoch ms, value] points. */
  metrics: Map<string, [number, number][]>;
  tables: TableStatistics[];
}

export class FakeReplicationApi implements ReplicationApi {
  readonly tasks = new Map<string, FakeTask>();
  readonly calls: Record<string, number> = {};
  readonly instances = new Map<string, string>([[instanceArn('dms-1'), 'dms-1']]);
  /** Endpoints by ARN (each added task gets a source and a target endpoint). */
  readonly endpoints = new Map<string, EndpointInfo & { username?: string }>();
  /** What DescribeConnections reports once a test ends, by endpoint ARN (default successful). */
  readonly connectionOutcomes = new Map<string, ConnectionInfo>();
  /** How many DescribeConnections reads a test stays `testing` (default 1). */
  testingReads = 1;
  private readonly connections = new Map<string, { readsLeft: number; outcome: ConnectionInfo }>();
  /** CloudWatch Logs streams by `<group> <stream>`: events oldest first. */
  readonly logStreams = new Map<string, { timestamp: number; message: string }[]>();
  /** Runs before every call: throw to fail it, return a never-settling promise to hang it. */
  interceptor: (operation: string) => Promise<void> | void = () => undefined;
  controlCalls: { operation: string; arn: string; detail: string }[] = [];

  addTask(id: string, status: ReplicationTask['Status'] = 'running', extra: Partial<ReplicationTask> = {}): FakeTask {
    const entry: FakeTask = {
      task: {
        ReplicationTaskIdentifier: id,
        ReplicationTaskArn: taskArn(id),
        ReplicationInstanceArn: instanceArn('dms-1'),
        SourceEndpointArn: endpointArn(`${id}-source`),
        TargetEndpointArn: endpointArn(`${id}-target`),
        MigrationType: 'full-load-and-cdc',
        Status: status,
        ReplicationTaskStats:
          status === 'ready'
            ? undefined
            : {
                FullLoadProgressPercent: 100,
                TablesLoaded: 3,
                TablesLoading: 0,
                TablesQueued: 0,
                TablesErrored: 0,
                StartDate: new Date(0),
                FullLoadFinishDate: new Date(1),
              },
        ...extra,
      },
      metrics: new Map(),
      tables: [],
    };
    this.tasks.set(entry.task.ReplicationTaskArn!, entry);
    for (const role of ['source', 'target'] as const) {
      const arn = endpointArn(`${id}-${role}`);
      this.endpoints.set(arn, {
        arn,
        identifier: `${id}-${role}`,
        type: role.toUpperCase(),
        engine: 'MySQL',
        serverName: `${id}-${role}.db.internal`,
        port: 3306,
        databaseName: 'shop',
        status: 'active',
        sslMode: 'require',
        username: 'dms_user',
      });
    }
    return entry;
  }

  /** Appends lines to a task's log stream (created on first use), `dms-tasks-dms-1` / `dms-task-<resource id>`. */
  appendLog(id: string, ...lines: { timestamp: number; message: string }[]): void {
    const arn = taskArn(id);
    const key = `dms-tasks-dms-1 dms-task-${arn.slice(arn.lastIndexOf(':') + 1)}`;
    this.logStreams.set(key, [...(this.logStreams.get(key) ?? []), ...lines]);
  }

  task(id: string): FakeTask {
    return this.tasks.get(taskArn(id))!;
  }

  private async enter(operation: string): Promise<void> {
    this.calls[operation] = (this.calls[operation] ?? 0) + 1;
    await this.interceptor(operation);
  }

  async describeTasks(input: Parameters<ReplicationApi['describeTasks']>[0]) {
    await this.enter('DescribeReplicationTasks');
    const filter = input.filters[0]!;
    if ((filter.Values ?? []).length > 100) throw new FakeAwsError('InvalidParameterValueException', 'at most 100 filter values');
    const all = [...this.tasks.values()].map((t) => t.task);
    const tasks = all.filter((t) =>
      filter.Name === 'replication-task-arn' ? filter.Values!.includes(t.ReplicationTaskArn!) : filter.Values!.includes(t.ReplicationTaskIdentifier!),
    );
    return { tasks: structuredClone(tasks) };
  }

  async describeInstances(arns: readonly string[]) {
    await this.enter('DescribeReplicationInstances');
    return arns.flatMap((arn) =>
      this.instances.has(arn)
        ? [{ arn, identifier: this.instances.get(arn)!, instanceClass: 'dms.r5.large', status: 'available', engineVersion: '3.5.4', multiAz: false }]
        : [],
    );
  }

  async describeEndpoints(arns: readonly string[]) {
    await this.enter('DescribeEndpoints');
    if (arns.length > 100) throw new FakeAwsError('InvalidParameterValueException', 'at most 100 filter values');
    // As the SDK implementation does: the user name never leaves describeEndpoints.
    return arns.flatMap((arn) => {
      const endpoint = this.endpoints.get(arn);
      if (!endpoint) return [];
      const { username: _username, ...info } = endpoint;
      return [info];
    });
  }

  async testConnection(instance: string, endpoint: string) {
    await this.enter('TestConnection');
    if (!this.instances.has(instance) || !this.endpoints.has(endpoint)) throw new FakeAwsError('ResourceNotFoundFault', 'no such instance or endpoint');
    this.controlCalls.push({ operation: 'test-connection', arn: endpoint, detail: instance });
    this.connections.set(`${instance} ${endpoint}`, {
      readsLeft: this.testingReads,
      outcome: this.connectionOutcomes.get(endpoint) ?? { status: 'successful' },
    });
    return { status: 'testing' };
  }

  async describeConnection(instance: string, endpoint: string): Promise<ConnectionInfo | undefined> {
    await this.enter('DescribeConnections');
    const connection = this.connections.get(`${instance} ${endpoint}`);
    if (!connection) return undefined;
    if (connection.readsLeft > 0) {
      connection.readsLeft--;
      return { status: 'testing' };
    }
    return connection.outcome;
  }

  async getLogEvents(input: { group: string; stream: string; nextToken?: string; limit: number }): Promise<LogEventsPage> {
    await this.enter('GetLogEvents');
    const events = this.logStreams.get(`${input.group} ${input.stream}`);
    if (!events) throw new FakeAwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
    const from = input.nextToken ? Number(input.nextToken.slice(2)) : Math.max(0, events.length - input.limit);
    const page = events.slice(from, from + input.limit);
    return { events: page, nextForwardToken: `f/${from + page.length}` };
  }

  async getMetricData(input: GetMetricDataCommandInput) {
    await this.enter('GetMetricData');
    if (input.MetricDataQueries!.length > 500) throw new FakeAwsError('ValidationError', 'at most 500 queries');
    const start = input.StartTime!.getTime();
    const end = input.EndTime!.getTime();
    const results: MetricDataResult[] = input.MetricDataQueries!.map((query) => {
      const dims = query.MetricStat!.Metric!.Dimensions!;
      const resourceId = dims.find((d) => d.Name === 'ReplicationTaskIdentifier')!.Value!;
      const task = [...this.tasks.values()].find((t) => t.task.ReplicationTaskArn!.endsWith(`:${resourceId}`));
      const points = (task?.metrics.get(query.MetricStat!.Metric!.MetricName!) ?? []).filter(([t]) => t >= start && t <= end);
      return { Id: query.Id, Timestamps: points.map(([t]) => new Date(t)), Values: points.map(([, v]) => v), StatusCode: 'Complete' };
    });
    return { results };
  }

  async describeTableStatistics(arn: string) {
    await this.enter('DescribeTableStatistics');
    return { tables: structuredClone(this.tasks.get(arn)?.tables ?? []) };
  }

  async startTask(arn: string, type: string) {
    await this.enter('StartReplicationTask');
    this.controlCalls.push({ operation: 'start', arn, detail: type });
    const entry = this.tasks.get(arn)!;
    entry.task = { ...entry.task, Status: 'starting' };
    return structuredClone(entry.task);
  }

  async stopTask(arn: string) {
    await this.enter('StopReplicationTask');
    this.controlCalls.push({ operation: 'stop', arn, detail: '' });
    const entry = this.tasks.get(arn)!;
    entry.task = { ...entry.task, Status: 'stopping' };
    return structuredClone(entry.task);
  }

  async reloadTables(arn: string, tables: readonly { schema: string; table: string }[], option: string) {
    await this.enter('ReloadTables');
    this.controlCalls.push({ operation: 'reload', arn, detail: `${option}:${tables.map((t) => `${t.schema}.${t.table}`).join(',')}` });
  }

  close(): void {}
}
