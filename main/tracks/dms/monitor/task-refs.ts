// The replication tasks a plan names, keyed `<stackId>#<index>`, and how each is found in DMS: by its task
// identifier, or by the task ARN a stack output holds once the stack is deployed.
import { taskKey } from '../../../../common/keys';
import type { MigrationPlan } from '../../../plan/model';
import { dmsPlan } from '../plan';

export interface PlannedTask {
  readonly key: string;
  readonly stackId: string;
  readonly waveId: string | null;
  readonly ref: { readonly taskId: string } | { readonly fromStackOutput: string };
}

export type TaskResolution =
  | { readonly kind: 'arn'; readonly arn: string }
  | { readonly kind: 'task-id'; readonly taskId: string }
  | { readonly kind: 'unresolved'; readonly reason: string };

export function plannedTasks(plan: MigrationPlan): PlannedTask[] {
  return [...plan.stacks.values()].flatMap((stack) =>
    dmsPlan.of(stack).replicationTasks.map((ref, index) => ({ key: taskKey(stack.id, index), stackId: stack.id, waveId: stack.waveId, ref })),
  );
}

const TASK_ARN = /^arn:aws[\w-]*:dms:[\w-]*:\d*:task:[A-Za-z0-9-]+$/;

/** How to find a planned task, given the stack outputs known so far (undefined: the stack's outputs are unknown). */
export function resolveTask(task: PlannedTask, outputs: Readonly<Record<string, unknown>> | undefined): TaskResolution {
  if ('taskId' in task.ref) return { kind: 'task-id', taskId: task.ref.taskId };
  const name = task.ref.fromStackOutput;
  if (!outputs)
    return {
      kind: 'unresolved',
      reason: `waiting for ${task.stackId}'s outputs: deploy the stack (or run any operation on it) so its output '${name}' is known`,
    };
  const value = outputs[name];
  if (value === undefined || value === null || value === '')
    return { kind: 'unresolved', reason: `${task.stackId} has no output '${name}' (is the stack deployed?)` };
  if (typeof value !== 'string' || !TASK_ARN.test(value)) return { kind: 'unresolved', reason: `${task.stackId}'s output '${name}' is not a DMS task ARN` };
  return { kind: 'arn', arn: value };
}

/** ReplicationTaskIdentifier as CloudWatch uses it: the last segment of the task ARN (not the task's name). */
export function arnResourceId(arn: string): string {
  return arn.slice(arn.lastIndexOf(':') + 1);
}
