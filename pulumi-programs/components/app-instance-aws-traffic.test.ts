// Tests of app-instance/aws.ts (kept here, like app-instance-aws.test.ts): trafficTarget on the AWS target.
// The stack config the cockpit writes, plus the DNS keys; the cutover's overlay `trafficTarget: aws` and the
// rollback's `datacenter` are two more deploys of the same stack.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoAppInstanceConfig } from './testing/app-instance-config';
import { installMocks, MOCK_ACCOUNT, valueOf, type MockHarness } from './testing/pulumi-mocks';
import type * as AwsModule from '../app-instance/aws';

const RECORD = 'aws:route53/record:Record';
const ZONE = 'Z0123456789ABCDEFGHIJ';
let mocks: MockHarness;
let mod: typeof AwsModule;

// Explicit network values: no network foundation stack to read.
const demoConfig = (stack: string, extra: Record<string, unknown> = {}) =>
  demoAppInstanceConfig(stack, 'app-Db-Secret-77', {
    amiId: 'ami-0abcdef1234567890',
    vpcId: 'vpc-0bbb',
    subnetIds: ['subnet-1a', 'subnet-1b'],
    replicationInstanceArn: `arn:aws:dms:eu-central-1:${MOCK_ACCOUNT}:rep:NETWORKDMS`,
    allowedCidrs: ['172.20.0.0/14'],
    ...extra,
  });
const dns = (stack: string) => ({ dnsZoneId: ZONE, dnsName: `${stack}.example.com`, datacenterAddress: '172.20.4.11' });

beforeAll(async () => {
  mocks = await installMocks({ project: 'platform-production', stack: 'app1101' });
  mod = await import('../app-instance/aws');
});
afterEach(() => vi.restoreAllMocks());

const deploy = async (stack: string, extra: Record<string, unknown>) => {
  mocks.configure(demoConfig(stack, extra), ['platform-production:dbPassword']);
  const outputs = mod.deployAws({ stackId: `platform-production/${stack}` });
  await mocks.settle();
  return outputs;
};
const recordsOf = (stack: string) => mocks.resources.filter((resource) => resource.type === RECORD && resource.name === `${stack}-dns`);

describe('deployAws: trafficTarget', () => {
  it('points the service name at the data center, and exports where it points', async () => {
    const outputs = await deploy('app1101', { ...dns('app1101'), trafficTarget: 'datacenter' });
    const component = mocks.named('app1101');
    const traffic = mocks.resources.find((resource) => resource.type === 'cockpit:migration:TrafficSwitch' && resource.name === 'app1101')!;
    expect(traffic).toBeDefined();
    expect(component.type).toBe('cockpit:migration:ApplicationServer');
    const [record] = recordsOf('app1101');
    expect(record).toMatchObject({ parent: traffic.urn, retainOnDelete: true, deleteBeforeReplace: false, replaceOnChanges: [] });
    expect(record!.inputs).toEqual({ zoneId: ZONE, name: 'app1101.example.com', type: 'A', ttl: 60, records: ['172.20.4.11'], allowOverwrite: true });
    expect(outputs.trafficTarget).toBe('datacenter');
    expect(await valueOf(outputs.serviceDnsName!)).toBe('app1101.example.com');
    expect(await valueOf(outputs.serviceRecordTarget!)).toBe('172.20.4.11');
  });

  it('points it at the server (A) for aws, or at a configured awsAddress host name (CNAME), with dnsTtl', async () => {
    const toServer = await deploy('app1102', { ...dns('app1102'), trafficTarget: 'aws', dnsTtl: 30 });
    expect(recordsOf('app1102')[0]!.inputs).toMatchObject({ type: 'A', ttl: 30, records: ['10.40.0.10'] });
    expect(toServer.trafficTarget).toBe('aws');
    expect(await valueOf(toServer.serviceRecordTarget!)).toBe('10.40.0.10');

    const alb = 'internal-app1103-alb-1234567890.eu-central-1.elb.amazonaws.com';
    const toAlb = await deploy('app1103', { ...dns('app1103'), trafficTarget: 'aws', awsAddress: alb });
    expect(recordsOf('app1103')[0]!.inputs).toMatchObject({ type: 'CNAME', ttl: 60, records: [alb] });
    expect(await valueOf(toAlb.serviceRecordTarget!)).toBe(alb);
  });

  it('cutover and rollback update the same record: same URN, only the value changes', async () => {
    await deploy('app1201', { ...dns('app1201'), trafficTarget: 'datacenter' });
    await deploy('app1201', { ...dns('app1201'), trafficTarget: 'aws' });
    await deploy('app1201', { ...dns('app1201'), trafficTarget: 'datacenter' });
    const [before, cutOver, rolledBack] = recordsOf('app1201');
    expect(before!.urn).toMatch(/cockpit:migration:TrafficSwitch\$aws:route53\/record:Record::app1201-dns$/);
    expect([cutOver!.urn, rolledBack!.urn]).toEqual([before!.urn, before!.urn]);
    expect(cutOver!.inputs).toEqual({ ...before!.inputs, records: ['10.40.0.10'] });
    expect(rolledBack!.inputs).toEqual(before!.inputs);
  });

  it('a data center host name (CNAME) and the server IP (A) are still one record: the type changes in place', async () => {
    const extra = { ...dns('app1202'), datacenterAddress: 'app1202-lb.dc2.example.internal' };
    await deploy('app1202', { ...extra, trafficTarget: 'datacenter' });
    await deploy('app1202', { ...extra, trafficTarget: 'aws' });
    const [dc, aws] = recordsOf('app1202');
    expect(aws!.urn).toBe(dc!.urn);
    expect([dc!.inputs.type, dc!.inputs.records, aws!.inputs.type, aws!.inputs.records]).toEqual([
      'CNAME',
      ['app1202-lb.dc2.example.internal'],
      'A',
      ['10.40.0.10'],
    ]);
    expect(aws).toMatchObject({ deleteBeforeReplace: false, replaceOnChanges: [] });
  });

  it('without DNS config and trafficTarget datacenter: no record, only the trafficTarget output, and a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const outputs = await deploy('app1203', { trafficTarget: 'datacenter' });
    expect(recordsOf('app1203')).toEqual([]);
    expect(outputs.trafficTarget).toBe('datacenter');
    expect(Object.keys(outputs)).not.toContain('serviceDnsName');
    expect(Object.keys(outputs)).not.toContain('serviceRecordTarget');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('platform-production:trafficTarget is set, but without platform-production:dnsZoneId'));

    // Not set at all (a stack that never switches traffic): the default, silently.
    warn.mockClear();
    expect((await deploy('app1204', {})).trafficTarget).toBe('datacenter');
    expect(warn).not.toHaveBeenCalled();
  });

  it('says which config key is missing or wrong', () => {
    const attempt = (stack: string, extra: Record<string, unknown>) => {
      mocks.configure(demoConfig(stack, extra), ['platform-production:dbPassword']);
      return () => mod.deployAws({ stackId: `platform-production/${stack}` });
    };
    const p = 'platform-production';
    expect(attempt('app1301', { trafficTarget: 'AWS' })).toThrow(`${p}:trafficTarget must be one of datacenter, aws (got 'AWS')`);
    expect(attempt('app1302', { trafficTarget: 'aws' })).toThrow(
      `${p}:trafficTarget is aws, but the stack has no DNS record to switch: add ${p}:dnsZoneId, ${p}:dnsName, ${p}:datacenterAddress`,
    );
    expect(attempt('app1303', { trafficTarget: 'aws', datacenterAddress: '172.20.4.11' })).toThrow(new RegExp(`add ${p}:dnsZoneId, ${p}:dnsName \\(`));
    expect(attempt('app1304', { dnsZoneId: ZONE })).toThrow(`${p}:dnsName is not set: with ${p}:dnsZoneId`);
    expect(attempt('app1305', { dnsName: 'app1305.example.com' })).toThrow(`${p}:dnsZoneId is not set: ${p}:dnsName needs the id`);
    expect(attempt('app1306', { dnsZoneId: ZONE, dnsName: 'app1306.example.com', trafficTarget: 'aws' })).toThrow(
      `${p}:datacenterAddress is not set: the record of app1306.example.com needs the data center endpoint`,
    );
    expect(attempt('app1307', { ...dns('app1307'), datacenterAddress: 'dc2 lb' })).toThrow(
      `${p}:datacenterAddress must be an IP address or a fully qualified host name (got 'dc2 lb')`,
    );
    expect(attempt('app1308', { ...dns('app1308'), awsAddress: '10.40.0.300' })).toThrow(
      `${p}:awsAddress must be an IP address or a fully qualified host name (got '10.40.0.300')`,
    );
    expect(attempt('app1309', { ...dns('app1309'), datacenterAddress: 'APP1309.example.com.' })).toThrow(
      `${p}:datacenterAddress is app1309.example.com itself`,
    );
    expect(attempt('app1310', { ...dns('app1310'), dnsName: 'app1310' })).toThrow(
      `${p}:dnsName must be a fully qualified host name such as app1101.example.com (got 'app1310')`,
    );
    expect(attempt('app1311', { ...dns('app1311'), dnsZoneId: 'example.com' })).toThrow(`${p}:dnsZoneId must be a Route 53 hosted zone id`);
    expect(attempt('app1312', { ...dns('app1312'), dnsTtl: 90.5 })).toThrow(`${p}:dnsTtl must be a whole number of seconds from 0 to 86400 (got 90.5)`);
    expect(attempt('app1313', { ...dns('app1313'), dnsTtl: 'soon' })).toThrow(`Configuration '${p}:dnsTtl' value 'soon' is not a valid number`);
  });
});
