import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import type { TrafficAwsApi } from '../aws-api';
import { AnalysisDefaults, DEFAULT_TRAFFIC_WAVE } from '../plan-schema';
import type { TrafficResources } from '../resources';
import type { WatchedService } from '../watched-services';
import { floorCalls } from './poll-planner';
import { TrafficMonitor } from './traffic-monitor';

const ARN = 'arn:aws:elasticloadbalancing:eu-central-1:123456789012';
const NOW = Date.parse('2026-12-04T02:10:30Z');
const group = (name: string, id: string) => ({ arn: `${ARN}:targetgroup/${name}/${id}`, dimension: `targetgroup/${name}/${id}` });
const resources = (split: 'route53' | 'alb', name: string): TrafficResources => ({
  split,
  service: `${name}.example.com`,
  awsPercent: 25,
  ...(split === 'route53'
    ? {
        route53: {
          zoneId: 'Z0123456789ABCDEFGHIJ',
          recordName: `${name}.example.com`,
          recordType: 'A' as const,
          setIdentifiers: { dc: `${name}-dc`, aws: `${name}-aws` },
        },
      }
    : {}),
  loadBalancer: {
    arn: `${ARN}:loadbalancer/app/${name}/0011223344556677`,
    dnsName: `internal-${name}-1.elb.amazonaws.com`,
    dimension: `app/${name}/0011223344556677`,
  },
  listenerArn: `${ARN}:listener/app/${name}/0011223344556677/8899aabbccddeeff`,
  targetGroups: { aws: group(`${name}-aws`, 'fedcba9876543210'), ...(split === 'alb' ? { dc: group(`${name}-dc`, '0123456789abcdef') } : {}) },
});
const service = (split: 'route53' | 'alb', name: string, deployed = true): WatchedService => ({
  stackId: `apps/${name}`,
  waveId: 'wave-7',
  placement: '/eu-central-1',
  stack: {} as WatchedService['stack'],
  traffic: {
    service: `${name}.example.com`,
    split,
    dataCenter: { addresses: ['172.20.7.11'], port: 443 },
    aws: { ec2: {} },
    port: 80,
    healthCheckPath: '/healthz',
    scheme: 'internal',
  },
  settings: DEFAULT_TRAFFIC_WAVE,
  analysis: { ...AnalysisDefaults },
  resources: deployed ? resources(split, name) : { problem: `stack apps/${name} has no trafficResources output yet: deploy it` },
});

/** An API answering from fixed weights and health; every call counted. */
function fakeApi(): TrafficAwsApi & { readonly calls: Record<string, number>; queries: MetricDataQuery[] } {
  const calls: Record<string, number> = {};
  const count = (operation: string) => (calls[operation] = (calls[operation] ?? 0) + 1);
  const api = {
    calls,
    queries: [] as MetricDataQuery[],
    listRecordSets: async () => {
      count('ListResourceRecordSets');
      return [
        { Name: 'shop.example.com.', Type: 'A' as const, SetIdentifier: 'shop-aws', Weight: 25 },
        { Name: 'shop.example.com.', Type: 'A' as const, SetIdentifier: 'shop-dc', Weight: 75 },
      ];
    },
    upsertRecordSets: async () => {
      throw new Error('the monitor never writes');
    },
    getChange: async (id: string) => (count('GetChange'), { id, status: 'INSYNC' as const, submittedAt: null }),
    listenerActions: async () => {
      count('DescribeListeners');
      return [
        {
          Type: 'forward' as const,
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: group('cart-dc', '0123456789abcdef').arn, Weight: 50 },
              { TargetGroupArn: group('cart-aws', 'fedcba9876543210').arn, Weight: 50 },
            ],
          },
        },
      ];
    },
    modifyListenerActions: async () => {
      throw new Error('the monitor never writes');
    },
    targetHealth: async (arn: string) => {
      count('DescribeTargetHealth');
      return arn.includes('-aws/')
        ? [
            { id: '10.40.0.10', port: 80, state: 'healthy', reason: null, description: null },
            {
              id: '10.40.0.11',
              port: 80,
              state: 'unhealthy',
              reason: 'Target.ResponseCodeMismatch',
              description: 'Health checks failed with these codes: [502]',
            },
          ]
        : [{ id: '172.20.7.11', port: 443, state: 'healthy', reason: null, description: null }];
    },
    getMetricData: async ({ queries, start }: { queries: MetricDataQuery[]; start: Date }) => {
      count('GetMetricData');
      api.queries.push(...queries);
      const minute = Math.floor(NOW / 60_000) * 60_000 - 60_000;
      expect(start.getTime()).toBeLessThanOrEqual(minute);
      return {
        results: queries.map((query) => ({
          Id: query.Id,
          Timestamps: [new Date(minute)],
          Values: [query.MetricStat!.Metric!.MetricName === 'TargetResponseTime' ? 0.042 : query.MetricStat!.Metric!.MetricName === 'RequestCount' ? 300 : 3],
        })),
      };
    },
    close: () => undefined,
  };
  return api;
}

describe('the traffic monitor', () => {
  it('reads each service at the call floor and publishes its weights, health and minutes', async () => {
    const api = fakeApi();
    const published: unknown[] = [];
    const monitor = new TrafficMonitor({
      services: () => [service('route53', 'shop'), service('alb', 'cart'), service('route53', 'later', false)],
      api: () => api,
      plannedPercent: (stackId) => (stackId === 'apps/shop' ? 25 : 0),
      shifting: () => false,
      clock: () => NOW,
      stop: new AbortController().signal,
      publish: (views) => published.push(views),
    });
    const outcome = await monitor.fetch();
    monitor.afterCycle();
    expect(outcome.problem).toBeNull();
    // Two deployed services (one split read each), three target groups, no pending change.
    const floor = floorCalls({ services: 2, targetGroups: 3, pendingChanges: 0 });
    expect(api.calls).toEqual({
      ListResourceRecordSets: 1,
      DescribeListeners: 1,
      DescribeTargetHealth: floor.DescribeTargetHealth,
      GetMetricData: floor.GetMetricData,
    });
    expect(api.queries).toHaveLength(15);
    expect(api.queries[0]!.MetricStat!.Metric!.Dimensions).toEqual([
      { Name: 'TargetGroup', Value: 'targetgroup/shop-aws/fedcba9876543210' },
      { Name: 'LoadBalancer', Value: 'app/shop/0011223344556677' },
    ]);

    const [shop, cart, later] = monitor.views();
    expect(shop).toMatchObject({ weights: { dc: 75, aws: 25 }, awsPercent: 25, plannedPercent: 25, problem: null, checkedAt: '2026-12-04T02:10:30.000Z' });
    expect(shop!.targets.aws).toEqual({
      healthy: 1,
      unhealthy: 1,
      other: 0,
      targets: [
        { id: '10.40.0.10', port: 80, state: 'healthy', reason: null },
        { id: '10.40.0.11', port: 80, state: 'unhealthy', reason: 'Health checks failed with these codes: [502]' },
      ],
    });
    expect(shop!.targets.dc).toBeNull();
    const minute = shop!.minutes.find((entry) => entry.at === '2026-12-04T02:09:00.000Z')!;
    expect(minute).toEqual({ at: '2026-12-04T02:09:00.000Z', aws: { requests: 300, errors5xx: 3, responseTimeMs: 42 }, dc: null });
    expect(cart!.minutes.find((entry) => entry.at === '2026-12-04T02:09:00.000Z')!.dc).toEqual({ requests: 300, errors5xx: 3, responseTimeMs: 42 });
    expect(cart).toMatchObject({ weights: { dc: 50, aws: 50 }, awsPercent: 50 });
    expect(later).toMatchObject({ weights: null, problem: 'stack apps/later has no trafficResources output yet: deploy it' });
    expect(published).toHaveLength(1);
  });

  it('keeps a write in the history at once and watches its change until INSYNC', async () => {
    const api = fakeApi();
    const monitor = new TrafficMonitor({
      services: () => [service('route53', 'shop')],
      api: () => api,
      plannedPercent: () => 25,
      shifting: () => false,
      clock: () => NOW,
      stop: new AbortController().signal,
      publish: () => undefined,
    });
    monitor.recordWrite(
      'apps/shop',
      { before: { dc: 100, aws: 0 }, after: { dc: 75, aws: 25 }, change: { id: 'C9', status: 'PENDING', submittedAt: null } },
      NOW - 5000,
    );
    expect(monitor.activity()).toBe('fast');
    await monitor.fetch();
    expect(api.calls.GetChange).toBe(1);
    const [shop] = monitor.views();
    expect(shop!.change).toMatchObject({ id: 'C9', status: 'INSYNC' });
    expect(shop!.weightHistory).toEqual([{ at: '2026-12-04T02:10:25.000Z', dc: 75, aws: 25 }]);
    expect(monitor.activity()).toBe('normal');
  });

  it('says a placement it cannot reach on every service there, and reads nothing', async () => {
    const monitor = new TrafficMonitor({
      services: () => [service('route53', 'shop')],
      api: () => ({ unavailable: 'account workloads-prod: the role could not be assumed' }),
      plannedPercent: () => 0,
      shifting: () => true,
      clock: () => NOW,
      stop: new AbortController().signal,
      publish: () => undefined,
    });
    const outcome = await monitor.fetch();
    expect(outcome.problem).toBe('account workloads-prod: the role could not be assumed');
    expect(monitor.views()[0]!.problem).toBe('account workloads-prod: the role could not be assumed');
    expect(monitor.activity()).toBe('fast');
  });
});
