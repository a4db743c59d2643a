// The validation's load bound on the origin: rows per second it may make the origin read. A query's row count is
// known only once it answers, so the budget runs on debt: a query may start while the balance is not negative, and
// its rows are paid when it answers. Idle time is not saved up (a burst after a pause would hit the origin at
// once), so over any stretch of T seconds the origin reads at most `rate × T + in flight × largest query` rows: the
// rate holds on average, and the overshoot is bounded by the concurrency and the range size.

export interface BudgetClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export class RowBudget {
  private balance: number;
  private updatedAt: number;
  private spentRows = 0;

  /** `rowsPerSecond` on average, nothing saved up while idle. */
  constructor(
    private readonly rowsPerSecond: number,
    private readonly clock: BudgetClock,
  ) {
    if (!(rowsPerSecond > 0)) throw new RangeError(`rows per second must be above 0, not ${rowsPerSecond}`);
    this.balance = 0;
    this.updatedAt = clock.now();
  }

  /** Waits until a query may start on the origin (the balance is not negative). */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      this.refill();
      if (this.balance >= 0) return;
      await this.clock.sleep(Math.ceil((-this.balance / this.rowsPerSecond) * 1000), signal);
    }
  }

  /** Pays for the rows a query read. */
  spend(rows: number): void {
    this.refill();
    this.balance -= rows;
    this.spentRows += rows;
  }

  get spent(): number {
    return this.spentRows;
  }

  private refill(): void {
    const now = this.clock.now();
    this.balance = Math.min(0, this.balance + ((now - this.updatedAt) / 1000) * this.rowsPerSecond);
    this.updatedAt = now;
  }
}

/** Wall time, with an abortable sleep. */
export const WALL_CLOCK: BudgetClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
