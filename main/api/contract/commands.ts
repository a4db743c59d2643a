// The API contract — Commands: request -> response, the command envelope, and the interface the renderer sees as window.cockpit.
// One table: the core's commands and every track's (main/tracks/contracts.ts), in the place the DMS ones always had.
import { z } from 'zod';
import { API_ERROR_CODES } from '../../../common/command-error';
import { ALL_COMMAND_NAMES, type AnyCommandName } from '../../../common/commands';
import { cutoverCommands } from './cutover';
import { CoreInfoSchema, EnvironmentViewSchema } from './environment';
import { TeamViewSchema } from './team';
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
import type { HandlersOf } from './track';
import { TRACK_CONTRACTS } from '../../tracks/contracts';

const Empty = z.strictObject({});

type UnionToIntersection<U> = (U extends unknown ? (member: U) => void : never) extends (all: infer I) => void ? I : never;
/** Every track's commands, one table (a track's names start with its id, so none collides with another's). */
type TrackCommandTable = UnionToIntersection<(typeof TRACK_CONTRACTS)[number]['commands']>;
const TRACK_COMMANDS = Object.assign({}, ...TRACK_CONTRACTS.map((contract) => contract.commands)) as TrackCommandTable;
export type TrackCommandName = keyof TrackCommandTable & string;
/** Which track declares each track command (the core routes it to that track's runtime). */
export const TRACK_COMMAND_OWNERS: ReadonlyMap<TrackCommandName, string> = new Map(
  TRACK_CONTRACTS.flatMap((contract) => Object.keys(contract.commands).map((name) => [name as TrackCommandName, contract.id] as const)),
);
/** The handlers of the track commands (what the tracks' runtimes answer between them). */
export type TrackCommandHandlers = HandlersOf<TrackCommandTable>;

export const commands = {
  'core.info': { request: Empty, response: CoreInfoSchema },
  /** Where the cockpit acts and as whom (the environment banner); `refresh` checks the caller identity again first. */
  'environment.get': { request: z.strictObject({ refresh: z.boolean().default(false) }), response: EnvironmentViewSchema },
  /** Whether this cockpit works with a team (the plan's store), how the store stands, and this operator's roles. */
  'team.get': { request: Empty, response: TeamViewSchema },
  /** Asks the operator who holds a wave's lock for control (journaled); they hand over or release. */
  'team.requestControl': { request: z.strictObject({ waveId: z.string().min(1).max(200) }), response: TeamViewSchema },
  /** The holder gives the wave to whoever asked for it (journaled with both names). */
  'team.handOver': { request: z.strictObject({ waveId: z.string().min(1).max(200) }), response: TeamViewSchema },
  /** The holder gives the wave up (journaled): anyone may take it by acting on it. */
  'team.release': { request: z.strictObject({ waveId: z.string().min(1).max(200) }), response: TeamViewSchema },
  /** Asks the team's approvers to approve the start of a wave's cutover (journaled); the plan says how many. */
  'team.requestApproval': { request: z.strictObject({ waveId: z.string().min(1).max(200) }), response: TeamViewSchema },
  /** An approver approves or refuses a request (a refusal with its reason), journaled with who. */
  'team.decide': {
    request: z.strictObject({
      requestId: z.string().min(1).max(100),
      decision: z.enum(['approve', 'refuse']),
      reason: z.string().max(2000).optional(),
    }),
    response: TeamViewSchema,
  },
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
  ...TRACK_COMMANDS,
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
