// What a shift's view says beyond its fields: running or ended, held by the operator (also between its record's
// states), its current and next step, the abort target for either policy, each planned step's place in the run, when a
// promotion needs a reason, and which command each state allows.
import { describe, expect, it } from 'vitest';
import { SHIFT_STATES } from '../../../../common/tracks/traffic';
import {
  abortTarget,
  commandHold,
  currentStep,
  failedMeasurements,
  isShiftRunning,
  lastGoodPercent,
  nextStep,
  operatorPaused,
  promoteNeedsReason,
  reasonAccepted,
  reasonRequired,
  SHIFT_COMMANDS,
  stepRows,
  thresholdsOf,
} from './shifts';
import { abortedShift, failedShift, runningShift, THRESHOLDS } from './traffic-fixtures';

const starting = { ...runningShift, state: 'starting' as const, percent: 0, stepRecords: [], operator: [] };

describe('a shift in the view', () => {
  it('runs until it completed, aborted or failed', () => {
    expect(SHIFT_STATES.filter(isShiftRunning)).toEqual(['starting', 'writing', 'syncing', 'analysing', 'paused', 'awaiting-operator', 'aborting']);
  });

  it('knows its current step, the one after, and the step before the first', () => {
    expect(currentStep(runningShift)?.step).toBe(2);
    expect(nextStep(runningShift)).toEqual({ number: 3, percent: 50 });
    expect(currentStep(starting)).toBeNull();
    expect(nextStep(starting)).toEqual({ number: 1, percent: 5 });
    // From 25 %: steps 1 and 2 are skipped, the first one run is step 3.
    expect(nextStep({ ...starting, fromPercent: 25 })).toEqual({ number: 3, percent: 50 });
    const last = { ...runningShift, stepRecords: [{ ...runningShift.stepRecords[1]!, step: 4, percent: 100 }] };
    expect(nextStep(last)).toBeNull();
  });

  it('reads paused from the state, or from the last pause or resume recorded while it writes or syncs', () => {
    expect(operatorPaused(runningShift)).toBe(false);
    expect(operatorPaused({ ...runningShift, state: 'paused' })).toBe(true);
    const pausedAgain = { ...runningShift, state: 'syncing' as const, operator: [...runningShift.operator, { ...runningShift.operator[0]!, step: 2 }] };
    expect(operatorPaused(pausedAgain)).toBe(true);
    // An ended shift is held by nobody.
    expect(operatorPaused({ ...pausedAgain, state: 'aborted' })).toBe(false);
  });

  it('returns to 0 % on `zero`, to the last step that passed on `last-good`', () => {
    expect(abortTarget(runningShift)).toBe(0);
    expect(lastGoodPercent(runningShift)).toBe(5);
    expect(abortTarget({ ...runningShift, onFailure: 'last-good' })).toBe(5);
    expect(abortTarget({ ...starting, onFailure: 'last-good', fromPercent: 25 })).toBe(25);
  });

  it('places every planned step in the run: skipped below the start, promoted, aborted, now, to come, not run', () => {
    expect(stepRows(runningShift).map((row) => [row.number, row.percent, row.status])).toEqual([
      [1, 5, 'promoted'],
      [2, 25, 'current'],
      [3, 50, 'upcoming'],
      [4, 100, 'upcoming'],
    ]);
    expect(stepRows(abortedShift).map((row) => row.status)).toEqual(['promoted', 'aborted', 'not-run', 'not-run']);
    expect(stepRows({ ...starting, fromPercent: 25 }).map((row) => row.status)).toEqual(['skipped', 'skipped', 'upcoming', 'upcoming']);
    // Ended on a step that was never decided (its weights could not be written): stopped.
    expect(stepRows({ ...runningShift, state: 'failed' }).map((row) => row.status)).toEqual(['promoted', 'stopped', 'not-run', 'not-run']);
  });

  it('wants a reason for an abort always, for a promotion only over failed measurements, 3 characters at least', () => {
    expect(failedMeasurements(currentStep(runningShift))).toBe(1);
    expect(promoteNeedsReason(runningShift)).toBe(true);
    const clean = { ...runningShift, stepRecords: [runningShift.stepRecords[0]!] };
    expect(promoteNeedsReason(clean)).toBe(false);
    expect(reasonRequired(clean, 'abort')).toBe(true);
    expect(reasonRequired(clean, 'promote')).toBe(false);
    expect(reasonRequired(clean, 'pause')).toBe(false);
    expect(reasonAccepted(runningShift, 'abort', '  ok ')).toBe(false);
    expect(reasonAccepted(runningShift, 'abort', '5xx')).toBe(true);
    expect(reasonAccepted(runningShift, 'promote', '')).toBe(false);
    expect(reasonAccepted(clean, 'promote', '')).toBe(true);
    expect(reasonAccepted(clean, 'abort', 'x'.repeat(501))).toBe(false);
  });

  it('allows each command only where it makes sense, and none while one is on its way or after the end', () => {
    const allowed = (shift: typeof runningShift) => SHIFT_COMMANDS.map((command) => [command, commandHold(shift, command, undefined)]);
    expect(allowed(runningShift)).toEqual([
      ['pause', null],
      ['resume', 'not-paused'],
      ['promote', null],
      ['abort', null],
    ]);
    expect(allowed({ ...runningShift, state: 'paused' })).toEqual([
      ['pause', 'paused'],
      ['resume', null],
      ['promote', null],
      ['abort', null],
    ]);
    expect(commandHold({ ...runningShift, state: 'syncing' }, 'promote', undefined)).toBe('no-pause');
    expect(commandHold({ ...runningShift, state: 'aborting' }, 'abort', undefined)).toBe('aborting');
    for (const shift of [abortedShift, failedShift]) expect(commandHold(shift, 'abort', undefined)).toBe('ended');
    expect(commandHold(runningShift, 'abort', 'pause')).toBe('sending');
  });

  it("gives a service's thresholds in this shift", () => {
    expect(thresholdsOf(runningShift, 'apps/app2')).toEqual(THRESHOLDS);
    expect(thresholdsOf(runningShift, 'apps/app3')).toBeNull();
  });
});
