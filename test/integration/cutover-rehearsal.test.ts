// A cutover rehearsal through the cockpit core, with the real Pulumi CLI, the rehearsal registry and the
// rehearsal AWS server (time sped up 60x): a wave of two stacks is deployed, registered and replicating in CDC;
// its runbook runs until the health check answers 503; the wave is rolled back across systems; and the rehearsal
// environment is back where it was (same registrations, forward tasks stopped, the fallback's reverse task started,
// stacks with the same config and resources). The journal and the evidence pack tell the story. Then writers are
// let through again, replication resumes, and a second run with a healthy check cuts the wave over.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EventBatchSchema,
  type CutoverRunView,
  type DmsSnapshot,
  type EventBatch,
  type JournalEntryView,
  type PlanSnapshot,
  type WaveOperationView,
  type WaveReadinessView,
} from '../../main/api/contract';
import type { CockpitCore } from '../../main/core/cockpit-core';
import { tunedDmsTrack } from '../../main/tracks/dms/track';
import { readCheckpoint } from '../../main/pulumi/recovery';
import { defineScenario, startAwsRehearsal, type AwsRehearsal } from '../../rehearsal/aws-rehearsal';
import type { RegistryService } from '../../rehearsal/registry/index';
import { OPERATION_TIMEOUT, pulumiCliOrSkipNote } from './harness';
import { commandOf, deployWave, until } from '../support/core-commands';
import { aroundAwsRehearsal, startTestCore, TEST_PASSPHRASE } from '../support/test-core';

const W = 'wave-1';
const STACKS = ['platform-production/app7101', 'platform-production/app7102'];
const FORWARD = ['app7101-mysql-full-load-cdc', 'app7102-mysql-full-load-cdc'];
const REVERSE = 'app7101-mysql-reverse-cdc';

const plan = (healthUrl: string) => `version: 1
name: Cutover rehearsal
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
registries:
  - id: cmdb
    name: Metadata service
    baseUrl: rehearsal
    auth: { type: bearer, tokenEnv: MC_IT_CMDB_TOKEN }
    register: { method: POST, path: /api/v1/instances, body: { name: "{{stack.name}}", project: "{{stack.project}}", owner: "{{stack.config.owner}}" }, idPointer: /id }
    lookup: { method: GET, path: "/api/v1/instances?name={{stack.name}}&project={{stack.project}}", idPointer: /items/0/id }
    deregister: { method: DELETE, path: "/api/v1/instances/{{registration.id}}" }
projects:
  - { name: platform-production, program: app-instance }
stacks:
  - name: app7101
    project: platform-production
    config: { owner: team-a, sourceDatabaseHost: app7101-db.dc2.example.internal, trafficTarget: datacenter }
    registries: [cmdb]
    replicationTasks: [{ taskId: ${FORWARD[0]} }]
    fallback: { reverseTaskId: ${REVERSE} }
  - name: app7102
    project: platform-production
    config: { owner: team-b, sourceDatabaseHost: app7102-db.dc2.example.internal, trafficTarget: datacenter }
    registries: [cmdb]
    replicationTasks: [{ taskId: ${FORWARD[1]} }]
waves:
  - id: ${W}
    name: Rehearsal wave
    stacks: [app7101, app7102]
    maxParallel: 2
    gates: { maxCdcLatencySeconds: 30, holdSeconds: 10, requireValidation: false }
    cutover:
      downtimeBudgetMinutes: 30
      runbook:
        - { id: announce, name: Announce, manual: Tell the service desk }
        - { id: quiet, name: Source quiet, action: { type: freeze-check, quietSeconds: 20 }, timeoutMinutes: 3 }
        - { id: stop, name: Stop replication, action: { type: stop-replication, maxLatencySeconds: 3 }, timeoutMinutes: 3 }
        - { id: switch, name: Point traffic at AWS, action: { type: pulumi-up, config: { trafficTarget: aws } }, timeoutMinutes: 5 }
        - { id: register, name: Registered, action: { type: register }, timeoutMinutes: 5 }
        - { id: health, name: Health on AWS, action: { type: http-check, url: "${healthUrl}/{{stack.name}}/healthz", retries: 1, retryDelaySeconds: 0.2 }, timeoutMinutes: 2 }
`;

let folder = '';
let core: CockpitCore | undefined;
let aws: AwsRehearsal | undefined;
let registry: RegistryService | undefined;
let health: Server | undefined;
let healthStatus = 503;
let skipReason = '';
const batches: EventBatch[] = [];

beforeAll(async () => {
  const cli = await pulumiCliOrSkipNote();
  if (typeof cli === 'string') {
    skipReason = cli;
    return;
  }
  folder = await mkdtemp(path.join(os.tmpdir(), 'mc-cutover-'));
  health = createServer((_request, response) => {
    response.statusCode = healthStatus;
    response.end(healthStatus === 200 ? 'ok' : 'warming up');
  });
  await new Promise<void>((resolve) => health!.listen(0, '127.0.0.1', resolve));
  const healthUrl = `http://127.0.0.1:${(health.address() as AddressInfo).port}`;
  aws = await startAwsRehearsal({
    timeScale: 60,
    scenario: defineScenario({
      name: 'cutover',
      instances: [{ id: 'network-dms' }],
      tasks: [{ id: REVERSE, migrationType: 'cdc', autoStart: false, tables: [{ schema: 'shop', name: 'orders', rows: 10 }] }],
    }),
  });
  const planFile = path.join(folder, 'migration.yaml');
  await writeFile(planFile, plan(healthUrl));
  const rehearsal = aroundAwsRehearsal(() => aws!);
  core = await startTestCore({
    folder,
    tracks: [tunedDmsTrack({ metricPeriodSeconds: 5, intervals: { fastMs: 250, normalMs: 250, idleMs: 250, maxBackoffMs: 1000 } })],
    planFile,
    env: { ...process.env, ...TEST_PASSPHRASE },
    startRehearsal: rehearsal.start,
    cutover: { pollMs: 100 },
  });
  registry = rehearsal.registry();
  core.subscribe((batch) => batches.push(batch));
}, OPERATION_TIMEOUT);

const command = commandOf(() => core);

afterAll(async () => {
  await core?.close();
  await aws?.close();
  await new Promise<void>((resolve) => (health ? health.close(() => resolve()) : resolve()));
  if (folder) await rm(folder, { recursive: true, force: true });
});

const cutover = async () => (await command<CutoverRunView[]>('cutover.state', { waveId: W }))[0]!;
const dmsPhases = async () => (await command<DmsSnapshot>('dms.snapshot', {})).tasks.map((task) => task.phase);
const simStatus = (id: string) => aws!.simulation.task(id)?.status;
/** Writers at the source: blocked (0 changes/s) or let through (40/s, what the rehearsal gives a new task). */
const writers = (rate: number) => {
  for (const id of FORWARD) (aws!.simulation.task(id)!.rates as { changeRatePerSecond: number }).changeRatePerSecond = rate;
};

interface StackState {
  config: Record<string, unknown>;
  resources: { urn: string; registrationId?: string }[];
}

async function stackState(stackId: string): Promise<StackState> {
  const [project, name] = stackId.split('/') as [string, string];
  const settings = parse(await readFile(path.join(folder, 'data', 'workspaces', project, name, `Pulumi.${name}.yaml`), 'utf8')) as {
    config: Record<string, unknown>;
  };
  const checkpoint = await readCheckpoint(path.join(folder, 'data', 'state'), project, name);
  const resources = (checkpoint?.checkpoint?.latest?.resources ?? [])
    .map((resource) => ({
      urn: resource.urn,
      ...((resource.outputs as { registrationId?: string } | undefined)?.registrationId
        ? { registrationId: (resource.outputs as { registrationId: string }).registrationId }
        : {}),
    }))
    .sort((a, b) => a.urn.localeCompare(b.urn));
  // Secrets are encrypted with a fresh nonce on every write: compare that they are there, not their ciphertext.
  const config = Object.fromEntries(Object.entries(settings.config).map(([key, value]) => [key, typeof value === 'object' ? 'secure' : value]));
  return { config, resources };
}

async function confirm(stepId: string, by: string): Promise<void> {
  await until(`step ${stepId} waiting`, cutover, (view) => view.steps.find((step) => step.id === stepId)?.status === 'waiting');
  await command('cutover.confirmStep', { waveId: W, stepId, by });
}

describe('cutover rehearsal: runbook, rollback across systems, evidence', () => {
  let original: { registrations: string[]; stacks: StackState[] };

  it(
    'deploys the wave, registers it, and replicates in CDC',
    async ({ skip }) => {
      if (!core) skip(skipReason);
      const snapshot = await command<PlanSnapshot>('plan.get', {});
      expect(snapshot.status).toBe('loaded');
      const refused = await core!.dispatch('cutover.start', { waveId: W });
      expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/wave 'wave-1' is not ready for cutover: /) } });

      const deploy = await command<WaveOperationView>('wave.deploy', { waveId: W });
      const waves = await until(
        'the wave deploy',
        () => command<WaveOperationView[]>('waves.list', {}),
        (list) => list.some((op) => op.operationId === deploy.operationId && op.status !== 'running'),
        OPERATION_TIMEOUT,
      );
      expect(
        waves.find((op) => op.operationId === deploy.operationId),
        JSON.stringify(waves),
      ).toMatchObject({ status: 'succeeded' });
      expect(
        registry!
          .instances()
          .map((instance) => instance.name)
          .sort(),
      ).toEqual(['app7101', 'app7102']);

      await until('tasks known to the monitor', dmsPhases, (phases) => phases.every((phase) => phase === 'not-started'));
      for (const stackId of STACKS) await command('dms.control', { taskKey: `${stackId}#0`, action: 'start' });
      await until('tasks in CDC', dmsPhases, (phases) => phases.every((phase) => phase === 'cdc'));
      original = {
        registrations: registry!
          .instances()
          .map((instance) => `${instance.id}:${instance.name}`)
          .sort(),
        stacks: await Promise.all(STACKS.map(stackState)),
      };
      expect(original.stacks[0]!.config['platform-production:trafficTarget']).toBe('datacenter');
    },
    OPERATION_TIMEOUT * 2,
  );

  it(
    'runs the runbook until the health check answers 503, then rolls the wave back to where it was',
    async ({ skip }) => {
      if (!core || !original) skip(skipReason || 'the deploy failed');
      // The wave becomes ready once replication holds under the gate.
      await until(
        'the wave ready',
        () => command<{ ready: boolean; blockingReasons: string[] }[]>('cutover.readiness', { waveId: W }),
        ([view]) => view!.ready,
      );
      writers(0);
      healthStatus = 503;
      const started = await command<CutoverRunView>('cutover.start', { waveId: W, by: 'Rehearsal Lead' });
      expect(started).toMatchObject({ status: 'running', startedBy: 'Rehearsal Lead', readinessAtStart: { ready: true }, override: null });
      await confirm('announce', 'Alice Operator');

      const failed = await until('the run to stop', cutover, (view) => view.status !== 'running', OPERATION_TIMEOUT * 2);
      const steps = Object.fromEntries(failed.steps.map((step) => [step.id, step]));
      expect(failed.status, JSON.stringify(failed.steps.map((s) => [s.id, s.status, s.message]))).toBe('failed');
      expect(failed.steps.map((step) => step.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'failed']);
      expect(steps.announce).toMatchObject({ confirmedBy: 'Alice Operator' });
      expect(steps.stop!.message).toBe(`replication stopped: ${FORWARD.join(', ')}`);
      expect(steps.switch!.targets.map((target) => [target.stackId, target.status, typeof target.updateVersion])).toEqual(
        STACKS.map((id) => [id, 'succeeded', 'number']),
      );
      expect(steps.health!.message).toMatch(/HTTP 503 from http:\/\/127\.0\.0\.1:\d+\/app7101\/healthz, expected 200 after 2 attempt\(s\)/);
      for (const id of FORWARD) expect(simStatus(id)).toBe('stopped');
      // Cut over in the stacks: deployed with the cutover config.
      for (const stackId of STACKS) expect((await stackState(stackId)).config['platform-production:trafficTarget']).toBe('aws');
      // A stopped cutover is undone by its rollback across systems, never by a Pulumi rollback or a destroy by hand.
      await until(
        'the stopped phase',
        async () => (await command<WaveReadinessView[]>('cutover.readiness', { waveId: W }))[0]?.phase,
        (phase) => phase === 'cutover-stopped',
      );
      for (const [name, request] of [
        ['wave.rollback', { waveId: W }],
        ['stack.operate', { stackId: STACKS[0], kind: 'destroy' }],
      ] as const) {
        const refused = await core!.dispatch(name, request);
        expect(refused).toMatchObject({
          ok: false,
          error: { code: 'bad-request', message: expect.stringContaining("is cutover stopped: undo it with the cutover's rollback across systems") },
        });
      }

      await command('cutover.rollback', { waveId: W, by: 'Rehearsal Lead', reason: 'rehearsal: the rollback path is tested too' });
      const rolledBack = await until('the rollback', cutover, (view) => view.rollback?.status !== 'running', OPERATION_TIMEOUT * 2);
      expect(rolledBack.rollback, rolledBack.rollback?.summary ?? '').toMatchObject({ status: 'succeeded', startedBy: 'Rehearsal Lead' });
      expect(rolledBack.status).toBe('aborted');
      // The data direction first (the reverse task caught up), then the traffic back to the data center.
      expect(rolledBack.rollback!.steps.map((step) => [step.id, step.status])).toEqual([
        ['stop-forward:platform-production/app7102#0', 'skipped'],
        ['stop-forward:platform-production/app7101#0', 'skipped'],
        ['start-reverse:platform-production/app7101', 'succeeded'],
        ['config-back:platform-production/app7102', 'succeeded'],
        ['config-back:platform-production/app7101', 'succeeded'],
      ]);
      expect(rolledBack.rollback!.summary).toMatch(
        /^Rollback of wave-1 complete\.\nStacks: platform-production\/app7102 back on the data-center config; platform-production\/app7101 back on the data-center config\.\nReplication: .*reverse task app7101-mysql-reverse-cdc started\./,
      );

      // The rehearsal environment is where it was: same registrations, forward tasks stopped, stacks as before.
      expect(
        registry!
          .instances()
          .map((instance) => `${instance.id}:${instance.name}`)
          .sort(),
      ).toEqual(original.registrations);
      for (const id of FORWARD) expect(simStatus(id)).toBe('stopped');
      expect(simStatus(REVERSE)).toBe('running'); // it caught up before the traffic went back
      // Replication and the stack's panel show the reverse task the rollback started, apart from the wave's tasks.
      const afterRollback = await command<DmsSnapshot>('dms.snapshot', {});
      expect(afterRollback.reverseTasks.map((task) => [task.key, task.taskId, task.waveId])).toEqual([['platform-production/app7101#reverse', REVERSE, null]]);
      expect(afterRollback.tasks.map((task) => task.key)).not.toContain('platform-production/app7101#reverse');
      expect(await Promise.all(STACKS.map(stackState))).toEqual(original.stacks);
      expect(core!.cutover.overlayOf(STACKS[0]!)).toBeUndefined();
    },
    OPERATION_TIMEOUT * 4,
  );

  it('has journaled the story, and the evidence pack tells it', async ({ skip }) => {
    if (!core || !original) skip(skipReason || 'the deploy failed');
    const { entries } = await command<{ entries: JournalEntryView[] }>('journal.list', { limit: 5000 });
    const kinds = entries.filter((entry) => entry.kind.startsWith('cutover')).map((entry) => `${entry.kind}:${entry.phase}`);
    expect(kinds[0]).toBe('cutover:started');
    expect(kinds).toContain('cutover-rollback:succeeded');
    expect(kinds.filter((kind) => kind === 'cutover-compensate:succeeded')).toHaveLength(3);
    // Every Pulumi operation the runbook ran names its step as its parent.
    const stepAttempts = new Set(
      entries.filter((entry) => entry.kind === 'cutover-step' || entry.kind === 'cutover-compensate').map((entry) => entry.operationId),
    );
    const cutoverOps = entries.filter(
      (entry) => (entry.kind === 'up' || entry.kind === 'register') && entry.parentOperationId && stepAttempts.has(entry.parentOperationId),
    );
    expect(
      cutoverOps
        .filter((entry) => entry.phase === 'succeeded')
        .map((entry) => entry.kind)
        .sort(),
    ).toEqual(['register', 'register', 'up', 'up', 'up', 'up']);
    expect(entries.filter((entry) => entry.kind === 'dms-stop' && entry.phase === 'succeeded')).toHaveLength(2);

    const md = await command<{ fileName: string; content: string }>('evidence.export', { waveId: W, format: 'markdown' });
    expect(md.fileName).toMatch(/^evidence-wave-1-\d{8}T\d{6}Z\.md$/);
    expect(md.content).toContain('## Readiness (gate) history');
    expect(md.content).toMatch(/\| announce: Announce \| 1 \| .* \| succeeded \| confirmed by Alice Operator \(\S+\) \|/);
    expect(md.content).toMatch(/\| health: Health on AWS \| 1 \| .* \| failed \|/);
    expect(md.content).toMatch(/\| app7101-mysql-full-load-cdc \| platform-production\/app7101 \| running \(cdc\) \|/);
    expect(md.content).toMatch(/\| platform-production\/app7101 \| up \| succeeded \| \d+ \| .* \| cutover step switch \|/);
    expect(md.content).toContain('Rollback of wave-1 complete.');
    const html = await command<{ content: string }>('evidence.export', { waveId: W, format: 'html' });
    expect(html.content).toMatch(/^<!doctype html>/);
    expect(html.content).not.toContain('<script');
    for (const batch of batches) expect(EventBatchSchema.safeParse(batch).success).toBe(true);
    expect(batches.some((batch) => batch.events.some((event) => event.type === 'cutover.updated'))).toBe(true);
  });

  it(
    'cuts over on a second run once the health check passes',
    async ({ skip }) => {
      if (!core || !original) skip(skipReason || 'the deploy failed');
      // The data center is primary again: writers through, forward replication resumed, the reverse task stopped.
      await command('dms.control', { taskKey: `${STACKS[0]}#0`, action: 'resume' });
      await command('dms.control', { taskKey: `${STACKS[1]}#0`, action: 'resume' });
      await until('tasks in CDC again', dmsPhases, (phases) => phases.every((phase) => phase === 'cdc'));
      await until(
        'the wave ready again',
        () => command<{ ready: boolean }[]>('cutover.readiness', { waveId: W }),
        ([view]) => view!.ready,
      );
      writers(0);
      healthStatus = 200;
      await command('cutover.start', { waveId: W, by: 'Rehearsal Lead' });
      await confirm('announce', 'Alice Operator');
      const done = await until('the second run', cutover, (view) => view.status !== 'running', OPERATION_TIMEOUT * 2);
      expect(done.status, JSON.stringify(done.steps.map((s) => [s.id, s.status, s.message]))).toBe('succeeded');
      expect(done.steps.find((step) => step.id === 'health')!.message).toBe(`healthy: ${STACKS.join(', ')}`);
      const planView = await command<PlanSnapshot>('plan.get', {});
      if (planView.status !== 'loaded') throw new Error('plan not loaded');
      expect(planView.plan.stacks.map((stack) => stack.lifecycle.state)).toEqual(['cut-over', 'cut-over']);
      for (const stackId of STACKS) expect((await stackState(stackId)).config['platform-production:trafficTarget']).toBe('aws');
      expect(core!.cutover.overlayOf(STACKS[1]!)).toEqual({ trafficTarget: 'aws' });

      // A deploy of the cut-over wave (a patch after the migration) keeps the traffic where the runbook put it: the
      // cutover's config overlay goes with every operation on its stacks, whatever the plan's own config says.
      expect(await deployWave<WaveOperationView>(command, W, OPERATION_TIMEOUT)).toMatchObject({ status: 'succeeded' });
      for (const stackId of STACKS) expect((await stackState(stackId)).config['platform-production:trafficTarget']).toBe('aws');
    },
    OPERATION_TIMEOUT * 4,
  );
});
