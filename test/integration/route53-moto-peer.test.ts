// moto's Route 53 (an independent implementation, Python) as a peer for the rehearsal's restXml Route 53
// (rehearsal/tracks/traffic/): the same @aws-sdk/client-route-53 calls against both — a hosted zone, weighted record
// sets written and re-weighted in one UPSERT batch, as a traffic shift writes them, the change's status, listings in
// Route 53's order with paging — and the answers' shapes compared: the members present in each output, the names and
// weights listed, and the error each failure throws. Values that differ by design are not compared (ids, name
// servers, timestamps). What moto does differently, pinned so a change shows up:
// - Changes: moto answers every change INSYNC at once (CreateHostedZone's, ChangeResourceRecordSets', GetChange's,
//   even for an id it never issued); Route 53 and the rehearsal answer PENDING until propagated (and NoSuchChange,
//   404, for an unknown id).
// - A DELETE of a record set that does not exist: moto answers InvalidInput; Route 53 and the rehearsal
//   InvalidChangeBatch "Tried to delete resource record set [...] but it was not found".
// - A weight above 255: moto accepts it; Route 53 and the rehearsal answer InvalidInput (the XML schema's range).
// - A public zone's DelegationSet: moto adds an Id ('') and a CallerReference; Route 53 and the rehearsal answer only
//   its NameServers (an Id belongs to a reusable delegation set).
// - ChangeInfo: moto leaves out the batch's Comment; Route 53 and the rehearsal answer it.
// - ListResourceRecordSets orders weighted sets of one name and type as they were created; the rehearsal (as Route 53)
//   by set identifier. The calls below create them in that order, so both list the same.
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
  type Change,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineScenario, ManualClock, startAwsRehearsal, type AwsRehearsal } from '../../rehearsal/aws-rehearsal';
import { startMotoServer, type MotoServer } from '../support/moto';

const REGION = 'eu-central-1';
const CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const ACCOUNT = '123456789012';

let moto: MotoServer | undefined;
let rehearsal: AwsRehearsal | undefined;
let skipReason = '';
const clients: Route53Client[] = [];

beforeAll(async () => {
  const started = await startMotoServer();
  if (typeof started === 'string') skipReason = started;
  else moto = started;
  rehearsal = await startAwsRehearsal({
    clock: new ManualClock(Math.floor(Date.now() / 60_000) * 60_000),
    scenario: defineScenario({ name: 'route53 peer', region: REGION, accountId: ACCOUNT }),
  });
}, 60_000);
afterAll(async () => {
  for (const client of clients) client.destroy();
  await rehearsal?.close();
  await moto?.close();
});

function client(endpoint: string): Route53Client {
  const made = new Route53Client({ endpoint, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
  clients.push(made);
  return made;
}

/** The members present (not undefined) in an output, nested structures as `Parent.Member`, without $metadata. */
function shape(value: unknown, prefix = ''): string[] {
  if (value === null || value === undefined || typeof value !== 'object' || value instanceof Date) return [];
  if (Array.isArray(value)) return value.length > 0 ? shape(value[0], `${prefix}0.`) : [];
  return Object.entries(value as Record<string, unknown>)
    .filter(([key, member]) => key !== '$metadata' && member !== undefined && member !== null)
    .flatMap(([key, member]) => [`${prefix}${key}`, ...shape(member, `${prefix}${key}.`)])
    .sort();
}

async function failure(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, status: (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode };
  }
  return { name: 'no error', status: undefined };
}

const weighted = (name: string, id: string, weight: number, value: string): ResourceRecordSet => ({
  Name: name,
  Type: 'A',
  SetIdentifier: id,
  Weight: weight,
  TTL: 60,
  ResourceRecords: [{ Value: value }],
});

const listed = (sets: readonly ResourceRecordSet[] | undefined) =>
  (sets ?? []).map((set) => `${set.Name} ${set.Type}${set.SetIdentifier ? ` ${set.SetIdentifier}=${set.Weight}` : ''}`);

/** The same calls against one endpoint: each answer's shape and each failure's error. */
async function conversation(route53: Route53Client, suffix: string) {
  const zoneName = `shop-${suffix}.example`;
  const service = `www.${zoneName}`;
  const created = await route53.send(
    new CreateHostedZoneCommand({ Name: zoneName, CallerReference: `ref-${suffix}`, HostedZoneConfig: { Comment: 'traffic' } }),
  );
  const zoneId = created.HostedZone!.Id!;
  const got = await route53.send(new GetHostedZoneCommand({ Id: zoneId }));
  const send = (changes: Change[]) =>
    route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: changes, Comment: 'shift' } }));
  // The data center's set and the AWS side's, in set-identifier order (moto lists them as created).
  const first = await send([
    { Action: 'CREATE', ResourceRecordSet: weighted(service, 'shop-aws', 0, '10.1.2.3') },
    { Action: 'CREATE', ResourceRecordSet: weighted(service, 'shop-dc', 100, '172.20.7.11') },
    { Action: 'CREATE', ResourceRecordSet: { Name: `api.${zoneName}`, Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: service }] } },
  ]);
  const change = await route53.send(new GetChangeCommand({ Id: first.ChangeInfo!.Id }));
  const all = await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
  // A traffic step: both weighted sets, their Weight only, one atomic UPSERT batch.
  await send([
    { Action: 'UPSERT', ResourceRecordSet: weighted(service, 'shop-aws', 25, '10.1.2.3') },
    { Action: 'UPSERT', ResourceRecordSet: weighted(service, 'shop-dc', 75, '172.20.7.11') },
  ]);
  const named = await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, StartRecordName: service, StartRecordType: 'A' }));
  const page = await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, MaxItems: 2 }));
  const zones = await route53.send(new ListHostedZonesCommand({}));
  const errors = {
    missingZone: await failure(route53.send(new GetHostedZoneCommand({ Id: 'ZNOSUCHZONE0000' }))),
    changeMissingZone: await failure(
      route53.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: 'ZNOSUCHZONE0000',
          ChangeBatch: { Changes: [{ Action: 'UPSERT', ResourceRecordSet: weighted(service, 'x', 1, '10.0.0.1') }] },
        }),
      ),
    ),
    duplicate: await failure(send([{ Action: 'CREATE', ResourceRecordSet: weighted(service, 'shop-aws', 0, '10.1.2.3') }])),
    outsideZone: await failure(
      send([{ Action: 'CREATE', ResourceRecordSet: { Name: 'www.elsewhere.example', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '10.0.0.1' }] } }]),
    ),
    deleteMissing: await failure(send([{ Action: 'DELETE', ResourceRecordSet: weighted(service, 'gone', 1, '10.0.0.9') }])),
    weight256: await failure(send([{ Action: 'CREATE', ResourceRecordSet: weighted(`w.${zoneName}`, 'big', 256, '10.0.0.1') }])),
    unknownChange: await failure(route53.send(new GetChangeCommand({ Id: 'CNOSUCHCHANGE00' }))),
  };
  return {
    created: shape(created),
    createdValues: {
      Name: created.HostedZone!.Name,
      CallerReference: created.HostedZone!.CallerReference,
      Config: created.HostedZone!.Config,
      Count: created.HostedZone!.ResourceRecordSetCount,
    },
    createdStatus: created.ChangeInfo!.Status,
    createdLocation: created.Location!.replace(/[^/]+$/, '<id>'),
    got: shape(got),
    first: shape(first),
    change: shape(change),
    changeStatus: change.ChangeInfo!.Status,
    all: listed(all.ResourceRecordSets),
    allShape: all.ResourceRecordSets!.map((set) => shape(set)),
    allMembers: shape({ ...all, ResourceRecordSets: undefined }),
    named: listed(named.ResourceRecordSets).slice(0, 2),
    page: {
      sets: listed(page.ResourceRecordSets),
      IsTruncated: page.IsTruncated,
      NextRecordName: page.NextRecordName,
      NextRecordType: page.NextRecordType,
      MaxItems: page.MaxItems,
    },
    zones: zones.HostedZones!.filter((zone) => zone.Name === `${zoneName}.`).map((zone) => shape(zone)),
    errors,
  };
}

describe("moto's Route 53 as a wire-protocol peer of the rehearsal's", () => {
  it('answers the same calls with the same members, order and errors', async ({ skip }) => {
    if (!moto) skip(skipReason);
    const peer = await conversation(client(moto!.url), 'peer');
    const ours = await conversation(client(rehearsal!.url), 'peer');

    const withoutDelegationExtras = (members: string[]) =>
      members.filter((member) => member !== 'DelegationSet.Id' && member !== 'DelegationSet.CallerReference');
    expect(ours.created).toEqual(withoutDelegationExtras(peer.created));
    expect(ours.createdValues).toEqual(peer.createdValues);
    expect(ours.createdLocation).toEqual(peer.createdLocation);
    expect(ours.got).toEqual(withoutDelegationExtras(peer.got));
    const withComment = (members: string[]) => [...members, 'ChangeInfo.Comment'].sort();
    expect(ours.first).toEqual(withComment(peer.first));
    expect(ours.change).toEqual(withComment(peer.change));
    expect(ours.all).toEqual(peer.all);
    expect(ours.allShape).toEqual(peer.allShape);
    expect(ours.allMembers).toEqual(peer.allMembers);
    expect(ours.named).toEqual(peer.named);
    expect(ours.named).toEqual(['www.shop-peer.example. A shop-aws=25', 'www.shop-peer.example. A shop-dc=75']);
    expect(ours.page).toEqual(peer.page);
    expect(ours.zones).toEqual(peer.zones);

    expect(ours.errors.missingZone).toEqual(peer.errors.missingZone);
    expect(ours.errors.missingZone).toEqual({ name: 'NoSuchHostedZone', status: 404 });
    expect(ours.errors.changeMissingZone).toEqual(peer.errors.changeMissingZone);
    expect(ours.errors.duplicate).toEqual(peer.errors.duplicate);
    expect(ours.errors.duplicate).toEqual({ name: 'InvalidChangeBatch', status: 400 });
    expect(ours.errors.outsideZone).toEqual(peer.errors.outsideZone);

    // Pinned differences (see the header).
    expect(peer.created).toEqual(expect.arrayContaining(['DelegationSet.Id', 'DelegationSet.CallerReference']));
    expect(peer.first).not.toContain('ChangeInfo.Comment');
    expect([ours.createdStatus, ours.changeStatus]).toEqual(['PENDING', 'PENDING']);
    expect([peer.createdStatus, peer.changeStatus]).toEqual(['INSYNC', 'INSYNC']);
    expect(ours.errors.unknownChange).toEqual({ name: 'NoSuchChange', status: 404 });
    expect(peer.errors.unknownChange).toEqual({ name: 'no error', status: undefined });
    expect(ours.errors.deleteMissing).toEqual({ name: 'InvalidChangeBatch', status: 400 });
    expect(peer.errors.deleteMissing).toEqual({ name: 'InvalidInput', status: 400 });
    expect(ours.errors.weight256).toEqual({ name: 'InvalidInput', status: 400 });
    expect(peer.errors.weight256).toEqual({ name: 'no error', status: undefined });
  });
});
