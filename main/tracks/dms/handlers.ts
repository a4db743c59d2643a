// The DMS track's commands (dms.*, its part of the API contract: contract.ts), each a thin call into the replication
// service. Task control decides its refusals first: a destructive action needs the task's identifier typed, and
// once the task's wave has cut over a typed reason as well (monitor/destructive-guard.ts); both go to the journal.
import { CommandError } from '../../../common/command-error';
import { reverseTaskKey } from '../../../common/keys';
import type { WavePhase } from '../../api/contract/plan';
import type { HandlersOf } from '../../api/contract/track';
import type { DmsCommands } from './contract';
import { destructiveRefusal, DESTRUCTIVE_ACTIONS } from './monitor/destructive-guard';
import type { ReplicationService } from './service';

export type DmsHandlers = HandlersOf<DmsCommands>;

/** `wavePhase`: the phase of a wave now, from the core's readiness (what the destructive guard decides by). */
export function dmsHandlers(replication: ReplicationService, wavePhase: (waveId: string) => WavePhase | undefined): DmsHandlers {
  return {
    'dms.snapshot': async () => replication.snapshot(),
    'dms.series': async ({ taskKey, after }) => replication.history(taskKey, after),
    'dms.focus': async ({ taskKeys }) => replication.focus(taskKeys),
    'dms.control': async ({ taskKey, action, tables, confirm, override, by }) => {
      const task = replication.snapshot().tasks.find((candidate) => candidate.key === taskKey);
      const taskId = task?.taskId ?? taskKey;
      const phase = task?.waveId ? wavePhase(task.waveId) : undefined;
      const reverse = taskKey === reverseTaskKey(task?.stackId ?? '');
      const refusal = destructiveRefusal({ action, taskId, confirm, override, wavePhase: phase, reverse });
      if (refusal) throw new CommandError('bad-request', refusal);
      // The journal's actor is this cockpit's OS user; a typed name is recorded beside it.
      const details =
        DESTRUCTIVE_ACTIONS.has(action) || override
          ? {
              ...(DESTRUCTIVE_ACTIONS.has(action) ? { confirmedTaskId: taskId } : {}),
              ...(by ? { by } : {}),
              ...(override ? { override: override.reason, wavePhase: phase ?? 'none' } : {}),
            }
          : undefined;
      return replication.control(taskKey, action, tables, details ? { details } : {});
    },
    'dms.alerts.ack': async ({ alertId }) => replication.acknowledge(alertId),
    'dms.resources': async ({ taskKey, refresh }) => replication.resources(taskKey, refresh),
    'dms.testConnection': async ({ taskKey, endpoint }) => replication.testConnection(taskKey, endpoint),
    'dms.logs.follow': async ({ taskKeys }) => replication.followLogs(taskKeys),
  };
}
