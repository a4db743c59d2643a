// A stack's lifecycle state as its Pulumi operations leave it, live (after each operation) and as read back from
// the journal at start, so a restart (or a crash) never forgets what was done. Pure.
import type { LifecycleState } from '../api/contract';
import type { JournalEntry } from '../journal/entry';
import { ROLLBACK_DESTROYED_MESSAGE } from '../pulumi/rollback';

/** The lifecycle state an operation leaves a stack in, or undefined when it does not change it. */
export function lifecycleAfter(kind: string, phase: string, hasRegistries: boolean, message?: string): LifecycleState | undefined {
  if (phase === 'failed') return kind === 'preview' ? undefined : 'failed';
  if (phase !== 'succeeded') return undefined;
  switch (kind) {
    case 'up':
      return hasRegistries ? 'registered' : 'deployed';
    case 'destroy':
      return 'planned';
    case 'rollback':
      // A rollback of a stack that had no earlier deploy destroyed it: nothing exists any more.
      return message === ROLLBACK_DESTROYED_MESSAGE ? 'planned' : 'rolled-back';
    case 'register':
      return 'registered';
    case 'deregister':
      return 'deployed';
    // After a recovery the stack needs a deploy or refresh to converge: its state stays what the crash left.
    default:
      return undefined;
  }
}

export interface JournaledLifecycles {
  /** Per stack, the state its last finished operation left it in, with a detail naming that operation. */
  readonly states: ReadonlyMap<string, { readonly state: LifecycleState; readonly detail: string }>;
  /** Per stack, the operation the journal shows as started and never ended: what a crash interrupted. */
  readonly interrupted: ReadonlyMap<string, JournalEntry>;
}

/**
 * Reads the stacks' lifecycles from the journal's entries. `hasRegistries` says which stacks of the current plan
 * register (undefined: not in the plan, skipped). An interrupted operation wins over the state before it. Only an
 * operation this cockpit ran (`isOwn`) can have been interrupted by its stop: in team mode another cockpit's open
 * operation may still be running there.
 */
export function lifecyclesFromJournal(
  entries: readonly JournalEntry[],
  hasRegistries: (stackId: string) => boolean | undefined,
  isOwn: (entry: JournalEntry) => boolean = () => true,
): JournaledLifecycles {
  const open = new Map<string, JournalEntry>();
  const last = new Map<string, JournalEntry>();
  for (const entry of entries) {
    if (entry.target.type !== 'stack') continue;
    if (entry.phase === 'started') open.set(entry.operationId, entry);
    else {
      open.delete(entry.operationId);
      if (entry.kind !== 'preview' && entry.kind !== 'refresh') last.set(entry.target.stackId, entry);
    }
  }
  const states = new Map<string, { state: LifecycleState; detail: string }>();
  for (const [stackId, entry] of last) {
    const registers = hasRegistries(stackId);
    if (registers === undefined) continue;
    const state = lifecycleAfter(entry.kind, entry.phase, registers, entry.message);
    if (state) states.set(stackId, { state, detail: `${entry.kind} ${entry.phase} at ${entry.at}` });
  }
  const interrupted = new Map<string, JournalEntry>();
  for (const entry of open.values()) {
    if (entry.target.type !== 'stack' || hasRegistries(entry.target.stackId) === undefined || !isOwn(entry)) continue;
    interrupted.set(entry.target.stackId, entry);
    states.set(entry.target.stackId, {
      state: 'failed',
      detail: `interrupted: the cockpit stopped during ${entry.kind} (started ${entry.at}); the stack may be locked or have pending operations`,
    });
  }
  return { states, interrupted };
}

/**
 * The lifecycle another cockpit's journal entry leaves a stack in (team mode), with the detail to show: a finished
 * operation only (one still running there changes nothing here yet); undefined when it changes nothing.
 */
export function lifecycleFromRemote(entry: JournalEntry, hasRegistries: boolean): { state: LifecycleState; detail: string } | undefined {
  if (entry.target.type !== 'stack' || entry.phase === 'started' || entry.kind === 'preview' || entry.kind === 'refresh') return undefined;
  const state = lifecycleAfter(entry.kind, entry.phase, hasRegistries, entry.message);
  return state ? { state, detail: `${entry.kind} ${entry.phase} at ${entry.at} by ${entry.actor}` } : undefined;
}
