// The rehearsal's simulated AWS accounts and STS sessions. The sign-in identity (any access key STS did not issue,
// such as the static rehearsal keys) is a user of the source account, so every caller without a session acts where
// the rehearsal always acted. Roles in other accounts can be assumed from it; each session's credentials are bound to
// (account, role, session name) and expire on the simulated clock. Which account a request acts in is decided here,
// from its SigV4 Authorization header, once per request (the server hands the answer to the services).
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { Duration } from './duration';
import { AwsError, validationError } from './errors';
import { hashString, prng } from './random';

/** The account the rehearsal has always simulated; the sign-in identity's unless a scenario names another. */
export const DEFAULT_ACCOUNT_ID = '123456789012';
/** The sign-in identity's IAM user name. */
const SIGN_IN_USER = 'rehearsal-operator';
/** STS's own bounds for DurationSeconds, and IAM's default MaxSessionDuration of a role. */
const MIN_SESSION_SECONDS = 900;
const MAX_SESSION_SECONDS = 43_200;
const DEFAULT_ROLE_MAX_SECONDS = 3600;
/** A role assumed with role credentials (role chaining) lasts at most an hour, whatever the role allows. */
const CHAINED_MAX_SECONDS = 3600;

/** An assumable role: scenario options and POST /_admin/accounts/roles. */
export const RoleSchema = z.strictObject({
  accountId: z.string().regex(/^\d{12}$/, { error: 'expected a 12-digit AWS account id' }),
  roleName: z.string().regex(/^[\w+=,.@-]{1,64}$/, { error: 'expected an IAM role name (1-64 of letters, digits and +=,.@_-)' }),
  /** The role's IAM path (`/` by default, e.g. `/migration/`): part of its ARN, not of its sessions' ARNs. */
  path: z
    .string()
    .regex(/^\/(?:[\w+=,.@-]+\/)*$/, { error: 'expected an IAM path such as / or /migration/' })
    .optional(),
  /** The trust policy's sts:ExternalId condition: AssumeRole must send exactly this. */
  externalId: z
    .string()
    .regex(/^[\w+=,.@:/-]{2,1224}$/, { error: 'expected an external id of 2-1224 letters, digits and +=,.@:/_-' })
    .optional(),
  /** The role's MaxSessionDuration (IAM: 1-12 hours, default 1 hour). */
  maxSessionDuration: Duration.refine((seconds) => seconds >= 3600 && seconds <= MAX_SESSION_SECONDS, {
    error: 'expected a maximum session duration of 1 to 12 hours',
  }).optional(),
});
export type RoleInput = z.input<typeof RoleSchema>;

export interface Role {
  readonly arn: string;
  readonly accountId: string;
  readonly roleName: string;
  readonly externalId?: string;
  readonly maxSessionSeconds: number;
  /** IAM's unique role id (AROA...), stable for the ARN. */
  readonly roleId: string;
}

/** Who signed a request, as GetCallerIdentity tells it. */
export interface CallerIdentity {
  readonly accountId: string;
  readonly arn: string;
  readonly userId: string;
  /** The role a session belongs to; undefined for the sign-in identity. */
  readonly roleArn?: string;
}

export interface AssumeRoleInput {
  readonly RoleArn?: string;
  readonly RoleSessionName?: string;
  readonly ExternalId?: string;
  readonly DurationSeconds?: string;
}

export interface SessionCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** Simulated epoch ms. */
  readonly expiration: number;
  readonly caller: CallerIdentity;
}

const EXPIRED_MESSAGE = 'The security token included in the request is expired';
const INVALID_MESSAGE = 'The security token included in the request is invalid.';

export class Accounts {
  readonly sourceAccountId: string;
  readonly #roles = new Map<string, Role>();
  /** By access key id. Bounded by the sessions a rehearsal issues; expired ones are dropped as they are met. */
  readonly #sessions = new Map<string, SessionCredentials>();

  constructor(sourceAccountId: string = DEFAULT_ACCOUNT_ID, roles: readonly RoleInput[] = []) {
    if (!/^\d{12}$/.test(sourceAccountId)) throw new RangeError(`the source account id must be 12 digits, got '${sourceAccountId}'`);
    this.sourceAccountId = sourceAccountId;
    for (const role of roles) this.addRole(role);
  }

  /** The sign-in identity: whoever signs with keys STS did not issue. */
  get signIn(): CallerIdentity {
    return { accountId: this.sourceAccountId, arn: `arn:aws:iam::${this.sourceAccountId}:user/${SIGN_IN_USER}`, userId: 'AIDAREHEARSALOPERATOR' };
  }

  /** Adds the role, or replaces the one with its ARN. Throws a RangeError naming the field for a bad spec. */
  addRole(input: RoleInput): Role {
    const parsed = RoleSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new RangeError(`role ${issue.path.join('.') || '(spec)'}: ${issue.message}`);
    }
    const { accountId, roleName, externalId, maxSessionDuration } = parsed.data;
    const arn = `arn:aws:iam::${accountId}:role${parsed.data.path ?? '/'}${roleName}`;
    const role: Role = {
      arn,
      accountId,
      roleName,
      ...(externalId === undefined ? {} : { externalId }),
      maxSessionSeconds: maxSessionDuration ?? DEFAULT_ROLE_MAX_SECONDS,
      roleId: `AROA${uniqueIdSuffix(arn)}`,
    };
    this.#roles.set(arn, role);
    return role;
  }

  removeRole(arn: string): boolean {
    return this.#roles.delete(arn);
  }

  roles(): readonly Role[] {
    return [...this.#roles.values()];
  }

  /** The source account and every account a role lives in. */
  accountIds(): readonly string[] {
    return [...new Set([this.sourceAccountId, ...this.roles().map((role) => role.accountId)])];
  }

  /**
   * The identity whose credentials signed the request: a live session's, or the sign-in identity for any other
   * key (unsigned requests too, as the rehearsal always accepted them). A session key past its expiry on the
   * simulated clock is ExpiredTokenException; a session key with the wrong token, or one this rehearsal never
   * issued (ASIA...), is UnrecognizedClientException, as AWS answers JSON services (query services map both). A
   * session of a role removed since (DELETE /_admin/accounts/roles) is AccessDeniedException for every `action`
   * (`<service>:<operation>`) but sts:GetCallerIdentity: on AWS a deleted role's sessions keep signing, no policy
   * allows them anything, and GetCallerIdentity needs no permission.
   */
  callerOf(headers: IncomingHttpHeaders, now: number, action = 'sts:GetCallerIdentity'): CallerIdentity {
    const accessKeyId = signingAccessKeyId(headers);
    if (accessKeyId === undefined || !accessKeyId.startsWith('ASIA')) return this.signIn;
    const session = this.#sessions.get(accessKeyId);
    if (!session || headers['x-amz-security-token'] !== session.sessionToken) throw new AwsError('UnrecognizedClientException', INVALID_MESSAGE, 400);
    if (now >= session.expiration) throw new AwsError('ExpiredTokenException', EXPIRED_MESSAGE, 400);
    if (!this.#roles.has(session.caller.roleArn!) && action !== 'sts:GetCallerIdentity')
      throw new AwsError(
        'AccessDeniedException',
        `User: ${session.caller.arn} is not authorized to perform: ${action} because no identity-based policy allows it`,
        400,
      );
    return session.caller;
  }

  /** STS AssumeRole by `caller`, validated as STS does; an unknown role or a wrong external id is AccessDenied. */
  assumeRole(caller: CallerIdentity, input: AssumeRoleInput, now: number): SessionCredentials {
    const roleArn = required(input.RoleArn, 'roleArn');
    if (roleArn.length < 20 || roleArn.length > 2048) throw stsValidation('roleArn', 'Member must have length between 20 and 2048', roleArn);
    const sessionName = required(input.RoleSessionName, 'roleSessionName');
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName))
      throw stsValidation('roleSessionName', 'Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2 and 64', sessionName);
    if (input.ExternalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(input.ExternalId))
      // The value is a secret: named by its field only.
      throw new AwsError(
        'ValidationError',
        "1 validation error detected: Value at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]* and have length between 2 and 1224",
      );
    const seconds = durationSeconds(input.DurationSeconds);
    const role = this.#roles.get(roleArn);
    if (!role || (role.externalId !== undefined && input.ExternalId !== role.externalId)) {
      throw new AwsError('AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
    }
    if (caller.roleArn !== undefined && seconds > CHAINED_MAX_SECONDS)
      throw new AwsError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
    if (seconds > role.maxSessionSeconds)
      throw new AwsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    this.#dropExpired(now);
    const session: SessionCredentials = {
      accessKeyId: `ASIA${randomBytes(10).toString('hex').toUpperCase().slice(0, 16)}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(96).toString('base64')}`,
      expiration: now + seconds * 1000,
      caller: {
        accountId: role.accountId,
        arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.roleName}/${sessionName}`,
        userId: `${role.roleId}:${sessionName}`,
        roleArn: role.arn,
      },
    };
    this.#sessions.set(session.accessKeyId, session);
    return session;
  }

  /** Live sessions per role, for the admin view (no key, token or secret). */
  sessionCounts(now: number): ReadonlyMap<string, number> {
    const counts = new Map<string, number>();
    for (const session of this.#sessions.values()) {
      if (now < session.expiration) counts.set(session.caller.roleArn!, (counts.get(session.caller.roleArn!) ?? 0) + 1);
    }
    return counts;
  }

  #dropExpired(now: number): void {
    // Kept a day past expiry, so a late caller still hears ExpiredToken rather than an unknown key.
    for (const [key, session] of this.#sessions) if (now >= session.expiration + 86_400_000) this.#sessions.delete(key);
  }
}

/** A role's spec from its ARN (`arn:aws:iam::<id>:role[/path]/<name>`), or undefined for anything else. */
export function roleOfArn(arn: string, externalId?: string): RoleInput | undefined {
  const match = /^arn:aws:iam::(\d{12}):role(\/(?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/.exec(arn);
  if (!match) return undefined;
  const [, accountId, path, roleName] = match as unknown as [string, string, string, string];
  return { accountId, roleName, ...(path === '/' ? {} : { path }), ...(externalId === undefined ? {} : { externalId }) };
}

/** The access key id in `Authorization: AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, ...`. */
export function signingAccessKeyId(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization !== 'string') return undefined;
  return /Credential=([^/,\s]+)\//.exec(authorization)?.[1];
}

/** STS reports input constraints as ValidationError (the query protocol's code), worded as AWS's JSON services do. */
function stsValidation(field: string, constraint: string, value: unknown = null): AwsError {
  return validationError(field, constraint, value, 'ValidationError');
}

function required(value: string | undefined, field: string): string {
  if (value === undefined || value === '') throw stsValidation(field, 'Member must not be null');
  return value;
}

function durationSeconds(text: string | undefined): number {
  if (text === undefined) return DEFAULT_ROLE_MAX_SECONDS;
  const seconds = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(seconds)) throw new AwsError('ValidationError', `Value '${text}' for parameter DurationSeconds is invalid. Expected an integer`);
  if (seconds < MIN_SESSION_SECONDS) throw stsValidation('durationSeconds', `Member must have value greater than or equal to ${MIN_SESSION_SECONDS}`, seconds);
  if (seconds > MAX_SESSION_SECONDS) throw stsValidation('durationSeconds', `Member must have value less than or equal to ${MAX_SESSION_SECONDS}`, seconds);
  return seconds;
}

/** 17 characters of IAM's unique-id alphabet, derived from the ARN so a role keeps its id. */
function uniqueIdSuffix(arn: string): string {
  const next = prng(hashString(arn));
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from({ length: 17 }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
}
