// CloudWatch as a kernel service over the metric registry, in both of its protocols: awsJson1_0 query-compatible
// (`x-amz-target: GraniteServiceVersion20100801.GetMetricData`, errors with the shape id and the
// `x-amzn-query-error` header, so the SDK throws its exception classes) and awsQuery (form in, XML out).
import type { Reply } from '../registry/http-io';
import { CLOUDWATCH_TARGET_PREFIX, getMetricData, parseGetMetricData, type GetMetricDataOutput } from './cloudwatch-api';
import { errorXml, getMetricDataXml, unflattenQuery } from './cloudwatch-query';
import type { CallerIdentity } from './accounts';
import { asQueryError, AwsError } from './errors';
import type { MetricRegistry } from './metric-registry';
import { jsonReply, type ServiceRoute } from './protocols';

const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';
const CLOUDWATCH_QUERY_VERSION = '2010-08-01';

/** CloudWatch's modeled errors: the JSON `__type` is the shape id, the query-compatible header the old code. */
const CLOUDWATCH_SHAPES: Readonly<Record<string, string>> = {
  InvalidParameterValue: 'InvalidParameterValueException',
  MissingParameter: 'MissingRequiredParameterException',
  InvalidParameterCombination: 'InvalidParameterCombinationException',
  InvalidNextToken: 'InvalidNextToken',
  InternalServiceError: 'InternalServiceFault',
  LimitExceeded: 'LimitExceededException',
};

/** `metricsOf`: the metric registry of an account; `now`: simulated epoch ms with every track's estate advanced to it. */
export function cloudWatchRoutes(metricsOf: (accountId: string) => MetricRegistry, now: () => number): ServiceRoute[] {
  const answer = (operation: string, input: unknown, unknownOperationCode: string, caller: CallerIdentity): GetMetricDataOutput => {
    if (operation !== 'GetMetricData') {
      throw new AwsError(unknownOperationCode, `Operation ${operation} is not supported by the rehearsal environment (CloudWatch supports: GetMetricData)`);
    }
    if (input === null || typeof input !== 'object' || Array.isArray(input))
      throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
    return getMetricData(parseGetMetricData(input as Record<string, unknown>), now(), metricsOf(caller.accountId));
  };
  const common = { name: 'cloudwatch', title: 'CloudWatch', throttlingCode: 'Throttling' };
  return [
    {
      ...common,
      match: { targetPrefix: CLOUDWATCH_TARGET_PREFIX },
      answer: (operation, input, _requestId, caller) => jsonReply(JSON_CONTENT_TYPE, 200, answer(operation, input, 'UnknownOperationException', caller)),
      error: (error) => {
        const shape =
          error.code === 'ValidationError'
            ? 'com.amazon.coral.validate#ValidationException'
            : CLOUDWATCH_SHAPES[error.code] && `com.amazonaws.cloudwatch#${CLOUDWATCH_SHAPES[error.code]}`;
        return jsonReply(
          JSON_CONTENT_TYPE,
          error.status,
          { __type: shape ?? error.code, message: error.message },
          { 'x-amzn-query-error': `${asQueryError(error).code};${error.faultParty}` },
        );
      },
    },
    {
      ...common,
      match: { queryVersion: CLOUDWATCH_QUERY_VERSION, readForm: unflattenQuery },
      answer: (operation, input, requestId, caller): Reply => ({
        status: 200,
        text: getMetricDataXml(answer(operation, input, 'InvalidAction', caller), requestId),
        headers: { 'content-type': 'text/xml' },
      }),
      error: (error, requestId) => {
        const query = asQueryError(error);
        return { status: query.status, text: errorXml(query, requestId), headers: { 'content-type': 'text/xml' } };
      },
    },
  ];
}
