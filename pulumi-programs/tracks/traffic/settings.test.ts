// traffic:settings and traffic:awsPercent as both parts read them: the plan's shape parsed, every bad value named with
// its key and field; the weights of a percent; the one-step DNS switch refused beside the track.
import type * as pulumi from '@pulumi/pulumi';
import { describe, expect, it } from 'vitest';
import { parseTrafficSettings, readAwsPercent, readTrafficTrack, refuseOneStepSwitch, serviceRecordType, weightsOf } from './settings';
import { ALB_EKS_SETTINGS, ROUTE53_EC2_SETTINGS, settingsWith, ZONE_ID } from './testing/settings-fixture';

/** A config of one namespace with these keys (objects JSON-encoded, as the core writes them). */
function configOf(name: string, values: Record<string, unknown>): pulumi.Config {
  const get = (key: string) => {
    const value = values[key];
    return value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
  };
  return { name, get } as unknown as pulumi.Config;
}

const parse = (settings: object) => parseTrafficSettings(JSON.stringify(settings));

describe('traffic:settings', () => {
  it('reads what the plan part writes, for a route53 split on EC2 and an alb split on EKS', () => {
    expect(parse(ROUTE53_EC2_SETTINGS)).toEqual(ROUTE53_EC2_SETTINGS);
    expect(parse(ALB_EKS_SETTINGS)).toEqual(ALB_EKS_SETTINGS);
    expect(serviceRecordType(parse(ROUTE53_EC2_SETTINGS))).toBe('A');
  });

  it('normalizes the service name and the zone id, and takes one host name as a route53 data center (CNAME)', () => {
    const settings = parse(
      settingsWith(ROUTE53_EC2_SETTINGS, (s) => {
        s.service = 'Shop.Example.com.';
        s.route53 = { zoneId: `/hostedzone/${ZONE_ID}`, ttl: 300 };
        s.dataCenter = { addresses: ['LB1.DC2.example.internal.'], port: 443 };
      }),
    );
    expect(settings.service).toBe('shop.example.com');
    expect(settings.route53).toEqual({ zoneId: ZONE_ID, ttl: 300 });
    expect(settings.dataCenter.addresses).toEqual(['lb1.dc2.example.internal']);
    expect(serviceRecordType(settings)).toBe('CNAME');
  });

  it('names the field that is wrong', () => {
    const route53 = (change: (s: Record<string, unknown>) => void) => settingsWith(ROUTE53_EC2_SETTINGS, change);
    const alb = (change: (s: Record<string, unknown>) => void) => settingsWith(ALB_EKS_SETTINGS, change);
    const eks = (change: (e: Record<string, unknown>) => void) => alb((s) => change((s.aws as { eks: Record<string, unknown> }).eks));
    const cases: [object | string, string][] = [
      ['[]', 'traffic:settings must be a JSON object { service, split, dataCenter, aws, port, healthCheckPath, scheme }'],
      ['{', 'traffic:settings is not valid JSON'],
      [route53((s) => (s.service = 'shop')), 'traffic:settings: service must be a fully qualified host name such as shop.example.com (got "shop")'],
      [route53((s) => (s.split = 'dns')), 'traffic:settings: split must be one of route53, alb (got "dns")'],
      [route53((s) => delete s.route53), 'traffic:settings: route53 must be an object { zoneId, ttl } with split route53 (got nothing)'],
      [alb((s) => (s.route53 = { zoneId: ZONE_ID, ttl: 60 })), 'traffic:settings: route53 is set, but split is alb'],
      [route53((s) => (s.route53 = { zoneId: 'example.com', ttl: 60 })), 'traffic:settings: route53.zoneId must be a Route 53 hosted zone id'],
      [route53((s) => (s.route53 = { zoneId: ZONE_ID, ttl: 90_000 })), 'traffic:settings: route53.ttl must be a whole number from 0 to 86400 (got 90000)'],
      [route53((s) => (s.route53 = { zoneId: ZONE_ID })), 'traffic:settings: route53.ttl is missing: a whole number from 0 to 86400'],
      [route53((s) => (s.dataCenter = { addresses: [], port: 443 })), 'traffic:settings: dataCenter.addresses must list at least 1'],
      [route53((s) => (s.dataCenter = { addresses: ['172.20.7.11', 'not a host'], port: 443 })), 'traffic:settings: dataCenter.addresses[1] must be an IPv4'],
      [
        route53((s) => (s.dataCenter = { addresses: ['172.20.7.11', 'lb.dc2.example.internal'], port: 443 })),
        'traffic:settings: dataCenter.addresses must be IPv4 addresses or one host name',
      ],
      [route53((s) => (s.dataCenter = { addresses: ['shop.example.com'], port: 443 })), 'traffic:settings: dataCenter.addresses[0] is shop.example.com itself'],
      [
        route53((s) => (s.dataCenter = { addresses: ['172.20.7.11', '172.20.7.11'], port: 443 })),
        'traffic:settings: dataCenter.addresses lists 172.20.7.11 twice',
      ],
      [
        route53((s) => (s.dataCenter = { addresses: ['172.20.7.11'], port: 0 })),
        'traffic:settings: dataCenter.port must be a whole number from 1 to 65535 (got 0)',
      ],
      [
        alb((s) => (s.dataCenter = { addresses: ['lb.dc2.example.internal'], port: 8080 })),
        'traffic:settings: dataCenter.addresses[0] is the host name lb.dc2.example.internal: an ALB',
      ],
      [
        alb((s) => (s.dataCenter = { addresses: ['8.8.8.8'], port: 8080 })),
        'traffic:settings: dataCenter.addresses[0] is 8.8.8.8: an ALB takes IP targets outside its VPC only from 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10',
      ],
      [route53((s) => (s.aws = {})), 'traffic:settings: aws must be { ec2: {} } or { eks: { … } } (got {})'],
      [route53((s) => (s.aws = { ec2: {}, eks: {} })), 'traffic:settings: aws must be { ec2: {} } or { eks: { … } }'],
      [route53((s) => (s.aws = { ec2: { instance: 'i-1' } })), 'traffic:settings: aws.ec2 must be {}'],
      [eks((e) => (e.clusterStack = 'core eks')), 'traffic:settings: aws.eks.clusterStack must be a Pulumi stack name'],
      [eks((e) => (e.kubeconfigOutput = 'kube-config')), 'traffic:settings: aws.eks.kubeconfigOutput must be a stack output name'],
      [eks((e) => (e.namespace = 'Shop')), 'traffic:settings: aws.eks.namespace must be a Kubernetes namespace name'],
      [eks((e) => (e.namespace = 'kube-system')), 'traffic:settings: aws.eks.namespace is kube-system: the stack makes and owns its namespace'],
      [eks((e) => (e.image = 'registry.example.com/shop 1.4')), 'traffic:settings: aws.eks.image must be a container image reference'],
      [eks((e) => (e.replicas = 0)), 'traffic:settings: aws.eks.replicas must be a whole number from 1 to 100 (got 0)'],
      [eks((e) => delete e.containerPort), 'traffic:settings: aws.eks.containerPort is missing'],
      [route53((s) => (s.port = 70_000)), 'traffic:settings: port must be a whole number from 1 to 65535 (got 70000)'],
      [route53((s) => (s.healthCheckPath = 'healthz')), 'traffic:settings: healthCheckPath must be a path such as /healthz'],
      [route53((s) => (s.healthCheckPath = '/health check')), 'traffic:settings: healthCheckPath must be a path such as /healthz'],
      [route53((s) => (s.scheme = 'public')), 'traffic:settings: scheme must be one of internal, internet-facing (got "public")'],
    ];
    for (const [settings, message] of cases) {
      expect(() => parseTrafficSettings(typeof settings === 'string' ? settings : JSON.stringify(settings)), message).toThrow(message);
    }
  });
});

describe('traffic:awsPercent', () => {
  it('is a whole number from 0 to 100, 0 when absent', () => {
    expect(readAwsPercent(configOf('traffic', {}))).toBe(0);
    expect(readAwsPercent(configOf('traffic', { awsPercent: '25' }))).toBe(25);
    expect(readAwsPercent(configOf('traffic', { awsPercent: 100 }))).toBe(100);
    for (const bad of ['101', '-1', '2.5', 'five', '']) {
      expect(() => readAwsPercent(configOf('traffic', { awsPercent: bad })), bad).toThrow(
        `traffic:awsPercent must be a whole number from 0 to 100, the share of requests sent to AWS (got ${JSON.stringify(bad)})`,
      );
    }
  });

  it('weighs aws = p and dc = 100 − p, inside both Route 53’s (0–255) and the ALB’s (0–999) ranges', () => {
    expect(weightsOf(0)).toEqual({ dc: 100, aws: 0 });
    expect(weightsOf(25)).toEqual({ dc: 75, aws: 25 });
    expect(weightsOf(100)).toEqual({ dc: 0, aws: 100 });
  });
});

describe('the stack’s traffic track', () => {
  const project = (values: Record<string, unknown> = {}) => configOf('platform-production', values);

  it('is absent without traffic:settings (a percent alone weighs nothing), else the settings with the percent', () => {
    expect(readTrafficTrack(configOf('traffic', {}), project())).toBeUndefined();
    expect(readTrafficTrack(configOf('traffic', { awsPercent: '5' }), project())).toBeUndefined();
    expect(readTrafficTrack(configOf('traffic', { settings: ROUTE53_EC2_SETTINGS, awsPercent: '5' }), project({ trafficTarget: 'datacenter' }))).toEqual({
      settings: ROUTE53_EC2_SETTINGS,
      awsPercent: 5,
    });
  });

  it('refuses the one-step DNS switch beside it: two writers of the same name', () => {
    const settings = parse(ROUTE53_EC2_SETTINGS);
    expect(() => refuseOneStepSwitch(project({ dnsZoneId: ZONE_ID, dnsName: 'shop.example.com' }), settings)).toThrow(
      /^traffic:settings and platform-production:dnsZoneId, platform-production:dnsName are both set: the traffic track's weighted split of shop\.example\.com and the one-step DNS switch \(TrafficSwitch\) would be two writers of the same name/,
    );
    expect(() => refuseOneStepSwitch(project({ trafficTarget: 'aws' }), settings)).toThrow(
      /^traffic:settings and platform-production:trafficTarget are both set/,
    );
    // trafficTarget: datacenter without the DNS keys writes nothing (the demo's stacks carry it).
    expect(() => refuseOneStepSwitch(project({ trafficTarget: 'datacenter' }), settings)).not.toThrow();
    expect(() => readTrafficTrack(configOf('traffic', { settings: ROUTE53_EC2_SETTINGS }), project({ dnsName: 'shop.example.com' }))).toThrow(
      /two writers of the same name/,
    );
  });
});
