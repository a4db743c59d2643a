// The network foundation program with Pulumi runtime mocks: the AWS resources built from the plan, and the
// rehearsal path that builds none.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { installMocks, MOCK_ACCOUNT, valueOf, type MockHarness } from '../components/testing/pulumi-mocks';
import type * as AwsNetworkModule from './aws';
import type * as ProgramModule from './program';
import type { NetworkSettings } from './program';

let mocks: MockHarness;
let program: typeof ProgramModule;
let awsNetwork: typeof AwsNetworkModule;

beforeAll(async () => {
  mocks = await installMocks({ project: 'core-networking', stack: 'network-eu-central-1' });
  program = await import('./program');
  awsNetwork = await import('./aws');
});

/** The demo plan's network stack (examples/demo/migration.yaml). */
const settings = (prefix: string, overrides: Partial<NetworkSettings['planInput']> = {}, dms: Partial<NetworkSettings['dms']> = {}): NetworkSettings => ({
  prefix,
  planInput: { vpcCidr: '10.40.0.0/16', onPremisesCidr: '172.20.0.0/14', transitGatewayId: 'tgw-0a1b2c3d4e5f60718', ...overrides },
  dms: { instanceClass: 'dms.t3.medium', allocatedStorageGiB: 50, multiAz: false, createVpcRole: false, ...dms },
  tags: { ManagedBy: 'migration-cockpit' },
});
const ofPrefix = (prefix: string) => mocks.resources.filter((resource) => resource.name.startsWith(prefix));

describe('network foundation on AWS', () => {
  it('builds the VPC, one private subnet per zone, the transit gateway attachment and route, and the DMS instance', async () => {
    const outputs = program.networkFoundation({ target: 'aws' }, settings('network-eu-central-1'), () => awsNetwork);
    await mocks.settle();

    const component = mocks.named('network-eu-central-1');
    expect(component).toMatchObject({ type: 'cockpit:network:Foundation', custom: false });
    for (const child of ofPrefix('network-eu-central-1-')) expect(child.parent).toBe(component.urn);

    expect(mocks.one('aws:ec2/vpc:Vpc').inputs).toMatchObject({
      cidrBlock: '10.40.0.0/16',
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: 'network-eu-central-1-vpc' },
    });
    // Zones were not named in the config: the region's are looked up.
    expect(mocks.invokes.map((invoke) => invoke.token)).toContain('aws:index/getAvailabilityZones:getAvailabilityZones');
    expect(mocks.byType('aws:ec2/subnet:Subnet').map((subnet) => [subnet.name, subnet.inputs.cidrBlock, subnet.inputs.availabilityZone])).toEqual([
      ['network-eu-central-1-private-1', '10.40.0.0/20', 'eu-central-1a'],
      ['network-eu-central-1-private-2', '10.40.16.0/20', 'eu-central-1b'],
      ['network-eu-central-1-private-3', '10.40.32.0/20', 'eu-central-1c'],
    ]);
    for (const subnet of mocks.byType('aws:ec2/subnet:Subnet'))
      expect(subnet.inputs).toMatchObject({ vpcId: 'network-eu-central-1-vpc-id', mapPublicIpOnLaunch: false });

    const subnetIds = ['network-eu-central-1-private-1-id', 'network-eu-central-1-private-2-id', 'network-eu-central-1-private-3-id'];
    const attachment = mocks.one('aws:ec2transitgateway/vpcAttachment:VpcAttachment');
    expect(attachment.inputs).toMatchObject({ transitGatewayId: 'tgw-0a1b2c3d4e5f60718', vpcId: 'network-eu-central-1-vpc-id', subnetIds });

    const table = mocks.one('aws:ec2/routeTable:RouteTable');
    expect(mocks.byType('aws:ec2/routeTableAssociation:RouteTableAssociation').map((association) => association.inputs)).toEqual(
      subnetIds.map((subnetId) => ({ routeTableId: 'network-eu-central-1-private-id', subnetId })),
    );
    const route = mocks.one('aws:ec2/route:Route');
    expect(route.inputs).toEqual({
      routeTableId: 'network-eu-central-1-private-id',
      destinationCidrBlock: '172.20.0.0/14',
      transitGatewayId: 'tgw-0a1b2c3d4e5f60718',
    });
    // A route to a transit gateway fails until the VPC is attached.
    expect(route.dependencies).toEqual(expect.arrayContaining([attachment.urn, table.urn]));

    expect(mocks.one('aws:dms/replicationSubnetGroup:ReplicationSubnetGroup').inputs).toMatchObject({
      replicationSubnetGroupId: 'network-eu-central-1-dms',
      subnetIds,
    });
    expect(mocks.one('aws:dms/replicationInstance:ReplicationInstance').inputs).toMatchObject({
      replicationInstanceId: 'network-eu-central-1-dms',
      replicationInstanceClass: 'dms.t3.medium',
      allocatedStorage: 50,
      multiAz: false,
      publiclyAccessible: false,
      replicationSubnetGroupId: 'network-eu-central-1-dms',
      vpcSecurityGroupIds: ['network-eu-central-1-dms-sg-id'],
    });
    expect(mocks.byType('aws:iam/role:Role')).toEqual([]);

    expect(outputs).toMatchObject({ target: 'aws', vpcCidr: '10.40.0.0/16', privateSubnetCidrs: ['10.40.0.0/20', '10.40.16.0/20', '10.40.32.0/20'] });
    expect(await valueOf(outputs.privateSubnetIds!)).toEqual(subnetIds);
    expect(await valueOf(outputs.availabilityZones!)).toEqual(['eu-central-1a', 'eu-central-1b', 'eu-central-1c']);
    expect(await valueOf(outputs.vpcId!)).toBe('network-eu-central-1-vpc-id');
    expect(await valueOf(outputs.replicationInstanceArn!)).toMatch(new RegExp(`^arn:aws:dms:eu-central-1:${MOCK_ACCOUNT}:rep:[A-Z0-9]+$`));
  });

  it('uses zones named in the config without a lookup, and can create the DMS VPC role', async () => {
    const before = mocks.invokes.length;
    program.networkFoundation(
      { target: 'aws' },
      settings('network-eu-west-1', { availabilityZones: ['eu-west-1b', 'eu-west-1c'], subnetPrefixLength: 24 }, { createVpcRole: true, multiAz: true }),
      () => awsNetwork,
    );
    await mocks.settle();
    expect(mocks.invokes.slice(before)).toEqual([]);
    expect(ofPrefix('network-eu-west-1-private-eu').map((subnet) => [subnet.inputs.cidrBlock, subnet.inputs.availabilityZone])).toEqual([
      ['10.40.0.0/24', 'eu-west-1b'],
      ['10.40.1.0/24', 'eu-west-1c'],
    ]);
    const role = mocks.named('network-eu-west-1-dms-vpc-role');
    expect(role.inputs).toMatchObject({ name: 'dms-vpc-role' });
    expect(JSON.parse(role.inputs.assumeRolePolicy as string).Statement[0].Principal).toEqual({ Service: 'dms.amazonaws.com' });
    expect(mocks.named('network-eu-west-1-dms-vpc-role-policy').inputs.policyArn).toBe('arn:aws:iam::aws:policy/service-role/AmazonDMSVPCManagementRole');
    expect(mocks.named('network-eu-west-1-dms-subnets').dependencies).toEqual(
      expect.arrayContaining([role.urn, mocks.named('network-eu-west-1-dms-vpc-role-policy').urn]),
    );
    expect(mocks.named('network-eu-west-1-dms').inputs.multiAz).toBe(true);
  });

  it('refuses a single-zone network on AWS and bad DMS settings before registering anything', async () => {
    const load = () => awsNetwork;
    expect(() => program.networkFoundation({ target: 'aws' }, settings('single', { availabilityZoneCount: 1 }), load)).toThrow(
      'cockpit:network:Foundation single: plan.subnets must span at least two availability zones on AWS',
    );
    expect(() => program.networkFoundation({ target: 'aws' }, settings('badclass', {}, { instanceClass: 't3.medium' }), load)).toThrow(
      /dms.instanceClass must be an instance type like dms.m6g.large/,
    );
    await mocks.settle();
    expect([...ofPrefix('single'), ...ofPrefix('badclass')]).toEqual([]);
  });
});

describe('network foundation in rehearsal', () => {
  it('registers nothing, never loads the AWS module, and returns the plan', async () => {
    const before = mocks.resources.length;
    const loadAws = vi.fn(() => awsNetwork);
    const outputs = program.networkFoundation({ target: 'rehearsal' }, settings('rehearsal'), loadAws);
    await mocks.settle();
    expect(loadAws).not.toHaveBeenCalled();
    expect(mocks.resources.length).toBe(before);
    expect(outputs).toEqual({
      target: 'rehearsal',
      vpcCidr: '10.40.0.0/16',
      onPremisesCidr: '172.20.0.0/14',
      transitGatewayId: 'tgw-0a1b2c3d4e5f60718',
      privateSubnetCidrs: ['10.40.0.0/20', '10.40.16.0/20', '10.40.32.0/20'],
      subnets: expect.arrayContaining([expect.objectContaining({ name: 'private-1', cidr: '10.40.0.0/20' })]),
      routes: [
        expect.objectContaining({ destination: '10.40.0.0/16', target: 'local' }),
        expect.objectContaining({ destination: '172.20.0.0/14', target: 'tgw-0a1b2c3d4e5f60718' }),
      ],
    });
  });

  it('reports a bad plan with the config key', () => {
    expect(() => program.networkFoundation({ target: 'rehearsal' }, settings('x', { onPremisesCidr: '10.40.128.0/17' }), () => awsNetwork)).toThrow(
      'onPremisesCidr 10.40.128.0/17 overlaps vpcCidr 10.40.0.0/16: traffic to the data center could not be routed',
    );
  });
});
