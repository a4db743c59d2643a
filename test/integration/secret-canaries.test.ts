// Canary secrets: every kind of secret a plan names gets a unique planted value (the Pulumi passphrase, a stack's
// secret config, a registry token, AWS credentials), then the cockpit core does what an operator does with the
// real Pulumi CLI and the embedded rehearsal environment: preview, deploy, register (once against a registry that
// echoes the token back in its error), roll back, run and roll back a cutover, and export the evidence pack.
// No canary may appear anywhere: API answers, events, logs, the journal, any file of the data folder or of the
// engine's temporary folder, the evidence, or any process's command line while it all ran. The data folder is
// owner-only (0700) and the files the cockpit writes are 0600.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CutoverRunView, OperationView } from '../../main/api/contract';
import type { CockpitCore } from '../../main/core/cockpit-core';
import { CORE_TRACKS } from '../../main/tracks/index';
import { encodedForms } from '../../main/secrets/redactor';
import { embeddedRehearsal } from '../../rehearsal/embedded';
import { startCommandLineSampler, type CommandLineSampler } from '../support/cmdline-sampler';
import { startEchoingRegistry, type EchoingRegistry } from '../support/echoing-registry';
import { OPERATION_TIMEOUT, pulumiCliOrSkipNote, REPO } from './harness';
import { commandOf, until } from '../support/core-commands';
import { startTestCore } from '../support/test-core';

const CANARIES = {
  MC_CANARY_PASSPHRASE: 'cnry-passphrase-5b1e8d0c9a7f',
  MC_CANARY_DB_PASSWORD: 'cnry-dbpassword-3f9a2c7e41d6',
  MC_CANARY_API_KEY: 'cnry-apikey-8e2d4b6a0c13',
  MC_CANARY_CMDB_TOKEN: 'cnry-cmdbtoken-6c0f1a9e5b24',
  MC_CANARY_ECHO_TOKEN: 'cnry-echotoken-2a7c9e4f8d31',
  AWS_SECRET_ACCESS_KEY: 'cnry-awssecret-9d3b7f1c2e58',
  AWS_SESSION_TOKEN: 'cnry-awssession-4f8e2a6d0b97',
} as const;

const plan = (echoUrl: string) => `version: 1
name: Canary rehearsal
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
  pulumi: { passphraseEnv: MC_CANARY_PASSPHRASE }
registries:
  - id: cmdb
    name: Metadata service
    baseUrl: rehearsal
    auth: { type: bearer, tokenEnv: MC_CANARY_CMDB_TOKEN }
    register: { method: POST, path: /api/v1/instances, body: { name: "{{stack.name}}", project: "{{stack.project}}", owner: "{{stack.config.owner}}" }, idPointer: /id }
    lookup: { method: GET, path: "/api/v1/instances?name={{stack.name}}&project={{stack.project}}", idPointer: /items/0/id }
    deregister: { method: DELETE, path: "/api/v1/instances/{{registration.id}}" }
  - id: echo
    name: Asset inventory that echoes requests
    baseUrl: ${echoUrl}
    auth: { type: header, header: x-api-key, tokenEnv: MC_CANARY_ECHO_TOKEN }
    register: { method: POST, path: /assets, body: { name: "{{stack.name}}" }, idPointer: /id }
    lookup: { method: GET, path: "/assets?name={{stack.name}}", idPointer: /0/id }
    deregister: { method: DELETE, path: "/assets/{{registration.id}}" }
projects:
  - { name: platform-production, program: app-instance }
stacks:
  - name: app8101
    project: platform-production
    config:
      owner: team-a
      instanceType: SIZE
      trafficTarget: datacenter
      dbPassword: { secretEnv: MC_CANARY_DB_PASSWORD }
    registries: [cmdb]
  - name: app8102
    project: platform-production
    config: { owner: team-b, apiKey: { secretEnv: MC_CANARY_API_KEY } }
    registries: [echo]
waves:
  - id: wave-1
    name: Canary wave
    stacks: [app8101]
    cutover:
      downtimeBudgetMinutes: 30
      runbook:
        - { id: announce, name: Announce, manual: Tell the service desk }
        - { id: switch, name: Point traffic at AWS, action: { type: pulumi-up, config: { trafficTarget: aws } }, timeoutMinutes: 5 }
        - { id: register, name: Registered, action: { type: register }, timeoutMinutes: 5 }
  - id: wave-2
    name: Echoing registry
    stacks: [app8102]
`;

let folder = '';
let planFile = '';
let core: CockpitCore | undefined;
let echoing: EchoingRegistry | undefined;
let sampler: CommandLineSampler | undefined;
let skipReason = '';
/** Everything that left the core, as text: answers, event batches, log lines. */
const answers: string[] = [];
const events: string[] = [];
const logs: string[] = [];

beforeAll(async () => {
  const cli = await pulumiCliOrSkipNote();
  if (typeof cli === 'string') {
    skipReason = cli;
    return;
  }
  folder = await mkdtemp(path.join(os.tmpdir(), 'mc-canary-'));
  echoing = await startEchoingRegistry();
  planFile = path.join(folder, 'migration.yaml');
  await writeFile(planFile, plan(echoing.url).replace('SIZE', 't3.large'));
  // The engine's temporary files go where this test can search them.
  await mkdir(path.join(folder, 'tmp'));
  sampler = await startCommandLineSampler();
  core = await startTestCore({
    folder,
    tracks: CORE_TRACKS,
    planFile,
    log: (line) => logs.push(line),
    env: { ...process.env, ...CANARIES, AWS_ACCESS_KEY_ID: 'AKIACANARYNOTSECRET1', TMPDIR: path.join(folder, 'tmp') },
    startRehearsal: embeddedRehearsal(path.join(REPO, 'examples/demo/migration.yaml')),
    cutover: { pollMs: 100 },
  });
  core.subscribe((batch) => events.push(JSON.stringify(batch)));
}, OPERATION_TIMEOUT);

/** The canary run's waits: slower operations, read less often. */
const waitFor = <T>(what: string, read: () => Promise<T>, done: (value: T) => boolean) => until(what, read, done, 150_000, 200);
const command = commandOf(
  () => core,
  (answer) => answers.push(JSON.stringify(answer)),
);

afterAll(async () => {
  await sampler?.stop().catch(() => undefined);
  await core?.close();
  await echoing?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function operate(stackId: string, kind: string): Promise<OperationView> {
  const started = await command<OperationView>('stack.operate', { stackId, kind });
  return waitFor(
    `${kind} of ${stackId}`,
    async () => (await command<OperationView[]>('operations.list', {})).find((operation) => operation.operationId === started.operationId)!,
    (operation) => operation.status !== 'running',
  );
}

const run = async () => (await command<CutoverRunView[]>('cutover.state', { waveId: 'wave-1' }))[0]!;

/** Every file below a folder, with its path. */
async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * Each canary as what would betray it: every 12 characters of it in a row (a text cut inside the secret leaks its
 * first half), and whole the encodings it could be written in (base64 at every alignment among them).
 */
const PIECE = 12;
const canaryForms = Object.entries(CANARIES).map(([name, value]) => ({
  name,
  forms: [...encodedForms(value), ...Array.from({ length: value.length - PIECE + 1 }, (_, at) => value.slice(at, at + PIECE))],
}));

function leaksIn(text: string): string[] {
  return canaryForms.filter(({ forms }) => forms.some((form) => text.includes(form))).map(({ name }) => name);
}

describe('secret canaries', () => {
  it(
    'runs preview, deploy, registration, rollback, a cutover and its rollback, and an evidence export',
    async ({ skip }) => {
      if (!core) skip(skipReason);
      const preview = await operate('platform-production/app8101', 'preview');
      expect(preview.status, preview.message ?? undefined).toBe('succeeded');
      const deploy = await operate('platform-production/app8101', 'up');
      expect(deploy.status, deploy.message ?? undefined).toBe('succeeded');

      // The echoing registry refuses with the token in its body: the failure is shown, the token is not.
      const refused = await operate('platform-production/app8102', 'up');
      expect(refused.status).toBe('failed');
      // The kept log of each operation, as a window that opens late reads it, passes through the same check.
      for (const operation of [preview, deploy, refused]) {
        const log = await command<{ kept: boolean; lines: unknown[] }>('operation.log', { operationId: operation.operationId });
        expect(log.kept).toBe(true);
        expect(log.lines.length).toBeGreaterThan(0);
      }
      expect(refused.message).toMatch(/refused with HTTP 403/);
      expect(echoing!.refused()).toBeGreaterThan(0);

      // A second update (a new instance size), then a stack rollback to the first: its secret config is restored.
      await writeFile(planFile, plan(echoing!.url).replace('SIZE', 't3.xlarge'));
      await command('plan.reload', {});
      expect((await operate('platform-production/app8101', 'up')).status).toBe('succeeded');
      const rollback = await operate('platform-production/app8101', 'rollback');
      expect(rollback.status, rollback.message ?? undefined).toBe('succeeded');

      await command('cutover.start', { waveId: 'wave-1', by: 'canary-test', override: { reason: 'canary rehearsal: no replication gates to wait for' } });
      await waitFor('the manual step', run, (view) => view.steps.find((step) => step.id === 'announce')?.status === 'waiting');
      await command('cutover.confirmStep', { waveId: 'wave-1', stepId: 'announce', by: 'canary-test' });
      const cutOver = await waitFor('the cutover to end', run, (view) => view.status !== 'running' && view.status !== 'pausing');
      expect(cutOver.status, JSON.stringify(cutOver.steps)).toBe('succeeded');
      await command('cutover.rollback', { waveId: 'wave-1', by: 'canary-test', reason: 'canary test of the rollback path' });
      await waitFor('the rollback to end', run, (view) => view.rollback !== null && view.rollback.status !== 'running');

      for (const format of ['markdown', 'html'] as const) {
        const evidence = await command<{ content: string }>('evidence.export', { waveId: 'wave-1', format });
        expect(evidence.content).toContain('app8101');
      }
      await command('journal.list', { limit: 5000 });
    },
    OPERATION_TIMEOUT * 3,
  );

  it('finds no canary in any command line of any process while it ran', async ({ skip }) => {
    if (!core) skip(skipReason);
    const { samples, commandLines } = await sampler!.stop();
    sampler = undefined;
    // The sampler really watched: it saw the engine run and the secret config being written.
    expect(samples).toBeGreaterThan(100);
    expect(commandLines.some((line) => /pulumi.* up /.test(line))).toBe(true);
    expect(commandLines.some((line) => /pulumi config set --secret/.test(line))).toBe(true);
    expect(commandLines.flatMap((line) => leaksIn(line).map((name) => `${name} in: ${line}`))).toEqual([]);
  });

  it("finds no canary in answers, events, logs, the data folder, the engine's temporary files or the evidence", async ({ skip }) => {
    if (!core) skip(skipReason);
    expect(answers.length).toBeGreaterThan(10);
    expect(events.length).toBeGreaterThan(10);
    expect(logs.length).toBeGreaterThan(0);
    const leaks: string[] = [];
    for (const [where, texts] of [
      ['answers', answers],
      ['events', events],
      ['logs', logs],
    ] as const) {
      texts.forEach((text) => leaks.push(...leaksIn(text).map((name) => `${name} in ${where}`)));
    }
    const files = [...(await filesBelow(path.join(folder, 'data'))), ...(await filesBelow(path.join(folder, 'tmp')))];
    expect(files.some((file) => file.endsWith('journal.jsonl'))).toBe(true);
    for (const file of files) leaks.push(...leaksIn((await readFile(file)).toString('latin1')).map((name) => `${name} in ${path.relative(folder, file)}`));
    expect(leaks).toEqual([]);
  });

  it('keeps the data folder owner-only and the files it writes 0600', async ({ skip }) => {
    if (!core) skip(skipReason);
    const data = path.join(folder, 'data');
    const mode = async (file: string) => (await stat(file)).mode & 0o777;
    expect(await mode(data)).toBe(0o700);
    for (const file of ['journal/journal.jsonl', 'recent-plans.json', 'rehearsal/registry.json', 'rehearsal/registry-port', 'rehearsal/aws-port']) {
      expect((await mode(path.join(data, file))).toString(8), file).toBe('600');
    }
  });
});
