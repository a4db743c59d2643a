// REST services on the shared endpoint — restJson1 (EventBridge Scheduler, Lambda) and restXml (Route 53): a track
// declares each as a RestServiceDecl (seam/track-simulator.ts), routed by method and path. Here are the router, how
// the server finds the service of a request (or the service whose path prefix an unknown request is under), and the
// restJson1 reply helpers: errors as restJson1 has them, the code in `x-amzn-errortype`, the message in the body, the
// status the Smithy model gives the error (kernel/rest-xml.ts has restXml's).
import type { Reply } from '../registry/http-io';
import type { RestServiceDecl } from '../seam/track-simulator';
import { AwsError } from './errors';

/** The methods restJson1 services are called with here. */
export const REST_METHODS: ReadonlySet<string> = new Set(['GET', 'PUT', 'DELETE', 'POST']);

/** A request's REST service (the source account's declaration) and operation. */
export interface RoutedRestCall {
  readonly service: RestServiceDecl;
  readonly operation: string;
  readonly params: Readonly<Record<string, string>>;
}

/** The first service whose route knows the method and path; undefined when none does. */
export function identifyRestCall(services: readonly RestServiceDecl[], method: string, pathname: string): RoutedRestCall | undefined {
  for (const service of services) {
    const matched = service.route(method, pathname);
    if (matched) return { service, operation: matched.operation, params: matched.params };
  }
  return undefined;
}

/** The service whose `pathPrefix` a request no route knows is under (its unknown operation), if any. */
export function restServiceOwning(services: readonly RestServiceDecl[], pathname: string): RestServiceDecl | undefined {
  return services.find((service) => service.pathPrefix !== undefined && pathname.startsWith(service.pathPrefix));
}

/** What a REST request no service routes or owns is answered (restJson1's 404, as API Gateway-fronted AWS services do). */
export function unknownRestOperation(method: string, pathname: string, services: readonly RestServiceDecl[]): Reply {
  const served = [...new Set(services.map((service) => service.title))].join(', ');
  return restJsonReply(
    404,
    { message: `The rehearsal environment serves no operation at ${method} ${pathname}${served ? ` (REST: ${served})` : ''}` },
    { 'x-amzn-errortype': 'UnknownOperationException' },
  );
}

/** `[method, path template, operation]` → a router; labels are `{Name}` segments. */
export function restRouter(table: ReadonlyArray<readonly [string, string, string]>): RestServiceDecl['route'] {
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
