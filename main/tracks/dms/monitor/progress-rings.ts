// A task's full-load progress series in the SeriesStore. Progress is recorded while the task starts or loads and
// otherwise only when it moves (progress-series.ts), so a task replicating changes holds one point for as long as it
// runs. Its rings (15 minutes of raw points at one per 5 s, 24 hours of each 5 minutes' lowest and highest value:
// 4.5 KiB a task, 27 MiB at 6,000 tasks) are made at its second point; until then the one point is kept as it is, and
// read exactly as the rings would give it back (values as the rings store them, in 32 bits).
import { MinMaxRing, RingBuffer } from './ring-buffer';

/** What the store reads and writes of a series' raw points (RingBuffer's). */
export interface RecentSeries {
  readonly lastTime: number;
  readonly lastValue: number | null;
  push(time: number, value: number): boolean;
  forEach(visit: (time: number, value: number) => void, since?: number): void;
}

/** What the store reads and writes of a series' day (MinMaxRing's). */
export interface DaySeries {
  readonly stepMs: number;
  add(time: number, value: number): void;
  forEach(visit: (time: number, value: number) => void, since?: number): void;
}

export interface ProgressShape {
  readonly capacity: number;
  readonly daySlots: number;
  readonly daySlotMs: number;
}

export class ProgressRings implements RecentSeries {
  private rings: { readonly recent: RingBuffer; readonly day: MinMaxRing } | null = null;
  /** The one raw point, while there are no rings. */
  private held = false;
  private time = 0;
  private value = 0;
  /** Its day slot, while there are no rings: the slot's number, lowest and highest value. */
  private dayHeld = false;
  private daySlot = 0;
  private dayMin = 0;
  private dayMax = 0;

  constructor(private readonly shape: ProgressShape) {}

  get lastTime(): number {
    return this.rings ? this.rings.recent.lastTime : this.held ? this.time : -Infinity;
  }

  get lastValue(): number | null {
    return this.rings ? this.rings.recent.lastValue : this.held ? this.value : null;
  }

  /** RingBuffer.push: a point at the newest time replaces its value, an older one is ignored. */
  push(time: number, value: number): boolean {
    if (this.rings) return this.rings.recent.push(time, value);
    const last = this.lastTime;
    if (time < last || !Number.isFinite(value)) return false;
    if (time === last) {
      if (this.held) this.value = Math.fround(value);
      return true;
    }
    if (!this.held) {
      this.held = true;
      this.time = time;
      this.value = Math.fround(value);
      return true;
    }
    return this.materialize().recent.push(time, value);
  }

  forEach(visit: (time: number, value: number) => void, since = -Infinity): void {
    if (this.rings) this.rings.recent.forEach(visit, since);
    else if (this.held && this.time >= since) visit(this.time, this.value);
  }

  get dayStepMs(): number {
    return this.shape.daySlotMs;
  }

  /** MinMaxRing.add. */
  dayAdd(time: number, value: number): void {
    if (this.rings) return this.rings.day.add(time, value);
    if (!Number.isFinite(value)) return;
    const slot = Math.floor(time / this.shape.daySlotMs);
    if (slot < 0) return;
    if (!this.dayHeld) {
      this.dayHeld = true;
      this.daySlot = slot;
      this.dayMin = this.dayMax = Math.fround(value);
    } else if (slot === this.daySlot) {
      const stored = Math.fround(value);
      if (stored < this.dayMin) this.dayMin = stored;
      if (stored > this.dayMax) this.dayMax = stored;
    } else this.materialize().day.add(time, value);
  }

  /** MinMaxRing.forEach. */
  dayForEach(visit: (time: number, value: number) => void, since = -Infinity): void {
    if (this.rings) return this.rings.day.forEach(visit, since);
    if (!this.dayHeld) return;
    const { daySlotMs } = this.shape;
    const time = this.daySlot * daySlotMs;
    if (time < since) return;
    visit(time, this.dayMin);
    if (this.dayMax > this.dayMin) visit(time + daySlotMs / 2, this.dayMax);
  }

  /** Empties the series (its task was replaced by another). */
  clear(): void {
    this.rings = null;
    this.held = false;
    this.dayHeld = false;
  }

  /** The rings, made now with what was held. */
  private materialize(): { readonly recent: RingBuffer; readonly day: MinMaxRing } {
    const { capacity, daySlots, daySlotMs } = this.shape;
    const rings = { recent: new RingBuffer(capacity), day: new MinMaxRing(daySlots, daySlotMs) };
    if (this.held) rings.recent.push(this.time, this.value);
    if (this.dayHeld) {
      const time = this.daySlot * daySlotMs;
      rings.day.add(time, this.dayMin);
      rings.day.add(time, this.dayMax);
    }
    this.rings = rings;
    return rings;
  }
}

/** One task's progress day at a time, as a DaySeries (the store moves it to a task before each use). */
export class ProgressDay implements DaySeries {
  private target!: ProgressRings;

  constructor(readonly stepMs: number) {}

  of(target: ProgressRings): this {
    this.target = target;
    return this;
  }

  add(time: number, value: number): void {
    this.target.dayAdd(time, value);
  }

  forEach(visit: (time: number, value: number) => void, since?: number): void {
    this.target.dayForEach(visit, since);
  }
}
