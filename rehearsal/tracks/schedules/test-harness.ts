// Shared by the scheduled-jobs track's tests: the whole rehearsal (startAwsRehearsal, the kernel's server with every
// track registered) on a manual clock, with the real SDK clients of EventBridge Scheduler, Lambda, CloudWatch and STS
// against its endpoint, the admin routes as JSON calls and the data center's HTTP routes with Jenkins credentials.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SchedulerClient, type CreateScheduleCommandInput } from '@aws-sdk/client-scheduler';
import { STSClient } from '@aws-sdk/client-sts';
import { afterEach } from 'vitest';
import { defineScenario, startAwsRehearsal, type AwsRehearsal, type AwsRehearsalOptions } from '../../aws-rehearsal';
import { ManualClock } from '../../kernel/clock';
import { DEFAULT_DC_CREDENTIALS } from './dc-api';
import { minuteValues } from '../../test-support';

export const REGION = 'eu-central-1';
export const ACCOUNT = '123456789012';
/** The manual clock's start: 2026-12-05T00:00:00Z, minute-aligned. */
export const T0 = Date.UTC(2026, 11, 5, 0, 0, 0);
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/scheduler-invoke`;
export const CREDENTIALS = { accessKeyId: 'AKIAREHEARSAL0000000', secretAccessKey: 'rehearsal-secret-not-checked' };

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SchedulesHarness {
  readonly aws: AwsRehearsal;
  readonly url: string;
  readonly clock: ManualClock;
  readonly scheduler: SchedulerClient;
  readonly lambda: LambdaClient;
  readonly cloudwatch: CloudWatchClient;
  readonly sts: STSClient;
  /** Clients signed with other credentials (an assumed role's session). */
  clientsFor(credentials: Credentials): { scheduler: SchedulerClient; lambda: LambdaClient };
  /** Advances simulated time by `seconds`. */
  advance(seconds: number): void;
  /** An admin call with a JSON body (or none): status and parsed JSON. */
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown; text: string }>;
  /** A call under /_dc/ with the Jenkins credentials (or the given Authorization, or none with `null`). */
  dc(method: string, path: string, authorization?: string | null): Promise<{ status: number; json: unknown; text: string; headers: Headers }>;
  /** Sum (or `stat`) per minute of one metric from `start` to `end` (simulated ms) through the real CloudWatch client. */
  minuteValues(namespace: string, metricName: string, dimensions: Record<string, string>, start: number, end: number, stat?: string): Promise<number[]>;
}

export const JENKINS_AUTH = `Basic ${Buffer.from(`${DEFAULT_DC_CREDENTIALS.user}:${DEFAULT_DC_CREDENTIALS.apiToken}`).toString('base64')}`;
export const CRON_AUTH = `Bearer ${DEFAULT_DC_CREDENTIALS.cronToken}`;

/** What a test may set: the rehearsal's options beside the scenario and the clock. */
export type SchedulesHarnessOptions = Partial<Pick<AwsRehearsalOptions, 'roles' | 'seed'>> & { readonly start?: number };

/** Starts rehearsals (closed after each test) with the SDK clients: the source account 123456789012, clock at T0. */
export function useSchedulesRehearsal(): (options?: SchedulesHarnessOptions) => Promise<SchedulesHarness> {
  const open: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((close) => close()));
  });
  return async (options = {}) => {
    const clock = new ManualClock(options.start ?? T0);
    const aws = await startAwsRehearsal({
      clock,
      seed: options.seed ?? 7,
      scenario: defineScenario({ name: 'schedules', region: REGION, accountId: ACCOUNT }),
      ...(options.roles ? { roles: options.roles } : {}),
    });
    const clients: Array<{ destroy(): void }> = [];
    const clientsFor = (credentials: Credentials) => {
      const config = { endpoint: aws.url, region: REGION, credentials, maxAttempts: 1 };
      const made = { scheduler: new SchedulerClient(config), lambda: new LambdaClient(config) };
      clients.push(made.scheduler, made.lambda);
      return made;
    };
    const config = { endpoint: aws.url, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 };
    const { scheduler, lambda } = clientsFor(CREDENTIALS);
    const cloudwatch = new CloudWatchClient(config);
    const sts = new STSClient(config);
    clients.push(cloudwatch, sts);
    open.push(async () => {
      for (const client of clients) client.destroy();
      await aws.close();
    });
    const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
      const response = await fetch(`${aws.url}${path}`, {
        method,
        redirect: 'manual',
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      const type = response.headers.get('content-type') ?? '';
      return { status: response.status, text, headers: response.headers, json: type.includes('json') && text ? (JSON.parse(text) as unknown) : undefined };
    };
    return {
      aws,
      url: aws.url,
      clock,
      scheduler,
      lambda,
      cloudwatch,
      sts,
      clientsFor,
      advance: (seconds) => clock.advance(seconds * 1000),
      admin: (method, path, body) => call(method, `/_admin/${path}`, {}, body),
      dc: (method, path, authorization = JENKINS_AUTH) => call(method, `/_dc/${path}`, authorization === null ? {} : { authorization }),
      minuteValues: (namespace, metricName, dimensions, from, to, stat = 'Sum') =>
        minuteValues(cloudwatch, { namespace, metricName, dimensions, from, to, stat }),
    };
  };
}

/** A zip-packaged function as a rehearsal program would create it. */
export async function createFunction(lambda: LambdaClient, name: string, extra: { Timeout?: number } = {}): Promise<string> {
  const out = await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: `arn:aws:iam::${ACCOUNT}:role/${name}-role`,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Code: { ZipFile: new TextEncoder().encode('PK rehearsal') },
      ...extra,
    }),
  );
  return out.FunctionArn!;
}

/** A CreateSchedule input for a Lambda target (ENABLED, no flexible window unless given). */
export function scheduleInput(
  name: string,
  expression: string,
  functionArn: string,
  extra: Partial<CreateScheduleCommandInput> = {},
): CreateScheduleCommandInput {
  return {
    Name: name,
    ScheduleExpression: expression,
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: { Arn: functionArn, RoleArn: ROLE_ARN, Input: '{"job":"<aws.scheduler.scheduled-time>"}' },
    ...extra,
  };
}

/** The error a promise rejects with: its name (the code) and HTTP status. */
export async function failureOf(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await promise;
  } catch (error) {
    const failure = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: failure.name, status: failure.$metadata?.httpStatusCode, message: failure.message };
  }
  throw new Error('expected the call to fail');
}
