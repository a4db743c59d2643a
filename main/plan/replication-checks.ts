// The located checks of the DMS track's part of a plan: a replication task belongs to one stack, a fallback (reverse)
// task is never a forward one and serves one stack, a wave's replication gates have tasks to judge and a hold that
// fits in its cutover window. (The DMS track's plan part, when plans are composed from tracks.)
import type { PlanParts } from './plan-parts';
import { stackId, type Report } from './located-report';
import type { StackEntry, WaveEntry } from './schema';

/** Forward tasks, each claimed by one stack; returns task id → its stack. */
export function checkReplicationTasks(plan: PlanParts, error: Report): ReadonlyMap<string, string> {
  const taskOwners = new Map<string, string>();
  plan.stacks.forEach((stack, index) => {
    if (!stack) return;
    const id = stackId(stack);
    stack.replicationTasks.forEach((task, t) => {
      if (!('taskId' in task)) return;
      const owner = taskOwners.get(task.taskId);
      const path = ['stacks', index, 'replicationTasks', t, 'taskId'];
      if (owner && owner !== id) error(path, `replication task '${task.taskId}' is already claimed by stack '${owner}'; a task belongs to one stack`);
      else if (owner === id) error(path, `replication task '${task.taskId}' is listed twice`);
      else taskOwners.set(task.taskId, id);
    });
  });
  return taskOwners;
}

/** Fallback (reverse CDC) tasks: never a forward task, one stack each. */
export function checkFallbacks(plan: PlanParts, taskOwners: ReadonlyMap<string, string>, error: Report): void {
  const reverseOwners = new Map<string, string>();
  plan.stacks.forEach((stack, index) => {
    const reverse = stack?.fallback?.reverseTaskId;
    if (!reverse) return;
    const path = ['stacks', index, 'fallback', 'reverseTaskId'];
    const forwardOwner = taskOwners.get(reverse);
    if (forwardOwner) {
      error(
        path,
        `reverse task '${reverse}' is the forward replication task of stack '${forwardOwner}'; the fallback needs a task that replicates from AWS back to the data center`,
      );
    } else if (reverseOwners.has(reverse)) {
      error(path, `reverse task '${reverse}' is already the fallback of stack '${reverseOwners.get(reverse)}'; a task belongs to one stack`);
    } else reverseOwners.set(reverse, stackId(stack));
  });
}

/** A gate that must hold longer than the whole cutover window could never pass inside it. */
export function checkGateHold(wave: WaveEntry, index: number, error: Report): void {
  const window = wave.cutoverWindow;
  if (!window || !wave.gates) return;
  const span = Date.parse(window.end) - Date.parse(window.start);
  if (span > 0 && wave.gates.holdSeconds * 1000 > span) {
    error(
      ['waves', index, 'gates', 'holdSeconds'],
      `gate must hold for ${wave.gates.holdSeconds} s, longer than the whole cutover window (${span / 1000} s); the gate could never pass inside it`,
    );
  }
}

/** Replication gates on a wave none of whose stacks replicates judge nothing: said, not refused. */
export function checkGatesHaveTasks(wave: WaveEntry, index: number, stacks: readonly StackEntry[], warning: Report): void {
  if (!wave.gates || stacks.length === 0) return;
  if (!stacks.some((stack) => stack.replicationTasks.length > 0)) {
    warning(['waves', index, 'gates'], `wave '${wave.id}' has replication gates but none of its stacks has a replication task`, 'key');
  }
}
