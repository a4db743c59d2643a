// Accounts with the real engine: each stack of a plan with accounts acts in its own account through its role (the
// rehearsal's STS, several simulated accounts), and a deploy whose role lands in another account than the stack's
// allowed one is refused before it changes anything (aws:allowedAccountIds, as the AWS provider does).
import { DatabaseMigrationServiceClient, DescribeReplicationTasksCommand } from '@aws-sdk/client-database-migration-service';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStack } from '../../main/pulumi/workspace';
import { stackOperation } from '../../main/pulumi/stack-operations';
import { defineScenario, startAwsRehearsal, type AwsRehearsal } from '../../rehearsal/aws-rehearsal';
import { OPERATION_TIMEOUT as TIMEOUT, startHarness, type Harness } from './harness';

const A = '111111111111';
const B = '222222222222';
const EXTERNAL_ID_B = 'canary-external-id-b-5d1e';
const REGION = 'eu-central-1';

const PLAN = `version: 1
name: Two accounts
environment:
  aws: { region: ${REGION}, endpoint: rehearsal }
  pulumi: { passphraseEnv: MIGRATION_PULUMI_PASSPHRASE }
accounts:
  - id: "${A}"
    name: workloads-a
    organizationalUnit: Workloads/Production
    role: { arn: "arn:aws:iam::${A}:role/MigrationOperator" }
    regions: [${REGION}]
  - id: "${B}"
    name: workloads-b
    organizationalUnit: Workloads/SDLC
    role: { arn: "arn:aws:iam::${B}:role/MigrationOperator", externalIdEnv: MC_IT_EXTERNAL_ID_B }
    regions: [${REGION}]
projects:
  - name: platform-a
    account: workloads-a
    program: app-instance
  - name: platform-b
    account: workloads-b
    program: app-instance
stacks:
  - name: app8001
    project: platform-a
    config: { sourceDatabaseHost: app8001-db.dc2.example.internal }
    replicationTasks:
      - taskId: app8001-mysql-full-load-cdc
  - name: app8002
    project: platform-b
    config: { sourceDatabaseHost: app8002-db.dc2.example.internal }
    replicationTasks:
      - taskId: app8002-mysql-full-load-cdc
waves:
  - id: wave-1
    name: One
    stacks: [app8001, app8002]
`;

let aws: AwsRehearsal | undefined;
let harness: Harness | undefined;
let skipReason = '';

beforeAll(async () => {
  aws = await startAwsRehearsal({
    scenario: defineScenario({ name: 'two-accounts', instances: [{ id: 'network-dms' }] }),
    timeScale: 60,
    roles: [
      { accountId: A, roleName: 'MigrationOperator' },
      { accountId: B, roleName: 'MigrationOperator', externalId: EXTERNAL_ID_B },
    ],
  });
  const started = await startHarness(PLAN, { awsUrl: aws.url, env: { MC_IT_EXTERNAL_ID_B: EXTERNAL_ID_B } });
  if (typeof started === 'string') skipReason = started;
  else harness = started;
}, TIMEOUT);

afterAll(async () => {
  await harness?.close();
  await aws?.close();
});

/** The replication task ids an account's session sees (null: the sign-in account's). */
async function taskIdsIn(accountId: string | null): Promise<string[]> {
  const signIn = { accessKeyId: 'rehearsal', secretAccessKey: 'rehearsal' };
  const credentials =
    accountId === null
      ? signIn
      : fromTemporaryCredentials({
          params: {
            RoleArn: `arn:aws:iam::${accountId}:role/MigrationOperator`,
            RoleSessionName: 'it-check',
            ...(accountId === B ? { ExternalId: EXTERNAL_ID_B } : {}),
          },
          masterCredentials: signIn,
          clientConfig: { endpoint: aws!.url, region: REGION },
        });
  const dms = new DatabaseMigrationServiceClient({ endpoint: aws!.url, region: REGION, credentials });
  try {
    const answer = await dms.send(new DescribeReplicationTasksCommand({}));
    return (answer.ReplicationTasks ?? []).map((task) => task.ReplicationTaskIdentifier!).sort();
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundFault') return [];
    throw error;
  }
}

describe('accounts: each stack acts in its own account', () => {
  it(
    "creates each stack's replication in its account, invisible from the others",
    async ({ skip }) => {
      const h = harness ?? skip(skipReason);
      for (const stackId of ['platform-a/app8001', 'platform-b/app8002']) {
        const up = await h.runner.waitFor(h.runner.start(stackId, stackOperation('up')).operationId);
        expect(up, up.message ?? '').toMatchObject({ status: 'succeeded' });
      }
      expect(await taskIdsIn(A)).toEqual(['app8001-mysql-full-load-cdc']);
      expect(await taskIdsIn(B)).toEqual(['app8002-mysql-full-load-cdc']);
      expect(await taskIdsIn(null)).toEqual([]);
      // The external id went to the engine as a secret: nowhere in the journal or the published events.
      expect(JSON.stringify(h.events)).not.toContain(EXTERNAL_ID_B);
      expect(JSON.stringify(await h.journal.read())).not.toContain(EXTERNAL_ID_B);
    },
    TIMEOUT,
  );

  it(
    'refuses a deploy whose role lands in another account than the allowed one, before any change',
    async ({ skip }) => {
      const h = harness ?? skip(skipReason);
      // A stack config pointed at account B's role while the stack may act only in A (a hand-edited workspace, a
      // wrong profile): the engine's update must fail before creating anything anywhere.
      h.setPlan(PLAN.replace('app8001-mysql-full-load-cdc', 'app8003-mysql-full-load-cdc').replace(/app8001/g, 'app8003'));
      const stack = await openStack(h.context(), 'platform-a/app8003');
      await stack.setConfig('aws:assumeRoles', {
        value: JSON.stringify([{ roleArn: `arn:aws:iam::${B}:role/MigrationOperator`, sessionName: 'it', externalId: EXTERNAL_ID_B }]),
        secret: true,
      });
      const failure = await stack.up({ onOutput: () => {} }).then(
        () => null,
        (error: unknown) => String(error),
      );
      expect(failure).toMatch(new RegExp(`refusing to act in account ${B} .*this stack may act only in ${A} \\(aws:allowedAccountIds\\); nothing was changed`));
      expect(await taskIdsIn(A)).toEqual(['app8001-mysql-full-load-cdc']);
      expect(await taskIdsIn(B)).toEqual(['app8002-mysql-full-load-cdc']);
    },
    TIMEOUT,
  );
});
