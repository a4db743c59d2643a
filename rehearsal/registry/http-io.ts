// Reading request bodies and writing replies. Handlers return a Reply instead of writing to the socket, so the
// server can swap or hold back any answer (fault injection) and log exactly what went out.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBoundedBody } from '../../main/ports/http-body';

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly json?: unknown;
  /** Sent as is; give a content-type header. */
  readonly text?: string;
}

export const MAX_BODY_BYTES = 64 * 1024;
/** Past this, stop draining an oversized body and drop the connection. */
const MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES;

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.field = field;
  }

  toReply(): Reply {
    return errorReply(this.status, this.code, this.message, this.field === undefined ? {} : { field: this.field });
  }
}

export function errorReply(status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>): Reply {
  return { status, json: { error: code, message, ...extra }, ...(headers ? { headers } : {}) };
}

export function methodNotAllowed(method: string, allowed: readonly string[]): Reply {
  return errorReply(405, 'method-not-allowed', `${method} is not supported here; use ${allowed.join(', ')}`, {}, { allow: allowed.join(', ') });
}

/**
 * The JSON body of a request. A JSON content type is required for any body: besides being honest HTTP, it makes
 * a browser preflight cross-site requests, which this service never approves.
 * `optional`: an empty body reads as {} (admin calls whose options all have defaults).
 */
export async function readJsonBody(request: IncomingMessage, options: { optional?: boolean } = {}): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? 0);
  const hasBody = declared > 0 || request.headers['transfer-encoding'] !== undefined;
  if (hasBody && !isJsonContentType(request.headers['content-type'])) {
    throw new HttpError(
      415,
      'unsupported-media-type',
      `send the body as Content-Type: application/json (got ${request.headers['content-type'] ?? 'no content type'})`,
    );
  }
  const text = await readText(request);
  if (text.trim() === '') {
    if (options.optional) return {};
    throw new HttpError(400, 'bad-request', 'the request body is empty; expected a JSON object', '');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, 'bad-request', `the request body is not JSON: ${(error as Error).message}`, '');
  }
}

function isJsonContentType(value: string | undefined): boolean {
  const type = (value ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/** The body up to the limit; beyond it keeps draining (so the client reads our 413 instead of a reset). */
async function readText(request: IncomingMessage): Promise<string> {
  const read = await readBoundedBody(request, { maxBytes: MAX_BODY_BYTES, drainBytes: MAX_DRAIN_BYTES });
  if (read.ok) return read.text;
  if (read.problem === 'too-large') throw new HttpError(413, 'payload-too-large', `the request body is larger than ${MAX_BODY_BYTES} bytes`, '');
  throw new HttpError(400, 'bad-request', 'the request body ended before it was complete', '');
}

const BASE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function sendReply(response: ServerResponse, reply: Reply): void {
  if (response.destroyed) return;
  let body: string | undefined;
  const headers: Record<string, string | number> = { ...BASE_HEADERS, ...reply.headers };
  if (reply.json !== undefined) {
    body = JSON.stringify(reply.json);
    headers['content-type'] = 'application/json; charset=utf-8';
  } else if (reply.text !== undefined) {
    body = reply.text;
  }
  if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
  response.writeHead(reply.status, headers);
  response.end(body);
}
