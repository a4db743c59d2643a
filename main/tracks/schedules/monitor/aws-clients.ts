// The narrow AWS API the scheduled-jobs track reads and acts through, on the SDK v3 clients, for a target from
// main/aws/target.ts (the placement's endpoint and credentials): Scheduler's GetSchedule, Lambda's concurrency and
// Invoke (the gate's test invocation), CloudWatch GetMetricData. An interface, so unit tests can stand in for AWS; the
// rehearsal's simulated services answer the real clients in the integration tests.
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import {
  DeleteFunctionConcurrencyCommand,
  GetFunctionConcurrencyCommand,
  InvokeCommand,
  LambdaClient,
  PutFunctionConcurrencyCommand,
} from '@aws-sdk/client-lambda';
import { GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { sdkClientConfig, type AwsTarget } from '../../../aws/target';

export interface ScheduleReading {
  readonly state: 'ENABLED' | 'DISABLED' | null;
  readonly startDate: Date | null;
  /** When it was created or last updated: a rate() counts from here when it has no StartDate. */
  readonly lastModified: Date | null;
  readonly expression: string | null;
  readonly timeZone: string | null;
}

export interface TestInvocationAnswer {
  readonly statusCode: number;
  /** Lambda's X-Amz-Function-Error ('Unhandled'), when the function failed. */
  readonly functionError: string | null;
  /** The function's answer (its error message when it failed), cut to 500 characters. */
  readonly payload: string;
}

export interface SchedulesAwsApi {
  getSchedule(name: string, group: string, signal: AbortSignal): Promise<ScheduleReading>;
  /** The function's reserved concurrency, null when none is reserved. */
  getReservedConcurrency(functionName: string, signal: AbortSignal): Promise<number | null>;
  putReservedConcurrency(functionName: string, value: number, signal: AbortSignal): Promise<void>;
  deleteReservedConcurrency(functionName: string, signal: AbortSignal): Promise<void>;
  invokeTest(functionName: string, payload: string, signal: AbortSignal): Promise<TestInvocationAnswer>;
  getMetricData(
    input: { queries: MetricDataQuery[]; start: Date; end: Date; nextToken?: string },
    signal: AbortSignal,
  ): Promise<{ results: MetricDataResult[]; nextToken?: string }>;
  close(): void;
}

const PAYLOAD_SHOWN = 500;

export function schedulesAwsApi(target: AwsTarget): SchedulesAwsApi {
  let cloudWatch: CloudWatchClient | undefined;
  let lambda: LambdaClient | undefined;
  let scheduler: SchedulerClient | undefined;
  const cw = () => (cloudWatch ??= new CloudWatchClient(sdkClientConfig(target)));
  const fn = () => (lambda ??= new LambdaClient(sdkClientConfig(target)));
  const sc = () => (scheduler ??= new SchedulerClient(sdkClientConfig(target)));
  return {
    async getSchedule(name, group, signal) {
      const out = await sc().send(new GetScheduleCommand({ Name: name, GroupName: group }), { abortSignal: signal });
      return {
        state: out.State === 'ENABLED' || out.State === 'DISABLED' ? out.State : null,
        startDate: out.StartDate ?? null,
        lastModified: out.LastModificationDate ?? out.CreationDate ?? null,
        expression: out.ScheduleExpression ?? null,
        timeZone: out.ScheduleExpressionTimezone ?? null,
      };
    },
    async getReservedConcurrency(functionName, signal) {
      const out = await fn().send(new GetFunctionConcurrencyCommand({ FunctionName: functionName }), { abortSignal: signal });
      return out.ReservedConcurrentExecutions ?? null;
    },
    async putReservedConcurrency(functionName, value, signal) {
      await fn().send(new PutFunctionConcurrencyCommand({ FunctionName: functionName, ReservedConcurrentExecutions: value }), { abortSignal: signal });
    },
    async deleteReservedConcurrency(functionName, signal) {
      await fn().send(new DeleteFunctionConcurrencyCommand({ FunctionName: functionName }), { abortSignal: signal });
    },
    async invokeTest(functionName, payload, signal) {
      const out = await fn().send(
        new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: new TextEncoder().encode(payload) }),
        { abortSignal: signal },
      );
      const text = out.Payload ? new TextDecoder().decode(out.Payload) : '';
      return { statusCode: out.StatusCode ?? 0, functionError: out.FunctionError ?? null, payload: text.slice(0, PAYLOAD_SHOWN) };
    },
    async getMetricData({ queries, start, end, nextToken }, signal) {
      const out = await cw().send(
        new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: start, EndTime: end, ScanBy: 'TimestampAscending', NextToken: nextToken }),
        { abortSignal: signal },
      );
      return { results: out.MetricDataResults ?? [], ...(out.NextToken ? { nextToken: out.NextToken } : {}) };
    },
    close() {
      cloudWatch?.destroy();
      lambda?.destroy();
      scheduler?.destroy();
    },
  };
}
