// Lambda's subset through the real @aws-sdk/client-lambda: functions created, read, reconfigured and deleted,
// reserved concurrency, Invoke (the test invocation) succeeding, failing by a fault, timing out and throttled.
import {
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  InvokeCommand,
  PutFunctionConcurrencyCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  TooManyRequestsException,
  UpdateFunctionConfigurationCommand,
  InvalidParameterValueException,
} from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, createFunction, failureOf, REGION, useSchedulesRehearsal } from './test-harness';

const start = useSchedulesRehearsal();
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe('Lambda', () => {
  it('creates, reads, reconfigures and deletes a function', async () => {
    const { lambda } = await start();
    const arn = await createFunction(lambda, 'nightly-report');
    expect(arn).toBe(`arn:aws:lambda:${REGION}:${ACCOUNT}:function:nightly-report`);
    await expect(createFunction(lambda, 'nightly-report')).rejects.toBeInstanceOf(ResourceConflictException);
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: arn }));
    expect(got.Configuration).toMatchObject({
      FunctionName: 'nightly-report',
      FunctionArn: arn,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Timeout: 3,
      State: 'Active',
    });
    expect(got.Configuration?.CodeSha256).toMatch(/=$/);
    expect(got.Concurrency).toBeUndefined();
    const updated = await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'nightly-report', Timeout: 60, Environment: { Variables: { MODE: 'aws' } } }),
    );
    expect(updated).toMatchObject({ Timeout: 60, Environment: { Variables: { MODE: 'aws' } }, Handler: 'index.handler' });
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'nightly-report' }));
    const gone = await failureOf(lambda.send(new GetFunctionCommand({ FunctionName: 'nightly-report' })));
    expect(gone).toMatchObject({ name: 'ResourceNotFoundException', status: 404, message: `Function not found: ${arn}` });
  });

  it('keeps reserved concurrency, and 0 throttles every invocation', async () => {
    const { lambda } = await start();
    await createFunction(lambda, 'job');
    expect(await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'job' }))).not.toHaveProperty('ReservedConcurrentExecutions');
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'job', ReservedConcurrentExecutions: 0 }));
    expect((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'job' }))).ReservedConcurrentExecutions).toBe(0);
    expect((await lambda.send(new GetFunctionCommand({ FunctionName: 'job' }))).Concurrency).toEqual({ ReservedConcurrentExecutions: 0 });
    const throttled = lambda.send(new InvokeCommand({ FunctionName: 'job' }));
    await expect(throttled).rejects.toBeInstanceOf(TooManyRequestsException);
    await expect(throttled).rejects.toMatchObject({ Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', $metadata: { httpStatusCode: 429 } });
    await expect(lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'job', ReservedConcurrentExecutions: 950 }))).rejects.toBeInstanceOf(
      InvalidParameterValueException,
    );
    await expect(lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'nope', ReservedConcurrentExecutions: 1 }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it('answers the test invocation: success, a fault’s failure, a timeout', async () => {
    const harness = await start();
    const { lambda } = harness;
    await createFunction(lambda, 'job');
    const ok = await lambda.send(new InvokeCommand({ FunctionName: 'job', Payload: new TextEncoder().encode('{"test":true}'), LogType: 'Tail' }));
    expect(ok.StatusCode).toBe(200);
    expect(ok.FunctionError).toBeUndefined();
    expect(JSON.parse(text(ok.Payload))).toMatchObject({ status: 'succeeded', function: 'job' });
    expect(Buffer.from(ok.LogResult!, 'base64').toString()).toContain('REPORT RequestId');
    await harness.admin('POST', 'faults', { type: 'schedules-function-fails', function: 'job', invocations: 1, message: 'database unreachable' });
    const failed = await lambda.send(new InvokeCommand({ FunctionName: 'job' }));
    expect(failed.FunctionError).toBe('Unhandled');
    expect(JSON.parse(text(failed.Payload))).toEqual({ errorType: 'Error', errorMessage: 'database unreachable' });
    expect((await harness.admin('PUT', 'schedules/functions/job/behaviour', { durationSeconds: 10 })).status).toBe(200);
    const timedOut = await lambda.send(new InvokeCommand({ FunctionName: 'job' }));
    expect(JSON.parse(text(timedOut.Payload))).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 3.00 seconds' });
    expect((await lambda.send(new InvokeCommand({ FunctionName: 'job', InvocationType: 'Event' }))).StatusCode).toBe(202);
    expect((await lambda.send(new InvokeCommand({ FunctionName: 'job', InvocationType: 'DryRun' }))).StatusCode).toBe(204);
    // Each run takes its time on the clock: running until it ends.
    const results = async () => ((await harness.admin('GET', 'schedules/runs')).json as { aws: Array<{ result: string }> }).aws.map((run) => run.result);
    expect(await results()).toEqual(['running', 'running', 'running', 'running']);
    harness.advance(20);
    expect(await results()).toEqual(['succeeded', 'failed', 'failed', 'failed']);
  });
});
