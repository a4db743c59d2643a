import { describe, expect, it } from 'vitest';
import { floorCalls, floorCallsAcrossPlacements, METRIC_QUERIES_MAX, planMetricBatches, TABLE_METRICS } from './poll-planner';

const tables = (n: number) => Array.from({ length: n }, (_, i) => ({ keyspace: 'orders', table: `t${i}` }));
const runs = (n: number) => Array.from({ length: n }, (_, i) => ({ jobName: `load-${i}`, runId: `jr_${i}` }));

describe('the Keyspaces monitor’s call plan', () => {
  it('is ceil((6T + R) / 500) + J + P per placement', () => {
    expect(floorCalls({ tables: 3, jobs: 2, runningJobRuns: 1, proxies: 2 })).toEqual({ GetMetricData: 1, GetJobRuns: 2, GET: 2 });
    expect(floorCalls({ tables: 100, jobs: 10, runningJobRuns: 10, proxies: 10 })).toEqual({ GetMetricData: 2, GetJobRuns: 10, GET: 10 });
    expect(floorCalls({ tables: 0, jobs: 0, runningJobRuns: 0, proxies: 0 })).toEqual({ GetMetricData: 0, GetJobRuns: 0, GET: 0 });
    expect(
      floorCallsAcrossPlacements([
        { tables: 3, jobs: 1, runningJobRuns: 1, proxies: 1 },
        { tables: 90, jobs: 2, runningJobRuns: 0, proxies: 2 },
      ]),
    ).toBe(1 + 1 + 1 + 2 + 2 + 2);
  });

  it('packs every query into calls of at most 500 with ids unique per call, as many calls as the floor says', () => {
    for (const [t, r] of [
      [0, 0],
      [1, 0],
      [83, 2],
      [84, 0],
      [400, 7],
    ] as const) {
      const batches = planMetricBatches(tables(t), runs(r));
      const total = TABLE_METRICS.length * t + r;
      expect(batches.flat()).toHaveLength(total);
      expect(batches.length).toBe(floorCalls({ tables: t, jobs: 0, runningJobRuns: r, proxies: 0 }).GetMetricData);
      for (const batch of batches) {
        expect(batch.length).toBeLessThanOrEqual(METRIC_QUERIES_MAX);
        expect(new Set(batch.map((query) => query.id)).size).toBe(batch.length);
        for (const query of batch) expect(query.id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
      }
    }
  });
});
