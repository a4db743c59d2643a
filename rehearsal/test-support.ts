// Shared by the rehearsal's tests: rehearsals on a manual clock that are always closed, and real SDK clients.
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DatabaseMigrationServiceClient } from '@aws-sdk/client-database-migration-service';
import { afterEach } from 'vitest';
import { ManualClock } from './kernel/clock';
import { startAwsRehearsal, type AwsRehearsal, type AwsRehearsalOptions } from './aws-rehearsal';
import { defineScenario, type ScenarioInput } from './tracks/dms/scenario';

export const REGION = 'eu-central-1';
const CREDENTIALS = { accessKeyId: 'AKIAREHEARSAL0000000', secretAccessKey: 'rehearsal-secret-not-checked' };

export interface Harness {
  readonly aws: AwsRehearsal;
  readonly clock: ManualClock;
  readonly dms: DatabaseMigrationServiceClient;
  readonly cloudwatch: CloudWatchClient;
  /** Advances simulated time by `seconds`. */
  advance(seconds: number): void;
}

/**
 * Starts rehearsals on a manual clock and closes them (and their clients) after the current test. The scenario is
 * written in code, or given resolved as `options.scenario`.
 */
export function useRehearsal(): (scenario: ScenarioInput, options?: Partial<AwsRehearsalOptions> & { maxAttempts?: number }) => Promise<Harness> {
  const open: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((close) => close()));
  });
  return async (scenario, options = {}) => {
    const clock = new ManualClock();
    const aws = await startAwsRehearsal({ clock, ...options, scenario: options.scenario ?? defineScenario(scenario) });
    const config = { endpoint: aws.url, region: REGION, credentials: CREDENTIALS, maxAttempts: options.maxAttempts ?? 1 };
    const dms = new DatabaseMigrationServiceClient(config);
    const cloudwatch = new CloudWatchClient(config);
    open.push(async () => {
      dms.destroy();
      cloudwatch.destroy();
      await aws.close();
    });
    return { aws, clock, dms, cloudwatch, advance: (seconds) => aws.simulation.advance(seconds * 1000) };
  };
}

/** A task with explicit tables: `count` tables of `rows` rows each in schema `shop`. */
export function shopTables(count: number, rows = 100_000): Array<{ schema: string; name: string; rows: number }> {
  return Array.from({ length: count }, (_, i) => ({ schema: 'shop', name: `t${String(i + 1).padStart(2, '0')}`, rows }));
}

/** The CloudWatch dimensions of a task metric. */
export function taskDimensions(aws: AwsRehearsal, taskId: string) {
  const task = aws.simulation.task(taskId);
  if (!task) throw new Error(`no task ${taskId}`);
  return [
    { Name: 'ReplicationInstanceIdentifier', Value: task.identity.instanceId },
    { Name: 'ReplicationTaskIdentifier', Value: task.identity.resourceId },
  ];
}

/** POSTs raw text to the endpoint, for what the SDK cannot send or hides (headers, form bodies). */
export async function rawCall(aws: AwsRehearsal, headers: Record<string, string>, body: string): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(aws.url, { method: 'POST', headers, body });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** One metric's per-minute values between two instants (oldest first), as a track's harness reads its own metrics. */
export async function minuteValues(
  cloudwatch: CloudWatchClient,
  query: { namespace: string; metricName: string; dimensions: Record<string, string>; from: number; to: number; stat: string },
): Promise<number[]> {
  const out = await cloudwatch.send(
    new GetMetricDataCommand({
      StartTime: new Date(query.from),
      EndTime: new Date(query.to),
      ScanBy: 'TimestampAscending',
      MetricDataQueries: [
        {
          Id: 'm',
          MetricStat: {
            Metric: {
              Namespace: query.namespace,
              MetricName: query.metricName,
              Dimensions: Object.entries(query.dimensions).map(([Name, Value]) => ({ Name, Value })),
            },
            Period: 60,
            Stat: query.stat,
          },
        },
      ],
    }),
  );
  return out.MetricDataResults?.[0]?.Values ?? [];
}
