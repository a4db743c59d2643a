// One health probe: a GET of a stack's health URL with a timeout, judged by its status code. Only the status and
// the time to the response's head count: a healthy answer's body is cancelled unread, and of a failing one only the
// first kilobyte is read for why it fails, so a large or endless body costs nothing,
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
    const ok = response.status === options.expectStatus;
    if (ok) {
      void response.body?.cancel().catch(() => undefined);
      return { httpStatus: response.status, ok, latencyMs, problem: null };
    }
    // A failing endpoint often says why: its first kilobyte, read and no more.
    const why = await excerpt(response);
    return { httpStatus: response.status, ok, latencyMs, problem: `HTTP ${response.status}, expected ${options.expectStatus}${why ? `: ${why}` : ''}` };
  } catch (error) {
    return failed(describeFetchError(error, options.timeoutMs));
  }
}

const EXCERPT_BYTES = 1024;
const EXCERPT_CHARS = 160;

/** Why a failing endpoint says it fails: a JSON body's `reason`, `message` or `status`, else its first line; at most 1 KiB read. */
async function excerpt(response: Response): Promise<string | null> {
  const reader = response.body?.getReader();
  if (!reader) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body that breaks off says nothing more.
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks).subarray(0, EXCERPT_BYTES)).trim();
  if (!text) return null;
  let said = text.split('\n', 1)[0]!.trim();
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') {
      const { reason, message, status } = parsed as { reason?: unknown; message?: unknown; status?: unknown };
      const words = [reason, message, status].find((value): value is string => typeof value === 'string' && value.trim() !== '');
      if (words) said = words.trim();
    }
  } catch {
    // Not JSON (or cut at the kilobyte): its first line.
  }
  return said.length > EXCERPT_CHARS ? `${said.slice(0, EXCERPT_CHARS - 1)}…` : said;
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
