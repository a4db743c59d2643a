// The API's commands that the core's services answer (stacks and waves, the journal, DMS replication, cutover and
// evidence): each is a thin call into the service that owns it. The plan and core commands stay with the core,
// which owns plan loading.
import { CommandError } from '../../common/command-error';
import type { CommandHandlers } from '../api/dispatcher';
import type { Journal } from '../journal/journal';
import { reverseTaskKey } from '../../common/keys';
import { destructiveRefusal, DESTRUCTIVE_ACTIONS } from '../tracks/dms/monitor/destructive-guard';
import { CHANGE_OF_OPERATION, phaseRefusal, type InfrastructureChange } from '../../common/phase-guard';
import type { MigrationPlan } from '../plan/model';
import type { CutoverService } from './cutover-service';
import type { ReadinessService } from './readiness-service';
import type { ReplicationService } from '../tracks/dms/service';
import type { StackService } from './stack-service';

type PlanCommand = 'core.info' | 'environment.get' | 'plan.get' | 'plan.open' | 'plan.choose' | 'plan.reload';
export type ServiceCommandHandlers = Omit<CommandHandlers, PlanCommand>;

export interface CoreServices {
  readonly stacks: StackService;
  readonly journal: Journal;
  readonly replication: ReplicationService;
  readonly readiness: ReadinessService;
  readonly cutover: CutoverService;
  readonly plan: () => MigrationPlan | undefined;
}

export function serviceCommands({ stacks, journal, replication, readiness, cutover, plan }: CoreServices): ServiceCommandHandlers {
  // Decided before anything starts: the same words the readiness view publishes for the Deploy wave button.
  const refuseIn = (waveId: string | null | undefined, change: InfrastructureChange | undefined) => {
    const refusal = waveId && change ? phaseRefusal(waveId, readiness.current(waveId)?.phase, change) : null;
    if (refusal) throw new CommandError('bad-request', refusal);
  };
  return {
    'toolchain.info': async () => stacks.toolchainInfo(),
    'stack.operate': async ({ stackId, kind }) => {
      refuseIn(plan()?.stacks.get(stackId)?.waveId, CHANGE_OF_OPERATION[kind]);
      return stacks.operate(stackId, kind);
    },
    'stack.cancel': async ({ stackId }) => ({ cancelled: stacks.runner.cancel(stackId) }),
    'wave.deploy': async ({ waveId }) => {
      refuseIn(waveId, 'deploy');
      return stacks.operateWave(waveId, 'wave-deploy');
    },
    'wave.rollback': async ({ waveId }) => {
      refuseIn(waveId, 'undo');
      return stacks.operateWave(waveId, 'wave-rollback');
    },
    'wave.cancel': async ({ waveId }) => ({ cancelled: stacks.waves.cancel(waveId) }),
    'waves.list': async () => stacks.waves.list(),
    'recovery.scan': async () => stacks.scanRecovery(),
    'stack.history': async ({ stackId }) => stacks.history(stackId),
    'operations.list': async () => stacks.runner.list(),
    'operation.log': async ({ operationId }) => stacks.runner.logOf(operationId),
    'journal.list': async ({ limit }) => {
      const { entries, damaged } = await journal.read();
      return { entries: entries.slice(-limit), damagedLines: damaged.length };
    },
    'dms.snapshot': async () => replication.snapshot(),
    'dms.series': async ({ taskKey, range, maxPoints }) => replication.series(taskKey, range, maxPoints),
    'dms.focus': async ({ taskKeys }) => replication.focus(taskKeys),
    'dms.control': async ({ taskKey, action, tables, confirm, override, by }) => {
      const task = replication.snapshot().tasks.find((candidate) => candidate.key === taskKey);
      const taskId = task?.taskId ?? taskKey;
      const wavePhase = task?.waveId ? readiness.current(task.waveId)?.phase : undefined;
      const reverse = taskKey === reverseTaskKey(task?.stackId ?? '');
      const refusal = destructiveRefusal({ action, taskId, confirm, override, wavePhase, reverse });
      if (refusal) throw new CommandError('bad-request', refusal);
      // The journal's actor is this cockpit's OS user; a typed name is recorded beside it.
      const details =
        DESTRUCTIVE_ACTIONS.has(action) || override
          ? {
              ...(DESTRUCTIVE_ACTIONS.has(action) ? { confirmedTaskId: taskId } : {}),
              ...(by ? { by } : {}),
              ...(override ? { override: override.reason, wavePhase: wavePhase ?? 'none' } : {}),
            }
          : undefined;
      return replication.control(taskKey, action, tables, details ? { details } : {});
    },
    'dms.alerts.ack': async ({ alertId }) => replication.acknowledge(alertId),
    'dms.resources': async ({ taskKey, refresh }) => replication.resources(taskKey, refresh),
    'dms.testConnection': async ({ taskKey, endpoint }) => replication.testConnection(taskKey, endpoint),
    'dms.logs.follow': async ({ taskKeys }) => replication.followLogs(taskKeys),
    'cutover.readiness': async ({ waveId }) => readiness.snapshot(waveId),
    'cutover.state': async ({ waveId }) => cutover.state(waveId),
    'cutover.start': async ({ waveId, by, override }) => cutover.engine.start(waveId, { ...(by ? { by } : {}), ...(override ? { override } : {}) }),
    'cutover.pause': async ({ waveId, by }) => cutover.engine.pause(waveId, by),
    'cutover.resume': async ({ waveId, by }) => cutover.engine.resume(waveId, by),
    'cutover.retry': async ({ waveId, by }) => cutover.engine.retry(waveId, by),
    'cutover.abort': async ({ waveId, by }) => cutover.engine.abort(waveId, by),
    'cutover.confirmStep': async ({ waveId, stepId, by, note }) => cutover.engine.confirm(waveId, stepId, by, note),
    'cutover.rollback': async ({ waveId, by, reason }) => cutover.rollback(waveId, by, reason),
    'cutover.finalize': async ({ waveId, by, reason }) => cutover.finalize(waveId, reason, by),
    'evidence.export': async ({ waveId, format }) => cutover.evidence(waveId, format),
  };
}
