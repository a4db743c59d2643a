// Rolling a wave's cutover back across systems: the compensating actions of the runbook steps that ran, as their
// declarations give them (core-actions.ts, each track's runbook part), ordered by phase (COMPENSATION_PHASES:
// data, jobs, traffic, registration) and, within a phase, latest step first. Data goes first so users are never
// sent back to a data-center database without the writes made on AWS; deregistrations come last, after every
// deploy: a deploy of the app-instance program registers the stack again. Each compensating step is journaled
// before it starts and when it ends; the first failure stops the rollback, and its summary says where every system
// stands.
import { randomUUID } from 'node:crypto';
import type { CompensationView, NoWayBackView, PlannedCompensationView, RollbackImpactView } from '../api/contract';
import type { JournalEntry, JournalEntryInput } from '../journal/entry';
import type { MigrationPlan } from '../plan/model';
import type { CompensationResult } from '../seam/runbook-part';
import { PHASE_RANK, type RunbookCatalog, type RuntimeOf } from './catalog';
import type { CompensationDef, RunState } from './ledger';

/**
 * The compensating steps for what a run did, in the order they run. Steps that never started need none. Each
 * phase undoes its steps latest first, and the phases go in COMPENSATION_PHASES order.
 */
export function planCompensations(run: RunState, plan: MigrationPlan, catalog: RunbookCatalog): CompensationDef[] {
  const wave = plan.waves.find((candidate) => candidate.id === run.waveId);
  const gone = foreclosures(run, plan, catalog);
  const foreclosed = (def: CompensationDef) => gone.some((no) => no.system === def.system && no.stackIds.includes(def.stackId));
  const planned: CompensationDef[] = [];
  for (const step of [...run.steps].reverse()) {
    if (step.attempt === 0 || !step.def.action) continue;
    const defs = catalog.actions.get(step.def.action.type)?.decl.compensations?.(step.def.action, step, wave, plan) ?? [];
    planned.push(...defs.filter((def) => !foreclosed(def)));
  }
  const rank = (def: CompensationDef) => PHASE_RANK.get(catalog.compensations.get(def.action)?.decl.phase ?? '') ?? PHASE_RANK.size;
  // Array.prototype.sort is stable: within a phase, the latest step's compensations stay first.
  return planned.sort((a, b) => rank(a) - rank(b));
}

/**
 * What a rollback can no longer undo: for every step the operator took past its point of no return, what its
 * declaration says it took away (the system's compensations for those stacks are no longer planned). A manual step
 * past its point of no return takes nothing the cockpit would undo; its own rollback text stays the operator's.
 */
export function foreclosures(run: RunState, plan: MigrationPlan, catalog: RunbookCatalog): NoWayBackView[] {
  const wave = plan.waves.find((candidate) => candidate.id === run.waveId);
  const views: NoWayBackView[] = [];
  for (const step of run.steps) {
    const passed = step.passedPointOfNoReturn;
    if (!passed || !step.def.action) continue;
    const forecloses = catalog.actions.get(step.def.action.type)?.decl.forecloses;
    if (!forecloses) continue;
    const { system, stackIds, says } = forecloses(step.def.action, step, wave, plan);
    const title = catalog.systems.find((candidate) => candidate.system === system)?.title ?? system;
    views.push({
      stepId: step.def.id,
      stepName: step.def.name,
      system,
      systemTitle: title,
      stackIds: [...stackIds],
      passedBy: passed.by,
      passedAt: passed.at,
      says,
    });
  }
  return views;
}

/** "Keyspaces CANNOT GO BACK for a, b: …" — one line per step past its point of no return. */
export function noWayBackLines(views: readonly NoWayBackView[]): string[] {
  return views.map(
    (view) =>
      `${view.systemTitle} CANNOT GO BACK for ${view.stackIds.join(', ') || 'this wave'}: step '${view.stepId}' went past its point of no return (typed by ${view.passedBy} at ${view.passedAt}). ${view.says}`,
  );
}

/** The plan's manual rollback steps of the runbook steps that ran, latest first: the operator's next things to do. */
export function manualRollbackSteps(run: RunState): string[] {
  return run.steps
    .filter((step) => step.attempt > 0 && step.def.rollback)
    .reverse()
    .map((step) => `${step.def.rollback} (undoes '${step.def.name}')`);
}

/** The ids of the compensations earlier rollbacks of the run did (a next rollback skips them). */
function compensationsDone(run: RunState): Set<string> {
  return new Set(
    run.rollbacks.flatMap((rollback) => rollback.steps.filter((step) => step.status === 'succeeded' || step.status === 'skipped').map((step) => step.id)),
  );
}

/** What a rollback of the run would do now, for the operator's confirmation. */
export function plannedRollback(run: RunState, plan: MigrationPlan, catalog: RunbookCatalog): PlannedCompensationView[] {
  const done = compensationsDone(run);
  return planCompensations(run, plan, catalog).map(({ id, label, system, stackId, forStepId }) => ({
    id,
    label,
    system,
    stackId,
    forStepId,
    done: done.has(id),
  }));
}

export interface CompensationPorts {
  /** Every declared compensation, and whose it is. */
  readonly catalog: RunbookCatalog;
  /** The runtime a compensation acts through: the core's (null) or its track's. */
  readonly runtimeOf: RuntimeOf;
  /** Appends to the journal and folds the entry into the state (the runbook engine's record). */
  record(input: JournalEntryInput): Promise<JournalEntry>;
  /** Called once the rollback's start is journaled (the command answers then). */
  onStarted?(): void;
}

/**
 * Runs the rollback of `run` (already ended or never running); resolves with its outcome once journaled. When
 * `signal` aborts (the core shuts down) it stops promptly: the compensation running then is journaled as
 * interrupted, no later one starts, and the summary says where every system stood.
 */
export async function executeRollback(
  ports: CompensationPorts,
  run: RunState,
  plan: MigrationPlan,
  by: string,
  signal: AbortSignal = new AbortController().signal,
  reason: string | null = null,
  /** What the rollback was expected to lose when the operator confirmed it (rollback-impact.ts), journaled as accepted. */
  impact: readonly RollbackImpactView[] = [],
): Promise<{ ok: boolean; summary: string }> {
  const defs = planCompensations(run, plan, ports.catalog);
  const noWayBack = foreclosures(run, plan, ports.catalog);
  const nextSteps = manualRollbackSteps(run);
  const alreadyDone = [...compensationsDone(run)];
  const rollbackId = randomUUID();
  const waveTarget = { type: 'wave' as const, waveId: run.waveId };
  await ports.record({
    operationId: rollbackId,
    kind: 'cutover-rollback',
    target: waveTarget,
    phase: 'started',
    parentOperationId: run.runId,
    message:
      defs.length > 0
        ? `${defs.length} compensating step(s)${noWayBack.length > 0 ? `; ${noWayBack.map((no) => no.systemTitle).join(', ')} cannot go back` : ''}`
        : noWayBack.length > 0
          ? `nothing the cockpit can still undo: ${noWayBack.map((no) => no.systemTitle).join(', ')} cannot go back`
          : 'nothing to compensate: no automated step changed anything',
    details: {
      by,
      ...(reason ? { reason } : {}),
      steps: defs,
      alreadyDone,
      nextSteps,
      acceptedLoss: impact.filter((stack) => stack.loss === 'writes'),
      ...(noWayBack.length > 0 ? { noWayBack } : {}),
    },
  });
  ports.onStarted?.();
  const started = Date.now();
  const statuses = new Map<string, CompensationView['status']>(defs.map((def) => [def.id, alreadyDone.includes(def.id) ? 'skipped' : 'pending']));
  const messages = new Map<string, string>();
  let failedAt: CompensationDef | undefined;
  let interrupted = false;

  for (const def of defs) {
    if (statuses.get(def.id) === 'skipped') continue;
    if (signal.aborted) {
      interrupted = true;
      break;
    }
    const operationId = randomUUID();
    const base = {
      operationId,
      kind: 'cutover-compensate' as const,
      target: { type: 'cutover-step' as const, waveId: run.waveId, stepId: def.id },
      parentOperationId: rollbackId,
    };
    await ports.record({ ...base, phase: 'started', details: { action: def.action, stackId: def.stackId, forStepId: def.forStepId, by } });
    const stepStarted = Date.now();
    let result: CompensationResult;
    try {
      result = await compensate(ports, def, plan, operationId, signal);
    } catch (error) {
      result = { status: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
    if (signal.aborted && result.status === 'failed')
      result = { ...result, status: 'interrupted', message: `interrupted: the cockpit shut down during this step (${result.message})` };
    statuses.set(def.id, result.status === 'interrupted' ? 'failed' : result.status);
    messages.set(def.id, result.message);
    await ports.record({
      ...base,
      phase: result.status === 'failed' ? 'failed' : result.status === 'interrupted' ? 'interrupted' : result.status === 'skipped' ? 'cancelled' : 'succeeded',
      durationMs: Date.now() - stepStarted,
      message: result.message,
      details: { action: def.action, stackId: def.stackId, by, ...(result.operationId ? { operationId: result.operationId } : {}) },
    });
    if (result.status === 'interrupted') {
      failedAt = def;
      interrupted = true;
      break;
    }
    if (result.status === 'failed') {
      failedAt = def;
      break;
    }
  }

  const summary = whereThingsStand(ports.catalog, run, defs, statuses, messages, failedAt, interrupted, noWayBack);
  await ports.record({
    operationId: rollbackId,
    kind: 'cutover-rollback',
    target: waveTarget,
    phase: interrupted ? 'interrupted' : failedAt ? 'failed' : 'succeeded',
    parentOperationId: run.runId,
    durationMs: Date.now() - started,
    message: summary,
    details: { by },
  });
  return { ok: !failedAt && !interrupted, summary };
}

async function compensate(
  ports: CompensationPorts,
  def: CompensationDef,
  plan: MigrationPlan,
  operationId: string,
  signal: AbortSignal,
): Promise<CompensationResult> {
  const owned = ports.catalog.compensations.get(def.action);
  if (!owned) return { status: 'failed', message: `no compensation '${def.action}' is declared (is its track running?)` };
  return owned.decl.execute(def, { plan, operationId, signal }, ports.runtimeOf(owned.trackId));
}

/** Where every system stands after the rollback (or where it stopped), for the operator and the change board. */
export function whereThingsStand(
  catalog: RunbookCatalog,
  run: RunState,
  defs: readonly CompensationDef[],
  statuses: ReadonlyMap<string, CompensationView['status']>,
  messages: ReadonlyMap<string, string>,
  failedAt: CompensationDef | undefined,
  interrupted = false,
  noWayBack: readonly NoWayBackView[] = [],
): string {
  const lines: string[] = [];
  if (defs.length === 0)
    lines.push(
      noWayBack.length > 0
        ? `Rollback of ${run.waveId}: nothing the cockpit can still undo.`
        : `Rollback of ${run.waveId}: no automated step had changed anything; nothing to undo.`,
    );
  else if (interrupted)
    lines.push(`Rollback of ${run.waveId} INTERRUPTED${failedAt ? ` at "${failedAt.label}"` : ''}: the cockpit shut down before it was done.`);
  else if (failedAt) lines.push(`Rollback of ${run.waveId} STOPPED at "${failedAt.label}": ${messages.get(failedAt.id) ?? 'failed'}.`);
  else lines.push(`Rollback of ${run.waveId} complete.`);
  for (const { system, title } of catalog.systems) {
    const items = defs.filter((def) => def.system === system);
    if (items.length === 0) continue;
    lines.push(`${title}: ${items.map((def) => standing(catalog, def, statuses.get(def.id) ?? 'pending', messages.get(def.id))).join('; ')}.`);
  }
  lines.push(...noWayBackLines(noWayBack));
  const next = manualRollbackSteps(run);
  if (next.length > 0) lines.push(`Next, by hand: ${next.map((text, index) => `${index + 1}. ${text}`).join(' ')}`);
  const unplanned = run.steps.filter((step) => step.def.manual !== undefined && step.attempt > 0 && !step.def.rollback);
  if (unplanned.length > 0)
    lines.push(`Manual steps without a rollback step in the plan (check them): ${unplanned.map((step) => `${step.def.id} (${step.def.name})`).join(', ')}.`);
  if (interrupted) lines.push('Roll back again to continue: steps already done are not repeated.');
  else if (failedAt) lines.push('Fix the cause, then roll back again: steps already done are not repeated.');
  return lines.join('\n');
}

function standing(catalog: RunbookCatalog, def: CompensationDef, status: CompensationView['status'], message: string | undefined): string {
  const decl = catalog.compensations.get(def.action)?.decl;
  if (decl) return decl.standing(def, status, message);
  return status === 'failed' ? `${def.label} — FAILED: ${message ?? 'no reason given'}` : `${def.label}: ${status}`;
}
