// The scheduled-jobs track's part of the API contract: each job's view with both sides at once (the data-center
// trigger and its runs, the AWS schedule, its function and its invocations), the slots around now with the side that
// ran each (the slot ledger, monitor/slot-ledger.ts: the one truth of double and missed runs), the track's alerts,
// its commands (snapshot, the gate's test invocation, acknowledging an alert) and the events its runtime publishes.
import { z } from 'zod';
import { MonitorStatusViewSchema } from '../../api/contract/shared';
import { trackContract, trackEvent } from '../../api/contract/track';
import { SCHEDULE_ALERT_KINDS, SLOT_VERDICTS } from '../../../common/tracks/schedules';

/** Slots a job's view carries: this many before now (ended or open) and after it (upcoming). */
export const SLOTS_BEFORE = 12;
export const SLOTS_AFTER = 3;

export const SlotViewSchema = z.object({
  /** The slot (ISO instant, data clock): when the job's schedule fires, whichever side runs it. */
  at: z.string(),
  /** Timer-started runs in the data center attributed to the slot, and how the newest ended (null while running). */
  dcRuns: z.number().int(),
  dcResult: z.string().nullable(),
  /** Lambda invocations attributed to the slot (AWS/Lambda Invocations by minute), and how many of them failed. */
  awsRuns: z.number().int(),
  awsErrors: z.number().int(),
  /** Invocations throttled in the slot's window (the kill switch, or the account's concurrency). */
  awsThrottles: z.number().int(),
  verdict: z.enum(SLOT_VERDICTS),
});
export type SlotView = z.infer<typeof SlotViewSchema>;

export const DcSideViewSchema = z.object({
  kind: z.enum(['jenkins', 'cron']),
  scheduler: z.string(),
  /** The Jenkins job's full name, or the cron entry's name. */
  name: z.string(),
  /** Whether its trigger fires (Jenkins `buildable`, the entry's `enabled`); null while unknown. */
  enabled: z.boolean().nullable(),
  /** A run in progress: when it started (ISO, data clock) and its number on Jenkins. */
  running: z.object({ since: z.string(), number: z.number().int().nullable() }).nullable(),
  /** A run waiting for the one in progress (Jenkins `inQueue`). */
  queued: z.boolean(),
  lastRun: z.object({ startedAt: z.string(), result: z.string().nullable() }).nullable(),
  /** The next slot of its schedule while its trigger fires (ISO), else null. */
  nextSlot: z.string().nullable(),
  checkedAt: z.string().nullable(),
  problem: z.string().nullable(),
});
export type DcSideView = z.infer<typeof DcSideViewSchema>;

export const TestInvocationViewSchema = z.object({
  at: z.string(),
  ok: z.boolean(),
  /** What Lambda answered (the status, the function error), in words. */
  message: z.string(),
});
export type TestInvocationView = z.infer<typeof TestInvocationViewSchema>;

export const AwsSideViewSchema = z.object({
  functionName: z.string().nullable(),
  scheduleName: z.string().nullable(),
  scheduleGroup: z.string().nullable(),
  /** The schedule's state as Scheduler answers it; null while unknown (not deployed, not read yet). */
  state: z.enum(['ENABLED', 'DISABLED']).nullable(),
  startDate: z.string().nullable(),
  /** The next slot the schedule fires at (ISO), null while it is disabled. */
  nextSlot: z.string().nullable(),
  /** The function's reserved concurrency (0: the kill switch is on), null when none is reserved. */
  reservedConcurrency: z.number().int().nullable(),
  /** The newest minute with invocations (ISO start of that minute) and its counts. */
  lastRun: z.object({ minute: z.string(), invocations: z.number().int(), errors: z.number().int() }).nullable(),
  testInvocation: TestInvocationViewSchema.nullable(),
  checkedAt: z.string().nullable(),
  problem: z.string().nullable(),
});
export type AwsSideView = z.infer<typeof AwsSideViewSchema>;

export const JobTotalsViewSchema = z.object({
  doubleRuns: z.number().int(),
  missedRuns: z.number().int(),
  dcFailures: z.number().int(),
  awsErrors: z.number().int(),
  throttles: z.number().int(),
  /** Slots AWS delivered more than once (its async queue may). */
  duplicateDeliveries: z.number().int(),
  /** Invocations Scheduler dropped in the job's schedule group (the group's count: Scheduler has no per-schedule metric). */
  dropped: z.number().int(),
});
export type JobTotalsView = z.infer<typeof JobTotalsViewSchema>;

export const JobViewSchema = z.object({
  stackId: z.string(),
  jobId: z.string(),
  waveId: z.string().nullable(),
  description: z.string().nullable(),
  idempotent: z.boolean(),
  /** The schedule in words on each side ("H 2 * * * (Europe/Berlin)"). */
  dcSchedule: z.string(),
  awsSchedule: z.string(),
  /** Whose trigger fires now: one side (right), both (a double run is coming), neither (a missed run is), or unknown. */
  owner: z.enum(['dc', 'aws', 'both', 'neither', 'unknown']),
  dc: DcSideViewSchema,
  aws: AwsSideViewSchema,
  /** Since the monitor started watching the job. */
  watchedSince: z.string().nullable(),
  totals: JobTotalsViewSchema,
  slots: z.array(SlotViewSchema),
});
export type JobView = z.infer<typeof JobViewSchema>;

export const ScheduleAlertViewSchema = z.object({
  id: z.string(),
  kind: z.enum(SCHEDULE_ALERT_KINDS),
  severity: z.enum(['critical', 'warning']),
  stackId: z.string(),
  jobId: z.string(),
  waveId: z.string().nullable(),
  /** The slot it is about (ISO), null for a job-wide alert. */
  slot: z.string().nullable(),
  message: z.string(),
  raisedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
});
export type ScheduleAlertView = z.infer<typeof ScheduleAlertViewSchema>;

export const SchedulesSnapshotSchema = z.object({
  monitor: MonitorStatusViewSchema.nullable(),
  jobs: z.array(JobViewSchema),
  alerts: z.array(ScheduleAlertViewSchema),
});
export type SchedulesSnapshot = z.infer<typeof SchedulesSnapshotSchema>;

const JobRequest = z.strictObject({ stackId: z.string().min(1).max(300), jobId: z.string().min(1).max(64) });

export const schedulesContract = trackContract({
  id: 'schedules',
  commands: {
    /** Every job's view, the monitor's status and the alerts. */
    'schedules.snapshot': { request: z.strictObject({}), response: SchedulesSnapshotSchema },
    /**
     * Invokes the job's function once with a test event ({ job, test: true }: the function answers it without doing the
     * job's work), synchronously; the readiness gate wants one that succeeded. Journaled.
     */
    'schedules.test-invoke': { request: JobRequest, response: TestInvocationViewSchema },
    /** Acknowledges an alert: it stays listed, marked, and no longer counts as new. */
    'schedules.alerts.ack': {
      request: z.strictObject({ ids: z.array(z.string().min(1).max(300)).min(1).max(1000) }),
      response: z.object({ acknowledged: z.number().int() }),
    },
  },
  events: [
    trackEvent(z.object({ type: z.literal('schedules.jobs'), jobs: z.array(JobViewSchema) }), () => 'schedules.jobs'),
    trackEvent(z.object({ type: z.literal('schedules.alerts'), alerts: z.array(ScheduleAlertViewSchema) }), () => 'schedules.alerts'),
    trackEvent(z.object({ type: z.literal('schedules.monitor'), monitor: MonitorStatusViewSchema }), () => 'schedules.monitor'),
  ],
});

export type SchedulesCommands = typeof schedulesContract.commands;
