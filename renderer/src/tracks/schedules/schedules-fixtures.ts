// Scheduled-jobs views for the track's tests, on the demo-like plan (store/test-fixtures.ts) at 02:00:03 UTC on the
// data clock: a Jenkins job of apps/app1 mid-handover (its trigger off, build #412 still running, the AWS schedule not
// enabled yet: neither side fires, with a double run earlier), a cron-endpoint job of apps/app2 owned by AWS (a missed
// slot during its handover, a slot delivered twice and throttled once), and a job of apps/app3 whose AWS side cannot
// be read; the alerts and the monitor's status.
import type { MonitorStatusView } from '../../../../main/api/contract';
import type { JobView, ScheduleAlertView, SlotView } from '../../../../main/tracks/schedules/contract';

export type JobFields = Partial<Omit<JobView, 'dc' | 'aws' | 'totals'>> & {
  dc?: Partial<JobView['dc']>;
  aws?: Partial<JobView['aws']>;
  totals?: Partial<JobView['totals']>;
};

/** A job owned by the data center, read at 02:00:03, with no slots unless given. */
export function jobView(stackId: string, jobId: string, waveId: string | null, fields: JobFields = {}): JobView {
  const { dc, aws, totals, ...rest } = fields;
  return {
    stackId,
    jobId,
    waveId,
    description: null,
    idempotent: true,
    dcSchedule: '0 * * * * (UTC)',
    awsSchedule: 'cron(0 * * * ? *) (UTC)',
    owner: 'dc',
    watchedSince: '2026-12-04T22:00:00.000Z',
    slots: [],
    ...rest,
    dc: {
      kind: 'jenkins',
      scheduler: 'jenkins-dc1',
      name: jobId,
      enabled: true,
      running: null,
      queued: false,
      lastRun: { startedAt: '2026-12-05T01:00:00.000Z', result: 'SUCCESS' },
      nextSlot: '2026-12-05T03:00:00.000Z',
      checkedAt: '2026-12-05T02:00:03.000Z',
      problem: null,
      ...dc,
    },
    aws: {
      functionName: `${stackId.split('/')[1] ?? stackId}-${jobId}`,
      scheduleName: `${stackId.split('/')[1] ?? stackId}-${jobId}`,
      scheduleGroup: 'default',
      state: 'DISABLED',
      startDate: null,
      nextSlot: null,
      reservedConcurrency: null,
      lastRun: null,
      testInvocation: null,
      checkedAt: '2026-12-05T02:00:03.000Z',
      problem: null,
      ...aws,
    },
    totals: { doubleRuns: 0, missedRuns: 0, dcFailures: 0, awsErrors: 0, throttles: 0, duplicateDeliveries: 0, dropped: 0, ...totals },
  };
}

export function slot(at: string, verdict: SlotView['verdict'], fields: Partial<SlotView> = {}): SlotView {
  const ran = { dc: [1, 0], aws: [0, 1], double: [1, 1] } as const;
  const [dcRuns, awsRuns] = verdict in ran ? ran[verdict as keyof typeof ran] : [0, 0];
  return { at, dcRuns, dcResult: dcRuns > 0 ? 'SUCCESS' : null, awsRuns, awsErrors: 0, awsThrottles: 0, verdict, ...fields };
}

/** The Jenkins job mid-handover: trigger off, build #412 running since 02:00:00, AWS still disabled; a double run at 01:30. */
export const ledgerClose: JobView = jobView('apps/app1', 'ledger-close', 'w1', {
  description: 'Closes the day’s ledger',
  idempotent: false,
  dcSchedule: '*/30 * * * * (UTC)',
  awsSchedule: 'cron(0/30 * * * ? *) (UTC)',
  owner: 'neither',
  dc: {
    name: 'payments/ledger-close',
    enabled: false,
    running: { since: '2026-12-05T02:00:00.000Z', number: 412 },
    queued: false,
    lastRun: { startedAt: '2026-12-05T01:30:00.000Z', result: 'SUCCESS' },
    nextSlot: null,
  },
  aws: { functionName: 'app1-ledger-close', scheduleName: 'app1-ledger-close', state: 'DISABLED', nextSlot: null },
  totals: { doubleRuns: 1 },
  slots: [
    slot('2026-12-05T00:30:00.000Z', 'dc'),
    slot('2026-12-05T01:00:00.000Z', 'dc'),
    slot('2026-12-05T01:30:00.000Z', 'double'),
    slot('2026-12-05T02:00:00.000Z', 'dc', { dcResult: null }),
    slot('2026-12-05T02:30:00.000Z', 'upcoming'),
    slot('2026-12-05T03:00:00.000Z', 'upcoming'),
  ],
});

/** The cron-endpoint job owned by AWS: a missed slot at 00:15 (the day before's 23:15 ran in the DC), a duplicate delivery at 01:15. */
export const cachePurge: JobView = jobView('apps/app2', 'cache-purge', 'w1', {
  dcSchedule: '15 * * * * (Europe/Berlin)',
  awsSchedule: 'cron(15 * * * ? *) (Europe/Berlin)',
  owner: 'aws',
  dc: {
    kind: 'cron',
    scheduler: 'cron-dc1',
    name: 'cache-purge',
    enabled: false,
    lastRun: { startedAt: '2026-12-04T23:15:02.000Z', result: 'SUCCESS' },
    nextSlot: null,
  },
  aws: {
    functionName: 'app2-cache-purge',
    scheduleName: 'app2-cache-purge',
    state: 'ENABLED',
    startDate: '2026-12-05T00:10:00.000Z',
    nextSlot: '2026-12-05T02:15:00.000Z',
    reservedConcurrency: 5,
    lastRun: { minute: '2026-12-05T01:15:00.000Z', invocations: 2, errors: 0 },
    testInvocation: { at: '2026-12-05T00:05:00.000Z', ok: true, message: 'StatusCode 200, no function error' },
  },
  totals: { missedRuns: 1, throttles: 1, duplicateDeliveries: 1, dropped: 2 },
  slots: [
    slot('2026-12-04T23:15:00.000Z', 'dc'),
    slot('2026-12-05T00:15:00.000Z', 'missed'),
    slot('2026-12-05T01:15:00.000Z', 'aws', { awsRuns: 2, awsThrottles: 1 }),
    slot('2026-12-05T02:15:00.000Z', 'upcoming'),
    slot('2026-12-05T03:15:00.000Z', 'upcoming'),
  ],
});

/** A job whose AWS side cannot be read yet. */
export const monthlyReport: JobView = jobView('apps/app3', 'monthly-report', 'w2', {
  dcSchedule: 'H 4 1 * * (UTC)',
  awsSchedule: 'cron(0 4 1 * ? *) (UTC)',
  aws: {
    functionName: null,
    scheduleName: null,
    scheduleGroup: null,
    state: null,
    checkedAt: null,
    problem: "the stack has no output 'schedulesJobs' yet: deploy it first",
  },
});

export const ALERTS: ScheduleAlertView[] = [
  {
    id: 'a-missed',
    kind: 'missed-run',
    severity: 'critical',
    stackId: 'apps/app2',
    jobId: 'cache-purge',
    waveId: 'w1',
    slot: '2026-12-05T00:15:00.000Z',
    message: 'No side ran the 00:15 slot of cache-purge',
    raisedAt: '2026-12-05T00:20:00.000Z',
    acknowledgedAt: '2026-12-05T00:25:00.000Z',
  },
  {
    id: 'a-double',
    kind: 'double-run',
    severity: 'critical',
    stackId: 'apps/app1',
    jobId: 'ledger-close',
    waveId: 'w1',
    slot: '2026-12-05T01:30:00.000Z',
    message: 'Both the data center (build #411) and AWS (1 invocation) ran the 01:30 slot of ledger-close',
    raisedAt: '2026-12-05T01:31:00.000Z',
    acknowledgedAt: null,
  },
  {
    id: 'a-duplicate',
    kind: 'duplicate-delivery',
    severity: 'warning',
    stackId: 'apps/app2',
    jobId: 'cache-purge',
    waveId: 'w1',
    slot: '2026-12-05T01:15:00.000Z',
    message: 'AWS delivered the 01:15 slot of cache-purge twice',
    raisedAt: '2026-12-05T01:16:00.000Z',
    acknowledgedAt: null,
  },
];

/** The monitor's status, its data clock at `2026-12-05T02:00:03Z` when the wall clock read it. */
export function schedulesMonitor(rate = 1): MonitorStatusView {
  return {
    state: 'polling',
    target: 'rehearsal',
    intervalSeconds: 30,
    lastCycleAt: '2026-12-05T02:00:03.000Z',
    lastCycleMs: 14,
    lastCycleCalls: { GetSchedule: 3, GetMetricData: 1 },
    message: null,
    dataClock: { at: '2026-12-05T02:00:03.000Z', wallAt: '2026-12-05T02:00:03.000Z', rate },
  };
}
