// The Keyspaces track's rehearsal part with Pulumi runtime mocks: which dynamic resources it registers with which
// inputs (the Cassandra and the guard kept secret), the proxy gone once removed, its outputs, and its config errors.
// What the resources then do is rehearsal-operations.test.ts; doing it for real (the provider plugin process, the
// rehearsal's Keyspaces, Glue and admin route, its Cassandra) is the deploy test's.
import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import { installMocks, valueOf, type MockHarness, type RegisteredResource } from '../../components/testing/pulumi-mocks';
import type { CockpitConfig } from '../../lib/cockpit-config';
import type * as RehearsalModule from './rehearsal';
import { ORDERS_SETTINGS } from './testing/settings-fixture';

const ENDPOINT = 'http://127.0.0.1:4566';
const CASSANDRA = { contactPoints: ['127.0.0.1:19042'], localDataCenter: 'datacenter1', username: 'cassandra', password: 'cassandra-Secret-42' };
const GUARD = { roleArn: 'arn:aws:iam::222233334444:role/migration', sessionName: 'cockpit-app3101', allowedAccountIds: ['222233334444'] };

let mocks: MockHarness;
let mod: typeof RehearsalModule;

beforeAll(async () => {
  mocks = await installMocks({ project: 'platform-production', stack: 'app3101' });
  mod = await import('./rehearsal');
});

function cockpit(changes: Partial<CockpitConfig> = {}): CockpitConfig {
  return {
    target: 'rehearsal',
    stackId: 'platform-production/app3101',
    registrations: [],
    region: 'eu-central-1',
    rehearsalAwsEndpoint: ENDPOINT,
    rehearsalCassandra: pulumi.secret(CASSANDRA),
    ...changes,
  };
}

function deploy(instanceId: string, keyspaces: Record<string, unknown> = {}, project: Record<string, unknown> = {}, config: CockpitConfig = cockpit()) {
  mocks.configure({
    'keyspaces:settings': JSON.stringify(ORDERS_SETTINGS),
    ...Object.fromEntries(Object.entries(keyspaces).map(([key, value]) => [`keyspaces:${key}`, value])),
    ...Object.fromEntries(Object.entries(project).map(([key, value]) => [`platform-production:${key}`, value])),
  });
  return mod.keyspacesRehearsal.deploy({ cockpit: config, config: new pulumi.Config(), instanceId });
}

/** The dynamic resources registered since `from`, by logical name. */
function made(from: number): Map<string, RegisteredResource> {
  return new Map(mocks.resources.slice(from).map((resource) => [resource.name, resource]));
}

describe('the Keyspaces rehearsal part', () => {
  it('stands up the keyspace, its tables, the bulk load job and the proxy in the rehearsal', async () => {
    const from = mocks.resources.length;
    const outputs = deploy('app3101', {}, { keyspacesRehearsalRowsPerSecond: 500 })!;
    await mocks.settle();
    const resources = made(from);
    expect([...resources.keys()].sort()).toEqual([
      'keyspaces-bulk-load',
      'keyspaces-keyspace',
      'keyspaces-proxy',
      'keyspaces-table-customers',
      'keyspaces-table-orders',
    ]);
    expect(Object.fromEntries([...resources].map(([name, resource]) => [name, resource.type]))).toEqual({
      'keyspaces-keyspace': 'pulumi-nodejs:dynamic/cockpit:RehearsalKeyspace',
      'keyspaces-table-orders': 'pulumi-nodejs:dynamic/cockpit:RehearsalTable',
      'keyspaces-table-customers': 'pulumi-nodejs:dynamic/cockpit:RehearsalTable',
      'keyspaces-bulk-load': 'pulumi-nodejs:dynamic/cockpit:RehearsalGlueJob',
      'keyspaces-proxy': 'pulumi-nodejs:dynamic/cockpit:RehearsalProxy',
    });

    const keyspace = resources.get('keyspaces-keyspace')!;
    expect(keyspace.inputs).toMatchObject({ endpoint: ENDPOINT, region: 'eu-central-1', keyspace: 'orders_aws', cassandra: CASSANDRA });
    // The Cassandra's password stays secret, in the inputs and in the outputs the state keeps.
    expect(keyspace.secretInputs).toContain('cassandra');
    expect(keyspace.additionalSecretOutputs).toEqual(expect.arrayContaining(['cassandra', 'account']));
    expect(JSON.stringify(keyspace.plainInputs)).not.toContain(CASSANDRA.password);

    const orders = resources.get('keyspaces-table-orders')!;
    expect(orders.inputs).toMatchObject({
      keyspace: 'orders_aws',
      table: 'orders',
      schema: {
        allColumns: expect.arrayContaining([{ name: 'items', type: 'map<text, int>' }]),
        partitionKeys: [{ name: 'customer_id' }],
        clusteringKeys: [
          { name: 'created_at', orderBy: 'DESC' },
          { name: 'order_id', orderBy: 'ASC' },
        ],
      },
    });
    expect(orders.dependencies).toContain(keyspace.urn);
    expect(orders.secretInputs).toContain('cassandra');

    expect(resources.get('keyspaces-bulk-load')!.inputs).toMatchObject({
      name: 'platform-production-app3101-keyspaces-bulk-load',
      defaultArguments: { '--source-keyspace': 'orders', '--target-keyspace': 'orders_aws', '--tables': 'orders,customers', '--rows-per-second': '500' },
    });

    const proxy = resources.get('keyspaces-proxy')!;
    expect(proxy.inputs).toMatchObject({
      proxyId: 'app3101',
      primaryCluster: 'ORIGIN',
      readMode: 'PRIMARY_ONLY',
      originKeyspace: 'orders',
      targetKeyspace: 'orders_aws',
      tables: ['orders', 'customers'],
    });
    // The proxy writes into the tables: they are made first.
    expect(proxy.dependencies).toEqual(expect.arrayContaining([orders.urn, resources.get('keyspaces-table-customers')!.urn]));

    expect(await valueOf(outputs.keyspacesEndpoint)).toBe('127.0.0.1:19042');
    expect(await pulumi.isSecret(outputs.keyspacesEndpoint)).toBe(false);
    expect(await valueOf(outputs.bulkLoadJobName)).toBe('platform-production-app3101-keyspaces-bulk-load');
    expect(outputs.proxyPhase).toBe('primary=ORIGIN read=PRIMARY_ONLY');
    expect(outputs.proxyMetricsUrl).toBeDefined();
  });

  it('carries the phase and the account guard to the proxy, and the plan’s job name', async () => {
    const from = mocks.resources.length;
    mocks.configure({
      'keyspaces:settings': JSON.stringify({ ...ORDERS_SETTINGS, glueJob: 'orders-history-load' }),
      'keyspaces:primaryCluster': 'TARGET',
    });
    mod.keyspacesRehearsal.deploy({ cockpit: cockpit({ accountGuard: pulumi.secret(GUARD) }), config: new pulumi.Config(), instanceId: 'app3102' });
    await mocks.settle();
    const resources = made(from);
    expect(resources.get('keyspaces-proxy')!.inputs).toMatchObject({ primaryCluster: 'TARGET', readMode: 'PRIMARY_ONLY', account: GUARD });
    expect(resources.get('keyspaces-proxy')!.secretInputs).toContain('account');
    expect(resources.get('keyspaces-bulk-load')!.inputs).toMatchObject({ name: 'orders-history-load', account: GUARD });
    expect(resources.get('keyspaces-bulk-load')!.inputs.defaultArguments).not.toHaveProperty('--rows-per-second');
  });

  it('with keyspaces:proxy removed, registers no proxy and exports no metrics URL', async () => {
    const from = mocks.resources.length;
    const outputs = deploy('app3103', { primaryCluster: 'TARGET', proxy: 'removed' })!;
    await mocks.settle();
    expect([...made(from).keys()]).not.toContain('keyspaces-proxy');
    expect(outputs).not.toHaveProperty('proxyMetricsUrl');
    expect(outputs.proxyPhase).toBe('removed');
  });

  it('makes nothing without keyspaces:settings, and says what is missing or wrong', async () => {
    const from = mocks.resources.length;
    mocks.configure({});
    expect(mod.keyspacesRehearsal.deploy({ cockpit: cockpit(), config: new pulumi.Config(), instanceId: 'app3104' })).toBeUndefined();
    const { rehearsalCassandra: _omitted, ...withoutCassandra } = cockpit();
    expect(() => deploy('app3105', {}, {}, withoutCassandra)).toThrow(
      'cockpit:rehearsalCassandra is not set: the rehearsal has no Cassandra for the Keyspaces target',
    );
    const { rehearsalAwsEndpoint: _none, ...withoutEndpoint } = cockpit();
    expect(() => deploy('app3106', {}, {}, withoutEndpoint)).toThrow(/^cockpit:rehearsalAwsEndpoint is not set/);
    expect(() => deploy('app3107', { readMode: 'MIRRORED' })).toThrow(
      "keyspaces:readMode must be one of PRIMARY_ONLY, DUAL_ASYNC_ON_SECONDARY (got 'MIRRORED')",
    );
    expect(() => deploy('app3109', {}, { keyspacesRehearsalRowsPerSecond: 0.5 })).toThrow(
      'platform-production:keyspacesRehearsalRowsPerSecond must be a whole number of rows per second, at least 1 (got 0.5)',
    );
    expect(() => {
      mocks.configure({ 'keyspaces:settings': '{"tables": ' });
      return mod.keyspacesRehearsal.deploy({ cockpit: cockpit(), config: new pulumi.Config(), instanceId: 'app3110' });
    }).toThrow(/^keyspaces:settings is not valid JSON/);
    // Every check comes before the first resource.
    await mocks.settle();
    expect(mocks.resources.length).toBe(from);
  });
});
