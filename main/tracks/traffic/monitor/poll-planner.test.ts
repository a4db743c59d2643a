import { describe, expect, it } from 'vitest';
import { floorCalls, floorCallsAcrossPlacements } from './poll-planner';

describe("the traffic monitor's call floor", () => {
  it('is S + T + C + ceil(5T / 500) per placement', () => {
    expect(floorCalls({ services: 3, targetGroups: 4, pendingChanges: 1 })).toEqual({ split: 3, DescribeTargetHealth: 4, GetChange: 1, GetMetricData: 1 });
    expect(floorCalls({ services: 100, targetGroups: 101, pendingChanges: 0 }).GetMetricData).toBe(2);
    expect(
      floorCallsAcrossPlacements([
        { services: 3, targetGroups: 4, pendingChanges: 1 },
        { services: 1, targetGroups: 1, pendingChanges: 0 },
      ]),
    ).toBe(9 + 3);
  });
});
