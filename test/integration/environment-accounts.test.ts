// The environment per account in the core (accounts listed by name, as the plan model keeps them) with the embedded rehearsal: a plan across three accounts on
// `endpoint: rehearsal` makes the rehearsal's STS allow exactly its roles (one with its external id), each account's
// session is assumed from the one sign-in and checked with GetCallerIdentity, and an account whose external id
// variable is not set shows why while the others work. Canaries: the planted external id and secret key, and the
// sessions' own secret keys and tokens, appear in no answer, event or log line.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnvironmentView } from '../../main/api/contract';
import type { CockpitCore } from '../../main/core/cockpit-core';
import { osActor } from '../../main/journal/journal';
import { CORE_TRACKS } from '../../main/tracks/index';
import { embeddedRehearsal } from '../../rehearsal/embedded';
import { REPO } from './harness';
import { commandOf, until } from '../support/core-commands';
import { startTestCore } from '../support/test-core';

const EXTERNAL_ID = 'cnry-externalid-7d2f9b1c4e80';
const SECRET_KEY = 'cnry-awssecret-1e6a3c9d5f27';

const PLAN = `version: 1
name: Accounts in the rehearsal
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
accounts:
  - { id: "111111111111", name: network, organizationalUnit: Infrastructure, role: { arn: "arn:aws:iam::111111111111:role/MigrationOperator" }, regions: [eu-central-1] }
  - id: "222222222222"
    name: workloads
    organizationalUnit: Workloads/NonProduction
    role: { arn: "arn:aws:iam::222222222222:role/migration/MigrationOperator", externalIdEnv: MC_CANARY_EXTERNAL_ID }
    regions: [eu-central-1, eu-west-1]
  - id: "333333333333"
    name: sandbox
    organizationalUnit: Sandbox
    role: { arn: "arn:aws:iam::333333333333:role/MigrationOperator", externalIdEnv: MC_UNSET_EXTERNAL_ID }
    regions: [eu-west-1]
projects:
  - { name: core-networking, account: network, program: app-instance }
  - { name: apps, account: workloads, program: app-instance }
  - { name: trials, account: sandbox, program: app-instance }
stacks:
  - { name: net1, project: core-networking }
  - { name: app1, project: apps }
  - { name: try1, project: trials }
waves:
  - { id: wave-1, name: Wave 1, stacks: [net1, app1, try1] }
`;

let folder = '';
let core: CockpitCore | undefined;
const answers: string[] = [];
const events: string[] = [];
const logs: string[] = [];
const command = commandOf(
  () => core,
  (answer) => answers.push(JSON.stringify(answer)),
);

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'mc-accounts-'));
  const planFile = path.join(folder, 'migration.yaml');
  await writeFile(planFile, PLAN);
  const env: NodeJS.ProcessEnv = { ...process.env, MC_CANARY_EXTERNAL_ID: EXTERNAL_ID, AWS_SECRET_ACCESS_KEY: SECRET_KEY };
  delete env.MC_UNSET_EXTERNAL_ID;
  core = await startTestCore({
    folder,
    tracks: CORE_TRACKS,
    planFile,
    log: (line) => logs.push(line),
    env,
    startRehearsal: embeddedRehearsal(path.join(REPO, 'examples/demo/migration.yaml')),
  });
  core.subscribe((batch) => events.push(JSON.stringify(batch)));
}, 60_000);

afterAll(async () => {
  await core?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('environment per account (embedded rehearsal)', () => {
  it('assumes each declared role in the rehearsal, shows each account on its own, and lets no secret out', async () => {
    const environment = await until(
      'every account checked',
      () => command<EnvironmentView>('environment.get', { refresh: false }),
      (view) => view.accounts.length === 3 && view.accounts.every((account) => account.status !== 'checking'),
      20_000,
      50,
    );
    const session = osActor()
      .replace(/[^\w+=,.@-]/g, '-')
      .slice(0, 64);
    expect(environment.kind).toBe('rehearsal');
    expect(environment.accounts.map(({ name, id, status }) => ({ name, id, status }))).toEqual([
      { name: 'network', id: '111111111111', status: 'ok' },
      { name: 'sandbox', id: '333333333333', status: 'error' },
      { name: 'workloads', id: '222222222222', status: 'ok' },
    ]);
    expect(environment.accounts[0]).toMatchObject({
      callerArn: `arn:aws:sts::111111111111:assumed-role/MigrationOperator/${session}`,
      principal: `role MigrationOperator, session ${session}`,
      organizationalUnit: 'Infrastructure',
      production: false,
      regions: ['eu-central-1'],
    });
    // A role under an IAM path is the role the plan names (the assumed-role ARN drops the path, as AWS does).
    expect(environment.accounts[2]!.callerArn).toBe(`arn:aws:sts::222222222222:assumed-role/MigrationOperator/${session}`);
    expect(environment.accounts[2]!.credentialsExpireAt).not.toBeNull();
    expect(environment.accounts[1]!.error).toBe(
      "the external id of account 'sandbox' is read from the environment variable MC_UNSET_EXTERNAL_ID, which is not set: set it and check again",
    );
    expect(logs.some((line) => line.includes('AWS account sandbox (333333333333) unusable'))).toBe(true);

    // Checked again on demand: the sessions are reused, the statuses stay.
    const again = await command<EnvironmentView>('environment.get', { refresh: true });
    expect(again.accounts.map((account) => account.status)).toEqual(['ok', 'error', 'ok']);

    await until(
      'the events carry the accounts',
      async () => events.join('\n'),
      (text) => text.includes('assumed-role/MigrationOperator'),
      5000,
      20,
    );
    const everything = [...answers, ...events, ...logs].join('\n');
    expect(everything).not.toContain(EXTERNAL_ID);
    expect(everything).not.toContain(SECRET_KEY);
    expect(everything).not.toMatch(/IQoJb3JpZ2luX2VjE/); // the start of every rehearsal session token
  });
});
