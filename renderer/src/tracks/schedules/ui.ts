// The scheduled-jobs track's renderer part (seam/track-ui.ts): its slice from the schedules.* events and
// schedules.snapshot, its actions (a job's test invocation, acknowledging alerts), the Schedules tab, the stack panel's
// section of the stack's jobs and the words of its runbook action and journal kinds.
import type { TrackUi } from '../../seam/track-ui';
import { connectSchedules } from './actions';
import { SchedulesSection } from './components/SchedulesSection';
import { SchedulesView } from './components/SchedulesView';
import { isSchedulesEvent, NO_SCHEDULES, SCHEDULES, type SchedulesActions, type SchedulesSlice } from './slice';
import { SCHEDULES_JOURNAL_KINDS, SCHEDULES_STEP_LABELS } from './words';
import './schedules.css';

export const schedulesUi: TrackUi<SchedulesSlice, SchedulesActions> = {
  ...SCHEDULES,
  initial: NO_SCHEDULES,
  owns: isSchedulesEvent,
  connect: connectSchedules,
  tab: {
    view: 'schedules',
    label: 'Schedules',
    help: 'Scheduled jobs moving from data-center cron and Jenkins to EventBridge Scheduler and Lambda: both sides of each job, which side ran each slot (double and missed runs), alerts and the test invocation',
    View: SchedulesView,
  },
  stackSection: SchedulesSection,
  stepLabels: SCHEDULES_STEP_LABELS,
  journalKinds: SCHEDULES_JOURNAL_KINDS,
  dataClock: (slice) => slice.monitor?.dataClock ?? null,
};
