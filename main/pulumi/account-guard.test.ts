// The account guard each stack's config carries in a plan with accounts (account-guard.ts): what the AWS
// provider reads to assume the account's role and to refuse any other account before it changes anything.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlanFile } from '../plan/plan-testing';
import type { MigrationPlan } from '../plan/model';
import { SecretRedactor } from '../secrets/redactor';
import { accountGuard } from './account-guard';

const ACCOUNTS_PLAN = path.join(import.meta.dirname, '..', 'plan', 'testdata', 'accounts.yaml');

async function plan(): Promise<MigrationPlan> {
  const result = await loadPlanFile(ACCOUNTS_PLAN);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.plan;
}

describe('the account guard in a stack config', () => {
  it("allows only the stack's account and assumes its role with the operator as session name", async () => {
    const loaded = await plan();
    const redactor = new SecretRedactor();
    const guard = accountGuard({ redactor, operator: 'CORP\\alice@ws-17' }, loaded.stacks.get('platform-test/app1101-test')!, {});
    expect(guard).toEqual({
      'aws:allowedAccountIds': { value: '["033333333333"]' },
      'aws:assumeRoles': {
        value: JSON.stringify([{ roleArn: 'arn:aws:iam::033333333333:role/MigrationOperator', sessionName: 'CORP-alice@ws-17' }]),
        secret: false,
      },
    });
  });

  it('puts the external id in the role as a secret value, hidden from then on, and refuses without its variable', async () => {
    const loaded = await plan();
    const stack = loaded.stacks.get('platform-dr/app1101-dr')!;
    const redactor = new SecretRedactor();
    const guard = accountGuard({ redactor, operator: 'alice@ws' }, stack, { WORKLOADS_PROD_EXTERNAL_ID: 'canary-external-id-7f3a' });
    expect(guard['aws:allowedAccountIds']).toEqual({ value: '["222222222222"]' });
    expect(guard['aws:assumeRoles']!.secret).toBe(true);
    expect(JSON.parse(guard['aws:assumeRoles']!.value)).toEqual([
      { roleArn: 'arn:aws:iam::222222222222:role/migration/MigrationOperator', sessionName: 'alice@ws', externalId: 'canary-external-id-7f3a' },
    ]);
    expect(redactor.redact('id canary-external-id-7f3a')).not.toContain('canary-external-id-7f3a');
    expect(() => accountGuard({ redactor, operator: 'alice@ws' }, stack, {})).toThrow(
      "platform-dr/app1101-dr: account 'workloads-prod' (222222222222) needs its role's external id in the environment variable WORKLOADS_PROD_EXTERNAL_ID, which is not set",
    );
  });

  it('is empty in a plan without accounts', async () => {
    const loaded = await plan();
    const stack = { ...loaded.stacks.get('platform-test/app1101-test')!, account: null };
    expect(accountGuard({ redactor: new SecretRedactor() }, stack, {})).toEqual({});
  });
});

describe('a secret config value too short to hide', () => {
  it('is refused before the engine gets it, saying which key and variable', async () => {
    const { stackConfig } = await import('./workspace');
    const loaded = await plan();
    const stack = { ...loaded.stacks.get('platform-test/app1101-test')!, config: { dbPassword: { secretEnv: 'MC_SHORT_SECRET' } } };
    const context = {
      plan: loaded,
      appRoot: '/',
      dataDir: '/nonexistent',
      cli: { found: false, message: '' },
      redactor: new SecretRedactor(),
      env: { MC_SHORT_SECRET: 'abc' },
    };
    await expect(stackConfig(context as never, stack as never)).rejects.toThrow(
      "platform-test/app1101-test: config 'dbPassword' reads a secret of 3 character(s) from MC_SHORT_SECRET: too short to hide in logs and views (at least 8); set a real secret there",
    );
  });
});
