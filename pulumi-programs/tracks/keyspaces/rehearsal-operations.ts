// What the Keyspaces track's rehearsal resources (rehearsal-resources.ts) do in the rehearsal environment: the target
// keyspace and tables in its simulated Amazon Keyspaces control plane AND in its Cassandra (the data plane standing in
// for Keyspaces), the bulk load's Glue job, and the dual-write proxy's stand-in registered through the rehearsal's
// admin route. Each operation takes its clients (`Services`), so tests drive it with stand-ins; the providers pass
// `realServices()`. One file on purpose: the four resources share one `Services` (the account session, the HTTP
// call, the CQL session) and its absolute-path loading, which must be captured once for the serialized providers.
//
// Pulumi serializes the providers into the stack's state and runs them later in the provider plugin process, whose
// working folder is the stack's workspace (no node_modules there). So the SDK clients and the CQL driver are loaded by
// the absolute paths resolved here, when the program runs; everything else is globals (fetch, AbortSignal) and plain
// values. Errors are plain Errors (a serialized Error subclass loses its message).
//
// The account guard (lib/rehearsal-account.ts, shared with the DMS track's rehearsal replication) is checked before
// anything is changed, the CQL statements included; the proxy is then registered in that account's estate
// (`?account=<id>`).
import { REHEARSAL_SIGN_IN, rehearsalAccountSession, type RehearsalAccountGuard } from '../../lib/rehearsal-account';

export type { RehearsalAccountGuard } from '../../lib/rehearsal-account';

/** The rehearsal's Cassandra (cockpit:rehearsalCassandra): secret, it holds a password. */
export interface RehearsalCassandraConnection {
  readonly contactPoints: readonly string[];
  readonly localDataCenter: string;
  readonly username: string;
  readonly password: string;
}

/** Where a resource lives: the rehearsal's AWS endpoint, the region, and in a plan with accounts the stack's account. */
export interface Place {
  readonly endpoint: string;
  readonly region: string;
  readonly account?: RehearsalAccountGuard;
}

export interface TableSchema {
  readonly allColumns: readonly { readonly name: string; readonly type: string }[];
  readonly partitionKeys: readonly { readonly name: string }[];
  readonly clusteringKeys: readonly { readonly name: string; readonly orderBy: 'ASC' | 'DESC' }[];
}

// ---- The clients an operation uses.

/** The slice of the SDK's aggregated Keyspaces client the operations use. */
export interface KeyspacesApi {
  getKeyspace(input: { keyspaceName: string }): Promise<{ resourceArn?: string }>;
  createKeyspace(input: object): Promise<{ resourceArn?: string }>;
  deleteKeyspace(input: { keyspaceName: string }): Promise<unknown>;
  getTable(input: { keyspaceName: string; tableName: string }): Promise<{ resourceArn?: string; status?: string }>;
  createTable(input: object): Promise<{ resourceArn?: string }>;
  deleteTable(input: { keyspaceName: string; tableName: string }): Promise<unknown>;
}

/** The slice of the SDK's aggregated Glue client the operations use. */
export interface GlueApi {
  getJob(input: { JobName: string }): Promise<{ Job?: { Name?: string } }>;
  createJob(input: object): Promise<{ Name?: string }>;
  deleteJob(input: { JobName: string }): Promise<unknown>;
}

export interface CqlSession {
  execute(statement: string): Promise<void>;
  shutdown(): Promise<void>;
}

/** The AWS side in the stack's account: the guard has been checked when this exists. */
export interface AwsSession {
  /** The session's account when the stack has an account guard; undefined: the rehearsal's sign-in account. */
  readonly accountId?: string;
  keyspaces(): KeyspacesApi;
  glue(): GlueApi;
}

export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
}

export interface Services {
  session(place: Place): Promise<AwsSession>;
  cql(connection: RehearsalCassandraConnection): Promise<CqlSession>;
  http(method: 'GET' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<HttpAnswer>;
  sleep(ms: number): Promise<void>;
}

// ---- The real clients, loaded by absolute path in the provider process.

// Resolved when the program runs (CommonJS), captured by value into the serialized providers.
const KEYSPACES_SDK_PATH = require.resolve('@aws-sdk/client-keyspaces');
const GLUE_SDK_PATH = require.resolve('@aws-sdk/client-glue');
const CASSANDRA_DRIVER_PATH = require.resolve('cassandra-driver');
/** How long a CQL connection waits for a rehearsal Cassandra that is still starting. */
const CQL_WAIT_MS = 60_000;

interface CassandraDriver {
  Client: new (options: object) => {
    connect(): Promise<void>;
    execute(query: string, params: unknown[], options: object): Promise<unknown>;
    shutdown(): Promise<void>;
  };
  auth: { PlainTextAuthProvider: new (username: string, password: string) => object };
}

/** The SDK clients, the CQL driver and fetch, as the providers use them. */
export function realServices(): Services {
  return {
    async session(place) {
      const { credentials, accountId } = place.account
        ? await rehearsalAccountSession(place, place.account)
        : { credentials: REHEARSAL_SIGN_IN, accountId: undefined };
      const config = { endpoint: place.endpoint, region: place.region, credentials, maxAttempts: 5 };
      return {
        ...(accountId !== undefined ? { accountId } : {}),
        keyspaces() {
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by absolute path in the provider process
          const sdk = require(KEYSPACES_SDK_PATH) as { Keyspaces: new (config: object) => KeyspacesApi };
          return new sdk.Keyspaces(config);
        },
        glue() {
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by absolute path in the provider process
          const sdk = require(GLUE_SDK_PATH) as { Glue: new (config: object) => GlueApi };
          return new sdk.Glue(config);
        },
      };
    },
    async cql(connection) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by absolute path in the provider process
      const driver = require(CASSANDRA_DRIVER_PATH) as CassandraDriver;
      const connect = async () => {
        const made = new driver.Client({
          contactPoints: [...connection.contactPoints],
          localDataCenter: connection.localDataCenter,
          authProvider: new driver.auth.PlainTextAuthProvider(connection.username, connection.password),
          socketOptions: { connectTimeout: 10_000, readTimeout: 60_000 },
        });
        try {
          await made.connect();
          return made;
        } catch (error) {
          await made.shutdown().catch(() => undefined);
          throw error;
        }
      };
      // The embedded rehearsal starts its Cassandra in the background: a deploy in its first seconds waits for it
      // (a new client per attempt; a failed one does not reconnect), at most CQL_WAIT_MS.
      const deadline = Date.now() + CQL_WAIT_MS;
      let client: Awaited<ReturnType<typeof connect>>;
      for (;;) {
        try {
          client = await connect();
          break;
        } catch (error) {
          if (Date.now() + 2_000 > deadline)
            throw new Error(
              `cannot reach the rehearsal's Cassandra at ${connection.contactPoints.join(', ')} (waited ${CQL_WAIT_MS / 1000} s): ${(error as Error).message}`,
              { cause: error },
            );
          await new Promise((resolve) => setTimeout(resolve, 2_000));
        }
      }
      return {
        async execute(statement) {
          await client.execute(statement, [], { prepare: false });
        },
        shutdown: () => client.shutdown(),
      };
    },
    async http(method, url, body) {
      const response = await fetch(url, {
        method,
        ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(30_000),
      });
      return { status: response.status, text: await response.text() };
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

// ---- CQL: the keyspace and tables in the rehearsal's Cassandra.

/** A name as CQL resolves an unquoted one (lowercased), written quoted; as the rehearsal's data plane names them. */
function cqlName(name: string): string {
  return `"${name.toLowerCase().replaceAll('"', '""')}"`;
}

export function createKeyspaceCql(keyspace: string): string {
  return `CREATE KEYSPACE IF NOT EXISTS ${cqlName(keyspace)} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`;
}

export function createTableCql(keyspace: string, table: string, schema: TableSchema): string {
  const columns = schema.allColumns.map((column) => `${cqlName(column.name)} ${column.type}`);
  const partition = `(${schema.partitionKeys.map((key) => cqlName(key.name)).join(', ')})`;
  const clustering = schema.clusteringKeys.map((key) => cqlName(key.name));
  const order =
    schema.clusteringKeys.length > 0
      ? ` WITH CLUSTERING ORDER BY (${schema.clusteringKeys.map((key) => `${cqlName(key.name)} ${key.orderBy}`).join(', ')})`
      : '';
  return `CREATE TABLE IF NOT EXISTS ${cqlName(keyspace)}.${cqlName(table)} (${columns.join(', ')}, PRIMARY KEY (${[partition, ...clustering].join(', ')}))${order}`;
}

async function runCql(services: Services, connection: RehearsalCassandraConnection, statements: readonly string[]): Promise<void> {
  const session = await services.cql(connection);
  try {
    for (const statement of statements) await session.execute(statement);
  } finally {
    await session.shutdown();
  }
}

// ---- Shared helpers.

function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ResourceNotFoundException' || error.name === 'EntityNotFoundException');
}

async function orUndefined<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

const TAGS = [{ key: 'ManagedBy', value: 'migration-cockpit' }];
/** Like the AWS provider, a table's create and delete end when Keyspaces says so: polled every 500 ms for 60 s. */
const POLLS = 120;
const POLL_MS = 500;

// ---- The keyspace.

export interface KeyspaceInputs extends Place {
  readonly keyspace: string;
  readonly cassandra: RehearsalCassandraConnection;
}

export interface KeyspaceOutputs extends KeyspaceInputs {
  readonly keyspaceArn: string;
  /** True when the control plane already held the keyspace: adopted as it is, and left there on delete. */
  readonly adopted: boolean;
}

/** In the rehearsal's Cassandra first (so the control plane's own data plane finds it there), then in its Keyspaces. */
export async function createKeyspace(inputs: KeyspaceInputs, services: Services): Promise<KeyspaceOutputs> {
  const session = await services.session(inputs);
  await runCql(services, inputs.cassandra, [createKeyspaceCql(inputs.keyspace)]);
  const keyspaces = session.keyspaces();
  const existing = await orUndefined(() => keyspaces.getKeyspace({ keyspaceName: inputs.keyspace }));
  if (existing) return { ...inputs, keyspaceArn: existing.resourceArn ?? '', adopted: true };
  const created = await keyspaces.createKeyspace({
    keyspaceName: inputs.keyspace,
    replicationSpecification: { replicationStrategy: 'SINGLE_REGION' },
    tags: TAGS,
  });
  if (!created.resourceArn) throw new Error(`CreateKeyspace ${inputs.keyspace} answered without an ARN`);
  return { ...inputs, keyspaceArn: created.resourceArn, adopted: false };
}

/** After a change of Cassandra (or of where the environment listens): the keyspace made there too. */
export async function updateKeyspace(olds: KeyspaceOutputs, news: KeyspaceInputs, services: Services): Promise<KeyspaceOutputs> {
  await services.session(news);
  if (JSON.stringify(olds.cassandra) !== JSON.stringify(news.cassandra)) await runCql(services, news.cassandra, [createKeyspaceCql(news.keyspace)]);
  return { ...news, keyspaceArn: olds.keyspaceArn, adopted: olds.adopted };
}

export async function keyspaceExists(props: KeyspaceOutputs, services: Services): Promise<boolean> {
  const session = await services.session(props);
  return (await orUndefined(() => session.keyspaces().getKeyspace({ keyspaceName: props.keyspace }))) !== undefined;
}

/**
 * From the control plane only: the rehearsal's Cassandra keeps its keyspace and rows (the data plane never drops,
 * rehearsal/tracks/keyspaces/data-plane.ts; a redeploy finds them with IF NOT EXISTS).
 */
export async function deleteKeyspace(props: KeyspaceOutputs, services: Services): Promise<void> {
  if (props.adopted) return; // Not this stack's to remove.
  const session = await services.session(props);
  await orUndefined(() => session.keyspaces().deleteKeyspace({ keyspaceName: props.keyspace }));
}

// ---- A table.

export interface TableInputs extends Place {
  readonly keyspace: string;
  readonly table: string;
  readonly schema: TableSchema;
  readonly cassandra: RehearsalCassandraConnection;
}

export interface TableOutputs extends TableInputs {
  readonly tableArn: string;
  readonly adopted: boolean;
}

async function waitForTable(
  keyspaces: KeyspacesApi,
  inputs: Pick<TableInputs, 'keyspace' | 'table'>,
  done: (status: string | undefined) => boolean,
  what: string,
  services: Services,
) {
  for (let poll = 0; poll < POLLS; poll++) {
    const table = await orUndefined(() => keyspaces.getTable({ keyspaceName: inputs.keyspace, tableName: inputs.table }));
    if (done(table ? (table.status ?? 'ACTIVE') : undefined)) return;
    await services.sleep(POLL_MS);
  }
  throw new Error(`table ${inputs.keyspace}.${inputs.table} is ${what} after ${(POLLS * POLL_MS) / 1000} s`);
}

export async function createTable(inputs: TableInputs, services: Services): Promise<TableOutputs> {
  const session = await services.session(inputs);
  await runCql(services, inputs.cassandra, [createKeyspaceCql(inputs.keyspace), createTableCql(inputs.keyspace, inputs.table, inputs.schema)]);
  const keyspaces = session.keyspaces();
  const existing = await orUndefined(() => keyspaces.getTable({ keyspaceName: inputs.keyspace, tableName: inputs.table }));
  let arn = existing?.resourceArn;
  if (!existing) {
    const created = await keyspaces.createTable({
      keyspaceName: inputs.keyspace,
      tableName: inputs.table,
      schemaDefinition: {
        allColumns: inputs.schema.allColumns.map((column) => ({ ...column })),
        partitionKeys: inputs.schema.partitionKeys.map((key) => ({ ...key })),
        ...(inputs.schema.clusteringKeys.length > 0 ? { clusteringKeys: inputs.schema.clusteringKeys.map((key) => ({ ...key })) } : {}),
      },
      capacitySpecification: { throughputMode: 'PAY_PER_REQUEST' },
      pointInTimeRecovery: { status: 'ENABLED' },
      tags: TAGS,
    });
    if (!created.resourceArn) throw new Error(`CreateTable ${inputs.keyspace}.${inputs.table} answered without an ARN`);
    arn = created.resourceArn;
  }
  await waitForTable(keyspaces, inputs, (status) => status === 'ACTIVE', 'not ACTIVE', services);
  return { ...inputs, tableArn: arn ?? '', adopted: existing !== undefined };
}

export async function updateTable(olds: TableOutputs, news: TableInputs, services: Services): Promise<TableOutputs> {
  await services.session(news);
  if (JSON.stringify(olds.cassandra) !== JSON.stringify(news.cassandra))
    await runCql(services, news.cassandra, [createKeyspaceCql(news.keyspace), createTableCql(news.keyspace, news.table, news.schema)]);
  return { ...news, tableArn: olds.tableArn, adopted: olds.adopted };
}

export async function tableExists(props: TableOutputs, services: Services): Promise<boolean> {
  const session = await services.session(props);
  return (await orUndefined(() => session.keyspaces().getTable({ keyspaceName: props.keyspace, tableName: props.table }))) !== undefined;
}

/** From the control plane only (the Cassandra keeps the table, as it keeps the keyspace); ends once the table is gone. */
export async function deleteTable(props: TableOutputs, services: Services): Promise<void> {
  if (props.adopted) return;
  const session = await services.session(props);
  const keyspaces = session.keyspaces();
  const deleted = await orUndefined(() => keyspaces.deleteTable({ keyspaceName: props.keyspace, tableName: props.table }));
  if (deleted === undefined) return;
  await waitForTable(keyspaces, props, (status) => status === undefined, 'still there', services);
}

// ---- The bulk load's Glue job.

export interface GlueJobInputs extends Place {
  readonly name: string;
  readonly role: string;
  readonly scriptLocation?: string;
  readonly defaultArguments: Readonly<Record<string, string>>;
}

export interface GlueJobOutputs extends GlueJobInputs {
  readonly adopted: boolean;
}

export async function createGlueJob(inputs: GlueJobInputs, services: Services): Promise<GlueJobOutputs> {
  const glue = (await services.session(inputs)).glue();
  const existing = await orUndefined(() => glue.getJob({ JobName: inputs.name }));
  if (existing?.Job) return { ...inputs, adopted: true };
  await glue.createJob({
    Name: inputs.name,
    Role: inputs.role,
    Command: { Name: 'glueetl', PythonVersion: '3', ...(inputs.scriptLocation ? { ScriptLocation: inputs.scriptLocation } : {}) },
    GlueVersion: '4.0',
    DefaultArguments: { ...inputs.defaultArguments },
    ExecutionProperty: { MaxConcurrentRuns: 1 },
    MaxRetries: 0,
    Tags: { ManagedBy: 'migration-cockpit' },
  });
  return { ...inputs, adopted: false };
}

export async function glueJobExists(props: GlueJobOutputs, services: Services): Promise<boolean> {
  const glue = (await services.session(props)).glue();
  return (await orUndefined(() => glue.getJob({ JobName: props.name })))?.Job !== undefined;
}

export async function deleteGlueJob(props: GlueJobOutputs, services: Services): Promise<void> {
  if (props.adopted) return;
  const glue = (await services.session(props)).glue();
  await orUndefined(() => glue.deleteJob({ JobName: props.name }));
}

// ---- The dual-write proxy's stand-in (the rehearsal's admin route; its body is the proxy's phase and scope).

export interface ProxyInputs extends Place {
  /** The instance id. */
  readonly proxyId: string;
  readonly primaryCluster: 'ORIGIN' | 'TARGET';
  readonly readMode: 'PRIMARY_ONLY' | 'DUAL_ASYNC_ON_SECONDARY';
  readonly originKeyspace: string;
  readonly targetKeyspace: string;
  readonly tables: readonly string[];
  /** The live writes the stand-in makes (simulated time); the simulator's default when absent. */
  readonly writesPerSecond?: number;
}

export interface ProxyOutputs extends ProxyInputs {
  /** Its Prometheus metrics, as the ZDM proxy's :14001/metrics. */
  readonly metricsUrl: string;
}

/** `<endpoint>/_admin/keyspaces/proxies/<id>[/metrics]`, in the session account's estate when the stack has a guard. */
export function proxyUrl(endpoint: string, proxyId: string, accountId: string | undefined, metrics = false): string {
  const base = `${endpoint.replace(/\/+$/, '')}/_admin/keyspaces/proxies/${encodeURIComponent(proxyId)}${metrics ? '/metrics' : ''}`;
  return accountId === undefined ? base : `${base}?account=${encodeURIComponent(accountId)}`;
}

function proxyFailure(what: string, answer: HttpAnswer): Error {
  return new Error(`${what} was refused with HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
}

/** Registers the proxy, or gives it its new phase (the rehearsal restarts it, as ECS would roll the service). */
export async function putProxy(inputs: ProxyInputs, services: Services): Promise<ProxyOutputs> {
  const { accountId } = await services.session(inputs);
  const url = proxyUrl(inputs.endpoint, inputs.proxyId, accountId);
  const answer = await services.http('PUT', url, {
    primaryCluster: inputs.primaryCluster,
    readMode: inputs.readMode,
    originKeyspace: inputs.originKeyspace,
    targetKeyspace: inputs.targetKeyspace,
    tables: [...inputs.tables],
    ...(inputs.writesPerSecond !== undefined ? { writesPerSecond: inputs.writesPerSecond } : {}),
  });
  if (answer.status !== 200 && answer.status !== 201) throw proxyFailure(`PUT ${url}`, answer);
  return { ...inputs, metricsUrl: proxyUrl(inputs.endpoint, inputs.proxyId, accountId, true) };
}

export async function proxyExists(props: ProxyOutputs, services: Services): Promise<boolean> {
  const { accountId } = await services.session(props);
  const url = proxyUrl(props.endpoint, props.proxyId, accountId);
  const answer = await services.http('GET', url);
  if (answer.status === 404) return false;
  if (answer.status !== 200) throw proxyFailure(`GET ${url}`, answer);
  return true;
}

/** Removes the proxy (a destroy, or keyspaces:proxy = removed); one already gone is fine. */
export async function deleteProxy(props: ProxyOutputs, services: Services): Promise<void> {
  const { accountId } = await services.session(props);
  const url = proxyUrl(props.endpoint, props.proxyId, accountId);
  const answer = await services.http('DELETE', url);
  if (answer.status !== 204 && answer.status !== 200 && answer.status !== 404) throw proxyFailure(`DELETE ${url}`, answer);
}
