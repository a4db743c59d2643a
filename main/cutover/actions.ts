// The automated runbook steps, through injected ports: Pulumi operations (the stack service's runner), DMS (the
// replication monitor's views, series and task control), HTTP (fetch with a timeout per request). Each action
// works on every stack (or replication task) of the wave, reports progress while it waits, honours the step's
// abort signal (timeout or the operator's abort), and says per stack what happened.
import type { CutoverStepTargetView, OperationView, ReplicationTaskView, SeriesPoints } from '../api/contract';
import type { MigrationPlan, StackModel, WaveModel } from '../plan/model';
import { sleep } from '../monitoring/aws-call';
import type { OperationBody } from '../pulumi/operations';
import { registrationOperation, registrationUrn, stackOperation } from '../pulumi/stack-operations';
import type { RunbookAction } from '../plan/schema';
import type { RunbookStepDef } from './ledger';
import type { StepContext, StepOutcome } from './step';

export type OverlayConfig = Readonly<Record<string, string | number | boolean>>;

/** The runbook step attempt that applies a cutover config (for the journal). */
export interface OverlayOrigin {
  readonly waveId: string;
  readonly stepId: string;
  readonly attemptId: string;
}

export interface ActionPorts {
  /** Runs an operation on a stack as part of the step; resolves when it ends, cancels it when `signal` aborts. */
  runOperation(stackId: string, body: OperationBody, parentOperationId: string, signal: AbortSignal): Promise<OperationView>;
  /**
   * Sets (or with undefined clears) a stack's cutover config: every later operation on the stack runs with it.
   * Called per stack just before its deploy; it journals that the stack got the config, and the deploy waits.
   */
  setConfigOverlay(stackId: string, overlay: OverlayConfig | undefined, origin?: OverlayOrigin): void | Promise<void>;
  /** The stack's plain outputs as last known (for {{stack.output.*}}). */
  stackOutputs(stackId: string): Readonly<Record<string, unknown>> | undefined;
  /** The replication monitor's current view of every task. */
  dmsTasks(): readonly ReplicationTaskView[];
  /** A task's recent series (every metric). */
  dmsSeries(taskKey: string): readonly SeriesPoints[];
  /** Stops a task through the monitor's task control, journaled as part of `parentOperationId` (the step's attempt). */
  dmsStop(taskKey: string, parentOperationId: string): Promise<ReplicationTaskView>;
  /**
   * Has the monitor read DMS and CloudWatch now (one refresh cycle, or the one already running). A wait calls it
   * before each look, so it sees its event within one poll, not at the monitor's own next cycle (15 s apart while
   * tasks replicate, 30 s when idle). Without it, a wait reads what the monitor last read.
   */
  readonly dmsRefresh?: () => Promise<void>;
  readonly fetch: typeof fetch;
  /** How long to wait between looks at the monitor's data (default 2 s). */
  readonly pollMs?: number;
}

export function createActions(ports: ActionPorts): {
  run: (step: RunbookStepDef, context: StepContext) => Promise<StepOutcome>;
  plannedDetails: (step: RunbookStepDef, wave: WaveModel) => Record<string, unknown> | undefined;
} {
  const poll = ports.pollMs ?? 2000;
  return {
    plannedDetails: (step, wave) =>
      step.action?.type === 'pulumi-up' ? { overlay: step.action.config, stacks: [...wave.stackIds] } : undefined,
    run: async (step, context) => {
      const action = step.action;
      if (!action) return { ok: false, message: 'not an automated step' };
      switch (action.type) {
        case 'freeze-check':
          return freezeCheck(ports, action, context, poll);
        case 'stop-replication':
          return stopReplication(ports, action, context, poll);
        case 'pulumi-up':
          return pulumiUp(ports, action.config, step, context);
        case 'register':
          return register(ports, context);
        case 'http-check':
          return httpCheck(ports, action, context);
      }
    },
  };
}

type Action<T extends RunbookAction['type']> = Extract<RunbookAction, { type: T }>;

const target = (stackId: string, status: CutoverStepTargetView['status'], message: string | null = null, operation?: OperationView): CutoverStepTargetView => ({
  stackId,
  status,
  message,
  operationId: operation?.operationId ?? null,
  updateVersion: operation?.updateVersion ?? null,
});

function waveTasks(ports: ActionPorts, wave: WaveModel): ReplicationTaskView[] {
  const stacks = new Set(wave.stackIds);
  return ports.dmsTasks().filter((task) => stacks.has(task.stackId));
}

const taskName = (task: ReplicationTaskView) => task.taskId ?? task.key;

/**
 * Brings the monitor's data up to now before a wait looks at it. A refresh cycle ends on its own (every AWS call has
 * a timeout), but the step's timeout or the operator's abort does not wait for it.
 */
async function freshData(ports: ActionPorts, signal: AbortSignal): Promise<void> {
  if (!ports.dmsRefresh || signal.aborted) return;
  let onAbort = () => {};
  const aborted = new Promise<void>((resolve) => signal.addEventListener('abort', (onAbort = () => resolve()), { once: true }));
  try {
    await Promise.race([ports.dmsRefresh().catch(() => undefined), aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** The next look of a wait: `poll` ms later, on data read then. */
async function nextLook(ports: ActionPorts, poll: number, signal: AbortSignal): Promise<void> {
  await sleep(poll, signal);
  await freshData(ports, signal);
}

/** Seconds the series' trailing values have stayed at or under `max` (0 when the latest is above it). */
export function quietFor(points: readonly (readonly [number, number])[], max: number): number {
  const last = points.at(-1);
  if (!last || last[1] > max) return 0;
  let start = last[0];
  for (let i = points.length - 1; i >= 0 && points[i]![1] <= max; i--) start = points[i]![0];
  return (last[0] - start) / 1000;
}

// -----------------------------------------------------------------------------------------------------------
// freeze-check: the writers are blocked when no change arrives on any task of the wave for quietSeconds:
// CDCIncomingChanges (changes waiting to be applied) and CDCThroughputRowsTarget (rows applied per second) both
// stay at or under the limit. The backlog alone is not enough: a target that keeps up shows a backlog of 0 while
// writers are still busy.
// -----------------------------------------------------------------------------------------------------------

async function freezeCheck(ports: ActionPorts, action: Action<'freeze-check'>, context: StepContext, poll: number): Promise<StepOutcome> {
  const tasks = waveTasks(ports, context.wave);
  if (tasks.length === 0) return { ok: true, message: 'no replication task in the wave: nothing to check' };
  let problems: string[] = [];
  await freshData(ports, context.signal);
  while (!context.signal.aborted) {
    problems = [];
    const targets: CutoverStepTargetView[] = [];
    for (const task of waveTasks(ports, context.wave)) {
      const problem = freezeProblem(ports, task, action);
      if (problem) problems.push(`${taskName(task)}: ${problem}`);
      targets.push(target(task.stackId, problem ? 'running' : 'succeeded', problem ?? `quiet for ${action.quietSeconds} s or more`));
    }
    if (problems.length === 0) {
      return { ok: true, message: `writers blocked: every task quiet for at least ${action.quietSeconds} s`, targets };
    }
    context.progress(`waiting for the source to go quiet: ${problems.join('; ')}`, targets);
    await nextLook(ports, poll, context.signal);
  }
  return { ok: false, message: `the source did not go quiet: ${problems.join('; ')}` };
}

function freezeProblem(ports: ActionPorts, task: ReplicationTaskView, action: Action<'freeze-check'>): string | null {
  if (task.phase !== 'cdc') return `the task is ${task.phase}, not replicating changes, so writes cannot be observed`;
  if (task.freshness.stale) return `its data is stale (${task.freshness.staleReason ?? 'no recent reading'})`;
  const series = ports.dmsSeries(task.key);
  const pointsOf = (metric: SeriesPoints['metric']) => series.find((entry) => entry.metric === metric)?.points ?? [];
  const incoming = pointsOf('CDCIncomingChanges');
  const applied = pointsOf('CDCThroughputRowsTarget');
  const quiet = Math.min(quietFor(incoming, action.maxIncomingChanges), quietFor(applied, action.maxIncomingChanges));
  if (quiet >= action.quietSeconds) return null;
  const lastIncoming = incoming.at(-1)?.[1];
  const lastApplied = applied.at(-1)?.[1];
  if (lastIncoming === undefined || lastApplied === undefined) return 'no CDC metrics yet';
  return quiet > 0
    ? `quiet for ${Math.round(quiet)} s of ${action.quietSeconds} s`
    : `changes still arrive (${round(lastIncoming)} waiting, ${round(lastApplied)} rows/s applied)`;
}

/** A measured value as messages show it (latency 1.2730000019 → 1.3). */
export const roundTenths = (value: number) => Math.round(value * 10) / 10;
const round = roundTenths;

// -----------------------------------------------------------------------------------------------------------
// stop-replication: wait until every task's CDC target latency is at most maxLatencySeconds, then stop each task
// and wait until DMS reports it stopped. A task already stopped is left as it is (a retry goes on from there).
// -----------------------------------------------------------------------------------------------------------

async function stopReplication(ports: ActionPorts, action: Action<'stop-replication'>, context: StepContext, poll: number): Promise<StepOutcome> {
  if (waveTasks(ports, context.wave).length === 0) return { ok: true, message: 'no replication task in the wave: nothing to stop' };
  const status = new Map<string, { stackId: string; state: CutoverStepTargetView['status']; message: string }>();
  const targets = () => [...status.values()].map((entry) => target(entry.stackId, entry.state, entry.message));
  let waiting: string[] = [];

  // 1. Drain: every running task at or under the latency limit at the same reading.
  await freshData(ports, context.signal);
  while (!context.signal.aborted) {
    waiting = [];
    for (const task of waveTasks(ports, context.wave)) {
      if (task.phase === 'stopped') {
        status.set(task.key, { stackId: task.stackId, state: 'succeeded', message: `${taskName(task)} already stopped` });
        continue;
      }
      if (task.phase === 'failed') {
        return { ok: false, message: `${taskName(task)} failed: ${task.lastFailureMessage ?? task.stopReason ?? 'no reason reported'}; it cannot be drained`, targets: targets() };
      }
      const latency = task.latest.cdcLatencyTargetSeconds;
      let problem: string | null = null;
      if (task.phase !== 'cdc') problem = `is ${task.phase}, not in CDC`;
      else if (task.freshness.stale) problem = `data is stale (${task.freshness.staleReason ?? 'no recent reading'})`;
      else if (latency === null) problem = 'has no CDC latency reading yet';
      else if (latency > action.maxLatencySeconds) problem = `latency ${round(latency)} s > ${action.maxLatencySeconds} s`;
      status.set(task.key, { stackId: task.stackId, state: problem ? 'running' : 'pending', message: problem ? `${taskName(task)} ${problem}` : `${taskName(task)} drained (${round(latency!)} s)` });
      if (problem) waiting.push(`${taskName(task)} ${problem}`);
    }
    if (waiting.length === 0) break;
    context.progress(`draining: ${waiting.join('; ')}`, targets());
    await nextLook(ports, poll, context.signal);
  }
  if (context.signal.aborted) return { ok: false, message: `replication did not drain: ${waiting.join('; ')}`, targets: targets() };

  // 2. Stop every task that still runs.
  const toStop = waveTasks(ports, context.wave).filter((task) => task.phase !== 'stopped');
  for (const task of toStop) {
    try {
      await ports.dmsStop(task.key, context.attemptId);
      status.set(task.key, { stackId: task.stackId, state: 'running', message: `${taskName(task)} stopping` });
    } catch (error) {
      status.set(task.key, { stackId: task.stackId, state: 'failed', message: `${taskName(task)}: ${error instanceof Error ? error.message : String(error)}` });
      return { ok: false, message: `could not stop ${taskName(task)}: ${error instanceof Error ? error.message : String(error)}`, targets: targets() };
    }
  }
  context.progress(`stopping ${toStop.map(taskName).join(', ')}`, targets());

  // 3. Wait until DMS reports them stopped.
  let open: ReplicationTaskView[] = [];
  while (!context.signal.aborted) {
    open = waveTasks(ports, context.wave).filter((task) => task.phase !== 'stopped');
    for (const task of waveTasks(ports, context.wave)) {
      if (task.phase === 'stopped') status.set(task.key, { stackId: task.stackId, state: 'succeeded', message: `${taskName(task)} stopped` });
    }
    if (open.length === 0) return { ok: true, message: `replication stopped: ${waveTasks(ports, context.wave).map(taskName).join(', ')}`, targets: targets(), details: { stoppedTasks: toStop.map((task) => task.key) } };
    context.progress(`waiting for DMS to report stopped: ${open.map((task) => `${taskName(task)} (${task.status ?? task.phase})`).join(', ')}`, targets());
    await nextLook(ports, poll, context.signal);
  }
  return { ok: false, message: `not stopped yet: ${open.map(taskName).join(', ')}`, targets: targets(), details: { stoppedTasks: toStop.map((task) => task.key) } };
}

// -----------------------------------------------------------------------------------------------------------
// pulumi-up: each stack of the wave deployed with its cutover config (kept for every later operation on it
// until a rollback clears it), at most maxParallel at once; after a failure no new stack starts.
// -----------------------------------------------------------------------------------------------------------

async function pulumiUp(ports: ActionPorts, overlay: OverlayConfig, step: RunbookStepDef, context: StepContext): Promise<StepOutcome> {
  const results = new Map<string, CutoverStepTargetView>(context.wave.stackIds.map((stackId) => [stackId, target(stackId, 'pending')]));
  const body = () => stackOperation('up', { message: `migration cockpit: cutover of ${context.wave.id}, step ${step.id}` });
  const outcome = await eachStack(context, results, async (stackId) => {
    await ports.setConfigOverlay(stackId, overlay, { waveId: context.wave.id, stepId: step.id, attemptId: context.attemptId });
    return ports.runOperation(stackId, body(), context.attemptId, context.signal);
  });
  const failed = [...results.values()].filter((entry) => entry.status === 'failed');
  return {
    ok: outcome && failed.length === 0,
    message:
      failed.length === 0
        ? `deployed with ${Object.entries(overlay).map(([k, v]) => `${k}=${String(v)}`).join(', ')}: ${context.wave.stackIds.join(', ')}`
        : `failed: ${failed.map((entry) => `${entry.stackId} (${entry.message ?? 'failed'})`).join('; ')}`,
    targets: [...results.values()],
    details: { overlay, stacks: [...context.wave.stackIds] },
  };
}

// -----------------------------------------------------------------------------------------------------------
// register: each stack with registries registers (a targeted update of its registration resources; a stack that
// is registered already stays as it is). Which stacks were registered now is recorded for a rollback.
// -----------------------------------------------------------------------------------------------------------

async function register(ports: ActionPorts, context: StepContext): Promise<StepOutcome> {
  const stacks = context.wave.stackIds.map((id) => context.plan.stacks.get(id)).filter((stack): stack is StackModel => !!stack && stack.registries.length > 0);
  if (stacks.length === 0) return { ok: true, message: 'no stack of the wave registers with a registry' };
  const results = new Map<string, CutoverStepTargetView>(stacks.map((stack) => [stack.id, target(stack.id, 'pending')]));
  const registered: string[] = [];
  const outcome = await eachStack(context, results, async (stackId) => {
    const stack = context.plan.stacks.get(stackId)!;
    const urns = stack.registries.map((registryId) => registrationUrn(stack, registryId));
    const view = await ports.runOperation(stackId, registrationOperation('register', urns), context.attemptId, context.signal);
    if (view.status === 'succeeded' && (view.changes?.create ?? 0) > 0) registered.push(stackId);
    return view;
  }, (view) => (view.status === 'succeeded' ? ((view.changes?.create ?? 0) > 0 ? 'registered now' : 'already registered') : null));
  const failed = [...results.values()].filter((entry) => entry.status === 'failed');
  return {
    ok: outcome && failed.length === 0,
    message:
      failed.length === 0
        ? registerSummary(
            registered,
            stacks.map((stack) => stack.id).filter((stackId) => !registered.includes(stackId)),
          )
        : `failed: ${failed.map((entry) => `${entry.stackId} (${entry.message ?? 'failed'})`).join('; ')}`,
    targets: [...results.values()],
    details: { registered },
  };
}

/** Which stacks the register step registered now and which were registered before it, in words. */
export function registerSummary(registeredNow: readonly string[], alreadyRegistered: readonly string[]): string {
  if (registeredNow.length === 0) return `all ${alreadyRegistered.length} already registered: ${alreadyRegistered.join(', ')}`;
  const now = `registered ${registeredNow.join(', ')}`;
  return alreadyRegistered.length === 0 ? now : `${now}; already registered: ${alreadyRegistered.join(', ')}`;
}

/** Runs `work` per stack, maxParallel at once, stopping new starts after a failure. False when any failed. */
async function eachStack(
  context: StepContext,
  results: Map<string, CutoverStepTargetView>,
  work: (stackId: string) => Promise<OperationView>,
  describe: (view: OperationView) => string | null = () => null,
): Promise<boolean> {
  const queue = [...results.keys()];
  let failed = false;
  const publish = () => context.progress(`${[...results.values()].filter((entry) => entry.status === 'succeeded').length} of ${results.size} stacks done`, [...results.values()]);
  const worker = async () => {
    for (let stackId = queue.shift(); stackId; stackId = queue.shift()) {
      if (failed || context.signal.aborted) {
        results.set(stackId, target(stackId, 'skipped', 'not started (an earlier stack failed or the step was stopped)'));
        continue;
      }
      results.set(stackId, target(stackId, 'running'));
      publish();
      try {
        const view = await work(stackId);
        const ok = view.status === 'succeeded';
        results.set(stackId, target(stackId, ok ? 'succeeded' : 'failed', ok ? describe(view) : `${view.kind} ${view.status}${view.message ? `: ${view.message}` : ''}`, view));
        if (!ok) failed = true;
      } catch (error) {
        failed = true;
        results.set(stackId, target(stackId, 'failed', error instanceof Error ? error.message : String(error)));
      }
      publish();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(context.wave.maxParallel, results.size)) }, worker));
  return !failed;
}

// -----------------------------------------------------------------------------------------------------------
// http-check: the URL per stack (placeholders from the plan and the stack's outputs), until it answers the
// expected status, up to 1 + retries attempts; every stack at once.
// -----------------------------------------------------------------------------------------------------------

async function httpCheck(ports: ActionPorts, action: Action<'http-check'>, context: StepContext): Promise<StepOutcome> {
  const results = new Map<string, CutoverStepTargetView>(context.wave.stackIds.map((stackId) => [stackId, target(stackId, 'running')]));
  await Promise.all(
    context.wave.stackIds.map(async (stackId) => {
      const stack = context.plan.stacks.get(stackId);
      const url = stack ? renderUrl(action.url, context.plan, context.wave, stack, ports.stackOutputs(stackId)) : { error: 'not in the plan' };
      if ('error' in url) return void results.set(stackId, target(stackId, 'failed', url.error));
      let last = '';
      for (let attempt = 0; attempt <= action.retries && !context.signal.aborted; attempt++) {
        if (attempt > 0) await sleep(action.retryDelaySeconds * 1000, context.signal);
        if (context.signal.aborted) break;
        try {
          const response = await ports.fetch(url.url, {
            redirect: 'manual',
            signal: AbortSignal.any([context.signal, AbortSignal.timeout(action.requestTimeoutSeconds * 1000)]),
          });
          await response.body?.cancel().catch(() => undefined);
          if (response.status === action.expectStatus) {
            return void results.set(stackId, target(stackId, 'succeeded', `HTTP ${response.status} from ${url.url}${attempt > 0 ? ` (attempt ${attempt + 1})` : ''}`));
          }
          last = `HTTP ${response.status} from ${url.url}, expected ${action.expectStatus}`;
        } catch (error) {
          last = `${url.url}: ${describeFetchError(error, action.requestTimeoutSeconds)}`;
        }
        results.set(stackId, target(stackId, 'running', `${last} (attempt ${attempt + 1} of ${action.retries + 1})`));
        context.progress(`checking ${context.wave.stackIds.length} URL(s)`, [...results.values()]);
      }
      results.set(stackId, target(stackId, 'failed', `${last || 'not checked'} after ${action.retries + 1} attempt(s)`));
    }),
  );
  const failed = [...results.values()].filter((entry) => entry.status !== 'succeeded');
  return {
    ok: failed.length === 0,
    message: failed.length === 0 ? `healthy: ${context.wave.stackIds.join(', ')}` : failed.map((entry) => `${entry.stackId}: ${entry.message ?? 'failed'}`).join('; '),
    targets: [...results.values()],
  };
}

function describeFetchError(error: unknown, timeoutSeconds: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutSeconds} s`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  return cause ?? (error instanceof Error ? error.message : String(error));
}

/** Fills {{placeholders}} of an http-check URL for a stack (values as they are: the URL is the operator's). */
export function renderUrl(
  template: string,
  plan: MigrationPlan,
  wave: WaveModel,
  stack: StackModel,
  outputs: Readonly<Record<string, unknown>> | undefined,
): { url: string } | { error: string } {
  const fixed: Record<string, string> = {
    'plan.name': plan.name,
    'stack.id': stack.id,
    'stack.name': stack.name,
    'stack.project': stack.project,
    'stack.description': stack.description ?? '',
    'wave.id': wave.id,
    'wave.name': wave.name,
  };
  let missing: string | undefined;
  const url = template.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_match, variable: string) => {
    if (variable in fixed) return fixed[variable]!;
    const config = /^stack\.config\.(.+)$/.exec(variable);
    if (config) {
      const value = stack.config[config[1]!];
      if (value === undefined || typeof value === 'object') missing ??= `config '${config[1]}' is not a plain value of ${stack.id}`;
      return typeof value === 'object' || value === undefined ? '' : String(value);
    }
    const output = /^stack\.output\.(.+)$/.exec(variable);
    if (output) {
      const value = outputs?.[output[1]!];
      if (value === undefined || value === null || typeof value === 'object') missing ??= `stack output '${output[1]}' of ${stack.id} is not known (deploy the stack first)`;
      return value === undefined || value === null || typeof value === 'object' ? '' : String(value);
    }
    missing ??= `unknown placeholder {{${variable}}}`;
    return '';
  });
  return missing ? { error: missing } : { url };
}
