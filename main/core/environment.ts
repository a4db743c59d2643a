// Where the cockpit acts and as whom: the environment view behind the banner on every tab. In the rehearsal, the
// simulated AWS (its URL, its account, its clock rate); on AWS, the account, ARN and user id STS GetCallerIdentity
// reports for the credentials the SDK's standard chain resolves with the plan's profile and region, as every track's
// clients do (main/aws/target.ts). The identity is checked when a plan loads, every few minutes, when the
// credentials expire, and on demand; a check that fails says why (expired, refused, no credentials, unreachable).
// Nothing secret leaves here: the view holds account, ARN and user id, and the credentials' secret parts are only
// handed to the redactor.
// With accounts in the plan, each account's assumed-role session (main/aws/account-sessions.ts) is checked the same
// way and on the same schedule, each on its own: a denied or expired account never hides the others.
// One file over 400 lines on purpose: the view, the checks' schedule and the words for a failed check change
// together whenever a way to sign in is added (issue 13 added one per account).
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AccountEnvironment, CockpitEvent, EnvironmentView } from '../api/contract';
import {
  AccountSessionPool,
  AccountSessionError,
  REFRESH_MARGIN_MS,
  sessionCallerIdentity,
  type AccountSession,
  type SessionIdentity,
} from '../aws/account-sessions';
import { awsTargetOf, type AwsTarget } from '../aws/target';
import type { JournalAwsIdentity } from '../journal/entry';
import type { MigrationPlan } from '../plan/model';

/** Where GetCallerIdentity goes: the plan's region, its explicit endpoint (if any) and its named profile. */
export interface IdentityTarget {
  readonly region: string;
  readonly endpoint?: string;
  readonly profile?: string;
}

export interface CallerIdentity {
  readonly accountId: string;
  readonly arn: string;
  readonly userId: string;
  /** When the credentials the identity was checked with expire (ISO), when the credential chain says. */
  readonly expiresAt?: string;
}

/** Looks the caller identity up; the SDK implementation is `stsCallerIdentity`, tests stand in for AWS. */
export type CallerIdentityLookup = (target: IdentityTarget, signal: AbortSignal) => Promise<CallerIdentity>;

/** The latest identity check: what it found or why it failed, and when. */
export type IdentityCheck =
  | { readonly at: string; readonly ok: true; readonly identity: CallerIdentity }
  | { readonly at: string; readonly ok: false; readonly error: string; readonly lastKnown?: { readonly arn: string; readonly at: string } };

/** The rehearsal environment as the core knows it: its AWS URL and simulated account, once it runs. */
export interface RehearsalFacts {
  readonly url: string | undefined;
  readonly accountId: string | undefined;
  /** Its clock's simulated seconds per real second, when the cockpit runs it (the monitor's data clock wins). */
  readonly clockRate?: number | undefined;
  /** Its simulated clock (ms), when the cockpit runs it: the sessions' expiries are on it. */
  readonly now?: (() => number) | undefined;
}

/** The latest check of one account's session. */
export type AccountCheck =
  { readonly at: string; readonly ok: true; readonly identity: SessionIdentity } | { readonly at: string; readonly ok: false; readonly error: string };

/** Looks an account's caller identity up with its session; the SDK implementation is `sessionCallerIdentity`. */
export type AccountIdentityLookup = (session: AccountSession, target: AwsTarget, signal: AbortSignal) => Promise<SessionIdentity>;

/**
 * GetCallerIdentity through the real SDK: the standard credential chain with the plan's profile (SSO, assumed
 * roles, environment variables, instance roles), the plan's region, or its explicit endpoint. A fresh chain per
 * check, so an operator who signs in again is seen at the next check. `onSecrets` receives the resolved secret key
 * and session token so the caller can hide them wherever they might be echoed; they go nowhere else.
 */
export async function stsCallerIdentity(
  target: IdentityTarget,
  signal: AbortSignal,
  onSecrets?: (...values: (string | undefined)[]) => void,
): Promise<CallerIdentity> {
  // ignoreCache: the shared config and credentials files are read again, so a new sign-in is seen; a role the
  // profile assumes is assumed through STS in the plan's region.
  const provider = fromNodeProviderChain({
    ...(target.profile ? { profile: target.profile } : {}),
    ignoreCache: true,
    clientConfig: { region: target.region },
  });
  const credentials = await abortable(provider(), signal);
  onSecrets?.(credentials.secretAccessKey, credentials.sessionToken);
  const client = new STSClient({ region: target.region, maxAttempts: 2, credentials, ...(target.endpoint ? { endpoint: target.endpoint } : {}) });
  try {
    const out = await client.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
    if (!out.Account || !out.Arn) throw new Error('STS answered GetCallerIdentity without an account or ARN');
    return {
      accountId: out.Account,
      arn: out.Arn,
      userId: out.UserId ?? '',
      ...(credentials.expiration ? { expiresAt: credentials.expiration.toISOString() } : {}),
    };
  } finally {
    client.destroy();
  }
}

/** The principal of a caller ARN in words: an IAM user, a role and its session (an SSO permission set), root. */
export function principalOf(arn: string): string {
  const match = /^arn:[a-z-]+:(?:iam|sts)::\d{12}:(.+)$/.exec(arn);
  if (!match) return arn;
  const resource = match[1]!;
  if (resource === 'root') return "the account's root user";
  const [type, ...rest] = resource.split('/');
  switch (type) {
    case 'user':
      return `IAM user ${rest.at(-1) ?? ''}`;
    case 'assumed-role': {
      const [role = '', session = ''] = [rest.slice(0, -1).join('/'), rest.at(-1)];
      const sso = /^AWSReservedSSO_(.+)_[0-9a-f]{16}$/.exec(role);
      return sso ? `SSO permission set ${sso[1]}, session ${session}` : `role ${role}, session ${session}`;
    }
    case 'federated-user':
      return `federated user ${rest.join('/')}`;
    default:
      return resource;
  }
}

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const REFUSED = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidSignatureException',
  'MissingAuthenticationToken',
]);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Why the identity could not be established, in the operator's terms, with what to do. The SDK's own message is
 * kept (first line, bounded), with anything shaped like an access key id taken out: never a secret.
 */
export function identityErrorText(error: unknown, target: IdentityTarget, timeoutMs: number): string {
  const name = error instanceof Error ? error.name : '';
  const code = (error as { code?: unknown } | null)?.code;
  const raw = error instanceof Error ? error.message : String(error);
  const message = scrub(raw.split('\n')[0] ?? '').slice(0, 300);
  const profile = target.profile ? ` of profile '${target.profile}'` : '';
  const signIn = target.profile ? ` (e.g. aws sso login --profile ${target.profile})` : '';
  if (name === 'AbortError' || name === 'TimeoutError') return `STS did not answer GetCallerIdentity within ${Math.round(timeoutMs / 1000)} s`;
  if (typeof code === 'string' && UNREACHABLE.has(code)) return `cannot reach STS at ${target.endpoint ?? `sts.${target.region}.amazonaws.com`} (${code})`;
  if (EXPIRED.has(name) || (/expired/i.test(message) && (name === 'CredentialsProviderError' || name === 'TokenProviderError' || name === ''))) {
    return `the AWS credentials${profile} have expired: sign in again${signIn} (${message})`;
  }
  if (REFUSED.has(name)) return `AWS refused the credentials${profile} (${name}): ${message}`;
  if (DENIED.has(name)) return `access denied to GetCallerIdentity (${name}): ${message}`;
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError' || /could not load credentials/i.test(message)) {
    return `no usable AWS credentials${profile}: ${message}${signIn ? `; sign in${signIn}` : ''}`;
  }
  return `GetCallerIdentity failed${name && name !== 'Error' ? ` (${name})` : ''}: ${message}`;
}

/**
 * Why an account's session could not be assumed or used, in the operator's terms: a missing external id variable,
 * a role the sign-in may not assume (its trust policy, or the external id), else the sign-in's own reasons.
 */
export function accountErrorText(
  error: unknown,
  account: { readonly name: string; readonly role: { readonly arn: string } },
  target: IdentityTarget,
  timeoutMs: number,
): string {
  if (error instanceof AccountSessionError) return error.message;
  const name = error instanceof Error ? error.name : '';
  if (DENIED.has(name)) {
    const message = scrub(((error as Error).message.split('\n')[0] ?? '').slice(0, 300));
    // Refused at AssumeRole: the trust policy or the external id. Refused later: the session exists, its rights do not.
    if (/sts:AssumeRole\b/.test(message) || !/:assumed-role\//.test(message))
      return `the role ${account.role.arn} cannot be assumed (${name}): check its trust policy and external id (${message})`;
    return `the session of role ${account.role.arn} was refused (${name}): check the role still exists and its permissions (${message})`;
  }
  return identityErrorText(error, target, timeoutMs);
}

/** Access key ids are not secrets, but they need not be shown either. */
function scrub(text: string): string {
  return text.replace(/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, '[access key id]');
}

/** The view for a plan (or none) from what is known about the rehearsal and the latest identity check. */
export function environmentView(input: {
  readonly plan: MigrationPlan | undefined;
  readonly operator: string;
  /** The endpoint plans with `endpoint: rehearsal` use (an explicit one, else the embedded rehearsal's). */
  readonly rehearsal: RehearsalFacts;
  readonly clockRate: number | undefined;
  readonly check: IdentityCheck | undefined;
  /** Each account's latest session check, by account name. */
  readonly accountChecks?: ReadonlyMap<string, AccountCheck>;
  /** What the tracks found AWS refusing in an account, by account name (see EnvironmentService.reportAccount). */
  readonly refusals?: ReadonlyMap<string, string>;
  readonly now: string;
}): EnvironmentView {
  const { plan, operator, rehearsal, check } = input;
  const accounts = plan ? plan.accounts.map((account) => accountView(account, input.accountChecks?.get(account.name), input.refusals?.get(account.name))) : [];
  const base = { operator, credentialsExpireAt: null, clockRate: null, caller: null, error: null, accounts } as const;
  if (!plan) {
    return { ...base, kind: 'none', region: null, endpoint: null, profile: null, production: false, accountId: null, status: 'ok', checkedAt: input.now };
  }
  const aws = plan.environment.aws;
  if (aws.endpoint === 'rehearsal') {
    const resolved = awsTargetOf(plan, rehearsal.url);
    return {
      ...base,
      kind: 'rehearsal',
      region: aws.region,
      endpoint: rehearsal.url ?? null,
      profile: null,
      production: false,
      accountId: rehearsal.accountId ?? null,
      status: resolved.ok ? 'ok' : 'error',
      error: resolved.ok
        ? rehearsal.accountId
          ? null
          : 'the rehearsal environment runs outside this cockpit: its simulated account is not known here'
        : resolved.message,
      checkedAt: input.now,
      clockRate: input.clockRate ?? rehearsal.clockRate ?? 1,
    };
  }
  const view: EnvironmentView = {
    ...base,
    kind: 'aws',
    region: aws.region,
    endpoint: aws.endpoint ?? null,
    profile: aws.profile ?? null,
    production: aws.production === true,
    accountId: null,
    status: 'checking',
    checkedAt: null,
  };
  if (!check) return view;
  if (!check.ok) {
    const last = check.lastKnown ? ` (last confirmed as ${check.lastKnown.arn} at ${check.lastKnown.at})` : '';
    return { ...view, status: 'error', error: `${check.error}${last}`, checkedAt: check.at };
  }
  const { identity } = check;
  return {
    ...view,
    status: 'ok',
    accountId: identity.accountId,
    caller: { arn: identity.arn, userId: identity.userId, principal: principalOf(identity.arn) },
    checkedAt: check.at,
    credentialsExpireAt: identity.expiresAt ?? null,
  };
}

/**
 * An account as the banner shows it: its latest session check, unless a track found AWS refusing its calls: then it
 * is unusable with that reason, whatever GetCallerIdentity said (that call needs no permission, so a session whose
 * role lost its permissions still passes it). One truth: the banner never says ok while a monitor cannot read there.
 */
function accountView(account: MigrationPlan['accounts'][number], check: AccountCheck | undefined, refusal: string | undefined): AccountEnvironment {
  const base = {
    id: account.id,
    name: account.name,
    organizationalUnit: account.organizationalUnit,
    production: account.production,
    regions: [...account.regions],
    callerArn: null,
    principal: null,
    error: null,
    checkedAt: null,
    credentialsExpireAt: null,
  };
  if (!check) return refusal ? { ...base, status: 'error', error: refusal } : { ...base, status: 'checking' };
  if (!check.ok) return { ...base, status: 'error', error: refusal ?? check.error, checkedAt: check.at };
  const { identity } = check;
  return {
    ...base,
    status: refusal ? 'error' : 'ok',
    error: refusal ?? null,
    callerArn: identity.arn,
    principal: principalOf(identity.arn),
    checkedAt: check.at,
    credentialsExpireAt: identity.expiresAt ?? null,
  };
}

export interface EnvironmentServiceOptions {
  readonly publish: (event: CockpitEvent) => void;
  readonly log: (line: string) => void;
  /** The operator's OS user (user@host), as the journal records it. */
  readonly operator: string;
  /** The rehearsal's AWS URL and simulated account, once it runs. */
  readonly rehearsal: () => RehearsalFacts;
  /** Default: GetCallerIdentity through the SDK (stsCallerIdentity). */
  readonly lookup?: CallerIdentityLookup;
  /** Default: GetCallerIdentity with the account's session (sessionCallerIdentity). */
  readonly accountLookup?: AccountIdentityLookup;
  /** Where the accounts' external id variables are read (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** Hides secret values the credential chain resolved (the core's redactor). */
  readonly hideSecrets?: (...values: (string | undefined)[]) => void;
  /** The accounts' sessions, shared with the tracks' monitors (default: the service's own, from the options above). */
  readonly sessions?: AccountSessionPool;
  /** How often the identity is checked again (default 5 minutes). */
  readonly refreshMs?: number;
  /** How long one check may take (default 15 s). */
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

export const IDENTITY_REFRESH_MS = 5 * 60_000;

/**
 * Keeps the environment view of the loaded plan and publishes `environment.updated` when it changes. On AWS the
 * caller identity is checked at once (the plan load does not wait for it), then every `refreshMs`, and right after
 * the credentials expire; checks never overlap, and a check for a plan that was replaced meanwhile is dropped.
 */
export class EnvironmentService {
  private plan: MigrationPlan | undefined;
  private target: IdentityTarget | undefined;
  private check: IdentityCheck | undefined;
  /** The accounts' sessions for the loaded plan, where they are assumed, and their latest checks. */
  private sessions: ReadonlyMap<string, AccountSession> = new Map();
  private sessionTarget: AwsTarget | undefined;
  private sessionsKey = '';
  private readonly accountChecks = new Map<string, AccountCheck>();
  /** What the tracks found AWS refusing, by account name then track. */
  private readonly refusals = new Map<string, Map<string, string>>();
  private clockRate: number | undefined;
  private view: EnvironmentView;
  private generation = 0;
  private inFlight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly abort = new AbortController();

  private readonly pool: AccountSessionPool;

  constructor(private readonly options: EnvironmentServiceOptions) {
    this.pool =
      options.sessions ??
      new AccountSessionPool({
        operator: options.operator,
        rehearsalNow: () => options.rehearsal().now,
        ...(options.env ? { env: options.env } : {}),
        ...(options.hideSecrets ? { onSecrets: options.hideSecrets } : {}),
      });
    // No plan yet: the rehearsal is not asked about (the core's services start after this one).
    this.view = environmentView({
      plan: undefined,
      operator: options.operator,
      rehearsal: { url: undefined, accountId: undefined },
      clockRate: undefined,
      check: undefined,
      now: this.nowIso(),
    });
  }

  /** The current view. */
  current(): EnvironmentView {
    return this.view;
  }

  /** The AWS caller identity the cockpit acts as, when on AWS and known now: recorded beside the journal's actor. */
  awsIdentity(): JournalAwsIdentity | undefined {
    return this.view.kind === 'aws' && this.view.status === 'ok' && this.view.caller && this.view.accountId
      ? { accountId: this.view.accountId, arn: this.view.caller.arn }
      : undefined;
  }

  /**
   * Follows the loaded plan (after the rehearsal it needs was started). On AWS every load checks the identity again
   * without waiting for it; a plan with the same target keeps showing the last check meanwhile.
   */
  setPlan(plan: MigrationPlan | undefined): void {
    const target = plan && plan.environment.aws.endpoint !== 'rehearsal' ? identityTargetOf(plan) : undefined;
    const facts = this.options.rehearsal();
    const resolved = plan && plan.accounts.length > 0 ? awsTargetOf(plan, facts.url) : undefined;
    const sessionTarget = resolved?.ok ? resolved.target : undefined;
    const sessionsKey = JSON.stringify({ accounts: sessionTarget ? plan?.accounts : [], sessionTarget });
    const sameTarget = JSON.stringify(target) === JSON.stringify(this.target) && sessionsKey === this.sessionsKey;
    this.plan = plan;
    if (!sameTarget) {
      this.generation += 1;
      this.target = target;
      this.check = undefined;
      this.sessionsKey = sessionsKey;
      this.sessionTarget = sessionTarget;
      this.sessions = sessionTarget && plan ? this.pool.sessionsFor(plan.accounts, sessionTarget) : new Map();
      this.accountChecks.clear();
      this.refusals.clear();
      this.inFlight = undefined;
      clearTimeout(this.timer);
    }
    this.update();
    if ((target || this.sessions.size > 0) && !this.inFlight) void this.runCheck();
  }

  /**
   * A track found AWS refusing its calls in an account (`problem`), or reading there again (null). The account shows
   * the refusal until the track says it reads again, and its session is checked again at once either way, so the
   * banner follows what the monitors see instead of waiting for the next scheduled check.
   */
  reportAccount(track: string, account: string, problem: string | null): void {
    const byTrack = this.refusals.get(account) ?? new Map<string, string>();
    if ((byTrack.get(track) ?? null) === problem) return;
    if (problem === null) byTrack.delete(track);
    else byTrack.set(track, problem);
    if (byTrack.size === 0) this.refusals.delete(account);
    else this.refusals.set(account, byTrack);
    this.update();
    if (this.sessions.size > 0 && !this.inFlight) void this.runCheck();
  }

  /** A track monitor's status carries its data clock: a rehearsal that runs faster than real time says so in the banner. */
  observe(event: CockpitEvent): void {
    if (!('monitor' in event)) return;
    const rate = event.monitor.dataClock?.rate;
    if (rate === undefined || rate === this.clockRate) return;
    this.clockRate = rate;
    this.update();
  }

  /** Checks the caller identity again now (on AWS; elsewhere recomputes) and answers the view after it. */
  async refresh(): Promise<EnvironmentView> {
    if (this.target || this.sessions.size > 0) await (this.inFlight ?? this.runCheck());
    else this.update();
    return this.view;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.abort.abort();
  }

  private runCheck(): Promise<void> {
    if ((!this.target && this.sessions.size === 0) || this.closed) return Promise.resolve();
    const generation = this.generation;
    clearTimeout(this.timer);
    const run = (async () => {
      await Promise.all([this.checkSignIn(generation), ...[...this.sessions.values()].map((session) => this.checkAccount(session, generation))]);
      if (this.closed || generation !== this.generation) return;
      this.schedule();
    })().finally(() => {
      if (this.inFlight === run) this.inFlight = undefined;
    });
    this.inFlight = run;
    return run;
  }

  /** One account's session: GetCallerIdentity with it (assuming the role when it has none or it nears expiry). */
  private async checkAccount(session: AccountSession, generation: number): Promise<void> {
    const target = this.sessionTarget;
    if (!target) return;
    const timeoutMs = this.options.timeoutMs ?? 15_000;
    const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(timeoutMs)]);
    const lookup = this.options.accountLookup ?? sessionCallerIdentity;
    let check: AccountCheck;
    try {
      check = { at: this.nowIso(), ok: true, identity: await lookup(session, target, signal) };
    } catch (error) {
      const where = {
        region: target.region,
        ...(target.endpoint ? { endpoint: target.endpoint } : {}),
        ...(target.profile ? { profile: target.profile } : {}),
      };
      check = { at: this.nowIso(), ok: false, error: accountErrorText(error, session.account, where, timeoutMs) };
    }
    if (this.closed || generation !== this.generation) return;
    const name = session.account.name;
    const before = this.accountChecks.get(name);
    this.accountChecks.set(name, check);
    const label = `account ${name} (${session.account.id})`;
    if (!check.ok && (before === undefined || before.ok || before.error !== check.error)) this.options.log(`AWS ${label} unusable: ${check.error}`);
    if (check.ok && (before === undefined || !before.ok || before.identity.arn !== check.identity.arn)) this.options.log(`AWS ${label}: ${check.identity.arn}`);
    this.update();
  }

  /** The sign-in's caller identity, on AWS (the rehearsal's sign-in is its static keys). */
  private async checkSignIn(generation: number): Promise<void> {
    const target = this.target;
    if (!target) return;
    const timeoutMs = this.options.timeoutMs ?? 15_000;
    const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(timeoutMs)]);
    const lookup = this.options.lookup ?? ((t, s) => stsCallerIdentity(t, s, this.options.hideSecrets));
    let check: IdentityCheck;
    try {
      const identity = await lookup(target, signal);
      check = { at: this.nowIso(), ok: true, identity };
    } catch (error) {
      const previous = this.check;
      const lastKnown = previous?.ok ? { arn: previous.identity.arn, at: previous.at } : previous && !previous.ok ? previous.lastKnown : undefined;
      check = { at: this.nowIso(), ok: false, error: identityErrorText(error, target, timeoutMs), ...(lastKnown ? { lastKnown } : {}) };
    }
    if (this.closed || generation !== this.generation) return;
    const before = this.check;
    this.check = check;
    if (!check.ok && (before === undefined || before.ok || before.error !== check.error)) this.options.log(`AWS caller identity unknown: ${check.error}`);
    if (check.ok && (before === undefined || !before.ok || before.identity.arn !== check.identity.arn)) {
      this.options.log(`AWS caller identity: ${check.identity.arn} (account ${check.identity.accountId})`);
    }
    this.update();
  }

  /**
   * The next check: after `refreshMs`, just after the sign-in's credentials expire, or when an account's session
   * enters its refresh margin (the check then assumes the role again, before the session expires), whichever first.
   */
  private schedule(): void {
    if (this.closed) return;
    const refreshMs = this.options.refreshMs ?? IDENTITY_REFRESH_MS;
    // Only moments still ahead count (never a loop): expired credentials STS still accepted wait for the usual check.
    const ahead = (at: number) => (Number.isFinite(at) && at > this.nowMs() ? at - this.nowMs() + 500 : Infinity);
    const check = this.check;
    const signInExpiry = ahead(check?.ok && check.identity.expiresAt ? Date.parse(check.identity.expiresAt) : NaN);
    // A rehearsal's sessions expire on its simulated clock: their renewal is left to the usual checks and to use.
    const renewals = this.sessionTarget?.rehearsal
      ? []
      : [...this.sessions.values()].map((session) => ahead(session.expiresAt === undefined ? NaN : session.expiresAt - REFRESH_MARGIN_MS));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runCheck(), Math.min(refreshMs, signInExpiry, ...renewals));
    this.timer.unref?.();
  }

  /** Publishes the view when it changed; a rehearsal or no-plan view is as of when it last changed. */
  private update(): void {
    const unchanged = this.compute(this.view.checkedAt ?? this.nowIso());
    if (JSON.stringify(unchanged) === JSON.stringify(this.view)) return;
    this.view = unchanged.kind === 'aws' ? unchanged : this.compute(this.nowIso());
    if (!this.closed) this.options.publish({ type: 'environment.updated', environment: this.view });
  }

  private compute(now: string): EnvironmentView {
    return environmentView({
      plan: this.plan,
      operator: this.options.operator,
      rehearsal: this.options.rehearsal(),
      clockRate: this.clockRate,
      check: this.check,
      accountChecks: this.accountChecks,
      refusals: new Map([...this.refusals].map(([account, byTrack]) => [account, [...byTrack.values()].join('; ')])),
      now,
    });
  }

  private nowMs(): number {
    return this.options.now?.() ?? Date.now();
  }

  private nowIso(): string {
    return new Date(this.nowMs()).toISOString();
  }
}

/** The plan's AWS target for GetCallerIdentity (not the rehearsal). */
export function identityTargetOf(plan: MigrationPlan): IdentityTarget {
  const aws = plan.environment.aws;
  return {
    region: aws.region,
    ...(aws.endpoint && aws.endpoint !== 'rehearsal' ? { endpoint: aws.endpoint } : {}),
    ...(aws.profile ? { profile: aws.profile } : {}),
  };
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : Object.assign(new Error('aborted'), { name: 'AbortError' });
}
