// What a track adds to the cutover runbook: the actions a step may run, what undoes them in a rollback across
// systems, and what a rollback would lose. The core declares its own actions the same way
// (main/cutover/core-actions.ts); the runbook engine, the ledger's step texts, the rollback and its loss estimate
// read the declarations, never an action's type by name. `R` is the track's runtime: what its actions act through.
import type { ActionRole, CompensationPhase } from '../../common/runbook';
import type { CompensationView, CutoverStepTargetView, RollbackImpactView } from '../api/contract';
import type { MigrationPlan, WaveModel } from '../plan/model';

export type { ActionRole } from '../../common/runbook';

/** A stack's line in a step's view: how the step stands on it, why, and the operation it ran there. */
export const stepTarget = (
  stackId: string,
  status: CutoverStepTargetView['status'],
  message: string | null = null,
  operationId: string | null = null,
): CutoverStepTargetView => ({ stackId, status, message, operationId, updateVersion: null });

/** What an automated step reports when it ends. */
export interface StepOutcome {
  readonly ok: boolean;
  readonly message: string;
  readonly targets?: readonly CutoverStepTargetView[];
  /** Facts for the journal that a rollback or the evidence pack needs (what was applied, what was created). */
  readonly details?: Record<string, unknown>;
}

/** What an automated step's action gets from the runbook engine. */
export interface StepContext {
  readonly runId: string;
  /** The runbook step this attempt runs. */
  readonly stepId: string;
  /** The operation id of this attempt: Pulumi operations and DMS control record it as their parent. */
  readonly attemptId: string;
  readonly wave: WaveModel;
  readonly plan: MigrationPlan;
  /** Aborts on the step's timeout and on the operator's abort. */
  readonly signal: AbortSignal;
  /** Live progress for the view (not journaled): what the step waits for now, per-stack status. */
  progress(message: string, targets?: readonly CutoverStepTargetView[]): void;
}

/** A step of a run that ran at least once, as a declaration's compensations read it. */
export interface RanStep {
  readonly def: { readonly id: string; readonly name: string };
  readonly attempt: number;
  /** What its attempts journaled (the stacks a deploy reached, the registrations it created). */
  readonly details: Readonly<Record<string, unknown>>;
  /** The operator went past the step's point of no return (typed the confirmation): who and when; null if never. */
  readonly passedPointOfNoReturn: { readonly by: string; readonly at: string } | null;
}

/**
 * What a step past its point of no return took away from a rollback: the system's compensations for these stacks
 * are no longer planned, and the rollback plan, its summary and the evidence say so in `says`.
 */
export interface Foreclosure {
  /** The system whose way back is gone ('keyspaces'). */
  readonly system: string;
  readonly stackIds: readonly string[];
  /** Why, and what the operator does instead, in words. */
  readonly says: string;
}

/** A compensating step of a rollback, as planned and journaled (old journals read back the same: keep the names). */
export interface CompensationDef {
  readonly id: string;
  readonly label: string;
  /** The CompensationDecl that runs it ('config-back', 'stop-forward', …). */
  readonly action: string;
  /** The system it acts on ('pulumi', 'dms', 'registry'). */
  readonly system: string;
  readonly stackId: string;
  readonly forStepId: string;
  /** For DMS compensations: the task (forward: its cockpit key; reverse: its DMS identifier). */
  readonly taskKey?: string;
  readonly taskId?: string;
}

/** How a compensation ended; 'interrupted' when the core shut down while it ran. */
export interface CompensationResult {
  readonly status: 'succeeded' | 'skipped' | 'failed' | 'interrupted';
  readonly message: string;
  readonly operationId?: string;
}

export interface CompensationContext {
  readonly plan: MigrationPlan;
  /** The compensation's own operation id: what it runs records it as its parent. */
  readonly operationId: string;
  /** Aborts when the core shuts down. */
  readonly signal: AbortSignal;
}

export interface ActionDecl<A extends { readonly type: string } = { readonly type: string }, R = unknown> {
  readonly type: A['type'];
  readonly role: ActionRole;
  /** The downtime starts with the first step of this action, unless a step of the plan says it does. */
  readonly startsDowntime?: boolean;
  /** What the step does, in words (the views, the evidence pack). */
  describe(action: A): string;
  /** Facts to journal when the step starts, before it touches anything (the cutover config a deploy applies). */
  plannedDetails?(action: A, wave: WaveModel): Record<string, unknown> | undefined;
  run(action: A, step: StepContext, runtime: R): Promise<StepOutcome>;
  /** What undoes the step in a rollback, latest first within the declaration's own order. */
  compensations?(action: A, step: RanStep, wave: WaveModel | undefined, plan: MigrationPlan): CompensationDef[];
  /**
   * The step cannot be undone: the plan must mark it `pointOfNoReturn` (the engine then waits for the operator to
   * type the wave's id before it runs), and once the operator went past it, what a rollback can no longer undo.
   */
  forecloses?(action: A, step: RanStep, wave: WaveModel | undefined, plan: MigrationPlan): Foreclosure;
}

export interface CompensationDecl<R = unknown> {
  readonly action: string;
  readonly system: string;
  /** The system's name in the rollback's summary ('Replication'). */
  readonly systemTitle: string;
  readonly phase: CompensationPhase;
  execute(def: CompensationDef, context: CompensationContext, runtime: R): Promise<CompensationResult>;
  /** Where the system stands for this compensation after the rollback (or where it stopped), in words. */
  standing(def: CompensationDef, status: CompensationView['status'], message: string | undefined): string;
}

export interface ImpactClock {
  /** The core's clock now (ms). */
  readonly now: number;
  /** Data seconds per wall second (1 on AWS; the rehearsal may run faster). */
  readonly dataClockRate: number;
}

/** What a track knows of a stack whose traffic moved to AWS, for a rollback's loss estimate. */
export interface LossInput {
  readonly stackId: string;
  /** When traffic moved (ISO, core clock), and the same in words ("since traffic moved at 01:02:03 UTC"). */
  readonly switchedAt: string;
  readonly since: string;
  /** The run's start snapshot as journaled: `details` of its `cutover-snapshot` entry, keyed by track id. */
  readonly atStart: Readonly<Record<string, unknown>> | null;
  readonly plan: MigrationPlan;
  readonly clock: ImpactClock;
}

/** An action declaration of any action type: the catalog dispatches to it by `type`. */
export type AnyActionDecl<R = unknown> = ActionDecl<{ readonly type: string }, R>;

export interface RunbookPart<R = unknown> {
  readonly actions: readonly AnyActionDecl<R>[];
  readonly compensations: readonly CompensationDecl<R>[];
  /** What rolling the stack back loses, when this track knows; null leaves it to the next track, then the core. */
  lossEstimate?(input: LossInput): Pick<RollbackImpactView, 'loss' | 'estimatedRows' | 'basis'> | null;
}
