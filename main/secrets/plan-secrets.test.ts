// The values the core hides from logs, events and the journal for a plan: each variable the plan names, an account
// role's external id included.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan, TEST_FILE } from '../plan/plan-testing';
import { secretValuesOf, secretVariablesOf } from './plan-secrets';

const ACCOUNTS_PLAN = readFileSync(new URL('../plan/testdata/accounts.yaml', import.meta.url), 'utf8');

function plan() {
  const result = parsePlan(TEST_FILE, ACCOUNTS_PLAN);
  if (!result.ok) throw new Error('the accounts plan should load');
  return result.plan;
}

describe('secretValuesOf', () => {
  it("hides an account role's external id when its variable is set", () => {
    expect(secretVariablesOf(plan())).toContain('WORKLOADS_PROD_EXTERNAL_ID');
    expect(secretValuesOf(plan(), { WORKLOADS_PROD_EXTERNAL_ID: 'ext-7f3c91', UNRELATED: 'shown' })).toEqual(['ext-7f3c91']);
  });

  it('has nothing to hide for a variable that is not set', () => {
    expect(secretValuesOf(plan(), {})).toEqual([]);
  });
});
