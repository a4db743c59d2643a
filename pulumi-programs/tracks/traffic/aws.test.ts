// The traffic track's AWS part with Pulumi runtime mocks: the load balancer, its security group, target groups and
// listener; the route53 split's weighted sets (alias A or CNAME) and the alb split's on-premises targets and weighted
// forward; a new percent updating the listener or the sets in place (a second deploy: same URNs, only the weights
// differ); the EKS side through the cluster stack's kubeconfig; the `trafficResources` output; what the zone already
// holds; and the config errors (with nothing registered), the one-step DNS switch refused beside the track.
import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoAppInstanceConfig } from '../../components/testing/app-instance-config';
import { installMocks, MOCK_ACCOUNT, MOCK_ALB_ZONE_ID, valueOf, type MockHarness, type RegisteredResource } from '../../components/testing/pulumi-mocks';
import type * as AppAwsModule from '../../app-instance/aws';
import type { AwsInstanceContext, InstanceNetwork } from '../../seam/program-track';
import type * as TrafficAwsModule from './aws';
import type * as RecordsModule from './aws-records';
import { ALB_EKS_SETTINGS, CLUSTER_STACK, ROUTE53_EC2_SETTINGS, settingsWith, ZONE_ID } from './testing/settings-fixture';

const KUBECONFIG = 'apiVersion: v1\nkind: Config\nclusters: []\n';
const ELB = `arn:aws:elasticloadbalancing:eu-central-1:${MOCK_ACCOUNT}`;

let mocks: MockHarness;
let mod: typeof TrafficAwsModule;
let app: typeof AppAwsModule;
let records: typeof RecordsModule;
/** What getRecords answers for the service's name (the zone's sets), per test. */
let zoneSets: Record<string, unknown>[] = [];

beforeAll(async () => {
  mocks = await installMocks({
    project: 'platform-production',
    stack: 'app1701',
    stackOutputs: { [CLUSTER_STACK]: { kubeconfig: KUBECONFIG } },
    invoke: (token, args) => (token === 'aws:route53/getRecords:getRecords' ? { zoneId: args.zoneId, resourceRecordSets: zoneSets } : undefined),
  });
  mod = await import('./aws');
  app = await import('../../app-instance/aws');
  records = await import('./aws-records');
});

const network: InstanceNetwork = {
  vpcId: 'vpc-0tr',
  subnetIds: ['subnet-t1', 'subnet-t2'],
  fromNetwork: (key, output, explicit) => {
    if (explicit !== undefined) return explicit;
    throw new Error(`platform-production:${key} is not set and there is no platform-production:networkStack to read '${output}' from`);
  },
  vpcCidr: () => '10.70.0.0/16',
};

const contextOf = (instanceId: string): AwsInstanceContext => ({
  instanceId,
  prefix: 'platform-production',
  tags: { Owner: 'it-ops', Application: instanceId, 'cockpit:stack': `platform-production/${instanceId}` },
  network,
  server: { serverId: `i-${instanceId}`, privateIp: '10.70.1.10', allowedCidrs: ['172.20.0.0/14', '10.70.0.0/16'] },
});

/** The stack's config: traffic:* and the project's keys (objects JSON-encoded). */
function configure(traffic: Record<string, unknown>, project: Record<string, unknown> = { appPorts: [80, 443] }) {
  mocks.configure({
    'aws:region': 'eu-central-1',
    ...Object.fromEntries(Object.entries(traffic).map(([key, value]) => [`traffic:${key}`, value])),
    ...Object.fromEntries(Object.entries(project).map(([key, value]) => [`platform-production:${key}`, value])),
  });
}

function deploy(instanceId: string) {
  return mod.trafficAws.prepare(new pulumi.Config('platform-production'), network)(contextOf(instanceId));
}

/** The resources registered since `from`, by logical name. */
function made(from: number): Map<string, RegisteredResource> {
  return new Map(mocks.resources.slice(from).map((resource) => [resource.name, resource]));
}

const typesOf = (resources: Map<string, RegisteredResource>) => Object.fromEntries([...resources].map(([name, resource]) => [name, resource.type]));

/** Inputs without the weights of a listener's forward or a record's routing policy. */
function withoutWeights(inputs: Record<string, unknown>): unknown {
  return JSON.parse(JSON.stringify(inputs, (key, value: unknown) => (key === 'weight' ? undefined : value)));
}

describe('the traffic AWS part', () => {
  it('is registered with the app-instance program: a route53 split in front of the application server, and its output', async () => {
    const from = mocks.resources.length;
    zoneSets = [];
    mocks.configure({
      ...demoAppInstanceConfig('app1701', 'app1701-Db-Secret-77', {
        amiId: 'ami-0abcdef1234567890',
        vpcId: 'vpc-0bbb',
        subnetIds: ['subnet-1a', 'subnet-1b'],
        replicationInstanceArn: `arn:aws:dms:eu-central-1:${MOCK_ACCOUNT}:rep:NETWORKDMS`,
        allowedCidrs: ['172.20.0.0/14'],
        appPorts: [80],
      }),
      'traffic:settings': JSON.stringify(ROUTE53_EC2_SETTINGS),
    });
    const outputs = app.deployAws({ stackId: 'platform-production/app1701' });
    await mocks.settle();
    const resources = made(from);
    const ours = new Map([...resources].filter(([name]) => name.startsWith('app1701-traffic')));
    expect(typesOf(ours)).toEqual({
      'app1701-traffic': 'cockpit:migration:TrafficService',
      'app1701-traffic-alb-sg': 'aws:ec2/securityGroup:SecurityGroup',
      'app1701-traffic-alb': 'aws:lb/loadBalancer:LoadBalancer',
      'app1701-traffic-aws-targets': 'aws:lb/targetGroup:TargetGroup',
      'app1701-traffic-aws-server': 'aws:lb/targetGroupAttachment:TargetGroupAttachment',
      'app1701-traffic-listener': 'aws:lb/listener:Listener',
      'app1701-traffic-dc-record': 'aws:route53/record:Record',
      'app1701-traffic-aws-record': 'aws:route53/record:Record',
    });
    const component = ours.get('app1701-traffic')!;
    for (const resource of mocks.resources.slice(from).filter((r) => r.name.startsWith('app1701-traffic-'))) expect(resource.parent).toBe(component.urn);

    // The application server (made by the program) is the AWS target, on the listener's port.
    const server = resources.get('app1701-server')!;
    expect(ours.get('app1701-traffic-aws-server')!.inputs).toEqual({
      targetGroupArn: expect.stringMatching(new RegExp(`^${ELB}:targetgroup/app1701-aws-[a-z0-9]{6}/[0-9a-f]{16}$`)),
      targetId: 'app1701-server-id',
      port: 80,
    });
    expect(ours.get('app1701-traffic-aws-server')!.dependencies).toContain(server.urn);
    expect(ours.get('app1701-traffic-aws-targets')!.inputs).toMatchObject({ targetType: 'instance', port: 80, protocol: 'HTTP', vpcId: 'vpc-0bbb' });
    // Who may reach the server may reach the listener, and the VPC (the explicit network's CIDR, looked up).
    expect(ours.get('app1701-traffic-alb-sg')!.inputs).toMatchObject({
      vpcId: 'vpc-0bbb',
      ingress: [{ protocol: 'tcp', fromPort: 80, toPort: 80, cidrBlocks: ['172.20.0.0/14', '10.40.0.0/16'] }],
    });
    expect(ours.get('app1701-traffic-alb')!.inputs).toMatchObject({ internal: true, subnets: ['subnet-1a', 'subnet-1b'] });

    const traffic = await valueOf(outputs.trafficResources!);
    const lbArn = traffic.loadBalancer.arn;
    expect(lbArn).toMatch(new RegExp(`^${ELB}:loadbalancer/app/app1701-alb-[a-z0-9]{6}/[0-9a-f]{16}$`));
    expect(traffic).toEqual({
      split: 'route53',
      service: 'shop.example.com',
      awsPercent: 0,
      route53: {
        zoneId: ZONE_ID,
        recordName: 'shop.example.com',
        recordType: 'A',
        ttl: 60,
        setIdentifiers: { dc: 'app1701-dc', aws: 'app1701-aws' },
      },
      loadBalancer: {
        arn: lbArn,
        dnsName: expect.stringMatching(/^internal-app1701-alb-.*\.eu-central-1\.elb\.amazonaws\.com$/),
        dimension: lbArn.split(':loadbalancer/')[1],
      },
      listenerArn: expect.stringMatching(/:listener\/app\/app1701-alb-[a-z0-9]{6}\/[0-9a-f]{16}\/[0-9a-f]{16}$/),
      targetGroups: {
        aws: { arn: ours.get('app1701-traffic-aws-server')!.inputs.targetGroupArn, dimension: expect.stringMatching(/^targetgroup\/app1701-aws-/) },
      },
    });
    // The one-step switch is not there: no TrafficSwitch record.
    expect([...resources.keys()]).not.toContain('app1701-dns');
  });

  it('makes the route53 split’s weighted sets: the data center’s A addresses and an alias to the load balancer that evaluates its health', async () => {
    const from = mocks.resources.length;
    zoneSets = [];
    configure({ settings: ROUTE53_EC2_SETTINGS, awsPercent: '5' });
    deploy('app1702');
    await mocks.settle();
    const resources = made(from);
    const [dc, aws] = mocks.resources.slice(from).filter((resource) => resource.type === 'aws:route53/record:Record');
    expect(dc!.inputs).toEqual({
      zoneId: ZONE_ID,
      name: 'shop.example.com',
      type: 'A',
      setIdentifier: 'app1702-dc',
      weightedRoutingPolicies: [{ weight: 95 }],
      ttl: 60,
      records: ['172.20.7.11'],
      allowOverwrite: true,
    });
    // Destroying the stack keeps the data center's set: the name never goes without its answer.
    expect(dc!.retainOnDelete).toBe(true);
    const lb = resources.get('app1702-traffic-alb')!;
    expect(aws!.inputs).toEqual({
      zoneId: ZONE_ID,
      name: 'shop.example.com',
      type: 'A',
      setIdentifier: 'app1702-aws',
      weightedRoutingPolicies: [{ weight: 5 }],
      aliases: [{ name: expect.stringMatching(/^internal-app1702-alb-/), zoneId: MOCK_ALB_ZONE_ID, evaluateTargetHealth: true }],
      allowOverwrite: true,
    });
    expect(aws!.retainOnDelete).toBe(false);
    // Users reach the load balancer only once its listener is there.
    expect(aws!.dependencies).toEqual(expect.arrayContaining([lb.urn, resources.get('app1702-traffic-listener')!.urn]));
    // The listener forwards to the AWS target group alone; the health check is the design's.
    const tg = resources.get('app1702-traffic-aws-targets')!;
    expect(resources.get('app1702-traffic-listener')!.inputs).toMatchObject({
      port: 80,
      protocol: 'HTTP',
      defaultActions: [{ type: 'forward', targetGroupArn: expect.stringMatching(/:targetgroup\/app1702-aws-/) }],
    });
    expect(tg.inputs.healthCheck).toEqual({
      enabled: true,
      path: '/healthz',
      port: 'traffic-port',
      protocol: 'HTTP',
      interval: 10,
      timeout: 5,
      healthyThreshold: 3,
      unhealthyThreshold: 2,
      matcher: '200-399',
    });
    // The zone was read for the service's name before anything was written to it.
    expect(mocks.invokes.filter((invoke) => invoke.token === 'aws:route53/getRecords:getRecords').at(-1)!.args).toEqual({
      zoneId: ZONE_ID,
      nameRegex: '^shop\\.example\\.com\\.?$',
    });
  });

  it('updates the weighted sets in place when the percent changes: same URNs, only the weights differ', async () => {
    zoneSets = [];
    configure({ settings: ROUTE53_EC2_SETTINGS, awsPercent: '5' });
    const first = mocks.resources.length;
    deploy('app1703');
    await mocks.settle();
    configure({ settings: ROUTE53_EC2_SETTINGS, awsPercent: '25' });
    const second = mocks.resources.length;
    const outputs = deploy('app1703');
    await mocks.settle();
    const before = made(first);
    const after = made(second);
    expect([...after.keys()]).toEqual([...new Map(mocks.resources.slice(first, second).map((r) => [r.name, r])).keys()]);
    for (const [name, resource] of after) {
      const earlier = mocks.resources.slice(first, second).find((r) => r.name === name && r.type === resource.type)!;
      expect(resource.urn, name).toBe(earlier.urn);
      expect(withoutWeights(resource.inputs), name).toEqual(withoutWeights(earlier.inputs));
    }
    const weightsOf = (resources: RegisteredResource[]) =>
      resources.filter((r) => r.type === 'aws:route53/record:Record').map((r) => (r.inputs.weightedRoutingPolicies as { weight: number }[])[0]!.weight);
    expect(weightsOf(mocks.resources.slice(first, second))).toEqual([95, 5]);
    expect(weightsOf(mocks.resources.slice(second))).toEqual([75, 25]);
    expect(before.size).toBe(after.size);
    expect((await valueOf(outputs.trafficResources!)).awsPercent).toBe(25);
  });

  it('makes both sets CNAMEs when the data center is a host name (the load balancer’s DNS name on the AWS side)', async () => {
    const from = mocks.resources.length;
    zoneSets = [];
    configure({ settings: settingsWith(ROUTE53_EC2_SETTINGS, (s) => (s.dataCenter = { addresses: ['lb1.dc2.example.internal'], port: 443 })) });
    const outputs = deploy('app1704');
    await mocks.settle();
    const [dc, aws] = mocks.resources.slice(from).filter((resource) => resource.type === 'aws:route53/record:Record');
    expect(dc!.inputs).toMatchObject({
      type: 'CNAME',
      setIdentifier: 'app1704-dc',
      records: ['lb1.dc2.example.internal'],
      weightedRoutingPolicies: [{ weight: 100 }],
    });
    expect(aws!.inputs).toMatchObject({ type: 'CNAME', setIdentifier: 'app1704-aws', ttl: 60, weightedRoutingPolicies: [{ weight: 0 }] });
    expect(aws!.inputs.records).toEqual([expect.stringMatching(/^internal-app1704-alb-.*\.elb\.amazonaws\.com$/)]);
    expect(aws!.inputs).not.toHaveProperty('aliases');
    expect((await valueOf(outputs.trafficResources!)).route53!.recordType).toBe('CNAME');
  });

  it('makes the alb split: the data center’s addresses as IP targets in any zone and a forward weighted dc/aws, updated in place', async () => {
    zoneSets = [];
    configure({ settings: ALB_EKS_SETTINGS });
    const first = mocks.resources.length;
    const initial = deploy('app1705');
    await mocks.settle();
    const resources = made(first);
    const dcGroup = resources.get('app1705-traffic-dc-targets')!;
    expect(dcGroup.type).toBe('aws:lb/targetGroup:TargetGroup');
    expect(dcGroup.inputs).toMatchObject({
      targetType: 'ip',
      port: 8080,
      protocol: 'HTTP',
      vpcId: 'vpc-0tr',
      name: expect.stringMatching(/^app1705-dc-[a-z0-9]{6}$/),
    });
    for (const address of ['172.20.8.21', '172.20.8.22']) {
      expect(resources.get(`app1705-traffic-dc-target-${address}`)!.inputs).toEqual({
        targetGroupArn: expect.stringMatching(/:targetgroup\/app1705-dc-/),
        targetId: address,
        port: 8080,
        availabilityZone: 'all',
      });
    }
    // No records with the alb split: the name is pointed at the load balancer outside the program.
    expect([...resources.values()].filter((r) => r.type === 'aws:route53/record:Record')).toEqual([]);
    const listener = resources.get('app1705-traffic-listener')!;
    const forwardOf = (resource: RegisteredResource) =>
      (resource.inputs.defaultActions as { type: string; forward: { targetGroups: { arn: string; weight: number }[] } }[])[0]!;
    expect(forwardOf(listener)).toEqual({
      type: 'forward',
      forward: {
        targetGroups: [
          { arn: expect.stringMatching(/:targetgroup\/app1705-dc-/), weight: 100 },
          { arn: expect.stringMatching(/:targetgroup\/app1705-aws-/), weight: 0 },
        ],
      },
    });
    const traffic = await valueOf(initial.trafficResources!);
    expect(traffic).toMatchObject({ split: 'alb', service: 'api.example.com', awsPercent: 0 });
    expect(traffic).not.toHaveProperty('route53');
    expect(traffic.targetGroups.dc).toEqual({
      arn: expect.stringMatching(/:targetgroup\/app1705-dc-/),
      dimension: expect.stringMatching(/^targetgroup\/app1705-dc-/),
    });

    configure({ settings: ALB_EKS_SETTINGS, awsPercent: '25' });
    const second = mocks.resources.length;
    deploy('app1705');
    await mocks.settle();
    const updated = mocks.resources.slice(second).find((r) => r.name === 'app1705-traffic-listener')!;
    expect(updated.urn).toBe(listener.urn);
    expect(withoutWeights(updated.inputs)).toEqual(withoutWeights(listener.inputs));
    expect(forwardOf(updated).forward.targetGroups.map((group) => group.weight)).toEqual([75, 25]);
  });

  it('makes the EKS side through the cluster stack’s kubeconfig: namespace with readiness gates, Service, TargetGroupBinding, then the Deployment', async () => {
    zoneSets = [];
    configure({ settings: ALB_EKS_SETTINGS });
    const from = mocks.resources.length;
    deploy('app1706');
    await mocks.settle();
    const resources = made(from);
    const component = resources.get('app1706-traffic-eks')!;
    expect(component.type).toBe('cockpit:migration:TrafficEksSide');
    expect(component.parent).toBe(resources.get('app1706-traffic')!.urn);
    const reference = resources.get('app1706-traffic-eks-cluster-stack')!;
    expect(reference).toMatchObject({ type: 'pulumi:pulumi:StackReference', read: true, parent: component.urn });
    const provider = resources.get('app1706-traffic-eks-cluster')!;
    expect(provider.type).toBe('pulumi:providers:kubernetes');
    expect(provider.inputs.kubeconfig).toBe(KUBECONFIG);
    expect(provider.secretInputs).toContain('kubeconfig');

    const k8s = ['namespace', 'service', 'binding', 'deployment'].map((part) => resources.get(`app1706-traffic-eks-${part}`)!);
    expect(k8s.map((resource) => resource.type)).toEqual([
      'kubernetes:core/v1:Namespace',
      'kubernetes:core/v1:Service',
      'kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding',
      'kubernetes:apps/v1:Deployment',
    ]);
    for (const resource of k8s) {
      expect(resource.parent).toBe(component.urn);
      expect(resource.provider).toBe(`${provider.urn}::app1706-traffic-eks-cluster-id`);
    }
    const [namespace, service, binding, deployment] = k8s;
    expect(namespace!.inputs.metadata).toEqual({
      name: 'shop',
      labels: { 'elbv2.k8s.aws/pod-readiness-gate-inject': 'enabled', 'app.kubernetes.io/managed-by': 'migration-cockpit' },
    });
    expect(service!.inputs.spec).toEqual({
      type: 'ClusterIP',
      selector: { 'app.kubernetes.io/name': 'app1706' },
      ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080 }],
    });
    const awsGroup = resources.get('app1706-traffic-aws-targets')!;
    expect(awsGroup.inputs).toMatchObject({ targetType: 'ip', port: 8080, protocol: 'HTTP' });
    expect(binding!.inputs).toMatchObject({
      apiVersion: 'elbv2.k8s.aws/v1beta1',
      kind: 'TargetGroupBinding',
      metadata: { name: 'app1706', namespace: 'shop' },
    });
    expect(binding!.inputs.spec).toEqual({
      serviceRef: { name: 'app1706', port: 80 },
      targetGroupARN: expect.stringMatching(/:targetgroup\/app1706-aws-/),
      targetType: 'ip',
      networking: { ingress: [{ from: [{ securityGroup: { groupID: 'app1706-traffic-alb-sg-id' } }], ports: [{ protocol: 'TCP', port: 8080 }] }] },
    });
    expect(binding!.dependencies).toEqual(expect.arrayContaining([awsGroup.urn, service!.urn]));
    expect(deployment!.inputs.spec).toEqual({
      replicas: 3,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'app1706' } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'app1706', 'app.kubernetes.io/managed-by': 'migration-cockpit' } },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'registry.example.com/shop:1.4.2',
              ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
              readinessProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, periodSeconds: 10, failureThreshold: 2, successThreshold: 1 },
            },
          ],
        },
      },
    });
    // Pods are made once the binding selects them, so the webhook gives them their readiness gate.
    expect(deployment!.dependencies).toContain(binding!.urn);
    // No Ingress: the load balancer is the program's, the binding its link to the pods.
    expect([...resources.values()].some((resource) => resource.type.includes('Ingress'))).toBe(false);
    // No server attachment: the controller registers the pods.
    expect(resources.has('app1706-traffic-aws-server')).toBe(false);
  });

  it('puts an internet-facing load balancer in the public subnets the stack names', async () => {
    zoneSets = [];
    const from = mocks.resources.length;
    configure(
      { settings: settingsWith(ROUTE53_EC2_SETTINGS, (s) => (s.scheme = 'internet-facing')) },
      { appPorts: [80], publicSubnetIds: ['subnet-p1', 'subnet-p2'] },
    );
    deploy('app1707');
    await mocks.settle();
    expect(made(from).get('app1707-traffic-alb')!.inputs).toMatchObject({ internal: false, subnets: ['subnet-p1', 'subnet-p2'] });
    configure({ settings: settingsWith(ROUTE53_EC2_SETTINGS, (s) => (s.scheme = 'internet-facing')) });
    expect(() => deploy('app1708')).toThrow(
      "platform-production:publicSubnetIds is not set and there is no platform-production:networkStack to read 'publicSubnetIds' from",
    );
  });

  it('stops on a bad value, naming its key, before anything is made; and refuses the one-step DNS switch beside the track', async () => {
    const from = mocks.resources.length;
    configure({ settings: settingsWith(ROUTE53_EC2_SETTINGS, (s) => (s.port = 8080)) });
    expect(() => deploy('app1709')).toThrow(
      "traffic:settings: port 8080 is not one of the application server's ports (platform-production:appPorts: 80, 443): its security group would not let the load balancer in",
    );
    configure({ settings: ROUTE53_EC2_SETTINGS, awsPercent: '120' });
    expect(() => deploy('app1709')).toThrow(/^traffic:awsPercent must be a whole number from 0 to 100/);
    configure({ settings: ROUTE53_EC2_SETTINGS }, { appPorts: [80], dnsZoneId: ZONE_ID, dnsName: 'shop.example.com', datacenterAddress: '172.20.7.11' });
    expect(() => deploy('app1709')).toThrow(/two writers of the same name/);
    // Through the program: its own settings are read first, then every track's, before the server is made.
    mocks.configure({
      ...demoAppInstanceConfig('app1709', 'app1709-Db-Secret-77', {
        amiId: 'ami-0abcdef1234567890',
        vpcId: 'vpc-0bbb',
        subnetIds: ['subnet-1a', 'subnet-1b'],
        replicationInstanceArn: `arn:aws:dms:eu-central-1:${MOCK_ACCOUNT}:rep:NETWORKDMS`,
        allowedCidrs: ['172.20.0.0/14'],
        appPorts: [80],
        dnsZoneId: ZONE_ID,
        dnsName: 'shop.example.com',
        datacenterAddress: '172.20.7.11',
        trafficTarget: 'aws',
      }),
      'traffic:settings': JSON.stringify(ROUTE53_EC2_SETTINGS),
    });
    expect(() => app.deployAws({ stackId: 'platform-production/app1709' })).toThrow(
      /^traffic:settings and platform-production:dnsZoneId, platform-production:dnsName, platform-production:trafficTarget are both set/,
    );
    // Without the application server the ec2 side has nothing to send requests to.
    configure({ settings: ROUTE53_EC2_SETTINGS });
    const { server: _none, ...serverless } = contextOf('app1710');
    expect(() => mod.trafficAws.prepare(new pulumi.Config('platform-production'), network)(serverless)).toThrow(
      "traffic:settings: aws.ec2 sends the service's AWS share to the stack's application server, and this deploy has none",
    );
    configure({});
    expect(deploy('app1711')).toEqual({});
    await mocks.settle();
    expect(mocks.resources.length).toBe(from);
  });
});

describe('what the zone already holds under the service’s name', () => {
  const args = (type: 'A' | 'CNAME' = 'A') =>
    ({
      instanceId: 'app1701',
      settings: { ...ROUTE53_EC2_SETTINGS, dataCenter: { addresses: ['172.20.7.11'], port: 443 } },
      zoneId: ZONE_ID,
      ttl: 60,
      type,
      weights: { dc: 100, aws: 0 },
    }) as unknown as RecordsModule.WeightedRecordsArgs;
  const set = (fields: Record<string, unknown>) => ({
    name: 'shop.example.com.',
    type: 'A',
    setIdentifier: '',
    weight: 0,
    ttl: 300,
    resourceRecords: [{ value: '172.20.7.11' }],
    aliasTarget: { dnsName: '', hostedZoneId: '', evaluateTargetHealth: false },
    ...fields,
  });
  const check = (sets: Record<string, unknown>[], type: 'A' | 'CNAME' = 'A', zone = 'example.com') => records.checkServiceName(args(type), zone, sets as never);

  it('lets the name through when it is free or holds the stack’s own sets', () => {
    expect(check([])).toBe('shop.example.com');
    expect(
      check([set({ setIdentifier: 'app1701-dc', weight: 100, ttl: 60 }), set({ setIdentifier: 'app1701-aws', weight: 0, ttl: 0, resourceRecords: [] })]),
    ).toBe('shop.example.com');
  });

  it('refuses the data center’s simple record with the one atomic batch that turns it into the weighted set', () => {
    expect(() => check([set({})])).toThrow(
      "traffic:settings: shop.example.com has a simple (non-weighted) record in hosted zone Z0123456789ABCDEFGHIJ, the data center's own (A 172.20.7.11 (TTL 300)). " +
        'Route 53 refuses weighted sets beside it, and this program cannot replace it without a moment in which the name has no answer. ' +
        "Turn it into the data center's weighted set app1701-dc in one atomic change, then deploy again (the deploy takes app1701-dc over and adds app1701-aws):\n" +
        `  aws route53 change-resource-record-sets --hosted-zone-id ${ZONE_ID} --change-batch '{"Comment":"migration cockpit: shop.example.com becomes weighted (app1701-dc)",` +
        '"Changes":[{"Action":"DELETE","ResourceRecordSet":{"Name":"shop.example.com.","Type":"A","TTL":300,"ResourceRecords":[{"Value":"172.20.7.11"}]}},' +
        '{"Action":"CREATE","ResourceRecordSet":{"Name":"shop.example.com.","Type":"A","SetIdentifier":"app1701-dc","Weight":100,"TTL":60,"ResourceRecords":[{"Value":"172.20.7.11"}]}}]}\'\n' +
        'The records were not changed',
    );
  });

  it('refuses sets no takeover may touch, a name outside the zone and a CNAME at its apex', () => {
    expect(() => check([set({ type: 'TXT', resourceRecords: [{ value: '"x"' }] })], 'CNAME')).toThrow(
      /^traffic:settings: shop\.example\.com in hosted zone Z0123456789ABCDEFGHIJ has record sets Route 53 refuses the weighted CNAME sets beside \(TXT "x" \(TTL 300\)\)/,
    );
    expect(() => check([], 'A', 'example.org')).toThrow(
      'traffic:settings: service shop.example.com is not in the hosted zone Z0123456789ABCDEFGHIJ (example.org): route53.zoneId must be the zone of the name',
    );
    expect(() => check([], 'CNAME', 'shop.example.com.')).toThrow(/is the apex of zone Z0123456789ABCDEFGHIJ, where a CNAME is not allowed/);
  });
});
