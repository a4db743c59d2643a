// The health track end to end, the worked example of the track seam: a plan whose stack has `health` gets a Health
// column between Data and Dependencies; the real Pulumi engine deploys the stack into the rehearsal, whose
// app-instance output `healthUrl` is the rehearsal's stand-in endpoint; the health monitor probes it on the
// rehearsal's clock (60x), the gate holds for the wave's healthyForSeconds and turns green, turns red when the
// rehearsal marks the instance unhealthy (POST /_admin/apps/<instance>), and holds again from the next good probe.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CockpitEvent, PlanSnapshot, ReadinessGateView, WaveOperationView, WaveReadinessView } from '../../main/api/contract';
import type { CockpitCore } from '../../main/core/cockpit-core';
import { dmsTrack } from '../../main/tracks/dms/track';
import { tunedHealthTrack } from '../../main/tracks/health/track';
import type { HealthSnapshot } from '../../main/tracks/health/contract';
import { defineScenario, startAwsRehearsal, type AwsRehearsal } from '../../rehearsal/aws-rehearsal';
import { OPERATION_TIMEOUT, pulumiCliOrSkipNote } from './harness';
import { commandOf, deployWave, until } from '../support/core-commands';
import { aroundAwsRehearsal, startTestCore, TEST_PASSPHRASE } from '../support/test-core';

const W = 'wave-1';
const STACK = 'platform-production/app8101';
const plan = `version: 1
name: Health track rehearsal
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
projects:
  - { name: platform-production, program: app-instance }
stacks:
  - name: app8101
    project: platform-production
    config: { trafficTarget: datacenter }
    health: {}
  - name: app8102
    project: platform-production
    config: { trafficTarget: datacenter }
waves:
  - id: ${W}
    name: Probed wave
    stacks: [app8101, app8102]
    health: { healthyForSeconds: 120 }
`;

let folder = '';
let core: CockpitCore | undefined;
let aws: AwsRehearsal | undefined;
let skipReason = '';
let planFile = '';
const events: CockpitEvent[] = [];

beforeAll(async () => {
  const cli = await pulumiCliOrSkipNote();
  if (typeof cli === 'string') {
    skipReason = cli;
    return;
  }
  folder = await mkdtemp(path.join(os.tmpdir(), 'mc-health-'));
  aws = await startAwsRehearsal({ timeScale: 60, scenario: defineScenario({ name: 'health', instances: [], tasks: [] }) });
  planFile = path.join(folder, 'migration.yaml');
  await writeFile(planFile, plan);
  core = await startTestCore({
    folder,
    tracks: [dmsTrack, tunedHealthTrack({ intervals: { fastMs: 200, normalMs: 200, idleMs: 200, maxBackoffMs: 1000 } })],
    planFile,
    env: { ...process.env, ...TEST_PASSPHRASE },
    startRehearsal: aroundAwsRehearsal(() => aws!, { timeScale: 60 }).start,
  });
  core.subscribe((batch) => events.push(...batch.events));
}, OPERATION_TIMEOUT);

const command = commandOf(() => core);

afterAll(async () => {
  await core?.close();
  await aws?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function healthGate(stackId: string): Promise<ReadinessGateView> {
  const [wave] = await command<WaveReadinessView[]>('cutover.readiness', { waveId: W });
  return wave!.stacks.find((stack) => stack.stackId === stackId)!.gates.find((gate) => gate.gate === 'health')!;
}

async function markHealthy(healthy: boolean): Promise<void> {
  const response = await fetch(`${aws!.url}/_admin/apps/app8101`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(healthy ? { healthy: true } : { healthy: false, reason: 'rehearsal: the app lost its database' }),
  });
  expect(response.status).toBe(200);
}

describe('the health track', () => {
  it(
    'adds a Health column between Data and Dependencies, probes the deployed stack, holds, and turns red on a failed probe',
    async ({ skip }) => {
      if (!core) skip(skipReason);
      const snapshot = await command<PlanSnapshot>('plan.get', {});
      if (snapshot.status !== 'loaded') throw new Error(JSON.stringify(snapshot));
      expect(snapshot.plan.gateColumns.map((column) => column.id)).toEqual(['infrastructure', 'registration', 'data', 'health', 'dependencies']);

      // Before the deploy: no URL to probe, said as such; the stack without `health` is not probed.
      const before = await until(
        'the first probe cycle',
        () => command<HealthSnapshot>('health.snapshot', {}),
        (view) => view.probes.length > 0,
      );
      expect(before.probes).toEqual([
        expect.objectContaining({ stackId: STACK, url: null, problem: "the stack has no output 'healthUrl' yet: deploy it first" }),
      ]);
      expect((await healthGate('platform-production/app8102')).reasons).toEqual(['not probed']);

      expect(await deployWave<WaveOperationView>(command, W, OPERATION_TIMEOUT)).toMatchObject({ status: 'succeeded' });

      // The hold runs on the rehearsal's clock (60x): 120 s there is 2 s here.
      const holding = await until(
        'the hold',
        () => healthGate(STACK),
        (gate) => gate.holdRemainingSeconds !== null,
      );
      expect(holding.reasons[0]).toMatch(/^healthy since \d\d:\d\d:\d\d UTC \(data clock\); the 120 s hold ends at \d\d:\d\d:\d\d UTC \(data clock\)$/);
      await until(
        'the gate green',
        () => healthGate(STACK),
        (gate) => gate.status === 'green',
      );
      const probed = await command<HealthSnapshot>('health.snapshot', {});
      expect(probed.probes[0]).toMatchObject({ httpStatus: 200, ok: true, url: expect.stringContaining('/_apps/app8101/healthz') });
      expect(probed.monitor?.lastCycleCalls).toEqual({ GET: 1 });

      await markHealthy(false);
      const red = await until(
        'the gate red',
        () => healthGate(STACK),
        (gate) => gate.status === 'red' && gate.holdRemainingSeconds === null,
      );
      expect(red.reasons[0]).toMatch(
        /^the health probe failed at \d\d:\d\d:\d\d UTC \(data clock\): HTTP 503, expected 200: rehearsal: the app lost its database$/,
      );
      const [wave] = await command<WaveReadinessView[]>('cutover.readiness', { waveId: W });
      expect(wave!.ready).toBe(false);

      // Healthy again: the hold starts over from the next good probe, then green.
      await markHealthy(true);
      await until(
        'the hold again',
        () => healthGate(STACK),
        (gate) => gate.holdRemainingSeconds !== null,
      );
      await until(
        'green again',
        () => healthGate(STACK),
        (gate) => gate.status === 'green',
      );
    },
    OPERATION_TIMEOUT * 2,
  );
});
