// What the rehearsal resources do, against stand-in clients (a Keyspaces control plane whose tables take a few polls
// to become ACTIVE and to go, a Glue, a CQL session that records its statements, the admin route): the order of the
// calls (the account guard before any change, CQL before the control plane), what each call carries, adoption, and
// what a delete leaves. The providers' diffs say which changes replace and which update. The real clients in the
// provider plugin process are the deploy test's (test/integration).
import { describe, expect, it } from 'vitest';
import {
  createGlueJob,
  createKeyspace,
  createKeyspaceCql,
  createTable,
  createTableCql,
  deleteGlueJob,
  deleteKeyspace,
  deleteProxy,
  deleteTable,
  proxyExists,
  putProxy,
  updateTable,
  type AwsSession,
  type GlueApi,
  type HttpAnswer,
  type KeyspaceInputs,
  type KeyspacesApi,
  type Place,
  type ProxyInputs,
  type Services,
  type TableInputs,
} from './rehearsal-operations';
import { REHEARSAL_PROVIDERS } from './rehearsal-resources';

const ACCOUNT = '222233334444';
const CASSANDRA = { contactPoints: ['127.0.0.1:19042'], localDataCenter: 'datacenter1', username: 'cassandra', password: 'cassandra' };
const PLACE: Place = { endpoint: 'http://127.0.0.1:4566', region: 'eu-central-1' };
const GUARDED: Place = {
  ...PLACE,
  account: { roleArn: `arn:aws:iam::${ACCOUNT}:role/migration`, sessionName: 'cockpit-app1101', allowedAccountIds: [ACCOUNT] },
};

function failure(name: string, message = name): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** Stand-ins for every client, recording what was asked of them in one log. */
function standIns(options: { polls?: number; http?: (method: string, url: string) => HttpAnswer } = {}) {
  const log: string[] = [];
  const statements: string[] = [];
  const requests: { method: string; url: string; body?: unknown }[] = [];
  const keyspaces = new Map<string, string>();
  /** keyspace.table → polls left in CREATING (positive) or DELETING (negative: then gone). */
  const tables = new Map<string, { arn: string; creating: number; deleting?: number }>();
  const jobs = new Map<string, object>();
  const polls = options.polls ?? 2;
  const inputs: Record<string, object> = {};

  const keyspacesApi: KeyspacesApi = {
    async getKeyspace({ keyspaceName }) {
      log.push(`GetKeyspace ${keyspaceName}`);
      const arn = keyspaces.get(keyspaceName);
      if (!arn) throw failure('ResourceNotFoundException');
      return { resourceArn: arn };
    },
    async createKeyspace(input) {
      const { keyspaceName } = input as { keyspaceName: string };
      log.push(`CreateKeyspace ${keyspaceName}`);
      inputs.createKeyspace = input;
      keyspaces.set(keyspaceName, `arn:aws:cassandra:eu-central-1:111122223333:/keyspace/${keyspaceName}/`);
      return { resourceArn: keyspaces.get(keyspaceName) };
    },
    async deleteKeyspace({ keyspaceName }) {
      log.push(`DeleteKeyspace ${keyspaceName}`);
      if (!keyspaces.delete(keyspaceName)) throw failure('ResourceNotFoundException');
      return {};
    },
    async getTable({ keyspaceName, tableName }) {
      const key = `${keyspaceName}.${tableName}`;
      log.push(`GetTable ${key}`);
      const table = tables.get(key);
      if (!table) throw failure('ResourceNotFoundException');
      if (table.deleting !== undefined) {
        if (table.deleting-- <= 0) {
          tables.delete(key);
          throw failure('ResourceNotFoundException');
        }
        return { resourceArn: table.arn, status: 'DELETING' };
      }
      return { resourceArn: table.arn, status: table.creating-- > 0 ? 'CREATING' : 'ACTIVE' };
    },
    async createTable(input) {
      const { keyspaceName, tableName } = input as { keyspaceName: string; tableName: string };
      log.push(`CreateTable ${keyspaceName}.${tableName}`);
      inputs.createTable = input;
      tables.set(`${keyspaceName}.${tableName}`, {
        arn: `arn:aws:cassandra:eu-central-1:111122223333:/keyspace/${keyspaceName}/table/${tableName}`,
        creating: polls,
      });
      return { resourceArn: tables.get(`${keyspaceName}.${tableName}`)!.arn };
    },
    async deleteTable({ keyspaceName, tableName }) {
      log.push(`DeleteTable ${keyspaceName}.${tableName}`);
      const table = tables.get(`${keyspaceName}.${tableName}`);
      if (!table) throw failure('ResourceNotFoundException');
      table.deleting = polls;
      return {};
    },
  };
  const glueApi: GlueApi = {
    async getJob({ JobName }) {
      log.push(`GetJob ${JobName}`);
      const job = jobs.get(JobName);
      if (!job) throw failure('EntityNotFoundException');
      return { Job: { Name: JobName } };
    },
    async createJob(input) {
      const { Name } = input as { Name: string };
      log.push(`CreateJob ${Name}`);
      inputs.createJob = input;
      jobs.set(Name, input);
      return { Name };
    },
    async deleteJob({ JobName }) {
      log.push(`DeleteJob ${JobName}`);
      if (!jobs.delete(JobName)) throw failure('EntityNotFoundException');
      return { JobName };
    },
  };
  const services: Services = {
    async session(place): Promise<AwsSession> {
      if (place.account && !place.account.allowedAccountIds.includes(ACCOUNT)) {
        log.push('refused');
        throw new Error(
          `refusing to act in account ${ACCOUNT}: this stack may act only in ${place.account.allowedAccountIds.join(', ')} (aws:allowedAccountIds); nothing was changed`,
        );
      }
      log.push(place.account ? `session ${ACCOUNT}` : 'session sign-in');
      return { ...(place.account ? { accountId: ACCOUNT } : {}), keyspaces: () => keyspacesApi, glue: () => glueApi };
    },
    async cql(connection) {
      log.push(`cql connect ${connection.contactPoints.join(',')} as ${connection.username}`);
      return {
        async execute(statement) {
          log.push(`cql ${statement.split(' (')[0]}`);
          statements.push(statement);
        },
        async shutdown() {
          log.push('cql shutdown');
        },
      };
    },
    async http(method, url, body) {
      log.push(`${method} ${url}`);
      requests.push({ method, url, ...(body !== undefined ? { body } : {}) });
      return options.http?.(method, url) ?? { status: method === 'PUT' ? 201 : method === 'DELETE' ? 204 : 200, text: '{}' };
    },
    async sleep() {
      log.push('sleep');
    },
  };
  return { services, log, statements, requests, inputs, keyspaces, tables, jobs };
}

const SCHEMA: TableInputs['schema'] = {
  allColumns: [
    { name: 'customer_id', type: 'uuid' },
    { name: 'created_at', type: 'timestamp' },
    { name: 'order_id', type: 'timeuuid' },
    { name: 'Total', type: 'decimal' },
    { name: 'items', type: 'map<text, int>' },
  ],
  partitionKeys: [{ name: 'customer_id' }],
  clusteringKeys: [
    { name: 'created_at', orderBy: 'DESC' },
    { name: 'order_id', orderBy: 'ASC' },
  ],
};
const keyspaceInputs = (place: Place = PLACE): KeyspaceInputs => ({ ...place, keyspace: 'orders_aws', cassandra: CASSANDRA });
const tableInputs = (place: Place = PLACE): TableInputs => ({ ...place, keyspace: 'orders_aws', table: 'orders', schema: SCHEMA, cassandra: CASSANDRA });

describe('CQL of the rehearsal Cassandra', () => {
  it('creates the keyspace and the table with the schema, as the rehearsal’s data plane names them', () => {
    expect(createKeyspaceCql('Orders_AWS')).toBe(
      `CREATE KEYSPACE IF NOT EXISTS "orders_aws" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
    );
    expect(createTableCql('orders_aws', 'orders', SCHEMA)).toBe(
      'CREATE TABLE IF NOT EXISTS "orders_aws"."orders" ("customer_id" uuid, "created_at" timestamp, "order_id" timeuuid, "total" decimal, "items" map<text, int>, ' +
        'PRIMARY KEY (("customer_id"), "created_at", "order_id")) WITH CLUSTERING ORDER BY ("created_at" DESC, "order_id" ASC)',
    );
    expect(
      createTableCql('orders_aws', 'customers', {
        allColumns: SCHEMA.allColumns.slice(0, 2),
        partitionKeys: [{ name: 'customer_id' }, { name: 'created_at' }],
        clusteringKeys: [],
      }),
    ).toBe('CREATE TABLE IF NOT EXISTS "orders_aws"."customers" ("customer_id" uuid, "created_at" timestamp, PRIMARY KEY (("customer_id", "created_at")))');
  });
});

describe('the keyspace', () => {
  it('is made in the Cassandra, then in the control plane, after the account guard', async () => {
    const { services, log, statements, inputs } = standIns();
    const outs = await createKeyspace(keyspaceInputs(GUARDED), services);
    expect(log).toEqual([
      `session ${ACCOUNT}`,
      'cql connect 127.0.0.1:19042 as cassandra',
      "cql CREATE KEYSPACE IF NOT EXISTS \"orders_aws\" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
      'cql shutdown',
      'GetKeyspace orders_aws',
      'CreateKeyspace orders_aws',
    ]);
    expect(statements).toHaveLength(1);
    expect(inputs.createKeyspace).toEqual({
      keyspaceName: 'orders_aws',
      replicationSpecification: { replicationStrategy: 'SINGLE_REGION' },
      tags: [{ key: 'ManagedBy', value: 'migration-cockpit' }],
    });
    expect(outs).toMatchObject({
      keyspace: 'orders_aws',
      keyspaceArn: 'arn:aws:cassandra:eu-central-1:111122223333:/keyspace/orders_aws/',
      adopted: false,
      cassandra: CASSANDRA,
    });
  });

  it('refuses before anything is changed when the session is in another account', async () => {
    const { services, log } = standIns();
    const foreign: Place = { ...PLACE, account: { ...GUARDED.account!, allowedAccountIds: ['999988887777'] } };
    await expect(createKeyspace(keyspaceInputs(foreign), services)).rejects.toThrow(/refusing to act in account 222233334444.*nothing was changed/);
    await expect(createTable(tableInputs(foreign), services)).rejects.toThrow(/refusing/);
    await expect(putProxy({ ...proxyInputs(), ...foreign }, services)).rejects.toThrow(/refusing/);
    expect(log).toEqual(['refused', 'refused', 'refused']);
  });

  it('adopts a keyspace the control plane already holds and leaves it there on delete; removes its own', async () => {
    const { services, log, keyspaces } = standIns();
    keyspaces.set('orders_aws', 'arn:aws:cassandra:eu-central-1:111122223333:/keyspace/orders_aws/');
    const adopted = await createKeyspace(keyspaceInputs(), services);
    expect(adopted.adopted).toBe(true);
    expect(log).not.toContain('CreateKeyspace orders_aws');
    await deleteKeyspace(adopted, services);
    expect(keyspaces.has('orders_aws')).toBe(true);

    keyspaces.clear();
    const own = await createKeyspace(keyspaceInputs(), services);
    await deleteKeyspace(own, services);
    expect(keyspaces.has('orders_aws')).toBe(false);
    // Gone already: nothing to do.
    await expect(deleteKeyspace(own, services)).resolves.toBeUndefined();
    // The Cassandra keeps its keyspace: no DROP was ever sent.
    expect(log.filter((entry) => /DROP/.test(entry))).toEqual([]);
  });
});

describe('a table', () => {
  it('is made with its schema, on-demand and with point-in-time recovery, and the create ends once it is ACTIVE', async () => {
    const { services, log, statements, inputs } = standIns({ polls: 2 });
    const outs = await createTable(tableInputs(), services);
    expect(statements).toEqual([createKeyspaceCql('orders_aws'), createTableCql('orders_aws', 'orders', SCHEMA)]);
    expect(inputs.createTable).toEqual({
      keyspaceName: 'orders_aws',
      tableName: 'orders',
      schemaDefinition: { allColumns: SCHEMA.allColumns, partitionKeys: SCHEMA.partitionKeys, clusteringKeys: SCHEMA.clusteringKeys },
      capacitySpecification: { throughputMode: 'PAY_PER_REQUEST' },
      pointInTimeRecovery: { status: 'ENABLED' },
      tags: [{ key: 'ManagedBy', value: 'migration-cockpit' }],
    });
    expect(log.slice(log.indexOf('CreateTable orders_aws.orders'))).toEqual([
      'CreateTable orders_aws.orders',
      'GetTable orders_aws.orders',
      'sleep',
      'GetTable orders_aws.orders',
      'sleep',
      'GetTable orders_aws.orders',
    ]);
    expect(outs).toMatchObject({ tableArn: 'arn:aws:cassandra:eu-central-1:111122223333:/keyspace/orders_aws/table/orders', adopted: false });
  });

  it('gives up on a table that never becomes ACTIVE, saying so', async () => {
    const { services } = standIns({ polls: 1000 });
    await expect(createTable(tableInputs(), services)).rejects.toThrow('table orders_aws.orders is not ACTIVE after 60 s');
  });

  it('is deleted from the control plane only, and the delete ends once it is gone', async () => {
    const { services, log, tables, statements } = standIns({ polls: 1 });
    const outs = await createTable(tableInputs(), services);
    log.length = 0;
    await deleteTable(outs, services);
    expect(log).toEqual(['session sign-in', 'DeleteTable orders_aws.orders', 'GetTable orders_aws.orders', 'sleep', 'GetTable orders_aws.orders']);
    expect(tables.size).toBe(0);
    expect(statements.some((statement) => /DROP/.test(statement))).toBe(false);
    await expect(deleteTable(outs, services)).resolves.toBeUndefined();
  });

  it('is made again in a new Cassandra on update, and only then', async () => {
    const { services, statements } = standIns({ polls: 0 });
    const outs = await createTable(tableInputs(), services);
    statements.length = 0;
    expect(await updateTable(outs, { ...tableInputs(), endpoint: 'http://127.0.0.1:4577' }, services)).toMatchObject({
      endpoint: 'http://127.0.0.1:4577',
      tableArn: outs.tableArn,
    });
    expect(statements).toEqual([]);
    await updateTable(outs, { ...tableInputs(), cassandra: { ...CASSANDRA, contactPoints: ['127.0.0.1:29042'] } }, services);
    expect(statements).toEqual([createKeyspaceCql('orders_aws'), createTableCql('orders_aws', 'orders', SCHEMA)]);
  });
});

describe('the bulk load’s Glue job', () => {
  const job = {
    ...PLACE,
    name: 'platform-production-app1101-keyspaces-bulk-load',
    role: 'platform-production-app1101-keyspaces-bulk-load-role',
    defaultArguments: { '--source-keyspace': 'orders', '--target-keyspace': 'orders_aws', '--tables': 'orders,customers', '--rows-per-second': '500' },
  };

  it('is created with its default arguments and deleted again', async () => {
    const { services, inputs, jobs } = standIns();
    const outs = await createGlueJob({ ...job, scriptLocation: 's3://migration-scripts/load.py' }, services);
    expect(inputs.createJob).toEqual({
      Name: job.name,
      Role: job.role,
      Command: { Name: 'glueetl', PythonVersion: '3', ScriptLocation: 's3://migration-scripts/load.py' },
      GlueVersion: '4.0',
      DefaultArguments: job.defaultArguments,
      ExecutionProperty: { MaxConcurrentRuns: 1 },
      MaxRetries: 0,
      Tags: { ManagedBy: 'migration-cockpit' },
    });
    expect(outs.adopted).toBe(false);
    await deleteGlueJob(outs, services);
    expect(jobs.size).toBe(0);
    await expect(deleteGlueJob(outs, services)).resolves.toBeUndefined();
  });

  it('adopts a job the environment already has, and leaves it', async () => {
    const { services, jobs, log } = standIns();
    jobs.set(job.name, {});
    const outs = await createGlueJob(job, services);
    expect(outs.adopted).toBe(true);
    await deleteGlueJob(outs, services);
    expect(jobs.has(job.name)).toBe(true);
    expect(log).not.toContain(`CreateJob ${job.name}`);
  });
});

function proxyInputs(changes: Partial<ProxyInputs> = {}): ProxyInputs {
  return {
    ...PLACE,
    proxyId: 'app1101',
    primaryCluster: 'ORIGIN',
    readMode: 'PRIMARY_ONLY',
    originKeyspace: 'orders',
    targetKeyspace: 'orders_aws',
    tables: ['orders', 'customers'],
    ...changes,
  };
}

describe('the dual-write proxy’s stand-in', () => {
  it('is PUT with its phase and scope, and its metrics are beside it', async () => {
    const { services, requests } = standIns();
    const outs = await putProxy(proxyInputs(), services);
    expect(requests).toEqual([
      {
        method: 'PUT',
        url: 'http://127.0.0.1:4566/_admin/keyspaces/proxies/app1101',
        body: { primaryCluster: 'ORIGIN', readMode: 'PRIMARY_ONLY', originKeyspace: 'orders', targetKeyspace: 'orders_aws', tables: ['orders', 'customers'] },
      },
    ]);
    expect(outs.metricsUrl).toBe('http://127.0.0.1:4566/_admin/keyspaces/proxies/app1101/metrics');
  });

  it('is registered in the stack account’s estate under an account guard', async () => {
    const { services, requests } = standIns();
    const outs = await putProxy({ ...proxyInputs(), ...GUARDED, endpoint: 'http://127.0.0.1:4566/' }, services);
    expect(requests[0]?.url).toBe(`http://127.0.0.1:4566/_admin/keyspaces/proxies/app1101?account=${ACCOUNT}`);
    expect(outs.metricsUrl).toBe(`http://127.0.0.1:4566/_admin/keyspaces/proxies/app1101/metrics?account=${ACCOUNT}`);
    await deleteProxy(outs, services);
    expect(requests[1]).toEqual({ method: 'DELETE', url: `http://127.0.0.1:4566/_admin/keyspaces/proxies/app1101?account=${ACCOUNT}` });
  });

  it('says what the route refused; a proxy already gone is deleted', async () => {
    const refusing = standIns({
      http: (method) => (method === 'PUT' ? { status: 400, text: '{"error":{"message":"tables: expected at least one table"}}' } : { status: 404, text: '' }),
    });
    await expect(putProxy(proxyInputs({ tables: [] }), refusing.services)).rejects.toThrow(
      'PUT http://127.0.0.1:4566/_admin/keyspaces/proxies/app1101 was refused with HTTP 400: {"error":{"message":"tables: expected at least one table"}}',
    );
    const outs = { ...proxyInputs(), metricsUrl: '' };
    await expect(deleteProxy(outs, refusing.services)).resolves.toBeUndefined();
    expect(await proxyExists(outs, refusing.services)).toBe(false);
    const failing = standIns({ http: () => ({ status: 500, text: 'boom' }) });
    await expect(deleteProxy(outs, failing.services)).rejects.toThrow(
      'DELETE http://127.0.0.1:4566/_admin/keyspaces/proxies/app1101 was refused with HTTP 500: boom',
    );
  });
});

describe('the providers’ diffs', () => {
  const outs = <T extends object>(inputs: T, extra: object) => ({ ...inputs, ...extra }) as never;

  it('make a phase switch an update of the proxy (PUT again), and another proxy id a new one', async () => {
    const proxy = REHEARSAL_PROVIDERS.proxy;
    const olds = outs(proxyInputs(), { metricsUrl: 'm' });
    expect(await proxy.diff!('app1101', olds, proxyInputs({ primaryCluster: 'TARGET' }))).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(await proxy.diff!('app1101', olds, proxyInputs({ readMode: 'DUAL_ASYNC_ON_SECONDARY' }))).toMatchObject({ changes: true, replaces: [] });
    expect(await proxy.diff!('app1101', olds, proxyInputs())).toMatchObject({ changes: false, replaces: [] });
    expect(await proxy.diff!('app1101', olds, proxyInputs({ proxyId: 'app1102' }))).toMatchObject({ changes: true, replaces: ['proxyId'] });
    expect(await proxy.diff!('app1101', olds, { ...proxyInputs(), ...GUARDED })).toMatchObject({ changes: true, replaces: ['account'] });
  });

  it('replace a table whose schema changes (the old one first: names are unique), and update one that moves to another Cassandra', async () => {
    const table = REHEARSAL_PROVIDERS.table;
    const olds = outs(tableInputs(), { tableArn: 'a', adopted: false });
    expect(await table.diff!('t', olds, { ...tableInputs(), schema: { ...SCHEMA, clusteringKeys: [] } })).toEqual({
      changes: true,
      replaces: ['schema'],
      deleteBeforeReplace: true,
    });
    expect(await table.diff!('t', olds, { ...tableInputs(), cassandra: { ...CASSANDRA, password: 'rotated' } })).toMatchObject({ changes: true, replaces: [] });
    expect(await table.diff!('t', olds, tableInputs())).toMatchObject({ changes: false });
    const keyspace = REHEARSAL_PROVIDERS.keyspace;
    expect(await keyspace.diff!('k', outs(keyspaceInputs(), {}), { ...keyspaceInputs(), keyspace: 'orders_v2' })).toMatchObject({
      changes: true,
      replaces: ['keyspace'],
      deleteBeforeReplace: true,
    });
  });

  it('re-create the Glue job when its arguments change (the rehearsal has no UpdateJob)', async () => {
    const glue = REHEARSAL_PROVIDERS.glueJob;
    const inputs = { ...PLACE, name: 'j', role: 'r', defaultArguments: { '--tables': 'orders' } };
    expect(
      await glue.diff!('j', outs(inputs, { adopted: false }), { ...inputs, defaultArguments: { '--tables': 'orders', '--rows-per-second': '100' } }),
    ).toEqual({
      changes: true,
      replaces: ['defaultArguments'],
      deleteBeforeReplace: true,
    });
    expect(await glue.diff!('j', outs(inputs, { adopted: false }), { ...inputs, endpoint: 'http://127.0.0.1:4577' })).toMatchObject({
      changes: true,
      replaces: [],
    });
  });
});
