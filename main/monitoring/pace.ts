// The pace of a track's monitor, computed here and nowhere else: the interval to the next refresh cycle, chosen
// from how busy the track says its resources are (fast / normal / idle), stretched by a backoff that doubles after
// a cycle AWS throttled or failed and halves again after a clean one (capped at maxBackoffMs), with ±10 % jitter so
// many cockpits (or a restart storm) do not poll in lockstep. Pure: the caller keeps the backoff factor.

export interface PaceIntervals {
  /** While resources start, load or stop, or a gate's hold time runs (default 5 s). */
  readonly fastMs: number;
  /** While resources work steadily, e.g. tasks replicating changes (default 15 s). */
  readonly normalMs: number;
  /** When nothing moves (default 30 s). */
  readonly idleMs: number;
  /** Longest interval under backoff (default 120 s). */
  readonly maxBackoffMs: number;
}

export const DEFAULT_PACE_INTERVALS: PaceIntervals = { fastMs: 5000, normalMs: 15_000, idleMs: 30_000, maxBackoffMs: 120_000 };

/** How busy a track reports its resources: which of the three intervals it wants. */
export type Activity = 'fast' | 'normal' | 'idle';

export interface PaceInput {
  readonly intervals: PaceIntervals;
  readonly activity: Activity;
  /** The backoff factor so far (1: none). */
  readonly backoffFactor: number;
  /** How the cycle that just ended went; without it (no cycle ended) the backoff factor stays as it is. */
  readonly cycle?: { readonly throttled: boolean; readonly failed: boolean };
  /** A random sample in [0, 1) for the jitter of `delayMs`; without it `delayMs` is `intervalMs`. */
  readonly jitter?: number;
}

export interface Pace {
  /** The activity's interval before any backoff (ages are judged stale in multiples of it). */
  readonly baseMs: number;
  /** The backoff factor from now on: doubled after trouble (at most maxBackoffMs / fastMs), else halved (at least 1). */
  readonly backoffFactor: number;
  /** The interval to the next cycle with the backoff, at most maxBackoffMs (the status shows it). */
  readonly intervalMs: number;
  /** The timer's delay: intervalMs with ±10 % jitter, rounded to the millisecond (intervalMs without a sample). */
  readonly delayMs: number;
  /** How soon a cycle is brought forward when something asks for one (a control action, a new focus). */
  readonly soonMs: number;
}

export function pace(input: PaceInput): Pace {
  const { intervals, cycle } = input;
  let backoffFactor = input.backoffFactor;
  if (cycle) {
    // Back off on trouble (doubling, capped), recover gradually once calls go through again.
    backoffFactor = cycle.throttled || cycle.failed ? Math.min(backoffFactor * 2, intervals.maxBackoffMs / intervals.fastMs) : Math.max(1, backoffFactor / 2);
  }
  const baseMs = input.activity === 'fast' ? intervals.fastMs : input.activity === 'normal' ? intervals.normalMs : intervals.idleMs;
  const intervalMs = Math.min(intervals.maxBackoffMs, baseMs * backoffFactor);
  const delayMs = input.jitter === undefined ? intervalMs : Math.round(intervalMs * (0.9 + 0.2 * input.jitter));
  return { baseMs, backoffFactor, intervalMs, delayMs, soonMs: soonMs(intervals) };
}

/** How soon a cycle is brought forward: a second, or the fast interval when that is shorter. */
export function soonMs(intervals: PaceIntervals): number {
  return Math.min(1000, intervals.fastMs);
}
