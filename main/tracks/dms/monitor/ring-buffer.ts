// Bounded time series in preallocated typed arrays: appending never allocates, so memory stays flat however long
// the monitor runs. Two shapes: RingBuffer keeps the last N raw points; MinMaxRing keeps the lowest and highest value
// per fixed time slot. Either owns its arrays, or works on one series' share of arrays that many series share, its
// position included (SeriesStore's slabs, series-slab.ts): one ring then serves every task's series of a kind, moved
// to the series before each use, and thousands of series cost a few typed arrays instead of objects of their own.

/** The last `capacity` (time, value) points, oldest overwritten first. Times must not go backwards. */
export class RingBuffer {
  private times!: Float64Array;
  private values!: Float32Array;
  /** Where its points start in times and values. */
  private base = 0;
  /** Its next write position at [at], its number of points at [at + 1]. */
  private position!: Int32Array;
  private at = 0;

  /** A ring with arrays of its own (moveTo points it elsewhere). */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`ring buffer capacity must be a positive integer, got ${capacity}`);
    this.moveTo(new Float64Array(capacity), new Float32Array(capacity), 0, new Int32Array(2), 0);
  }

  /**
   * Makes this the ring whose `capacity` points are in `times` and `values` from `base` on, its position in `position`
   * at `at` (next write) and `at + 1` (number of points). Answers the ring.
   */
  moveTo(times: Float64Array, values: Float32Array, base: number, position: Int32Array, at: number): this {
    this.times = times;
    this.values = values;
    this.base = base;
    this.position = position;
    this.at = at;
    return this;
  }

  get size(): number {
    return this.position[this.at + 1]!;
  }

  /** Time of the newest point, or -Infinity when empty. */
  get lastTime(): number {
    return this.size === 0 ? -Infinity : this.times[this.newest()]!;
  }

  get lastValue(): number | null {
    return this.size === 0 ? null : this.values[this.newest()]!;
  }

  /** Appends a point; a point at the newest time replaces it; an older one is ignored. Returns whether it was kept. */
  push(time: number, value: number): boolean {
    const last = this.lastTime;
    if (time < last || !Number.isFinite(value)) return false;
    if (time === last) {
      this.values[this.newest()] = value;
      return true;
    }
    const head = this.position[this.at]!;
    this.times[this.base + head] = time;
    this.values[this.base + head] = value;
    this.position[this.at] = (head + 1) % this.capacity;
    if (this.size < this.capacity) this.position[this.at + 1]!++;
    return true;
  }

  /** Calls `visit` oldest first for every point at or after `since`. */
  forEach(visit: (time: number, value: number) => void, since = -Infinity): void {
    const count = this.size;
    const start = (this.position[this.at]! - count + this.capacity) % this.capacity;
    for (let i = 0; i < count; i++) {
      const index = this.base + ((start + i) % this.capacity);
      const time = this.times[index]!;
      if (time >= since) visit(time, this.values[index]!);
    }
  }

  clear(): void {
    this.position[this.at] = 0;
    this.position[this.at + 1] = 0;
  }

  /** Index of the newest point in the arrays (the ring is not empty). */
  private newest(): number {
    return this.base + ((this.position[this.at]! - 1 + this.capacity) % this.capacity);
  }
}

/**
 * The lowest and highest value per slot of `stepMs` over the last `slots` slots: what a chart drawn from min/max
 * downsampling shows of a day, in 2 values a slot (a day at 5-minute slots: 576 values, where one value a minute
 * took 1,440 for less). A slot with no point stays empty (NaN), so a gap in the data shows as a gap.
 */
export class MinMaxRing {
  private mins!: Float32Array;
  private maxes!: Float32Array;
  /** Where its slots start in mins and maxes. */
  private base = 0;
  /** Absolute slot number (time / stepMs) of its newest slot, or -1 while empty: in `headSlots` at `at`. */
  private headSlots!: Float64Array;
  private at = 0;

  /** A ring with arrays of its own (moveTo points it elsewhere). */
  constructor(
    readonly slots = 288,
    readonly stepMs = 300_000,
  ) {
    this.moveTo(new Float32Array(slots), new Float32Array(slots), 0, new Float64Array([-1]), 0);
  }

  /**
   * Makes this the ring whose `slots` slots are in `mins` and `maxes` from `base` on, its newest slot in `headSlots`
   * at `at` (-1 while it is empty: nothing is read then, and its first point empties every slot, so the slots need
   * no filling beforehand). Answers the ring.
   */
  moveTo(mins: Float32Array, maxes: Float32Array, base: number, headSlots: Float64Array, at: number): this {
    this.mins = mins;
    this.maxes = maxes;
    this.base = base;
    this.headSlots = headSlots;
    this.at = at;
    return this;
  }

  add(time: number, value: number): void {
    if (!Number.isFinite(value)) return;
    const slot = Math.floor(time / this.stepMs);
    // Before 1970: no slot of a ring (its own arrays ignored the write; a shared region must never take it).
    if (slot < 0) return;
    const headSlot = this.headSlots[this.at]!;
    if (slot > headSlot) {
      if (headSlot < 0) {
        // The first point (or the first after clear()): every slot starts empty.
        this.mins.fill(Number.NaN, this.base, this.base + this.slots);
        this.maxes.fill(Number.NaN, this.base, this.base + this.slots);
      } else {
        // Empty the slots skipped over (at most the whole ring) so stale values from a lap ago never reappear.
        const skipped = Math.min(slot - headSlot, this.slots);
        for (let i = 1; i <= skipped; i++) {
          const at = this.base + ((slot - skipped + i) % this.slots);
          this.mins[at] = Number.NaN;
          this.maxes[at] = Number.NaN;
        }
      }
      this.headSlots[this.at] = slot;
    } else if (slot <= headSlot - this.slots) return; // older than the ring holds
    const at = this.base + (slot % this.slots);
    const min = this.mins[at]!;
    if (Number.isNaN(min) || value < min) this.mins[at] = value;
    const max = this.maxes[at]!;
    if (Number.isNaN(max) || value > max) this.maxes[at] = value;
  }

  /**
   * Calls `visit` oldest first for each filled slot starting at or after `since`: its lowest value at the slot's
   * start and, when higher, its highest at the slot's middle.
   */
  forEach(visit: (time: number, value: number) => void, since = -Infinity): void {
    const headSlot = this.headSlots[this.at]!;
    if (headSlot < 0) return;
    for (let slot = headSlot - this.slots + 1; slot <= headSlot; slot++) {
      if (slot < 0) continue;
      const time = slot * this.stepMs;
      if (time < since) continue;
      const min = this.mins[this.base + (slot % this.slots)]!;
      if (Number.isNaN(min)) continue;
      visit(time, min);
      const max = this.maxes[this.base + (slot % this.slots)]!;
      if (max > min) visit(time + this.stepMs / 2, max);
    }
  }

  /** Empties the ring (its slots are emptied by the next point). */
  clear(): void {
    this.headSlots[this.at] = -1;
  }
}

/** Reads a series' points (oldest first) into plain arrays. */
export function collect(
  source: { forEach(visit: (time: number, value: number) => void, since?: number): void },
  since?: number,
): { times: number[]; values: number[] } {
  const times: number[] = [];
  const values: number[] = [];
  source.forEach((time, value) => {
    times.push(time);
    values.push(value);
  }, since);
  return { times, values };
}
