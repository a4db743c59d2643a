// The Amazon Keyspaces control plane (awsJson1_0, `x-amz-target: KeyspacesService.<Operation>`): keyspaces and
// tables created, read, listed and deleted with AWS's input and output shapes (camelCase members, epoch-second
// timestamps) and its errors (ValidationException, ConflictException, ResourceNotFoundException; all HTTP 400).
import { AwsError, validationError } from '../../kernel/errors';
import { asBody, oneOf, optionalList, optionalNumber, optionalString, requiredString, type Body } from '../../kernel/input';
import { decodeToken, encodeToken, page } from '../../kernel/paging';
import type { KeyspacesCatalog, SimKeyspace, SimTable, TableSchemaDefinition, TableSettings } from './catalog';
import { parseCqlType } from '../../../common/cql';

export const KEYSPACES_TARGET_PREFIX = 'KeyspacesService.';

/** What the operations act on: the catalog, the clock (estate advanced to it), and the data plane's hooks. */
export interface KeyspacesControlPlane {
  readonly catalog: KeyspacesCatalog;
  now(): number;
  /** A table was created (the data plane creates it over CQL too). */
  tableCreated(table: SimTable): void;
}

type Handler = (body: Body, plane: KeyspacesControlPlane) => Record<string, unknown>;

const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_]{0,47}$/;
const COLUMN_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_]{0,47}$|^"[^"]{1,46}"$/;
const MAX_TTL_SECONDS = 630_720_000;

function name(body: Body, member: 'keyspaceName' | 'tableName'): string {
  const value = requiredString(body, member);
  if (!NAME_PATTERN.test(value)) throw validationError(member, 'Member must satisfy regular expression pattern: [a-zA-Z0-9][a-zA-Z0-9_]{0,47}', value);
  return value;
}

function struct(body: Body, member: string): Body | undefined {
  const value = body[member];
  return value === undefined || value === null ? undefined : asBody(value);
}

function list(body: Body, member: string): Body[] {
  return (optionalList(body, member) ?? []).map(asBody);
}

function epochSeconds(ms: number): number {
  return ms / 1000;
}

/** The tags of a request (`[{ key, value }]`). */
function tagsOf(body: Body): Array<{ key: string; value: string }> {
  const tags = list(body, 'tags');
  if (tags.length > 50) throw validationError('tags', 'Member must have length less than or equal to 50');
  return tags.map((tag) => ({ key: requiredString(tag, 'key'), value: optionalString(tag, 'value') ?? '' }));
}

/** A page of `items` after the request's nextToken, at most maxResults (1-1000) of them. */
function paged<T>(body: Body, kind: string, items: readonly T[]): { items: T[]; nextToken?: string } {
  const max = optionalNumber(body, 'maxResults');
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 1000))
    throw validationError('maxResults', 'Member must have value between 1 and 1000', max);
  const token = optionalString(body, 'nextToken');
  const invalid = new AwsError('ValidationException', 'The nextToken is not valid: pass the nextToken of the previous response unchanged');
  const after = token === undefined ? 0 : decodeToken(token, kind, ['after'], invalid).after!;
  const indexed = items.map((item, index) => ({ item, index }));
  const result = page(indexed, (entry) => entry.index + 1, after, max ?? 100);
  return { items: result.items.map((entry) => entry.item), ...(result.last !== undefined ? { nextToken: encodeToken(kind, { after: result.last }) } : {}) };
}

const createKeyspace: Handler = (body, plane) => {
  const { catalog } = plane;
  const keyspaceName = name(body, 'keyspaceName');
  const replication = struct(body, 'replicationSpecification');
  const strategy = oneOf(replication ? requiredString(replication, 'replicationStrategy') : 'SINGLE_REGION', 'replicationSpecification.replicationStrategy', [
    'SINGLE_REGION',
    'MULTI_REGION',
  ] as const);
  const regions = ((replication && optionalList(replication, 'regionList')) ?? []) as string[];
  if (strategy === 'MULTI_REGION' && (!regions.includes(catalog.region) || regions.length < 2 || regions.length > 6))
    throw new AwsError(
      'ValidationException',
      `A MULTI_REGION keyspace needs a regionList of 2-6 Regions that includes the current Region ${catalog.region}; got [${regions.join(', ')}]`,
    );
  const keyspace = catalog.createKeyspace({
    name: keyspaceName,
    createdAt: plane.now(),
    replicationStrategy: strategy,
    replicationRegions: strategy === 'MULTI_REGION' ? regions : [],
    tags: tagsOf(body),
  });
  return { resourceArn: keyspace.arn };
};

function keyspaceShape(keyspace: SimKeyspace): Record<string, unknown> {
  return {
    keyspaceName: keyspace.name,
    resourceArn: keyspace.arn,
    replicationStrategy: keyspace.replicationStrategy,
    ...(keyspace.replicationStrategy === 'MULTI_REGION' ? { replicationRegions: keyspace.replicationRegions } : {}),
  };
}

const getKeyspace: Handler = (body, { catalog }) => keyspaceShape(catalog.requireKeyspace(name(body, 'keyspaceName')));

const listKeyspaces: Handler = (body, { catalog }) => {
  const result = paged(body, 'keyspaces', catalog.keyspaces());
  return { keyspaces: result.items.map(keyspaceShape), ...(result.nextToken ? { nextToken: result.nextToken } : {}) };
};

const deleteKeyspace: Handler = (body, { catalog }) => {
  catalog.deleteKeyspace(name(body, 'keyspaceName'));
  return {};
};

/** The schemaDefinition of CreateTable, checked as Keyspaces checks it. */
function schemaOf(body: Body): TableSchemaDefinition {
  const schema = struct(body, 'schemaDefinition');
  if (!schema) throw validationError('schemaDefinition', 'Member must not be null');
  const columns = list(schema, 'allColumns').map((column, index) => {
    const columnName = requiredString(column, 'name');
    const type = requiredString(column, 'type');
    if (!COLUMN_PATTERN.test(columnName))
      throw new AwsError('ValidationException', `Column name '${columnName}' (allColumns[${index}]) is not valid: use letters, digits and underscores`);
    if (!parseCqlType(type))
      throw new AwsError('ValidationException', `Column ${columnName} has type '${type}', which is not a CQL type Amazon Keyspaces stores`);
    return { name: columnName, type };
  });
  if (columns.length === 0) throw validationError('schemaDefinition.allColumns', 'Member must have length greater than or equal to 1');
  const known = new Set<string>();
  for (const column of columns) {
    if (known.has(column.name)) throw new AwsError('ValidationException', `Column ${column.name} is defined twice in allColumns`);
    known.add(column.name);
  }
  const declared = (member: string, columnName: string) => {
    if (!known.has(columnName)) throw new AwsError('ValidationException', `${member} names column ${columnName}, which allColumns does not define`);
    return columnName;
  };
  const partitionKeys = list(schema, 'partitionKeys').map((key) => ({ name: declared('partitionKeys', requiredString(key, 'name')) }));
  if (partitionKeys.length === 0) throw validationError('schemaDefinition.partitionKeys', 'Member must have length greater than or equal to 1');
  const clusteringKeys = list(schema, 'clusteringKeys').map((key) => ({
    name: declared('clusteringKeys', requiredString(key, 'name')),
    orderBy: oneOf(requiredString(key, 'orderBy'), 'orderBy', ['ASC', 'DESC'] as const),
  }));
  const keyNames = new Set([...partitionKeys, ...clusteringKeys].map((key) => key.name));
  if (keyNames.size !== partitionKeys.length + clusteringKeys.length)
    throw new AwsError('ValidationException', 'A column appears more than once in partitionKeys and clusteringKeys');
  const staticColumns = list(schema, 'staticColumns').map((column) => {
    const columnName = declared('staticColumns', requiredString(column, 'name'));
    if (keyNames.has(columnName)) throw new AwsError('ValidationException', `Static column ${columnName} is part of the primary key`);
    return { name: columnName };
  });
  if (staticColumns.length > 0 && clusteringKeys.length === 0)
    throw new AwsError('ValidationException', 'Static columns are only allowed in tables with clustering columns');
  for (const key of keyNames) {
    const type = parseCqlType(columns.find((column) => column.name === key)!.type)!;
    if (type.kind === 'native' && (type.name === 'counter' || type.name === 'duration'))
      throw new AwsError('ValidationException', `Column ${key} of type ${type.name} cannot be part of the primary key`);
  }
  return { allColumns: columns, partitionKeys, clusteringKeys, staticColumns };
}

function settingsOf(body: Body): TableSettings {
  const capacity = struct(body, 'capacitySpecification');
  const throughputMode = oneOf(capacity ? requiredString(capacity, 'throughputMode') : 'PAY_PER_REQUEST', 'capacitySpecification.throughputMode', [
    'PAY_PER_REQUEST',
    'PROVISIONED',
  ] as const);
  const readCapacityUnits = capacity && optionalNumber(capacity, 'readCapacityUnits');
  const writeCapacityUnits = capacity && optionalNumber(capacity, 'writeCapacityUnits');
  if (throughputMode === 'PROVISIONED' && (!readCapacityUnits || !writeCapacityUnits || readCapacityUnits < 1 || writeCapacityUnits < 1))
    throw new AwsError('ValidationException', 'PROVISIONED throughput mode requires readCapacityUnits and writeCapacityUnits of at least 1');
  const encryption = struct(body, 'encryptionSpecification');
  const encryptionType = oneOf(encryption ? requiredString(encryption, 'type') : 'AWS_OWNED_KMS_KEY', 'encryptionSpecification.type', [
    'AWS_OWNED_KMS_KEY',
    'CUSTOMER_MANAGED_KMS_KEY',
  ] as const);
  const kmsKeyIdentifier = encryption && optionalString(encryption, 'kmsKeyIdentifier');
  if (encryptionType === 'CUSTOMER_MANAGED_KMS_KEY' && !kmsKeyIdentifier)
    throw new AwsError('ValidationException', 'CUSTOMER_MANAGED_KMS_KEY encryption requires a kmsKeyIdentifier (the KMS key ARN)');
  const recovery = struct(body, 'pointInTimeRecovery');
  const ttl = struct(body, 'ttl');
  const defaultTimeToLive = optionalNumber(body, 'defaultTimeToLive') ?? 0;
  if (!Number.isInteger(defaultTimeToLive) || defaultTimeToLive < 0 || defaultTimeToLive > MAX_TTL_SECONDS)
    throw validationError('defaultTimeToLive', `Member must have value between 0 and ${MAX_TTL_SECONDS}`, defaultTimeToLive);
  const timestamps = struct(body, 'clientSideTimestamps');
  return {
    throughputMode,
    ...(throughputMode === 'PROVISIONED' ? { readCapacityUnits: readCapacityUnits!, writeCapacityUnits: writeCapacityUnits! } : {}),
    encryption: { type: encryptionType, ...(kmsKeyIdentifier ? { kmsKeyIdentifier } : {}) },
    pointInTimeRecovery: recovery
      ? oneOf(requiredString(recovery, 'status'), 'pointInTimeRecovery.status', ['ENABLED', 'DISABLED'] as const) === 'ENABLED'
      : false,
    ttlEnabled: ttl ? oneOf(requiredString(ttl, 'status'), 'ttl.status', ['ENABLED'] as const) === 'ENABLED' : false,
    defaultTimeToLive,
    comment: optionalString(struct(body, 'comment') ?? {}, 'message') ?? '',
    clientSideTimestamps: timestamps ? oneOf(requiredString(timestamps, 'status'), 'clientSideTimestamps.status', ['ENABLED'] as const) === 'ENABLED' : false,
    tags: tagsOf(body),
  };
}

const createTable: Handler = (body, plane) => {
  const keyspaceName = name(body, 'keyspaceName');
  const tableName = name(body, 'tableName');
  const schema = schemaOf(body);
  const settings = settingsOf(body);
  const table = plane.catalog.createTable(keyspaceName, tableName, schema, settings, plane.now());
  plane.tableCreated(table);
  return { resourceArn: table.arn };
};

function tableShape(table: SimTable, now: number): Record<string, unknown> {
  const { settings } = table;
  return {
    keyspaceName: table.keyspace,
    tableName: table.name,
    resourceArn: table.arn,
    creationTimestamp: epochSeconds(table.createdAt),
    status: table.status(now),
    schemaDefinition: table.schema,
    capacitySpecification: {
      throughputMode: settings.throughputMode,
      ...(settings.throughputMode === 'PROVISIONED'
        ? { readCapacityUnits: settings.readCapacityUnits, writeCapacityUnits: settings.writeCapacityUnits }
        : { lastUpdateToPayPerRequestTimestamp: epochSeconds(table.createdAt) }),
    },
    encryptionSpecification: settings.encryption,
    pointInTimeRecovery: settings.pointInTimeRecovery
      ? { status: 'ENABLED', earliestRestorableTimestamp: epochSeconds(table.createdAt) }
      : { status: 'DISABLED' },
    ...(settings.ttlEnabled ? { ttl: { status: 'ENABLED' } } : {}),
    defaultTimeToLive: settings.defaultTimeToLive,
    comment: { message: settings.comment },
    ...(settings.clientSideTimestamps ? { clientSideTimestamps: { status: 'ENABLED' } } : {}),
  };
}

const getTable: Handler = (body, plane) => {
  const table = plane.catalog.requireTable(name(body, 'keyspaceName'), name(body, 'tableName'));
  return tableShape(table, plane.now());
};

const listTables: Handler = (body, { catalog }) => {
  const keyspace = catalog.requireKeyspace(name(body, 'keyspaceName'));
  const result = paged(body, `tables:${keyspace.name}`, catalog.tables(keyspace));
  return {
    tables: result.items.map((table) => ({ keyspaceName: table.keyspace, tableName: table.name, resourceArn: table.arn })),
    ...(result.nextToken ? { nextToken: result.nextToken } : {}),
  };
};

const deleteTable: Handler = (body, plane) => {
  plane.catalog.deleteTable(name(body, 'keyspaceName'), name(body, 'tableName'), plane.now());
  return {};
};

const HANDLERS: Readonly<Record<string, Handler>> = {
  CreateKeyspace: createKeyspace,
  GetKeyspace: getKeyspace,
  ListKeyspaces: listKeyspaces,
  DeleteKeyspace: deleteKeyspace,
  CreateTable: createTable,
  GetTable: getTable,
  ListTables: listTables,
  DeleteTable: deleteTable,
};

export const KEYSPACES_OPERATIONS = Object.keys(HANDLERS);

export function handleKeyspaces(operation: string, input: unknown, plane: KeyspacesControlPlane): Record<string, unknown> {
  const handler = Object.hasOwn(HANDLERS, operation) ? HANDLERS[operation] : undefined;
  if (!handler)
    throw new AwsError(
      'UnknownOperationException',
      `Operation ${operation} is not supported by the rehearsal environment (Keyspaces supports: ${KEYSPACES_OPERATIONS.join(', ')})`,
    );
  // The estate advanced to now first, as every answer describes it then.
  plane.now();
  return handler(asBody(input), plane);
}
