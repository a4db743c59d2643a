import { describe, expect, it } from 'vitest';
import { ProgressDay, ProgressRings } from './progress-rings';
import { collect, MinMaxRing, RingBuffer } from './ring-buffer';

const SHAPE = { capacity: 4, daySlots: 6, daySlotMs: 60_000 };

/** The same operations on the rings themselves, for comparison. */
function both() {
  const progress = new ProgressRings(SHAPE);
  const day = new ProgressDay(SHAPE.daySlotMs);
  const recent = new RingBuffer(SHAPE.capacity);
  const dayRing = new MinMaxRing(SHAPE.daySlots, SHAPE.daySlotMs);
  return {
    push(time: number, value: number) {
      const kept = recent.push(time, value);
      expect(progress.push(time, value)).toBe(kept);
      return kept;
    },
    add(time: number, value: number) {
      dayRing.add(time, value);
      day.of(progress).add(time, value);
    },
    clear() {
      progress.clear();
      recent.clear();
      dayRing.clear();
    },
    same(since?: number) {
      expect(progress.lastTime).toBe(recent.lastTime);
      expect(progress.lastValue).toBe(recent.lastValue);
      expect(collect(progress, since)).toEqual(collect(recent, since));
      expect(collect(day.of(progress), since)).toEqual(collect(dayRing, since));
    },
  };
}

describe('ProgressRings', () => {
  it('reads one point as the rings would, values in 32 bits, and makes its rings at the second', () => {
    const s = both();
    s.same();
    s.push(90_000, 1.1);
    s.add(90_000, 1.1);
    s.same();
    s.same(100_000);
    s.push(90_000, 2.2); // the same time: its value replaced, as a ring does
    s.add(90_000, 2.2); // its slot's highest
    s.same();
    s.push(100_000, 3);
    s.add(100_000, 3);
    s.same();
  });

  it('follows the rings through any mix of points, slots, gaps, rejects and clears', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 200; run++) {
      const s = both();
      let time = Math.floor(random() * 300_000) - 60_000;
      for (let step = 0; step < 12; step++) {
        const r = random();
        if (r < 0.05) s.clear();
        else {
          time += r < 0.15 ? 0 : r < 0.2 ? -30_000 : Math.floor(random() * 200_000);
          const value = r > 0.97 ? Number.NaN : Math.round(random() * 1000) / 10;
          if (s.push(time, value)) s.add(time, value);
          else if (r > 0.9) s.add(time, value); // a day point without a raw one (a late point)
        }
        s.same();
        s.same(time - 60_000);
      }
    }
  });
});
