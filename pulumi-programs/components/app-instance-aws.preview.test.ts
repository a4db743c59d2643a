// Tests of app-instance/aws.ts (kept here: app-instance/ holds only the program and its AWS module).
// deployAws in preview mode: computed values (ARNs, endpoints) are unknown, as in `pulumi preview` before the
// first deploy. Everything must still register; nothing here awaits an unknown value.
import { beforeAll, describe, expect, it } from 'vitest';
import { installMocks, MOCK_ACCOUNT, UNKNOWN, type MockHarness } from './testing/pulumi-mocks';
import type * as AwsModule from '../app-instance/aws';

let mocks: MockHarness;
let mod: typeof AwsModule;

beforeAll(async () => {
  mocks = await installMocks({
    project: 'platform-production',
    stack: 'app1101',
    preview: true,
    config: {
      'cockpit:target': 'aws',
      'cockpit:stackId': 'platform-production/app1101',
      'platform-production:instanceType': 't3.large',
      'platform-production:owner': 'it-ops',
      'platform-production:sourceDatabaseHost': 'app1101-db.dc2.example.internal',
      'platform-production:dbPassword': 'preview-secret',
      'platform-production:amiId': 'ami-0abcdef1234567890',
      'platform-production:vpcId': 'vpc-0bbb',
      'platform-production:subnetIds': ['subnet-1a', 'subnet-1b'],
      'platform-production:replicationInstanceArn': `arn:aws:dms:eu-central-1:${MOCK_ACCOUNT}:rep:NETWORKDMS`,
      'platform-production:allowedCidrs': ['172.20.0.0/14'],
      'platform-production:dbAllowedCidrs': ['10.40.0.0/16'],
    },
    secretKeys: ['platform-production:dbPassword'],
  });
  mod = await import('../app-instance/aws');
});

describe('deployAws in preview', () => {
  it('registers every resource, with the values only a deploy can know left unknown', async () => {
    mod.deployAws({ stackId: 'platform-production/app1101' });
    await mocks.settle();
    expect(
      mocks.resources
        .filter((resource) => resource.custom)
        .map((resource) => resource.name)
        .sort(),
    ).toEqual(['app1101-db', 'app1101-db-sg', 'app1101-db-subnets', 'app1101-server', 'app1101-sg', 'app1101-source', 'app1101-target', 'app1101-task'].sort());
    // The RDS address only exists after a deploy, so the target endpoint and the task wait on unknowns.
    expect(mocks.named('app1101-target').inputs.serverName).toBe(UNKNOWN);
    expect(mocks.named('app1101-task').inputs).toMatchObject({
      sourceEndpointArn: UNKNOWN,
      targetEndpointArn: UNKNOWN,
      migrationType: 'full-load-and-cdc',
      replicationTaskId: 'app1101-mysql-full-load-cdc',
    });
    expect(mocks.named('app1101-server')).toMatchObject({ deleteBeforeReplace: true, inputs: { instanceType: 't3.large' } });
    expect(mocks.named('app1101-db').secretInputs).toEqual(['password']);
  });
});
