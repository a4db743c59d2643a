// The API's commands that the core's services answer (stacks and waves, the journal, cutover and evidence): each is
// a thin call into the service that owns it. The plan and core commands stay with the core, which owns plan
// loading; a track's commands go to its runtime (track-runtimes.ts).
import { CommandError } from '../../common/command-error';
import type { TrackCommandName } from '../api/contract';
import type { CommandHandlers } from '../api/dispatcher';
import type { Journal } from '../journal/journal';
import { CHANGE_OF_OPERATION, phaseRefusal, type InfrastructureChange } from '../../common/phase-guard';
import type { MigrationPlan } from '../plan/model';
import type { LockPurpose } from '../../common/team';
import type { CutoverService } from './cutover-service';
import type { ReadinessService } from './readiness-service';
import type { StackService } from './stack-service';

type PlanCommand =
  | 'core.info'
  | 'environment.get'
  | 'team.get'
  | 'team.requestApproval'
  | 'team.decide'
  | 'team.requestControl'
  | 'team.handOver'
  | 'team.release'
  | 'plan.get'
  | 'plan.open'
  | 'plan.choose'
  | 'plan.reload';
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
  /**
   * Team mode: before an acting command on a wave (null: a stack in no wave), the operator's role is checked and the
   * wave's lock taken (or the command refused with who holds it). `safety` (pause, abort) needs no store round trip.
   */
  readonly claim?: (waveId: string | null, purpose: LockPurpose, what: string, options?: { safety?: boolean }) => Promise<(() => Promise<void>) | undefined>;
}

export function serviceCommands({ stacks, journal, readiness, cutover, plan, startRefusal, claim }: CoreServices): ServiceCommandHandlers {
  /** Something new on a wave: the team store must be there, and this operator must hold the wave (team mode). */
  const start = async <T>(waveId: string | null, purpose: LockPurpose, what: string, act: () => T | Promise<T>): Promise<T> => {
    const refusal = startRefusal?.();
    if (refusal) throw new CommandError('failed', refusal);
    const undo = await claim?.(waveId, purpose, what);
    try {
      return await act();
    } catch (error) {
      // Refused after the claim took a free wave: the wave is free again, and the refusal is what the operator sees.
      await undo?.().catch(() => undefined);
      throw error;
    }
  };
  /** Pause and abort: the holder's, even with the store away. */
  const safety = async (waveId: string, what: string) => {
    await claim?.(waveId, 'cutover', what, { safety: true });
  };
  // Decided before anything starts: the same words the readiness view publishes for the Deploy wave button.
  const refuseIn = (waveId: string | null | undefined, change: InfrastructureChange | undefined) => {
    const refusal = waveId && change ? phaseRefusal(waveId, readiness.current(waveId)?.phase, change) : null;
    if (refusal) throw new CommandError('bad-request', refusal);
  };
  return {
    'toolchain.info': async () => stacks.toolchainInfo(),
    'stack.operate': async ({ stackId, kind }) => {
      const waveId = plan()?.stacks.get(stackId)?.waveId ?? null;
      return start(kind === 'preview' ? null : waveId, kind === 'rollback' ? 'rollback' : 'operate', `a ${kind} of ${stackId}`, () => {
        refuseIn(waveId, CHANGE_OF_OPERATION[kind]);
        return stacks.operate(stackId, kind);
      });
    },
    'stack.cancel': async ({ stackId }) => ({ cancelled: stacks.runner.cancel(stackId) }),
    'wave.deploy': async ({ waveId }) => {
      return start(waveId, 'deploy', `deploying ${waveId}`, () => {
        refuseIn(waveId, 'deploy');
        return stacks.operateWave(waveId, 'wave-deploy');
      });
    },
    'wave.rollback': async ({ waveId }) => {
      return start(waveId, 'rollback', `rolling ${waveId} back`, () => {
        refuseIn(waveId, 'undo');
        return stacks.operateWave(waveId, 'wave-rollback');
      });
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
    'cutover.start': async ({ waveId, by, override }) => {
      return start(waveId, 'cutover', `starting the cutover of ${waveId}`, () =>
        cutover.engine.start(waveId, { ...(by ? { by } : {}), ...(override ? { override } : {}) }),
      );
    },
    'cutover.pause': async ({ waveId, by }) => {
      await safety(waveId, `pausing the cutover of ${waveId}`);
      return cutover.engine.pause(waveId, by);
    },
    'cutover.resume': async ({ waveId, by }) => {
      return start(waveId, 'cutover', `resuming the cutover of ${waveId}`, () => cutover.engine.resume(waveId, by));
    },
    'cutover.retry': async ({ waveId, by }) => {
      return start(waveId, 'cutover', `retrying a step of ${waveId}`, () => cutover.engine.retry(waveId, by));
    },
    'cutover.abort': async ({ waveId, by }) => {
      await safety(waveId, `aborting the cutover of ${waveId}`);
      return cutover.engine.abort(waveId, by);
    },
    'cutover.confirmStep': async ({ waveId, stepId, by, note, typed }) => {
      return start(waveId, 'cutover', `confirming step ${stepId} of ${waveId}`, () => cutover.engine.confirm(waveId, stepId, by, note, typed));
    },
    'cutover.rollback': async ({ waveId, by, reason }) => {
      return start(waveId, 'rollback', `rolling back the cutover of ${waveId}`, () => cutover.rollback(waveId, by, reason));
    },
    'cutover.finalize': async ({ waveId, by, reason }) => {
      return start(waveId, 'cutover', `finalizing ${waveId}`, () => cutover.finalize(waveId, reason, by));
    },
    'evidence.export': async ({ waveId, format }) => cutover.evidence(waveId, format),
  };
}
