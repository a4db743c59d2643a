// What a shift's view says beyond its fields, pure: whether it still runs, whether the operator holds it, its current
// step and the one after, where an abort would take the weights, each planned step's place in the run (skipped at the
// start, promoted, aborted, current, upcoming), whether a promotion needs a reason (the current step has failed
// measurements, as the core checks: main/tracks/traffic/runtime.ts), and what each operator command may do now.
// The words for all of it are words.ts'; this module only decides.
import type { ShiftState } from '../../../../common/tracks/traffic';
import type { CutoverRunView } from '../../../../main/api/contract';
import type { ShiftView } from '../../../../main/tracks/traffic/contract';

export type ShiftStepRecord = ShiftView['stepRecords'][number];
export type MeasurementView = ShiftStepRecord['measurements'][string][number];
export type ThresholdsView = ShiftView['services'][number]['thresholds'];
export type OperatorEvent = ShiftView['operator'][number];

/** What the operator can ask of a running shift (the traffic.* commands). */
export type ShiftCommand = 'pause' | 'resume' | 'promote' | 'abort';
export const SHIFT_COMMANDS: readonly ShiftCommand[] = ['pause', 'resume', 'promote', 'abort'];

/** The shortest reason the core takes for an abort (and the cockpit asks of a promotion over failed measurements). */
export const MIN_SHIFT_REASON = 3;
/** The longest reason the contract takes. */
export const MAX_SHIFT_REASON = 500;

/** The states of a shift still running (main/tracks/traffic/runtime.ts RUNNING_STATES): the commands reach it. */
const RUNNING: ReadonlySet<ShiftState> = new Set(['starting', 'writing', 'syncing', 'analysing', 'paused', 'awaiting-operator', 'aborting']);
/** The states in which a step's pause runs (the analysis measures): a promotion ends it. */
const IN_PAUSE: ReadonlySet<ShiftState> = new Set(['analysing', 'paused', 'awaiting-operator']);

export function isShiftRunning(state: ShiftState): boolean {
  return RUNNING.has(state);
}

/** The step the shift is on (or ended on): its newest record, or null before the first step's weights are written. */
export function currentStep(shift: ShiftView): ShiftStepRecord | null {
  return shift.stepRecords[shift.stepRecords.length - 1] ?? null;
}

/** The planned step after the current one (1-based numbers), or null when the current one is the last. */
export function nextStep(shift: ShiftView): { readonly number: number; readonly percent: number } | null {
  const current = currentStep(shift);
  const index = current ? current.step : shift.steps.findIndex((step) => step.percent > shift.fromPercent);
  if (index < 0 || index >= shift.steps.length) return null;
  return { number: index + 1, percent: shift.steps[index]!.percent };
}

/**
 * Whether the operator holds the shift: the engine says paused, or the last pause or resume it recorded was a pause
 * (it records them at its next check, and says `paused` only while a step's analysis runs).
 */
export function operatorPaused(shift: ShiftView): boolean {
  if (!isShiftRunning(shift.state)) return false;
  if (shift.state === 'paused') return true;
  for (let index = shift.operator.length - 1; index >= 0; index -= 1) {
    const what = shift.operator[index]!.what;
    if (what === 'pause') return true;
    if (what === 'resume') return false;
  }
  return false;
}

/** The current step's failed measurements, every service's. */
export function failedMeasurements(step: ShiftStepRecord | null): number {
  if (!step) return 0;
  return Object.values(step.measurements).reduce((sum, list) => sum + list.filter((measurement) => measurement.verdict === 'fail').length, 0);
}

/** A promotion now needs a reason: the current step's analysis has failed measurements (the core refuses it without). */
export function promoteNeedsReason(shift: ShiftView): boolean {
  return failedMeasurements(currentStep(shift)) > 0;
}

/** Whether a command needs a reason now: an abort always; a promotion over failed measurements. */
export function reasonRequired(shift: ShiftView, command: ShiftCommand): boolean {
  return command === 'abort' || (command === 'promote' && promoteNeedsReason(shift));
}

/** Whether a reason (as typed) is enough for the command: trimmed, at least MIN_SHIFT_REASON when required. */
export function reasonAccepted(shift: ShiftView, command: ShiftCommand, reason: string): boolean {
  const length = reason.trim().length;
  if (length > MAX_SHIFT_REASON) return false;
  return reasonRequired(shift, command) ? length >= MIN_SHIFT_REASON : true;
}

/** The percent of the last step whose analysis passed (promoted), else the percent the shift started from. */
export function lastGoodPercent(shift: ShiftView): number {
  for (let index = shift.stepRecords.length - 1; index >= 0; index -= 1) {
    const step = shift.stepRecords[index]!;
    if (step.decision === 'promoted') return step.percent;
  }
  return shift.fromPercent;
}

/** Where an abort now takes every service's weights: 0 % (`zero`) or the last step that passed (`last-good`). */
export function abortTarget(shift: ShiftView): number {
  return shift.onFailure === 'zero' ? 0 : lastGoodPercent(shift);
}

/** Why a command cannot be sent now, as a key words.ts says; null when it can. */
export type CommandHold = 'sending' | 'ended' | 'aborting' | 'paused' | 'not-paused' | 'no-pause' | null;

export function commandHold(shift: ShiftView, command: ShiftCommand, pending: ShiftCommand | undefined): CommandHold {
  if (pending) return 'sending';
  if (!isShiftRunning(shift.state)) return 'ended';
  if (shift.state === 'aborting') return 'aborting';
  const paused = operatorPaused(shift);
  if (command === 'pause' && paused) return 'paused';
  if (command === 'resume' && !paused) return 'not-paused';
  if (command === 'promote' && !IN_PAUSE.has(shift.state)) return 'no-pause';
  return null;
}

/** Where a planned step stands in the run. */
export type StepStatus = 'skipped' | 'promoted' | 'aborted' | 'current' | 'stopped' | 'upcoming' | 'not-run';

export interface StepRow {
  /** 1-based, as the plan lists it. */
  readonly number: number;
  readonly percent: number;
  readonly pauseSeconds: number;
  readonly status: StepStatus;
  /** The run's record of the step, when it was reached. */
  readonly record: ShiftStepRecord | null;
}

/**
 * Every planned step with its place in the run: a step at or below the percent the shift started from is skipped; a
 * step reached is promoted, aborted, the current one (while the shift runs) or stopped undecided (the shift ended on it
 * without a decision: a write or a wait failed); a step not reached is upcoming while the shift runs, else not run.
 */
export function stepRows(shift: ShiftView): StepRow[] {
  const running = isShiftRunning(shift.state);
  return shift.steps.map((step, index) => {
    const number = index + 1;
    const record = shift.stepRecords.find((candidate) => candidate.step === number) ?? null;
    const base = { number, percent: step.percent, pauseSeconds: step.pauseSeconds, record };
    if (record) {
      if (record.decision === 'promoted') return { ...base, status: 'promoted' };
      if (record.decision === 'aborted') return { ...base, status: 'aborted' };
      return { ...base, status: running ? 'current' : 'stopped' };
    }
    if (step.percent <= shift.fromPercent) return { ...base, status: 'skipped' };
    return { ...base, status: running ? 'upcoming' : 'not-run' };
  });
}

/** The thresholds a service's measurements are judged against in this shift, or null when it is not the shift's. */
export function thresholdsOf(shift: ShiftView, stackId: string): ThresholdsView | null {
  return shift.services.find((service) => service.stackId === stackId)?.thresholds ?? null;
}

/** Whether the shift moves the stack's service. */
export function shiftMoves(shift: ShiftView, stackId: string): boolean {
  return shift.services.some((service) => service.stackId === stackId);
}

/** The wave's rollback of a run, as the Traffic tab needs it (words.ts ShiftRollback). */
export interface RunRollback {
  readonly status: 'running' | 'succeeded' | 'failed';
  readonly by: string;
  readonly reason: string | null;
}

/**
 * Per wave, the rollback of the run its shift was a step of (the cutover's view of the wave's latest run, when it is
 * that run and has one): after it, the shift's record is history and the weights are the rollback's.
 */
export function shiftRollbacks(
  shifts: Readonly<Record<string, ShiftView>>,
  runs: Readonly<Record<string, Pick<CutoverRunView, 'runId' | 'rollback'>>>,
): Readonly<Record<string, RunRollback>> {
  const found: Record<string, RunRollback> = {};
  for (const [waveId, shift] of Object.entries(shifts)) {
    const run = runs[waveId];
    if (!run?.rollback || run.runId !== shift.runId) continue;
    found[waveId] = { status: run.rollback.status, by: run.rollback.startedBy, reason: run.rollback.reason };
  }
  return found;
}
