// STS and the simulated accounts through the real SDK v3: roles assumed with fromTemporaryCredentials, DMS and
// CloudWatch called with the sessions, each account's resources invisible from the others, AccessDenied for a role
// that is not configured or a wrong external id, ExpiredToken once the simulated clock passes a session's expiry.
import { GetMetricDataCommand, CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  CreateEndpointCommand,
  CreateReplicationTaskCommand,
  DatabaseMigrationServiceClient,
  DescribeEndpointsCommand,
  DescribeReplicationInstancesCommand,
  DescribeReplicationTasksCommand,
  ResourceNotFoundFault,
} from '@aws-sdk/client-database-migration-service';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { rawCall, REGION, useRehearsal, type Harness } from '../test-support';

const SIGN_IN = { accessKeyId: 'AKIAREHEARSAL0000000', secretAccessKey: 'rehearsal-secret-not-checked' };
const SOURCE = '123456789012';
const WORKLOAD_A = '111111111111';
const WORKLOAD_B = '222222222222';
const ROLE_A = `arn:aws:iam::${WORKLOAD_A}:role/MigrationDeployer`;
const ROLE_B = `arn:aws:iam::${WORKLOAD_B}:role/MigrationDeployer`;
const EXTERNAL_ID_B = 'cockpit-external-id-b7';
const ROLES = [
  { accountId: WORKLOAD_A, roleName: 'MigrationDeployer' },
  { accountId: WORKLOAD_B, roleName: 'MigrationDeployer', externalId: EXTERNAL_ID_B, maxSessionDuration: '12h' },
];

const start = useRehearsal();
const clients: Array<{ destroy(): void }> = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

function track<T extends { destroy(): void }>(client: T): T {
  clients.push(client);
  return client;
}

async function rehearsal(): Promise<Harness> {
  return start({ name: 'two workload accounts', tasks: [{ id: 'app1-mysql', tables: { count: 2 }, autoStart: true }] }, { roles: ROLES });
}

function sts(harness: Harness, credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider = SIGN_IN): STSClient {
  return track(new STSClient({ endpoint: harness.aws.url, region: REGION, credentials, maxAttempts: 1 }));
}

/** A session as the cockpit gets one: the SDK's provider, which calls AssumeRole with the sign-in keys. */
function assumed(harness: Harness, params: Omit<AssumeRoleCommandInput, 'RoleSessionName'>): AwsCredentialIdentityProvider {
  return fromTemporaryCredentials({
    params: { ...params, RoleSessionName: 'operator' },
    masterCredentials: SIGN_IN,
    clientConfig: { endpoint: harness.aws.url, region: REGION, maxAttempts: 1 },
  });
}

function clientsWith(harness: Harness, credentials: AwsCredentialIdentityProvider) {
  const config = { endpoint: harness.aws.url, region: REGION, credentials, maxAttempts: 1 };
  return { dms: track(new DatabaseMigrationServiceClient(config)), cloudwatch: track(new CloudWatchClient(config)) };
}

const endpointInput = (identifier: string) => ({
  EndpointIdentifier: identifier,
  EndpointType: 'target' as const,
  EngineName: 'mysql',
  ServerName: 'orders.example',
  Port: 3306,
  Username: 'dms',
  Password: 'not-kept',
});

describe('STS', () => {
  it('answers GetCallerIdentity for the sign-in keys (the source account) and for each assumed role', async () => {
    const harness = await rehearsal();
    expect(await sts(harness).send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: SOURCE,
      Arn: `arn:aws:iam::${SOURCE}:user/rehearsal-operator`,
    });
    const inA = await sts(harness, assumed(harness, { RoleArn: ROLE_A })).send(new GetCallerIdentityCommand({}));
    expect(inA).toMatchObject({ Account: WORKLOAD_A, Arn: `arn:aws:sts::${WORKLOAD_A}:assumed-role/MigrationDeployer/operator` });
    expect(inA.UserId).toMatch(/^AROA[A-Z2-7]{17}:operator$/);
    const inB = await sts(harness, assumed(harness, { RoleArn: ROLE_B, ExternalId: EXTERNAL_ID_B })).send(new GetCallerIdentityCommand({}));
    expect(inB).toMatchObject({ Account: WORKLOAD_B, Arn: `arn:aws:sts::${WORKLOAD_B}:assumed-role/MigrationDeployer/operator` });
  });

  it('issues credentials bound to the role that expire after DurationSeconds on the simulated clock', async () => {
    const harness = await rehearsal();
    const now = harness.clock.now();
    const { Credentials, AssumedRoleUser } = await sts(harness).send(
      new AssumeRoleCommand({ RoleArn: ROLE_A, RoleSessionName: 'operator', DurationSeconds: 900 }),
    );
    expect(Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(Credentials?.SessionToken).toBeTruthy();
    expect(Credentials!.Expiration!.getTime()).toBe(now + 900_000);
    expect(AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${WORKLOAD_A}:assumed-role/MigrationDeployer/operator`);
  });

  it('answers AccessDenied (403, naming the role) for a role that is not configured, a missing or a wrong external id', async () => {
    const harness = await rehearsal();
    const client = sts(harness);
    const unknown = `arn:aws:iam::${WORKLOAD_A}:role/NotConfigured`;
    for (const input of [{ RoleArn: unknown }, { RoleArn: ROLE_B }, { RoleArn: ROLE_B, ExternalId: 'wrong-external-id' }]) {
      const error = await client.send(new AssumeRoleCommand({ ...input, RoleSessionName: 'operator' })).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
      expect((error as Error).message).toBe(
        `User: arn:aws:iam::${SOURCE}:user/rehearsal-operator is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`,
      );
      expect((error as Error).message).not.toContain('wrong-external-id');
    }
  });

  it('validates DurationSeconds and RoleSessionName as STS does', async () => {
    const harness = await rehearsal();
    const client = sts(harness);
    const refusal = (input: Partial<AssumeRoleCommandInput>) =>
      client.send(new AssumeRoleCommand({ RoleArn: ROLE_A, RoleSessionName: 'operator', ...input })).catch((caught: unknown) => caught as Error);
    expect(await refusal({ DurationSeconds: 899 })).toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    });
    expect(await refusal({ DurationSeconds: 43_201 })).toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('less than or equal to 43200'),
    });
    // Within STS's range, beyond the role's MaxSessionDuration (1 hour unless configured).
    expect(await refusal({ DurationSeconds: 7200 })).toMatchObject({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
    expect(await refusal({ RoleSessionName: 'a' })).toMatchObject({ name: 'ValidationError', message: expect.stringContaining("at 'roleSessionName'") });
    const long = await sts(harness).send(
      new AssumeRoleCommand({ RoleArn: ROLE_B, RoleSessionName: 'operator', ExternalId: EXTERNAL_ID_B, DurationSeconds: 43_200 }),
    );
    expect(long.Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });

  it('answers ExpiredToken once the simulated clock passes the expiry, on DMS, CloudWatch and STS; a fresh AssumeRole works again', async () => {
    const harness = await rehearsal();
    const session = await sts(harness).send(new AssumeRoleCommand({ RoleArn: ROLE_A, RoleSessionName: 'operator', DurationSeconds: 900 }));
    const credentials = {
      accessKeyId: session.Credentials!.AccessKeyId!,
      secretAccessKey: session.Credentials!.SecretAccessKey!,
      sessionToken: session.Credentials!.SessionToken!,
    };
    const { dms, cloudwatch } = clientsWith(harness, async () => credentials);
    await dms.send(new DescribeReplicationInstancesCommand({}));
    harness.clock.advance(901_000);

    const expired = 'The security token included in the request is expired';
    expect(await dms.send(new DescribeReplicationInstancesCommand({})).catch((caught: unknown) => caught)).toMatchObject({
      name: 'ExpiredTokenException',
      message: expired,
      $metadata: { httpStatusCode: 400 },
    });
    const metrics = { MetricDataQueries: [], StartTime: new Date(harness.clock.now() - 600_000), EndTime: new Date(harness.clock.now()) };
    expect(await cloudwatch.send(new GetMetricDataCommand(metrics)).catch((caught: unknown) => caught)).toMatchObject({
      name: 'ExpiredToken',
      message: expired,
    });
    expect(
      await sts(harness, credentials)
        .send(new GetCallerIdentityCommand({}))
        .catch((caught: unknown) => caught),
    ).toMatchObject({
      name: 'ExpiredToken',
      $metadata: { httpStatusCode: 403 },
    });

    const fresh = await sts(harness).send(new AssumeRoleCommand({ RoleArn: ROLE_A, RoleSessionName: 'operator' }));
    const renewed = clientsWith(harness, async () => ({
      accessKeyId: fresh.Credentials!.AccessKeyId!,
      secretAccessKey: fresh.Credentials!.SecretAccessKey!,
      sessionToken: fresh.Credentials!.SessionToken!,
    }));
    const instances = await renewed.dms.send(new DescribeReplicationInstancesCommand({}));
    expect(instances.ReplicationInstances?.[0]?.ReplicationInstanceArn).toContain(`:${WORKLOAD_A}:`);
  });

  it('refuses a session key with a token it did not issue', async () => {
    const harness = await rehearsal();
    const session = await sts(harness).send(new AssumeRoleCommand({ RoleArn: ROLE_A, RoleSessionName: 'operator' }));
    const forged = { accessKeyId: session.Credentials!.AccessKeyId!, secretAccessKey: 'x', sessionToken: 'not-the-token' };
    expect(
      await sts(harness, forged)
        .send(new GetCallerIdentityCommand({}))
        .catch((caught: unknown) => caught),
    ).toMatchObject({
      name: 'InvalidClientTokenId',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('speaks awsQuery on the wire: STS namespace, AssumeRoleResult, Sender errors', async () => {
    const harness = await rehearsal();
    const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
    const ok = await rawCall(harness.aws, form, `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(ROLE_A)}&RoleSessionName=operator`);
    expect(ok.status).toBe(200);
    expect(ok.text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<AssumeRoleResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/"><AssumeRoleResult><Credentials><AccessKeyId>ASIA/,
    );
    expect(ok.text).toContain(`<AssumedRoleUser><AssumedRoleId>AROA`);
    const denied = await rawCall(harness.aws, form, `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(ROLE_B)}&RoleSessionName=operator`);
    expect(denied.status).toBe(403);
    expect(denied.text).toMatch(
      /<ErrorResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>AccessDenied<\/Code><Message>User: .*MigrationDeployer<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
  });
});

describe('accounts', () => {
  it("keeps each account's DMS resources to itself; ARNs carry the owning account", async () => {
    const harness = await rehearsal();
    const inA = clientsWith(harness, assumed(harness, { RoleArn: ROLE_A }));
    const inB = clientsWith(harness, assumed(harness, { RoleArn: ROLE_B, ExternalId: EXTERNAL_ID_B }));

    const created = await inA.dms.send(new CreateEndpointCommand(endpointInput('orders-target')));
    expect(created.Endpoint?.EndpointArn).toMatch(new RegExp(`^arn:aws:dms:${REGION}:${WORKLOAD_A}:endpoint:`));
    const byId = { Filters: [{ Name: 'endpoint-id', Values: ['orders-target'] }] };
    expect((await inA.dms.send(new DescribeEndpointsCommand(byId))).Endpoints?.map((endpoint) => endpoint.EndpointArn)).toEqual([
      created.Endpoint?.EndpointArn,
    ]);
    await expect(inB.dms.send(new DescribeEndpointsCommand(byId))).rejects.toThrow(ResourceNotFoundFault);
    await expect(harness.dms.send(new DescribeEndpointsCommand(byId))).rejects.toThrow(ResourceNotFoundFault);

    // The scenario's task lives in the sign-in (source) account only; B may create an endpoint of the same name.
    expect((await harness.dms.send(new DescribeReplicationTasksCommand({}))).ReplicationTasks?.[0]?.ReplicationTaskArn).toContain(`:${SOURCE}:`);
    await expect(inA.dms.send(new DescribeReplicationTasksCommand({}))).rejects.toThrow(ResourceNotFoundFault);
    const sameName = await inB.dms.send(new CreateEndpointCommand(endpointInput('orders-target')));
    expect(sameName.Endpoint?.EndpointArn).toContain(`:${WORKLOAD_B}:`);
  });

  it("reads CloudWatch metrics of the caller's account only", async () => {
    const harness = await rehearsal();
    harness.advance(120);
    const task = harness.aws.simulation.task('app1-mysql')!;
    const query = {
      MetricDataQueries: [
        {
          Id: 'rows',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/DMS',
              MetricName: 'FullLoadThroughputRowsTarget',
              Dimensions: [
                { Name: 'ReplicationInstanceIdentifier', Value: task.identity.instanceId },
                { Name: 'ReplicationTaskIdentifier', Value: task.identity.resourceId },
              ],
            },
            Period: 60,
            Stat: 'Average',
          },
        },
      ],
      StartTime: new Date(harness.clock.now() - 600_000),
      EndTime: new Date(harness.clock.now()),
    };
    const inSource = await harness.cloudwatch.send(new GetMetricDataCommand(query));
    expect(inSource.MetricDataResults?.[0]?.Values?.length).toBeGreaterThan(0);
    const inA = await clientsWith(harness, assumed(harness, { RoleArn: ROLE_A })).cloudwatch.send(new GetMetricDataCommand(query));
    expect(inA.MetricDataResults?.[0]?.Values).toEqual([]);
  });

  it('adds, lists and removes assumable roles through the admin API, never showing an external id', async () => {
    const harness = await rehearsal();
    const admin = (path: string, init?: RequestInit) => fetch(`${harness.aws.url}/_admin/${path}`, init);
    const roleC = { accountId: '333333333333', roleName: 'NetworkOperator', externalId: 'network-secret-id' };
    const post = await admin('accounts/roles', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(roleC) });
    expect(post.status).toBe(201);
    const view = await (await admin('accounts')).text();
    expect(view).not.toContain('network-secret-id');
    expect(JSON.parse(view)).toMatchObject({
      sourceAccountId: SOURCE,
      accountIds: [SOURCE, WORKLOAD_A, WORKLOAD_B, '333333333333'],
      roles: expect.arrayContaining([
        {
          arn: 'arn:aws:iam::333333333333:role/NetworkOperator',
          accountId: '333333333333',
          roleName: 'NetworkOperator',
          externalIdRequired: true,
          maxSessionSeconds: 3600,
          liveSessions: 0,
        },
      ]),
    });
    const inC = await sts(harness, assumed(harness, { RoleArn: 'arn:aws:iam::333333333333:role/NetworkOperator', ExternalId: 'network-secret-id' })).send(
      new GetCallerIdentityCommand({}),
    );
    expect(inC.Account).toBe('333333333333');

    const bad = await admin('accounts/roles', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: '12', roleName: 'x' }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ message: 'accountId: expected a 12-digit AWS account id' });

    const credentialsOfA = await assumed(harness, { RoleArn: ROLE_A })();
    const sessionOfA = () => Promise.resolve(credentialsOfA);
    expect((await sts(harness, sessionOfA).send(new GetCallerIdentityCommand({}))).Account).toBe(WORKLOAD_A);
    const removed = await admin(`accounts/roles?arn=${encodeURIComponent(ROLE_A)}`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    await expect(sts(harness).send(new AssumeRoleCommand({ RoleArn: ROLE_A, RoleSessionName: 'operator' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    // A session of the removed role still signs, and is allowed nothing but GetCallerIdentity (as a deleted role's
    // sessions on AWS: that call needs no permission).
    expect((await sts(harness, sessionOfA).send(new GetCallerIdentityCommand({}))).Account).toBe(WORKLOAD_A);
    await expect(clientsWith(harness, sessionOfA).dms.send(new DescribeReplicationTasksCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    expect((await admin(`accounts/roles?arn=${encodeURIComponent(ROLE_A)}`, { method: 'DELETE' })).status).toBe(404);
  });

  it("puts a scenario task whose account is another's in that account's estate only", async () => {
    const harness = await start(
      {
        name: 'placed tasks',
        tasks: [
          { id: 'home-mysql', tables: { count: 2 } },
          { id: 'away-mysql', account: WORKLOAD_A, tables: { count: 2 } },
        ],
      },
      { roles: ROLES },
    );
    const tasks = async (query: string) =>
      ((await (await fetch(`${harness.aws.url}/_admin/dms/tasks${query}`)).json()) as { items: Array<{ id: string; arn: string }> }).items;
    expect((await tasks('')).map((task) => task.id)).toEqual(['home-mysql']);
    expect((await tasks(`?account=${WORKLOAD_A}`)).map((task) => [task.id, task.arn.split(':')[4]])).toEqual([['away-mysql', WORKLOAD_A]]);
    expect(await tasks(`?account=${WORKLOAD_B}`)).toEqual([]);
    // And only A's session sees it.
    const inA = clientsWith(harness, assumed(harness, { RoleArn: ROLE_A }));
    expect((await inA.dms.send(new DescribeReplicationTasksCommand({}))).ReplicationTasks?.map((task) => task.ReplicationTaskIdentifier)).toEqual([
      'away-mysql',
    ]);
  });

  it("acts on another account's estate with ?account= on the track admin routes and track faults", async () => {
    const harness = await rehearsal();
    const inA = clientsWith(harness, assumed(harness, { RoleArn: ROLE_A }));
    const instance = (await inA.dms.send(new DescribeReplicationInstancesCommand({}))).ReplicationInstances![0]!.ReplicationInstanceArn!;
    const endpoint = async (type: 'source' | 'target') =>
      (await inA.dms.send(new CreateEndpointCommand({ ...endpointInput(`orders-${type}`), EndpointType: type }))).Endpoint!.EndpointArn!;
    await inA.dms.send(
      new CreateReplicationTaskCommand({
        ReplicationTaskIdentifier: 'orders-full-load-cdc',
        SourceEndpointArn: await endpoint('source'),
        TargetEndpointArn: await endpoint('target'),
        ReplicationInstanceArn: instance,
        MigrationType: 'full-load-and-cdc',
        TableMappings: JSON.stringify({
          rules: [
            {
              'rule-type': 'selection',
              'rule-id': '1',
              'rule-name': 'all',
              'object-locator': { 'schema-name': 'orders', 'table-name': '%' },
              'rule-action': 'include',
            },
          ],
        }),
      }),
    );
    const tasks = async (query: string) =>
      ((await (await fetch(`${harness.aws.url}/_admin/dms/tasks${query}`)).json()) as { items: Array<{ id: string; arn: string }> }).items;
    expect((await tasks(`?account=${WORKLOAD_A}`)).map((task) => task.id)).toEqual(['orders-full-load-cdc']);
    expect((await tasks(`?account=${WORKLOAD_A}`))[0]?.arn).toContain(`:${WORKLOAD_A}:task:`);
    expect((await tasks('')).map((task) => task.id)).toEqual(['app1-mysql']);
    expect(await tasks(`?account=${WORKLOAD_B}`)).toEqual([]);

    const fault = { type: 'task-failure', task: 'orders-full-load-cdc', atPercent: 50 };
    const injected = await fetch(`${harness.aws.url}/_admin/faults?account=${WORKLOAD_A}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });
    expect(injected.status).toBe(201);
    expect(JSON.stringify(await injected.json())).toContain('orders-full-load-cdc');
    expect(JSON.stringify(await (await fetch(`${harness.aws.url}/_admin/faults`)).json())).not.toContain('orders-full-load-cdc');

    const unknown = await fetch(`${harness.aws.url}/_admin/dms/tasks?account=999999999999`);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ message: `account 999999999999 is not simulated; accounts: ${SOURCE}, ${WORKLOAD_A}, ${WORKLOAD_B}` });
  });
});
