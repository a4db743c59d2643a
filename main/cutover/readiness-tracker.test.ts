import { describe, expect, it } from 'vitest';
import { ReadinessTracker } from './readiness-tracker';

const T0 = Date.UTC(2026, 11, 5, 1, 0, 0);
const iso = (ms: number) => new Date(T0 + ms).toISOString();

describe('readiness tracker', () => {
  it('keeps when a gate went green while it stays green, and forgets it the moment it leaves green', () => {
    const tracker = new ReadinessTracker(4);
    expect(tracker.gate('apps/a', 2, false, T0)).toBeNull();
    const since = tracker.gate('apps/a', 2, true, T0 + 1000);
    expect(since).toBe(iso(1000));
    // The same string while it stays green (views compare it by identity).
    expect(tracker.gate('apps/a', 2, true, T0 + 60_000)).toBe(since);
    // Other gates and stacks are independent.
    expect(tracker.gate('apps/a', 0, true, T0 + 2000)).toBe(iso(2000));
    expect(tracker.gate('apps/b', 2, true, T0 + 3000)).toBe(iso(3000));
    // Red (or unknown) once resets it; green again starts afresh.
    expect(tracker.gate('apps/a', 2, false, T0 + 61_000)).toBeNull();
    expect(tracker.gate('apps/a', 2, true, T0 + 62_000)).toBe(iso(62_000));
  });

  it('keeps when a wave became ready, and resets when it is not', () => {
    const tracker = new ReadinessTracker(4);
    expect(tracker.wave('wave-1', true, T0)).toBe(iso(0));
    expect(tracker.wave('wave-1', true, T0 + 5000)).toBe(iso(0));
    expect(tracker.wave('wave-1', false, T0 + 6000)).toBeNull();
    expect(tracker.wave('wave-1', true, T0 + 7000)).toBe(iso(7000));
  });

  it('estimates when a hold ends, moving the estimate only when the remaining time changes', () => {
    const tracker = new ReadinessTracker(4);
    expect(tracker.holdEndsAt('apps/a', 2, 300, T0)).toBe(iso(300_000));
    expect(tracker.holdEndsAt('apps/a', 2, 300, T0 + 20_000)).toBe(iso(300_000));
    expect(tracker.holdEndsAt('apps/a', 2, 240, T0 + 61_000)).toBe(iso(301_000));
    expect(tracker.holdEndsAt('apps/a', 2, 0, T0 + 300_000)).toBeNull();
    expect(tracker.holdEndsAt('apps/a', 2, null, T0)).toBeNull();
  });

  it('keeps the holds of different gates apart, whichever track owns them', () => {
    const tracker = new ReadinessTracker(5);
    expect(tracker.holdEndsAt('apps/a', 2, 300, T0)).toBe(iso(300_000));
    expect(tracker.holdEndsAt('apps/a', 3, 60, T0)).toBe(iso(60_000));
    // One hold ending leaves the other's estimate as it was.
    expect(tracker.holdEndsAt('apps/a', 3, null, T0 + 60_000)).toBeNull();
    expect(tracker.holdEndsAt('apps/a', 2, 300, T0 + 61_000)).toBe(iso(300_000));
  });

  it('starts every gate afresh when the plan brings other gate columns', () => {
    const tracker = new ReadinessTracker(4);
    tracker.gate('apps/a', 2, true, T0);
    tracker.holdEndsAt('apps/a', 2, 300, T0);
    tracker.resize(4);
    expect(tracker.gate('apps/a', 2, true, T0 + 1000)).toBe(iso(0));
    tracker.resize(5);
    expect(tracker.gate('apps/a', 2, true, T0 + 1000)).toBe(iso(1000));
    expect(tracker.holdEndsAt('apps/a', 2, 300, T0 + 1000)).toBe(iso(301_000));
  });

  it('forgets stacks and waves that left the plan', () => {
    const tracker = new ReadinessTracker(4);
    tracker.gate('apps/a', 1, true, T0);
    tracker.gate('apps/b', 1, true, T0);
    tracker.wave('wave-1', true, T0);
    tracker.retain(new Set(['apps/b']), new Set());
    expect(tracker.gate('apps/a', 1, true, T0 + 1000)).toBe(iso(1000));
    expect(tracker.gate('apps/b', 1, true, T0 + 1000)).toBe(iso(0));
    expect(tracker.wave('wave-1', true, T0 + 1000)).toBe(iso(1000));
  });
});
