// The scheduled-jobs track's rehearsal part with Pulumi runtime mocks: which dynamic resources it registers with which
// inputs (the names, input and state of the AWS part, the guard kept secret), the schedule after its function, its
// outputs, and its config errors. What the resources then do is rehearsal-operations.test.ts.
import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import { installMocks, valueOf, type MockHarness, type RegisteredResource } from '../../components/testing/pulumi-mocks';
import type { CockpitConfig } from '../../lib/cockpit-config';
import type * as RehearsalModule from './rehearsal';
import { CLEANUP_ARN, JOBS_SETTINGS } from './testing/settings-fixture';

const ENDPOINT = 'http://127.0.0.1:4566';
const GUARD = { roleArn: 'arn:aws:iam::222233334444:role/migration', sessionName: 'cockpit-app3101', allowedAccountIds: ['222233334444'] };
const BASE = { settings: JOBS_SETTINGS, functionArns: { cleanup: CLEANUP_ARN } };

let mocks: MockHarness;
let mod: typeof RehearsalModule;

beforeAll(async () => {
  mocks = await installMocks({ project: 'platform-production', stack: 'app3101' });
  mod = await import('./rehearsal');
});

function cockpit(changes: Partial<CockpitConfig> = {}): CockpitConfig {
  return {
    target: 'rehearsal',
    stackId: 'platform-production/app3101',
    registrations: [],
    region: 'eu-central-1',
    rehearsalAwsEndpoint: ENDPOINT,
    ...changes,
  };
}

function deploy(instanceId: string, schedules: Record<string, unknown> = BASE, config: CockpitConfig = cockpit()) {
  mocks.configure(Object.fromEntries(Object.entries(schedules).map(([key, value]) => [`schedules:${key}`, value])));
  return mod.schedulesRehearsal.deploy({ cockpit: config, config: new pulumi.Config(), instanceId });
}

function made(from: number): Map<string, RegisteredResource> {
  return new Map(mocks.resources.slice(from).map((resource) => [resource.name, resource]));
}

describe('the scheduled-jobs rehearsal part', () => {
  it('makes each job’s function and schedule in the rehearsal, named and configured as on AWS', async () => {
    const from = mocks.resources.length;
    const outputs = deploy('app3101')!;
    await mocks.settle();
    const resources = made(from);
    expect(Object.fromEntries([...resources].map(([name, resource]) => [name, resource.type]))).toEqual({
      'schedules-function-invoices': 'pulumi-nodejs:dynamic/cockpit:RehearsalFunction',
      'schedules-schedule-invoices': 'pulumi-nodejs:dynamic/cockpit:RehearsalSchedule',
      // cleanup's function is deployed otherwise.
      'schedules-schedule-cleanup': 'pulumi-nodejs:dynamic/cockpit:RehearsalSchedule',
    });
    const fn = resources.get('schedules-function-invoices')!;
    expect(fn.inputs).toMatchObject({
      endpoint: ENDPOINT,
      region: 'eu-central-1',
      functionName: 'platform-production-app3101-invoices',
      roleName: 'platform-production-app3101-invoices-run',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      memoryMb: 512,
      timeoutSeconds: 300,
      description: 'Nightly invoices',
      files: { 'index.js': expect.stringContaining('exports["handler"]') },
    });
    const schedule = resources.get('schedules-schedule-invoices')!;
    expect(schedule.inputs).toMatchObject({
      scheduleName: 'platform-production-app3101-invoices',
      groupName: 'default',
      expression: 'cron(0 2 * * ? *)',
      timeZone: 'Europe/Berlin',
      flexibleWindowMinutes: 0,
      roleName: 'platform-production-app3101-invoices-invoke',
      input: JSON.stringify({
        job: 'platform-production/app3101#invoices',
        scheduledTime: '<aws.scheduler.scheduled-time>',
        attempt: '<aws.scheduler.attempt-number>',
      }),
      maximumRetryAttempts: 0,
      maximumEventAgeSeconds: 86_400,
      state: 'DISABLED',
    });
    expect(schedule.inputs).not.toHaveProperty('startDate');
    // Its target is the function's ARN: made after it, deleted before it.
    expect(schedule.dependencies).toContain(fn.urn);
    expect(resources.get('schedules-schedule-cleanup')!.inputs).toMatchObject({ targetArn: CLEANUP_ARN, state: 'DISABLED' });
    const jobs = await valueOf(outputs.schedulesJobs);
    expect(Object.keys(jobs)).toEqual(['invoices', 'cleanup']);
    expect(jobs.cleanup).toMatchObject({
      functionName: 'billing-cleanup',
      functionArn: CLEANUP_ARN,
      functionManaged: false,
      scheduleGroup: 'default',
      state: 'DISABLED',
    });
    expect(jobs.invoices).toMatchObject({ functionManaged: true, state: 'DISABLED', startDate: null });
  });

  it('carries the cutover’s state and start date, and the account guard kept secret', async () => {
    const from = mocks.resources.length;
    const startDate = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    deploy('app3102', { ...BASE, state: { invoices: 'ENABLED' }, startDate: { cleanup: startDate } }, cockpit({ accountGuard: pulumi.secret(GUARD) }));
    await mocks.settle();
    const resources = made(from);
    expect(resources.get('schedules-schedule-invoices')!.inputs).toMatchObject({ state: 'ENABLED', account: GUARD });
    expect(resources.get('schedules-schedule-cleanup')!.inputs).toMatchObject({ state: 'ENABLED', startDate });
    for (const resource of resources.values()) {
      expect(resource.secretInputs).toContain('account');
      expect(resource.additionalSecretOutputs).toEqual(['account']);
    }
  });

  it('makes nothing without jobs, and says what is missing or wrong before anything is made', async () => {
    const from = mocks.resources.length;
    expect(deploy('app3103', {})).toBeUndefined();
    expect(deploy('app3104', { settings: { jobs: [] } })).toBeUndefined();
    const { rehearsalAwsEndpoint: _none, ...withoutEndpoint } = cockpit();
    expect(() => deploy('app3105', BASE, withoutEndpoint)).toThrow(/^cockpit:rehearsalAwsEndpoint is not set/);
    expect(() => deploy('app3106', { ...BASE, startDate: { invoices: 'tomorrow' } })).toThrow(/^schedules:startDate: job invoices must be an ISO 8601 instant/);
    await mocks.settle();
    expect(mocks.resources.length).toBe(from);
  });
});
