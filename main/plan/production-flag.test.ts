// environment.aws.production: whether a plan acts on a production environment (the banner turns red). Optional,
// a boolean, and never together with the rehearsal; each mistake is located at the value like every plan check.
import { describe, expect, it } from 'vitest';
import { expectErrorAt, issuesOf, parsePlan, replaceOnce, SMALL_PLAN, TEST_FILE } from './plan-testing';

const onAws = (production: string) =>
  replaceOnce(
    SMALL_PLAN,
    '  aws: { region: eu-central-1, endpoint: rehearsal }',
    `  aws:\n    region: eu-central-1\n    profile: prod-operator\n    production: ${production}`,
  );

describe('environment.aws.production', () => {
  it('is optional: a plan without it is not production', () => {
    const result = parsePlan(TEST_FILE, SMALL_PLAN);
    expect(issuesOf(result)).toEqual([]);
    expect(result.ok && result.plan.environment.aws.production).toBeFalsy();
  });

  it('is carried into the plan model when set', () => {
    const text = onAws('true');
    const result = parsePlan(TEST_FILE, text);
    expect(issuesOf(result)).toEqual([]);
    expect(result.ok && result.plan.environment.aws.production).toBe(true);
  });

  it('accepts false on AWS', () => {
    const result = parsePlan(TEST_FILE, onAws('false'));
    expect(result.ok && result.plan.environment.aws.production).toBe(false);
  });

  it('must be true or false, located at the value', () => {
    const text = onAws('"yes"');
    expectErrorAt(text, parsePlan(TEST_FILE, text), /expected true or false \(whether this plan acts on a production environment\)/, '"yes"');
  });

  it('cannot go with the rehearsal, located at production', () => {
    const text = replaceOnce(
      SMALL_PLAN,
      '  aws: { region: eu-central-1, endpoint: rehearsal }',
      '  aws:\n    region: eu-central-1\n    endpoint: rehearsal\n    production: true',
    );
    const issue = expectErrorAt(text, parsePlan(TEST_FILE, text), /production: true cannot go with endpoint: rehearsal/, 'true');
    expect(issue.path).toBe('environment.aws.production');
  });

  it('suggests itself for a misspelling', () => {
    const text = onAws('true').replace('production: true', 'producton: true');
    expectErrorAt(text, parsePlan(TEST_FILE, text), /unknown field 'producton'; did you mean 'production'\?/, 'producton');
  });
});
