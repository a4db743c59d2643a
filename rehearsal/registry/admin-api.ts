// /_admin/: fault injection, reset and the request log over HTTP, for rehearsal scenarios driven from outside
// the process (a script, the cockpit's own e2e tests). Same token as the API.
import type { IncomingMessage } from 'node:http';
import { FaultOptionError, type FaultInjector } from './faults';
import { errorReply, HttpError, methodNotAllowed, readJsonBody, type Reply } from './http-io';
import { isPlainObject } from './instance-input';
import type { RequestLog } from './request-log';

export interface AdminDeps {
  readonly faults: FaultInjector;
  readonly log: RequestLog;
  /** Clears data, faults and the log. */
  readonly reset: () => void;
}

type Schema = Readonly<Record<string, 'number' | 'string' | 'boolean'>>;
type Options<S extends Schema> = { [K in keyof S]?: S[K] extends 'number' ? number : S[K] extends 'string' ? string : boolean };
const FAIL_FIELDS = { count: 'number', status: 'number', method: 'string', pathPrefix: 'string', afterApply: 'boolean', retryAfterSeconds: 'number' } as const;
const DELAY_FIELDS = { count: 'number', ms: 'number', method: 'string', pathPrefix: 'string' } as const;

export async function handleAdmin(method: string, url: URL, request: IncomingMessage, deps: AdminDeps): Promise<Reply> {
  try {
    switch (url.pathname) {
      case '/_admin/faults':
        if (method === 'GET') return { status: 200, json: deps.faults.describe() };
        if (method === 'DELETE') {
          deps.faults.reset();
          return { status: 204 };
        }
        return methodNotAllowed(method, ['GET', 'DELETE']);
      case '/_admin/faults/fail': {
        if (method !== 'POST') return methodNotAllowed(method, ['POST']);
        // Body: { count = 1, status = 503, method?, pathPrefix?, afterApply?, retryAfterSeconds? }
        const { count = 1, ...options } = parseOptions(await readJsonBody(request, { optional: true }), FAIL_FIELDS);
        deps.faults.failNext(count, options);
        return { status: 200, json: deps.faults.describe() };
      }
      case '/_admin/faults/delay': {
        if (method !== 'POST') return methodNotAllowed(method, ['POST']);
        // Body: { ms, count?, method?, pathPrefix? }; without count, every matching request until reset.
        const { ms, count = Infinity, ...match } = parseOptions(await readJsonBody(request), DELAY_FIELDS);
        if (ms === undefined) throw new HttpError(400, 'bad-request', 'ms is required', 'ms');
        deps.faults.delayNext(count, ms, match);
        return { status: 200, json: deps.faults.describe() };
      }
      case '/_admin/reset':
        if (method !== 'POST') return methodNotAllowed(method, ['POST']);
        deps.reset();
        return { status: 204 };
      case '/_admin/requests': {
        if (method !== 'GET') return methodNotAllowed(method, ['GET']);
        const items = deps.log.entries();
        return { status: 200, json: { items, total: items.length } };
      }
      default:
        return errorReply(404, 'not-found', `no admin endpoint ${url.pathname}`);
    }
  } catch (error) {
    if (error instanceof HttpError) return error.toReply();
    if (error instanceof FaultOptionError) return errorReply(400, 'bad-request', error.message, { field: error.field });
    throw error;
  }
}

/** Checks an options body: known fields only (a typo must not silently become a default), each of its type. */
function parseOptions<S extends Schema>(body: unknown, schema: S): Options<S> {
  if (!isPlainObject(body)) throw new HttpError(400, 'bad-request', 'the request body must be a JSON object', '');
  for (const [key, value] of Object.entries(body)) {
    const type = schema[key];
    if (type === undefined) throw new HttpError(400, 'bad-request', `unknown option ${key}; expected ${Object.keys(schema).join(', ')}`, key);
    if (typeof value !== type) throw new HttpError(400, 'bad-request', `${key} must be a ${type}`, key);
  }
  return body as Options<S>;
}
