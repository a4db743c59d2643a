// The last requests the registry answered, for tests and for an operator asking "what did the cockpit send?".
// Only method, path, status and timing are kept — never headers, so the Authorization token cannot leak here.

export interface RequestLogEntry {
  /** When the request arrived (ISO 8601). */
  readonly time: string;
  readonly method: string;
  /** Path and query, with credential-looking query values masked. */
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
  /** Set when fault injection shaped this response. */
  readonly injected?: { readonly status?: number; readonly delayMs?: number };
}

export const REQUEST_LOG_LIMIT = 500;

export class RequestLog {
  #entries: RequestLogEntry[] = [];
  readonly #limit: number;

  constructor(limit = REQUEST_LOG_LIMIT) {
    this.#limit = limit;
  }

  add(entry: RequestLogEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.#limit) this.#entries.splice(0, this.#entries.length - this.#limit);
  }

  /** Oldest first. */
  entries(): RequestLogEntry[] {
    return [...this.#entries];
  }

  clear(): void {
    this.#entries = [];
  }
}

const CREDENTIAL_PARAM = /token|secret|password|passwd|key|auth|signature/i;

/** Our API never takes credentials in the query, but a confused client might put one there. */
export function loggablePath(url: URL): string {
  const params = new URLSearchParams(url.search);
  const names = [...new Set(params.keys())].filter((name) => CREDENTIAL_PARAM.test(name));
  if (names.length === 0) return `${url.pathname}${url.search}`;
  for (const name of names) params.set(name, '***');
  return `${url.pathname}?${params.toString()}`;
}
