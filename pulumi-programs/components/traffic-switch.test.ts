// TrafficSwitch with Pulumi runtime mocks: the Route 53 record it registers for each traffic target, its type
// and options, that a switch stays the same resource, and the argument checks.
import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import { installMocks, valueOf, type MockHarness, type RegisteredResource } from './testing/pulumi-mocks';
import type * as TrafficSwitchModule from './traffic-switch';
import type { TrafficSwitchArgs } from './traffic-switch';

const RECORD = 'aws:route53/record:Record';
const ZONE = 'Z0123456789ABCDEFGHIJ';
let mocks: MockHarness;
let mod: typeof TrafficSwitchModule;

beforeAll(async () => {
  mocks = await installMocks({ project: 'platform-production', stack: 'app1101' });
  mod = await import('./traffic-switch');
});

const args = (overrides: Partial<TrafficSwitchArgs> = {}): TrafficSwitchArgs => ({
  zoneId: ZONE,
  dnsName: 'app1101.example.com',
  trafficTarget: 'datacenter',
  datacenterAddress: '172.20.4.11',
  awsAddress: pulumi.output('10.40.0.10'),
  ...overrides,
});

/** Every registration of the record of a component name, in order. */
const recordsOf = (name: string): RegisteredResource[] => mocks.resources.filter((resource) => resource.type === RECORD && resource.name === `${name}-dns`);

describe('TrafficSwitch', () => {
  it('points the service name at the data center by default settings: an A record, TTL 60, taken over and kept on delete', async () => {
    const traffic = new mod.TrafficSwitch('svc-dc', args());
    await mocks.settle();

    const component = mocks.named('svc-dc');
    expect(component).toMatchObject({ type: 'cockpit:migration:TrafficSwitch', custom: false });
    const [record] = recordsOf('svc-dc');
    expect(record).toMatchObject({ type: RECORD, custom: true, parent: component.urn });
    expect(record!.inputs).toEqual({ zoneId: ZONE, name: 'app1101.example.com', type: 'A', ttl: 60, records: ['172.20.4.11'], allowOverwrite: true });
    expect(record).toMatchObject({ deleteBeforeReplace: false, replaceOnChanges: [], ignoreChanges: [], retainOnDelete: true });
    // The zone is looked up to check that the name lies in it.
    expect(mocks.invokes).toContainEqual({ token: 'aws:route53/getZone:getZone', args: expect.objectContaining({ zoneId: ZONE }) });

    expect(traffic.trafficTarget).toBe('datacenter');
    expect(traffic.recordType).toBe('A');
    expect(await valueOf(traffic.serviceDnsName)).toBe('app1101.example.com');
    expect(await valueOf(traffic.recordTarget)).toBe('172.20.4.11');
  });

  it('points it at the AWS address for trafficTarget aws: the server IP as an A record, a host name as a CNAME', async () => {
    const toServer = new mod.TrafficSwitch('svc-aws-ip', args({ trafficTarget: 'aws' }));
    const toAlb = new mod.TrafficSwitch(
      'svc-aws-alb',
      args({ trafficTarget: 'aws', dnsName: 'App1102.Example.com.', awsAddress: 'internal-app1102-alb-1234567890.eu-central-1.elb.amazonaws.com.', ttl: 30 }),
    );
    await mocks.settle();

    expect(recordsOf('svc-aws-ip')[0]!.inputs).toMatchObject({ type: 'A', records: ['10.40.0.10'], ttl: 60 });
    expect(recordsOf('svc-aws-alb')[0]!.inputs).toMatchObject({
      name: 'app1102.example.com',
      type: 'CNAME',
      records: ['internal-app1102-alb-1234567890.eu-central-1.elb.amazonaws.com'],
      ttl: 30,
    });
    expect(await valueOf(toServer.recordTarget)).toBe('10.40.0.10');
    expect(toAlb.recordType).toBe('CNAME');
    expect(await valueOf(toAlb.serviceDnsName)).toBe('app1102.example.com');
  });

  it('chooses the record type from the data center address too: host name CNAME, IPv6 AAAA', async () => {
    new mod.TrafficSwitch('svc-dc-host', args({ datacenterAddress: 'App1101-LB.dc2.example.internal' }));
    new mod.TrafficSwitch('svc-dc-v6', args({ datacenterAddress: '2001:db8::11', ttl: 0 }));
    await mocks.settle();
    expect(recordsOf('svc-dc-host')[0]!.inputs).toMatchObject({ type: 'CNAME', records: ['app1101-lb.dc2.example.internal'] });
    expect(recordsOf('svc-dc-v6')[0]!.inputs).toMatchObject({ type: 'AAAA', records: ['2001:db8::11'], ttl: 0 });
  });

  it('switches in place: the same resource (URN) with only its value changed, and no replacement options', async () => {
    // The cutover deploy and the rollback deploy of one stack, as two registrations of the same component.
    new mod.TrafficSwitch('svc-switch', args());
    await mocks.settle();
    new mod.TrafficSwitch('svc-switch', args({ trafficTarget: 'aws' }));
    await mocks.settle();
    new mod.TrafficSwitch('svc-switch', args());
    await mocks.settle();

    const [before, cutOver, rolledBack] = recordsOf('svc-switch');
    expect(before!.urn).not.toBe('');
    expect(cutOver!.urn).toBe(before!.urn);
    expect(rolledBack!.urn).toBe(before!.urn);
    expect(cutOver!.inputs).toEqual({ ...before!.inputs, records: ['10.40.0.10'] });
    expect(rolledBack!.inputs).toEqual(before!.inputs);
    for (const record of [before, cutOver, rolledBack]) expect(record).toMatchObject({ deleteBeforeReplace: false, replaceOnChanges: [] });
  });

  it('changes the type (CNAME in the data center, A on AWS) on the same resource too, so the provider swaps it atomically', async () => {
    new mod.TrafficSwitch('svc-retype', args({ datacenterAddress: 'app1101.dc2.example.internal' }));
    await mocks.settle();
    new mod.TrafficSwitch('svc-retype', args({ datacenterAddress: 'app1101.dc2.example.internal', trafficTarget: 'aws' }));
    await mocks.settle();

    const [dc, aws] = recordsOf('svc-retype');
    expect(aws!.urn).toBe(dc!.urn);
    expect([dc!.inputs.type, aws!.inputs.type]).toEqual(['CNAME', 'A']);
    expect(aws!.inputs).toEqual({ ...dc!.inputs, type: 'A', records: ['10.40.0.10'] });
    // Neither a forced replacement on `type` nor delete-before-replace: either would take the name out of DNS.
    expect(aws).toMatchObject({ deleteBeforeReplace: false, replaceOnChanges: [], retainOnDelete: true });
  });

  it('refuses bad arguments with a clear message and registers nothing', async () => {
    const cases: [Partial<TrafficSwitchArgs>, string | RegExp][] = [
      [{ trafficTarget: 'cloud' as never }, "cockpit:migration:TrafficSwitch bad: trafficTarget must be one of datacenter, aws (got 'cloud')"],
      [{ zoneId: 'example.com' }, /zoneId must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ \(got 'example.com'\)/],
      [{ dnsName: 'app1101' }, /dnsName must be a fully qualified host name such as app1101.example.com \(got 'app1101'\)/],
      [
        { datacenterAddress: '10.0.0.256' },
        "cockpit:migration:TrafficSwitch bad: datacenterAddress must be an IP address or a fully qualified host name (got '10.0.0.256')",
      ],
      [{ datacenterAddress: 'https://app1101.dc2.example.internal/' }, /datacenterAddress must be an IP address or a fully qualified host name/],
      [{ datacenterAddress: 'app1101 lb.dc2' }, /datacenterAddress must be an IP address or a fully qualified host name/],
      [{ datacenterAddress: 'APP1101.example.com.' }, /datacenterAddress would point app1101.example.com at itself/],
      // Checked while traffic still stays in the data center: the cutover must not be the first to notice.
      [{ awsAddress: 'alb_1.elb.amazonaws.com' }, /awsAddress must be an IP address or a fully qualified host name \(got 'alb_1.elb.amazonaws.com'\)/],
      [{ ttl: -1 }, 'cockpit:migration:TrafficSwitch bad: ttl must be a whole number from 0 to 86400 (got -1)'],
      [{ ttl: 60.5 }, /ttl must be a whole number from 0 to 86400/],
      [{ ttl: 172_800 }, /ttl must be a whole number from 0 to 86400 \(got 172800\)/],
    ];
    for (const [overrides, message] of cases) expect(() => new mod.TrafficSwitch('bad', args(overrides))).toThrow(message);
    await mocks.settle();
    expect(mocks.resources.filter((resource) => resource.name.startsWith('bad'))).toEqual([]);
  });
});

describe('checkNameInZone (run on the hosted zone the deploy looks up)', () => {
  it('accepts names in the zone and refuses the rest, and a CNAME at the apex', () => {
    expect(mod.checkNameInZone('c', 'app1101.example.com', ZONE, 'Example.com.', 'CNAME')).toBe('app1101.example.com');
    expect(mod.checkNameInZone('c', 'example.com', ZONE, 'example.com', 'A')).toBe('example.com');
    expect(() => mod.checkNameInZone('c', 'app1101.corp.internal', ZONE, 'example.com', 'A')).toThrow(
      `c: dnsName 'app1101.corp.internal' is not in the hosted zone ${ZONE} (example.com)`,
    );
    expect(() => mod.checkNameInZone('c', 'app1101.notexample.com', ZONE, 'example.com', 'A')).toThrow(/is not in the hosted zone/);
    expect(() => mod.checkNameInZone('c', 'example.com', ZONE, 'example.com', 'CNAME')).toThrow(/is the apex of zone .* where a CNAME is not allowed/);
  });
});

describe('address helpers', () => {
  it('tells IPs from host names', () => {
    expect(['172.20.4.11', '10.40.0.10'].map(mod.recordTypeOf)).toEqual(['A', 'A']);
    expect(['2001:db8::11', '::1'].map(mod.recordTypeOf)).toEqual(['AAAA', 'AAAA']);
    expect(['app1101.dc2.example.internal', 'internal-a-1.eu-central-1.elb.amazonaws.com.', 'x1.io'].map(mod.recordTypeOf)).toEqual([
      'CNAME',
      'CNAME',
      'CNAME',
    ]);
    for (const bad of [
      '',
      'app1101',
      '10.0.0.256',
      '1.2.3',
      '-a.example.com',
      'a-.example.com',
      'a..example.com',
      'a_b.example.com',
      '10.0.0.1/32',
      `${'a'.repeat(64)}.example.com`,
    ]) {
      expect(mod.recordTypeOf(bad), bad).toBeUndefined();
    }
  });
});
