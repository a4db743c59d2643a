// Every task's series (the CloudWatch metrics and full-load progress), each in two bounded buffers: the recent
// window at the resolution the data comes in (for live charts and signals) and the day as the lowest and highest
// value of each 5 minutes (what a day chart's min/max downsampling shows).
// All arrays are allocated when a task is added, so memory depends on the number of tasks only, never on how long
// the monitor runs. Full-load progress is read at every describe (seconds apart, not one metric period), so its
// recent buffer has a capacity of its own.
import { DMS_SERIES, FULL_LOAD_PROGRESS, type DmsSeriesName } from '../../../api/contract/dms';
import { downsampleMinMax } from '../../../../common/downsample';
import { collect, MinMaxRing, RingBuffer } from './ring-buffer';

export interface SeriesStoreOptions {
  /** Raw points kept per series for the recent range (default 192: 15 minutes at one point per 5 s). */
  readonly recentCapacity?: number;
  /** Span of the recent range in ms (default 15 minutes). */
  readonly recentWindowMs?: number;
  /** Slots of the day range (default 288 of 5 minutes = 24 hours). */
  readonly daySlots?: number;
  /** Length of a day slot in ms (default 5 minutes). */
  readonly daySlotMs?: number;
  /** Raw full-load progress points kept per task for the recent range (default 192: 15 minutes at one per 5 s). */
  readonly progressCapacity?: number;
}

interface MetricSeries {
  readonly recent: RingBuffer;
  readonly day: MinMaxRing;
}

export class SeriesStore {
  private readonly tasks = new Map<string, Record<DmsSeriesName, MetricSeries>>();
  private readonly recentCapacity: number;
  readonly recentWindowMs: number;
  private readonly daySlots: number;
  private readonly daySlotMs: number;
  private readonly progressCapacity: number;

  constructor(options: SeriesStoreOptions = {}) {
    this.recentCapacity = options.recentCapacity ?? 192;
    this.recentWindowMs = options.recentWindowMs ?? 15 * 60_000;
    this.daySlotMs = options.daySlotMs ?? 300_000;
    this.daySlots = options.daySlots ?? Math.ceil((24 * 3_600_000) / this.daySlotMs);
    this.progressCapacity = options.progressCapacity ?? 192;
  }

  /** Keeps exactly these tasks: new ones get their buffers, removed ones free theirs. */
  retain(taskKeys: Iterable<string>): void {
    const keep = new Set(taskKeys);
    for (const key of this.tasks.keys()) if (!keep.has(key)) this.tasks.delete(key);
    for (const key of keep) if (!this.tasks.has(key)) this.tasks.set(key, this.allocate());
  }

  /** Empties a task's series (its task was replaced by another). */
  reset(taskKey: string): void {
    if (this.tasks.has(taskKey)) this.tasks.set(taskKey, this.allocate());
  }

  has(taskKey: string): boolean {
    return this.tasks.has(taskKey);
  }

  /** Time of the newest point of a series (-Infinity when none). */
  lastTime(taskKey: string, metric: DmsSeriesName): number {
    return this.tasks.get(taskKey)?.[metric].recent.lastTime ?? -Infinity;
  }

  latest(taskKey: string, metric: DmsSeriesName): number | null {
    return this.tasks.get(taskKey)?.[metric].recent.lastValue ?? null;
  }

  /** Adds points (any order); returns those newer than what the series had, oldest first. */
  append(taskKey: string, metric: DmsSeriesName, points: readonly (readonly [number, number])[]): [number, number][] {
    const series = this.tasks.get(taskKey)?.[metric];
    if (!series) return [];
    const added: [number, number][] = [];
    // GetMetricData answers oldest first (ScanBy TimestampAscending): copy and sort only when they are not.
    let ordered = true;
    for (let i = 1; i < points.length && ordered; i++) ordered = points[i - 1]![0] <= points[i]![0];
    const sorted = ordered ? points : [...points].sort((a, b) => a[0] - b[0]);
    for (const [time, value] of sorted) {
      if (time <= series.recent.lastTime) continue;
      if (!series.recent.push(time, value)) continue;
      series.day.add(time, value);
      added.push([time, value]);
    }
    return added;
  }

  /**
   * A series' points in the recent window (relative to its newest point) or the day, downsampled to maxPoints.
   * Full-load progress in the recent range also reaches back through the day's minutes before its recent points:
   * the charts keep a load's whole ramp in view (renderer lib/series.ts sharedTimeDomain), not only its last minutes.
   */
  read(taskKey: string, metric: DmsSeriesName, range: 'recent' | 'day', maxPoints: number): [number, number][] {
    const series = this.tasks.get(taskKey)?.[metric];
    if (!series) return [];
    const points: [number, number][] = [];
    const add = (time: number, value: number) => void points.push([time, value]);
    if (range === 'day') series.day.forEach(add);
    else {
      const since = series.recent.lastTime - this.recentWindowMs;
      if (metric === FULL_LOAD_PROGRESS) {
        let firstRecent = Infinity;
        series.recent.forEach((time) => (firstRecent = Math.min(firstRecent, time)));
        series.day.forEach((time, value) => {
          // A day slot's time is its start: keep only slots wholly before the recent points.
          if (time + series.day.stepMs <= firstRecent) add(time, value);
        });
        series.recent.forEach(add);
      } else series.recent.forEach(add, since);
    }
    return downsampleMinMax(points, maxPoints) as [number, number][];
  }

  /**
   * A series' whole history, newer than `after` (the client's cursor), at the store's own resolution: the day's
   * 5-minute slots (lowest and highest) wholly before the recent points, then the recent raw points. At most
   * 2 × daySlots + the recent capacity points, so no downsampling: a chart downsamples to its width itself, and
   * changes width or range without asking again (dms.series).
   */
  history(taskKey: string, metric: DmsSeriesName, after = -Infinity): [number, number][] {
    const series = this.tasks.get(taskKey)?.[metric];
    if (!series) return [];
    const points: [number, number][] = [];
    let firstRecent = Infinity;
    series.recent.forEach((time) => (firstRecent = Math.min(firstRecent, time)));
    series.day.forEach((time, value) => {
      // A day slot's time is its start: keep only slots wholly before the recent points.
      if (time > after && time + series.day.stepMs <= firstRecent) points.push([time, value]);
    });
    series.recent.forEach((time, value) => {
      if (time > after) points.push([time, value]);
    });
    return points;
  }

  /** Recent raw points of a series at or after `since` (for signals such as trends). */
  recent(taskKey: string, metric: DmsSeriesName, since: number): { times: number[]; values: number[] } {
    const series = this.tasks.get(taskKey)?.[metric];
    return series ? collect(series.recent, since) : { times: [], values: [] };
  }

  private allocate(): Record<DmsSeriesName, MetricSeries> {
    const entries = DMS_SERIES.map(
      (name) =>
        [
          name,
          {
            recent: new RingBuffer(name === FULL_LOAD_PROGRESS ? this.progressCapacity : this.recentCapacity),
            day: new MinMaxRing(this.daySlots, this.daySlotMs),
          },
        ] as const,
    );
    return Object.fromEntries(entries) as Record<DmsSeriesName, MetricSeries>;
  }
}
