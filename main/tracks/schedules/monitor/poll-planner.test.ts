import { describe, expect, it } from 'vitest';
import { floorCalls, floorCallsAcrossPlacements, FUNCTION_METRICS, GROUP_METRICS, METRIC_QUERIES_MAX, planMetricBatches } from './poll-planner';

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('the scheduled-jobs monitor’s call plan', () => {
  it('is ceil((3F + G) / 500) + S + F + D per placement', () => {
    expect(floorCalls({ functions: 2, schedules: 2, groups: 1, dcJobs: 2 })).toEqual({ GetMetricData: 1, GetSchedule: 2, GetFunctionConcurrency: 2, GET: 2 });
    expect(floorCalls({ functions: 200, schedules: 200, groups: 1, dcJobs: 200 })).toEqual({
      GetMetricData: 2,
      GetSchedule: 200,
      GetFunctionConcurrency: 200,
      GET: 200,
    });
    expect(floorCalls({ functions: 0, schedules: 0, groups: 0, dcJobs: 3 })).toEqual({ GetMetricData: 0, GetSchedule: 0, GetFunctionConcurrency: 0, GET: 3 });
    expect(
      floorCallsAcrossPlacements([
        { functions: 1, schedules: 1, groups: 1, dcJobs: 1 },
        { functions: 2, schedules: 2, groups: 1, dcJobs: 0 },
      ]),
    ).toBe(1 + 1 + 1 + 1 + (1 + 2 + 2));
  });

  it('packs every query into calls of at most 500 with ids unique per call, as many calls as the floor says', () => {
    for (const [f, g] of [
      [0, 0],
      [1, 1],
      [166, 2],
      [167, 0],
      [400, 3],
    ] as const) {
      const batches = planMetricBatches(names('fn', f), names('group', g));
      expect(batches.flat()).toHaveLength(FUNCTION_METRICS.length * f + GROUP_METRICS.length * g);
      expect(batches.length).toBe(floorCalls({ functions: f, schedules: 0, groups: g, dcJobs: 0 }).GetMetricData);
      for (const batch of batches) {
        expect(batch.length).toBeLessThanOrEqual(METRIC_QUERIES_MAX);
        expect(new Set(batch.map((query) => query.id)).size).toBe(batch.length);
        for (const query of batch) expect(query.id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
      }
    }
  });
});
