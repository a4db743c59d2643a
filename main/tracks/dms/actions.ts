// The DMS track's runbook actions, through the replication monitor (monitor/runbook-runtime.ts): freeze-check
// waits until the writers are blocked (no change arrives on any task of the wave), stop-replication drains and
// stops the wave's forward tasks. Each waits on the monitor's data, looks again after a refresh, and honours the
// step's abort signal (timeout or the operator's abort).
import type { CutoverStepTargetView } from '../../api/contract/cutover';
import type { ReplicationTaskView, SeriesPoints } from './contract-views';
import type { DmsRunbookRuntime } from './monitor/runbook-runtime';
import { sleep } from '../../monitoring/aws-call';
import type { WaveModel } from '../../plan/model';
import { stepTarget, type ActionDecl, type AnyActionDecl, type StepContext, type StepOutcome } from '../../seam/runbook-part';
import { stopReplicationCompensations } from './compensations';
import { FREEZE_CHECK, STOP_REPLICATION } from './plan';
import type { FreezeCheck, StopReplication } from './plan-schema';
import { roundTenths } from './rounding';

const DEFAULT_POLL_MS = 2000;

function waveTasks(ports: DmsRunbookRuntime, wave: WaveModel): ReplicationTaskView[] {
  const stacks = new Set(wave.stackIds);
  return ports.dmsTasks().filter((task) => stacks.has(task.stackId));
}

const taskName = (task: ReplicationTaskView) => task.taskId ?? task.key;

/**
 * Brings the monitor's data up to now before a wait looks at it. A refresh cycle ends on its own (every AWS call has
 * a timeout), but the step's timeout or the operator's abort does not wait for it.
 */
async function freshData(ports: DmsRunbookRuntime, signal: AbortSignal): Promise<void> {
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
async function nextLook(ports: DmsRunbookRuntime, signal: AbortSignal): Promise<void> {
  await sleep(ports.pollMs ?? DEFAULT_POLL_MS, signal);
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

const round = roundTenths;

// -----------------------------------------------------------------------------------------------------------
// freeze-check: the writers are blocked when no change arrives on any task of the wave for quietSeconds:
// CDCIncomingChanges (changes waiting to be applied) and CDCThroughputRowsTarget (rows applied per second) both
// stay at or under the limit. The backlog alone is not enough: a target that keeps up shows a backlog of 0 while
// writers are still busy.
// -----------------------------------------------------------------------------------------------------------

const freezeCheck: ActionDecl<FreezeCheck, DmsRunbookRuntime> = {
  // Its type and role as the plan part declares them (plan.ts: the plan's order check reads the role).
  type: FREEZE_CHECK.type,
  role: FREEZE_CHECK.role,
  startsDowntime: true,
  describe: (action) =>
    `writers blocked: CDCIncomingChanges and applied rows at most ${action.maxIncomingChanges} for ${action.quietSeconds} s on every task of the wave`,
  run: (action, context, ports) => runFreezeCheck(ports, action, context),
};

async function runFreezeCheck(ports: DmsRunbookRuntime, action: FreezeCheck, context: StepContext): Promise<StepOutcome> {
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
      targets.push(stepTarget(task.stackId, problem ? 'running' : 'succeeded', problem ?? `quiet for ${action.quietSeconds} s or more`));
    }
    if (problems.length === 0) {
      return { ok: true, message: `writers blocked: every task quiet for at least ${action.quietSeconds} s`, targets };
    }
    context.progress(`waiting for the source to go quiet: ${problems.join('; ')}`, targets);
    await nextLook(ports, context.signal);
  }
  return { ok: false, message: `the source did not go quiet: ${problems.join('; ')}` };
}

function freezeProblem(ports: DmsRunbookRuntime, task: ReplicationTaskView, action: FreezeCheck): string | null {
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

// -----------------------------------------------------------------------------------------------------------
// stop-replication: wait until every task's CDC target latency is at most maxLatencySeconds, then stop each task
// and wait until DMS reports it stopped. A task already stopped is left as it is (a retry goes on from there).
// -----------------------------------------------------------------------------------------------------------

const stopReplication: ActionDecl<StopReplication, DmsRunbookRuntime> = {
  type: STOP_REPLICATION.type,
  role: STOP_REPLICATION.role,
  describe: (action) => `wait until CDC target latency is at most ${action.maxLatencySeconds} s, then stop every replication task of the wave`,
  run: (action, context, ports) => runStopReplication(ports, action, context),
  compensations: (_action, step, wave, plan) => stopReplicationCompensations(step, wave, plan),
};

async function runStopReplication(ports: DmsRunbookRuntime, action: StopReplication, context: StepContext): Promise<StepOutcome> {
  if (waveTasks(ports, context.wave).length === 0) return { ok: true, message: 'no replication task in the wave: nothing to stop' };
  const status = new Map<string, { stackId: string; state: CutoverStepTargetView['status']; message: string }>();
  const targets = () => [...status.values()].map((entry) => stepTarget(entry.stackId, entry.state, entry.message));
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
        return {
          ok: false,
          message: `${taskName(task)} failed: ${task.lastFailureMessage ?? task.stopReason ?? 'no reason reported'}; it cannot be drained`,
          targets: targets(),
        };
      }
      const latency = task.latest.cdcLatencyTargetSeconds;
      let problem: string | null = null;
      if (task.phase !== 'cdc') problem = `is ${task.phase}, not in CDC`;
      else if (task.freshness.stale) problem = `data is stale (${task.freshness.staleReason ?? 'no recent reading'})`;
      else if (latency === null) problem = 'has no CDC latency reading yet';
      else if (latency > action.maxLatencySeconds) problem = `latency ${round(latency)} s > ${action.maxLatencySeconds} s`;
      status.set(task.key, {
        stackId: task.stackId,
        state: problem ? 'running' : 'pending',
        message: problem ? `${taskName(task)} ${problem}` : `${taskName(task)} drained (${round(latency!)} s)`,
      });
      if (problem) waiting.push(`${taskName(task)} ${problem}`);
    }
    if (waiting.length === 0) break;
    context.progress(`draining: ${waiting.join('; ')}`, targets());
    await nextLook(ports, context.signal);
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
    if (open.length === 0)
      return {
        ok: true,
        message: `replication stopped: ${waveTasks(ports, context.wave).map(taskName).join(', ')}`,
        targets: targets(),
        details: { stoppedTasks: toStop.map((task) => task.key) },
      };
    context.progress(`waiting for DMS to report stopped: ${open.map((task) => `${taskName(task)} (${task.status ?? task.phase})`).join(', ')}`, targets());
    await nextLook(ports, context.signal);
  }
  return {
    ok: false,
    message: `not stopped yet: ${open.map(taskName).join(', ')}`,
    targets: targets(),
    details: { stoppedTasks: toStop.map((task) => task.key) },
  };
}

export const DMS_ACTIONS: readonly AnyActionDecl<DmsRunbookRuntime>[] = [freezeCheck, stopReplication];
