// Which AWS protocol a request speaks, and its answer in that protocol. One endpoint serves both services:
//   x-amz-target AmazonDMSv20160101.<Op>            → DMS, awsJson1_1
//   x-amz-target GraniteServiceVersion20100801.<Op> → CloudWatch, awsJson1_0 (query-compatible errors)
//   x-amz-target Logs_20140328.<Op>                 → CloudWatch Logs, awsJson1_1
//   form-encoded body with Action=<Op>              → CloudWatch, awsQuery (XML answers)
import type { IncomingHttpHeaders } from 'node:http';
import { CLOUDWATCH_TARGET_PREFIX, getMetricData, parseGetMetricData } from './cloudwatch-api';
import { errorXml, getMetricDataXml, unflattenQuery } from './cloudwatch-query';
import { DMS_TARGET_PREFIX, handleDms, type DmsContext } from './dms-api';
import { AwsError } from './errors';
import { handleLogs, LOGS_TARGET_PREFIX } from './logs-api';
import type { Reply } from '../registry/http-io';
import type { DmsSimulation } from './simulation';
import type { Service } from './wire-faults';

export type AwsCall =
  | { readonly service: 'dms'; readonly protocol: 'json'; readonly operation: string; readonly input: unknown }
  | { readonly service: 'cloudwatch'; readonly protocol: 'json'; readonly operation: string; readonly input: unknown }
  | { readonly service: 'logs'; readonly protocol: 'json'; readonly operation: string; readonly input: unknown }
  | { readonly service: 'cloudwatch'; readonly protocol: 'query'; readonly operation: string; readonly input: Record<string, unknown> };

const JSON_CONTENT_TYPE: Readonly<Record<Service, string>> = { dms: 'application/x-amz-json-1.1', cloudwatch: 'application/x-amz-json-1.0', logs: 'application/x-amz-json-1.1' };

/** CloudWatch's modeled errors: the JSON `__type` is the shape id, the query-compatible header the old code. */
const CLOUDWATCH_SHAPES: Readonly<Record<string, string>> = {
  InvalidParameterValue: 'InvalidParameterValueException',
  MissingParameter: 'MissingRequiredParameterException',
  InvalidParameterCombination: 'InvalidParameterCombinationException',
  InvalidNextToken: 'InvalidNextToken',
  InternalServiceError: 'InternalServiceFault',
  LimitExceeded: 'LimitExceededException',
};

/** Identifies the call, or throws the error AWS gives a request it cannot route. */
export function identifyCall(headers: IncomingHttpHeaders, body: string): AwsCall {
  const target = headers['x-amz-target'];
  if (typeof target === 'string' && target !== '') {
    const input = parseJson(body);
    if (target.startsWith(DMS_TARGET_PREFIX)) return { service: 'dms', protocol: 'json', operation: target.slice(DMS_TARGET_PREFIX.length), input };
    if (target.startsWith(CLOUDWATCH_TARGET_PREFIX)) return { service: 'cloudwatch', protocol: 'json', operation: target.slice(CLOUDWATCH_TARGET_PREFIX.length), input };
    if (target.startsWith(LOGS_TARGET_PREFIX)) return { service: 'logs', protocol: 'json', operation: target.slice(LOGS_TARGET_PREFIX.length), input };
    throw new AwsError('UnknownOperationException', `The rehearsal environment serves DMS (${DMS_TARGET_PREFIX}*), CloudWatch (${CLOUDWATCH_TARGET_PREFIX}*) and CloudWatch Logs (${LOGS_TARGET_PREFIX}*), not ${target}`);
  }
  const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(body);
    const action = form.get('Action');
    if (action) return { service: 'cloudwatch', protocol: 'query', operation: action, input: unflattenQuery(form) };
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

export function answer(call: AwsCall, simulation: DmsSimulation, context: DmsContext, requestId: string): Reply {
  if (call.service === 'dms') return jsonReply(call.service, 200, handleDms(call.operation, call.input, simulation, context));
  if (call.service === 'logs') return jsonReply(call.service, 200, handleLogs(call.operation, call.input, simulation));
  if (call.operation !== 'GetMetricData') {
    throw new AwsError(call.protocol === 'query' ? 'InvalidAction' : 'UnknownOperationException', `Operation ${call.operation} is not supported by the rehearsal environment (CloudWatch supports: GetMetricData)`);
  }
  const input = call.input;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
  const output = getMetricData(parseGetMetricData(input as Record<string, unknown>), simulation);
  if (call.protocol === 'query') return { status: 200, text: getMetricDataXml(output, requestId), headers: { 'content-type': 'text/xml' } };
  return jsonReply('cloudwatch', 200, output);
}

/** The error in the caller's protocol; `call` undefined = routing failed, answered as awsJson. */
export function errorAnswer(call: AwsCall | undefined, error: AwsError, requestId: string): Reply {
  if (call?.protocol === 'query') return { status: error.status, text: errorXml(error, requestId), headers: { 'content-type': 'text/xml' } };
  if (call?.service === 'cloudwatch') {
    const shape = error.code === 'ValidationError' ? 'com.amazon.coral.validate#ValidationException' : CLOUDWATCH_SHAPES[error.code] && `com.amazonaws.cloudwatch#${CLOUDWATCH_SHAPES[error.code]}`;
    return jsonReply('cloudwatch', error.status, { __type: shape ?? error.code, message: error.message }, { 'x-amzn-query-error': `${error.code};${error.faultParty}` });
  }
  return jsonReply(call?.service ?? 'dms', error.status, { __type: error.code, message: error.message });
}

function jsonReply(service: Service, status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, text: JSON.stringify(body), headers: { 'content-type': JSON_CONTENT_TYPE[service], ...headers } };
}
