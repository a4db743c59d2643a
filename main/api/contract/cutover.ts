// The API contract — the cutover runbook (main/cutover/): steps, compensations, rollbacks, runs and the cutover.* commands.
import { z } from 'zod';
import { MAX_OVERRIDE_REASON, MIN_OVERRIDE_REASON } from '../../../common/limits';
import { CORE_ACTION_TYPES } from '../../../common/runbook';
import { CUTOVER_STEP_STATUSES } from '../../../common/states';
import { TRACK_ACTION_TYPES } from '../../../common/tracks/index';
import { JournalEntrySchema } from '../../journal/entry';

export { CUTOVER_STEP_STATUSES };

/** One stack's (or task's) part of an automated step. */
export const CutoverStepTargetViewSchema = z.object({
  stackId: z.string(),
  status: z.enum(['pending', 'running', 'succeeded', 'failed', 'skipped']),
  message: z.string().nullable(),
  /** The Pulumi operation the step ran on the stack, and its update version. */
  operationId: z.string().nullable(),
  updateVersion: z.number().int().nullable(),
});
export type CutoverStepTargetView = z.infer<typeof CutoverStepTargetViewSchema>;

/**
 * Who did it as the journal recorded it, shown beside the name typed into a confirmation (never instead of it): the
 * OS user of the core (user@host) and, on AWS, the caller identity (account and ARN only, never a credential).
 */
export const RunActorViewSchema = JournalEntrySchema.pick({ actor: true, awsIdentity: true });
export type RunActorView = z.infer<typeof RunActorViewSchema>;

export const CutoverStepViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** `manual`, or the action's type (the core's and each track's; renderer/src/tracks/tracks.test.ts holds each to words). */
  type: z.enum(['manual', ...CORE_ACTION_TYPES, ...TRACK_ACTION_TYPES]),
  /** The checklist text of a manual step, or what the action does, in words. */
  description: z.string(),
  mustSucceed: z.boolean(),
  timeoutMinutes: z.number().nullable(),
  status: z.enum(CUTOVER_STEP_STATUSES),
  /** 0 until it first runs; each retry adds one. */
  attempt: z.number().int(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Progress while it runs (what it waits for), its result or why it failed. */
  message: z.string().nullable(),
  /** Manual steps: who confirmed, and when. */
  confirmedBy: z.string().nullable(),
  /** Who confirmed, as the journal recorded it (absent unless confirmed). */
  confirmedByActor: RunActorViewSchema.optional(),
  confirmedAt: z.string().nullable(),
  /**
   * The plan marks the step as the point of no return: before it does anything it waits for the operator to type the
   * wave's id (cutover.confirmStep with `typed`); once past it, a rollback can no longer undo what it did.
   */
  pointOfNoReturn: z.boolean(),
  /** Who went past the point of no return (typed the wave's id), and when; null until someone did. */
  passedPointOfNoReturn: z.object({ by: z.string(), at: z.string() }).nullable(),
  targets: z.array(CutoverStepTargetViewSchema),
});
export type CutoverStepView = z.infer<typeof CutoverStepViewSchema>;

export const CompensationViewSchema = z.object({
  id: z.string(),
  /** What it undoes, in words (e.g. "stack config back to the data center: platform-production/app1101 (removes traffic target)"). */
  label: z.string(),
  /** The compensation that runs it, as its declaration names it (core: config-back, deregister; DMS: stop-forward, start-reverse). */
  action: z.string(),
  /** The system it acts on (pulumi, registry; DMS: dms). */
  system: z.string(),
  stackId: z.string(),
  /** The runbook step it compensates. */
  forStepId: z.string(),
  status: z.enum(['pending', 'running', 'succeeded', 'failed', 'skipped']),
  message: z.string().nullable(),
  operationId: z.string().nullable(),
});
export type CompensationView = z.infer<typeof CompensationViewSchema>;

export const CutoverRollbackViewSchema = z.object({
  rollbackId: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  startedBy: z.string(),
  /** Who started the rollback, as the journal recorded it (absent when not known). */
  startedByActor: RunActorViewSchema.optional(),
  /** The reason the operator typed for the rollback (null in journals written before it was required). */
  reason: z.string().nullable(),
  /** Compensating steps in the order they run. */
  steps: z.array(CompensationViewSchema),
  /** Where things stand: what was undone, what failed, what was not done, per system. */
  summary: z.string().nullable(),
  /** What the operator does next by hand: the plan's manual rollback steps of the steps that ran, latest first. */
  nextSteps: z.array(z.string()),
});
export type CutoverRollbackView = z.infer<typeof CutoverRollbackViewSchema>;

/** A compensation a rollback of the run would run now (the core's plan, for the confirmation). */
export const PlannedCompensationViewSchema = CompensationViewSchema.pick({ id: true, label: true, system: true, stackId: true, forStepId: true }).extend({
  /** An earlier rollback did it already: the next one skips it. */
  done: z.boolean(),
});
export type PlannedCompensationView = z.infer<typeof PlannedCompensationViewSchema>;

/**
 * What a rollback can no longer undo: a step past its point of no return took a system's way back away for these
 * stacks (main/cutover/rollback-across.ts foreclosures). The rollback plan leaves those compensations out and says this.
 */
export const NoWayBackViewSchema = z.object({
  stepId: z.string(),
  stepName: z.string(),
  /** The system that cannot go back ('keyspaces'), and its title ('Keyspaces'). */
  system: z.string(),
  systemTitle: z.string(),
  stackIds: z.array(z.string()),
  /** Who typed the wave's id to go past the point of no return, and when. */
  passedBy: z.string(),
  passedAt: z.string(),
  /** Why, and what the operator does instead, in words. */
  says: z.string(),
});
export type NoWayBackView = z.infer<typeof NoWayBackViewSchema>;

/** What rolling a stack back would lose, said before the operator confirms (main/cutover/rollback-impact.ts). */
export const RollbackImpactViewSchema = z.object({
  stackId: z.string(),
  /** none: nothing written on AWS is lost; writes: the writes made on AWS since the switch are lost. */
  loss: z.enum(['none', 'writes']),
  /** When traffic went to AWS for this stack (ISO, core clock), or null when it never did. */
  switchedAt: z.string().nullable(),
  /** Estimated rows written on AWS since the switch, or null when no write rate is known. */
  estimatedRows: z.number().nullable(),
  /** How the estimate (or the absence of loss) was arrived at, in words. */
  basis: z.string(),
});
export type RollbackImpactView = z.infer<typeof RollbackImpactViewSchema>;

/** One step of a run on the planned-vs-actual timeline (main/cutover/timeline.ts); times ISO on the core's clock. */
export const TimelineStepViewSchema = z.object({
  stepId: z.string(),
  name: z.string(),
  /**
   * Planned from the run's start and the steps' planned minutes; null where the plan says nothing. A step without
   * planned minutes has no planned end (its timeout is a limit, not a plan), and the steps after it no planned start.
   */
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  status: z.string(),
  /** Per stack (or task) the step acted on: when its own operation started and ended. */
  stacks: z.array(z.object({ stackId: z.string(), start: z.string().nullable(), end: z.string().nullable(), status: z.string() })),
  /** Every attempt of the step, oldest first (a retried step has more than one; the last is the actual times above). */
  attempts: z.array(z.object({ attempt: z.number(), start: z.string(), end: z.string().nullable(), status: z.string() })),
});
export type TimelineStepView = z.infer<typeof TimelineStepViewSchema>;

export const CutoverRunViewSchema = z.object({
  waveId: z.string(),
  /** null until the runbook first starts. */
  runId: z.string().nullable(),
  status: z.enum(['not-started', 'running', 'pausing', 'paused', 'failed', 'succeeded', 'aborted']),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  startedBy: z.string().nullable(),
  /** Who started the run, as the journal recorded it (absent before the run starts, or when not known). */
  startedByActor: RunActorViewSchema.optional(),
  /** Readiness when the run started (the override's reason when it started anyway). */
  readinessAtStart: z.object({ ready: z.boolean(), reasons: z.array(z.string()) }).nullable(),
  /** The override a start needed: its reason, who and when, and why the start was outside the window if it was. */
  override: z.object({ reason: z.string(), by: z.string(), at: z.string(), outsideWindow: z.string().nullable() }).nullable(),
  clock: z.object({
    /** The wave's cutover window (T-minus counts to its start). */
    windowStart: z.string().nullable(),
    windowEnd: z.string().nullable(),
    downtimeBudgetMinutes: z.number(),
    /** When downtime began (the first freeze-check, else the run's start), or null before. */
    downtimeStartedAt: z.string().nullable(),
    /** When downtime ended (the run ended), or null while it lasts. */
    downtimeEndedAt: z.string().nullable(),
    /** The time these views were computed; a UI ticks on from here. */
    asOf: z.string(),
  }),
  /** Team mode: how many approvals the plan's wave needs before a run starts (absent: none). */
  approvalsToStart: z.number().int().optional(),
  currentStepId: z.string().nullable(),
  /** The run's state in words (why it is paused or failed, what to do next). */
  message: z.string().nullable(),
  steps: z.array(CutoverStepViewSchema),
  rollback: CutoverRollbackViewSchema.nullable(),
  /** Who finalized the cut-over wave and when (rollback is closed from then on), or null. */
  finalized: z.object({ by: z.string(), byActor: RunActorViewSchema.optional(), at: z.string(), reason: z.string() }).nullable(),
  /** What a rollback would do now, in order (empty when no automated step ran). */
  rollbackPlan: z.array(PlannedCompensationViewSchema),
  /** What a rollback can no longer undo (steps past their point of no return); empty while every way back is open. */
  noWayBack: z.array(NoWayBackViewSchema),
  /** Per stack of the run, what a rollback now would lose (empty before any step ran or once rolled back). */
  rollbackImpact: z.array(RollbackImpactViewSchema),
  /** Planned vs actual, per step and per stack (empty before the run starts). */
  timeline: z.array(TimelineStepViewSchema),
  /**
   * How the plan's wave differs from the one this run started with (steps, stacks, budget, window), in words;
   * empty when it does not. The run keeps its own runbook and stacks; a new run takes the plan's.
   */
  planChanges: z.array(z.string()),
});
export type CutoverRunView = z.infer<typeof CutoverRunViewSchema>;

const WaveRequest = z.strictObject({
  waveId: z.string().min(1),
  /** Who does it (default: the OS user of the core). */
  by: z.string().min(1).max(200).optional(),
});

export const cutoverCommands = {
  /** Every wave with a runbook: its latest run (or not-started) with steps, clock and rollback. */
  'cutover.state': { request: z.strictObject({ waveId: z.string().min(1).optional() }), response: z.array(CutoverRunViewSchema) },
  /** Starts the wave's runbook; refused when the wave is not ready unless overridden with a typed reason (recorded). */
  'cutover.start': {
    request: WaveRequest.extend({
      override: z
        .strictObject({
          reason: z
            .string()
            .trim()
            .min(MIN_OVERRIDE_REASON, { error: `expected a reason of at least ${MIN_OVERRIDE_REASON} characters for starting a wave that is not ready` })
            .max(MAX_OVERRIDE_REASON),
        })
        .optional(),
    }),
    response: CutoverRunViewSchema,
  },
  /** No new step starts after the running one ends. */
  'cutover.pause': { request: WaveRequest, response: CutoverRunViewSchema },
  'cutover.resume': { request: WaveRequest, response: CutoverRunViewSchema },
  /** Runs the failed step again, then the rest. */
  'cutover.retry': { request: WaveRequest, response: CutoverRunViewSchema },
  /** Cancels the running step and ends the run; roll back with cutover.rollback. */
  'cutover.abort': { request: WaveRequest, response: CutoverRunViewSchema },
  /** Confirms the manual step the run waits on; who and when are recorded. */
  'cutover.confirmStep': {
    request: WaveRequest.extend({
      stepId: z.string().min(1),
      note: z.string().max(2000).optional(),
      /** What the operator typed: a point-of-no-return step goes on only when it is the wave's id. */
      typed: z.string().max(200).optional(),
    }),
    response: CutoverRunViewSchema,
  },
  /** Rolls the wave back across systems: compensating steps in reverse order, stopping at the first failure. */
  'cutover.rollback': {
    request: WaveRequest.extend({
      reason: z
        .string()
        .trim()
        .min(MIN_OVERRIDE_REASON, { error: `expected a reason of at least ${MIN_OVERRIDE_REASON} characters for rolling the wave back` })
        .max(MAX_OVERRIDE_REASON),
    }),
    response: CutoverRunViewSchema,
  },
  /** Marks a cut-over wave final (as MGN's "finalize cutover"): its rollback is closed. Needs a typed reason. */
  'cutover.finalize': {
    request: WaveRequest.extend({
      reason: z
        .string()
        .trim()
        .min(MIN_OVERRIDE_REASON, { error: `expected a reason of at least ${MIN_OVERRIDE_REASON} characters for finalizing the cutover` })
        .max(MAX_OVERRIDE_REASON),
    }),
    response: CutoverRunViewSchema,
  },
  /** The wave's evidence pack for the change board, built from the journal. */
  'evidence.export': {
    request: z.strictObject({ waveId: z.string().min(1), format: z.enum(['markdown', 'html']) }),
    response: z.object({ fileName: z.string(), content: z.string() }),
  },
} as const;
