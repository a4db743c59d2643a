// The API contract — Commands: request -> response, the command envelope, and the interface the renderer sees as window.cockpit.
import { z } from 'zod';
import { API_ERROR_CODES } from '../../../common/command-error';
import { ALL_COMMAND_NAMES, type AnyCommandName } from '../../../common/commands';
import { MAX_FOCUSED_TASKS, MAX_FOLLOWED_LOGS, MAX_OVERRIDE_REASON, MIN_OVERRIDE_REASON } from '../../../common/limits';
import {
  AlertViewSchema,
  DmsControlActionSchema,
  DmsSnapshotSchema,
  ReplicationTaskViewSchema,
  SeriesPointsSchema,
  TaskLogViewSchema,
  TaskResourcesViewSchema,
  TaskTablesViewSchema,
} from './dms';
import { cutoverCommands } from './cutover';
import { CoreInfoSchema, EnvironmentViewSchema } from './environment';
import { type EventBatch } from './events';
import { JournalEntryViewSchema } from './journal';
import {
  OperationLogLineSchema,
  OperationViewSchema,
  RecoveryItemSchema,
  ToolchainInfoSchema,
  UpdateHistoryEntrySchema,
  WaveOperationViewSchema,
} from './operations';
import { PlanSnapshotSchema } from './plan';
import { WaveReadinessViewSchema } from './readiness';

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
    request: z.strictObject({ taskKeys: z.array(z.string().min(1)).max(MAX_FOCUSED_TASKS) }),
    response: z.array(TaskTablesViewSchema),
  },
  /** Starts, resumes, reloads or stops a task; refused with the DMS state rule when the task's state forbids it. */
  'dms.control': {
    request: z.strictObject({
      taskKey: z.string().min(1),
      action: DmsControlActionSchema,
      /** For reload-tables-*: which tables (all of the task's tables when omitted). */
      tables: z
        .array(z.strictObject({ schema: z.string().min(1), table: z.string().min(1) }))
        .max(500)
        .optional(),
      /** Actions that destroy target data (reload-target, reload-tables-data): the task's DMS identifier, typed. */
      confirm: z.string().max(255).optional(),
      /** The same actions once the task's wave has cut over: why, typed (journaled with the action). */
      override: z
        .strictObject({
          reason: z
            .string()
            .trim()
            .min(MIN_OVERRIDE_REASON, { error: `expected a reason of at least ${MIN_OVERRIDE_REASON} characters` })
            .max(MAX_OVERRIDE_REASON),
        })
        .optional(),
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
    request: z.strictObject({ taskKeys: z.array(z.string().min(1)).max(MAX_FOLLOWED_LOGS) }),
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

// common/commands.ts lists the same names without the schemas (for the transports): equal both ways, or no build.
type UnlistedCommand = Exclude<CommandName, AnyCommandName>;
type UnknownCommand = Exclude<AnyCommandName, CommandName>;
const everyCommandListed: [UnlistedCommand] extends [never] ? true : UnlistedCommand = true;
const noCommandUnknown: [UnknownCommand] extends [never] ? true : UnknownCommand = true;
void everyCommandListed;
void noCommandUnknown;
void ALL_COMMAND_NAMES;
export type CommandRequest<C extends CommandName> = z.input<(typeof commands)[C]['request']>;
export type CommandResponse<C extends CommandName> = z.output<(typeof commands)[C]['response']>;

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}

export const ApiErrorSchema = z.object({
  code: z.enum(API_ERROR_CODES),
  message: z.string(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Every command answers with this envelope, so errors cross any transport intact. */
export type CommandResult<C extends CommandName> = { ok: true; value: CommandResponse<C> } | { ok: false; error: ApiError };
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
