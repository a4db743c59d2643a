// Every task's metric series, each in two bounded buffers: the recent window at the resolution the data comes
// in (for live charts and signals) and the day at one value per minute. All arrays are allocated when a task is
// added, so memory depends on the number of tasks only, never on how long the monitor runs.
import { DMS_METRICS, type DmsMetric } from '../api/contract';
import { downsampleMinMax } from '../../common/downsample';
import { collect, MinuteRing, RingBuffer } from './ring-buffer';

export interface SeriesStoreOptions {
  /** Raw points kept per series for the recent range (default 192: 15 minutes at one point per 5 s). */
  readonly recentCapacity?: number;
  /** Span of the recent range in ms (default 15 minutes). */
  readonly recentWindowMs?: number;
  /** Minute slots of the day range (default 1,440 = 24 hours). */
  readonly daySlots?: number;
}

interface MetricSeries {
  readonly recent: RingBuffer;
  readonly day: MinuteRing;
}

export class SeriesStore {
  private readonly tasks = new Map<string, Record<DmsMetric, MetricSeries>>();
  private readonly recentCapacity: number;
  readonly recentWindowMs: number;
  private readonly daySlots: number;

  constructor(options: SeriesStoreOptions = {}) {
    this.recentCapacity = options.recentCapacity ?? 192;
    this.recentWindowMs = options.recentWindowMs ?? 15 * 60_000;
    this.daySlots = options.daySlots ?? 1440;
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
  lastTime(taskKey: string, metric: DmsMetric): number {
    return this.tasks.get(taskKey)?.[metric].recent.lastTime ?? -Infinity;
  }

  latest(taskKey: string, metric: DmsMetric): number | null {
    return this.tasks.get(taskKey)?.[metric].recent.lastValue ?? null;
  }

  /** Adds points (any order); returns those newer than what the series had, oldest first. */
  append(taskKey: string, metric: DmsMetric, points: readonly (readonly [number, number])[]): [number, number][] {
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

  /** A series' points in the recent window (relative to its newest point) or the day, downsampled to maxPoints. */
  read(taskKey: string, metric: DmsMetric, range: 'recent' | 'day', maxPoints: number): [number, number][] {
    const series = this.tasks.get(taskKey)?.[metric];
    if (!series) return [];
    const { times, values } =
      range === 'recent' ? collect(series.recent, series.recent.lastTime - this.recentWindowMs) : collect(series.day);
    const points = times.map((time, i): [number, number] => [time, values[i]!]);
    return downsampleMinMax(points, maxPoints) as [number, number][];
  }

  /** Recent raw points of a series at or after `since` (for signals such as trends). */
  recent(taskKey: string, metric: DmsMetric, since: number): { times: number[]; values: number[] } {
    const series = this.tasks.get(taskKey)?.[metric];
    return series ? collect(series.recent, since) : { times: [], values: [] };
  }

  private allocate(): Record<DmsMetric, MetricSeries> {
    const entries = DMS_METRICS.map((metric) => [metric, { recent: new RingBuffer(this.recentCapacity), day: new MinuteRing(this.daySlots) }] as const);
    return Object.fromEntries(entries) as Record<DmsMetric, MetricSeries>;
  }
}
