// The kernel with a track of the test's own (no DMS): its service is routed by its declared target prefix, wire
// faults match its declared name, its admin routes mount under /_admin/<id>/ (and their aliases), its fault kinds
// join /_admin/faults, and CloudWatch and CloudWatch Logs read what it registered.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { TrackSimulator } from '../seam/track-simulator';
import { ManualClock } from './clock';
import { AwsError } from './errors';
import { createKernel } from './kernel';
import { startRehearsalServer, type RehearsalServer } from './server';

const open: RehearsalServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

async function startWithProbeTrack() {
  const clock = new ManualClock(Date.UTC(2026, 11, 5, 12));
  const kernel = createKernel({ clock, seed: 7 });
  const calls: string[] = [];
  const injected: unknown[] = [];
  let syncs = 0;
  kernel.metrics.register('Probe/Health', (query) => ({ timestamps: [Math.floor(clock.now() / 1000 / query.period) * query.period], values: [1] }));
  kernel.logs.register({
    group: (name) =>
      name === 'probe-group'
        ? {
            streams: new Map([['s1', { group: name, name: 's1', createdAt: 0, events: [{ id: 1, timestamp: 5, ingestionTime: 6, message: 'probe line' }] }]]),
            end: 1,
          }
        : undefined,
  });
  const track: TrackSimulator = {
    id: 'probe',
    services: [
      {
        name: 'probe',
        title: 'Probe',
        protocol: 'awsJson1_0',
        route: { targetPrefix: 'ProbeService_2026.' },
        handle(operation, input) {
          calls.push(operation);
          if (operation === 'Fail') throw new AwsError('ProbeFault', 'failed as asked');
          return { echoed: input };
        },
      },
    ],
    sync: () => void syncs++,
    admin: {
      aliases: ['ping'],
      handle: async (method, route) => (route === 'ping' && method === 'GET' ? { status: 200, json: { pong: true } } : undefined),
    },
    faults: {
      options: [z.strictObject({ type: z.literal('probe-outage'), minutes: z.number() })],
      inject: (spec) => void injected.push(spec),
      clear: () => void (injected.length = 0),
      describe: () => ({ probes: [...injected] }),
    },
  };
  const server = await startRehearsalServer({ kernel, simulators: [track], name: 'probe estate' });
  open.push(server);
  const aws = (target: string, body: unknown) =>
    fetch(server.url, { method: 'POST', headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify(body) });
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${server.url}/_admin/${path}`, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
    });
  return { server, clock, calls, injected, syncs: () => syncs, aws, admin };
}

describe('rehearsal kernel with a track of its own', () => {
  it('routes a declared service by its target prefix, in its protocol, syncing the track first', async () => {
    const { aws, calls, syncs } = await startWithProbeTrack();
    const ok = await aws('ProbeService_2026.Echo', { a: 1 });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(await ok.json()).toEqual({ echoed: { a: 1 } });
    const failed = await aws('ProbeService_2026.Fail', {});
    expect(failed.status).toBe(400);
    expect(await failed.json()).toEqual({ __type: 'ProbeFault', message: 'failed as asked' });
    expect(calls).toEqual(['Echo', 'Fail']);
    expect(syncs()).toBeGreaterThanOrEqual(2);

    const unknown = await aws('AmazonDMSv20160101.DescribeReplicationTasks', {});
    expect(await unknown.json()).toEqual({
      __type: 'UnknownOperationException',
      message:
        'The rehearsal environment serves Probe (ProbeService_2026.*), CloudWatch (GraniteServiceVersion20100801.*) and CloudWatch Logs (Logs_20140328.*), not AmazonDMSv20160101.DescribeReplicationTasks',
    });
  });

  it('matches wire faults to the declared service name and injects the track’s own fault kinds', async () => {
    const { aws, admin, injected } = await startWithProbeTrack();
    expect(
      (
        await admin('POST', 'faults', [
          { type: 'throttle', rate: 1, service: 'probe' },
          { type: 'probe-outage', minutes: 3 },
        ])
      ).status,
    ).toBe(201);
    const throttled = await aws('ProbeService_2026.Echo', {});
    expect(await throttled.json()).toMatchObject({ __type: 'ThrottlingException' });
    expect(injected).toEqual([{ type: 'probe-outage', minutes: 3 }]);
    expect(await (await admin('GET', 'faults')).json()).toMatchObject({ wire: [{ type: 'throttle', service: 'probe' }], probes: [{ type: 'probe-outage' }] });

    // A service no route declares, and a fault kind no track declares, are refused.
    expect((await admin('POST', 'faults', { type: 'throttle', rate: 1, service: 'dms' })).status).toBe(400);
    expect((await admin('POST', 'faults', { type: 'task-failure', task: 'x', atPercent: 5 })).status).toBe(400);
    expect(((await (await admin('GET', 'faults')).json()) as { wire: unknown[] }).wire).toHaveLength(1);

    expect((await admin('DELETE', 'faults')).status).toBe(204);
    expect(injected).toEqual([]);
    expect((await aws('ProbeService_2026.Echo', {})).status).toBe(200);
  });

  it('mounts the track’s admin routes under /_admin/<id>/ and at their aliases', async () => {
    const { admin } = await startWithProbeTrack();
    expect(await (await admin('GET', 'probe/ping')).json()).toEqual({ pong: true });
    expect(await (await admin('GET', 'ping')).json()).toEqual({ pong: true });
    const missing = await admin('GET', 'probe/nothing');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      message:
        'no admin endpoint /_admin/probe/nothing; see /_admin/accounts, /_admin/accounts/roles, /_admin/clock, /_admin/clock/advance, /_admin/faults, /_admin/ping',
    });
  });

  it('serves CloudWatch and CloudWatch Logs from what the track registered', async () => {
    const { aws, clock } = await startWithProbeTrack();
    const seconds = Math.floor(clock.now() / 1000);
    const metrics = await aws('GraniteServiceVersion20100801.GetMetricData', {
      StartTime: seconds - 600,
      EndTime: seconds + 60,
      MetricDataQueries: [
        { Id: 'probe', MetricStat: { Metric: { Namespace: 'Probe/Health', MetricName: 'Up' }, Period: 60, Stat: 'Maximum' } },
        { Id: 'other', MetricStat: { Metric: { Namespace: 'AWS/DMS', MetricName: 'CDCLatencyTarget' }, Period: 60, Stat: 'Maximum' } },
      ],
    });
    expect(await metrics.json()).toMatchObject({
      MetricDataResults: [
        { Id: 'probe', Values: [1] },
        { Id: 'other', Values: [] },
      ],
    });
    const logs = await fetch(metrics.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'Logs_20140328.FilterLogEvents', 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({ logGroupName: 'probe-group' }),
    });
    expect(await logs.json()).toMatchObject({ events: [{ logStreamName: 's1', message: 'probe line' }] });
  });
});
