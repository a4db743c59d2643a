import { describe, expect, it } from 'vitest';
import { SeriesStore } from './series-store';

const KEY = 'apps/app1#0';
const T0 = Date.parse('2026-12-03T00:00:00Z');
const MIN = 60_000;

function storeWithAnHour(): SeriesStore {
  const store = new SeriesStore({ recentCapacity: 12, recentWindowMs: 15 * MIN });
  store.retain([KEY]);
  // One point a minute for an hour: the ring keeps the last 12 raw, the day keeps 5-minute lowest and highest.
  store.append(
    KEY,
    'CDCLatencyTarget',
    Array.from({ length: 60 }, (_, i) => [T0 + i * MIN, i] as const),
  );
  return store;
}

describe('a series history', () => {
  it("is the day's slots wholly before the raw points, then the raw points, oldest first, at the store's resolution", () => {
    const points = storeWithAnHour().history(KEY, 'CDCLatencyTarget');
    const raw = points.slice(-12);
    expect(raw.map(([t]) => (t - T0) / MIN)).toEqual([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59]);
    const slots = points.slice(0, -12);
    // Slots of 5 minutes that end by minute 48, each its lowest and highest.
    expect(slots.every(([t]) => t + 5 * MIN <= T0 + 48 * MIN)).toBe(true);
    expect(slots.length).toBeGreaterThan(0);
    for (let i = 1; i < points.length; i++) expect(points[i]![0]).toBeGreaterThanOrEqual(points[i - 1]![0]);
  });

  it('from a cursor holds only what is newer', () => {
    const store = storeWithAnHour();
    expect(store.history(KEY, 'CDCLatencyTarget', T0 + 57 * MIN).map(([t]) => (t - T0) / MIN)).toEqual([58, 59]);
    expect(store.history(KEY, 'CDCLatencyTarget', T0 + 59 * MIN)).toEqual([]);
    expect(store.history('unknown#0', 'CDCLatencyTarget')).toEqual([]);
  });
});
