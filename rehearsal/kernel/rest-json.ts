// restJson1 services (EventBridge Scheduler, Lambda) for the rehearsal endpoint. The seam (seam/track-simulator.ts)
// routes awsJson services by x-amz-target only; restJson1 is routed by method and path, so this track declares its
// services in this shape, and its own mount (mount.ts) dispatches them until the kernel's server learns to (the
// report of issue 15 part 3 gives the lines). Errors go out as restJson1 has them: the code in `x-amzn-errortype`,
// the message in the body, the status the Smithy model gives the error.
import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from '../../registry/http-io';
import { AwsError } from '../../kernel/errors';

/** A request as a restJson1 operation sees it. */
export interface RestJsonCall {
  readonly operation: string;
  /** The path labels, URL-decoded (`{Name}` → params.Name). */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface RestJsonServiceDecl {
  /** The name wire faults match (`service: scheduler`). */
  readonly name: string;
  readonly title: string;
  readonly protocol: 'restJson1';
  /** The operation a request is by its method and path (the same in every account); undefined: not this service's. */
  route(method: string, pathname: string): { operation: string; params: Record<string, string> } | undefined;
  /** The answer; throws an AwsError for AWS's errors. */
  handle(call: RestJsonCall): Reply;
  /** An AwsError in the service's wire shape; injected throttles and 5xx arrive as ThrottlingException / InternalFailure. */
  error(error: AwsError): Reply;
}

/** `[method, path template, operation]` → a router; labels are `{Name}` segments. */
export function restRouter(table: ReadonlyArray<readonly [string, string, string]>): RestJsonServiceDecl['route'] {
  const routes = table.map(([method, template, operation]) => {
    const names: string[] = [];
    const pattern = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { method, regex: new RegExp(`^${pattern}/?$`), names, operation };
  });
  return (method, pathname) => {
    for (const route of routes) {
      if (route.method !== method) continue;
      const match = route.regex.exec(pathname);
      if (!match) continue;
      const params: Record<string, string> = {};
      try {
        route.names.forEach((name, index) => (params[name] = decodeURIComponent(match[index + 1]!)));
      } catch {
        return undefined;
      }
      return { operation: route.operation, params };
    }
    return undefined;
  };
}

export function restJsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, text: body === undefined ? '' : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } };
}

/** An error as restJson1 services answer it: `x-amzn-errortype: <Code>` and `{ <messageMember>, ...extra }`. */
export function restJsonError(error: AwsError, messageMember: 'Message' | 'message', extra: Record<string, unknown> = {}): Reply {
  return restJsonReply(error.status, { ...extra, [messageMember]: error.message }, { 'x-amzn-errortype': error.code });
}

/** The JSON body of a restJson1 request ({} when empty). */
export function jsonBody(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new AwsError('SerializationException', 'The request body is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new AwsError('SerializationException', 'Expected a JSON object');
  return parsed as Record<string, unknown>;
}
