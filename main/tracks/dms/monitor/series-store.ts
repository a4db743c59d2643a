// Every task's series (the CloudWatch metrics and full-load progress), each in two bounded buffers: the recent
// window at the resolution the data comes in (for live charts and signals) and the day as the lowest and highest
// value of each 5 minutes (what a day chart's min/max downsampling shows).
// All arrays are allocated when a task is added (a slot in the store's slab, series-slab.ts), so memory depends on the
// number of tasks only, never on how long the monitor runs. Full-load progress is read at every describe (seconds
// apart, not one metric period), so its recent buffer has a capacity of its own.
import { DMS_SERIES, FULL_LOAD_PROGRESS, type DmsSeriesName } from '../../../api/contract/dms';
import { downsampleMinMax } from '../../../../common/downsample';
import { collect, MinMaxRing, RingBuffer } from './ring-buffer';
import { SeriesSlab, type Slot } from './series-slab';

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

interface TaskSeries {
  readonly slot: Slot;
  readonly series: Record<DmsSeriesName, MetricSeries>;
}

export class SeriesStore {
  private readonly tasks = new Map<string, TaskSeries>();
  private readonly recentCapacity: number;
  readonly recentWindowMs: number;
  private readonly daySlots: number;
  private readonly daySlotMs: number;
  private readonly progressCapacity: number;
  private readonly slab: SeriesSlab;

  constructor(options: SeriesStoreOptions = {}) {
    this.recentCapacity = options.recentCapacity ?? 192;
    this.recentWindowMs = options.recentWindowMs ?? 15 * 60_000;
    this.daySlotMs = options.daySlotMs ?? 300_000;
    this.daySlots = options.daySlots ?? Math.ceil((24 * 3_600_000) / this.daySlotMs);
    this.progressCapacity = options.progressCapacity ?? 192;
    const recent = DMS_SERIES.reduce((n, name) => n + this.capacityOf(name), 0);
    this.slab = new SeriesSlab({ recent, day: DMS_SERIES.length * this.daySlots });
  }

  /** Keeps exactly these tasks: new ones get their buffers, removed ones free theirs. */
  retain(taskKeys: Iterable<string>): void {
    const keep = new Set(taskKeys);
    for (const [key, task] of this.tasks) {
      if (keep.has(key)) continue;
      this.tasks.delete(key);
      this.slab.give(task.slot);
    }
    let added = 0;
    for (const key of keep) if (!this.tasks.has(key)) added++;
    // The new tasks' slots in one block.
    this.slab.reserve(added);
    for (const key of keep) if (!this.tasks.has(key)) this.tasks.set(key, this.allocate());
  }

  /** Empties a task's series (its task was replaced by another). */
  reset(taskKey: string): void {
    const task = this.tasks.get(taskKey);
    if (!task) return;
    for (const name of DMS_SERIES) {
      task.series[name].recent.clear();
      task.series[name].day.clear();
    }
  }

  has(taskKey: string): boolean {
    return this.tasks.has(taskKey);
  }

  /** Time of the newest point of a series (-Infinity when none). */
  lastTime(taskKey: string, metric: DmsSeriesName): number {
    return this.tasks.get(taskKey)?.series[metric].recent.lastTime ?? -Infinity;
  }

  latest(taskKey: string, metric: DmsSeriesName): number | null {
    return this.tasks.get(taskKey)?.series[metric].recent.lastValue ?? null;
  }

  /**
   * Adds points (any order); returns those newer than what the series had, oldest first: the very pairs it was given
   * (the caller's, not copies of them: they go on into dms.samples), in an array of their number (an answer's
   * points are kept until its samples are published; a grown array would take several times their room).
   */
  append(taskKey: string, metric: DmsSeriesName, points: readonly (readonly [number, number])[]): [number, number][] {
    const series = this.tasks.get(taskKey)?.series[metric];
    if (!series) return [];
    // GetMetricData answers oldest first (ScanBy TimestampAscending): copy and sort only when they are not.
    let ordered = true;
    for (let i = 1; i < points.length && ordered; i++) ordered = points[i - 1]![0] <= points[i]![0];
    const sorted = ordered ? points : [...points].sort((a, b) => a[0] - b[0]);
    // The points added are sorted[first..] until one is not (then they are listed one by one in `added`).
    let first = -1;
    let added: (readonly [number, number])[] | null = null;
    for (let i = 0; i < sorted.length; i++) {
      const point = sorted[i]!;
      const [time, value] = point;
      // Not `time > lastTime`: the ring itself judges what that comparison cannot (NaN).
      const kept = !(time <= series.recent.lastTime) && series.recent.push(time, value);
      if (kept) series.day.add(time, value);
      if (first < 0) {
        if (kept) first = i;
      } else if (added) {
        if (kept) added.push(point);
      } else if (!kept) added = sorted.slice(first, i);
    }
    if (first < 0) return [];
    return (added ?? sorted.slice(first)) as [number, number][];
  }

  /**
   * A series' points in the recent window (relative to its newest point) or the day, downsampled to maxPoints.
   * Full-load progress in the recent range also reaches back through the day's minutes before its recent points:
   * the charts keep a load's whole ramp in view (renderer lib/series.ts sharedTimeDomain), not only its last minutes.
   */
  read(taskKey: string, metric: DmsSeriesName, range: 'recent' | 'day', maxPoints: number): [number, number][] {
    const series = this.tasks.get(taskKey)?.series[metric];
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

  /** Recent raw points of a series at or after `since` (for signals such as trends). */
  recent(taskKey: string, metric: DmsSeriesName, since: number): { times: number[]; values: number[] } {
    const series = this.tasks.get(taskKey)?.series[metric];
    return series ? collect(series.recent, since) : { times: [], values: [] };
  }

  private capacityOf(name: DmsSeriesName): number {
    return name === FULL_LOAD_PROGRESS ? this.progressCapacity : this.recentCapacity;
  }

  private allocate(): TaskSeries {
    const slot = this.slab.take();
    const series = {} as Record<DmsSeriesName, MetricSeries>;
    let recentOffset = 0;
    DMS_SERIES.forEach((name, i) => {
      const capacity = this.capacityOf(name);
      series[name] = {
        recent: new RingBuffer(capacity, this.slab.ring(slot, recentOffset)),
        day: new MinMaxRing(this.daySlots, this.daySlotMs, this.slab.minMax(slot, i * this.daySlots)),
      };
      recentOffset += capacity;
    });
    return { slot, series };
  }
}
