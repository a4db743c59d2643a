// Each task's resources view (its instance, endpoints, connection tests and log location, from the resource
// cache), rebuilt only when the cache or the task's own ARNs moved and published as dms.resources only when it
// changed: a cycle in which neither moved rebuilds nothing.
import type { ReplicationTask } from '@aws-sdk/client-database-migration-service';
import { createHash } from 'node:crypto';
import type { TaskResourcesView } from '../contract-views';
import type { CockpitEvent } from '../../../api/contract/events';
import { resourcesView, type ResourceCache, type TaskResourceArns } from './resources';
import type { TaskSet } from './task-set';
import type { TaskState } from './task-state';

/** The instance and endpoints a task names (DescribeReplicationTasks carries their ARNs). */
export function resourceArnsOf(task: ReplicationTask): TaskResourceArns {
  return { instanceArn: task.ReplicationInstanceArn ?? null, sourceArn: task.SourceEndpointArn ?? null, targetArn: task.TargetEndpointArn ?? null };
}

/** Why a task is not described: DMS has no such task, or where to find it is not known yet (null: neither). */
export function whyNotDescribed(state: TaskState): string | null {
  return state.missing ?? (state.resolution.kind === 'unresolved' ? state.resolution.reason : null);
}

export function resourcesOfState(state: TaskState, cache: ResourceCache): TaskResourcesView {
  return resourcesView(state.key, state.arn, state.task ? resourceArnsOf(state.task) : null, cache, whyNotDescribed(state));
}

/** Publishes the resources of the tasks whose instance, endpoints or connection tests changed. */
export function publishResources(tasks: TaskSet, cache: ResourceCache, publish: (event: CockpitEvent) => void): void {
  const changed: TaskResourcesView[] = [];
  for (const state of tasks.values()) {
    // Rebuilt only when the cache or the task's own ARNs moved: nothing is rebuilt in a cycle where neither did.
    const seen = state.resourcesSeen;
    const task = state.task;
    if (
      seen &&
      seen.version === cache.version &&
      seen.arn === state.arn &&
      seen.instanceArn === task?.ReplicationInstanceArn &&
      seen.sourceArn === task?.SourceEndpointArn &&
      seen.targetArn === task?.TargetEndpointArn &&
      seen.missing === state.missing &&
      seen.resolution === state.resolution.kind
    ) {
      continue;
    }
    state.resourcesSeen = {
      version: cache.version,
      arn: state.arn,
      instanceArn: task?.ReplicationInstanceArn,
      sourceArn: task?.SourceEndpointArn,
      targetArn: task?.TargetEndpointArn,
      missing: state.missing,
      resolution: state.resolution.kind,
    };
    const view = resourcesOfState(state, cache);
    const digest = createHash('sha1').update(JSON.stringify(view)).digest('base64');
    if (digest === state.resourcesDigest) continue;
    state.resourcesDigest = digest;
    changed.push(view);
  }
  if (changed.length > 0) publish({ type: 'dms.resources', resources: changed });
}
