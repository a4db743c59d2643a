import { describe, expect, it } from 'vitest';
import { DEFAULT_PACE_INTERVALS, pace, soonMs, type PaceIntervals } from './pace';

const intervals: PaceIntervals = { fastMs: 5000, normalMs: 15_000, idleMs: 30_000, maxBackoffMs: 120_000 };
const clean = { throttled: false, failed: false };

describe('pace', () => {
  it('picks the interval from what the track reports', () => {
    expect(pace({ intervals, activity: 'fast', backoffFactor: 1 })).toEqual({ baseMs: 5000, backoffFactor: 1, intervalMs: 5000, delayMs: 5000, soonMs: 1000 });
    expect(pace({ intervals, activity: 'normal', backoffFactor: 1 }).intervalMs).toBe(15_000);
    expect(pace({ intervals, activity: 'idle', backoffFactor: 1 }).intervalMs).toBe(30_000);
    expect(DEFAULT_PACE_INTERVALS).toEqual(intervals);
  });

  it('doubles the backoff after a throttled or failed cycle, up to maxBackoffMs / fastMs, and halves it after a clean one', () => {
    let factor = 1;
    const factors: number[] = [];
    for (let i = 0; i < 7; i++) {
      factor = pace({ intervals, activity: 'fast', backoffFactor: factor, cycle: { throttled: i % 2 === 0, failed: i % 2 === 1 } }).backoffFactor;
      factors.push(factor);
    }
    expect(factors).toEqual([2, 4, 8, 16, 24, 24, 24]);
    const recovering: number[] = [];
    for (let i = 0; i < 6; i++) {
      factor = pace({ intervals, activity: 'fast', backoffFactor: factor, cycle: clean }).backoffFactor;
      recovering.push(factor);
    }
    expect(recovering).toEqual([12, 6, 3, 1.5, 1, 1]);
  });

  it('keeps the backoff when no cycle ended, and caps the interval under backoff at maxBackoffMs', () => {
    expect(pace({ intervals, activity: 'normal', backoffFactor: 4 })).toMatchObject({ baseMs: 15_000, backoffFactor: 4, intervalMs: 60_000 });
    expect(pace({ intervals, activity: 'idle', backoffFactor: 8 })).toMatchObject({ baseMs: 30_000, intervalMs: 120_000 });
    expect(pace({ intervals, activity: 'idle', backoffFactor: 24, cycle: { throttled: true, failed: false } })).toMatchObject({
      backoffFactor: 24,
      intervalMs: 120_000,
    });
  });

  it('spreads the delay by ±10 % jitter, rounded to the millisecond; the interval itself has none', () => {
    const at = (jitter: number) => pace({ intervals, activity: 'fast', backoffFactor: 1.5, jitter });
    expect(at(0)).toMatchObject({ intervalMs: 7500, delayMs: 6750 });
    expect(at(0.5).delayMs).toBe(7500);
    expect(at(0.999).delayMs).toBe(Math.round(7500 * (0.9 + 0.2 * 0.999)));
    expect(pace({ intervals: { ...intervals, fastMs: 333 }, activity: 'fast', backoffFactor: 1, jitter: 0.3 }).delayMs).toBe(Math.round(333 * 0.96));
  });

  it('brings a cycle forward within a second, or the fast interval when shorter', () => {
    expect(soonMs(intervals)).toBe(1000);
    expect(soonMs({ ...intervals, fastMs: 20 })).toBe(20);
  });

  it('reads the status interval the way the monitor shows it after one throttled cycle', () => {
    const fast = { fastMs: 1000, normalMs: 1000, idleMs: 1000, maxBackoffMs: 8000 };
    expect(pace({ intervals: fast, activity: 'normal', backoffFactor: 1, cycle: { throttled: true, failed: false } }).intervalMs / 1000).toBe(2);
  });
});
