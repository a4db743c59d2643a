import { describe, expect, it } from 'vitest';
import { judgeDualWrite, pruneSamples, type DualWriteSample } from './dual-write-hold';

const RULE = { holdSeconds: 300, maxThrottleEvents: 0, maxFailedWrites: 0 };
const sample = (seconds: number, throttleEvents = 0, failedWrites = 0): DualWriteSample => ({ at: seconds * 1000, throttleEvents, failedWrites });

describe('the dual-write hold', () => {
  it('is clean once the proxy was watched for the whole hold with nothing bad in it', () => {
    expect(judgeDualWrite([], 0, RULE, 200_000)).toEqual({ clean: false, throttleEventsInHold: 0, failedWritesInHold: 0, holdEndsAt: 300_000 });
    expect(judgeDualWrite([sample(10), sample(100)], 0, RULE, 300_000)).toMatchObject({ clean: true, holdEndsAt: 300_000 });
  });

  it('ends a hold when the last bad event leaves the window, and counts what is in it', () => {
    const samples = [sample(100, 0, 2), sample(400, 3, 0)];
    expect(judgeDualWrite(samples, 0, RULE, 450_000)).toEqual({ clean: false, throttleEventsInHold: 3, failedWritesInHold: 0, holdEndsAt: 700_000 });
    expect(judgeDualWrite(samples, 0, RULE, 700_000)).toMatchObject({ clean: true, throttleEventsInHold: 0 });
  });

  it('accepts events up to the wave’s limits', () => {
    const rule = { ...RULE, maxThrottleEvents: 5, maxFailedWrites: 1 };
    const samples = [sample(100, 3, 1), sample(200, 2, 0), sample(250, 4, 0)];
    // 9 throttle events in the window: over 5 until the first 3 leave at 400 s (6 left), then the next 2 at 500 s (4 left).
    expect(judgeDualWrite(samples, 0, rule, 300_000)).toMatchObject({ clean: false, throttleEventsInHold: 9, holdEndsAt: 500_000 });
    expect(judgeDualWrite(samples, 0, rule, 500_000)).toMatchObject({ clean: true, throttleEventsInHold: 4, failedWritesInHold: 0 });
  });

  it('starts over after a gap in watching the proxy', () => {
    expect(judgeDualWrite([], 250_000, RULE, 400_000)).toMatchObject({ clean: false, holdEndsAt: 550_000 });
  });

  it('keeps only the samples the window can still hold', () => {
    expect(pruneSamples([sample(10), sample(100), sample(200)], 300, 400_000)).toEqual([sample(200)]);
  });
});
