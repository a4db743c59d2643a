// One AWS call as every track's monitor makes it: a per-attempt timeout (a hung response cannot stall the loop),
// retries with full-jitter exponential backoff on throttling, 5xx and timeouts, a count of every attempt in the
// cycle's ledger (the calls per cycle are what AWS's rate limits, and the benchmarks, see), and the kind of each
// failure. Service-neutral: it knows AWS's error conventions, not any service's API.

export type AwsErrorKind = 'throttled' | 'server' | 'timeout' | 'network' | 'credentials' | 'not-found' | 'invalid-state' | 'client' | 'aborted';

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'SlowDown',
  'RequestThrottled',
  'RequestThrottledException',
]);
const CREDENTIALS = new Set([
  'CredentialsProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'AccessDeniedException',
  'AccessDenied',
  'TokenProviderError',
  // A session the cockpit cannot assume for a reason the operator fixes (main/aws/account-sessions.ts).
  'AccountSessionError',
]);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_SOCKET']);

/**
 * The kind of an AWS SDK v3 error: what decides a retry, a backoff, a sign-in hint. `not-found` and
 * `invalid-state` are the faults of AWS's query-protocol services (DMS among them); a track whose service names
 * them otherwise (e.g. ResourceNotFoundException) still sees them as `client` errors here.
 */
export function classifyAwsError(error: unknown): AwsErrorKind {
  const e = (error ?? {}) as SdkErrorLike;
  const name = e.name ?? '';
  const status = e.$metadata?.httpStatusCode;
  if (name === 'MonitorTimeout') return 'timeout';
  if (name === 'AbortError') return 'aborted';
  if (THROTTLING.has(name) || e.$retryable?.throttling || status === 429) return 'throttled';
  if (CREDENTIALS.has(name) || /credential|security token|sso/i.test(name)) return 'credentials';
  if (name === 'ResourceNotFoundFault') return 'not-found';
  if (name === 'InvalidResourceStateFault') return 'invalid-state';
  if ((status !== undefined && status >= 500) || e.$fault === 'server') return 'server';
  if ((e.code && NETWORK_CODES.has(e.code)) || NETWORK_CODES.has(name) || name === 'TimeoutError' || name === 'RequestTimeout') return 'network';
  return 'client';
}

const RETRYABLE = new Set<AwsErrorKind>(['throttled', 'server', 'timeout', 'network']);

export class MonitorTimeout extends Error {
  override readonly name = 'MonitorTimeout';
}

export interface AwsCallOptions {
  /** Per-attempt time limit in ms (default 5,000). */
  readonly timeoutMs?: number;
  /** Attempts per call, first included (default 3). */
  readonly maxAttempts?: number;
  /** Backoff base and cap in ms (defaults 200 and 5,000). */
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  readonly random?: () => number;
}

/** What happened to the calls of one cycle: attempts by operation, and the kinds of failed attempts. */
export class CallLedger {
  readonly calls: Record<string, number> = {};
  readonly failures: Partial<Record<AwsErrorKind, number>> = {};
  count(operation: string): void {
    this.calls[operation] = (this.calls[operation] ?? 0) + 1;
  }
  fail(kind: AwsErrorKind): void {
    this.failures[kind] = (this.failures[kind] ?? 0) + 1;
  }
}

/** How a cycle's reads call AWS: callAws bound to the cycle's ledger, the stop signal and the call options. */
export type AwsCaller = <T>(operation: string, attempt: (signal: AbortSignal) => Promise<T>) => Promise<T>;

export function awsCaller(ledger: CallLedger, stop: AbortSignal, options?: AwsCallOptions): AwsCaller {
  return (operation, attempt) => callAws(operation, attempt, ledger, stop, options);
}

/** Runs `attempt` with a fresh timeout signal per try; rejects with the last error once retries are spent. */
export async function callAws<T>(
  operation: string,
  attempt: (signal: AbortSignal) => Promise<T>,
  ledger: CallLedger,
  stop: AbortSignal,
  options: AwsCallOptions = {},
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 3;
  const timeoutMs = options.timeoutMs ?? 5000;
  const random = options.random ?? Math.random;
  for (let n = 1; ; n++) {
    if (stop.aborted) throw abortError();
    ledger.count(operation);
    try {
      return await withTimeout(attempt, timeoutMs, stop);
    } catch (error) {
      const kind = stop.aborted ? 'aborted' : classifyAwsError(error);
      if (kind !== 'aborted') ledger.fail(kind);
      if (!RETRYABLE.has(kind) || n >= maxAttempts) throw error;
      // Full jitter: spreads retries of many callers over the whole window instead of synchronizing them.
      const cap = Math.min(options.backoffMaxMs ?? 5000, (options.backoffBaseMs ?? 200) * 2 ** (n - 1));
      await sleep(random() * cap, stop);
    }
  }
}

async function withTimeout<T>(attempt: (signal: AbortSignal) => Promise<T>, timeoutMs: number, stop: AbortSignal): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const onStop = () => controller.abort(abortError());
  stop.addEventListener('abort', onStop, { once: true });
  // The race matters as much as the abort: a client that ignores the signal still cannot hold the cycle.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new MonitorTimeout(`no answer within ${timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  const stopped = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }));
  const work = attempt(controller.signal);
  // The losing promises must never surface as unhandled rejections.
  work.catch(() => undefined);
  timeout.catch(() => undefined);
  stopped.catch(() => undefined);
  try {
    return await Promise.race([work, timeout, stopped]);
  } finally {
    clearTimeout(timer);
    stop.removeEventListener('abort', onStop);
  }
}

export function sleep(ms: number, stop?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (stop?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      stop?.removeEventListener('abort', done);
      resolve();
    }
    stop?.addEventListener('abort', done, { once: true });
  });
}

function abortError(): Error {
  const error = new Error('the monitor stopped');
  error.name = 'AbortError';
  return error;
}

/** The operator-facing text of an AWS error (first line, no stack). */
export function describeAwsError(error: unknown): string {
  const e = (error ?? {}) as SdkErrorLike;
  const text = (e.message ?? String(error)).split('\n')[0]!.trim();
  return e.name && e.name !== 'Error' && !text.startsWith(e.name) ? `${e.name}: ${text}` : text;
}
