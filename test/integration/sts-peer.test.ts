// The credential flow an operator's sign-in takes per account (AssumeRole with the sign-in keys, then
// GetCallerIdentity with the session) against moto's STS, an independent AWS peer, and against the rehearsal's: both
// must answer in the same shape, through the same real SDK clients, so the rehearsal's STS is not just self-consistent.
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, type AssumeRoleCommandOutput, type GetCallerIdentityCommandOutput } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsRehearsal, defineScenario, ManualClock, type AwsRehearsal } from '../../rehearsal/aws-rehearsal';
import { startMotoServer, type MotoServer } from '../support/moto';

const REGION = 'eu-central-1';
const SIGN_IN = { accessKeyId: 'AKIAREHEARSAL0000000', secretAccessKey: 'peer-secret-not-checked' };
const WORKLOAD_ACCOUNT = '210987654321';
const ROLE_NAME = 'MigrationDeployer';
const ROLE_ARN = `arn:aws:iam::${WORKLOAD_ACCOUNT}:role/${ROLE_NAME}`;
const EXTERNAL_ID = 'peer-external-id-42';
const SESSION = 'operator';

let moto: MotoServer | undefined;
let skipReason = '';
let rehearsal: AwsRehearsal;

beforeAll(async () => {
  rehearsal = await startAwsRehearsal({
    scenario: defineScenario({ name: 'sts peer', tasks: [] }),
    clock: new ManualClock(),
    roles: [{ accountId: WORKLOAD_ACCOUNT, roleName: ROLE_NAME, externalId: EXTERNAL_ID }],
  });
  const started = await startMotoServer();
  if (typeof started === 'string') skipReason = started;
  else moto = started;
});

afterAll(async () => {
  await moto?.close();
  await rehearsal?.close();
});

interface Flow {
  readonly assumed: AssumeRoleCommandOutput;
  readonly identity: GetCallerIdentityCommandOutput;
}

/** AssumeRole with the sign-in keys, then GetCallerIdentity with the session it returned. */
async function credentialFlow(endpoint: string): Promise<Flow> {
  const signIn = new STSClient({ endpoint, region: REGION, credentials: SIGN_IN, maxAttempts: 1 });
  try {
    const assumed = await signIn.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: SESSION, ExternalId: EXTERNAL_ID, DurationSeconds: 900 }));
    const { AccessKeyId, SecretAccessKey, SessionToken } = assumed.Credentials!;
    const session = new STSClient({
      endpoint,
      region: REGION,
      credentials: { accessKeyId: AccessKeyId!, secretAccessKey: SecretAccessKey!, sessionToken: SessionToken! },
      maxAttempts: 1,
    });
    try {
      return { assumed, identity: await session.send(new GetCallerIdentityCommand({})) };
    } finally {
      session.destroy();
    }
  } finally {
    signIn.destroy();
  }
}

/** What both peers must agree on, with the values that differ by nature (keys, ids, times) reduced to their form. */
function shape({ assumed, identity }: Flow) {
  return {
    accessKeyId: /^ASIA[A-Z0-9]{16}$/.test(assumed.Credentials?.AccessKeyId ?? ''),
    secretAndToken: Boolean(assumed.Credentials?.SecretAccessKey && assumed.Credentials.SessionToken),
    expiration: assumed.Credentials?.Expiration instanceof Date,
    assumedRoleArn: assumed.AssumedRoleUser?.Arn,
    assumedRoleId: assumed.AssumedRoleUser?.AssumedRoleId?.replace(/^AROA[A-Z0-9]+:/, 'AROA…:'),
    account: identity.Account,
    arn: identity.Arn,
    userId: identity.UserId?.replace(/^AROA[A-Z0-9]+:/, 'AROA…:'),
  };
}

describe("the per-account credential flow, moto's STS and the rehearsal's", () => {
  it('answers AssumeRole then GetCallerIdentity in the same shape: the account of the role ARN, arn:aws:sts::<account>:assumed-role/<role>/<session>', async ({
    skip,
  }) => {
    if (!moto) skip(skipReason);
    const expected = {
      accessKeyId: true,
      secretAndToken: true,
      expiration: true,
      assumedRoleArn: `arn:aws:sts::${WORKLOAD_ACCOUNT}:assumed-role/${ROLE_NAME}/${SESSION}`,
      assumedRoleId: `AROA…:${SESSION}`,
      account: WORKLOAD_ACCOUNT,
      arn: `arn:aws:sts::${WORKLOAD_ACCOUNT}:assumed-role/${ROLE_NAME}/${SESSION}`,
      userId: `AROA…:${SESSION}`,
    };
    const [atMoto, atRehearsal] = [await credentialFlow(moto!.url), await credentialFlow(rehearsal.url)];
    expect(shape(atMoto)).toEqual(expected);
    expect(shape(atRehearsal)).toEqual(expected);
    // The role keeps its unique id (AROA...) from session to session, as IAM's does.
    expect((await credentialFlow(rehearsal.url)).identity.UserId).toBe(atRehearsal.identity.UserId);
  });
});
