import type { ReplicationTask } from '@aws-sdk/client-database-migration-service';
import { describe, expect, it } from 'vitest';
import { recordProgress } from './progress-series';
import { SeriesStore } from './series-store';
import { buildView, TaskState, type ViewContext } from './task-state';

const KEY = 'apps/app1#0';
const MIN = 60_000;
const gates = { maxCdcLatencySeconds: 5, holdSeconds: 300, requireValidation: false, maxTableErrors: 0 };

function setup(task: Partial<ReplicationTask>, now: number) {
  const series = new SeriesStore();
  series.retain([KEY]);
  const state = new TaskState({ key: KEY, stackId: 'apps/app1', waveId: 'w1', ref: { taskId: 't' } }, 3 * MIN);
  state.describe({ ReplicationTaskIdentifier: 't', ...task } as ReplicationTask, now);
  state.metricsAt = now;
  const ctx: ViewContext = {
    now,
    gates,
    noGatesReason: 'no gates',
    staleAfterMs: 10 * MIN,
    validationMaxAgeMs: 10 * MIN,
    sampleMaxAgeMs: 5 * MIN,
    trendWindowMs: 5 * MIN,
    monitorProblem: null,
    series,
  };
  return { series, state, ctx };
}

describe('task view', () => {
  it("carries each latest value's datapoint time, and the gate gives that same age", () => {
    const now = 20 * MIN;
    const { series, state, ctx } = setup(
      { Status: 'running', MigrationType: 'full-load-and-cdc', ReplicationTaskStats: { FullLoadProgressPercent: 100, FullLoadFinishDate: new Date(0) } },
      now,
    );
    series.append(KEY, 'CDCLatencyTarget', [[9 * MIN, 1]]);
    const view = buildView(state, ctx);
    expect(view.latestAt?.cdcLatencyTargetSeconds).toBe(new Date(9 * MIN).toISOString());
    expect(view.latestAt?.cdcLatencySourceSeconds).toBeNull();
    expect(view.gate.reasons).toContain('no CDCLatencyTarget datapoint for 11 min');
  });

  it("does not judge a full-load task's 0 s latency, and times its ETA from the progress series", () => {
    const { series, state, ctx } = setup({ Status: 'running', MigrationType: 'full-load-and-cdc', ReplicationTaskStats: { FullLoadProgressPercent: 0 } }, 0);
    series.append(KEY, 'CDCLatencyTarget', [[0, 0]]);
    for (let minute = 0; minute <= 4; minute++) {
      state.describe(
        {
          ReplicationTaskIdentifier: 't',
          Status: 'running',
          MigrationType: 'full-load-and-cdc',
          ReplicationTaskStats: { FullLoadProgressPercent: minute * 10 },
        } as ReplicationTask,
        minute * MIN,
      );
      recordProgress(series, state, minute * MIN);
    }
    const view = buildView(state, { ...ctx, now: 4 * MIN });
    expect(view.phase).toBe('full-load');
    expect(view.gate.status).toBe('red');
    expect(view.gate.reasons.some((reason) => /latency/i.test(reason))).toBe(false);
    // 10 % a minute, 60 % to go.
    expect(view.fullLoadEtaSeconds).toBe(360);
  });

  it('times the ETA of a load read only once from when DMS started it (no throughput datapoint yet)', () => {
    const start = new Date(0);
    const stats = { FullLoadProgressPercent: 11, StartDate: start, FullLoadStartDate: start };
    const { series, state, ctx } = setup({ Status: 'running', MigrationType: 'full-load-and-cdc', ReplicationTaskStats: stats }, 2 * MIN);
    recordProgress(series, state, 2 * MIN);
    // 11 % in 2 min: 89 % to go in about 16 min.
    expect(buildView(state, ctx).fullLoadEtaSeconds).toBe(971);
    // A resumed load: its start predates the run, so the average since then says nothing.
    const resumed = setup({ Status: 'running', MigrationType: 'full-load-and-cdc', ReplicationTaskStats: { ...stats, StartDate: new Date(MIN) } }, 2 * MIN);
    expect(buildView(resumed.state, resumed.ctx).fullLoadEtaSeconds).toBeNull();
  });

  it('gives a CDC-only task no full-load percent', () => {
    const { state, ctx } = setup({ Status: 'running', MigrationType: 'cdc', ReplicationTaskStats: { FullLoadProgressPercent: 0 } }, MIN);
    expect(buildView(state, ctx).fullLoadPercent).toBeNull();
  });
});
