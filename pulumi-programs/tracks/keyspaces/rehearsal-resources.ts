// The Keyspaces track's rehearsal resources as Pulumi dynamic resources: the keyspace, each table, the bulk load's Glue
// job and the dual-write proxy's stand-in, made in the rehearsal environment by rehearsal-operations.ts.
//
// Pulumi serializes these providers into the stack's state and runs them later in the provider plugin process: they
// call only the operations (captured by value, loading their SDKs by absolute path) with `realServices()`, and plain
// values. delete and read run the code stored at the last update.
import * as pulumi from '@pulumi/pulumi';
import {
  createGlueJob,
  createKeyspace,
  createTable,
  deleteGlueJob,
  deleteKeyspace,
  deleteProxy,
  deleteTable,
  glueJobExists,
  keyspaceExists,
  proxyExists,
  putProxy,
  realServices,
  tableExists,
  updateKeyspace,
  updateTable,
  type GlueJobInputs,
  type GlueJobOutputs,
  type KeyspaceInputs,
  type KeyspaceOutputs,
  type Place,
  type ProxyInputs,
  type ProxyOutputs,
  type RehearsalAccountGuard,
  type RehearsalCassandraConnection,
  type TableInputs,
  type TableOutputs,
} from './rehearsal-operations';

/** Which inputs differ (compared as JSON). */
function differing<T extends object>(olds: T, news: T, keys: readonly (keyof T)[]): string[] {
  return keys.filter((key) => JSON.stringify(olds[key] ?? null) !== JSON.stringify(news[key] ?? null)).map(String);
}

/**
 * The diff every resource here shares: `replaceKeys` (and another account: another estate) replace, where the
 * environment listens, the region and the rest of the guard update in place, as do `updateKeys`.
 */
function placeDiff<T extends Place>(olds: T, news: T, replaceKeys: readonly (keyof T)[], updateKeys: readonly (keyof T)[], deleteBeforeReplace: boolean) {
  const replaces = differing(olds, news, replaceKeys);
  if (olds.account?.roleArn !== news.account?.roleArn) replaces.push('account');
  const changes = replaces.length > 0 || differing(olds, news, ['endpoint', 'region', 'account', ...updateKeys]).length > 0;
  return { changes, replaces, deleteBeforeReplace };
}

// Keyspace and table names are unique in their estate: the old one goes before the new one takes its name.
const keyspaceProvider: pulumi.dynamic.ResourceProvider<KeyspaceInputs, KeyspaceOutputs> = {
  async create(inputs) {
    const outs = await createKeyspace(inputs, realServices());
    return { id: inputs.keyspace, outs };
  },
  async read(id, props) {
    if (!props) return {};
    return (await keyspaceExists(props, realServices())) ? { id, props } : {};
  },
  async diff(_id, olds, news) {
    return placeDiff(olds, news, ['keyspace'], ['cassandra'], true);
  },
  async update(_id, olds, news) {
    return { outs: await updateKeyspace(olds, news, realServices()) };
  },
  async delete(_id, props) {
    await deleteKeyspace(props, realServices());
  },
};

const tableProvider: pulumi.dynamic.ResourceProvider<TableInputs, TableOutputs> = {
  async create(inputs) {
    const outs = await createTable(inputs, realServices());
    return { id: `${inputs.keyspace}.${inputs.table}`, outs };
  },
  async read(id, props) {
    if (!props) return {};
    return (await tableExists(props, realServices())) ? { id, props } : {};
  },
  async diff(_id, olds, news) {
    return placeDiff(olds, news, ['keyspace', 'table', 'schema'], ['cassandra'], true);
  },
  async update(_id, olds, news) {
    return { outs: await updateTable(olds, news, realServices()) };
  },
  async delete(_id, props) {
    await deleteTable(props, realServices());
  },
};

// The rehearsal's Glue has no UpdateJob: a job whose definition changes is made again (its runs go with it).
const glueJobProvider: pulumi.dynamic.ResourceProvider<GlueJobInputs, GlueJobOutputs> = {
  async create(inputs) {
    const outs = await createGlueJob(inputs, realServices());
    return { id: inputs.name, outs };
  },
  async read(id, props) {
    if (!props) return {};
    return (await glueJobExists(props, realServices())) ? { id, props } : {};
  },
  async diff(_id, olds, news) {
    return placeDiff(olds, news, ['name', 'role', 'scriptLocation', 'defaultArguments'], [], true);
  },
  async update(_id, olds, news) {
    return { outs: { ...news, adopted: olds.adopted } };
  },
  async delete(_id, props) {
    await deleteGlueJob(props, realServices());
  },
};

// A phase switch (or another table list) is an update: PUT again, as on AWS a new task definition rolls the service.
const proxyProvider: pulumi.dynamic.ResourceProvider<ProxyInputs, ProxyOutputs> = {
  async create(inputs) {
    const outs = await putProxy(inputs, realServices());
    return { id: inputs.proxyId, outs };
  },
  async read(id, props) {
    if (!props) return {};
    return (await proxyExists(props, realServices())) ? { id, props } : {};
  },
  async diff(_id, olds, news) {
    return placeDiff(olds, news, ['proxyId'], ['primaryCluster', 'readMode', 'originKeyspace', 'targetKeyspace', 'tables', 'writesPerSecond'], false);
  },
  async update(_id, _olds, news) {
    return { outs: await putProxy(news, realServices()) };
  },
  async delete(_id, props) {
    await deleteProxy(props, realServices());
  },
};

/** The inputs as the program gives them: the guard and the Cassandra come from secret config (Outputs). */
type Args<T> = Omit<T, 'account' | 'cassandra'> & {
  readonly account?: pulumi.Input<RehearsalAccountGuard>;
} & (T extends { cassandra: RehearsalCassandraConnection } ? { readonly cassandra: pulumi.Input<RehearsalCassandraConnection> } : unknown);

// The guard may hold the role's external id, the Cassandra its password: both kept encrypted in the state.
const SECRET_OUTPUTS = ['account', 'cassandra'];

export class RehearsalKeyspace extends pulumi.dynamic.Resource {
  declare readonly keyspaceArn: pulumi.Output<string>;

  constructor(name: string, args: Args<KeyspaceInputs>, opts?: pulumi.CustomResourceOptions) {
    super(
      keyspaceProvider,
      name,
      { keyspaceArn: undefined, adopted: undefined, ...args },
      { ...opts, additionalSecretOutputs: SECRET_OUTPUTS },
      'cockpit',
      'RehearsalKeyspace',
    );
  }
}

export class RehearsalTable extends pulumi.dynamic.Resource {
  declare readonly tableArn: pulumi.Output<string>;

  constructor(name: string, args: Args<TableInputs>, opts?: pulumi.CustomResourceOptions) {
    super(
      tableProvider,
      name,
      { tableArn: undefined, adopted: undefined, ...args },
      { ...opts, additionalSecretOutputs: SECRET_OUTPUTS },
      'cockpit',
      'RehearsalTable',
    );
  }
}

export class RehearsalGlueJob extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;

  constructor(name: string, args: Args<GlueJobInputs>, opts?: pulumi.CustomResourceOptions) {
    super(glueJobProvider, name, { adopted: undefined, ...args }, { ...opts, additionalSecretOutputs: ['account'] }, 'cockpit', 'RehearsalGlueJob');
  }
}

export class RehearsalProxy extends pulumi.dynamic.Resource {
  declare readonly metricsUrl: pulumi.Output<string>;

  constructor(name: string, args: Args<ProxyInputs>, opts?: pulumi.CustomResourceOptions) {
    super(proxyProvider, name, { metricsUrl: undefined, ...args }, { ...opts, additionalSecretOutputs: ['account'] }, 'cockpit', 'RehearsalProxy');
  }
}

/** The providers, for tests of their diffs (a resource is made through its class). */
export const REHEARSAL_PROVIDERS = { keyspace: keyspaceProvider, table: tableProvider, glueJob: glueJobProvider, proxy: proxyProvider } as const;
