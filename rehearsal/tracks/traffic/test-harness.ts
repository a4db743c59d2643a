// Shared by the traffic track's tests: the whole rehearsal (startAwsRehearsal, every track registered) on a manual
// clock, with the real SDK clients of Route 53, ELBv2 and CloudWatch against its endpoint, the admin routes as JSON
// calls, and the two kinds of service a traffic shift works on, built through the APIs: a `route53` split (a name's
// weighted record sets, one for the data center and one aliasing the load balancer) and an `alb` split (a listener
// forwarding to an AWS and an on-premises target group by weight).
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  RegisterTargetsCommand,
  type LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand, GetChangeCommand, Route53Client } from '@aws-sdk/client-route-53';
import { afterEach } from 'vitest';
import { defineScenario, startAwsRehearsal, type AwsRehearsal, type AwsRehearsalOptions } from '../../aws-rehearsal';
import { ManualClock } from '../../kernel/clock';
import { minuteValues } from '../../test-support';

export const REGION = 'eu-central-1';
export const ACCOUNT = '123456789012';
/** The manual clock's start: 2026-12-05T00:00:00Z, minute-aligned. */
export const T0 = Date.UTC(2026, 11, 5, 0, 0, 0);
export const MINUTE = 60_000;
export const CREDENTIALS = { accessKeyId: 'AKIAREHEARSAL0000000', secretAccessKey: 'rehearsal-secret-not-checked' };
export const VPC = 'vpc-0a1b2c3d4e5f60718';
export const SUBNETS = ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'];

export interface TrafficHarness {
  readonly aws: AwsRehearsal;
  readonly url: string;
  readonly clock: ManualClock;
  readonly route53: Route53Client;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly cloudwatch: CloudWatchClient;
  /** Advances simulated time by `seconds`. */
  advance(seconds: number): void;
  /** An admin call with a JSON body (or none): status and parsed JSON. */
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
  /** A raw request to the endpoint (what the SDK cannot send). */
  raw(method: string, path: string, init?: { headers?: Record<string, string>; body?: string }): Promise<{ status: number; text: string; headers: Headers }>;
  /** `stat` per minute of one AWS/ApplicationELB metric from `from` to `to` (simulated ms), through the real CloudWatch client. */
  albMetric(metricName: string, dimensions: Record<string, string>, from: number, to: number, stat?: string): Promise<number[]>;
  /** The same, keyed by the minute's offset from T0 (minutes without a datapoint absent). */
  albMinutes(metricName: string, dimensions: Record<string, string>, from: number, to: number, stat?: string): Promise<Record<number, number>>;
}

export type TrafficHarnessOptions = Partial<Pick<AwsRehearsalOptions, 'roles' | 'seed' | 'trafficZones'>>;

/** Starts rehearsals (closed after each test) with the SDK clients: the source account 123456789012, clock at T0. */
export function useTrafficRehearsal(): (options?: TrafficHarnessOptions) => Promise<TrafficHarness> {
  const open: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((close) => close()));
  });
  return async (options = {}) => {
    const clock = new ManualClock(T0);
    const aws = await startAwsRehearsal({
      clock,
      seed: options.seed ?? 7,
      scenario: defineScenario({ name: 'traffic', region: REGION, accountId: ACCOUNT }),
      ...(options.roles ? { roles: options.roles } : {}),
      ...(options.trafficZones ? { trafficZones: options.trafficZones } : {}),
    });
    const config = { endpoint: aws.url, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 };
    const route53 = new Route53Client(config);
    const elbv2 = new ElasticLoadBalancingV2Client(config);
    const cloudwatch = new CloudWatchClient(config);
    open.push(async () => {
      for (const client of [route53, elbv2, cloudwatch]) client.destroy();
      await aws.close();
    });
    const raw = async (method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) => {
      const response = await fetch(`${aws.url}${path}`, { method, ...init });
      return { status: response.status, text: await response.text(), headers: response.headers };
    };
    return {
      aws,
      url: aws.url,
      clock,
      route53,
      elbv2,
      cloudwatch,
      advance: (seconds) => clock.advance(seconds * 1000),
      admin: async (method, path, body) => {
        const response = await fetch(`${aws.url}/_admin/${path}`, {
          method,
          ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
        });
        const text = await response.text();
        return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
      },
      raw,
      albMetric: (metricName, dimensions, from, to, stat = 'Sum') =>
        minuteValues(cloudwatch, { namespace: 'AWS/ApplicationELB', metricName, dimensions, from, to, stat }),
      albMinutes: async (metricName, dimensions, from, to, stat = 'Sum') => {
        const out = await cloudwatch.send(
          new GetMetricDataCommand({
            StartTime: new Date(from),
            EndTime: new Date(to),
            ScanBy: 'TimestampAscending',
            MetricDataQueries: [
              {
                Id: 'm',
                MetricStat: {
                  Metric: {
                    Namespace: 'AWS/ApplicationELB',
                    MetricName: metricName,
                    Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
                  },
                  Period: 60,
                  Stat: stat,
                },
              },
            ],
          }),
        );
        const result = out.MetricDataResults![0]!;
        return Object.fromEntries(result.Timestamps!.map((time, index) => [(time.getTime() - T0) / MINUTE, result.Values![index]!]));
      },
    };
  };
}

/** The error a promise rejects with: its name (the code), HTTP status and message. */
export async function failureOf(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await promise;
  } catch (error) {
    const failure = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: failure.name, status: failure.$metadata?.httpStatusCode, message: failure.message };
  }
  throw new Error('expected the call to fail');
}

export interface ServiceEstate {
  readonly loadBalancer: LoadBalancer;
  readonly listenerArn: string;
  /** The AWS side's group (two EC2 instances). */
  readonly awsGroupArn: string;
  /** CloudWatch dimensions of the AWS group behind the load balancer. */
  readonly awsDimensions: { TargetGroup: string; LoadBalancer: string };
  readonly loadBalancerDimensions: { LoadBalancer: string };
}

/** A `route53` split: the name's weighted record sets, the data center's A record and the ALB's alias. */
export interface Route53Service extends ServiceEstate {
  readonly zoneId: string;
}

/** An `alb` split: the listener forwards to the AWS group and an on-premises group (the data center's address). */
export interface AlbService extends ServiceEstate {
  readonly dcGroupArn: string;
  readonly dcDimensions: { TargetGroup: string; LoadBalancer: string };
}

const dimensionOf = (arn: string) =>
  arn
    .split(':')
    .at(-1)!
    .replace(/^(loadbalancer|listener)\//, '');

async function targetGroup(harness: TrafficHarness, name: string, targetType: 'instance' | 'ip'): Promise<string> {
  const out = await harness.elbv2.send(
    new CreateTargetGroupCommand({
      Name: name,
      Protocol: 'HTTP',
      Port: 80,
      VpcId: VPC,
      TargetType: targetType,
      HealthCheckPath: '/healthz',
      HealthCheckIntervalSeconds: 10,
      HealthyThresholdCount: 3,
    }),
  );
  return out.TargetGroups![0]!.TargetGroupArn!;
}

/** The ALB `shop` and its AWS group `shop-aws` (two instances, healthy 30 s after the listener forwards to them). */
async function loadBalancerWithAwsGroup(harness: TrafficHarness): Promise<{ loadBalancer: LoadBalancer; awsGroupArn: string }> {
  const { elbv2 } = harness;
  const loadBalancer = (await elbv2.send(new CreateLoadBalancerCommand({ Name: 'shop', Subnets: SUBNETS, Scheme: 'internet-facing' }))).LoadBalancers![0]!;
  const awsGroupArn = await targetGroup(harness, 'shop-aws', 'instance');
  await elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: awsGroupArn, Targets: [{ Id: 'i-0123456789abcdef0' }, { Id: 'i-0123456789abcdef1' }] }));
  return { loadBalancer, awsGroupArn };
}

async function listener(harness: TrafficHarness, loadBalancer: LoadBalancer, groups: { arn: string; weight: number }[]): Promise<string> {
  const out = await harness.elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: loadBalancer.LoadBalancerArn,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', ForwardConfig: { TargetGroups: groups.map((group) => ({ TargetGroupArn: group.arn, Weight: group.weight })) } }],
    }),
  );
  return out.Listeners![0]!.ListenerArn!;
}

/**
 * A `route53` split as the traffic track's programs build it: the ALB `shop` forwarding to `shop-aws`; a zone
 * example.com. with `shop.example.com` weighted — `shop-dc` (A 172.20.7.11) and `shop-aws` (an alias to the ALB) —
 * at `awsPercent` for AWS. The clock is not moved (the records go in sync 10 s later).
 */
export async function buildRoute53Service(harness: TrafficHarness, awsPercent = 0): Promise<Route53Service> {
  const { loadBalancer, awsGroupArn } = await loadBalancerWithAwsGroup(harness);
  const listenerArn = await listener(harness, loadBalancer, [{ arn: awsGroupArn, weight: 1 }]);
  const zone = await harness.route53.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'shop-zone' }));
  const zoneId = zone.HostedZone!.Id!.replace('/hostedzone/', '');
  const lbDimension = dimensionOf(loadBalancer.LoadBalancerArn!);
  const service: Route53Service = {
    zoneId,
    loadBalancer,
    listenerArn,
    awsGroupArn,
    awsDimensions: { TargetGroup: dimensionOf(awsGroupArn), LoadBalancer: lbDimension },
    loadBalancerDimensions: { LoadBalancer: lbDimension },
  };
  await setRoute53Percent(harness, service, awsPercent);
  return service;
}

/**
 * An `alb` split: the ALB `shop` forwarding to `shop-dc` (ip target 172.20.7.11:443, AvailabilityZone all) and
 * `shop-aws` at `awsPercent` for AWS; no DNS name routes to it, so it gets its own demand (20 requests/s).
 */
export async function buildAlbService(harness: TrafficHarness, awsPercent = 0): Promise<AlbService> {
  const { loadBalancer, awsGroupArn } = await loadBalancerWithAwsGroup(harness);
  const dcGroupArn = await targetGroup(harness, 'shop-dc', 'ip');
  await harness.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: dcGroupArn, Targets: [{ Id: '172.20.7.11', Port: 443, AvailabilityZone: 'all' }] }));
  const listenerArn = await listener(harness, loadBalancer, [
    { arn: dcGroupArn, weight: 100 - awsPercent },
    { arn: awsGroupArn, weight: awsPercent },
  ]);
  const lbDimension = dimensionOf(loadBalancer.LoadBalancerArn!);
  return {
    loadBalancer,
    listenerArn,
    awsGroupArn,
    dcGroupArn,
    awsDimensions: { TargetGroup: dimensionOf(awsGroupArn), LoadBalancer: lbDimension },
    dcDimensions: { TargetGroup: dimensionOf(dcGroupArn), LoadBalancer: lbDimension },
    loadBalancerDimensions: { LoadBalancer: lbDimension },
  };
}

/** Sets the two weighted record sets of shop.example.com to `aws` % (data center 100 − aws) in one UPSERT batch; the change id. */
export async function setRoute53Percent(harness: TrafficHarness, service: Route53Service, aws: number): Promise<string> {
  const out = await harness.route53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: service.zoneId,
      ChangeBatch: {
        Changes: [
          {
            Action: 'UPSERT',
            ResourceRecordSet: {
              Name: 'shop.example.com',
              Type: 'A',
              SetIdentifier: 'shop-dc',
              Weight: 100 - aws,
              TTL: 60,
              ResourceRecords: [{ Value: '172.20.7.11' }],
            },
          },
          {
            Action: 'UPSERT',
            ResourceRecordSet: {
              Name: 'shop.example.com',
              Type: 'A',
              SetIdentifier: 'shop-aws',
              Weight: aws,
              AliasTarget: { HostedZoneId: service.loadBalancer.CanonicalHostedZoneId, DNSName: service.loadBalancer.DNSName, EvaluateTargetHealth: false },
            },
          },
        ],
      },
    }),
  );
  return out.ChangeInfo!.Id!;
}

/** Sets the listener's forward weights to `aws` % for the AWS group (data center 100 − aws). */
export async function setListenerPercent(harness: TrafficHarness, service: AlbService, aws: number): Promise<void> {
  await harness.elbv2.send(
    new ModifyListenerCommand({
      ListenerArn: service.listenerArn,
      DefaultActions: [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: service.dcGroupArn, Weight: 100 - aws },
              { TargetGroupArn: service.awsGroupArn, Weight: aws },
            ],
          },
        },
      ],
    }),
  );
}

/** The change's status through GetChange. */
export async function changeStatus(harness: TrafficHarness, changeId: string): Promise<string> {
  return (await harness.route53.send(new GetChangeCommand({ Id: changeId }))).ChangeInfo!.Status!;
}
