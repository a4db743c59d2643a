// The refresh loop of a track's monitor: one cycle at a time, the next one timed when it ends; a cycle asked for
// soon (a control action, a new focus) is brought forward, or, asked for during a cycle, comes right after it;
// refreshNow() joins the cycle in flight instead of starting a second; and a stop leaves no timer behind. It knows
// neither what a cycle does nor how long to wait: the owner says (see pace.ts).

export interface RefreshLoopOptions {
  /** One refresh cycle. It settles its own failures: a rejection here would surface as an unhandled one. */
  readonly cycle: () => Promise<void>;
  /** The delay after a cycle (ms). */
  readonly nextDelayMs: () => number;
  /** The delay of a cycle brought forward (ms). */
  readonly soonMs: () => number;
  /** Aborted when the monitor stops: no cycle is timed any more. */
  readonly stop: AbortSignal;
}

export class RefreshLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** A cycle was asked for soon while one was running. */
  private soonRequested = false;
  private started = false;

  constructor(private readonly options: RefreshLoopOptions) {}

  /** Lets the loop time cycles from now on; with `firstCycleNow`, the first one runs at once. */
  start(firstCycleNow: boolean): void {
    this.started = true;
    if (firstCycleNow) this.schedule(0);
  }

  /** Runs one cycle now, or answers the one in flight. */
  refreshNow(): Promise<void> {
    if (!this.running) {
      this.running = this.options.cycle().finally(() => (this.running = undefined));
    }
    return this.running;
  }

  /** Brings the next cycle forward, unless the loop has not started or has stopped. */
  soon(): void {
    if (!this.started || this.options.stop.aborted) return;
    // During a cycle, the next one comes soon instead (it sees the change this cycle may have missed).
    if (this.running) {
      this.soonRequested = true;
      return;
    }
    this.schedule(this.options.soonMs());
  }

  /** Clears the timer at once; answers when the cycle in flight (if any) has ended. Abort `stop` first. */
  close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.running ?? Promise.resolve();
  }

  private schedule(delayMs: number): void {
    if (this.options.stop.aborted) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refreshNow().finally(() => {
        const soon = this.soonRequested;
        this.soonRequested = false;
        this.schedule(soon ? this.options.soonMs() : this.options.nextDelayMs());
      });
    }, delayMs);
    this.timer.unref?.();
  }
}
