// What the scheduled-jobs track's rehearsal resources (rehearsal-resources.ts) do in the rehearsal environment: a job's
// Lambda function through the rehearsal's Lambda API and its schedule through its EventBridge Scheduler API (both
// restJson1, with the real SDK clients). Each operation takes its clients (`Services`), so tests drive it with
// stand-ins or against the simulator; the providers pass `realServices()`.
//
// Pulumi serializes the providers into the stack's state and runs them later in the provider plugin process, whose
// working folder is the stack's workspace (no node_modules there). So the SDK clients are loaded by the absolute paths
// resolved here, when the program runs; everything else is plain values. Errors are plain Errors (a serialized Error
// subclass loses its message).
//
// The account guard (lib/rehearsal-account.ts) is checked before anything is changed. The rehearsal has no IAM: the
// roles are ARNs in the session's account (`arn:aws:iam::<account>:role/<name>`), named as the AWS part names them.
//
// A schedule's update is GetSchedule, then UpdateSchedule with the WHOLE schedule: UpdateSchedule replaces it, so
// what this track does not manage (EndDate, KmsKeyArn, DeadLetterConfig, ActionAfterCompletion) is carried over from
// the live schedule, and everything it manages is sent. A function or schedule already there under the job's name
// (an earlier deploy that failed half way) is taken over: reconfigured, and deleted with the stack.
import { rehearsalSdkSession, type RehearsalAccountGuard } from '../../lib/rehearsal-account';

export type { RehearsalAccountGuard } from '../../lib/rehearsal-account';

/** Where a resource lives: the rehearsal's AWS endpoint, the region, and in a plan with accounts the stack's account. */
export interface Place {
  readonly endpoint: string;
  readonly region: string;
  readonly account?: RehearsalAccountGuard;
}

// ---- The clients an operation uses.

export interface FunctionConfiguration {
  readonly FunctionName?: string;
  readonly FunctionArn?: string;
  readonly Runtime?: string;
  readonly Handler?: string;
  readonly MemorySize?: number;
  readonly Timeout?: number;
  readonly Role?: string;
}

/** The slice of the SDK's aggregated Lambda client the operations use. */
export interface LambdaApi {
  getFunction(input: { FunctionName: string }): Promise<{ Configuration?: FunctionConfiguration }>;
  createFunction(input: object): Promise<FunctionConfiguration>;
  updateFunctionConfiguration(input: object): Promise<FunctionConfiguration>;
  deleteFunction(input: { FunctionName: string }): Promise<unknown>;
}

/** GetSchedule's answer, as far as the operations read it. */
export interface LiveSchedule {
  readonly Arn?: string;
  readonly Name?: string;
  readonly GroupName?: string;
  readonly State?: string;
  readonly StartDate?: Date;
  readonly EndDate?: Date;
  readonly KmsKeyArn?: string;
  readonly ActionAfterCompletion?: string;
  readonly Target?: { readonly DeadLetterConfig?: { readonly Arn?: string } };
}

/** The slice of the SDK's aggregated EventBridge Scheduler client the operations use. */
export interface SchedulerApi {
  getSchedule(input: { Name: string; GroupName: string }): Promise<LiveSchedule>;
  createSchedule(input: object): Promise<{ ScheduleArn?: string }>;
  updateSchedule(input: object): Promise<{ ScheduleArn?: string }>;
  deleteSchedule(input: { Name: string; GroupName: string }): Promise<unknown>;
}

/** The AWS side in the stack's account: the guard has been checked when this exists. */
export interface AwsSession {
  /** The account the calls act in (the guard's, else the rehearsal's sign-in account). */
  readonly accountId: string;
  lambda(): LambdaApi;
  scheduler(): SchedulerApi;
}

export interface Services {
  session(place: Place): Promise<AwsSession>;
}

// ---- The real clients, loaded by absolute path in the provider process.

// Resolved when the program runs (CommonJS), captured by value into the serialized providers.
const LAMBDA_SDK_PATH = require.resolve('@aws-sdk/client-lambda');
const SCHEDULER_SDK_PATH = require.resolve('@aws-sdk/client-scheduler');

/** The SDK clients as the providers use them. */
export function realServices(): Services {
  return {
    async session(place) {
      const { config, accountId } = await rehearsalSdkSession(place);
      return {
        accountId,
        lambda() {
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by absolute path in the provider process
          const sdk = require(LAMBDA_SDK_PATH) as { Lambda: new (config: object) => LambdaApi };
          return new sdk.Lambda(config);
        },
        scheduler() {
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by absolute path in the provider process
          const sdk = require(SCHEDULER_SDK_PATH) as { Scheduler: new (config: object) => SchedulerApi };
          return new sdk.Scheduler(config);
        },
      };
    },
  };
}

// ---- Shared helpers.

function isNamed(error: unknown, ...names: string[]): boolean {
  return error instanceof Error && names.includes(error.name);
}

async function orUndefined<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isNamed(error, 'ResourceNotFoundException')) return undefined;
    throw error;
  }
}

/** An IAM role's ARN in the session's account (the rehearsal has no IAM: the AWS part makes these roles). */
export function roleArnOf(accountId: string, roleName: string): string {
  return `arn:aws:iam::${accountId}:role/${roleName}`;
}

const TAGS = { ManagedBy: 'migration-cockpit' };

// ---- A job's function.

export interface FunctionInputs extends Place {
  readonly functionName: string;
  /** The function's execution role (its name; the ARN is in the session's account). */
  readonly roleName: string;
  readonly runtime: string;
  readonly handler: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly description: string;
  /** The placeholder code's files (settings.ts placeholderFiles). */
  readonly files: Readonly<Record<string, string>>;
}

export interface FunctionOutputs extends FunctionInputs {
  readonly functionArn: string;
  readonly roleArn: string;
}

/**
 * The placeholder package. The rehearsal's Lambda never runs code (a simulated behaviour runs instead) and keeps only
 * the bytes' hash and size, so the files are sent as one JSON document rather than a zip.
 */
export function placeholderPackage(files: Readonly<Record<string, string>>): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ placeholder: files }));
}

function configurationOf(inputs: FunctionInputs, roleArn: string) {
  return {
    FunctionName: inputs.functionName,
    Role: roleArn,
    Runtime: inputs.runtime,
    Handler: inputs.handler,
    MemorySize: inputs.memoryMb,
    Timeout: inputs.timeoutSeconds,
    Description: inputs.description,
  };
}

/** CreateFunction; one already there under the name is taken over and given this configuration. */
export async function createFunction(inputs: FunctionInputs, services: Services): Promise<FunctionOutputs> {
  const session = await services.session(inputs);
  const lambda = session.lambda();
  const roleArn = roleArnOf(session.accountId, inputs.roleName);
  const existing = await orUndefined(() => lambda.getFunction({ FunctionName: inputs.functionName }));
  const made = existing
    ? await lambda.updateFunctionConfiguration(configurationOf(inputs, roleArn))
    : await lambda.createFunction({
        ...configurationOf(inputs, roleArn),
        PackageType: 'Zip',
        Code: { ZipFile: placeholderPackage(inputs.files) },
        Tags: TAGS,
      });
  if (!made.FunctionArn) throw new Error(`${existing ? 'UpdateFunctionConfiguration' : 'CreateFunction'} ${inputs.functionName} answered without an ARN`);
  return { ...inputs, functionArn: made.FunctionArn, roleArn };
}

/** Runtime, handler, memory, timeout, description (and the role, in another account) changed in place; never the code. */
export async function updateFunction(olds: FunctionOutputs, news: FunctionInputs, services: Services): Promise<FunctionOutputs> {
  const session = await services.session(news);
  const lambda = session.lambda();
  const roleArn = roleArnOf(session.accountId, news.roleName);
  const existing = await orUndefined(() => lambda.getFunction({ FunctionName: news.functionName }));
  if (!existing) return createFunction(news, services); // Deleted behind the stack's back: made again.
  const updated = await lambda.updateFunctionConfiguration(configurationOf(news, roleArn));
  return { ...news, functionArn: updated.FunctionArn ?? olds.functionArn, roleArn };
}

export async function functionExists(props: FunctionOutputs, services: Services): Promise<boolean> {
  const lambda = (await services.session(props)).lambda();
  return (await orUndefined(() => lambda.getFunction({ FunctionName: props.functionName }))) !== undefined;
}

/** DeleteFunction; one already gone is fine. */
export async function deleteFunction(props: FunctionOutputs, services: Services): Promise<void> {
  const lambda = (await services.session(props)).lambda();
  await orUndefined(() => lambda.deleteFunction({ FunctionName: props.functionName }));
}

// ---- A job's schedule.

export interface ScheduleInputs extends Place {
  readonly scheduleName: string;
  readonly groupName: string;
  readonly expression: string;
  readonly timeZone: string;
  /** 0: the window is OFF. */
  readonly flexibleWindowMinutes: number;
  /** The function's ARN. */
  readonly targetArn: string;
  /** The role Scheduler assumes to invoke it (its name; the ARN is in the session's account). */
  readonly roleName: string;
  readonly input: string;
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeSeconds: number;
  readonly state: 'ENABLED' | 'DISABLED';
  /** ISO instant. */
  readonly startDate?: string;
  readonly description: string;
}

export interface ScheduleOutputs extends ScheduleInputs {
  readonly scheduleArn: string;
  readonly roleArn: string;
}

/** The schedule as this track manages it, the parts it does not manage carried over from `live`. */
export function wholeSchedule(inputs: ScheduleInputs, roleArn: string, live?: LiveSchedule, withStartDate = true): Record<string, unknown> {
  const deadLetter = live?.Target?.DeadLetterConfig?.Arn;
  return {
    Name: inputs.scheduleName,
    GroupName: inputs.groupName,
    Description: inputs.description,
    ScheduleExpression: inputs.expression,
    ScheduleExpressionTimezone: inputs.timeZone,
    FlexibleTimeWindow: inputs.flexibleWindowMinutes > 0 ? { Mode: 'FLEXIBLE', MaximumWindowInMinutes: inputs.flexibleWindowMinutes } : { Mode: 'OFF' },
    Target: {
      Arn: inputs.targetArn,
      RoleArn: roleArn,
      Input: inputs.input,
      RetryPolicy: { MaximumRetryAttempts: inputs.maximumRetryAttempts, MaximumEventAgeInSeconds: inputs.maximumEventAgeSeconds },
      ...(deadLetter ? { DeadLetterConfig: { Arn: deadLetter } } : {}),
    },
    State: inputs.state,
    ...(withStartDate && inputs.startDate !== undefined ? { StartDate: new Date(inputs.startDate) } : {}),
    ...(live?.EndDate ? { EndDate: live.EndDate } : {}),
    ...(live?.KmsKeyArn ? { KmsKeyArn: live.KmsKeyArn } : {}),
    ...(live?.ActionAfterCompletion ? { ActionAfterCompletion: live.ActionAfterCompletion } : {}),
  };
}

/**
 * A Create/UpdateSchedule call; a start date Scheduler refuses as past (its clock, the rehearsal's, is ahead of the
 * program's) is left out and the call made again: the schedule has started, as the start date asked.
 */
async function sendSchedule(inputs: ScheduleInputs, send: (withStartDate: boolean) => Promise<{ ScheduleArn?: string }>): Promise<string | undefined> {
  try {
    return (await send(true)).ScheduleArn;
  } catch (error) {
    if (inputs.startDate === undefined || !isNamed(error, 'ValidationException') || !/StartDate/.test((error as Error).message)) throw error;
    return (await send(false)).ScheduleArn;
  }
}

/** CreateSchedule; one already there under the name is taken over (GetSchedule, UpdateSchedule). */
export async function createSchedule(inputs: ScheduleInputs, services: Services): Promise<ScheduleOutputs> {
  const session = await services.session(inputs);
  const scheduler = session.scheduler();
  const roleArn = roleArnOf(session.accountId, inputs.roleName);
  const live = await orUndefined(() => scheduler.getSchedule({ Name: inputs.scheduleName, GroupName: inputs.groupName }));
  const arn = await sendSchedule(inputs, (withStartDate) =>
    live
      ? scheduler.updateSchedule(wholeSchedule(inputs, roleArn, live, withStartDate))
      : scheduler.createSchedule(wholeSchedule(inputs, roleArn, undefined, withStartDate)),
  );
  if (!arn) throw new Error(`${live ? 'UpdateSchedule' : 'CreateSchedule'} ${inputs.groupName}/${inputs.scheduleName} answered without an ARN`);
  return { ...inputs, scheduleArn: arn, roleArn };
}

/** GetSchedule, then UpdateSchedule with the whole schedule (it replaces): the state switch of a cutover is one. */
export async function updateSchedule(olds: ScheduleOutputs, news: ScheduleInputs, services: Services): Promise<ScheduleOutputs> {
  const session = await services.session(news);
  const scheduler = session.scheduler();
  const live = await orUndefined(() => scheduler.getSchedule({ Name: news.scheduleName, GroupName: news.groupName }));
  if (!live) return createSchedule(news, services); // Deleted behind the stack's back: made again.
  const roleArn = roleArnOf(session.accountId, news.roleName);
  const arn = await sendSchedule(news, (withStartDate) => scheduler.updateSchedule(wholeSchedule(news, roleArn, live, withStartDate)));
  return { ...news, scheduleArn: arn ?? live.Arn ?? olds.scheduleArn, roleArn };
}

export async function scheduleExists(props: ScheduleOutputs, services: Services): Promise<boolean> {
  const scheduler = (await services.session(props)).scheduler();
  return (await orUndefined(() => scheduler.getSchedule({ Name: props.scheduleName, GroupName: props.groupName }))) !== undefined;
}

/** DeleteSchedule; one already gone is fine. */
export async function deleteSchedule(props: ScheduleOutputs, services: Services): Promise<void> {
  const scheduler = (await services.session(props)).scheduler();
  await orUndefined(() => scheduler.deleteSchedule({ Name: props.scheduleName, GroupName: props.groupName }));
}
