// The API's commands that the core's services answer (stacks and waves, the journal, cutover and evidence): each is
// a thin call into the service that owns it. The plan and core commands stay with the core, which owns plan
// loading; a track's commands go to its runtime (track-runtimes.ts).
import { CommandError } from '../../common/command-error';
import type { TrackCommandName } from '../api/contract';
import type { CommandHandlers } from '../api/dispatcher';
import type { Journal } from '../journal/journal';
import { CHANGE_OF_OPERATION, phaseRefusal, type InfrastructureChange } from '../../common/phase-guard';
import type { MigrationPlan } from '../plan/model';
import type { CutoverService } from './cutover-service';
import type { ReadinessService } from './readiness-service';
import type { StackService } from './stack-service';

type PlanCommand = 'core.info' | 'environment.get' | 'team.get' | 'plan.get' | 'plan.open' | 'plan.choose' | 'plan.reload';
export type ServiceCommandHandlers = Omit<CommandHandlers, PlanCommand | TrackCommandName>;

export interface CoreServices {
  readonly stacks: StackService;
  readonly journal: Journal;
  readonly readiness: ReadinessService;
  readonly cutover: CutoverService;
  readonly plan: () => MigrationPlan | undefined;
  /**
   * Why nothing new may start now (team mode: the store is away, so it could not be journaled or seen by the team),
   * or undefined. What is running goes on and safety commands (cancel, pause, abort) stay open: their entries wait.
   */
  readonly startRefusal?: () => string | undefined;
}

export function serviceCommands({ stacks, journal, readiness, cutover, plan, startRefusal }: CoreServices): ServiceCommandHandlers {
  const refuseStart = () => {
    const refusal = startRefusal?.();
    if (refusal) throw new CommandError('failed', refusal);
  };
  // Decided before anything starts: the same words the readiness view publishes for the Deploy wave button.
  const refuseIn = (waveId: string | null | undefined, change: InfrastructureChange | undefined) => {
    const refusal = waveId && change ? phaseRefusal(waveId, readiness.current(waveId)?.phase, change) : null;
    if (refusal) throw new CommandError('bad-request', refusal);
  };
  return {
    'toolchain.info': async () => stacks.toolchainInfo(),
    'stack.operate': async ({ stackId, kind }) => {
      refuseStart();
      refuseIn(plan()?.stacks.get(stackId)?.waveId, CHANGE_OF_OPERATION[kind]);
      return stacks.operate(stackId, kind);
    },
    'stack.cancel': async ({ stackId }) => ({ cancelled: stacks.runner.cancel(stackId) }),
    'wave.deploy': async ({ waveId }) => {
      refuseStart();
      refuseIn(waveId, 'deploy');
      return stacks.operateWave(waveId, 'wave-deploy');
    },
    'wave.rollback': async ({ waveId }) => {
      refuseStart();
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
    'cutover.readiness': async ({ waveId }) => readiness.snapshot(waveId),
    'cutover.state': async ({ waveId }) => cutover.state(waveId),
    'cutover.start': async ({ waveId, by, override }) =>
      refuseStart() ?? cutover.engine.start(waveId, { ...(by ? { by } : {}), ...(override ? { override } : {}) }),
    'cutover.pause': async ({ waveId, by }) => cutover.engine.pause(waveId, by),
    'cutover.resume': async ({ waveId, by }) => refuseStart() ?? cutover.engine.resume(waveId, by),
    'cutover.retry': async ({ waveId, by }) => refuseStart() ?? cutover.engine.retry(waveId, by),
    'cutover.abort': async ({ waveId, by }) => cutover.engine.abort(waveId, by),
    'cutover.confirmStep': async ({ waveId, stepId, by, note, typed }) => refuseStart() ?? cutover.engine.confirm(waveId, stepId, by, note, typed),
    'cutover.rollback': async ({ waveId, by, reason }) => refuseStart() ?? cutover.rollback(waveId, by, reason),
    'cutover.finalize': async ({ waveId, by, reason }) => refuseStart() ?? cutover.finalize(waveId, reason, by),
    'evidence.export': async ({ waveId, format }) => cutover.evidence(waveId, format),
  };
}
