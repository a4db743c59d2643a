// Runs `pulumi up | refresh | destroy` on a stack through its workspace's PulumiCommand, receiving the engine's
// events over the CLI's gRPC event stream, and takes the summary and the stack's outputs from those events.
// The Automation API's Stack.up/refresh/destroy do the same run but then start the CLI two or three more times
// (`stack output` twice, `stack history`) to read what the events already said: about a second per operation.
import type * as grpc from '@grpc/grpc-js';
import type { EngineEvent, OutputMap, Stack } from '@pulumi/pulumi/automation';
import type { EventRequest } from '@pulumi/pulumi/proto/events_pb';
import type emptyPb from 'google-protobuf/google/protobuf/empty_pb';
import { loadEventStreamModules } from './automation';

export type EngineCommand = 'up' | 'refresh' | 'destroy';

export interface EngineCommandOptions {
  readonly onEvent: (event: EngineEvent) => void;
  readonly signal: AbortSignal;
  readonly message: string;
  /** URNs to limit the operation to (`--target`). */
  readonly target?: readonly string[];
  /** refresh only: drop pending creates from the state (crash recovery). */
  readonly clearPendingCreates?: boolean;
}

export interface EngineCommandResult {
  /** Changes by kind, from the engine's summary event. */
  readonly changes: Record<string, number>;
  /**
   * The stack's outputs after the operation, from the root stack resource's outputs event (secret values
   * arrive masked and are marked secret), or undefined when the run emitted none (e.g. nothing was evaluated).
   */
  readonly outputs: OutputMap | undefined;
}

const ROOT_STACK_TYPE = 'pulumi:pulumi:Stack';
const MASKED_SECRET = '[secret]';
/** How long to wait, after the CLI exited, for the event stream to close with its last events. */
const STREAM_DRAIN_MS = 2_000;

export async function runEngineCommand(stack: Stack, command: EngineCommand, options: EngineCommandOptions): Promise<EngineCommandResult> {
  let changes: Record<string, number> = {};
  let outputs: OutputMap | undefined;
  const stream = await startEventStream((event) => {
    if (event.summaryEvent) changes = { ...(event.summaryEvent.resourceChanges ?? {}) } as Record<string, number>;
    const step = event.resOutputsEvent?.metadata;
    if (step?.type === ROOT_STACK_TYPE && step.new) outputs = outputMapOf(step.new.outputs);
    options.onEvent(event);
  });
  const args = [...commandArgs(command, options), '--exec-kind', 'auto.local', '--event-log', stream.address];
  try {
    await runPulumi(stack, args, options.signal);
  } finally {
    await stream.close();
  }
  // A full destroy leaves no stack resource (hence no outputs event) behind: the stack has no outputs then. A
  // targeted one (deregister) leaves the stack and its outputs as they were: the caller reads them.
  const destroyedAll = command === 'destroy' && (options.target ?? []).length === 0;
  return { changes, outputs: destroyedAll ? (outputs ?? {}) : outputs };
}

function commandArgs(command: EngineCommand, options: EngineCommandOptions): string[] {
  const args: string[] = [command, '--yes', '--skip-preview', '--message', options.message];
  for (const urn of options.target ?? []) args.push('--target', urn);
  if (command === 'refresh' && options.clearPendingCreates) args.push('--clear-pending-creates');
  return args;
}

/**
 * `PulumiCommand.run` is what Stack and LocalWorkspace run every CLI command through (non-interactive, the CLI's
 * folder first on PATH, SIGINT on abort, failures as the Automation API's typed errors such as
 * ConcurrentUpdateError). It is marked @internal, so it is absent from the typings: @pulumi/pulumi is pinned to
 * an exact version, and main/pulumi/engine-command.test.ts fails if a version stops providing it.
 */
interface InternalPulumiCommand {
  run(args: string[], cwd: string, env: Record<string, string>, onOutput?: unknown, onError?: unknown, signal?: AbortSignal): Promise<unknown>;
}

export function internalRunOf(command: object): InternalPulumiCommand['run'] {
  const run = (command as Partial<InternalPulumiCommand>).run;
  if (typeof run !== 'function') throw new Error('this @pulumi/pulumi version has no PulumiCommand.run; the cockpit needs the pinned version');
  return run.bind(command);
}

/** What the Automation API's Stack.runPulumiCmd does for a local workspace. */
async function runPulumi(stack: Stack, args: string[], signal: AbortSignal): Promise<void> {
  const workspace = stack.workspace;
  const env: Record<string, string> = { PULUMI_DEBUG_COMMANDS: 'true' };
  if (workspace.pulumiHome) env.PULUMI_HOME = workspace.pulumiHome;
  Object.assign(env, workspace.envVars);
  const stackArgs = ['--stack', stack.name, ...(await workspace.serializeArgsForOp(stack.name))];
  await internalRunOf(workspace.pulumiCommand)([...args, ...stackArgs], workspace.workDir, env, undefined, undefined, signal);
  await workspace.postCommandCallback(stack.name);
}

/** Engine outputs are plain values; a masked secret is kept masked and flagged, never guessed at. */
function outputMapOf(values: Record<string, unknown> | undefined): OutputMap {
  const map: OutputMap = {};
  for (const [key, value] of Object.entries(values ?? {})) map[key] = { value, secret: value === MASKED_SECRET };
  return map;
}

interface EventStream {
  /** The `--event-log` argument that makes the CLI stream its events here. */
  readonly address: string;
  /** Waits (briefly) for the CLI to end its stream, then stops the server. */
  close(): Promise<void>;
}

/** A loopback gRPC server implementing pulumirpc.Events, the stream the CLI writes with `--event-log tcp://`. */
async function startEventStream(onEvent: (event: EngineEvent) => void): Promise<EventStream> {
  // gRPC and the generated service load with the first engine command, not with the core.
  const { grpc: grpcRuntime, eventsService, Empty } = await loadEventStreamModules();
  const server = new grpcRuntime.Server();
  const openStreams = new Set<Promise<void>>();
  const streamEvents: grpc.handleClientStreamingCall<EventRequest, emptyPb.Empty> = (call, callback) => {
    let ended!: () => void;
    const done = new Promise<void>((resolve) => (ended = resolve));
    openStreams.add(done);
    call.on('data', (request: EventRequest) => {
      let event: EngineEvent;
      try {
        event = JSON.parse(request.getEvent()) as EngineEvent;
      } catch {
        return; // An unreadable event is dropped; the operation's result comes from the CLI's exit status.
      }
      onEvent(event);
    });
    const finish = (error: grpc.ServiceError | null) => {
      if (error) callback(error);
      else callback(null, new Empty());
      openStreams.delete(done);
      ended();
    };
    call.on('end', () => finish(null));
    call.on('error', (error: grpc.ServiceError) => finish(error));
  };
  server.addService(eventsService, { streamEvents });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpcRuntime.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    address: `tcp://127.0.0.1:${port}`,
    async close() {
      if (openStreams.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, STREAM_DRAIN_MS)));
        await Promise.race([Promise.all(openStreams), timeout]);
        clearTimeout(timer);
      }
      server.forceShutdown();
    },
  };
}
