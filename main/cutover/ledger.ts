// The state of a wave's cutover runs as the journal tells it. The live engine appends an entry and folds it in
// here, a restart folds the whole journal, and the evidence pack reads the same fold: there is one account of
// what happened, and it is the journal's.
// One file over 400 lines on purpose: every journal kind a run writes is folded here, in one place, so the live
// view, a restart and the evidence pack cannot disagree about any of them.
import type { CompensationView, CutoverRollbackView, CutoverRunView, CutoverStepTargetView, CutoverStepView, RunActorView } from '../api/contract';
import type { JournalEntry } from '../journal/entry';
import type { WaveModel } from '../plan/model';
import type { RunbookAction } from '../plan/schema';
import type { CompensationDef } from '../seam/runbook-part';
import type { RunbookCatalog } from './catalog';
import { runTimeline, type AttemptTimes } from './timeline';

export type { CompensationDef } from '../seam/runbook-part';

/** A runbook step as the run captured it when it started (plan edits later do not change a running cutover). */
export interface RunbookStepDef {
  readonly id: string;
  readonly name: string;
  readonly manual?: string;
  readonly action?: RunbookAction;
  readonly timeoutMinutes?: number;
  readonly mustSucceed: boolean;
  /** How long the step is planned to take (the planned-vs-actual timeline). */
  readonly plannedMinutes?: number;
  /** The downtime starts with this step (the plan's choice; else the first step of an action that starts it, else the run's start). */
  readonly startsDowntime?: boolean;
  /** What an operator does by hand to undo this step in a rollback. */
  readonly rollback?: string;
  /** The step cannot be undone: it waits for the operator to type the wave's id before it does anything. */
  readonly pointOfNoReturn?: boolean;
  /** Team mode: the step runs only once this many of the team's approvers approved it. */
  readonly approvals?: number;
}

/**
 * The step whose start starts the downtime: the plan's choice, else the first step whose action's declaration
 * starts it (freeze-check); none: the run's start.
 */
export function downtimeStartStep(runbook: readonly RunbookStepDef[], catalog: RunbookCatalog): RunbookStepDef | undefined {
  return runbook.find((step) => step.startsDowntime) ?? runbook.find((step) => step.action && catalog.actions.get(step.action.type)?.decl.startsDowntime);
}

export interface Readiness {
  readonly ready: boolean;
  readonly reasons: readonly string[];
}

export interface StepState {
  readonly def: RunbookStepDef;
  status: CutoverStepView['status'];
  attempt: number;
  attemptId: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  message: string | null;
  confirmedBy: string | null;
  /** Who confirmed, as the journal recorded it (the confirmation's entry): beside `confirmedBy`, never instead. */
  confirmedByActor?: RunActorView;
  confirmedAt: string | null;
  note: string | null;
  targets: CutoverStepTargetView[];
  /** What the action recorded for a rollback (the cutover config it applied, the registrations it created). */
  details: Record<string, unknown>;
  /** The operator went past the step's point of no return (any attempt): who and when; null if never. */
  passedPointOfNoReturn: { by: string; at: string } | null;
  /** Per stack (or task) the current attempt acted on: its own operation's start and end (the timeline). */
  stackTimes?: Map<string, { start: string | null; end: string | null; status: string }>;
  /** The attempts before the current one, oldest first, as they ended (the timeline draws each). */
  earlierAttempts?: AttemptTimes[];
}

export interface RollbackState {
  readonly rollbackId: string;
  status: CutoverRollbackView['status'];
  readonly startedAt: string;
  finishedAt: string | null;
  readonly startedBy: string;
  /** Who started it, as the journal recorded it (the OS user, and the AWS caller on AWS). */
  readonly startedByActor?: RunActorView;
  readonly reason: string | null;
  /** The plan's manual rollback steps of the steps that ran, latest first. */
  readonly nextSteps: string[];
  readonly defs: CompensationDef[];
  steps: CompensationView[];
  summary: string | null;
}

export interface RunState {
  readonly waveId: string;
  readonly runId: string;
  status: CutoverRunView['status'];
  readonly startedAt: string;
  finishedAt: string | null;
  readonly startedBy: string;
  /** Who started it, as the journal recorded it (the OS user, and the AWS caller on AWS). */
  readonly startedByActor?: RunActorView;
  /**
   * The actor (user@host) of the newest entry of this run (its start, a step, a control): in team mode, the cockpit
   * that drove it last, which alone can have been interrupted by its own stop.
   */
  lastActor?: string;
  readonly readinessAtStart: Readiness | null;
  readonly override: { reason: string; by: string; at: string; outsideWindow: string | null } | null;
  readonly downtimeBudgetMinutes: number;
  readonly window: { start: string; end: string } | null;
  downtimeStartedAt: string | null;
  downtimeEndedAt: string | null;
  message: string | null;
  readonly steps: StepState[];
  /**
   * The wave as the plan had it when the run started (stacks, parallelism, gates): a plan edited mid-run never
   * changes the run. Null for runs journaled before waves were recorded, which fall back to the plan's wave.
   */
  readonly wave: WaveModel | null;
  /** Every rollback of this run, oldest first (a failed one may be run again). */
  readonly rollbacks: RollbackState[];
  /** The operator finalized the cut-over wave: its rollback is closed. */
  finalized: { by: string; byActor?: RunActorView; at: string; reason: string } | null;
  /**
   * What the run's start snapshot journaled (its `details`: each track's snapshot under its id, DMS's task stats
   * with their write rates under `dms`), for a rollback's loss estimate; null before it is read.
   */
  snapshotAtStart: Readonly<Record<string, unknown>> | null;
}

/** The journal's details of a run's start. */
export interface RunStartDetails {
  readonly by: string;
  readonly runbook: RunbookStepDef[];
  readonly downtimeBudgetMinutes: number;
  readonly window: { start: string; end: string } | null;
  readonly readiness: Readiness;
  readonly override?: { reason: string };
  /** Why the start was outside the wave's cutover window (an override was required), when it was. */
  readonly outsideWindow?: string;
  /** The wave as the plan had it at the start (absent in journals written before it was recorded). */
  readonly wave?: WaveModel;
  /** Team mode: the granted approval the start used (its request) and who approved it. */
  readonly approvalRequestId?: string;
  readonly approvedBy?: string[];
}

/**
 * Who made a journal entry, as it recorded them: its OS user and AWS caller (account and ARN), copied field by field
 * so nothing else of the entry travels with them.
 */
export function actorOf(entry: Pick<JournalEntry, 'actor' | 'awsIdentity'>): RunActorView {
  return { actor: entry.actor, ...(entry.awsIdentity ? { awsIdentity: { accountId: entry.awsIdentity.accountId, arn: entry.awsIdentity.arn } } : {}) };
}

/** What a step does, in words, for the views and the evidence pack: the checklist text, or its action's description. */
export function describeStep(def: RunbookStepDef, catalog: RunbookCatalog): string {
  if (def.manual !== undefined) return def.manual;
  const action = def.action!;
  return catalog.actions.get(action.type)?.decl.describe(action) ?? `${action.type} (no track running declares this action)`;
}

export function stepType(def: RunbookStepDef): CutoverStepView['type'] {
  // The contract names the action types from common/ (the core's and each track's lists, which catalog.test.ts holds
  // to the declarations); the renderer's labels key on them.
  return (def.action?.type ?? 'manual') as CutoverStepView['type'];
}

/** Folds journal entries into the runs they describe, per wave (the latest run of each wave last). */
/** What a manual step or a point of no return waits for, in words. */
function waitingWords(def: RunbookStepDef, waveId: string): string | null {
  if (def.pointOfNoReturn) return `point of no return: waiting for the operator to type the wave id '${waveId}'`;
  return def.manual !== undefined ? 'waiting for the operator to confirm' : null;
}

export class CutoverLedger {
  private readonly runs = new Map<string, RunState>();
  private readonly latestByWave = new Map<string, RunState>();
  private readonly rollbacks = new Map<string, { run: RunState; rollback: RollbackState }>();
  /** Step attempts by their operation id: the stack operations they started name it as their parent. */
  private readonly attempts = new Map<string, StepState>();
  /** Team mode: the approval requests of steps, by request id, with who approved so far. */
  private readonly stepApprovals = new Map<string, { runId: string; stepId: string; needed: number; asker: string; approvers: Set<string> }>();

  constructor(
    private readonly catalog: RunbookCatalog,
    entries: readonly JournalEntry[] = [],
  ) {
    for (const entry of entries) this.apply(entry);
  }

  latest(waveId: string): RunState | undefined {
    return this.latestByWave.get(waveId);
  }

  /** Every run, in the order they started. */
  all(): RunState[] {
    return [...this.runs.values()];
  }

  run(runId: string): RunState | undefined {
    return this.runs.get(runId);
  }

  apply(entry: JournalEntry): void {
    this.noteDriver(entry);
    switch (entry.kind) {
      case 'team-approval':
        return this.applyApproval(entry);
      case 'cutover':
        return this.applyRun(entry);
      case 'cutover-step':
        return this.applyStep(entry);
      case 'cutover-control':
        return this.applyControl(entry);
      case 'cutover-rollback':
        return this.applyRollback(entry);
      case 'cutover-snapshot':
        return this.applySnapshot(entry);
      case 'cutover-compensate':
        return this.applyCompensation(entry);
      default:
        return this.applyStackOperation(entry);
    }
  }

  /**
   * Team mode: a step's approval request and its approvals (main/team/approvals.ts folds the same entries for the
   * requests themselves). Once a step's request has its approvals, a manual step (or a point of no return) of the
   * attempt that asked waits for the operator, in every cockpit alike.
   */
  private applyApproval(entry: JournalEntry): void {
    if (entry.phase === 'started') {
      if (entry.target.type !== 'cutover-step' || typeof entry.details?.runId !== 'string') return;
      this.stepApprovals.set(entry.operationId, {
        runId: entry.details.runId,
        stepId: entry.target.stepId,
        needed: typeof entry.details.needed === 'number' ? entry.details.needed : 1,
        asker: entry.actor,
        approvers: new Set(),
      });
      return;
    }
    const request = entry.parentOperationId ? this.stepApprovals.get(entry.parentOperationId) : undefined;
    if (!request || entry.phase !== 'succeeded' || entry.actor === request.asker) return;
    request.approvers.add(entry.actor);
    if (request.approvers.size !== request.needed) return;
    const step = this.runs.get(request.runId)?.steps.find((candidate) => candidate.def.id === request.stepId);
    if (!step || step.status !== 'running') return;
    step.message = `approved by ${[...request.approvers].join(', ')}`;
    if (step.def.manual !== undefined || step.def.pointOfNoReturn === true) {
      step.status = 'waiting';
      step.message = waitingWords(step.def, this.runs.get(request.runId)!.waveId);
    }
  }

  /** Remembers who wrote the run's newest entry (a run's start, or a step or control of it). */
  private noteDriver(entry: JournalEntry): void {
    const parent = entry.parentOperationId;
    let run: RunState | undefined;
    if (entry.kind === 'cutover') run = this.runs.get(entry.operationId);
    else if (entry.kind === 'cutover-step' || entry.kind === 'cutover-control') run = parent ? this.runs.get(parent) : undefined;
    // Whoever rolls the wave back drives its run now: a rollback names its run, a compensation its rollback.
    else if (entry.kind === 'cutover-rollback') run = (parent ? this.runs.get(parent) : undefined) ?? this.rollbacks.get(entry.operationId)?.run;
    else if (entry.kind === 'cutover-compensate') run = parent ? this.rollbacks.get(parent)?.run : undefined;
    if (run) run.lastActor = entry.actor;
  }

  /**
   * After a restart: a run the cockpit was in the middle of cannot go on by itself. The step that was running is
   * failed as "interrupted" (its outcome is unknown) and the run paused, so the operator checks, then resumes
   * (which runs that step again), aborts or rolls back. A rollback that was running is failed the same way.
   */
  settleInterrupted(isOwn: (run: RunState) => boolean = () => true): void {
    for (const run of this.latestByWave.values()) {
      if (!isOwn(run)) continue;
      if (run.status === 'running' || run.status === 'pausing') {
        // A step still running or waiting (a crash), or one journaled as interrupted (a shutdown: it ended
        // 'aborted' without ending the run, which only an operator's abort does).
        const step = run.steps.find((candidate) => candidate.status === 'running' || candidate.status === 'waiting' || candidate.status === 'aborted');
        if (step) {
          step.status = 'failed';
          step.message = `interrupted: the cockpit stopped during this step (started ${step.startedAt}); its outcome is unknown`;
          step.targets = step.targets.map((target) => (target.status === 'running' ? { ...target, status: 'failed', message: 'interrupted' } : target));
        }
        run.status = 'paused';
        run.message = step
          ? `the cockpit stopped during step '${step.def.id}'. Check what it did, then resume (runs it again), abort, or roll back`
          : 'the cockpit stopped during this run; resume, abort, or roll back';
      }
      const rollback = run.rollbacks.at(-1);
      if (rollback?.status === 'running') {
        rollback.status = 'failed';
        for (const step of rollback.steps)
          if (step.status === 'running') Object.assign(step, { status: 'failed', message: 'interrupted: the cockpit stopped during this step' });
        rollback.summary = `interrupted: the cockpit stopped during the rollback. ${summarizeCompensations(rollback.steps)} Roll back again to continue from where it stopped.`;
      }
    }
  }

  private applyRun(entry: JournalEntry): void {
    if (entry.target.type !== 'wave') return;
    if (entry.phase === 'started') {
      const details = entry.details as unknown as RunStartDetails;
      const downtimeStep = downtimeStartStep(details.runbook, this.catalog);
      const run: RunState = {
        waveId: entry.target.waveId,
        runId: entry.operationId,
        status: 'running',
        startedAt: entry.at,
        finishedAt: null,
        startedBy: details.by,
        startedByActor: actorOf(entry),
        readinessAtStart: details.readiness,
        override: details.override ? { reason: details.override.reason, by: details.by, at: entry.at, outsideWindow: details.outsideWindow ?? null } : null,
        downtimeBudgetMinutes: details.downtimeBudgetMinutes,
        window: details.window,
        downtimeStartedAt: downtimeStep ? null : entry.at,
        downtimeEndedAt: null,
        message: null,
        wave: details.wave ?? null,
        steps: details.runbook.map(pendingStep),
        rollbacks: [],
        finalized: null,
        snapshotAtStart: null,
      };
      this.runs.set(run.runId, run);
      this.latestByWave.set(run.waveId, run);
      return;
    }
    const run = this.runs.get(entry.operationId);
    if (!run) return;
    run.status = entry.phase === 'succeeded' ? 'succeeded' : 'aborted';
    run.finishedAt = entry.at;
    run.message = entry.message ?? null;
    // A succeeded run ends the downtime. An aborted one does not: the application stays down (writers blocked,
    // traffic half moved) until a rollback completes.
    if (run.downtimeStartedAt && run.status === 'succeeded') run.downtimeEndedAt ??= entry.at;
    for (const step of run.steps) if (step.status === 'running' || step.status === 'waiting') step.status = 'aborted';
  }

  private applyStep(entry: JournalEntry): void {
    if (entry.target.type !== 'cutover-step' || !entry.parentOperationId) return;
    const run = this.runs.get(entry.parentOperationId);
    const step = run?.steps.find((candidate) => candidate.def.id === (entry.target as { stepId: string }).stepId);
    if (!run || !step) return;
    const details = entry.details ?? {};
    if (entry.phase === 'started') {
      if (step.startedAt !== null) {
        // The attempt before ends here as it stood; one without an end in the journal was interrupted.
        const unended = step.status === 'running' || step.status === 'waiting';
        (step.earlierAttempts ??= []).push({
          attempt: step.attempt,
          start: step.startedAt,
          end: step.finishedAt,
          status: unended ? 'interrupted' : step.status,
        });
      }
      step.attempt = typeof details.attempt === 'number' ? details.attempt : step.attempt + 1;
      step.attemptId = entry.operationId;
      step.stackTimes = undefined;
      this.attempts.set(entry.operationId, step);
      // A step that needs approvals first runs its wait for them; it waits for the operator once they are given.
      const needsApproval = step.def.approvals !== undefined;
      const waits = !needsApproval && (step.def.manual !== undefined || step.def.pointOfNoReturn === true);
      step.status = waits ? 'waiting' : 'running';
      step.startedAt = entry.at;
      step.finishedAt = null;
      step.message = needsApproval ? "waiting for the team's approvers" : waitingWords(step.def, run.waveId);
      step.confirmedBy = null;
      step.confirmedByActor = undefined;
      step.confirmedAt = null;
      step.note = null;
      step.targets = Array.isArray(details.targets) ? (details.targets as CutoverStepTargetView[]) : [];
      step.details = details;
      if (
        step.def ===
        downtimeStartStep(
          run.steps.map((candidate) => candidate.def),
          this.catalog,
        )
      )
        run.downtimeStartedAt ??= entry.at;
      if (run.status === 'paused' || run.status === 'failed') run.status = 'running';
      return;
    }
    // The end of an earlier attempt (a former driver's, stored late after a take-over): history, not this attempt's.
    if (step.attemptId !== null && step.attemptId !== undefined && entry.operationId !== step.attemptId) return;
    step.status =
      entry.phase === 'succeeded'
        ? 'succeeded'
        : entry.phase === 'cancelled' || entry.phase === 'interrupted'
          ? 'aborted'
          : details.warning === true
            ? 'warning'
            : 'failed';
    step.finishedAt = entry.at;
    step.message = entry.message ?? null;
    if (typeof details.confirmedBy === 'string') {
      step.confirmedBy = details.confirmedBy;
      step.confirmedByActor = actorOf(entry);
      step.confirmedAt = entry.at;
    }
    if (typeof details.note === 'string') step.note = details.note;
    if (Array.isArray(details.targets)) step.targets = details.targets as CutoverStepTargetView[];
    step.details = { ...step.details, ...details };
    if (step.status === 'failed' && run.status !== 'aborted' && run.status !== 'succeeded') {
      run.status = 'failed';
      run.message = `step '${step.def.id}' failed: ${step.message ?? 'no reason given'}. Retry it, abort the run, or roll the wave back`;
    } else if (run.status === 'pausing') {
      run.status = 'paused';
      run.message = `paused after step '${step.def.id}'`;
    }
  }

  /** A stack operation (deploy, registration, DMS control) a step attempt ran: its times for the timeline. */
  private applyStackOperation(entry: JournalEntry): void {
    const step = entry.parentOperationId ? this.attempts.get(entry.parentOperationId) : undefined;
    if (!step || (entry.target.type !== 'stack' && entry.target.type !== 'replication-task')) return;
    const key = entry.target.type === 'stack' ? entry.target.stackId : (entry.target.taskId ?? entry.target.taskKey);
    step.stackTimes ??= new Map();
    const times = step.stackTimes.get(key) ?? { start: null, end: null, status: 'running' };
    if (entry.phase === 'started') times.start = entry.at;
    else {
      times.end = entry.at;
      times.status = entry.phase;
    }
    step.stackTimes.set(key, times);
  }

  private applySnapshot(entry: JournalEntry): void {
    const run = entry.parentOperationId ? this.runs.get(entry.parentOperationId) : undefined;
    if (run && entry.details?.moment === 'start') run.snapshotAtStart = entry.details;
  }

  private applyControl(entry: JournalEntry): void {
    const run = entry.parentOperationId ? this.runs.get(entry.parentOperationId) : undefined;
    if (!run) return;
    const action = entry.details?.action;
    const by = typeof entry.details?.by === 'string' ? entry.details.by : entry.actor;
    if (action === 'pause') {
      const busy = run.steps.some((step) => step.status === 'running' || step.status === 'waiting');
      run.status = busy ? 'pausing' : 'paused';
      run.message = busy ? `pausing (by ${by}): no new step starts after the running one ends` : `paused by ${by}`;
    } else if (action === 'resume' || action === 'retry') {
      run.status = 'running';
      run.message = null;
    } else if (action === 'point-of-no-return') {
      // The operator typed the wave's id: the step goes past its point of no return (an action step runs now).
      const step = run.steps.find((candidate) => candidate.def.id === entry.details?.stepId);
      if (!step) return;
      step.passedPointOfNoReturn = { by, at: entry.at };
      step.confirmedBy = by;
      step.confirmedByActor = actorOf(entry);
      step.confirmedAt = entry.at;
      if (step.status === 'waiting' && step.def.manual === undefined) {
        step.status = 'running';
        step.message = `past the point of no return (typed by ${by})`;
      }
    } else if (action === 'finalize') {
      run.finalized = { by, byActor: actorOf(entry), at: entry.at, reason: typeof entry.details?.reason === 'string' ? entry.details.reason : '' };
    }
  }

  private applyRollback(entry: JournalEntry): void {
    if (entry.phase === 'started') {
      const run = entry.parentOperationId ? this.runs.get(entry.parentOperationId) : undefined;
      if (!run) return;
      const defs = (entry.details?.steps ?? []) as CompensationDef[];
      const done = new Set((entry.details?.alreadyDone ?? []) as string[]);
      const rollback: RollbackState = {
        rollbackId: entry.operationId,
        status: 'running',
        startedAt: entry.at,
        finishedAt: null,
        startedBy: typeof entry.details?.by === 'string' ? entry.details.by : entry.actor,
        startedByActor: actorOf(entry),
        reason: typeof entry.details?.reason === 'string' ? entry.details.reason : null,
        nextSteps: Array.isArray(entry.details?.nextSteps) ? (entry.details.nextSteps as string[]) : [],
        defs,
        steps: defs.map((def) => ({
          id: def.id,
          label: def.label,
          action: def.action,
          system: def.system,
          stackId: def.stackId,
          forStepId: def.forStepId,
          status: done.has(def.id) ? 'skipped' : 'pending',
          message: done.has(def.id) ? 'done by an earlier rollback attempt' : null,
          operationId: null,
        })),
        summary: null,
      };
      run.rollbacks.push(rollback);
      this.rollbacks.set(rollback.rollbackId, { run, rollback });
      return;
    }
    const found = this.rollbacks.get(entry.operationId);
    if (!found) return;
    found.rollback.status = entry.phase === 'succeeded' ? 'succeeded' : 'failed';
    found.rollback.finishedAt = entry.at;
    found.rollback.summary = entry.message ?? null;
    if (found.rollback.status === 'succeeded' && found.run.downtimeStartedAt) found.run.downtimeEndedAt ??= entry.at;
  }

  private applyCompensation(entry: JournalEntry): void {
    const found = entry.parentOperationId ? this.rollbacks.get(entry.parentOperationId) : undefined;
    if (!found || entry.target.type !== 'cutover-step') return;
    const stepId = entry.target.stepId;
    const step = found.rollback.steps.find((candidate) => candidate.id === stepId);
    if (!step) return;
    if (entry.phase === 'started') {
      step.status = 'running';
      step.message = null;
      return;
    }
    step.status = entry.phase === 'succeeded' ? 'succeeded' : entry.phase === 'cancelled' ? 'skipped' : 'failed';
    step.message = entry.message ?? null;
    if (typeof entry.details?.operationId === 'string') step.operationId = entry.details.operationId;
  }
}

/** The view of a run for the API. */
export function runView(
  run: RunState,
  asOf: string,
  catalog: RunbookCatalog,
  /** What the plan says about the run now (the engine's; empty for a fold on its own). */
  {
    rollbackPlan = [],
    planChanges = [],
    rollbackImpact = [],
    noWayBack = [],
  }: Partial<Pick<CutoverRunView, 'rollbackPlan' | 'planChanges' | 'rollbackImpact' | 'noWayBack'>> = {},
): CutoverRunView {
  const rollback = run.rollbacks.at(-1);
  const current =
    run.steps.find((step) => step.status === 'running' || step.status === 'waiting') ??
    (run.status === 'failed' ? run.steps.find((step) => step.status === 'failed') : undefined);
  return {
    waveId: run.waveId,
    runId: run.runId,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    startedBy: run.startedBy,
    ...(run.startedByActor ? { startedByActor: actorOf(run.startedByActor) } : {}),
    readinessAtStart: run.readinessAtStart ? { ready: run.readinessAtStart.ready, reasons: [...run.readinessAtStart.reasons] } : null,
    override: run.override,
    clock: {
      windowStart: run.window?.start ?? null,
      windowEnd: run.window?.end ?? null,
      downtimeBudgetMinutes: run.downtimeBudgetMinutes,
      downtimeStartedAt: run.downtimeStartedAt,
      downtimeEndedAt: run.downtimeEndedAt,
      asOf,
    },
    currentStepId: current?.def.id ?? null,
    message: run.message,
    steps: run.steps.map((step) => stepView(step, catalog)),
    rollback: rollback
      ? {
          rollbackId: rollback.rollbackId,
          status: rollback.status,
          startedAt: rollback.startedAt,
          finishedAt: rollback.finishedAt,
          startedBy: rollback.startedBy,
          ...(rollback.startedByActor ? { startedByActor: actorOf(rollback.startedByActor) } : {}),
          reason: rollback.reason,
          steps: rollback.steps.map((step) => ({ ...step })),
          summary: rollback.summary,
          nextSteps: [...rollback.nextSteps],
        }
      : null,
    finalized: run.finalized ? { ...run.finalized, ...(run.finalized.byActor ? { byActor: actorOf(run.finalized.byActor) } : {}) } : null,
    rollbackPlan,
    noWayBack,
    rollbackImpact,
    timeline: runTimeline(run),
    planChanges,
  };
}

export function stepView(step: StepState, catalog: RunbookCatalog): CutoverStepView {
  return {
    id: step.def.id,
    name: step.def.name,
    type: stepType(step.def),
    description: describeStep(step.def, catalog),
    mustSucceed: step.def.mustSucceed,
    timeoutMinutes: step.def.timeoutMinutes ?? null,
    status: step.status,
    attempt: step.attempt,
    startedAt: step.startedAt,
    finishedAt: step.finishedAt,
    message: step.message,
    confirmedBy: step.confirmedBy,
    ...(step.confirmedByActor ? { confirmedByActor: actorOf(step.confirmedByActor) } : {}),
    confirmedAt: step.confirmedAt,
    pointOfNoReturn: step.def.pointOfNoReturn === true,
    passedPointOfNoReturn: step.passedPointOfNoReturn ? { ...step.passedPointOfNoReturn } : null,
    targets: step.targets.map((target) => ({ ...target })),
  };
}

/** A step of a run before it is attempted. */
export function pendingStep(def: RunbookStepDef): StepState {
  return {
    def,
    status: 'pending',
    attempt: 0,
    attemptId: null,
    startedAt: null,
    finishedAt: null,
    message: null,
    confirmedBy: null,
    confirmedAt: null,
    note: null,
    passedPointOfNoReturn: null,
    targets: [],
    details: {},
  };
}

export function isStepDone(step: StepState): boolean {
  return step.status === 'succeeded' || step.status === 'warning';
}

/** "Undone: …; failed: …; not done: …" for a rollback's compensating steps. */
export function summarizeCompensations(steps: readonly CompensationView[]): string {
  const part = (label: string, list: CompensationView[]) => (list.length > 0 ? `${label}: ${list.map((step) => step.label).join('; ')}.` : '');
  const done = steps.filter((step) => step.status === 'succeeded' || step.status === 'skipped');
  const failed = steps.filter((step) => step.status === 'failed');
  const open = steps.filter((step) => step.status === 'pending' || step.status === 'running');
  return [part('Undone', done), failed.map((step) => `FAILED: ${step.label}: ${step.message ?? 'no reason given'}.`).join(' '), part('Not done', open)]
    .filter(Boolean)
    .join(' ');
}
