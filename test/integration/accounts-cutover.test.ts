// A wave across two accounts through the cockpit core, with the real Pulumi CLI and the rehearsal's STS (time sped
// up 60x): each stack deploys into its own account, the monitor reads each task in its account with that account's
// session (one session per account, shared with the environment banner), the runbook cuts the wave over and its
// rollback brings it back. Then an account's sessions expire on the simulated clock and are renewed at their next use
// without losing the monitor's history, and an account whose role is removed goes stale on its own, with an alert,
// while the other account keeps being read.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DMS_METRICS, type CutoverRunView, type DmsSnapshot, type EnvironmentView, type SeriesHistory, type WaveOperationView } from '../../main/api/contract';
import type { CockpitCore } from '../../main/core/cockpit-core';
import { floorCallsAcrossPlacements } from '../../main/tracks/dms/monitor/poll-planner';
import { tunedDmsTrack } from '../../main/tracks/dms/track';
import { defineScenario, startAwsRehearsal, type AwsRehearsal } from '../../rehearsal/aws-rehearsal';
import { OPERATION_TIMEOUT, pulumiCliOrSkipNote } from './harness';
import { commandOf, deployWave, until } from '../support/core-commands';
import { aroundAwsRehearsal, startTestCore, TEST_PASSPHRASE } from '../support/test-core';

const A = '222222222222';
const B = '333333333333';
const ROLE_A = `arn:aws:iam::${A}:role/MigrationOperator`;
const ROLE_B = `arn:aws:iam::${B}:role/MigrationOperator`;
const W = 'wave-1';
const STACKS = ['apps-a/app8101', 'apps-b/app8102'];
const TASKS = ['app8101-mysql-full-load-cdc', 'app8102-mysql-full-load-cdc'];

const PLAN = `version: 1
name: Two accounts, one wave
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
accounts:
  - { id: "${A}", name: workloads-a, organizationalUnit: Workloads/Production, role: { arn: "${ROLE_A}" }, regions: [eu-central-1] }
  - { id: "${B}", name: workloads-b, organizationalUnit: Workloads/SDLC, role: { arn: "${ROLE_B}" }, regions: [eu-central-1] }
projects:
  - { name: apps-a, account: workloads-a, program: app-instance }
  - { name: apps-b, account: workloads-b, program: app-instance }
stacks:
  - name: app8101
    project: apps-a
    config: { sourceDatabaseHost: app8101-db.dc2.example.internal, trafficTarget: datacenter }
    replicationTasks: [{ taskId: ${TASKS[0]} }]
  - name: app8102
    project: apps-b
    config: { sourceDatabaseHost: app8102-db.dc2.example.internal, trafficTarget: datacenter }
    replicationTasks: [{ taskId: ${TASKS[1]} }]
waves:
  - id: ${W}
    name: Across accounts
    stacks: [app8101, app8102]
    maxParallel: 2
    gates: { maxCdcLatencySeconds: 30, holdSeconds: 10, requireValidation: false }
    cutover:
      downtimeBudgetMinutes: 30
      runbook:
        - { id: stop, name: Stop replication, action: { type: stop-replication, maxLatencySeconds: 3 }, timeoutMinutes: 3 }
        - { id: switch, name: Point traffic at AWS, action: { type: pulumi-up, config: { trafficTarget: aws } }, timeoutMinutes: 5 }
`;

let folder = '';
let core: CockpitCore | undefined;
let aws: AwsRehearsal | undefined;
let skipReason = '';

beforeAll(async () => {
  const cli = await pulumiCliOrSkipNote();
  if (typeof cli === 'string') {
    skipReason = cli;
    return;
  }
  folder = await mkdtemp(path.join(os.tmpdir(), 'mc-accounts-cutover-'));
  aws = await startAwsRehearsal({
    timeScale: 60,
    scenario: defineScenario({ name: 'two-accounts', instances: [{ id: 'network-dms' }] }),
    roles: [
      { accountId: A, roleName: 'MigrationOperator' },
      { accountId: B, roleName: 'MigrationOperator' },
    ],
  });
  const planFile = path.join(folder, 'migration.yaml');
  await writeFile(planFile, PLAN);
  core = await startTestCore({
    folder,
    tracks: [tunedDmsTrack({ metricPeriodSeconds: 5, intervals: { fastMs: 250, normalMs: 250, idleMs: 250, maxBackoffMs: 1000 } })],
    planFile,
    env: { ...process.env, ...TEST_PASSPHRASE },
    startRehearsal: aroundAwsRehearsal(() => aws!).start,
    cutover: { pollMs: 100 },
  });
}, OPERATION_TIMEOUT);

afterAll(async () => {
  await core?.close();
  await aws?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

const command = commandOf(() => core);
const snapshot = () => command<DmsSnapshot>('dms.snapshot', {});
const taskOf = (dms: DmsSnapshot, index: number) => dms.tasks.find((task) => task.key === `${STACKS[index]}#0`)!;
const cutover = async () => (await command<CutoverRunView[]>('cutover.state', { waveId: W }))[0]!;

async function admin(route: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(`${aws!.url}/_admin/${route}`, { headers: { 'content-type': 'application/json' }, ...init });
  if (!response.ok) throw new Error(`${route}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

/** Live sessions of each role, as the rehearsal's STS counts them. */
async function liveSessions(): Promise<Record<string, number>> {
  const view = (await admin('accounts')) as { roles: { arn: string; liveSessions: number }[] };
  return Object.fromEntries(view.roles.map((role) => [role.arn, role.liveSessions]));
}

/** The task ids an account's DMS holds (the rehearsal's own view of that account's estate). */
async function tasksIn(accountId: string): Promise<string[]> {
  const view = (await admin(`dms/tasks?account=${accountId}`)) as { items: { id: string }[] };
  return view.items.map((task) => task.id).sort();
}

const writers = (blocked: boolean) =>
  Promise.all([A, B].map((account) => admin(`dms/writers?account=${account}`, { method: 'POST', body: JSON.stringify({ blocked }) })));

describe('a wave across two accounts', () => {
  it(
    'deploys each stack into its own account and monitors each task there, with one session per account',
    async ({ skip }) => {
      if (!core) skip(skipReason);
      expect(await deployWave<WaveOperationView>(command, W, OPERATION_TIMEOUT)).toMatchObject({ status: 'succeeded' });
      expect(await tasksIn(A)).toEqual([TASKS[0]]);
      expect(await tasksIn(B)).toEqual([TASKS[1]]);

      await until('tasks known to the monitor', snapshot, (dms) => dms.tasks.every((task) => task.phase === 'not-started'));
      for (const stackId of STACKS) await command('dms.control', { taskKey: `${stackId}#0`, action: 'start' });
      const dms = await until('tasks in CDC', snapshot, (view) => view.tasks.every((task) => task.phase === 'cdc' && !task.freshness.stale));
      expect(taskOf(dms, 0).arn).toContain(`:${A}:task:`);
      expect(taskOf(dms, 1).arn).toContain(`:${B}:task:`);
      // Each account read on its own at its floor: one DescribeReplicationTasks and one GetMetricData per account.
      const floor = floorCallsAcrossPlacements([1, 1], DMS_METRICS.length);
      const steady = await until('a cycle with new datapoints in both accounts', snapshot, (view) => (view.monitor.lastCycleCalls.GetMetricData ?? 0) === 2);
      expect(steady.monitor.lastCycleCalls).toEqual({ DescribeReplicationTasks: 2, GetMetricData: 2 });
      expect(Object.values(steady.monitor.lastCycleCalls).reduce((sum, calls) => sum + calls, 0)).toBe(floor);

      // The banner checks each account with the session the monitor calls with: checking again assumes no role
      // again (the deploys' engine assumed its own, one per stack operation).
      const live = await liveSessions();
      const environment = await command<EnvironmentView>('environment.get', { refresh: true });
      expect(environment.accounts.map((account) => [account.name, account.status])).toEqual([
        ['workloads-a', 'ok'],
        ['workloads-b', 'ok'],
      ]);
      expect(await liveSessions()).toEqual(live);
    },
    OPERATION_TIMEOUT * 2,
  );

  it(
    'cuts the wave over across both accounts, then rolls it back',
    async ({ skip }) => {
      if (!core) skip(skipReason);
      await until(
        'the wave ready',
        () => command<{ ready: boolean; blockingReasons: string[] }[]>('cutover.readiness', { waveId: W }),
        ([view]) => view!.ready,
      );
      await writers(true);
      await command('cutover.start', { waveId: W, by: 'Rehearsal Lead' });
      const done = await until('the cutover', cutover, (view) => view.status !== 'running', OPERATION_TIMEOUT * 2);
      expect(done.status, JSON.stringify(done.steps.map((step) => [step.id, step.status, step.message]))).toBe('succeeded');
      expect(done.steps[0]!.message).toBe(`replication stopped: ${TASKS.join(', ')}`);
      const stopped = await until('both tasks stopped', snapshot, (dms) => dms.tasks.every((task) => task.phase === 'stopped'));
      expect(stopped.tasks.map((task) => task.taskId).sort()).toEqual(TASKS);

      await command('cutover.rollback', { waveId: W, by: 'Rehearsal Lead', reason: 'rehearsal across accounts: the rollback path too' });
      const rolledBack = await until('the rollback', cutover, (view) => view.rollback !== null && view.rollback.status !== 'running', OPERATION_TIMEOUT * 2);
      expect(rolledBack.rollback, rolledBack.rollback?.summary ?? '').toMatchObject({ status: 'succeeded' });
      expect(rolledBack.rollback!.steps.filter((step) => step.id.startsWith('config-back:')).map((step) => [step.id, step.status])).toEqual([
        ['config-back:apps-b/app8102', 'succeeded'],
        ['config-back:apps-a/app8101', 'succeeded'],
      ]);
      await writers(false);
      for (const stackId of STACKS) await command('dms.control', { taskKey: `${stackId}#0`, action: 'resume' });
      await until('tasks in CDC again', snapshot, (dms) => dms.tasks.every((task) => task.phase === 'cdc' && !task.freshness.stale));
    },
    OPERATION_TIMEOUT * 4,
  );

  it('renews sessions that expired on the simulated clock at their next use, keeping the monitor history', async ({ skip }) => {
    if (!core) skip(skipReason);
    const key = `${STACKS[1]}#0`;
    const before = await command<SeriesHistory>('dms.series', { taskKey: key });
    const latencyBefore = before.series.find((series) => series.metric === 'CDCLatencyTarget')!.points;
    expect(latencyBefore.length).toBeGreaterThan(0);
    // Two simulated hours: every session (one hour) has expired.
    await admin('clock/advance', { method: 'POST', body: JSON.stringify({ by: 7200 }) });
    expect(await liveSessions()).toEqual({ [ROLE_A]: 0, [ROLE_B]: 0 });
    await until('sessions renewed by the monitor', liveSessions, (live) => live[ROLE_A] === 1 && live[ROLE_B] === 1, 30_000);
    // The banner's check uses the renewed sessions: one session per account in the whole cockpit.
    const environment = await command<EnvironmentView>('environment.get', { refresh: true });
    expect(environment.accounts.map((account) => account.status)).toEqual(['ok', 'ok']);
    expect(await liveSessions()).toEqual({ [ROLE_A]: 1, [ROLE_B]: 1 });
    await until('both tasks current', snapshot, (dms) => dms.tasks.every((task) => !task.freshness.stale && task.phase === 'cdc'));
    const after = await command<SeriesHistory>('dms.series', { taskKey: key });
    const latencyAfter = after.series.find((series) => series.metric === 'CDCLatencyTarget')!.points;
    // What was held before the renewal is still held (older points in coarser buckets): the history reaches as far
    // back as before, and on past the renewal.
    expect(latencyAfter[0]![0]).toBeLessThanOrEqual(latencyBefore[0]![0]);
    expect(latencyAfter.at(-1)![0]).toBeGreaterThan(latencyBefore.at(-1)![0] + 3_600_000);
    const alerts = (await snapshot()).alerts.filter((alert) => alert.kind === 'account-unreadable' || alert.kind === 'monitor-degraded');
    // Not one alert about reading AWS, at any time: a wave not deployed yet is not a failed read either.
    expect(alerts).toEqual([]);
  });

  it("keeps reading one account while another's role is removed, and recovers when it is back", async ({ skip }) => {
    if (!core) skip(skipReason);
    await admin(`accounts/roles?arn=${encodeURIComponent(ROLE_B)}`, { method: 'DELETE' });
    const refused = await until('account b refused', snapshot, (dms) => taskOf(dms, 1).freshness.stale && taskOf(dms, 1).freshness.staleReason !== null);
    expect(taskOf(refused, 1).freshness.staleReason).toMatch(/^account workloads-b \(333333333333\) in eu-central-1 cannot be read: AccessDenied/);
    expect(refused.monitor.state).not.toBe('degraded');
    const alert = refused.alerts.find((candidate) => candidate.kind === 'account-unreadable');
    expect(alert).toMatchObject({ severity: 'critical', clearedAt: null });
    expect(alert!.message).toContain('cannot read account workloads-b (333333333333) in eu-central-1');
    // Account a keeps being read: newer data, current, while b stays refused (its freshness is on the simulated
    // clock, 60× real time, so a loaded machine may see it age for a moment between two cycles).
    const readAt = (dms: DmsSnapshot) => Date.parse(taskOf(dms, 0).freshness.taskAt ?? '');
    const laterA = await until(
      'account a read again, current',
      snapshot,
      (dms) => readAt(dms) > readAt(refused) && !taskOf(dms, 0).freshness.stale && taskOf(dms, 1).freshness.stale,
    );
    expect(taskOf(laterA, 1).freshness.staleReason).toContain('account workloads-b (333333333333) in eu-central-1 cannot be read');
    // The banner says what the monitor sees (GetCallerIdentity alone would pass: it needs no permission).
    const environment = await command<EnvironmentView>('environment.get', { refresh: true });
    expect(environment.accounts.map((account) => account.status)).toEqual(['ok', 'error']);
    expect(environment.accounts[1]!.error).toMatch(/^the replication monitor cannot read it in eu-central-1: AccessDenied/);
    expect(taskOf(await snapshot(), 1).freshness.stale).toBe(true);

    await admin('accounts/roles', { method: 'POST', body: JSON.stringify({ accountId: B, roleName: 'MigrationOperator' }) });
    const back = await until('account b read again', snapshot, (dms) => !taskOf(dms, 1).freshness.stale);
    expect(back.alerts.find((candidate) => candidate.kind === 'account-unreadable')?.clearedAt).not.toBeNull();
    // And the banner follows at once, without waiting for its next scheduled check.
    await until(
      'the banner shows account b usable again',
      () => command<EnvironmentView>('environment.get', { refresh: false }),
      (view) => view.accounts.every((account) => account.status === 'ok'),
      5000,
    );
  });
});
