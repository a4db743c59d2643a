// The scheduled-jobs track end to end in the rehearsal, on a manual rehearsal clock (each slot comes when the test
// moves time): the real Pulumi engine deploys the stack's rehearsal target (the Lambda function and the Scheduler
// schedule, DISABLED); the data center's Jenkins-compatible scheduler and HTTP cron endpoint run the jobs; the monitor
// reads both sides and the slot ledger says which side ran each slot. The handover starts with a data-center build
// still running (a hang fault): it disables the DC triggers, waits for the build, enables the AWS schedules by a
// Pulumi update and watches the first slot run on AWS only; a rollback after that AWS run turns AWS off (kill switch
// too) and the DC triggers on, and the next slot runs in the data center only. Then both sides on at once give a
// double run, both off a missed run: each is alerted, journaled, turns the gate red and is in the evidence pack.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DeleteFunctionConcurrencyCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetScheduleCommand, SchedulerClient, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CutoverRunView, JournalEntryView, PlanSnapshot, ReadinessGateView, WaveOperationView, WaveReadinessView } from '../../main/api/contract';
import type { CockpitCore } from '../../main/core/cockpit-core';
import type { JobView, SchedulesSnapshot, TestInvocationView } from '../../main/tracks/schedules/contract';
import { dmsTrack } from '../../main/tracks/dms/track';
import { tunedSchedulesTrack } from '../../main/tracks/schedules/track';
import { defineScenario, ManualClock, startAwsRehearsal, type AwsRehearsal } from '../../rehearsal/aws-rehearsal';
import { commandOf, deployWave, until } from '../support/core-commands';
import { aroundAwsRehearsal, startTestCore, TEST_PASSPHRASE } from '../support/test-core';
import { OPERATION_TIMEOUT, pulumiCliOrSkipNote } from './harness';

const W = 'wave-jobs';
const STACK = 'platform-production/app8301';
const MINUTE = 60_000;
/** 01:55 UTC on the rehearsal's day: the jobs fire every 10 minutes, the first at 02:00. */
const T0 = Date.UTC(2026, 11, 5, 1, 55, 0);
const JENKINS_JOB = 'invoices-app8301';
const CRON_ENTRY = 'cleanup-app8301';

let folder = '';
let core: CockpitCore | undefined;
let aws: AwsRehearsal | undefined;
let skipReason = '';
const clock = new ManualClock(T0);

const plan = `version: 1
name: Scheduled jobs rehearsal
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
projects:
  - { name: platform-production, program: app-instance }
stacks:
  - name: app8301
    project: platform-production
    config: { trafficTarget: datacenter }
    schedules:
      schedulers:
        - id: dc-jenkins
          jenkins: { baseUrl: rehearsal }
        - id: dc-cron
          cron:
            baseUrl: rehearsal
            status: { method: GET, path: "/entries/{{job.entry}}", running: /running, lastRunAt: /lastRun/startedAt, lastResult: /lastRun/result, enabled: /enabled }
            disable: { method: POST, path: "/entries/{{job.entry}}/disable" }
            enable: { method: POST, path: "/entries/{{job.entry}}/enable" }
      jobs:
        - id: invoices
          description: Nightly invoices
          dc: { jenkins: dc-jenkins, job: ${JENKINS_JOB}, expression: "*/10 * * * *" }
          aws:
            expression: cron(0/10 * * * ? *)
            function: { runtime: nodejs22.x, handler: index.handler, timeoutSeconds: 60 }
          idempotent: false
          slotToleranceSeconds: 120
        - id: cleanup
          dc: { cron: dc-cron, entry: ${CRON_ENTRY}, expression: "*/10 * * * *" }
          aws:
            expression: cron(0/10 * * * ? *)
            function: { runtime: nodejs22.x, handler: index.handler, timeoutSeconds: 60 }
          idempotent: true
          slotToleranceSeconds: 120
waves:
  - id: ${W}
    name: Scheduled jobs to AWS
    stacks: [app8301]
    schedules: { handoverTimeoutMinutes: 30 }
    cutover:
      downtimeBudgetMinutes: 60
      runbook:
        - { id: jobs, name: Hand the jobs over, action: { type: schedules-handover }, timeoutMinutes: 30 }
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
  folder = await mkdtemp(path.join(os.tmpdir(), 'mc-schedules-'));
  aws = await startAwsRehearsal({ clock, scenario: defineScenario({ name: 'schedules', instances: [], tasks: [] }) });
  // The data center's two jobs, each every 10 minutes; a Jenkins build takes 2 minutes, a cron run 1.
  await admin('PUT', `schedules/dc/jobs/${JENKINS_JOB}`, { kind: 'jenkins', cron: '*/10 * * * *', durationSeconds: 120 });
  await admin('PUT', `schedules/dc/jobs/${CRON_ENTRY}`, { kind: 'cron', cron: '*/10 * * * *', durationSeconds: 60 });
  const planFile = path.join(folder, 'migration.yaml');
  await writeFile(planFile, plan);
  core = await startTestCore({
    folder,
    tracks: [dmsTrack, tunedSchedulesTrack({ intervals: { fastMs: 200, normalMs: 200, idleMs: 200, maxBackoffMs: 1000 } })],
    planFile,
    env: { ...process.env, ...TEST_PASSPHRASE },
    startRehearsal: aroundAwsRehearsal(() => aws!).start,
    cutover: { pollMs: 100 },
  });
}, OPERATION_TIMEOUT);

const command = commandOf(() => core);

afterAll(async () => {
  await core?.close();
  await aws?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
}, 60_000);

const snapshot = () => command<SchedulesSnapshot>('schedules.snapshot', {});
const jobOf = (view: SchedulesSnapshot, id: string): JobView | undefined => view.jobs.find((job) => job.jobId === id);
const slotAt = (job: JobView | undefined, at: number) => job?.slots.find((slot) => slot.at === new Date(at).toISOString());
const runState = async () => (await command<CutoverRunView[]>('cutover.state', { waveId: W }))[0]!;

async function gate(): Promise<ReadinessGateView> {
  const [wave] = await command<WaveReadinessView[]>('cutover.readiness', { waveId: W });
  return wave!.stacks.find((stack) => stack.stackId === STACK)!.gates.find((candidate) => candidate.gate === 'schedules.ready')!;
}

/**
 * Moves the rehearsal clock on to `to`, a minute at a time, each minute read by the monitor on both sides (a cron
 * endpoint says its last run only: the monitor polls every few seconds in earnest, so no run comes and goes unseen).
 */
async function advanceTo(to: number): Promise<void> {
  while (clock.now() < to) {
    clock.advance(Math.min(MINUTE, to - clock.now()));
    const at = new Date(clock.now()).toISOString();
    await until(
      `the monitor to read ${at}`,
      snapshot,
      (view) => view.jobs.length > 0 && view.jobs.every((job) => (job.dc.checkedAt ?? '') >= at && (job.aws.checkedAt ?? '') >= at),
    );
  }
}

/** Until the monitor has judged a slot of both jobs (final verdicts come once the window and CloudWatch's lag passed). */
const judged = async (at: number, verdict: string) => {
  const slots = (view: SchedulesSnapshot) =>
    view.jobs.map((job) => ({ job: job.jobId, dc: job.dc.problem, slots: job.slots.map((slot) => `${slot.at.slice(11, 16)} ${slot.verdict}`) }));
  await until(
    `the ${new Date(at).toISOString().slice(11, 16)} slot judged ${verdict}`,
    async () => slots(await snapshot()),
    (view) => view.every((job) => job.slots.includes(`${new Date(at).toISOString().slice(11, 16)} ${verdict}`)),
  );
  return snapshot();
};

describe('the scheduled-jobs track in the rehearsal', () => {
  it(
    'hands the jobs over with a DC build still running, watches the first AWS slot, rolls back after one AWS run, and alerts double and missed runs',
    async ({ skip }) => {
      if (!core) skip(skipReason);
      const loaded = await command<PlanSnapshot>('plan.get', {});
      if (loaded.status !== 'loaded') throw new Error(JSON.stringify(loaded));
      expect(loaded.plan.gateColumns.map((column) => column.id)).toContain('schedules.ready');

      expect(await deployWave<WaveOperationView>(command, W, OPERATION_TIMEOUT)).toMatchObject({ status: 'succeeded' });
      const deployed = await until(
        'both jobs read on both sides',
        snapshot,
        (view) => view.jobs.length === 2 && view.jobs.every((job) => job.aws.state === 'DISABLED' && job.dc.enabled === true),
      );
      expect(jobOf(deployed, 'invoices')).toMatchObject({
        owner: 'dc',
        dc: { kind: 'jenkins', name: JENKINS_JOB, enabled: true },
        aws: { functionName: expect.stringContaining('app8301-invoices'), state: 'DISABLED' },
      });

      // The gate wants a test invocation of each function.
      expect((await until('the gate red for want of a test invocation', gate, (view) => view.status === 'red')).reasons.join(' ')).toMatch(
        /no test invocation yet/,
      );
      for (const jobId of ['invoices', 'cleanup']) {
        const tested = await command<TestInvocationView>('schedules.test-invoke', { stackId: STACK, jobId });
        expect(tested).toMatchObject({ ok: true });
      }

      // 02:00 runs in the data center; the build of 02:10 hangs for 8 minutes.
      await advanceTo(Date.UTC(2026, 11, 5, 2, 0, 30));
      await admin('POST', 'faults', { type: 'schedules-dc-hang', job: JENKINS_JOB, at: '9m', durationSeconds: 480 });
      await advanceTo(Date.UTC(2026, 11, 5, 2, 10, 30));
      const before = await until('the 02:10 build running', snapshot, (view) => jobOf(view, 'invoices')?.dc.running !== null);
      expect(jobOf(before, 'invoices')!.dc.running).toMatchObject({ since: '2026-12-05T02:10:00.000Z' });
      await advanceTo(Date.UTC(2026, 11, 5, 2, 12, 0));
      await judged(Date.UTC(2026, 11, 5, 2, 0), 'dc');
      expect((await until('the gate green', gate, (view) => view.status === 'green')).status).toBe('green');

      // The handover: both DC triggers off at once, then it waits for the hanging build.
      await command('cutover.start', { waveId: W });
      const waiting = await until('the handover waiting for the DC build', runState, (view) =>
        /waiting for the data-center runs/.test(view.steps[0]?.message ?? ''),
      );
      expect(waiting.steps[0]!.message).toMatch(/platform-production\/app8301#invoices \(run #\d+ since 02:10:00 UTC\)/);
      const off = await until('both DC triggers off', snapshot, (view) => view.jobs.every((job) => job.dc.enabled === false));
      expect(off.jobs.map((job) => job.owner)).toEqual(['neither', 'neither']);
      expect((await runState()).status).toBe('running');
      // The build ends at 02:18; the AWS schedules go on before 02:20, whose slot runs on AWS only.
      await advanceTo(Date.UTC(2026, 11, 5, 2, 18, 30));
      await until('the AWS schedules enabled', snapshot, (view) => view.jobs.every((job) => job.aws.state === 'ENABLED'), OPERATION_TIMEOUT);
      await until('the handover watching the first slot', runState, (view) => /watching the first slot on AWS/.test(view.steps[0]?.message ?? ''));
      await advanceTo(Date.UTC(2026, 11, 5, 2, 28, 0));
      const handed = await until('the handover to end', runState, (view) => view.status !== 'running', OPERATION_TIMEOUT);
      expect(handed.status, JSON.stringify(handed.steps[0])).toBe('succeeded');
      expect(handed.steps[0]!.message).toMatch(/2 jobs handed over to AWS .*their first slots ran on AWS only/);
      const afterHandover = await judged(Date.UTC(2026, 11, 5, 2, 20), 'aws');
      expect(jobOf(afterHandover, 'invoices')!.owner).toBe('aws');
      // The hung build served 02:10 in the data center; no slot so far ran on both sides or on neither.
      expect(slotAt(jobOf(afterHandover, 'invoices'), Date.UTC(2026, 11, 5, 2, 10))?.verdict).toBe('dc');
      for (const job of afterHandover.jobs) expect(job.totals).toMatchObject({ doubleRuns: 0, missedRuns: 0 });

      // A rollback after that one AWS run: AWS off with the kill switch, the DC triggers on; 02:30 runs in the DC only.
      expect(handed.rollbackPlan.map((planned) => planned.id)).toEqual([
        `schedules-aws-off:${STACK}`,
        `schedules-dc-on:${STACK}#invoices`,
        `schedules-dc-on:${STACK}#cleanup`,
      ]);
      await command('cutover.rollback', { waveId: W, reason: 'rehearsal: the jobs go back to the data center' });
      const rolledBack = await until(
        'the rollback to end',
        runState,
        (view) => view.rollback !== null && view.rollback.status !== 'running',
        OPERATION_TIMEOUT,
      );
      expect(rolledBack.rollback!.status, rolledBack.rollback!.summary ?? '').toBe('succeeded');
      const back = await until('the DC owning both jobs again', snapshot, (view) =>
        view.jobs.every((job) => job.owner === 'dc' && job.aws.state === 'DISABLED' && job.aws.reservedConcurrency === 0),
      );
      expect(back.jobs.map((job) => job.dc.enabled)).toEqual([true, true]);
      await advanceTo(Date.UTC(2026, 11, 5, 2, 38, 0));
      await judged(Date.UTC(2026, 11, 5, 2, 30), 'dc');

      // Both sides on at once: the AWS schedule enabled behind the cockpit's back (and the kill switch off) → 02:40 runs twice.
      await killSwitchOff(back.jobs);
      await enableSchedules(back.jobs);
      const both = await until('both triggers on', snapshot, (view) => view.jobs.every((job) => job.owner === 'both'));
      expect(both.alerts.filter((alert) => alert.kind === 'both-triggers-on')).toHaveLength(2);
      await advanceTo(Date.UTC(2026, 11, 5, 2, 48, 0));
      const doubled = await judged(Date.UTC(2026, 11, 5, 2, 40), 'double');
      expect(
        doubled.alerts
          .filter((alert) => alert.kind === 'double-run')
          .map((alert) => alert.jobId)
          .sort(),
      ).toEqual(['cleanup', 'invoices']);
      const red = await until('the gate red on the double run', gate, (view) => view.status === 'red');
      expect(red.reasons.join(' ')).toMatch(/1 slot ran on both sides \(the wave accepts 0\)/);

      // Both off: 02:50 runs nowhere, and is missed once its window closed.
      await disableSchedules(back.jobs);
      for (const job of back.jobs) await command('schedules.test-invoke', { stackId: STACK, jobId: job.jobId });
      await fetch(`${aws!.url}/_dc/jenkins/job/${JENKINS_JOB}/disable`, { method: 'POST', headers: { authorization: basic() } });
      await fetch(`${aws!.url}/_dc/cron/entries/${CRON_ENTRY}/disable`, { method: 'POST', headers: { authorization: 'Bearer rehearsal-cron-token' } });
      await until('neither side on', snapshot, (view) => view.jobs.every((job) => job.owner === 'neither'));
      await advanceTo(Date.UTC(2026, 11, 5, 2, 59, 0));
      const missed = await judged(Date.UTC(2026, 11, 5, 2, 50), 'missed');
      expect(missed.alerts.filter((alert) => alert.kind === 'missed-run')).toHaveLength(2);
      expect(jobOf(missed, 'invoices')!.totals).toMatchObject({ doubleRuns: 1, missedRuns: 1 });

      // The journal has the alerts and the test invocations; the evidence pack the handover's slots and who ran them.
      const journal = await command<{ entries: JournalEntryView[] }>('journal.list', {});
      const kinds = journal.entries.filter((entry) => entry.kind.startsWith('schedules-')).map((entry) => entry.kind);
      expect(kinds).toEqual(expect.arrayContaining(['schedules-test-invoke', 'schedules-alert']));
      const pack = await command<{ content: string }>('evidence.export', { waveId: W, format: 'markdown' });
      if (process.env.SCHEDULES_EVIDENCE) await writeFile(process.env.SCHEDULES_EVIDENCE, pack.content);
      expect(pack.content).toContain('## Scheduled-job handovers: every slot around them and the side that ran it');
      expect(pack.content).toMatch(/platform-production\/app8301\\#invoices \| 2026-12-05T02:10:00.000Z \| ran in the data center only/);
      expect(pack.content).toMatch(/platform-production\/app8301\\#invoices \| 2026-12-05T02:20:00.000Z \| ran on AWS only/);
      expect(pack.content).toContain('## Scheduled-job alerts');
      expect(pack.content).toMatch(/double-run .*ran on both sides/);
    },
    OPERATION_TIMEOUT * 3,
  );
});

const basic = () => `Basic ${Buffer.from('rehearsal:rehearsal-api-token').toString('base64')}`;
const sdk = () => ({ region: 'eu-central-1', endpoint: aws!.url, credentials: { accessKeyId: 'rehearsal', secretAccessKey: 'rehearsal' } });
const schedulerClient = () => new SchedulerClient(sdk());

async function killSwitchOff(jobs: readonly JobView[]): Promise<void> {
  const client = new LambdaClient(sdk());
  try {
    for (const job of jobs) await client.send(new DeleteFunctionConcurrencyCommand({ FunctionName: job.aws.functionName! }));
  } finally {
    client.destroy();
  }
}

async function setSchedules(jobs: readonly JobView[], state: 'ENABLED' | 'DISABLED'): Promise<void> {
  const client = schedulerClient();
  try {
    for (const job of jobs) {
      const current = await client.send(new GetScheduleCommand({ Name: job.aws.scheduleName!, GroupName: job.aws.scheduleGroup! }));
      await client.send(
        new UpdateScheduleCommand({
          Name: current.Name!,
          GroupName: current.GroupName,
          ScheduleExpression: current.ScheduleExpression!,
          ScheduleExpressionTimezone: current.ScheduleExpressionTimezone,
          FlexibleTimeWindow: current.FlexibleTimeWindow!,
          Target: current.Target!,
          State: state,
        }),
      );
    }
  } finally {
    client.destroy();
  }
}

const enableSchedules = (jobs: readonly JobView[]) => setSchedules(jobs, 'ENABLED');
const disableSchedules = (jobs: readonly JobView[]) => setSchedules(jobs, 'DISABLED');
