import { describe, expect, it } from 'vitest';
import { planNetwork, type NetworkPlanInput } from './plan';

// The demo plan's network stack (examples/demo/migration.yaml).
const demo: NetworkPlanInput = { vpcCidr: '10.40.0.0/16', onPremisesCidr: '172.20.0.0/14', transitGatewayId: 'tgw-0a1b2c3d4e5f60718' };

describe('network plan', () => {
  it('carves one /20 per zone out of the demo /16 and routes the data center through the transit gateway', () => {
    const plan = planNetwork(demo);
    expect(plan.subnets).toEqual([
      { name: 'private-1', index: 0, cidr: '10.40.0.0/20', usableAddresses: 4091 },
      { name: 'private-2', index: 1, cidr: '10.40.16.0/20', usableAddresses: 4091 },
      { name: 'private-3', index: 2, cidr: '10.40.32.0/20', usableAddresses: 4091 },
    ]);
    expect(plan.routes).toEqual([
      { routeTable: 'private', destination: '10.40.0.0/16', target: 'local', description: 'traffic inside the VPC' },
      {
        routeTable: 'private',
        destination: '172.20.0.0/14',
        target: 'tgw-0a1b2c3d4e5f60718',
        description: 'the data center, through the transit gateway attachment',
      },
    ]);
  });

  it('names subnets after given zones and honours the subnet size', () => {
    const plan = planNetwork({ ...demo, availabilityZones: ['eu-central-1a', 'eu-central-1b'], subnetPrefixLength: 24 });
    expect(plan.subnets.map(({ name, availabilityZone, cidr }) => ({ name, availabilityZone, cidr }))).toEqual([
      { name: 'private-eu-central-1a', availabilityZone: 'eu-central-1a', cidr: '10.40.0.0/24' },
      { name: 'private-eu-central-1b', availabilityZone: 'eu-central-1b', cidr: '10.40.1.0/24' },
    ]);
  });

  it('caps computed subnets at /28 for small VPCs', () => {
    const plan = planNetwork({ ...demo, vpcCidr: '10.40.0.0/26', availabilityZoneCount: 4 });
    expect(plan.subnets.map((subnet) => subnet.cidr)).toEqual(['10.40.0.0/28', '10.40.0.16/28', '10.40.0.32/28', '10.40.0.48/28']);
    expect(plan.subnets[0]!.usableAddresses).toBe(11);
  });

  it('takes explicit subnet blocks and checks them', () => {
    const plan = planNetwork({ ...demo, availabilityZoneCount: 2, privateSubnetCidrs: ['10.40.128.0/19', '10.40.160.0/19'] });
    expect(plan.subnets.map((subnet) => subnet.cidr)).toEqual(['10.40.128.0/19', '10.40.160.0/19']);
    expect(() => planNetwork({ ...demo, availabilityZoneCount: 2, privateSubnetCidrs: ['10.40.0.0/19', '10.41.0.0/19'] })).toThrow(
      'privateSubnetCidrs: 10.41.0.0/19 is not inside vpcCidr 10.40.0.0/16',
    );
    expect(() => planNetwork({ ...demo, availabilityZoneCount: 2, privateSubnetCidrs: ['10.40.0.0/19', '10.40.16.0/20'] })).toThrow(
      'privateSubnetCidrs: 10.40.16.0/20 overlaps 10.40.0.0/19',
    );
    expect(() => planNetwork({ ...demo, privateSubnetCidrs: ['10.40.0.0/19'] })).toThrow(/lists 1 block\(s\) for 3 availability zone/);
  });

  it('rejects plans AWS or routing could not carry out', () => {
    expect(() => planNetwork({ ...demo, vpcCidr: '10.0.0.0/8' })).toThrow(/between \/16 and \/28/);
    expect(() => planNetwork({ ...demo, vpcCidr: '10.40.0.1/16' })).toThrow("vpcCidr: '10.40.0.1/16' has host bits set: did you mean 10.40.0.0/16?");
    expect(() => planNetwork({ ...demo, onPremisesCidr: '10.32.0.0/11' })).toThrow(/overlaps vpcCidr 10.40.0.0\/16/);
    expect(() => planNetwork({ ...demo, transitGatewayId: 'tgw-xyz' })).toThrow(/not a transit gateway id/);
    expect(() => planNetwork({ ...demo, vpcCidr: '10.40.0.0/27', availabilityZoneCount: 3 })).toThrow(/holds only 2 \/28 subnet/);
    expect(() => planNetwork({ ...demo, subnetPrefixLength: 29 })).toThrow(/subnetPrefixLength must be from 16 .* to 28/);
    expect(() => planNetwork({ ...demo, availabilityZones: ['eu-central-1a', 'eu-central-1a'] })).toThrow(/names a zone twice/);
    expect(() => planNetwork({ ...demo, availabilityZoneCount: 0 })).toThrow(/availabilityZoneCount must be 1 to 6/);
  });
});
