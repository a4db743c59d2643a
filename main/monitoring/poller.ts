// Runs a track's refresh cycles and keeps its monitor status: each cycle's reads (the track's), then the verdict
// on them (failed, backing off, degraded after repeated failures or at once when AWS refuses the credentials), the
// pace that follows (pace.ts), the status the UI shows, and the track's own evaluation (views, alerts, events). A
// bug in a cycle never ends polling or escapes as a rejection. What a future track supplies: fetch, activity and
// afterCycle; the loop, the pace, the backoff and the status are this module's.
import type { MonitorStatusView } from '../api/contract';
import { describeAwsError } from './aws-call';
import { thrownOutcome, type CycleOutcome } from './cycle-outcome';
import type { DataClock } from './data-clock';
import { dataClockView } from './freshness';
import { pace, soonMs, type Activity, type Pace, type PaceIntervals } from './pace';
import { RefreshLoop } from './refresh-loop';

/** The verdict on one cycle, as the track evaluates it. */
export interface CycleVerdict {
  /** Some of the cycle's reads failed after their retries. */
  readonly failed: boolean;
  /** The monitor cannot read: the credentials failed, or `degradedAfterCycles` cycles in a row failed. */
  readonly degraded: boolean;
}

export interface PolledTrack {
  /** One cycle's reads, every AWS call counted in its ledger; failures are settled into the outcome. */
  fetch(): Promise<CycleOutcome>;
  /** How busy the track's resources are now: picks the interval to the next cycle. */
  activity(): Activity;
  /** After the status took the cycle in: rebuild views, judge alerts, publish. */
  afterCycle(outcome: CycleOutcome, verdict: CycleVerdict): void;
}

export interface PollerOptions {
  /** Names the monitor in log lines (`dms monitor`). */
  readonly name: string;
  /** `rehearsal` or the region, for the status. */
  readonly target: string;
  /** Why there is no AWS API (the poller then runs no cycle and reports itself degraded), or null. */
  readonly unavailable: string | null;
  readonly intervals: PaceIntervals;
  readonly clock: () => number;
  readonly clockRate: number;
  /** The jitter's random source (default Math.random). */
  readonly random?: () => number;
  /** Consecutive failed cycles before the monitor reports itself degraded (default 3). */
  readonly degradedAfterCycles?: number;
  readonly stop: AbortSignal;
  readonly log?: (line: string) => void;
  readonly track: PolledTrack;
}

export class Poller {
  private readonly loop: RefreshLoop;
  private backoffFactor = 1;
  private failedCycles = 0;
  private current: MonitorStatusView;

  constructor(private readonly options: PollerOptions) {
    this.current = {
      state: options.unavailable ? 'degraded' : 'idle',
      target: options.target,
      intervalSeconds: options.intervals.fastMs / 1000,
      lastCycleAt: null,
      lastCycleMs: null,
      lastCycleCalls: {},
      message: options.unavailable,
      dataClock: dataClockView(options.clock, options.clockRate),
    };
    this.loop = new RefreshLoop({
      cycle: () => this.runCycle(),
      nextDelayMs: () => this.pace((options.random ?? Math.random)()).delayMs,
      soonMs: () => soonMs(options.intervals),
      stop: options.stop,
    });
  }

  /** The monitor's status as of the last cycle. */
  get status(): MonitorStatusView {
    return this.current;
  }

  /** Starts timing cycles (none without an API); with `firstCycleNow`, the first one runs at once. */
  start(firstCycleNow: boolean): void {
    if (this.options.unavailable === null) this.loop.start(firstCycleNow);
  }

  /** Brings the next cycle forward (after a control action or a new focus), unless one runs now. */
  soon(): void {
    this.loop.soon();
  }

  /** Runs one refresh cycle now (or waits for the running one). */
  refreshNow(): Promise<void> {
    return this.loop.refreshNow();
  }

  /** Clears the timer; answers when the cycle in flight has ended. Abort `stop` first. */
  close(): Promise<void> {
    return this.loop.close();
  }

  /** The pace now, without a cycle ending (`jitter`: a sample for the timer's delay). */
  private pace(jitter?: number): Pace {
    return pace({
      intervals: this.options.intervals,
      activity: this.options.track.activity(),
      backoffFactor: this.backoffFactor,
      ...(jitter !== undefined ? { jitter } : {}),
    });
  }

  private async runCycle(): Promise<void> {
    const { stop, track, log, name } = this.options;
    if (stop.aborted || this.options.unavailable !== null) return;
    const began = performance.now();
    this.current = { ...this.current, state: this.current.state === 'idle' ? 'polling' : this.current.state };
    let outcome: CycleOutcome;
    try {
      outcome = await track.fetch();
    } catch (error) {
      // Never expected (every call is settled), but a bug here must not end polling or escape as a rejection.
      log?.(`${name} cycle failed: ${describeAwsError(error)}`);
      outcome = thrownOutcome(error);
    }
    if (stop.aborted) return;
    try {
      this.afterCycle(outcome, performance.now() - began);
    } catch (error) {
      // Views, alerts and subscribers run here: a bug in one must not end polling or escape as a rejection.
      log?.(`${name}: evaluating the cycle failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  private afterCycle(outcome: CycleOutcome, elapsedMs: number): void {
    const { options } = this;
    const failed = outcome.failedCalls > 0;
    this.failedCycles = failed ? this.failedCycles + 1 : 0;
    const throttled = (outcome.ledger.failures.throttled ?? 0) > 0;
    const next = pace({ intervals: options.intervals, activity: options.track.activity(), backoffFactor: this.backoffFactor, cycle: { throttled, failed } });
    this.backoffFactor = next.backoffFactor;
    const degraded = outcome.credentials || this.failedCycles >= (options.degradedAfterCycles ?? 3);
    this.current = {
      state: degraded ? 'degraded' : failed || this.backoffFactor > 1 ? 'backing-off' : 'polling',
      target: options.target,
      intervalSeconds: next.intervalMs / 1000,
      lastCycleAt: new Date(options.clock()).toISOString(),
      lastCycleMs: Math.round(elapsedMs),
      lastCycleCalls: outcome.ledger.calls,
      message: outcome.problem,
      dataClock: dataClockView(options.clock, options.clockRate),
    };
    options.track.afterCycle(outcome, { failed, degraded });
  }
}

/**
 * Starts a track's poller on a data clock, publishing its status after every cycle (the `<track>.monitor` event):
 * what each track's runtime does with its monitor, said once.
 */
export function startTrackPoller(options: {
  readonly name: string;
  readonly target: string;
  readonly intervals: PaceIntervals;
  readonly clock: DataClock;
  readonly stop: AbortSignal;
  readonly log?: (line: string) => void;
  readonly track: PolledTrack;
  readonly status: (status: MonitorStatusView) => void;
}): Poller {
  const poller: Poller = new Poller({
    name: options.name,
    target: options.target,
    unavailable: null,
    intervals: options.intervals,
    clock: () => options.clock.now(),
    clockRate: options.clock.rate,
    stop: options.stop,
    ...(options.log ? { log: options.log } : {}),
    track: {
      fetch: () => options.track.fetch(),
      activity: () => options.track.activity(),
      afterCycle: (outcome, verdict) => {
        options.track.afterCycle(outcome, verdict);
        options.status(poller.status);
      },
    },
  });
  poller.start(true);
  return poller;
}
