import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ResourceRecordSet } from '@aws-sdk/client-route-53';
import { describe, expect, it } from 'vitest';
import type { ChangeInfo, TrafficAwsApi } from './aws-api';
import type { TrafficResources } from './resources';
import { awsPercentOf, readWeights, writeWeights } from './weights';

const ARN = 'arn:aws:elasticloadbalancing:eu-central-1:123456789012';
const DC_GROUP = `${ARN}:targetgroup/shop-dc/0123456789abcdef`;
const AWS_GROUP = `${ARN}:targetgroup/shop-aws/fedcba9876543210`;
const base = {
  service: 'shop.example.com',
  awsPercent: 0,
  loadBalancer: {
    arn: `${ARN}:loadbalancer/app/shop/0011223344556677`,
    dnsName: 'internal-shop-1.eu-central-1.elb.amazonaws.com',
    dimension: 'app/shop/0011223344556677',
  },
  listenerArn: `${ARN}:listener/app/shop/0011223344556677/8899aabbccddeeff`,
};
const ROUTE53: TrafficResources = {
  ...base,
  split: 'route53',
  route53: { zoneId: 'Z0123456789ABCDEFGHIJ', recordName: 'shop.example.com', recordType: 'A', setIdentifiers: { dc: 'shop-dc', aws: 'shop-aws' } },
  targetGroups: { aws: { arn: AWS_GROUP, dimension: 'targetgroup/shop-aws/fedcba9876543210' } },
};
const ALB: TrafficResources = {
  ...base,
  split: 'alb',
  targetGroups: {
    aws: { arn: AWS_GROUP, dimension: 'targetgroup/shop-aws/fedcba9876543210' },
    dc: { arn: DC_GROUP, dimension: 'targetgroup/shop-dc/0123456789abcdef' },
  },
};

/** An API holding record sets and a listener in memory; what was written is kept. */
function fakeApi(sets: ResourceRecordSet[], actions: Action[] = []): TrafficAwsApi & { batches: ResourceRecordSet[][]; modified: Action[][] } {
  const batches: ResourceRecordSet[][] = [];
  const modified: Action[][] = [];
  const change: ChangeInfo = { id: 'C0001', status: 'PENDING', submittedAt: null };
  return {
    batches,
    modified,
    listRecordSets: async (_zone, name) => sets.filter((set) => (set.Name ?? '') >= name),
    upsertRecordSets: async (_zone, written) => {
      batches.push([...written]);
      for (const set of written)
        sets.splice(
          sets.findIndex((candidate) => candidate.SetIdentifier === set.SetIdentifier),
          1,
          set,
        );
      return change;
    },
    getChange: async () => change,
    listenerActions: async () => actions,
    modifyListenerActions: async (_arn, written) => {
      modified.push([...written]);
      actions.splice(0, actions.length, ...written);
      return [...written];
    },
    targetHealth: async () => [],
    getMetricData: async () => ({ results: [] }),
    close: () => undefined,
  };
}

const weighted = (identifier: string, weight: number, extra: Partial<ResourceRecordSet> = {}): ResourceRecordSet => ({
  Name: 'shop.example.com.',
  Type: 'A',
  SetIdentifier: identifier,
  Weight: weight,
  TTL: 60,
  ResourceRecords: [{ Value: '172.20.7.11' }],
  ...extra,
});
const signal = new AbortController().signal;

describe('the weights of a Route 53 split', () => {
  it('reads both sets and writes only their weights, in one batch', async () => {
    const alias = {
      AliasTarget: { HostedZoneId: 'Z32O12XQLNTSW2', DNSName: 'internal-shop-1.eu-central-1.elb.amazonaws.com.', EvaluateTargetHealth: true },
      TTL: undefined,
      ResourceRecords: undefined,
    };
    const api = fakeApi([weighted('shop-aws', 0, alias), weighted('shop-dc', 100), weighted('other', 5, { Name: 'shopping.example.com.' })]);
    expect(await readWeights(api, ROUTE53, signal)).toEqual({ dc: 100, aws: 0 });
    const write = await writeWeights(api, ROUTE53, 25, 'step 2 of 4', signal);
    expect(write).toEqual({ before: { dc: 100, aws: 0 }, after: { dc: 75, aws: 25 }, change: { id: 'C0001', status: 'PENDING', submittedAt: null } });
    expect(api.batches).toEqual([[weighted('shop-dc', 75), weighted('shop-aws', 25, alias)]]);
  });

  it('names the set that is missing, and what the name has instead', async () => {
    const api = fakeApi([weighted('shop-dc', 100), { Name: 'shop.example.com.', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '172.20.7.11' }] }]);
    await expect(readWeights(api, ROUTE53, signal)).rejects.toThrow(
      "the weighted A record set 'shop-aws' (AWS) of shop.example.com is not in hosted zone Z0123456789ABCDEFGHIJ (sets of that name: 'shop-dc', '(not weighted)'): deploy the stack",
    );
    expect(api.batches).toEqual([]);
  });
});

describe('the weights of an ALB split', () => {
  const forward = (dc: number, aws: number): Action => ({
    Type: 'forward',
    Order: 1,
    ForwardConfig: {
      TargetGroups: [
        { TargetGroupArn: DC_GROUP, Weight: dc },
        { TargetGroupArn: AWS_GROUP, Weight: aws },
      ],
      TargetGroupStickinessConfig: { Enabled: false },
    },
  });

  it('changes the forward action’s weights only and checks what the listener holds after', async () => {
    const api = fakeApi([], [forward(100, 0)]);
    expect(await readWeights(api, ALB, signal)).toEqual({ dc: 100, aws: 0 });
    expect(await writeWeights(api, ALB, 50, 'step 3 of 4', signal)).toEqual({ before: { dc: 100, aws: 0 }, after: { dc: 50, aws: 50 }, change: null });
    expect(api.modified).toEqual([[forward(50, 50)]]);
  });

  it('refuses a listener that does not forward to both groups', async () => {
    const api = fakeApi([], [{ Type: 'forward', TargetGroupArn: AWS_GROUP }]);
    await expect(writeWeights(api, ALB, 50, 'step', signal)).rejects.toThrow(
      /does not forward to both target groups \(the on-premises group .*shop-dc.* is missing\): deploy the stack/,
    );
    expect(api.modified).toEqual([]);
  });

  it('says when the listener does not hold the weights it was given', async () => {
    const api = fakeApi([], [forward(100, 0)]);
    // A listener that answers the change with its old actions (an eventual read, another writer): the write must not trust it.
    const keepsOldWeights = { ...api, modifyListenerActions: async () => [forward(100, 0)] };
    await expect(writeWeights(keepsOldWeights, ALB, 25, 'step', signal)).rejects.toThrow(
      /holds weights 100\/0 \(data center\/AWS\) after the change to 75\/25/,
    );
  });
});

describe('the share of requests AWS gets', () => {
  it('is weight over sum; all zero reads as even', () => {
    expect(awsPercentOf({ dc: 75, aws: 25 })).toBe(25);
    expect(awsPercentOf({ dc: 2, aws: 1 })).toBe(33.3);
    expect(awsPercentOf({ dc: 0, aws: 0 })).toBe(50);
  });
});
