// Crash recovery as the renderer keeps it: the stacks `recovery.scan` found locked, half-done or interrupted.
// Pure functions: each returns the same object when nothing changed.
import type { CockpitEvent, RecoveryItem } from '../../../main/api/contract';

export interface RecoveryState {
  /** null until the first scan answered. */
  readonly items: readonly RecoveryItem[] | null;
}

export const NO_RECOVERY: RecoveryState = { items: null };

/** Stack ids whose recover operation finished (succeeded or failed) in this batch. */
export function finishedRecoveries(events: readonly CockpitEvent[]): string[] {
  const stacks: string[] = [];
  for (const event of events) {
    if (event.type !== 'operation.updated') continue;
    const { kind, status, stackId } = event.operation;
    if (kind === 'recover' && (status === 'succeeded' || status === 'failed') && !stacks.includes(stackId)) stacks.push(stackId);
  }
  return stacks;
}

/**
 * A batch applied to the recovery list: a stack whose recover succeeded is taken off at once (the scan that
 * follows confirms it); a failed one stays until the scan says otherwise.
 */
export function applyRecoveryEvents(state: RecoveryState, events: readonly CockpitEvent[]): RecoveryState {
  if (!state.items || state.items.length === 0) return state;
  const recovered = new Set<string>();
  for (const event of events) {
    if (event.type === 'operation.updated' && event.operation.kind === 'recover' && event.operation.status === 'succeeded') {
      recovered.add(event.operation.stackId);
    }
  }
  if (recovered.size === 0) return state;
  const items = state.items.filter((item) => !recovered.has(item.stackId));
  return items.length === state.items.length ? state : { items };
}

/**
 * A scan's answer. Stacks whose recover succeeded after the scan was asked for (`recoveredSince`) are left out:
 * the answer may predate the recovery.
 */
export function replaceRecovery(items: readonly RecoveryItem[], recoveredSince: ReadonlySet<string> = new Set()): RecoveryState {
  return { items: recoveredSince.size === 0 ? items : items.filter((item) => !recoveredSince.has(item.stackId)) };
}
