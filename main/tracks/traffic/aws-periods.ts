// One read of a service's AWS target group from CloudWatch: its five AWS/ApplicationELB metrics in one-minute periods
// over [from, to), every page, read back into numbers (metric-queries.ts). The shift's analysis reads each window so;
// the same read serves any Route 53 peer a shift runs against (the metrics are the load balancer's, wherever DNS is).
import type { TrafficAwsApi } from './aws-api';
import { metricBatches, readGroupPeriods, type GroupPeriod } from './metric-queries';
import type { TrafficResources } from './resources';

export async function awsGroupPeriods(
  api: Pick<TrafficAwsApi, 'getMetricData'>,
  resources: TrafficResources,
  from: number,
  to: number,
  signal: AbortSignal,
): Promise<GroupPeriod[]> {
  const groups = [{ key: 'aws', group: resources.targetGroups.aws, loadBalancerDimension: resources.loadBalancer.dimension }];
  const results = [];
  for (const queries of metricBatches(groups, 60)) {
    let nextToken: string | undefined;
    do {
      const page = await api.getMetricData({ queries, start: new Date(from), end: new Date(to), ...(nextToken ? { nextToken } : {}) }, signal);
      results.push(...page.results);
      nextToken = page.nextToken;
    } while (nextToken);
  }
  return readGroupPeriods(groups, results).get('aws') ?? [];
}
