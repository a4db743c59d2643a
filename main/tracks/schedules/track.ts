// The scheduled-jobs track: a stack's scheduled processes moving from data-center cron and Jenkins to Lambda functions
// fired by EventBridge Scheduler (docs/design/schedules.md). So far its plan part only: its keys, its handover action
// (declared for the grammar) and its checks. It is not in main/tracks/index.ts yet: a listed track needs its contract
// listed too (main/tracks/tracks.test.ts), and a plan naming schedules-handover needs the action's runbook part.
import type { CoreTrack } from '../../seam/track';
import { schedulesPlan } from './plan';

export const schedulesTrack: CoreTrack<'schedules'> = {
  id: 'schedules',
  title: 'Scheduled jobs',
  plan: schedulesPlan,
};
