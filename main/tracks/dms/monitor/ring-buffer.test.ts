import { describe, expect, it } from 'vitest';
import { DMS_METRICS } from '../contract-views';
import { collect, MinMaxRing, RingBuffer } from './ring-buffer';
import { SeriesStore } from './series-store';

describe('RingBuffer', () => {
  it('keeps the last N points, oldest first, after wrapping', () => {
    const ring = new RingBuffer(4);
    for (let t = 1; t <= 10; t++) ring.push(t * 1000, t);
    expect(ring.size).toBe(4);
    expect(collect(ring)).toEqual({ times: [7000, 8000, 9000, 10_000], values: [7, 8, 9, 10] });
    expect(ring.lastTime).toBe(10_000);
    expect(ring.lastValue).toBe(10);
  });

  it('replaces a point at the newest time, ignores older points and non-finite values', () => {
    const ring = new RingBuffer(3);
    ring.push(1000, 1);
    ring.push(2000, 2);
    expect(ring.push(2000, 5)).toBe(true);
    expect(ring.push(1500, 9)).toBe(false);
    expect(ring.push(3000, Number.NaN)).toBe(false);
    expect(collect(ring).values).toEqual([1, 5]);
  });

  it('reads only points at or after a time', () => {
    const ring = new RingBuffer(8);
    for (let t = 1; t <= 6; t++) ring.push(t, t * 10);
    expect(collect(ring, 4).values).toEqual([40, 50, 60]);
  });
});

describe('MinMaxRing', () => {
  it('keeps the lowest and highest value of each slot, and leaves gaps empty', () => {
    const ring = new MinMaxRing(10, 60_000);
    ring.add(0, 3);
    ring.add(30_000, 1);
    ring.add(45_000, 2);
    ring.add(180_000, 7); // slots 1 and 2 have no data
    // The lowest at the slot's start, the highest at its middle (a slot of one value gives one point).
    expect(collect(ring)).toEqual({ times: [0, 30_000, 180_000], values: [1, 3, 7] });
  });

  it('keeps the last `slots` slots after wrapping, and a long gap empties the ring', () => {
    const ring = new MinMaxRing(5, 60_000);
    for (let m = 0; m < 12; m++) ring.add(m * 60_000, m);
    expect(collect(ring).values).toEqual([7, 8, 9, 10, 11]);
    ring.add(100 * 60_000, 100);
    expect(collect(ring).values).toEqual([100]);
  });

  it('accepts a late point for a slot still in the ring, drops one that fell out', () => {
    const ring = new MinMaxRing(5, 60_000);
    for (let m = 0; m < 5; m++) if (m !== 2) ring.add(m * 60_000, m);
    ring.add(2 * 60_000 + 5, 42);
    ring.add(-60_000, 99);
    expect(collect(ring).values).toEqual([0, 1, 42, 3, 4]);
  });
});

describe('SeriesStore memory', () => {
  it('allocates per task up front: a day of points for 200 tasks adds no array memory', () => {
    const store = new SeriesStore();
    store.retain(Array.from({ length: 200 }, (_, i) => `s#${i}`));
    const before = process.memoryUsage().arrayBuffers;
    // 24 hours at one point per minute for every metric of every task, then another day on top.
    for (let minute = 0; minute < 2 * 1440; minute += 1) {
      for (let i = 0; i < 200; i++) for (const metric of DMS_METRICS) store.append(`s#${i}`, metric, [[minute * 60_000, minute]]);
    }
    const after = process.memoryUsage().arrayBuffers;
    expect(after - before).toBeLessThan(64 * 1024);
    // A day in 288 slots of 5 minutes, each its lowest and highest value (the values rise within every slot).
    expect(store.read('s#0', 'CDCLatencyTarget', 'day', 4000)).toHaveLength(576);
    expect(store.read('s#0', 'CDCLatencyTarget', 'recent', 4000)).toHaveLength(16); // 15 minutes back from the newest point
  });

  it('returns only the points that are new, and downsamples a read', () => {
    const store = new SeriesStore({ recentCapacity: 1000, recentWindowMs: Number.MAX_SAFE_INTEGER });
    store.retain(['a']);
    expect(
      store.append('a', 'CDCLatencyTarget', [
        [2000, 2],
        [1000, 1],
      ]),
    ).toEqual([
      [1000, 1],
      [2000, 2],
    ]);
    expect(
      store.append('a', 'CDCLatencyTarget', [
        [2000, 2],
        [3000, 3],
      ]),
    ).toEqual([[3000, 3]]);
    for (let t = 4; t < 900; t++) store.append('a', 'CDCLatencyTarget', [[t * 1000, t]]);
    expect(store.read('a', 'CDCLatencyTarget', 'recent', 100).length).toBeLessThanOrEqual(100);
    store.retain([]);
    expect(store.has('a')).toBe(false);
  });
});
