// The located checks of the DMS track's part of a plan: a replication task belongs to one stack, a fallback (reverse)
// task is never a forward one and serves one stack, a wave's replication gates have tasks to judge and a hold that
// fits in its cutover window, and freeze-check and stop-replication have tasks to act on. They run on the parts the
// schema accepted, as the core's checks do (main/plan/semantics.ts), with the same paths and messages.
import { stackId, type LocatedReport, type Report } from '../../plan/located-report';
import type { PlanParts, ResolvedWave } from '../../plan/plan-parts';
import type { StackEntry, WaveEntry } from '../../plan/schema';
import type { DocPath } from '../../plan/source';
import { dmsStackFields as dmsOf, dmsWaveFields } from './plan-schema';

const gatesOf = (wave: WaveEntry) => dmsWaveFields(wave).gates;

/** Every check of the DMS part, on the plan's valid parts and the stacks each valid wave resolved to. */
export function checkDmsPlan(plan: PlanParts, waves: readonly (ResolvedWave | undefined)[], report: LocatedReport): void {
  checkFallbacks(plan, checkReplicationTasks(plan, report.error), report.error);
  plan.waves.forEach((wave, index) => {
    const resolved = waves[index];
    if (!wave || !resolved) return;
    checkGateHold(wave, index, report.error);
    if (resolved.allStacksKnown) checkGatesHaveTasks(wave, index, resolved.stacks, report.warning);
  });
}

/** Forward tasks, each claimed by one stack; returns task id → its stack. */
function checkReplicationTasks(plan: PlanParts, error: Report): ReadonlyMap<string, string> {
  const taskOwners = new Map<string, string>();
  plan.stacks.forEach((stack, index) => {
    if (!stack) return;
    const id = stackId(stack);
    dmsOf(stack).replicationTasks.forEach((task, t) => {
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
function checkFallbacks(plan: PlanParts, taskOwners: ReadonlyMap<string, string>, error: Report): void {
  const reverseOwners = new Map<string, string>();
  plan.stacks.forEach((stack, index) => {
    const reverse = stack && dmsOf(stack).fallback?.reverseTaskId;
    if (!stack || !reverse) return;
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
function checkGateHold(wave: WaveEntry, index: number, error: Report): void {
  const window = wave.cutoverWindow;
  const gates = gatesOf(wave);
  if (!window || !gates) return;
  const span = Date.parse(window.end) - Date.parse(window.start);
  if (span > 0 && gates.holdSeconds * 1000 > span) {
    error(
      ['waves', index, 'gates', 'holdSeconds'],
      `gate must hold for ${gates.holdSeconds} s, longer than the whole cutover window (${span / 1000} s); the gate could never pass inside it`,
    );
  }
}

/** Replication gates on a wave none of whose stacks replicates judge nothing: said, not refused. */
function checkGatesHaveTasks(wave: WaveEntry, index: number, stacks: readonly StackEntry[], warning: Report): void {
  if (!gatesOf(wave) || stacks.length === 0) return;
  if (!stacks.some((stack) => dmsOf(stack).replicationTasks.length > 0)) {
    warning(['waves', index, 'gates'], `wave '${wave.id}' has replication gates but none of its stacks has a replication task`, 'key');
  }
}

/** freeze-check and stop-replication act on the wave's replication tasks: a wave without any is said, not refused. */
export function checkHasTasks(action: { readonly type: string }, at: DocPath, wave: WaveEntry, stacks: readonly StackEntry[], report: LocatedReport): void {
  if (stacks.length > 0 && stacks.every((stack) => dmsOf(stack).replicationTasks.length === 0)) {
    report.warning([...at, 'type'], `${action.type} has nothing to check: no stack of wave '${wave.id}' has a replication task`);
  }
}
