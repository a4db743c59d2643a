// The scheduled-jobs track's AWS part with Pulumi runtime mocks: per job the function and its execution role, the role
// Scheduler assumes and the schedule with its properties; the state DISABLED until the cutover's key says ENABLED, a
// start date, a function deployed otherwise; the `schedulesJobs` output; nothing without jobs; config errors naming
// their key (with nothing registered).
import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoAppInstanceConfig } from '../../components/testing/app-instance-config';
import { installMocks, MOCK_ACCOUNT, valueOf, type MockHarness, type RegisteredResource } from '../../components/testing/pulumi-mocks';
import type * as AppAwsModule from '../../app-instance/aws';
import type { InstanceNetwork } from '../../seam/program-track';
import type * as SchedulesAwsModule from './aws';
import { CLEANUP_ARN, JOBS_SETTINGS, REPORTS_JOB } from './testing/settings-fixture';

let mocks: MockHarness;
let mod: typeof SchedulesAwsModule;
let app: typeof AppAwsModule;

beforeAll(async () => {
  mocks = await installMocks({ project: 'platform-production', stack: 'app1101' });
  mod = await import('./aws');
  app = await import('../../app-instance/aws');
});

const network: InstanceNetwork = {
  vpcId: 'vpc-0sch',
  subnetIds: ['subnet-s1', 'subnet-s2'],
  fromNetwork: () => {
    throw new Error('not used');
  },
  vpcCidr: () => '10.60.0.0/16',
};

const BASE = { settings: JOBS_SETTINGS, functionArns: { cleanup: CLEANUP_ARN } };

/** The stack's config: aws:region and schedules:* (objects JSON-encoded). */
function configure(schedules: Record<string, unknown> = BASE) {
  mocks.configure({
    'aws:region': 'eu-central-1',
    ...Object.fromEntries(Object.entries(schedules).map(([key, value]) => [`schedules:${key}`, value])),
  });
}

function deploy(instanceId: string) {
  return mod.schedulesAws.prepare(
    new pulumi.Config(),
    network,
  )({
    instanceId,
    prefix: 'platform-production',
    tags: { Owner: 'it-ops', Application: instanceId, 'cockpit:stack': `platform-production/${instanceId}` },
    network,
  });
}

/** The resources registered since `from`, by logical name. */
function made(from: number): Map<string, RegisteredResource> {
  return new Map(mocks.resources.slice(from).map((resource) => [resource.name, resource]));
}

const policyOf = (resource: RegisteredResource, key: string) => JSON.parse(resource.inputs[key] as string) as { Statement: Record<string, unknown>[] };

describe('the scheduled-jobs AWS part', () => {
  it('is registered with the app-instance program and exports schedulesJobs', async () => {
    const from = mocks.resources.length;
    mocks.configure({
      ...demoAppInstanceConfig('app1101', 'app1101-Db-Secret-77', {
        amiId: 'ami-0abcdef1234567890',
        vpcId: 'vpc-0bbb',
        subnetIds: ['subnet-1a', 'subnet-1b'],
        replicationInstanceArn: `arn:aws:dms:eu-central-1:${MOCK_ACCOUNT}:rep:NETWORKDMS`,
        allowedCidrs: ['172.20.0.0/14'],
      }),
      'schedules:settings': JSON.stringify(JOBS_SETTINGS),
      'schedules:functionArns': JSON.stringify({ cleanup: CLEANUP_ARN }),
    });
    const outputs = app.deployAws({ stackId: 'platform-production/app1101' });
    await mocks.settle();
    const ours = [...made(from).values()].filter((resource) => resource.name.includes('-schedules-')).map((r) => `${r.type} ${r.name}`);
    expect(ours.sort()).toEqual(
      [
        'aws:iam/role:Role app1101-schedules-invoices-function-role',
        'aws:iam/rolePolicyAttachment:RolePolicyAttachment app1101-schedules-invoices-function-logs',
        'aws:lambda/function:Function app1101-schedules-invoices-function',
        'aws:iam/role:Role app1101-schedules-invoices-invoke-role',
        'aws:iam/rolePolicy:RolePolicy app1101-schedules-invoices-invoke',
        'aws:scheduler/schedule:Schedule app1101-schedules-invoices-schedule',
        // cleanup's function is deployed otherwise: only Scheduler's role and the schedule.
        'aws:iam/role:Role app1101-schedules-cleanup-invoke-role',
        'aws:iam/rolePolicy:RolePolicy app1101-schedules-cleanup-invoke',
        'aws:scheduler/schedule:Schedule app1101-schedules-cleanup-schedule',
      ].sort(),
    );
    expect(await valueOf(outputs.schedulesJobs!)).toEqual({
      invoices: {
        functionName: 'platform-production-app1101-invoices',
        functionArn: `arn:aws:lambda:eu-central-1:${MOCK_ACCOUNT}:app1101-schedules-invoices-function`,
        functionManaged: true,
        scheduleName: 'platform-production-app1101-invoices',
        scheduleArn: `arn:aws:scheduler:eu-central-1:${MOCK_ACCOUNT}:app1101-schedules-invoices-schedule`,
        scheduleGroup: 'default',
        state: 'DISABLED',
        startDate: null,
      },
      cleanup: {
        functionName: 'billing-cleanup',
        functionArn: CLEANUP_ARN,
        functionManaged: false,
        scheduleName: 'platform-production-app1101-cleanup',
        scheduleArn: `arn:aws:scheduler:eu-central-1:${MOCK_ACCOUNT}:app1101-schedules-cleanup-schedule`,
        scheduleGroup: 'default',
        state: 'DISABLED',
        startDate: null,
      },
    });
  });

  it('makes the function from the plan, with placeholder code it never puts back, and its basic execution role', async () => {
    const from = mocks.resources.length;
    configure();
    deploy('app1102');
    await mocks.settle();
    const resources = made(from);
    const fn = resources.get('app1102-schedules-invoices-function')!;
    expect(fn.inputs).toMatchObject({
      name: 'platform-production-app1102-invoices',
      description: 'Nightly invoices',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      memorySize: 512,
      timeout: 300,
      tags: { Owner: 'it-ops', Application: 'app1102', 'cockpit:job': 'invoices' },
    });
    // The archive holds the handler's file.
    expect(JSON.stringify(fn.inputs.code)).toContain('index.js');
    expect(fn.ignoreChanges).toEqual(['code', 'sourceCodeHash', 'reservedConcurrentExecutions']);
    const role = resources.get('app1102-schedules-invoices-function-role')!;
    expect(role.inputs.name).toBe('platform-production-app1102-invoices-run');
    expect(policyOf(role, 'assumeRolePolicy').Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(resources.get('app1102-schedules-invoices-function-logs')!.inputs).toEqual({
      role: 'platform-production-app1102-invoices-run',
      policyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    });
    expect(fn.inputs.role).toBe(`arn:aws:iam:eu-central-1:${MOCK_ACCOUNT}:app1102-schedules-invoices-function-role`);
    expect(fn.dependencies).toContain(resources.get('app1102-schedules-invoices-function-logs')!.urn);
  });

  it('makes the schedule DISABLED by default, with the plan’s expression, zone, window and retries, firing the function through its role', async () => {
    const from = mocks.resources.length;
    configure();
    deploy('app1103');
    await mocks.settle();
    const resources = made(from);
    const schedule = resources.get('app1103-schedules-invoices-schedule')!;
    const invokeRole = resources.get('app1103-schedules-invoices-invoke-role')!;
    const fnArn = `arn:aws:lambda:eu-central-1:${MOCK_ACCOUNT}:app1103-schedules-invoices-function`;
    expect(schedule.inputs).toEqual({
      name: 'platform-production-app1103-invoices',
      groupName: 'default',
      description: 'Nightly invoices',
      scheduleExpression: 'cron(0 2 * * ? *)',
      scheduleExpressionTimezone: 'Europe/Berlin',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: fnArn,
        roleArn: `arn:aws:iam:eu-central-1:${MOCK_ACCOUNT}:app1103-schedules-invoices-invoke-role`,
        input: JSON.stringify({
          job: 'platform-production/app1103#invoices',
          scheduledTime: '<aws.scheduler.scheduled-time>',
          attempt: '<aws.scheduler.attempt-number>',
        }),
        retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 86_400 },
      },
      state: 'DISABLED',
    });
    // Scheduler's role: only Scheduler of this account assumes it, and it may invoke only this function.
    expect(invokeRole.inputs.name).toBe('platform-production-app1103-invoices-invoke');
    expect(policyOf(invokeRole, 'assumeRolePolicy').Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': MOCK_ACCOUNT } },
      },
    ]);
    const invoke = resources.get('app1103-schedules-invoices-invoke')!;
    expect(policyOf(invoke, 'policy').Statement).toEqual([{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [fnArn, `${fnArn}:*`] }]);
    // The role's policy is in place before the schedule can fire.
    expect(schedule.dependencies).toEqual(expect.arrayContaining([invoke.urn, invokeRole.urn]));
    // The function deployed otherwise is the other schedule's target.
    expect(resources.get('app1103-schedules-cleanup-schedule')!.inputs).toMatchObject({
      scheduleExpression: 'cron(30 4 ? * MON-FRI *)',
      description: 'Scheduled job cleanup (migration cockpit)',
      target: { arn: CLEANUP_ARN },
      state: 'DISABLED',
    });
    expect(policyOf(resources.get('app1103-schedules-cleanup-invoke')!, 'policy').Statement[0]!.Resource).toEqual([CLEANUP_ARN, `${CLEANUP_ARN}:*`]);
  });

  it('deploys the state and the start date the cutover writes, and a flexible window with retries', async () => {
    const from = mocks.resources.length;
    const startDate = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    configure({
      ...BASE,
      settings: { jobs: [...JOBS_SETTINGS.jobs, REPORTS_JOB] },
      state: { invoices: 'ENABLED' },
      startDate: { reports: startDate },
    });
    const outputs = deploy('app1104');
    await mocks.settle();
    const resources = made(from);
    expect(resources.get('app1104-schedules-invoices-schedule')!.inputs.state).toBe('ENABLED');
    expect(resources.get('app1104-schedules-cleanup-schedule')!.inputs.state).toBe('DISABLED');
    const reports = resources.get('app1104-schedules-reports-schedule')!;
    expect(reports.inputs).toMatchObject({
      scheduleExpression: 'rate(15 minutes)',
      scheduleExpressionTimezone: 'UTC',
      flexibleTimeWindow: { mode: 'FLEXIBLE', maximumWindowInMinutes: 10 },
      target: { retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 } },
      // A start date holds it off: deployed ENABLED.
      state: 'ENABLED',
      startDate,
    });
    expect(resources.get('app1104-schedules-reports-function')!.inputs).toMatchObject({
      runtime: 'python3.13',
      handler: 'jobs/reports.run',
      memorySize: 1024,
      timeout: 120,
    });
    expect(JSON.stringify(resources.get('app1104-schedules-reports-function')!.inputs.code)).toContain('jobs/reports.py');
    const jobs = await valueOf(outputs.schedulesJobs!);
    expect(Object.fromEntries(Object.entries(jobs).map(([id, job]) => [id, [job.state, job.startDate]]))).toEqual({
      invoices: ['ENABLED', null],
      cleanup: ['DISABLED', null],
      reports: ['ENABLED', startDate],
    });
  });

  it('makes nothing and exports nothing without jobs', async () => {
    const from = mocks.resources.length;
    configure({});
    expect(deploy('app1105')).toEqual({});
    configure({ settings: { jobs: [] } });
    expect(deploy('app1106')).toEqual({});
    await mocks.settle();
    expect(mocks.resources.length).toBe(from);
  });

  it('stops on a bad value, naming its key, before anything is made', async () => {
    const from = mocks.resources.length;
    configure({ ...BASE, state: { invoices: 'ON' } });
    expect(() => deploy('app1107')).toThrow('schedules:state: job invoices must be ENABLED or DISABLED (got "ON")');
    configure({ settings: JOBS_SETTINGS });
    expect(() => deploy('app1108')).toThrow(/^schedules:functionArns has no ARN for job cleanup/);
    mocks.configure({ 'schedules:settings': JSON.stringify(JOBS_SETTINGS), 'schedules:functionArns': JSON.stringify({ cleanup: CLEANUP_ARN }) });
    expect(() => deploy('app1109')).toThrow(/aws:region/);
    await mocks.settle();
    expect(mocks.resources.length).toBe(from);
  });
});
