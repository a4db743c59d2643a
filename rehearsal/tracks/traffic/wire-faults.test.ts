// The kernel's wire faults on Route 53 (restXml) and ELBv2 (awsQuery) through the real SDK clients: a throttle is
// `Throttling` (400, Sender) in each service's error XML, which the SDK retries; a 5xx burst is InternalFailure (500,
// Receiver); a hang is never answered; a fault names one service and leaves the other alone; a scenario file's wire
// faults may name both.
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ListHostedZonesCommand, Route53Client } from '@aws-sdk/client-route-53';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../aws-rehearsal';
import { CREDENTIALS, failureOf, REGION, useTrafficRehearsal } from './test-harness';

const start = useTrafficRehearsal();

describe('wire faults on Route 53 and ELBv2', () => {
  it('throttles with Throttling (400, Sender) in each service’s XML, only the service the fault names', async () => {
    const harness = await start();
    expect((await harness.admin('POST', 'faults', { type: 'throttle', service: 'route53', rate: 1 })).status).toBe(201);
    expect(await failureOf(harness.route53.send(new ListHostedZonesCommand({})))).toEqual({ name: 'Throttling', status: 400, message: 'Rate exceeded' });
    const raw = await harness.raw('GET', '/2013-04-01/hostedzone');
    expect(raw.text).toMatch(
      /<ErrorResponse xmlns="https:\/\/route53\.amazonaws\.com\/doc\/2013-04-01\/"><Error><Type>Sender<\/Type><Code>Throttling<\/Code><Message>Rate exceeded<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
    expect((await harness.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers).toEqual([]);
    expect((await harness.admin('DELETE', 'faults')).status).toBe(204);
    expect((await harness.admin('POST', 'faults', { type: 'throttle', service: 'elbv2', rate: 1, operations: ['DescribeLoadBalancers'] })).status).toBe(201);
    expect(await failureOf(harness.elbv2.send(new DescribeLoadBalancersCommand({})))).toEqual({ name: 'Throttling', status: 400, message: 'Rate exceeded' });
    expect((await harness.route53.send(new ListHostedZonesCommand({}))).HostedZones).toEqual([]);
  });

  it('is retried by the SDKs through a partial throttle', async () => {
    const harness = await start();
    expect((await harness.admin('POST', 'faults', [{ type: 'throttle', service: 'all', rate: 0.3 }])).status).toBe(201);
    const config = { endpoint: harness.url, region: REGION, credentials: CREDENTIALS, maxAttempts: 5 };
    const route53 = new Route53Client(config);
    const elbv2 = new ElasticLoadBalancingV2Client(config);
    const attempts: number[] = [];
    for (let i = 0; i < 3; i++) {
      attempts.push((await route53.send(new ListHostedZonesCommand({}))).$metadata.attempts ?? 1);
      attempts.push((await elbv2.send(new DescribeLoadBalancersCommand({}))).$metadata.attempts ?? 1);
    }
    route53.destroy();
    elbv2.destroy();
    expect(attempts.some((count) => count > 1)).toBe(true);
  });

  it('answers a 5xx burst as InternalFailure (500, Receiver) and leaves a hung request unanswered', async () => {
    const harness = await start();
    expect((await harness.admin('POST', 'faults', { type: 'server-error', service: 'elbv2', for: '1m' })).status).toBe(201);
    const failed = await harness.elbv2
      .send(new DescribeLoadBalancersCommand({}))
      .catch((error: unknown) => error as Error & { $fault: string; $metadata: { httpStatusCode: number } });
    expect(failed).toMatchObject({ name: 'InternalFailure', $fault: 'server', $metadata: { httpStatusCode: 500 } });
    const raw = await harness.raw('POST', '/', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=DescribeLoadBalancers&Version=2015-12-01',
    });
    expect(raw.text).toContain('<Type>Receiver</Type><Code>InternalFailure</Code>');
    harness.advance(60);
    expect((await harness.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers).toEqual([]);

    expect((await harness.admin('POST', 'faults', { type: 'hang', service: 'route53', for: '1m' })).status).toBe(201);
    const started = performance.now();
    const hung = await failureOf(harness.route53.send(new ListHostedZonesCommand({}), { abortSignal: AbortSignal.timeout(200) }));
    expect(hung.name).toMatch(/Abort|Timeout/);
    expect(performance.now() - started).toBeLessThan(2_000);
    harness.advance(60);
    expect((await harness.route53.send(new ListHostedZonesCommand({}))).HostedZones).toEqual([]);
  });

  it('lets a scenario file’s wire faults name route53 and elbv2', () => {
    const scenario = parseScenario('traffic.yaml', 'faults:\n  - { type: throttle, service: route53, rate: 1 }\n  - { type: hang, service: elbv2 }\n');
    expect(scenario.faults.map((fault) => 'service' in fault && fault.service)).toEqual(['route53', 'elbv2']);
  });
});
