// The traffic track's faults through POST /_admin/faults and the real SDK clients: 5xx and slowness that appear once
// the group's share of its service reaches `fromPercent` and go when cleared, targets failing their health checks
// (and a group without a healthy target answering everything with 5xx), Route 53 changes held PENDING by
// `traffic-change-pending` until it ends or is cleared (then the normal delay from there), and the faults' checks.
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ChangeResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { describe, expect, it } from 'vitest';
import {
  buildAlbService,
  buildRoute53Service,
  changeStatus,
  MINUTE,
  setListenerPercent,
  setRoute53Percent,
  T0,
  useTrafficRehearsal,
  type TrafficHarness,
} from './test-harness';

const start = useTrafficRehearsal();
const at = (minutes: number, seconds = 0) => T0 + minutes * MINUTE + seconds * 1000;

async function inject(harness: TrafficHarness, fault: unknown): Promise<void> {
  const answer = await harness.admin('POST', 'faults', fault);
  expect(answer).toMatchObject({ status: 201 });
}

async function groupNow(
  harness: TrafficHarness,
  name: string,
): Promise<{ requestsPerSecond: number; sharePercent: number; errorPercent: number; responseTimeMs: number }> {
  const estate = (await harness.admin('GET', 'traffic/estate')).json as {
    targetGroups: { name: string; requestsPerSecond: number; sharePercent: number; errorPercent: number; responseTimeMs: number }[];
  };
  return estate.targetGroups.find((group) => group.name === name)!;
}

describe('traffic-errors and traffic-slow', () => {
  it('answers 5xx from a share of the service on, and stops when cleared', async () => {
    const harness = await start();
    const service = await buildRoute53Service(harness, 5);
    await inject(harness, { type: 'traffic-errors', targetGroup: 'shop-aws', errorPercent: 30, fromPercent: 25 });
    harness.advance(60);
    expect(await groupNow(harness, 'shop-aws')).toMatchObject({ requestsPerSecond: 1, sharePercent: 5, errorPercent: 0.1 });
    await setRoute53Percent(harness, service, 25); // in sync at 1:10
    harness.advance(120);
    expect(await groupNow(harness, 'shop-aws')).toMatchObject({ requestsPerSecond: 5, sharePercent: 25, errorPercent: 30.1 });
    // Minute 2 at 25 %: 300 requests, about 30 % of them 5xx.
    const errors = await harness.albMinutes('HTTPCode_Target_5XX_Count', service.awsDimensions, at(2), at(3));
    expect(errors[2]).toBeGreaterThanOrEqual(89);
    expect(errors[2]).toBeLessThanOrEqual(91);
    expect((await harness.admin('DELETE', 'faults')).status).toBe(204);
    expect(await groupNow(harness, 'shop-aws')).toMatchObject({ errorPercent: 0.1 });
    harness.advance(120);
    // The minutes before the clearing keep their errors; the ones after have the base rate only.
    expect((await harness.albMinutes('HTTPCode_Target_5XX_Count', service.awsDimensions, at(2), at(3)))[2]).toBe(errors[2]);
    expect((await harness.albMinutes('HTTPCode_Target_5XX_Count', service.awsDimensions, at(3), at(5)))[3] ?? 0).toBeLessThanOrEqual(2);
  });

  it('slows the group from a share on, for its window', async () => {
    const harness = await start();
    const service = await buildAlbService(harness, 25);
    await inject(harness, { type: 'traffic-slow', targetGroup: 'shop-aws', responseTimeMs: 900, fromPercent: 50, at: '1m', durationSeconds: '3m' });
    harness.advance(60);
    expect((await groupNow(harness, 'shop-aws')).responseTimeMs).toBeLessThan(50);
    await setListenerPercent(harness, service, 50);
    expect((await groupNow(harness, 'shop-aws')).responseTimeMs).toBe(900);
    harness.advance(240);
    const times = await harness.albMinutes('TargetResponseTime', service.awsDimensions, at(1), at(5), 'Average');
    expect(times).toMatchObject({ 1: 0.9, 2: 0.9, 3: 0.9 });
    expect(times[4]).toBeLessThan(0.05);
    // The data-center group is never slow.
    expect((await harness.albMinutes('TargetResponseTime', service.dcDimensions, at(1), at(2), 'Average'))[1]).toBeLessThan(0.05);
  });
});

describe('traffic-unhealthy', () => {
  it('fails some targets’ health checks after the unhealthy threshold, recovers after the healthy one when cleared', async () => {
    const harness = await start();
    const service = await buildAlbService(harness, 100);
    harness.advance(60);
    await inject(harness, { type: 'traffic-unhealthy', targetGroup: 'shop-aws', targets: 1 });
    const states = async () =>
      (await harness.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: service.awsGroupArn }))).TargetHealthDescriptions!.map((entry) =>
        `${entry.TargetHealth!.State} ${entry.TargetHealth!.Reason ?? ''}`.trim(),
      );
    harness.advance(19);
    expect(await states()).toEqual(['healthy', 'healthy']);
    harness.advance(1); // 2 failed checks, 10 s apart
    expect(await states()).toEqual(['unhealthy Target.ResponseCodeMismatch', 'healthy']);
    harness.advance(40);
    expect(await harness.albMinutes('UnHealthyHostCount', service.awsDimensions, at(1), at(2), 'Maximum')).toEqual({ 1: 1 });
    expect(await harness.albMinutes('HealthyHostCount', service.awsDimensions, at(1), at(2), 'Minimum')).toEqual({ 1: 1 });
    expect((await harness.admin('DELETE', 'faults')).status).toBe(204);
    harness.advance(29);
    expect(await states()).toEqual(['unhealthy Target.ResponseCodeMismatch', 'healthy']);
    harness.advance(1); // 3 passed checks
    expect(await states()).toEqual(['healthy', 'healthy']);
  });

  it('turns every request into a 5xx while no target of the group is healthy', async () => {
    const harness = await start();
    const service = await buildAlbService(harness, 100);
    harness.advance(60);
    await inject(harness, { type: 'traffic-unhealthy', targetGroup: 'shop-aws', durationSeconds: 60 });
    harness.advance(180);
    // Unhealthy from 1:20 (2 checks) until 2:30 (the fault's end at 2:00 + 3 checks).
    const errors = await harness.albMinutes('HTTPCode_Target_5XX_Count', service.awsDimensions, at(1), at(3));
    expect(errors[1]).toBeGreaterThanOrEqual(40 * 20);
    expect(errors[2]).toBeGreaterThanOrEqual(30 * 20);
    expect(errors[2]).toBeLessThanOrEqual(30 * 20 + 3);
    expect(await harness.albMinutes('UnHealthyHostCount', service.awsDimensions, at(1), at(3), 'Maximum')).toEqual({ 1: 2, 2: 2 });
  });
});

describe('traffic-change-pending', () => {
  it('holds the changes submitted while it lasts, until it is cleared (then the normal delay)', async () => {
    const harness = await start();
    const service = await buildRoute53Service(harness, 0);
    harness.advance(60);
    await inject(harness, { type: 'traffic-change-pending', zone: 'example.com' });
    const held = await setRoute53Percent(harness, service, 25);
    harness.advance(600);
    expect(await changeStatus(harness, held)).toBe('PENDING');
    // DNS still answers the old weights: no request reaches the AWS side.
    expect(await harness.albMinutes('RequestCount', service.awsDimensions, at(1), at(11))).toEqual({});
    expect((await harness.admin('GET', 'faults')).json).toMatchObject({ traffic: [{ type: 'traffic-change-pending', zone: 'example.com', until: null }] });
    expect((await harness.admin('DELETE', 'faults')).status).toBe(204);
    harness.advance(9);
    expect(await changeStatus(harness, held)).toBe('PENDING');
    harness.advance(1);
    expect(await changeStatus(harness, held)).toBe('INSYNC');
    // New changes go in sync as usual.
    const next = await setRoute53Percent(harness, service, 50);
    harness.advance(10);
    expect(await changeStatus(harness, next)).toBe('INSYNC');
  });

  it('holds until its end when it has a duration, and only the zone it names', async () => {
    const harness = await start();
    const service = await buildRoute53Service(harness, 0);
    const other = (await harness.admin('POST', 'traffic/zones', { name: 'other.example', id: 'ZOTHER0000000000001' })).json as { id: string };
    await inject(harness, { type: 'traffic-change-pending', zone: service.zoneId, at: 30, durationSeconds: 120 });
    const before = await setRoute53Percent(harness, service, 10);
    harness.advance(30);
    const during = await setRoute53Percent(harness, service, 20);
    const elsewhere = await harness.route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: other.id,
        ChangeBatch: {
          Changes: [{ Action: 'CREATE', ResourceRecordSet: { Name: 'a.other.example', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '10.0.0.1' }] } }],
        },
      }),
    );
    harness.advance(10);
    expect(await changeStatus(harness, before)).toBe('INSYNC');
    expect(await changeStatus(harness, elsewhere.ChangeInfo!.Id!)).toBe('INSYNC');
    expect(await changeStatus(harness, during)).toBe('PENDING');
    harness.advance(119); // the fault ends at 2:30; in sync 10 s later
    expect(await changeStatus(harness, during)).toBe('PENDING');
    harness.advance(1);
    expect(await changeStatus(harness, during)).toBe('INSYNC');
  });
});

describe('traffic fault specs', () => {
  it('refuses a malformed fault with a located error and lists the injected ones', async () => {
    const harness = await start();
    expect(await harness.admin('POST', 'faults', { type: 'traffic-errors', targetGroup: 'shop-aws', errorPercent: 150 })).toEqual({
      status: 400,
      json: { error: 'bad-request', message: 'errorPercent: expected a percentage 0-100', field: 'errorPercent' },
    });
    expect((await harness.admin('POST', 'faults', { type: 'traffic-unhealthy', targetGroup: '-bad-' })).json).toMatchObject({ field: 'targetGroup' });
    expect((await harness.admin('POST', 'faults', { type: 'traffic-slow', targetGroup: 'g', responseTimeMs: 0 })).json).toMatchObject({
      field: 'responseTimeMs',
    });
    expect((await harness.admin('POST', 'faults', { type: 'traffic-errors', targetGroup: 'g', errorPercent: 5, extra: 1 })).status).toBe(400);
    await inject(harness, [
      { type: 'traffic-errors', targetGroup: 'g', errorPercent: 5, at: '1m', durationSeconds: 60 },
      { type: 'throttle', service: 'route53', rate: 0.5 },
    ]);
    const listed = (await harness.admin('GET', 'faults')).json as { wire: unknown[]; traffic: unknown[] };
    expect(listed.wire).toHaveLength(1);
    expect(listed.traffic).toEqual([
      {
        id: 1,
        type: 'traffic-errors',
        targetGroup: 'g',
        errorPercent: 5,
        fromPercent: 0,
        at: 60,
        durationSeconds: 60,
        from: new Date(at(1)).toISOString(),
        until: new Date(at(2)).toISOString(),
      },
    ]);
  });
});
