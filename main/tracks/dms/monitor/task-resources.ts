// A task's resources on demand, outside the refresh cycle and its call count: its instance and endpoints described
// again when the operator asks (one DescribeReplicationInstances and one DescribeEndpoints), and where DMS writes
// its log, for the log follower.
import type { TaskResourcesView } from '../contract-views';
import { CommandError } from '../../../../common/command-error';
import { awsCaller, CallLedger, describeAwsError } from '../../../monitoring/aws-call';
import type { ReplicationApi } from './clients';
import type { MonitorContext } from './monitor-options';
import { resourceArnsOf, resourcesOfState, whyNotDescribed } from './resource-views';
import { taskLogLocation, type TaskResourceArns } from './resources';

/**
 * A task's ARN, instance, endpoints and log location from the cache; `refresh` describes its instance and endpoints
 * again now and publishes what changed.
 */
export async function resourcesOf(ctx: MonitorContext, taskKey: string, refresh: boolean, publishResources: () => void): Promise<TaskResourcesView> {
  const { tasks } = ctx;
  const state = tasks.require(taskKey);
  if (refresh) {
    const api = ctx.apis.forStack(state.planned.stackId);
    if ('unavailable' in api) throw new CommandError('failed', `cannot describe the resources of ${taskKey}: ${api.unavailable}`);
    if (state.task) await describeResourcesNow(ctx, api, resourceArnsOf(state.task), state.task.ReplicationTaskIdentifier ?? taskKey);
    publishResources();
  }
  return resourcesOfState(tasks.get(taskKey) ?? state, ctx.resources);
}

async function describeResourcesNow(ctx: MonitorContext, api: ReplicationApi, arns: TaskResourceArns, name: string): Promise<void> {
  const { resources } = ctx;
  const call = awsCaller(new CallLedger(), ctx.stop, ctx.options.call);
  const now = ctx.clock();
  const endpoints = [arns.sourceArn, arns.targetArn].filter((arn): arn is string => arn !== null);
  const [instances, described] = await Promise.allSettled([
    arns.instanceArn ? call('DescribeReplicationInstances', (signal) => api.describeInstances([arns.instanceArn!], signal)) : Promise.resolve([]),
    endpoints.length > 0 ? call('DescribeEndpoints', (signal) => api.describeEndpoints(endpoints, signal)) : Promise.resolve([]),
  ]);
  if (instances.status === 'fulfilled') {
    resources.setInstances(instances.value, now);
    const missing = arns.instanceArn && !instances.value.some((instance) => instance.arn === arns.instanceArn) ? [arns.instanceArn] : [];
    resources.markInstancesMissing(missing, now);
  }
  if (described.status === 'fulfilled') resources.setEndpoints(endpoints, described.value, now);
  const failed = [instances, described].flatMap((outcome) => (outcome.status === 'rejected' ? [describeAwsError(outcome.reason)] : []));
  if (failed.length > 0) throw new CommandError('failed', `describing the instance and endpoints of ${name} failed: ${failed.join('; ')}`);
}

/** Where a task's log is, once its ARN and its instance's identifier are known. */
export function logLocation(ctx: MonitorContext, taskKey: string): { group: string; stream: string } | { reason: string } {
  const state = ctx.tasks.get(taskKey);
  if (!state) return { reason: `no replication task '${taskKey}' is monitored any more` };
  if (!state.arn || !state.task) return { reason: whyNotDescribed(state) ?? 'waiting for DMS to describe the task' };
  const instanceArn = state.task.ReplicationInstanceArn;
  const instance = instanceArn ? ctx.resources.instance(instanceArn) : undefined;
  if (!instance) return { reason: `waiting for the replication instance ${instanceArn ?? '?'} to be described (its identifier names the log group)` };
  return taskLogLocation(instance.identifier, state.arn);
}
