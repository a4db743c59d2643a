// The cutover runbook engine: one run per wave at a time, its steps in order, each journaled before it starts
// and when it ends. Manual steps wait for the operator's confirmation (who and when are recorded); automated
// steps run through their declarations (actions.ts: the core's and the tracks'). A step has a timeout; a failed must-succeed step stops the
// run (retry, abort or roll back), a failed optional one is a warning and the run goes on. Pause lets the running
// step end and starts no new one. Every state change is an entry in the journal first and then folded into the
// state from it (ledger.ts), so what the operator sees is what the journal says, also after a crash.
// One file over 400 lines on purpose: a run's loop, its commands (pause, abort, retry, confirm) and another cockpit's
// entries all change the same live state under one per-wave queue; the fold itself lives in ledger.ts.
// One file over 400 lines on purpose: the commands and the run loop share each wave's live state and serial
// queue, and the journal-first order of every change is easiest to keep (and check) in one class.
import { randomUUID } from 'node:crypto';
import { KeyedQueue } from '../../common/keyed-queue';
import type { CutoverRunView } from '../api/contract';
import { CommandError } from '../../common/command-error';
import type { JournalEntry, JournalEntryInput } from '../journal/entry';
import type { MigrationPlan, WaveModel } from '../plan/model';
import { outsideWindow } from './cutover-window';
import { planChanges } from './plan-changes';
import {
  CutoverLedger,
  isStepDone,
  pendingStep,
  runView,
  stepType,
  stepView,
  type Readiness,
  type RunbookStepDef,
  type RunStartDetails,
  type RunState,
  type StepState,
} from './ledger';
import { foreclosures, plannedRollback } from './rollback-across';
import { PHASE_AT_MOMENT, SNAPSHOT_MESSAGES, type SnapshotMoment, type SnapshotReadiness } from './snapshot-readiness';
import type { StepContext, StepOutcome } from '../seam/runbook-part';
import type { RunbookCatalog } from './catalog';

export type { StepContext, StepOutcome } from '../seam/runbook-part';

export interface RunbookDeps {
  readonly journal: { append(input: JournalEntryInput): Promise<JournalEntry> };
  readonly plan: () => MigrationPlan | undefined;
  /** The wave's readiness (the readiness gates; injected so the engine does not depend on how it is computed). */
  readonly isWaveReady: (waveId: string) => Readiness | Promise<Readiness>;
  /** The runbook's action and compensation declarations (the core's and every track's). */
  readonly catalog: RunbookCatalog;
  /**
   * Each track's snapshot of the wave under its id (DMS: `dms`, its tasks' stats and validation counts), journaled
   * at each moment of a run (start, end, failure, …) for the evidence pack and a rollback's loss estimate.
   */
  readonly snapshots: (waveId: string) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** What a rollback of the run would lose now, per stack (main/cutover/rollback-impact.ts). */
  readonly rollbackImpact?: (run: RunState, plan: MigrationPlan) => CutoverRunView['rollbackImpact'];
  readonly runAction: (step: RunbookStepDef, context: StepContext) => Promise<StepOutcome>;
  /** Facts to journal when an automated step starts, before it touches anything (e.g. the cutover config). */
  readonly plannedDetails?: (step: RunbookStepDef, wave: WaveModel) => Record<string, unknown> | undefined;
  readonly publish: (view: CutoverRunView) => void;
  /** Who acts when a command names no one (the OS user of the core). */
  readonly defaultActor: () => string;
  /** A run reached its end (succeeded or aborted): stacks' lifecycles follow. */
  readonly onRunEnded?: (run: RunState) => void;
  /**
   * Whether this cockpit drove a run (default: every run). Only its own runs were interrupted by its stop; in team
   * mode another cockpit's may still be running there.
   */
  readonly isOwnRun?: (run: RunState) => boolean;
  /** Team mode: why this cockpit may not start a step of the wave now (it does not hold the wave's lock), or undefined. */
  readonly mayProceed?: (waveId: string) => string | undefined;
  /** Team mode: the approvals a start or a step needs (main/team/approvals.ts); without them such a plan cannot run. */
  readonly approvals?: RunbookApprovals;
  readonly log?: (line: string) => void;
  readonly now?: () => Date;
  /** Milliseconds per minute of `timeoutMinutes` (tests shrink time; default 60 000). */
  readonly minuteMs?: number;
}

interface Live {
  abort: AbortController;
  /** Who set the loop going (started, resumed or retried the run): its steps and its end are journaled as theirs. */
  readonly by: string;
  /** Who aborted the run, once someone did: the run's end is journaled as theirs. */
  abortedBy?: string;
  loop: Promise<void> | undefined;
  pauseRequested: boolean;
  confirm?: { stepId: string; resolve: (confirmation: { by: string; note?: string }) => void };
  /** Resolves once the point of no return the run waited on is journaled as passed (or the wait ended). */
  passing?: Promise<void>;
  /** The step attempt running now: `ended` resolves once its end is journaled (or the attempt gave up). */
  current?: { stepId: string; ended: Promise<void> };
}

/** The abort reason when the core shuts down: the running step is interrupted, the run is not ended. */
const SHUTDOWN = Symbol('cockpit shutdown');
const isShutdown = (live: Live) => live.abort.signal.aborted && live.abort.signal.reason === SHUTDOWN;

export const MIN_OVERRIDE_REASON = 10;

/** What the runbook asks of team approvals: the granted approval of a start, and a step's wait for its approvals. */
export interface RunbookApprovals {
  /** The granted approval of the wave's start (its request and approvers), or throws what is missing. */
  forStart(waveId: string, needed: number): { readonly requestId: string; readonly approvedBy: readonly string[] };
  forStep(
    run: { readonly runId: string; readonly waveId: string },
    stepId: string,
    needed: number,
    signal: AbortSignal,
    onWaiting: (message: string) => void,
  ): Promise<{ ok: true; approvedBy: string[] } | { ok: false; message: string }>;
}

export class RunbookEngine {
  readonly ledger: CutoverLedger;
  private readonly live = new Map<string, Live>();
  /** Per wave: the command (start, resume, retry) between its checks and its loop's spawn. */
  private readonly inFlight = new Map<string, string>();
  /** Per wave: its commands, one after another (see serially). */
  private readonly commands = new KeyedQueue<string>();
  private closed = false;

  constructor(
    private readonly deps: RunbookDeps,
    history: readonly JournalEntry[] = [],
  ) {
    this.ledger = new CutoverLedger(deps.catalog, history);
    this.ledger.settleInterrupted(deps.isOwnRun);
  }

  /** Views of every wave with a runbook in the plan (or the one asked for). */
  views(waveId?: string): CutoverRunView[] {
    const plan = this.deps.plan();
    if (!plan) return [];
    return plan.waves.filter((wave) => wave.cutover && (!waveId || wave.id === waveId)).map((wave) => this.view(wave.id));
  }

  view(waveId: string): CutoverRunView {
    const needed = this.deps.plan()?.waves.find((wave) => wave.id === waveId)?.cutover?.approvals;
    const view = this.runOrPlanView(waveId);
    return needed === undefined ? view : { ...view, approvalsToStart: needed };
  }

  private runOrPlanView(waveId: string): CutoverRunView {
    const run = this.ledger.latest(waveId);
    const asOf = this.now().toISOString();
    const plan = this.deps.plan();
    if (run) {
      return runView(
        run,
        asOf,
        this.deps.catalog,
        plan
          ? {
              rollbackPlan: plannedRollback(run, plan, this.deps.catalog),
              planChanges: planChanges(
                run,
                plan.waves.find((wave) => wave.id === waveId),
              ),
              rollbackImpact: this.deps.rollbackImpact?.(run, plan) ?? [],
              noWayBack: foreclosures(run, plan, this.deps.catalog),
            }
          : {},
      );
    }
    const wave = this.wave(waveId);
    const cutover = wave.cutover!;
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
        windowStart: wave.cutoverWindow?.start ?? null,
        windowEnd: wave.cutoverWindow?.end ?? null,
        downtimeBudgetMinutes: cutover.downtimeBudgetMinutes,
        downtimeStartedAt: null,
        downtimeEndedAt: null,
        asOf,
      },
      currentStepId: null,
      message: null,
      steps: cutover.runbook.map((def) => stepView(pendingStep(def as RunbookStepDef), this.deps.catalog)),
      rollback: null,
      finalized: null,
      rollbackPlan: [],
      noWayBack: [],
      rollbackImpact: [],
      timeline: [],
      planChanges: [],
    };
  }

  /** Starts the wave's runbook: only when the wave is ready, or with an override whose typed reason is recorded. */
  async start(waveId: string, options: { by?: string; override?: { reason: string } } = {}): Promise<CutoverRunView> {
    return this.exclusive(waveId, 'start', () => this.serially(waveId, () => this.doStart(waveId, options)));
  }

  private async doStart(waveId: string, options: { by?: string; override?: { reason: string } }): Promise<CutoverRunView> {
    const wave = this.wave(waveId);
    const previous = this.ledger.latest(waveId);
    if (previous && !['succeeded', 'aborted'].includes(previous.status)) {
      throw new CommandError(
        'busy',
        `wave '${waveId}' already has a cutover run (${previous.status}, started ${previous.startedAt} by ${previous.startedBy}); resume, retry or abort it first`,
      );
    }
    if (previous && previous.rollbacks.at(-1)?.status === 'running') throw new CommandError('busy', `wave '${waveId}' is being rolled back`);
    if (previous?.finalized) {
      throw new CommandError(
        'failed',
        `the cutover of '${waveId}' was finalized by ${previous.finalized.by} at ${previous.finalized.at}: it is final, and a new run would undo nothing`,
      );
    }
    // A new run on a cut-over wave would leave the cut-over run's rollback behind: roll it back first.
    if (previous?.status === 'succeeded' && previous.rollbacks.at(-1)?.status !== 'succeeded') {
      throw new CommandError(
        'failed',
        `wave '${waveId}' is cut over (run started ${previous.startedAt} by ${previous.startedBy}); roll it back before starting a new run, or finalize it`,
      );
    }
    await this.windDown(waveId);
    const readiness = await this.deps.isWaveReady(waveId);
    const by = options.by ?? this.deps.defaultActor();
    const reason = options.override?.reason.trim();
    const startAt = this.now();
    const outside = outsideWindow(wave.cutoverWindow, startAt);
    const blockers = [
      ...(readiness.ready ? [] : [`is not ready for cutover: ${readiness.reasons.join('; ') || 'no reason given'}`]),
      ...(outside ? [`is outside its cutover window: ${outside}`] : []),
    ];
    if (blockers.length > 0 && !reason) {
      throw new CommandError(
        'failed',
        `wave '${waveId}' ${blockers.join(', and ')}. Start it anyway only with an override and a typed reason (at least ${MIN_OVERRIDE_REASON} characters)`,
      );
    }
    if (reason !== undefined && reason.length < MIN_OVERRIDE_REASON) {
      throw new CommandError('failed', `an override needs a reason of at least ${MIN_OVERRIDE_REASON} characters; it goes into the evidence pack`);
    }
    const needed = wave.cutover!.approvals;
    if (needed !== undefined && !this.deps.approvals) {
      throw new CommandError('failed', `the cutover of ${waveId} needs ${needed} approval(s), and this cockpit works alone: approvals need the plan's team`);
    }
    const approval = needed !== undefined ? this.deps.approvals!.forStart(waveId, needed) : undefined;
    const runId = randomUUID();
    const details: RunStartDetails = {
      by,
      runbook: structuredClone(wave.cutover!.runbook) as RunbookStepDef[],
      downtimeBudgetMinutes: wave.cutover!.downtimeBudgetMinutes,
      window: wave.cutoverWindow ?? null,
      readiness: { ready: readiness.ready, reasons: [...readiness.reasons] },
      ...(outside ? { outsideWindow: outside } : {}),
      wave: structuredClone(wave),
      ...(reason !== undefined ? { override: { reason } } : {}),
      ...(approval ? { approvalRequestId: approval.requestId, approvedBy: [...approval.approvedBy] } : {}),
    };
    await this.record({
      operationId: runId,
      kind: 'cutover',
      target: { type: 'wave', waveId },
      phase: 'started',
      ...(reason !== undefined
        ? {
            message: `started ${readiness.ready ? 'with' : 'without'} readiness${outside ? `, outside its cutover window (${outside})` : ''}; override by ${by}: ${reason}`,
          }
        : {}),
      details: details as unknown as Record<string, unknown>,
    });
    await this.snapshot(runId, waveId, { moment: 'start', readiness });
    this.spawn(waveId, by);
    return this.view(waveId);
  }

  /**
   * Lets the running step end, then starts no new one. Pausing a run that is pausing, paused or being aborted
   * answers its state and changes nothing: the operator's intent (stop going on) already holds.
   */
  async pause(waveId: string, by?: string): Promise<CutoverRunView> {
    return this.serially(waveId, async () => {
      const run = this.requireRun(waveId);
      const live = this.live.get(waveId);
      if (['pausing', 'paused', 'aborted'].includes(run.status) || live?.abort.signal.aborted) return this.view(waveId);
      if (run.status !== 'running') throw new CommandError('failed', `cannot pause: the cutover of '${waveId}' is ${run.status}`);
      if (live) live.pauseRequested = true;
      await this.control(run, 'pause', by, 'pause requested');
      return this.view(waveId);
    });
  }

  /** Goes on from the first step that is not done (after a pause, or after a restart interrupted a step). */
  async resume(waveId: string, by?: string): Promise<CutoverRunView> {
    return this.exclusive(waveId, 'resume', () => this.serially(waveId, () => this.doResume(waveId, by)));
  }

  private async doResume(waveId: string, by?: string): Promise<CutoverRunView> {
    const run = this.requireRun(waveId);
    if (run.status === 'pausing') {
      const live = this.live.get(waveId);
      if (live) live.pauseRequested = false;
      await this.control(run, 'resume', by, 'pause withdrawn');
      return this.view(waveId);
    }
    if (run.status !== 'paused')
      throw new CommandError(
        'failed',
        `cannot resume: the cutover of '${waveId}' is ${run.status}${run.status === 'failed' ? ' (retry the failed step)' : ''}`,
      );
    await this.windDown(waveId);
    const who = by ?? this.deps.defaultActor();
    await this.control(run, 'resume', who, 'resumed');
    this.spawn(waveId, who);
    return this.view(waveId);
  }

  /** Runs the failed step again, then the rest. */
  async retry(waveId: string, by?: string): Promise<CutoverRunView> {
    return this.exclusive(waveId, 'retry', () => this.serially(waveId, () => this.doRetry(waveId, by)));
  }

  private async doRetry(waveId: string, by?: string): Promise<CutoverRunView> {
    const run = this.requireRun(waveId);
    const failed = run.steps.find((step) => step.status === 'failed');
    if (run.status !== 'failed' || !failed)
      throw new CommandError('failed', `cannot retry: the cutover of '${waveId}' is ${run.status}, with no failed step to run again`);
    if (run.rollbacks.length > 0) throw new CommandError('failed', `cannot retry: the wave was rolled back after this step failed; start a new run`);
    await this.windDown(waveId);
    const who = by ?? this.deps.defaultActor();
    await this.control(run, 'retry', who, `retry of step '${failed.def.id}' (attempt ${failed.attempt + 1})`);
    this.spawn(waveId, who);
    return this.view(waveId);
  }

  /**
   * Cancels the running step (a Pulumi operation is cancelled, a wait stops) and ends the run as aborted. Aborting
   * an aborted run answers its state; the commands of a wave run one after another, so a second abort sees the
   * first one's end.
   */
  async abort(waveId: string, by?: string): Promise<CutoverRunView> {
    return this.serially(waveId, async () => {
      const run = this.requireRun(waveId);
      if (run.status === 'aborted') return this.view(waveId);
      if (run.status === 'succeeded') throw new CommandError('failed', `cannot abort: the cutover of '${waveId}' already ${run.status}`);
      const who = by ?? this.deps.defaultActor();
      // The request is journaled first (appends keep call order), and the step in progress told to stop at once,
      // without waiting for the write (a team store that is away may hold it).
      const recorded = this.control(run, 'abort', who, 'abort requested');
      const live = this.live.get(waveId);
      if (live?.loop) {
        live.abortedBy = who;
        live.abort.abort();
      }
      await recorded;
      if (live?.loop) await live.loop;
      // No loop, or one that had already stopped starting steps (paused, failed) and so did not end the run.
      await this.end(run, 'cancelled', `aborted by ${who}`, who);
      return this.view(waveId);
    });
  }

  /**
   * Confirms the step the run is waiting on: a manual step, or a step's point of no return, which needs the wave's
   * id typed. Confirming it again once it is confirmed answers the run's state.
   */
  async confirm(waveId: string, stepId: string, by?: string, note?: string, typed?: string): Promise<CutoverRunView> {
    return this.serially(waveId, () => this.doConfirm(waveId, stepId, by, note, typed));
  }

  private async doConfirm(waveId: string, stepId: string, by?: string, note?: string, typed?: string): Promise<CutoverRunView> {
    const run = this.requireRun(waveId);
    const step = run.steps.find((candidate) => candidate.def.id === stepId);
    if (!step) throw new CommandError('not-found', `the runbook of '${waveId}' has no step '${stepId}'`);
    if (step.status === 'succeeded' && step.confirmedBy !== null) return this.view(waveId);
    if (step.def.pointOfNoReturn && step.passedPointOfNoReturn && step.status !== 'waiting') return this.view(waveId);
    const live = this.live.get(waveId);
    if (step.status !== 'waiting' || live?.confirm?.stepId !== stepId) {
      const waiting = run.steps.find((candidate) => candidate.status === 'waiting');
      throw new CommandError(
        'failed',
        `step '${stepId}' is not waiting for confirmation (it is ${step.status})${waiting ? `; the run waits on '${waiting.def.id}'` : ''}`,
      );
    }
    if (step.def.pointOfNoReturn && typed?.trim() !== waveId) {
      throw new CommandError(
        'bad-request',
        `step '${stepId}' is the point of no return of '${waveId}': type the wave id '${waveId}' to go past it${typed ? ` (typed '${typed.trim().slice(0, 80)}')` : ''}`,
      );
    }
    const confirm = live.confirm;
    const ended = live.current?.stepId === stepId ? live.current.ended : undefined;
    live.confirm = undefined;
    confirm.resolve({ by: by ?? this.deps.defaultActor(), ...(note ? { note } : {}) });
    // A manual step's end is journaled by the run loop: answer once it is. An action past its point of no return
    // runs on: answer once its passing is journaled.
    if (step.def.manual !== undefined) await ended;
    else await live.passing;
    return this.view(waveId);
  }

  /**
   * Marks a succeeded run final: the wave is accepted on AWS and its rollback is closed (the compensations would now
   * undo an accepted migration). Finalizing a finalized run answers its state.
   */
  async finalize(waveId: string, reason: string, by?: string): Promise<CutoverRunView> {
    return this.serially(waveId, async () => {
      const run = this.requireRun(waveId);
      if (run.finalized) return this.view(waveId);
      if (run.status !== 'succeeded')
        throw new CommandError('failed', `cannot finalize: the cutover of '${waveId}' is ${run.status}; only a succeeded cutover can be finalized`);
      const rollback = run.rollbacks.at(-1);
      if (rollback)
        throw new CommandError('failed', `cannot finalize: the cutover of '${waveId}' was rolled back (${rollback.status}); start a new cutover first`);
      const who = by ?? this.deps.defaultActor();
      await this.record({
        operationId: randomUUID(),
        kind: 'cutover-control',
        target: { type: 'wave', waveId },
        phase: 'succeeded',
        parentOperationId: run.runId,
        message: `cutover finalized by ${who}: ${reason}`,
        details: { action: 'finalize', by: who, reason },
      });
      return this.view(waveId);
    });
  }

  /** Ends a run that is not running any more, for a rollback (the journal then shows why it ended). */
  async endForRollback(waveId: string, by: string): Promise<RunState> {
    return this.serially(waveId, async () => {
      const run = this.requireRun(waveId);
      if (run.finalized) {
        throw new CommandError('failed', `the cutover of '${waveId}' was finalized by ${run.finalized.by} at ${run.finalized.at}: its rollback is closed`);
      }
      if (['running', 'pausing'].includes(run.status)) {
        throw new CommandError('busy', `the cutover of '${waveId}' is ${run.status}; pause or abort it before rolling back`);
      }
      const last = run.rollbacks.at(-1);
      if (last?.status === 'succeeded') {
        throw new CommandError(
          'failed',
          `the cutover of '${waveId}' was rolled back already (by ${last.startedBy}, finished ${last.finishedAt ?? 'just now'}); there is nothing left to roll back`,
        );
      }
      if (run.status === 'paused' || run.status === 'failed') await this.end(run, 'cancelled', `ended by ${by} to roll the wave back`, by);
      return run;
    });
  }

  /** Appends a journal entry and folds it into the state, then publishes the wave's view. */
  async record(input: JournalEntryInput): Promise<JournalEntry> {
    const entry = await this.deps.journal.append(input);
    this.ledger.apply(entry);
    const waveId = input.target.type === 'wave' || input.target.type === 'cutover-step' ? input.target.waveId : undefined;
    if (waveId && this.deps.plan()?.waves.some((wave) => wave.id === waveId && wave.cutover)) this.deps.publish(this.view(waveId));
    return entry;
  }

  /**
   * Another cockpit's journal entry (team mode): folded into the runs as if this engine had recorded it, and the
   * wave's view published, so every cockpit shows the run its driver runs. A run it ended reaches onRunEnded here too.
   */
  observe(entry: JournalEntry): void {
    this.ledger.apply(entry);
    const waveId = entry.target.type === 'wave' || entry.target.type === 'cutover-step' ? entry.target.waveId : undefined;
    if (!waveId || !this.deps.plan()?.waves.some((wave) => wave.id === waveId && wave.cutover)) return;
    // Its driver's cockpit stopped (it journals the step it was in as interrupted): the run waits here, paused, for
    // whoever takes the wave next.
    if (entry.kind === 'cutover-step' && entry.phase === 'interrupted' && !this.live.has(waveId)) this.ledger.settleInterrupted((run) => run.waveId === waveId);
    this.deps.publish(this.view(waveId));
    const run = this.ledger.latest(waveId);
    if (entry.kind === 'cutover' && entry.phase !== 'started' && run?.runId === entry.operationId) this.deps.onRunEnded?.(run);
  }

  /**
   * Team mode: this cockpit lost the wave (its lease lapsed and another took it over): its loop stops as at a
   * shutdown (the step in progress journaled interrupted), without journaling a pause of the run the new driver runs.
   */
  async interrupt(waveId: string): Promise<void> {
    const live = this.live.get(waveId);
    if (!live) return;
    live.abort.abort(SHUTDOWN);
    await live.loop;
  }

  /** Whether this engine runs the wave's runbook now (a loop is live: a step running or waiting). */
  isLive(waveId: string): boolean {
    return this.live.has(waveId);
  }

  /**
   * Team mode: the wave's lock was taken over from a driver whose lease lapsed (its cockpit died): the run it left
   * running is settled as interrupted (paused, its step's outcome unknown), so the new driver can resume it.
   */
  async settleDriverGone(waveId: string, driver: string | undefined): Promise<void> {
    if (this.live.has(waveId)) return;
    // The step it left running is journaled as interrupted (on its behalf), so every cockpit on the plan, and this
    // one after a restart, settle the run the same way from the journal, not each on its own.
    const run = this.ledger.latest(waveId);
    const step =
      run?.status === 'running' || run?.status === 'pausing'
        ? run.steps.find((candidate) => candidate.status === 'running' || candidate.status === 'waiting')
        : undefined;
    if (run && step?.attemptId) {
      await this.record({
        operationId: step.attemptId,
        kind: 'cutover-step',
        target: { type: 'cutover-step', waveId, stepId: step.def.id },
        parentOperationId: run.runId,
        phase: 'interrupted',
        message: `interrupted: ${driver ?? 'its driver'}'s cockpit stopped answering during this step (its lease lapsed and the wave was taken over)`,
        details: { attempt: step.attempt, by: driver ?? 'unknown' },
      });
    }
    this.ledger.settleInterrupted((candidate) => candidate.waveId === waveId);
    if (this.deps.plan()?.waves.some((wave) => wave.id === waveId && wave.cutover)) this.deps.publish(this.view(waveId));
  }

  /**
   * Used when the core shuts down: stops running loops without ending their runs. The running step is journaled
   * as interrupted and the run stays open, so after a restart it shows paused and can be resumed (the operator's
   * abort is `abort`, not this).
   */
  async close(): Promise<void> {
    this.closed = true;
    const loops = [...this.live.values()].map((live) => {
      live.abort.abort(SHUTDOWN);
      return live.loop;
    });
    await Promise.allSettled(loops);
  }

  // -------------------------------------------------------------------------------------------------------

  /**
   * Runs the wave's commands one after another (FIFO), each on the state the previous one left: a pause racing an
   * abort, or a second abort, never interleaves its checks with another command's journal entries.
   */
  private serially<T>(waveId: string, work: () => Promise<T>): Promise<T> {
    return this.commands.run(waveId, work);
  }

  /** Runs a command that starts a loop, refusing a second one on the wave while the first is in flight. */
  private async exclusive<T>(waveId: string, what: string, work: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(waveId);
    if (running) throw new CommandError('busy', `wave '${waveId}' is busy: a ${running} of its cutover is in progress; try again when it has answered`);
    this.inFlight.set(waveId, what);
    try {
      return await work();
    } finally {
      this.inFlight.delete(waveId);
    }
  }

  /** Refuses when the wave's runbook loop is running (only one loop per wave). */
  private refuseLive(waveId: string): void {
    const live = this.live.get(waveId);
    if (!live) return;
    const step = live.current?.stepId;
    throw new CommandError('busy', `the cutover of '${waveId}' is already running${step ? ` (step '${step}')` : ''}; pause or abort it first`);
  }

  /** Waits for a loop that has stopped starting steps (its run is paused or failed) to finish its last entries. */
  private async windDown(waveId: string): Promise<void> {
    const loop = this.live.get(waveId)?.loop;
    if (loop) await loop;
  }

  private spawn(waveId: string, by: string): void {
    this.refuseLive(waveId);
    // Shut down while a command was on its way: the run stays open (paused after the restart).
    if (this.closed) return;
    const live: Live = { abort: new AbortController(), loop: undefined, pauseRequested: false, by };
    this.live.set(waveId, live);
    live.loop = this.loop(waveId, live)
      .catch((error: unknown) => this.deps.log?.(`cutover of ${waveId}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`))
      .finally(() => {
        if (this.live.get(waveId) === live) this.live.delete(waveId);
      });
  }

  private async loop(waveId: string, live: Live): Promise<void> {
    const run = this.ledger.latest(waveId)!;
    for (;;) {
      if (isShutdown(live)) return;
      // Ended meanwhile (an abort of a run no loop was running while this one was being spawned).
      if (run.status === 'succeeded' || run.status === 'aborted') return;
      if (live.abort.signal.aborted) return this.end(run, 'cancelled', live.abortedBy ? `aborted by ${live.abortedBy}` : 'aborted', live.abortedBy ?? live.by);
      if (live.pauseRequested || run.status === 'paused') {
        if (run.status !== 'paused') run.status = 'paused';
        this.deps.publish(this.view(waveId));
        return;
      }
      const step = run.steps.find((candidate) => !isStepDone(candidate));
      // Team mode: without the wave's lock this cockpit starts no step (another drives the wave, or its lease lapsed).
      const hold = step ? this.deps.mayProceed?.(waveId) : undefined;
      if (hold) {
        live.pauseRequested = true;
        await this.control(run, 'pause', live.by, `paused before step '${step!.def.id}': ${hold}`);
        continue;
      }
      if (!step) return this.end(run, 'succeeded', 'every step done', live.by);
      const ok = await this.execute(run, step, live);
      if (isShutdown(live)) return;
      if (live.abort.signal.aborted)
        return this.end(run, 'cancelled', `aborted${live.abortedBy ? ` by ${live.abortedBy}` : ''} during step '${step.def.id}'`, live.abortedBy ?? live.by);
      if (!ok) {
        await this.snapshot(run.runId, waveId, { moment: 'failed' });
        return;
      }
    }
  }

  /** Runs one attempt of a step; true when the run may go on. */
  private async execute(run: RunState, step: StepState, live: Live): Promise<boolean> {
    const plan = this.deps.plan();
    // The wave as the run started with it: a plan edited mid-run changes neither its steps nor its stacks.
    const wave = plan ? (run.wave ?? plan.waves.find((candidate) => candidate.id === run.waveId)) : undefined;
    const attemptId = randomUUID();
    const attempt = step.attempt + 1;
    const target = { type: 'cutover-step' as const, waveId: run.waveId, stepId: step.def.id };
    const base = { operationId: attemptId, kind: 'cutover-step' as const, target, parentOperationId: run.runId };
    const planned = step.def.action && wave ? this.deps.plannedDetails?.(step.def, wave) : undefined;
    let endAttempt = () => {};
    live.current = { stepId: step.def.id, ended: new Promise<void>((resolve) => (endAttempt = resolve)) };
    try {
      return await this.attempt(run, step, live, { plan, wave, attemptId, attempt, base, planned });
    } finally {
      live.current = undefined;
      endAttempt();
    }
  }

  private async attempt(
    run: RunState,
    step: StepState,
    live: Live,
    {
      plan,
      wave,
      attemptId,
      attempt,
      base,
      planned,
    }: {
      plan: MigrationPlan | undefined;
      wave: WaveModel | undefined;
      attemptId: string;
      attempt: number;
      base: Pick<JournalEntryInput, 'operationId' | 'kind' | 'target' | 'parentOperationId'>;
      planned: Record<string, unknown> | undefined;
    },
  ): Promise<boolean> {
    await this.record({ ...base, phase: 'started', details: { attempt, name: step.def.name, type: stepType(step.def), by: live.by, ...planned } });
    const started = Date.now();

    // Checked again once the start is journaled (that may have waited for the team store): nothing runs without the lock.
    const hold = this.deps.mayProceed?.(run.waveId);
    let outcome: StepOutcome | undefined = hold ? { ok: false, message: `not started: ${hold}` } : undefined;
    // Four eyes: a step that needs approvals waits for them before it does anything; a refusal fails it.
    if (!outcome && step.def.approvals !== undefined) {
      if (!this.deps.approvals) outcome = { ok: false, message: 'this step needs approvals, and this cockpit works alone' };
      else {
        // The step's words while it waits, and once approved, come from the journal's fold (the ledger), alike in
        // every cockpit.
        const approved = await this.deps.approvals.forStep(run, step.def.id, step.def.approvals, live.abort.signal, () =>
          this.deps.publish(this.view(run.waveId)),
        );
        if (!approved.ok) outcome = { ok: false, message: `not approved: ${approved.message}` };
      }
    }
    let confirmedBy: string | undefined;
    let note: string | undefined;
    // A point of no return waits, without the step's timeout (the operator takes the time they need), for the
    // wave's id typed; only then does the step do anything.
    if (!outcome && plan && wave && step.def.pointOfNoReturn) {
      let passed = () => {};
      live.passing = new Promise<void>((resolve) => (passed = resolve));
      try {
        const confirmation = await this.confirmation(step, live, live.abort.signal);
        if (!confirmation) outcome = { ok: false, message: 'not confirmed: the point of no return was not passed' };
        else {
          confirmedBy = confirmation.by;
          note = confirmation.note;
          await this.control(run, 'point-of-no-return', confirmation.by, `point of no return of step '${step.def.id}' passed: the wave id typed`, {
            stepId: step.def.id,
            attemptId,
            ...(confirmation.note ? { note: confirmation.note } : {}),
          });
          if (step.def.manual !== undefined)
            outcome = { ok: true, message: `confirmed by ${confirmation.by} past the point of no return${note ? `: ${note}` : ''}` };
        }
      } finally {
        live.passing = undefined;
        passed();
      }
    }

    const timeout = new AbortController();
    const minutes = step.def.timeoutMinutes;
    const timer = minutes ? setTimeout(() => timeout.abort(), minutes * (this.deps.minuteMs ?? 60_000)) : undefined;
    const signal = AbortSignal.any([live.abort.signal, timeout.signal]);
    try {
      if (outcome) {
        // Decided at the point of no return (not passed; or a manual step confirmed there).
      } else if (!plan || !wave) outcome = { ok: false, message: `wave '${run.waveId}' is not in the loaded plan any more` };
      else if (step.def.manual !== undefined) {
        const confirmation = await this.confirmation(step, live, signal);
        if (confirmation) {
          confirmedBy = confirmation.by;
          note = confirmation.note;
          outcome = { ok: true, message: `confirmed by ${confirmation.by}${confirmation.note ? `: ${confirmation.note}` : ''}` };
        } else outcome = { ok: false, message: 'not confirmed' };
      } else {
        outcome = await this.deps
          .runAction(step.def, {
            runId: run.runId,
            stepId: step.def.id,
            attemptId,
            wave,
            plan,
            signal,
            progress: (message, targets) => {
              if (step.attemptId !== attemptId || step.status !== 'running') return;
              step.message = message;
              if (targets) step.targets = targets.map((t) => ({ ...t }));
              this.deps.publish(this.view(run.waveId));
            },
          })
          .catch((error: unknown) => ({ ok: false, message: error instanceof Error ? error.message : String(error) }));
      }
    } finally {
      clearTimeout(timer);
    }
    outcome ??= { ok: false, message: 'no outcome' };

    const aborted = live.abort.signal.aborted;
    const timedOut = !aborted && timeout.signal.aborted;
    let message = outcome.message;
    if (isShutdown(live)) {
      // Not the operator's abort: the step's outcome is unknown and the run stays open (paused after the restart).
      await this.record({
        ...base,
        phase: 'interrupted',
        durationMs: Date.now() - started,
        message: `interrupted: the cockpit shut down during this step${outcome.message && outcome.message !== 'not confirmed' ? ` (${outcome.message})` : ''}`,
        details: { attempt, by: live.by, ...(outcome.targets ? { targets: outcome.targets } : {}), ...outcome.details },
      });
      return false;
    }
    if (timedOut)
      message = `timed out after ${minutes} min${step.def.manual !== undefined ? ' without confirmation' : ''}${outcome.message && outcome.message !== 'not confirmed' ? `: ${outcome.message}` : ''}`;
    else if (aborted) message = `aborted${outcome.message ? ` (${outcome.message})` : ''}`;
    const ok = outcome.ok && !aborted && !timedOut;
    const warning = !ok && !aborted && !step.def.mustSucceed;
    await this.record({
      ...base,
      phase: ok ? 'succeeded' : aborted ? 'cancelled' : 'failed',
      durationMs: Date.now() - started,
      message: warning ? `${message} (not must-succeed: the runbook goes on)` : message,
      details: {
        attempt,
        by: live.abortedBy ?? live.by,
        ...(warning ? { warning: true } : {}),
        ...(confirmedBy ? { confirmedBy } : {}),
        ...(note ? { note } : {}),
        ...(outcome.targets ? { targets: outcome.targets } : {}),
        ...outcome.details,
      },
    });
    return ok || warning;
  }

  /** Waits for the operator's confirmation of the step (cutover.confirmStep); undefined when `signal` aborts first. */
  private async confirmation(step: StepState, live: Live, signal: AbortSignal): Promise<{ by: string; note?: string } | undefined> {
    const confirmation = await new Promise<{ by: string; note?: string } | undefined>((resolve) => {
      if (signal.aborted) return resolve(undefined);
      live.confirm = { stepId: step.def.id, resolve };
      signal.addEventListener('abort', () => resolve(undefined), { once: true });
    });
    live.confirm = undefined;
    return confirmation;
  }

  /** Ends the run; `by` is who ended it (who drove it to its last step, or who aborted it). */
  private async end(run: RunState, phase: 'succeeded' | 'cancelled', message: string, by: string): Promise<void> {
    if (run.status === 'succeeded' || run.status === 'aborted') return;
    await this.snapshot(run.runId, run.waveId, { moment: phase === 'succeeded' ? 'end' : 'aborted' });
    await this.record({ operationId: run.runId, kind: 'cutover', target: { type: 'wave', waveId: run.waveId }, phase, message, details: { by } });
    this.deps.onRunEnded?.(run);
  }

  private async control(
    run: RunState,
    action: 'pause' | 'resume' | 'retry' | 'abort' | 'point-of-no-return',
    by: string | undefined,
    message: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    const who = by ?? this.deps.defaultActor();
    await this.record({
      operationId: randomUUID(),
      kind: 'cutover-control',
      target: { type: 'wave', waveId: run.waveId },
      phase: 'succeeded',
      parentOperationId: run.runId,
      message: `${message} by ${who}`,
      details: { action, by: who, ...details },
    });
    if (action === 'resume' || action === 'retry') await this.snapshot(run.runId, run.waveId, { moment: action });
  }

  /**
   * Journals each track's snapshot of the wave at a moment of the run (the evidence pack's "at cutover"), and its readiness.
   * The gates judge only whether a run may start: at the start the readiness the start checked is recorded; at every
   * later moment the run holds the wave (its runbook stops replication on purpose), so the gates are recorded as
   * not judged in the phase the run puts the wave in, never as a "not ready" the run itself caused.
   */
  private async snapshot(
    runId: string,
    waveId: string,
    at: { moment: 'start'; readiness: Readiness } | { moment: Exclude<SnapshotMoment, 'start'> },
  ): Promise<void> {
    const tracks = await Promise.resolve(this.deps.snapshots(waveId)).catch((error: unknown) => ({
      error: error instanceof Error ? error.message : String(error),
    }));
    const moment = at.moment;
    const gate: SnapshotReadiness =
      at.moment === 'start' ? { ready: at.readiness.ready, reasons: [...at.readiness.reasons] } : { judged: false, phase: PHASE_AT_MOMENT[at.moment] };
    await this.record({
      operationId: randomUUID(),
      kind: 'cutover-snapshot',
      target: { type: 'wave', waveId },
      phase: 'succeeded',
      parentOperationId: runId,
      message: SNAPSHOT_MESSAGES[moment],
      details: { moment, readiness: gate, ...tracks },
    });
  }

  private requireRun(waveId: string): RunState {
    this.wave(waveId);
    const run = this.ledger.latest(waveId);
    if (!run) throw new CommandError('failed', `wave '${waveId}' has no cutover run yet; start one first`);
    return run;
  }

  private wave(waveId: string): WaveModel {
    const wave = this.deps.plan()?.waves.find((candidate) => candidate.id === waveId);
    if (!wave) throw new CommandError('not-found', `wave '${waveId}' is not in the loaded plan`);
    if (!wave.cutover) throw new CommandError('failed', `wave '${waveId}' has no cutover runbook in the plan`);
    return wave;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
