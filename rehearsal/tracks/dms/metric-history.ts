// Bounded metric history per task: the few base series the simulation produces, kept in fixed-size rings of
// 5-second samples (the last 15 minutes) and 60-second averages (the last 24 hours). Every CloudWatch metric
// is derived from these at read time, so memory does not grow with the number of metrics or with uptime.

export const SERIES = {
  latencySource: 0,
  latencyTarget: 1,
  backlog: 2,
  cdcSourceRows: 3,
  cdcTargetRows: 4,
  fullLoadRows: 5,
} as const;
export const SERIES_COUNT = 6;

export const FINE_SECONDS = 5;
export const COARSE_SECONDS = 60;
const FINE_SLOTS = 180;
const COARSE_SLOTS = 1440;

/** Slots indexed by absolute time (slot = epoch seconds / resolution); stale slots read as missing. */
export class SeriesRing {
  readonly #values: Float32Array;
  readonly #slots: number;
  #last = -Infinity;

  constructor(slots: number) {
    this.#slots = slots;
    this.#values = new Float32Array(slots * SERIES_COUNT).fill(Number.NaN);
  }

  write(slot: number, sample: ArrayLike<number>): void {
    if (slot <= this.#last - this.#slots) return;
    // Skipped slots (the task was not running) must not show what the ring held a lap earlier.
    for (let gap = Math.max(this.#last + 1, slot - this.#slots + 1); gap < slot; gap++)
      this.#values.fill(Number.NaN, this.#offset(gap), this.#offset(gap) + SERIES_COUNT);
    const at = this.#offset(slot);
    for (let i = 0; i < SERIES_COUNT; i++) this.#values[at + i] = sample[i]!;
    if (slot > this.#last) this.#last = slot;
  }

  /** NaN when the slot holds no data (never written, or overwritten since). */
  read(slot: number, series: number): number {
    if (slot > this.#last || slot <= this.#last - this.#slots) return Number.NaN;
    return this.#values[this.#offset(slot) + series]!;
  }

  /** The oldest slot still held. */
  get first(): number {
    return this.#last - this.#slots + 1;
  }

  #offset(slot: number): number {
    return (((slot % this.#slots) + this.#slots) % this.#slots) * SERIES_COUNT;
  }
}

export class TaskMetrics {
  readonly fine = new SeriesRing(FINE_SLOTS);
  readonly coarse = new SeriesRing(COARSE_SLOTS);
  /** The minute being filled: sums of its samples so far. */
  readonly #sum = new Float64Array(SERIES_COUNT);
  #count = 0;
  #minute = Number.NaN;

  /** One 5-second sample for the interval starting at `startMs`. */
  record(startMs: number, sample: ArrayLike<number>): void {
    const seconds = Math.floor(startMs / 1000);
    this.fine.write(Math.floor(seconds / FINE_SECONDS), sample);
    const minute = Math.floor(seconds / COARSE_SECONDS);
    if (minute !== this.#minute) this.flush();
    this.#minute = minute;
    for (let i = 0; i < SERIES_COUNT; i++) this.#sum[i]! += sample[i]!;
    this.#count++;
  }

  /** Writes the minute being filled (also when the task stops mid-minute). */
  flush(): void {
    if (this.#count > 0) this.coarse.write(this.#minute, this.#average());
    this.#count = 0;
    this.#sum.fill(0);
  }

  /** A 60-second value: the finished minutes from the ring, the current one as its average so far. */
  minuteValue(minute: number, series: number): number {
    if (minute === this.#minute && this.#count > 0) return this.#sum[series]! / this.#count;
    return this.coarse.read(minute, series);
  }

  #average(): Float64Array {
    const average = new Float64Array(SERIES_COUNT);
    for (let i = 0; i < SERIES_COUNT; i++) average[i] = this.#sum[i]! / this.#count;
    return average;
  }
}
