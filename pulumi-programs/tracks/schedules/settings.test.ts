// schedules:settings and the cutover's keys (schedules:state, schedules:startDate, schedules:functionArns) as both parts
// read them: the plan's shape parsed, every bad value named with its key; and the helpers both parts share.
import type * as pulumi from '@pulumi/pulumi';
import { describe, expect, it } from 'vitest';
import {
  boundedName,
  descriptionOf,
  jobResourceName,
  jobRoleName,
  parseSchedulesSettings,
  placeholderFiles,
  readScheduledJobs,
  scheduleInput,
  START_DATE_GRACE_MS,
} from './settings';
import { CLEANUP_ARN, JOBS_SETTINGS, REPORTS_JOB } from './testing/settings-fixture';

const NOW = Date.parse('2026-12-05T00:00:00Z');

/** A `schedules` config with these keys (objects JSON-encoded, as the core writes them). */
function configOf(values: Record<string, unknown>): pulumi.Config {
  const get = (key: string) => {
    const value = values[key];
    return value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
  };
  return { name: 'schedules', get } as unknown as pulumi.Config;
}

const withSettings = (change: (jobs: Record<string, unknown>[]) => void): string => {
  const settings = structuredClone(JOBS_SETTINGS) as unknown as { jobs: Record<string, unknown>[] };
  change(settings.jobs);
  return JSON.stringify(settings);
};
const awsOf = (job: Record<string, unknown>) => job.aws as Record<string, unknown>;

describe('schedules:settings', () => {
  it('reads what the plan part writes (its example plan’s jobs), a function or a stack output each', () => {
    const { jobs } = parseSchedulesSettings(JSON.stringify(JOBS_SETTINGS));
    expect(jobs).toEqual(JOBS_SETTINGS.jobs);
    // What the plan defaults, a hand-written value may leave out.
    const bare = parseSchedulesSettings(
      JSON.stringify({
        jobs: [{ id: 'x', idempotent: true, aws: { expression: 'rate(1 hour)', function: { runtime: 'java21', handler: 'app.Handler::run' } } }],
      }),
    );
    expect(bare.jobs[0]!.aws).toEqual({
      expression: 'rate(1 hour)',
      timeZone: 'UTC',
      flexibleWindowMinutes: 0,
      retry: { maximumRetryAttempts: 0, maximumEventAgeSeconds: 86_400 },
      function: { runtime: 'java21', handler: 'app.Handler::run', memoryMb: 512, timeoutSeconds: 300 },
    });
    expect(parseSchedulesSettings('{"jobs": []}').jobs).toEqual([]);
  });

  it('names the field that is wrong', () => {
    const cases: [string, string][] = [
      ['[]', 'schedules:settings must be a JSON object { jobs: [...] }'],
      ['{}', 'schedules:settings: jobs must be a list (got nothing)'],
      [
        withSettings((jobs) => (jobs[0]!.id = 'Invoices')),
        'schedules:settings: jobs[0].id must be a job id: lowercase letters, digits and "-", starting with a letter or digit (got "Invoices")',
      ],
      [withSettings((jobs) => delete jobs[1]!.idempotent), 'schedules:settings: jobs[1] (cleanup).idempotent must be true or false (got nothing)'],
      [
        withSettings((jobs) => (awsOf(jobs[0]!).expression = '0 2 * * *')),
        'schedules:settings: jobs[0] (invoices).aws.expression must be an EventBridge Scheduler expression: cron(…), rate(…) or at(…) (got "0 2 * * *")',
      ],
      [
        withSettings((jobs) => (awsOf(jobs[0]!).timeZone = 'Europe/Berln')),
        'schedules:settings: jobs[0] (invoices).aws.timeZone is not a time zone this system knows (got "Europe/Berln")',
      ],
      [
        withSettings((jobs) => (awsOf(jobs[0]!).flexibleWindowMinutes = 1441)),
        'schedules:settings: jobs[0] (invoices).aws.flexibleWindowMinutes must be a whole number from 0 to 1440 (got 1441)',
      ],
      [
        withSettings((jobs) => (awsOf(jobs[0]!).retry = { maximumRetryAttempts: 186 })),
        'schedules:settings: jobs[0] (invoices).aws.retry.maximumRetryAttempts must be a whole number from 0 to 185 (got 186)',
      ],
      [
        withSettings((jobs) => (awsOf(jobs[1]!).function = { runtime: 'nodejs22.x', handler: 'index.handler' })),
        'schedules:settings: jobs[1] (cleanup).aws must have exactly one of function: { runtime, handler, memoryMb, timeoutSeconds } or functionArnOutput',
      ],
      [
        withSettings((jobs) => (awsOf(jobs[0]!).function = { runtime: 'node22', handler: 'index.handler' })),
        'schedules:settings: jobs[0] (invoices).aws.function.runtime must be a Lambda runtime such as nodejs22.x, python3.13, java21 or provided.al2023 (got "node22")',
      ],
      [
        withSettings((jobs) => (awsOf(jobs[0]!).function = { runtime: 'nodejs22.x', handler: 'index.handler', timeoutSeconds: 901 })),
        'schedules:settings: jobs[0] (invoices).aws.function.timeoutSeconds must be a whole number from 1 to 900 (got 901)',
      ],
      [withSettings((jobs) => jobs.push(structuredClone(jobs[0]!))), 'schedules:settings: jobs lists job invoices twice'],
    ];
    for (const [raw, message] of cases) expect(() => parseSchedulesSettings(raw), raw).toThrow(message);
    expect(() => parseSchedulesSettings('{"jobs": [')).toThrow(/^schedules:settings is not valid JSON/);
  });
});

describe('the cutover’s keys', () => {
  const settings = { settings: JOBS_SETTINGS, functionArns: { cleanup: CLEANUP_ARN } };

  it('deploy every job DISABLED until the handover, ENABLED when schedules:state says so', () => {
    const jobs = readScheduledJobs(configOf(settings), NOW)!;
    expect(jobs.map((job) => [job.id, job.state])).toEqual([
      ['invoices', 'DISABLED'],
      ['cleanup', 'DISABLED'],
    ]);
    expect(jobs[1]).toMatchObject({ functionArn: CLEANUP_ARN, aws: { functionArnOutput: 'cleanupFunctionArn' } });
    expect(jobs[0]).not.toHaveProperty('functionArn');
    const enabled = readScheduledJobs(configOf({ ...settings, state: { invoices: 'ENABLED' } }), NOW)!;
    expect(enabled.map((job) => job.state)).toEqual(['ENABLED', 'DISABLED']);
    expect(readScheduledJobs(configOf({}), NOW)).toBeUndefined();
  });

  it('take a start date: ENABLED unless the state says otherwise, and left out once it is past', () => {
    const start = { invoices: '2026-12-05T03:00:00+01:00', cleanup: '2026-12-06T04:30:00Z' };
    const jobs = readScheduledJobs(configOf({ ...settings, startDate: start, state: { cleanup: 'DISABLED' } }), NOW)!;
    expect(jobs.map((job) => [job.id, job.state, job.startDate])).toEqual([
      ['invoices', 'ENABLED', '2026-12-05T02:00:00Z'],
      ['cleanup', 'DISABLED', '2026-12-06T04:30:00Z'],
    ]);
    // Scheduler refuses a start date more than 5 minutes ago: the schedule has started, so it is left out.
    const later = readScheduledJobs(configOf({ ...settings, startDate: start }), Date.parse('2026-12-05T02:00:00Z') + START_DATE_GRACE_MS + 1)!;
    expect(later[0]).toMatchObject({ id: 'invoices', state: 'ENABLED' });
    expect(later[0]).not.toHaveProperty('startDate');
    expect(later[1]!.startDate).toBe('2026-12-06T04:30:00Z');
  });

  it('name the key, the job and what is wrong', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...settings, state: { invoices: 'enabled' } }, 'schedules:state: job invoices must be ENABLED or DISABLED (got "enabled")'],
      [
        { ...settings, state: { invoice: 'ENABLED' } },
        "schedules:state names job 'invoice', which schedules:settings does not have (its jobs: invoices, cleanup)",
      ],
      [{ ...settings, state: '["invoices"]' }, 'schedules:state must be a JSON object mapping job ids to values, e.g. {"invoices": …}'],
      [{ ...settings, state: '{' }, 'schedules:state is not valid JSON'],
      [
        { ...settings, startDate: { invoices: '2026-12-05 02:00' } },
        'schedules:startDate: job invoices must be an ISO 8601 instant with its offset, e.g. 2026-12-05T02:00:00Z (got "2026-12-05 02:00")',
      ],
      [{ settings: JOBS_SETTINGS }, "schedules:functionArns has no ARN for job cleanup: its plan names the function by the stack output 'cleanupFunctionArn'"],
      [{ ...settings, functionArns: { cleanup: 'billing-cleanup' } }, 'schedules:functionArns: job cleanup must be a Lambda function ARN'],
      [
        { ...settings, functionArns: { cleanup: CLEANUP_ARN, invoices: CLEANUP_ARN } },
        'schedules:functionArns: job invoices has its function deployed by this stack (schedules:settings: aws.function); leave it out',
      ],
    ];
    for (const [values, message] of cases) expect(() => readScheduledJobs(configOf(values), NOW), message).toThrow(message);
  });
});

describe('the helpers both parts share', () => {
  it('name a job’s function, schedule and roles within 64 characters', () => {
    expect(jobResourceName('platform-production', 'app1101', 'invoices')).toBe('platform-production-app1101-invoices');
    expect(jobRoleName('platform-production', 'app1101', 'invoices', 'invoke')).toBe('platform-production-app1101-invoices-invoke');
    const long = jobResourceName('platform-production', 'app1101', 'a'.repeat(60));
    expect(long).toHaveLength(64);
    expect(long).toMatch(/^platform-production-app1101-a+-[0-9a-z]{7}$/);
    expect(jobResourceName('platform-production', 'app1101', 'b'.repeat(60))).not.toBe(long);
    expect(boundedName('short', 64)).toBe('short');
  });

  it('hand the function the job’s identity and the slot it serves', () => {
    expect(JSON.parse(scheduleInput('platform-production/app1101', 'invoices'))).toEqual({
      job: 'platform-production/app1101#invoices',
      scheduledTime: '<aws.scheduler.scheduled-time>',
      attempt: '<aws.scheduler.attempt-number>',
    });
  });

  it('deploy placeholder code at the handler’s path that fails saying what to do', () => {
    const node = placeholderFiles('nodejs22.x', 'index.handler');
    expect(Object.keys(node)).toEqual(['index.js']);
    expect(node['index.js']).toContain('exports["handler"] = async () => {');
    expect(node['index.js']).toContain("deploy this job's code (handler index.handler) before the handover");
    expect(Object.keys(placeholderFiles(REPORTS_JOB.aws.function.runtime, REPORTS_JOB.aws.function.handler))).toEqual(['jobs/reports.py']);
    expect(placeholderFiles('python3.13', 'jobs/reports.run')['jobs/reports.py']).toMatch(/^def run\(event, context\):\n {4}raise RuntimeError\(/);
    expect(Object.keys(placeholderFiles('java21', 'app.Handler::run'))).toEqual(['PLACEHOLDER.txt']);
  });

  it('describe a job by the plan’s words, within the service’s limit', () => {
    expect(descriptionOf(JOBS_SETTINGS.jobs[0]!, 256)).toBe('Nightly invoices');
    expect(descriptionOf(JOBS_SETTINGS.jobs[1]!, 256)).toBe('Scheduled job cleanup (migration cockpit)');
    expect(descriptionOf({ ...JOBS_SETTINGS.jobs[0]!, description: 'x'.repeat(300) }, 256)).toHaveLength(256);
  });
});
