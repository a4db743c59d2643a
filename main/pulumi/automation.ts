// The Pulumi Automation API and the engine's gRPC event stream, loaded on first use. Loading
// `@pulumi/pulumi/automation` (the whole Node.js SDK with gRPC and protobuf) costs about 90 MiB of RSS and 30 MiB
// of live V8 heap, which a core that only monitors replication, validates a plan or reads state never needs; so
// nothing in the core imports it at load time, only the Pulumi operations that use it (type imports are free).
import type * as AutomationModule from '@pulumi/pulumi/automation';
import type * as GrpcModule from '@grpc/grpc-js';
import type eventsRpc from '@pulumi/pulumi/proto/events_grpc_pb';
import type emptyPb from 'google-protobuf/google/protobuf/empty_pb';

export type Automation = typeof AutomationModule;

let automation: Automation | undefined;
let loading: Promise<Automation> | undefined;

/** The Automation API, loaded on the first call. */
export function loadAutomation(): Promise<Automation> {
  loading ??= import('@pulumi/pulumi/automation').then((module) => (automation = module));
  return loading;
}

/** The Automation API if something has loaded it; an error it threw can only exist once it is loaded. */
export function loadedAutomation(): Automation | undefined {
  return automation;
}

export interface EventStreamModules {
  readonly grpc: typeof GrpcModule;
  /** pulumirpc.Events service definition (generated CommonJS: its exports are only reachable as the default). */
  readonly eventsService: typeof eventsRpc.EventsService;
  readonly Empty: typeof emptyPb.Empty;
}

let eventStream: Promise<EventStreamModules> | undefined;

/** What the engine's event stream server needs (gRPC, the generated service and the empty message), loaded on first use. */
export function loadEventStreamModules(): Promise<EventStreamModules> {
  eventStream ??= Promise.all([
    import('@grpc/grpc-js'),
    import('@pulumi/pulumi/proto/events_grpc_pb'),
    import('google-protobuf/google/protobuf/empty_pb'),
  ]).then(([grpc, events, empty]) => ({ grpc, eventsService: events.default.EventsService, Empty: empty.default.Empty }));
  return eventStream;
}
