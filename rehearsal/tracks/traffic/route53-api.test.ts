// Route 53 through the real @aws-sdk/client-route-53 against a started rehearsal: hosted zones (create, get, list
// with paging), record set changes (weighted, alias, atomic batches, every validation error), changes PENDING until
// the propagation delay has passed on the rehearsal clock, ListResourceRecordSets in Route 53's order with its paging,
// and what the SDK cannot send (the trailing slash, malformed XML, unknown paths) as raw requests.
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  type InvalidChangeBatch,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  type Change,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { describe, expect, it } from 'vitest';
import { buildRoute53Service, changeStatus, failureOf, setRoute53Percent, T0, useTrafficRehearsal, type TrafficHarness } from './test-harness';

const start = useTrafficRehearsal();
const XMLNS = 'https://route53.amazonaws.com/doc/2013-04-01/';

async function zone(harness: TrafficHarness, name = 'example.com', reference = `ref-${name}`): Promise<string> {
  const out = await harness.route53.send(new CreateHostedZoneCommand({ Name: name, CallerReference: reference }));
  return out.HostedZone!.Id!.replace('/hostedzone/', '');
}

const a = (name: string, value: string, extra: Partial<ResourceRecordSet> = {}): ResourceRecordSet => ({
  Name: name,
  Type: 'A',
  TTL: 60,
  ResourceRecords: [{ Value: value }],
  ...extra,
});

async function change(harness: TrafficHarness, zoneId: string, changes: Change[]): Promise<string> {
  return (await harness.route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: changes } }))).ChangeInfo!.Id!;
}

/**
 * A refused batch: its error and the messages of Route 53's bracketed Message (`[a, b]`). Route 53 also lists them in
 * `<Messages><Message>`, which the SDK does not read (its model names the member `messages`).
 */
async function batchFailure(
  harness: TrafficHarness,
  zoneId: string,
  changes: Change[],
): Promise<{ name: string; status?: number; message: string; messages: string[] }> {
  try {
    await change(harness, zoneId, changes);
  } catch (error) {
    const failure = error as InvalidChangeBatch & { $metadata: { httpStatusCode?: number } };
    const messages = failure.message.startsWith('[') ? failure.message.slice(1, -1).split(/, (?=Tried|RRSet|Invalid|A HostedZone)/) : [];
    return { name: failure.name, status: failure.$metadata.httpStatusCode, message: failure.message, messages };
  }
  throw new Error('expected the batch to fail');
}

describe('Route 53 hosted zones', () => {
  it('creates a zone with its SOA and NS sets, a PENDING change that goes INSYNC, and reads it back', async () => {
    const harness = await start();
    const created = await harness.route53.send(
      new CreateHostedZoneCommand({ Name: 'Example.COM', CallerReference: 'r1', HostedZoneConfig: { Comment: 'shop' } }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.HostedZone).toMatchObject({
      Name: 'example.com.',
      CallerReference: 'r1',
      Config: { Comment: 'shop', PrivateZone: false },
      ResourceRecordSetCount: 2,
    });
    expect(created.HostedZone!.Id).toMatch(/^\/hostedzone\/Z[A-Z0-9]{20}$/);
    expect(created.Location).toBe(`https://route53.amazonaws.com/2013-04-01/hostedzone/${created.HostedZone!.Id!.slice('/hostedzone/'.length)}`);
    expect(created.ChangeInfo).toEqual({ Id: expect.stringMatching(/^\/change\/C[A-Z0-9]{20}$/), Status: 'PENDING', SubmittedAt: new Date(T0) });
    expect(created.DelegationSet!.NameServers).toHaveLength(4);
    harness.advance(9);
    expect(await changeStatus(harness, created.ChangeInfo!.Id!)).toBe('PENDING');
    harness.advance(1);
    expect(await changeStatus(harness, created.ChangeInfo!.Id!)).toBe('INSYNC');

    // The SDK strips the /hostedzone/ prefix from the id it is given.
    const got = await harness.route53.send(new GetHostedZoneCommand({ Id: created.HostedZone!.Id }));
    expect(got.HostedZone).toEqual(created.HostedZone);
    expect(got.DelegationSet).toEqual(created.DelegationSet);
    const records = await harness.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: got.HostedZone!.Id }));
    expect(records.ResourceRecordSets!.map((set) => [set.Name, set.Type, set.TTL])).toEqual([
      ['example.com.', 'NS', 172_800],
      ['example.com.', 'SOA', 900],
    ]);
  });

  it('lists zones in pages and refuses a reused caller reference, a bad name and unknown ids', async () => {
    const harness = await start();
    const ids = [await zone(harness, 'a.example'), await zone(harness, 'b.example'), await zone(harness, 'c.example')];
    const first = await harness.route53.send(new ListHostedZonesCommand({ MaxItems: 2 }));
    expect(first.HostedZones!.map((entry) => entry.Name)).toEqual(['a.example.', 'b.example.']);
    expect(first).toMatchObject({ IsTruncated: true, NextMarker: ids[2], MaxItems: 2 });
    const second = await harness.route53.send(new ListHostedZonesCommand({ MaxItems: 2, Marker: first.NextMarker }));
    expect(second.HostedZones!.map((entry) => entry.Name)).toEqual(['c.example.']);
    expect(second).toMatchObject({ IsTruncated: false, Marker: ids[2] });
    expect(second.NextMarker).toBeUndefined();

    expect(await failureOf(harness.route53.send(new CreateHostedZoneCommand({ Name: 'd.example', CallerReference: 'ref-a.example' })))).toMatchObject({
      name: 'HostedZoneAlreadyExists',
      status: 409,
    });
    expect(await failureOf(harness.route53.send(new CreateHostedZoneCommand({ Name: 'bad..name', CallerReference: 'x' })))).toMatchObject({
      name: 'InvalidDomainName',
      status: 400,
    });
    expect(await failureOf(harness.route53.send(new GetHostedZoneCommand({ Id: 'ZNOSUCHZONE' })))).toEqual({
      name: 'NoSuchHostedZone',
      status: 404,
      message: 'No hosted zone found with ID: ZNOSUCHZONE',
    });
    expect(await failureOf(harness.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: 'ZNOSUCHZONE' })))).toMatchObject({
      name: 'NoSuchHostedZone',
    });
    expect(await failureOf(change(harness, 'ZNOSUCHZONE', [{ Action: 'CREATE', ResourceRecordSet: a('x.example', '10.0.0.1') }]))).toMatchObject({
      name: 'NoSuchHostedZone',
      status: 404,
    });
    expect(await failureOf(harness.route53.send(new GetChangeCommand({ Id: 'CNOSUCHCHANGE' })))).toMatchObject({ name: 'NoSuchChange', status: 404 });
  });

  it('creates a private zone with its VPC', async () => {
    const harness = await start();
    const created = await harness.route53.send(
      new CreateHostedZoneCommand({ Name: 'internal.example', CallerReference: 'p', VPC: { VPCRegion: 'eu-central-1', VPCId: 'vpc-0a1b2c3d4e5f60718' } }),
    );
    expect(created.HostedZone!.Config!.PrivateZone).toBe(true);
    expect(created.VPC).toEqual({ VPCRegion: 'eu-central-1', VPCId: 'vpc-0a1b2c3d4e5f60718' });
    expect(created.DelegationSet).toBeUndefined();
    const got = await harness.route53.send(new GetHostedZoneCommand({ Id: created.HostedZone!.Id }));
    expect(got.VPCs).toEqual([{ VPCRegion: 'eu-central-1', VPCId: 'vpc-0a1b2c3d4e5f60718' }]);
  });
});

describe('Route 53 record set changes', () => {
  it('answers a change at once in ListResourceRecordSets and keeps it PENDING until propagated (admin-settable delay)', async () => {
    const harness = await start();
    const service = await buildRoute53Service(harness, 0);
    const records = async () =>
      (
        await harness.route53.send(
          new ListResourceRecordSetsCommand({ HostedZoneId: service.zoneId, StartRecordName: 'shop.example.com', StartRecordType: 'A' }),
        )
      ).ResourceRecordSets!;
    expect((await records()).map((set) => [set.SetIdentifier, set.Weight])).toEqual([
      ['shop-aws', 0],
      ['shop-dc', 100],
    ]);
    const aliased = (await records())[0]!;
    expect(aliased.AliasTarget).toEqual({
      HostedZoneId: 'Z215JYRZR1TBD5',
      DNSName: `${service.loadBalancer.DNSName!}.`,
      EvaluateTargetHealth: false,
    });
    expect(aliased.TTL).toBeUndefined();
    harness.advance(60);
    expect((await harness.admin('POST', 'traffic/propagation', { seconds: 45 })).status).toBe(200);
    const changeId = await setRoute53Percent(harness, service, 25);
    expect((await records()).map((set) => set.Weight)).toEqual([25, 75]);
    expect(await changeStatus(harness, changeId)).toBe('PENDING');
    const estate = async () =>
      ((await harness.admin('GET', 'traffic/estate')).json as { zones: { recordSets: { setIdentifier: string; weight: number; inSyncWeight: number }[] }[] })
        .zones[0]!.recordSets;
    expect((await estate()).find((set) => set.setIdentifier === 'shop-aws')).toMatchObject({ weight: 25, inSyncWeight: 0 });
    harness.advance(44);
    expect(await changeStatus(harness, changeId)).toBe('PENDING');
    harness.advance(1);
    expect(await changeStatus(harness, changeId)).toBe('INSYNC');
    expect((await estate()).find((set) => set.setIdentifier === 'shop-aws')).toMatchObject({ weight: 25, inSyncWeight: 25 });
    // GetChange with the prefix the answer carried (the SDK strips it) and without.
    expect((await harness.route53.send(new GetChangeCommand({ Id: changeId.replace('/change/', '') }))).ChangeInfo!.Status).toBe('INSYNC');
  });

  it('deletes with the exact values, upserts, and applies a batch atomically', async () => {
    const harness = await start();
    const zoneId = await zone(harness);
    await change(harness, zoneId, [
      { Action: 'CREATE', ResourceRecordSet: a('www.example.com', '10.0.0.1') },
      { Action: 'CREATE', ResourceRecordSet: { Name: 'api.example.com', Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: 'www.example.com' }] } },
    ]);
    await change(harness, zoneId, [{ Action: 'UPSERT', ResourceRecordSet: a('www.example.com', '10.0.0.2') }]);
    // One bad change fails the whole batch: the good one before it is not applied.
    const failed = await batchFailure(harness, zoneId, [
      { Action: 'CREATE', ResourceRecordSet: a('new.example.com', '10.0.0.9') },
      { Action: 'DELETE', ResourceRecordSet: a('www.example.com', '10.0.0.1') },
    ]);
    expect(failed).toMatchObject({ name: 'InvalidChangeBatch', status: 400 });
    const names = async () =>
      (await harness.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }))).ResourceRecordSets!.map((set) => `${set.Name} ${set.Type}`);
    expect(await names()).toEqual(['example.com. NS', 'example.com. SOA', 'api.example.com. CNAME', 'www.example.com. A']);
    await change(harness, zoneId, [
      { Action: 'DELETE', ResourceRecordSet: a('www.example.com', '10.0.0.2') },
      { Action: 'CREATE', ResourceRecordSet: a('www.example.com', '10.0.0.3') },
    ]);
    const www = await harness.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, StartRecordName: 'www.example.com', MaxItems: 1 }));
    expect(www.ResourceRecordSets![0]!.ResourceRecords).toEqual([{ Value: '10.0.0.3' }]);
  });

  it('refuses invalid batches with Route 53’s InvalidChangeBatch messages, every one of the batch', async () => {
    const harness = await start();
    const zoneId = await zone(harness);
    await change(harness, zoneId, [
      { Action: 'CREATE', ResourceRecordSet: a('shop.example.com', '10.0.0.1', { SetIdentifier: 'dc', Weight: 100 }) },
      { Action: 'CREATE', ResourceRecordSet: a('plain.example.com', '10.0.0.1') },
      { Action: 'CREATE', ResourceRecordSet: { Name: 'alias.example.com', Type: 'CNAME', TTL: 60, ResourceRecords: [{ Value: 'plain.example.com' }] } },
    ]);
    const failed = await batchFailure(harness, zoneId, [
      { Action: 'CREATE', ResourceRecordSet: a('shop.example.com', '10.0.0.1', { SetIdentifier: 'dc', Weight: 5 }) },
      { Action: 'DELETE', ResourceRecordSet: a('missing.example.com', '10.0.0.1') },
      { Action: 'DELETE', ResourceRecordSet: a('plain.example.com', '10.0.0.2') },
      { Action: 'CREATE', ResourceRecordSet: a('shop.example.com', '10.0.0.2') },
      { Action: 'CREATE', ResourceRecordSet: a('plain.example.com', '10.0.0.3', { SetIdentifier: 'w', Weight: 1 }) },
      { Action: 'CREATE', ResourceRecordSet: { Name: 'shop.example.com', Type: 'CNAME', TTL: 60, ResourceRecords: [{ Value: 'x.example.com' }] } },
      { Action: 'CREATE', ResourceRecordSet: { Name: 'alias.example.com', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: '"v"' }] } },
      { Action: 'CREATE', ResourceRecordSet: { Name: 'example.com', Type: 'CNAME', TTL: 60, ResourceRecords: [{ Value: 'x.example.com' }] } },
      { Action: 'CREATE', ResourceRecordSet: a('shop.other.org', '10.0.0.1') },
      { Action: 'CREATE', ResourceRecordSet: a('bad.example.com', '300.1.1.1') },
      {
        Action: 'CREATE',
        ResourceRecordSet: {
          Name: 'lb.example.com',
          Type: 'A',
          AliasTarget: { HostedZoneId: 'Z215JYRZR1TBD5', DNSName: 'nope-1.eu-central-1.elb.amazonaws.com', EvaluateTargetHealth: false },
        },
      },
    ]);
    expect(failed.name).toBe('InvalidChangeBatch');
    expect(failed.messages).toEqual([
      "Tried to create resource record set [name='shop.example.com.', type='A', set-identifier='dc'] but it already exists",
      "Tried to delete resource record set [name='missing.example.com.', type='A'] but it was not found",
      "Tried to delete resource record set [name='plain.example.com.', type='A'] but the values provided do not match the current values",
      'RRSet with DNS name shop.example.com., type A cannot be created as other RRSets exist with the same name and type.',
      'RRSet with DNS name plain.example.com., type A, SetIdentifier w cannot be created as a non-weighted set exists with the same name and type.',
      'RRSet of type CNAME with DNS name shop.example.com. is not permitted as it conflicts with other records with the same DNS name in zone example.com.',
      'RRSet of type TXT with DNS name alias.example.com. is not permitted because a conflicting RRSet of type  CNAME with the same DNS name already exists in zone example.com.',
      'RRSet of type CNAME with DNS name example.com. is not permitted at apex in zone example.com.',
      'RRSet with DNS name shop.other.org. is not permitted in zone example.com.',
      "Invalid Resource Record: FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '300.1.1.1'",
      'Tried to create an alias that targets nope-1.eu-central-1.elb.amazonaws.com., type A in zone Z215JYRZR1TBD5, but the alias target name does not lie within the target zone',
    ]);
    expect(failed.message).toBe(`[${failed.messages.join(', ')}]`);
    // The zone's NS and SOA at the apex stay.
    const soa = (
      await harness.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, StartRecordName: 'example.com', StartRecordType: 'SOA' }))
    ).ResourceRecordSets![0]!;
    expect((await batchFailure(harness, zoneId, [{ Action: 'DELETE', ResourceRecordSet: soa }])).messages).toEqual([
      'A HostedZone must contain exactly one SOA record.',
    ]);
  });

  it('refuses malformed changes with InvalidInput before looking at the zone', async () => {
    const harness = await start();
    const zoneId = await zone(harness);
    const input = async (set: ResourceRecordSet, action: Change['Action'] = 'CREATE') =>
      await failureOf(change(harness, zoneId, [{ Action: action, ResourceRecordSet: set }]));
    expect(await input(a('w.example.com', '10.0.0.1', { SetIdentifier: 'w', Weight: 256 }))).toMatchObject({
      name: 'InvalidInput',
      status: 400,
      message: "Invalid XML ; cvc-maxInclusive-valid: Value '256' is not facet-valid with respect to maxInclusive '255' for type 'ResourceRecordSetWeight'.",
    });
    expect(await input(a('w.example.com', '10.0.0.1', { SetIdentifier: 'w', Weight: -1 }))).toMatchObject({
      name: 'InvalidInput',
      message: expect.stringContaining("minInclusive '0'"),
    });
    expect(await input(a('w.example.com', '10.0.0.1', { SetIdentifier: 'w' }))).toMatchObject({
      name: 'InvalidInput',
      message:
        'Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, MultiValueAnswer, GeoProximityLocation, or CidrRoutingConfig], but found none in Change with [Action=CREATE, Name=w.example.com., Type=A, SetIdentifier=w]',
    });
    expect(await input(a('w.example.com', '10.0.0.1', { Weight: 5 }))).toMatchObject({
      message: "Invalid request: Missing field 'SetIdentifier' in Change with [Action=CREATE, Name=w.example.com., Type=A, SetIdentifier=null]",
    });
    expect(await input({ Name: 'w.example.com', Type: 'A', TTL: 60 })).toMatchObject({
      message:
        'Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with [Action=CREATE, Name=w.example.com., Type=A, SetIdentifier=null]',
    });
    expect(
      await input(a('w.example.com', '10.0.0.1', { AliasTarget: { HostedZoneId: 'Z1', DNSName: 'x.example.com', EvaluateTargetHealth: false } })),
    ).toMatchObject({
      message: expect.stringContaining('but found more than one in Change'),
    });
    expect(await input(a('w.example.com', '10.0.0.1'), 'REPLACE' as Change['Action'])).toMatchObject({
      name: 'InvalidInput',
      message:
        "Invalid XML ; cvc-enumeration-valid: Value 'REPLACE' is not facet-valid with respect to enumeration '[CREATE, DELETE, UPSERT]'. It must be a value from the enumeration.",
    });
    expect(await input({ ...a('w.example.com', '10.0.0.1'), Type: 'BOGUS' as 'A' })).toMatchObject({
      name: 'InvalidInput',
      message: expect.stringContaining("Value 'BOGUS'"),
    });
  });
});

describe('ListResourceRecordSets', () => {
  it('orders by name with the labels reversed, then type and set identifier, and pages by name, type and identifier', async () => {
    const harness = await start();
    const zoneId = await zone(harness);
    await change(harness, zoneId, [
      { Action: 'CREATE', ResourceRecordSet: a('www.example.com', '10.0.0.1') },
      { Action: 'CREATE', ResourceRecordSet: a('b.example.com', '10.0.0.1') },
      { Action: 'CREATE', ResourceRecordSet: { Name: 'b.example.com', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: '"b"' }] } },
      { Action: 'CREATE', ResourceRecordSet: a('a.sub.example.com', '10.0.0.1') },
      { Action: 'CREATE', ResourceRecordSet: a('*.example.com', '10.0.0.1') },
      ...['z', 'm', 'a'].map((id): Change => ({ Action: 'CREATE', ResourceRecordSet: a('shop.example.com', '10.0.0.1', { SetIdentifier: id, Weight: 1 }) })),
    ]);
    const all = await harness.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
    expect(all.ResourceRecordSets!.map((set) => `${set.Name} ${set.Type}${set.SetIdentifier ? ` ${set.SetIdentifier}` : ''}`)).toEqual([
      'example.com. NS',
      'example.com. SOA',
      '\\052.example.com. A',
      'b.example.com. A',
      'b.example.com. TXT',
      'shop.example.com. A a',
      'shop.example.com. A m',
      'shop.example.com. A z',
      'a.sub.example.com. A',
      'www.example.com. A',
    ]);
    const page = await harness.route53.send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        StartRecordName: 'shop.example.com',
        StartRecordType: 'A',
        StartRecordIdentifier: 'm',
        MaxItems: 1,
      }),
    );
    expect(page.ResourceRecordSets!.map((set) => set.SetIdentifier)).toEqual(['m']);
    expect(page).toMatchObject({ IsTruncated: true, NextRecordName: 'shop.example.com.', NextRecordType: 'A', NextRecordIdentifier: 'z', MaxItems: 1 });
    const next = await harness.route53.send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        StartRecordName: page.NextRecordName,
        StartRecordType: page.NextRecordType,
        StartRecordIdentifier: page.NextRecordIdentifier,
        MaxItems: 2,
      }),
    );
    expect(next.ResourceRecordSets!.map((set) => `${set.Name} ${set.SetIdentifier ?? ''}`)).toEqual(['shop.example.com. z', 'a.sub.example.com. ']);
    expect(next).toMatchObject({ NextRecordName: 'www.example.com.', NextRecordType: 'A' });
    expect(next.NextRecordIdentifier).toBeUndefined();
    // More than 300 asked for: 300 at most.
    expect((await harness.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, MaxItems: 1000 }))).MaxItems).toBe(300);
    expect(await failureOf(harness.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, StartRecordType: 'A' })))).toMatchObject({
      name: 'InvalidInput',
      status: 400,
    });
  });
});

describe('Route 53 requests the SDK does not send', () => {
  it('takes the SDK’s trailing slash and answers malformed XML, DOCTYPEs and unknown paths as Route 53 does', async () => {
    const harness = await start();
    const zoneId = await zone(harness);
    const body = (inner: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><ChangeResourceRecordSetsRequest xmlns="${XMLNS}">${inner}</ChangeResourceRecordSetsRequest>`;
    const batch = body(
      '<ChangeBatch><Changes><Change><Action>CREATE</Action><ResourceRecordSet><Name>x.example.com</Name><Type>A</Type><TTL>60</TTL><ResourceRecords><ResourceRecord><Value>10.0.0.1</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change></Changes></ChangeBatch>',
    );
    const post = (path: string, text: string) => harness.raw('POST', path, { headers: { 'content-type': 'application/xml' }, body: text });
    const ok = await post(`/2013-04-01/hostedzone/${zoneId}/rrset/`, batch);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('<Status>PENDING</Status>');
    expect(ok.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);

    const broken = await post(`/2013-04-01/hostedzone/${zoneId}/rrset`, body('<ChangeBatch><Changes>'));
    expect(broken.status).toBe(400);
    expect(broken.headers.get('content-type')).toBe('text/xml');
    expect(broken.text).toMatch(
      new RegExp(
        `^<\\?xml[^>]*>\\n<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>InvalidInput</Code><Message>Invalid XML ; .+</Message></Error><RequestId>[0-9a-f-]{36}</RequestId></ErrorResponse>$`,
      ),
    );
    for (const text of [
      '',
      'not xml at all',
      '<!DOCTYPE x [<!ENTITY a "b">]><ChangeResourceRecordSetsRequest/>',
      '<OtherRequest/>',
      body('<ChangeBatch><Changes/></ChangeBatch>'),
      body('<ChangeBatch>text</ChangeBatch>'),
    ]) {
      const answer = await post(`/2013-04-01/hostedzone/${zoneId}/rrset`, text);
      expect([answer.status, answer.text]).toEqual([400, expect.stringContaining('<Code>InvalidInput</Code>')]);
    }
    // InvalidChangeBatch: the messages in Message ("[…]") and each in <Messages>, as Route 53 sends them.
    const duplicate = await post(`/2013-04-01/hostedzone/${zoneId}/rrset`, batch);
    expect(duplicate.status).toBe(400);
    expect(duplicate.text).toContain(
      '<Code>InvalidChangeBatch</Code><Message>[Tried to create resource record set [name=&#39;x.example.com.&#39;, type=&#39;A&#39;] but it already exists]</Message><Messages><Message>Tried to create resource record set [name=&#39;x.example.com.&#39;, type=&#39;A&#39;] but it already exists</Message></Messages></Error>',
    );
    const unknown = await harness.raw('GET', '/2013-04-01/healthcheck');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('<Code>UnknownOperationException</Code><Message>Route 53 serves no operation at GET /2013-04-01/healthcheck</Message>');
    const unknownPost = await post('/2013-04-01/hostedzone/x/unknown', '<x/>');
    expect([unknownPost.status, unknownPost.text]).toEqual([404, expect.stringContaining('<Code>UnknownOperationException</Code>')]);
    // The id with its prefix in the path (a raw caller that did not strip it).
    const prefixed = await harness.raw('GET', `/2013-04-01/hostedzone/${encodeURIComponent(`/hostedzone/${zoneId}`)}`);
    expect(prefixed.status).toBe(200);
  });
});
