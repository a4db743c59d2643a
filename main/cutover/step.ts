// What a runbook step's action gets and gives back: the one surface between the runbook engine (runbook.ts) and
// the actions it runs (actions.ts, and through the track seam each track's), kept apart so neither imports the other.
import type { CutoverStepTargetView } from '../api/contract';
import type { MigrationPlan, WaveModel } from '../plan/model';

/** What an automated step reports when it ends. */
export interface StepOutcome {
  readonly ok: boolean;
  readonly message: string;
  readonly targets?: readonly CutoverStepTargetView[];
  /** Facts for the journal that a rollback or the evidence pack needs (what was applied, what was created). */
  readonly details?: Record<string, unknown>;
}

export interface StepContext {
  readonly runId: string;
  /** The operation id of this attempt: Pulumi operations and DMS control record it as their parent. */
  readonly attemptId: string;
  readonly wave: WaveModel;
  readonly plan: MigrationPlan;
  /** Aborts on the step's timeout and on the operator's abort. */
  readonly signal: AbortSignal;
  /** Live progress for the view (not journaled): what the step waits for now, per-stack status. */
  progress(message: string, targets?: readonly CutoverStepTargetView[]): void;
}
