import type { MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { parseAwsSchedule, parseDcCron } from '../../../../common/schedules/index';
import type { ScheduleAlertView, TestInvocationView } from '../contract';
import type { JobEntry } from '../plan-schema';
import { DEFAULT_WAVE_SETTINGS, type WatchedJob } from '../watched-jobs';
import type { SchedulesAwsApi } from './aws-clients';
import type { DcRun } from './dc-clients';
import { SchedulesMonitor } from './schedules-monitor';

const MINUTE = 60_000;
const T = Date.UTC(2026, 11, 5, 2, 0, 0);

const entry: JobEntry = {
  id: 'invoices',
  dc: { jenkins: 'dc', job: 'invoices', expression: '*/10 * * * *' },
  aws: {
    expression: 'cron(0/10 * * * ? *)',
    timeZone: 'UTC',
    flexibleWindowMinutes: 0,
    retry: { maximumRetryAttempts: 0, maximumEventAgeSeconds: 86_400 },
    function: { runtime: 'nodejs22.x', handler: 'index.handler', memoryMb: 512, timeoutSeconds: 60 },
  },
  idempotent: false,
  slotToleranceSeconds: 120,
};

const job = {
  key: 'apps/billing#invoices',
  stackId: 'apps/billing',
  jobId: 'invoices',
  waveId: 'wave-1',
  placement: '/eu-central-1',
  stack: {},
  job: entry,
  scheduler: { id: 'dc', jenkins: { baseUrl: 'rehearsal', timeZone: 'UTC', timeoutSeconds: 10 } },
  settings: DEFAULT_WAVE_SETTINGS,
  awsSchedule: (parseAwsSchedule(entry.aws.expression) as { schedule: WatchedJob['awsSchedule'] }).schedule,
  dcSchedule: (parseDcCron('*/10 * * * *', { dialect: 'jenkins' }) as { schedule: WatchedJob['dcSchedule'] }).schedule,
  dcZone: 'UTC',
  resources: { functionName: 'fn-invoices', scheduleName: 'invoices', scheduleGroup: 'default' },
} as unknown as WatchedJob;

/** A world the monitor reads: the DC's status, the schedule's state, Lambda's invocations by minute. */
function world(history?: { alerts: ScheduleAlertView[]; tests: Map<string, TestInvocationView> }) {
  const state = {
    now: T - 5 * MINUTE,
    dc: { enabled: true, inQueue: false, runs: [] as DcRun[] },
    dcDown: false,
    schedule: 'DISABLED' as 'ENABLED' | 'DISABLED',
    invocations: new Map<number, number>(),
    dropped: new Map<number, number>(),
  };
  const series = (points: Map<number, number>, query: MetricDataQuery): MetricDataResult => {
    const shown = [...points].filter(([minute]) => minute + MINUTE <= state.now);
    return { Id: query.Id, Timestamps: shown.map(([minute]) => new Date(minute)), Values: shown.map(([, value]) => value) };
  };
  const api: SchedulesAwsApi = {
    getSchedule: async () => ({ state: state.schedule, startDate: null, lastModified: null, expression: entry.aws.expression, timeZone: 'UTC' }),
    getReservedConcurrency: async () => null,
    putReservedConcurrency: async () => undefined,
    deleteReservedConcurrency: async () => undefined,
    invokeTest: async () => ({ statusCode: 200, functionError: null, payload: '' }),
    getMetricData: async ({ queries }) => ({
      results: queries.map((query) => {
        const name = query.MetricStat!.Metric!.MetricName;
        if (name === 'Invocations') return series(state.invocations, query);
        if (name === 'InvocationDroppedCount') return series(state.dropped, query);
        return { Id: query.Id, Timestamps: [], Values: [] };
      }),
    }),
    close: () => undefined,
  };
  const alerts: ScheduleAlertView[] = [];
  const monitor = new SchedulesMonitor({
    jobs: () => [job],
    api: () => api,
    dc: () => ({
      status: async () => {
        if (state.dcDown) throw new Error('HTTP 503 from the scheduler');
        return { ...state.dc, runs: [...state.dc.runs] };
      },
      disable: async () => undefined,
      enable: async () => undefined,
    }),
    clock: () => state.now,
    stop: new AbortController().signal,
    publish: () => undefined,
    raised: (alert) => alerts.push(alert),
    ...(history ? { history: async () => history } : {}),
  });
  const cycle = async (at: number) => {
    state.now = at;
    await monitor.fetch();
    return monitor.views()[0]!;
  };
  return { state, monitor, alerts, cycle };
}

const verdicts = (view: { slots: { at: string; verdict: string }[] }) => view.slots.map((slot) => `${slot.at.slice(11, 16)} ${slot.verdict}`);

describe('the scheduled-jobs monitor', () => {
  it('does not take the test invocation for a slot’s run', async () => {
    const { state, monitor, cycle } = world();
    await cycle(T - 5 * MINUTE);
    // The test invocation at 01:59:30 is counted by Lambda in the minute of 02:00, the slot's own.
    monitor.recordTest(job.key, T - 30_000, T - 29_000, { at: new Date(T - 30_000).toISOString(), ok: true, message: 'answered 200' }, true);
    state.invocations.set(T, 1);
    state.dc.runs.push({ number: 1, startedAt: T, building: false, result: 'SUCCESS', cause: 'timer' });
    const view = await cycle(T + 9 * MINUTE);
    expect(verdicts(view)[0]).toBe('02:00 dc');
    expect(view.totals.doubleRuns).toBe(0);
  });

  it('alerts a double run once, journals it through `raised`, and counts it once', async () => {
    const { state, alerts, cycle } = world();
    await cycle(T - MINUTE);
    state.invocations.set(T, 1);
    state.dc.runs.push({ number: 1, startedAt: T, building: false, result: 'SUCCESS', cause: 'timer' });
    await cycle(T + 2 * MINUTE);
    const view = await cycle(T + 3 * MINUTE);
    expect(verdicts(view)[0]).toBe('02:00 double');
    expect(view.totals.doubleRuns).toBe(1);
    expect(alerts.filter((alert) => alert.kind === 'double-run')).toEqual([
      expect.objectContaining({
        severity: 'critical',
        slot: '2026-12-05T02:00:00.000Z',
        message: 'apps/billing#invoices: the 02:00 UTC slot ran on both sides (data center and AWS)',
      }),
    ]);
    // The job is not idempotent: AWS running a slot twice is critical too.
    state.invocations.set(T + 10 * MINUTE, 2);
    await cycle(T + 20 * MINUTE);
    expect(alerts.find((alert) => alert.kind === 'duplicate-delivery')).toMatchObject({
      severity: 'critical',
      message: expect.stringMatching(/NOT idempotent/),
    });
  });

  it('keeps a slot judged final in the list its runs are attributed against, so they never fall to the slot before', async () => {
    const { state, cycle } = world();
    await cycle(T - MINUTE);
    state.dc.runs.push({ number: 1, startedAt: T, building: false, result: 'SUCCESS', cause: 'timer' });
    await cycle(T + 2 * MINUTE);
    // 02:10 runs on both sides while 02:00 is still open: 02:10 is final (a double run) at once, 02:00 stays the DC's.
    state.dc.runs.push({ number: 2, startedAt: T + 10 * MINUTE, building: false, result: 'SUCCESS', cause: 'timer' });
    state.invocations.set(T + 10 * MINUTE, 1);
    await cycle(T + 11 * MINUTE);
    const view = await cycle(T + 12 * MINUTE);
    expect(verdicts(view).slice(0, 2)).toEqual(['02:00 dc', '02:10 double']);
    expect(view.totals.doubleRuns).toBe(1);
  });

  it('does not subtract a test invocation that never reached the function', async () => {
    const { state, monitor, cycle } = world();
    await cycle(T - 5 * MINUTE);
    monitor.recordTest(job.key, T - 30_000, T - 29_000, { at: new Date(T - 30_000).toISOString(), ok: false, message: 'throttled' }, false);
    state.invocations.set(T, 1);
    state.dc.runs.push({ number: 1, startedAt: T, building: false, result: 'SUCCESS', cause: 'timer' });
    const view = await cycle(T + 3 * MINUTE);
    expect(verdicts(view)[0]).toBe('02:00 double');
  });

  it('calls a slot missed only once both sides were read after its window closed', async () => {
    const { state, alerts, cycle } = world();
    await cycle(T - MINUTE);
    state.dcDown = true;
    const blind = await cycle(T + 15 * MINUTE);
    expect(verdicts(blind)[0]).toBe('02:00 open');
    expect(blind.dc.problem).toBe('HTTP 503 from the scheduler');
    state.dcDown = false;
    const seen = await cycle(T + 16 * MINUTE);
    expect(verdicts(seen)[0]).toBe('02:00 missed');
    expect(alerts.map((alert) => alert.kind)).toEqual(['missed-run']);
  });

  it('judges on AWS alone once the DC trigger was last seen off with nothing running (a scheduler shut down after the handover)', async () => {
    const { state, cycle } = world();
    state.dc.enabled = false;
    await cycle(T - MINUTE);
    state.dcDown = true;
    state.invocations.set(T + 10 * MINUTE, 1);
    const view = await cycle(T + 25 * MINUTE);
    expect(verdicts(view).slice(0, 2)).toEqual(['02:00 missed', '02:10 aws']);
  });

  it('does not call missed a slot from before it watched, and a restart takes the journal’s alerts and tests in', async () => {
    const alert = {
      id: 'apps/billing#invoices|double-run|2026-12-05T01:40:00.000Z',
      kind: 'double-run' as const,
      severity: 'critical' as const,
      stackId: 'apps/billing',
      jobId: 'invoices',
      waveId: 'wave-1',
      slot: '2026-12-05T01:40:00.000Z',
      message: 'apps/billing#invoices: the 01:40 UTC slot ran on both sides (data center and AWS)',
      raisedAt: '2026-12-05T01:45:00.000Z',
      acknowledgedAt: null,
    };
    const { cycle, monitor } = world({ alerts: [alert], tests: new Map([[job.key, { at: '2026-12-05T01:41:00.000Z', ok: true, message: 'answered 200' }]]) });
    const view = await cycle(T - 5 * MINUTE);
    expect(verdicts(view).filter((slot) => slot.endsWith('missed'))).toEqual([]);
    expect(view.totals.doubleRuns).toBe(1);
    expect(view.aws.testInvocation).toMatchObject({ ok: true });
    expect(monitor.alertViews().map((shown) => shown.id)).toEqual([alert.id]);
  });

  it('alerts both triggers on once per time it happens, and the group’s dropped invocations', async () => {
    const { state, alerts, cycle } = world();
    await cycle(T - 5 * MINUTE);
    state.schedule = 'ENABLED';
    expect((await cycle(T - 4 * MINUTE)).owner).toBe('both');
    await cycle(T - 3 * MINUTE);
    state.dc.enabled = false;
    expect((await cycle(T - 2 * MINUTE)).owner).toBe('aws');
    state.dc.enabled = true;
    await cycle(T - MINUTE);
    expect(alerts.filter((alert) => alert.kind === 'both-triggers-on')).toHaveLength(2);
    state.dropped.set(T + MINUTE, 3);
    const view = await cycle(T + 5 * MINUTE);
    expect(view.totals.dropped).toBe(3);
    expect(alerts.find((alert) => alert.kind === 'dropped')?.message).toMatch(/^Scheduler dropped 3 invocations in schedule group default at 02:01 UTC/);
  });
});
