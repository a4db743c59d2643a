// One health probe: a GET of a stack's health URL with a timeout, judged by its status code. Only the status and
// the time to the response's head count: the body is cancelled unread, so a large or endless body costs nothing,
// and a URL's query (the rehearsal's stand-in carries `?traffic=`) is kept but never its credentials, which the
// probe refuses rather than sends.

export interface ProbeResult {
  /** The HTTP status, or null when no response came (refused, timed out, not HTTP). */
  readonly httpStatus: number | null;
  /** The status is the expected one. */
  readonly ok: boolean;
  /** Milliseconds to the response's head, or to the failure. */
  readonly latencyMs: number;
  /** Why the probe failed, in words ("HTTP 503", "timed out after 3 s", "connection refused"), or null. */
  readonly problem: string | null;
}

export interface ProbeOptions {
  readonly expectStatus: number;
  readonly timeoutMs: number;
  /** The fetch to use (tests pass their own). */
  readonly fetch?: typeof fetch;
  /** Monotonic milliseconds, for the latency (default performance.now). */
  readonly now?: () => number;
}

/** Probes `url` once; never rejects. */
export async function probeHealth(url: string, options: ProbeOptions): Promise<ProbeResult> {
  const now = options.now ?? (() => performance.now());
  const began = now();
  const failed = (problem: string): ProbeResult => ({ httpStatus: null, ok: false, latencyMs: Math.round(now() - began), problem });
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return failed('the health URL is not a URL');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return failed(`the health URL is ${target.protocol.slice(0, -1)}, not http or https`);
  if (target.username || target.password) return failed('the health URL carries credentials; the probe does not send them');
  try {
    const response = await (options.fetch ?? fetch)(target, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs) });
    const latencyMs = Math.round(now() - began);
    void response.body?.cancel().catch(() => undefined);
    const ok = response.status === options.expectStatus;
    return { httpStatus: response.status, ok, latencyMs, problem: ok ? null : `HTTP ${response.status}, expected ${options.expectStatus}` };
  } catch (error) {
    return failed(describeFetchError(error, options.timeoutMs));
  }
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${formatSeconds(timeoutMs)}`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
  const code = cause && 'code' in cause ? String((cause as { code: unknown }).code) : null;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
  if (code === 'ECONNRESET') return 'the connection was reset';
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
