// Cutover run views for the renderer's unit tests.
import type { CutoverRollbackView, CutoverRunView, CutoverStepView, RunActorView, TimelineStepView } from '../../../main/api/contract';

/** Who the journal recorded beside a typed name: the OS user and, on AWS, the caller identity. */
export const AWS_ACTOR: RunActorView = {
  actor: 'ops1@ws-17',
  awsIdentity: { accountId: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/MigrationOperator/dana' },
};
/** The same in the rehearsal: the OS user only. */
export const OS_ACTOR: RunActorView = { actor: 'ops1@ws-17' };

/** A run started by `by` (typed) as `actor`, its first step confirmed and the run finalized by the same. */
export function finalizedRun(waveId: string, by: string, actor: RunActorView): CutoverRunView {
  const at = '2026-12-05T02:00:00.000Z';
  return run(waveId, {
    runId: 'run-1',
    status: 'succeeded',
    startedAt: '2026-12-05T01:00:00.000Z',
    finishedAt: at,
    startedBy: by,
    startedByActor: actor,
    steps: [
      step('announce', {
        status: 'succeeded',
        attempt: 1,
        startedAt: '2026-12-05T01:00:01.000Z',
        finishedAt: at,
        confirmedBy: by,
        confirmedByActor: actor,
        confirmedAt: at,
      }),
    ],
    finalized: { by, byActor: actor, at, reason: 'accepted by the change board' },
  });
}

export function step(id: string, extra: Partial<CutoverStepView> = {}): CutoverStepView {
  return {
    id,
    name: `Step ${id}`,
    type: 'manual',
    description: `checklist of ${id}`,
    mustSucceed: true,
    timeoutMinutes: 15,
    status: 'pending',
    attempt: 0,
    startedAt: null,
    finishedAt: null,
    message: null,
    confirmedBy: null,
    confirmedAt: null,
    pointOfNoReturn: false,
    passedPointOfNoReturn: null,
    targets: [],
    ...extra,
  };
}

export function run(waveId: string, extra: Partial<CutoverRunView> = {}, clock: Partial<CutoverRunView['clock']> = {}): CutoverRunView {
  return {
    waveId,
    runId: null,
    status: 'not-started',
    startedAt: null,
    finishedAt: null,
    startedBy: null,
    readinessAtStart: null,
    override: null,
    clock: {
      windowStart: '2026-12-05T01:00:00.000Z',
      windowEnd: '2026-12-05T05:00:00.000Z',
      downtimeBudgetMinutes: 45,
      downtimeStartedAt: null,
      downtimeEndedAt: null,
      asOf: '2026-12-05T00:00:00.000Z',
      ...clock,
    },
    currentStepId: null,
    message: null,
    steps: [step('announce'), step('switch', { type: 'pulumi-up', description: 'deploys' })],
    rollback: null,
    finalized: null,
    rollbackImpact: [],
    timeline: [],
    rollbackPlan: [],
    noWayBack: [],
    planChanges: [],
    ...extra,
  };
}

/** A rollback of a run, in the given state. */
export function rollback(status: CutoverRollbackView['status'], extra: Partial<CutoverRollbackView> = {}): CutoverRollbackView {
  return {
    rollbackId: 'rollback-1',
    status,
    startedAt: '2026-12-05T02:20:00.000Z',
    finishedAt: status === 'running' ? null : '2026-12-05T02:25:00.000Z',
    startedBy: 'Dana Ops',
    reason: 'owners asked to go back',
    steps: [],
    summary: null,
    nextSteps: [],
    ...extra,
  };
}

/** A run that succeeded at 02:14 UTC and was then rolled back (the rollback in the given state). */
export function rolledBackRun(waveId: string, status: CutoverRollbackView['status']): CutoverRunView {
  return run(waveId, {
    runId: 'run-1',
    status: 'succeeded',
    startedAt: '2026-12-05T01:00:00.000Z',
    finishedAt: '2026-12-05T02:14:00.000Z',
    message: 'every step done',
    steps: [
      step('announce', { status: 'succeeded', attempt: 1 }),
      step('switch', { type: 'pulumi-up', description: 'deploys', status: 'succeeded', attempt: 1 }),
    ],
    rollback: rollback(status),
  });
}

/** One step on the planned-vs-actual timeline. */
export function timelineStep(stepId: string, extra: Partial<TimelineStepView> = {}): TimelineStepView {
  return {
    stepId,
    name: `Step ${stepId}`,
    plannedStart: null,
    plannedEnd: null,
    actualStart: null,
    actualEnd: null,
    status: 'succeeded',
    stacks: [],
    attempts: [],
    ...extra,
  };
}
