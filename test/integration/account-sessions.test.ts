// Sessions per account against the rehearsal's STS through the real SDK: two workload accounts assumed from one
// sign-in, the operator as the session name, the external id read from its variable, a denied role that leaves the
// other account working, and sessions renewed when the simulated clock brings them near (or past) their expiry.
import { DescribeReplicationInstancesCommand, DatabaseMigrationServiceClient } from '@aws-sdk/client-database-migration-service';
import { describe, expect, it } from 'vitest';
import { AccountSession, AccountSessionError, accountSessions, sessionCallerIdentity } from '../../main/aws/account-sessions';
import { roleSessionName } from '../../main/aws/session-name';
import { awsTargetIn, sdkClientConfig, type AwsTarget } from '../../main/aws/target';
import type { AccountEntry } from '../../main/plan/schema';
import { REGION, useRehearsal, type Harness } from '../../rehearsal/test-support';

const WORKLOAD_A = '111111111111';
const WORKLOAD_B = '222222222222';
const EXTERNAL_ID = 'cockpit-external-id-b7';
const OPERATOR = 'ops user@build-host:01';

const account = (name: string, id: string, externalIdEnv?: string): AccountEntry => ({
  id,
  name,
  organizationalUnit: 'Workloads/Production',
  role: { arn: `arn:aws:iam::${id}:role/MigrationDeployer`, ...(externalIdEnv ? { externalIdEnv } : {}) },
  regions: [REGION, 'eu-west-1'],
  production: false,
});
const WORKLOAD_ACCOUNTS = [account('workload-a', WORKLOAD_A), account('workload-b', WORKLOAD_B, 'WORKLOAD_B_EXTERNAL_ID')];

const start = useRehearsal();

async function rehearsal(
  roles = [
    { accountId: WORKLOAD_A, roleName: 'MigrationDeployer' },
    { accountId: WORKLOAD_B, roleName: 'MigrationDeployer', externalId: EXTERNAL_ID },
  ],
): Promise<{ harness: Harness; target: AwsTarget }> {
  const harness = await start({ name: 'two workload accounts', tasks: [{ id: 'app1-mysql', tables: { count: 1 } }] }, { roles });
  return { harness, target: { region: REGION, endpoint: harness.aws.url, rehearsal: true, label: 'rehearsal' } };
}

const signal = () => AbortSignal.timeout(10_000);

describe('account sessions', () => {
  it('names the session after the operator, within what STS allows', () => {
    expect(roleSessionName('ops user@build-host:01')).toBe('ops-user@build-host-01');
    expect(roleSessionName('x')).toBe('migration-cockpit-x');
    expect(roleSessionName('a'.repeat(80))).toHaveLength(64);
    expect(roleSessionName('élise@hôte')).toMatch(/^[\w+=,.@-]{2,64}$/);
  });

  it('assumes each account role from one sign-in, with the operator as the session name and the external id from its variable', async () => {
    const { harness, target } = await rehearsal();
    const secrets: (string | undefined)[] = [];
    const sessions = accountSessions(WORKLOAD_ACCOUNTS, {
      target,
      operator: OPERATOR,
      env: { WORKLOAD_B_EXTERNAL_ID: EXTERNAL_ID },
      now: () => harness.clock.now(),
      onSecrets: (...values) => secrets.push(...values),
    });
    const inA = await sessionCallerIdentity(sessions.get('workload-a')!, target, signal());
    const inB = await sessionCallerIdentity(sessions.get('workload-b')!, target, signal());
    expect(inA).toMatchObject({ accountId: WORKLOAD_A, arn: `arn:aws:sts::${WORKLOAD_A}:assumed-role/MigrationDeployer/ops-user@build-host-01` });
    expect(inB).toMatchObject({ accountId: WORKLOAD_B, arn: `arn:aws:sts::${WORKLOAD_B}:assumed-role/MigrationDeployer/ops-user@build-host-01` });
    expect(Date.parse(inA.expiresAt!)).toBe(harness.clock.now() + 3600_000);
    // Each session's secret key and token went to the redactor's hook: two per session.
    expect(secrets.filter(Boolean)).toHaveLength(4);
    expect(harness.aws.accounts.sessionCounts(harness.clock.now()).size).toBe(2);

    // A stack's target in an account: its region, its session; SDK clients made from it act in that account.
    const placed = awsTargetIn(target, { account: WORKLOAD_ACCOUNTS[1]!, region: 'eu-west-1' }, sessions);
    expect(placed).toMatchObject({ region: 'eu-west-1', label: 'rehearsal workload-b' });
    const dms = new DatabaseMigrationServiceClient(sdkClientConfig(placed));
    try {
      const { ReplicationInstances } = await dms.send(new DescribeReplicationInstancesCommand({}));
      expect(ReplicationInstances?.map((instance) => instance.ReplicationInstanceArn?.split(':')[4])).toEqual([WORKLOAD_B]);
    } finally {
      dms.destroy();
    }
    // Without accounts, the plan's target as it is.
    expect(awsTargetIn(target, { account: null, region: REGION }, sessions)).toBe(target);
  });

  it('shows a denied role on its account only: the other account keeps working', async () => {
    const { harness, target } = await rehearsal([{ accountId: WORKLOAD_A, roleName: 'MigrationDeployer' }]);
    const sessions = accountSessions(WORKLOAD_ACCOUNTS, {
      target,
      operator: OPERATOR,
      env: { WORKLOAD_B_EXTERNAL_ID: EXTERNAL_ID },
      now: () => harness.clock.now(),
    });
    const [inA, inB] = await Promise.allSettled([
      sessionCallerIdentity(sessions.get('workload-a')!, target, signal()),
      sessionCallerIdentity(sessions.get('workload-b')!, target, signal()),
    ]);
    expect(inA).toMatchObject({ status: 'fulfilled', value: { accountId: WORKLOAD_A } });
    expect(inB).toMatchObject({ status: 'rejected', reason: { name: 'AccessDenied' } });
  });

  it('refuses to assume a role whose external id variable is not set, and is denied with a wrong one', async () => {
    const { harness, target } = await rehearsal();
    const env: NodeJS.ProcessEnv = {};
    const session = new AccountSession({
      account: WORKLOAD_ACCOUNTS[1]!,
      target,
      signIn: { accessKeyId: 'rehearsal', secretAccessKey: 'rehearsal' },
      operator: OPERATOR,
      env,
      now: () => harness.clock.now(),
    });
    const missing = await sessionCallerIdentity(session, target, signal()).catch((caught: unknown) => caught);
    expect(missing).toBeInstanceOf(AccountSessionError);
    expect((missing as Error).message).toBe(
      "the external id of account 'workload-b' is read from the environment variable WORKLOAD_B_EXTERNAL_ID, which is not set: set it and check again",
    );
    env.WORKLOAD_B_EXTERNAL_ID = 'not-the-external-id';
    expect(await sessionCallerIdentity(session, target, signal()).catch((caught: unknown) => caught)).toMatchObject({ name: 'AccessDenied' });
    // Read at use: setting the variable is enough, no new session object.
    env.WORKLOAD_B_EXTERNAL_ID = EXTERNAL_ID;
    expect(await sessionCallerIdentity(session, target, signal())).toMatchObject({ accountId: WORKLOAD_B });
  });

  it('assumes the role again when the session nears its expiry on the simulated clock', async () => {
    const { harness, target } = await rehearsal();
    const session = accountSessions(WORKLOAD_ACCOUNTS, { target, operator: OPERATOR, now: () => harness.clock.now() }).get('workload-a')!;
    const first = await session.current();
    expect(await session.current()).toBe(first);
    harness.clock.advance(3600_000 - 4 * 60_000);
    const second = await session.current();
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    harness.clock.advance(4 * 60_000 + 1000);
    // The first session has expired at STS; the second is still live and in use.
    expect(await sessionCallerIdentity(session, target, signal())).toMatchObject({ accountId: WORKLOAD_A });
    expect((await session.current()).accessKeyId).toBe(second.accessKeyId);
  });

  it('renews a session STS says has expired, even when its own clock thought it live', async () => {
    const { harness, target } = await rehearsal();
    // A session whose clock stands still (a skewed machine clock): only STS's answer tells it the session expired.
    const stopped = harness.clock.now();
    const session = accountSessions(WORKLOAD_ACCOUNTS, { target, operator: OPERATOR, now: () => stopped }).get('workload-a')!;
    const first = await session.current();
    harness.clock.advance(3601_000);
    const identity = await sessionCallerIdentity(session, target, signal());
    expect(identity).toMatchObject({ accountId: WORKLOAD_A });
    expect((await session.current()).accessKeyId).not.toBe(first.accessKeyId);
    expect(Date.parse(identity.expiresAt!)).toBe(harness.clock.now() + 3600_000);
  });
});
