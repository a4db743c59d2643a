// The rehearsal target's DMS replication with the real engine: deploying an application stack creates its
// endpoints and replication task in the rehearsal environment through the real DMS SDK client (inside the
// dynamic provider's plugin process), the stack exports the task's ARN, and destroying the stack removes them.
import { DatabaseMigrationServiceClient, DescribeEndpointsCommand, DescribeReplicationTasksCommand } from '@aws-sdk/client-database-migration-service';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineScenario, startAwsRehearsal, type AwsRehearsal } from '../../rehearsal/aws-rehearsal';
import { stackOperation } from '../../main/pulumi/stack-operations';
import { OPERATION_TIMEOUT as TIMEOUT, planWith, startHarness, type Harness } from './harness';

const PLAN = planWith(
  `  - name: app7001
    project: platform-production
    config: { owner: team-a, sourceDatabaseHost: app7001-db.dc2.example.internal, databaseSchemas: '["orders","billing"]' }
    registries: [cmdb]
    replicationTasks:
      - taskId: app7001-mysql-full-load-cdc
`,
  `  - id: wave-1
    name: One
    stacks: [app7001]
`,
);

let aws: AwsRehearsal | undefined;
let harness: Harness | undefined;
let skipReason = '';

beforeAll(async () => {
  // An environment with a replication instance and no tasks yet: the stack creates its own.
  aws = await startAwsRehearsal({ scenario: defineScenario({ name: 'empty', instances: [{ id: 'network-dms' }] }), timeScale: 60 });
  const started = await startHarness(PLAN, { awsUrl: aws.url });
  if (typeof started === 'string') skipReason = started;
  else harness = started;
}, TIMEOUT);

afterAll(async () => {
  await harness?.close();
  await aws?.close();
});

const STACK = 'platform-production/app7001';

function dms(): DatabaseMigrationServiceClient {
  return new DatabaseMigrationServiceClient({ endpoint: aws!.url, region: 'eu-central-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}

async function tasks(): Promise<{ id: string; arn: string; tableMappings: string }[]> {
  try {
    const answer = await dms().send(new DescribeReplicationTasksCommand({}));
    return (answer.ReplicationTasks ?? []).map((task) => ({
      id: task.ReplicationTaskIdentifier!,
      arn: task.ReplicationTaskArn!,
      tableMappings: task.TableMappings ?? '',
    }));
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundFault') return [];
    throw error;
  }
}

describe('rehearsal target: DMS replication created through the SDK', () => {
  it(
    'deploy creates the endpoints and the task, and exports its ARN',
    async ({ skip }) => {
      const h = harness ?? skip(skipReason);
      const up = await h.runner.waitFor(h.runner.start(STACK, stackOperation('up')).operationId);
      expect(up, up.message ?? '').toMatchObject({ status: 'succeeded', changes: { create: 3 } });
      const [task] = await tasks();
      expect(task?.id).toBe('app7001-mysql-full-load-cdc');
      expect(
        JSON.parse(task!.tableMappings).rules.map((rule: { 'object-locator': { 'schema-name': string } }) => rule['object-locator']['schema-name']),
      ).toEqual(['orders', 'billing']);
      const endpoints = await dms().send(new DescribeEndpointsCommand({}));
      expect(endpoints.Endpoints?.map((endpoint) => endpoint.EndpointIdentifier).sort()).toEqual([
        'app7001-mysql-full-load-cdc-source',
        'app7001-mysql-full-load-cdc-target',
      ]);
      // The stack's outputs in its state: what the monitor resolves `fromStackOutput` references with.
      const statePath = path.join(h.dir, 'data', 'state', '.pulumi', 'stacks', 'platform-production', 'app7001.json');
      const state = JSON.parse(await readFile(statePath, 'utf8')) as {
        checkpoint: { latest: { resources: { type: string; outputs?: Record<string, unknown> }[] } };
      };
      const root = state.checkpoint.latest.resources.find((resource) => resource.type === 'pulumi:pulumi:Stack');
      expect(root?.outputs).toMatchObject({
        replicationTaskArn: task!.arn,
        replicationTaskId: 'app7001-mysql-full-load-cdc',
        replicationTaskResourceId: task!.arn.split(':').pop(),
      });
      // The instance's stand-in health endpoint in the rehearsal, with the traffic side the deploy set.
      const healthUrl = (root?.outputs as { healthUrl?: string } | undefined)?.healthUrl;
      expect(healthUrl).toBe(`${aws!.url}/_apps/app7001/healthz?traffic=datacenter`);
      expect(await (await fetch(healthUrl!)).json()).toEqual({ status: 'ok', instance: 'app7001', traffic: 'datacenter' });
      expect(h.registered()).toEqual([STACK]);
    },
    TIMEOUT,
  );

  it(
    "refresh notices a task deleted behind the stack's back, and the next deploy creates it again",
    async ({ skip }) => {
      const h = harness ?? skip(skipReason);
      const [task] = await tasks();
      aws!.simulation.deleteTask(task!.arn);
      const refresh = await h.runner.waitFor(h.runner.start(STACK, stackOperation('refresh')).operationId);
      expect(refresh).toMatchObject({ status: 'succeeded', changes: { delete: 1 } });
      const up = await h.runner.waitFor(h.runner.start(STACK, stackOperation('up')).operationId);
      expect(up, up.message ?? '').toMatchObject({ status: 'succeeded', changes: { create: 1 } });
      expect((await tasks()).map((entry) => entry.id)).toEqual(['app7001-mysql-full-load-cdc']);
    },
    2 * TIMEOUT,
  );

  it(
    'destroy stops and deletes the task and its endpoints',
    async ({ skip }) => {
      const h = harness ?? skip(skipReason);
      const [task] = await tasks();
      aws!.simulation.startTask(task!.arn, 'start-replication');
      const destroy = await h.runner.waitFor(h.runner.start(STACK, stackOperation('destroy')).operationId);
      expect(destroy, destroy.message ?? '').toMatchObject({ status: 'succeeded', changes: { delete: 3 } });
      expect(await tasks()).toEqual([]);
      expect(h.registered()).toEqual([]);
    },
    2 * TIMEOUT,
  );
});
