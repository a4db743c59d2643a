// What the service's name already holds, sorted as both parts act on it: the data center's simple record (taken over
// in one atomic batch), sets Route 53 refuses the weighted ones beside, sets that share or bypass the split; and the
// batch an operator runs on AWS.
import { describe, expect, it } from 'vitest';
import { blockingMessage, examineName, takeOverCommand, type ExistingRecordSet } from './name-takeover';

const IDS = { dc: 'app1701-dc', aws: 'app1701-aws' };
const simpleA: ExistingRecordSet = { name: 'shop.example.com.', type: 'A', ttl: 300, values: ['172.20.7.11'] };
const simpleCname: ExistingRecordSet = { name: 'shop.example.com.', type: 'CNAME', ttl: 300, values: ['lb.dc2.example.internal'] };
const txt: ExistingRecordSet = { name: 'shop.example.com.', type: 'TXT', ttl: 300, values: ['"v=spf1 -all"'] };
const aaaa: ExistingRecordSet = { name: 'shop.example.com.', type: 'AAAA', ttl: 300, values: ['fd00::11'] };
const weighted = (type: string, setIdentifier: string, weight: number): ExistingRecordSet => ({
  name: 'shop.example.com.',
  type,
  setIdentifier,
  weight,
  ttl: 60,
  values: ['172.20.7.12'],
});

describe('examineName', () => {
  it('finds the data center’s simple record to take over, whatever its type, and ignores other names and the stack’s own sets', () => {
    const other: ExistingRecordSet = { ...simpleA, name: 'www.example.com.' };
    expect(examineName([other, simpleA, weighted('A', 'app1701-dc', 100)], 'shop.example.com', 'A', IDS)).toEqual({
      simple: simpleA,
      blocking: [],
      sharing: [],
      bypassing: [],
    });
    expect(examineName([simpleCname], 'shop.example.com', 'A', IDS).simple).toEqual(simpleCname);
    expect(examineName([simpleA], 'shop.example.com', 'CNAME', IDS).simple).toEqual(simpleA);
    // The stack's own sets of the other type (the data center changed from IPs to a host name): the update's, not a conflict.
    expect(examineName([weighted('A', 'app1701-dc', 90), weighted('A', 'app1701-aws', 10)], 'shop.example.com', 'CNAME', IDS)).toEqual({
      blocking: [],
      sharing: [],
      bypassing: [],
    });
  });

  it('sorts out sets that block, share or bypass the weighted A sets', () => {
    const found = examineName([txt, aaaa, weighted('A', 'legacy', 10), weighted('CNAME', 'other', 1)], 'shop.example.com', 'A', IDS);
    expect(found).toEqual({ blocking: [weighted('CNAME', 'other', 1)], sharing: [weighted('A', 'legacy', 10)], bypassing: [aaaa] });
  });

  it('lets nothing but CNAME sets stand beside weighted CNAME sets', () => {
    const found = examineName([simpleCname, txt, aaaa, weighted('CNAME', 'legacy', 5)], 'shop.example.com', 'CNAME', IDS);
    expect(found).toEqual({ simple: simpleCname, blocking: [txt, aaaa], sharing: [weighted('CNAME', 'legacy', 5)], bypassing: [] });
    expect(blockingMessage('traffic:settings', 'Z1', 'shop.example.com', 'CNAME', found.blocking)).toBe(
      'traffic:settings: shop.example.com in hosted zone Z1 has record sets Route 53 refuses the weighted CNAME sets beside (TXT "v=spf1 -all" (TTL 300); ' +
        'AAAA fd00::11 (TTL 300)): a CNAME cannot share its name with any other record set: remove those sets, or give the data center IPv4 addresses (A sets). ' +
        'The records were not changed',
    );
  });
});

describe('takeOverCommand', () => {
  it('DELETEs the simple record exactly as it is and CREATEs the data center’s weighted set, in one batch', () => {
    const command = takeOverCommand('Z1', simpleA, {
      service: 'shop.example.com',
      type: 'A',
      setIdentifier: 'app1701-dc',
      weight: 100,
      ttl: 60,
      addresses: ['172.20.7.11'],
    });
    const match = /^aws route53 change-resource-record-sets --hosted-zone-id Z1 --change-batch '(.*)'$/.exec(command);
    expect(JSON.parse(match![1]!)).toEqual({
      Comment: 'migration cockpit: shop.example.com becomes weighted (app1701-dc)',
      Changes: [
        { Action: 'DELETE', ResourceRecordSet: { Name: 'shop.example.com.', Type: 'A', TTL: 300, ResourceRecords: [{ Value: '172.20.7.11' }] } },
        {
          Action: 'CREATE',
          ResourceRecordSet: {
            Name: 'shop.example.com.',
            Type: 'A',
            SetIdentifier: 'app1701-dc',
            Weight: 100,
            TTL: 60,
            ResourceRecords: [{ Value: '172.20.7.11' }],
          },
        },
      ],
    });
    // An alias record is deleted by its alias target.
    const alias: ExistingRecordSet = {
      name: 'shop.example.com',
      type: 'A',
      values: [],
      alias: { dnsName: 'dc-lb.example.net.', hostedZoneId: 'Z2', evaluateTargetHealth: false },
    };
    expect(
      takeOverCommand('Z1', alias, { service: 'shop.example.com', type: 'A', setIdentifier: 'app1701-dc', weight: 100, ttl: 60, addresses: ['172.20.7.11'] }),
    ).toContain(
      '{"Action":"DELETE","ResourceRecordSet":{"Name":"shop.example.com.","Type":"A","AliasTarget":{"HostedZoneId":"Z2","DNSName":"dc-lb.example.net.","EvaluateTargetHealth":false}}}',
    );
  });
});
