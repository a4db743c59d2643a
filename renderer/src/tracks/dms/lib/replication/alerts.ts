// Alert order and kinds.
import type { AlertView } from '../../../../../../main/api/contract';

/** Critical first, then newest first (ties: by id, so the order is stable). */
export function compareAlerts(a: AlertView, b: AlertView): number {
  if (a.severity !== b.severity) return a.severity === 'critical' ? -1 : 1;
  const byTime = Date.parse(b.raisedAt) - Date.parse(a.raisedAt);
  if (Number.isFinite(byTime) && byTime !== 0) return byTime;
  if (a.raisedAt !== b.raisedAt) return a.raisedAt < b.raisedAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const ALERT_KIND_LABELS: Readonly<Record<AlertView['kind'], string>> = {
  'task-failed': 'task failed',
  'task-stopped': 'task stopped',
  'latency-above-gate': 'latency above gate',
  'table-errors': 'table errors',
  'validation-mismatch': 'validation mismatch',
  'monitor-degraded': 'monitor degraded',
  'account-unreadable': 'account unreadable',
};
