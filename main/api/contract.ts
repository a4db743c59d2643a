// The one API contract between the cockpit core and any UI.
// Every command (request -> response) and every event (core -> UI) is declared here with a zod schema.
// Both transports (Electron IPC, the headless web bridge) validate incoming messages against it, and the
// renderer's `window.cockpit` is typed from it. The renderer may only `import type` from this module.
import { z } from 'zod';
import { JournalEntrySchema } from '../journal/entry';

// ---------------------------------------------------------------------------------------------------------
// Shared shapes
// ---------------------------------------------------------------------------------------------------------

export const LIFECYCLE_STATES = [
  'planned',
  'deployed',
  'registered',
  'cut-over',
  'rolled-back',
  'failed',
] as const;
export const LifecycleStateSchema = z.enum(LIFECYCLE_STATES);
export type LifecycleState = z.infer<typeof LifecycleStateSchema>;

/** Where a wave is in its migration (derived in main/cutover/wave-phase.ts, the one place). */
export const WAVE_PHASES = [
  'not-deployed',
  'deployed',
  'not-ready',
  'ready',
  'cutover-in-progress',
  'cutover-stopped',
  'cut-over',
  'rolling-back',
  'rollback-failed',
  'rolled-back',
  'finalized',
] as const;
export const WavePhaseSchema = z.enum(WAVE_PHASES);
export type WavePhase = z.infer<typeof WavePhaseSchema>;

export const PlanIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  file: z.string(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  /** Where in the document, e.g. waves[1].stacks[0]. Empty for file-level problems. */
  path: z.string(),
  message: z.string(),
  /** The source line the issue points at, for showing it in place. */
  excerpt: z.string().optional(),
});
export type PlanIssue = z.infer<typeof PlanIssueSchema>;

export const ConfigEntrySchema = z.discriminatedUnion('kind', [
  z.object({ key: z.string(), kind: z.literal('plain'), value: z.union([z.string(), z.number(), z.boolean()]) }),
  // Only where the secret comes from crosses the API, never a value.
  z.object({ key: z.string(), kind: z.literal('secret'), sourceEnv: z.string() }),
]);
export type ConfigEntry = z.infer<typeof ConfigEntrySchema>;

export const DmsTaskRefViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('task-id'), taskId: z.string() }),
  z.object({ kind: z.literal('stack-output'), output: z.string() }),
]);
export type DmsTaskRefView = z.infer<typeof DmsTaskRefViewSchema>;

export const StackLifecycleSchema = z.object({
  state: LifecycleStateSchema,
  /** ISO time the stack entered this state. */
  since: z.string(),
  detail: z.string().optional(),
});
export type StackLifecycle = z.infer<typeof StackLifecycleSchema>;

export const RegistrationStatusSchema = z.object({
  registryId: z.string(),
  /** The id the registry gave the instance, or null when it is not registered there. */
  registrationId: z.string().nullable(),
});
export type RegistrationStatus = z.infer<typeof RegistrationStatusSchema>;

export const StackViewSchema = z.object({
  /** `project/stack`: unique across the plan. */
  id: z.string(),
  name: z.string(),
  project: z.string(),
  description: z.string().optional(),
  waveId: z.string().nullable(),
  config: z.array(ConfigEntrySchema),
  registries: z.array(z.string()),
  replicationTasks: z.array(DmsTaskRefViewSchema),
  lifecycle: StackLifecycleSchema,
  /** Per registry of the stack, as the stack's state last showed it (null: not known yet). */
  registrations: z.array(RegistrationStatusSchema).nullable(),
});
export type StackView = z.infer<typeof StackViewSchema>;

export const GatesViewSchema = z.object({
  maxCdcLatencySeconds: z.number(),
  holdSeconds: z.number(),
  requireValidation: z.boolean(),
  maxTableErrors: z.number(),
});

export const WaveViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  /** 1-based position in dependency order. */
  order: z.number().int(),
  dependsOn: z.array(z.string()),
  maxParallel: z.number().int(),
  gates: GatesViewSchema.nullable(),
  cutoverWindow: z.object({ start: z.string(), end: z.string() }).nullable(),
  /** Stack ids (`project/stack`), in the order the plan lists them. */
  stackIds: z.array(z.string()),
});
export type WaveView = z.infer<typeof WaveViewSchema>;

export const ProjectViewSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  organizationalUnit: z.string().optional(),
  program: z.string(),
  backend: z.string(),
});

export const RegistryViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  /** Name of the environment variable holding the token; the token itself never leaves the core. */
  authTokenEnv: z.string().nullable(),
});

export const PlanViewSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  environment: z.object({
    region: z.string(),
    profile: z.string().nullable(),
    endpoint: z.string().nullable(),
    backend: z.string(),
    secretsProvider: z.string(),
  }),
  projects: z.array(ProjectViewSchema),
  registries: z.array(RegistryViewSchema),
  /** In dependency order. */
  waves: z.array(WaveViewSchema),
  stacks: z.array(StackViewSchema),
});
export type PlanView = z.infer<typeof PlanViewSchema>;

/**
 * A plan file the cockpit read while a plan was loaded and could not use: it keeps running on the loaded plan
 * (its stacks, monitor and runbooks untouched) and says so. 'edit': the loaded plan's own file changed on disk and
 * is invalid (a typo saved, a git pull); the cockpit switches as soon as the file is valid again. 'open': another
 * file the operator opened.
 */
export const RejectedPlanFileSchema = z.object({
  file: z.string(),
  kind: z.enum(['edit', 'open']),
  /** Since when this file has been invalid (the first invalid read of it in a row). */
  since: z.string(),
  /** The latest read. */
  readAt: z.string(),
  issues: z.array(PlanIssueSchema),
  refused: z.boolean().optional(),
});
export type RejectedPlanFile = z.infer<typeof RejectedPlanFileSchema>;

export const PlanSnapshotSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('none') }),
  z.object({
    status: z.literal('loaded'),
    file: z.string(),
    loadedAt: z.string(),
    plan: PlanViewSchema,
    warnings: z.array(PlanIssueSchema),
    rejected: RejectedPlanFileSchema.optional(),
  }),
  z.object({
    status: z.literal('invalid'),
    file: z.string(),
    loadedAt: z.string(),
    issues: z.array(PlanIssueSchema),
    /** The file was not read as a plan at all (not a regular .yaml/.yml file, too large, not a plan): one file-level issue. */
    refused: z.boolean().optional(),
  }),
]);
export type PlanSnapshot = z.infer<typeof PlanSnapshotSchema>;

export const CoreInfoSchema = z.object({
  version: z.string(),
  transport: z.enum(['electron', 'web']),
  dataDir: z.string(),
  recentPlans: z.array(z.string()),
  examplePlans: z.array(z.object({ name: z.string(), file: z.string() })),
  /**
   * How another plan is opened: 'dialog' (the desktop app: the host's native file dialog through plan.choose, and
   * plan.open only for the recent and example plans listed here) or 'path' (the web bridge: a typed path).
   */
  planOpening: z.enum(['dialog', 'path']),
});
export type CoreInfo = z.infer<typeof CoreInfoSchema>;

/**
 * Where the cockpit acts and as whom (main/core/environment.ts), for the banner on every tab: the rehearsal or AWS,
 * the account and region, on AWS the caller identity STS GetCallerIdentity reports for the credentials in use, and
 * whether the plan says this is production. Never a credential: account, ARN and user id only.
 */
export const EnvironmentViewSchema = z.object({
  /** none: no plan is loaded; rehearsal: the local rehearsal environment (simulated AWS); aws: AWS (or the plan's explicit endpoint). */
  kind: z.enum(['none', 'rehearsal', 'aws']),
  /** The operator's OS user on the machine the core runs on (user@host): the journal's actor. */
  operator: z.string(),
  region: z.string().nullable(),
  /** What the cockpit talks to instead of AWS itself: the rehearsal's URL or the plan's explicit endpoint; null for AWS. */
  endpoint: z.string().nullable(),
  /** The plan's named profile for the SDK's credential chain (AWS only). */
  profile: z.string().nullable(),
  /** The plan says this environment is production (environment.aws.production); never true in the rehearsal. */
  production: z.boolean(),
  /** The account: the caller identity's on AWS, the simulated one in the rehearsal; null when not known (yet). */
  accountId: z.string().nullable(),
  /** The caller identity on AWS: its ARN, user id, and the principal in words (IAM user, role and session, root). */
  caller: z.object({ arn: z.string(), userId: z.string(), principal: z.string() }).nullable(),
  /** checking: the first check runs; ok; error: the identity could not be established (`error` says why). */
  status: z.enum(['checking', 'ok', 'error']),
  /** Why the identity is not known (expired, denied, no credentials, unreachable), in the operator's terms. */
  error: z.string().nullable(),
  /** When this view was last checked (ISO), null before the first check. */
  checkedAt: z.string().nullable(),
  /** When the credentials in use expire (ISO), when the credential chain says (SSO, assumed roles); else null. */
  credentialsExpireAt: z.string().nullable(),
  /** Rehearsal only: simulated seconds per real second of its clock (1: real time); null on AWS. */
  clockRate: z.number().positive().nullable(),
});
export type EnvironmentView = z.infer<typeof EnvironmentViewSchema>;

export const OPERATION_KINDS = ['preview', 'up', 'refresh', 'destroy', 'rollback', 'register', 'deregister', 'recover'] as const;
export const OperationKindSchema = z.enum(OPERATION_KINDS);
export type OperationKind = z.infer<typeof OperationKindSchema>;

export const ResourceStepViewSchema = z.object({
  urn: z.string(),
  name: z.string(),
  type: z.string(),
  /** The engine's step: create, update, delete, replace, same, refresh, ... */
  op: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  /** Names of the properties that differ (the preview diff). */
  diffs: z.array(z.string()),
});
export type ResourceStepView = z.infer<typeof ResourceStepViewSchema>;

export const OperationLogLineSchema = z.object({
  operationId: z.string(),
  /** 1, 2, 3... per operation. */
  seq: z.number().int().min(1),
  at: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  urn: z.string().optional(),
  text: z.string(),
});
export type OperationLogLine = z.infer<typeof OperationLogLineSchema>;

export const OperationViewSchema = z.object({
  operationId: z.string(),
  kind: OperationKindSchema,
  stackId: z.string(),
  /** Set when the operation runs as part of a wave operation. */
  parentOperationId: z.string().nullable(),
  status: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Why it failed or was refused, in the operator's terms. */
  message: z.string().nullable(),
  /** Resources in the stack before the operation (the best known total), or null when unknown. */
  expectedResources: z.number().int().nullable(),
  counts: z.object({ started: z.number().int(), done: z.number().int(), failed: z.number().int() }),
  steps: z.array(ResourceStepViewSchema),
  /** The engine's summary of changes by kind, once known. */
  changes: z.record(z.string(), z.number()).nullable(),
  /** Pulumi's update version for the stack, once known. */
  updateVersion: z.number().int().nullable(),
});
export type OperationView = z.infer<typeof OperationViewSchema>;

export const ToolchainInfoSchema = z.discriminatedUnion('found', [
  z.object({ found: z.literal(true), version: z.string(), source: z.string(), binDir: z.string() }),
  z.object({ found: z.literal(false), message: z.string() }),
]);
export type ToolchainInfo = z.infer<typeof ToolchainInfoSchema>;

/** Journal entries cross the API as the journal writes them (main/journal/entry.ts): one schema for both. */
export const JournalEntryViewSchema = JournalEntrySchema;
export type JournalEntryView = z.infer<typeof JournalEntryViewSchema>;

export const UpdateHistoryEntrySchema = z.object({
  version: z.number().int(),
  kind: z.string(),
  result: z.string(),
  startTime: z.string(),
  endTime: z.string().nullable(),
  message: z.string(),
  resourceChanges: z.record(z.string(), z.number()).nullable(),
});
export type UpdateHistoryEntry = z.infer<typeof UpdateHistoryEntrySchema>;

export const RecoveryItemSchema = z.object({
  stackId: z.string(),
  /** Lock files on the stack: `stale` when its process is gone from this machine, `unknown` for other machines. */
  locks: z.array(
    z.object({ pid: z.number().int(), user: z.string(), host: z.string(), since: z.string(), state: z.enum(['running', 'stale', 'unknown']) }),
  ),
  /** Operations the engine started and never finished (e.g. `creating`): possibly orphaned resources. */
  pendingOperations: z.array(z.object({ op: z.string(), urn: z.string(), type: z.string() })),
  /** The journal's record of an operation that never ended (the cockpit stopped during it). */
  interrupted: z.object({ kind: z.string(), at: z.string(), operationId: z.string() }).nullable(),
});
export type RecoveryItem = z.infer<typeof RecoveryItemSchema>;

export const WaveOperationViewSchema = z.object({
  operationId: z.string(),
  kind: z.enum(['wave-deploy', 'wave-rollback']),
  waveId: z.string(),
  status: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  message: z.string().nullable(),
  /** Every stack of the wave, in the order the wave works on them. */
  stacks: z.array(
    z.object({
      stackId: z.string(),
      status: z.enum(['pending', 'running', 'succeeded', 'failed', 'cancelled', 'skipped']),
      operationId: z.string().nullable(),
    }),
  ),
});
export type WaveOperationView = z.infer<typeof WaveOperationViewSchema>;

// ---------------------------------------------------------------------------------------------------------
// DMS replication monitoring (main/dms/)
// ---------------------------------------------------------------------------------------------------------

/** The CloudWatch AWS/DMS task metrics the monitor keeps as series. */
export const DMS_METRICS = [
  'CDCLatencySource',
  'CDCLatencyTarget',
  'CDCIncomingChanges',
  'CDCThroughputRowsTarget',
  'FullLoadThroughputRowsTarget',
] as const;
export const DmsMetricSchema = z.enum(DMS_METRICS);
export type DmsMetric = z.infer<typeof DmsMetricSchema>;

/** Where a task is in its life, derived from DMS Status, StopReason and stats. */
export const REPLICATION_PHASES = [
  'unresolved', // the task's ARN is not known yet (e.g. its stack is not deployed) or DMS does not know it
  'not-started', // ready, never started
  'starting',
  'full-load',
  'cdc',
  'full-load-done', // full-load-only task that finished
  'stopping',
  'stopped',
  'failed',
  'other', // creating, modifying, deleting, moving, testing...
] as const;
export const ReplicationPhaseSchema = z.enum(REPLICATION_PHASES);
export type ReplicationPhase = z.infer<typeof ReplicationPhaseSchema>;

export const GateStatusSchema = z.enum(['green', 'red', 'unknown']);
export type GateStatus = z.infer<typeof GateStatusSchema>;

export const TaskGateViewSchema = z.object({
  status: GateStatusSchema,
  /** Why it is not green, in the operator's terms (empty when green). */
  reasons: z.array(z.string()),
  /** ISO time the latency first stayed under the wave's threshold in the current streak, or null. */
  latencyUnderSince: z.string().nullable(),
  /** Seconds of the wave's hold time still to go before the latency condition counts, or null. */
  holdRemainingSeconds: z.number().nullable(),
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
  fullLoadPercent: z.number().nullable(),
  tables: z
    .object({ loaded: z.number().int(), loading: z.number().int(), queued: z.number().int(), errored: z.number().int() })
    .nullable(),
  /** Latest CloudWatch values (null: no datapoint yet). */
  latest: z.object({
    cdcLatencySourceSeconds: z.number().nullable(),
    cdcLatencyTargetSeconds: z.number().nullable(),
    cdcIncomingChanges: z.number().nullable(),
    cdcThroughputRowsTarget: z.number().nullable(),
    fullLoadThroughputRowsTarget: z.number().nullable(),
  }),
  /** Seconds until the full load finishes at the recent throughput, or null when not loading or unknown. */
  fullLoadEtaSeconds: z.number().nullable(),
  /** Whether target latency is shrinking, steady or growing over the last few minutes. */
  cdcTrend: z.enum(['catching-up', 'steady', 'falling-behind', 'unknown']),
  /** Validation summary from the last table statistics read, or null when never read. */
  validation: z
    .object({ state: z.enum(['clean', 'pending', 'mismatched', 'suspended', 'not-enabled', 'error']), failedRecords: z.number().int(), suspendedRecords: z.number().int() })
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

export const ALERT_KINDS = ['task-failed', 'task-stopped', 'latency-above-gate', 'table-errors', 'validation-mismatch', 'monitor-degraded'] as const;
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

/**
 * The clock the data is on (DMS times, readiness green-since and hold ends): the wall clock against AWS, the
 * simulated time of an accelerated rehearsal. A UI ticks it on as `at + (its now − wallAt) × rate`.
 */
export const DataClockViewSchema = z.object({
  /** The data clock's time at `wallAt`. */
  at: z.string(),
  wallAt: z.string(),
  /** Data seconds per wall second. */
  rate: z.number().positive(),
});
export type DataClockView = z.infer<typeof DataClockViewSchema>;

export const MonitorStatusViewSchema = z.object({
  state: z.enum(['idle', 'polling', 'backing-off', 'degraded']),
  /** `rehearsal` or the AWS region the clients talk to. */
  target: z.string(),
  intervalSeconds: z.number(),
  lastCycleAt: z.string().nullable(),
  lastCycleMs: z.number().nullable(),
  /** AWS API calls the last refresh cycle made, by operation. */
  lastCycleCalls: z.record(z.string(), z.number().int()),
  message: z.string().nullable(),
  /** The data clock as of this status; null before a monitor runs. */
  dataClock: DataClockViewSchema.nullable(),
});
export type MonitorStatusView = z.infer<typeof MonitorStatusViewSchema>;

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

/** One series' new points: [epoch milliseconds, value]. */
export const SeriesPointsSchema = z.object({
  taskKey: z.string(),
  metric: DmsMetricSchema,
  points: z.array(z.tuple([z.number(), z.number()])),
});
export type SeriesPoints = z.infer<typeof SeriesPointsSchema>;

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

export const DMS_LOG_LEVELS = ['error', 'warning', 'info', 'debug', 'trace', 'other'] as const;
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

export const DmsControlActionSchema = z.enum(['start', 'resume', 'reload-target', 'stop', 'reload-tables-data', 'reload-tables-validate']);
export type DmsControlAction = z.infer<typeof DmsControlActionSchema>;

// ---------------------------------------------------------------------------------------------------------
// Cutover readiness (main/cutover/readiness*.ts)
// ---------------------------------------------------------------------------------------------------------

/** The four readiness gates of a stack, in the order the gate matrix shows them. */
export const READINESS_GATES = ['infrastructure', 'registration', 'data', 'dependencies'] as const;
export const ReadinessGateSchema = z.enum(READINESS_GATES);
export type ReadinessGate = z.infer<typeof ReadinessGateSchema>;

export const ReadinessGateViewSchema = z.object({
  gate: ReadinessGateSchema,
  status: GateStatusSchema,
  /** Why it is not green, in the operator's terms, most important first; a green gate may carry a note (e.g. "no replication tasks"). */
  reasons: z.array(z.string()),
  /** ISO time (the replication data's clock, as the monitor reads it: a rehearsal's runs ahead of UTC) the gate turned green and has stayed green since, or null when it is not green. */
  greenSince: z.string().nullable(),
  /** Data gate only: seconds of the CDC latency hold still to go (its slowest task) while the hold runs, else null. */
  holdRemainingSeconds: z.number().nullable(),
  /** Data gate only: when the running hold is expected to end (data clock, estimated from holdRemainingSeconds), else null. */
  holdEndsAt: z.string().nullable(),
});
export type ReadinessGateView = z.infer<typeof ReadinessGateViewSchema>;

/**
 * Two questions kept apart (as Argo CD does): is the stack as the plan says (sync), and does it work (health)?
 * A stack rolled back to its previous config is healthy but out of sync; a failed deploy leaves it degraded.
 */
export const StackSyncSchema = z.object({
  status: z.enum(['synced', 'out-of-sync', 'missing', 'unknown']),
  reason: z.string().nullable(),
});
export const StackHealthSchema = z.object({
  status: z.enum(['healthy', 'progressing', 'degraded', 'missing', 'unknown']),
  reason: z.string().nullable(),
});
export type StackSync = z.infer<typeof StackSyncSchema>;
export type StackHealth = z.infer<typeof StackHealthSchema>;

export const StackReadinessViewSchema = z.object({
  stackId: z.string(),
  /** Every gate green. */
  ready: z.boolean(),
  sync: StackSyncSchema,
  health: StackHealthSchema,
  /** One per gate, in READINESS_GATES order. */
  gates: z.array(ReadinessGateViewSchema),
});
export type StackReadinessView = z.infer<typeof StackReadinessViewSchema>;

export const WaveReadinessViewSchema = z.object({
  waveId: z.string(),
  /** Every gate of every stack of the wave green. */
  ready: z.boolean(),
  /** ISO time (data clock, like greenSince) the wave became ready and has stayed ready since, or null. */
  readySince: z.string().nullable(),
  /** The wave's stacks in the plan's order. */
  stacks: z.array(StackReadinessViewSchema),
  /** Why the wave is not ready (the first few, then "and N more"); empty when ready. */
  blockingReasons: z.array(z.string()),
  /** Stack × gate cells that are not green. */
  blockingCount: z.number().int(),
  /** Where the wave is in its migration; `cut-over`, `finalized` and (no runbook) `deployed` count as done for its dependents. */
  phase: WavePhaseSchema,
  /** When the wave entered the phase (ISO, core clock), when known. */
  phaseSince: z.string().nullable(),
  /** The phase in a sentence: what it rests on and what comes next. */
  phaseDetail: z.string(),
  /** Why deploying the wave would be refused now (its dependencies' stacks not deployed), or null. */
  deployRefusal: z.string().nullable(),
});
export type WaveReadinessView = z.infer<typeof WaveReadinessViewSchema>;

// ---------------------------------------------------------------------------------------------------------
// Cutover runbook (main/cutover/)
// ---------------------------------------------------------------------------------------------------------

export const CUTOVER_STEP_STATUSES = [
  'pending',
  'running',
  'waiting', // a manual step waiting for the operator's confirmation
  'succeeded',
  'warning', // failed, but the step is not mustSucceed: the runbook went on
  'failed',
  'aborted',
] as const;

/** One stack's (or task's) part of an automated step. */
export const CutoverStepTargetViewSchema = z.object({
  stackId: z.string(),
  status: z.enum(['pending', 'running', 'succeeded', 'failed', 'skipped']),
  message: z.string().nullable(),
  /** The Pulumi operation the step ran on the stack, and its update version. */
  operationId: z.string().nullable(),
  updateVersion: z.number().int().nullable(),
});
export type CutoverStepTargetView = z.infer<typeof CutoverStepTargetViewSchema>;

/**
 * Who did it as the journal recorded it, shown beside the name typed into a confirmation (never instead of it): the
 * OS user of the core (user@host) and, on AWS, the caller identity (account and ARN only, never a credential).
 */
export const RunActorViewSchema = JournalEntrySchema.pick({ actor: true, awsIdentity: true });
export type RunActorView = z.infer<typeof RunActorViewSchema>;

export const CutoverStepViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** `manual`, or the action's type. */
  type: z.enum(['manual', 'freeze-check', 'stop-replication', 'pulumi-up', 'register', 'http-check']),
  /** The checklist text of a manual step, or what the action does, in words. */
  description: z.string(),
  mustSucceed: z.boolean(),
  timeoutMinutes: z.number().nullable(),
  status: z.enum(CUTOVER_STEP_STATUSES),
  /** 0 until it first runs; each retry adds one. */
  attempt: z.number().int(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Progress while it runs (what it waits for), its result or why it failed. */
  message: z.string().nullable(),
  /** Manual steps: who confirmed, and when. */
  confirmedBy: z.string().nullable(),
  /** Who confirmed, as the journal recorded it (absent unless confirmed). */
  confirmedByActor: RunActorViewSchema.optional(),
  confirmedAt: z.string().nullable(),
  targets: z.array(CutoverStepTargetViewSchema),
});
export type CutoverStepView = z.infer<typeof CutoverStepViewSchema>;

export const CompensationViewSchema = z.object({
  id: z.string(),
  /** What it undoes, in words (e.g. "config back to the data center: platform-production/app1101"). */
  label: z.string(),
  action: z.enum(['config-back', 'stop-forward', 'start-reverse', 'deregister']),
  system: z.enum(['pulumi', 'dms', 'registry']),
  stackId: z.string(),
  /** The runbook step it compensates. */
  forStepId: z.string(),
  status: z.enum(['pending', 'running', 'succeeded', 'failed', 'skipped']),
  message: z.string().nullable(),
  operationId: z.string().nullable(),
});
export type CompensationView = z.infer<typeof CompensationViewSchema>;

export const CutoverRollbackViewSchema = z.object({
  rollbackId: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  startedBy: z.string(),
  /** Who started the rollback, as the journal recorded it (absent when not known). */
  startedByActor: RunActorViewSchema.optional(),
  /** The reason the operator typed for the rollback (null in journals written before it was required). */
  reason: z.string().nullable(),
  /** Compensating steps in the order they run. */
  steps: z.array(CompensationViewSchema),
  /** Where things stand: what was undone, what failed, what was not done, per system. */
  summary: z.string().nullable(),
  /** What the operator does next by hand: the plan's manual rollback steps of the steps that ran, latest first. */
  nextSteps: z.array(z.string()),
});
export type CutoverRollbackView = z.infer<typeof CutoverRollbackViewSchema>;

/** A compensation a rollback of the run would run now (the core's plan, for the confirmation). */
export const PlannedCompensationViewSchema = CompensationViewSchema.pick({ id: true, label: true, system: true, stackId: true, forStepId: true }).extend({
  /** An earlier rollback did it already: the next one skips it. */
  done: z.boolean(),
});
export type PlannedCompensationView = z.infer<typeof PlannedCompensationViewSchema>;

/** What rolling a stack back would lose, said before the operator confirms (main/cutover/rollback-impact.ts). */
export const RollbackImpactViewSchema = z.object({
  stackId: z.string(),
  /** none: nothing written on AWS is lost; writes: the writes made on AWS since the switch are lost. */
  loss: z.enum(['none', 'writes']),
  /** When traffic went to AWS for this stack (ISO, core clock), or null when it never did. */
  switchedAt: z.string().nullable(),
  /** Estimated rows written on AWS since the switch, or null when no write rate is known. */
  estimatedRows: z.number().nullable(),
  /** How the estimate (or the absence of loss) was arrived at, in words. */
  basis: z.string(),
});
export type RollbackImpactView = z.infer<typeof RollbackImpactViewSchema>;

/** One step of a run on the planned-vs-actual timeline (main/cutover/timeline.ts); times ISO on the core's clock. */
export const TimelineStepViewSchema = z.object({
  stepId: z.string(),
  name: z.string(),
  /** Planned from the window's start (else the run's) and the steps' planned minutes; null where the plan says nothing. */
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  status: z.string(),
  /** Per stack (or task) the step acted on: when its own operation started and ended. */
  stacks: z.array(z.object({ stackId: z.string(), start: z.string().nullable(), end: z.string().nullable(), status: z.string() })),
});
export type TimelineStepView = z.infer<typeof TimelineStepViewSchema>;

export const CutoverRunViewSchema = z.object({
  waveId: z.string(),
  /** null until the runbook first starts. */
  runId: z.string().nullable(),
  status: z.enum(['not-started', 'running', 'pausing', 'paused', 'failed', 'succeeded', 'aborted']),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  startedBy: z.string().nullable(),
  /** Who started the run, as the journal recorded it (absent before the run starts, or when not known). */
  startedByActor: RunActorViewSchema.optional(),
  /** Readiness when the run started (the override's reason when it started anyway). */
  readinessAtStart: z.object({ ready: z.boolean(), reasons: z.array(z.string()) }).nullable(),
  /** The override a start needed: its reason, who and when, and why the start was outside the window if it was. */
  override: z.object({ reason: z.string(), by: z.string(), at: z.string(), outsideWindow: z.string().nullable() }).nullable(),
  clock: z.object({
    /** The wave's cutover window (T-minus counts to its start). */
    windowStart: z.string().nullable(),
    windowEnd: z.string().nullable(),
    downtimeBudgetMinutes: z.number(),
    /** When downtime began (the first freeze-check, else the run's start), or null before. */
    downtimeStartedAt: z.string().nullable(),
    /** When downtime ended (the run ended), or null while it lasts. */
    downtimeEndedAt: z.string().nullable(),
    /** The time these views were computed; a UI ticks on from here. */
    asOf: z.string(),
  }),
  currentStepId: z.string().nullable(),
  /** The run's state in words (why it is paused or failed, what to do next). */
  message: z.string().nullable(),
  steps: z.array(CutoverStepViewSchema),
  rollback: CutoverRollbackViewSchema.nullable(),
  /** Who finalized the cut-over wave and when (rollback is closed from then on), or null. */
  finalized: z.object({ by: z.string(), byActor: RunActorViewSchema.optional(), at: z.string(), reason: z.string() }).nullable(),
  /** What a rollback would do now, in order (empty when no automated step ran). */
  rollbackPlan: z.array(PlannedCompensationViewSchema),
  /** Per stack of the run, what a rollback now would lose (empty before any step ran or once rolled back). */
  rollbackImpact: z.array(RollbackImpactViewSchema),
  /** Planned vs actual, per step and per stack (empty before the run starts). */
  timeline: z.array(TimelineStepViewSchema),
  /**
   * How the plan's wave differs from the one this run started with (steps, stacks, budget, window), in words;
   * empty when it does not. The run keeps its own runbook and stacks; a new run takes the plan's.
   */
  planChanges: z.array(z.string()),
});
export type CutoverRunView = z.infer<typeof CutoverRunViewSchema>;

const WaveRequest = z.strictObject({
  waveId: z.string().min(1),
  /** Who does it (default: the OS user of the core). */
  by: z.string().min(1).max(200).optional(),
});

export const cutoverCommands = {
  /** Every wave with a runbook: its latest run (or not-started) with steps, clock and rollback. */
  'cutover.state': { request: z.strictObject({ waveId: z.string().min(1).optional() }), response: z.array(CutoverRunViewSchema) },
  /** Starts the wave's runbook; refused when the wave is not ready unless overridden with a typed reason (recorded). */
  'cutover.start': {
    request: WaveRequest.extend({
      override: z.strictObject({ reason: z.string().trim().min(10, { error: 'expected a reason of at least 10 characters for starting a wave that is not ready' }).max(2000) }).optional(),
    }),
    response: CutoverRunViewSchema,
  },
  /** No new step starts after the running one ends. */
  'cutover.pause': { request: WaveRequest, response: CutoverRunViewSchema },
  'cutover.resume': { request: WaveRequest, response: CutoverRunViewSchema },
  /** Runs the failed step again, then the rest. */
  'cutover.retry': { request: WaveRequest, response: CutoverRunViewSchema },
  /** Cancels the running step and ends the run; roll back with cutover.rollback. */
  'cutover.abort': { request: WaveRequest, response: CutoverRunViewSchema },
  /** Confirms the manual step the run waits on; who and when are recorded. */
  'cutover.confirmStep': {
    request: WaveRequest.extend({ stepId: z.string().min(1), note: z.string().max(2000).optional() }),
    response: CutoverRunViewSchema,
  },
  /** Rolls the wave back across systems: compensating steps in reverse order, stopping at the first failure. */
  'cutover.rollback': {
    request: WaveRequest.extend({ reason: z.string().trim().min(10, { error: 'expected a reason of at least 10 characters for rolling the wave back' }).max(2000) }),
    response: CutoverRunViewSchema,
  },
  /** Marks a cut-over wave final (as MGN's "finalize cutover"): its rollback is closed. Needs a typed reason. */
  'cutover.finalize': {
    request: WaveRequest.extend({ reason: z.string().trim().min(10, { error: 'expected a reason of at least 10 characters for finalizing the cutover' }).max(2000) }),
    response: CutoverRunViewSchema,
  },
  /** The wave's evidence pack for the change board, built from the journal. */
  'evidence.export': {
    request: z.strictObject({ waveId: z.string().min(1), format: z.enum(['markdown', 'html']) }),
    response: z.object({ fileName: z.string(), content: z.string() }),
  },
} as const;

// ---------------------------------------------------------------------------------------------------------
// Commands: request -> response
// ---------------------------------------------------------------------------------------------------------

const Empty = z.strictObject({});

export const commands = {
  'core.info': { request: Empty, response: CoreInfoSchema },
  /** Where the cockpit acts and as whom (the environment banner); `refresh` checks the caller identity again first. */
  'environment.get': { request: z.strictObject({ refresh: z.boolean().default(false) }), response: EnvironmentViewSchema },
  'plan.get': { request: Empty, response: PlanSnapshotSchema },
  /** Load another plan file (a path on the machine the core runs on; with planOpening 'dialog', a listed one). */
  'plan.open': {
    request: z.strictObject({ file: z.string().min(1).max(4096) }),
    response: PlanSnapshotSchema,
  },
  /** Re-read the current plan file from disk. */
  'plan.reload': { request: Empty, response: PlanSnapshotSchema },
  /** The host's native file dialog picks a plan, which is then opened (planOpening 'dialog' only). */
  'plan.choose': { request: Empty, response: z.object({ chosen: z.boolean(), snapshot: PlanSnapshotSchema }) },
  /** Which Pulumi CLI the cockpit uses, or what to do when there is none. */
  'toolchain.info': { request: Empty, response: ToolchainInfoSchema },
  /** Starts an engine operation on a stack; progress arrives as operation events. */
  'stack.operate': {
    request: z.strictObject({
      stackId: z.string().min(1),
      kind: z.enum(['preview', 'up', 'refresh', 'destroy', 'rollback', 'register', 'deregister', 'recover']),
    }),
    response: OperationViewSchema,
  },
  /** Asks a stack's running operation to stop (the engine finishes in-flight steps first). */
  'stack.cancel': { request: z.strictObject({ stackId: z.string().min(1) }), response: z.object({ cancelled: z.boolean() }) },
  /** Deploys every stack of a wave (its dependencies must be deployed), at most maxParallel at once. */
  'wave.deploy': { request: z.strictObject({ waveId: z.string().min(1) }), response: WaveOperationViewSchema },
  /** Rolls back every stack of a wave, in reverse order. */
  'wave.rollback': { request: z.strictObject({ waveId: z.string().min(1) }), response: WaveOperationViewSchema },
  /** Stops starting stacks of a running wave operation and cancels the running ones. */
  'wave.cancel': { request: z.strictObject({ waveId: z.string().min(1) }), response: z.object({ cancelled: z.boolean() }) },
  'waves.list': { request: Empty, response: z.array(WaveOperationViewSchema) },
  /** The stack's Pulumi update history, newest first (without config: it holds secrets). */
  'stack.history': { request: z.strictObject({ stackId: z.string().min(1) }), response: z.array(UpdateHistoryEntrySchema) },
  /** Stacks a crash left locked, half-done or interrupted; recover each with stack.operate kind 'recover'. */
  'recovery.scan': { request: Empty, response: z.array(RecoveryItemSchema) },
  /** Running operations, then recent finished ones (for a UI that connects late). */
  'operations.list': { request: Empty, response: z.array(OperationViewSchema) },
  /** The log lines the core kept of an operation (the newest 1,000 of each of the last 50), for a window that opens late. */
  'operation.log': {
    request: z.strictObject({ operationId: z.string().min(1).max(100) }),
    response: z.object({ operationId: z.string(), lines: z.array(OperationLogLineSchema), dropped: z.number().int().min(0), kept: z.boolean() }),
  },
  /** The newest journal entries, newest last. */
  'journal.list': {
    request: z.strictObject({ limit: z.number().int().min(1).max(5000).default(500) }),
    response: z.object({ entries: z.array(JournalEntryViewSchema), damagedLines: z.number().int() }),
  },
  /** The monitor's current view of every replication task of the plan, wave gates and alerts. */
  'dms.snapshot': { request: Empty, response: DmsSnapshotSchema },
  /** A task's series from the ring buffers, downsampled to at most maxPoints per metric. */
  'dms.series': {
    request: z.strictObject({
      taskKey: z.string().min(1),
      range: z.enum(['recent', 'day']),
      maxPoints: z.number().int().min(10).max(4000).default(600),
    }),
    response: z.object({ taskKey: z.string(), series: z.array(SeriesPointsSchema) }),
  },
  /** The tasks the operator is looking at: only their table statistics are polled (paged). */
  'dms.focus': {
    request: z.strictObject({ taskKeys: z.array(z.string().min(1)).max(50) }),
    response: z.array(TaskTablesViewSchema),
  },
  /** Starts, resumes, reloads or stops a task; refused with the DMS state rule when the task's state forbids it. */
  'dms.control': {
    request: z.strictObject({
      taskKey: z.string().min(1),
      action: DmsControlActionSchema,
      /** For reload-tables-*: which tables (all of the task's tables when omitted). */
      tables: z.array(z.strictObject({ schema: z.string().min(1), table: z.string().min(1) })).max(500).optional(),
      /** Actions that destroy target data (reload-target, reload-tables-data): the task's DMS identifier, typed. */
      confirm: z.string().max(255).optional(),
      /** The same actions once the task's wave has cut over: why, typed (journaled with the action). */
      override: z.strictObject({ reason: z.string().trim().min(10, { error: 'expected a reason of at least 10 characters' }).max(2000) }).optional(),
      /** Who (default: the OS user of the core). */
      by: z.string().min(1).max(200).optional(),
    }),
    response: ReplicationTaskViewSchema,
  },
  'dms.alerts.ack': { request: z.strictObject({ alertId: z.string().min(1) }), response: AlertViewSchema },
  /** A task's ARN, instance, endpoints and log location from the monitor's cache; `refresh` describes them again. */
  'dms.resources': {
    request: z.strictObject({ taskKey: z.string().min(1), refresh: z.boolean().default(false) }),
    response: TaskResourcesViewSchema,
  },
  /**
   * Tests an endpoint of a task from its replication instance (TestConnection; journaled). Answers once DMS took the
   * test, with the endpoint's connection `testing`; the outcome (DescribeConnections) arrives as a dms.resources event.
   */
  'dms.testConnection': {
    request: z.strictObject({ taskKey: z.string().min(1), endpoint: z.enum(['source', 'target']) }),
    response: TaskResourcesViewSchema,
  },
  /** The tasks whose CloudWatch log someone reads: only these are tailed (new lines arrive as dms.log events). */
  'dms.logs.follow': {
    request: z.strictObject({ taskKeys: z.array(z.string().min(1)).max(4) }),
    response: z.array(TaskLogViewSchema),
  },
  /** Cutover readiness of every wave (or one): the gate matrix, stacks × gates, with the time each went green. */
  'cutover.readiness': {
    request: z.strictObject({ waveId: z.string().min(1).optional() }),
    response: z.array(WaveReadinessViewSchema),
  },
  ...cutoverCommands,
} as const;

export type CommandName = keyof typeof commands;
export const COMMAND_NAMES = Object.keys(commands) as CommandName[];
export type CommandRequest<C extends CommandName> = z.input<(typeof commands)[C]['request']>;
export type CommandResponse<C extends CommandName> = z.output<(typeof commands)[C]['response']>;

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}

export const ApiErrorSchema = z.object({
  code: z.enum(['bad-request', 'unknown-command', 'busy', 'not-found', 'failed', 'transport']),
  message: z.string(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Every command answers with this envelope, so errors cross any transport intact. */
export type CommandResult<C extends CommandName> =
  | { ok: true; value: CommandResponse<C> }
  | { ok: false; error: ApiError };

// ---------------------------------------------------------------------------------------------------------
// Events: core -> UI, delivered in batches
// ---------------------------------------------------------------------------------------------------------

export const CockpitEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('plan.changed'), snapshot: PlanSnapshotSchema }),
  /** The environment view changed (a plan load, a periodic identity check, credentials that expired). */
  z.object({ type: z.literal('environment.updated'), environment: EnvironmentViewSchema }),
  z.object({ type: z.literal('stack.lifecycle'), stackId: z.string(), lifecycle: StackLifecycleSchema }),
  /** The latest state of an operation (coalesced: only the newest per operation crosses in a batch). */
  z.object({ type: z.literal('operation.updated'), operation: OperationViewSchema }),
  /** One line of an operation's live event log. */
  z.object({ type: z.literal('operation.log'), line: OperationLogLineSchema }),
  z.object({ type: z.literal('wave.updated'), operation: WaveOperationViewSchema }),
  z.object({ type: z.literal('stack.registrations'), stackId: z.string(), registrations: z.array(RegistrationStatusSchema) }),
  /** A journal entry was written. */
  z.object({ type: z.literal('journal.appended'), entry: JournalEntryViewSchema }),
  /** Tasks whose view changed in the last refresh cycle. */
  z.object({ type: z.literal('dms.tasks'), tasks: z.array(ReplicationTaskViewSchema) }),
  /** New datapoints per series (append to the UI's own bounded buffers). */
  z.object({ type: z.literal('dms.samples'), samples: z.array(SeriesPointsSchema) }),
  /** Fresh table statistics of a focused task. */
  z.object({ type: z.literal('dms.tables'), tables: TaskTablesViewSchema }),
  z.object({ type: z.literal('dms.waves'), waves: z.array(WaveGateViewSchema) }),
  /** An alert was raised, cleared or acknowledged. */
  z.object({ type: z.literal('dms.alert'), alert: AlertViewSchema }),
  z.object({ type: z.literal('dms.monitor'), monitor: MonitorStatusViewSchema }),
  /** Tasks whose instance, endpoints or connection test changed. */
  z.object({ type: z.literal('dms.resources'), resources: z.array(TaskResourcesViewSchema) }),
  /** The reverse tasks the monitor follows now, all of them (the newest supersedes). */
  z.object({ type: z.literal('dms.reverse'), tasks: z.array(ReplicationTaskViewSchema) }),
  /** A followed task log: new lines to append (`append`), or the whole view to replace what a client holds. */
  z.object({ type: z.literal('dms.log'), log: TaskLogViewSchema, append: z.boolean() }),
  /** A wave's readiness changed (only changed waves are sent; the newest per wave supersedes). */
  z.object({ type: z.literal('cutover.readiness'), wave: WaveReadinessViewSchema }),
  /** A wave's cutover run changed (coalesced: the newest per wave crosses in a batch). */
  z.object({ type: z.literal('cutover.updated'), run: CutoverRunViewSchema }),
  /** An unexpected error the core contained (it keeps running): when, and its first line, redacted. */
  z.object({ type: z.literal('core.fault'), fault: z.object({ at: z.string(), message: z.string() }) }),
]);
export type CockpitEvent = z.infer<typeof CockpitEventSchema>;

export const EventBatchSchema = z.object({
  /** Increases by one per batch, so a client can tell it missed one and re-read the state. */
  sequence: z.number().int().min(1),
  events: z.array(CockpitEventSchema).min(1),
});
export type EventBatch = z.infer<typeof EventBatchSchema>;

// ---------------------------------------------------------------------------------------------------------
// The interface the renderer sees as `window.cockpit`, whatever the transport
// ---------------------------------------------------------------------------------------------------------

export type CockpitCommands = {
  [C in CommandName]: (request: CommandRequest<C>) => Promise<CommandResult<C>>;
};

export interface CockpitApi {
  readonly transport: 'electron' | 'web';
  readonly commands: CockpitCommands;
  /** Receives every event batch; returns a function that stops listening. */
  onEvents(listener: (batch: EventBatch) => void): () => void;
}
