// Task control actions that destroy data on the target: a reload of the target (DMS truncates or drops and reloads
// its tables) and a reload of tables' data. Like a stack's destroy, they need the task's identifier typed; once the
// task's wave has cut over (the target holds the application's live data), they also need a typed reason. So does
// starting or resuming a forward task then: it would replicate data-center changes into the live database (a
// fallback reverse task replicates the other way and is not held back). Pure.
import type { DmsControlAction } from '../contract-views';
import type { WavePhase } from '../../../api/contract/plan';

export const DESTRUCTIVE_ACTIONS: ReadonlySet<DmsControlAction> = new Set(['reload-target', 'reload-tables-data']);

/** Actions that set a forward task replicating into the target again. */
const RESTARTS: ReadonlySet<DmsControlAction> = new Set(['start', 'resume']);

/** Phases in which the target is (or may be) the application's live database. */
const LIVE_ON_AWS: ReadonlySet<WavePhase> = new Set(['cutover-in-progress', 'cutover-stopped', 'cut-over', 'finalized', 'rolling-back', 'rollback-failed']);

export interface DestructiveRequest {
  readonly action: DmsControlAction;
  /** The task's DMS identifier (what the operator must type). */
  readonly taskId: string;
  readonly confirm?: string | undefined;
  readonly override?: { readonly reason: string } | undefined;
  /** The phase of the task's wave, when it has one. */
  readonly wavePhase?: WavePhase | undefined;
  /** A fallback reverse task (AWS → data center): it never writes into the live target. */
  readonly reverse?: boolean;
}

/** Why the action is refused as sent, or null. */
export function destructiveRefusal(request: DestructiveRequest): string | null {
  if (RESTARTS.has(request.action)) {
    if (!needsOverride(request.action, request.wavePhase, request.reverse) || request.override) return null;
    return `${request.action} of ${request.taskId} after its wave's cutover (${request.wavePhase}) would replicate data-center changes into the application's live database on AWS: it needs an override with a typed reason`;
  }
  if (!DESTRUCTIVE_ACTIONS.has(request.action)) return null;
  if (request.confirm?.trim() !== request.taskId) {
    return `${request.action} truncates target tables of ${request.taskId}: type the task's identifier '${request.taskId}' to confirm`;
  }
  if (request.wavePhase && LIVE_ON_AWS.has(request.wavePhase) && !request.override) {
    return `${request.action} of ${request.taskId} after its wave's cutover (${request.wavePhase}) would overwrite the application's live data on AWS: it needs an override with a typed reason`;
  }
  return null;
}

/** Whether the action needs the override now (the UI asks for the reason before sending). */
export function needsOverride(action: DmsControlAction, wavePhase: WavePhase | undefined, reverse = false): boolean {
  const writesLiveTarget = DESTRUCTIVE_ACTIONS.has(action) || (RESTARTS.has(action) && !reverse);
  return writesLiveTarget && wavePhase !== undefined && LIVE_ON_AWS.has(wavePhase);
}
