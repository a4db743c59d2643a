// The stand-in application health endpoints a cutover's http-check calls in the rehearsal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineScenario, startAwsRehearsal, type AwsRehearsal } from './index';

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
      fetch(`${aws.url}/_admin/apps/app1102`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ healthy, reason: 'login page times out' }) });
    expect((await mark(false)).status).toBe(200);
    const sick = await fetch(`${aws.url}/_apps/app1102/healthz`);
    expect(sick.status).toBe(503);
    expect(await sick.json()).toMatchObject({ status: 'unhealthy', reason: 'login page times out' });
    expect(((await (await fetch(`${aws.url}/_admin/apps`)).json()) as { items: unknown[] }).items).toEqual([{ instance: 'app1102', healthy: false, reason: 'login page times out' }]);
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
