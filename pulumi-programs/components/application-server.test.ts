// ApplicationServer with Pulumi runtime mocks: the resources it registers, their key inputs and options.
import { beforeAll, describe, expect, it } from 'vitest';
import { installMocks, valueOf, type MockHarness } from './testing/pulumi-mocks';
import type * as ApplicationServerModule from './application-server';
import type { ApplicationServerArgs } from './application-server';

let mocks: MockHarness;
let mod: typeof ApplicationServerModule;

beforeAll(async () => {
  mocks = await installMocks({ project: 'platform-production', stack: 'app1101' });
  // Only after setMocks: the module's resources must register with the mock monitor.
  mod = await import('./application-server');
});

const args = (overrides: Partial<ApplicationServerArgs> = {}): ApplicationServerArgs => ({
  prefix: 'platform-production',
  instanceId: 'app1101',
  instanceType: 't3.large',
  amiId: 'ami-0abcdef1234567890',
  subnetId: 'subnet-0aaa',
  vpcId: 'vpc-0bbb',
  allowedCidrs: ['172.20.0.0/14', '10.40.0.0/16'],
  ports: [443, 8443],
  volumeSizeGiB: 40,
  tags: { Owner: 'it-ops' },
  ...overrides,
});

describe('ApplicationServer', () => {
  it('registers an EC2 instance and its security group under the component', async () => {
    const server = new mod.ApplicationServer('app1101', args());
    await mocks.settle();

    const component = mocks.named('app1101');
    expect(component).toMatchObject({ type: 'cockpit:migration:ApplicationServer', custom: false });
    const instance = mocks.named('app1101-server');
    const group = mocks.named('app1101-sg');
    expect(instance).toMatchObject({ type: 'aws:ec2/instance:Instance', custom: true, parent: component.urn });
    expect(group).toMatchObject({ type: 'aws:ec2/securityGroup:SecurityGroup', custom: true, parent: component.urn });

    expect(instance.inputs).toMatchObject({
      instanceType: 't3.large',
      ami: 'ami-0abcdef1234567890',
      subnetId: 'subnet-0aaa',
      vpcSecurityGroupIds: ['app1101-sg-id'],
      associatePublicIpAddress: false,
      metadataOptions: { httpTokens: 'required' },
      tags: { Name: 'platform-production-app1101-app', Owner: 'it-ops' },
    });
    expect(instance.inputs.rootBlockDevice).toMatchObject({ volumeType: 'gp3', encrypted: true, volumeSize: 40, deleteOnTermination: true });
    expect(server.serverName).toBe('platform-production-app1101-app');
    expect(instance.dependencies).toContain(group.urn);

    expect(group.inputs).toMatchObject({ vpcId: 'vpc-0bbb', tags: { Name: 'platform-production-app1101-app-sg' } });
    expect(group.inputs.ingress).toEqual([
      { protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['172.20.0.0/14', '10.40.0.0/16'], description: 'application port 443' },
      { protocol: 'tcp', fromPort: 8443, toPort: 8443, cidrBlocks: ['172.20.0.0/14', '10.40.0.0/16'], description: 'application port 8443' },
    ]);
    expect(group.inputs.egress).toEqual([{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'], description: 'all outbound traffic' }]);

    expect(await valueOf(server.serverId)).toBe('app1101-server-id');
    expect(await valueOf(server.privateIp)).toBe('10.40.0.10');
  });

  it('replaces the server delete-before-replace when the AMI or the instance type changes', async () => {
    new mod.ApplicationServer('app1102', args({ instanceId: 'app1102' }));
    await mocks.settle();
    const instance = mocks.named('app1102-server');
    expect(instance.deleteBeforeReplace).toBe(true);
    expect(instance.replaceOnChanges).toEqual(['ami', 'instanceType']);
    expect(instance.ignoreChanges).toEqual([]);
    // The security group is auto-named, so it keeps the default create-before-replace.
    expect(mocks.named('app1102-sg').deleteBeforeReplace).toBe(false);
  });

  it('ignores later AMI lookups when asked to, so a new image does not rebuild the server', async () => {
    new mod.ApplicationServer('app1103', args({ instanceId: 'app1103', ignoreAmiUpdates: true }));
    await mocks.settle();
    expect(mocks.named('app1103-server')).toMatchObject({ ignoreChanges: ['ami'], deleteBeforeReplace: true });
  });

  it('refuses bad arguments with a clear message and registers nothing', async () => {
    const cases: [Partial<ApplicationServerArgs>, string | RegExp][] = [
      [{ allowedCidrs: [] }, 'cockpit:migration:ApplicationServer bad: allowedCidrs must list at least one CIDR block (e.g. 172.20.0.0/14)'],
      [{ allowedCidrs: ['172.20.0.1/14'] }, /allowedCidrs '172.20.0.1\/14' has host bits set: did you mean 172.20.0.0\/14\?/],
      [{ volumeSizeGiB: 4 }, 'cockpit:migration:ApplicationServer bad: volumeSizeGiB must be a whole number from 8 to 16384 (got 4)'],
      [{ volumeSizeGiB: 40.5 }, /volumeSizeGiB must be a whole number/],
      [{ ports: [] }, /ports must list at least one port/],
      [{ ports: [443, 443] }, /ports lists a port twice/],
      [{ ports: [70000] }, /ports must be a whole number from 1 to 65535/],
      [{ instanceType: 'large' }, /instanceType must be an instance type like m6i.large \(got 'large'\)/],
      [{ instanceId: 'App1101' }, /instanceId must start with a lower-case letter/],
    ];
    for (const [overrides, message] of cases) {
      expect(() => new mod.ApplicationServer('bad', args(overrides))).toThrow(message);
    }
    await mocks.settle();
    expect(mocks.resources.filter((resource) => resource.name.startsWith('bad'))).toEqual([]);
  });
});
