// Injected unreliability: failed and slow responses, counted per matching API request, so tests of retries,
// backoff and timeouts are deterministic. Faults touch only authenticated /api requests; admin calls, the
// HTML view and /healthz never consume or suffer them (otherwise a fault could lock out its own reset).

export interface FaultMatch {
  /** HTTP method, any case; omitted = every method. */
  readonly method?: string;
  /** Matched against the path without the query, e.g. '/api/v1/instances'; omitted = every API path. */
  readonly pathPrefix?: string;
}

export interface FailOptions extends FaultMatch {
  /** 400-599; default 503. */
  readonly status?: number;
  /**
   * Apply the request first, then answer with the failure: the change happened but the client cannot know it
   * (a gateway timing out after the backend committed). Default false: fail without touching anything.
   */
  readonly afterApply?: boolean;
  /** Sends a Retry-After header (seconds) with the failure. */
  readonly retryAfterSeconds?: number;
}

export interface FailRule {
  readonly remaining: number;
  readonly status: number;
  readonly method?: string;
  readonly pathPrefix?: string;
  readonly afterApply: boolean;
  readonly retryAfterSeconds?: number;
}

export interface DelayRule {
  /** null: every matching request until the faults are reset. */
  readonly remaining: number | null;
  readonly ms: number;
  readonly method?: string;
  readonly pathPrefix?: string;
}

/** What to do to one request. */
export interface FaultPlan {
  readonly fail?: { readonly status: number; readonly afterApply: boolean; readonly retryAfterSeconds?: number };
  readonly delayMs?: number;
}

/** A bad argument, with the name of the option it came from (the admin API reports it as a 400). */
export class FaultOptionError extends RangeError {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'FaultOptionError';
    this.field = field;
  }
}

const MAX_DELAY_MS = 10 * 60 * 1000;

interface Rule {
  remaining: number;
  readonly method?: string;
  readonly pathPrefix?: string;
}
type FailEntry = Rule & Omit<FailRule, 'remaining'>;
type DelayEntry = Rule & { readonly ms: number };

export class FaultInjector {
  #fail: FailEntry[] = [];
  #delay: DelayEntry[] = [];

  /** The next `count` matching requests fail. Rules queue up: the oldest matching one is used first. */
  failNext(count: number, options: FailOptions = {}): void {
    const status = options.status ?? 503;
    if (!Number.isInteger(status) || status < 400 || status > 599)
      throw new FaultOptionError('status', `status must be an HTTP error status 400-599, got ${status}`);
    const retry = options.retryAfterSeconds;
    if (retry !== undefined && (!Number.isInteger(retry) || retry < 0)) {
      throw new FaultOptionError('retryAfterSeconds', `retryAfterSeconds must be a whole number of seconds >= 0, got ${retry}`);
    }
    this.#fail.push({
      ...rule(count, options, false),
      status,
      afterApply: options.afterApply ?? false,
      ...(retry !== undefined ? { retryAfterSeconds: retry } : {}),
    });
  }

  /** The next `count` matching responses wait `ms` first; `count` Infinity = until reset. */
  delayNext(count: number, ms: number, options: FaultMatch = {}): void {
    if (!Number.isInteger(ms) || ms < 0 || ms > MAX_DELAY_MS) throw new FaultOptionError('ms', `ms must be a whole number 0-${MAX_DELAY_MS}, got ${ms}`);
    this.#delay.push({ ...rule(count, options, true), ms });
  }

  reset(): void {
    this.#fail = [];
    this.#delay = [];
  }

  get active(): boolean {
    return this.#fail.length > 0 || this.#delay.length > 0;
  }

  /** Decides, and counts off, the faults for one API request. */
  take(method: string, pathname: string): FaultPlan {
    const fail = consume(this.#fail, method, pathname);
    const delay = consume(this.#delay, method, pathname);
    return {
      ...(fail
        ? {
            fail: {
              status: fail.status,
              afterApply: fail.afterApply,
              ...(fail.retryAfterSeconds !== undefined ? { retryAfterSeconds: fail.retryAfterSeconds } : {}),
            },
          }
        : {}),
      ...(delay ? { delayMs: delay.ms } : {}),
    };
  }

  /** The pending faults, JSON-safe. */
  describe(): { fail: FailRule[]; delay: DelayRule[] } {
    return {
      fail: this.#fail.map((entry) => ({ ...entry })),
      delay: this.#delay.map((entry) => ({ ...entry, remaining: Number.isFinite(entry.remaining) ? entry.remaining : null })),
    };
  }
}

function rule(count: number, match: FaultMatch, allowForever: boolean): Rule {
  const forever = allowForever && count === Infinity;
  if (!forever && (!Number.isInteger(count) || count < 1)) {
    throw new FaultOptionError('count', `count must be a whole number >= 1${allowForever ? ' (or Infinity)' : ''}, got ${count}`);
  }
  if (match.method !== undefined && !/^[A-Za-z]+$/.test(match.method))
    throw new FaultOptionError('method', `method must be an HTTP method such as POST, got '${match.method}'`);
  if (match.pathPrefix !== undefined && !match.pathPrefix.startsWith('/')) {
    throw new FaultOptionError('pathPrefix', `pathPrefix must start with '/', got '${match.pathPrefix}'`);
  }
  return {
    remaining: count,
    ...(match.method !== undefined ? { method: match.method.toUpperCase() } : {}),
    ...(match.pathPrefix !== undefined ? { pathPrefix: match.pathPrefix } : {}),
  };
}

function consume<T extends Rule>(rules: T[], method: string, pathname: string): T | undefined {
  const index = rules.findIndex(
    (entry) =>
      (entry.method === undefined || entry.method === method.toUpperCase()) && (entry.pathPrefix === undefined || pathname.startsWith(entry.pathPrefix)),
  );
  const found = rules[index];
  if (!found) return undefined;
  found.remaining -= 1;
  if (found.remaining <= 0) rules.splice(index, 1);
  return found;
}
