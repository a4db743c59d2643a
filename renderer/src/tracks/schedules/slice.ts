// The scheduled-jobs track's slice of the renderer's store: every job's view (both sides, the slots around now), the
// track's alerts and the monitor's status, kept from the schedules.* events (each carries the whole list, so the newest
// supersedes: main/tracks/schedules/contract.ts) and re-read with schedules.snapshot; beside them what the operator
// asked for: test invocations in flight and their answers until the monitor's view shows them, the core's refusals,
// the alerts being acknowledged, and the stack the tab was opened on.
import type { ApiError, CockpitEvent, MonitorStatusView } from '../../../../main/api/contract';
import type { JobView, ScheduleAlertView, SchedulesSnapshot, TestInvocationView } from '../../../../main/tracks/schedules/contract';
import { trackRef } from '../../seam/track-ui';
import { useTrack, useTrackActions } from '../../seam/use-track';

/** A job's identity across the plan (docs/design/schedules.md): `<stackId>#<jobId>`. */
export function jobKey(job: { readonly stackId: string; readonly jobId: string }): string {
  return `${job.stackId}#${job.jobId}`;
}

/** What the operator can ask of a job (one at a time per job). */
export type SchedulesCommandKind = 'test-invoke';

export interface SchedulesRefusal {
  readonly action: SchedulesCommandKind | 'acknowledge';
  readonly message: string;
}

/** An alert the operator acknowledged: on its way to the core, or answered and not yet shown acknowledged by the monitor. */
export type Acknowledging = 'sending' | 'sent';

export interface SchedulesSlice {
  /** The schedules monitor's status (its data clock dates every time of the views), or null before it reports. */
  readonly monitor: MonitorStatusView | null;
  /** Every job the monitor watches, in its order. */
  readonly jobs: readonly JobView[];
  /** The track's alerts, as the monitor lists them. */
  readonly alerts: readonly ScheduleAlertView[];
  /** job key -> the command sent and not answered yet. */
  readonly pending: Readonly<Record<string, SchedulesCommandKind>>;
  /** job key -> the answer of the operator's test invocation, until the job's view carries one as new. */
  readonly tests: Readonly<Record<string, TestInvocationView>>;
  /** job key -> the core's refusal of the job's last command, until dismissed or another is sent. */
  readonly refusals: Readonly<Record<string, SchedulesRefusal>>;
  /** alert id -> its acknowledgement, until the monitor's list shows the alert acknowledged (or no longer lists it). */
  readonly acknowledging: Readonly<Record<string, Acknowledging>>;
  /** The core's refusal of the last acknowledgement, until dismissed or another is sent. */
  readonly ackRefusal: string | null;
  /** The stack the tab was opened on (from the stack panel), or null. */
  readonly focusStackId: string | null;
}

export const NO_SCHEDULES: SchedulesSlice = {
  monitor: null,
  jobs: [],
  alerts: [],
  pending: {},
  tests: {},
  refusals: {},
  acknowledging: {},
  ackRefusal: null,
  focusStackId: null,
};

export interface SchedulesActions {
  /** Invokes the job's function once with a test event (schedules.test-invoke); resolves to the refusal or null. */
  testInvoke(stackId: string, jobId: string): Promise<ApiError | null>;
  /** Acknowledges alerts (schedules.alerts.ack); those already on their way are left out. */
  acknowledge(ids: readonly string[]): Promise<ApiError | null>;
  /** Dismisses the refusal of a job's command (by its job key). */
  dismissRefusal(key: string): void;
  dismissAckRefusal(): void;
  /** Shows the Schedules tab, on a stack's jobs when given one. */
  openSchedules(stackId: string | null): void;
}

export const SCHEDULES = trackRef<SchedulesSlice, SchedulesActions>('schedules');

export function isSchedulesEvent(event: CockpitEvent): boolean {
  return event.type.startsWith('schedules.');
}

/** A batch's schedules.* events in the core's order, each superseding what the slice has. */
export function applySchedulesEvents(slice: SchedulesSlice, events: readonly CockpitEvent[]): SchedulesSlice {
  let next = slice;
  for (const event of events) {
    if (event.type === 'schedules.jobs') next = withJobs(next, event.jobs);
    else if (event.type === 'schedules.alerts') next = withAlerts(next, event.alerts);
    else if (event.type === 'schedules.monitor') next = { ...next, monitor: event.monitor };
  }
  return next;
}

/**
 * The slice from a schedules.snapshot answer, with the events that arrived while it was in flight folded on top; what
 * the operator asked for (commands in flight, refusals, acknowledgements, the focused stack) stays.
 */
export function schedulesFromSnapshot(slice: SchedulesSlice, snapshot: SchedulesSnapshot, arrived: readonly CockpitEvent[]): SchedulesSlice {
  return applySchedulesEvents(withAlerts(withJobs({ ...slice, monitor: snapshot.monitor }, snapshot.jobs), snapshot.alerts), arrived);
}

/** The test invocation a job's card shows: the newer of the monitor's and the operator's answer. */
export function shownTestInvocation(job: JobView, answered: TestInvocationView | undefined): TestInvocationView | null {
  const viewed = job.aws.testInvocation;
  if (!answered) return viewed;
  if (!viewed) return answered;
  return instant(answered.at) > instant(viewed.at) ? answered : viewed;
}

function withJobs(slice: SchedulesSlice, jobs: readonly JobView[]): SchedulesSlice {
  return { ...slice, jobs, tests: testsAfterReport(slice.tests, jobs) };
}

function withAlerts(slice: SchedulesSlice, alerts: readonly ScheduleAlertView[]): SchedulesSlice {
  return { ...slice, alerts, acknowledging: acknowledgingAfterReport(slice.acknowledging, alerts) };
}

/** The operator's answers still newer than what the monitor's views carry. */
function testsAfterReport(tests: SchedulesSlice['tests'], jobs: readonly JobView[]): SchedulesSlice['tests'] {
  const keys = Object.keys(tests);
  if (keys.length === 0) return tests;
  const views = new Map(jobs.map((job) => [jobKey(job), job]));
  const kept: Record<string, TestInvocationView> = {};
  for (const key of keys) {
    const answer = tests[key]!;
    const viewed = views.get(key)?.aws.testInvocation;
    if (viewed && instant(viewed.at) >= instant(answer.at)) continue;
    kept[key] = answer;
  }
  return Object.keys(kept).length === keys.length ? tests : kept;
}

/** The acknowledgements still to show: those on their way, and those the list does not show acknowledged yet. */
function acknowledgingAfterReport(acknowledging: SchedulesSlice['acknowledging'], alerts: readonly ScheduleAlertView[]): SchedulesSlice['acknowledging'] {
  const ids = Object.keys(acknowledging);
  if (ids.length === 0) return acknowledging;
  const listed = new Map(alerts.map((alert) => [alert.id, alert]));
  const kept: Record<string, Acknowledging> = {};
  for (const id of ids) {
    const state = acknowledging[id]!;
    const alert = listed.get(id);
    if (state === 'sent' && (!alert || alert.acknowledgedAt !== null)) continue;
    kept[id] = state;
  }
  return Object.keys(kept).length === ids.length ? acknowledging : kept;
}

/** An ISO instant's milliseconds; an unreadable one counts as the oldest. */
function instant(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : Number.NEGATIVE_INFINITY;
}

/** Selects from the schedules slice; the selector must return a stable value (a field, not a new object). */
export function useSchedules<T>(select: (slice: SchedulesSlice) => T): T {
  return useTrack(SCHEDULES, select);
}

export function useSchedulesActions(): SchedulesActions {
  return useTrackActions(SCHEDULES);
}
