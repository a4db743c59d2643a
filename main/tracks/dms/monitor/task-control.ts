// Starting, resuming, reloading and stopping tasks. The DMS state rules are checked here first, so the operator
// gets the rule in words instead of a fault from AWS; AWS's own InvalidResourceStateFault (the state moved on
// since the last refresh) is turned into the same kind of explanation.
import type { ReplicationTask } from '@aws-sdk/client-database-migration-service';
import type { DmsControlAction } from '../contract-views';
import { hasRun } from './phase';

/** Why the action is not allowed in the task's current state, or null when it is. */
export function refusalOf(action: DmsControlAction, task: ReplicationTask): string | null {
  const status = task.Status ?? 'unknown';
  const run = hasRun(task);
  const now = `this task is ${status}${status === 'ready' && !run ? ' and has never run' : ''}`;
  switch (action) {
    case 'start':
      return status === 'ready' && !run
        ? null
        : `start (start-replication) is only for a task's first run, on a ready task that has never run; ${now}${run && (status === 'stopped' || status === 'failed') ? ' — use resume or reload-target' : ''}`;
    case 'resume':
      return (status === 'stopped' || status === 'failed') && run ? null : `resume needs a stopped or failed task that has run; ${now}`;
    case 'reload-target':
      return (status === 'stopped' || status === 'failed') && run
        ? null
        : `reload-target restarts the full load of a stopped or failed task that has run; ${now}`;
    case 'stop':
      return status === 'running' || status === 'starting' ? null : `stop needs a running or starting task; ${now}`;
    case 'reload-tables-data':
    case 'reload-tables-validate':
      return status === 'running' ? null : `reloading tables needs a running task; ${now}`;
  }
}

/** AWS's refusal of a state change, in the same words the local rules use. */
export function explainInvalidState(action: DmsControlAction, task: ReplicationTask | undefined, awsMessage: string): string {
  const local = task ? refusalOf(action, task) : null;
  return `DMS refused ${action}: ${awsMessage}${local ? ` (${local})` : ' (the task changed state since the last refresh; try again after it settles)'}`;
}

export const START_TYPE = {
  start: 'start-replication',
  resume: 'resume-processing',
  'reload-target': 'reload-target',
} as const;

/**
 * How to get a task replicating: start-replication for its first run, resume-processing after that; null when it
 * already runs or starts. Whether the chosen action is allowed now is still refusalOf's to say.
 */
export function replicateActionFor(task: ReplicationTask): 'start' | 'resume' | null {
  if (task.Status === 'running' || task.Status === 'starting') return null;
  return hasRun(task) ? 'resume' : 'start';
}
