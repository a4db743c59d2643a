// The replication monitor's alert rules and who hears them: after each cycle, which conditions hold over the
// tasks' current views (a failure, a stop nobody asked for, latency above the gate, table errors, a validation
// mismatch, the monitor unable to read, an account it cannot read), judged through the debounced AlertBook; raised and cleared alerts go out
// as dms.alert events and to every listener. Stale views neither raise nor clear their alerts.
import type { AlertView, ReplicationTaskView } from '../contract-views';
import type { CockpitEvent } from '../../../api/contract/events';
import { AlertBook, type AlertCondition, type AlertKind } from './alerts';
import type { MonitorContext } from './monitor-options';
import type { TaskSet } from './task-set';

const TASK_ALERTS = ['task-failed', 'task-stopped', 'latency-above-gate', 'table-errors', 'validation-mismatch'] as const;
const REVERSE_ALERTS = ['task-failed', 'task-stopped'] as const;

/**
 * The alert conditions that hold now, and which keys are judged this time (a key judged but not held counts towards
 * clearing; one not judged keeps its alert as it is). `judged` reads the tasks as they are now: ask it before they
 * change.
 */
export function alertConditions(
  tasks: TaskSet,
  target: string,
  monitorProblem: string | null,
  refusedPlacements: MonitorContext['refusedPlacements'] = new Map(),
): { conditions: AlertCondition[]; judged: (key: string) => boolean } {
  const conditions: AlertCondition[] = [];
  for (const state of tasks.planTasks()) {
    const view = state.view;
    if (!view || view.freshness.stale) continue; // no data, no verdict: alerts of stale tasks neither rise nor clear
    const about = { taskKey: state.key, stackId: state.planned.stackId, waveId: state.planned.waveId };
    const name = view.taskId ?? state.key;
    const gates = tasks.gatesOf(state);
    conditions.push(...endedAlerts(about, name, view, state.unexpectedStop));
    if (gates && state.streak.above > 0 && view.phase === 'cdc') {
      conditions.push({
        ...about,
        kind: 'latency-above-gate',
        severity: 'warning',
        streak: state.streak.above,
        message: `${name}: CDC latency ${view.latest.cdcLatencyTargetSeconds !== null ? Math.round(view.latest.cdcLatencyTargetSeconds * 10) / 10 : '?'} s above the gate's ${gates.maxCdcLatencySeconds} s for ${state.streak.above} samples`,
      });
    }
    const allowed = gates?.maxTableErrors ?? 0;
    if (view.tables && view.tables.errored > allowed)
      conditions.push({ ...about, kind: 'table-errors', severity: 'warning', message: `${name}: ${view.tables.errored} table(s) in error` });
    if (view.validation?.state === 'mismatched')
      conditions.push({
        ...about,
        kind: 'validation-mismatch',
        severity: 'warning',
        message: `${name}: validation found ${view.validation.failedRecords} mismatched record(s)`,
      });
  }
  // A followed reverse task keeps the data center current after a rollback: its failure must not be silent.
  for (const key of tasks.reverseKeys) {
    const state = tasks.get(key)!;
    const view = state.view;
    if (!view || view.freshness.stale) continue;
    const about = { taskKey: key, stackId: state.planned.stackId, waveId: null };
    const name = `reverse task ${view.taskId ?? key} (AWS → data center)`;
    conditions.push(...endedAlerts(about, name, view, state.unexpectedStop));
  }
  if (monitorProblem)
    conditions.push({
      kind: 'monitor-degraded',
      severity: 'critical',
      taskKey: null,
      stackId: null,
      waveId: null,
      message: `the DMS monitor cannot read from ${target}: ${monitorProblem}`,
    });
  // An account AWS refuses: its tasks are stale (no verdict of theirs rises or clears), so the refusal itself alerts.
  for (const [placement, { named, reason, tasks: count }] of refusedPlacements)
    conditions.push({
      kind: 'account-unreadable',
      severity: 'critical',
      subject: placement,
      taskKey: null,
      stackId: null,
      waveId: null,
      message: `the DMS monitor cannot read ${named}: ${reason}; the ${count} task(s) it monitors there (every wave's) are stale, the other accounts are still read`,
    });
  return { conditions, judged: (key) => isJudged(tasks, key) };
}

/**
 * Whether an alert key (`kind|taskKey`, alerts.ts keyOf) is judged now: a task alert of a plan's task with current
 * data, a reverse task's alert of a followed one with current data or of one no longer followed, and the monitor's
 * own. Asked only for the keys the alert book tracks (a few), where a set of every judged key took 30,000 strings a
 * cycle at 6,000 tasks.
 */
function isJudged(tasks: TaskSet, key: string): boolean {
  const bar = key.indexOf('|');
  const kind = key.slice(0, bar) as AlertKind;
  const taskKey = key.slice(bar + 1);
  if (kind === 'monitor-degraded') return taskKey === '';
  if (kind === 'account-unreadable') return true; // every cycle judges every placement
  const reverseKind = (REVERSE_ALERTS as readonly AlertKind[]).includes(kind);
  if (tasks.unwatchedReverseKeys.has(taskKey)) return reverseKind;
  const state = tasks.get(taskKey);
  if (!state?.view || state.view.freshness.stale) return false;
  return tasks.reverseKeys.has(taskKey) ? reverseKind : (TASK_ALERTS as readonly AlertKind[]).includes(kind);
}

export interface MonitorAlertsOptions {
  readonly publish: (event: CockpitEvent) => void;
  readonly clock: () => number;
  readonly onAlert?: (alert: AlertView) => void;
  readonly log?: (line: string) => void;
}

/** The monitor's alert book and its listeners. */
export class MonitorAlerts {
  private readonly book: AlertBook;
  private readonly listeners = new Set<(alert: AlertView) => void>();

  constructor(private readonly options: MonitorAlertsOptions) {
    this.book = new AlertBook((alert) => this.emit(alert), {}, options.clock);
    if (options.onAlert) this.listeners.add(options.onAlert);
  }

  /** Judges the rules over the tasks' current views (`monitorProblem`: why the monitor cannot read, or null). */
  evaluate(tasks: TaskSet, target: string, monitorProblem: string | null, refusedPlacements?: MonitorContext['refusedPlacements']): void {
    const { conditions, judged } = alertConditions(tasks, target, monitorProblem, refusedPlacements);
    this.book.evaluate(conditions, judged);
  }

  list(): AlertView[] {
    return this.book.list();
  }

  acknowledge(alertId: string): AlertView | undefined {
    return this.book.acknowledge(alertId);
  }

  onAlert(listener: (alert: AlertView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets every listener (the monitor closes). */
  clearListeners(): void {
    this.listeners.clear();
  }

  private emit(alert: AlertView): void {
    this.options.publish({ type: 'dms.alert', alert });
    for (const listener of this.listeners) {
      try {
        listener(alert);
      } catch (error) {
        this.options.log?.(`alert listener failed: ${String(error)}`);
      }
    }
  }
}

/** A task that failed, or stopped when no operator stopped it: the same two critical alerts for forward and reverse tasks. */
function endedAlerts(
  about: Pick<AlertCondition, 'taskKey' | 'stackId' | 'waveId'>,
  name: string,
  view: Pick<ReplicationTaskView, 'phase' | 'lastFailureMessage' | 'stopReason'>,
  unexpectedStop: boolean,
): AlertCondition[] {
  if (view.phase === 'failed')
    return [{ ...about, kind: 'task-failed', severity: 'critical', message: `${name} failed${view.lastFailureMessage ? `: ${view.lastFailureMessage}` : ''}` }];
  if (view.phase === 'stopped' && unexpectedStop) {
    return [
      {
        ...about,
        kind: 'task-stopped',
        severity: 'critical',
        message: `${name} stopped without an operator's stop${view.stopReason ? ` (${view.stopReason})` : ''}`,
      },
    ];
  }
  return [];
}
