// The replication monitor's settings, and the journal its control actions and connection tests write to: the
// types its callers (the core's replication service, the tests, the benchmarks) build it with; and what the
// monitor's parts share.
import type { AlertView, DmsControlAction } from '../contract-views';
import type { CockpitEvent } from '../../../api/contract/events';
import type { AwsCallOptions, AwsCaller, CallLedger } from '../../../monitoring/aws-call';
import type { PaceIntervals } from '../../../monitoring/pace';
import type { MigrationPlan } from '../../../plan/model';
import type { ReplicationApi } from './clients';
import type { ReplicationApis, Unavailable } from './placement-apis';
import type { ResourceCache } from './resources';
import type { SeriesStoreOptions } from './series-store';
import type { TaskSet } from './task-set';
import type { TaskState } from './task-state';

/** The polling intervals (defaults 5, 15, 30 and 120 s): the pace of monitoring/pace.ts. */
export type MonitorIntervals = PaceIntervals;

export interface ControlJournal {
  started(info: ControlInfo): Promise<string>;
  finished(operationId: string, info: ControlInfo, outcome: { ok: boolean; message: string; durationMs: number }): Promise<void>;
}

export interface ControlInfo {
  readonly taskKey: string;
  readonly stackId: string;
  readonly taskId: string | null;
  readonly action: DmsControlAction | 'test-connection';
  /** The operation this action is part of (a cutover step or a rollback's compensating step). */
  readonly parentOperationId?: string;
  /** Facts for the journal entry (a connection test: which endpoint, from which instance). */
  readonly details?: Readonly<Record<string, string>>;
}

/** Who asked for a control action, for the journal. */
export interface ControlContext {
  readonly parentOperationId?: string;
  /** Facts journaled with the control (who typed the confirmation, an override's reason). */
  readonly details?: Readonly<Record<string, string>>;
}

export interface MonitorOptions {
  readonly plan: MigrationPlan;
  /**
   * The AWS API of every task, or why there is none (the monitor then reports itself degraded and polls nothing), or
   * one per placement (account and region) for a plan with accounts (placement-apis.ts).
   */
  readonly api: ReplicationApi | Unavailable | ReplicationApis;
  /** `rehearsal` or the region, for the status view. */
  readonly target: string;
  /** The AWS profile in use, for the sign-in hint when credentials fail. */
  readonly profile?: string;
  readonly publish: (event: CockpitEvent) => void;
  /** Outputs of a stack as last known (undefined: not known yet). */
  readonly stackOutputs: (stackId: string) => Readonly<Record<string, unknown>> | undefined;
  readonly journal?: ControlJournal;
  readonly onAlert?: (alert: AlertView) => void;
  /** AWS refused the monitor's calls in an account (why), or it reads there again (null); once per change. */
  readonly onAccountRefusal?: (account: string, problem: string | null) => void;
  readonly log?: (line: string) => void;
  /** Time of the data (ms); a simulated clock in the rehearsal and the benchmarks. */
  readonly clock?: () => number;
  readonly intervals?: Partial<MonitorIntervals>;
  /** Data older than this is stale (default 3 × the interval of the current pace, before backoff). */
  readonly staleAfterIntervals?: number;
  /**
   * Data-clock milliseconds per real millisecond (default 1): a sped-up rehearsal's clock runs faster than the
   * real-time polling intervals, and ages on it are compared with intervals scaled the same way.
   */
  readonly clockRate?: number;
  readonly call?: AwsCallOptions;
  /** Calls in flight at once (default 8). */
  readonly concurrency?: number;
  /** CloudWatch period in seconds (default 60). */
  readonly metricPeriodSeconds?: number;
  /** How long after a period ends its datapoint is read (default 0; CloudWatch on AWS may publish late: 60 s). */
  readonly metricSettleMs?: number;
  /** How far back the first read of a task's target latency goes, for the gate's hold (default 60 minutes; other metrics: 15). */
  readonly initialLookbackMs?: number;
  /** A gate's validation reading is re-read after this (default 2 minutes) and too old after validationMaxAgeMs (default 10). */
  readonly validationRefreshMs?: number;
  readonly validationMaxAgeMs?: number;
  /** Table-statistics reads for gates per cycle, besides focused tasks (default 10). */
  readonly validationReadsPerCycle?: number;
  /** Consecutive failed cycles before the monitor reports itself degraded (default 3). */
  readonly degradedAfterCycles?: number;
  readonly series?: SeriesStoreOptions;
  readonly random?: () => number;
  /** Connection tests: wall-clock ms between DescribeConnections reads (default 3,000) and how long to wait (default 5 minutes). */
  readonly connectionTest?: { readonly pollMs?: number; readonly timeoutMs?: number };
  /** Wall-clock ms between reads of the followed task logs (default 2,000). */
  readonly logPollMs?: number;
}

/** What the parts of one replication monitor share. */
export interface MonitorContext {
  readonly options: MonitorOptions;
  /** Where each task's calls go (options.api as a router). */
  readonly apis: ReplicationApis;
  /** The placements whose credentials AWS refused in the last cycle (named, why, how many tasks), by placement. */
  refusedPlacements: ReadonlyMap<string, { readonly named: string; readonly reason: string; readonly tasks: number }>;
  readonly tasks: TaskSet;
  /** Instances and endpoints described on first sight (and on demand), and the connection tests run. */
  readonly resources: ResourceCache;
  readonly intervals: MonitorIntervals;
  /** Time of the data (ms). */
  readonly clock: () => number;
  /** Data-clock ms per real ms. */
  readonly clockRate: number;
  /** The CloudWatch period (ms). */
  readonly periodMs: number;
  /** Aborted when the monitor closes: ends polling and every call in flight. */
  readonly stop: AbortSignal;
}

/** One placement's reads in a refresh cycle (cycle-reads.ts): its tasks and API, the cycle's calls and time, its failures. */
export interface PlacementRead {
  readonly ctx: MonitorContext;
  /** The placement's tasks (an account and region; every task for a plan without accounts). */
  readonly states: readonly TaskState[];
  readonly api: ReplicationApi;
  /** Every call of the cycle goes through it (and its ledger). */
  readonly call: AwsCaller;
  readonly ledger: CallLedger;
  /** The cycle's time on the data clock. */
  readonly now: number;
  /** Calls in flight at once for this placement. */
  readonly limit: number;
  /** Where the placement's failed reads go. */
  readonly failures: unknown[];
}
