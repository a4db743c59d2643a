// MysqlTarget with Pulumi runtime mocks: the RDS instance's engine, storage, safety settings, and that the
// master password never leaves as plain text.
import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import { installMocks, valueOf, type MockHarness } from '../../components/testing/pulumi-mocks';
import type * as MysqlTargetModule from './mysql-target';
import type { MysqlTargetArgs } from './mysql-target';

const PASSWORD = 'mock-Password-0451';
let mocks: MockHarness;
let mod: typeof MysqlTargetModule;

beforeAll(async () => {
  mocks = await installMocks({ project: 'platform-production', stack: 'app1101' });
  mod = await import('./mysql-target');
});

const args = (overrides: Partial<MysqlTargetArgs> = {}): MysqlTargetArgs => ({
  prefix: 'platform-production',
  instanceId: 'app1101',
  instanceClass: 'db.m6g.large',
  allocatedStorageGiB: 100,
  multiAz: true,
  subnetIds: ['subnet-0a', 'subnet-0b', 'subnet-0c'],
  vpcId: 'vpc-0bbb',
  allowedCidrs: ['10.40.0.0/16'],
  password: pulumi.secret(PASSWORD),
  tags: { Owner: 'it-ops' },
  ...overrides,
});

describe('MysqlTarget', () => {
  it('registers an encrypted Multi-AZ RDS MySQL 8.0 instance in its own subnet group and security group', async () => {
    const target = new mod.MysqlTarget('app1101', args());
    await mocks.settle();

    const component = mocks.named('app1101');
    expect(component).toMatchObject({ type: 'cockpit:migration:MysqlTarget', custom: false });
    const db = mocks.named('app1101-db');
    expect(db).toMatchObject({ type: 'aws:rds/instance:Instance', custom: true, parent: component.urn });
    expect(db.inputs).toMatchObject({
      identifier: 'platform-production-app1101-db',
      engine: 'mysql',
      engineVersion: '8.0',
      instanceClass: 'db.m6g.large',
      allocatedStorage: 100,
      storageType: 'gp3',
      storageEncrypted: true,
      multiAz: true,
      publiclyAccessible: false,
      username: 'admin',
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: 'platform-production-app1101-db-final',
      deletionProtection: true,
      backupRetentionPeriod: 7,
      dbSubnetGroupName: 'app1101-db-subnets',
      vpcSecurityGroupIds: ['app1101-db-sg-id'],
      tags: { Name: 'platform-production-app1101-db', Owner: 'it-ops' },
    });
    expect(db.inputs).not.toHaveProperty('maxAllocatedStorage');

    expect(mocks.named('app1101-db-subnets')).toMatchObject({
      type: 'aws:rds/subnetGroup:SubnetGroup',
      parent: component.urn,
      inputs: { subnetIds: ['subnet-0a', 'subnet-0b', 'subnet-0c'] },
    });
    const group = mocks.named('app1101-db-sg');
    expect(group.inputs.ingress).toEqual([{ protocol: 'tcp', fromPort: 3306, toPort: 3306, cidrBlocks: ['10.40.0.0/16'], description: 'MySQL' }]);
    expect(group.inputs).not.toHaveProperty('egress');

    expect(await valueOf(target.endpoint)).toBe('platform-production-app1101-db.c0ffee.eu-central-1.rds.amazonaws.com');
    expect(await valueOf(target.port)).toBe(3306);
  });

  it('keeps the password secret: on the wire, in the resource outputs and in the component', async () => {
    // Even a plain password argument is sent as a secret.
    const target = new mod.MysqlTarget('app1102', args({ instanceId: 'app1102', password: PASSWORD }));
    await mocks.settle();
    const db = mocks.named('app1102-db');
    expect(db.secretInputs).toEqual(['password']);
    expect(db.additionalSecretOutputs).toContain('password');
    expect(db.inputs.password).toBe(PASSWORD);
    expect(await pulumi.isSecret(target.password)).toBe(true);
    expect(await pulumi.isSecret(target.instance.password)).toBe(true);
    for (const resource of mocks.resources) expect(JSON.stringify(resource.plainInputs)).not.toContain(PASSWORD);
  });

  it('takes the safety settings it is given', async () => {
    new mod.MysqlTarget(
      'app1103',
      args({
        instanceId: 'app1103',
        multiAz: false,
        deletionProtection: false,
        maxAllocatedStorageGiB: 500,
        finalSnapshotIdentifier: 'app1103-before-rollback',
        username: 'cockpit',
      }),
    );
    await mocks.settle();
    expect(mocks.named('app1103-db').inputs).toMatchObject({
      multiAz: false,
      deletionProtection: false,
      maxAllocatedStorage: 500,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: 'app1103-before-rollback',
      username: 'cockpit',
    });
  });

  it('refuses bad arguments with a clear message and registers nothing', async () => {
    const cases: [Partial<MysqlTargetArgs>, string | RegExp][] = [
      [{ subnetIds: ['subnet-0a'] }, /subnetIds must list subnets in at least two availability zones/],
      [{ instanceClass: 'm6g.large' }, "cockpit:migration:MysqlTarget bad: instanceClass must be an instance type like db.m6g.large (got 'm6g.large')"],
      [{ allocatedStorageGiB: 10 }, /allocatedStorageGiB must be a whole number from 20 to 65536 \(got 10\)/],
      [{ maxAllocatedStorageGiB: 100 }, /maxAllocatedStorageGiB must be a whole number from 101/],
      [{ allowedCidrs: [] }, /allowedCidrs must list at least one CIDR block/],
      [{ password: '' }, /password must not be empty/],
      [{ prefix: 'a-very-long-prefix-for-the-platform-production-ou' }, /longer than 57 characters/],
    ];
    for (const [overrides, message] of cases) expect(() => new mod.MysqlTarget('bad', args(overrides))).toThrow(message);
    await mocks.settle();
    expect(mocks.resources.filter((resource) => resource.name.startsWith('bad'))).toEqual([]);
  });
});
