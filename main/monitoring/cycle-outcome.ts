// What one refresh cycle's AWS reads came to, whatever the track: the ledger of its calls, how many reads failed
// after their retries, whether AWS refused the credentials, and the problem in the operator's words (with how to
// sign in when the credentials are the problem).
import { CallLedger, classifyAwsError, describeAwsError } from './aws-call';

export interface CycleOutcome {
  readonly ledger: CallLedger;
  readonly failedCalls: number;
  readonly problem: string | null;
  readonly credentials: boolean;
}

/** The outcome of a cycle whose reads failed with `failures` (none: a clean cycle). `profile` names the AWS profile in use. */
export function cycleOutcome(ledger: CallLedger, failures: readonly unknown[], profile?: string): CycleOutcome {
  const credentials = failures.some((error) => classifyAwsError(error) === 'credentials');
  const problem = failures.length === 0 ? null : problemText(failures, credentials, profile);
  return { ledger, failedCalls: failures.length, problem, credentials };
}

/** The outcome of a cycle that threw (never expected: every call is settled) — one failure, no calls counted. */
export function thrownOutcome(error: unknown): CycleOutcome {
  return { ledger: new CallLedger(), failedCalls: 1, problem: describeAwsError(error), credentials: false };
}

function problemText(failures: readonly unknown[], credentials: boolean, profile: string | undefined): string {
  const first = failures.find((error) => classifyAwsError(error) === 'credentials') ?? failures[0];
  if (credentials) {
    const signIn = profile ? `aws sso login --profile ${profile}, or check the profile` : 'check the AWS credentials (environment, ~/.aws, SSO)';
    return `AWS credentials could not be used: ${describeAwsError(first)}. Sign in (${signIn}); the monitor keeps retrying.`;
  }
  const kinds = new Map<string, number>();
  for (const error of failures) kinds.set(classifyAwsError(error), (kinds.get(classifyAwsError(error)) ?? 0) + 1);
  return `${failures.length} call(s) failed after retries (${[...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ')}); last: ${describeAwsError(failures.at(-1))}`;
}
