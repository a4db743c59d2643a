// The scheduled-jobs track's monitor: a PolledTrack on the shared poller. Each cycle reads, per placement (account and
// region), every deployed schedule (GetSchedule), every function's reserved concurrency and the AWS/Lambda and
// AWS/Scheduler minutes at the call floor (poll-planner.ts), and each job's data-center side (its scheduler's status
// and recent runs), all settled: a failed read is said on the job's side, never thrown. It folds the answers into each
// job's slot ledger (slot-ledger.ts) — which side ran each slot — and raises the alerts from it once per slot. The views
// it publishes are the one truth the gate, the handover, the UI and the evidence read.
import type { MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { expandSlots } from '../../../../common/schedules/index';
import type { ScheduleAlertKind } from '../../../../common/tracks/schedules';
import { awsCaller, CallLedger, describeAwsError, type AwsCallOptions, type AwsCaller } from '../../../monitoring/aws-call';
import { settleWithLimit } from '../../../monitoring/concurrency';
import { cycleOutcome, type CycleOutcome } from '../../../monitoring/cycle-outcome';
import type { Activity } from '../../../monitoring/pace';
import type { PolledTrack } from '../../../monitoring/poller';
import { SLOTS_AFTER, SLOTS_BEFORE, type JobView, type ScheduleAlertView, type SlotView, type TestInvocationView } from '../contract';
import type { WatchedJob } from '../watched-jobs';
import type { SchedulesAwsApi, ScheduleReading } from './aws-clients';
import type { DcClient, DcStatus } from './dc-clients';
import { planMetricBatches, type MetricQuery } from './poll-planner';
import { awsWindowMs, judgeSlots, METRIC_LAG_MS, type AwsMinute, type DcRunSeen, type SlotJudgement } from './slot-ledger';

export interface SchedulesMonitorOptions {
  readonly jobs: () => readonly WatchedJob[];
  /** A placement's AWS API, or why there is none. */
  readonly api: (placement: string) => SchedulesAwsApi | { readonly unavailable: string };
  /** A job's data-center client, or why there is none (a credential missing, no rehearsal yet). */
  readonly dc: (job: WatchedJob) => DcClient | { readonly problem: string };
  /** The data clock (ms). */
  readonly clock: () => number;
  readonly stop: AbortSignal;
  readonly publish: (jobs: readonly JobView[], alerts: readonly ScheduleAlertView[]) => void;
  /** A new alert, as it is raised (the runtime journals it). */
  readonly raised?: (alert: ScheduleAlertView) => void;
  readonly callOptions?: AwsCallOptions;
}

const MINUTE_MS = 60_000;
/** Datapoints may arrive late: every cycle reads the last minutes again. */
const REREAD_MS = 10 * MINUTE_MS;
/** A first read looks this far back (the slots shown before now of an hourly job). */
const FIRST_LOOKBACK_MS = 2 * 3600_000;
/** The DC runs and AWS minutes kept: what the ledger's open slots and the view's past slots need. */
const KEEP_MS = 26 * 3600_000;
/** Upcoming slots are looked for this far ahead (a weekly job shows its next slot). */
const LOOKAHEAD_MS = 8 * 86_400_000;
const DC_CONCURRENCY = 8;
const MAX_ALERTS = 500;

interface SideRead<T> {
  value: T | null;
  /** When it was last read without a failure (data clock, ms). */
  readAt: number | null;
  problem: string | null;
}

interface JobState {
  readonly watchedSince: number;
  /** Every slot before this one has its final verdict. */
  judgedFrom: number;
  readonly dcRuns: Map<string, DcRunSeen & { readonly number: number | null }>;
  dc: SideRead<DcStatus>;
  schedule: SideRead<ScheduleReading>;
  concurrency: number | null;
  awsMinutes: Map<number, AwsMinute>;
  /** When AWS's metrics were last read without a failure (or the job has no function to read yet). */
  awsReadAt: number | null;
  awsProblem: string | null;
  /** Test invocations: when the call was made and when it answered (their minutes are not slots' runs). */
  tests: { readonly at: number; readonly answeredAt: number; readonly view: TestInvocationView }[];
  /** Judged slots whose verdict cannot change: counted once in the totals. */
  finalSlots: Map<number, SlotJudgement>;
  totals: JobView['totals'];
  bothOnSince: number | null;
  lastJudgements: SlotJudgement[];
  upcoming: number[];
}

export class SchedulesMonitor implements PolledTrack {
  private jobs: readonly WatchedJob[] = [];
  private readonly states = new Map<string, JobState>();
  private readonly alerts: ScheduleAlertView[] = [];
  private readonly raisedIds = new Set<string>();
  /** Per placement and group: dropped invocations per minute. */
  private readonly dropped = new Map<string, Map<number, number>>();
  private readonly readUntil = new Map<string, number>();

  constructor(private readonly options: SchedulesMonitorOptions) {}

  async fetch(): Promise<CycleOutcome> {
    const ledger = new CallLedger();
    const call = awsCaller(ledger, this.options.stop, this.options.callOptions);
    this.jobs = this.options.jobs();
    const now = this.options.clock();
    for (const job of this.jobs) if (!this.states.has(job.key)) this.states.set(job.key, newState(now));
    for (const key of [...this.states.keys()]) if (!this.jobs.some((job) => job.key === key)) this.states.delete(key);
    const failures: unknown[] = [];
    const problems: string[] = [];
    const byPlacement = new Map<string, WatchedJob[]>();
    for (const job of this.jobs) byPlacement.set(job.placement, [...(byPlacement.get(job.placement) ?? []), job]);
    const awsReads = [...byPlacement].map(async ([placement, jobs]) => {
      const api = this.options.api(placement);
      if ('unavailable' in api) {
        problems.push(api.unavailable);
        for (const job of jobs) this.states.get(job.key)!.awsProblem = api.unavailable;
        return;
      }
      failures.push(...(await this.readPlacement(placement, jobs, api, call, now)));
    });
    const dcReads = settleWithLimit(this.jobs, DC_CONCURRENCY, (job) => this.readDc(job, now));
    await Promise.all([...awsReads, dcReads]);
    this.judge(now);
    const outcome = cycleOutcome(ledger, failures);
    return problems.length > 0 && !outcome.problem ? { ...outcome, problem: problems.join('; ') } : outcome;
  }

  activity(): Activity {
    // Fast while a handover is in flight (a DC run in progress, both triggers on) or a slot is open: verdicts are due.
    for (const state of this.states.values()) {
      if (state.dc.value?.runs.some((run) => run.building) || state.bothOnSince !== null) return 'fast';
      if (state.lastJudgements.some((slot) => slot.verdict === 'open')) return 'fast';
    }
    return this.jobs.length > 0 ? 'normal' : 'idle';
  }

  afterCycle(): void {
    this.options.publish(this.views(), this.alertViews());
  }

  /** A test invocation's outcome (the runtime made it): shown on the job, and its minute not taken for a slot's run. */
  recordTest(key: string, at: number, answeredAt: number, view: TestInvocationView): void {
    const state = this.states.get(key);
    if (!state) return;
    state.tests = [...state.tests.filter((test) => answeredAt - test.answeredAt < KEEP_MS), { at, answeredAt, view }];
  }

  /** The job's slot judgements as of the last cycle (the handover watches its first slot through this). */
  judgements(key: string): readonly SlotJudgement[] {
    return this.states.get(key)?.lastJudgements ?? [];
  }

  acknowledge(ids: readonly string[], at: string): number {
    let count = 0;
    for (let i = 0; i < this.alerts.length; i++) {
      const alert = this.alerts[i]!;
      if (ids.includes(alert.id) && alert.acknowledgedAt === null) {
        this.alerts[i] = { ...alert, acknowledgedAt: at };
        count++;
      }
    }
    return count;
  }

  alertViews(): ScheduleAlertView[] {
    return [...this.alerts].reverse();
  }

  private async readDc(job: WatchedJob, now: number): Promise<void> {
    const state = this.states.get(job.key)!;
    const client = this.options.dc(job);
    if ('problem' in client) {
      state.dc.problem = client.problem;
      return;
    }
    try {
      const status = await client.status(AbortSignal.any([this.options.stop, AbortSignal.timeout(30_000)]));
      state.dc = { value: status, readAt: now, problem: null };
      for (const run of status.runs) {
        if (run.startedAt < now - KEEP_MS) continue;
        state.dcRuns.set(run.number === null ? `t${run.startedAt}` : `n${run.number}`, run);
      }
      for (const [id, run] of state.dcRuns) if (run.startedAt < now - KEEP_MS) state.dcRuns.delete(id);
    } catch (error) {
      state.dc.problem = (error as Error).message ?? String(error);
    }
  }

  private async readPlacement(placement: string, jobs: readonly WatchedJob[], api: SchedulesAwsApi, call: AwsCaller, now: number): Promise<unknown[]> {
    const failures: unknown[] = [];
    const deployed = jobs.flatMap((job) => ('functionName' in job.resources ? [{ job, resources: job.resources }] : []));
    for (const job of jobs)
      if (!('functionName' in job.resources)) {
        const state = this.states.get(job.key)!;
        // Nothing deployed, nothing can run on AWS: its side reads as empty, with why.
        Object.assign(state, { awsReadAt: now, awsProblem: job.resources.problem, schedule: { value: null, readAt: now, problem: job.resources.problem } });
      }
    const scheduleReads = deployed.map(async ({ job, resources }) => {
      const state = this.states.get(job.key)!;
      try {
        const reading = await call('GetSchedule', (signal) => api.getSchedule(resources.scheduleName, resources.scheduleGroup, signal));
        state.schedule = { value: reading, readAt: now, problem: null };
      } catch (error) {
        failures.push(error);
        state.schedule.problem = `GetSchedule ${resources.scheduleName}: ${describeAwsError(error)}`;
      }
      try {
        state.concurrency = await call('GetFunctionConcurrency', (signal) => api.getReservedConcurrency(resources.functionName, signal));
      } catch (error) {
        failures.push(error);
      }
    });
    const functions = [...new Set(deployed.map(({ resources }) => resources.functionName))];
    const groups = [...new Set(deployed.map(({ resources }) => resources.scheduleGroup))];
    const since = this.readUntil.get(placement) ?? now - FIRST_LOOKBACK_MS;
    const start = new Date(Math.floor(Math.min(since, now - REREAD_MS) / MINUTE_MS) * MINUTE_MS);
    const points = new Map<string, MetricDataResult>();
    let metricsOk = true;
    const metricReads = planMetricBatches(functions, groups).map(async (batch) => {
      const byId = new Map(batch.map((query) => [query.id, query]));
      let nextToken: string | undefined;
      try {
        do {
          const page = await call('GetMetricData', (signal) =>
            api.getMetricData({ queries: batch.map(toCloudWatch), start, end: new Date(now), ...(nextToken ? { nextToken } : {}) }, signal),
          );
          for (const result of page.results) {
            const query = result.Id ? byId.get(result.Id) : undefined;
            if (query) points.set(queryKey(query), mergeResult(points.get(queryKey(query)), result));
          }
          nextToken = page.nextToken;
        } while (nextToken);
      } catch (error) {
        failures.push(error);
        metricsOk = false;
      }
    });
    await Promise.all([...scheduleReads, ...metricReads]);
    // Fold: per function its minutes; per group its dropped invocations.
    for (const { job, resources } of deployed) {
      const state = this.states.get(job.key)!;
      const invocations = minutesOf(points.get(`function|${resources.functionName}|Invocations`));
      const errors = minutesOf(points.get(`function|${resources.functionName}|Errors`));
      const throttles = minutesOf(points.get(`function|${resources.functionName}|Throttles`));
      for (const minute of new Set([...invocations.keys(), ...errors.keys(), ...throttles.keys()]))
        state.awsMinutes.set(minute, { invocations: invocations.get(minute) ?? 0, errors: errors.get(minute) ?? 0, throttles: throttles.get(minute) ?? 0 });
      for (const minute of [...state.awsMinutes.keys()]) if (minute < now - KEEP_MS) state.awsMinutes.delete(minute);
      if (metricsOk) Object.assign(state, { awsReadAt: now, awsProblem: null });
      else state.awsProblem = 'CloudWatch could not be read: the AWS side of its slots is not known for now';
    }
    for (const group of groups) {
      const key = `${placement}|${group}`;
      const minutes = this.dropped.get(key) ?? new Map<number, number>();
      for (const [minute, value] of minutesOf(points.get(`group|${group}|InvocationDroppedCount`))) minutes.set(minute, value);
      this.dropped.set(key, minutes);
    }
    if (failures.length === 0) this.readUntil.set(placement, now);
    return failures;
  }

  /** Folds every job's ledger at `now`: its verdicts, its totals, and the alerts new verdicts raise. */
  private judge(now: number): void {
    for (const job of this.jobs) {
      const state = this.states.get(job.key)!;
      const window = awsWindowMs(job.job.slotToleranceSeconds, job.job.aws.flexibleWindowMinutes, job.job.aws.function?.timeoutSeconds ?? 900);
      const rules = { toleranceMs: job.job.slotToleranceSeconds * 1000, awsWindowMs: window };
      const closesAfter = Math.max(rules.toleranceMs, window) + METRIC_LAG_MS;
      // Only the slots not judged for good yet are expanded and judged again: a minutely job stays cheap all night.
      const from = Math.max(state.judgedFrom, now - KEEP_MS + closesAfter);
      const expand = (start: number, end: number, limit: number) =>
        job.awsSchedule
          ? expandSlots(job.awsSchedule, job.job.aws.timeZone, start, end, {
              start: state.schedule.value?.startDate?.getTime() ?? state.watchedSince,
              limit,
            }).map((slot) => slot.epochMs)
          : [];
      state.upcoming = expand(now + 1, now + LOOKAHEAD_MS, SLOTS_AFTER);
      const open = expand(from, now + 1, 20_000).filter((at) => !state.finalSlots.has(at));
      // A verdict is final only once both sides were read after the slot closed: a side we could not see ran nothing we know of.
      const seenThrough = Math.min(state.dc.readAt ?? -Infinity, state.awsReadAt ?? -Infinity);
      const judged = judgeSlots(open, [...state.dcRuns.values()], this.awsRunsOf(state), rules, now).map((slot) =>
        slot.final && slot.verdict !== 'double' && seenThrough < slot.at + closesAfter ? { ...slot, final: false, verdict: 'open' as const } : slot,
      );
      for (const slot of judged) {
        if (!slot.final) continue;
        state.finalSlots.set(slot.at, slot);
        this.count(job, state, slot);
      }
      state.judgedFrom = judged.find((slot) => !slot.final)?.at ?? now + 1;
      for (const at of [...state.finalSlots.keys()]) if (at < now - KEEP_MS) state.finalSlots.delete(at);
      state.lastJudgements = [...state.finalSlots.values(), ...judged.filter((slot) => !slot.final)].sort((a, b) => a.at - b.at);
      this.watchTriggers(job, state, now);
      this.countDropped(job, state);
    }
  }

  /** The AWS minutes with the job's test invocations taken out (each from the first minute it may have been counted in). */
  private awsRunsOf(state: JobState): Map<number, AwsMinute> {
    const minutes = new Map(state.awsMinutes);
    for (const test of state.tests) {
      const first = Math.floor(test.at / MINUTE_MS) * MINUTE_MS;
      for (let minute = first; minute <= test.answeredAt + 15 * MINUTE_MS; minute += MINUTE_MS) {
        const counts = minutes.get(minute);
        if (!counts || counts.invocations === 0) continue;
        minutes.set(minute, { ...counts, invocations: counts.invocations - 1, errors: Math.max(0, counts.errors - (test.view.ok ? 0 : 1)) });
        break;
      }
    }
    return minutes;
  }

  private count(job: WatchedJob, state: JobState, slot: SlotJudgement): void {
    const totals = { ...state.totals };
    const at = new Date(slot.at).toISOString();
    const local = `${at.slice(11, 16)} UTC`;
    if (slot.verdict === 'double') {
      totals.doubleRuns++;
      this.raise(job, 'double-run', 'critical', slot.at, `${job.key}: the ${local} slot ran on both sides (data center and AWS)`);
    }
    if (slot.verdict === 'missed') {
      totals.missedRuns++;
      this.raise(job, 'missed-run', 'critical', slot.at, `${job.key}: the ${local} slot ran on neither side`);
    }
    if (slot.dcResult === 'FAILURE') {
      totals.dcFailures++;
      this.raise(job, 'dc-failure', 'warning', slot.at, `${job.key}: the data center's run for the ${local} slot failed`);
    }
    if (slot.awsErrors > 0) {
      totals.awsErrors += slot.awsErrors;
      this.raise(job, 'aws-failure', 'warning', slot.at, `${job.key}: ${slot.awsErrors} of the function's invocations for the ${local} slot failed`);
    }
    if (slot.awsThrottles > 0) {
      totals.throttles += slot.awsThrottles;
      this.raise(job, 'throttled', 'warning', slot.at, `${job.key}: ${slot.awsThrottles} invocations for the ${local} slot were throttled`);
    }
    if (slot.awsRuns > 1) {
      totals.duplicateDeliveries++;
      this.raise(
        job,
        'duplicate-delivery',
        job.job.idempotent ? 'warning' : 'critical',
        slot.at,
        `${job.key}: AWS ran the ${local} slot ${slot.awsRuns} times${job.job.idempotent ? ' (the job is idempotent)' : ' and the job is NOT idempotent'}`,
      );
    }
    state.totals = totals;
  }

  /** Both triggers on at once: a double run is coming. Raised once per time it happens. */
  private watchTriggers(job: WatchedJob, state: JobState, now: number): void {
    const owner = ownerOf(state);
    if (owner !== 'both') {
      state.bothOnSince = null;
      return;
    }
    if (state.bothOnSince !== null) return;
    state.bothOnSince = now;
    this.raise(
      job,
      'both-triggers-on',
      'critical',
      null,
      `${job.key}: both the data-center trigger and the AWS schedule are on: its next slot will run on both sides`,
      `${job.key}|both|${now}`,
    );
  }

  private countDropped(job: WatchedJob, state: JobState): void {
    if (!('scheduleGroup' in job.resources)) return;
    const minutes = this.dropped.get(`${job.placement}|${job.resources.scheduleGroup}`);
    let dropped = 0;
    for (const [minute, value] of minutes ?? []) {
      if (minute < state.watchedSince || value <= 0) continue;
      dropped += value;
      this.raise(
        job,
        'dropped',
        'critical',
        minute,
        `Scheduler dropped ${value} invocation${value === 1 ? '' : 's'} in schedule group ${job.resources.scheduleGroup} at ${new Date(minute).toISOString().slice(11, 16)} UTC (the group's count: ${job.key} is one of its jobs)`,
        `${job.placement}|${job.resources.scheduleGroup}|dropped|${minute}`,
      );
    }
    state.totals = { ...state.totals, dropped };
  }

  private raise(job: WatchedJob, kind: ScheduleAlertKind, severity: 'critical' | 'warning', slot: number | null, message: string, id?: string): void {
    const alertId = id ?? `${job.key}|${kind}|${slot ?? ''}`;
    if (this.raisedIds.has(alertId)) return;
    this.raisedIds.add(alertId);
    const alert: ScheduleAlertView = {
      id: alertId,
      kind,
      severity,
      stackId: job.stackId,
      jobId: job.jobId,
      waveId: job.waveId,
      slot: slot === null ? null : new Date(slot).toISOString(),
      message,
      raisedAt: new Date(this.options.clock()).toISOString(),
      acknowledgedAt: null,
    };
    this.alerts.push(alert);
    if (this.alerts.length > MAX_ALERTS) this.alerts.splice(0, this.alerts.length - MAX_ALERTS);
    this.options.raised?.(alert);
  }

  views(): JobView[] {
    return this.jobs.map((job) => {
      const state = this.states.get(job.key)!;
      return jobView(job, state);
    });
  }
}

function newState(now: number): JobState {
  return {
    watchedSince: now,
    judgedFrom: now,
    dcRuns: new Map(),
    dc: { value: null, readAt: null, problem: null },
    schedule: { value: null, readAt: null, problem: null },
    concurrency: null,
    awsMinutes: new Map(),
    awsReadAt: null,
    awsProblem: null,
    tests: [],
    finalSlots: new Map(),
    totals: { doubleRuns: 0, missedRuns: 0, dcFailures: 0, awsErrors: 0, throttles: 0, duplicateDeliveries: 0, dropped: 0 },
    bothOnSince: null,
    lastJudgements: [],
    upcoming: [],
  };
}

/** Whose trigger fires: the DC's when enabled; AWS's when its schedule is enabled and the kill switch is off. */
function ownerOf(state: JobState): JobView['owner'] {
  const dcOn = state.dc.readAt === null ? null : (state.dc.value?.enabled ?? null);
  const schedule = state.schedule.value;
  const awsOn = state.schedule.readAt === null ? null : schedule === null ? false : schedule.state === 'ENABLED' && state.concurrency !== 0;
  if (dcOn === null || awsOn === null) return 'unknown';
  if (dcOn && awsOn) return 'both';
  if (dcOn) return 'dc';
  if (awsOn) return 'aws';
  return 'neither';
}

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

function jobView(job: WatchedJob, state: JobState): JobView {
  const dcStatus = state.dc.value;
  const running = dcStatus?.runs.find((run) => run.building);
  const last = dcStatus?.runs.find((run) => !run.building) ?? null;
  const schedule = state.schedule.value;
  const awsOn = schedule?.state === 'ENABLED';
  const newestMinute = [...state.awsMinutes.entries()].filter(([, counts]) => counts.invocations > 0).sort((a, b) => b[0] - a[0])[0];
  const past = state.lastJudgements.slice(-SLOTS_BEFORE);
  const slots: SlotView[] = [
    ...past.map((slot) => slotView(slot)),
    ...state.upcoming.map((at) => ({
      at: new Date(at).toISOString(),
      dcRuns: 0,
      dcResult: null,
      awsRuns: 0,
      awsErrors: 0,
      awsThrottles: 0,
      verdict: 'upcoming' as const,
    })),
  ];
  const scheduler = job.scheduler;
  const resources = 'functionName' in job.resources ? job.resources : null;
  const nextSlot = iso(state.upcoming[0]);
  return {
    stackId: job.stackId,
    jobId: job.jobId,
    waveId: job.waveId,
    description: job.job.description ?? null,
    idempotent: job.job.idempotent,
    dcSchedule: job.job.dc.expression ? `${job.job.dc.expression} (${job.dcZone})` : 'not given in the plan (Jenkins keeps it)',
    awsSchedule: `${job.job.aws.expression} (${job.job.aws.timeZone})`,
    owner: ownerOf(state),
    dc: {
      kind: job.job.dc.jenkins ? 'jenkins' : 'cron',
      scheduler: scheduler?.id ?? job.job.dc.jenkins ?? job.job.dc.cron ?? '',
      name: job.job.dc.job ?? job.job.dc.entry ?? '',
      enabled: dcStatus?.enabled ?? null,
      running: running ? { since: new Date(running.startedAt).toISOString(), number: running.number } : null,
      queued: dcStatus?.inQueue ?? false,
      lastRun: last ? { startedAt: new Date(last.startedAt).toISOString(), result: last.result } : null,
      nextSlot: dcStatus?.enabled ? nextSlot : null,
      checkedAt: iso(state.dc.readAt),
      problem: state.dc.problem,
    },
    aws: {
      functionName: resources?.functionName ?? null,
      scheduleName: resources?.scheduleName ?? null,
      scheduleGroup: resources?.scheduleGroup ?? null,
      state: schedule?.state ?? null,
      startDate: iso(schedule?.startDate?.getTime()),
      nextSlot: awsOn ? iso(Math.max(state.upcoming[0] ?? 0, schedule?.startDate?.getTime() ?? 0) || null) : null,
      reservedConcurrency: state.concurrency,
      lastRun: newestMinute
        ? { minute: new Date(newestMinute[0]).toISOString(), invocations: newestMinute[1].invocations, errors: newestMinute[1].errors }
        : null,
      testInvocation: state.tests.at(-1)?.view ?? null,
      checkedAt: iso(state.schedule.readAt),
      problem: state.schedule.problem ?? state.awsProblem,
    },
    watchedSince: new Date(state.watchedSince).toISOString(),
    totals: state.totals,
    slots,
  };
}

function slotView(slot: SlotJudgement): SlotView {
  return {
    at: new Date(slot.at).toISOString(),
    dcRuns: slot.dcRuns,
    dcResult: slot.dcResult,
    awsRuns: slot.awsRuns,
    awsErrors: slot.awsErrors,
    awsThrottles: slot.awsThrottles,
    verdict: slot.verdict,
  };
}

const queryKey = (query: MetricQuery) => `${query.kind}|${query.name}|${query.metric}`;

function toCloudWatch(query: MetricQuery): MetricDataQuery {
  const metric =
    query.kind === 'function'
      ? { Namespace: 'AWS/Lambda', MetricName: query.metric, Dimensions: [{ Name: 'FunctionName', Value: query.name }] }
      : { Namespace: 'AWS/Scheduler', MetricName: query.metric, Dimensions: [{ Name: 'ScheduleGroup', Value: query.name }] };
  return { Id: query.id, MetricStat: { Metric: metric, Period: 60, Stat: 'Sum' }, ReturnData: true };
}

function mergeResult(previous: MetricDataResult | undefined, result: MetricDataResult): MetricDataResult {
  if (!previous) return result;
  return {
    ...result,
    Timestamps: [...(previous.Timestamps ?? []), ...(result.Timestamps ?? [])],
    Values: [...(previous.Values ?? []), ...(result.Values ?? [])],
  };
}

function minutesOf(result: MetricDataResult | undefined): Map<number, number> {
  const minutes = new Map<number, number>();
  const timestamps = result?.Timestamps ?? [];
  const values = result?.Values ?? [];
  timestamps.forEach((timestamp, i) => {
    const value = values[i];
    if (value !== undefined) minutes.set(Math.floor(new Date(timestamp).getTime() / MINUTE_MS) * MINUTE_MS, value);
  });
  return minutes;
}
