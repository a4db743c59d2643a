// Rolling a wave's cutover back across systems: the compensating actions of the runbook steps that ran, in
// reverse order within each kind — first the data direction (forward tasks stopped, the plan's reverse CDC tasks
// started and caught up), then each stack's config back to the data center (its cutover config removed, then
// deployed), then the registrations the cutover created removed. Data goes first so users are never sent back to a
// data-center database without the writes made on AWS; deregistrations come last, after every deploy: a deploy of
// the app-instance program registers the stack again. Each compensating step is journaled before it starts and
// when it ends; the first failure stops the rollback, and its summary says where every system stands.
import { randomUUID } from 'node:crypto';
import { taskKey as taskKeyOf } from '../../common/keys';
import type { CompensationView, OperationView, PlannedCompensationView, ReplicationTaskView, RollbackImpactView } from '../api/contract';
import { sleep } from '../monitoring/aws-call';
import { START_TYPE } from '../dms/task-control';
import type { JournalEntry, JournalEntryInput } from '../journal/entry';
import type { MigrationPlan } from '../plan/model';
import type { OperationBody } from '../pulumi/operations';
import { registrationOperation, registrationUrn, stackOperation } from '../pulumi/stack-operations';
import { roundTenths, type OverlayConfig } from './actions';
import type { CompensationDef, RunState } from './ledger';

/**
 * The compensating steps for what a run did, in the order they run. Steps that never started need none. Each kind
 * undoes its steps in reverse order, and the kinds go data first, then traffic, then registrations: forward tasks
 * stop and the fallback reverse task catches up before the config (DNS) points users back at the data center, so
 * they never meet a data-center database without the writes made on AWS.
 */
export function planCompensations(run: RunState, plan: MigrationPlan): CompensationDef[] {
  const wave = plan.waves.find((candidate) => candidate.id === run.waveId);
  const data: CompensationDef[] = [];
  const config: CompensationDef[] = [];
  const deregistrations: CompensationDef[] = [];
  for (const step of [...run.steps].reverse()) {
    if (step.attempt === 0 || !step.def.action) continue;
    const stacksOf = (recorded: unknown) => (Array.isArray(recorded) ? (recorded as string[]) : [...(wave?.stackIds ?? [])]);
    switch (step.def.action.type) {
      case 'pulumi-up': {
        const removes = configKeysInWords(Object.keys(step.def.action.config));
        for (const stackId of [...stacksOf(step.details.stacks)].reverse()) {
          config.push({
            id: `config-back:${stackId}`,
            label: `stack config back to the data center: ${stackId}${removes ? ` (removes ${removes})` : ''}`,
            action: 'config-back',
            system: 'pulumi',
            stackId,
            forStepId: step.def.id,
          });
        }
        break;
      }
      case 'stop-replication': {
        for (const stackId of [...(wave?.stackIds ?? [])].reverse()) {
          const stack = plan.stacks.get(stackId);
          if (!stack) continue;
          stack.replicationTasks.forEach((reference, index) => {
            const taskKey = taskKeyOf(stackId, index);
            const name = 'taskId' in reference ? reference.taskId : taskKey;
            data.push({ id: `stop-forward:${taskKey}`, label: `forward replication ${name} stopped`, action: 'stop-forward', system: 'dms', stackId, forStepId: step.def.id, taskKey });
          });
          const reverse = stack.fallback?.reverseTaskId;
          if (reverse) {
            data.push({ id: `start-reverse:${stackId}`, label: `reverse replication ${reverse} started (AWS → data center)`, action: 'start-reverse', system: 'dms', stackId, forStepId: step.def.id, taskId: reverse });
          }
        }
        break;
      }
      case 'register': {
        const registered = Array.isArray(step.details.registered) ? (step.details.registered as string[]) : [];
        for (const stackId of [...registered].reverse()) {
          deregistrations.push({ id: `deregister:${stackId}`, label: `registration of ${stackId} removed (the cutover created it)`, action: 'deregister', system: 'registry', stackId, forStepId: step.def.id });
        }
        break;
      }
      default:
        break;
    }
  }
  return [...data, ...config, ...deregistrations];
}

/** The cutover config keys the app-instance program reads (pulumi-programs/app-instance/aws.ts), in words. */
const CONFIG_KEY_WORDS: Readonly<Record<string, string>> = {
  trafficTarget: 'traffic target',
  awsAddress: 'AWS address',
  dnsTtl: 'DNS TTL',
};

/** "traffic target, DNS TTL" for the keys a cutover config sets; a key without words stays as it is. */
export function configKeysInWords(keys: readonly string[]): string {
  return keys.map((key) => (Object.hasOwn(CONFIG_KEY_WORDS, key) ? CONFIG_KEY_WORDS[key]! : key)).join(', ');
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
  return new Set(run.rollbacks.flatMap((rollback) => rollback.steps.filter((step) => step.status === 'succeeded' || step.status === 'skipped').map((step) => step.id)));
}

/** What a rollback of the run would do now, for the operator's confirmation. */
export function plannedRollback(run: RunState, plan: MigrationPlan): PlannedCompensationView[] {
  const done = compensationsDone(run);
  return planCompensations(run, plan).map(({ id, label, system, stackId, forStepId }) => ({ id, label, system, stackId, forStepId, done: done.has(id) }));
}

export interface CompensationPorts {
  runOperation(stackId: string, body: OperationBody, parentOperationId: string, signal?: AbortSignal): Promise<OperationView>;
  setConfigOverlay(stackId: string, overlay: OverlayConfig | undefined): void;
  dmsTasks(): readonly ReplicationTaskView[];
  /** Stops a forward task through the monitor's task control, journaled as part of `parentOperationId`. */
  dmsStop(taskKey: string, parentOperationId: string): Promise<ReplicationTaskView>;
  /**
   * The monitor's view of a fallback reverse task (by its DMS identifier); the monitor follows it from the first call
   * on. Throws when it cannot be read at all (no monitor, or one without AWS access: the error says why).
   */
  reverseTask(stackId: string, taskId: string): ReplicationTaskView | undefined;
  /** The newest target-latency sample the monitor holds of a followed reverse task, with its time on the data clock. */
  reverseLatency(stackId: string, taskId: string): { seconds: number; at: number } | null;
  /**
   * Gets a reverse task replicating through the monitor's task control (start on its first run, resume after),
   * journaled as part of `parentOperationId`; `action` is null when it already ran. `since` is the monitor's data
   * time noted just before: only latency samples from then on tell whether the task caught up.
   */
  startReverseTask(stackId: string, taskId: string, parentOperationId: string): Promise<{ action: 'start' | 'resume' | null; view: ReplicationTaskView; since: number }>;
  /**
   * The monitor stops following a reverse task whose compensation failed or was interrupted. After a success it
   * keeps following it: the task keeps the data center current, and its failure raises an alert.
   */
  unwatchReverseTask(stackId: string, taskId: string): void;
  /** Appends to the journal and folds the entry into the state (the runbook engine's record). */
  record(input: JournalEntryInput): Promise<JournalEntry>;
  readonly pollMs?: number;
  /** How long to wait for DMS to report a stopped task (default 10 minutes). */
  readonly stopTimeoutMs?: number;
  /** How long a started reverse task may take to replicate within the wave's latency gate (default 10 minutes). */
  readonly catchUpTimeoutMs?: number;
  /** Called once the rollback's start is journaled (the command answers then). */
  onStarted?(): void;
}

/** How a compensation ended; 'interrupted' when the core shut down while it ran. */
type CompensationResult = { status: 'succeeded' | 'skipped' | 'failed' | 'interrupted'; message: string; operationId?: string };

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
  const defs = planCompensations(run, plan);
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
    message: defs.length === 0 ? 'nothing to compensate: no automated step changed anything' : `${defs.length} compensating step(s)`,
    details: { by, ...(reason ? { reason } : {}), steps: defs, alreadyDone, nextSteps, acceptedLoss: impact.filter((stack) => stack.loss === 'writes') },
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
    const base = { operationId, kind: 'cutover-compensate' as const, target: { type: 'cutover-step' as const, waveId: run.waveId, stepId: def.id }, parentOperationId: rollbackId };
    await ports.record({ ...base, phase: 'started', details: { action: def.action, stackId: def.stackId, forStepId: def.forStepId, by } });
    const stepStarted = Date.now();
    let result: CompensationResult;
    try {
      result = await compensate(ports, def, plan, operationId, signal);
    } catch (error) {
      result = { status: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
    if (signal.aborted && result.status === 'failed') result = { ...result, status: 'interrupted', message: `interrupted: the cockpit shut down during this step (${result.message})` };
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

  const summary = whereThingsStand(run, defs, statuses, messages, failedAt, interrupted);
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
  switch (def.action) {
    case 'config-back': {
      // The cutover config goes first: this deploy, and every later operation, runs with the plan's config.
      ports.setConfigOverlay(def.stackId, undefined);
      const view = await ports.runOperation(def.stackId, stackOperation('up', { message: `migration cockpit: cutover rollback, config back to the data center` }), operationId, signal);
      return view.status === 'succeeded'
        ? { status: 'succeeded', message: `deployed with the data-center config${view.updateVersion ? ` (update ${view.updateVersion})` : ''}`, operationId: view.operationId }
        : { status: 'failed', message: `deploy ${view.status}: ${view.message ?? 'no reason given'}`, operationId: view.operationId };
    }
    case 'deregister': {
      const stack = plan.stacks.get(def.stackId);
      if (!stack) return { status: 'failed', message: `${def.stackId} is not in the loaded plan` };
      const urns = stack.registries.map((registryId) => registrationUrn(stack, registryId));
      const view = await ports.runOperation(def.stackId, registrationOperation('deregister', urns), operationId, signal);
      return view.status === 'succeeded'
        ? { status: 'succeeded', message: `deregistered from ${stack.registries.join(', ')}`, operationId: view.operationId }
        : { status: 'failed', message: `deregister ${view.status}: ${view.message ?? 'no reason given'}`, operationId: view.operationId };
    }
    case 'stop-forward': {
      const task = ports.dmsTasks().find((candidate) => candidate.key === def.taskKey);
      if (!task) return { status: 'failed', message: `the monitor does not know task ${def.taskKey}` };
      if (task.phase === 'stopped' || task.phase === 'full-load-done') return { status: 'skipped', message: `${task.taskId ?? task.key} was already stopped` };
      if (task.phase === 'unresolved' || task.phase === 'not-started') return { status: 'skipped', message: `${task.taskId ?? task.key} is ${task.phase}: nothing runs` };
      if (task.phase !== 'stopping') await ports.dmsStop(task.key, operationId);
      const deadline = Date.now() + (ports.stopTimeoutMs ?? 600_000);
      for (;;) {
        const now = ports.dmsTasks().find((candidate) => candidate.key === def.taskKey);
        if (now?.phase === 'stopped') return { status: 'succeeded', message: `${now.taskId ?? now.key} stopped` };
        if (now?.phase === 'failed') return { status: 'succeeded', message: `${now.taskId ?? now.key} is failed (not replicating)` };
        if (Date.now() > deadline) return { status: 'failed', message: `${task.taskId ?? task.key} did not report stopped in time (now ${now?.status ?? 'unknown'})` };
        if (signal.aborted) return { status: 'interrupted', message: `interrupted: the cockpit shut down while waiting for ${task.taskId ?? task.key} to report stopped (now ${now?.status ?? 'unknown'}; the stop was requested)` };
        await sleep(ports.pollMs ?? 2000, signal);
      }
    }
    case 'start-reverse': {
      let result: CompensationResult | undefined;
      try {
        result = await startReverse(ports, def, plan, operationId, signal);
        return result;
      } finally {
        if (result?.status !== 'succeeded' && result?.status !== 'skipped') {
          try {
            ports.unwatchReverseTask(def.stackId, def.taskId!);
          } catch {
            // No monitor to stop following it: nothing follows it.
          }
        }
      }
    }
  }
}

/**
 * Starts the fallback's reverse task and waits, on the monitor's readings, until it replicates changes with its
 * target latency within the wave's gate: only then is the data center current again.
 */
async function startReverse(ports: CompensationPorts, def: CompensationDef, plan: MigrationPlan, operationId: string, signal: AbortSignal): Promise<CompensationResult> {
  const taskId = def.taskId!;
  const waveId = plan.stacks.get(def.stackId)?.waveId;
  const maxLatency = plan.waves.find((wave) => wave.id === waveId)?.gates?.maxCdcLatencySeconds;
  const deadline = Date.now() + (ports.catchUpTimeoutMs ?? 600_000);
  const poll = ports.pollMs ?? 2000;
  const describe = (view: ReplicationTaskView | undefined) => (view?.status ? `${view.status}, ${view.phase}` : (view?.resolution ?? 'not read yet'));
  const wait = async (what: string, view: ReplicationTaskView | undefined): Promise<CompensationResult | null> => {
    if (signal.aborted) return { status: 'interrupted', message: `interrupted: the cockpit shut down while waiting for ${taskId} to ${what} (now ${describe(view)})` };
    if (Date.now() > deadline) return { status: 'failed', message: `${taskId} did not ${what} within ${inWords(ports.catchUpTimeoutMs ?? 600_000)} (now ${describe(view)})` };
    await sleep(poll, signal);
    return null;
  };

  // 1. The monitor reads the task first: its state decides between start and resume.
  for (;;) {
    const view = ports.reverseTask(def.stackId, taskId);
    if (view?.status) break;
    // DMS answered, and not with this task.
    if (view?.freshness.taskAt) return { status: 'failed', message: view.resolution ?? `DMS has no replication task '${taskId}'` };
    const stop = await wait('be read from DMS', view);
    if (stop) return stop;
  }

  // 2. Start or resume it, through the monitor's task control.
  const { action, since } = await ports.startReverseTask(def.stackId, taskId, operationId);
  const how = action === null ? 'was already running' : `${START_TYPE[action]} accepted by DMS`;

  // 3. Wait until it replicates changes within the wave's latency gate, judged on samples from after the start
  //    only: the newest sample held may be from before the task last stopped (or from the history a first read fetches).
  for (;;) {
    const view = ports.reverseTask(def.stackId, taskId);
    const sample = ports.reverseLatency(def.stackId, taskId);
    const latency = sample !== null && sample.at >= since ? sample.seconds : null;
    if (view?.phase === 'failed') return { status: 'failed', message: `${taskId} ${how}, then failed: ${view.lastFailureMessage ?? view.stopReason ?? 'no reason reported'}` };
    if (view?.phase === 'cdc' && !view.freshness.stale) {
      if (maxLatency === undefined && latency !== null) return { status: 'succeeded', message: `${taskId} ${how}; replicating changes, latency ${roundTenths(latency)} s (the wave has no latency gate)` };
      if (maxLatency !== undefined && latency !== null && latency <= maxLatency) return { status: 'succeeded', message: `${taskId} ${how}; caught up: latency ${roundTenths(latency)} s within ${maxLatency} s` };
    }
    const stop = await wait(
      `catch up (replicating changes${maxLatency !== undefined ? ` with latency within ${maxLatency} s` : ''}; latency ${latency !== null ? `${roundTenths(latency)} s` : 'not read since the start yet'})`,
      view,
    );
    if (stop) return stop.status === 'failed' ? { ...stop, message: `${how}, but ${stop.message}` } : stop;
  }
}

const inWords = (ms: number) => (ms < 1000 ? `${ms} ms` : ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

/** Where every system stands after the rollback (or where it stopped), for the operator and the change board. */
export function whereThingsStand(
  run: RunState,
  defs: readonly CompensationDef[],
  statuses: ReadonlyMap<string, CompensationView['status']>,
  messages: ReadonlyMap<string, string>,
  failedAt: CompensationDef | undefined,
  interrupted = false,
): string {
  const lines: string[] = [];
  if (defs.length === 0) lines.push(`Rollback of ${run.waveId}: no automated step had changed anything; nothing to undo.`);
  else if (interrupted) lines.push(`Rollback of ${run.waveId} INTERRUPTED${failedAt ? ` at "${failedAt.label}"` : ''}: the cockpit shut down before it was done.`);
  else if (failedAt) lines.push(`Rollback of ${run.waveId} STOPPED at "${failedAt.label}": ${messages.get(failedAt.id) ?? 'failed'}.`);
  else lines.push(`Rollback of ${run.waveId} complete.`);
  const systems: [CompensationDef['system'], string][] = [
    ['pulumi', 'Stacks'],
    ['dms', 'Replication'],
    ['registry', 'Registrations'],
  ];
  for (const [system, title] of systems) {
    const items = defs.filter((def) => def.system === system);
    if (items.length === 0) continue;
    lines.push(`${title}: ${items.map((def) => standing(def, statuses.get(def.id) ?? 'pending', messages.get(def.id))).join('; ')}.`);
  }
  const next = manualRollbackSteps(run);
  if (next.length > 0) lines.push(`Next, by hand: ${next.map((text, index) => `${index + 1}. ${text}`).join(' ')}`);
  const unplanned = run.steps.filter((step) => step.def.manual !== undefined && step.attempt > 0 && !step.def.rollback);
  if (unplanned.length > 0) lines.push(`Manual steps without a rollback step in the plan (check them): ${unplanned.map((step) => `${step.def.id} (${step.def.name})`).join(', ')}.`);
  if (interrupted) lines.push('Roll back again to continue: steps already done are not repeated.');
  else if (failedAt) lines.push('Fix the cause, then roll back again: steps already done are not repeated.');
  return lines.join('\n');
}

function standing(def: CompensationDef, status: CompensationView['status'], message: string | undefined): string {
  const failed = (what: string) => `${what} — FAILED: ${message ?? 'no reason given'}`;
  switch (def.action) {
    case 'config-back':
      if (status === 'succeeded' || status === 'skipped') return `${def.stackId} back on the data-center config`;
      if (status === 'failed') return failed(`${def.stackId} may be partly updated (check its last update); its cutover config is removed from the workspace`);
      return `${def.stackId} still on the cutover config`;
    case 'stop-forward':
      if (status === 'succeeded' || status === 'skipped') return `${def.taskKey} stopped`;
      if (status === 'failed') return failed(`${def.taskKey} may still run`);
      return `${def.taskKey} not checked (may still run)`;
    case 'start-reverse':
      if (status === 'succeeded' || status === 'skipped') return `reverse task ${def.taskId} started`;
      if (status === 'failed') return failed(`reverse task ${def.taskId} not replicating within the latency gate (check whether it started)`);
      return `reverse task ${def.taskId} not started`;
    case 'deregister':
      if (status === 'succeeded' || status === 'skipped') return `${def.stackId} deregistered`;
      if (status === 'failed') return failed(`${def.stackId} still registered`);
      return `${def.stackId} still registered`;
  }
}
