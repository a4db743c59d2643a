// The cockpit's own config keys, written by the core (main/pulumi/workspace.ts) before every operation.
import * as pulumi from '@pulumi/pulumi';
import type { RegistrationTarget } from './registration-http';

export interface CockpitConfig {
  /** `rehearsal`: AWS components become their rehearsal-environment counterparts. */
  readonly target: 'rehearsal' | 'aws';
  readonly stackId: string;
  readonly registrations: RegistrationTarget[];
  /** The AWS region of the plan (`aws:region`). */
  readonly region: string;
  /** Rehearsal target: the rehearsal environment's AWS (DMS, CloudWatch) endpoint, when it has one. */
  readonly rehearsalAwsEndpoint?: string;
  /**
   * In a plan with accounts, the account guard the core writes for the AWS provider (aws:assumeRoles, secret when it
   * holds an external id, and aws:allowedAccountIds), for the rehearsal's own resources to honour it too.
   */
  readonly accountGuard?: pulumi.Output<AccountGuard>;
  /**
   * Rehearsal target: the rehearsal's Cassandra, the data plane standing in for Amazon Keyspaces (cockpit:rehearsalCassandra,
   * JSON the core writes as a secret: it holds a password, so it stays an Output and secret).
   */
  readonly rehearsalCassandra?: pulumi.Output<RehearsalCassandra>;
}

export interface RehearsalCassandra {
  readonly contactPoints: readonly string[];
  readonly localDataCenter: string;
  readonly username: string;
  readonly password: string;
}

export interface AccountGuard {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly externalId?: string;
  readonly allowedAccountIds: readonly string[];
}

interface AssumeRoleConfig {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly externalId?: string;
}

function accountGuardOf(aws: pulumi.Config): pulumi.Output<AccountGuard> | undefined {
  const allowed = aws.getObject<string[]>('allowedAccountIds');
  const roles = aws.getSecretObject<AssumeRoleConfig[]>('assumeRoles');
  if (!allowed || !roles) return undefined;
  return roles.apply((list) => {
    const role = list[0];
    if (!role) throw new Error('aws:assumeRoles is empty: the stack has no role to act in its account with');
    return { roleArn: role.roleArn, sessionName: role.sessionName, ...(role.externalId ? { externalId: role.externalId } : {}), allowedAccountIds: allowed };
  });
}

export function cockpitConfig(): CockpitConfig {
  const config = new pulumi.Config('cockpit');
  const target = config.require('target');
  const aws = new pulumi.Config('aws');
  const guard = accountGuardOf(aws);
  const rehearsalCassandra = config.getSecretObject<RehearsalCassandra>('rehearsalCassandra');
  if (target !== 'rehearsal' && target !== 'aws') throw new Error(`cockpit:target must be rehearsal or aws, not ${target}`);
  return {
    target,
    stackId: config.require('stackId'),
    registrations: config.getObject<RegistrationTarget[]>('registrations') ?? [],
    region: aws.get('region') ?? 'us-east-1',
    ...(config.get('rehearsalAwsEndpoint') ? { rehearsalAwsEndpoint: config.require('rehearsalAwsEndpoint') } : {}),
    ...(guard ? { accountGuard: guard } : {}),
    ...(rehearsalCassandra ? { rehearsalCassandra } : {}),
  };
}
