import type { ReplicationTask } from '@aws-sdk/client-database-migration-service';
import { describe, expect, it } from 'vitest';
import { recordProgress } from './progress-series';
import { SeriesStore } from './series-store';
import { TaskState } from './task-state';

const KEY = 'apps/app1#0';

function described(
  task: Partial<ReplicationTask>,
  at: number,
  state = new TaskState({ key: KEY, stackId: 'apps/app1', waveId: 'w1', ref: { taskId: 't' } }, 180_000),
): TaskState {
  state.describe({ ReplicationTaskIdentifier: 't', Status: 'running', MigrationType: 'full-load-and-cdc', ...task } as ReplicationTask, at);
  return state;
}

describe('full-load progress series', () => {
  it('keeps the whole ramp in the core, served with the other series', () => {
    const series = new SeriesStore({ progressCapacity: 4 });
    series.retain([KEY]);
    let state: TaskState | undefined;
    for (let minute = 0; minute <= 100; minute += 10) {
      state = described({ ReplicationTaskStats: { FullLoadProgressPercent: minute } }, minute * 60_000, state);
      expect(recordProgress(series, state, minute * 60_000)).toMatchObject({
        taskKey: KEY,
        metric: 'FullLoadProgressPercent',
        points: [[minute * 60_000, minute]],
      });
    }
    // The recent buffer holds the last few reads; the day range keeps the whole load at one value a minute.
    expect(series.read(KEY, 'FullLoadProgressPercent', 'day', 1000).map(([, value]) => value)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  });

  it('records the 0 % of a starting task, so a load that starts long after its last reading ramps from its start', () => {
    const series = new SeriesStore();
    series.retain([KEY]);
    const state = described({ Status: 'ready', ReplicationTaskStats: { FullLoadProgressPercent: 0 } }, 0);
    expect(recordProgress(series, state, 0)).not.toBeNull();
    // Still not started, still 0 %: nothing new.
    expect(recordProgress(series, described({ Status: 'ready', ReplicationTaskStats: { FullLoadProgressPercent: 0 } }, 60_000, state), 60_000)).toBeNull();
    // 37 minutes later the task starts at 0 %: that reading is the ramp's start.
    const starting = described({ Status: 'starting', ReplicationTaskStats: { FullLoadProgressPercent: 0 } }, 37 * 60_000, state);
    expect(recordProgress(series, starting, 37 * 60_000)).toMatchObject({ points: [[37 * 60_000, 0]] });
  });

  it('adds nothing while a finished load stays at 100 %, nor for a CDC-only task', () => {
    const series = new SeriesStore();
    series.retain([KEY]);
    const stats = { FullLoadProgressPercent: 100, FullLoadFinishDate: new Date(0) };
    const state = described({ ReplicationTaskStats: stats }, 1000);
    expect(recordProgress(series, state, 1000)).not.toBeNull();
    expect(recordProgress(series, described({ ReplicationTaskStats: stats }, 2000, state), 2000)).toBeNull();
    const cdcOnly = described({ MigrationType: 'cdc', ReplicationTaskStats: { FullLoadProgressPercent: 0 } }, 3000);
    expect(recordProgress(series, cdcOnly, 3000)).toBeNull();
  });
});

describe('full-load progress in the recent range', () => {
  it('reaches back through the day minutes to the start of the ramp', () => {
    const series = new SeriesStore({ progressCapacity: 3, recentWindowMs: 15 * 60_000 });
    series.retain([KEY]);
    let state: TaskState | undefined;
    for (let minute = 0; minute <= 60; minute += 5) {
      state = described({ ReplicationTaskStats: { FullLoadProgressPercent: minute } }, minute * 60_000, state);
      recordProgress(series, state, minute * 60_000);
    }
    const points = series.read(KEY, 'FullLoadProgressPercent', 'recent', 1000);
    expect(points[0]).toEqual([0, 0]);
    expect(points.at(-1)).toEqual([60 * 60_000, 60]);
    // The other series keep to their recent window.
    series.append(KEY, 'CDCLatencyTarget', [
      [0, 1],
      [60 * 60_000, 2],
    ]);
    expect(series.read(KEY, 'CDCLatencyTarget', 'recent', 1000)).toEqual([[60 * 60_000, 2]]);
  });
});
