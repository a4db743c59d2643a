import { describe, expect, it } from 'vitest';
import { connectionOutcome, planResourceLookups, ResourceCache, resourcesView, taskLogLocation } from './resources';

const instanceArn = (n: number) => `arn:aws:dms:eu-central-1:123456789012:rep:INST${n}`;
const endpointArn = (n: number) => `arn:aws:dms:eu-central-1:123456789012:endpoint:EP${n}`;
const TASK_ARN = 'arn:aws:dms:eu-central-1:123456789012:task:ABCDEF123';

describe('resource lookups on first sight', () => {
  it('asks once per unknown instance and endpoint, 100 ARNs a call, shared ARNs once', () => {
    // 150 tasks on 2 instances, each with its own source and a shared target: 151 distinct endpoints.
    const tasks = Array.from({ length: 150 }, (_, i) => ({ instanceArn: instanceArn(i % 2), sourceArn: endpointArn(i), targetArn: endpointArn(999) }));
    const cache = new ResourceCache();
    const first = planResourceLookups(tasks, cache, 0);
    expect(first.instances).toEqual([[instanceArn(0), instanceArn(1)]]);
    expect(first.endpoints.map((call) => call.length)).toEqual([100, 51]);
    expect(new Set(first.endpoints.flat()).size).toBe(151);

    cache.setInstances(
      [
        { arn: instanceArn(0), identifier: 'dms-0' },
        { arn: instanceArn(1), identifier: 'dms-1' },
      ],
      0,
    );
    for (const call of first.endpoints)
      cache.setEndpoints(
        call,
        call.map((arn) => ({ arn })),
        0,
      );
    expect(planResourceLookups(tasks, cache, 1000)).toEqual({ instances: [], endpoints: [] });
  });

  it('does not ask again for an endpoint DMS does not know, and waits a minute after a failed describe', () => {
    const cache = new ResourceCache();
    const tasks = [{ instanceArn: null, sourceArn: endpointArn(1), targetArn: endpointArn(2) }];
    cache.setEndpoints([endpointArn(1)], [], 0);
    cache.endpointsFailed([endpointArn(2)], 'ThrottlingException: Rate exceeded', 0);
    expect(planResourceLookups(tasks, cache, 30_000).endpoints).toEqual([]);
    expect(planResourceLookups(tasks, cache, 60_000).endpoints).toEqual([[endpointArn(2)]]);
  });
});

describe('task resources view', () => {
  it('shows the instance, both endpoints, the log location and the connection test, never a user name', () => {
    const cache = new ResourceCache();
    cache.setInstances(
      [{ arn: instanceArn(1), identifier: 'network-dms', instanceClass: 'dms.r5.xlarge', status: 'available', engineVersion: '3.5.4', multiAz: false }],
      0,
    );
    const source = {
      arn: endpointArn(1),
      identifier: 'app-source',
      type: 'SOURCE',
      engine: 'MySQL',
      serverName: 'db.dc2.internal',
      port: 3306,
      databaseName: 'shop',
      status: 'active',
      sslMode: 'require',
      username: 'admin',
      password: 'hunter2',
    };
    cache.setEndpoints([endpointArn(1), endpointArn(2)], [source, { arn: endpointArn(2), identifier: 'app-target' }], Date.UTC(2026, 0, 1));
    cache.setConnection(instanceArn(1), endpointArn(1), {
      status: 'successful',
      message: null,
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:10.000Z',
    });
    const view = resourcesView('apps/app1#0', TASK_ARN, { instanceArn: instanceArn(1), sourceArn: endpointArn(1), targetArn: endpointArn(2) }, cache, null);
    expect(view).toMatchObject({
      taskKey: 'apps/app1#0',
      taskArn: TASK_ARN,
      instance: { arn: instanceArn(1), identifier: 'network-dms', instanceClass: 'dms.r5.xlarge', status: 'available' },
      source: {
        role: 'source',
        identifier: 'app-source',
        engine: 'MySQL',
        serverName: 'db.dc2.internal',
        port: 3306,
        databaseName: 'shop',
        connection: { status: 'successful' },
      },
      target: { role: 'target', identifier: 'app-target', serverName: null, connection: null },
      log: { group: 'dms-tasks-network-dms', stream: 'dms-task-ABCDEF123' },
      describedAt: '2026-01-01T00:00:00.000Z',
      problems: [],
    });
    expect(JSON.stringify(view)).not.toMatch(/admin|hunter2|username|password/i);
  });

  it('says what is missing and why', () => {
    const cache = new ResourceCache();
    cache.setEndpoints([endpointArn(1)], [], 0);
    const view = resourcesView('k', TASK_ARN, { instanceArn: instanceArn(1), sourceArn: endpointArn(1), targetArn: endpointArn(2) }, cache, null);
    expect(view.log).toBeNull();
    expect(view.problems).toEqual([
      `replication instance ${instanceArn(1)} not described yet`,
      `source endpoint: DMS has no endpoint ${endpointArn(1)} in this account and region`,
      'target endpoint not described yet',
    ]);
    expect(resourcesView('k', null, null, cache, "waiting for app1's outputs").problems).toEqual(["waiting for app1's outputs"]);
  });

  it('moves its version only when something changed', () => {
    const cache = new ResourceCache();
    cache.setInstances([{ arn: instanceArn(1), identifier: 'a' }], 0);
    const version = cache.version;
    cache.setInstances([{ arn: instanceArn(1), identifier: 'a' }], 5000);
    expect(cache.version).toBe(version);
    cache.setInstances([{ arn: instanceArn(1), identifier: 'a', status: 'modifying' }], 6000);
    expect(cache.version).toBe(version + 1);
  });
});

describe('task log location and connection outcome', () => {
  it('names the log group after the instance identifier and the stream after the task ARN resource id', () => {
    expect(taskLogLocation('network-eu-central-1-dms', 'arn:aws:dms:eu-central-1:123456789012:task:Q2W3E4R5T6')).toEqual({
      group: 'dms-tasks-network-eu-central-1-dms',
      stream: 'dms-task-Q2W3E4R5T6',
    });
  });

  it('reads DescribeConnections as the cockpit shows it', () => {
    expect(connectionOutcome(undefined)).toBeNull();
    expect(connectionOutcome({ status: 'testing' })).toBeNull();
    expect(connectionOutcome({ status: 'successful' })).toEqual({ status: 'successful', message: null });
    expect(connectionOutcome({ status: 'failed', lastFailureMessage: "Can't connect to MySQL server" })).toEqual({
      status: 'failed',
      message: "Can't connect to MySQL server",
    });
    expect(connectionOutcome({ status: 'failed' })).toEqual({ status: 'failed', message: 'DMS gave no reason' });
    expect(connectionOutcome({ status: 'deleting' })).toEqual({ status: 'failed', message: 'DMS reports the connection as deleting' });
  });
});
