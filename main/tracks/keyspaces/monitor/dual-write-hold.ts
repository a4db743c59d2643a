// The dual-write hold: the wave's limits on Keyspaces throttle events and on the proxy's failed writes, over a
// trailing window as long as the hold. The dual writes are clean at `now` when the proxy has been watched for at
// least the hold and the window's sums are within the limits; otherwise the hold ends when enough bad events have
// left the window (if nothing new happens). Pure; times are data-clock ms.

export interface DualWriteSample {
  /** When the events happened (a metric minute's end, or the proxy reading that counted them). */
  readonly at: number;
  readonly throttleEvents: number;
  readonly failedWrites: number;
}

export interface DualWriteRule {
  readonly holdSeconds: number;
  readonly maxThrottleEvents: number;
  readonly maxFailedWrites: number;
}

export interface DualWriteJudgement {
  readonly clean: boolean;
  readonly throttleEventsInHold: number;
  readonly failedWritesInHold: number;
  /** When the hold is (or was) complete if nothing new happens. */
  readonly holdEndsAt: number;
}

/** `observedSince`: since when the proxy has been read without a gap. */
export function judgeDualWrite(samples: readonly DualWriteSample[], observedSince: number, rule: DualWriteRule, now: number): DualWriteJudgement {
  const hold = rule.holdSeconds * 1000;
  const sums = (end: number) => {
    let throttleEvents = 0;
    let failedWrites = 0;
    for (const sample of samples)
      if (sample.at > end - hold && sample.at <= end) {
        throttleEvents += sample.throttleEvents;
        failedWrites += sample.failedWrites;
      }
    return { throttleEvents, failedWrites };
  };
  const within = (s: { throttleEvents: number; failedWrites: number }) => s.throttleEvents <= rule.maxThrottleEvents && s.failedWrites <= rule.maxFailedWrites;
  const current = sums(now);
  const earliest = Math.max(now, observedSince + hold);
  let holdEndsAt = earliest;
  if (!within(sums(earliest))) {
    // Each bad sample leaves the window `hold` after it happened: the first of those moments the sums are within.
    const leaving = samples
      .filter((sample) => sample.throttleEvents > 0 || sample.failedWrites > 0)
      .map((sample) => sample.at + hold)
      .filter((at) => at > earliest)
      .sort((a, b) => a - b);
    holdEndsAt = leaving.find((at) => within(sums(at))) ?? earliest;
  }
  return {
    clean: within(current) && now >= observedSince + hold,
    throttleEventsInHold: current.throttleEvents,
    failedWritesInHold: current.failedWrites,
    holdEndsAt,
  };
}

/** Samples older than the window are of no use to the hold: the ones to keep at `now`. */
export function pruneSamples(samples: readonly DualWriteSample[], holdSeconds: number, now: number): DualWriteSample[] {
  return samples.filter((sample) => sample.at > now - holdSeconds * 1000);
}
