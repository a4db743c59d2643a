// common/ — chart downsampling, one algorithm for the core (dms.series history) and the renderer (live charts).
// Environment-neutral pure helper (no zod, no node:, no DOM, no packages).

/** A point of a series: [epoch milliseconds, value]. */
export type SeriesPoint = readonly [t: number, value: number];

/**
 * At most `maxPoints` points: the series (oldest first) is cut into maxPoints / 2 equal time buckets over
 * [from, to] (the data's own span by default) and each bucket keeps its lowest and highest point, in time order.
 * Unlike averaging or picking every n-th point, a latency spike above the gate always survives. A series short
 * enough comes back as it is (the same array).
 */
export function downsampleMinMax<P extends SeriesPoint>(points: readonly P[], maxPoints: number, from?: number, to?: number): readonly P[] {
  if (points.length <= maxPoints) return points;
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const start = from ?? points[0]![0];
  const end = to ?? points[points.length - 1]![0];
  const span = Math.max(1, end - start);
  const out: P[] = [];
  let bucket = -1;
  let low: P | null = null;
  let high: P | null = null;
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
