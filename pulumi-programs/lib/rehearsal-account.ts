// The rehearsal programs' account guard, one copy for every dynamic provider that acts in the rehearsal (DMS
// replication, the Keyspaces resources): in a plan with accounts the core writes the stack's role and allowed
// accounts (aws:assumeRoles, aws:allowedAccountIds, for the AWS provider); a rehearsal provider assumes the role
// through the rehearsal's STS and refuses to act unless the session's account is an allowed one, before it changes
// anything, as the AWS provider does.
//
// Providers are serialized into the stack's state and run later in the provider plugin process, whose working
// folder has no node_modules: the STS client is loaded by the absolute path resolved here, when the program runs,
// and the functions capture nothing else but plain values.

export interface RehearsalAccountGuard {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly externalId?: string;
  readonly allowedAccountIds: readonly string[];
}

// Resolved when the program runs (CommonJS), captured by value into the serialized providers.
const STS_SDK_PATH = require.resolve('@aws-sdk/client-sts');

interface StsApi {
  assumeRole(input: object): Promise<{ Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } }>;
  getCallerIdentity(input: object): Promise<{ Account?: string; Arn?: string }>;
}

/** The rehearsal's sign-in keys: its STS answers for them as the operator's sign-in identity. */
export const REHEARSAL_SIGN_IN = { accessKeyId: 'rehearsal', secretAccessKey: 'rehearsal' };

/** The account's session: its role assumed, then the session's account checked against the allowed ones. */
export async function rehearsalAccountSession(
  place: { readonly endpoint: string; readonly region: string },
  guard: RehearsalAccountGuard,
): Promise<{ credentials: object; accountId: string }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by absolute path in the provider process
  const sdk = require(STS_SDK_PATH) as { STS: new (config: object) => StsApi };
  const sts = (credentials: object) => new sdk.STS({ endpoint: place.endpoint, region: place.region, credentials, maxAttempts: 3 });
  const assumed = await sts(REHEARSAL_SIGN_IN).assumeRole({
    RoleArn: guard.roleArn,
    RoleSessionName: guard.sessionName,
    DurationSeconds: 900,
    ...(guard.externalId ? { ExternalId: guard.externalId } : {}),
  });
  const { AccessKeyId, SecretAccessKey, SessionToken } = assumed.Credentials ?? {};
  if (!AccessKeyId || !SecretAccessKey) throw new Error(`AssumeRole ${guard.roleArn} answered without credentials`);
  const credentials = { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, ...(SessionToken ? { sessionToken: SessionToken } : {}) };
  const caller = await sts(credentials).getCallerIdentity({});
  if (!caller.Account || !guard.allowedAccountIds.includes(caller.Account)) {
    throw new Error(
      `refusing to act in account ${caller.Account ?? '(unknown)'} (${caller.Arn ?? 'no caller ARN'}): this stack may act only in ${guard.allowedAccountIds.join(', ')} (aws:allowedAccountIds); nothing was changed`,
    );
  }
  return { credentials, accountId: caller.Account };
}

/**
 * The SDK client config of the stack's session at the rehearsal endpoint and its account: the account guard's
 * session when the stack has one, else the rehearsal's sign-in, whose account STS names.
 */
export async function rehearsalSdkSession(place: {
  readonly endpoint: string;
  readonly region: string;
  readonly account?: RehearsalAccountGuard;
}): Promise<{ config: object; accountId: string }> {
  let credentials: object = REHEARSAL_SIGN_IN;
  let accountId: string | undefined;
  if (place.account) ({ credentials, accountId } = await rehearsalAccountSession(place, place.account));
  const config = { endpoint: place.endpoint, region: place.region, credentials, maxAttempts: 5 };
  if (accountId === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by absolute path in the provider process
    const sts = require(STS_SDK_PATH) as { STS: new (config: object) => StsApi };
    accountId = (await new sts.STS(config).getCallerIdentity({})).Account;
    if (!accountId) throw new Error(`GetCallerIdentity at ${place.endpoint} answered without an account`);
  }
  return { config, accountId };
}
