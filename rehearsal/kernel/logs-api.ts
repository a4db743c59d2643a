// CloudWatch Logs (awsJson1_1, `x-amz-target: Logs_20140328.<Operation>`) over the log registry (the tracks' logs):
// GetLogEvents (one stream, forward and backward tokens, the newest events first unless startFromHead) and
// FilterLogEvents (a group's streams interleaved, simple filter patterns). Timestamps are epoch milliseconds, as
// CloudWatch Logs carries them (DMS and CloudWatch metrics use seconds).
import { AwsError, validationError } from './errors';
import { asBody, optionalBoolean, optionalList, optionalNumber, optionalString, type Body } from './input';
import { decodeToken, encodeToken } from './paging';
import type { LogEvent, LogGroup, LogRegistry, LogStream } from './log-registry';

export const LOGS_TARGET_PREFIX = 'Logs_20140328.';

const MAX_LIMIT = 10_000;

type Handler = (body: Body, logs: LogRegistry) => Record<string, unknown>;

function invalid(message: string): AwsError {
  return new AwsError('InvalidParameterException', message);
}

/** logGroupName or logGroupIdentifier (a name or an ARN), exactly one of them. */
function groupName(body: Body): string {
  const name = optionalString(body, 'logGroupName');
  const identifier = optionalString(body, 'logGroupIdentifier');
  if (name !== undefined && identifier !== undefined) throw invalid('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  const value = name ?? (identifier !== undefined ? (/^arn:[^:]+:logs:[^:]*:\d*:log-group:([^:]+)(:\*)?$/.exec(identifier)?.[1] ?? identifier) : undefined);
  if (value === undefined || value === '') throw validationError('logGroupName', 'Member must not be null');
  return value;
}

function limitOf(body: Body): number {
  const limit = optionalNumber(body, 'limit');
  if (limit === undefined) return MAX_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw validationError('limit', `Member must have value between 1 and ${MAX_LIMIT}`, limit);
  return limit;
}

function inWindow(body: Body): (event: LogEvent) => boolean {
  const start = optionalNumber(body, 'startTime');
  const end = optionalNumber(body, 'endTime');
  if (start !== undefined && end !== undefined && start > end) throw invalid('startTime must be less than or equal to endTime');
  return (event) => (start === undefined || event.timestamp >= start) && (end === undefined || event.timestamp < end);
}

function requireGroup(logs: LogRegistry, name: string): LogGroup {
  const group = logs.group(name);
  if (!group) throw new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
  return group;
}

function eventShape(event: LogEvent): Record<string, unknown> {
  return { timestamp: event.timestamp, message: event.message, ingestionTime: event.ingestionTime };
}

const getLogEvents: Handler = (body, logs) => {
  const group = requireGroup(logs, groupName(body));
  const name = optionalString(body, 'logStreamName');
  if (name === undefined || name === '') throw validationError('logStreamName', 'Member must not be null');
  const stream = group.streams.get(name);
  if (!stream) throw new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
  const limit = limitOf(body);
  const startFromHead = optionalBoolean(body, 'startFromHead') ?? false;
  const token = optionalString(body, 'nextToken');
  const kind = `log:${stream.group}/${stream.name}`;
  const events = stream.events.filter(inWindow(body));
  const end = group.end;
  let page: LogEvent[];
  let forward: number;
  let backward: number;
  if (token !== undefined) {
    const direction = token.slice(0, 2);
    if (direction !== 'f/' && direction !== 'b/') throw invalid('The specified nextToken is invalid.');
    const position = decodeToken(token.slice(2), kind, ['at'], invalid('The specified nextToken is invalid.')).at!;
    if (direction === 'f/') {
      if (!startFromHead) throw invalid('If you are using a previous nextForwardToken as the nextToken, you must specify true for startFromHead.');
      page = events.filter((event) => event.id > position).slice(0, limit);
      forward = page.at(-1)?.id ?? position;
      backward = page[0]?.id ?? position + 1;
    } else {
      page = events.filter((event) => event.id < position).slice(-limit);
      backward = page[0]?.id ?? position;
      forward = page.at(-1)?.id ?? position - 1;
    }
  } else {
    page = startFromHead ? events.slice(0, limit) : events.slice(-limit);
    forward = page.at(-1)?.id ?? (startFromHead ? 0 : end);
    backward = page[0]?.id ?? (startFromHead ? 1 : end + 1);
  }
  return {
    events: page.map(eventShape),
    // The same position always gives the same token: at the end of the stream, the caller gets its token back.
    nextForwardToken: `f/${encodeToken(kind, { at: Math.max(0, forward) })}`,
    nextBackwardToken: `b/${encodeToken(kind, { at: Math.max(0, backward) })}`,
  };
};

/** A filter pattern's terms: every term must occur (quoted phrases as one term); empty matches everything. */
function patternMatcher(pattern: string | undefined): (message: string) => boolean {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  if (text.startsWith('{') || text.startsWith('['))
    throw invalid('The rehearsal environment supports filter patterns of terms and "quoted phrases" only, not JSON or space-delimited patterns.');
  const terms = [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]!).filter((term) => term !== '');
  return (message) => terms.every((term) => message.includes(term));
}

const filterLogEvents: Handler = (body, logs) => {
  const groupNameValue = groupName(body);
  const group = requireGroup(logs, groupNameValue).streams;
  const names = optionalList(body, 'logStreamNames') as string[] | undefined;
  const prefix = optionalString(body, 'logStreamNamePrefix');
  if (names !== undefined && prefix !== undefined) throw invalid('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
  if (names !== undefined && (names.length < 1 || names.length > 100)) throw validationError('logStreamNames', 'Member must have length between 1 and 100');
  const streams =
    names !== undefined
      ? names.map((name) => group.get(name)).filter((stream): stream is LogStream => stream !== undefined)
      : [...group.values()].filter((stream) => prefix === undefined || stream.name.startsWith(prefix));
  if (names !== undefined && streams.length === 0) throw new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
  const limit = limitOf(body);
  const token = optionalString(body, 'nextToken');
  const kind = `filter:${groupNameValue}`;
  const after = token === undefined ? 0 : decodeToken(token, kind, ['after'], invalid('The specified nextToken is invalid.')).after!;
  const window = inWindow(body);
  const matches = patternMatcher(optionalString(body, 'filterPattern'));
  const found = streams
    .flatMap((stream) => stream.events.filter((event) => event.id > after && window(event) && matches(event.message)).map((event) => ({ stream, event })))
    .sort((a, b) => a.event.id - b.event.id);
  const page = found.slice(0, limit);
  return {
    events: page.map(({ stream, event }) => ({ logStreamName: stream.name, eventId: String(event.id), ...eventShape(event) })),
    searchedLogStreams: streams.map((stream) => ({ logStreamName: stream.name, searchedCompletely: true })),
    ...(found.length > limit ? { nextToken: encodeToken(kind, { after: page.at(-1)!.event.id }) } : {}),
  };
};

const HANDLERS: Readonly<Record<string, Handler>> = {
  GetLogEvents: getLogEvents,
  FilterLogEvents: filterLogEvents,
};

export const LOGS_OPERATIONS = Object.keys(HANDLERS);

export function handleLogs(operation: string, input: unknown, logs: LogRegistry): Record<string, unknown> {
  const handler = Object.hasOwn(HANDLERS, operation) ? HANDLERS[operation] : undefined;
  if (!handler)
    throw new AwsError(
      'UnknownOperationException',
      `Operation ${operation} is not supported by the rehearsal environment (CloudWatch Logs supports: ${LOGS_OPERATIONS.join(', ')})`,
    );
  return handler(asBody(input), logs);
}
