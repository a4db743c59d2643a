// The data center of a plan's scheduled jobs: the demo plan's jobs as the plan names them, on its specs and zones,
// enabled, with durations drawn within their bounds; a real scheduler's jobs left to it; what cannot be stood up said.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PLAN } from '../../demo-plan';
import { ManualClock } from '../../kernel/clock';
import { DcEstate } from './dc-estate';
import { dataCenterOfPlan, derivedDuration, MAX_DERIVED_SECONDS, PAST_RUN_SECONDS } from './demo-estate';
import { schedulesEvaluator } from './expressions';

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

async function planFile(stacks: string): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'rehearsal-dc-estate-'));
  folders.push(folder);
  const file = path.join(folder, 'migration.yaml');
  await writeFile(
    file,
    `version: 1
name: DC estate
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
projects:
  - { name: apps, program: app-instance }
stacks:
${stacks}waves:
  - { id: w1, name: Jobs, stacks: [app1] }
`,
  );
  return file;
}

const JOB = (id: string, dc: string) => `        - id: ${id}
          dc: ${dc}
          aws: { expression: "cron(0 2 * * ? *)", function: { runtime: nodejs22.x, handler: index.handler, timeoutSeconds: 600 } }
          idempotent: true
`;

describe('the data center of a plan', () => {
  it("stands up the demo plan's jobs as the plan names them: specs, zones, enabled, durations within their bounds", async () => {
    const estate = await dataCenterOfPlan(DEMO_PLAN);
    expect(estate.skipped).toEqual([]);
    expect(estate.jobs.map(({ name, kind, cron, timeZone, enabled, result }) => ({ name, kind, cron, timeZone, enabled, result }))).toEqual([
      { name: 'billing-invoices', kind: 'jenkins', cron: '*/5 * * * *', timeZone: 'Europe/Berlin', enabled: true, result: 'SUCCESS' },
      { name: 'billing-cleanup', kind: 'cron', cron: '*/5 * * * *', timeZone: 'Europe/Berlin', enabled: true, result: 'SUCCESS' },
      { name: 'sales-report', kind: 'jenkins', cron: '*/10 * * * *', timeZone: 'Europe/Berlin', enabled: true, result: 'SUCCESS' },
    ]);
    // Each has run on its spec for the hour before.
    expect(estate.jobs.every((job) => job.ranForSeconds === PAST_RUN_SECONDS)).toBe(true);
    const [invoices, cleanup, report] = estate.jobs;
    // A fifth to a half of the shorter of the function's timeout and the spacing of the slots, at most 90 s.
    expect(invoices!.durationSeconds).toBeGreaterThanOrEqual(24);
    expect(invoices!.durationSeconds).toBeLessThanOrEqual(60);
    expect(cleanup!.durationSeconds).toBeGreaterThanOrEqual(12);
    expect(cleanup!.durationSeconds).toBeLessThanOrEqual(30);
    expect(report!.durationSeconds).toBeGreaterThanOrEqual(36);
    expect(report!.durationSeconds).toBeLessThanOrEqual(MAX_DERIVED_SECONDS);
    // The same on every start.
    expect((await dataCenterOfPlan(DEMO_PLAN)).jobs).toEqual(estate.jobs);
  });

  it("leaves a real scheduler's jobs to it, and says which jobs the rehearsal cannot run", async () => {
    const file = await planFile(`  - name: app1
    project: apps
    config: { owner: ops }
    schedules:
      schedulers:
        - { id: real, jenkins: { baseUrl: "https://jenkins.dc.example.internal", auth: { usernameEnv: JENKINS_USER, tokenEnv: JENKINS_TOKEN } } }
        - { id: stand-in, jenkins: { baseUrl: rehearsal, timeZone: UTC } }
      jobs:
${JOB('elsewhere', '{ jenkins: real, job: nightly, expression: "0 2 * * *" }')}${JOB('no-spec', '{ jenkins: stand-in, job: unspecified }')}${JOB('folder', '{ jenkins: stand-in, job: billing/nightly, expression: "0 2 * * *" }')}${JOB('first', '{ jenkins: stand-in, job: shared, expression: "0 2 * * *" }')}${JOB('second', '{ jenkins: stand-in, job: shared, expression: "0 2 * * *" }')}`);
    const estate = await dataCenterOfPlan(file);
    expect(estate.jobs.map((job) => job.name)).toEqual(['shared']);
    expect(estate.jobs[0]).toMatchObject({ kind: 'jenkins', timeZone: 'UTC', description: 'apps/app1#first', durationSeconds: MAX_DERIVED_SECONDS });
    expect(estate.skipped).toEqual([
      "apps/app1#no-spec: the plan gives no spec of Jenkins job 'unspecified' (dc.expression), which the rehearsal's Jenkins needs to run it",
      'apps/app1#folder: the rehearsal\'s Jenkins takes no name like \'billing/nightly\' (1-128 letters, digits, ".", "_" or "-": no folders)',
      "apps/app1#second: 'shared' is already the data-center job of apps/app1#first",
    ]);
  });

  it("gives a new job the past it ran for: a build for every slot of it, ended, and the next slot's build on time", () => {
    const clock = new ManualClock(Date.UTC(2026, 11, 5, 2, 7, 0));
    const dc = new DcEstate(clock, schedulesEvaluator);
    const spec = { kind: 'jenkins', cron: '*/10 * * * *', timeZone: 'UTC', durationSeconds: 60, result: 'SUCCESS', enabled: true, description: '' } as const;
    const { job } = dc.putJob({ name: 'reports', ...spec }, { ranForSeconds: 3600 });
    expect(job.builds.map((build) => [new Date(build.timestamp).toISOString().slice(11, 16), build.cause, build.result])).toEqual(
      ['01:10', '01:20', '01:30', '01:40', '01:50', '02:00'].map((at) => [at, 'timer', 'SUCCESS']),
    );
    clock.advance(3.5 * 60_000);
    dc.sync();
    expect(job.builds.at(-1)).toMatchObject({ number: 7, timestamp: Date.UTC(2026, 11, 5, 2, 10), result: null });
    // Redefined, its past stays as it is; a job defined without one starts now.
    expect(dc.putJob({ name: 'reports', ...spec }, { ranForSeconds: 3600 }).job.builds).toHaveLength(7);
    expect(dc.putJob({ name: 'fresh', ...spec }).job.builds).toEqual([]);
  });

  it('has none for a plan that does not load', async () => {
    expect(await dataCenterOfPlan(path.join(os.tmpdir(), 'no-such-plan.yaml'))).toEqual({ jobs: [], skipped: [] });
  });

  it('draws a duration within a fifth and a half of the shorter bound, 5 s at least', () => {
    expect(derivedDuration('minutely', '* * * * *', 'UTC', 'cron', 600, schedulesEvaluator)).toBeGreaterThanOrEqual(12);
    expect(derivedDuration('minutely', '* * * * *', 'UTC', 'cron', 600, schedulesEvaluator)).toBeLessThanOrEqual(30);
    expect(derivedDuration('quick', '0 2 * * *', 'UTC', 'jenkins', 10, schedulesEvaluator)).toBe(5);
  });
});
