// Shared by the cutover unit tests: a plan with a runbook, a journal in a temporary folder, and an engine whose
// actions the test scripts step by step.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CutoverRunView } from '../api/contract';
import { FileJournal, type Journal } from '../journal/journal';
import { parsePlan } from '../plan/plan-testing';
import type { MigrationPlan } from '../plan/model';
import { CORE_TRACKS } from '../tracks/index';
import type { DmsRunbookRuntime } from '../tracks/dms/monitor/runbook-runtime';
import { runbookCatalog } from './catalog';
import type { CoreRuntime } from './core-actions';
import type { CompensationPorts } from './rollback-across';
import type { Readiness, RunbookStepDef } from './ledger';
import { RunbookEngine, type RunbookDeps, type StepContext, type StepOutcome } from './runbook';

/** The catalog the cockpit runs with: the core's declarations and every track's. */
export const TEST_CATALOG = runbookCatalog(CORE_TRACKS);

export const RUNBOOK_PLAN = `version: 1
name: Runbook test
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
projects:
  - { name: apps, program: app-instance }
stacks:
  - { name: app1, project: apps, config: { owner: a }, replicationTasks: [{ taskId: app1-mysql }], fallback: { reverseTaskId: app1-reverse } }
  - { name: app2, project: apps, config: { owner: b }, replicationTasks: [{ taskId: app2-mysql }] }
waves:
  - id: wave-1
    name: Pilot <internal> & "tools"
    stacks: [app1, app2]
    cutoverWindow: { start: 2026-12-05T01:00:00Z, end: 2026-12-05T05:00:00Z }
    cutover:
      downtimeBudgetMinutes: 30
      runbook:
        - { id: announce, name: Announce, manual: "Tell the <service desk>" }
        - { id: quiet, name: Source quiet, action: { type: freeze-check, quietSeconds: 30 }, timeoutMinutes: 1 }
        - { id: stop, name: Stop replication, action: { type: stop-replication } }
        - { id: switch, name: Switch traffic, action: { type: pulumi-up, config: { trafficTarget: aws } } }
        - { id: register, name: Register, action: { type: register } }
        - { id: health, name: Health, action: { type: http-check, url: "https://{{stack.name}}.example.internal/health" }, mustSucceed: false }
`;

/** A rollback's ports over one fake that is the core's runtime and the DMS track's at once (each reads its part). */
export function rollbackPorts(fake: Partial<CoreRuntime & DmsRunbookRuntime> & Pick<CompensationPorts, 'record' | 'onStarted'>): CompensationPorts {
  return { catalog: TEST_CATALOG, runtimeOf: () => fake, record: fake.record, ...(fake.onStarted ? { onStarted: fake.onStarted } : {}) };
}

export function loadTestPlan(text = RUNBOOK_PLAN): MigrationPlan {
  const parsed = parsePlan('/plans/migration.yaml', text);
  if (!parsed.ok) throw new Error(parsed.issues.map((issue) => `${issue.line}:${issue.column} ${issue.message}`).join('\n'));
  return parsed.plan;
}

export type ScriptedAction = (context: StepContext, step: RunbookStepDef) => Promise<StepOutcome>;

export interface EngineFixture {
  readonly engine: RunbookEngine;
  readonly journal: Journal;
  readonly dir: string;
  readonly views: CutoverRunView[];
  readonly actions: Map<string, ScriptedAction>;
  readiness: Readiness;
  restart(): Promise<RunbookEngine>;
  close(): Promise<void>;
}

export async function engineFixture(options: { plan?: MigrationPlan; deps?: Partial<RunbookDeps> } = {}): Promise<EngineFixture> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-runbook-'));
  const plan = options.plan ?? loadTestPlan();
  const views: CutoverRunView[] = [];
  const actions = new Map<string, ScriptedAction>();
  const fixture = {
    readiness: { ready: true, reasons: [] } as Readiness,
  };
  const open = async () => (await FileJournal.open(dir, { actor: 'tester@host' })).journal;
  let journal = await open();
  const make = (history: Parameters<Journal['append']>[0][] | never[] = []) =>
    new RunbookEngine(
      {
        journal,
        plan: () => plan,
        isWaveReady: () => fixture.readiness,
        catalog: TEST_CATALOG,
        snapshots: () => ({
          dms: [
            {
              taskKey: 'apps/app1#0',
              taskId: 'app1-mysql',
              status: 'running',
              phase: 'cdc',
              cdcLatencyTargetSeconds: 0.8,
              validation: { state: 'clean', failedRecords: 0, suspendedRecords: 0 },
            },
          ],
        }),
        runAction: (step, context) => (actions.get(step.id) ?? (async () => ({ ok: true, message: `${step.id} done` })))(context, step),
        publish: (view) => views.push(view),
        defaultActor: () => 'os-user',
        minuteMs: 50,
        // Inside the test wave's cutover window (2026-12-05 01:00-05:00 UTC), so a ready wave starts without override.
        now: () => new Date('2026-12-05T02:00:00Z'),
        ...options.deps,
      },
      history as never[],
    );
  let engine = make();
  return Object.assign(fixture, {
    get engine() {
      return engine;
    },
    get journal() {
      return journal;
    },
    dir,
    views,
    actions,
    async restart() {
      await engine.close();
      journal = await open();
      const { entries } = await journal.read();
      engine = make(entries as never[]);
      return engine;
    },
    async close() {
      await engine.close();
      await rm(dir, { recursive: true, force: true });
    },
  }) as EngineFixture;
}

/** Polls until `condition` holds (or fails the test after `ms`: generous, so a loaded CI machine is never mistaken for a hang). */
export async function eventually(condition: () => boolean, ms = 15_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** An action that runs until the test releases it (or the step's signal aborts). */
export function gate(outcome: StepOutcome = { ok: true, message: 'released' }): {
  action: ScriptedAction;
  release: () => void;
  started: () => boolean;
  sawAbort: () => boolean;
} {
  let release: () => void = () => {};
  let started = false;
  let aborted = false;
  return {
    action: (context) =>
      new Promise<StepOutcome>((resolve) => {
        started = true;
        release = () => resolve(outcome);
        context.signal.addEventListener('abort', () => {
          aborted = true;
          resolve({ ok: false, message: 'stopped' });
        });
      }),
    release: () => release(),
    started: () => started,
    sawAbort: () => aborted,
  };
}
