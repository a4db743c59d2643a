// The tracks' alerts as desktop notifications: a raised alert the operator has not acknowledged shows once, so a
// failing task or a scheduled job run on both sides at 2 a.m. is noticed even when the cockpit window is behind another one. Clearing and
// acknowledging never notify again; a burst (a whole wave failing) shows as one summary notification.
import type { TrackAlert } from '../main/api/contract';

export interface AlertNotice {
  readonly title: string;
  readonly body: string;
  /** Critical alerts stay until dismissed where the desktop supports it. */
  readonly urgency: 'critical' | 'normal';
}

/** How many separate notifications a burst may show before the rest are summed up in one. */
const BURST_LIMIT = 3;
const BURST_WINDOW_MS = 10_000;

/** Decides which alert events become notifications (pure: the Electron side only shows what this returns). */
export class AlertNotifier {
  private readonly notified = new Set<string>();
  private burst: { startedAt: number; shown: number; suppressed: number } = { startedAt: 0, shown: 0, suppressed: 0 };

  constructor(private readonly now: () => number = Date.now) {}

  /** The notice to show for this alert event, if any. */
  noticeFor(alert: TrackAlert): AlertNotice | undefined {
    if (alert.clearedAt !== null || alert.acknowledgedAt !== null || this.notified.has(alert.id)) return undefined;
    this.notified.add(alert.id);
    const now = this.now();
    if (now - this.burst.startedAt > BURST_WINDOW_MS) this.burst = { startedAt: now, shown: 0, suppressed: 0 };
    if (this.burst.shown >= BURST_LIMIT) {
      this.burst.suppressed++;
      return undefined;
    }
    this.burst.shown++;
    const where = [alert.stackId, alert.waveId ? `wave ${alert.waveId}` : undefined].filter(Boolean).join(', ');
    return {
      title: `${alert.severity === 'critical' ? 'Critical' : 'Warning'}: ${alert.kind.replaceAll('-', ' ')}`,
      body: where ? `${alert.message} (${where})` : alert.message,
      urgency: alert.severity === 'critical' ? 'critical' : 'normal',
    };
  }

  /** A summary of what a burst held back, once its window has passed (undefined when nothing was). */
  burstSummary(): AlertNotice | undefined {
    if (this.burst.suppressed === 0 || this.now() - this.burst.startedAt <= BURST_WINDOW_MS) return undefined;
    const count = this.burst.suppressed;
    this.burst = { startedAt: this.now(), shown: 0, suppressed: 0 };
    return { title: `${count} more alert${count === 1 ? '' : 's'}`, body: 'Open the cockpit’s alert list to see them.', urgency: 'critical' };
  }
}
