// The replication monitor's views of its tasks: each task's view (freshness judged on the data clock at the pace of
// the tasks' phases), the wave gates over them, the followed reverse tasks apart from the plan's, and a focused
// task's tables; published as dms.tasks, dms.waves and dms.reverse only when they changed.
import type { ReplicationTaskView, TaskTablesView, WaveGateView } from '../contract-views';
import { isStale, onDataClock, staleLimitMs } from '../../../monitoring/freshness';
import { pace } from '../../../monitoring/pace';
import { dmsWaveFields } from '../plan-schema';
import { evaluateWaveGate } from './gates';
import type { MonitorContext } from './monitor-options';
import { sameJson } from './same-json';
import { buildView, type TaskState, type ViewContext } from './task-state';

export class TaskViews {
  private wavesJson = '';
  private waveViews: WaveGateView[] = [];

  constructor(private readonly ctx: MonitorContext) {}

  /** The wave gates as of the last refresh. */
  get waves(): WaveGateView[] {
    return this.waveViews;
  }

  /** Rebuilds every view; publishes the tasks whose view changed and the waves when they changed. */
  refresh(monitorProblem: string | null): void {
    const { tasks, options } = this.ctx;
    const changed: ReplicationTaskView[] = [];
    const ctx = this.viewContext(monitorProblem);
    for (const state of tasks.values()) {
      const view = buildView(state, { ...ctx, ...tasks.gateContext(state) });
      if (!state.view || !sameView(view, state.view)) {
        if (tasks.reverseKeys.has(state.key)) tasks.reverseSetChanged = true;
        else changed.push(view);
      }
      state.view = view;
    }
    if (changed.length > 0) options.publish({ type: 'dms.tasks', tasks: changed });
    if (tasks.reverseSetChanged) this.publishReverse();
    const viewsByWave = new Map<string, ReplicationTaskView[]>();
    for (const state of tasks.values()) {
      if (state.planned.waveId === null) continue;
      const views = viewsByWave.get(state.planned.waveId);
      if (views) views.push(state.view!);
      else viewsByWave.set(state.planned.waveId, [state.view!]);
    }
    const waves = tasks.plan.waves.map((wave) => evaluateWaveGate(dmsWaveFields(wave), viewsByWave.get(wave.id) ?? []));
    const json = JSON.stringify(waves);
    this.waveViews = waves;
    if (json !== this.wavesJson) {
      this.wavesJson = json;
      options.publish({ type: 'dms.waves', waves });
    }
  }

  /** A task's view as of the last refresh (built now when it has none yet). */
  viewOf(state: TaskState): ReplicationTaskView {
    return state.view ?? buildView(state, { ...this.viewContext(null), ...this.ctx.tasks.gateContext(state) });
  }

  /** Rebuilds one task's view now and publishes it (after a control action). */
  publishTask(state: TaskState): ReplicationTaskView {
    const view = buildView(state, { ...this.viewContext(null), ...this.ctx.tasks.gateContext(state) });
    state.view = view;
    if (this.ctx.tasks.reverseKeys.has(state.key)) this.publishReverse();
    else this.ctx.options.publish({ type: 'dms.tasks', tasks: [view] });
    return view;
  }

  /** Every followed reverse task's view, in the order they were first followed. */
  reverseViews(): ReplicationTaskView[] {
    return [...this.ctx.tasks.reverseKeys].flatMap((key) => {
      const state = this.ctx.tasks.get(key);
      return state ? [this.viewOf(state)] : [];
    });
  }

  /** The whole set of followed reverse tasks, as the UI shows them beside the plan's tasks (never in a gate). */
  publishReverse(): void {
    this.ctx.tasks.reverseSetChanged = false;
    this.ctx.options.publish({ type: 'dms.reverse', tasks: this.reverseViews() });
  }

  /** A task's table statistics as last read, stale past a few fast intervals (a focused task is read every cycle). */
  tablesViewOf(state: TaskState): TaskTablesView {
    const { clock, intervals, options, clockRate } = this.ctx;
    const now = clock();
    const staleAfter = staleLimitMs(intervals.fastMs, { staleAfterIntervals: options.staleAfterIntervals, clockRate });
    return {
      taskKey: state.key,
      fetchedAt: state.tablesAt !== null ? new Date(state.tablesAt).toISOString() : null,
      stale: isStale(state.tablesAt, now, staleAfter),
      tables: state.tables ?? [],
    };
  }

  private viewContext(monitorProblem: string | null): Omit<ViewContext, 'gates' | 'noGatesReason'> {
    const { tasks, intervals, options, clockRate, periodMs } = this.ctx;
    // The staleness limit follows the tasks' phases; a gate's hold speeds up polling, not the limit.
    const { baseMs } = pace({ intervals, activity: tasks.activity(false), backoffFactor: 1 });
    return {
      now: this.ctx.clock(),
      staleAfterMs: staleLimitMs(baseMs, { staleAfterIntervals: options.staleAfterIntervals, clockRate }),
      validationMaxAgeMs: onDataClock(options.validationMaxAgeMs ?? 600_000, clockRate),
      // CloudWatch publishes a period's datapoint a little after it ends.
      sampleMaxAgeMs: 3 * periodMs + 120_000,
      trendWindowMs: 5 * 60_000,
      monitorProblem,
      series: tasks.series,
    };
  }
}

/**
 * What makes a view worth sending again: everything but the freshness times, which move every cycle. A view that
 * is not stale is current as of the monitor's lastCycleAt; going stale (or fresh again) is itself a change.
 */
function sameView(view: ReplicationTaskView, previous: ReplicationTaskView): boolean {
  // Compared in place, not as JSON or a digest of it: 6,000 views a cycle at scale.
  for (const key in view) {
    if (key === 'freshness') continue;
    if (!sameJson(view[key as keyof ReplicationTaskView], previous[key as keyof ReplicationTaskView])) return false;
  }
  for (const key in previous) if (!(key in view) && previous[key as keyof ReplicationTaskView] !== undefined) return false;
  return view.freshness.stale === previous.freshness.stale && view.freshness.staleReason === previous.freshness.staleReason;
}
