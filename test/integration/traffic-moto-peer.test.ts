// A traffic shift against moto's Route 53 (an independent implementation of the wire protocol, Python): the shift
// engine (main/tracks/traffic/shift-engine.ts) runs with its real ports — the Route 53 read-modify-write of
// weights.ts (ListResourceRecordSets from the service's name, both weighted sets changed in their Weight only, UPSERTed
// in one ChangeResourceRecordSets batch) and GetChange polling, both through trafficAwsApi (aws-api.ts) pointed at
// moto; the analysis's CloudWatch reads (AWS/ApplicationELB of the AWS target group, as actions.ts's shiftPorts makes
// them) pointed at the rehearsal, whose ELBv2 holds the service's load balancer, target group and listener and whose
// clock (a ManualClock) the engine's poll moves. What it proves: the cockpit's record-set read, its UPSERT batch and
// its change polling work against a Route 53 written by someone else — at every step moto holds the step's weights
// (dc = 100 − p, aws = p) with every other field of both sets as they were and the zone's other sets untouched; the
// shift completes 10 → 50 → 100 %; an operator's abort after the first step returns moto's weights to 100/0.
//
// The AWS side's set is an alias A to the load balancer, as the program part makes it (pulumi-programs/tracks/
// traffic/aws-records.ts): moto keeps an AliasTarget and lists it back as written, so the read-modify-write carries it.
// The load balancer is the rehearsal's while the records are moto's, so no record routes users to it: its demand is
// set on the load balancer itself (POST /_admin/traffic/demand { loadBalancer }), and the AWS group's requests do not
// follow the weights here (traffic-track.test.ts shows that they do in the rehearsal).
//
// moto's differences from Route 53, pinned so a change shows up:
// - Every ChangeResourceRecordSets answers INSYNC at once, and GetChange answers INSYNC for any id: the engine asks
//   GetChange once per write and never waits (a step is in sync the instant it was written, on the data clock).
//   Route 53 (and the rehearsal) answers PENDING until the change has propagated.
// - Every batch answers one and the same change id (C2682N5HXP0BZ4 in moto 5.2.5): Route 53 issues a new id per
//   change, so the ids a shift records are no evidence of which batch they were with moto.
// - (In test/integration/route53-moto-peer.test.ts: no weight range, InvalidInput for a DELETE of a missing set, extra
//   DelegationSet members, no Comment in ChangeInfo.)
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkClientConfig, type AwsTarget } from '../../main/aws/target';
import { trafficAwsApi, type ChangeInfo, type TrafficAwsApi } from '../../main/tracks/traffic/aws-api';
import { awsGroupPeriods } from '../../main/tracks/traffic/aws-periods';
import { AnalysisSchema } from '../../main/tracks/traffic/plan-schema';
import { trafficResourcesOf, type TrafficResources } from '../../main/tracks/traffic/resources';
import { runShift, ShiftControl, type ShiftPorts, type ShiftRecord, type ShiftService, type ShiftSettings } from '../../main/tracks/traffic/shift-engine';
import { writeWeights } from '../../main/tracks/traffic/weights';
import { defineScenario, ManualClock, startAwsRehearsal, type AwsRehearsal } from '../../rehearsal/aws-rehearsal';
import { startMotoServer, type MotoServer } from '../support/moto';

const REGION = 'eu-central-1';
const ACCOUNT = '123456789012';
const T0 = Date.UTC(2026, 11, 5, 3, 0, 0);
const STACK = 'platform-production/app8501';
const INSTANCE = 'app8501';
const SERVICE = 'www.shop.example.com';
const IDS = { dc: `${INSTANCE}-dc`, aws: `${INSTANCE}-aws` };
const DC_ADDRESSES = ['172.20.85.11', '172.20.85.12'];
const TTL = 30;
const VPC = 'vpc-0a1b2c3d4e5f60718';
const SUBNETS = ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'];
/** moto's one change id (see the header). */
const MOTO_CHANGE_ID = 'C2682N5HXP0BZ4';

let moto: MotoServer | undefined;
let rehearsal: AwsRehearsal | undefined;
let skipReason = '';
const clock = new ManualClock(T0);
const closing: Array<() => void> = [];

beforeAll(async () => {
  const started = await startMotoServer();
  if (typeof started === 'string') skipReason = started;
  else moto = started;
  rehearsal = await startAwsRehearsal({ clock, scenario: defineScenario({ name: 'traffic moto peer', region: REGION, accountId: ACCOUNT }) });
}, 60_000);
afterAll(async () => {
  for (const close of closing.splice(0)) close();
  await rehearsal?.close();
  await moto?.close();
});

/** An explicit endpoint; `rehearsal: true` gives the static dummy keys (moto, like the rehearsal, takes any). */
const targetAt = (endpoint: string, label: string): AwsTarget => ({ region: REGION, endpoint, rehearsal: true, label });

async function admin(method: string, route: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${rehearsal!.url}/_admin/${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} /_admin/${route}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** The service's load balancer in the rehearsal's ELBv2: an AWS target group with one instance, a listener forwarding to it. */
async function buildLoadBalancer(target: AwsTarget) {
  const elbv2 = new ElasticLoadBalancingV2Client(sdkClientConfig(target));
  try {
    const loadBalancer = (await elbv2.send(new CreateLoadBalancerCommand({ Name: `${INSTANCE}-alb`, Subnets: SUBNETS }))).LoadBalancers![0]!;
    const group = (
      await elbv2.send(
        new CreateTargetGroupCommand({
          Name: `${INSTANCE}-aws`,
          Protocol: 'HTTP',
          Port: 80,
          VpcId: VPC,
          TargetType: 'instance',
          HealthCheckPath: '/healthz',
          HealthCheckIntervalSeconds: 10,
          HealthyThresholdCount: 3,
        }),
      )
    ).TargetGroups![0]!;
    await elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: group.TargetGroupArn, Targets: [{ Id: 'i-0a1b2c3d4e5f68501' }] }));
    const listener = (
      await elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn: loadBalancer.LoadBalancerArn,
          Protocol: 'HTTP',
          Port: 80,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: group.TargetGroupArn }],
        }),
      )
    ).Listeners![0]!;
    return { loadBalancer, group, listenerArn: listener.ListenerArn! };
  } finally {
    elbv2.destroy();
  }
}

/** The zone in moto: the service's two weighted sets at 0 % AWS (as the program part makes them) and an unrelated set. */
async function buildZone(route53: Route53Client, loadBalancer: { DNSName?: string; CanonicalHostedZoneId?: string }): Promise<string> {
  const zone = await route53.send(new CreateHostedZoneCommand({ Name: 'shop.example.com', CallerReference: 'traffic-moto-peer' }));
  const zoneId = zone.HostedZone!.Id!.replace(/^\/hostedzone\//, '');
  const sets: ResourceRecordSet[] = [
    // Route 53's order within a name and type is by set identifier; moto lists them as created: the same here.
    {
      Name: `${SERVICE}.`,
      Type: 'A',
      SetIdentifier: IDS.aws,
      Weight: 0,
      AliasTarget: { HostedZoneId: loadBalancer.CanonicalHostedZoneId, DNSName: loadBalancer.DNSName, EvaluateTargetHealth: true },
    },
    { Name: `${SERVICE}.`, Type: 'A', SetIdentifier: IDS.dc, Weight: 100, TTL, ResourceRecords: DC_ADDRESSES.map((Value) => ({ Value })) },
    // Listed right after the service's sets (from its name on), so the read must pick the service's sets out.
    { Name: 'www2.shop.example.com.', Type: 'A', TTL: 300, ResourceRecords: [{ Value: '172.20.85.99' }] },
  ];
  await route53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: { Comment: 'the stack deploy', Changes: sets.map((set) => ({ Action: 'CREATE', ResourceRecordSet: set })) },
    }),
  );
  return zoneId;
}

/** Every set of moto's zone, in its order. */
async function zoneSets(route53: Route53Client, zoneId: string): Promise<ResourceRecordSet[]> {
  return (await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }))).ResourceRecordSets ?? [];
}

/** The zone as it was deployed with the service's weights for `percent`, every other field and set as they were. */
const zoneAt = (deployed: readonly ResourceRecordSet[], percent: number): ResourceRecordSet[] =>
  deployed.map((set) => (set.SetIdentifier === IDS.dc ? { ...set, Weight: 100 - percent } : set.SetIdentifier === IDS.aws ? { ...set, Weight: percent } : set));

const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

describe("a traffic shift against moto's Route 53", () => {
  it('writes every step’s weights read-modify-write, polls the changes, completes, and returns to 100/0 on an abort', async ({ skip }) => {
    if (!moto) skip(skipReason);
    const motoTarget = targetAt(moto!.url, 'moto');
    const rehearsalTarget = targetAt(rehearsal!.url, 'rehearsal');
    const motoApi: TrafficAwsApi = trafficAwsApi(motoTarget);
    const rehearsalApi: TrafficAwsApi = trafficAwsApi(rehearsalTarget);
    const route53 = new Route53Client(sdkClientConfig(motoTarget));
    closing.push(
      () => motoApi.close(),
      () => rehearsalApi.close(),
      () => route53.destroy(),
    );

    // The AWS side in the rehearsal, with demand; its target healthy before the shift (3 checks, 10 s apart).
    const { loadBalancer, group, listenerArn } = await buildLoadBalancer(rehearsalTarget);
    await admin('POST', 'traffic/demand', { loadBalancer: loadBalancer.LoadBalancerName, requestsPerSecond: 100 });
    for (let i = 0; i < 12 && (await rehearsalApi.targetHealth(group.TargetGroupArn!, AbortSignal.timeout(5_000)))[0]?.state !== 'healthy'; i++)
      clock.advance(5_000);
    expect((await rehearsalApi.targetHealth(group.TargetGroupArn!, AbortSignal.timeout(5_000))).map((target) => target.state)).toEqual(['healthy']);

    // The records in moto, and the service's resources as its stack would report them.
    const zoneId = await buildZone(route53, loadBalancer);
    const deployed = await zoneSets(route53, zoneId);
    expect(deployed.map((set) => `${set.Name} ${set.Type} ${set.SetIdentifier ?? '-'} ${set.Weight ?? '-'}`)).toEqual([
      'shop.example.com. NS - -',
      'shop.example.com. SOA - -',
      `${SERVICE}. A ${IDS.aws} 0`,
      `${SERVICE}. A ${IDS.dc} 100`,
      'www2.shop.example.com. A - -',
    ]);
    // moto keeps the alias as written.
    expect(deployed[2]).toEqual({
      Name: `${SERVICE}.`,
      Type: 'A',
      SetIdentifier: IDS.aws,
      Weight: 0,
      AliasTarget: { HostedZoneId: loadBalancer.CanonicalHostedZoneId, DNSName: loadBalancer.DNSName, EvaluateTargetHealth: true },
    });
    const loadBalancerDimension = /:loadbalancer\/(app\/.+)$/.exec(loadBalancer.LoadBalancerArn!)![1]!;
    const groupDimension = /:(targetgroup\/.+)$/.exec(group.TargetGroupArn!)![1]!;
    const found = trafficResourcesOf(STACK, {
      trafficResources: {
        split: 'route53',
        service: SERVICE,
        awsPercent: 0,
        route53: { zoneId, recordName: SERVICE, recordType: 'A', ttl: TTL, setIdentifiers: IDS },
        loadBalancer: { arn: loadBalancer.LoadBalancerArn, dnsName: loadBalancer.DNSName, dimension: loadBalancerDimension },
        listenerArn,
        targetGroups: { aws: { arn: group.TargetGroupArn, dimension: groupDimension } },
      },
    });
    if ('problem' in found) throw new Error(found.problem);
    const resources: TrafficResources = found.resources;

    const service: ShiftService = {
      stackId: STACK,
      service: SERVICE,
      split: 'route53',
      analysis: AnalysisSchema.parse({ max5xxPercent: 5, maxResponseTimeMs: 1000, minRequests: 100 }),
    };
    const settings: ShiftSettings = {
      steps: [10, 50, 100].map((percent) => ({ percent, pauseSeconds: 120 })),
      onFailure: 'zero',
      changeTimeoutSeconds: 60,
      intervalSeconds: 60,
      failureLimit: 0,
    };

    /** The zone as moto listed it at each poll while a step was analysed, per distinct listing. */
    const observed = new Map<string, { percent: number; sets: ResourceRecordSet[] }>();
    const changeIds: string[] = [];
    const answered: (ChangeInfo | null)[] = [];
    let latest: ShiftRecord | undefined;
    const ports = (onChange: (record: ShiftRecord) => void = () => undefined): ShiftPorts => ({
      now: () => clock.now(),
      async poll(signal) {
        signal.throwIfAborted();
        if (latest?.state === 'analysing') {
          const sets = await zoneSets(route53, zoneId);
          observed.set(`${latest.percent} ${JSON.stringify(sets)}`, { percent: latest.percent, sets });
        }
        clock.advance(5_000);
        await tick();
        signal.throwIfAborted();
      },
      metricsLagMs: 5_000,
      async write(_service, percent, why, signal) {
        const write = await writeWeights(motoApi, resources, percent, `migration cockpit: ${SERVICE} ${why}`, signal);
        answered.push(write.change);
        return write;
      },
      async changeStatus(_service, changeId, signal) {
        changeIds.push(changeId);
        return (await motoApi.getChange(changeId, signal)).status;
      },
      // As the runbook's shift reads a window: the AWS group's five metrics, one-minute periods, every page.
      periods: (_service, from, to, signal) => awsGroupPeriods(rehearsalApi, resources, from, to, signal),
      changed(record) {
        latest = record;
        onChange(record);
      },
    });

    // 1. The shift: 10 → 50 → 100 %, each step analysed over two minutes and promoted.
    const shifted = await runShift([service], settings, 0, new ShiftControl(), ports(), AbortSignal.timeout(60_000));
    expect(shifted.message).toBe('shifted: 100 % to AWS after 3 steps, each analysed and promoted');
    expect(shifted).toMatchObject({ state: 'completed', percent: 100, fromPercent: 0, abort: null, operator: [] });
    expect(shifted.steps.map((step) => [step.percent, step.decision, step.decidedBy])).toEqual([
      [10, 'promoted', 'analysis'],
      [50, 'promoted', 'analysis'],
      [100, 'promoted', 'analysis'],
    ]);
    expect(shifted.steps.map((step) => step.writes.map((write) => [write.before, write.after]))).toEqual([
      [
        [
          { dc: 100, aws: 0 },
          { dc: 90, aws: 10 },
        ],
      ],
      [
        [
          { dc: 90, aws: 10 },
          { dc: 50, aws: 50 },
        ],
      ],
      [
        [
          { dc: 50, aws: 50 },
          { dc: 0, aws: 100 },
        ],
      ],
    ]);
    for (const step of shifted.steps) {
      // In sync the instant it was written: no poll between (moto's INSYNC at once).
      expect(step.inSyncAt).toBe(step.appliedAt);
      const measurements = step.measurements[STACK]!;
      expect(measurements).toHaveLength(2);
      for (const measurement of measurements)
        expect(measurement, JSON.stringify(measurement)).toMatchObject({ verdict: 'pass', requests: 6000, healthyMin: 1, unhealthyMax: 0 });
    }
    // At every poll of every step's analysis, moto held that step's weights and nothing else had changed.
    expect([...observed.values()].map((entry) => entry.percent)).toEqual([10, 50, 100]);
    for (const { percent, sets } of observed.values()) expect(sets, `at ${percent} %`).toEqual(zoneAt(deployed, percent));
    expect(await zoneSets(route53, zoneId)).toEqual(zoneAt(deployed, 100));
    // Each change the engine recorded, it polled, and moto answers GetChange for it (the same id every time).
    const recorded = shifted.steps.flatMap((step) => step.writes.map((write) => write.changeId));
    expect(recorded).toEqual([MOTO_CHANGE_ID, MOTO_CHANGE_ID, MOTO_CHANGE_ID]);
    expect(changeIds).toEqual(recorded);
    // moto's batch is in sync as it is answered (Route 53's would be PENDING).
    expect(answered).toEqual(recorded.map(() => expect.objectContaining({ id: MOTO_CHANGE_ID, status: 'INSYNC' })));
    for (const id of recorded) expect(await motoApi.getChange(id!, AbortSignal.timeout(5_000))).toMatchObject({ id, status: 'INSYNC' });

    // Back to the data center (what the compensation writes), then 2. a shift the operator aborts after its first step.
    const back = await writeWeights(
      motoApi,
      resources,
      0,
      `migration cockpit: ${SERVICE} rollback: all users back to the data center`,
      AbortSignal.timeout(5_000),
    );
    expect([back.before, back.after]).toEqual([
      { dc: 0, aws: 100 },
      { dc: 100, aws: 0 },
    ]);
    expect(await zoneSets(route53, zoneId)).toEqual(deployed);
    observed.clear();
    changeIds.length = 0;
    answered.length = 0;
    const control = new ShiftControl();
    let asked = false;
    const aborted = await runShift(
      [service],
      settings,
      0,
      control,
      ports((record) => {
        if (asked || record.steps[0]?.decision !== 'promoted') return;
        asked = true;
        control.abort('ops', 'peer check');
      }),
      AbortSignal.timeout(60_000),
    );
    expect(aborted.message).toBe('aborted: aborted by ops: peer check; weights back to 0 % to AWS (all users in the data center)');
    expect(aborted).toMatchObject({ state: 'aborted', percent: 0 });
    expect(aborted.steps.map((step) => [step.percent, step.decision, step.decidedBy])).toEqual([[10, 'promoted', 'analysis']]);
    expect(aborted.operator).toEqual([expect.objectContaining({ by: 'ops', what: 'abort', reason: 'peer check', step: 2 })]);
    expect(aborted.abort).toMatchObject({
      to: 0,
      by: 'ops',
      why: 'aborted by ops: peer check',
      inSync: true,
      writes: [{ stackId: STACK, before: { dc: 90, aws: 10 }, after: { dc: 100, aws: 0 }, changeId: MOTO_CHANGE_ID }],
    });
    expect([...observed.values()].map((entry) => entry.percent)).toEqual([10]);
    for (const { sets } of observed.values()) expect(sets).toEqual(zoneAt(deployed, 10));
    // The weights in moto are the data center's again, the zone exactly as deployed.
    expect(await zoneSets(route53, zoneId)).toEqual(deployed);
    expect(changeIds).toEqual([MOTO_CHANGE_ID, MOTO_CHANGE_ID]);
    expect(answered).toEqual([expect.objectContaining({ status: 'INSYNC' }), expect.objectContaining({ status: 'INSYNC' })]);
    expect(await motoApi.getChange(aborted.abort!.writes[0]!.changeId!, AbortSignal.timeout(5_000))).toMatchObject({ status: 'INSYNC' });
  }, 120_000);
});
