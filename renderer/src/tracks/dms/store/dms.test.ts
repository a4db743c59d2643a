import { describe, expect, it } from 'vitest';
import { alert, dmsSnapshot, task } from './dms-fixtures';
import { alertCounts, appendPoints, applyDmsEvents, MAX_SERIES_POINTS, mergeAlert, mergeTask, NO_DMS, replaceDms, sortedAlerts } from './dms';
import { toArray } from '../../../store/log-buffer';

const NONE = new Set<string>();
const loadedState = () => replaceDms(NO_DMS, dmsSnapshot(), [], NONE);

describe('the DMS slice', () => {
  it('takes a snapshot: tasks, waves, alerts and monitor, and moves the epoch on', () => {
    const state = loadedState();
    expect(state.loaded).toBe(true);
    expect(Object.keys(state.tasks)).toEqual(['apps/app1#0', 'apps/app2#0']);
    expect(state.waves.w1?.tasksGreen).toBe(1);
    expect(state.monitor?.state).toBe('polling');
    expect(state.epoch).toBe(1);
  });

  it('returns the same state for a batch without dms events', () => {
    const state = loadedState();
    expect(applyDmsEvents(state, [{ type: 'stack.lifecycle', stackId: 'x', lifecycle: { state: 'failed', since: 't' } }], NONE)).toBe(state);
  });

  it('applies a batch at once: changed tasks replace theirs, others keep their identity', () => {
    const state = loadedState();
    const next = applyDmsEvents(
      state,
      [
        { type: 'dms.tasks', tasks: [task('apps/app1#0', { phase: 'stopping' })] },
        { type: 'dms.tasks', tasks: [task('apps/app1#0', { phase: 'stopped' })] },
        { type: 'dms.waves', waves: [{ waveId: 'w1', status: 'green', tasksTotal: 2, tasksGreen: 2, reasons: [] }] },
        { type: 'dms.monitor', monitor: { ...state.monitor!, state: 'degraded', message: 'throttled' } },
      ],
      NONE,
    );
    expect(next.tasks['apps/app1#0']!.phase).toBe('stopped');
    expect(next.tasks['apps/app2#0']).toBe(state.tasks['apps/app2#0']);
    expect(next.waves.w1!.status).toBe('green');
    expect(next.monitor!.message).toBe('throttled');
  });

  it('appends samples to bounded ring buffers, dropping duplicates and out-of-order points', () => {
    let state = loadedState();
    state = applyDmsEvents(
      state,
      [
        {
          type: 'dms.samples',
          samples: [
            {
              taskKey: 'apps/app1#0',
              metric: 'CDCLatencyTarget',
              points: [
                [1000, 1],
                [2000, 2],
              ],
            },
          ],
        },
        {
          type: 'dms.samples',
          samples: [
            {
              taskKey: 'apps/app1#0',
              metric: 'CDCLatencyTarget',
              points: [
                [2000, 9],
                [1500, 9],
                [3000, 3],
              ],
            },
          ],
        },
      ],
      NONE,
    );
    expect(toArray(state.series['apps/app1#0']!.CDCLatencyTarget!)).toEqual([
      [1000, 1],
      [2000, 2],
      [3000, 3],
    ]);

    const many = Array.from({ length: MAX_SERIES_POINTS + 700 }, (_, index) => [index + 10_000, index] as [number, number]);
    state = applyDmsEvents(state, [{ type: 'dms.samples', samples: [{ taskKey: 'apps/app1#0', metric: 'CDCLatencyTarget', points: many }] }], NONE);
    const buffer = state.series['apps/app1#0']!.CDCLatencyTarget!;
    expect(buffer.length).toBe(MAX_SERIES_POINTS);
    expect(toArray(buffer).at(-1)).toEqual(many.at(-1));
    expect(toArray(buffer)[0]).toEqual(many[many.length - MAX_SERIES_POINTS]);
  });

  it("keeps full-load progress as the core's series sends it, not from task views", () => {
    let state = loadedState();
    const loading = task('apps/app2#0', { phase: 'full-load', fullLoadPercent: 10 });
    state = applyDmsEvents(state, [{ type: 'dms.tasks', tasks: [loading] }], NONE);
    expect(state.series['apps/app2#0']).toBeUndefined();
    state = applyDmsEvents(
      state,
      [
        {
          type: 'dms.samples',
          samples: [
            {
              taskKey: 'apps/app2#0',
              metric: 'FullLoadProgressPercent',
              points: [
                [5000, 10],
                [10_000, 30],
              ],
            },
          ],
        },
      ],
      NONE,
    );
    expect(toArray(state.series['apps/app2#0']!.FullLoadProgressPercent!)).toEqual([
      [5000, 10],
      [10_000, 30],
    ]);
  });

  it('keeps table statistics only for focused tasks', () => {
    const views = (taskKey: string) => ({ type: 'dms.tables' as const, tables: { taskKey, fetchedAt: 't', stale: false, tables: [] } });
    const state = applyDmsEvents(loadedState(), [views('apps/app1#0'), views('apps/app2#0')], new Set(['apps/app1#0']));
    expect(Object.keys(state.tables)).toEqual(['apps/app1#0']);
  });

  it('upserts alerts, never undoes a clear or an acknowledgement, and forgets alerts that are both', () => {
    let state = loadedState();
    state = applyDmsEvents(
      state,
      [
        { type: 'dms.alert', alert: alert('a') },
        { type: 'dms.alert', alert: alert('b') },
      ],
      NONE,
    );
    state = mergeAlert(state, alert('a', { acknowledgedAt: '2026-12-05T01:01:00Z' }));
    // An event older than the ack's answer arrives late.
    state = applyDmsEvents(state, [{ type: 'dms.alert', alert: alert('a') }], NONE);
    expect(state.alerts.a!.acknowledgedAt).toBe('2026-12-05T01:01:00Z');
    state = applyDmsEvents(state, [{ type: 'dms.alert', alert: alert('a', { clearedAt: '2026-12-05T01:02:00Z' }) }], NONE);
    expect(state.alerts.a).toBeUndefined();
    expect(Object.keys(state.alerts)).toEqual(['b']);
  });

  it('orders alerts critical first, then newest first, and counts open and critical ones', () => {
    const alerts = {
      old: alert('old', { severity: 'critical', raisedAt: '2026-12-05T01:00:00Z' }),
      warn: alert('warn', { raisedAt: '2026-12-05T03:00:00Z' }),
      fresh: alert('fresh', { severity: 'critical', raisedAt: '2026-12-05T02:00:00Z' }),
      cleared: alert('cleared', { severity: 'critical', raisedAt: '2026-12-05T04:00:00Z', clearedAt: '2026-12-05T04:01:00Z' }),
      acked: alert('acked', { raisedAt: '2026-12-05T05:00:00Z', acknowledgedAt: '2026-12-05T05:01:00Z' }),
    };
    expect(sortedAlerts(alerts).map((a) => a.id)).toEqual(['cleared', 'fresh', 'old', 'acked', 'warn']);
    expect(alertCounts(alerts)).toEqual({ open: 4, critical: 2 });
  });

  it('announces a new critical alert once, not its later updates or warnings', () => {
    let state = loadedState();
    state = applyDmsEvents(state, [{ type: 'dms.alert', alert: alert('w') }], NONE);
    expect(state.announcement).toBeNull();
    state = applyDmsEvents(state, [{ type: 'dms.alert', alert: alert('c', { severity: 'critical', message: 'task failed' }) }], NONE);
    expect(state.announcement).toEqual({ id: 'c', message: 'task failed', count: 1 });
    state = applyDmsEvents(state, [{ type: 'dms.alert', alert: alert('c', { severity: 'critical', message: 'task failed again' }) }], NONE);
    expect(state.announcement?.count).toBe(1);
  });

  it('replays events that arrived while the snapshot was in flight and drops data of vanished tasks', () => {
    let state = loadedState();
    state = applyDmsEvents(state, [{ type: 'dms.samples', samples: [{ taskKey: 'apps/app2#0', metric: 'CDCLatencyTarget', points: [[1, 1]] }] }], NONE);
    const next = replaceDms(
      state,
      dmsSnapshot({ tasks: [task('apps/app1#0', { phase: 'stopping' })] }),
      [{ type: 'dms.tasks', tasks: [task('apps/app1#0', { phase: 'stopped' })] }],
      NONE,
    );
    expect(next.tasks['apps/app1#0']!.phase).toBe('stopped');
    expect(next.tasks['apps/app2#0']).toBeUndefined();
    expect(next.series['apps/app2#0']).toBeUndefined();
    expect(next.epoch).toBe(2);
  });

  it('keeps a task view from events when a command answers with an older read', () => {
    const state = applyDmsEvents(
      loadedState(),
      [{ type: 'dms.tasks', tasks: [task('apps/app1#0', { phase: 'starting', freshness: { ...task('x#0').freshness, taskAt: '2026-12-05T01:00:10Z' } })] }],
      NONE,
    );
    expect(mergeTask(state, task('apps/app1#0', { phase: 'not-started' }))).toBe(state);
    const newer = task('apps/app1#0', { phase: 'full-load', freshness: { ...task('x#0').freshness, taskAt: '2026-12-05T01:00:20Z' } });
    expect(mergeTask(state, newer).tasks['apps/app1#0']).toBe(newer);
  });

  it('appendPoints ignores non-finite values', () => {
    expect(
      toArray(
        appendPoints(
          undefined,
          [
            [1, 1],
            [2, Number.NaN],
            [3, 3],
          ],
          10,
        ),
      ),
    ).toEqual([
      [1, 1],
      [3, 3],
    ]);
  });
});
