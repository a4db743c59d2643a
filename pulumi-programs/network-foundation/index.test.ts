// The network foundation's entry point, run the way the engine runs it in rehearsal (config written by the
// core): it exports the plan, registers no resource and never loads @pulumi/aws.
// The module-cache check relies on vitest running each test file in its own process (the default isolation).
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { installMocks, type MockHarness } from '../components/testing/pulumi-mocks';

const loadedAwsModules = () => Object.keys(createRequire(import.meta.url).cache).filter((file) => file.includes('/node_modules/@pulumi/aws/'));
let mocks: MockHarness;

beforeAll(async () => {
  mocks = await installMocks({
    project: 'core-networking',
    stack: 'network-eu-central-1',
    config: {
      'cockpit:target': 'rehearsal',
      'cockpit:stackId': 'core-networking/network-eu-central-1',
      'cockpit:registrations': '[]',
      'aws:region': 'eu-central-1',
      'core-networking:vpcCidr': '10.40.0.0/16',
      'core-networking:transitGatewayId': 'tgw-0a1b2c3d4e5f60718',
      'core-networking:onPremisesCidr': '172.20.0.0/14',
    },
  });
});

describe('network-foundation/index.ts in rehearsal', () => {
  it('exports the computed plan as stack outputs and registers nothing', async () => {
    const program = await import('./index');
    await mocks.settle();
    expect(mocks.resources).toEqual([]);
    expect(program.target).toBe('rehearsal');
    expect(program.privateSubnetCidrs).toEqual(['10.40.0.0/20', '10.40.16.0/20', '10.40.32.0/20']);
    expect(program.routes.map((route) => `${route.destination} -> ${route.target}`)).toEqual([
      '10.40.0.0/16 -> local',
      '172.20.0.0/14 -> tgw-0a1b2c3d4e5f60718',
    ]);
    expect(program.vpcId).toBeUndefined();
    expect(program.replicationInstanceArn).toBeUndefined();
  });

  it('did not load @pulumi/aws (and the check does see it once something loads it)', async () => {
    expect(loadedAwsModules()).toEqual([]);
    await import('./aws');
    expect(loadedAwsModules().length).toBeGreaterThan(0);
  });
});
