// Every task's series (the CloudWatch metrics and full-load progress), each in two bounded buffers: the recent
// window at the resolution the data comes in (for live charts and signals) and the day as the lowest and highest
// value of each 5 minutes (what a day chart's min/max downsampling shows).
// All arrays are allocated when a task is added (a slot in the store's slab, series-slab.ts, read and written through
// one ring per series moved to the task's slot), so memory depends on the number of tasks only, never on how long the
// monitor runs. Full-load progress is read at every describe (seconds
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

export class SeriesStore {
  /** Each task's slot in the slab. */
  private readonly tasks = new Map<string, Slot>();
  private readonly recentCapacity: number;
  readonly recentWindowMs: number;
  private readonly daySlots: number;
  private readonly daySlotMs: number;
  private readonly progressCapacity: number;
  private readonly slab: SeriesSlab;
  /**
   * One ring of raw points per series (in DMS_SERIES order) and one day ring, each moved to a task's series before
   * it is used (recentOf, dayOf) and never held across calls.
   */
  private readonly recentRings: RingBuffer[];
  private readonly dayRing: MinMaxRing;
  /** Where each series' raw points start within a slot. */
  private readonly recentOffsets: number[];

  constructor(options: SeriesStoreOptions = {}) {
    this.recentCapacity = options.recentCapacity ?? 192;
    this.recentWindowMs = options.recentWindowMs ?? 15 * 60_000;
    this.daySlotMs = options.daySlotMs ?? 300_000;
    this.daySlots = options.daySlots ?? Math.ceil((24 * 3_600_000) / this.daySlotMs);
    this.progressCapacity = options.progressCapacity ?? 192;
    this.recentRings = DMS_SERIES.map((name) => new RingBuffer(this.capacityOf(name)));
    this.dayRing = new MinMaxRing(this.daySlots, this.daySlotMs);
    let recent = 0;
    this.recentOffsets = DMS_SERIES.map((name) => (recent += this.capacityOf(name)) - this.capacityOf(name));
    this.slab = new SeriesSlab({ recent, day: DMS_SERIES.length * this.daySlots, series: DMS_SERIES.length });
  }

  /** Keeps exactly these tasks: new ones get their buffers, removed ones free theirs. */
  retain(taskKeys: Iterable<string>): void {
    const keep = new Set(taskKeys);
    for (const [key, slot] of this.tasks) {
      if (keep.has(key)) continue;
      this.tasks.delete(key);
      this.slab.give(slot);
    }
    let added = 0;
    for (const key of keep) if (!this.tasks.has(key)) added++;
    // The new tasks' slots in one block.
    this.slab.reserve(added);
    for (const key of keep) if (!this.tasks.has(key)) this.tasks.set(key, this.slab.take());
  }

  /** Empties a task's series (its task was replaced by another). */
  reset(taskKey: string): void {
    const slot = this.tasks.get(taskKey);
    if (slot) this.slab.empty(slot);
  }

  has(taskKey: string): boolean {
    return this.tasks.has(taskKey);
  }

  /** Time of the newest point of a series (-Infinity when none). */
  lastTime(taskKey: string, metric: DmsSeriesName): number {
    const slot = this.tasks.get(taskKey);
    return slot ? this.recentOf(slot, metric).lastTime : -Infinity;
  }

  latest(taskKey: string, metric: DmsSeriesName): number | null {
    const slot = this.tasks.get(taskKey);
    return slot ? this.recentOf(slot, metric).lastValue : null;
  }

  /**
   * Adds points (any order); returns those newer than what the series had, oldest first: the very pairs it was given
   * (they go on into dms.samples), in the array it was given when it took all of them in that order, else in one of
   * their number (a cycle's points are kept until its samples are published: a copy, or a grown array, of each
   * answer's would add a good part to the cycle's peak of memory).
   */
  append(taskKey: string, metric: DmsSeriesName, points: [number, number][]): [number, number][] {
    const slot = this.tasks.get(taskKey);
    if (!slot) return [];
    const recent = this.recentOf(slot, metric);
    const day = this.dayOf(slot, metric);
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
    const slot = this.tasks.get(taskKey);
    if (!slot) return false;
    const recent = this.recentOf(slot, metric);
    if (time <= recent.lastTime || !recent.push(time, value)) return false;
    this.dayOf(slot, metric).add(time, value);
    return true;
  }

  /**
   * A series' points in the recent window (relative to its newest point) or the day, downsampled to maxPoints.
   * Full-load progress in the recent range also reaches back through the day's minutes before its recent points:
   * the charts keep a load's whole ramp in view (renderer lib/series.ts sharedTimeDomain), not only its last minutes.
   */
  read(taskKey: string, metric: DmsSeriesName, range: 'recent' | 'day', maxPoints: number): [number, number][] {
    const slot = this.tasks.get(taskKey);
    if (!slot) return [];
    const recent = this.recentOf(slot, metric);
    const day = this.dayOf(slot, metric);
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

  /** Recent raw points of a series at or after `since` (for signals such as trends). */
  recent(taskKey: string, metric: DmsSeriesName, since: number): { times: number[]; values: number[] } {
    const slot = this.tasks.get(taskKey);
    return slot ? collect(this.recentOf(slot, metric), since) : { times: [], values: [] };
  }

  private capacityOf(name: DmsSeriesName): number {
    return name === FULL_LOAD_PROGRESS ? this.progressCapacity : this.recentCapacity;
  }

  /** The ring of a task's raw points of a series, moved to them. */
  private recentOf(slot: Slot, metric: DmsSeriesName): RingBuffer {
    const i = seriesIndex(metric);
    const { block, index } = slot;
    const { recent, series } = this.slab.layout;
    return this.recentRings[i]!.moveTo(block.times, block.values, index * recent + this.recentOffsets[i]!, block.positions, (index * series + i) * 2);
  }

  /** The day ring of a task's series, moved to it. */
  private dayOf(slot: Slot, metric: DmsSeriesName): MinMaxRing {
    const i = seriesIndex(metric);
    const { block, index } = slot;
    const { day, series } = this.slab.layout;
    return this.dayRing.moveTo(block.mins, block.maxes, index * day + i * this.daySlots, block.headSlots, index * series + i);
  }
}

const SERIES_INDEX = new Map<DmsSeriesName, number>(DMS_SERIES.map((name, index) => [name, index]));
const seriesIndex = (name: DmsSeriesName) => SERIES_INDEX.get(name)!;
