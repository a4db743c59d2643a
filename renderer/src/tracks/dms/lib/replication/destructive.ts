// Data-destroying task controls (the core decides: main/tracks/dms/monitor/destructive-guard.ts; its test checks these match).
import { MIN_OVERRIDE_REASON } from '../../../../../../common/limits';
import type { DmsControlAction, WavePhase } from '../../../../../../main/api/contract';

const DESTROYING: ReadonlySet<DmsControlAction> = new Set(['reload-target', 'reload-tables-data']);
/** Actions that set a forward task replicating into the target again. */
const RESTARTS: ReadonlySet<DmsControlAction> = new Set(['start', 'resume']);
const LIVE_ON_AWS: ReadonlySet<WavePhase> = new Set(['cutover-in-progress', 'cutover-stopped', 'cut-over', 'finalized', 'rolling-back', 'rollback-failed']);

/** Whether the action truncates or reloads target data: it needs the task's identifier typed. */
export function destroysTargetData(action: DmsControlAction): boolean {
  return DESTROYING.has(action);
}

/**
 * Whether the action also needs an override with a reason: the task's wave has cut over (or is cutting over) and the
 * action writes into the live target (a reload, or a forward task started or resumed; never a reverse task's).
 */
export function needsDataOverride(action: DmsControlAction, phase: WavePhase | undefined, reverse = false): boolean {
  const writesLiveTarget = DESTROYING.has(action) || (RESTARTS.has(action) && !reverse);
  return writesLiveTarget && phase !== undefined && LIVE_ON_AWS.has(phase);
}

/**
 * What a task control's dialog still needs before it can go ahead (empty: nothing): the task identifier typed
 * exactly for an action that destroys target data, and a long enough reason when the wave is live on AWS.
 */
export function controlMissing(
  action: DmsControlAction,
  phase: WavePhase | undefined,
  taskName: string,
  typed: string,
  reasonValid: boolean,
  reverse = false,
): string[] {
  return [
    ...(destroysTargetData(action) && typed.trim() !== taskName ? ['the task identifier'] : []),
    ...(needsDataOverride(action, phase, reverse) && !reasonValid ? [`a reason (at least ${MIN_OVERRIDE_REASON} characters)`] : []),
  ];
}
