// A track's monitor as its readiness judge sees it: when it last reported a cycle, and whether it is silent or
// degraded. A monitor counts as silent after max(silentAfterMs, 3 × its interval) plus a grace of 5 s without a
// report: a gate on data nobody is reading any more is never green.
import type { MonitorStatusView } from '../api/contract';

const GRACE_MS = 5_000;

export interface MonitorWatchWords {
  /** The monitor in words: "the DMS monitor". */
  readonly monitor: string;
  /** What is not current when it is silent: "replication data". */
  readonly data: string;
}

export class MonitorWatch {
  private seenAt: number | null = null;
  private status: MonitorStatusView | null = null;

  constructor(
    private readonly silentAfterMs: number,
    private readonly words: MonitorWatchWords,
  ) {}

  /** A status the monitor published at `now` (core clock, ms). */
  seen(status: MonitorStatusView, now: number): void {
    this.seenAt = now;
    this.status = status;
  }

  /** Why none of the monitor's data is current at `now` (core clock, ms), or null. */
  problem(now: number): string | null {
    const { monitor, data } = this.words;
    if (this.seenAt === null) return `no report from ${monitor} yet`;
    const status = this.status;
    if (status?.state === 'degraded') return `${monitor} is degraded${status.message ? `: ${status.message}` : ''}`;
    const silentAfter = Math.max(this.silentAfterMs, 3 * (status?.intervalSeconds ?? 0) * 1000) + GRACE_MS;
    if (now - this.seenAt > silentAfter)
      return `${monitor} has not reported since ${new Date(this.seenAt).toISOString().slice(11, 19)} UTC: ${data} is not current`;
    return null;
  }
}
