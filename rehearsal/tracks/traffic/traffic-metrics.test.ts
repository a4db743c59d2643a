// The traffic model through the real CloudWatch client: AWS/ApplicationELB metrics that follow the weights — Route 53
// weights from the moment a change is in sync, listener weights at once —, integrated over a minute's seconds (a
// change mid-minute shows in proportion), per target group and load balancer and per load balancer alone; the host
// counts from target health; Route 53's equal split at all-zero weights; demand set through the admin routes; a name
// in one account's zone leading to a load balancer in another's; the same figures for the same seed.
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand } from '@aws-sdk/client-route-53';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import {
  buildAlbService,
  buildRoute53Service,
  CREDENTIALS,
  MINUTE,
  REGION,
  setListenerPercent,
  setRoute53Percent,
  SUBNETS,
  T0,
  useTrafficRehearsal,
  VPC,
} from './test-harness';

const start = useTrafficRehearsal();
const at = (minutes: number, seconds = 0) => T0 + minutes * MINUTE + seconds * 1000;

describe('AWS/ApplicationELB metrics following the weights', () => {
  it('follows Route 53 weights 0 → 25 → 100 % from the moment each change is in sync', async () => {
    const harness = await start();
    const service = await buildRoute53Service(harness, 0);
    harness.advance(120);
    await setRoute53Percent(harness, service, 25); // in sync at 2:10
    harness.advance(120);
    await setRoute53Percent(harness, service, 100); // in sync at 4:10
    harness.advance(150);
    const requests = await harness.albMinutes('RequestCount', service.awsDimensions, T0, at(7));
    // Minute 0: before the records were in sync (10 s) no name led to the load balancer, so it had its own default
    // demand (20/s × 10 s); at 0 % nothing; 5/s from 2:10; 20/s from 4:10; the current minute (6) is not over.
    expect(requests).toEqual({ 0: 200, 2: 250, 3: 300, 4: 50 + 1000, 5: 1200 });
    expect(await harness.albMinutes('RequestCount', service.loadBalancerDimensions, T0, at(7))).toEqual(requests);
    // Healthy 30 s after the listener forwarded (10 s interval × 3): the minute's samples are per second.
    expect(await harness.albMinutes('HealthyHostCount', service.awsDimensions, T0, at(3), 'Minimum')).toEqual({ 0: 0, 1: 2, 2: 2 });
    expect(await harness.albMinutes('HealthyHostCount', service.awsDimensions, T0, at(1), 'Maximum')).toEqual({ 0: 2 });
    expect(await harness.albMinutes('HealthyHostCount', service.awsDimensions, T0, at(1), 'Average')).toEqual({ 0: 1 });
    expect(await harness.albMinutes('UnHealthyHostCount', service.awsDimensions, T0, at(2), 'Maximum')).toEqual({ 0: 0, 1: 0 });
    // Minute 0's requests came while no target was healthy: every one a 5xx.
    const errors = await harness.albMinutes('HTTPCode_Target_5XX_Count', service.awsDimensions, T0, at(6));
    expect(errors[0]).toBe(200);
    const times = Object.values(await harness.albMinutes('TargetResponseTime', service.awsDimensions, at(2), at(6), 'Average'));
    expect(times).toHaveLength(4);
    for (const seconds of times) {
      expect(seconds).toBeGreaterThanOrEqual(0.034);
      expect(seconds).toBeLessThanOrEqual(0.046);
    }
    // A five-minute period sums its minutes.
    const summed = await harness.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(T0),
        EndTime: new Date(at(5)),
        MetricDataQueries: [
          {
            Id: 'r',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/ApplicationELB',
                MetricName: 'RequestCount',
                Dimensions: Object.entries(service.awsDimensions).map(([Name, Value]) => ({ Name, Value })),
              },
              Period: 300,
              Stat: 'Sum',
            },
          },
        ],
      }),
    );
    expect(summed.MetricDataResults![0]!.Values).toEqual([200 + 250 + 300 + 1050]);
  });

  it('follows listener weights at once, integrating a change mid-minute', async () => {
    const harness = await start();
    const service = await buildAlbService(harness, 0);
    harness.advance(150);
    await setListenerPercent(harness, service, 25); // at 2:30
    harness.advance(60);
    await setListenerPercent(harness, service, 100); // at 3:30
    harness.advance(90);
    expect(await harness.albMinutes('RequestCount', service.awsDimensions, T0, at(5))).toEqual({ 2: 150, 3: 150 + 600, 4: 1200 });
    expect(await harness.albMinutes('RequestCount', service.dcDimensions, T0, at(5))).toEqual({ 0: 1200, 1: 1200, 2: 600 + 450, 3: 450 });
    expect(await harness.albMinutes('RequestCount', service.loadBalancerDimensions, T0, at(5))).toEqual({ 0: 1200, 1: 1200, 2: 1200, 3: 1200, 4: 1200 });
    // The data-center group's one target: healthy after 30 s; the AWS group at 0 % still reports its hosts.
    expect(await harness.albMinutes('HealthyHostCount', service.dcDimensions, at(1), at(2), 'Average')).toEqual({ 1: 1 });
    expect(await harness.albMinutes('HealthyHostCount', service.awsDimensions, at(1), at(2), 'Average')).toEqual({ 1: 2 });
  });

  it('splits equally when every weight is 0, as Route 53 does, and routes nowhere a listener whose weights are all 0', async () => {
    const harness = await start();
    const service = await buildRoute53Service(harness, 0);
    await harness.route53.send(
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
                Weight: 0,
                TTL: 60,
                ResourceRecords: [{ Value: '172.20.7.11' }],
              },
            },
          ],
        },
      }),
    );
    harness.advance(180);
    expect((await harness.albMinutes('RequestCount', service.awsDimensions, at(1), at(3)))[1]).toBe(600);
    const alb = await start();
    const weighted = await buildAlbService(alb, 0);
    await alb.elbv2.send(
      new ModifyListenerCommand({
        ListenerArn: weighted.listenerArn,
        DefaultActions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: [
                { TargetGroupArn: weighted.dcGroupArn, Weight: 0 },
                { TargetGroupArn: weighted.awsGroupArn, Weight: 0 },
              ],
            },
          },
        ],
      }),
    );
    alb.advance(120);
    expect(await alb.albMinutes('RequestCount', weighted.dcDimensions, at(1), at(2))).toEqual({});
    expect(await alb.albMinutes('RequestCount', weighted.loadBalancerDimensions, at(1), at(2))).toEqual({ 1: 1200 });
  });

  it('takes the demand set through the admin routes, for a name and for a load balancer', async () => {
    const harness = await start();
    const service = await buildRoute53Service(harness, 100);
    harness.advance(60);
    expect((await harness.admin('POST', 'traffic/demand', { name: 'SHOP.example.com.', requestsPerSecond: 50 })).status).toBe(200);
    harness.advance(60);
    expect((await harness.admin('POST', 'traffic/demand', { loadBalancer: 'shop', requestsPerSecond: 10 })).status).toBe(200);
    harness.advance(60);
    expect(await harness.albMinutes('RequestCount', service.awsDimensions, at(1), at(3))).toEqual({ 1: 3000, 2: 3600 });
  });

  it('gives the same figures for the same seed, with a base rate of 5xx near 0.1 %', async () => {
    const run = async (seed: number) => {
      const harness = await start({ seed });
      const service = await buildAlbService(harness, 100);
      harness.advance(61 * 60);
      return {
        errors: await harness.albMinutes('HTTPCode_Target_5XX_Count', service.awsDimensions, at(1), at(61)),
        times: await harness.albMinutes('TargetResponseTime', service.awsDimensions, at(1), at(61), 'Average'),
      };
    };
    const first = await run(3);
    expect(await run(3)).toEqual(first);
    expect(await run(4)).not.toEqual(first);
    const total = Object.values(first.errors).reduce((sum, value) => sum + value, 0);
    expect(total).toBeGreaterThan(72 * 0.6);
    expect(total).toBeLessThan(72 * 1.4);
  });

  it('leads a name in one account’s zone to a load balancer in another’s, whose CloudWatch has its metrics', async () => {
    const harness = await start({ roles: [{ accountId: '222222222222', roleName: 'Deployer' }] });
    const sts = new STSClient({ endpoint: harness.url, region: REGION, credentials: CREDENTIALS });
    const session = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/Deployer', RoleSessionName: 'deploy' }));
    sts.destroy();
    const config = {
      endpoint: harness.url,
      region: REGION,
      maxAttempts: 1,
      credentials: {
        accessKeyId: session.Credentials!.AccessKeyId!,
        secretAccessKey: session.Credentials!.SecretAccessKey!,
        sessionToken: session.Credentials!.SessionToken!,
      },
    };
    const elbv2 = new ElasticLoadBalancingV2Client(config);
    const cloudwatch = new CloudWatchClient(config);
    const lb = (await elbv2.send(new CreateLoadBalancerCommand({ Name: 'shop', Subnets: SUBNETS }))).LoadBalancers![0]!;
    const group = (await elbv2.send(new CreateTargetGroupCommand({ Name: 'shop-aws', Protocol: 'HTTP', Port: 80, VpcId: VPC }))).TargetGroups![0]!
      .TargetGroupArn!;
    await elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: group, Targets: [{ Id: 'i-0123456789abcdef0' }] }));
    await elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancerArn,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: group }],
      }),
    );
    const zone = await harness.route53.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'z' }));
    await harness.route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zone.HostedZone!.Id,
        ChangeBatch: {
          Changes: [
            {
              Action: 'CREATE',
              ResourceRecordSet: {
                Name: 'shop.example.com',
                Type: 'A',
                AliasTarget: { HostedZoneId: lb.CanonicalHostedZoneId, DNSName: `dualstack.${lb.DNSName}`, EvaluateTargetHealth: true },
              },
            },
          ],
        },
      }),
    );
    harness.advance(180);
    const out = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(at(1)),
        EndTime: new Date(at(3)),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          {
            Id: 'r',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/ApplicationELB',
                MetricName: 'RequestCount',
                Dimensions: [
                  { Name: 'TargetGroup', Value: group.split(':').at(-1)! },
                  { Name: 'LoadBalancer', Value: lb.LoadBalancerArn!.split(':loadbalancer/').at(-1)! },
                ],
              },
              Period: 60,
              Stat: 'Sum',
            },
          },
        ],
      }),
    );
    expect(out.MetricDataResults![0]!.Values).toEqual([1200, 1200]);
    elbv2.destroy();
    cloudwatch.destroy();
    const estate = (await harness.admin('GET', 'traffic/estate')).json as { services: { name: string; split: { to: unknown }[] }[] };
    expect(estate.services[0]!.split[0]!.to).toEqual({ loadBalancer: lb.LoadBalancerArn, name: 'shop' });
  });
});
