// The Keyspaces track's monitor: a PolledTrack on the shared poller. Each cycle reads every placement (account and
// region) the moving stacks use, at the call floor (poll-planner.ts, cycle-reads.ts), then folds the answers into
// each stack's state: its tables' newest minute of throttling, errors and capacity, its bulk load's newest run and
// records read, its proxy's failed writes and latency, and the dual-write hold (dual-write-hold.ts) over its tables'
// throttle events and its proxy's failed writes. The views it publishes are the one truth the gates, the UI and the
// evidence read.
import type { JobRun } from '@aws-sdk/client-glue';
import { awsCaller, CallLedger, type AwsCallOptions } from '../../../monitoring/aws-call';
import { cycleOutcome, type CycleOutcome } from '../../../monitoring/cycle-outcome';
import type { Activity } from '../../../monitoring/pace';
import type { PolledTrack } from '../../../monitoring/poller';
import type { BulkLoadView, KeyspacesStackView, ProxyView, TableSignalsView } from '../contract';
import type { KeyspacesReadApi } from './clients';
import { readPlacement, tableKey, type MetricPoints, type PlacementRead } from './cycle-reads';
import { judgeDualWrite, pruneSamples, type DualWriteRule, type DualWriteSample } from './dual-write-hold';
import type { JobRunRef, TableRef } from './poll-planner';
import { proxyRates, type ProxyReading } from './proxy-metrics';

/** A stack whose Cassandra data moves, as the plan and its outputs say now. */
export interface MovingStack {
  readonly stackId: string;
  readonly waveId: string | null;
  /** Where its AWS calls go (placement-apis: '' for a plan without accounts). */
  readonly placement: string;
  readonly originKeyspace: string;
  readonly targetKeyspace: string;
  readonly tables: readonly string[];
  /** The bulk-load job's name, or why it is not known (the stack has no such output yet). */
  readonly job: { readonly name: string } | { readonly problem: string };
  /** The proxy's metrics URL, or why it is not known. */
  readonly proxy: { readonly url: string } | { readonly problem: string };
  readonly rule: DualWriteRule;
}

export interface KeyspacesMonitorOptions {
  readonly stacks: () => readonly MovingStack[];
  /** A placement's API, or why there is none. */
  readonly api: (placement: string) => KeyspacesReadApi | { readonly unavailable: string };
  /** The data clock (ms). */
  readonly clock: () => number;
  readonly stop: AbortSignal;
  readonly publish: (views: readonly KeyspacesStackView[]) => void;
  readonly fetchProxy?: (url: string, signal: AbortSignal) => Promise<string>;
  readonly callOptions?: AwsCallOptions;
}

/** Datapoints may arrive late: every cycle reads the last minutes again. */
const REREAD_MS = 10 * 60_000;
/** Most history a first read asks for (the longest hold it serves). */
const MAX_LOOKBACK_MS = 3 * 3600_000;
/** How long after a run's end its records-read minutes may still arrive. */
const FINAL_AFTER_MS = 3 * 60_000;
const ACTIVE_RUN_STATES = new Set(['STARTING', 'RUNNING', 'STOPPING', 'WAITING']);
const THROTTLE_METRICS = ['ReadThrottleEvents', 'WriteThrottleEvents', 'StoragePartitionThroughputCapacityExceeded'] as const;

interface ProxyState {
  last: ProxyReading | null;
  rates: ReturnType<typeof proxyRates> | null;
  observedSince: number | null;
  failedOrigin: number;
  failedTarget: number;
  samples: DualWriteSample[];
  problem: string | null;
}

export class KeyspacesMonitor implements PolledTrack {
  private stacks: readonly MovingStack[] = [];
  /** Per placement and table key: each metric's points by minute. */
  private readonly minutes = new Map<string, Map<string, Map<number, number>>>();
  private readonly runs = new Map<string, JobRun | { problem: string } | null>();
  /** Per run: its records read per minute, gathered over cycles (a run's count is the sum of all its minutes). */
  private readonly runMinutes = new Map<string, Map<number, number>>();
  /** Runs whose records were read after they ended: their count is final, no query needed any more. */
  private readonly finalRecords = new Set<string>();
  private readonly proxies = new Map<string, ProxyState>();
  private readonly readUntil = new Map<string, number>();

  constructor(private readonly options: KeyspacesMonitorOptions) {}

  async fetch(): Promise<CycleOutcome> {
    const ledger = new CallLedger();
    const call = awsCaller(ledger, this.options.stop, this.options.callOptions);
    this.stacks = this.options.stacks();
    const now = this.options.clock();
    const failures: unknown[] = [];
    const problems: string[] = [];
    const byPlacement = new Map<string, MovingStack[]>();
    for (const stack of this.stacks) byPlacement.set(stack.placement, [...(byPlacement.get(stack.placement) ?? []), stack]);
    await Promise.all(
      [...byPlacement].map(async ([placement, stacks]) => {
        const api = this.options.api(placement);
        if ('unavailable' in api) {
          problems.push(api.unavailable);
          return;
        }
        const tables = unique(
          stacks.flatMap((stack) => stack.tables.map((table) => ({ keyspace: stack.targetKeyspace, table }))),
          tableKey,
        );
        const jobs = unique(
          stacks.flatMap((stack) => ('name' in stack.job ? [stack.job.name] : [])),
          (name) => name,
        );
        const proxies = stacks.flatMap((stack) => ('url' in stack.proxy ? [{ key: stack.stackId, url: stack.proxy.url }] : []));
        const longestHold = Math.max(0, ...stacks.map((stack) => stack.rule.holdSeconds * 1000));
        const since = this.readUntil.get(placement) ?? now - Math.min(MAX_LOOKBACK_MS, longestHold + REREAD_MS);
        // A run's records are read while it runs and for a few minutes after it ended (its last minutes arrive late):
        // then its count is final. A run read for the first time is
        // read from its start, so its count holds every minute it ran.
        const ended: string[] = [];
        const runsToRead = (jobRuns: ReadonlyMap<string, JobRun | null | { readonly problem: string }>) => {
          const runs: JobRunRef[] = [];
          let from = Infinity;
          for (const [job, run] of jobRuns) {
            if (!run || !('Id' in run) || !run.Id || this.finalRecords.has(run.Id)) continue;
            // CloudWatch publishes a minute once it is over, and late: a count is final a few minutes after the run's end.
            const endedAt = run.CompletedOn?.getTime();
            if (!ACTIVE_RUN_STATES.has(run.JobRunState ?? '') && endedAt !== undefined && now - endedAt >= FINAL_AFTER_MS) ended.push(run.Id);
            if (!this.runMinutes.has(run.Id) && run.StartedOn) from = Math.min(from, run.StartedOn.getTime());
            runs.push({ jobName: job, runId: run.Id });
          }
          return { runs, since: from };
        };
        const read = await readPlacement(
          api,
          call,
          { tables, jobs, runsToRead, proxies, since: Math.min(since, now - REREAD_MS), now },
          this.options.fetchProxy,
        );
        failures.push(...read.failures);
        if (read.failures.length === 0) this.readUntil.set(placement, now);
        this.fold(placement, read, now);
        for (const runId of ended) if (read.runRecords.has(runId)) this.finalRecords.add(runId);
      }),
    );
    const outcome = cycleOutcome(ledger, failures);
    return problems.length > 0 && !outcome.problem ? { ...outcome, problem: problems.join('; ') } : outcome;
  }

  activity(): Activity {
    // Fast while a bulk load runs or a hold counts down: the gates are about to change.
    for (const run of this.runs.values()) if (run && 'JobRunState' in run && ACTIVE_RUN_STATES.has(run.JobRunState ?? '')) return 'fast';
    return this.stacks.length > 0 ? 'normal' : 'idle';
  }

  afterCycle(): void {
    this.options.publish(this.views());
  }

  private fold(placement: string, read: PlacementRead, now: number): void {
    for (const [key, metrics] of read.tableMetrics) {
      const tableKeyAt = `${placement}|${key}`;
      const table = this.minutes.get(tableKeyAt) ?? new Map<string, Map<number, number>>();
      for (const [metric, points] of metrics) table.set(metric, mergeMinutes(table.get(metric), points, now - MAX_LOOKBACK_MS));
      this.minutes.set(tableKeyAt, table);
    }
    for (const [job, run] of read.jobRuns) this.runs.set(runKey(placement, job), run);
    for (const [runId, points] of read.runRecords) this.runMinutes.set(runId, mergeMinutes(this.runMinutes.get(runId), points, -Infinity));
    for (const [stackId, reading] of read.proxies) {
      const state = this.proxies.get(stackId) ?? { last: null, rates: null, observedSince: null, failedOrigin: 0, failedTarget: 0, samples: [], problem: null };
      if ('problem' in reading) {
        // A gap in watching: the hold starts over from the next reading.
        Object.assign(state, { last: null, rates: null, observedSince: null, problem: reading.problem });
      } else {
        if (state.last) {
          const rates = proxyRates(state.last, reading);
          state.rates = rates;
          state.failedOrigin += rates.failedWritesOrigin;
          state.failedTarget += rates.failedWritesTarget;
          const failed = rates.failedWritesOrigin + rates.failedWritesTarget;
          if (failed > 0) state.samples.push({ at: reading.at, throttleEvents: 0, failedWrites: failed });
        }
        state.last = reading;
        state.observedSince ??= reading.at;
        state.problem = null;
      }
      this.proxies.set(stackId, state);
    }
  }

  views(): KeyspacesStackView[] {
    const now = this.options.clock();
    return this.stacks.map((stack) => {
      const tables = stack.tables.map((table) => this.tableSignals(stack.placement, { keyspace: stack.targetKeyspace, table }));
      const proxy = this.proxies.get(stack.stackId);
      if (proxy) proxy.samples = pruneSamples(proxy.samples, stack.rule.holdSeconds, now);
      const samples: DualWriteSample[] = [...(proxy?.samples ?? []), ...this.throttleSamples(stack, now)];
      const observedSince = proxy?.observedSince ?? null;
      const judgement = observedSince === null ? null : judgeDualWrite(samples, observedSince, stack.rule, now);
      return {
        stackId: stack.stackId,
        waveId: stack.waveId,
        originKeyspace: stack.originKeyspace,
        targetKeyspace: stack.targetKeyspace,
        bulkLoad: this.bulkLoad(stack),
        tables,
        proxy: proxyView(stack, proxy),
        dualWrite: {
          clean: judgement?.clean ?? false,
          holdSeconds: stack.rule.holdSeconds,
          maxThrottleEvents: stack.rule.maxThrottleEvents,
          maxFailedWrites: stack.rule.maxFailedWrites,
          throttleEventsInHold: judgement?.throttleEventsInHold ?? sumThrottles(samples, stack.rule.holdSeconds, now),
          failedWritesInHold: judgement?.failedWritesInHold ?? 0,
          observedSince: observedSince === null ? null : new Date(observedSince).toISOString(),
          holdEndsAt: judgement ? new Date(judgement.holdEndsAt).toISOString() : null,
        },
      };
    });
  }

  private tableSignals(placement: string, ref: TableRef): TableSignalsView {
    const metrics = this.minutes.get(`${placement}|${tableKey(ref)}`);
    // The newest minute any metric reported: the current one may still fill up, but it is what there is.
    let minute: number | null = null;
    for (const points of metrics?.values() ?? []) for (const at of points.keys()) if (minute === null || at > minute) minute = at;
    const at = (metric: string) => (minute === null ? 0 : (metrics?.get(metric)?.get(minute) ?? 0));
    return {
      keyspace: ref.keyspace,
      table: ref.table,
      minute: minute === null ? null : new Date(minute).toISOString(),
      readThrottleEvents: at('ReadThrottleEvents'),
      writeThrottleEvents: at('WriteThrottleEvents'),
      partitionThroughputExceeded: at('StoragePartitionThroughputCapacityExceeded'),
      systemErrors: at('SystemErrors'),
      consumedReadCapacityUnits: at('ConsumedReadCapacityUnits'),
      consumedWriteCapacityUnits: at('ConsumedWriteCapacityUnits'),
    };
  }

  /** Each minute's throttle events over the stack's tables, as samples at the minute's end. */
  private throttleSamples(stack: MovingStack, now: number): DualWriteSample[] {
    const byMinute = new Map<number, number>();
    for (const table of stack.tables) {
      const metrics = this.minutes.get(`${stack.placement}|${tableKey({ keyspace: stack.targetKeyspace, table })}`);
      for (const metric of THROTTLE_METRICS)
        for (const [at, value] of metrics?.get(metric) ?? []) if (value > 0) byMinute.set(at, (byMinute.get(at) ?? 0) + value);
    }
    return [...byMinute]
      .map(([at, throttleEvents]) => ({ at: Math.min(at + 60_000, now), throttleEvents, failedWrites: 0 }))
      .filter((sample) => sample.at > now - stack.rule.holdSeconds * 1000);
  }

  private bulkLoad(stack: MovingStack): BulkLoadView {
    const empty = {
      jobName: null,
      runId: null,
      state: null,
      startedAt: null,
      completedAt: null,
      executionSeconds: null,
      recordsRead: null,
      recordsFinal: false,
      errorMessage: null,
    };
    if ('problem' in stack.job) return { ...empty, problem: stack.job.problem };
    const run = this.runs.get(runKey(stack.placement, stack.job.name));
    if (run === undefined) return { ...empty, jobName: stack.job.name, problem: null };
    if (run === null) return { ...empty, jobName: stack.job.name, problem: null };
    if ('problem' in run) return { ...empty, jobName: stack.job.name, problem: `the job's runs could not be read: ${run.problem}` };
    return {
      jobName: stack.job.name,
      runId: run.Id ?? null,
      state: run.JobRunState ?? null,
      startedAt: run.StartedOn?.toISOString() ?? null,
      completedAt: run.CompletedOn?.toISOString() ?? null,
      executionSeconds: run.ExecutionTime ?? null,
      recordsRead: run.Id ? recordsOf(this.runMinutes.get(run.Id)) : null,
      recordsFinal: run.Id !== undefined && this.finalRecords.has(run.Id),
      errorMessage: run.ErrorMessage ?? null,
      problem: null,
    };
  }
}

function proxyView(stack: MovingStack, state: ProxyState | undefined): ProxyView {
  const rates = state?.rates ?? null;
  return {
    url: 'url' in stack.proxy ? stack.proxy.url : null,
    checkedAt: state?.last ? new Date(state.last.at).toISOString() : null,
    writesPerSecond: rates?.writesPerSecond ?? null,
    writeLatencyMs: rates?.writeLatencyMs ?? null,
    readLatencyOriginMs: rates?.readLatencyOriginMs ?? null,
    readLatencyTargetMs: rates?.readLatencyTargetMs ?? null,
    inflight: state?.last?.inflight ?? null,
    connections: state?.last?.connections ?? null,
    failedWritesOrigin: state?.failedOrigin ?? 0,
    failedWritesTarget: state?.failedTarget ?? 0,
    problem: 'problem' in stack.proxy ? stack.proxy.problem : (state?.problem ?? null),
  };
}

const runKey = (placement: string, job: string) => `${placement}|${job}`;

const recordsOf = (minutes: Map<number, number> | undefined) => (minutes ? [...minutes.values()].reduce((sum, value) => sum + value, 0) : null);

function sumThrottles(samples: readonly DualWriteSample[], holdSeconds: number, now: number): number {
  return samples.filter((sample) => sample.at > now - holdSeconds * 1000).reduce((sum, sample) => sum + sample.throttleEvents, 0);
}

function mergeMinutes(earlier: Map<number, number> | undefined, points: MetricPoints, oldest: number): Map<number, number> {
  const merged = new Map([...(earlier ?? [])].filter(([at]) => at >= oldest));
  points.timestamps.forEach((at, i) => merged.set(at, points.values[i] ?? 0));
  return merged;
}

function unique<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
