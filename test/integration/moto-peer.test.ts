// moto (an independent AWS emulator, Python) as a peer of the monitor's real SDK clients.
// - CloudWatch: the monitor's GetMetricData batching reads what was put into moto's CloudWatch, keyed as AWS
//   keys DMS task metrics (ReplicationInstanceIdentifier + the last segment of the task ARN), while the task
//   states come from the rehearsal server.
// - DMS: what was found with moto 5.2.5 — its DMS answers carry ISO 8601 timestamps where the protocol has epoch
//   seconds, so the JS SDK cannot parse DescribeReplicationTasks (nor any answer holding a task or an instance),
//   and it has no DescribeTableStatistics. Pointed at it, the monitor reports itself degraded with the SDK's
//   reason, resolves nothing, and never fails unhandled; the test pins that finding so a moto that parses shows up.
import { CloudWatchClient, PutMetricDataCommand, type MetricDatum } from '@aws-sdk/client-cloudwatch';
import {
  CreateEndpointCommand,
  CreateReplicationInstanceCommand,
  CreateReplicationTaskCommand,
  DatabaseMigrationServiceClient,
} from '@aws-sdk/client-database-migration-service';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CockpitEvent } from '../../main/api/contract';
import { sdkReplicationApi, type ReplicationApi } from '../../main/tracks/dms/monitor/clients';
import { ReplicationMonitor } from '../../main/tracks/dms/monitor/monitor';
import { testPlan } from '../../main/tracks/dms/monitor/testing/plans';
import { defineScenario, ManualClock, startAwsRehearsal } from '../../rehearsal/aws-rehearsal';
import { startMotoServer, type MotoServer } from '../support/moto';

const REGION = 'eu-central-1';
const CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const TASKS = ['orders-mysql', 'billing-mysql'];

let moto: MotoServer | undefined;
let skipReason = '';
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
const open: Array<() => Promise<void>> = [];

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  const started = await startMotoServer();
  if (typeof started === 'string') skipReason = started;
  else moto = started;
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()));
  expect(unhandled).toEqual([]);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await moto?.close();
});

function monitorWith(api: ReplicationApi, clock: () => number, events: CockpitEvent[] = []): ReplicationMonitor {
  const monitor = new ReplicationMonitor({
    plan: testPlan({ tasks: TASKS.length, taskId: (i) => TASKS[i]!, gates: { maxCdcLatencySeconds: 30, holdSeconds: 60, requireValidation: false } }),
    api,
    target: 'moto',
    publish: (event) => events.push(event),
    stackOutputs: () => undefined,
    clock,
    call: { timeoutMs: 5_000, backoffBaseMs: 5, backoffMaxMs: 40, maxAttempts: 2 },
    intervals: { fastMs: 60_000, normalMs: 60_000, idleMs: 60_000, maxBackoffMs: 60_000 },
    degradedAfterCycles: 1,
  });
  open.push(() => monitor.close());
  return monitor;
}

describe('moto as an independent peer of the monitor', () => {
  it("reads DMS task metrics from moto CloudWatch with the monitor's batched GetMetricData", async ({ skip }) => {
    if (!moto) skip(skipReason);
    // Task states from the rehearsal server (tasks running in CDC), metrics only from moto.
    const clock = new ManualClock();
    const aws = await startAwsRehearsal({
      clock,
      scenario: defineScenario({
        instances: [{ id: 'ri-peer' }],
        tasks: TASKS.map((id) => ({ id, instance: 'ri-peer', autoStart: true, tables: { count: 2, maxRows: 1_000 } })),
      }),
    });
    open.push(() => aws.close());
    clock.advance(10 * 60_000);
    const rehearsal = sdkReplicationApi({ region: REGION, endpoint: aws.url, rehearsal: true, label: 'rehearsal' });
    const cloudWatch = sdkReplicationApi({ region: REGION, endpoint: moto!.url, rehearsal: true, label: 'moto' });
    open.push(async () => {
      rehearsal.close();
      cloudWatch.close();
    });

    // Two minutes of datapoints per task, with values that tell the tasks and the metrics apart.
    const now = aws.simulation.now();
    const minute = Math.floor(now / 60_000) * 60_000;
    const data: MetricDatum[] = TASKS.flatMap((id, index) => {
      const resourceId = aws.simulation.task(id)!.identity.arn.split(':').pop()!;
      const dimensions = [
        { Name: 'ReplicationInstanceIdentifier', Value: 'ri-peer' },
        { Name: 'ReplicationTaskIdentifier', Value: resourceId },
      ];
      return [2, 1].flatMap((ago) => [
        { MetricName: 'CDCLatencySource', Dimensions: dimensions, Timestamp: new Date(minute - ago * 60_000), Value: 1 + index },
        { MetricName: 'CDCLatencyTarget', Dimensions: dimensions, Timestamp: new Date(minute - ago * 60_000), Value: 10 * (index + 1) + ago },
        { MetricName: 'CDCIncomingChanges', Dimensions: dimensions, Timestamp: new Date(minute - ago * 60_000), Value: 500 },
      ]);
    });
    await new CloudWatchClient({ endpoint: moto!.url, region: REGION, credentials: CREDENTIALS }).send(
      new PutMetricDataCommand({ Namespace: 'AWS/DMS', MetricData: data }),
    );

    const monitor = monitorWith({ ...rehearsal, getMetricData: (input, signal) => cloudWatch.getMetricData(input, signal) }, () => aws.simulation.now());
    await monitor.refreshNow();
    const snapshot = monitor.snapshot();
    expect(snapshot.monitor.lastCycleCalls).toMatchObject({ GetMetricData: 1 });
    const byId = new Map(snapshot.tasks.map((task) => [task.taskId, task]));
    expect(byId.get('orders-mysql')?.latest).toMatchObject({ cdcLatencySourceSeconds: 1, cdcLatencyTargetSeconds: 11, cdcIncomingChanges: 500 });
    expect(byId.get('billing-mysql')?.latest).toMatchObject({ cdcLatencySourceSeconds: 2, cdcLatencyTargetSeconds: 21, cdcIncomingChanges: 500 });
    expect(byId.get('orders-mysql')?.freshness.metricsAt).not.toBeNull();
  });

  it("pointed at moto's DMS, reports itself degraded with the SDK's reason (moto answers with ISO timestamps)", async ({ skip }) => {
    if (!moto) skip(skipReason);
    const dms = new DatabaseMigrationServiceClient({ endpoint: moto!.url, region: REGION, credentials: CREDENTIALS });
    // moto creates these, but its answers do not parse in the JS SDK: the creation itself is what counts here.
    const created = async (send: () => Promise<unknown>) => {
      await send().catch((error: Error) => {
        if (!/Expected real number|Deserialization/.test(error.message)) throw error;
      });
    };
    await created(() => dms.send(new CreateReplicationInstanceCommand({ ReplicationInstanceIdentifier: 'ri-moto', ReplicationInstanceClass: 'dms.t3.micro' })));
    await created(() => dms.send(new CreateEndpointCommand({ EndpointIdentifier: 'src', EndpointType: 'source', EngineName: 'mysql' })));
    await created(() => dms.send(new CreateEndpointCommand({ EndpointIdentifier: 'tgt', EndpointType: 'target', EngineName: 'mysql' })));
    const arn = (kind: string, id: string) => `arn:aws:dms:${REGION}:123456789012:${kind}:${id}`;
    await created(() =>
      dms.send(
        new CreateReplicationTaskCommand({
          ReplicationTaskIdentifier: TASKS[0],
          SourceEndpointArn: arn('endpoint', 'src'),
          TargetEndpointArn: arn('endpoint', 'tgt'),
          ReplicationInstanceArn: arn('rep', 'ri-moto'),
          MigrationType: 'full-load-and-cdc',
          TableMappings: '{"rules":[]}',
        }),
      ),
    );

    const api = sdkReplicationApi({ region: REGION, endpoint: moto!.url, rehearsal: true, label: 'moto' });
    open.push(async () => api.close());
    const monitor = monitorWith(api, Date.now);
    await monitor.refreshNow();
    const snapshot = monitor.snapshot();
    expect(snapshot.monitor.state).toBe('degraded');
    expect(snapshot.monitor.message).toMatch(/Expected real number|Deserialization/);
    expect(snapshot.tasks.every((task) => task.arn === null && task.gate.status !== 'green')).toBe(true);
  });
});
