// The scheduled-jobs track: a stack's scheduled processes moving from data-center cron and Jenkins to Lambda functions
// fired by EventBridge Scheduler (docs/design/schedules.md) — its plan keys and checks, the monitor with the slot
// ledger (which side ran each slot: double and missed runs), the gate `schedules.ready`, the handover action with its
// compensations, and its evidence part.
import type { CoreTrack } from '../../seam/track';
import { SCHEDULES_ACTIONS, SCHEDULES_COMPENSATIONS, schedulesLossEstimate } from './actions';
import { schedulesEvidence } from './evidence';
import { schedulesPlan } from './plan';
import { schedulesReadiness } from './readiness';
import { startSchedulesRuntime, type SchedulesRuntime, type SchedulesTuning } from './runtime';

export const schedulesTrack: CoreTrack<'schedules', SchedulesRuntime> = {
  id: 'schedules',
  title: 'Scheduled jobs',
  plan: schedulesPlan,
  readiness: schedulesReadiness,
  runbook: { actions: SCHEDULES_ACTIONS, compensations: SCHEDULES_COMPENSATIONS, lossEstimate: schedulesLossEstimate },
  evidence: schedulesEvidence,
  start: (context) => startSchedulesRuntime(context),
};

/** The track with its runtime tuned (tests: a fast pace, a manual clock). */
export function tunedSchedulesTrack(tuning: SchedulesTuning): CoreTrack<'schedules', SchedulesRuntime> {
  return { ...schedulesTrack, start: (context) => startSchedulesRuntime(context, tuning) };
}
