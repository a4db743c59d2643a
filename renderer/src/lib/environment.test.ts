import { describe, expect, it } from 'vitest';
import type { EnvironmentView } from '../../../main/api/contract';
import { accountChips, environmentBanner } from './environment';

const NOW = Date.parse('2026-12-03T10:00:00.000Z');
const ARN = 'arn:aws:sts::111122223333:assumed-role/MigrationOperator/alice';

const base: EnvironmentView = {
  kind: 'aws',
  operator: 'alice@ws',
  region: 'eu-central-1',
  endpoint: null,
  profile: 'prod-operator',
  production: false,
  accountId: '111122223333',
  caller: { arn: ARN, userId: 'AROAEXAMPLE:alice', principal: 'role MigrationOperator, session alice' },
  status: 'ok',
  error: null,
  checkedAt: '2026-12-03T09:58:00.000Z',
  credentialsExpireAt: null,
  clockRate: null,
  accounts: [],
};

const rehearsal: EnvironmentView = {
  ...base,
  kind: 'rehearsal',
  endpoint: 'http://127.0.0.1:45123',
  profile: null,
  accountId: '123456789012',
  caller: null,
  clockRate: 1,
  accounts: [],
};

describe('environment banner', () => {
  it('says Rehearsal in purple with the simulated AWS, account and region', () => {
    expect(environmentBanner(rehearsal, NOW)).toEqual({
      tone: 'rehearsal',
      label: 'Rehearsal',
      where: 'Rehearsal — simulated AWS at http://127.0.0.1:45123, account 123456789012, eu-central-1',
      who: 'operator alice@ws',
      problem: null,
      problemSeverity: null,
      canCheckAgain: false,
    });
  });

  it('says how much faster than real time a rehearsal runs', () => {
    expect(environmentBanner({ ...rehearsal, clockRate: 60 }, NOW).where).toBe(
      'Rehearsal — simulated AWS at http://127.0.0.1:45123, account 123456789012, eu-central-1, clock ×60 (60 simulated seconds per real second)',
    );
    expect(environmentBanner({ ...rehearsal, clockRate: 2.5 }, NOW).where).toMatch(/clock ×2\.5 /);
  });

  it('says why a rehearsal has no environment', () => {
    const model = environmentBanner(
      {
        ...rehearsal,
        endpoint: null,
        accountId: null,
        status: 'error',
        error: 'the plan targets the rehearsal environment, but this cockpit has no rehearsal AWS endpoint',
      },
      NOW,
    );
    expect(model).toMatchObject({
      tone: 'rehearsal',
      where: 'Rehearsal — simulated AWS (not running), account unknown, eu-central-1',
      problemSeverity: 'error',
      problem: expect.stringMatching(/no rehearsal AWS endpoint/),
    });
  });

  it('shows AWS (not production) in blue with account, region, caller and operator', () => {
    expect(environmentBanner(base, NOW)).toEqual({
      tone: 'aws',
      label: 'AWS',
      where: 'AWS account 111122223333, eu-central-1',
      who: `as role MigrationOperator, session alice (profile prod-operator) — ${ARN} · operator alice@ws`,
      problem: null,
      problemSeverity: null,
      canCheckAgain: true,
    });
  });

  it('shows production in red, PRODUCTION first, also when the identity is unknown', () => {
    expect(environmentBanner({ ...base, production: true }, NOW)).toMatchObject({
      tone: 'production',
      label: 'PRODUCTION',
      where: 'PRODUCTION — AWS account 111122223333, eu-central-1',
    });
    const denied = environmentBanner(
      {
        ...base,
        production: true,
        status: 'error',
        accountId: null,
        caller: null,
        error: "the AWS credentials of profile 'prod-operator' have expired: sign in again",
      },
      NOW,
    );
    expect(denied).toMatchObject({
      tone: 'production',
      label: 'PRODUCTION',
      where: 'PRODUCTION — AWS account unknown, eu-central-1',
      who: 'identity unknown (profile prod-operator) · operator alice@ws',
      problemSeverity: 'error',
      canCheckAgain: true,
    });
    expect(denied.problem).toBe(
      "Caller identity unknown: the AWS credentials of profile 'prod-operator' have expired: sign in again (checked 03 Dec 2026, 09:58:00 UTC)",
    );
  });

  it('never leaves the banner blank while the first check runs', () => {
    const model = environmentBanner({ ...base, status: 'checking', accountId: null, caller: null, checkedAt: null }, NOW);
    expect(model).toMatchObject({
      where: 'AWS account not known yet, eu-central-1',
      who: 'checking who the credentials (profile prod-operator) belong to… · operator alice@ws',
      problem: null,
      canCheckAgain: false,
    });
  });

  it('names an explicit endpoint', () => {
    expect(environmentBanner({ ...base, endpoint: 'http://127.0.0.1:4566' }, NOW).where).toBe(
      'AWS account 111122223333, eu-central-1 via http://127.0.0.1:4566',
    );
  });

  it('warns before the credentials expire and says when they have', () => {
    expect(environmentBanner({ ...base, credentialsExpireAt: '2026-12-03T10:30:00.000Z' }, NOW).problem).toBeNull();
    expect(environmentBanner({ ...base, credentialsExpireAt: '2026-12-03T10:09:30.000Z' }, NOW)).toMatchObject({
      problem: 'The credentials expire at 10:09:30 UTC (in 10 min): sign in again before then',
      problemSeverity: 'warning',
    });
    expect(environmentBanner({ ...base, credentialsExpireAt: '2026-12-03T09:59:00.000Z' }, NOW)).toMatchObject({
      problem: 'The credentials expired at 09:59:00 UTC; the identity is being checked again',
      problemSeverity: 'error',
    });
  });

  it('says when no plan is loaded', () => {
    expect(environmentBanner({ ...base, kind: 'none', region: null, profile: null, accountId: null, caller: null }, NOW)).toMatchObject({
      tone: 'none',
      label: 'No plan',
      who: 'operator alice@ws',
    });
  });
});

describe('account chips', () => {
  const account = {
    id: '222222222222',
    name: 'workloads-prod',
    organizationalUnit: 'Workloads/Production',
    production: true,
    regions: ['eu-central-1', 'eu-west-1'],
    status: 'ok' as const,
    callerArn: 'arn:aws:sts::222222222222:assumed-role/Deployer/alice@ws',
    principal: 'role Deployer, session alice@ws',
    error: null,
    checkedAt: '2026-12-03T09:58:00.000Z',
    credentialsExpireAt: '2026-12-03T10:58:00.000Z',
  };

  it('names each account with its id, production first, and puts the caller and session in the details', () => {
    const [chip] = accountChips({ ...base, accounts: [account] });
    expect(chip).toMatchObject({ text: 'PRODUCTION workloads-prod (222222222222)', state: 'ok', production: true });
    expect(chip!.title.split('\n')).toEqual([
      'PRODUCTION account workloads-prod (222222222222), Workloads/Production, eu-central-1, eu-west-1',
      'as arn:aws:sts::222222222222:assumed-role/Deployer/alice@ws (role Deployer, session alice@ws)',
      expect.stringMatching(/^session until .* UTC, renewed before it expires$/),
    ]);
  });

  it("calls the banner's own account the sign-in account once the plan has accounts of its own", () => {
    expect(environmentBanner({ ...rehearsal, accounts: [account] }, NOW).where).toBe(
      'Rehearsal — simulated AWS at http://127.0.0.1:45123, sign-in account 123456789012, eu-central-1',
    );
    expect(environmentBanner({ ...base, accounts: [account] }, NOW).where).toBe('AWS sign-in account 111122223333, eu-central-1');
    expect(environmentBanner(base, NOW).where).toBe('AWS account 111122223333, eu-central-1');
  });

  it('says an account is unusable with the reason, and offers to check again in the rehearsal when accounts are in use', () => {
    const denied = {
      ...account,
      production: false,
      status: 'error' as const,
      callerArn: null,
      principal: null,
      credentialsExpireAt: null,
      error: 'the role cannot be assumed',
    };
    const [chip] = accountChips({ ...rehearsal, accounts: [denied] });
    expect(chip).toMatchObject({ text: 'workloads-prod (222222222222)', state: 'unusable', status: 'error' });
    expect(chip!.title).toContain('the role cannot be assumed');
    expect(environmentBanner({ ...rehearsal, accounts: [denied] }, NOW).canCheckAgain).toBe(true);
    // The problem line says it in words, not only the chip's hover: the first unusable account and how many more.
    expect(environmentBanner({ ...rehearsal, accounts: [denied] }, NOW)).toMatchObject({
      problem: 'Account workloads-prod (222222222222) unusable: the role cannot be assumed',
      problemSeverity: 'error',
    });
    expect(environmentBanner({ ...base, accounts: [denied, { ...denied, id: '333333333333', name: 'other' }] }, NOW).problem).toBe(
      'Account workloads-prod (222222222222) unusable: the role cannot be assumed; 1 more account(s) unusable (hover their chips)',
    );
    expect(environmentBanner({ ...rehearsal, accounts: [{ ...denied, status: 'ok', error: null }] }, NOW).problem).toBeNull();
    expect(environmentBanner(rehearsal, NOW).canCheckAgain).toBe(false);
    expect(accountChips(base)).toEqual([]);
  });
});
