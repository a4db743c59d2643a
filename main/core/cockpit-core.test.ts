import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventBatch, PlanSnapshot } from '../api/contract';
import type { PlanLoadResult } from '../plan/load';
import { loadPlanFile } from '../plan/plan-testing';
import { startCockpitCore, type CockpitCore, type CockpitCoreOptions } from './cockpit-core';
import { CORE_TRACKS } from '../tracks/index';

const APP_ROOT = path.resolve(import.meta.dirname, '../..');
const DEMO_PLAN = path.join(APP_ROOT, 'examples/demo/migration.yaml');

let folder: string;
let core: CockpitCore | undefined;

const start = async (planFile?: string, watchPlan = false, more: Partial<CockpitCoreOptions> = {}) => {
  core = await startCockpitCore({
    tracks: CORE_TRACKS,
    dataDir: path.join(folder, 'data'),
    appRoot: APP_ROOT,
    transport: 'web',
    version: 'test',
    watchPlan,
    eventFlushMs: 5,
    ...(planFile ? { planFile } : {}),
    ...more,
  });
  return core;
};

async function snapshotOf(core: CockpitCore): Promise<PlanSnapshot> {
  const result = await core.dispatch('plan.get', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as PlanSnapshot;
}

function nextBatch(core: CockpitCore, predicate: (batch: EventBatch) => boolean = () => true): Promise<EventBatch> {
  return new Promise((resolve) => {
    const stop = core.subscribe((batch) => {
      if (!predicate(batch)) return;
      stop();
      resolve(batch);
    });
  });
}

beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'mc-core-'));
});

afterEach(async () => {
  await core?.close();
  core = undefined;
  await rm(folder, { recursive: true, force: true });
});

describe('cockpit core', () => {
  it('starts with no plan when none is given', async () => {
    expect(await snapshotOf(await start())).toEqual({ status: 'none' });
  });

  it('opens a plan with every stack planned', async () => {
    const snapshot = await snapshotOf(await start(DEMO_PLAN));
    if (snapshot.status !== 'loaded') throw new Error('demo plan should load');
    expect(snapshot.plan.stacks.every((stack) => stack.lifecycle.state === 'planned')).toBe(true);
  });

  it("shows the gates of the tracks it was given between the core's, and judges every stack's gates in that order", async () => {
    const running = await start(DEMO_PLAN);
    const snapshot = await snapshotOf(running);
    if (snapshot.status !== 'loaded') throw new Error('demo plan should load');
    const ids = [
      'infrastructure',
      'registration',
      'data',
      'keyspaces.load',
      'keyspaces.dual-write',
      'keyspaces.validation',
      'schedules.ready',
      'traffic.ready',
      'dependencies',
    ];
    expect(snapshot.plan.gateColumns.map((column) => [column.id, column.track])).toEqual([
      ['infrastructure', null],
      ['registration', null],
      ['data', 'dms'],
      ['keyspaces.load', 'keyspaces'],
      ['keyspaces.dual-write', 'keyspaces'],
      ['keyspaces.validation', 'keyspaces'],
      ['schedules.ready', 'schedules'],
      ['traffic.ready', 'traffic'],
      ['dependencies', null],
    ]);
    const readiness = await running.dispatch('cutover.readiness', {});
    if (!readiness.ok) throw new Error(readiness.error.message);
    const waves = readiness.value as { stacks: { gates: { gate: string }[] }[] }[];
    expect(waves.flatMap((wave) => wave.stacks).length).toBeGreaterThan(0);
    for (const wave of waves) for (const stack of wave.stacks) expect(stack.gates.map((gate) => gate.gate)).toEqual(ids);
    await running.close();
    // Without tracks' gates, the core's gates alone (the demo plan's keys need the tracks' plan parts).
    const bare = await start(DEMO_PLAN, false, { tracks: CORE_TRACKS.map(({ id, title, plan }) => ({ id, title, plan })) });
    const alone = await snapshotOf(bare);
    if (alone.status !== 'loaded') throw new Error('demo plan should load');
    expect(alone.plan.gateColumns.map((column) => column.id)).toEqual(['infrastructure', 'registration', 'dependencies']);
  });

  it("leaves out the gates of a track the plan does not use, and reads the plan with the tracks' grammar", async () => {
    const unused = await start(DEMO_PLAN, false, {
      tracks: CORE_TRACKS.map((track) => (track.plan ? { ...track, plan: { ...track.plan, uses: () => false } } : track)),
    });
    const snapshot = await snapshotOf(unused);
    if (snapshot.status !== 'loaded') throw new Error('demo plan should load');
    expect(snapshot.plan.gateColumns.map((column) => column.id)).toEqual(['infrastructure', 'registration', 'dependencies']);
    const readiness = await unused.dispatch('cutover.readiness', {});
    if (!readiness.ok) throw new Error(readiness.error.message);
    for (const wave of readiness.value as { stacks: { gates: { gate: string }[] }[] }[])
      for (const stack of wave.stacks) expect(stack.gates.map((gate) => gate.gate)).toEqual(['infrastructure', 'registration', 'dependencies']);
    // The DMS part's view: the tasks each stack names, the gates each wave sets.
    expect(snapshot.plan.stacks.find((stack) => stack.id === 'platform-production/app1101')?.replicationTasks).toEqual([
      { kind: 'task-id', taskId: 'app1101-mysql-full-load-cdc' },
    ]);
    await unused.close();
    // Without the DMS track, the demo plan's DMS keys are unknown fields.
    const without = await snapshotOf(await start(DEMO_PLAN, false, { tracks: [] }));
    expect(without.status).toBe('invalid');
    if (without.status === 'invalid')
      expect(without.issues.map((issue) => issue.message)).toContain(
        "unknown field 'replicationTasks'; expected one of: name, project, description, config, registries",
      );
  });

  it('remembers opened plans across restarts, newest first', async () => {
    const other = path.join(folder, 'other.yaml');
    await copyFile(DEMO_PLAN, other);
    const first = await start(DEMO_PLAN);
    await first.dispatch('plan.open', { file: other });
    await first.close();
    const info = await (await start()).dispatch('core.info', {});
    expect(info).toMatchObject({ ok: true, value: { recentPlans: [other, DEMO_PLAN] } });
    expect(JSON.parse(await readFile(path.join(folder, 'data', 'recent-plans.json'), 'utf8'))).toEqual([other, DEMO_PLAN]);
  });

  it('says a file that is not a plan was refused, and keeps it out of the recent plans', async () => {
    const notPlan = path.join(folder, 'credentials.yaml');
    await writeFile(notPlan, 'aws_secret_access_key: canary-77\n');
    const running = await start(DEMO_PLAN);
    const answer = await running.dispatch('plan.open', { file: notPlan });
    expect(answer).toMatchObject({
      ok: true,
      value: { status: 'loaded', file: DEMO_PLAN, rejected: { kind: 'open', refused: true, issues: [{ line: 1, column: 1 }] } },
    });
    expect(JSON.stringify(answer)).not.toContain('canary-77');
    const info = await running.dispatch('core.info', {});
    expect(info).toMatchObject({ ok: true, value: { recentPlans: [DEMO_PLAN] } });
  });

  it('publishes the runbook of every wave of a plan it loads, after the plan itself', async () => {
    const running = await start();
    const batches: EventBatch[] = [];
    running.subscribe((batch) => batches.push(batch));
    await running.dispatch('plan.open', { file: DEMO_PLAN });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const events = batches.flatMap((batch) => batch.events);
    const planAt = events.findIndex((event) => event.type === 'plan.changed');
    const runs = events.flatMap((event, index) => (event.type === 'cutover.updated' ? [{ index, waveId: event.run.waveId, status: event.run.status }] : []));
    // Only wave-1, wave-5 (the Keyspaces wave), wave-6 (the scheduled jobs) and wave-7 (the traffic shift) of the demo
    // plan have a runbook.
    expect(runs.map(({ waveId, status }) => ({ waveId, status }))).toEqual([
      { waveId: 'wave-1', status: 'not-started' },
      { waveId: 'wave-5', status: 'not-started' },
      { waveId: 'wave-6', status: 'not-started' },
      { waveId: 'wave-7', status: 'not-started' },
    ]);
    expect(runs.every(({ index }) => index > planAt)).toBe(true);
  });

  it('lists the shipped example plans', async () => {
    const info = await (await start()).dispatch('core.info', {});
    expect(info).toMatchObject({ ok: true, value: { examplePlans: [{ name: 'demo', file: DEMO_PLAN }] } });
  });

  it('publishes lifecycle changes and serves them in the next snapshot', async () => {
    const running = await start(DEMO_PLAN);
    const batch = nextBatch(running, (b) => b.events.some((e) => e.type === 'stack.lifecycle'));
    running.setLifecycle('platform-production/app1101', 'deployed', 'update 4 succeeded');
    expect((await batch).events.filter((e) => e.type === 'stack.lifecycle')).toEqual([
      {
        type: 'stack.lifecycle',
        stackId: 'platform-production/app1101',
        lifecycle: { state: 'deployed', since: expect.any(String), detail: 'update 4 succeeded' },
      },
    ]);
    const snapshot = await snapshotOf(running);
    if (snapshot.status !== 'loaded') throw new Error('expected a loaded plan');
    expect(snapshot.plan.stacks.find((s) => s.id === 'platform-production/app1101')?.lifecycle.state).toBe('deployed');
  });

  it('refuses a lifecycle change for a stack the plan does not have', async () => {
    const running = await start(DEMO_PLAN);
    expect(() => running.setLifecycle('platform-production/nope', 'failed')).toThrow(/unknown stack/);
  });

  it('shows an invalid plan as its errors when no plan runs, keeping nothing half-loaded', async () => {
    const broken = path.join(folder, 'broken.yaml');
    await writeFile(broken, (await readFile(DEMO_PLAN, 'utf8')).replace('dependsOn: [wave-0]', 'dependsOn: [wave-4]'));
    const running = await start();
    const result = await running.dispatch('plan.open', { file: broken });
    expect(result).toMatchObject({ ok: true, value: { status: 'invalid', file: broken } });
    expect(await snapshotOf(running)).toMatchObject({
      status: 'invalid',
      issues: expect.arrayContaining([expect.objectContaining({ message: expect.stringMatching(/cycle: wave-1 → wave-4/) })]),
    });
  });

  it('keeps running on the loaded plan when another file opened is invalid, and says so', async () => {
    const broken = path.join(folder, 'broken.yaml');
    await writeFile(broken, (await readFile(DEMO_PLAN, 'utf8')).replace('dependsOn: [wave-0]', 'dependsOn: [wave-4]'));
    const running = await start(DEMO_PLAN);
    const result = await running.dispatch('plan.open', { file: broken });
    expect(result).toMatchObject({
      ok: true,
      value: {
        status: 'loaded',
        file: DEMO_PLAN,
        rejected: { file: broken, kind: 'open', issues: expect.arrayContaining([expect.objectContaining({ message: expect.stringMatching(/cycle/) })]) },
      },
    });
    // The loaded plan's services keep it: readiness still judges its waves.
    expect(await running.dispatch('cutover.readiness', {})).toMatchObject({
      ok: true,
      value: expect.arrayContaining([expect.objectContaining({ waveId: 'wave-1' })]),
    });
  });

  it('keeps running on the last valid plan while its file is invalid on disk, since the first bad read, and switches when it is valid', async () => {
    const plan = path.join(folder, 'migration.yaml');
    const valid = await readFile(DEMO_PLAN, 'utf8');
    await writeFile(plan, valid);
    const running = await start(plan);
    await writeFile(plan, valid.replace('maxCdcLatencySeconds: 3\n', 'maxCdcLatencySeconds: oops\n'));
    const reload = async () => {
      const answer = await running.dispatch('plan.reload', {});
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.value as PlanSnapshot;
    };
    const first = await reload();
    expect(first).toMatchObject({ status: 'loaded', file: plan, plan: { name: 'DC2 exit to eu-central-1' }, rejected: { file: plan, kind: 'edit' } });
    const since = first.status === 'loaded' ? first.rejected?.since : undefined;
    await new Promise((resolve) => setTimeout(resolve, 10));
    const second = await reload();
    // Since the first bad read, not since the latest one.
    expect(second).toMatchObject({ status: 'loaded', rejected: { since } });
    expect(second.status === 'loaded' && second.rejected?.readAt).not.toBe(since);
    await writeFile(plan, valid.replace('name: DC2 exit to eu-central-1', 'name: DC2 exit (revised)'));
    const fixed = await reload();
    expect(fixed).toMatchObject({ status: 'loaded', plan: { name: 'DC2 exit (revised)' } });
    expect(fixed.status === 'loaded' && fixed.rejected).toBeUndefined();
  });

  it('re-reads the plan when its file changes on disk', async () => {
    const plan = path.join(folder, 'migration.yaml');
    await copyFile(DEMO_PLAN, plan);
    const running = await start(plan, true);
    const revised = (batch: EventBatch) =>
      batch.events.some((e) => e.type === 'plan.changed' && e.snapshot.status === 'loaded' && e.snapshot.plan.name === 'DC2 exit (revised)');
    const changed = nextBatch(running, revised);
    await writeFile(plan, (await readFile(plan, 'utf8')).replace('name: DC2 exit to eu-central-1', 'name: DC2 exit (revised)'));
    await changed;
    expect(await snapshotOf(running)).toMatchObject({ status: 'loaded', plan: { name: 'DC2 exit (revised)' } });
  });

  it('applies the load started last: an older one finishing later never replaces it', async () => {
    const older = path.join(folder, 'older.yaml');
    const newer = path.join(folder, 'newer.yaml');
    await copyFile(DEMO_PLAN, older);
    await copyFile(DEMO_PLAN, newer);
    let releaseOlder: () => void = () => {};
    const olderRead = new Promise<void>((resolve) => (releaseOlder = resolve));
    core = await start(undefined, false, {
      // The older file's read is held until the newer load has been applied.
      loadPlan: async (file): Promise<PlanLoadResult> => {
        if (file === older) await olderRead;
        return loadPlanFile(file);
      },
    });
    const opened: string[] = [];
    core.subscribe((batch) => {
      for (const event of batch.events) if (event.type === 'plan.changed' && event.snapshot.status !== 'none') opened.push(event.snapshot.file);
    });
    const olderAnswer = core.dispatch('plan.open', { file: older });
    const newerAnswer = await core.dispatch('plan.open', { file: newer });
    releaseOlder();
    const olderResult = await olderAnswer;
    expect(newerAnswer.ok && (newerAnswer.value as PlanSnapshot).status === 'loaded' && (newerAnswer.value as { file: string }).file).toBe(newer);
    // The superseded request answers with what the newest load applied.
    expect(olderResult.ok && (olderResult.value as { file: string }).file).toBe(newer);
    expect(await snapshotOf(core)).toMatchObject({ status: 'loaded', file: newer });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(opened).toEqual([newer]);
  });
});

describe('cockpit core: where it acts and as whom', () => {
  const ARN = 'arn:aws:sts::111122223333:assumed-role/MigrationOperator/alice';
  const awsPlan = (production: boolean) => `version: 1
name: AWS plan
environment:
  aws: { region: eu-west-1, profile: operator, production: ${production} }
projects:
  - { name: apps, program: app-instance }
stacks:
  - { name: app1, project: apps }
waves:
  - { id: wave-1, name: Wave 1, stacks: [app1] }
`;

  it('has no environment without a plan, then checks the caller identity of an AWS plan', async () => {
    const lookups: unknown[] = [];
    const started = await start(undefined, false, {
      environment: {
        lookup: async (target) => {
          lookups.push(target);
          return { accountId: '111122223333', arn: ARN, userId: 'AROAEXAMPLE:alice' };
        },
      },
    });
    expect(await started.dispatch('environment.get', {})).toMatchObject({ ok: true, value: { kind: 'none', status: 'ok' } });
    const planFile = path.join(folder, 'aws.yaml');
    await writeFile(planFile, awsPlan(true));
    const updated = nextBatch(started, (batch) => batch.events.some((event) => event.type === 'environment.updated' && event.environment.status === 'ok'));
    await started.dispatch('plan.open', { file: planFile });
    await updated;
    expect(lookups).toEqual([{ region: 'eu-west-1', profile: 'operator' }]);
    const answer = await started.dispatch('environment.get', {});
    expect(answer).toMatchObject({
      ok: true,
      value: { kind: 'aws', production: true, accountId: '111122223333', caller: { arn: ARN, principal: 'role MigrationOperator, session alice' } },
    });
  });

  it('says Rehearsal for a rehearsal plan without asking STS', async () => {
    let lookups = 0;
    const started = await start(DEMO_PLAN, false, {
      awsEndpoint: 'http://127.0.0.1:1',
      environment: {
        lookup: async () => {
          lookups += 1;
          throw new Error('no STS in the rehearsal');
        },
      },
    });
    const answer = await started.dispatch('environment.get', { refresh: true });
    expect(answer).toMatchObject({
      ok: true,
      value: { kind: 'rehearsal', region: 'eu-central-1', endpoint: 'http://127.0.0.1:1', production: false, status: 'ok' },
    });
    expect(lookups).toBe(0);
  });
});
