// Chart series as the renderer draws them: points are [epoch ms, value], oldest first. The core sends a task's
// history downsampled to about the chart's width (dms.series) and then new points as they come (dms.samples);
// these helpers join both and downsample again to the chart's width. All O(n) in the points kept, no copies of
// the live ring buffer beyond the part in view.
import { itemAt, type LogBuffer } from '../store/log-buffer';

export type Point = readonly [t: number, value: number];

/**
 * At most `maxPoints` points: the series is cut into maxPoints / 2 equal time buckets over [from, to] (the
 * data's own span by default) and each bucket keeps its lowest and highest point, in time order. Unlike
 * averaging or picking every n-th point, a latency spike above the gate always survives.
 */
export function downsampleMinMax(points: readonly Point[], maxPoints: number, from?: number, to?: number): readonly Point[] {
  if (points.length <= maxPoints) return points;
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const start = from ?? points[0]![0];
  const end = to ?? points[points.length - 1]![0];
  const span = Math.max(1, end - start);
  const out: Point[] = [];
  let bucket = -1;
  let low: Point | null = null;
  let high: Point | null = null;
  const flush = () => {
    if (!low || !high) return;
    if (low === high) out.push(low);
    else if (low[0] <= high[0]) out.push(low, high);
    else out.push(high, low);
  };
  for (const point of points) {
    const b = Math.min(buckets - 1, Math.max(0, Math.floor(((point[0] - start) / span) * buckets)));
    if (b !== bucket) {
      flush();
      bucket = b;
      low = point;
      high = point;
      continue;
    }
    if (point[1] < low![1]) low = point;
    if (point[1] > high![1]) high = point;
  }
  flush();
  return out;
}

/** Index of the first item of the buffer whose time is greater than `t` (buffer sorted by time). */
export function firstAfter(buffer: LogBuffer<Point>, t: number): number {
  let low = 0;
  let high = buffer.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (itemAt(buffer, middle)![0] > t) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * The points a chart shows: the core's (downsampled) history `base`, then the live points newer than the
 * history's last one, all from `from` on.
 */
export function joinSeries(base: readonly Point[] | undefined, live: LogBuffer<Point> | undefined, from = -Infinity): Point[] {
  const out: Point[] = [];
  let last = -Infinity;
  for (const point of base ?? []) {
    if (point[0] < from) continue;
    out.push(point);
    last = point[0];
  }
  if (live) {
    for (let index = firstAfter(live, Math.max(last, from - 1)); index < live.length; index += 1) out.push(itemAt(live, index)!);
  }
  return out;
}

/** Points as rows recharts can draw (one object per point). */
export function toRows(points: readonly Point[]): { t: number; v: number }[] {
  return points.map(([t, v]) => ({ t, v }));
}

/** The newest point's time, or null for an empty series. */
export function lastTime(points: readonly Point[]): number | null {
  return points.length > 0 ? points[points.length - 1]![0] : null;
}
