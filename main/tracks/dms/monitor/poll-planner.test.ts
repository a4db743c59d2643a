import { describe, expect, it } from 'vitest';
import { DMS_METRICS } from '../contract-views';
import { floorCallsAcrossPlacements, floorCallsPerCycle, naiveCallsPerCycle, planDescribeBatches, planMetricBatches } from './poll-planner';

const arns = (n: number) => Array.from({ length: n }, (_, i) => ({ arn: `arn:aws:dms:eu-central-1:1:task:T${i}` }));
const metricTasks = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ taskKey: `k${i}`, taskResourceId: `T${i}`, instanceIdentifier: 'dms-1', since: () => i }));

describe('poll planner', () => {
  it.each([
    [1, 2],
    [100, 2],
    [101, 4],
    [1000, 20],
  ])('plans the floor for N=%i tasks with k=5 metrics: %i calls', (n, floor) => {
    expect(floorCallsPerCycle(n, 5)).toBe(floor);
    const describeCalls = planDescribeBatches(arns(n)).length;
    const metricCalls = planMetricBatches(metricTasks(n), DMS_METRICS).length;
    expect(describeCalls + metricCalls).toBe(floor);
    expect(naiveCallsPerCycle(n)).toBe(2 * n);
  });

  it('adds the floor of each placement: a call reaches one account and region', () => {
    // 150 tasks in one account take 2 + 2 calls; split 100 / 50 across two accounts they take (1 + 1) + (1 + 1).
    expect(floorCallsAcrossPlacements([150], 5)).toBe(4);
    expect(floorCallsAcrossPlacements([100, 50], 5)).toBe(4);
    // 3 accounts of 1 task each cannot share a call: 3 × (1 + 1), against 2 for the same tasks in one account.
    expect(floorCallsAcrossPlacements([1, 1, 1], 5)).toBe(6);
    expect(floorCallsAcrossPlacements([3], 5)).toBe(2);
    expect(floorCallsAcrossPlacements([], 5)).toBe(0);
  });

  it('packs queries, not tasks, so k that does not divide 500 still meets the floor', () => {
    const batches = planMetricBatches(metricTasks(1000), ['CDCLatencyTarget', 'CDCLatencySource', 'CDCIncomingChanges']);
    expect(batches).toHaveLength(Math.ceil(3000 / 500));
    expect(floorCallsPerCycle(1000, 3)).toBe(10 + 6);
  });

  it('keeps every batch within the limits, with ids unique per call and valid for CloudWatch', () => {
    for (const batch of planMetricBatches(metricTasks(333), DMS_METRICS)) {
      expect(batch.queries.length).toBeLessThanOrEqual(500);
      const ids = batch.queries.map((q) => q.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
      expect(batch.startTime).toBe(Math.min(...batch.queries.map((q) => q.since)));
    }
    for (const batch of planDescribeBatches(arns(250))) expect(batch.values.length).toBeLessThanOrEqual(100);
  });

  it('leaves out series already read up to the end of the last complete period', () => {
    const tasks = [
      { taskKey: 'a', taskResourceId: 'A', instanceIdentifier: 'i', since: () => 100 },
      { taskKey: 'b', taskResourceId: 'B', instanceIdentifier: 'i', since: () => 60_001 },
    ];
    const batches = planMetricBatches(tasks, DMS_METRICS, 60_000);
    expect(batches.flatMap((b) => b.queries.map((q) => q.taskKey))).toEqual(['a', 'a', 'a', 'a', 'a']);
    expect(planMetricBatches(tasks.slice(1), DMS_METRICS, 60_000)).toEqual([]);
  });

  it('asks by ARN where known and by identifier otherwise, in separate filters', () => {
    const batches = planDescribeBatches([{ arn: 'arn:a' }, { taskId: 'x' }, { arn: 'arn:b', taskId: 'y' }, { taskId: 'x' }]);
    expect(batches).toEqual([
      { filter: 'replication-task-arn', values: ['arn:a', 'arn:b'] },
      { filter: 'replication-task-id', values: ['x'] },
    ]);
  });
});
