// keyspaces:settings as both parts read it: the plan's shape parsed, every bad field named with the key; and the
// small helpers the parts share.
import { describe, expect, it } from 'vitest';
import { boundedName } from './dual-write-proxy';
import { parseS3Uri } from './bulk-load-job';
import { defaultBulkLoadJobName, keyspacesHostOf, parseKeyspacesSettings, phaseWords, schemaDefinitionOf, splitContactPoint } from './settings';
import { ORDERS_SETTINGS } from './testing/settings-fixture';

const withSettings = (change: (settings: Record<string, unknown>) => void): string => {
  const settings = structuredClone(ORDERS_SETTINGS) as unknown as Record<string, unknown>;
  change(settings);
  return JSON.stringify(settings);
};
const tableOf = (settings: Record<string, unknown>, index = 0) => (settings.tables as Record<string, unknown>[])[index]!;

describe('keyspaces:settings', () => {
  it('reads the plan’s keyspaces, origin and tables, clustering order included', () => {
    const settings = parseKeyspacesSettings(JSON.stringify({ ...ORDERS_SETTINGS, glueJob: 'orders-load' }));
    expect(settings).toMatchObject({ originKeyspace: 'orders', targetKeyspace: 'orders_aws', glueJob: 'orders-load', origin: ORDERS_SETTINGS.origin });
    expect(settings.tables[0]?.clusteringKey).toEqual([
      { name: 'created_at', orderBy: 'DESC' },
      { name: 'order_id', orderBy: 'ASC' },
    ]);
    expect(schemaDefinitionOf(settings.tables[1]!)).toEqual({
      allColumns: [
        { name: 'customer_id', type: 'uuid' },
        { name: 'region', type: 'text' },
        { name: 'name', type: 'text' },
      ],
      partitionKeys: [{ name: 'customer_id' }, { name: 'region' }],
      clusteringKeys: [],
    });
    // The core leaves an empty clusteringKey out as often as it writes it.
    const bare = parseKeyspacesSettings(withSettings((s) => delete tableOf(s, 1).clusteringKey));
    expect(bare.tables[1]?.clusteringKey).toEqual([]);
    expect(bare).not.toHaveProperty('glueJob');
  });

  it('names the field that is wrong', () => {
    const cases: [string, string][] = [
      ['null', 'keyspaces:settings must be a JSON object { originKeyspace, targetKeyspace, origin, tables }'],
      [
        withSettings((s) => delete s.originKeyspace),
        'keyspaces:settings: originKeyspace must be a CQL name: 1-48 letters, digits or underscores, starting with a letter (got nothing)',
      ],
      [withSettings((s) => (s.origin = 'dc1')), 'keyspaces:settings: origin must be an object { contactPoints, localDataCenter }'],
      [withSettings((s) => (s.origin = { contactPoints: [], localDataCenter: 'dc1' })), 'keyspaces:settings: origin.contactPoints must list at least 1'],
      [
        withSettings((s) => (s.origin = { contactPoints: ['10.0.0.1:90x'], localDataCenter: 'dc1' })),
        'keyspaces:settings: origin.contactPoints[0] must be a host name or IP address, optionally with :port (got "10.0.0.1:90x")',
      ],
      [
        withSettings((s) => (s.origin = { contactPoints: ['10.0.0.1'] })),
        'keyspaces:settings: origin.localDataCenter must be the name of the data center the driver treats as local (got nothing)',
      ],
      [withSettings((s) => (s.tables = [])), 'keyspaces:settings: tables must list at least 1'],
      [
        withSettings((s) => (tableOf(s).name = 'order-lines')),
        'keyspaces:settings: tables[0].name must be a CQL name: 1-48 letters, digits or underscores, starting with a letter (got "order-lines")',
      ],
      [withSettings((s) => (tableOf(s).partitionKey = [])), 'keyspaces:settings: tables[0] (orders).partitionKey must list at least 1'],
      [
        withSettings((s) => (tableOf(s).clusteringKey = ['created_at DOWN'])),
        'keyspaces:settings: tables[0] (orders).clusteringKey[0] must be a column name, optionally followed by ASC or DESC (got "created_at DOWN")',
      ],
      [
        withSettings((s) => (tableOf(s).columns = {})),
        'keyspaces:settings: tables[0] (orders).columns must map each column to its CQL type, e.g. { "id": "uuid" }',
      ],
      [
        withSettings((s) => (tableOf(s).columns = { ...(tableOf(s).columns as object), total: 'decimal); DROP KEYSPACE orders; --' })),
        'keyspaces:settings: tables[0] (orders).columns.total must be a CQL type such as int, text or map<text, int> (got "decimal); DROP KEYSPACE orders; --")',
      ],
      [
        withSettings((s) => (tableOf(s).clusteringKey = ['placed_at'])),
        'keyspaces:settings: tables[0] (orders) has key column placed_at, which its columns do not define',
      ],
      [
        withSettings((s) => (tableOf(s).clusteringKey = ['customer_id'])),
        'keyspaces:settings: tables[0] (orders) names a column twice in its partitionKey and clusteringKey',
      ],
      [withSettings((s) => (tableOf(s, 1).name = 'ORDERS')), 'keyspaces:settings: tables lists table ORDERS twice'],
      [
        withSettings((s) => (s.glueJob = 'orders load')),
        'keyspaces:settings: glueJob must be a Glue job name (1-255 letters, digits, _ . -) (got "orders load")',
      ],
    ];
    for (const [raw, message] of cases) expect(() => parseKeyspacesSettings(raw), message).toThrow(message);
  });
});

describe('the parts’ helpers', () => {
  it('says the phase in words', () => {
    expect(phaseWords({ primaryCluster: 'ORIGIN', readMode: 'PRIMARY_ONLY', proxy: 'present' })).toBe('primary=ORIGIN read=PRIMARY_ONLY');
    expect(phaseWords({ primaryCluster: 'TARGET', readMode: 'PRIMARY_ONLY', proxy: 'removed' })).toBe('removed');
  });

  it('splits contact points and knows Keyspaces’ host per region', () => {
    expect(splitContactPoint('10.20.0.11:9043')).toEqual({ host: '10.20.0.11', port: 9043 });
    expect(splitContactPoint('cass-2.dc.example.internal')).toEqual({ host: 'cass-2.dc.example.internal', port: 9042 });
    expect(splitContactPoint('[fd00::11]:9042')).toEqual({ host: 'fd00::11', port: 9042 });
    expect(keyspacesHostOf('eu-central-1')).toBe('cassandra.eu-central-1.amazonaws.com');
    expect(keyspacesHostOf('cn-north-1')).toBe('cassandra.cn-north-1.amazonaws.com.cn');
  });

  it('names the default bulk load job per instance, and bounds AWS names stably', () => {
    expect(defaultBulkLoadJobName('platform-production', 'app1101')).toBe('platform-production-app1101-keyspaces-bulk-load');
    expect(boundedName('platform-production-app1101-zdm', 32)).toBe('platform-production-app1101-zdm');
    const long = boundedName('platform-production-eu-app110123-zdm', 32);
    expect(long).toHaveLength(32);
    expect(long).toBe(boundedName('platform-production-eu-app110123-zdm', 32));
    expect(long).not.toBe(boundedName('platform-production-eu-app110124-zdm', 32));
    expect(parseS3Uri('s3://migration-scripts/keyspaces/load.py')).toEqual({ bucket: 'migration-scripts', key: 'keyspaces/load.py' });
    expect(parseS3Uri('s3://migration-scripts/')).toBeUndefined();
  });
});
