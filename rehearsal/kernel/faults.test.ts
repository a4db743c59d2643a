// Wire faults through the real SDK clients (throttling, 5xx bursts, slow and hung responses), and the admin API.
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DatabaseMigrationServiceClient, DescribeReplicationTasksCommand } from '@aws-sdk/client-database-migration-service';
import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { defineScenario, startAwsRehearsal } from '../aws-rehearsal';
import { REGION, shopTables, taskDimensions, useRehearsal } from '../test-support';

const start = useRehearsal();
const ESTATE = { seed: 11, tasks: [{ id: 'orders', tables: shopTables(3), autoStart: true }] };
const describeTasks = () => new DescribeReplicationTasksCommand({});

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return (error as Error).name;
  }
}

describe('throttling', () => {
  it('throttles about the configured fraction of calls, reproducibly for a seed', async () => {
    const count = async () => {
      const { dms } = await start({ ...ESTATE, faults: [{ type: 'throttle', rate: 0.3, service: 'dms' }] });
      const results: string[] = [];
      for (let i = 0; i < 200; i++) results.push(await outcome(dms.send(describeTasks())));
      return results;
    };
    const first = await count();
    const throttled = first.filter((result) => result === 'ThrottlingException').length;
    expect(throttled / 200).toBeGreaterThan(0.23);
    expect(throttled / 200).toBeLessThan(0.37);
    expect(first.filter((result) => result !== 'ThrottlingException' && result !== 'ok')).toEqual([]);
    expect(await count()).toEqual(first);
  });

  it('is retried by the SDK (with its default retries every call gets through)', async () => {
    const { dms } = await start({ ...ESTATE, faults: [{ type: 'throttle', rate: 0.3, service: 'dms' }] }, { maxAttempts: 5 });
    const attempts: number[] = [];
    for (let i = 0; i < 5; i++) attempts.push((await dms.send(describeTasks())).$metadata.attempts ?? 1);
    expect(attempts.some((count) => count > 1)).toBe(true);
  });

  it('throttles CloudWatch with the query-compatible Throttling code, and only the service it names', async () => {
    const harness = await start({ ...ESTATE, faults: [{ type: 'throttle', rate: 1, service: 'cloudwatch' }] });
    const now = harness.clock.now();
    const error = await harness.cloudwatch
      .send(
        new GetMetricDataCommand({
          StartTime: new Date(now - 60_000),
          EndTime: new Date(now),
          MetricDataQueries: [
            {
              Id: 'a',
              MetricStat: {
                Metric: { Namespace: 'AWS/DMS', MetricName: 'CDCLatencyTarget', Dimensions: taskDimensions(harness.aws, 'orders') },
                Period: 60,
                Stat: 'Average',
              },
            },
          ],
        }),
      )
      .catch((caught: unknown) => caught as Error & { Code?: string; $response?: { headers: Record<string, string> } });
    expect(error).toMatchObject({ Code: 'Throttling' });
    expect(await outcome(harness.dms.send(describeTasks()))).toBe('ok');
  });
});

describe('5xx bursts and slow responses', () => {
  it('answers InternalFailure (500) for the window, then recovers', async () => {
    const { dms, advance } = await start({ ...ESTATE, faults: [{ type: 'server-error', at: '1m', for: '2m' }] });
    expect(await outcome(dms.send(describeTasks()))).toBe('ok');
    advance(60);
    const failed = await dms.send(describeTasks()).catch((error: unknown) => error as Error & { $metadata: { httpStatusCode: number }; $fault: string });
    expect(failed).toMatchObject({ name: 'InternalFailure', $fault: 'server', $metadata: { httpStatusCode: 500 } });
    advance(119);
    expect(await outcome(dms.send(describeTasks()))).toBe('InternalFailure');
    advance(1);
    expect(await outcome(dms.send(describeTasks()))).toBe('ok');
  });

  it('delays answers by delayMs, only for the operations named', async () => {
    const { dms } = await start({ ...ESTATE, faults: [{ type: 'slow', delayMs: 300, operations: ['DescribeReplicationTasks'] }] });
    const started = performance.now();
    await dms.send(describeTasks());
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('hung responses', () => {
  it('never answers: the client gives up on its own abort signal, and later calls get through once cleared', async () => {
    const { dms, aws } = await start({ ...ESTATE, faults: [{ type: 'hang', service: 'dms', for: '1m' }] });
    const started = performance.now();
    expect(await outcome(dms.send(describeTasks(), { abortSignal: AbortSignal.timeout(200) }))).toMatch(/Abort|Timeout/);
    expect(performance.now() - started).toBeLessThan(2_000);
    aws.simulation.clearFaults();
    expect(await outcome(dms.send(describeTasks()))).toBe('ok');
  });

  it('ends hung requests on close() and frees the port', async () => {
    const aws = await startAwsRehearsal({ clock: new ManualClock(), scenario: defineScenario({ ...ESTATE, faults: [{ type: 'hang' }] }) });
    const dms = new DatabaseMigrationServiceClient({
      endpoint: aws.url,
      region: REGION,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      maxAttempts: 1,
    });
    const pending = outcome(dms.send(describeTasks()));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await aws.close();
    expect(await pending).not.toBe('ok');
    dms.destroy();
    const again = await startAwsRehearsal({ port: aws.port, clock: new ManualClock(), scenario: defineScenario(ESTATE) });
    expect(again.port).toBe(aws.port);
    await again.close();
  });
});

describe('admin API', () => {
  it('injects, lists and clears faults, and moves the clock', async () => {
    const { aws, dms } = await start(ESTATE);
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(`${aws.url}/_admin/${path}`, {
        method,
        ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
      });

    const clock = (await (await admin('GET', 'clock')).json()) as { epochSeconds: number; timeScale: number };
    expect(clock.timeScale).toBe(0);
    const moved = (await (await admin('POST', 'clock/advance', { by: '5m' })).json()) as { epochSeconds: number };
    expect(moved.epochSeconds - clock.epochSeconds).toBe(300);

    const added = await admin('POST', 'faults', [
      { type: 'server-error', for: 30 },
      { type: 'task-failure', task: 'orders', atPercent: 99 },
    ]);
    expect(added.status).toBe(201);
    const listed = (await (await admin('GET', 'faults')).json()) as { wire: unknown[]; tasks: unknown[] };
    expect(listed.wire).toHaveLength(1);
    expect(listed.tasks).toMatchObject([{ task: 'orders', kind: 'task-failure', atPercent: 99 }]);
    expect(await outcome(dms.send(describeTasks()))).toBe('InternalFailure');
    // Admin calls are never faulted.
    expect((await admin('GET', 'tasks')).status).toBe(200);
    expect((await admin('DELETE', 'faults')).status).toBe(204);
    expect(await outcome(dms.send(describeTasks()))).toBe('ok');

    const bad = await admin('POST', 'faults', { type: 'throttle', rate: 2 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'rate' });
    const unknownTask = await admin('POST', 'faults', { type: 'latency-spike', task: 'nope', for: 60 });
    expect(unknownTask.status).toBe(400);
    const tasks = (await (await admin('GET', 'tasks')).json()) as { items: Array<{ id: string; status: string; metricTaskIdentifier: string }> };
    expect(tasks.items[0]).toMatchObject({ id: 'orders', status: 'running' });
    expect(tasks.items[0]!.metricTaskIdentifier).toMatch(/^[A-Z2-7]{26}$/);
  });
});
