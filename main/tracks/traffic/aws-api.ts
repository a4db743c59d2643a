// The narrow AWS API the traffic track reads and acts through, on the SDK v3 clients, for a target from
// main/aws/target.ts (the placement's endpoint and credentials): Route 53's record sets and changes, ELBv2's
// listeners and target health, CloudWatch GetMetricData. An interface, so unit tests can stand in for AWS; the
// rehearsal's simulated services (and moto's Route 53) answer the real clients in the integration tests.
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import {
  DescribeListenersCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  type Action,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { sdkClientConfig, type AwsTarget } from '../../aws/target';

export type { Action as ListenerAction } from '@aws-sdk/client-elastic-load-balancing-v2';
export type { ResourceRecordSet } from '@aws-sdk/client-route-53';

export interface ChangeInfo {
  readonly id: string;
  readonly status: 'PENDING' | 'INSYNC';
  readonly submittedAt: Date | null;
}

export interface TargetHealth {
  readonly id: string;
  readonly port: number | null;
  /** initial, healthy, unhealthy, unused, draining, unavailable. */
  readonly state: string;
  readonly reason: string | null;
  readonly description: string | null;
}

export interface TrafficAwsApi {
  /** The record sets from `name` and `type` on, one page of at most `maxItems` (Route 53's order). */
  listRecordSets(zoneId: string, name: string, type: string, maxItems: number, signal: AbortSignal): Promise<ResourceRecordSet[]>;
  /** UPSERTs the sets in one atomic batch. */
  upsertRecordSets(zoneId: string, sets: readonly ResourceRecordSet[], comment: string, signal: AbortSignal): Promise<ChangeInfo>;
  getChange(changeId: string, signal: AbortSignal): Promise<ChangeInfo>;
  /** The listener's default actions. */
  listenerActions(listenerArn: string, signal: AbortSignal): Promise<Action[]>;
  /** Replaces the listener's default actions (ModifyListener takes them whole). */
  modifyListenerActions(listenerArn: string, actions: readonly Action[], signal: AbortSignal): Promise<Action[]>;
  targetHealth(targetGroupArn: string, signal: AbortSignal): Promise<TargetHealth[]>;
  getMetricData(
    input: { queries: MetricDataQuery[]; start: Date; end: Date; nextToken?: string },
    signal: AbortSignal,
  ): Promise<{ results: MetricDataResult[]; nextToken?: string }>;
  close(): void;
}

/** Route 53 answers ids as `/change/C…`; the SDK strips the prefix on input, the cockpit keeps the bare id. */
const bareId = (id: string | undefined) => (id ?? '').replace(/^\/(change|hostedzone)\//, '');

const changeInfo = (info: { Id?: string; Status?: string; SubmittedAt?: Date } | undefined): ChangeInfo => ({
  id: bareId(info?.Id),
  status: info?.Status === 'INSYNC' ? 'INSYNC' : 'PENDING',
  submittedAt: info?.SubmittedAt ?? null,
});

export function trafficAwsApi(target: AwsTarget): TrafficAwsApi {
  let route53: Route53Client | undefined;
  let elb: ElasticLoadBalancingV2Client | undefined;
  let cloudWatch: CloudWatchClient | undefined;
  const r53 = () => (route53 ??= new Route53Client(sdkClientConfig(target)));
  const lb = () => (elb ??= new ElasticLoadBalancingV2Client(sdkClientConfig(target)));
  const cw = () => (cloudWatch ??= new CloudWatchClient(sdkClientConfig(target)));
  return {
    async listRecordSets(zoneId, name, type, maxItems, signal) {
      const out = await r53().send(
        new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, StartRecordName: name, StartRecordType: type as never, MaxItems: maxItems }),
        { abortSignal: signal },
      );
      return out.ResourceRecordSets ?? [];
    },
    async upsertRecordSets(zoneId, sets, comment, signal) {
      const out = await r53().send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: zoneId,
          ChangeBatch: { Comment: comment.slice(0, 256), Changes: sets.map((set) => ({ Action: 'UPSERT', ResourceRecordSet: set })) },
        }),
        { abortSignal: signal },
      );
      return changeInfo(out.ChangeInfo);
    },
    async getChange(changeId, signal) {
      const out = await r53().send(new GetChangeCommand({ Id: changeId }), { abortSignal: signal });
      return changeInfo(out.ChangeInfo);
    },
    async listenerActions(listenerArn, signal) {
      const out = await lb().send(new DescribeListenersCommand({ ListenerArns: [listenerArn] }), { abortSignal: signal });
      const listener = out.Listeners?.[0];
      if (!listener) throw new Error(`listener ${listenerArn} not found`);
      return listener.DefaultActions ?? [];
    },
    async modifyListenerActions(listenerArn, actions, signal) {
      const out = await lb().send(new ModifyListenerCommand({ ListenerArn: listenerArn, DefaultActions: [...actions] }), { abortSignal: signal });
      return out.Listeners?.[0]?.DefaultActions ?? [];
    },
    async targetHealth(targetGroupArn, signal) {
      const out = await lb().send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }), { abortSignal: signal });
      return (out.TargetHealthDescriptions ?? []).map((description) => ({
        id: description.Target?.Id ?? '',
        port: description.Target?.Port ?? null,
        state: description.TargetHealth?.State ?? 'unavailable',
        reason: description.TargetHealth?.Reason ?? null,
        description: description.TargetHealth?.Description ?? null,
      }));
    },
    async getMetricData({ queries, start, end, nextToken }, signal) {
      const out = await cw().send(
        new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: start, EndTime: end, ScanBy: 'TimestampAscending', NextToken: nextToken }),
        { abortSignal: signal },
      );
      return { results: out.MetricDataResults ?? [], ...(out.NextToken ? { nextToken: out.NextToken } : {}) };
    },
    close() {
      route53?.destroy();
      elb?.destroy();
      cloudWatch?.destroy();
    },
  };
}
