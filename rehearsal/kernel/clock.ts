// Simulated time. The rehearsal runs on its own clock: anchored at the real "now" when it starts and running
// `timeScale` times faster, so every timestamp it hands out is a plausible epoch time, just ahead of the wall
// clock. Tests use the manual clock and move it by hand. Both clocks can jump forward (the admin API's
// `clock/advance`), never backwards: the simulation only ever moves forward.

export interface RehearsalClock {
  /** Simulated epoch milliseconds. Never decreases. */
  now(): number;
  /** Jumps forward by `ms` simulated milliseconds. */
  advance(ms: number): void;
  /** Simulated milliseconds per real millisecond (the manual clock reports 0: it moves only when told). */
  readonly timeScale: number;
}

export class ScaledClock implements RehearsalClock {
  readonly timeScale: number;
  readonly #realStart: number;
  readonly #simStart: number;
  readonly #realNow: () => number;
  #jumped = 0;

  constructor(timeScale = 1, options: { start?: number; realNow?: () => number } = {}) {
    if (!Number.isFinite(timeScale) || timeScale <= 0 || timeScale > 100_000)
      throw new RangeError(`timeScale must be above 0 and at most 100000, got ${timeScale}`);
    this.timeScale = timeScale;
    this.#realNow = options.realNow ?? Date.now;
    this.#realStart = this.#realNow();
    this.#simStart = options.start ?? this.#realStart;
  }

  now(): number {
    return Math.floor(this.#simStart + (this.#realNow() - this.#realStart) * this.timeScale + this.#jumped);
  }

  advance(ms: number): void {
    checkStep(ms);
    this.#jumped += ms;
  }
}

export class ManualClock implements RehearsalClock {
  readonly timeScale = 0;
  #now: number;

  /** Starts at `start` (default: a fixed, minute-aligned instant, so tests see the same timestamps every run). */
  constructor(start = Date.UTC(2026, 11, 5, 0, 0, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  advance(ms: number): void {
    checkStep(ms);
    this.#now += ms;
  }
}

function checkStep(ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`the clock only moves forward: advance by a finite number of ms >= 0, got ${ms}`);
}
