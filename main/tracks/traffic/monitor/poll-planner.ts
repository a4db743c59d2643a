// Plans the fewest calls for one refresh cycle of the traffic monitor, at one placement (account and region):
// - the split of each service: Route 53 ListResourceRecordSets from the service's name (one page holds its weighted
//   sets) or ELBv2 DescribeListeners of its listener — one call per service (S);
// - ELBv2 DescribeTargetHealth per target group: the AWS one of every service, and the on-premises one of an ALB
//   split (T groups; no call reads several groups);
// - Route 53 GetChange per change still PENDING (C);
// - CloudWatch GetMetricData: 5 AWS/ApplicationELB metrics per target group (metric-queries.ts), up to 500 queries a
//   call.
// For S services, T target groups and C pending changes the floor is S + T + C + ceil(5T / 500); a plan with accounts
// plans each placement on its own and sums the floors. Pure.
import { GROUP_METRICS, METRIC_QUERIES_MAX } from '../metric-queries';

export interface CycleResources {
  readonly services: number;
  readonly targetGroups: number;
  readonly pendingChanges: number;
}

/** The calls of one cycle at one placement, by kind. */
export function floorCalls(resources: CycleResources): { split: number; DescribeTargetHealth: number; GetChange: number; GetMetricData: number } {
  return {
    split: resources.services,
    DescribeTargetHealth: resources.targetGroups,
    GetChange: resources.pendingChanges,
    GetMetricData: Math.ceil((GROUP_METRICS.length * resources.targetGroups) / METRIC_QUERIES_MAX),
  };
}

export function floorCallsAcrossPlacements(placements: readonly CycleResources[]): number {
  return placements.reduce((sum, resources) => {
    const calls = floorCalls(resources);
    return sum + calls.split + calls.DescribeTargetHealth + calls.GetChange + calls.GetMetricData;
  }, 0);
}
