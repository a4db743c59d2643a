// The traffic track end to end in the rehearsal, on a manual rehearsal clock the test drives while a shift runs: the
// real Pulumi engine deploys two services' rehearsal targets (a Route 53 weighted split in front of an EC2 server,
// and an ALB weighted split in front of EKS pods), the monitor reads their weights, health and ALB minutes, and the
// gate turns green once the AWS targets are healthy. The shift steps both services 5 → 25 → 50 → 100 %; the AWS
// target group of the ALB service answers 20 % 5xx from a quarter of the service's requests on (an injected fault),
// so the analysis fails at 25 % and the shift aborts back to 0 % — every weight verified in Route 53 and ELBv2 at each
// step. Once the fault is cleared a retry shifts both to 100 %; a rollback brings every user back to the data center.
// The journal and the evidence pack have each step, its measurements and who decided.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DescribeListenersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ListResourceRecordSetsCommand, Route53Client } from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CutoverRunView, JournalEntryView, PlanSnapshot, ReadinessGateView, WaveOperationView, WaveReadinessView } from '../../main/api/contract';
import type { CockpitCore } from '../../main/core/cockpit-core';
import { dmsTrack } from '../../main/tracks/dms/track';
import type { ServiceView, ShiftView, TrafficSnapshot } from '../../main/tracks/traffic/contract';
import { trafficResourcesOf, type TrafficResources } from '../../main/tracks/traffic/resources';
import { tunedTrafficTrack } from '../../main/tracks/traffic/track';
import { defineScenario, ManualClock, startAwsRehearsal, type AwsRehearsal } from '../../rehearsal/aws-rehearsal';
import { commandOf, deployWave, until } from '../support/core-commands';
import { aroundAwsRehearsal, startTestCore, TEST_PASSPHRASE } from '../support/test-core';
import { OPERATION_TIMEOUT, pulumiCliOrSkipNote } from './harness';

const W = 'wave-shop';
const SHOP = 'platform-production/app8401';
const CHECKOUT = 'platform-production/app8402';
const ZONE_ID = 'Z08401SHOPREHEARSAL';
const T0 = Date.UTC(2026, 11, 5, 2, 0, 10);

let folder = '';
let core: CockpitCore | undefined;
let aws: AwsRehearsal | undefined;
let skipReason = '';
const clock = new ManualClock(T0);

const plan = `version: 1
name: Traffic rehearsal
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
projects:
  - { name: platform-production, program: app-instance }
stacks:
  - name: app8401
    project: platform-production
    traffic:
      service: www.shop.example.com
      split: route53
      route53: { zoneId: ${ZONE_ID}, ttl: 30 }
      dataCenter: { addresses: [172.20.84.11, 172.20.84.12] }
      aws: { ec2: {} }
      port: 443
  - name: app8402
    project: platform-production
    traffic:
      service: checkout.shop.example.com
      split: alb
      dataCenter: { addresses: [172.20.84.21], port: 8443 }
      aws: { eks: { clusterStack: core/eks-shared/production, namespace: checkout, image: registry.example.com/checkout:4.12.0, replicas: 2 } }
waves:
  - id: ${W}
    name: Shop to AWS
    stacks: [app8401, app8402]
    traffic:
      steps: [5, 25, 50, 100]
      pauseSeconds: 120
      onFailure: zero
      changeTimeoutSeconds: 120
      analysis: { intervalSeconds: 60, max5xxPercent: 5, maxResponseTimeMs: 1000, minHealthyHosts: 1, maxUnhealthyHosts: 0, minRequests: 100 }
    cutover:
      downtimeBudgetMinutes: 60
      runbook:
        - { id: shift, name: Shift the users, action: { type: traffic-shift }, timeoutMinutes: 60 }
`;

async function admin(method: string, route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${aws!.url}/_admin/${route}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} /_admin/${route}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

beforeAll(async () => {
  const cli = await pulumiCliOrSkipNote();
  if (typeof cli === 'string') {
    skipReason = cli;
    return;
  }
  folder = await mkdtemp(path.join(os.tmpdir(), 'mc-traffic-'));
  aws = await startAwsRehearsal({ clock, scenario: defineScenario({ name: 'traffic', instances: [], tasks: [] }) });
  // The shop's zone, and the data center's own record of the shop's name, which the first deploy takes over.
  await admin('POST', 'traffic/zones', { name: 'shop.example.com', id: ZONE_ID });
  const planFile = path.join(folder, 'migration.yaml');
  await writeFile(planFile, plan);
  core = await startTestCore({
    folder,
    tracks: [dmsTrack, tunedTrafficTrack({ intervals: { fastMs: 200, normalMs: 200, idleMs: 200, maxBackoffMs: 1000 } })],
    planFile,
    env: { ...process.env, ...TEST_PASSPHRASE },
    startRehearsal: aroundAwsRehearsal(() => aws!).start,
    cutover: { pollMs: 50 },
  });
}, OPERATION_TIMEOUT);

const command = commandOf(() => core);

afterAll(async () => {
  await core?.close();
  await aws?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
}, 60_000);

const snapshot = () => command<TrafficSnapshot>('traffic.snapshot', {});
const serviceOf = (view: TrafficSnapshot, stackId: string): ServiceView | undefined => view.services.find((service) => service.stackId === stackId);
const shiftOf = (view: TrafficSnapshot): ShiftView | undefined => view.shifts.find((shift) => shift.waveId === W);
const runState = async () => (await command<CutoverRunView[]>('cutover.state', { waveId: W }))[0]!;

async function gate(stackId: string): Promise<ReadinessGateView> {
  const [wave] = await command<WaveReadinessView[]>('cutover.readiness', { waveId: W });
  return wave!.stacks.find((stack) => stack.stackId === stackId)!.gates.find((candidate) => candidate.gate === 'traffic.ready')!;
}

/** Moves the rehearsal clock 5 s every 25 ms until `done` holds (a shift's pauses pass in seconds). */
async function drive<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms = OPERATION_TIMEOUT): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`timed out driving the clock until ${what}; last: ${JSON.stringify(value).slice(0, 2000)}`);
    clock.advance(5_000);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const sdk = () => ({ region: 'eu-central-1', endpoint: aws!.url, credentials: { accessKeyId: 'rehearsal', secretAccessKey: 'rehearsal' } });

/** The weights AWS holds for each service now, read with the SDKs (not through the cockpit). */
async function weightsInAws(resources: {
  shop: TrafficResources;
  checkout: TrafficResources;
}): Promise<{ shop: [number, number]; checkout: [number, number] }> {
  const route53 = new Route53Client(sdk());
  const elb = new ElasticLoadBalancingV2Client(sdk());
  try {
    const { ResourceRecordSets = [] } = await route53.send(
      new ListResourceRecordSetsCommand({ HostedZoneId: ZONE_ID, StartRecordName: 'www.shop.example.com', StartRecordType: 'A' }),
    );
    const weight = (identifier: string) => ResourceRecordSets.find((set) => set.SetIdentifier === identifier)?.Weight ?? -1;
    const ids = resources.shop.route53!.setIdentifiers;
    const { Listeners = [] } = await elb.send(new DescribeListenersCommand({ ListenerArns: [resources.checkout.listenerArn] }));
    const groups = Listeners[0]?.DefaultActions?.find((action) => action.Type === 'forward')?.ForwardConfig?.TargetGroups ?? [];
    const groupWeight = (arn: string) => groups.find((group) => group.TargetGroupArn === arn)?.Weight ?? -1;
    return {
      shop: [weight(ids.dc), weight(ids.aws)],
      checkout: [groupWeight(resources.checkout.targetGroups.dc!.arn), groupWeight(resources.checkout.targetGroups.aws.arn)],
    };
  } finally {
    route53.destroy();
    elb.destroy();
  }
}

describe('the traffic track in the rehearsal', () => {
  it(
    'shifts two services step by step, aborts at 25 % on injected errors back to 0 %, succeeds once the fault clears, and rolls back',
    async ({ skip }) => {
      if (!core) skip(skipReason);
      const loaded = await command<PlanSnapshot>('plan.get', {});
      if (loaded.status !== 'loaded') throw new Error(JSON.stringify(loaded));
      expect(loaded.plan.gateColumns.map((column) => column.id)).toContain('traffic.ready');

      expect(await deployWave<WaveOperationView>(command, W, OPERATION_TIMEOUT)).toMatchObject({ status: 'succeeded' });
      const outputs = (stackId: string) => {
        const found = trafficResourcesOf(stackId, core!.stackOutputs(stackId));
        if ('problem' in found) throw new Error(found.problem);
        return found.resources;
      };
      const resources = { shop: outputs(SHOP), checkout: outputs(CHECKOUT) };
      expect(resources.shop).toMatchObject({ split: 'route53', awsPercent: 0, route53: { zoneId: ZONE_ID, recordName: 'www.shop.example.com' } });
      expect(resources.checkout).toMatchObject({ split: 'alb', awsPercent: 0 });
      expect(await weightsInAws(resources)).toEqual({ shop: [100, 0], checkout: [100, 0] });

      // The AWS targets register (initial), then pass their health checks: the gate turns green.
      // Every target of both sides healthy (the checkout's two pods, and its data-center server).
      const ready = await drive(
        'both services healthy',
        snapshot,
        (view) =>
          (serviceOf(view, SHOP)?.targets.aws?.healthy ?? 0) >= 1 &&
          serviceOf(view, CHECKOUT)?.targets.aws?.healthy === 2 &&
          serviceOf(view, CHECKOUT)?.targets.dc?.healthy === 1,
      );
      expect(serviceOf(ready, SHOP)).toMatchObject({ weights: { dc: 100, aws: 0 }, awsPercent: 0, plannedPercent: 0, problem: null });
      expect(serviceOf(ready, CHECKOUT)!.targets.aws!.healthy).toBe(2);
      expect(serviceOf(ready, CHECKOUT)!.targets.dc!.healthy).toBe(1);
      for (const stackId of [SHOP, CHECKOUT])
        expect(
          (
            await until(
              `the gate of ${stackId} green`,
              () => gate(stackId),
              (view) => view.status === 'green',
            )
          ).status,
        ).toBe('green');

      // 100 requests a second to each service (the rehearsal's 5xx base rate, about 0.1 %, stays far below 5 % at 5 %
      // of that); the checkout's AWS pods answer 20 % 5xx once a quarter of its requests reach them.
      const checkoutGroup = resources.checkout.targetGroups.aws.dimension.split('/')[1]!;
      await admin('POST', 'traffic/demand', { name: 'www.shop.example.com', requestsPerSecond: 100 });
      await admin('POST', 'traffic/demand', { loadBalancer: resources.checkout.loadBalancer.dimension.split('/')[1]!, requestsPerSecond: 100 });
      await admin('POST', 'faults', { type: 'traffic-errors', targetGroup: checkoutGroup, errorPercent: 20, fromPercent: 25 });

      // The shift: every write is verified in Route 53 and ELBv2 as it lands.
      await command('cutover.start', { waveId: W });
      const observed = new Set<string>();
      const watchWeights = async () => {
        // While a step is analysed, AWS holds its weights for both services (read with the SDKs, not the cockpit).
        const shift = shiftOf(await snapshot());
        if (shift?.state === 'analysing') {
          const held = await weightsInAws(resources);
          const step = shift.stepRecords[shift.stepRecords.length - 1]!;
          observed.add(`${step.percent}: ${held.shop.join('/')} ${held.checkout.join('/')}`);
        }
        return runState();
      };
      const aborted = await drive('the shift to end', watchWeights, (view) => view.status !== 'running');
      expect([...observed]).toEqual(['5: 95/5 95/5', '25: 75/25 75/25']);
      expect(aborted.status).toBe('failed');
      const first = shiftOf(await snapshot())!;
      expect(first.state).toBe('aborted');
      expect(first.stepRecords.map((step) => [step.percent, step.decision, step.decidedBy])).toEqual([
        [5, 'promoted', 'analysis'],
        [25, 'aborted', 'analysis'],
      ]);
      expect(first.stepRecords[1]!.why).toMatch(
        /^checkout\.shop\.example\.com: 1 failed measurement \(the limit is 0\); the last, .*: 5xx \d+(\.\d+)? % of [\d,]+ requests, above the maximum 5 %$/,
      );
      expect(first.abort).toMatchObject({ to: 0, by: 'analysis', inSync: true });
      for (const step of first.stepRecords) {
        expect(step.writes.map((write) => [write.stackId, write.after])).toEqual([
          [SHOP, { dc: 100 - step.percent, aws: step.percent }],
          [CHECKOUT, { dc: 100 - step.percent, aws: step.percent }],
        ]);
        expect(step.writes[0]!.changeId).toMatch(/^C/);
        expect(step.inSyncAt).not.toBeNull();
      }
      expect(await weightsInAws(resources)).toEqual({ shop: [100, 0], checkout: [100, 0] });
      const history = serviceOf(await snapshot(), CHECKOUT)!.weightHistory.map((entry) => entry.aws);
      expect(history).toEqual([0, 5, 25, 0]);

      // The fault cleared, the step again: both services step up to 100 %, each step analysed and promoted.
      await admin('DELETE', 'faults');
      await command('cutover.retry', { waveId: W });
      observed.clear();
      const watchedShift = async () => (await watchWeights(), shiftOf(await snapshot()));
      // The operator at step 2: a pause holds it (the analysis goes on), a promote ends its pause now, the next step
      // waits paused until resumed; each journaled with who. Malformed or misdirected commands are refused, in words.
      await drive('step 2 analysed', watchedShift, (shift) => shift?.state === 'analysing' && shift.stepRecords.length === 2);
      const refused = async (name: string, request: unknown) => {
        const answer = await core!.dispatch(name, request);
        if (answer.ok) throw new Error(`${name} was accepted`);
        return `${answer.error.code}: ${answer.error.message}`;
      };
      expect(await refused('traffic.resume', { waveId: W })).toBe(`bad-request: the shift of wave '${W}' is not paused`);
      expect(await refused('traffic.abort', { waveId: W, reason: 'x' })).toMatch(/^bad-request: .*say why the shift is aborted/);
      expect(await refused('traffic.pause', { waveId: 'wave-nope' })).toBe(
        "not-found: wave 'wave-nope' has no shift: its runbook's traffic-shift step has not started",
      );
      expect(await refused('traffic.pause', { waveId: W, extra: true })).toMatch(/^bad-request: /);
      await command('traffic.pause', { waveId: W, reason: 'checking the checkout logs' });
      await drive('the shift paused', watchedShift, (shift) => shift?.state === 'paused');
      await command('traffic.promote', { waveId: W, reason: 'logs clean' });
      const held = await drive('step 3 held paused', watchedShift, (shift) => shift?.stepRecords.length === 3 && shift.state === 'paused');
      expect(held!.stepRecords[1]).toMatchObject({ decision: 'promoted', why: expect.stringMatching(/^promoted by .+: logs clean$/) });
      await command('traffic.resume', { waveId: W });
      const shifted = await drive('the shift to end again', watchWeights, (view) => view.status !== 'running');
      expect([...observed]).toEqual(['5: 95/5 95/5', '25: 75/25 75/25', '50: 50/50 50/50', '100: 0/100 0/100']);
      expect(shifted.status, JSON.stringify(shifted.steps[0])).toBe('succeeded');
      const second = shiftOf(await snapshot())!;
      expect(second).toMatchObject({ state: 'completed', percent: 100, fromPercent: 0 });
      expect(second.stepRecords.map((step) => [step.percent, step.decision])).toEqual([
        [5, 'promoted'],
        [25, 'promoted'],
        [50, 'promoted'],
        [100, 'promoted'],
      ]);
      for (const step of second.stepRecords)
        for (const measurements of Object.values(step.measurements)) expect(measurements.every((m) => m.verdict === 'pass')).toBe(true);
      expect(second.operator.map((event) => [event.what, event.reason, event.step])).toEqual([
        ['pause', 'checking the checkout logs', 2],
        ['promote', 'logs clean', 2],
        ['resume', null, 3],
      ]);
      const journal = await command<{ entries: JournalEntryView[] }>('journal.list', {});
      expect(journal.entries.filter((entry) => entry.kind === 'traffic-operator').map((entry) => entry.message)).toEqual([
        'pause of the traffic shift at step 2 (25 %): checking the checkout logs',
        'promote of the traffic shift at step 2 (25 %): logs clean',
        'resume of the traffic shift at step 3 (50 %)',
      ]);
      expect(await weightsInAws(resources)).toEqual({ shop: [0, 100], checkout: [0, 100] });

      // A deploy now keeps the users where the shift put them (the overlay says 100 %).
      expect(await deployWave<WaveOperationView>(command, W, OPERATION_TIMEOUT)).toMatchObject({ status: 'succeeded' });
      expect(await weightsInAws(resources)).toEqual({ shop: [0, 100], checkout: [0, 100] });

      // The rollback: every user back to the data center.
      expect(shifted.rollbackPlan.map((planned) => planned.id)).toEqual(expect.arrayContaining([`traffic-dc:${SHOP}`, `traffic-dc:${CHECKOUT}`]));
      await command('cutover.rollback', { waveId: W, reason: 'rehearsal: the users go back to the data center' });
      const rolledBack = await drive('the rollback to end', runState, (view) => view.rollback !== null && view.rollback.status !== 'running');
      expect(rolledBack.rollback!.status, rolledBack.rollback!.summary ?? '').toBe('succeeded');
      expect(await weightsInAws(resources)).toEqual({ shop: [100, 0], checkout: [100, 0] });

      // The evidence pack: each step, its weights and measurements, the abort and who decided.
      const pack = await command<{ content: string }>('evidence.export', { waveId: W, format: 'markdown' });
      if (process.env.TRAFFIC_EVIDENCE) await writeFile(process.env.TRAFFIC_EVIDENCE, pack.content);
      expect(pack.content).toContain('## Traffic shifts: every step, its weights, its measurements and who decided');
      expect(pack.content).toMatch(/above the maximum 5 %/);
      expect(pack.content).toMatch(/\*\*Weights returned to:\*\* 0 % to AWS: platform-production\/app8401: 75\/25 → 100\/0/);
      expect(pack.content).toMatch(/\| 2 \| platform-production\/app8402 \| \d\d:\d\d:00–\d\d:\d\d:00 \| \d+ \| \d+ \(\d+(\.\d+)? %\) \| .* \| fail \| 5xx/);
    },
    OPERATION_TIMEOUT * 3,
  );
});
