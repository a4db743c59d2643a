// accounts: the AWS accounts a plan acts in, and each project's account and region. Every mistake is located (file,
// line, field path) with what to do about it; a plan without accounts reads as before.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PlanViewSchema } from '../api/contract';
import type { MigrationPlan } from './model';
import { describeIssues, issuesOf, parsePlan, positionOf, replaceOnce, SMALL_PLAN, TEST_FILE, TEST_GRAMMAR } from './plan-testing';
import { toPlanView } from './view';

const ACCOUNTS_PLAN = readFileSync(new URL('testdata/accounts.yaml', import.meta.url), 'utf8');

const edit = (from: string, to: string, text = ACCOUNTS_PLAN) => replaceOnce(text, from, to);
const errorsOf = (text: string) => issuesOf(parsePlan(TEST_FILE, text)).filter((issue) => issue.severity === 'error');

function loaded(text: string): MigrationPlan {
  const result = parsePlan(TEST_FILE, text);
  expect(issuesOf(result), describeIssues(issuesOf(result))).toEqual([]);
  if (!result.ok) throw new Error('the plan should load');
  return result.plan;
}

/** The one error whose message is `message`, with its path and place. */
function expectError(text: string, message: string, path: string, needle: string, occurrence = 0): void {
  const errors = errorsOf(text);
  expect(
    errors.filter((issue) => issue.message === message),
    describeIssues(errors),
  ).toEqual([expect.objectContaining({ path, ...positionOf(text, needle, occurrence) })]);
}

const placements = (plan: MigrationPlan) =>
  [...plan.stacks.values()].map((stack) => ({ stack: stack.id, account: stack.account?.name ?? null, region: stack.region, regionFrom: stack.regionFrom }));

describe('a plan with accounts', () => {
  it('loads with the accounts by name and every stack placed in its project account and region', () => {
    const plan = loaded(ACCOUNTS_PLAN);
    expect(plan.accounts.map((account) => account.name)).toEqual(['network', 'workloads-prod', 'workloads-test']);
    expect(plan.accounts.find((account) => account.name === 'network')).toEqual({
      id: '111111111111',
      name: 'network',
      organizationalUnit: 'Infrastructure',
      role: { arn: 'arn:aws:iam::111111111111:role/MigrationOperator' },
      regions: ['eu-central-1'],
      production: false,
    });
    expect(placements(plan)).toEqual([
      { stack: 'core-networking/network-eu-central-1', account: 'network', region: 'eu-central-1', regionFrom: 'environment' },
      { stack: 'platform-production/app1101', account: 'workloads-prod', region: 'eu-central-1', regionFrom: 'environment' },
      { stack: 'platform-dr/app1101-dr', account: 'workloads-prod', region: 'eu-west-1', regionFrom: 'project' },
      // workloads-test is not in eu-central-1 (the environment's region): its first region.
      { stack: 'platform-test/app1101-test', account: 'workloads-test', region: 'eu-west-1', regionFrom: 'account' },
    ]);
  });

  it('puts every project in the only account when there is one, without naming it', () => {
    const text = edit(
      'environment:\n  aws: { region: eu-central-1, endpoint: rehearsal }\n',
      'environment:\n  aws: { region: eu-central-1, endpoint: rehearsal }\naccounts:\n  - id: "123456789012"\n    name: workloads\n    organizationalUnit: Workloads\n    role: { arn: "arn:aws:iam::123456789012:role/Operator" }\n    regions: [eu-west-1, eu-central-1]\n',
      SMALL_PLAN,
    );
    expect(new Set(placements(loaded(text)).map(({ account, region }) => `${account} ${region}`))).toEqual(new Set(['workloads eu-central-1']));
  });

  it('leaves a plan without accounts as it was: no accounts, every stack in environment.aws.region', () => {
    const plan = loaded(SMALL_PLAN);
    expect(plan.accounts).toEqual([]);
    expect(new Set(placements(plan).map(({ account, region, regionFrom }) => `${account} ${region} ${regionFrom}`))).toEqual(
      new Set(['null eu-central-1 environment']),
    );
  });
});

describe("a project's account", () => {
  it('must be declared, with the closest name suggested', () => {
    const text = edit('    account: workloads-prod\n    program', '    account: workload-prod\n    program');
    expectError(text, "unknown account 'workload-prod'; did you mean 'workloads-prod'?", 'projects[1] (name: platform-production).account', 'workload-prod');
  });

  it('lists the declared names when none is close', () => {
    const text = edit('    account: network', '    account: billing');
    expectError(
      text,
      "unknown account 'billing'; expected one of the names under 'accounts' (network, workloads-prod, workloads-test)",
      'projects[0] (name: core-networking).account',
      'billing',
    );
  });

  it('cannot be named in a plan without accounts', () => {
    const text = edit('    program: app-instance', '    program: app-instance\n    account: workloads', SMALL_PLAN);
    expectError(
      text,
      "unknown account 'workloads': the plan declares no accounts; declare it under 'accounts', or remove account",
      'projects[1] (name: apps).account',
      'workloads',
    );
  });

  it('must be named when the plan declares several, reported at the project', () => {
    const text = edit('    account: network\n', '');
    expectError(
      text,
      "project 'core-networking' names no account, and the plan declares 3 (network, workloads-prod, workloads-test); add account: <name> (only with a single account does a project go to it by default)",
      'projects[0] (name: core-networking)',
      'name: core-networking',
    );
  });

  it('is not called unknown when the schema rejected that account (its own error is enough)', () => {
    const text = edit('  - id: "111111111111"', '  - id: "11111111111"');
    expect(errorsOf(text).map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      'accounts[0] (id: 11111111111).id: expected an AWS account id of exactly 12 digits, in quotes, e.g. "123456789012"',
    ]);
  });
});

describe("a project's region", () => {
  it("must be one of its account's regions, with the closest suggested", () => {
    const text = edit('    region: eu-west-1', '    region: eu-west-2');
    expectError(
      text,
      "region 'eu-west-2' is not one of account 'workloads-prod''s regions (eu-central-1, eu-west-1): write one of them (did you mean 'eu-west-1'?), or add it to the account's regions",
      'projects[2] (name: platform-dr).region',
      'eu-west-2',
    );
  });

  it('is refused in a plan without accounts, which runs everything in environment.aws.region', () => {
    const text = edit('    program: app-instance', '    program: app-instance\n    region: eu-west-1', SMALL_PLAN);
    expectError(
      text,
      "a project's region is one of its account's regions, and this plan declares no accounts: every stack runs in environment.aws.region (eu-central-1); remove region, or declare the accounts under 'accounts'",
      'projects[1] (name: apps).region',
      'eu-west-1',
    );
  });
});

describe('an account', () => {
  it('has an id of exactly 12 digits', () => {
    const text = edit('  - id: "222222222222"', '  - id: "22222222222x"');
    expectError(text, 'expected an AWS account id of exactly 12 digits, in quotes, e.g. "123456789012"', 'accounts[1] (id: 22222222222x).id', '"22222222222x"');
  });

  it('has its id in quotes: an unquoted id is a YAML number, and one with a leading zero has lost it', () => {
    const unquoted = edit('  - id: "222222222222"', '  - id: 222222222222');
    expectError(
      unquoted,
      'expected the account id as quoted text: unquoted, YAML reads 222222222222 as a number (and drops leading zeros); write id: "222222222222"',
      'accounts[1] (id: 222222222222).id',
      '222222222222',
    );
    const leadingZero = edit('  - id: "033333333333"', '  - id: 033333333333');
    expectError(
      leadingZero,
      'expected the account id as quoted text: unquoted, YAML reads 33333333333 as a number (and drops leading zeros); write id: "<the 12 digits as AWS shows them>"',
      // The path names the item by what YAML read.
      'accounts[2] (id: 33333333333).id',
      '033333333333',
    );
  });

  it('has a role ARN in the account itself', () => {
    const text = edit('arn:aws:iam::111111111111:role/MigrationOperator', 'arn:aws:iam::999999999999:role/MigrationOperator');
    expectError(
      text,
      "the role is in account 999999999999, but this account's id is 111111111111: the role to assume must be in the account itself; fix the id or the ARN",
      'accounts[0] (id: 111111111111).role.arn',
      'arn:aws:iam::999999999999',
    );
  });

  it('has a role ARN that is an IAM role ARN', () => {
    const text = edit('arn:aws:iam::111111111111:role/MigrationOperator', 'arn:aws:iam::111111111111:user/operator');
    expectError(
      text,
      'expected an IAM role ARN, arn:aws:iam::<12-digit account id>:role/<path/name>, e.g. arn:aws:iam::123456789012:role/MigrationOperator',
      'accounts[0] (id: 111111111111).role.arn',
      'arn:aws:iam::111111111111:user',
    );
  });

  it('names the variable of its external id, never the value', () => {
    const text = edit('externalIdEnv: WORKLOADS_PROD_EXTERNAL_ID', 'externalIdEnv: 7f3c-secret-value');
    expectError(
      text,
      'expected an environment variable name (uppercase letters, digits, "_"), e.g. CMDB_TOKEN',
      'accounts[1] (id: 222222222222).role.externalIdEnv',
      '7f3c-secret-value',
    );
    const written = edit('      externalIdEnv: WORKLOADS_PROD_EXTERNAL_ID', '      externalId: 7f3c-secret-value');
    expectError(written, "unknown field 'externalId'; did you mean 'externalIdEnv'?", 'accounts[1] (id: 222222222222).role.externalId', 'externalId:');
  });

  it('is declared once, by name and by id', () => {
    const sameName = edit('    name: workloads-test', '    name: workloads-prod');
    expectError(
      sameName,
      "duplicate account name 'workloads-prod': already declared at accounts[1]",
      'accounts[2] (id: 033333333333).name',
      'workloads-prod',
      1,
    );
    const sameId = edit('  - id: "033333333333"', '  - id: "222222222222"').replace(':033333333333:', ':222222222222:');
    expectError(
      sameId,
      "duplicate account id '222222222222': already declared at accounts[1] (name: workloads-prod); declare each account once",
      'accounts[2] (id: 222222222222).id',
      '"222222222222"',
      1,
    );
  });

  it('is not production in the rehearsal', () => {
    const text = edit('    profile: migration-operator', '    endpoint: rehearsal');
    expectError(
      text,
      'production: true cannot go with environment.aws.endpoint: rehearsal: the rehearsal environment simulates AWS and is never production; remove one of them',
      'accounts[1] (id: 222222222222).production',
      'true',
    );
  });

  it('is production only with true or false', () => {
    const text = edit('    production: true', '    production: "yes"');
    expectError(text, 'expected true or false (whether this is a production account)', 'accounts[1] (id: 222222222222).production', '"yes"');
  });

  it('has regions the AWS SDK knows, and at least one', () => {
    const unknown = edit('    regions: [eu-central-1]\n', '    regions: [eu-centrl-1]\n');
    expectError(
      unknown,
      "unknown AWS region 'eu-centrl-1': the AWS SDK knows no such region; did you mean 'eu-central-1' (Europe (Frankfurt))?",
      'accounts[0] (id: 111111111111).regions[0]',
      'eu-centrl-1',
    );
    const none = edit('    regions: [eu-central-1]\n', '    regions: []\n');
    expectError(none, 'expected at least one region the account is used in, e.g. [eu-central-1]', 'accounts[0] (id: 111111111111).regions', '[]');
  });

  it('has every field it needs, and suggests a misspelt one', () => {
    const missing = edit('    role:\n      arn: arn:aws:iam::111111111111:role/MigrationOperator\n', '');
    expectError(missing, "missing required field 'role' (expected a mapping of fields)", 'accounts[0] (id: 111111111111)', 'id: "111111111111"');
    const misspelt = edit('    organizationalUnit: Infrastructure\n    role', '    organisationalUnit: Infrastructure\n    role');
    expectError(
      misspelt,
      "unknown field 'organisationalUnit'; did you mean 'organizationalUnit'?",
      'accounts[0] (id: 111111111111).organisationalUnit',
      'organisationalUnit',
    );
  });
});

describe('the plan view', () => {
  it('shows the accounts without their external ids, and each stack with its account and region', () => {
    const view = toPlanView(loaded(ACCOUNTS_PLAN), TEST_GRAMMAR, [], () => ({ state: 'planned', since: '2026-01-01T00:00:00.000Z' }));
    expect(PlanViewSchema.parse(view)).toEqual(view);
    expect(view.accounts).toEqual([
      {
        id: '111111111111',
        name: 'network',
        organizationalUnit: 'Infrastructure',
        regions: ['eu-central-1'],
        production: false,
        roleArn: 'arn:aws:iam::111111111111:role/MigrationOperator',
        externalIdEnv: null,
      },
      {
        id: '222222222222',
        name: 'workloads-prod',
        organizationalUnit: 'Workloads/Production',
        regions: ['eu-central-1', 'eu-west-1'],
        production: true,
        roleArn: 'arn:aws:iam::222222222222:role/migration/MigrationOperator',
        externalIdEnv: 'WORKLOADS_PROD_EXTERNAL_ID',
      },
      {
        id: '033333333333',
        name: 'workloads-test',
        organizationalUnit: 'Workloads/SDLC',
        regions: ['eu-west-1'],
        production: false,
        roleArn: 'arn:aws:iam::033333333333:role/MigrationOperator',
        externalIdEnv: null,
      },
    ]);
    expect(view.stacks.map(({ id, account, region }) => ({ id, account, region }))).toEqual([
      { id: 'core-networking/network-eu-central-1', account: { id: '111111111111', name: 'network', production: false }, region: 'eu-central-1' },
      { id: 'platform-production/app1101', account: { id: '222222222222', name: 'workloads-prod', production: true }, region: 'eu-central-1' },
      { id: 'platform-dr/app1101-dr', account: { id: '222222222222', name: 'workloads-prod', production: true }, region: 'eu-west-1' },
      { id: 'platform-test/app1101-test', account: { id: '033333333333', name: 'workloads-test', production: false }, region: 'eu-west-1' },
    ]);
  });

  it('shows no accounts and the environment region on every stack for a plan without accounts', () => {
    const view = toPlanView(loaded(SMALL_PLAN), TEST_GRAMMAR, [], () => ({ state: 'planned', since: '2026-01-01T00:00:00.000Z' }));
    expect(view.accounts).toEqual([]);
    expect(view.stacks.map(({ account, region }) => ({ account, region }))).toEqual(Array(3).fill({ account: null, region: 'eu-central-1' }));
  });
});
