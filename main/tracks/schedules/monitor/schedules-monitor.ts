// The scheduled-jobs track's monitor: a PolledTrack on the shared poller. Each cycle reads, per placement (account and
// region), every deployed schedule (GetSchedule), every function's reserved concurrency and the AWS/Lambda and
// AWS/Scheduler minutes at the call floor (poll-planner.ts), and each job's data-center side (its scheduler's status
// and recent runs), all settled: a failed read is said on the job's side, never thrown. It folds the answers into each
// job's slot ledger (slot-ledger.ts) — which side ran each slot — and raises the alerts from it once per slot. The views
// it publishes are the one truth the gate, the handover, the UI and the evidence read.
// One file: the reads, the ledger's folding and the alerts share one per-job state (what was read, judged and
// raised), which a split would have to pass around whole; the pure parts are already apart (slot-ledger.ts,
// poll-planner.ts, aws-clients.ts, dc-clients.ts).
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
import { awsWindowMs, DC_SKEW_MS, judgeSlots, slotClosesAfterMs, type AwsMinute, type DcRunSeen, type SlotJudgement } from './slot-ledger';

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
  /**
   * What the journal kept from before this monitor started (a restart): the alerts raised and each job's newest test
   * invocation, so the totals and the gate do not start over at zero. Read once, before the first cycle.
   */
  readonly history?: () => Promise<{ readonly alerts: readonly ScheduleAlertView[]; readonly tests: ReadonlyMap<string, TestInvocationView> }>;
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
  /** Every slot before this one has its final verdict; undefined until the first judgement (which starts a window back). */
  judgedFrom: number | undefined;
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
  /** The journal's alerts and tests from before this monitor, once read. */
  private history: { readonly tests: ReadonlyMap<string, TestInvocationView> } | undefined;

  constructor(private readonly options: SchedulesMonitorOptions) {}

  async fetch(): Promise<CycleOutcome> {
    const ledger = new CallLedger();
    const call = awsCaller(ledger, this.options.stop, this.options.callOptions);
    this.jobs = this.options.jobs();
    const now = this.options.clock();
    for (const job of this.jobs) if (!this.states.has(job.key)) this.states.set(job.key, newState(now));
    if (this.history === undefined) this.history = await this.restore();
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

  /**
   * A test invocation's outcome (the runtime made it): shown on the job; when it reached the function (`invoked`: Lambda
   * answered with a status), its minute is not taken for a slot's run. One that never ran is shown only.
   */
  recordTest(key: string, at: number, answeredAt: number, view: TestInvocationView, invoked: boolean): void {
    const state = this.states.get(key);
    if (!state) return;
    const kept = state.tests.filter((test) => !(answeredAt - test.answeredAt >= KEEP_MS));
    state.tests = [...kept, invoked ? { at, answeredAt, view } : { at: Number.NaN, answeredAt: Number.NaN, view }];
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

  /** Takes in what the journal kept (a restart): the alerts raised, counted again into their jobs' totals; the newest tests. */
  private async restore(): Promise<{ readonly tests: ReadonlyMap<string, TestInvocationView> }> {
    const kept = await this.options.history?.().catch(() => undefined);
    if (!kept) return { tests: new Map() };
    for (const alert of kept.alerts) {
      if (this.raisedIds.has(alert.id)) continue;
      this.raisedIds.add(alert.id);
      this.alerts.push(alert);
      const state = this.states.get(`${alert.stackId}#${alert.jobId}`);
      if (state) state.totals = addTo(state.totals, alert.kind, 1);
    }
    for (const [key, view] of kept.tests) {
      const state = this.states.get(key);
      // Shown and counted by the gate; not subtracted from any minute (its data-clock time is not known).
      if (state && state.tests.length === 0) state.tests = [{ at: Number.NaN, answeredAt: Number.NaN, view }];
    }
    return { tests: kept.tests };
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
    // The metrics' read window moves on when they were read (a failed GetSchedule does not widen it).
    if (metricsOk) this.readUntil.set(placement, now);
    return failures;
  }

  /** Folds every job's ledger at `now`: its verdicts, its totals, and the alerts new verdicts raise. */
  private judge(now: number): void {
    for (const job of this.jobs) {
      const state = this.states.get(job.key)!;
      const window = awsWindowMs(job.job.slotToleranceSeconds, job.job.aws.flexibleWindowMinutes, job.job.aws.function?.timeoutSeconds ?? 900);
      const rules = { toleranceMs: job.job.slotToleranceSeconds * 1000, awsWindowMs: window };
      const closesAfter = slotClosesAfterMs(rules);
      // A new monitor (a restart) judges the slots still open when it started, not only the ones after.
      state.judgedFrom ??= now - closesAfter;
      // rate() counts from the schedule's StartDate, else from its last update (creation or UpdateSchedule), as Scheduler does.
      const anchor = state.schedule.value?.startDate?.getTime() ?? state.schedule.value?.lastModified?.getTime() ?? state.watchedSince;
      const expand = (start: number, end: number, limit: number) =>
        job.awsSchedule ? expandSlots(job.awsSchedule, job.job.aws.timeZone, start, end, { start: anchor, limit }).map((slot) => slot.epochMs) : [];
      state.upcoming = expand(now + 1, now + LOOKAHEAD_MS, SLOTS_AFTER);
      // Runs are attributed against every slot since a little before the first open one, final ones included (a run of a
      // slot judged already must not fall to the slot before it); only the open ones are judged again.
      const from = Math.max(state.judgedFrom - 2 * closesAfter, now - KEEP_MS + closesAfter);
      const slots = expand(from, now + 1, 20_000);
      const dcSeenThrough = this.dcSeenThrough(state, now);
      const awsSeenThrough = state.awsReadAt ?? -Infinity;
      const judged = judgeSlots(slots, [...state.dcRuns.values()], this.awsRunsOf(state), rules, now)
        .filter((slot) => !state.finalSlots.has(slot.at))
        // Before the monitor watched, a slot nothing is known of is not called missed: only what was seen counts.
        .filter((slot) => slot.at >= state.watchedSince || (slot.verdict !== 'missed' && slot.verdict !== 'open'))
        // A verdict is final only once both sides were read after the slot closed: a side we could not see ran nothing we know of.
        .map((slot) =>
          slot.final && slot.verdict !== 'double' && Math.min(dcSeenThrough, awsSeenThrough) < slot.at + closesAfter
            ? { ...slot, final: false, verdict: 'open' as const }
            : slot,
        );
      for (const slot of judged) {
        if (!slot.final) continue;
        state.finalSlots.set(slot.at, slot);
        this.count(job, state, slot);
      }
      state.judgedFrom = judged.find((slot) => !slot.final)?.at ?? now + 1;
      this.lateDcFailures(job, state);
      for (const at of [...state.finalSlots.keys()]) if (at < now - KEEP_MS) state.finalSlots.delete(at);
      state.lastJudgements = [...state.finalSlots.values(), ...judged.filter((slot) => !slot.final)].sort((a, b) => a.at - b.at);
      this.watchTriggers(job, state, now);
      this.countDropped(job, state, now);
    }
  }

  /**
   * Through when the DC side is known: its last read, or now while its trigger was last seen off with nothing running
   * (a disabled job starts no timer run, so a scheduler shut down after the handover does not keep AWS's slots open).
   */
  private dcSeenThrough(state: JobState, now: number): number {
    const last = state.dc.value;
    if (state.dc.problem !== null && last && !last.enabled && !last.runs.some((run) => run.building)) return now;
    return state.dc.readAt ?? -Infinity;
  }

  /** A DC run still building when its slot became final: its failure is alerted when it ends. */
  private lateDcFailures(job: WatchedJob, state: JobState): void {
    for (const slot of state.finalSlots.values()) {
      if (slot.dcRuns === 0 || slot.dcResult !== null) continue;
      const served = [...state.dcRuns.values()].filter(
        (run) => run.cause !== 'user' && run.startedAt >= slot.at - DC_SKEW_MS && run.startedAt - slot.at <= job.job.slotToleranceSeconds * 1000 + DC_SKEW_MS,
      );
      const ended = served.find((run) => !run.building);
      if (!ended) continue;
      const updated = { ...slot, dcResult: ended.result };
      state.finalSlots.set(slot.at, updated);
      if (
        ended.result === 'FAILURE' &&
        this.raise(job, 'dc-failure', 'warning', slot.at, `${job.key}: the data center's run for the ${utcMinute(slot.at)} slot failed`)
      )
        state.totals = addTo(state.totals, 'dc-failure', 1);
    }
  }

  /** The AWS minutes with the job's test invocations taken out (each from the first minute it may have been counted in). */
  private awsRunsOf(state: JobState): Map<number, AwsMinute> {
    const minutes = new Map(state.awsMinutes);
    for (const test of state.tests) {
      if (!Number.isFinite(test.at)) continue;
      // Lambda counts an invocation in the minute it ends: the call's own minute, or the next when it ends across one.
      const first = Math.floor(test.at / MINUTE_MS) * MINUTE_MS;
      for (let minute = first; minute <= Math.floor(test.answeredAt / MINUTE_MS) * MINUTE_MS + MINUTE_MS; minute += MINUTE_MS) {
        const counts = minutes.get(minute);
        if (!counts || counts.invocations === 0) continue;
        minutes.set(minute, { ...counts, invocations: counts.invocations - 1, errors: Math.max(0, counts.errors - (test.view.ok ? 0 : 1)) });
        break;
      }
    }
    return minutes;
  }

  /** Raises the alerts a final slot calls for; its totals count what is raised (once per slot, across restarts too). */
  private count(job: WatchedJob, state: JobState, slot: SlotJudgement): void {
    const at = utcMinute(slot.at);
    const raise = (kind: ScheduleAlertKind, severity: 'critical' | 'warning', message: string, amount = 1) => {
      if (this.raise(job, kind, severity, slot.at, message)) state.totals = addTo(state.totals, kind, amount);
    };
    if (slot.verdict === 'double') raise('double-run', 'critical', `${job.key}: the ${at} slot ran on both sides (data center and AWS)`);
    if (slot.verdict === 'missed') raise('missed-run', 'critical', `${job.key}: the ${at} slot ran on neither side`);
    if (slot.dcResult === 'FAILURE') raise('dc-failure', 'warning', `${job.key}: the data center's run for the ${at} slot failed`);
    if (slot.awsErrors > 0)
      raise('aws-failure', 'warning', `${job.key}: ${slot.awsErrors} of the function's invocations for the ${at} slot failed`, slot.awsErrors);
    if (slot.awsThrottles > 0)
      raise('throttled', 'warning', `${job.key}: ${slot.awsThrottles} invocations for the ${at} slot were throttled`, slot.awsThrottles);
    if (slot.awsRuns > 1)
      raise(
        'duplicate-delivery',
        job.job.idempotent ? 'warning' : 'critical',
        `${job.key}: AWS ran the ${at} slot ${slot.awsRuns} times${job.job.idempotent ? ' (the job is idempotent)' : ' and the job is NOT idempotent'}`,
      );
  }

  /** Both triggers on at once: a double run is coming. Raised once per time it happens. */
  private watchTriggers(job: WatchedJob, state: JobState, now: number): void {
    const owner = ownerOf(state, now);
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

  private countDropped(job: WatchedJob, state: JobState, now: number): void {
    if (!('scheduleGroup' in job.resources)) return;
    const minutes = this.dropped.get(`${job.placement}|${job.resources.scheduleGroup}`);
    for (const [minute, value] of minutes ?? []) {
      if (minute < now - KEEP_MS) minutes!.delete(minute);
      if (minute < state.watchedSince || value <= 0) continue;
      const raised = this.raise(
        job,
        'dropped',
        'critical',
        minute,
        `Scheduler dropped ${value} invocation${value === 1 ? '' : 's'} in schedule group ${job.resources.scheduleGroup} at ${utcMinute(minute)} (the group's count: ${job.key} is one of its jobs)`,
        `${job.placement}|${job.resources.scheduleGroup}|dropped|${minute}|${job.key}`,
      );
      if (raised) state.totals = addTo(state.totals, 'dropped', value);
    }
  }

  /** Raises an alert once per id (a slot's, an episode's); true when it is new. */
  private raise(job: WatchedJob, kind: ScheduleAlertKind, severity: 'critical' | 'warning', slot: number | null, message: string, id?: string): boolean {
    const alertId = id ?? `${job.key}|${kind}|${slot ?? ''}`;
    if (this.raisedIds.has(alertId)) return false;
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
    // The oldest go: their slots are final (never judged again) and their minutes gone, so no id needs keeping.
    if (this.alerts.length > MAX_ALERTS) for (const old of this.alerts.splice(0, this.alerts.length - MAX_ALERTS)) this.raisedIds.delete(old.id);
    this.options.raised?.(alert);
    return true;
  }

  views(): JobView[] {
    const now = this.options.clock();
    return this.jobs.map((job) => {
      const state = this.states.get(job.key)!;
      return jobView(job, state, now, this.awsRunsOf(state));
    });
  }
}

function newState(now: number): JobState {
  return {
    watchedSince: now,
    judgedFrom: undefined,
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
function ownerOf(state: JobState, now: number): JobView['owner'] {
  const dcOn = state.dc.readAt === null ? null : (state.dc.value?.enabled ?? null);
  return ownerFrom(dcOn, awsFires(state, now));
}

/** Whether the AWS schedule fires now: ENABLED, past its StartDate, and the kill switch off; null while unknown. */
function awsFires(state: JobState, now: number): boolean | null {
  const schedule = state.schedule.value;
  if (state.schedule.readAt === null) return null;
  if (schedule === null) return false;
  return schedule.state === 'ENABLED' && state.concurrency !== 0 && (schedule.startDate === null || schedule.startDate.getTime() <= now);
}

function ownerFrom(dcOn: boolean | null, awsOn: boolean | null): JobView['owner'] {
  if (dcOn === null || awsOn === null) return 'unknown';
  if (dcOn && awsOn) return 'both';
  if (dcOn) return 'dc';
  if (awsOn) return 'aws';
  return 'neither';
}

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

function jobView(job: WatchedJob, state: JobState, now: number, awsMinutes: ReadonlyMap<number, AwsMinute>): JobView {
  const dcStatus = state.dc.value;
  const running = dcStatus?.runs.find((run) => run.building);
  const last = dcStatus?.runs.find((run) => !run.building) ?? null;
  const schedule = state.schedule.value;
  const awsOn = schedule?.state === 'ENABLED';
  const newestMinute = [...awsMinutes.entries()].filter(([, counts]) => counts.invocations > 0).sort((a, b) => b[0] - a[0])[0];
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
  // Each side's own next slot: the DC's from its expression (unknown when the plan gives none), AWS's once it fires.
  const dcNext = job.dcSchedule ? expandSlots(job.dcSchedule, job.dcZone, now + 1, now + LOOKAHEAD_MS, { limit: 1 })[0]?.epochMs : undefined;
  const awsStart = schedule?.startDate?.getTime() ?? 0;
  const awsNext = state.upcoming.find((at) => at >= awsStart);
  return {
    stackId: job.stackId,
    jobId: job.jobId,
    waveId: job.waveId,
    description: job.job.description ?? null,
    idempotent: job.job.idempotent,
    dcSchedule: job.job.dc.expression ? `${job.job.dc.expression} (${job.dcZone})` : 'not given in the plan (Jenkins keeps it)',
    awsSchedule: `${job.job.aws.expression} (${job.job.aws.timeZone})`,
    owner: ownerOf(state, now),
    dc: {
      kind: job.job.dc.jenkins ? 'jenkins' : 'cron',
      scheduler: scheduler?.id ?? job.job.dc.jenkins ?? job.job.dc.cron ?? '',
      name: job.job.dc.job ?? job.job.dc.entry ?? '',
      enabled: dcStatus?.enabled ?? null,
      running: running ? { since: new Date(running.startedAt).toISOString(), number: running.number } : null,
      queued: dcStatus?.inQueue ?? false,
      lastRun: last ? { startedAt: new Date(last.startedAt).toISOString(), result: last.result } : null,
      nextSlot: dcStatus?.enabled ? iso(dcNext) : null,
      checkedAt: iso(state.dc.readAt),
      problem: state.dc.problem,
    },
    aws: {
      functionName: resources?.functionName ?? null,
      scheduleName: resources?.scheduleName ?? null,
      scheduleGroup: resources?.scheduleGroup ?? null,
      state: schedule?.state ?? null,
      startDate: iso(schedule?.startDate?.getTime()),
      nextSlot: awsOn && state.concurrency !== 0 ? iso(awsNext) : null,
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

/** "02:40 UTC": a slot's minute as the alerts say it. */
const utcMinute = (ms: number) => `${new Date(ms).toISOString().slice(11, 16)} UTC`;

/** The totals with an alert of `kind` counted. */
function addTo(totals: JobView['totals'], kind: ScheduleAlertKind, amount: number): JobView['totals'] {
  const field: Partial<Record<ScheduleAlertKind, keyof JobView['totals']>> = {
    'double-run': 'doubleRuns',
    'missed-run': 'missedRuns',
    'dc-failure': 'dcFailures',
    'aws-failure': 'awsErrors',
    throttled: 'throttles',
    'duplicate-delivery': 'duplicateDeliveries',
    dropped: 'dropped',
  };
  const name = field[kind];
  return name ? { ...totals, [name]: totals[name] + amount } : totals;
}
