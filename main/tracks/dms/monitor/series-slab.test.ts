import { describe, expect, it } from 'vitest';
import { collect, MinMaxRing, RingBuffer } from './ring-buffer';
import { SeriesSlab } from './series-slab';
import { SeriesStore } from './series-store';

describe('SeriesSlab', () => {
  it('hands out slots of one block, reuses a freed one, and drops a block once all its slots are free', () => {
    const slab = new SeriesSlab({ recent: 4, day: 6, series: 1 });
    slab.reserve(10);
    const slots = Array.from({ length: 10 }, () => slab.take());
    expect(new Set(slots.map((slot) => slot.block)).size).toBe(1);
    expect(slots.map((slot) => slot.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    slab.give(slots[3]!);
    expect(slab.take()).toEqual(slots[3]);
    const extra = slab.take(); // the block is full: a new one
    expect(extra.block).not.toBe(slots[0]!.block);
    slab.give(extra);
    expect(slab.take().block).not.toBe(extra.block); // that block was dropped, so a new one again
  });

  it('keeps neighbouring series apart in shared arrays, one ring moved between them', () => {
    const slab = new SeriesSlab({ recent: 3, day: 4, series: 1 });
    slab.reserve(2);
    const [a, b] = [slab.take(), slab.take()];
    const ring = new RingBuffer(3);
    const day = new MinMaxRing(4, 60_000);
    const recentOf = ({ block, index }: typeof a) => ring.moveTo(block.times, block.values, index * 3, block.positions, index * 2);
    const dayOf = ({ block, index }: typeof a) => day.moveTo(block.mins, block.maxes, index * 4, block.headSlots, index);
    for (let t = 1; t <= 5; t++) {
      recentOf(a).push(t * 60_000, t);
      recentOf(b).push(t * 60_000, -t);
      dayOf(a).add(t * 60_000, t);
      dayOf(b).add(t * 60_000, -t);
    }
    dayOf(b).add(-60_000, 99); // before 1970: written nowhere, not into A's slots either
    expect(collect(recentOf(a)).values).toEqual([3, 4, 5]);
    expect(collect(recentOf(b)).values).toEqual([-3, -4, -5]);
    expect(collect(dayOf(a)).values).toEqual([2, 3, 4, 5]);
    expect(collect(dayOf(b)).values).toEqual([-2, -3, -4, -5]);
    slab.give(a);
    expect(collect(recentOf(slab.take())).values).toEqual([]); // a slot taken again starts empty
  });
});

describe('SeriesStore slots', () => {
  it('empties a reset task and gives a new task a removed one’s slot without reading its points', () => {
    const store = new SeriesStore({ recentCapacity: 4, daySlots: 12 });
    store.retain(['a', 'b']);
    store.append('a', 'CDCLatencyTarget', [
      [60_000, 1],
      [120_000, 2],
    ]);
    store.reset('a');
    expect(store.read('a', 'CDCLatencyTarget', 'recent', 100)).toEqual([]);
    expect(store.read('a', 'CDCLatencyTarget', 'day', 100)).toEqual([]);
    store.append('b', 'CDCLatencyTarget', [[60_000, 7]]);
    const before = process.memoryUsage().arrayBuffers;
    store.retain(['a', 'c']);
    expect(process.memoryUsage().arrayBuffers).toBe(before);
    expect(store.read('c', 'CDCLatencyTarget', 'recent', 100)).toEqual([]);
    expect(store.read('c', 'CDCLatencyTarget', 'day', 100)).toEqual([]);
    expect(store.append('c', 'CDCLatencyTarget', [[180_000, 3]])).toEqual([[180_000, 3]]);
    expect(store.read('c', 'CDCLatencyTarget', 'day', 100)).toEqual([[0, 3]]); // its 5-minute slot's start
  });
});
