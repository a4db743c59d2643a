// Alerts with debounce: a condition raises an alert only after it has held for `raiseAfter` consecutive
// evaluations and clears only after it has been absent for `clearAfter`, so a flapping signal does not page the
// operator on every refresh. An alert stays listed until it is both cleared and acknowledged.
import { randomUUID } from 'node:crypto';
import type { AlertView } from '../contract-views';

export type AlertKind = AlertView['kind'];

export interface AlertCondition {
  readonly kind: AlertKind;
  readonly severity: AlertView['severity'];
  readonly taskKey: string | null;
  readonly stackId: string | null;
  readonly waveId: string | null;
  readonly message: string;
  /** What the alert is about when it is no task (an account and region: one alert each); else its task. */
  readonly subject?: string;
  /** Evaluations (or samples) the condition has held so far, when the caller counts them itself (e.g. latency samples). */
  readonly streak?: number;
}

interface Tracked {
  present: number;
  absent: number;
  alert: AlertView | null;
}

export interface AlertDebounce {
  readonly raiseAfter: number;
  readonly clearAfter: number;
}

const DEFAULT_DEBOUNCE: Record<AlertKind, AlertDebounce> = {
  'task-failed': { raiseAfter: 1, clearAfter: 2 },
  'task-stopped': { raiseAfter: 1, clearAfter: 2 },
  'latency-above-gate': { raiseAfter: 3, clearAfter: 3 },
  'table-errors': { raiseAfter: 2, clearAfter: 2 },
  'validation-mismatch': { raiseAfter: 1, clearAfter: 2 },
  'monitor-degraded': { raiseAfter: 1, clearAfter: 1 },
  'account-unreadable': { raiseAfter: 1, clearAfter: 1 },
};

const MAX_LISTED = 500;

export class AlertBook {
  private readonly tracked = new Map<string, Tracked>();
  private readonly listed = new Map<string, AlertView>();
  private readonly debounce: Record<AlertKind, AlertDebounce>;

  constructor(
    private readonly emit: (alert: AlertView) => void,
    debounce: Partial<Record<AlertKind, AlertDebounce>> = {},
    private readonly clock: () => number = Date.now,
  ) {
    this.debounce = { ...DEFAULT_DEBOUNCE, ...debounce };
  }

  /**
   * One evaluation of every condition of a scope (e.g. all task conditions of a cycle): conditions present now
   * count up, those of the scope not present count down. Keys are `kind|taskKey`.
   */
  evaluate(present: readonly AlertCondition[], scope: (key: string) => boolean = () => true): void {
    const seen = new Set<string>();
    for (const condition of present) {
      const key = keyOf(condition.kind, condition.subject ?? condition.taskKey);
      seen.add(key);
      const tracked = this.tracked.get(key) ?? { present: 0, absent: 0, alert: null };
      this.tracked.set(key, tracked);
      tracked.present = condition.streak ?? tracked.present + 1;
      tracked.absent = 0;
      const { raiseAfter } = this.debounce[condition.kind];
      if (tracked.alert && tracked.alert.clearedAt === null) continue;
      if (tracked.present < raiseAfter) continue;
      const alert: AlertView = {
        id: randomUUID(),
        kind: condition.kind,
        severity: condition.severity,
        taskKey: condition.taskKey,
        stackId: condition.stackId,
        waveId: condition.waveId,
        message: condition.message,
        raisedAt: new Date(this.clock()).toISOString(),
        clearedAt: null,
        acknowledgedAt: null,
      };
      tracked.alert = alert;
      this.keep(alert);
      this.emit(alert);
    }
    for (const [key, tracked] of this.tracked) {
      if (seen.has(key) || !scope(key)) continue;
      tracked.present = 0;
      tracked.absent++;
      const alert = tracked.alert;
      if (!alert) {
        this.tracked.delete(key);
        continue;
      }
      if (alert.clearedAt !== null || tracked.absent < this.debounce[alert.kind].clearAfter) continue;
      this.update({ ...alert, clearedAt: new Date(this.clock()).toISOString() });
      this.tracked.delete(key);
    }
  }

  acknowledge(alertId: string): AlertView | undefined {
    const alert = this.listed.get(alertId);
    if (!alert) return undefined;
    if (alert.acknowledgedAt !== null) return alert;
    return this.update({ ...alert, acknowledgedAt: new Date(this.clock()).toISOString() });
  }

  /** Listed alerts, newest first. */
  list(): AlertView[] {
    return [...this.listed.values()].reverse();
  }

  private keep(alert: AlertView): void {
    this.listed.set(alert.id, alert);
    // Bounded: the oldest cleared alerts go first, then the oldest of any kind.
    while (this.listed.size > MAX_LISTED) {
      const victim = [...this.listed.values()].find((a) => a.clearedAt !== null) ?? this.listed.values().next().value!;
      this.listed.delete(victim.id);
    }
  }

  private update(alert: AlertView): AlertView {
    const tracked = [...this.tracked.values()].find((t) => t.alert?.id === alert.id);
    if (tracked) tracked.alert = alert;
    if (alert.clearedAt !== null && alert.acknowledgedAt !== null) this.listed.delete(alert.id);
    else this.keep(alert);
    this.emit(alert);
    return alert;
  }
}

/** An alert's key: its kind and its task (or subject). */
export function keyOf(kind: AlertKind, about: string | null): string {
  return `${kind}|${about ?? ''}`;
}
