// What the traffic track's rehearsal resources do, against the real simulator (rehearsal/tracks/traffic/test-harness.ts:
// its ELBv2 over awsQuery and Route 53 over restXml, with the SDK clients `realServices()` loads by absolute path):
// the load balancer, target groups with their targets and the weighted listener, a new percent as one ModifyListener,
// what the cockpit's shift wrote read back; the service's name taken over from the data center's simple record in one
// batch, a new percent UPSERTed in one batch, the change id returned without waiting for INSYNC, the name given back
// to the data center on delete; sets no takeover may touch refused with the zone unchanged. And the providers' diffs
// (what replaces, what updates) and their serialization into the state.
import { ChangeResourceRecordSetsCommand, GetChangeCommand, ListResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetHealthCommand,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import * as pulumi from '@pulumi/pulumi';
import { describe, expect, it } from 'vitest';
import { SUBNETS, useTrafficRehearsal, VPC, type TrafficHarness } from '../../../rehearsal/tracks/traffic/test-harness';
import { HEALTH_CHECK } from './health-check';
import {
  createListener,
  createLoadBalancer,
  createTargetGroup,
  deleteListener,
  deleteLoadBalancer,
  deleteTargetGroup,
  liveForward,
  loadBalancerExists,
  readListener,
  targetGroupExists,
  updateListener,
  updateTargets,
  type LoadBalancerInputs,
  type TargetGroupInputs,
} from './rehearsal-elb-operations';
import { REHEARSAL_PROVIDERS } from './rehearsal-resources';
import {
  deleteWeightedRecords,
  readWeightedRecords,
  writeWeightedRecords,
  type WeightedRecordsInputs,
  type WeightedRecordsOutputs,
} from './rehearsal-route53-operations';
import { realServices, type Place } from './rehearsal-services';
import { loadBalancerDimensionOf, targetGroupDimensionOf } from './resources-output';

const ZONE_ID = 'Z0123456789ABCDEFGHIJ';
const SERVER = 'i-0a1b2c3d4e5f60718';
const TAGS = { 'cockpit:stack': 'platform-production/app1701', ManagedBy: 'migration-cockpit' };

const placeOf = (harness: TrafficHarness): Place => ({ endpoint: harness.url, region: 'eu-central-1' });

const loadBalancerInputs = (place: Place, changes: Partial<LoadBalancerInputs> = {}): LoadBalancerInputs => ({
  ...place,
  name: 'app1701-alb-k3x9q2',
  scheme: 'internal',
  subnets: SUBNETS,
  tags: TAGS,
  ...changes,
});

const targetGroupInputs = (place: Place, role: 'aws' | 'dc', changes: Partial<TargetGroupInputs> = {}): TargetGroupInputs => ({
  ...place,
  name: `app1701-${role}-a1b2c3`,
  targetType: role === 'aws' ? 'instance' : 'ip',
  port: role === 'aws' ? 80 : 8080,
  protocol: 'HTTP',
  vpcId: VPC,
  healthCheck: { path: '/healthz', protocol: 'HTTP', ...HEALTH_CHECK },
  targets:
    role === 'aws'
      ? [{ id: SERVER, port: 80 }]
      : [
          { id: '172.20.8.21', port: 8080, availabilityZone: 'all' },
          { id: '172.20.8.22', port: 8080, availabilityZone: 'all' },
        ],
  tags: TAGS,
  ...changes,
});

const start = useTrafficRehearsal();

/** The name's record sets as Route 53 lists them. */
async function setsOf(harness: TrafficHarness, name = 'shop.example.com.') {
  const listed = await harness.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: ZONE_ID }));
  return (listed.ResourceRecordSets ?? [])
    .filter((set) => set.Name === name)
    .map((set) => ({
      type: set.Type,
      id: set.SetIdentifier ?? null,
      weight: set.Weight ?? null,
      ttl: set.TTL ?? null,
      values: set.ResourceRecords?.map((record) => record.Value) ?? null,
      alias: set.AliasTarget?.DNSName ?? null,
    }));
}

/** The zone example.com. with the given id (a plan names its zones by id), and a simple A record of the service. */
async function seedZone(harness: TrafficHarness, simple?: { type: 'A' | 'CNAME'; values: string[]; ttl?: number }) {
  expect((await harness.admin('POST', 'traffic/zones', { name: 'example.com', id: ZONE_ID })).status).toBe(201);
  if (simple)
    await harness.route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: ZONE_ID,
        ChangeBatch: {
          Changes: [
            {
              Action: 'CREATE',
              ResourceRecordSet: {
                Name: 'shop.example.com',
                Type: simple.type,
                TTL: simple.ttl ?? 300,
                ResourceRecords: simple.values.map((Value) => ({ Value })),
              },
            },
          ],
        },
      }),
    );
}

/** The zone's pending change ids, as the rehearsal's estate has them. */
async function pendingChanges(harness: TrafficHarness): Promise<string[]> {
  const estate = (await harness.admin('GET', 'traffic/estate')).json as { zones: { id: string; pendingChanges: string[] }[] };
  return estate.zones.find((zone) => zone.id === ZONE_ID)!.pendingChanges;
}

async function recordsInputs(harness: TrafficHarness, changes: Partial<WeightedRecordsInputs> = {}): Promise<WeightedRecordsInputs> {
  const lb = await createLoadBalancer(loadBalancerInputs(placeOf(harness)), realServices());
  return {
    ...placeOf(harness),
    zoneId: ZONE_ID,
    service: 'shop.example.com',
    type: 'A',
    ttl: 60,
    setIdentifiers: { dc: 'app1701-dc', aws: 'app1701-aws' },
    dataCenter: ['172.20.7.11'],
    loadBalancer: { dnsName: lb.dnsName, hostedZoneId: lb.canonicalHostedZoneId },
    weights: { dc: 100, aws: 0 },
    ...changes,
  };
}

describe('against the rehearsal’s ELBv2', () => {
  it('makes the load balancer, both target groups with their targets and the weighted listener; a percent is one ModifyListener; deletes them', async () => {
    const harness = await start();
    const services = realServices();
    const place = placeOf(harness);
    const lb = await createLoadBalancer(loadBalancerInputs(place), services);
    expect(lb.arn).toMatch(/^arn:aws:elasticloadbalancing:eu-central-1:\d{12}:loadbalancer\/app\/app1701-alb-k3x9q2\/[0-9a-f]{16}$/);
    expect(lb.dnsName).toMatch(/^internal-app1701-alb-k3x9q2-\d+\.eu-central-1\.elb\.amazonaws\.com$/);
    expect(lb.canonicalHostedZoneId).toBe('Z215JYRZR1TBD5');
    const described = (await harness.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [lb.arn] }))).LoadBalancers![0]!;
    expect(described).toMatchObject({ Scheme: 'internal', Type: 'application', DNSName: lb.dnsName });
    // A create after a deploy that failed half way takes the same load balancer over.
    expect((await createLoadBalancer(loadBalancerInputs(place), services)).arn).toBe(lb.arn);

    const aws = await createTargetGroup(targetGroupInputs(place, 'aws'), services);
    const dc = await createTargetGroup(targetGroupInputs(place, 'dc'), services);
    expect(targetGroupDimensionOf(aws.arn)).toMatch(/^targetgroup\/app1701-aws-a1b2c3\/[0-9a-f]{16}$/);
    const targetsOf = async (arn: string) =>
      ((await harness.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }))).TargetHealthDescriptions ?? []).map((entry) => [
        entry.Target?.Id,
        entry.Target?.Port,
        entry.Target?.AvailabilityZone ?? null,
        entry.TargetHealth?.State,
      ]);
    expect(await targetsOf(aws.arn)).toEqual([[SERVER, 80, null, 'unused']]);
    expect(await targetsOf(dc.arn)).toEqual([
      ['172.20.8.21', 8080, 'all', 'unused'],
      ['172.20.8.22', 8080, 'all', 'unused'],
    ]);

    const forward = (dcWeight: number, awsWeight: number) => [
      { targetGroupArn: dc.arn, weight: dcWeight },
      { targetGroupArn: aws.arn, weight: awsWeight },
    ];
    const listener = await createListener({ ...place, loadBalancerArn: lb.arn, port: 80, protocol: 'HTTP', forward: forward(100, 0), tags: TAGS }, services);
    const weightsOf = async () => {
      const live = (await harness.elbv2.send(new DescribeListenersCommand({ ListenerArns: [listener.arn] }))).Listeners![0]!;
      return live.DefaultActions![0]!.ForwardConfig!.TargetGroups!.map((group) => [group.TargetGroupArn, group.Weight]);
    };
    expect(await weightsOf()).toEqual([
      [dc.arn, 100],
      [aws.arn, 0],
    ]);
    // In use: the targets' health checks start (initial for 3 × 10 s, then healthy).
    harness.advance(31);
    expect((await targetsOf(aws.arn)).map((target) => target[3])).toEqual(['healthy']);

    const updated = await updateListener(listener, { ...listener, forward: forward(75, 25) }, services);
    expect(updated.arn).toBe(listener.arn);
    expect(await weightsOf()).toEqual([
      [dc.arn, 75],
      [aws.arn, 25],
    ]);
    // The cockpit's shift writes the weights itself; a refresh reads them back.
    await harness.elbv2.send(
      new ModifyListenerCommand({
        ListenerArn: listener.arn,
        DefaultActions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: [
                { TargetGroupArn: dc.arn, Weight: 50 },
                { TargetGroupArn: aws.arn, Weight: 50 },
              ],
            },
          },
        ],
      }),
    );
    expect(liveForward((await readListener(updated, services))!, updated.forward)).toEqual(forward(50, 50));

    // A data-center address replaced: the new one registered, the old one draining.
    const moved = await updateTargets(dc, { ...dc, targets: [dc.targets[0]!, { id: '172.20.8.23', port: 8080, availabilityZone: 'all' }] }, services);
    expect(moved.arn).toBe(dc.arn);
    expect((await targetsOf(dc.arn)).map(([id, , , state]) => [id, state])).toEqual([
      ['172.20.8.21', 'healthy'],
      ['172.20.8.22', 'draining'],
      ['172.20.8.23', 'initial'],
    ]);

    await deleteListener(updated, services);
    await deleteTargetGroup(aws, services);
    await deleteTargetGroup(moved, services);
    await deleteLoadBalancer(lb, services);
    expect(await readListener(updated, services)).toBeUndefined();
    expect(await targetGroupExists(aws, services)).toBe(false);
    expect(await loadBalancerExists(lb, services)).toBe(false);
    // What is gone already deletes fine.
    await deleteLoadBalancer(lb, services);
    await deleteTargetGroup(aws, services);
    await deleteListener(updated, services);
    expect(loadBalancerDimensionOf(lb.arn)).toBe(described.LoadBalancerArn!.split(':loadbalancer/')[1]);
  });

  it('forwards the route53 split’s listener to its one group, and says when a name is taken with other settings', async () => {
    const harness = await start();
    const services = realServices();
    const place = placeOf(harness);
    const lb = await createLoadBalancer(loadBalancerInputs(place), services);
    const aws = await createTargetGroup(targetGroupInputs(place, 'aws'), services);
    const listener = await createListener(
      { ...place, loadBalancerArn: lb.arn, port: 80, protocol: 'HTTP', forward: [{ targetGroupArn: aws.arn }], tags: TAGS },
      services,
    );
    const live = (await harness.elbv2.send(new DescribeListenersCommand({ ListenerArns: [listener.arn] }))).Listeners![0]!;
    expect(live.DefaultActions![0]).toMatchObject({ Type: 'forward', TargetGroupArn: aws.arn });
    await expect(createTargetGroup(targetGroupInputs(place, 'aws', { port: 8080 }), services)).rejects.toThrow(
      "a target group named app1701-aws-a1b2c3 exists already with other settings: it is not this stack's",
    );
    await expect(createLoadBalancer(loadBalancerInputs(place, { scheme: 'internet-facing' }), services)).rejects.toThrow(
      "a load balancer named app1701-alb-k3x9q2 exists already with other settings: it is not this stack's",
    );
  });
});

describe('against the rehearsal’s Route 53', () => {
  it('takes the name over from the data center’s simple record in one batch, UPSERTs a percent, and gives the name back on delete', async () => {
    const harness = await start();
    const services = realServices();
    await seedZone(harness, { type: 'A', values: ['172.20.7.11'] });
    const inputs = await recordsInputs(harness);
    const before = await pendingChanges(harness);

    const created = await writeWeightedRecords(inputs, services);
    // One change took the simple record away and put both weighted sets in its place.
    expect(await pendingChanges(harness)).toEqual([...before, created.changeId]);
    expect(created.changeId).toMatch(/^C[A-Z0-9]{20}$/);
    expect(await setsOf(harness)).toEqual([
      { type: 'A', id: 'app1701-aws', weight: 0, ttl: null, values: null, alias: `${inputs.loadBalancer.dnsName}.` },
      { type: 'A', id: 'app1701-dc', weight: 100, ttl: 60, values: ['172.20.7.11'], alias: null },
    ]);
    // The provider does not wait: the change is PENDING until Route 53 has it everywhere; the cockpit polls GetChange.
    const status = async (id: string) => (await harness.route53.send(new GetChangeCommand({ Id: id }))).ChangeInfo!.Status;
    expect(await status(created.changeId)).toBe('PENDING');
    harness.advance(11);
    expect(await status(created.changeId)).toBe('INSYNC');

    const stepped = await writeWeightedRecords({ ...inputs, weights: { dc: 75, aws: 25 } }, services);
    expect(stepped.changeId).not.toBe(created.changeId);
    expect((await setsOf(harness)).map((set) => [set.id, set.weight])).toEqual([
      ['app1701-aws', 25],
      ['app1701-dc', 75],
    ]);
    expect(await pendingChanges(harness)).toEqual([stepped.changeId]);

    // The cockpit's shift UPSERTs the weights itself; a refresh reads them back.
    await harness.route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: ZONE_ID,
        ChangeBatch: {
          Changes: [
            {
              Action: 'UPSERT',
              ResourceRecordSet: {
                Name: 'shop.example.com',
                Type: 'A',
                SetIdentifier: 'app1701-dc',
                Weight: 50,
                TTL: 60,
                ResourceRecords: [{ Value: '172.20.7.11' }],
              },
            },
          ],
        },
      }),
    );
    expect((await readWeightedRecords(stepped, services))!.weights).toEqual({ dc: 50, aws: 25 });

    await deleteWeightedRecords(stepped, services);
    // The name is the data center's again, as a simple record (its addresses and TTL from the settings).
    expect(await setsOf(harness)).toEqual([{ type: 'A', id: null, weight: null, ttl: 60, values: ['172.20.7.11'], alias: null }]);
    expect(await readWeightedRecords(stepped, services)).toBeUndefined();
  });

  it('creates both sets on a free name, moves them to CNAMEs when the data center becomes a host name, and keeps another stack’s sets on delete', async () => {
    const harness = await start();
    const services = realServices();
    await seedZone(harness);
    const inputs = await recordsInputs(harness, { weights: { dc: 90, aws: 10 } });
    const created = await writeWeightedRecords(inputs, services);
    expect((await setsOf(harness)).map((set) => [set.type, set.id, set.weight])).toEqual([
      ['A', 'app1701-aws', 10],
      ['A', 'app1701-dc', 90],
    ]);

    // The data center's side is now a host name: the A sets go and the CNAME sets come in one batch.
    const cname = await writeWeightedRecords({ ...created, type: 'CNAME', dataCenter: ['lb1.dc2.example.internal'] }, services);
    expect(await setsOf(harness)).toEqual([
      { type: 'CNAME', id: 'app1701-aws', weight: 10, ttl: 60, values: [inputs.loadBalancer.dnsName], alias: null },
      { type: 'CNAME', id: 'app1701-dc', weight: 90, ttl: 60, values: ['lb1.dc2.example.internal'], alias: null },
    ]);

    // Another stack's set of the name stays, and answers it: only this stack's sets go.
    await harness.route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: ZONE_ID,
        ChangeBatch: {
          Changes: [
            {
              Action: 'CREATE',
              ResourceRecordSet: {
                Name: 'shop.example.com',
                Type: 'CNAME',
                SetIdentifier: 'app1702-dc',
                Weight: 5,
                TTL: 60,
                ResourceRecords: [{ Value: 'lb2.dc2.example.internal' }],
              },
            },
          ],
        },
      }),
    );
    await deleteWeightedRecords(cname, services);
    expect((await setsOf(harness)).map((set) => [set.type, set.id])).toEqual([['CNAME', 'app1702-dc']]);
  });

  it('refuses sets no takeover may touch, with the zone unchanged', async () => {
    const harness = await start();
    const services = realServices();
    await seedZone(harness);
    await harness.route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: ZONE_ID,
        ChangeBatch: {
          Changes: [{ Action: 'CREATE', ResourceRecordSet: { Name: 'shop.example.com', Type: 'TXT', TTL: 300, ResourceRecords: [{ Value: '"owner=dc2"' }] } }],
        },
      }),
    );
    const inputs = await recordsInputs(harness, { type: 'CNAME', dataCenter: ['lb1.dc2.example.internal'] });
    const before = await setsOf(harness);
    await expect(writeWeightedRecords(inputs, services)).rejects.toThrow(
      /^traffic:settings: shop\.example\.com in hosted zone Z0123456789ABCDEFGHIJ has record sets Route 53 refuses the weighted CNAME sets beside \(TXT "owner=dc2" \(TTL 300\)\)/,
    );
    expect(await setsOf(harness)).toEqual(before);
  });
});

describe('the providers', () => {
  const outs = <T extends object>(inputs: T, extra: object) => ({ ...inputs, ...extra }) as never;
  const place: Place = { endpoint: 'http://127.0.0.1:4566', region: 'eu-central-1' };

  it('update a new percent in place (the listener, the record sets) and replace what ELBv2 or Route 53 cannot change', async () => {
    const listener = REHEARSAL_PROVIDERS.listener;
    const listenerInputs = {
      ...place,
      loadBalancerArn: 'lb',
      port: 80,
      protocol: 'HTTP' as const,
      forward: [{ targetGroupArn: 'dc', weight: 100 }],
      tags: TAGS,
    };
    const listenerOlds = outs(listenerInputs, { arn: 'l' });
    expect(await listener.diff!('l', listenerOlds, { ...listenerInputs, forward: [{ targetGroupArn: 'dc', weight: 75 }] })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(await listener.diff!('l', listenerOlds, { ...listenerInputs, loadBalancerArn: 'other' })).toMatchObject({
      changes: true,
      replaces: ['loadBalancerArn'],
    });

    const records = REHEARSAL_PROVIDERS.records;
    const recordInputs: WeightedRecordsInputs = {
      ...place,
      zoneId: ZONE_ID,
      service: 'shop.example.com',
      type: 'A',
      ttl: 60,
      setIdentifiers: { dc: 'app1701-dc', aws: 'app1701-aws' },
      dataCenter: ['172.20.7.11'],
      loadBalancer: { dnsName: 'internal-x.elb.amazonaws.com', hostedZoneId: 'Z215JYRZR1TBD5' },
      weights: { dc: 100, aws: 0 },
    };
    const recordOlds: WeightedRecordsOutputs = { ...recordInputs, changeId: 'C1' };
    expect(await records.diff!('r', recordOlds, { ...recordInputs, weights: { dc: 75, aws: 25 } })).toMatchObject({ changes: true, replaces: [] });
    expect(await records.diff!('r', recordOlds, { ...recordInputs, type: 'CNAME', dataCenter: ['lb1.dc2.example.internal'] })).toMatchObject({ replaces: [] });
    expect(await records.diff!('r', recordOlds, recordInputs)).toMatchObject({ changes: false });
    expect(await records.diff!('r', recordOlds, { ...recordInputs, service: 'api.example.com' })).toMatchObject({ changes: true, replaces: ['service'] });

    const group = REHEARSAL_PROVIDERS.targetGroup;
    const groupInputs = targetGroupInputs(place, 'dc');
    const groupOlds = outs(groupInputs, { arn: 'g' });
    expect(await group.diff!('g', groupOlds, { ...groupInputs, targets: [groupInputs.targets[0]!] })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: true,
    });
    // A new port is a new name: the new group first, then the old one goes.
    expect(await group.diff!('g', groupOlds, { ...groupInputs, port: 8443, name: 'app1701-dc-zzzzzz' })).toEqual({
      changes: true,
      replaces: ['name', 'port'],
      deleteBeforeReplace: false,
    });

    const balancer = REHEARSAL_PROVIDERS.loadBalancer;
    const balancerInputs = loadBalancerInputs(place);
    expect(await balancer.diff!('b', outs(balancerInputs, { arn: 'b' }), { ...balancerInputs, tags: { other: 'tag' } })).toMatchObject({ changes: false });
    expect(await balancer.diff!('b', outs(balancerInputs, { arn: 'b' }), { ...balancerInputs, subnets: ['subnet-0a1b2c3d'] })).toEqual({
      changes: true,
      replaces: ['subnets'],
      deleteBeforeReplace: true,
    });
  });

  it('serialize into the state with what they need (the SDKs by absolute path)', async () => {
    for (const [name, provider] of Object.entries(REHEARSAL_PROVIDERS)) {
      const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: false });
      expect(serialized.text, name).toContain(require.resolve('@aws-sdk/client-sts'));
      expect(serialized.text, name).toContain(
        name === 'records' ? require.resolve('@aws-sdk/client-route-53') : require.resolve('@aws-sdk/client-elastic-load-balancing-v2'),
      );
    }
  });
});
