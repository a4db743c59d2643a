// The scheduled-jobs track's runtime (started once by the core): the monitor of the loaded plan's jobs on the shared
// poller (kept across plan edits in the same environment), the schedules.* commands, and what the handover and its
// compensations act through (each job's data-center client, its placement's AWS API, the slot ledger). AWS calls go
// to each stack's placement (its account's session, its region) at the plan's target; the monitor reads on the data
// clock of that target (the embedded rehearsal's simulated time, else the wall clock). A test invocation and every
// alert the ledger raises are journaled.
import { CommandError } from '../../../common/command-error';
import type { MonitorStatusView } from '../../api/contract/shared';
import type { HandlersOf } from '../../api/contract/track';
import { describeAwsError, type AwsCallOptions } from '../../monitoring/aws-call';
import type { DataClock } from '../../monitoring/data-clock';
import { DEFAULT_PACE_INTERVALS, type PaceIntervals } from '../../monitoring/pace';
import { PlanMonitor } from '../../monitoring/plan-monitor';
import { startTrackPoller, type Poller } from '../../monitoring/poller';
import type { MigrationPlan } from '../../plan/model';
import type { StackChanges } from '../../seam/stack-changes';
import type { TrackContext, TrackRuntime } from '../../seam/track';
import { dataClockFor, monitorEnvironmentOf, placementApi } from '../../seam/track-environment';
import { ScheduleAlertViewSchema, type JobView, type ScheduleAlertView, type SchedulesCommands, type TestInvocationView } from './contract';
import { schedulesAwsApi, type SchedulesAwsApi } from './monitor/aws-clients';
import { dcClientFor, type DcClient } from './monitor/dc-clients';
import { SchedulesMonitor } from './monitor/schedules-monitor';
import type { SlotJudgement } from './monitor/slot-ledger';
import { schedulesPlan } from './plan';
import { jobKey, watchedJobs, type WatchedJob } from './watched-jobs';

export interface SchedulesTuning {
  readonly intervals?: PaceIntervals;
  /** The clock when the plan does not run on the embedded rehearsal's (tests). */
  readonly clock?: DataClock;
  readonly callOptions?: AwsCallOptions;
  /** Where credentials named by the plan are read (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

export interface SchedulesRuntime extends TrackRuntime {
  readonly handlers: HandlersOf<SchedulesCommands>;
  /** Each job's view as of the monitor's last cycle, and the alerts (the evidence's snapshot). */
  jobViews(): readonly JobView[];
  alertViews(): readonly ScheduleAlertView[];
  /** The loaded plan's jobs as they stand now (outputs included). */
  jobs(): readonly WatchedJob[];
  /** The job's data-center client, or why there is none. */
  dcClient(job: WatchedJob): DcClient | { readonly problem: string };
  /** The job's placement's AWS API, or why there is none. */
  awsApi(job: WatchedJob): SchedulesAwsApi | { readonly unavailable: string };
  /** The job's slot judgements as of the monitor's last cycle. */
  judgements(key: string): readonly SlotJudgement[];
  /** The data clock now (ms). */
  now(): number;
  readonly stackChanges: StackChanges;
  refreshSoon(): void;
  /** Runs one monitor cycle now. */
  refreshNow(): Promise<void>;
  readonly pollMs?: number;
}

interface Running {
  readonly poller: Poller;
  readonly stop: AbortController;
  readonly clock: DataClock;
  readonly monitor: SchedulesMonitor;
  readonly apis: Map<string, SchedulesAwsApi>;
}

/** How much of a failing function's answer a test invocation's message keeps. */
const PAYLOAD_SHOWN = 200;

const newOperationId = (kind: string) => `${kind}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export function startSchedulesRuntime(context: TrackContext, tuning: SchedulesTuning = {}): SchedulesRuntime {
  let plan: MigrationPlan | undefined;
  let latestJobs: readonly JobView[] = [];
  let latestAlerts: readonly ScheduleAlertView[] = [];
  let monitorStatus: MonitorStatusView | null = null;

  const rehearsalUrl = () => context.rehearsal.endpoint ?? context.rehearsal.awsUrl();

  /** The API of a placement (made on first use and kept), or why there is none. */
  const apiOf = (apis: Map<string, SchedulesAwsApi>, current: MigrationPlan, placement: string) =>
    placementApi(apis, current, placement, context, schedulesAwsApi);

  const dcClient = (job: WatchedJob): DcClient | { problem: string } => {
    if (!job.scheduler) return { problem: `no scheduler '${job.job.dc.jenkins ?? job.job.dc.cron}' on stack ${job.stackId}` };
    return dcClientFor({
      scheduler: job.scheduler,
      dc: job.job.dc,
      job: { id: job.jobId },
      stack: { id: job.stackId, name: job.stack.name, project: job.stack.project },
      planName: plan?.name ?? '',
      rehearsalUrl: rehearsalUrl(),
      ...(tuning.env ? { env: tuning.env } : {}),
    });
  };

  /** A new alert: journaled, and handed to the shell (a desktop notification). */
  const raised = (alert: ScheduleAlertView) => {
    context.alert({ ...alert, clearedAt: null });
    context.journal
      .append({
        operationId: newOperationId('schedules-alert'),
        kind: 'schedules-alert',
        target: { type: 'stack', stackId: alert.stackId },
        phase: 'succeeded',
        message: alert.message,
        details: { alert },
      })
      .catch((error: unknown) => context.log(`journal write failed for the alert ${alert.id}: ${String(error)}`));
  };

  const start = (next: MigrationPlan): Running => {
    const clock = dataClockFor(next, context, tuning.clock);
    const abort = new AbortController();
    const apis = new Map<string, SchedulesAwsApi>();
    const monitor = new SchedulesMonitor({
      jobs: () => (plan ? watchedJobs(plan, context.stackOutputs) : []),
      api: (placement) => (plan ? apiOf(apis, plan, placement) : { unavailable: 'no plan is loaded' }),
      dc: dcClient,
      clock: () => clock.now(),
      stop: abort.signal,
      publish: (jobs, alerts) => {
        latestJobs = jobs;
        latestAlerts = alerts;
        context.publish({ type: 'schedules.jobs', jobs: [...jobs] });
        context.publish({ type: 'schedules.alerts', alerts: [...alerts] });
      },
      raised,
      history: () => journalHistory(context),
      ...(tuning.callOptions ? { callOptions: tuning.callOptions } : {}),
    });
    const poller = startTrackPoller({
      name: 'schedules monitor',
      target: next.environment.aws.endpoint === 'rehearsal' ? 'rehearsal' : next.environment.aws.region,
      intervals: tuning.intervals ?? DEFAULT_PACE_INTERVALS,
      clock,
      stop: abort.signal,
      log: context.log,
      track: monitor,
      status: (status) => {
        monitorStatus = status;
        context.publish({ type: 'schedules.monitor', monitor: status });
      },
    });
    return { poller, stop: abort, clock, monitor, apis };
  };

  const monitors = new PlanMonitor<MigrationPlan, Running>({
    uses: (next) => schedulesPlan.uses(next),
    environmentOf: (next) => monitorEnvironmentOf(next, context),
    start,
    closed: (run) => {
      for (const api of run.apis.values()) api.close();
    },
    cleared: (why) => {
      const had = latestJobs.length > 0;
      latestJobs = [];
      latestAlerts = [];
      if (why === 'environment') return;
      monitorStatus = null;
      if (had) context.publish({ type: 'schedules.jobs', jobs: [] });
    },
  });

  const jobs = () => (plan ? watchedJobs(plan, context.stackOutputs) : []);
  const now = () => (monitors.running?.clock ?? tuning.clock ?? { now: Date.now, rate: 1 }).now();

  const findJob = (stackId: string, jobId: string): WatchedJob => {
    const job = jobs().find((candidate) => candidate.key === jobKey(stackId, jobId));
    if (!job) throw new CommandError('not-found', `no scheduled job '${jobId}' on stack ${stackId} in the loaded plan`);
    return job;
  };

  const awsApi = (job: WatchedJob): SchedulesAwsApi | { unavailable: string } => {
    const running = monitors.running;
    if (!running || !plan) return { unavailable: 'the scheduled-jobs monitor is not running' };
    return apiOf(running.apis, plan, job.placement);
  };

  /** Invokes the job's function with a test event, journaled; what Lambda answered. */
  const testInvoke = async (stackId: string, jobId: string): Promise<TestInvocationView> => {
    const job = findJob(stackId, jobId);
    if (!('functionName' in job.resources)) throw new CommandError('bad-request', `${job.key} has no function to invoke: ${job.resources.problem}`);
    const api = awsApi(job);
    if ('unavailable' in api) throw new CommandError('failed', `${job.key} cannot be invoked: ${api.unavailable}`);
    const functionName = job.resources.functionName;
    const operationId = newOperationId('schedules-test-invoke');
    const target = { type: 'stack' as const, stackId };
    await context.journal.append({ operationId, kind: 'schedules-test-invoke', target, phase: 'started', details: { jobId, functionName } });
    const at = now();
    let view: TestInvocationView;
    // Whether it reached the function (Lambda answered a status): only then is it in the function's metrics.
    let invoked = false;
    try {
      const answer = await api.invokeTest(functionName, JSON.stringify({ job: job.key, test: true }), AbortSignal.timeout(60_000));
      invoked = true;
      const ok = answer.statusCode >= 200 && answer.statusCode < 300 && answer.functionError === null;
      view = {
        at: new Date(at).toISOString(),
        ok,
        message: ok
          ? `${functionName} answered with status ${answer.statusCode}, no function error`
          : // The function's own error text, cut short: it may carry more than the operator needs (a stack trace).
            `${functionName} failed (${answer.functionError ?? `status ${answer.statusCode}`}): ${answer.payload.slice(0, PAYLOAD_SHOWN) || 'no answer'}`,
      };
    } catch (error) {
      const killSwitch = (await api.getReservedConcurrency(functionName, AbortSignal.timeout(10_000)).catch(() => null)) === 0;
      view = {
        at: new Date(at).toISOString(),
        ok: false,
        message: `${functionName} could not be invoked: ${describeAwsError(error)}${killSwitch ? ' (its kill switch is on: reserved concurrency 0, set by a rollback; the next handover removes it)' : ''}`,
      };
    }
    monitors.running?.monitor.recordTest(job.key, at, now(), view, invoked);
    await context.journal.append({
      operationId,
      kind: 'schedules-test-invoke',
      target,
      phase: view.ok ? 'succeeded' : 'failed',
      message: view.message,
      details: { jobId, functionName, ok: view.ok },
    });
    monitors.running?.poller.soon();
    return view;
  };

  return {
    handlers: {
      'schedules.snapshot': async () => ({ monitor: monitorStatus, jobs: [...latestJobs], alerts: [...latestAlerts] }),
      'schedules.test-invoke': async ({ stackId, jobId }) => testInvoke(stackId, jobId),
      'schedules.alerts.ack': async ({ ids }) => {
        const running = monitors.running;
        const acknowledged = running ? running.monitor.acknowledge(ids, new Date(now()).toISOString()) : 0;
        if (running) {
          latestAlerts = running.monitor.alertViews();
          for (const alert of latestAlerts) if (ids.includes(alert.id) && alert.acknowledgedAt !== null) context.alert({ ...alert, clearedAt: null });
          context.publish({ type: 'schedules.alerts', alerts: [...latestAlerts] });
        }
        return { acknowledged };
      },
    },
    async setPlan(next) {
      plan = next;
      await monitors.setPlan(next);
    },
    clock: () => monitors.running?.clock,
    jobViews: () => latestJobs,
    alertViews: () => latestAlerts,
    jobs,
    dcClient,
    awsApi,
    judgements: (key) => monitors.running?.monitor.judgements(key) ?? [],
    now,
    stackChanges: context.stackChanges,
    refreshSoon: () => monitors.running?.poller.soon(),
    refreshNow: async () => monitors.running?.poller.refreshNow(),
    ...(context.runbookPollMs !== undefined ? { pollMs: context.runbookPollMs } : {}),
    async close() {
      await monitors.stop();
    },
  };
}

/** The alerts and each job's newest test invocation the journal kept (a restarted cockpit's monitor starts from them). */
async function journalHistory(context: TrackContext): Promise<{ alerts: ScheduleAlertView[]; tests: Map<string, TestInvocationView> }> {
  const { entries } = await context.journal.read();
  const alerts: ScheduleAlertView[] = [];
  const tests = new Map<string, TestInvocationView>();
  for (const entry of entries) {
    if (entry.kind === 'schedules-alert') {
      const parsed = ScheduleAlertViewSchema.safeParse(entry.details?.alert);
      if (parsed.success) alerts.push(parsed.data);
    } else if (entry.kind === 'schedules-test-invoke' && entry.phase !== 'started' && entry.target.type === 'stack') {
      const jobId = entry.details?.jobId;
      if (typeof jobId === 'string')
        tests.set(jobKey(entry.target.stackId, jobId), { at: entry.at, ok: entry.details?.ok === true, message: entry.message ?? '' });
    }
  }
  return { alerts, tests };
}
