// Tests of app-instance/aws.ts (kept here: app-instance/ holds only the program and its AWS module).
// deployAws with Pulumi runtime mocks and the stack config the cockpit writes (examples/demo/migration.yaml's
// app1101), once with explicit network values and once reading them from the network foundation stack.
import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoAppInstanceConfig } from './testing/app-instance-config';
import { installMocks, MOCK_ACCOUNT, valueOf, type MockHarness } from './testing/pulumi-mocks';
import type * as AwsModule from '../app-instance/aws';

const PASSWORD = 'app1101-Db-Secret-77';
const NETWORK_STACK = 'organization/core-networking/network-eu-central-1';
const DMS_ARN = `arn:aws:dms:eu-central-1:${MOCK_ACCOUNT}:rep:NETWORKDMS`;
let mocks: MockHarness;
let mod: typeof AwsModule;

const demoConfig = (stack: string, extra: Record<string, unknown> = {}) => demoAppInstanceConfig(stack, PASSWORD, extra);
const secretKeys = ['platform-production:dbPassword'];

beforeAll(async () => {
  mocks = await installMocks({
    project: 'platform-production',
    stack: 'app1101',
    stackOutputs: {
      [NETWORK_STACK]: {
        vpcId: 'vpc-0net',
        vpcCidr: '10.40.0.0/16',
        onPremisesCidr: '172.20.0.0/14',
        privateSubnetIds: ['subnet-0a', 'subnet-0b', 'subnet-0c'],
        replicationInstanceArn: DMS_ARN,
      },
    },
  });
  mod = await import('../app-instance/aws');
});

const explicitNetwork = {
  amiId: 'ami-0abcdef1234567890',
  vpcId: 'vpc-0bbb',
  subnetIds: ['subnet-1a', 'subnet-1b'],
  replicationInstanceArn: DMS_ARN,
  allowedCidrs: ['172.20.0.0/14'],
  dbAllowedCidrs: ['10.40.0.0/16'],
};

describe('deployAws', () => {
  it('composes the server, the RDS target and the replication from the stack config', async () => {
    mocks.configure(demoConfig('app1101', explicitNetwork), secretKeys);
    const outputs = mod.deployAws({ stackId: 'platform-production/app1101' });
    await mocks.settle();

    const types = mocks.resources.filter((resource) => resource.name.startsWith('app1101')).map((resource) => `${resource.type} ${resource.name}`);
    expect(types.sort()).toEqual(
      [
        'cockpit:migration:ApplicationServer app1101',
        'aws:ec2/securityGroup:SecurityGroup app1101-sg',
        'aws:ec2/instance:Instance app1101-server',
        'cockpit:migration:MysqlTarget app1101',
        'aws:rds/subnetGroup:SubnetGroup app1101-db-subnets',
        'aws:ec2/securityGroup:SecurityGroup app1101-db-sg',
        'aws:rds/instance:Instance app1101-db',
        'cockpit:migration:DataReplication app1101',
        'aws:dms/endpoint:Endpoint app1101-source',
        'aws:dms/endpoint:Endpoint app1101-target',
        'aws:dms/replicationTask:ReplicationTask app1101-task',
      ].sort(),
    );

    const server = mocks.named('app1101-server');
    expect(server.inputs).toMatchObject({
      instanceType: 't3.large',
      ami: 'ami-0abcdef1234567890',
      tags: { Name: 'platform-production-app1101-app', Owner: 'it-ops', Application: 'app1101', 'cockpit:stack': 'platform-production/app1101' },
    });
    expect(server.inputs.rootBlockDevice).toMatchObject({ volumeType: 'gp3', encrypted: true, volumeSize: 30 });
    expect(server).toMatchObject({ deleteBeforeReplace: true, replaceOnChanges: ['ami', 'instanceType'], ignoreChanges: [] });
    // The server's subnet is a stable pick among the given ones.
    expect(['subnet-1a', 'subnet-1b']).toContain(server.inputs.subnetId);
    expect(mocks.named('app1101-sg').inputs).toMatchObject({ vpcId: 'vpc-0bbb', ingress: [{ fromPort: 443, cidrBlocks: ['172.20.0.0/14'] }] });

    expect(mocks.named('app1101-db').inputs).toMatchObject({
      engine: 'mysql',
      engineVersion: '8.0',
      instanceClass: 'db.t4g.medium',
      storageEncrypted: true,
      multiAz: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
    });
    expect(mocks.named('app1101-db-subnets').inputs.subnetIds).toEqual(['subnet-1a', 'subnet-1b']);

    expect(mocks.named('app1101-source').inputs).toMatchObject({ serverName: 'app1101-db.dc2.example.internal', username: 'admin' });
    expect(mocks.named('app1101-target').inputs).toMatchObject({
      serverName: 'platform-production-app1101-db.c0ffee.eu-central-1.rds.amazonaws.com',
      port: 3306,
    });
    const task = mocks.named('app1101-task');
    expect(task.inputs).toMatchObject({
      migrationType: 'full-load-and-cdc',
      replicationTaskId: 'app1101-mysql-full-load-cdc',
      replicationInstanceArn: DMS_ARN,
    });
    // databaseSchemas defaults to every non-system schema.
    expect(JSON.parse(task.inputs.tableMappings as string).rules[0]['object-locator']).toEqual({ 'schema-name': '%', 'table-name': '%' });

    const arn = await valueOf(outputs.replicationTaskArn);
    expect(arn).toMatch(/^arn:aws:dms:eu-central-1:\d{12}:task:[A-Z0-9]+$/);
    expect({
      serverId: await valueOf(outputs.serverId),
      serverName: outputs.serverName,
      privateIp: await valueOf(outputs.privateIp),
      healthUrl: await valueOf(outputs.healthUrl),
      dbEndpoint: await valueOf(outputs.dbEndpoint),
      dbPort: await valueOf(outputs.dbPort),
      replicationTaskId: await valueOf(outputs.replicationTaskId),
      replicationTaskResourceId: await valueOf(outputs.replicationTaskResourceId),
    }).toEqual({
      serverId: 'app1101-server-id',
      serverName: 'platform-production-app1101-app',
      privateIp: '10.40.0.10',
      healthUrl: 'https://10.40.0.10/healthz',
      dbEndpoint: 'platform-production-app1101-db.c0ffee.eu-central-1.rds.amazonaws.com',
      dbPort: 3306,
      replicationTaskId: 'app1101-mysql-full-load-cdc',
      replicationTaskResourceId: arn.split(':').pop(),
    });
  });

  it('keeps the dbPassword config secret wherever it goes', async () => {
    // Resources of the previous test carry it too: check every registration so far.
    const carriers = mocks.resources.filter((resource) => resource.secretInputs.includes('password')).map((resource) => resource.name);
    expect(carriers.sort()).toEqual(['app1101-db', 'app1101-source', 'app1101-target']);
    expect(mocks.named('app1101-source').inputs.password).toBe(PASSWORD);
    for (const resource of mocks.resources) expect(JSON.stringify(resource.plainInputs)).not.toContain(PASSWORD);
    const settings = (await import('../tracks/dms/aws')).readDmsAwsSettings(new pulumi.Config());
    expect(await pulumi.isSecret(settings.dbPassword)).toBe(true);
    expect(await pulumi.isSecret(settings.sourceDatabasePassword)).toBe(true);
  });

  it('reads the network from the network foundation stack and looks the AMI up once', async () => {
    mocks.configure(demoConfig('app1102', { networkStack: NETWORK_STACK, instanceType: 'm6g.large', volumeSizeGiB: 80, appPorts: [8080] }), secretKeys);
    const outputs = mod.deployAws({ stackId: 'platform-production/app1102' });
    await mocks.settle();

    expect(mocks.named('app1102-network')).toMatchObject({ type: 'pulumi:pulumi:StackReference', read: true, inputs: { name: NETWORK_STACK } });
    const server = mocks.named('app1102-server');
    expect(server.inputs).toMatchObject({ instanceType: 'm6g.large', ami: 'ami-0123456789abcdef0', rootBlockDevice: { volumeSize: 80 } });
    expect(['subnet-0a', 'subnet-0b', 'subnet-0c']).toContain(server.inputs.subnetId);
    // A looked-up AMI: later images must not rebuild the server.
    expect(server.ignoreChanges).toEqual(['ami']);
    expect(mocks.invokes).toContainEqual({
      token: 'aws:ssm/getParameter:getParameter',
      args: expect.objectContaining({ name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64' }),
    });
    expect(mocks.named('app1102-sg').inputs).toMatchObject({
      vpcId: 'vpc-0net',
      ingress: [{ fromPort: 8080, toPort: 8080, cidrBlocks: ['172.20.0.0/14', '10.40.0.0/16'] }],
    });
    expect(mocks.named('app1102-db-sg').inputs).toMatchObject({ vpcId: 'vpc-0net', ingress: [{ fromPort: 3306, cidrBlocks: ['10.40.0.0/16'] }] });
    expect(mocks.named('app1102-db-subnets').inputs.subnetIds).toEqual(['subnet-0a', 'subnet-0b', 'subnet-0c']);
    expect(mocks.named('app1102-task').inputs.replicationInstanceArn).toBe(DMS_ARN);
    expect(await valueOf(outputs.replicationTaskId)).toBe('app1102-mysql-full-load-cdc');
  });

  it('says which config key is missing or wrong', () => {
    const attempt = (stack: string, extra: Record<string, unknown>, drop: string[] = []) => {
      const config: Record<string, unknown> = demoConfig(stack, extra);
      for (const key of drop) delete config[`platform-production:${key}`];
      mocks.configure(config, secretKeys);
      return () => mod.deployAws({ stackId: `platform-production/${stack}` });
    };
    expect(attempt('app1201', { amiId: 'ami-1' })).toThrow(
      "platform-production:vpcId is not set and there is no platform-production:networkStack to read 'vpcId' from",
    );
    expect(attempt('app1202', explicitNetwork, ['dbPassword'])).toThrow(/platform-production:dbPassword/);
    expect(attempt('app1203', explicitNetwork, ['sourceDatabaseHost'])).toThrow(/platform-production:sourceDatabaseHost/);
    expect(attempt('app1204', { ...explicitNetwork, subnetIds: ['subnet-1a'] })).toThrow(/subnetIds must list private subnets in at least two/);
    expect(attempt('app1301', { ...explicitNetwork, subnetIds: 'subnet-1a' })).toThrow(
      "Configuration 'platform-production:subnetIds' value 'subnet-1a' is not a valid JSON object",
    );
    expect(attempt('app1302', { ...explicitNetwork, sourceDatabaseSslMode: 'on' })).toThrow(/sourceDatabaseSslMode must be one of none, require/);
    expect(attempt('app1303', { ...explicitNetwork, volumeSizeGiB: 2 })).toThrow(/volumeSizeGiB must be a whole number from 8/);
    expect(attempt('app1401', { ...explicitNetwork, instanceType: 'T3.Large' })).toThrow(/instanceType must be an instance type/);
  });
});

describe('helpers', () => {
  it('knows Graviton instance types', () => {
    for (const type of ['t4g.medium', 'm6g.large', 'm6gd.xlarge', 'c7gn.2xlarge', 'r8g.large', 'x2gd.medium']) expect(mod.architectureOf(type)).toBe('arm64');
    for (const type of ['t3.large', 'm6i.large', 'r6i.xlarge', 'm7i-flex.large', 'g5.xlarge', 'c6a.large']) expect(mod.architectureOf(type)).toBe('x86_64');
  });

  it('spreads servers over subnets stably', () => {
    const picks = ['app1101', 'app1102', 'app1103', 'app1201', 'app1202', 'app1203'].map((id) => mod.subnetIndexFor(id, 3));
    expect(new Set(picks).size).toBeGreaterThan(1);
    expect(picks.every((pick) => pick >= 0 && pick < 3)).toBe(true);
    expect(mod.subnetIndexFor('app1101', 3)).toBe(mod.subnetIndexFor('app1101', 3));
  });
});
