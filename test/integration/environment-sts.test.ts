// moto's STS (an independent AWS peer) answers GetCallerIdentity to the environment banner's check, through the real
// SDK and its standard credential chain: a profile with keys, a profile that assumes a role (AssumeRole at moto too,
// through AWS_ENDPOINT_URL_STS), a profile that does not exist. Then the core: environment.get and the
// environment.updated event on a production plan, and a cutover run whose journal records the OS user as the actor,
// the assumed role beside it, and the name the operator typed beside both; no credential anywhere.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EventBatchSchema, type CutoverRunView, type EnvironmentView, type EventBatch, type JournalEntryView } from '../../main/api/contract';
import { startCockpitCore, type CockpitCore } from '../../main/core/cockpit-core';
import { CORE_TRACKS } from '../../main/tracks/index';
import { stsCallerIdentity } from '../../main/core/environment';
import { osActor } from '../../main/journal/journal';
import { startMotoServer, type MotoServer } from '../support/moto';

const APP_ROOT = path.resolve(import.meta.dirname, '../..');
const REGION = 'eu-central-1';
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'sts-peer-canary-secret-0b1f6c2e9d';
const ROLE_ARN = 'arn:aws:sts::123456789012:assumed-role/MigrationOperator/alice';

let moto: MotoServer | undefined;
let skipReason = '';
let folder: string;
let core: CockpitCore | undefined;
const savedEnv: Record<string, string | undefined> = {};
const ENV_KEYS = [
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
  'AWS_ENDPOINT_URL_STS',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_REGION',
  'AWS_EC2_METADATA_DISABLED',
];

beforeAll(async () => {
  const started = await startMotoServer();
  if (typeof started === 'string') {
    skipReason = started;
    return;
  }
  moto = started;
  folder = await mkdtemp(path.join(os.tmpdir(), 'mc-sts-'));
  // The SDK's standard chain reads these files: a profile with keys, and one that assumes a role with it.
  const profiles = `migration-operator]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET}\n`;
  await writeFile(path.join(folder, 'credentials'), `[${profiles}`);
  await writeFile(
    path.join(folder, 'config'),
    `[profile ${profiles}\n[profile assumer]\nrole_arn = arn:aws:iam::123456789012:role/MigrationOperator\nsource_profile = migration-operator\nrole_session_name = alice\n`,
  );
  for (const key of ENV_KEYS) savedEnv[key] = process.env[key];
  for (const key of ENV_KEYS) delete process.env[key];
  Object.assign(process.env, {
    AWS_SHARED_CREDENTIALS_FILE: path.join(folder, 'credentials'),
    AWS_CONFIG_FILE: path.join(folder, 'config'),
    // The role is assumed at moto's STS as well (the plan's endpoint is for the cockpit's own clients).
    AWS_ENDPOINT_URL_STS: moto.url,
    // No instance metadata lookups when a profile is missing: the answer comes at once.
    AWS_EC2_METADATA_DISABLED: 'true',
  });
});

afterEach(async () => {
  await core?.close();
  core = undefined;
});

afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  await moto?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe("GetCallerIdentity through the real SDK, against moto's STS", () => {
  it("names the caller of a profile's keys", async ({ skip }) => {
    if (!moto) skip(skipReason);
    const identity = await stsCallerIdentity({ region: REGION, endpoint: moto!.url, profile: 'migration-operator' }, AbortSignal.timeout(15_000));
    expect(identity).toMatchObject({ accountId: '123456789012', arn: 'arn:aws:sts::123456789012:user/moto' });
    expect(identity.expiresAt).toBeUndefined();
  });

  it('names the assumed role and session of a profile that assumes one, with when its credentials expire', async ({ skip }) => {
    if (!moto) skip(skipReason);
    const hidden: (string | undefined)[] = [];
    const identity = await stsCallerIdentity({ region: REGION, endpoint: moto!.url, profile: 'assumer' }, AbortSignal.timeout(15_000), (...values) =>
      hidden.push(...values),
    );
    expect(identity).toMatchObject({ accountId: '123456789012', arn: ROLE_ARN, userId: expect.stringMatching(/:alice$/) });
    expect(Date.parse(identity.expiresAt!)).toBeGreaterThan(Date.now());
    // The role's secret key and session token go to the redactor, and nowhere else.
    expect(hidden.filter(Boolean)).toHaveLength(2);
    expect(JSON.stringify(identity)).not.toContain(hidden[0]);
  });

  it("refuses with the SDK's reason when the profile has no credentials", async ({ skip }) => {
    if (!moto) skip(skipReason);
    await expect(stsCallerIdentity({ region: REGION, endpoint: moto!.url, profile: 'nobody' }, AbortSignal.timeout(15_000))).rejects.toMatchObject({
      name: 'CredentialsProviderError',
    });
  });
});

describe('the environment through the cockpit core, on moto', () => {
  async function startOn(profile: string) {
    const planFile = path.join(folder, `${profile}.yaml`);
    await writeFile(
      planFile,
      `version: 1
name: STS peer
environment:
  aws: { region: ${REGION}, profile: ${profile}, endpoint: "${moto!.url}", production: true }
projects:
  - { name: apps, program: app-instance }
stacks:
  - { name: app1, project: apps }
waves:
  - id: wave-1
    name: Wave 1
    stacks: [app1]
    cutover:
      downtimeBudgetMinutes: 30
      runbook:
        - { id: announce, name: Announce the cutover, manual: Tell the application's users }
`,
    );
    const batches: EventBatch[] = [];
    const logs: string[] = [];
    core = await startCockpitCore({
      tracks: CORE_TRACKS,
      dataDir: path.join(folder, `data-${profile}`),
      appRoot: APP_ROOT,
      transport: 'web',
      version: 'test',
      watchPlan: false,
      eventFlushMs: 5,
      planFile,
      log: (line) => logs.push(line),
      cutover: { pollMs: 10, isWaveReady: () => ({ ready: true, reasons: [] }) },
    });
    core.subscribe((batch) => batches.push(batch));
    return { batches, logs };
  }

  async function command<T>(name: string, request: unknown): Promise<T> {
    const result = await core!.dispatch(name, request);
    if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
    return result.value as T;
  }

  it('shows the production account and assumed role, and journals them beside the OS user and the typed name', async ({ skip }) => {
    if (!moto) skip(skipReason);
    const { batches, logs } = await startOn('assumer');
    const environment = await command<EnvironmentView>('environment.get', { refresh: true });
    expect(environment).toMatchObject({
      kind: 'aws',
      operator: osActor(),
      region: REGION,
      endpoint: moto!.url,
      profile: 'assumer',
      production: true,
      accountId: '123456789012',
      caller: { arn: ROLE_ARN, principal: 'role MigrationOperator, session alice' },
      status: 'ok',
      error: null,
    });
    expect(environment.credentialsExpireAt).not.toBeNull();

    await command<CutoverRunView>('cutover.start', { waveId: 'wave-1', by: 'Alice Typed' });
    for (let i = 0; i < 200; i++) {
      const [run] = await command<CutoverRunView[]>('cutover.state', { waveId: 'wave-1' });
      if (run?.steps[0]?.status === 'waiting') break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await command<CutoverRunView>('cutover.confirmStep', { waveId: 'wave-1', stepId: 'announce', by: 'Alice Typed' });
    let entries: JournalEntryView[] = [];
    for (let i = 0; i < 200; i++) {
      entries = (await command<{ entries: JournalEntryView[] }>('journal.list', { limit: 100 })).entries;
      if (entries.some((entry) => entry.kind === 'cutover' && entry.phase === 'succeeded')) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry.actor).toBe(osActor());
      expect(entry.awsIdentity).toEqual({ accountId: '123456789012', arn: ROLE_ARN });
    }
    const confirmed = entries.find((entry) => entry.kind === 'cutover-step' && entry.details?.confirmedBy !== undefined);
    expect(confirmed?.details?.confirmedBy).toBe('Alice Typed');
    expect(entries.find((entry) => entry.kind === 'cutover' && entry.phase === 'started')?.details?.by).toBe('Alice Typed');

    await new Promise((resolve) => setTimeout(resolve, 20));
    for (const batch of batches) expect(EventBatchSchema.safeParse(batch).success).toBe(true);
    const published = batches.flatMap((batch) => batch.events.flatMap((event) => (event.type === 'environment.updated' ? [event.environment] : [])));
    expect(published.at(-1)).toMatchObject({ kind: 'aws', status: 'ok', production: true, caller: { arn: ROLE_ARN } });
    expect(logs.join('\n')).toContain(`AWS caller identity: ${ROLE_ARN} (account 123456789012)`);

    // No credential in any answer, event, log line or the journal file.
    const journalText = await readFile(path.join(folder, 'data-assumer', 'journal', 'journal.jsonl'), 'utf8');
    for (const text of [JSON.stringify(environment), JSON.stringify(batches), logs.join('\n'), journalText]) {
      expect(text).not.toContain(SECRET);
    }
  });

  it('says why when the profile has no credentials, and records no identity', async ({ skip }) => {
    if (!moto) skip(skipReason);
    await startOn('nobody');
    const environment = await command<EnvironmentView>('environment.get', { refresh: true });
    expect(environment).toMatchObject({ kind: 'aws', production: true, status: 'error', accountId: null, caller: null });
    expect(environment.error).toMatch(
      /^no usable AWS credentials of profile 'nobody': Could not load credentials from any providers; sign in \(e\.g\. aws sso login --profile nobody\)/,
    );
  });
});
