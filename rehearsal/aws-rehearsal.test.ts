// startAwsRehearsal (what `npm run rehearsal` and the embedded rehearsal start) serves the scheduled-jobs track beside
// DMS: EventBridge Scheduler and Lambda through the real SDK clients with the rehearsal's sign-in keys and with an
// assumed role's session (each account its own estate, both firing on the one clock), the data center's Jenkins
// subset at <url>/_dc/jenkins/, and scenario wire faults that name `scheduler` or `lambda`; the embedded rehearsal
// (the cockpit's) serves them too.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DescribeReplicationTasksCommand, DatabaseMigrationServiceClient } from '@aws-sdk/client-database-migration-service';
import { CreateFunctionCommand, GetFunctionCommand, LambdaClient, ResourceNotFoundException as LambdaNotFound } from '@aws-sdk/client-lambda';
import { CreateScheduleCommand, InternalServerException, ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, parseScenario, startAwsRehearsal, type AwsRehearsal } from './aws-rehearsal';
import { DEMO_PLAN } from './demo-plan';
import { embeddedRehearsal } from './embedded';

const REGION = 'eu-central-1';
const SOURCE = '123456789012';
const OTHER = '222222222222';
const SIGN_IN = { accessKeyId: 'rehearsal', secretAccessKey: 'rehearsal' };
const JENKINS = `Basic ${Buffer.from('rehearsal:rehearsal-api-token').toString('base64')}`;
const T0 = Date.UTC(2026, 11, 5, 0, 0, 0);

const open: Array<{ destroy(): void } | { close(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await ('destroy' in item ? item.destroy() : item.close());
});

const SCENARIO = `
version: 1
name: scheduled jobs
seed: 7
instances:
  - { id: dms-wave-1 }
tasks:
  - { id: app1-mysql, tables: { count: 2 } }
faults:
  - { type: server-error, service: scheduler, operations: [ListSchedules], at: 30m, for: 1m }
  - { type: throttle, rate: 1, service: lambda, operations: [GetFunction], at: 30m, for: 1m }
`;

async function start(): Promise<{ aws: AwsRehearsal; clock: ManualClock; clients: (credentials: typeof SIGN_IN & { sessionToken?: string }) => Clients }> {
  const clock = new ManualClock(T0);
  const aws = await startAwsRehearsal({
    clock,
    scenario: parseScenario('scheduled-jobs.yaml', SCENARIO),
    roles: [{ accountId: OTHER, roleName: 'MigrationDeployer' }],
  });
  open.push(aws);
  const clients = (credentials: typeof SIGN_IN & { sessionToken?: string }): Clients => {
    const config = { endpoint: aws.url, region: REGION, credentials, maxAttempts: 1 };
    const made = {
      scheduler: new SchedulerClient(config),
      lambda: new LambdaClient(config),
      sts: new STSClient(config),
      dms: new DatabaseMigrationServiceClient(config),
    };
    open.push(made.scheduler, made.lambda, made.sts, made.dms);
    return made;
  };
  return { aws, clock, clients };
}

interface Clients {
  readonly scheduler: SchedulerClient;
  readonly lambda: LambdaClient;
  readonly sts: STSClient;
  readonly dms: DatabaseMigrationServiceClient;
}

async function createJob(clients: Clients, account: string, name: string): Promise<string> {
  const fn = await clients.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: `arn:aws:iam::${account}:role/${name}-role`,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Code: { ZipFile: new TextEncoder().encode('PK rehearsal') },
    }),
  );
  await clients.scheduler.send(
    new CreateScheduleCommand({
      Name: name,
      ScheduleExpression: 'cron(0/10 * * * ? *)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: fn.FunctionArn!, RoleArn: `arn:aws:iam::${account}:role/scheduler-invoke` },
    }),
  );
  return fn.FunctionArn!;
}

describe('startAwsRehearsal serves the scheduled-jobs track', () => {
  it('answers Scheduler and Lambda with the sign-in keys and an assumed role, each account its own estate', async () => {
    const { aws, clock, clients } = await start();
    const own = clients(SIGN_IN);
    expect(await createJob(own, SOURCE, 'nightly')).toBe(`arn:aws:lambda:${REGION}:${SOURCE}:function:nightly`);

    const session = await own.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${OTHER}:role/MigrationDeployer`, RoleSessionName: 'cockpit' }));
    const other = clients({
      accessKeyId: session.Credentials!.AccessKeyId!,
      secretAccessKey: session.Credentials!.SecretAccessKey!,
      sessionToken: session.Credentials!.SessionToken!,
    });
    expect(await createJob(other, OTHER, 'report')).toBe(`arn:aws:lambda:${REGION}:${OTHER}:function:report`);

    const names = async (clients: Clients) => (await clients.scheduler.send(new ListSchedulesCommand({}))).Schedules!.map((s) => [s.Name, s.Arn]);
    expect(await names(own)).toEqual([['nightly', `arn:aws:scheduler:${REGION}:${SOURCE}:schedule/default/nightly`]]);
    expect(await names(other)).toEqual([['report', `arn:aws:scheduler:${REGION}:${OTHER}:schedule/default/report`]]);
    await expect(own.lambda.send(new GetFunctionCommand({ FunctionName: 'report' }))).rejects.toBeInstanceOf(LambdaNotFound);
    // DMS answers beside them, as before.
    expect((await own.dms.send(new DescribeReplicationTasksCommand({ WithoutSettings: true }))).ReplicationTasks).toHaveLength(1);

    // Both accounts' schedules fire on the one clock.
    clock.advance(25 * 60_000);
    const runs = async (query: string) =>
      ((await (await fetch(`${aws.url}/_admin/schedules/runs${query}`)).json()) as { aws: Array<{ schedule: string; slot: string }> }).aws.map((run) => [
        run.schedule,
        run.slot,
      ]);
    const slots = (name: string) => [
      [name, new Date(T0 + 10 * 60_000).toISOString()],
      [name, new Date(T0 + 20 * 60_000).toISOString()],
    ];
    expect(await runs('')).toEqual(slots('nightly'));
    expect(await runs(`?account=${OTHER}`)).toEqual(slots('report'));
    expect(await (await fetch(aws.url)).text()).toContain('EventBridge Scheduler + Lambda');
  });

  it('serves the data center’s Jenkins at <url>/_dc/jenkins/ with basic auth, in the source account only', async () => {
    const { aws, clock } = await start();
    const define = (query: string) =>
      fetch(`${aws.url}/_admin/schedules/dc/jobs/nightly-export${query}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ cron: 'H/15 * * * *', durationSeconds: 60 }),
      });
    expect((await define('')).status).toBe(201);
    expect((await define(`?account=${OTHER}`)).status).toBe(404);
    const jenkins = (path: string, authorization?: string) => fetch(`${aws.url}/_dc/jenkins/${path}`, authorization ? { headers: { authorization } } : {});
    expect((await jenkins('api/json')).status).toBe(401);
    const root = await jenkins('api/json', JENKINS);
    expect(root.headers.get('x-jenkins')).toBeTruthy();
    expect(await root.json()).toMatchObject({
      _class: 'hudson.model.Hudson',
      jobs: [{ name: 'nightly-export', url: `${aws.url}/_dc/jenkins/job/nightly-export/` }],
    });
    clock.advance(20 * 60_000);
    expect(await (await jenkins('job/nightly-export/lastBuild/api/json', JENKINS)).json()).toMatchObject({ number: 1, result: 'SUCCESS' });
  });

  it('lets scenario wire faults name scheduler and lambda', async () => {
    const { clock, clients } = await start();
    const own = clients(SIGN_IN);
    await createJob(own, SOURCE, 'nightly');
    clock.advance(30 * 60_000);
    await expect(own.scheduler.send(new ListSchedulesCommand({}))).rejects.toBeInstanceOf(InternalServerException);
    await expect(own.lambda.send(new GetFunctionCommand({ FunctionName: 'nightly' }))).rejects.toMatchObject({
      name: 'TooManyRequestsException',
      $metadata: { httpStatusCode: 429 },
    });
    clock.advance(60_000);
    expect((await own.scheduler.send(new ListSchedulesCommand({}))).Schedules).toHaveLength(1);
    expect((await own.lambda.send(new GetFunctionCommand({ FunctionName: 'nightly' }))).Configuration?.FunctionName).toBe('nightly');
  });

  it('is served by the embedded rehearsal the cockpit starts', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rehearsal-schedules-'));
    open.push({ close: () => rm(dir, { recursive: true, force: true }) });
    const rehearsal = await embeddedRehearsal(DEMO_PLAN, { env: { MIGRATION_COCKPIT_REHEARSAL_CASSANDRA: 'off' }, log: () => undefined })({
      dir,
      registryToken: 'test-registry-token',
    });
    open.push(rehearsal);
    rehearsal.allowRoles([{ arn: `arn:aws:iam::${OTHER}:role/MigrationDeployer` }]);
    const config = { endpoint: rehearsal.awsUrl, region: REGION, maxAttempts: 1 };
    const sts = new STSClient({ ...config, credentials: SIGN_IN });
    open.push(sts);
    const session = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${OTHER}:role/MigrationDeployer`, RoleSessionName: 'cockpit' }));
    const lambda = new LambdaClient({
      ...config,
      credentials: {
        accessKeyId: session.Credentials!.AccessKeyId!,
        secretAccessKey: session.Credentials!.SecretAccessKey!,
        sessionToken: session.Credentials!.SessionToken!,
      },
    });
    const scheduler = new SchedulerClient({ ...config, credentials: SIGN_IN });
    open.push(lambda, scheduler);
    await expect(lambda.send(new GetFunctionCommand({ FunctionName: 'nothing-yet' }))).rejects.toBeInstanceOf(LambdaNotFound);
    expect((await scheduler.send(new ListSchedulesCommand({}))).Schedules).toEqual([]);
    // The data center runs the demo plan's scheduled jobs, as the plan names them.
    const jenkins = await fetch(`${rehearsal.awsUrl}/_dc/jenkins/api/json`, { headers: { authorization: JENKINS } });
    expect(await jenkins.json()).toMatchObject({
      _class: 'hudson.model.Hudson',
      jobs: [expect.objectContaining({ name: 'billing-invoices' }), expect.objectContaining({ name: 'sales-report' })],
    });
    const cron = await fetch(`${rehearsal.awsUrl}/_dc/cron/entries/billing-cleanup`, { headers: { authorization: 'Bearer rehearsal-cron-token' } });
    expect(await cron.json()).toMatchObject({ name: 'billing-cleanup', expression: '*/5 * * * *', timeZone: 'Europe/Berlin', enabled: true });
    // They have run for the hour before: a build for each of its slots.
    const report = await fetch(`${rehearsal.awsUrl}/_dc/jenkins/job/sales-report/api/json?tree=builds[number]`, { headers: { authorization: JENKINS } });
    expect(((await report.json()) as { builds: unknown[] }).builds.length).toBeGreaterThanOrEqual(6);
  });
});
