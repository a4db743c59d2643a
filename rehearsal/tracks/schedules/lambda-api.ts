// The Lambda subset the scheduled-jobs track needs (restJson1, what `@aws-sdk/client-lambda` sends): functions
// created (from a zip, an S3 object or an image, never run: a simulated behaviour runs instead), read, reconfigured,
// listed and deleted; reserved concurrency (0 is the kill switch: every invocation throttled); Invoke, RequestResponse
// for the test invocation, Event and DryRun too. Errors as Lambda sends them: the code in `x-amzn-errortype`,
// `{ Type: "User", message }` (ResourceNotFoundException `Message`), ResourceNotFoundException 404,
// ResourceConflictException 409, InvalidParameterValueException 400, TooManyRequestsException 429 with its Reason.
// Not served: versions and aliases (a qualifier other than $LATEST is not found), layers, URLs, event source
// mappings, permissions, tags, event invoke configs (Lambda's own async retries: see aws-estate.ts).
import { createHash } from 'node:crypto';
import { AwsError, validationError } from '../../kernel/errors';
import type { AwsScheduleEstate, FunctionSpec, Invocation, LambdaFunction } from './aws-estate';
import { functionNameOf } from './aws-estate';
import { jsonBody, restJsonError, restJsonReply, restRouter } from '../../kernel/rest-json';
import type { RestRequest, RestServiceDecl } from '../../seam/track-simulator';

const ROLE_ARN = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
const FUNCTION_REFERENCE =
  /^(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_.]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?$/;
/** Lambda's default account concurrency, and what it keeps unreserved. */
const ACCOUNT_CONCURRENCY = 1000;
const MIN_UNRESERVED = 100;

const route = restRouter([
  ['POST', '/2015-03-31/functions', 'CreateFunction'],
  ['GET', '/2015-03-31/functions', 'ListFunctions'],
  ['GET', '/2015-03-31/functions/{FunctionName}', 'GetFunction'],
  ['DELETE', '/2015-03-31/functions/{FunctionName}', 'DeleteFunction'],
  ['GET', '/2015-03-31/functions/{FunctionName}/configuration', 'GetFunctionConfiguration'],
  ['PUT', '/2015-03-31/functions/{FunctionName}/configuration', 'UpdateFunctionConfiguration'],
  ['PUT', '/2017-10-31/functions/{FunctionName}/concurrency', 'PutFunctionConcurrency'],
  ['DELETE', '/2017-10-31/functions/{FunctionName}/concurrency', 'DeleteFunctionConcurrency'],
  ['GET', '/2019-09-30/functions/{FunctionName}/concurrency', 'GetFunctionConcurrency'],
  ['POST', '/2015-03-31/functions/{FunctionName}/invocations', 'Invoke'],
]);

export function lambdaService(estate: AwsScheduleEstate): RestServiceDecl {
  return {
    name: 'lambda',
    title: 'Lambda',
    protocol: 'restJson1',
    route,
    handle: (call) => handleLambda(call, estate),
    error: (error) => {
      if (error.code === 'ThrottlingException' || error.code === 'TooManyRequestsException') {
        const reason = (error as { reason?: string }).reason ?? 'CallerRateLimitExceeded';
        return restJsonError(new AwsError('TooManyRequestsException', error.message, 429), 'message', { Type: 'User', Reason: reason });
      }
      if (error.code === 'InternalFailure') return restJsonError(new AwsError('ServiceException', error.message, 500), 'Message', { Type: 'Service' });
      return restJsonError(error, error.code === 'ResourceNotFoundException' ? 'Message' : 'message', { Type: 'User' });
    },
  };
}

export function handleLambda(call: RestRequest, estate: AwsScheduleEstate): ReturnType<RestServiceDecl['handle']> {
  const reference = call.params.FunctionName === undefined ? undefined : functionReference(call.params.FunctionName, call.query.get('Qualifier'));
  switch (call.operation) {
    case 'CreateFunction': {
      const body = jsonBody(call.body);
      const name = functionNameOf(functionReference(requiredString(body.FunctionName, 'functionName'), null));
      const fn = estate.createFunction(name, functionSpec(body));
      return restJsonReply(201, configuration(fn));
    }
    case 'ListFunctions': {
      estate.sync();
      return restJsonReply(200, { Functions: estate.functions().map(configuration) });
    }
    case 'GetFunction': {
      const fn = estate.function(reference!);
      return restJsonReply(200, {
        Configuration: configuration(fn),
        Code: {
          RepositoryType: 'S3',
          Location: `https://awslambda-${estate.region}-tasks.s3.${estate.region}.amazonaws.com/snapshots/${estate.accountId}/${fn.name}`,
        },
        ...(fn.reservedConcurrency !== undefined ? { Concurrency: { ReservedConcurrentExecutions: fn.reservedConcurrency } } : {}),
      });
    }
    case 'GetFunctionConfiguration':
      return restJsonReply(200, configuration(estate.function(reference!)));
    case 'DeleteFunction':
      estate.deleteFunction(reference!);
      return { status: 204, headers: {} };
    case 'UpdateFunctionConfiguration': {
      const body = jsonBody(call.body);
      const change: Partial<FunctionSpec> = {
        ...optional('role', body.Role === undefined ? undefined : role(body.Role)),
        ...optional('handler', optionalString(body.Handler, 'handler')),
        ...optional('runtime', optionalString(body.Runtime, 'runtime')),
        ...optional('description', optionalString(body.Description, 'description')),
        ...optional('timeout', optionalInt(body.Timeout, 'timeout', 1, 900)),
        ...optional('memorySize', optionalInt(body.MemorySize, 'memorySize', 128, 10_240)),
        ...optional('environment', environment(body.Environment)),
      };
      return restJsonReply(200, configuration(estate.updateFunction(reference!, change)));
    }
    case 'PutFunctionConcurrency': {
      const body = jsonBody(call.body);
      const reserved = optionalInt(body.ReservedConcurrentExecutions, 'reservedConcurrentExecutions', 0, ACCOUNT_CONCURRENCY);
      if (reserved === undefined) throw validationError('reservedConcurrentExecutions', 'Member must not be null');
      const fn = estate.function(reference!);
      const others = estate
        .functions()
        .filter((other) => other.name !== fn.name)
        .reduce((sum, other) => sum + (other.reservedConcurrency ?? 0), 0);
      if (ACCOUNT_CONCURRENCY - others - reserved < MIN_UNRESERVED)
        throw new AwsError(
          'InvalidParameterValueException',
          `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${MIN_UNRESERVED}].`,
        );
      estate.setConcurrency(fn.name, reserved);
      return restJsonReply(200, { ReservedConcurrentExecutions: reserved });
    }
    case 'GetFunctionConcurrency': {
      const fn = estate.function(reference!);
      return restJsonReply(200, fn.reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency });
    }
    case 'DeleteFunctionConcurrency':
      estate.setConcurrency(reference!, undefined);
      return { status: 204, headers: {} };
    case 'Invoke':
      return invoke(call, estate, reference!);
    default:
      throw new AwsError('UnknownOperationException', `Operation ${call.operation} is not supported by the rehearsal's Lambda`, 404);
  }
}

function invoke(call: RestRequest, estate: AwsScheduleEstate, reference: string): ReturnType<RestServiceDecl['handle']> {
  const type = headerOf(call, 'x-amz-invocation-type') ?? 'RequestResponse';
  if (type !== 'RequestResponse' && type !== 'Event' && type !== 'DryRun')
    throw validationError('invocationType', 'Member must satisfy enum value set: [Event, RequestResponse, DryRun]', type);
  if (call.body !== '') {
    try {
      JSON.parse(call.body);
    } catch {
      throw new AwsError('InvalidRequestContentException', 'Could not parse request body into json: Could not parse payload into json', 400);
    }
  }
  if (type === 'DryRun') {
    estate.function(reference);
    return { status: 204, headers: {} };
  }
  const invocation = estate.invoke(reference, type, call.body || '{}');
  const headers: Record<string, string> = { 'x-amz-executed-version': '$LATEST' };
  if (headerOf(call, 'x-amz-log-type') === 'Tail') headers['x-amz-log-result'] = Buffer.from(logTail(invocation)).toString('base64');
  if (type === 'Event') return { status: 202, text: '', headers };
  if (invocation.error !== undefined) {
    const timedOut = invocation.error.startsWith('Task timed out');
    return {
      status: 200,
      text: JSON.stringify({ errorType: timedOut ? 'Sandbox.Timedout' : 'Error', errorMessage: invocation.error }),
      headers: { ...headers, 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' },
    };
  }
  const seconds = (invocation.endsAt! - invocation.startedAt!) / 1000;
  return {
    status: 200,
    text: JSON.stringify({ status: 'succeeded', function: invocation.functionName, durationSeconds: seconds }),
    headers: { ...headers, 'content-type': 'application/json' },
  };
}

function logTail(invocation: Invocation): string {
  const id = `rehearsal-${invocation.id}`;
  const ms = invocation.endsAt! - invocation.startedAt!;
  return `START RequestId: ${id} Version: $LATEST\nEND RequestId: ${id}\nREPORT RequestId: ${id}\tDuration: ${ms.toFixed(2)} ms\tBilled Duration: ${ms} ms\n`;
}

function headerOf(call: RestRequest, name: string): string | undefined {
  const value = call.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A name, ARN or partial ARN with an optional qualifier; only $LATEST exists here. */
function functionReference(text: string, qualifier: string | null): string {
  const match = FUNCTION_REFERENCE.exec(text);
  if (!match || text.length > 170)
    throw validationError(
      'functionName',
      'Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?',
      text,
    );
  const version = match[9] ?? qualifier ?? undefined;
  if (version !== undefined && version !== '$LATEST') throw new AwsError('ResourceNotFoundException', `Function not found: ${text}:${version}`, 404);
  return text;
}

function requiredString(value: unknown, member: string): string {
  const text = optionalString(value, member);
  if (text === undefined || text === '') throw validationError(member, 'Member must not be null');
  return text;
}

function optionalString(value: unknown, member: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AwsError('SerializationException', `Expected ${member} to be a string`);
  return value;
}

function optionalInt(value: unknown, member: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new AwsError('SerializationException', `Expected ${member} to be an integer`);
  if (value < min) throw validationError(member, `Member must have value greater than or equal to ${min}`, value);
  if (value > max) throw validationError(member, `Member must have value less than or equal to ${max}`, value);
  return value;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function role(value: unknown): string {
  const text = requiredString(value, 'role');
  if (!ROLE_ARN.test(text))
    throw validationError('role', 'Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+', text);
  return text;
}

function environment(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  const variables = (value as { Variables?: unknown }).Variables;
  if (variables === undefined || variables === null) return {};
  if (typeof variables !== 'object' || Array.isArray(variables)) throw new AwsError('SerializationException', 'Expected Environment.Variables to be a map');
  return variables as Record<string, string>;
}

function functionSpec(body: Record<string, unknown>): FunctionSpec {
  const packageType = optionalString(body.PackageType, 'packageType') ?? 'Zip';
  if (packageType !== 'Zip' && packageType !== 'Image') throw validationError('packageType', 'Member must satisfy enum value set: [Zip, Image]', packageType);
  const code = (body.Code ?? {}) as Record<string, unknown>;
  if (typeof code !== 'object' || Array.isArray(code)) throw new AwsError('SerializationException', 'Expected Code to be a structure');
  const zip = optionalString(code.ZipFile, 'code.zipFile');
  const runtime = optionalString(body.Runtime, 'runtime');
  const handler = optionalString(body.Handler, 'handler');
  if (packageType === 'Zip' && (runtime === undefined || handler === undefined))
    throw new AwsError('InvalidParameterValueException', 'Runtime and Handler are mandatory parameters for functions created with deployment packages.');
  const bytes = zip === undefined ? Buffer.from(JSON.stringify(code)) : Buffer.from(zip, 'base64');
  return {
    role: role(body.Role),
    ...(runtime !== undefined ? { runtime } : {}),
    ...(handler !== undefined ? { handler } : {}),
    description: optionalString(body.Description, 'description') ?? '',
    timeout: optionalInt(body.Timeout, 'timeout', 1, 900) ?? 3,
    memorySize: optionalInt(body.MemorySize, 'memorySize', 128, 10_240) ?? 128,
    environment: environment(body.Environment) ?? {},
    packageType,
    codeSha256: createHash('sha256').update(bytes).digest('base64'),
    codeSize: bytes.length,
  };
}

/** Lambda's timestamp format: 2026-12-05T00:00:00.000+0000. */
function lambdaTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** FunctionConfiguration. */
export function configuration(fn: LambdaFunction): Record<string, unknown> {
  return {
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    ...(fn.runtime !== undefined ? { Runtime: fn.runtime } : {}),
    Role: fn.role,
    ...(fn.handler !== undefined ? { Handler: fn.handler } : {}),
    CodeSize: fn.codeSize,
    Description: fn.description,
    Timeout: fn.timeout,
    MemorySize: fn.memorySize,
    LastModified: lambdaTime(fn.lastModified),
    CodeSha256: fn.codeSha256,
    Version: '$LATEST',
    ...(Object.keys(fn.environment).length > 0 ? { Environment: { Variables: fn.environment } } : {}),
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: `00000000-0000-4000-8000-${String(fn.revision).padStart(12, '0')}`,
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: fn.packageType,
    Architectures: ['x86_64'],
    EphemeralStorage: { Size: 512 },
  };
}
