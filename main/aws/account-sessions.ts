// Credentials per account: one sign-in (the plan's profile through the SDK's standard chain, or the rehearsal's
// static keys), then one assumed-role session per account the plan declares (STS AssumeRole with the account's role,
// the operator as the session name, the external id read from its variable when the session is assumed).
//
// Refresh is explicit here. The SDK's `fromTemporaryCredentials` (@aws-sdk/credential-providers,
// fromTemporaryCredentials.base.js) calls AssumeRole on every call and memoizes nothing; the memoizing is done by each
// SDK client (@smithy/core memoizeIdentityProvider: refresh when less than EXPIRATION_MS = 5 minutes remain, on
// Date.now()). A session here keeps its credentials and assumes the role again when less than `REFRESH_MARGIN_MS`
// remain on its own clock (the rehearsal's simulated clock in the rehearsal, where Date.now() says nothing about
// expiry), and at once when STS answers that they expired (`renew`, e.g. after clock skew or a revoked session).
// Its provider is marked `memoized`, so a client asks it at every request (@aws-sdk/core resolveAwsSdkSigV4Config
// wraps only providers without the mark): renewal follows the next use on the session's clock, with no timer, and a
// renewed session reaches every client at once.
import { roleSessionName } from './session-name';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { AccountEntry } from '../plan/schema';
import { REHEARSAL_KEYS, type AwsTarget } from './target';

/** Assume again when less than this is left: the SDK clients' own margin (EXPIRATION_MS). */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** One hour: within every role's MaxSessionDuration and the limit of role chaining (an SSO sign-in is a role). */
export const SESSION_SECONDS = 3600;

/** The sign-in every session is assumed from: the rehearsal's static keys, else the standard chain with the plan's profile. */
export function signInCredentials(target: AwsTarget): AwsCredentialIdentity | AwsCredentialIdentityProvider {
  if (target.rehearsal) return REHEARSAL_KEYS;
  return fromNodeProviderChain({ ...(target.profile ? { profile: target.profile } : {}), clientConfig: { region: target.region } });
}

/** A session that cannot be assumed for a reason the operator fixes outside AWS (a missing external id). */
export class AccountSessionError extends Error {
  override readonly name = 'AccountSessionError';
}

export interface AccountSessionOptions {
  readonly account: AccountEntry;
  /** Where STS is: the target's region and endpoint (the rehearsal's, an explicit one, or AWS). */
  readonly target: AwsTarget;
  readonly signIn: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** The operator (`user@host`); sanitized into the session name. */
  readonly operator: string;
  /** Where the external id's variable is read, at each assumption (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  readonly durationSeconds?: number;
  /** The clock expiry is judged on (ms): the rehearsal's simulated one there; default Date.now. */
  readonly now?: () => number;
  /** Receives each session's secret key and token, for the redactor; they go nowhere else. */
  readonly onSecrets?: (...values: (string | undefined)[]) => void;
}

/** One account's assumed-role session: `credentials` is the provider every client in that account is given. */
export class AccountSession {
  readonly account: AccountEntry;
  readonly sessionName: string;
  private cached: AwsCredentialIdentity | undefined;
  private pending: Promise<AwsCredentialIdentity> | undefined;

  constructor(private readonly options: AccountSessionOptions) {
    this.account = options.account;
    // The same session name the stacks' config gives the AWS provider (main/pulumi/account-guard.ts).
    this.sessionName = roleSessionName(options.operator);
  }

  /** The provider for SDK clients in this account: the live session, assumed again before it expires (see the header). */
  readonly credentials: AwsCredentialIdentityProvider = Object.assign(() => this.current(), { memoized: true });

  /** When the session in hand expires (ms on the session's clock), if one is held. */
  get expiresAt(): number | undefined {
    return this.cached?.expiration?.getTime();
  }

  current(): Promise<AwsCredentialIdentity> {
    const expiration = this.cached?.expiration?.getTime();
    if (this.cached && expiration !== undefined && expiration - this.now() > REFRESH_MARGIN_MS) return Promise.resolve(this.cached);
    return this.assume();
  }

  /** Drops the session in hand and assumes the role again: for an answer that says it expired. */
  renew(): Promise<AwsCredentialIdentity> {
    this.cached = undefined;
    return this.assume();
  }

  private assume(): Promise<AwsCredentialIdentity> {
    this.pending ??= this.assumeOnce().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async assumeOnce(): Promise<AwsCredentialIdentity> {
    const { account, target } = this.options;
    const externalId = this.externalId();
    // A provider per assumption, so the external id is the variable's value now; its STS client goes with it.
    const provider = fromTemporaryCredentials({
      params: {
        RoleArn: account.role.arn,
        RoleSessionName: this.sessionName,
        DurationSeconds: this.options.durationSeconds ?? SESSION_SECONDS,
        ...(externalId === undefined ? {} : { ExternalId: externalId }),
      },
      masterCredentials: this.options.signIn,
      clientConfig: { region: target.region, maxAttempts: 1, ...(target.endpoint ? { endpoint: target.endpoint } : {}) },
    });
    const credentials = await provider();
    this.options.onSecrets?.(credentials.secretAccessKey, credentials.sessionToken);
    this.cached = credentials;
    return credentials;
  }

  private externalId(): string | undefined {
    const variable = this.options.account.role.externalIdEnv;
    if (variable === undefined) return undefined;
    const value = (this.options.env ?? process.env)[variable];
    if (!value) {
      throw new AccountSessionError(
        `the external id of account '${this.account.name}' is read from the environment variable ${variable}, which is not set: set it and check again`,
      );
    }
    return value;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}

/** One session per account of the plan, by account name; none without accounts. */
export function accountSessions(
  accounts: readonly AccountEntry[],
  options: Omit<AccountSessionOptions, 'account' | 'signIn'>,
): ReadonlyMap<string, AccountSession> {
  if (accounts.length === 0) return new Map();
  const signIn = signInCredentials(options.target);
  return new Map(accounts.map((account) => [account.name, new AccountSession({ ...options, account, signIn })]));
}

/**
 * The sessions of the loaded plan, shared by everything that calls AWS in its accounts (the environment banner and
 * every track's monitor): one assumed-role session per account, not one per caller. A plan with the same accounts
 * and target keeps its sessions; another plan gets new ones.
 */
export class AccountSessionPool {
  private key = '';
  private sessions: ReadonlyMap<string, AccountSession> = new Map();

  constructor(
    private readonly options: Omit<AccountSessionOptions, 'account' | 'signIn' | 'target' | 'now'> & {
      /** The clock a rehearsal's sessions expire on (its simulated one), once it runs. */
      readonly rehearsalNow?: () => (() => number) | undefined;
    },
  ) {}

  /** The sessions for these accounts at this target (none without accounts). */
  sessionsFor(accounts: readonly AccountEntry[], target: AwsTarget): ReadonlyMap<string, AccountSession> {
    const { credentials: _provider, ...where } = target;
    const key = JSON.stringify({ accounts, where });
    if (key === this.key) return this.sessions;
    const { rehearsalNow, ...options } = this.options;
    const now = target.rehearsal && rehearsalNow ? () => (rehearsalNow() ?? Date.now)() : undefined;
    this.key = key;
    this.sessions = accountSessions(accounts, { ...options, target, ...(now ? { now } : {}) });
    return this.sessions;
  }
}

export interface SessionIdentity {
  readonly accountId: string;
  readonly arn: string;
  readonly userId: string;
  /** When the session's credentials expire (ISO). */
  readonly expiresAt?: string;
}

const EXPIRED_CODES = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);

/** Whether an AWS answer says the credentials expired (a session to renew, not a role refused). */
export function isExpiredAnswer(error: unknown): boolean {
  return error instanceof Error && EXPIRED_CODES.has(error.name);
}

/**
 * GetCallerIdentity with the account's session, in the account's STS (the target's endpoint and the given region).
 * An answer that the session expired renews it once and asks again.
 */
export async function sessionCallerIdentity(session: AccountSession, target: AwsTarget, signal: AbortSignal): Promise<SessionIdentity> {
  const ask = async (credentials: AwsCredentialIdentity): Promise<SessionIdentity> => {
    const client = new STSClient({ region: target.region, maxAttempts: 1, credentials, ...(target.endpoint ? { endpoint: target.endpoint } : {}) });
    try {
      const out = await client.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
      if (!out.Account || !out.Arn) throw new Error('STS answered GetCallerIdentity without an account or ARN');
      const expiresAt = credentials.expiration?.toISOString();
      return { accountId: out.Account, arn: out.Arn, userId: out.UserId ?? '', ...(expiresAt ? { expiresAt } : {}) };
    } finally {
      client.destroy();
    }
  };
  try {
    return await ask(await session.current());
  } catch (error) {
    if (!isExpiredAnswer(error)) throw error;
    return ask(await session.renew());
  }
}
