// Bounded time series in preallocated typed arrays: appending never allocates, so memory stays flat however long
// the monitor runs. Two shapes: RingBuffer keeps the last N raw points; MinMaxRing keeps the lowest and highest value
// per fixed time slot. Either owns its arrays, or takes a region of arrays shared by many series (SeriesStore's
// slabs: thousands of series in a few typed arrays instead of four small ones each, which cost more in V8 objects and
// backing stores than the points they hold).

/** Where a RingBuffer keeps its points: `capacity` elements of each array from `offset` on. */
export interface RingRegion {
  readonly times: Float64Array;
  readonly values: Float32Array;
  readonly offset: number;
}

/** Where a MinMaxRing keeps its slots: `slots` elements of each array from `offset` on. */
export interface MinMaxRegion {
  readonly mins: Float32Array;
  readonly maxes: Float32Array;
  readonly offset: number;
}

/** The last `capacity` (time, value) points, oldest overwritten first. Times must not go backwards. */
export class RingBuffer {
  private readonly times: Float64Array;
  private readonly values: Float32Array;
  /** Where this ring's points start in the arrays (0 when it owns them). */
  private readonly base: number;
  private head = 0; // next write position
  private count = 0;

  /** Without a region, the ring has arrays of its own. */
  constructor(
    readonly capacity: number,
    region?: RingRegion,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`ring buffer capacity must be a positive integer, got ${capacity}`);
    this.times = region?.times ?? new Float64Array(capacity);
    this.values = region?.values ?? new Float32Array(capacity);
    this.base = region?.offset ?? 0;
  }

  get size(): number {
    return this.count;
  }

  /** Time of the newest point, or -Infinity when empty. */
  get lastTime(): number {
    return this.count === 0 ? -Infinity : this.times[this.base + ((this.head - 1 + this.capacity) % this.capacity)]!;
  }

  get lastValue(): number | null {
    return this.count === 0 ? null : this.values[this.base + ((this.head - 1 + this.capacity) % this.capacity)]!;
  }

  /** Appends a point; a point at the newest time replaces it; an older one is ignored. Returns whether it was kept. */
  push(time: number, value: number): boolean {
    const last = this.lastTime;
    if (time < last || !Number.isFinite(value)) return false;
    if (time === last) {
      this.values[this.base + ((this.head - 1 + this.capacity) % this.capacity)] = value;
      return true;
    }
    this.times[this.base + this.head] = time;
    this.values[this.base + this.head] = value;
    this.head = (this.head + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
    return true;
  }

  /** Calls `visit` oldest first for every point at or after `since`. */
  forEach(visit: (time: number, value: number) => void, since = -Infinity): void {
    const start = (this.head - this.count + this.capacity) % this.capacity;
    for (let i = 0; i < this.count; i++) {
      const index = this.base + ((start + i) % this.capacity);
      const time = this.times[index]!;
      if (time >= since) visit(time, this.values[index]!);
    }
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }
}

/**
 * The lowest and highest value per slot of `stepMs` over the last `slots` slots: what a chart drawn from min/max
 * downsampling shows of a day, in 2 values a slot (a day at 5-minute slots: 576 values, where one value a minute
 * took 1,440 for less). A slot with no point stays empty (NaN), so a gap in the data shows as a gap.
 */
export class MinMaxRing {
  private readonly mins: Float32Array;
  private readonly maxes: Float32Array;
  /** Where this ring's slots start in the arrays (0 when it owns them). */
  private readonly base: number;
  /** Absolute slot number (time / stepMs) of the newest slot, or -1 while empty. */
  private headSlot = -1;

  /** Without a region, the ring has arrays of its own. */
  constructor(
    readonly slots = 288,
    readonly stepMs = 300_000,
    region?: MinMaxRegion,
  ) {
    // Nothing is read while the ring is empty; its first point empties every slot (see add).
    this.mins = region?.mins ?? new Float32Array(slots);
    this.maxes = region?.maxes ?? new Float32Array(slots);
    this.base = region?.offset ?? 0;
  }

  add(time: number, value: number): void {
    if (!Number.isFinite(value)) return;
    const slot = Math.floor(time / this.stepMs);
    // Before 1970: no slot of a ring (its own arrays ignored the write; a shared region must never take it).
    if (slot < 0) return;
    if (slot > this.headSlot) {
      if (this.headSlot < 0) {
        // The first point (or the first after clear()): every slot starts empty.
        this.mins.fill(Number.NaN, this.base, this.base + this.slots);
        this.maxes.fill(Number.NaN, this.base, this.base + this.slots);
      } else {
        // Empty the slots skipped over (at most the whole ring) so stale values from a lap ago never reappear.
        const skipped = Math.min(slot - this.headSlot, this.slots);
        for (let i = 1; i <= skipped; i++) {
          const at = this.base + ((slot - skipped + i) % this.slots);
          this.mins[at] = Number.NaN;
          this.maxes[at] = Number.NaN;
        }
      }
      this.headSlot = slot;
    } else if (slot <= this.headSlot - this.slots) return; // older than the ring holds
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
    if (this.headSlot < 0) return;
    for (let slot = this.headSlot - this.slots + 1; slot <= this.headSlot; slot++) {
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
    this.headSlot = -1;
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
