// What the rehearsal stands in for during a cutover: the application instances' health endpoints, and writers at the source that an operator blocks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineScenario, ManualClock, startAwsRehearsal, type AwsRehearsal } from '../../aws-rehearsal';

let aws: AwsRehearsal;
beforeAll(async () => {
  aws = await startAwsRehearsal({ scenario: defineScenario({ name: 'apps' }) });
});
afterAll(async () => {
  await aws.close();
});

describe('rehearsal application health endpoints', () => {
  it('answers 200 with the traffic side the deployed program put in the URL', async () => {
    const response = await fetch(`${aws.url}/_apps/app1101/healthz?traffic=aws`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', instance: 'app1101', traffic: 'aws' });
  });

  it('answers 503 once marked unhealthy through the admin API, and 200 again when healed', async () => {
    const mark = (healthy: boolean) =>
      fetch(`${aws.url}/_admin/apps/app1102`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ healthy, reason: 'login page times out' }),
      });
    expect((await mark(false)).status).toBe(200);
    const sick = await fetch(`${aws.url}/_apps/app1102/healthz`);
    expect(sick.status).toBe(503);
    expect(await sick.json()).toMatchObject({ status: 'unhealthy', reason: 'login page times out' });
    expect(((await (await fetch(`${aws.url}/_admin/apps`)).json()) as { items: unknown[] }).items).toEqual([
      { instance: 'app1102', healthy: false, reason: 'login page times out' },
    ]);
    await mark(true);
    expect((await fetch(`${aws.url}/_apps/app1102/healthz`)).status).toBe(200);
  });

  it('refuses what is not a health path or an instance name', async () => {
    expect((await fetch(`${aws.url}/_apps/app1101/status`)).status).toBe(404);
    expect((await fetch(`${aws.url}/_apps/app1101/healthz`, { method: 'POST' })).status).toBe(405);
    const bad = await fetch(`${aws.url}/_admin/apps/-bad`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"healthy":false}' });
    expect(bad.status).toBe(400);
  });
});

describe('writers blocked at the source (a cutover freeze)', () => {
  it('stops new changes for the named tasks while captured ones still apply, and resumes them', async () => {
    const clock = new ManualClock();
    const env = await startAwsRehearsal({
      clock,
      scenario: defineScenario({
        name: 'freeze',
        tasks: [
          { id: 'orders-mysql', autoStart: true, tables: { count: 2, maxRows: 1_000 } },
          { id: 'billing-mysql', autoStart: true, tables: { count: 2, maxRows: 1_000 } },
        ],
      }),
    });
    try {
      const post = (body: unknown) =>
        fetch(`${env.url}/_admin/writers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      clock.advance(5 * 60_000);
      const orders = () => env.simulation.task('orders-mysql')!;
      const billing = () => env.simulation.task('billing-mysql')!;
      expect(orders().cdcActive).toBe(true);
      expect(await (await post({ blocked: true, tasks: ['orders-mysql'] })).json()).toEqual({ blocked: true, tasks: ['orders-mysql'] });
      const [ordersBefore, billingBefore] = [orders().captured, billing().captured];
      clock.advance(2 * 60_000);
      expect(orders().captured).toBe(ordersBefore);
      expect(billing().captured).toBeGreaterThan(billingBefore);
      expect(orders().backlog).toBe(0);

      await post({ blocked: false });
      clock.advance(60_000);
      expect(orders().captured).toBeGreaterThan(ordersBefore);
      expect((await post({ blocked: true, tasks: ['no-such-task'] })).status).toBe(400);
    } finally {
      await env.close();
    }
  });
});
