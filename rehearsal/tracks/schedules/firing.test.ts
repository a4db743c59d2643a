// Schedules firing Lambda invocations on the rehearsal clock: slots in their time zone, the run history with the slot
// each run served, retries per RetryPolicy, drops, the flexible window, concurrency 0 throttling, the track's faults,
// and the AWS/Scheduler and AWS/Lambda metrics through the real CloudWatch client.
import { PutFunctionConcurrencyCommand, DeleteFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import { CreateScheduleCommand, GetScheduleCommand, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import { describe, expect, it } from 'vitest';
import { createFunction, scheduleInput, T0, useSchedulesRehearsal, type SchedulesHarness } from './test-harness';

const start = useSchedulesRehearsal();
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

interface Run {
  slot: string;
  attempt: number;
  result: string;
  duplicate: boolean;
  startedAt: string | null;
  requestedAt: string;
  error: string | null;
}

async function runs(harness: SchedulesHarness, schedule: string): Promise<Run[]> {
  const { status, json } = await harness.admin('GET', `schedules/runs/aws/${schedule}`);
  expect(status).toBe(200);
  return (json as { items: Run[] }).items;
}

describe('schedules firing on the rehearsal clock', () => {
  it('invokes the function at each slot, in the schedule’s time zone, and records the slot each run served', async () => {
    const harness = await start();
    const arn = await createFunction(harness.lambda, 'every-ten');
    await harness.scheduler.send(new CreateScheduleCommand(scheduleInput('every-ten', 'cron(*/10 * * * ? *)', arn)));
    await harness.scheduler.send(
      new CreateScheduleCommand(scheduleInput('berlin-2am', 'cron(0 2 * * ? *)', arn, { ScheduleExpressionTimezone: 'Europe/Berlin' })),
    );
    harness.advance(3 * 3600);
    const ten = await runs(harness, 'every-ten');
    expect(ten).toHaveLength(18);
    expect(ten.slice(0, 2)).toEqual([
      expect.objectContaining({ slot: iso(T0 + 10 * MIN), attempt: 1, result: 'succeeded', startedAt: iso(T0 + 10 * MIN), duplicate: false }),
      expect.objectContaining({ slot: iso(T0 + 20 * MIN), result: 'succeeded' }),
    ]);
    // 02:00 in Berlin (UTC+1 in December) is 01:00Z.
    expect((await runs(harness, 'berlin-2am')).map((run) => run.slot)).toEqual([iso(T0 + 60 * MIN)]);
    const attempts = await harness.minuteValues('AWS/Scheduler', 'InvocationAttemptCount', { ScheduleGroup: 'default' }, T0, T0 + 70 * MIN);
    expect(attempts.reduce((a, b) => a + b, 0)).toBe(7);
    expect(await harness.minuteValues('AWS/Lambda', 'Invocations', { FunctionName: 'every-ten' }, T0, T0 + 31 * MIN)).toEqual([1, 1, 1]);
    expect(await harness.minuteValues('AWS/Lambda', 'Errors', { FunctionName: 'every-ten' }, T0, T0 + 31 * MIN)).toEqual([0, 0, 0]);
    expect(await harness.minuteValues('AWS/Lambda', 'Duration', { FunctionName: 'every-ten' }, T0, T0 + 31 * MIN, 'Average')).toEqual([2000, 2000, 2000]);
  });

  it('passes the scheduled time in the input and never fires while DISABLED or before StartDate', async () => {
    const harness = await start();
    const arn = await createFunction(harness.lambda, 'job');
    await harness.scheduler.send(new CreateScheduleCommand(scheduleInput('job', 'rate(10 minutes)', arn, { State: 'DISABLED' })));
    harness.advance(30 * 60);
    expect(await runs(harness, 'job')).toEqual([]);
    // The handover: GetSchedule, then the whole schedule back with State ENABLED and a StartDate at cutover.
    const current = await harness.scheduler.send(new GetScheduleCommand({ Name: 'job' }));
    await harness.scheduler.send(
      new UpdateScheduleCommand({
        Name: 'job',
        ScheduleExpression: current.ScheduleExpression,
        FlexibleTimeWindow: current.FlexibleTimeWindow,
        Target: current.Target,
        State: 'ENABLED',
        StartDate: new Date(T0 + 45 * MIN),
      }),
    );
    harness.advance(40 * 60);
    expect((await runs(harness, 'job')).map((run) => run.slot)).toEqual([iso(T0 + 45 * MIN), iso(T0 + 55 * MIN), iso(T0 + 65 * MIN)]);
    const { json } = await harness.admin('GET', 'schedules/runs');
    expect((json as { aws: unknown[] }).aws).toHaveLength(3);
  });

  it('retries a failing function per the RetryPolicy, then drops the event', async () => {
    const harness = await start();
    const arn = await createFunction(harness.lambda, 'flaky');
    await harness.scheduler.send(
      new CreateScheduleCommand(
        scheduleInput('flaky', 'cron(0 * * * ? *)', arn, {
          Target: { Arn: arn, RoleArn: scheduleInput('x', 'x', arn).Target!.RoleArn, RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 } },
        }),
      ),
    );
    // The first slot's run fails twice, then succeeds on the last retry.
    expect((await harness.admin('POST', 'faults', { type: 'schedules-function-fails', function: 'flaky', invocations: 2 })).status).toBe(201);
    harness.advance(70 * 60);
    const first = await runs(harness, 'flaky');
    expect(first.map((run) => [run.slot, run.attempt, run.result, run.startedAt])).toEqual([
      [iso(T0 + 60 * MIN), 1, 'failed', iso(T0 + 60 * MIN)],
      [iso(T0 + 60 * MIN), 2, 'failed', iso(T0 + 61 * MIN + 2000)],
      [iso(T0 + 60 * MIN), 3, 'succeeded', iso(T0 + 63 * MIN + 4000)],
    ]);
    // The next slot's run fails every time: three attempts, then dropped.
    await harness.admin('POST', 'faults', { type: 'schedules-function-fails', function: 'flaky', durationSeconds: 3600 });
    harness.advance(60 * 60);
    const second = (await runs(harness, 'flaky')).filter((run) => run.slot === iso(T0 + 120 * MIN));
    expect(second.map((run) => run.result)).toEqual(['failed', 'failed', 'failed']);
    const deliveries = (await harness.admin('GET', 'schedules/deliveries')).json as { items: Array<{ slot: string; state: string; attempts: number }> };
    expect(deliveries.items.map((delivery) => [delivery.slot, delivery.state, delivery.attempts])).toEqual([
      [iso(T0 + 60 * MIN), 'delivered', 3],
      [iso(T0 + 120 * MIN), 'dropped', 3],
    ]);
    const sum = async (metric: string) =>
      (await harness.minuteValues('AWS/Scheduler', metric, { ScheduleGroup: 'default' }, T0, T0 + 130 * MIN)).reduce((a, b) => a + b, 0);
    expect(await sum('InvocationAttemptCount')).toBe(6);
    expect(await sum('TargetErrorCount')).toBe(5);
    expect(await sum('InvocationDroppedCount')).toBe(1);
    expect((await harness.minuteValues('AWS/Lambda', 'Errors', { FunctionName: 'flaky' }, T0, T0 + 130 * MIN)).reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('delays a run within the flexible window, seeded, without moving its slot', async () => {
    const harness = await start();
    const arn = await createFunction(harness.lambda, 'flex');
    await harness.scheduler.send(
      new CreateScheduleCommand(scheduleInput('flex', 'rate(1 hour)', arn, { FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 30 } })),
    );
    harness.advance(10.5 * 3600);
    const all = await runs(harness, 'flex');
    expect(all).toHaveLength(10);
    const delays = all.map((run) => Date.parse(run.startedAt!) - Date.parse(run.slot));
    expect(all.map((run) => run.slot)).toEqual(Array.from({ length: 10 }, (_, i) => iso(T0 + (i + 1) * 60 * MIN)));
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(30 * MIN);
    }
    expect(new Set(delays).size).toBeGreaterThan(5);
    // The same seed gives the same delays.
    const again = await start();
    const arn2 = await createFunction(again.lambda, 'flex');
    await again.scheduler.send(
      new CreateScheduleCommand(scheduleInput('flex', 'rate(1 hour)', arn2, { FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 30 } })),
    );
    again.advance(10.5 * 3600);
    expect((await runs(again, 'flex')).map((run) => Date.parse(run.startedAt!) - Date.parse(run.slot))).toEqual(delays);
  });

  it('throttles every invocation at reserved concurrency 0 and delivers on a retry once it is lifted', async () => {
    const harness = await start();
    const arn = await createFunction(harness.lambda, 'killed');
    await harness.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'killed', ReservedConcurrentExecutions: 0 }));
    await harness.scheduler.send(new CreateScheduleCommand(scheduleInput('killed', 'cron(0 * * * ? *)', arn)));
    harness.advance(62 * 60);
    expect((await runs(harness, 'killed')).map((run) => [run.attempt, run.result])).toEqual([
      [1, 'throttled'],
      [2, 'throttled'],
    ]);
    expect(await harness.minuteValues('AWS/Lambda', 'Throttles', { FunctionName: 'killed' }, T0, T0 + 62 * MIN)).toEqual([1, 1]);
    expect(await harness.minuteValues('AWS/Lambda', 'Invocations', { FunctionName: 'killed' }, T0, T0 + 62 * MIN)).toEqual([0, 0]);
    expect(await harness.minuteValues('AWS/Scheduler', 'InvocationThrottleCount', {}, T0, T0 + 62 * MIN)).toEqual([1, 1]);
    await harness.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'killed' }));
    harness.advance(5 * 60);
    expect((await runs(harness, 'killed')).at(-1)).toMatchObject({ attempt: 3, result: 'succeeded', slot: iso(T0 + 60 * MIN) });
  });

  it('injects a duplicate delivery and a throttle window', async () => {
    const harness = await start();
    const arn = await createFunction(harness.lambda, 'twice');
    await harness.scheduler.send(new CreateScheduleCommand(scheduleInput('twice', 'rate(15 minutes)', arn)));
    await harness.admin('POST', 'faults', [
      { type: 'schedules-duplicate-delivery', schedule: 'twice', at: '20m' },
      { type: 'schedules-throttle', function: 'twice', at: '40m', durationSeconds: 600 },
    ]);
    harness.advance(61 * 60);
    const all = await runs(harness, 'twice');
    const bySlot = (slot: number) => all.filter((run) => run.slot === iso(T0 + slot * MIN)).map((run) => [run.attempt, run.result, run.duplicate]);
    expect(bySlot(15)).toEqual([[1, 'succeeded', false]]);
    expect(bySlot(30)).toEqual([
      [1, 'succeeded', false],
      [1, 'succeeded', true],
    ]);
    // 45: throttled until 50, so are the retries at 46 and 48; the one at 52 succeeds.
    expect(bySlot(45)).toEqual([
      [1, 'throttled', false],
      [2, 'throttled', false],
      [3, 'throttled', false],
      [4, 'succeeded', false],
    ]);
    expect(bySlot(60)).toEqual([[1, 'succeeded', false]]);
    const faults = (await harness.admin('GET', 'faults')).json as { schedules: Array<{ type: string }> };
    expect(faults.schedules.map((fault) => fault.type)).toEqual(['schedules-throttle', 'schedules-duplicate-delivery']);
    expect((await harness.admin('POST', 'faults', { type: 'schedules-function-fails', function: 'twice' })).status).toBe(400);
  });
});
