// The rehearsal's seam: what the kernel (clock, wire faults, metric and log registries, the loopback server) hands
// a track's simulator, and what a simulator gives back (its AWS services — awsJson by x-amz-target, restJson1 and
// restXml by method and path, awsQuery by the form's Version —, HTTP routes of its own outside AWS, admin routes and
// fault kinds).
// rehearsal/tracks/index.ts lists the simulators; the kernel never imports a track.
import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import type { Accounts } from '../kernel/accounts';
import type { RehearsalClock } from '../kernel/clock';
import type { AwsError } from '../kernel/errors';
import type { LogRegistry } from '../kernel/log-registry';
import type { MetricRegistry } from '../kernel/metric-registry';
import type { WireFaults } from '../kernel/wire-faults';
import type { Reply } from '../registry/http-io';

/** Shared by every simulator. */
export interface RehearsalKernel {
  /** The one simulated time (ScaledClock, or a ManualClock in tests). */
  readonly clock: RehearsalClock;
  /** Simulated epoch ms when the rehearsal began; scenario times count from here. */
  readonly startedAt: number;
  /** Throttling, 5xx bursts, slow and hung answers, per declared service. */
  readonly faults: WireFaults;
  /** The simulated accounts and STS sessions; a call acts in the account of the credentials that signed it. */
  readonly accounts: Accounts;
  /** CloudWatch GetMetricData reads every namespace a track registers here (in the kernel's account). */
  readonly metrics: MetricRegistry;
  /** CloudWatch Logs reads every log source a track registers here (in the kernel's account). */
  readonly logs: LogRegistry;
  /** Noise and fault randomness derive from it, so a run repeats for a seed and a clock. */
  readonly seed: number;
}

/** An AWS service a track answers on the shared endpoint, routed by its awsJson target prefix. */
export interface ServiceDecl {
  /** The name wire faults match (`service: dms`). */
  readonly name: string;
  /** For messages: "DMS". */
  readonly title: string;
  readonly protocol: 'awsJson1_0' | 'awsJson1_1';
  /** `x-amz-target: <targetPrefix><Operation>`. */
  readonly route: { readonly targetPrefix: string };
  /** The error code of an injected throttle (default ThrottlingException). */
  readonly throttlingCode?: string;
  /** The operation's output structure; throws an AwsError for AWS's errors. */
  handle(operation: string, input: unknown): unknown;
}

/** A request as a REST operation (restJson1 or restXml) sees it. */
export interface RestRequest {
  readonly operation: string;
  /** The path labels, URL-decoded (`{Name}` → params.Name). */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The request id the answer carries (`x-amzn-requestid`; restXml repeats it in an error's body). */
  readonly requestId: string;
}

/**
 * An AWS service a track answers in a REST protocol, routed by method and path: a request with neither
 * `x-amz-target` nor a form body whose method and path this service's `route` knows.
 *   restJson1 (EventBridge Scheduler, Lambda): errors carry the code in `x-amzn-errortype` and the message in a JSON
 *     body, with the status the Smithy model gives (kernel/rest-json.ts has the router and the JSON helpers).
 *   restXml (Route 53): XML bodies in the service's namespace; errors as `<ErrorResponse><Error><Type/><Code/>
 *     <Message/></Error><RequestId/></ErrorResponse>` (kernel/rest-xml.ts reads and writes them).
 */
export interface RestServiceDecl {
  /** The name wire faults match (`service: scheduler`). */
  readonly name: string;
  /** For messages: "EventBridge Scheduler". */
  readonly title: string;
  readonly protocol: 'restJson1' | 'restXml';
  /**
   * Requests under this path prefix (e.g. '/2013-04-01/') that `route` does not know are this service's unknown
   * operations, answered by `error` with UnknownOperationException (404); without it such a request gets the
   * kernel's restJson1 answer.
   */
  readonly pathPrefix?: string;
  /** The error code of an injected throttle (default ThrottlingException). */
  readonly throttlingCode?: string;
  /** The operation a request is by its method and path (the same in every account); undefined: not this service's. */
  route(method: string, pathname: string): { operation: string; params: Record<string, string> } | undefined;
  /** The answer; throws an AwsError for AWS's errors. */
  handle(call: RestRequest): Reply;
  /**
   * An AwsError in the service's wire shape. The kernel's errors arrive as they are: injected throttles with
   * `throttlingCode`, injected 5xx as InternalFailure, the caller's credential errors (ExpiredTokenException, ...).
   */
  error(error: AwsError, requestId: string): Reply;
}

/** An awsQuery request's input: the form's members unflattened (`A.member.1.B=x` → `{ A: [{ B: 'x' }] }`), values as strings. */
export type QueryInput = Readonly<Record<string, unknown>>;

/**
 * An AWS service a track answers in awsQuery (ELBv2): a form-encoded POST with `Action=<Operation>` and
 * `Version=<version>`, XML answers. Routed by its Version, like the kernel's CloudWatch and STS; each answer comes
 * from the caller's account's estate. kernel/aws-query.ts has the route and the XML envelope helpers.
 */
export interface QueryServiceDecl {
  /** The name wire faults match (`service: elbv2`). */
  readonly name: string;
  /** For messages: "ELBv2". */
  readonly title: string;
  readonly protocol: 'awsQuery';
  /** The API version its requests carry (`Version=2015-12-01`); no two services share one. */
  readonly version: string;
  /** The error code of an injected throttle (default Throttling). */
  readonly throttlingCode?: string;
  /** The XML answer; throws an AwsError for AWS's errors (an unknown Action: InvalidAction). */
  handle(operation: string, input: QueryInput, requestId: string): Reply;
  /** An AwsError as `<ErrorResponse>` XML; credential errors arrive in their awsQuery names (ExpiredToken, 403). */
  error(error: AwsError, requestId: string): Reply;
}

/**
 * HTTP routes a track serves outside AWS on the shared endpoint (the scheduled-jobs track's data-center schedulers
 * under /_dc/): every request whose path starts with one of `prefixes`, with its headers (the track checks its own
 * auth, e.g. Jenkins's basic auth). Served from the source account's estate, never faulted, no SigV4.
 */
export interface TrackHttp {
  /** Each starts and ends with '/', e.g. '/_dc/'; never /_admin/ or /_apps/, and no two tracks share one. */
  readonly prefixes: readonly string[];
  handle(method: string, url: URL, headers: IncomingHttpHeaders): Reply | Promise<Reply>;
}

/** A track's routes under /_admin/<track id>/. */
export interface TrackAdmin {
  /** Routes also served at /_admin/<route>, as they were before the seam (e.g. DMS's `tasks`, `writers`). */
  readonly aliases?: readonly string[];
  /** `route`: the path after /_admin/<track id>/; undefined when the track has no such route. */
  handle(method: string, route: string, body: () => Promise<unknown>): Promise<Reply | undefined>;
}

/** The fault kinds a track injects beside the kernel's wire faults (scenario `faults:`, POST /_admin/faults). */
export interface TrackFaults {
  /** Zod options of the `faults:` union, each with a literal `type`. */
  readonly options: readonly z.ZodObject[];
  /** `spec`: parsed by one of `options`; its `at` counts from `base` (simulated epoch ms). */
  inject(spec: unknown, base: number): void;
  clear(): void;
  /** Listed by GET /_admin/faults beside `wire`. */
  describe(): Record<string, unknown>;
}

export interface TrackSimulator {
  readonly id: string;
  /** Its awsJson services, routed by x-amz-target prefix. */
  readonly services: readonly ServiceDecl[];
  /** Its REST services (restJson1, restXml), routed by method and path (none by default). */
  readonly restServices?: readonly RestServiceDecl[];
  /** Its awsQuery services, routed by the form's Version (none by default). */
  readonly queryServices?: readonly QueryServiceDecl[];
  /** Its HTTP routes outside AWS (the source account's estate's are served; none by default). */
  readonly http?: TrackHttp;
  /** Advances the track's estate to the clock's now: before every call, every real second, after a clock jump. */
  sync(): void;
  readonly admin?: TrackAdmin;
  readonly faults?: TrackFaults;
}

export type SimulatorFactory<T extends TrackSimulator = TrackSimulator> = (kernel: RehearsalKernel) => T;
