// A cockpit core's Pulumi side, assembled for integration tests: the real CLI, a temporary data folder and
// file:// backend, the rehearsal registry, a journal, and the operation and wave runners.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import type { CockpitEvent, LifecycleState } from '../../main/api/contract';
import { FileJournal } from '../../main/journal/journal';
import { parsePlan } from '../../main/plan/plan-testing';
import type { MigrationPlan } from '../../main/plan/model';
import { OperationRunner, type OperationOutcome } from '../../main/pulumi/operations';
import { findPulumiCli, type PulumiCliLocation } from '../../main/pulumi/toolchain';
import { WaveRunner } from '../../main/pulumi/wave-runner';
import { openStack, type WorkspaceContext } from '../../main/pulumi/workspace';
import { SecretRedactor } from '../../main/secrets/redactor';
import { startRegistryService, type RegistryService } from '../../rehearsal/registry/index';
import { skipNoteOrFail } from '../support/required-tools';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const OPERATION_TIMEOUT = 180_000;

export interface Harness {
  readonly dir: string;
  readonly registry: RegistryService;
  readonly journal: FileJournal;
  readonly runner: OperationRunner;
  readonly waves: WaveRunner;
  readonly events: CockpitEvent[];
  readonly token: string;
  readonly lifecycles: Map<string, LifecycleState>;
  /** The outcome of each stack's last successful operation (its outputs included), by stack id. */
  readonly outcomes: Map<string, OperationOutcome>;
  /** Replaces the plan (as if the operator edited the file). */
  setPlan(text: string): void;
  /** The workspace context operations run with (the plan as it is now). */
  context(): WorkspaceContext;
  registered(): string[];
  close(): Promise<void>;
}

/** Undefined (with the reason) when no Pulumi CLI is available; in CI that is an error instead. */
export interface HarnessOptions {
  /** Environment variables for the engine on top of the test process's. */
  readonly env?: Record<string, string>;
  /** The rehearsal environment's AWS endpoint, for stacks that create DMS replication there. */
  readonly awsUrl?: string;
}

/** The Pulumi CLI, or the skip note when the run opted out of it (without the opt-out a missing CLI throws). */
export async function pulumiCliOrSkipNote(): Promise<PulumiCliLocation | string> {
  const found = await findPulumiCli();
  return found.found ? found : skipNoteOrFail('pulumi', found.message);
}

export async function startHarness(planText: string, options: HarnessOptions = {}): Promise<Harness | string> {
  const cli = await pulumiCliOrSkipNote();
  if (typeof cli === 'string') return cli;
  const token = 'rehearsal-cmdb-token';
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-it-'));
  const registry = await startRegistryService({ token });
  const planFile = path.join(dir, 'migration.yaml');
  const redactor = new SecretRedactor();
  redactor.add(token);
  const events: CockpitEvent[] = [];
  const lifecycles = new Map<string, LifecycleState>();
  const outcomes = new Map<string, OperationOutcome>();
  const { journal } = await FileJournal.open(path.join(dir, 'data', 'journal'), { redact: (entry) => redactor.redactDeep(entry) });

  let plan: MigrationPlan;
  const setPlan = (text: string) => {
    const parsed = parsePlan(planFile, text);
    if (!parsed.ok) throw new Error(parsed.issues.map((issue) => `${issue.line}:${issue.column} ${issue.message}`).join('\n'));
    plan = parsed.plan;
  };
  setPlan(planText);
  await writeFile(planFile, planText);

  const context = (): WorkspaceContext => ({
    plan,
    appRoot: REPO,
    dataDir: path.join(dir, 'data'),
    cli,
    redactor,
    rehearsal: { registryUrl: registry.url, ...(options.awsUrl ? { awsUrl: options.awsUrl } : {}) },
    env: { ...process.env, MC_IT_CMDB_TOKEN: token, MIGRATION_PULUMI_PASSPHRASE: 'integration-passphrase', ...options.env },
  });
  const runner = new OperationRunner({
    journal,
    redactor,
    publish: (event) => events.push(event),
    openStack: (stackId) => openStack(context(), stackId),
    log: () => {},
    onOutcome: (stackId, outcome) => outcomes.set(stackId, outcome),
  });
  const waves = new WaveRunner({
    runner,
    journal,
    publish: (event) => events.push(event),
    plan: () => plan,
    lifecycleOf: (stackId) => lifecycles.get(stackId) ?? 'planned',
    log: () => {},
  });

  return {
    dir,
    registry,
    journal,
    runner,
    waves,
    events,
    token,
    lifecycles,
    outcomes,
    setPlan,
    context,
    registered: () =>
      registry
        .instances()
        .map((instance) => `${instance.project}/${instance.name}`)
        .sort(),
    async close() {
      await runner.stopAll();
      await registry.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A plan with a rehearsal registry `cmdb` (token from MC_IT_CMDB_TOKEN) and the app-instance program. */
export function planWith(stacks: string, waves: string, extraRegistries = ''): string {
  return `version: 1
name: Integration
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
  pulumi: { passphraseEnv: MIGRATION_PULUMI_PASSPHRASE }
registries:
  - id: cmdb
    name: Metadata service
    baseUrl: rehearsal
    auth: { type: bearer, tokenEnv: MC_IT_CMDB_TOKEN }
    register: { method: POST, path: /api/v1/instances, body: { name: "{{stack.name}}", project: "{{stack.project}}", owner: "{{stack.config.owner}}" }, idPointer: /id }
    lookup: { method: GET, path: "/api/v1/instances?name={{stack.name}}&project={{stack.project}}", idPointer: /items/0/id }
    deregister: { method: DELETE, path: "/api/v1/instances/{{registration.id}}" }
${extraRegistries}projects:
  - name: platform-production
    program: app-instance
stacks:
${stacks}waves:
${waves}`;
}

/**
 * Starts a harness for the test file (beforeAll) and closes it (afterAll); `need(skip)` in a test returns it,
 * or skips the test with the reason there is none (no Pulumi CLI outside CI).
 */
export function useHarness(planText: string): (skip: (reason: string) => never) => Harness {
  let harness: Harness | undefined;
  let skipReason = '';
  beforeAll(async () => {
    const started = await startHarness(planText);
    if (typeof started === 'string') skipReason = started;
    else harness = started;
  }, OPERATION_TIMEOUT);
  afterAll(async () => {
    await harness?.close();
  });
  return (skip) => harness ?? skip(skipReason);
}
