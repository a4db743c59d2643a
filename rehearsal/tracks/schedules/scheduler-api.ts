// EventBridge Scheduler's control plane (restJson1, what `@aws-sdk/client-scheduler` sends): schedules created, read,
// replaced, listed and deleted, and schedule groups ('default' always there). Shapes and constraints from the Smithy
// model (com.amazonaws.scheduler): epoch-second timestamps, `{ Message }` error bodies with the code in
// `x-amzn-errortype`, ValidationException 400, ResourceNotFoundException 404, ConflictException 409,
// ThrottlingException 429, InternalServerException 500. UpdateSchedule replaces the whole schedule: whatever it omits
// is reset to its default (no description, no dates, State ENABLED, the default RetryPolicy), as AWS does.
// Not served: tags (TagResource/UntagResource/ListTagsForResource), ClientToken idempotency (accepted, ignored),
// KMS encryption (the KmsKeyArn is kept and echoed only), targets other than Lambda (kept, never fired at).
import { AwsError, validationError } from '../../kernel/errors';
import { decodeToken, encodeToken, page } from '../../kernel/paging';
import type { AwsScheduleEstate, Schedule, ScheduleGroup, ScheduleSpec } from './aws-estate';
import { checkAwsExpression, ExpressionError, isTimeZone } from './expressions';
import { jsonBody, restJsonError, restJsonReply, restRouter } from '../../kernel/rest-json';
import type { RestRequest, RestServiceDecl } from '../../seam/track-simulator';

const NAME = /^[0-9a-zA-Z-_.]{1,64}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const KMS_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[0-9a-zA-Z-_]*$/;
const DEFAULT_RETRY = { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86_400 };
const INTERNAL_CODES: Readonly<Record<string, string>> = { InternalFailure: 'InternalServerException' };

const route = restRouter([
  ['POST', '/schedules/{Name}', 'CreateSchedule'],
  ['GET', '/schedules/{Name}', 'GetSchedule'],
  ['PUT', '/schedules/{Name}', 'UpdateSchedule'],
  ['DELETE', '/schedules/{Name}', 'DeleteSchedule'],
  ['GET', '/schedules', 'ListSchedules'],
  ['POST', '/schedule-groups/{Name}', 'CreateScheduleGroup'],
  ['GET', '/schedule-groups/{Name}', 'GetScheduleGroup'],
  ['DELETE', '/schedule-groups/{Name}', 'DeleteScheduleGroup'],
  ['GET', '/schedule-groups', 'ListScheduleGroups'],
]);

export function schedulerService(estate: AwsScheduleEstate): RestServiceDecl {
  return {
    name: 'scheduler',
    title: 'EventBridge Scheduler',
    protocol: 'restJson1',
    route,
    handle: (call) => handleScheduler(call, estate),
    error: (error) => {
      const code = INTERNAL_CODES[error.code] ?? error.code;
      const status = code === 'ThrottlingException' ? 429 : error.status;
      return restJsonError(new AwsError(code, error.message, status), 'Message');
    },
  };
}

export function handleScheduler(call: RestRequest, estate: AwsScheduleEstate): ReturnType<RestServiceDecl['handle']> {
  const name = call.params.Name;
  switch (call.operation) {
    case 'CreateSchedule': {
      const body = jsonBody(call.body);
      const group = groupName(body.GroupName);
      const schedule = estate.createSchedule(group, scheduleName(name!), scheduleSpec(body, estate.now()));
      return restJsonReply(200, { ScheduleArn: schedule.arn });
    }
    case 'UpdateSchedule': {
      const body = jsonBody(call.body);
      const group = groupName(body.GroupName);
      const schedule = estate.updateSchedule(group, scheduleName(name!), scheduleSpec(body, estate.now()));
      return restJsonReply(200, { ScheduleArn: schedule.arn });
    }
    case 'GetSchedule':
      return restJsonReply(200, scheduleView(estate.schedule(groupName(call.query.get('groupName') ?? undefined), scheduleName(name!))));
    case 'DeleteSchedule':
      estate.deleteSchedule(groupName(call.query.get('groupName') ?? undefined), scheduleName(name!));
      return restJsonReply(200, {});
    case 'ListSchedules': {
      const group = call.query.get('ScheduleGroup');
      if (group !== null) groupName(group);
      const prefix = call.query.get('NamePrefix');
      if (prefix !== null && !NAME.test(prefix)) throw validationError('namePrefix', 'Member must satisfy regular expression pattern: [0-9a-zA-Z-_.]+', prefix);
      const state = call.query.get('State');
      if (state !== null && state !== 'ENABLED' && state !== 'DISABLED')
        throw validationError('state', 'Member must satisfy enum value set: [ENABLED, DISABLED]', state);
      estate.sync();
      const matching = estate
        .schedules()
        .filter(
          (schedule) =>
            (group === null || schedule.group === group) &&
            (prefix === null || schedule.name.startsWith(prefix)) &&
            (state === null || schedule.state === state),
        );
      const { items, nextToken } = paged(call.query, 'schedules', matching);
      return restJsonReply(200, { Schedules: items.map(scheduleSummary), ...(nextToken ? { NextToken: nextToken } : {}) });
    }
    case 'CreateScheduleGroup': {
      const body = jsonBody(call.body);
      const tags = Array.isArray(body.Tags) ? (body.Tags as Array<{ Key: string; Value: string }>) : [];
      const group = estate.createGroup(groupName(name), tags);
      return restJsonReply(200, { ScheduleGroupArn: group.arn });
    }
    case 'GetScheduleGroup':
      return restJsonReply(200, groupView(estate.group(groupName(name))));
    case 'DeleteScheduleGroup':
      estate.deleteGroup(groupName(name));
      return restJsonReply(200, {});
    case 'ListScheduleGroups': {
      const prefix = call.query.get('NamePrefix');
      const groups = estate.groups().filter((group) => prefix === null || group.name.startsWith(prefix));
      const { items, nextToken } = paged(call.query, 'groups', groups);
      return restJsonReply(200, { ScheduleGroups: items.map(groupView), ...(nextToken ? { NextToken: nextToken } : {}) });
    }
    default:
      throw new AwsError('UnknownOperationException', `Operation ${call.operation} is not supported by the rehearsal's EventBridge Scheduler`, 404);
  }
}

function scheduleName(value: string): string {
  if (!NAME.test(value)) throw validationError('name', 'Member must satisfy regular expression pattern: [0-9a-zA-Z-_.]+', value);
  return value;
}

function groupName(value: unknown): string {
  if (value === undefined || value === null) return 'default';
  if (typeof value !== 'string' || !NAME.test(value))
    throw validationError('groupName', 'Member must satisfy regular expression pattern: [0-9a-zA-Z-_.]+', value as string);
  return value;
}

function struct(value: unknown, member: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new AwsError('SerializationException', `Expected ${member} to be a structure`);
  return value as Record<string, unknown>;
}

function str(value: unknown, member: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AwsError('SerializationException', `Expected ${member} to be a string`);
  return value;
}

function int(value: unknown, member: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new AwsError('SerializationException', `Expected ${member} to be an integer`);
  if (value < min) throw validationError(member, `Member must have value greater than or equal to ${min}`, value);
  if (value > max) throw validationError(member, `Member must have value less than or equal to ${max}`, value);
  return value;
}

function timestamp(value: unknown, member: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new AwsError('SerializationException', `Expected ${member} to be a timestamp (epoch seconds)`);
  return Math.round(value * 1000);
}

function required<T>(value: T | undefined, member: string): T {
  if (value === undefined) throw validationError(member, 'Member must not be null');
  return value;
}

/** The whole schedule from a Create/UpdateSchedule body: defaults for everything it omits. */
function scheduleSpec(body: Record<string, unknown>, now: number): ScheduleSpec {
  const expression = required(str(body.ScheduleExpression, 'scheduleExpression'), 'scheduleExpression');
  if (expression.length > 256) throw validationError('scheduleExpression', 'Member must have length less than or equal to 256', expression);
  try {
    checkAwsExpression(expression);
  } catch (error) {
    if (error instanceof ExpressionError) throw new AwsError('ValidationException', `Invalid Schedule Expression ${expression}. ${error.message}`);
    throw error;
  }
  const timeZone = str(body.ScheduleExpressionTimezone, 'scheduleExpressionTimezone') ?? 'UTC';
  if (!isTimeZone(timeZone)) throw new AwsError('ValidationException', `Invalid ScheduleExpressionTimezone ${timeZone}.`);
  const window = required(struct(body.FlexibleTimeWindow, 'flexibleTimeWindow'), 'flexibleTimeWindow');
  const mode = required(str(window.Mode, 'flexibleTimeWindow.mode'), 'flexibleTimeWindow.mode');
  if (mode !== 'OFF' && mode !== 'FLEXIBLE') throw validationError('flexibleTimeWindow.mode', 'Member must satisfy enum value set: [OFF, FLEXIBLE]', mode);
  const maximumWindowInMinutes = int(window.MaximumWindowInMinutes, 'flexibleTimeWindow.maximumWindowInMinutes', 1, 1440);
  if (mode === 'FLEXIBLE' && maximumWindowInMinutes === undefined)
    throw new AwsError('ValidationException', 'MaximumWindowInMinutes is required when the FlexibleTimeWindow Mode is FLEXIBLE.');
  if (mode === 'OFF' && maximumWindowInMinutes !== undefined)
    throw new AwsError('ValidationException', 'MaximumWindowInMinutes must not be set when the FlexibleTimeWindow Mode is OFF.');
  const target = required(struct(body.Target, 'target'), 'target');
  const arn = required(str(target.Arn, 'target.arn'), 'target.arn');
  if (arn.length > 1600) throw validationError('target.arn', 'Member must have length less than or equal to 1600', arn);
  const roleArn = required(str(target.RoleArn, 'target.roleArn'), 'target.roleArn');
  if (!ROLE_ARN.test(roleArn))
    throw validationError('target.roleArn', 'Member must satisfy regular expression pattern: arn:aws[a-z-]*:iam::\\d{12}:role\\/[\\w+=,.@\\/-]+', roleArn);
  const input = str(target.Input, 'target.input');
  if (input !== undefined && input.length < 1) throw validationError('target.input', 'Member must have length greater than or equal to 1', input);
  const retry = struct(target.RetryPolicy, 'target.retryPolicy');
  const deadLetter = struct(target.DeadLetterConfig, 'target.deadLetterConfig');
  const deadLetterArn = deadLetter && str(deadLetter.Arn, 'target.deadLetterConfig.arn');
  const state = str(body.State, 'state') ?? 'ENABLED';
  if (state !== 'ENABLED' && state !== 'DISABLED') throw validationError('state', 'Member must satisfy enum value set: [ENABLED, DISABLED]', state);
  const description = str(body.Description, 'description');
  if (description !== undefined && description.length > 512)
    throw validationError('description', 'Member must have length less than or equal to 512', description);
  const startDate = timestamp(body.StartDate, 'startDate');
  const endDate = timestamp(body.EndDate, 'endDate');
  if (startDate !== undefined && endDate !== undefined && endDate <= startDate)
    throw new AwsError('ValidationException', 'The EndDate you specify cannot be earlier than the StartDate.');
  if (endDate !== undefined && endDate <= now) throw new AwsError('ValidationException', 'The EndDate you specify cannot be earlier than the current date.');
  if (startDate !== undefined && !expression.startsWith('at(') && startDate < now - 5 * 60_000)
    throw new AwsError('ValidationException', 'The StartDate you specify cannot be earlier than 5 minutes ago.');
  const after = str(body.ActionAfterCompletion, 'actionAfterCompletion') ?? 'NONE';
  if (after !== 'NONE' && after !== 'DELETE') throw validationError('actionAfterCompletion', 'Member must satisfy enum value set: [NONE, DELETE]', after);
  const kmsKeyArn = str(body.KmsKeyArn, 'kmsKeyArn');
  if (kmsKeyArn !== undefined && !KMS_ARN.test(kmsKeyArn))
    throw validationError(
      'kmsKeyArn',
      'Member must satisfy regular expression pattern: arn:aws[a-z-]*:kms:[a-z0-9\\-]+:\\d{12}:(key|alias)\\/[0-9a-zA-Z-_]*',
      kmsKeyArn,
    );
  return {
    expression,
    timeZone,
    state,
    flexible: { mode, ...(maximumWindowInMinutes !== undefined ? { maximumWindowInMinutes } : {}) },
    target: {
      arn,
      roleArn,
      ...(input !== undefined ? { input } : {}),
      retryPolicy: {
        maximumRetryAttempts: int(retry?.MaximumRetryAttempts, 'target.retryPolicy.maximumRetryAttempts', 0, 185) ?? DEFAULT_RETRY.maximumRetryAttempts,
        maximumEventAgeInSeconds:
          int(retry?.MaximumEventAgeInSeconds, 'target.retryPolicy.maximumEventAgeInSeconds', 60, 86_400) ?? DEFAULT_RETRY.maximumEventAgeInSeconds,
      },
      ...(deadLetterArn !== undefined ? { deadLetterArn } : {}),
    },
    actionAfterCompletion: after,
    ...(description !== undefined ? { description } : {}),
    ...(startDate !== undefined ? { startDate } : {}),
    ...(endDate !== undefined ? { endDate } : {}),
    ...(kmsKeyArn !== undefined ? { kmsKeyArn } : {}),
  };
}

const seconds = (ms: number) => ms / 1000;

/** GetSchedule's output. */
export function scheduleView(schedule: Schedule): Record<string, unknown> {
  return {
    Arn: schedule.arn,
    GroupName: schedule.group,
    Name: schedule.name,
    ScheduleExpression: schedule.expression,
    ScheduleExpressionTimezone: schedule.timeZone,
    ...(schedule.description !== undefined ? { Description: schedule.description } : {}),
    ...(schedule.startDate !== undefined ? { StartDate: seconds(schedule.startDate) } : {}),
    ...(schedule.endDate !== undefined ? { EndDate: seconds(schedule.endDate) } : {}),
    State: schedule.state,
    CreationDate: seconds(schedule.createdAt),
    LastModificationDate: seconds(schedule.modifiedAt),
    ...(schedule.kmsKeyArn !== undefined ? { KmsKeyArn: schedule.kmsKeyArn } : {}),
    Target: {
      Arn: schedule.target.arn,
      RoleArn: schedule.target.roleArn,
      ...(schedule.target.input !== undefined ? { Input: schedule.target.input } : {}),
      RetryPolicy: {
        MaximumEventAgeInSeconds: schedule.target.retryPolicy.maximumEventAgeInSeconds,
        MaximumRetryAttempts: schedule.target.retryPolicy.maximumRetryAttempts,
      },
      ...(schedule.target.deadLetterArn !== undefined ? { DeadLetterConfig: { Arn: schedule.target.deadLetterArn } } : {}),
    },
    FlexibleTimeWindow: {
      Mode: schedule.flexible.mode,
      ...(schedule.flexible.maximumWindowInMinutes !== undefined ? { MaximumWindowInMinutes: schedule.flexible.maximumWindowInMinutes } : {}),
    },
    ActionAfterCompletion: schedule.actionAfterCompletion,
  };
}

function scheduleSummary(schedule: Schedule): Record<string, unknown> {
  return {
    Arn: schedule.arn,
    Name: schedule.name,
    GroupName: schedule.group,
    State: schedule.state,
    CreationDate: seconds(schedule.createdAt),
    LastModificationDate: seconds(schedule.modifiedAt),
    Target: { Arn: schedule.target.arn },
  };
}

function groupView(group: ScheduleGroup): Record<string, unknown> {
  return { Arn: group.arn, Name: group.name, State: 'ACTIVE', CreationDate: seconds(group.createdAt), LastModificationDate: seconds(group.createdAt) };
}

function paged<T>(query: URLSearchParams, kind: string, items: readonly T[]): { items: T[]; nextToken?: string } {
  const maxText = query.get('MaxResults');
  const max = maxText === null ? 100 : Number(maxText);
  if (!Number.isInteger(max) || max < 1 || max > 100) throw validationError('maxResults', 'Member must have value between 1 and 100', maxText);
  const token = query.get('NextToken');
  const invalid = new AwsError('ValidationException', 'The NextToken is not valid: pass the NextToken of the previous response unchanged');
  const after = token === null ? 0 : decodeToken(token, kind, ['after'], invalid).after!;
  const indexed = items.map((item, index) => ({ item, index }));
  const result = page(indexed, (entry) => entry.index + 1, after, max);
  return { items: result.items.map((entry) => entry.item), ...(result.last !== undefined ? { nextToken: encodeToken(kind, { after: result.last }) } : {}) };
}
