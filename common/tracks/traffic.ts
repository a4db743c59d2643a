// common/ — the traffic track's values: its command names (main/tracks/traffic/contract.ts declares their schemas),
// its runbook action type (main/tracks/traffic/plan.ts declares it; main/cutover/catalog.test.ts holds the two
// together), and the states a shift goes through (main/tracks/traffic/shift-engine.ts).
export const TRAFFIC_COMMAND_NAMES = ['traffic.snapshot', 'traffic.pause', 'traffic.resume', 'traffic.promote', 'traffic.abort'] as const;

export const TRAFFIC_ACTION_TYPES = ['traffic-shift'] as const;

/**
 * Where a shift stands: writing a step's weights, waiting for them to be in sync, analysing the step, paused by the
 * operator, waiting for the operator (every measurement inconclusive), returning the weights after an abort; then how
 * it ended (failed: the abort's own writes did not all land in sync).
 */
export const SHIFT_STATES = [
  'starting',
  'writing',
  'syncing',
  'analysing',
  'paused',
  'awaiting-operator',
  'aborting',
  'completed',
  'aborted',
  'failed',
] as const;
export type ShiftState = (typeof SHIFT_STATES)[number];

export const MEASUREMENT_VERDICTS = ['pass', 'fail', 'inconclusive'] as const;
