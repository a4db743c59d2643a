// Wave operations as the renderer keeps them: the newest operation per wave (a deploy or a rollback), from
// `waves.list` and `wave.updated` events. Pure functions: each returns the same object when nothing changed.
import type { CockpitEvent, WaveOperationView } from '../../../main/api/contract';

/** wave id -> the wave's newest operation. */
export type WaveOperationsState = Readonly<Record<string, WaveOperationView>>;

export const NO_WAVE_OPERATIONS: WaveOperationsState = {};

/** Applies a batch's `wave.updated` events (in the core's order, so each supersedes what the store has). */
export function applyWaveEvents(state: WaveOperationsState, events: readonly CockpitEvent[]): WaveOperationsState {
  let next: Record<string, WaveOperationView> | null = null;
  for (const event of events) {
    if (event.type !== 'wave.updated') continue;
    const operation = event.operation;
    const current = (next ?? state)[operation.waveId];
    if (current === operation) continue;
    if (current && current.operationId !== operation.operationId && isOlder(operation, current)) continue;
    next ??= { ...state };
    next[operation.waveId] = operation;
  }
  return next ?? state;
}

/**
 * Stores wave operations that may be older than what events already delivered (a command's answer or a list
 * races the event stream): a version replaces the stored one of the same operation only when it is at least as
 * far along, and another operation only when it started later.
 */
export function mergeWaveOperations(state: WaveOperationsState, operations: readonly WaveOperationView[]): WaveOperationsState {
  let next: Record<string, WaveOperationView> | null = null;
  for (const operation of operations) {
    const current = (next ?? state)[operation.waveId];
    if (current === operation) continue;
    if (current) {
      if (current.operationId === operation.operationId ? !isWaveAtLeastAsFar(operation, current) : isOlder(operation, current)) continue;
    }
    next ??= { ...state };
    next[operation.waveId] = operation;
  }
  return next ?? state;
}

/**
 * Replaces the known wave operations with the core's list (after connecting or a missed batch). Waves that
 * events touched while the list was in flight keep the newer of both versions.
 */
export function replaceWaveOperations(
  state: WaveOperationsState,
  list: readonly WaveOperationView[],
  touchedSinceRequest: ReadonlySet<string> = new Set(),
): WaveOperationsState {
  const fresh = mergeWaveOperations(NO_WAVE_OPERATIONS, list);
  const kept = [...touchedSinceRequest].map((waveId) => state[waveId]).filter((operation) => operation !== undefined);
  return mergeWaveOperations(fresh, kept);
}

/** Whether `a` is at least as far along as `b` (two versions of one wave operation). */
export function isWaveAtLeastAsFar(a: WaveOperationView, b: WaveOperationView): boolean {
  const rank = (operation: WaveOperationView) => (operation.status === 'running' ? 0 : 1);
  if (rank(a) !== rank(b)) return rank(a) > rank(b);
  const progress = (operation: WaveOperationView) =>
    operation.stacks.reduce((sum, stack) => sum + (stack.status === 'pending' ? 0 : stack.status === 'running' ? 1 : 2), 0);
  return progress(a) >= progress(b);
}

function isOlder(candidate: WaveOperationView, current: WaveOperationView): boolean {
  const diff = Date.parse(candidate.startedAt) - Date.parse(current.startedAt);
  if (Number.isFinite(diff)) return diff < 0;
  return candidate.startedAt < current.startedAt;
}
