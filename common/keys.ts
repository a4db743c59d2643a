// common/ — keys: how the core names a stack's replication tasks, the same in the monitor, the runbook and the UI.
// Environment-neutral pure helpers (no zod, no node:, no DOM, no packages).

/** The key of the stack's n-th replication task: `<stackId>#<index>`. */
export function taskKey(stackId: string, index: number): string {
  return `${stackId}#${index}`;
}

/** The key of the stack's fallback (reverse) task a rollback starts: `<stackId>#reverse`. */
export function reverseTaskKey(stackId: string): string {
  return `${stackId}#reverse`;
}

/** The task's index in its stack's replicationTasks, from its key `<stackId>#<index>` (0 when the key has none). */
export function taskIndex(key: string): number {
  const index = Number(key.slice(key.lastIndexOf('#') + 1));
  return Number.isInteger(index) ? index : 0;
}
