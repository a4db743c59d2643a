// Which runbook controls a run allows, and the labels of step types and run statuses.
import type { CutoverRunView, CutoverStepView, WaveReadinessView } from '../../../../main/api/contract';
import { windowPosition } from './clocks';

export interface RunControls {
  readonly start: boolean;
  /** Start is possible, but the wave is not ready or outside its cutover window: only with an override. */
  readonly startNeedsOverride: boolean;
  readonly pause: boolean;
  readonly resume: boolean;
  readonly retry: boolean;
  readonly abort: boolean;
  readonly rollback: boolean;
  /**
   * The run cut the wave over (succeeded, not rolled back; maybe finalized): rolling back or finalizing comes first,
   * a new run (which the core still accepts) is offered last.
   */
  readonly startLast: boolean;
  /** The manual step waiting for its confirmation, if any. */
  readonly waitingStepId: string | null;
}

/** Which controls the run allows now (the core's state rules; the core still has the last word). */
export function runControls(run: CutoverRunView, readiness: WaveReadinessView | undefined, pending: boolean, now = Date.now()): RunControls {
  const rollingBack = run.rollback?.status === 'running';
  const startable = !pending && !rollingBack && ['not-started', 'succeeded', 'aborted'].includes(run.status);
  const position = windowPosition(run, now);
  const ready = readiness?.ready === true && (position === 'inside' || position === 'none');
  const anyRan = run.steps.some((step) => step.attempt > 0);
  const waiting = run.steps.find((step) => step.status === 'waiting');
  // The core rolls back the latest run unless it was finalized or is running (main/core/cutover-service.ts,
  // runbook.ts endForRollback). After a rollback that failed, rolling back again does what is left; after one that
  // succeeded there is nothing left to undo, so it is not offered (a new run comes next).
  const rolledBack = run.rollback?.status === 'succeeded';
  return {
    start: startable && ready,
    startNeedsOverride: startable && !ready,
    pause: !pending && run.status === 'running',
    // Resume while pausing withdraws the pause.
    resume: !pending && (run.status === 'paused' || run.status === 'pausing'),
    retry: !pending && run.status === 'failed' && run.rollback === null && run.steps.some((step) => step.status === 'failed'),
    abort: !pending && ['running', 'pausing', 'paused', 'failed'].includes(run.status),
    rollback: !pending && !rollingBack && !rolledBack && run.finalized === null && run.runId !== null && anyRan && !['running', 'pausing'].includes(run.status),
    startLast: run.status === 'succeeded' && run.rollback === null,
    waitingStepId: !pending && run.status === 'running' && waiting ? waiting.id : null,
  };
}

/** Words of the core's step types; a track's are in its TrackUi.stepLabels (seam/contributions.ts). */
const STEP_TYPE_LABELS: Readonly<Partial<Record<CutoverStepView['type'], string>>> = {
  manual: 'Manual',
  'pulumi-up': 'Automated: Pulumi up',
  register: 'Automated: register',
  'http-check': 'Automated: HTTP check',
};

/** A step type in words: the core's, else the track's that declares it (`trackLabel`), else the type itself. */
export function stepTypeLabel(type: CutoverStepView['type'], trackLabel: (type: string) => string | undefined): string {
  return STEP_TYPE_LABELS[type] ?? trackLabel(type) ?? type;
}

export const RUN_STATUS_LABELS: Record<CutoverRunView['status'], string> = {
  'not-started': 'Not started',
  running: 'Running',
  pausing: 'Pausing (the running step ends first)',
  paused: 'Paused',
  failed: 'Failed',
  succeeded: 'Succeeded',
  aborted: 'Aborted',
};

/** Team mode, the store away: what would start something is off (start, resume, retry, a confirmation, a rollback); pause and abort stay. */
export function withoutStarts(controls: RunControls, storeAway: boolean): RunControls {
  if (!storeAway) return controls;
  return { ...controls, start: false, startNeedsOverride: false, resume: false, retry: false, rollback: false, waitingStepId: null };
}
