// Every task's series (the CloudWatch metrics and full-load progress), each in two bounded buffers: the recent
// window at the resolution the data comes in (for live charts and signals) and the day as the lowest and highest
// value of each 5 minutes (what a day chart's min/max downsampling shows).
// The metrics' arrays are allocated when a task is added (a slot in the store's slab, series-slab.ts, read and written
// through one ring per metric moved to the task's slot), so memory depends on the number of tasks only, never on how
// long the monitor runs. Full-load progress is read at every describe (seconds apart, not one metric period), so its
// recent buffer has a capacity of its own; and since it is kept only while it moves, its buffers are made at its
// second point (progress-rings.ts), within the same bound.
import { DMS_METRICS, FULL_LOAD_PROGRESS, type DmsSeriesName } from '../contract-views';
import { downsampleMinMax } from '../../../../common/downsample';
import { collect, MinMaxRing, RingBuffer } from './ring-buffer';
import { ProgressDay, ProgressRings, type DaySeries, type ProgressShape, type RecentSeries } from './progress-rings';
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

/** A task's series: the metrics' in its slot of the slab, full-load progress apart (progress-rings.ts). */
interface TaskSeries {
  readonly slot: Slot;
  readonly progress: ProgressRings;
}

export class SeriesStore {
  private readonly tasks = new Map<string, TaskSeries>();
  private readonly recentCapacity: number;
  readonly recentWindowMs: number;
  private readonly daySlots: number;
  private readonly daySlotMs: number;
  private readonly progressCapacity: number;
  private readonly slab: SeriesSlab;
  /**
   * One ring of raw points per metric (in DMS_METRICS order), one day ring and one progress day, each moved to a
   * task's series before it is used (recentOf, dayOf) and never held across calls.
   */
  private readonly recentRings: RingBuffer[];
  private readonly dayRing: MinMaxRing;
  private readonly progressDay: ProgressDay;
  private readonly progressShape: ProgressShape;
  /** Where each metric's raw points start within a slot. */
  private readonly recentOffsets: number[];

  constructor(options: SeriesStoreOptions = {}) {
    this.recentCapacity = options.recentCapacity ?? 192;
    this.recentWindowMs = options.recentWindowMs ?? 15 * 60_000;
    this.daySlotMs = options.daySlotMs ?? 300_000;
    this.daySlots = options.daySlots ?? Math.ceil((24 * 3_600_000) / this.daySlotMs);
    this.progressCapacity = options.progressCapacity ?? 192;
    this.recentRings = DMS_METRICS.map(() => new RingBuffer(this.recentCapacity));
    this.dayRing = new MinMaxRing(this.daySlots, this.daySlotMs);
    this.progressDay = new ProgressDay(this.daySlotMs);
    this.progressShape = { capacity: this.progressCapacity, daySlots: this.daySlots, daySlotMs: this.daySlotMs };
    this.recentOffsets = DMS_METRICS.map((_, i) => i * this.recentCapacity);
    this.slab = new SeriesSlab({ recent: DMS_METRICS.length * this.recentCapacity, day: DMS_METRICS.length * this.daySlots, series: DMS_METRICS.length });
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
    for (const key of keep) if (!this.tasks.has(key)) this.tasks.set(key, { slot: this.slab.take(), progress: new ProgressRings(this.progressShape) });
  }

  /** Empties a task's series (its task was replaced by another). */
  reset(taskKey: string): void {
    const task = this.tasks.get(taskKey);
    if (!task) return;
    this.slab.empty(task.slot);
    task.progress.clear();
  }

  has(taskKey: string): boolean {
    return this.tasks.has(taskKey);
  }

  /** Time of the newest point of a series (-Infinity when none). */
  lastTime(taskKey: string, metric: DmsSeriesName): number {
    const task = this.tasks.get(taskKey);
    return task ? this.recentOf(task, metric).lastTime : -Infinity;
  }

  latest(taskKey: string, metric: DmsSeriesName): number | null {
    const task = this.tasks.get(taskKey);
    return task ? this.recentOf(task, metric).lastValue : null;
  }

  /**
   * Adds points (any order); returns those newer than what the series had, oldest first: the very pairs it was given
   * (they go on into dms.samples), in the array it was given when it took all of them in that order, else in one of
   * their number (a cycle's points are kept until its samples are published: a copy, or a grown array, of each
   * answer's would add a good part to the cycle's peak of memory).
   */
  append(taskKey: string, metric: DmsSeriesName, points: [number, number][]): [number, number][] {
    const task = this.tasks.get(taskKey);
    if (!task) return [];
    const recent = this.recentOf(task, metric);
    const day = this.dayOf(task, metric);
    // GetMetricData answers oldest first (ScanBy TimestampAscending): copy and sort only when they are not.
    let ordered = true;
    for (let i = 1; i < points.length && ordered; i++) ordered = points[i - 1]![0] <= points[i]![0];
    const sorted = ordered ? points : [...points].sort((a, b) => a[0] - b[0]);
    // The points added are sorted[first..] until one is not (then they are listed one by one in `added`).
    let first = -1;
    let added: [number, number][] | null = null;
    let last = recent.lastTime;
    for (let i = 0; i < sorted.length; i++) {
      const point = sorted[i]!;
      const time = point[0];
      const value = point[1];
      // Not `time > last`: the ring itself judges what that comparison cannot (NaN).
      const kept = !(time <= last) && recent.push(time, value);
      if (kept) {
        day.add(time, value);
        last = time;
      }
      if (first < 0) {
        if (kept) first = i;
      } else if (added) {
        if (kept) added.push(point);
      } else if (!kept) added = sorted.slice(first, i);
    }
    if (first < 0) return [];
    return added ?? (first === 0 ? sorted : sorted.slice(first));
  }

  /** Adds one point newer than the series' newest, as append does each point of an ordered list; answers whether it did. */
  appendPoint(taskKey: string, metric: DmsSeriesName, time: number, value: number): boolean {
    const task = this.tasks.get(taskKey);
    if (!task) return false;
    const recent = this.recentOf(task, metric);
    if (time <= recent.lastTime || !recent.push(time, value)) return false;
    this.dayOf(task, metric).add(time, value);
    return true;
  }

  /**
   * A series' points in the recent window (relative to its newest point) or the day, downsampled to maxPoints.
   * Full-load progress in the recent range also reaches back through the day's minutes before its recent points:
   * the charts keep a load's whole ramp in view (renderer lib/series.ts sharedTimeDomain), not only its last minutes.
   */
  read(taskKey: string, metric: DmsSeriesName, range: 'recent' | 'day', maxPoints: number): [number, number][] {
    const task = this.tasks.get(taskKey);
    if (!task) return [];
    const recent = this.recentOf(task, metric);
    const day = this.dayOf(task, metric);
    const points: [number, number][] = [];
    const add = (time: number, value: number) => void points.push([time, value]);
    if (range === 'day') day.forEach(add);
    else {
      const since = recent.lastTime - this.recentWindowMs;
      if (metric === FULL_LOAD_PROGRESS) {
        let firstRecent = Infinity;
        recent.forEach((time) => (firstRecent = Math.min(firstRecent, time)));
        day.forEach((time, value) => {
          // A day slot's time is its start: keep only slots wholly before the recent points.
          if (time + day.stepMs <= firstRecent) add(time, value);
        });
        recent.forEach(add);
      } else recent.forEach(add, since);
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
    const slot = this.tasks.get(taskKey);
    if (!slot) return [];
    const recent = this.recentOf(slot, metric);
    const day = this.dayOf(slot, metric);
    const points: [number, number][] = [];
    let firstRecent = Infinity;
    recent.forEach((time) => (firstRecent = Math.min(firstRecent, time)));
    day.forEach((time, value) => {
      // A day slot's time is its start: keep only slots wholly before the recent points.
      if (time > after && time + day.stepMs <= firstRecent) points.push([time, value]);
    });
    recent.forEach((time, value) => {
      if (time > after) points.push([time, value]);
    });
    return points;
  }

  /** Recent raw points of a series at or after `since` (for signals such as trends). */
  recent(taskKey: string, metric: DmsSeriesName, since: number): { times: number[]; values: number[] } {
    const task = this.tasks.get(taskKey);
    return task ? collect(this.recentOf(task, metric), since) : { times: [], values: [] };
  }

  /** A task's raw points of a series: the ring moved to them, or its progress. */
  private recentOf(task: TaskSeries, series: DmsSeriesName): RecentSeries {
    if (series === FULL_LOAD_PROGRESS) return task.progress;
    const i = metricIndex(series);
    const { block, index } = task.slot;
    const { recent, series: count } = this.slab.layout;
    return this.recentRings[i]!.moveTo(block.times, block.values, index * recent + this.recentOffsets[i]!, block.positions, (index * count + i) * 2);
  }

  /** A task's day of a series: the day ring moved to it, or its progress day. */
  private dayOf(task: TaskSeries, series: DmsSeriesName): DaySeries {
    if (series === FULL_LOAD_PROGRESS) return this.progressDay.of(task.progress);
    const i = metricIndex(series);
    const { block, index } = task.slot;
    const { day, series: count } = this.slab.layout;
    return this.dayRing.moveTo(block.mins, block.maxes, index * day + i * this.daySlots, block.headSlots, index * count + i);
  }
}

const METRIC_INDEX = new Map<DmsSeriesName, number>(DMS_METRICS.map((name, index) => [name, index]));
const metricIndex = (name: DmsSeriesName) => METRIC_INDEX.get(name)!;
