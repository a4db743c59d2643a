// Where the cockpit's AWS calls go for a plan and with which credentials: the rehearsal environment's endpoint, an
// explicit URL, or AWS itself with the plan's profile and region. Shared by the core (the environment banner) and
// every track's SDK clients, so both always talk to the same place. Clients made with `sdkClientConfig` resolve
// credentials on their first call (the standard chain, so SSO profiles work): a credential failure surfaces as an
// error of that call, never at construction.
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { Placement } from '../plan/account-placement';
import type { MigrationPlan } from '../plan/model';

export interface AwsTarget {
  readonly region: string;
  /** Endpoint URL override (the rehearsal environment or an explicit URL), or undefined for AWS itself. */
  readonly endpoint?: string;
  /** Named profile for the credential chain. */
  readonly profile?: string;
  /** Static dummy credentials: the rehearsal environment accepts any. */
  readonly rehearsal: boolean;
  /** What a monitor's status shows: `rehearsal` or the region. */
  readonly label: string;
  /** An account's assumed-role session (account-sessions.ts); without it, the sign-in's credentials. */
  readonly credentials?: AwsCredentialIdentityProvider;
}

/** What `awsTargetIn` needs of the sessions: the credentials provider of an account, by name. */
export interface SessionsByAccount {
  get(accountName: string): { readonly credentials: AwsCredentialIdentityProvider } | undefined;
}

/**
 * The target for a stack's placement (its account and region): the plan's target in that region with the account's
 * session. A plan without accounts (`account: null`) gets the plan's target unchanged.
 */
export function awsTargetIn(target: AwsTarget, placement: Pick<Placement, 'account' | 'region'>, sessions: SessionsByAccount): AwsTarget {
  if (placement.account === null) return target;
  const session = sessions.get(placement.account.name);
  if (!session) throw new Error(`no session for account '${placement.account.name}': the sessions were made for another plan`);
  const label = target.rehearsal
    ? `rehearsal ${placement.account.name}`
    : `${placement.account.name} ${placement.region}${target.endpoint ? ` via ${target.endpoint}` : ''}`;
  return { ...target, region: placement.region, label, credentials: session.credentials };
}

/** Static keys for the rehearsal: it takes any keys STS did not issue as its sign-in identity. */
export const REHEARSAL_KEYS = { accessKeyId: 'rehearsal', secretAccessKey: 'rehearsal' } as const;

/** The AWS target of a plan, or why there is none (`endpoint: rehearsal` without a rehearsal environment). */
export type AwsTargetResult = { ok: true; target: AwsTarget } | { ok: false; message: string };

/** The AWS target of a plan; `rehearsalAwsUrl` is where `endpoint: rehearsal` goes (none: no rehearsal runs). */
export function awsTargetOf(plan: MigrationPlan, rehearsalAwsUrl: string | undefined): AwsTargetResult {
  const aws = plan.environment.aws;
  if (aws.endpoint === 'rehearsal') {
    if (!rehearsalAwsUrl) return { ok: false, message: 'the plan targets the rehearsal environment, but this cockpit has no rehearsal AWS endpoint' };
    return { ok: true, target: { region: aws.region, endpoint: rehearsalAwsUrl, rehearsal: true, label: 'rehearsal' } };
  }
  return {
    ok: true,
    target: {
      region: aws.region,
      rehearsal: false,
      label: aws.endpoint ? `${aws.region} via ${aws.endpoint}` : aws.region,
      ...(aws.endpoint ? { endpoint: aws.endpoint } : {}),
      ...(aws.profile ? { profile: aws.profile } : {}),
    },
  };
}

/**
 * The configuration of an SDK v3 client for a target. SDK retries are off (`maxAttempts: 1`): the monitors retry
 * themselves, so they can count and bound their calls.
 */
export function sdkClientConfig(target: AwsTarget) {
  return {
    region: target.region,
    maxAttempts: 1,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    credentials: target.credentials
      ? target.credentials
      : target.rehearsal
        ? REHEARSAL_KEYS
        : fromNodeProviderChain(target.profile ? { profile: target.profile } : {}),
  };
}
