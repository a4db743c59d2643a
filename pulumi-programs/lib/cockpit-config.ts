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
}

export function cockpitConfig(): CockpitConfig {
  const config = new pulumi.Config('cockpit');
  const target = config.require('target');
  if (target !== 'rehearsal' && target !== 'aws') throw new Error(`cockpit:target must be rehearsal or aws, not ${target}`);
  return {
    target,
    stackId: config.require('stackId'),
    registrations: config.getObject<RegistrationTarget[]>('registrations') ?? [],
    region: new pulumi.Config('aws').get('region') ?? 'us-east-1',
    ...(config.get('rehearsalAwsEndpoint') ? { rehearsalAwsEndpoint: config.require('rehearsalAwsEndpoint') } : {}),
  };
}
