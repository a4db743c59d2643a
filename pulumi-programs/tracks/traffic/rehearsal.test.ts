// The traffic track's rehearsal part with Pulumi runtime mocks: which dynamic resources it registers with which inputs
// (the AWS part's names and health check, the stand-in targets, the weights, the guard kept secret), the records after
// the listener, the `trafficResources` output in the AWS part's shape, and its config errors. What the resources then
// do in the rehearsal's ELBv2 and Route 53 is rehearsal-operations.test.ts.
import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import { installMocks, MOCK_ALB_ZONE_ID, valueOf, type MockHarness, type RegisteredResource } from '../../components/testing/pulumi-mocks';
import type { CockpitConfig } from '../../lib/cockpit-config';
import { loadBalancerName, targetGroupName } from './naming';
import type * as RehearsalModule from './rehearsal';
import { standInNetwork, standInPodAddresses, standInServerId } from './rehearsal-stand-ins';
import { ALB_EKS_SETTINGS, ROUTE53_EC2_SETTINGS, ZONE_ID } from './testing/settings-fixture';

const ENDPOINT = 'http://127.0.0.1:4566';
const GUARD = { roleArn: 'arn:aws:iam::222233334444:role/migration', sessionName: 'cockpit-app3701', allowedAccountIds: ['222233334444'] };
const HEALTH = { protocol: 'HTTP', intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 3, unhealthyThreshold: 2, matcher: '200-399', path: '/healthz' };

let mocks: MockHarness;
let mod: typeof RehearsalModule;

beforeAll(async () => {
  mocks = await installMocks({ project: 'platform-production', stack: 'app3701' });
  mod = await import('./rehearsal');
});

function cockpit(instanceId: string, changes: Partial<CockpitConfig> = {}): CockpitConfig {
  return {
    target: 'rehearsal',
    stackId: `platform-production/${instanceId}`,
    registrations: [],
    region: 'eu-central-1',
    rehearsalAwsEndpoint: ENDPOINT,
    ...changes,
  };
}

function deploy(instanceId: string, traffic: Record<string, unknown>, project: Record<string, unknown> = {}, changes: Partial<CockpitConfig> = {}) {
  mocks.configure({
    ...Object.fromEntries(Object.entries(traffic).map(([key, value]) => [`traffic:${key}`, value])),
    ...Object.fromEntries(Object.entries(project).map(([key, value]) => [`platform-production:${key}`, value])),
  });
  return mod.trafficRehearsal.deploy({ cockpit: cockpit(instanceId, changes), config: new pulumi.Config('platform-production'), instanceId });
}

function made(from: number): Map<string, RegisteredResource> {
  return new Map(mocks.resources.slice(from).map((resource) => [resource.name, resource]));
}

/** A dynamic resource's inputs without its serialized provider. */
function inputsOf(resource: RegisteredResource | undefined): Record<string, unknown> {
  const { __provider: _provider, ...inputs } = resource!.inputs;
  return inputs;
}

describe('the traffic rehearsal part', () => {
  it('makes the route53 split in the rehearsal: load balancer, the server’s stand-in as the AWS target, listener, weighted sets', async () => {
    const from = mocks.resources.length;
    const outputs = deploy('app3701', { settings: ROUTE53_EC2_SETTINGS, awsPercent: '5' })!;
    await mocks.settle();
    const resources = made(from);
    expect(Object.fromEntries([...resources].map(([name, resource]) => [name, resource.type]))).toEqual({
      'traffic-load-balancer': 'pulumi-nodejs:dynamic/cockpit:RehearsalLoadBalancer',
      'traffic-aws-targets': 'pulumi-nodejs:dynamic/cockpit:RehearsalTargetGroup',
      'traffic-listener': 'pulumi-nodejs:dynamic/cockpit:RehearsalListener',
      'traffic-records': 'pulumi-nodejs:dynamic/cockpit:RehearsalWeightedRecords',
    });
    const stackId = 'platform-production/app3701';
    const network = standInNetwork(stackId);
    const tags = { 'cockpit:stack': stackId, 'cockpit:traffic-service': 'shop.example.com', ManagedBy: 'migration-cockpit' };
    expect(inputsOf(resources.get('traffic-load-balancer'))).toEqual({
      endpoint: ENDPOINT,
      region: 'eu-central-1',
      name: loadBalancerName('platform-production', 'app3701', 'internal'),
      scheme: 'internal',
      subnets: network.subnetIds,
      tags,
    });
    expect(inputsOf(resources.get('traffic-aws-targets'))).toEqual({
      endpoint: ENDPOINT,
      region: 'eu-central-1',
      name: targetGroupName('platform-production', 'app3701', 'aws', { targetType: 'instance', port: 80, protocol: 'HTTP', healthCheckPath: '/healthz' }),
      targetType: 'instance',
      port: 80,
      protocol: 'HTTP',
      vpcId: network.vpcId,
      healthCheck: HEALTH,
      targets: [{ id: standInServerId(stackId), port: 80 }],
      tags: { ...tags, 'cockpit:traffic-side': 'aws' },
    });
    const listener = resources.get('traffic-listener')!;
    expect(listener.inputs).toMatchObject({ port: 80, protocol: 'HTTP', forward: [{ targetGroupArn: expect.stringMatching(/:targetgroup\/app3701-aws-/) }] });
    const records = resources.get('traffic-records')!;
    expect(inputsOf(records)).toEqual({
      endpoint: ENDPOINT,
      region: 'eu-central-1',
      zoneId: ZONE_ID,
      service: 'shop.example.com',
      type: 'A',
      ttl: 60,
      setIdentifiers: { dc: 'app3701-dc', aws: 'app3701-aws' },
      dataCenter: ['172.20.7.11'],
      loadBalancer: { dnsName: expect.stringMatching(/^internal-app3701-alb-/), hostedZoneId: MOCK_ALB_ZONE_ID },
      weights: { dc: 95, aws: 5 },
    });
    expect(records.dependencies).toEqual(expect.arrayContaining([listener.urn, resources.get('traffic-load-balancer')!.urn]));

    const traffic = await valueOf(outputs.trafficResources);
    expect(traffic).toEqual({
      split: 'route53',
      service: 'shop.example.com',
      awsPercent: 5,
      route53: {
        zoneId: ZONE_ID,
        recordName: 'shop.example.com',
        recordType: 'A',
        ttl: 60,
        setIdentifiers: { dc: 'app3701-dc', aws: 'app3701-aws' },
        changeId: expect.stringMatching(/^C[0-9A-F]{16}$/),
      },
      loadBalancer: {
        arn: expect.stringMatching(/:loadbalancer\/app\/app3701-alb-/),
        dnsName: expect.any(String),
        dimension: expect.stringMatching(/^app\/app3701-alb-[a-z0-9]{6}\/[0-9a-f]{16}$/),
      },
      listenerArn: expect.stringMatching(/:listener\/app\/app3701-alb-/),
      targetGroups: { aws: { arn: expect.stringMatching(/:targetgroup\/app3701-aws-/), dimension: expect.stringMatching(/^targetgroup\/app3701-aws-/) } },
    });
  });

  it('makes the alb split: the data center’s addresses in any zone, the pods’ stand-ins, the listener weighted dc/aws', async () => {
    const from = mocks.resources.length;
    const outputs = deploy(
      'app3702',
      { settings: ALB_EKS_SETTINGS, awsPercent: '25' },
      { vpcId: 'vpc-0a1b2c3d4e5f60718', subnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'] },
    )!;
    await mocks.settle();
    const resources = made(from);
    expect([...resources.keys()].sort()).toEqual(['traffic-aws-targets', 'traffic-dc-targets', 'traffic-listener', 'traffic-load-balancer']);
    // The stack's own network, where it names one.
    expect(resources.get('traffic-load-balancer')!.inputs.subnets).toEqual(['subnet-0a1b2c3d', 'subnet-1a2b3c4d']);
    expect(resources.get('traffic-aws-targets')!.inputs).toMatchObject({
      targetType: 'ip',
      port: 8080,
      vpcId: 'vpc-0a1b2c3d4e5f60718',
      targets: standInPodAddresses('platform-production/app3702', 3).map((id) => ({ id, port: 8080 })),
    });
    expect(resources.get('traffic-dc-targets')!.inputs).toMatchObject({
      targetType: 'ip',
      port: 8080,
      targets: [
        { id: '172.20.8.21', port: 8080, availabilityZone: 'all' },
        { id: '172.20.8.22', port: 8080, availabilityZone: 'all' },
      ],
    });
    expect(resources.get('traffic-listener')!.inputs.forward).toEqual([
      { targetGroupArn: expect.stringMatching(/:targetgroup\/app3702-dc-/), weight: 75 },
      { targetGroupArn: expect.stringMatching(/:targetgroup\/app3702-aws-/), weight: 25 },
    ]);
    const traffic = await valueOf(outputs.trafficResources);
    expect(traffic).toMatchObject({ split: 'alb', awsPercent: 25, targetGroups: { dc: { dimension: expect.stringMatching(/^targetgroup\/app3702-dc-/) } } });
    expect(traffic).not.toHaveProperty('route53');
    expect(standInPodAddresses('platform-production/app3702', 3)).toEqual([
      expect.stringMatching(/^10\.\d+\.\d+\.10$/),
      expect.stringMatching(/\.11$/),
      expect.stringMatching(/\.12$/),
    ]);
  });

  it('keeps the account guard secret in every resource', async () => {
    const from = mocks.resources.length;
    deploy('app3703', { settings: ROUTE53_EC2_SETTINGS }, {}, { accountGuard: pulumi.secret(GUARD) });
    await mocks.settle();
    for (const resource of made(from).values()) {
      expect(resource.inputs).toMatchObject({ account: GUARD });
      expect(resource.secretInputs).toContain('account');
      expect(resource.additionalSecretOutputs).toEqual(['account']);
    }
  });

  it('makes nothing without traffic:settings, and says what is missing or wrong before anything is made', async () => {
    const from = mocks.resources.length;
    expect(deploy('app3704', {})).toBeUndefined();
    expect(() => deploy('app3705', { settings: ROUTE53_EC2_SETTINGS }, {}, { rehearsalAwsEndpoint: undefined })).toThrow(
      /^cockpit:rehearsalAwsEndpoint is not set/,
    );
    expect(() => deploy('app3706', { settings: ROUTE53_EC2_SETTINGS, awsPercent: 'half' })).toThrow(/^traffic:awsPercent must be a whole number from 0 to 100/);
    expect(() => deploy('app3707', { settings: { ...ROUTE53_EC2_SETTINGS, split: 'alb' } })).toThrow(/^traffic:settings: route53 is set, but split is alb/);
    expect(() => deploy('app3708', { settings: ROUTE53_EC2_SETTINGS }, { trafficTarget: 'aws' })).toThrow(/two writers of the same name/);
    await mocks.settle();
    expect(mocks.resources.length).toBe(from);
  });
});
