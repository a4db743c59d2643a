// The traffic track's admin routes: the estate at a glance (zones with in-sync weights, services and their split,
// load balancers, target groups with their targets, current requests and 5xx), seeding zones with the plan's ids
// (POST /_admin/traffic/zones, or the rehearsal's `trafficZones`), demand and propagation settings, another account's
// estate with `?account=`, and located errors for every bad body.
import { GetHostedZoneCommand, ListHostedZonesCommand, Route53Client } from '@aws-sdk/client-route-53';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, buildRoute53Service, CREDENTIALS, REGION, useTrafficRehearsal } from './test-harness';

const start = useTrafficRehearsal();

describe('/_admin/traffic/', () => {
  it('shows the estate: zones, services and their split, load balancers, target groups and what they serve now', async () => {
    const harness = await start();
    const service = await buildRoute53Service(harness, 25);
    harness.advance(60);
    const estate = (await harness.admin('GET', 'traffic/estate')).json as Record<string, unknown>;
    expect(estate).toMatchObject({
      now: '2026-12-05T00:01:00.000Z',
      accountId: ACCOUNT,
      propagationSeconds: 10,
      zones: [{ id: service.zoneId, name: 'example.com.', private: false, pendingChanges: [] }],
      services: [
        {
          name: 'shop.example.com.',
          zoneId: service.zoneId,
          requestsPerSecond: 20,
          split: [
            { setIdentifier: 'shop-dc', weight: 75, percent: 75, to: 'data center', requestsPerSecond: 15 },
            {
              setIdentifier: 'shop-aws',
              weight: 25,
              percent: 25,
              to: { loadBalancer: service.loadBalancer.LoadBalancerArn, name: 'shop' },
              requestsPerSecond: 5,
            },
          ],
          dataCenterRequestsPerSecond: 15,
        },
      ],
      loadBalancers: [
        {
          arn: service.loadBalancer.LoadBalancerArn,
          name: 'shop',
          dnsName: service.loadBalancer.DNSName,
          requestsPerSecond: 5,
          ownDemand: 0,
          unroutedRequestsPerSecond: 0,
          listeners: [
            { arn: service.listenerArn, port: 80, protocol: 'HTTP', targetGroups: [{ arn: service.awsGroupArn, name: 'shop-aws', weight: 1, percent: 100 }] },
          ],
        },
      ],
      targetGroups: [
        {
          arn: service.awsGroupArn,
          name: 'shop-aws',
          loadBalancer: service.loadBalancer.LoadBalancerArn,
          targets: [
            { id: 'i-0123456789abcdef0', port: 80, state: 'healthy', reason: null },
            { id: 'i-0123456789abcdef1', port: 80, state: 'healthy', reason: null },
          ],
          requestsPerSecond: 5,
          sharePercent: 25,
          errorPercent: 0.1,
        },
      ],
      demand: { names: {}, loadBalancers: {} },
    });
  });

  it('seeds zones with a given id (or a new one), from the rehearsal’s trafficZones too', async () => {
    const harness = await start({ trafficZones: [{ id: 'Z0123456789ABCDEFGHIJ', name: 'shop.example' }] });
    const seeded = await harness.route53.send(new GetHostedZoneCommand({ Id: 'Z0123456789ABCDEFGHIJ' }));
    expect(seeded.HostedZone).toMatchObject({ Id: '/hostedzone/Z0123456789ABCDEFGHIJ', Name: 'shop.example.', ResourceRecordSetCount: 2 });
    const added = await harness.admin('POST', 'traffic/zones', { name: 'second.example', id: 'ZSECOND000000000001' });
    expect(added).toMatchObject({ status: 201, json: { id: 'ZSECOND000000000001', name: 'second.example.' } });
    const drawn = await harness.admin('POST', 'traffic/zones', { name: 'third.example' });
    expect(drawn).toMatchObject({ status: 201, json: { id: expect.stringMatching(/^Z[A-Z0-9]{20}$/) } });
    expect((await harness.route53.send(new ListHostedZonesCommand({}))).HostedZones!.map((zone) => zone.Name)).toEqual([
      'shop.example.',
      'second.example.',
      'third.example.',
    ]);
    expect(await harness.admin('POST', 'traffic/zones', { name: 'again.example', id: 'ZSECOND000000000001' })).toMatchObject({
      status: 409,
      json: { field: 'id' },
    });
    expect(await harness.admin('POST', 'traffic/zones', { name: 'x.example', id: 'not-an-id' })).toMatchObject({ status: 400, json: { field: 'id' } });
    expect(await harness.admin('POST', 'traffic/zones', { name: 'bad..name' })).toMatchObject({
      status: 400,
      json: { error: 'bad-request', message: 'name: expected a domain name such as shop.example.com', field: 'name' },
    });
  });

  it('keeps the plan’s zones in the source account: another account has its own Route 53 and admin view', async () => {
    const harness = await start({
      roles: [{ accountId: '222222222222', roleName: 'Deployer' }],
      trafficZones: [{ id: 'Z0123456789ABCDEFGHIJ', name: 'shop.example' }],
    });
    const sts = new STSClient({ endpoint: harness.url, region: REGION, credentials: CREDENTIALS });
    const session = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/Deployer', RoleSessionName: 'deploy' }));
    sts.destroy();
    const other = new Route53Client({
      endpoint: harness.url,
      region: REGION,
      maxAttempts: 1,
      credentials: {
        accessKeyId: session.Credentials!.AccessKeyId!,
        secretAccessKey: session.Credentials!.SecretAccessKey!,
        sessionToken: session.Credentials!.SessionToken!,
      },
    });
    expect((await other.send(new ListHostedZonesCommand({}))).HostedZones).toEqual([]);
    other.destroy();
    expect((await harness.admin('GET', 'traffic/estate?account=222222222222')).json).toMatchObject({ accountId: '222222222222', zones: [] });
    expect((await harness.admin('GET', 'traffic/estate?account=333333333333')).status).toBe(400);
  });

  it('sets demand and propagation, answering located errors for bad bodies and the wrong method', async () => {
    const harness = await start();
    const service = await buildRoute53Service(harness, 100);
    expect(await harness.admin('POST', 'traffic/demand', { name: 'shop.example.com', requestsPerSecond: 40 })).toEqual({
      status: 200,
      json: { name: 'shop.example.com.', requestsPerSecond: 40, from: '2026-12-05T00:00:00.000Z' },
    });
    expect((await harness.admin('POST', 'traffic/demand', { loadBalancer: 'shop', requestsPerSecond: 3 })).json).toMatchObject({ requestsPerSecond: 3 });
    expect(await harness.admin('POST', 'traffic/demand', { loadBalancer: 'nope', requestsPerSecond: 3 })).toMatchObject({
      status: 404,
      json: { field: 'loadBalancer' },
    });
    expect(await harness.admin('POST', 'traffic/demand', { name: 'a.example', loadBalancer: 'shop', requestsPerSecond: 3 })).toMatchObject({
      status: 400,
      json: { field: 'name' },
    });
    expect(await harness.admin('POST', 'traffic/demand', { name: 'a.example', requestsPerSecond: -1 })).toMatchObject({
      status: 400,
      json: { message: 'requestsPerSecond: expected requests per second, 0-1000000', field: 'requestsPerSecond' },
    });
    expect((await harness.admin('GET', 'traffic/estate')).json).toMatchObject({
      demand: { names: { 'shop.example.com.': 40 }, loadBalancers: { [service.loadBalancer.LoadBalancerArn!]: 3 } },
    });
    expect(await harness.admin('POST', 'traffic/propagation', { seconds: 3601 })).toMatchObject({ status: 400, json: { field: 'seconds' } });
    expect(await harness.admin('POST', 'traffic/propagation', { seconds: 0 })).toEqual({ status: 200, json: { propagationSeconds: 0 } });
    expect((await harness.admin('GET', 'traffic/propagation')).status).toBe(405);
    expect((await harness.admin('POST', 'traffic/estate', {})).status).toBe(405);
    expect(await harness.admin('GET', 'traffic/nothing')).toMatchObject({ status: 404, json: { message: expect.stringContaining('/_admin/traffic/estate') } });
  });
});
