// Which AWS service and protocol a request speaks, and its answer in that protocol. One endpoint serves every
// registered service, each routed by its declaration:
//   x-amz-target <targetPrefix><Op>    → that service, awsJson1_0 or awsJson1_1 (e.g. AmazonDMSv20160101.<Op>)
//   form-encoded body with Action=<Op> → the awsQuery service of its Version (CloudWatch 2010-08-01, STS 2011-06-15,
//                                        a track's, e.g. ELBv2 2015-12-01; XML answers)
// Every answer is given the identity that signed the request (accounts.ts), so a service acts in its account.
import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from '../registry/http-io';
import type { ServiceDecl } from '../seam/track-simulator';
import type { CallerIdentity } from './accounts';
import { AwsError } from './errors';
import { listInWords } from './wire-fault-schema';

/** One entry of the route table: a service in one protocol, with how it answers and fails. */
export interface ServiceRoute {
  /** What wire faults match. */
  readonly name: string;
  readonly title: string;
  /** awsJson: by target prefix; awsQuery: a form-encoded body with Action and this Version, read into the input's member names. */
  readonly match: { readonly targetPrefix: string } | { readonly queryVersion: string; readonly readForm: (form: URLSearchParams) => Record<string, unknown> };
  readonly throttlingCode: string;
  /** `caller`: whose credentials signed the request (the account the call acts in). */
  answer(operation: string, input: unknown, requestId: string, caller: CallerIdentity): Reply;
  error(error: AwsError, requestId: string): Reply;
}

export interface AwsCall {
  readonly service: string;
  readonly operation: string;
  readonly input: unknown;
  readonly route: ServiceRoute;
  /** The service's error for a form it could not read (answered in its protocol, once the caller is known). */
  readonly inputError?: AwsError;
}

const JSON_CONTENT_TYPE: Readonly<Record<ServiceDecl['protocol'], string>> = {
  awsJson1_0: 'application/x-amz-json-1.0',
  awsJson1_1: 'application/x-amz-json-1.1',
};

/**
 * A track's (or the kernel's) awsJson service as a route: JSON out, `{ __type, message }` errors. `inAccount` gives
 * the service's declaration in the caller's account (each account has its own estate).
 */
export function jsonRoute(service: ServiceDecl, inAccount: (accountId: string) => ServiceDecl = () => service): ServiceRoute {
  const contentType = JSON_CONTENT_TYPE[service.protocol];
  return {
    name: service.name,
    title: service.title,
    match: { targetPrefix: service.route.targetPrefix },
    throttlingCode: service.throttlingCode ?? 'ThrottlingException',
    answer: (operation, input, _requestId, caller) => jsonReply(contentType, 200, inAccount(caller.accountId).handle(operation, input)),
    error: (error) => jsonReply(contentType, error.status, { __type: error.code, message: error.message }),
  };
}

/** Identifies the call, or throws the error AWS gives a request it cannot route. */
export function identifyCall(headers: IncomingHttpHeaders, body: string, routes: readonly ServiceRoute[]): AwsCall {
  const target = headers['x-amz-target'];
  if (typeof target === 'string' && target !== '') {
    const input = parseJson(body);
    for (const route of routes) {
      if ('targetPrefix' in route.match && target.startsWith(route.match.targetPrefix)) {
        return { service: route.name, operation: target.slice(route.match.targetPrefix.length), input, route };
      }
    }
    const served = routes.flatMap((route) => ('targetPrefix' in route.match ? [`${route.title} (${route.match.targetPrefix}*)`] : []));
    throw new AwsError('UnknownOperationException', `The rehearsal environment serves ${listInWords(served, 'and')}, not ${target}`);
  }
  const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(body);
    const action = form.get('Action');
    const version = form.get('Version');
    for (const route of routes) {
      if (action && 'readForm' in route.match && route.match.queryVersion === version) {
        try {
          return { service: route.name, operation: action, input: route.match.readForm(form), route };
        } catch (error) {
          if (!(error instanceof AwsError)) throw error;
          return { service: route.name, operation: action, input: undefined, route, inputError: error };
        }
      }
    }
    if (action) {
      const served = routes.flatMap((route) => ('queryVersion' in route.match ? [`${route.title} (Version=${route.match.queryVersion})`] : []));
      throw new AwsError(
        'UnknownOperationException',
        `The rehearsal environment serves awsQuery for ${listInWords(served, 'and')}, not Version=${version ?? '(none)'}`,
      );
    }
  }
  throw new AwsError('UnknownOperationException', 'Send an AWS request: an x-amz-target header (awsJson), or a form-encoded body with Action (awsQuery)');
}

function parseJson(body: string): unknown {
  if (body.trim() === '') return {};
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new AwsError('SerializationException', 'The request body is not valid JSON');
  }
}

/** The error in the caller's protocol; `call` undefined = routing failed, answered as awsJson1_1. */
export function errorAnswer(call: AwsCall | undefined, error: AwsError, requestId: string): Reply {
  if (call) return call.route.error(error, requestId);
  return jsonReply(JSON_CONTENT_TYPE.awsJson1_1, error.status, { __type: error.code, message: error.message });
}

export function jsonReply(contentType: string, status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, text: JSON.stringify(body), headers: { 'content-type': contentType, ...headers } };
}
