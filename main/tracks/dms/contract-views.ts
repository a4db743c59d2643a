// The DMS track's views in the API contract (what its monitor, main/tracks/dms/monitor/, serves): task views, gates,
// alerts, tables, series, resources, logs, control. Its contract (contract.ts) declares its commands and events over
// them; the contract's index re-exports them, so a UI imports them from `main/api/contract` as before.
import { z } from 'zod';
import { ALERT_KINDS, DMS_CONTROL_ACTIONS, DMS_LOG_LEVELS, DMS_METRICS, DMS_SERIES, FULL_LOAD_PROGRESS, REPLICATION_PHASES } from '../../../common/tracks/dms';
import { GateStatusSchema, MonitorStatusViewSchema } from '../../api/contract/shared';

export { ALERT_KINDS, DMS_CONTROL_ACTIONS, DMS_LOG_LEVELS, DMS_METRICS, DMS_SERIES, FULL_LOAD_PROGRESS, REPLICATION_PHASES };

export const DmsMetricSchema = z.enum(DMS_METRICS);
export type DmsMetric = z.infer<typeof DmsMetricSchema>;

/** A series the monitor keeps per task: a CloudWatch metric, or FullLoadProgressPercent from DescribeReplicationTasks. */
export const DmsSeriesNameSchema = z.enum(DMS_SERIES);
export type DmsSeriesName = z.infer<typeof DmsSeriesNameSchema>;

export const ReplicationPhaseSchema = z.enum(REPLICATION_PHASES);
export type ReplicationPhase = z.infer<typeof ReplicationPhaseSchema>;

export const TaskGateViewSchema = z.object({
  status: GateStatusSchema,
  /** Why it is not green, in the operator's terms (empty when green). */
  reasons: z.array(z.string()),
  /** ISO time the latency first stayed under the wave's threshold in the current streak, or null. */
  latencyUnderSince: z.string().nullable(),
  /** Seconds of the wave's hold time still to go before the latency condition counts, or null. */
  holdRemainingSeconds: z.number().nullable(),
  /** When the running hold ends (ISO, data clock): its start plus the wave's hold; it stays put while the hold runs. */
  holdEndsAt: z.string().nullable().optional(),
});
export type TaskGateView = z.infer<typeof TaskGateViewSchema>;

export const ReplicationTaskViewSchema = z.object({
  /** Stable key of the task in the cockpit: `<stackId>#<index in the stack's replicationTasks>`. */
  key: z.string(),
  stackId: z.string(),
  waveId: z.string().nullable(),
  /** ReplicationTaskIdentifier, once known. */
  taskId: z.string().nullable(),
  arn: z.string().nullable(),
  /** Why the task is unresolved, when it is. */
  resolution: z.string().nullable(),
  phase: ReplicationPhaseSchema,
  /** DMS Status as reported (creating, ready, starting, running, stopping, stopped, failed, ...). */
  status: z.string().nullable(),
  stopReason: z.string().nullable(),
  lastFailureMessage: z.string().nullable(),
  migrationType: z.string().nullable(),
  /** FullLoadProgressPercent; null when not known, and for a CDC-only task (it has no full load). */
  fullLoadPercent: z.number().nullable(),
  tables: z.object({ loaded: z.number().int(), loading: z.number().int(), queued: z.number().int(), errored: z.number().int() }).nullable(),
  /** Latest CloudWatch values (null: no datapoint yet). */
  latest: z.object({
    cdcLatencySourceSeconds: z.number().nullable(),
    cdcLatencyTargetSeconds: z.number().nullable(),
    cdcIncomingChanges: z.number().nullable(),
    cdcThroughputRowsTarget: z.number().nullable(),
    fullLoadThroughputRowsTarget: z.number().nullable(),
  }),
  /**
   * ISO time (data clock) of the datapoint behind each `latest` value, null without one: every age shown for a
   * value (the card's "6 min old", the gate's "no datapoint for 6 min") is measured from this one time.
   * Absent from views built before the field existed.
   */
  latestAt: z
    .object({
      cdcLatencySourceSeconds: z.string().nullable(),
      cdcLatencyTargetSeconds: z.string().nullable(),
      cdcIncomingChanges: z.string().nullable(),
      cdcThroughputRowsTarget: z.string().nullable(),
      fullLoadThroughputRowsTarget: z.string().nullable(),
    })
    .optional(),
  /** Data-clock seconds from freshness.taskAt until the full load finishes at the recent throughput, or null when not loading or unknown. */
  fullLoadEtaSeconds: z.number().nullable(),
  /** Whether target latency is shrinking, steady or growing over the last few minutes. */
  cdcTrend: z.enum(['catching-up', 'steady', 'falling-behind', 'unknown']),
  /** Validation summary from the last table statistics read, or null when never read. */
  validation: z
    .object({
      state: z.enum(['clean', 'pending', 'mismatched', 'suspended', 'not-enabled', 'error']),
      failedRecords: z.number().int(),
      suspendedRecords: z.number().int(),
    })
    .nullable(),
  freshness: z.object({
    /** ISO time of the last successful DescribeReplicationTasks answer about this task. */
    taskAt: z.string().nullable(),
    /** ISO time of the last successful metrics read for this task. */
    metricsAt: z.string().nullable(),
    /** True when the data is older than the monitor's staleness limit: never show it as current. */
    stale: z.boolean(),
    staleReason: z.string().nullable(),
  }),
  gate: TaskGateViewSchema,
});
export type ReplicationTaskView = z.infer<typeof ReplicationTaskViewSchema>;

export const WaveGateViewSchema = z.object({
  waveId: z.string(),
  status: GateStatusSchema,
  tasksTotal: z.number().int(),
  tasksGreen: z.number().int(),
  reasons: z.array(z.string()),
});
export type WaveGateView = z.infer<typeof WaveGateViewSchema>;

export const AlertViewSchema = z.object({
  id: z.string(),
  kind: z.enum(ALERT_KINDS),
  severity: z.enum(['critical', 'warning']),
  /** The task it is about (null for monitor-wide alerts). */
  taskKey: z.string().nullable(),
  stackId: z.string().nullable(),
  waveId: z.string().nullable(),
  message: z.string(),
  raisedAt: z.string(),
  /** When the condition went away (the alert stays listed until acknowledged). */
  clearedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
});
export type AlertView = z.infer<typeof AlertViewSchema>;
export const TableStatisticsViewSchema = z.object({
  schema: z.string(),
  table: z.string(),
  state: z.string(),
  fullLoadRows: z.number(),
  inserts: z.number(),
  updates: z.number(),
  deletes: z.number(),
  ddls: z.number(),
  validationState: z.string().nullable(),
  validationPendingRecords: z.number(),
  validationFailedRecords: z.number(),
  validationSuspendedRecords: z.number(),
  lastUpdateTime: z.string().nullable(),
});
export type TableStatisticsView = z.infer<typeof TableStatisticsViewSchema>;

export const TaskTablesViewSchema = z.object({
  taskKey: z.string(),
  fetchedAt: z.string().nullable(),
  stale: z.boolean(),
  tables: z.array(TableStatisticsViewSchema),
});
export type TaskTablesView = z.infer<typeof TaskTablesViewSchema>;

/** One series' new points: [epoch milliseconds on the data clock, value]. */
export const SeriesPointsSchema = z.object({
  taskKey: z.string(),
  metric: DmsSeriesNameSchema,
  points: z.array(z.tuple([z.number(), z.number()])),
});
export type SeriesPoints = z.infer<typeof SeriesPointsSchema>;

/**
 * A task's series history from a cursor (dms.series): everything the core keeps newer than the client's `after`, at
 * the core's resolution, and the cursor to ask from next time. A chart keeps it, appends dms.samples, and draws any
 * range and width from it without asking again; it asks with its cursor after a gap (missed batch, a live buffer
 * that overflowed), and from the start only for a task it has nothing of.
 */
export const SeriesHistorySchema = z.object({
  taskKey: z.string(),
  series: z.array(SeriesPointsSchema),
  /** The newest point's time (data clock, ms) in this answer or before it (`after`); null while there is none. */
  cursor: z.number().nullable(),
  /** How far back the core keeps raw points (the "recent" range); older ones are 5-minute lowest and highest. */
  recentWindowMs: z.number(),
});
export type SeriesHistory = z.infer<typeof SeriesHistorySchema>;

/** A task's replication instance as DMS describes it (DescribeReplicationInstances), cached by the monitor. */
export const ReplicationInstanceViewSchema = z.object({
  arn: z.string(),
  identifier: z.string().nullable(),
  instanceClass: z.string().nullable(),
  /** ReplicationInstanceStatus as last described (available, modifying, ...). */
  status: z.string().nullable(),
  engineVersion: z.string().nullable(),
  multiAz: z.boolean().nullable(),
});
export type ReplicationInstanceView = z.infer<typeof ReplicationInstanceViewSchema>;

/** The last connection test (TestConnection, then DescribeConnections) of an endpoint from the task's instance. */
export const ConnectionTestViewSchema = z.object({
  /** testing: DMS is still testing; timed-out: the cockpit stopped waiting (DMS may still finish it). */
  status: z.enum(['testing', 'successful', 'failed', 'timed-out']),
  /** DMS's LastFailureMessage, or why the cockpit stopped waiting. */
  message: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ConnectionTestView = z.infer<typeof ConnectionTestViewSchema>;

/** A source or target endpoint (DescribeEndpoints): where it points, never how it signs in. */
export const EndpointViewSchema = z.object({
  role: z.enum(['source', 'target']),
  arn: z.string(),
  identifier: z.string().nullable(),
  engine: z.string().nullable(),
  serverName: z.string().nullable(),
  port: z.number().nullable(),
  databaseName: z.string().nullable(),
  status: z.string().nullable(),
  sslMode: z.string().nullable(),
  /** The latest connection test from the task's instance (null: none since the cockpit started). */
  connection: ConnectionTestViewSchema.nullable(),
});
export type EndpointView = z.infer<typeof EndpointViewSchema>;

/** What the DMS console shows about a task beside its state: ARN, instance, endpoints, where its log is. */
export const TaskResourcesViewSchema = z.object({
  taskKey: z.string(),
  taskArn: z.string().nullable(),
  instance: ReplicationInstanceViewSchema.nullable(),
  source: EndpointViewSchema.nullable(),
  target: EndpointViewSchema.nullable(),
  /** The task's CloudWatch Logs log group and stream (known once its instance identifier is). */
  log: z.object({ group: z.string(), stream: z.string() }).nullable(),
  /** When the instance and endpoints were last described (ISO, data clock), null before. */
  describedAt: z.string().nullable(),
  /** What is not known and why (the task not described yet, an endpoint DMS does not know, a failed describe). */
  problems: z.array(z.string()),
});
export type TaskResourcesView = z.infer<typeof TaskResourcesViewSchema>;

export const TaskLogLineSchema = z.object({
  /** Per task log, increasing by one per line the core read: a client appends only lines newer than it holds. */
  seq: z.number().int(),
  /** The event's time (ISO) as CloudWatch Logs stamps it. */
  at: z.string(),
  level: z.enum(DMS_LOG_LEVELS),
  /** DMS's component (SOURCE_CAPTURE, TARGET_APPLY, TASK_MANAGER, ...), when the line names one. */
  component: z.string().nullable(),
  /** The line as DMS wrote it, with values of password-like settings masked. */
  text: z.string(),
});
export type TaskLogLine = z.infer<typeof TaskLogLineSchema>;

/** A task's CloudWatch Logs tail while someone follows it (dms.logs.follow). */
export const TaskLogViewSchema = z.object({
  taskKey: z.string(),
  group: z.string().nullable(),
  stream: z.string().nullable(),
  /** waiting: where the log is is not known yet; no-log: DMS has written none there (yet); error: the last read failed. */
  state: z.enum(['waiting', 'following', 'no-log', 'error']),
  message: z.string().nullable(),
  /** The newest lines held (at most a few hundred), oldest first. */
  lines: z.array(TaskLogLineSchema),
  readAt: z.string().nullable(),
});
export type TaskLogView = z.infer<typeof TaskLogViewSchema>;

export const DmsSnapshotSchema = z.object({
  monitor: MonitorStatusViewSchema,
  tasks: z.array(ReplicationTaskViewSchema),
  waves: z.array(WaveGateViewSchema),
  alerts: z.array(AlertViewSchema),
  /**
   * The fallback reverse tasks (AWS → data center) the monitor follows after a rollback started them, keyed
   * `<stackId>#reverse`: shown beside the plan's tasks, never part of a wave's gate.
   */
  reverseTasks: z.array(ReplicationTaskViewSchema),
  /** Instance, endpoints and log location of every task the monitor knows (the plan's and the reverse ones). */
  resources: z.array(TaskResourcesViewSchema),
});
export type DmsSnapshot = z.infer<typeof DmsSnapshotSchema>;

export const DmsControlActionSchema = z.enum(DMS_CONTROL_ACTIONS);
export type DmsControlAction = z.infer<typeof DmsControlActionSchema>;
