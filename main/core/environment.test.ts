import { afterEach, describe, expect, it } from 'vitest';
import type { CockpitEvent, EnvironmentView } from '../api/contract';
import { EnvironmentViewSchema } from '../api/contract';
import type { MigrationPlan } from '../plan/model';
import { parsePlan, replaceOnce, SMALL_PLAN, TEST_FILE } from '../plan/plan-testing';
import {
  accountErrorText,
  EnvironmentService,
  environmentView,
  identityErrorText,
  principalOf,
  type CallerIdentity,
  type CallerIdentityLookup,
  type IdentityTarget,
} from './environment';

const REHEARSAL_LINE = '  aws: { region: eu-central-1, endpoint: rehearsal }';

function planWith(awsLine: string): MigrationPlan {
  const result = parsePlan(TEST_FILE, replaceOnce(SMALL_PLAN, REHEARSAL_LINE, awsLine));
  if (!result.ok) throw new Error(`test plan invalid: ${result.issues.map((issue) => issue.message).join('; ')}`);
  return result.plan;
}

const rehearsalPlan = planWith(REHEARSAL_LINE);
const awsPlan = planWith('  aws: { region: eu-west-1, profile: migration-operator }');
const productionPlan = planWith('  aws: { region: eu-central-1, profile: prod-operator, production: true }');
const NOW = '2026-12-03T10:00:00.000Z';
const ROLE_ARN = 'arn:aws:sts::111122223333:assumed-role/MigrationOperator/alice';
const IDENTITY: CallerIdentity = { accountId: '111122223333', arn: ROLE_ARN, userId: 'AROAEXAMPLEROLEID:alice' };
const noRehearsal = { url: undefined, accountId: undefined };

describe('environment view', () => {
  it('says there is no plan, with the operator', () => {
    const view = environmentView({ plan: undefined, operator: 'alice@ws', rehearsal: noRehearsal, clockRate: undefined, check: undefined, now: NOW });
    expect(view).toMatchObject({ kind: 'none', operator: 'alice@ws', status: 'ok', production: false, accountId: null, caller: null });
    expect(EnvironmentViewSchema.parse(view)).toEqual(view);
  });

  it("names the rehearsal's URL, simulated account, region and clock rate; never production", () => {
    const view = environmentView({
      plan: rehearsalPlan,
      operator: 'alice@ws',
      rehearsal: { url: 'http://127.0.0.1:4566', accountId: '123456789012' },
      clockRate: 60,
      check: undefined,
      now: NOW,
    });
    expect(view).toEqual({
      kind: 'rehearsal',
      operator: 'alice@ws',
      region: 'eu-central-1',
      endpoint: 'http://127.0.0.1:4566',
      profile: null,
      production: false,
      accountId: '123456789012',
      caller: null,
      status: 'ok',
      error: null,
      checkedAt: NOW,
      credentialsExpireAt: null,
      clockRate: 60,
      accounts: [],
    });
  });

  it("takes the embedded rehearsal's own clock rate until the monitor reports its data clock", () => {
    const view = environmentView({
      plan: rehearsalPlan,
      operator: 'a@b',
      rehearsal: { url: 'http://127.0.0.1:4566', accountId: '123456789012', clockRate: 30 },
      clockRate: undefined,
      check: undefined,
      now: NOW,
    });
    expect(view.clockRate).toBe(30);
  });

  it('says why a rehearsal plan has no environment to talk to', () => {
    const view = environmentView({ plan: rehearsalPlan, operator: 'a@b', rehearsal: noRehearsal, clockRate: undefined, check: undefined, now: NOW });
    expect(view).toMatchObject({ kind: 'rehearsal', status: 'error', error: expect.stringMatching(/no rehearsal AWS endpoint/), clockRate: 1 });
  });

  it('is checking on AWS until the first identity check, with region and profile already known', () => {
    const view = environmentView({ plan: awsPlan, operator: 'a@b', rehearsal: noRehearsal, clockRate: undefined, check: undefined, now: NOW });
    expect(view).toMatchObject({
      kind: 'aws',
      status: 'checking',
      region: 'eu-west-1',
      profile: 'migration-operator',
      production: false,
      accountId: null,
      checkedAt: null,
      error: null,
    });
  });

  it('shows the caller identity on AWS, and production when the plan says so', () => {
    const check = { at: NOW, ok: true as const, identity: { ...IDENTITY, expiresAt: '2026-12-03T11:00:00.000Z' } };
    const view = environmentView({ plan: productionPlan, operator: 'a@b', rehearsal: noRehearsal, clockRate: undefined, check, now: NOW });
    expect(view).toMatchObject({
      kind: 'aws',
      status: 'ok',
      production: true,
      accountId: '111122223333',
      caller: { arn: ROLE_ARN, userId: 'AROAEXAMPLEROLEID:alice', principal: 'role MigrationOperator, session alice' },
      checkedAt: NOW,
      credentialsExpireAt: '2026-12-03T11:00:00.000Z',
      clockRate: null,
    });
  });

  it('never shows an account it could not confirm: the reason, and the last identity it knew', () => {
    const check = { at: NOW, ok: false as const, error: 'the AWS credentials have expired', lastKnown: { arn: ROLE_ARN, at: '2026-12-03T09:55:00.000Z' } };
    const view = environmentView({ plan: productionPlan, operator: 'a@b', rehearsal: noRehearsal, clockRate: undefined, check, now: NOW });
    expect(view).toMatchObject({ status: 'error', accountId: null, caller: null, production: true, checkedAt: NOW });
    expect(view.error).toBe(`the AWS credentials have expired (last confirmed as ${ROLE_ARN} at 2026-12-03T09:55:00.000Z)`);
  });
});

describe('principal of a caller ARN', () => {
  it.each([
    ['arn:aws:iam::111122223333:user/alice', 'IAM user alice'],
    ['arn:aws:iam::111122223333:user/ops/team/alice', 'IAM user alice'],
    [ROLE_ARN, 'role MigrationOperator, session alice'],
    [
      'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice@example.com',
      'SSO permission set AdministratorAccess, session alice@example.com',
    ],
    ['arn:aws:iam::111122223333:root', "the account's root user"],
    ['arn:aws:sts::111122223333:federated-user/bob', 'federated user bob'],
    ['arn:aws-us-gov:sts::111122223333:assumed-role/Ops/s1', 'role Ops, session s1'],
    ['not-an-arn', 'not-an-arn'],
  ])('%s → %s', (arn, words) => {
    expect(principalOf(arn)).toBe(words);
  });
});

describe('why the identity is unknown', () => {
  const target: IdentityTarget = { region: 'eu-central-1', profile: 'prod-operator' };
  const named = (name: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { name }, extra);

  it.each([
    [
      named('ExpiredToken', 'The security token included in the request is expired'),
      /^the AWS credentials of profile 'prod-operator' have expired: sign in again \(e\.g\. aws sso login --profile prod-operator\)/,
    ],
    [
      named(
        'CredentialsProviderError',
        'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
      ),
      /^the AWS credentials of profile 'prod-operator' have expired/,
    ],
    [
      named('InvalidClientTokenId', 'The security token included in the request is invalid.'),
      /^AWS refused the credentials of profile 'prod-operator' \(InvalidClientTokenId\): The security token/,
    ],
    [named('AccessDenied', 'User is not authorized'), /^access denied to GetCallerIdentity \(AccessDenied\)/],
    [
      named('CredentialsProviderError', 'Could not load credentials from any providers'),
      /^no usable AWS credentials of profile 'prod-operator': Could not load credentials from any providers; sign in/,
    ],
    [named('TimeoutError', 'The operation was aborted due to timeout'), /^STS did not answer GetCallerIdentity within 15 s$/],
    [named('Error', 'connect ECONNREFUSED 127.0.0.1:1', { code: 'ECONNREFUSED' }), /^cannot reach STS at sts\.eu-central-1\.amazonaws\.com \(ECONNREFUSED\)$/],
    [named('SomethingElse', 'odd\nsecond line'), /^GetCallerIdentity failed \(SomethingElse\): odd$/],
  ])('%s', (error, expected) => {
    expect(identityErrorText(error, target, 15_000)).toMatch(expected);
  });

  it('takes access key ids out of what it shows', () => {
    const text = identityErrorText(named('InvalidClientTokenId', 'key AKIAIOSFODNN7EXAMPLE and ASIAIOSFODNN7EXAMPLE are unknown'), target, 15_000);
    expect(text).not.toMatch(/AKIA|ASIA/);
    expect(text).toContain('[access key id]');
  });
});

describe('environment service', () => {
  const services: EnvironmentService[] = [];
  afterEach(() => services.splice(0).forEach((service) => service.close()));

  function start(lookup: CallerIdentityLookup, extra: { refreshMs?: number; now?: () => number; rehearsal?: { url?: string; accountId?: string } } = {}) {
    const events: EnvironmentView[] = [];
    const logs: string[] = [];
    const service = new EnvironmentService({
      publish: (event: CockpitEvent) => {
        if (event.type === 'environment.updated') events.push(event.environment);
      },
      log: (line) => logs.push(line),
      operator: 'alice@ws',
      rehearsal: () => ({ url: extra.rehearsal?.url, accountId: extra.rehearsal?.accountId }),
      lookup,
      timeoutMs: 2_000,
      ...(extra.refreshMs !== undefined ? { refreshMs: extra.refreshMs } : {}),
      ...(extra.now ? { now: extra.now } : {}),
    });
    services.push(service);
    return { service, events, logs };
  }

  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 600 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(condition()).toBe(true);
  };

  it('checks the identity when an AWS plan loads, without making the load wait, and publishes each change', async () => {
    let release: (identity: CallerIdentity) => void = () => {};
    const targets: IdentityTarget[] = [];
    const { service, events } = start((target) => {
      targets.push(target);
      return new Promise((resolve) => (release = resolve));
    });
    service.setPlan(productionPlan);
    expect(service.current()).toMatchObject({ kind: 'aws', status: 'checking', production: true });
    expect(targets).toEqual([{ region: 'eu-central-1', profile: 'prod-operator' }]);
    release(IDENTITY);
    await until(() => service.current().status === 'ok');
    expect(events.map((view) => view.status)).toEqual(['checking', 'ok']);
    expect(service.awsIdentity()).toEqual({ accountId: '111122223333', arn: ROLE_ARN });
  });

  it('shows a failed check with its reason and records no identity while it is unknown', async () => {
    let fail = false;
    const { service, logs } = start(async () => {
      if (fail) throw Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredToken' });
      return IDENTITY;
    });
    service.setPlan(awsPlan);
    await until(() => service.current().status === 'ok');
    fail = true;
    const view = await service.refresh();
    expect(view).toMatchObject({ status: 'error', accountId: null, caller: null });
    expect(view.error).toMatch(
      /^the AWS credentials of profile 'migration-operator' have expired.*\(last confirmed as arn:aws:sts::111122223333:assumed-role\/MigrationOperator\/alice at /,
    );
    expect(service.awsIdentity()).toBeUndefined();
    expect(logs.at(-1)).toMatch(/^AWS caller identity unknown: the AWS credentials/);
    fail = false;
    expect(await service.refresh()).toMatchObject({ status: 'ok', accountId: '111122223333', error: null });
  });

  it('checks again every few minutes', async () => {
    let calls = 0;
    const { service } = start(async () => ({ ...IDENTITY, userId: `call-${++calls}` }), { refreshMs: 20 });
    service.setPlan(awsPlan);
    await until(() => calls >= 3);
    expect(service.current().caller?.userId).toMatch(/^call-\d+$/);
  });

  it('checks again right after the credentials expire, when that comes before the next refresh', async () => {
    let calls = 0;
    const expiresAt = () => new Date(Date.now() + 50).toISOString();
    const { service } = start(
      async () => {
        calls += 1;
        // The first credentials expire in 50 ms: checked again just after (plus half a second); the next ones
        // have already expired when they are seen, which never makes a loop.
        return { ...IDENTITY, expiresAt: calls === 1 ? expiresAt() : new Date(Date.now() - 1_000).toISOString() };
      },
      { refreshMs: 60 * 60_000 },
    );
    service.setPlan(awsPlan);
    await until(() => calls === 1);
    expect(service.current().credentialsExpireAt).not.toBeNull();
    await until(() => calls === 2);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(calls).toBe(2);
  });

  it('drops a check for a plan that was replaced meanwhile', async () => {
    const pending: Array<(identity: CallerIdentity) => void> = [];
    const { service } = start(() => new Promise((resolve) => pending.push(resolve)));
    service.setPlan(awsPlan);
    service.setPlan(productionPlan);
    pending[0]!({ ...IDENTITY, accountId: '999999999999' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(service.current()).toMatchObject({ status: 'checking', region: 'eu-central-1' });
    pending[1]!(IDENTITY);
    await until(() => service.current().status === 'ok');
    expect(service.current().accountId).toBe('111122223333');
  });

  it('asks STS nothing in the rehearsal, and follows its clock rate from the monitor', async () => {
    let calls = 0;
    const { service, events } = start(
      async () => {
        calls += 1;
        return IDENTITY;
      },
      { rehearsal: { url: 'http://127.0.0.1:4566', accountId: '123456789012' } },
    );
    service.setPlan(rehearsalPlan);
    expect(service.current()).toMatchObject({ kind: 'rehearsal', accountId: '123456789012', endpoint: 'http://127.0.0.1:4566', clockRate: 1, status: 'ok' });
    service.observe({
      type: 'dms.monitor',
      monitor: {
        state: 'polling',
        target: 'rehearsal',
        intervalSeconds: 5,
        lastCycleAt: null,
        lastCycleMs: null,
        lastCycleCalls: {},
        message: null,
        dataClock: { at: NOW, wallAt: NOW, rate: 60 },
      },
    });
    expect(service.current().clockRate).toBe(60);
    expect((await service.refresh()).kind).toBe('rehearsal');
    expect(calls).toBe(0);
    expect(service.awsIdentity()).toBeUndefined();
    // The same view is not published twice.
    service.setPlan(rehearsalPlan);
    expect(events.map((view) => [view.kind, view.clockRate])).toEqual([
      ['rehearsal', 1],
      ['rehearsal', 60],
    ]);
  });

  it('goes back to no plan', () => {
    const { service } = start(async () => IDENTITY);
    service.setPlan(awsPlan);
    service.setPlan(undefined);
    expect(service.current()).toMatchObject({ kind: 'none', region: null, status: 'ok' });
  });
});

describe('environment per account', () => {
  const services: EnvironmentService[] = [];
  afterEach(() => services.splice(0).forEach((service) => service.close()));
  const accountsPlan = (() => {
    const result = parsePlan(
      TEST_FILE,
      replaceOnce(SMALL_PLAN, REHEARSAL_LINE, '  aws: { region: eu-central-1, profile: migration-operator }')
        .replace(
          /^projects:/m,
          `accounts:
  - { id: "111111111111", name: network, organizationalUnit: Infrastructure, role: { arn: "arn:aws:iam::111111111111:role/Deployer" }, regions: [eu-central-1] }
  - { id: "222222222222", name: prod, organizationalUnit: Workloads/Production, role: { arn: "arn:aws:iam::222222222222:role/Deployer" }, regions: [eu-central-1], production: true }
projects:`,
        )
        .replace(/^( {4}program: .*)$/gm, '$1\n    account: network'),
    );
    if (!result.ok) throw new Error(`test plan invalid: ${result.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
    return result.plan;
  })();

  it('tells a role that cannot be assumed from a session that was refused afterwards', () => {
    const account = { name: 'prod', role: { arn: 'arn:aws:iam::222222222222:role/Deployer' } };
    const denied = (message: string) => Object.assign(new Error(message), { name: 'AccessDeniedException' });
    const target = { region: 'eu-central-1' };
    expect(accountErrorText(denied(`User: ${ROLE_ARN} is not authorized to perform: sts:AssumeRole on resource: x`), account, target, 1000)).toMatch(
      /^the role arn:aws:iam::222222222222:role\/Deployer cannot be assumed \(AccessDeniedException\): check its trust policy/,
    );
    expect(
      accountErrorText(
        denied('User: arn:aws:sts::222222222222:assumed-role/Deployer/alice is not authorized to perform: dms:DescribeReplicationTasks'),
        account,
        target,
        1000,
      ),
    ).toMatch(
      /^the session of role arn:aws:iam::222222222222:role\/Deployer was refused \(AccessDeniedException\): check the role still exists and its permissions/,
    );
  });

  it('lists no accounts for a plan without them', () => {
    expect(environmentView({ plan: awsPlan, operator: 'a@b', rehearsal: noRehearsal, clockRate: undefined, check: undefined, now: NOW }).accounts).toEqual([]);
  });

  it("checks each account with its own session: a denied role shows on its account in the operator's words, the other stays ok", async () => {
    const events: CockpitEvent[] = [];
    const logs: string[] = [];
    const service = new EnvironmentService({
      publish: (event) => events.push(event),
      log: (line) => logs.push(line),
      operator: 'alice@ws',
      rehearsal: () => noRehearsal,
      lookup: async () => IDENTITY,
      accountLookup: async (session) => {
        if (session.account.name === 'prod') {
          throw Object.assign(new Error(`User: ${ROLE_ARN} is not authorized to perform: sts:AssumeRole on resource: ${session.account.role.arn}`), {
            name: 'AccessDenied',
          });
        }
        return {
          accountId: session.account.id,
          arn: `arn:aws:sts::${session.account.id}:assumed-role/Deployer/${session.sessionName}`,
          userId: 'AROA:x',
          expiresAt: NOW,
        };
      },
    });
    services.push(service);
    service.setPlan(accountsPlan);
    expect(service.current().accounts.map((account) => account.status)).toEqual(['checking', 'checking']);
    const view = await service.refresh();
    expect(EnvironmentViewSchema.parse(view)).toEqual(view);
    expect(view.status).toBe('ok');
    expect(view.accounts).toEqual([
      {
        id: '111111111111',
        name: 'network',
        organizationalUnit: 'Infrastructure',
        production: false,
        regions: ['eu-central-1'],
        status: 'ok',
        callerArn: 'arn:aws:sts::111111111111:assumed-role/Deployer/alice@ws',
        principal: 'role Deployer, session alice@ws',
        error: null,
        checkedAt: expect.any(String),
        credentialsExpireAt: NOW,
      },
      expect.objectContaining({
        name: 'prod',
        production: true,
        status: 'error',
        callerArn: null,
        error: `the role arn:aws:iam::222222222222:role/Deployer cannot be assumed (AccessDenied): check its trust policy and external id (User: ${ROLE_ARN} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/Deployer)`,
      }),
    ]);
    expect(logs.filter((line) => line.startsWith('AWS account'))).toEqual([
      'AWS account network (111111111111): arn:aws:sts::111111111111:assumed-role/Deployer/alice@ws',
      expect.stringMatching(/^AWS account prod \(222222222222\) unusable: the role .* cannot be assumed/),
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'environment.updated', environment: { accounts: [{ status: 'ok' }, { status: 'error' }] } });

    // A monitor that cannot read in an account it checked fine makes the account unusable, with the monitor's
    // reason, until it reads there again: the banner never says ok while a monitor is refused there.
    const refusal = 'the replication monitor cannot read it in eu-central-1: AccessDeniedException: denied';
    service.reportAccount('dms', 'network', refusal);
    expect(service.current().accounts[0]).toMatchObject({ status: 'error', error: refusal, callerArn: expect.stringContaining('assumed-role') });
    await service.refresh();
    expect(service.current().accounts[0]).toMatchObject({ status: 'error', error: refusal });
    service.reportAccount('dms', 'network', null);
    expect(service.current().accounts[0]).toMatchObject({ status: 'ok', error: null });
  });
});
