// DataReplication with Pulumi runtime mocks: endpoints, the full-load-and-cdc task, its table mappings and
// settings, and the ARN segment CloudWatch keys task metrics by.
import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import { installMocks, MOCK_ACCOUNT, valueOf, type MockHarness } from '../../components/testing/pulumi-mocks';
import type * as DataReplicationModule from './data-replication';
import type { DataReplicationArgs } from './data-replication';

const SOURCE_PASSWORD = 'dc2-Source-Pass-11';
const TARGET_PASSWORD = 'rds-Target-Pass-22';
const INSTANCE_ARN = `arn:aws:dms:eu-central-1:${MOCK_ACCOUNT}:rep:NETWORKEUCENTRAL1DMS`;
let mocks: MockHarness;
let mod: typeof DataReplicationModule;

beforeAll(async () => {
  mocks = await installMocks({ project: 'platform-production', stack: 'app1101' });
  mod = await import('./data-replication');
});

const args = (overrides: Partial<DataReplicationArgs> = {}): DataReplicationArgs => ({
  instanceId: 'app1101',
  replicationInstanceArn: INSTANCE_ARN,
  source: { host: 'app1101-db.dc2.example.internal', username: 'dms', password: pulumi.secret(SOURCE_PASSWORD) },
  target: { host: 'platform-production-app1101-db.c0ffee.eu-central-1.rds.amazonaws.com', port: 3306, username: 'admin', password: TARGET_PASSWORD },
  schemas: ['servicedesk', 'attachments'],
  tags: { Owner: 'it-ops' },
  ...overrides,
});

describe('DataReplication', () => {
  it('registers source and target MySQL endpoints and a full-load-and-cdc task on the replication instance', async () => {
    const replication = new mod.DataReplication('app1101', args());
    await mocks.settle();

    const component = mocks.named('app1101');
    expect(component).toMatchObject({ type: 'cockpit:migration:DataReplication', custom: false });
    const source = mocks.named('app1101-source');
    const target = mocks.named('app1101-target');
    const task = mocks.named('app1101-task');
    for (const child of [source, target, task]) expect(child).toMatchObject({ custom: true, parent: component.urn, deleteBeforeReplace: true });

    expect(source).toMatchObject({
      type: 'aws:dms/endpoint:Endpoint',
      inputs: {
        endpointId: 'app1101-mysql-source',
        endpointType: 'source',
        engineName: 'mysql',
        serverName: 'app1101-db.dc2.example.internal',
        port: 3306,
        username: 'dms',
        sslMode: 'require',
      },
    });
    expect(target.inputs).toMatchObject({
      endpointId: 'app1101-mysql-target',
      endpointType: 'target',
      engineName: 'mysql',
      serverName: 'platform-production-app1101-db.c0ffee.eu-central-1.rds.amazonaws.com',
    });

    expect(task).toMatchObject({
      type: 'aws:dms/replicationTask:ReplicationTask',
      inputs: {
        replicationTaskId: 'app1101-mysql-full-load-cdc',
        migrationType: 'full-load-and-cdc',
        replicationInstanceArn: INSTANCE_ARN,
        sourceEndpointArn: `arn:aws:dms:eu-central-1:${MOCK_ACCOUNT}:endpoint:${(await valueOf(replication.sourceEndpoint.endpointArn)).split(':').pop()}`,
        targetEndpointArn: await valueOf(replication.targetEndpoint.endpointArn),
        startReplicationTask: false,
      },
    });
    expect(task.dependencies).toEqual(expect.arrayContaining([source.urn, target.urn]));
    expect(JSON.parse(task.inputs.tableMappings as string)).toEqual({
      rules: [
        {
          'rule-type': 'selection',
          'rule-id': '1',
          'rule-name': 'include-servicedesk',
          'object-locator': { 'schema-name': 'servicedesk', 'table-name': '%' },
          'rule-action': 'include',
        },
        {
          'rule-type': 'selection',
          'rule-id': '2',
          'rule-name': 'include-attachments',
          'object-locator': { 'schema-name': 'attachments', 'table-name': '%' },
          'rule-action': 'include',
        },
      ],
    });
    const settings = JSON.parse(task.inputs.replicationTaskSettings as string);
    expect(settings.ValidationSettings).toMatchObject({ EnableValidation: true, ValidationMode: 'ROW_LEVEL' });
    expect(settings.Logging.EnableLogging).toBe(true);
    expect(settings.Logging.LogComponents.map((component: { Id: string }) => component.Id)).toEqual(
      expect.arrayContaining(['SOURCE_CAPTURE', 'TARGET_APPLY', 'TASK_MANAGER']),
    );
    // AWS owns these: setting them, even to null, breaks the task.
    expect(settings.Logging).not.toHaveProperty('CloudWatchLogGroup');
    expect(settings.Logging).not.toHaveProperty('CloudWatchLogStream');
    expect(settings.FullLoadSettings.TargetTablePrepMode).toBe('DROP_AND_CREATE');
  });

  it('exports the task id, its ARN and the ARN segment CloudWatch uses as ReplicationTaskIdentifier', async () => {
    const replication = new mod.DataReplication('app1102', args({ instanceId: 'app1102' }));
    await mocks.settle();
    const arn = await valueOf(replication.replicationTaskArn);
    expect(arn).toMatch(new RegExp(`^arn:aws:dms:eu-central-1:${MOCK_ACCOUNT}:task:[A-Z0-9]+$`));
    expect(await valueOf(replication.replicationTaskId)).toBe('app1102-mysql-full-load-cdc');
    const resourceId = await valueOf(replication.replicationTaskResourceId);
    expect(resourceId).toBe(arn.split(':').pop());
    expect(resourceId).not.toBe('app1102-mysql-full-load-cdc');
  });

  it('keeps both passwords secret', async () => {
    new mod.DataReplication('app1103', args({ instanceId: 'app1103' }));
    await mocks.settle();
    for (const role of ['source', 'target']) {
      const endpoint = mocks.named(`app1103-${role}`);
      expect(endpoint.secretInputs).toEqual(['password']);
      expect(endpoint.additionalSecretOutputs).toContain('password');
    }
    expect(mocks.named('app1103-source').inputs.password).toBe(SOURCE_PASSWORD);
    expect(mocks.named('app1103-target').inputs.password).toBe(TARGET_PASSWORD);
    for (const resource of mocks.resources) {
      expect(JSON.stringify(resource.plainInputs)).not.toContain(SOURCE_PASSWORD);
      expect(JSON.stringify(resource.plainInputs)).not.toContain(TARGET_PASSWORD);
    }
  });

  it('passes through the task options it is given', async () => {
    new mod.DataReplication(
      'app1104',
      args({
        instanceId: 'app1104',
        startTask: true,
        targetTablePrepMode: 'DO_NOTHING',
        taskId: 'app1104-cdc',
        source: { ...args().source, port: 3307, sslMode: 'none' },
      }),
    );
    await mocks.settle();
    const task = mocks.named('app1104-task');
    expect(task.inputs).toMatchObject({ replicationTaskId: 'app1104-cdc', startReplicationTask: true });
    expect(JSON.parse(task.inputs.replicationTaskSettings as string).FullLoadSettings.TargetTablePrepMode).toBe('DO_NOTHING');
    expect(mocks.named('app1104-source').inputs).toMatchObject({ port: 3307, sslMode: 'none' });
  });

  it('refuses bad arguments with a clear message and registers nothing', async () => {
    const cases: [Partial<DataReplicationArgs>, string | RegExp][] = [
      [{ schemas: [] }, "cockpit:migration:DataReplication bad: schemas must list at least one schema ('%' for all)"],
      [{ source: { ...args().source, host: ' ' } }, /source.host must not be empty/],
      [{ target: { ...args().target, port: 0 } }, /target.port must be a whole number from 1 to 65535/],
      [{ taskId: 'app1101--cdc' }, /taskId must start with a lower-case letter and contain only lower-case letters, digits and single hyphens/],
    ];
    for (const [overrides, message] of cases) expect(() => new mod.DataReplication('bad', args(overrides))).toThrow(message);
    await mocks.settle();
    expect(mocks.resources.filter((resource) => resource.name.startsWith('bad'))).toEqual([]);
  });
});

describe('table mappings, task settings and ARNs', () => {
  it('with a wildcard, includes every schema but MySQL’s own', () => {
    const rules = JSON.parse(mod.tableMappings(['%'])).rules as Record<string, unknown>[];
    expect(rules[0]).toMatchObject({ 'rule-action': 'include', 'object-locator': { 'schema-name': '%', 'table-name': '%' } });
    expect(rules.slice(1).map((rule) => [rule['rule-action'], (rule['object-locator'] as Record<string, string>)['schema-name']])).toEqual([
      ['exclude', 'mysql'],
      ['exclude', 'sys'],
      ['exclude', 'performance_schema'],
      ['exclude', 'information_schema'],
    ]);
    expect(new Set(rules.map((rule) => rule['rule-id'])).size).toBe(rules.length);
  });

  it('takes the last segment of an ARN', () => {
    expect(mod.arnResourceId('arn:aws:dms:eu-central-1:123456789012:task:2PVREMWNPGYJCVU2IBPTOYTIV4')).toBe('2PVREMWNPGYJCVU2IBPTOYTIV4');
    expect(mod.arnResourceId('arn:aws:ecs:eu-central-1:123456789012:task/cluster/abc123')).toBe('abc123');
    expect(() => mod.arnResourceId('app1101-mysql-full-load-cdc')).toThrow("'app1101-mysql-full-load-cdc' is not an ARN");
  });
});
