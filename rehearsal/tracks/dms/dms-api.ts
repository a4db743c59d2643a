// The DMS operations (awsJson1_1, `x-amz-target: AmazonDMSv20160101.<Operation>`): input checked as DMS
// checks it, answered from the simulation. Each handler returns the output structure or throws an AwsError.
import { AwsError, validationError } from '../../kernel/errors';
import { connectionShape, endpointShape, eventShape, instanceShape, tableShape, taskShape } from './dms-shapes';
import {
  asBody,
  filters,
  maxRecords,
  oneOf,
  optionalBoolean,
  optionalList,
  optionalNumber,
  optionalString,
  optionalTimestamp,
  requiredString,
  type Body,
  type Filter,
} from '../../kernel/input';
import { decodeToken, encodeToken, invalidMarker, page } from '../../kernel/paging';
import type { DmsSimulation } from './simulation';
import type { SimTask, StartType } from './sim-task';

export const DMS_TARGET_PREFIX = 'AmazonDMSv20160101.';

type Handler = (body: Body, simulation: DmsSimulation, context: DmsContext) => Record<string, unknown>;

/** State the wire keeps beside the simulation: resource tags. */
export interface DmsContext {
  readonly tags: Map<string, Array<{ Key: string; Value: string }>>;
}

const TASK_ID = /^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,254}$/;
const MIGRATION_TYPES = ['full-load', 'cdc', 'full-load-and-cdc'] as const;
const START_TYPES: readonly StartType[] = ['start-replication', 'resume-processing', 'reload-target'];

function paged<T>(body: Body, kind: string, items: readonly T[], sequence: (item: T) => number, min: number, max: number): { items: T[]; marker?: string } {
  const size = maxRecords(body, min, max);
  const marker = optionalString(body, 'Marker');
  const after = marker === undefined ? 0 : decodeToken(marker, kind, ['after'], invalidMarker()).after!;
  const result = page(items, sequence, after, size);
  return { items: result.items, ...(result.last !== undefined ? { marker: encodeToken(kind, { after: result.last }) } : {}) };
}

/** Filters with their values as a set: every item of the simulation is checked against them (6,000 tasks a call). */
interface ValueFilter {
  readonly name: string;
  readonly values: ReadonlySet<string>;
}

function filtersOf(body: Body, supported: readonly string[]): ValueFilter[] {
  return filters(body, supported).map((filter: Filter) => ({ name: filter.name, values: new Set(filter.values) }));
}

function matches(filterList: readonly ValueFilter[], value: (name: string) => readonly string[]): boolean {
  return filterList.every((filter) => value(filter.name).some((candidate) => filter.values.has(candidate)));
}

function taskFilterValues(task: SimTask, name: string): readonly string[] {
  switch (name) {
    case 'replication-task-arn':
      return [task.identity.arn];
    case 'replication-task-id':
      return [task.identity.id];
    case 'migration-type':
      return [task.rates.migrationType];
    case 'endpoint-arn':
      return [task.identity.sourceEndpointArn, task.identity.targetEndpointArn];
    case 'replication-instance-arn':
      return [task.identity.instanceArn];
    default:
      return [];
  }
}

const describeReplicationTasks: Handler = (body, simulation) => {
  const list = filtersOf(body, ['replication-task-arn', 'replication-task-id', 'migration-type', 'endpoint-arn', 'replication-instance-arn']);
  const withoutSettings = optionalBoolean(body, 'WithoutSettings') ?? false;
  const tasks = simulation.tasks().filter((task) => matches(list, (name) => taskFilterValues(task, name)));
  // DMS answers "nothing matched" with an error, not an empty list.
  if (tasks.length === 0) throw new AwsError('ResourceNotFoundFault', 'No Tasks found matching provided filters');
  const result = paged(body, 'tasks', tasks, (task) => simulation.sequenceOf(task), 20, 100);
  return { ReplicationTasks: result.items.map((task) => taskShape(task, { withoutSettings })), ...(result.marker ? { Marker: result.marker } : {}) };
};

const describeTableStatistics: Handler = (body, simulation) => {
  const arn = requiredString(body, 'ReplicationTaskArn');
  const list = filtersOf(body, ['schema-name', 'table-name', 'table-state']);
  const task = simulation.task(arn);
  if (!task || task.identity.arn !== arn) throw new AwsError('ResourceNotFoundFault', `Replication task ${arn} not found`);
  // A task that has never run has no table statistics yet.
  const tables = task.hasRun
    ? task.tables
        .map((table, index) => ({ table, index }))
        .filter(({ table }) => matches(list, (name) => (name === 'schema-name' ? [table.schema] : name === 'table-name' ? [table.name] : [table.tableState])))
    : [];
  const result = paged(body, `tables:${task.identity.resourceId}`, tables, (entry) => entry.index + 1, 20, 500);
  return {
    ReplicationTaskArn: arn,
    TableStatistics: result.items.map(({ table }) => tableShape(task, table)),
    ...(result.marker ? { Marker: result.marker } : {}),
  };
};

const startReplicationTask: Handler = (body, simulation) => {
  const arn = requiredString(body, 'ReplicationTaskArn');
  const type = oneOf(requiredString(body, 'StartReplicationTaskType'), 'StartReplicationTaskType', START_TYPES);
  optionalTimestamp(body, 'CdcStartTime');
  return { ReplicationTask: taskShape(simulation.startTask(arn, type)) };
};

const stopReplicationTask: Handler = (body, simulation) => ({ ReplicationTask: taskShape(simulation.stopTask(requiredString(body, 'ReplicationTaskArn'))) });

const reloadTables: Handler = (body, simulation) => {
  const arn = requiredString(body, 'ReplicationTaskArn');
  const list = optionalList(body, 'TablesToReload');
  if (list === undefined) throw validationError('tablesToReload', 'Member must not be null');
  const option = oneOf(optionalString(body, 'ReloadOption') ?? 'data-reload', 'ReloadOption', ['data-reload', 'validate-only'] as const);
  const tables = list.map((entry) => {
    const table = asBody(entry);
    return `${requiredString(table, 'SchemaName')}.${requiredString(table, 'TableName')}`;
  });
  simulation.reloadTables(arn, tables, option);
  return { ReplicationTaskArn: arn };
};

const describeReplicationInstances: Handler = (body, simulation) => {
  const list = filtersOf(body, ['replication-instance-arn', 'replication-instance-id', 'replication-instance-class', 'engine-version']);
  const instances = simulation
    .instances()
    .map((instance, index) => ({ instance, index }))
    .filter(({ instance }) =>
      matches(list, (name) =>
        name === 'replication-instance-arn'
          ? [instance.arn]
          : name === 'replication-instance-id'
            ? [instance.id]
            : name === 'replication-instance-class'
              ? [instance.instanceClass]
              : [instance.engineVersion],
      ),
    );
  if (instances.length === 0) throw new AwsError('ResourceNotFoundFault', 'No replication instances found matching provided filters');
  const result = paged(body, 'instances', instances, (entry) => entry.index + 1, 20, 100);
  return {
    ReplicationInstances: result.items.map(({ instance, index }) => instanceShape(instance, index)),
    ...(result.marker ? { Marker: result.marker } : {}),
  };
};

const describeEndpoints: Handler = (body, simulation) => {
  const list = filtersOf(body, ['endpoint-arn', 'endpoint-type', 'endpoint-id', 'engine-name']);
  const endpoints = simulation
    .endpoints()
    .map((endpoint, index) => ({ endpoint, index }))
    .filter(({ endpoint }) =>
      matches(list, (name) =>
        name === 'endpoint-arn'
          ? [endpoint.arn]
          : name === 'endpoint-type'
            ? [endpoint.type, endpoint.type.toUpperCase()]
            : name === 'endpoint-id'
              ? [endpoint.id]
              : [endpoint.engine],
      ),
    );
  if (endpoints.length === 0) throw new AwsError('ResourceNotFoundFault', 'No Endpoints found matching provided filters');
  const result = paged(body, 'endpoints', endpoints, (entry) => entry.index + 1, 20, 100);
  return { Endpoints: result.items.map(({ endpoint }) => endpointShape(endpoint)), ...(result.marker ? { Marker: result.marker } : {}) };
};

const testConnection: Handler = (body, simulation) => {
  const connection = simulation.testConnection(requiredString(body, 'ReplicationInstanceArn'), requiredString(body, 'EndpointArn'));
  return {
    Connection: connectionShape({ ...connection, status: 'testing' }, simulation.instance(connection.instanceArn), simulation.endpoint(connection.endpointArn)),
  };
};

const describeConnections: Handler = (body, simulation) => {
  const list = filtersOf(body, ['endpoint-arn', 'replication-instance-arn']);
  const connections = simulation
    .connections()
    .map((connection, index) => ({ connection, index }))
    .filter(({ connection }) => matches(list, (name) => (name === 'endpoint-arn' ? [connection.endpointArn] : [connection.instanceArn])));
  const result = paged(body, 'connections', connections, (entry) => entry.index + 1, 20, 100);
  return {
    Connections: result.items.map(({ connection }) =>
      connectionShape(connection, simulation.instance(connection.instanceArn), simulation.endpoint(connection.endpointArn)),
    ),
    ...(result.marker ? { Marker: result.marker } : {}),
  };
};

const createReplicationTask: Handler = (body, simulation, context) => {
  const id = requiredString(body, 'ReplicationTaskIdentifier');
  if (!TASK_ID.test(id) || id.endsWith('-')) {
    throw new AwsError(
      'InvalidParameterValueException',
      'Replication task identifier must contain 1-255 alphanumeric characters or hyphens, begin with a letter, and not end with a hyphen or contain two consecutive hyphens',
    );
  }
  const task = simulation.createTask({
    id,
    sourceEndpointArn: requiredString(body, 'SourceEndpointArn'),
    targetEndpointArn: requiredString(body, 'TargetEndpointArn'),
    instanceArn: requiredString(body, 'ReplicationInstanceArn'),
    migrationType: oneOf(requiredString(body, 'MigrationType'), 'MigrationType', MIGRATION_TYPES),
    tableMappings: requiredString(body, 'TableMappings'),
    ...(optionalString(body, 'ReplicationTaskSettings') !== undefined ? { settings: optionalString(body, 'ReplicationTaskSettings')! } : {}),
  });
  storeTags(context, task.identity.arn, optionalList(body, 'Tags'));
  return { ReplicationTask: taskShape(task) };
};

const deleteReplicationTask: Handler = (body, simulation, context) => {
  const arn = requiredString(body, 'ReplicationTaskArn');
  const task = simulation.deleteTask(arn);
  context.tags.delete(arn);
  return { ReplicationTask: taskShape(task) };
};

const createEndpoint: Handler = (body, simulation, context) => {
  const type = oneOf(requiredString(body, 'EndpointType').toLowerCase(), 'EndpointType', ['source', 'target'] as const);
  const port = optionalNumber(body, 'Port');
  const endpoint = simulation.createEndpoint({
    id: requiredString(body, 'EndpointIdentifier'),
    type,
    engine: requiredString(body, 'EngineName'),
    ...optionalMembers({
      serverName: optionalString(body, 'ServerName'),
      username: optionalString(body, 'Username'),
      databaseName: optionalString(body, 'DatabaseName'),
      sslMode: optionalString(body, 'SslMode'),
      port,
    }),
  });
  storeTags(context, endpoint.arn, optionalList(body, 'Tags'));
  return { Endpoint: endpointShape(endpoint) };
};

const deleteEndpoint: Handler = (body, simulation) => ({ Endpoint: endpointShape(simulation.deleteEndpoint(requiredString(body, 'EndpointArn'))) });

const describeEvents: Handler = (body, simulation) => {
  const sourceId = optionalString(body, 'SourceIdentifier');
  const sourceType = optionalString(body, 'SourceType');
  const categories = (optionalList(body, 'EventCategories') ?? []) as string[];
  const now = simulation.now();
  const duration = optionalNumber(body, 'Duration');
  const end = optionalTimestamp(body, 'EndTime') ?? now;
  const start = optionalTimestamp(body, 'StartTime') ?? end - (duration ?? 60) * 60_000;
  const events = simulation
    .events()
    .map((event, index) => ({ event, index }))
    .filter(
      ({ event }) =>
        event.date >= start &&
        event.date <= end &&
        (sourceId === undefined || event.sourceId === sourceId) &&
        (sourceType === undefined || event.sourceType === sourceType) &&
        (categories.length === 0 || event.categories.some((category) => categories.includes(category))),
    );
  const result = paged(body, 'events', events, (entry) => entry.index + 1, 20, 100);
  return { Events: result.items.map(({ event }) => eventShape(event)), ...(result.marker ? { Marker: result.marker } : {}) };
};

const listTagsForResource: Handler = (body, _simulation, context) => {
  const arn = requiredString(body, 'ResourceArn');
  return { TagList: context.tags.get(arn) ?? [] };
};

const addTagsToResource: Handler = (body, _simulation, context) => {
  storeTags(context, requiredString(body, 'ResourceArn'), optionalList(body, 'Tags') ?? []);
  return {};
};

const removeTagsFromResource: Handler = (body, _simulation, context) => {
  const arn = requiredString(body, 'ResourceArn');
  const keys = (optionalList(body, 'TagKeys') ?? []) as string[];
  context.tags.set(
    arn,
    (context.tags.get(arn) ?? []).filter((tag) => !keys.includes(tag.Key)),
  );
  return {};
};

function storeTags(context: DmsContext, arn: string, tags: readonly unknown[] | undefined): void {
  if (!tags) return;
  const current = new Map((context.tags.get(arn) ?? []).map((tag) => [tag.Key, tag.Value]));
  for (const entry of tags) {
    const tag = asBody(entry);
    current.set(requiredString(tag, 'Key'), optionalString(tag, 'Value') ?? '');
  }
  context.tags.set(
    arn,
    [...current].map(([Key, Value]) => ({ Key, Value })),
  );
}

function optionalMembers<T extends Record<string, unknown>>(value: T): Partial<{ [K in keyof T]: NonNullable<T[K]> }> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as Partial<{ [K in keyof T]: NonNullable<T[K]> }>;
}

const HANDLERS: Readonly<Record<string, Handler>> = {
  DescribeReplicationTasks: describeReplicationTasks,
  DescribeTableStatistics: describeTableStatistics,
  StartReplicationTask: startReplicationTask,
  StopReplicationTask: stopReplicationTask,
  ReloadTables: reloadTables,
  DescribeReplicationInstances: describeReplicationInstances,
  DescribeEndpoints: describeEndpoints,
  TestConnection: testConnection,
  DescribeConnections: describeConnections,
  CreateReplicationTask: createReplicationTask,
  DeleteReplicationTask: deleteReplicationTask,
  CreateEndpoint: createEndpoint,
  DeleteEndpoint: deleteEndpoint,
  DescribeEvents: describeEvents,
  ListTagsForResource: listTagsForResource,
  AddTagsToResource: addTagsToResource,
  RemoveTagsFromResource: removeTagsFromResource,
};

export const DMS_OPERATIONS = Object.keys(HANDLERS);

export function handleDms(operation: string, input: unknown, simulation: DmsSimulation, context: DmsContext): Record<string, unknown> {
  const handler = Object.hasOwn(HANDLERS, operation) ? HANDLERS[operation] : undefined;
  if (!handler)
    throw new AwsError(
      'UnknownOperationException',
      `Operation ${operation} is not supported by the rehearsal environment (DMS supports: ${DMS_OPERATIONS.join(', ')})`,
    );
  return handler(asBody(input), simulation, context);
}
