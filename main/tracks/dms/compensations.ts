// What undoes the DMS track's runbook steps in a rollback across systems, and what a rollback would lose.
// stop-replication is undone in the data phase (first): each forward task of the wave stopped (stop-forward), then
// the plan's fallback reverse task (AWS → data center) started and caught up (start-reverse), so users never meet a
// data-center database without the writes made on AWS.
//
// Loss: a stack with a fallback reverse task loses nothing (the rollback carries the writes back before traffic
// returns). Any other stack whose traffic moved loses the writes made on AWS since the switch, estimated from the
// application's write rate before the cutover — the mean CDC rows/s the stack's forward tasks applied, journaled
// when the run started (evidence.ts) — times the time since the switch on the data's clock:
//   estimatedRows = Σ tasks' writeRowsPerSecond × (now − switchedAt) / 1000 × dataClockRate
import { taskKey as taskKeyOf } from '../../../common/keys';
import type { ReplicationTaskView } from './contract-views';
import type { DmsRunbookRuntime } from './monitor/runbook-runtime';
import { START_TYPE } from './monitor/task-control';
import { sleep } from '../../monitoring/aws-call';
import type { MigrationPlan, WaveModel } from '../../plan/model';
import type { CompensationDecl, CompensationDef, CompensationResult, RanStep, RunbookPart } from '../../seam/runbook-part';
import { dmsPlan, reverseTaskOf } from './plan';
import { roundTenths } from './rounding';

const DEFAULT_POLL_MS = 2000;

/** The compensations of a stop-replication step: per stack of the wave, latest first, its forward tasks stopped, then its reverse task started. */
export function stopReplicationCompensations(step: RanStep, wave: WaveModel | undefined, plan: MigrationPlan): CompensationDef[] {
  const defs: CompensationDef[] = [];
  for (const stackId of [...(wave?.stackIds ?? [])].reverse()) {
    const stack = plan.stacks.get(stackId);
    if (!stack) continue;
    const { replicationTasks, fallback } = dmsPlan.of(stack);
    replicationTasks.forEach((reference, index) => {
      const taskKey = taskKeyOf(stackId, index);
      const name = 'taskId' in reference ? reference.taskId : taskKey;
      defs.push({
        id: `stop-forward:${taskKey}`,
        label: `forward replication ${name} stopped`,
        action: 'stop-forward',
        system: 'dms',
        stackId,
        forStepId: step.def.id,
        taskKey,
      });
    });
    const reverse = fallback?.reverseTaskId;
    if (reverse) {
      defs.push({
        id: `start-reverse:${stackId}`,
        label: `reverse replication ${reverse} started (AWS → data center)`,
        action: 'start-reverse',
        system: 'dms',
        stackId,
        forStepId: step.def.id,
        taskId: reverse,
      });
    }
  }
  return defs;
}

const failedStanding = (what: string, message: string | undefined) => `${what} — FAILED: ${message ?? 'no reason given'}`;

const stopForward: CompensationDecl<DmsRunbookRuntime> = {
  action: 'stop-forward',
  system: 'dms',
  systemTitle: 'Replication',
  phase: 'data',
  execute: async (def, context, ports) => {
    const task = ports.dmsTasks().find((candidate) => candidate.key === def.taskKey);
    if (!task) return { status: 'failed', message: `the monitor does not know task ${def.taskKey}` };
    if (task.phase === 'stopped' || task.phase === 'full-load-done') return { status: 'skipped', message: `${task.taskId ?? task.key} was already stopped` };
    if (task.phase === 'unresolved' || task.phase === 'not-started')
      return { status: 'skipped', message: `${task.taskId ?? task.key} is ${task.phase}: nothing runs` };
    if (task.phase !== 'stopping') await ports.dmsStop(task.key, context.operationId);
    const deadline = Date.now() + (ports.stopTimeoutMs ?? 600_000);
    for (;;) {
      const now = ports.dmsTasks().find((candidate) => candidate.key === def.taskKey);
      if (now?.phase === 'stopped') return { status: 'succeeded', message: `${now.taskId ?? now.key} stopped` };
      if (now?.phase === 'failed') return { status: 'succeeded', message: `${now.taskId ?? now.key} is failed (not replicating)` };
      if (Date.now() > deadline)
        return { status: 'failed', message: `${task.taskId ?? task.key} did not report stopped in time (now ${now?.status ?? 'unknown'})` };
      if (context.signal.aborted)
        return {
          status: 'interrupted',
          message: `interrupted: the cockpit shut down while waiting for ${task.taskId ?? task.key} to report stopped (now ${now?.status ?? 'unknown'}; the stop was requested)`,
        };
      await sleep(ports.pollMs ?? DEFAULT_POLL_MS, context.signal);
    }
  },
  standing: (def, status, message) => {
    if (status === 'succeeded' || status === 'skipped') return `${def.taskKey} stopped`;
    if (status === 'failed') return failedStanding(`${def.taskKey} may still run`, message);
    return `${def.taskKey} not checked (may still run)`;
  },
};

const startReverse: CompensationDecl<DmsRunbookRuntime> = {
  action: 'start-reverse',
  system: 'dms',
  systemTitle: 'Replication',
  phase: 'data',
  execute: async (def, context, ports) => {
    let result: CompensationResult | undefined;
    try {
      result = await startAndCatchUp(ports, def, context.plan, context.operationId, context.signal);
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
  },
  standing: (def, status, message) => {
    if (status === 'succeeded' || status === 'skipped') return `reverse task ${def.taskId} started`;
    if (status === 'failed') return failedStanding(`reverse task ${def.taskId} not replicating within the latency gate (check whether it started)`, message);
    return `reverse task ${def.taskId} not started`;
  },
};

/**
 * Starts the fallback's reverse task and waits, on the monitor's readings, until it replicates changes with its
 * target latency within the wave's gate: only then is the data center current again.
 */
async function startAndCatchUp(
  ports: DmsRunbookRuntime,
  def: CompensationDef,
  plan: MigrationPlan,
  operationId: string,
  signal: AbortSignal,
): Promise<CompensationResult> {
  const taskId = def.taskId!;
  const waveId = plan.stacks.get(def.stackId)?.waveId;
  const wave = plan.waves.find((candidate) => candidate.id === waveId);
  const maxLatency = wave && dmsPlan.ofWave(wave).gates?.maxCdcLatencySeconds;
  const deadline = Date.now() + (ports.catchUpTimeoutMs ?? 600_000);
  const poll = ports.pollMs ?? DEFAULT_POLL_MS;
  const describe = (view: ReplicationTaskView | undefined) => (view?.status ? `${view.status}, ${view.phase}` : (view?.resolution ?? 'not read yet'));
  const wait = async (what: string, view: ReplicationTaskView | undefined): Promise<CompensationResult | null> => {
    if (signal.aborted)
      return { status: 'interrupted', message: `interrupted: the cockpit shut down while waiting for ${taskId} to ${what} (now ${describe(view)})` };
    if (Date.now() > deadline)
      return { status: 'failed', message: `${taskId} did not ${what} within ${inWords(ports.catchUpTimeoutMs ?? 600_000)} (now ${describe(view)})` };
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
    if (view?.phase === 'failed')
      return { status: 'failed', message: `${taskId} ${how}, then failed: ${view.lastFailureMessage ?? view.stopReason ?? 'no reason reported'}` };
    if (view?.phase === 'cdc' && !view.freshness.stale) {
      if (maxLatency === undefined && latency !== null)
        return { status: 'succeeded', message: `${taskId} ${how}; replicating changes, latency ${roundTenths(latency)} s (the wave has no latency gate)` };
      if (maxLatency !== undefined && latency !== null && latency <= maxLatency)
        return { status: 'succeeded', message: `${taskId} ${how}; caught up: latency ${roundTenths(latency)} s within ${maxLatency} s` };
    }
    const stop = await wait(
      `catch up (replicating changes${maxLatency !== undefined ? ` with latency within ${maxLatency} s` : ''}; latency ${latency !== null ? `${roundTenths(latency)} s` : 'not read since the start yet'})`,
      view,
    );
    if (stop) return stop.status === 'failed' ? { ...stop, message: `${how}, but ${stop.message}` } : stop;
  }
}

const inWords = (ms: number) => (ms < 1000 ? `${ms} ms` : ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

export const DMS_COMPENSATIONS: readonly CompensationDecl<DmsRunbookRuntime>[] = [stopForward, startReverse];

/** What rolling a stack back loses, as far as replication tells: nothing with a reverse task, else the writes at the recorded rate. */
export const dmsLossEstimate: NonNullable<RunbookPart['lossEstimate']> = ({ stackId, since, switchedAt, atStart, plan, clock }) => {
  const reverse = reverseTaskOf(plan, stackId);
  if (reverse)
    return {
      loss: 'none',
      estimatedRows: null,
      basis: `reverse task ${reverse} carries the writes made on AWS back to the data center before traffic returns`,
    };
  const rate = writeRate(atStart?.dms, stackId);
  if (rate === null) return null;
  const seconds = Math.max(0, (clock.now - Date.parse(switchedAt)) / 1000) * clock.dataClockRate;
  const rows = Math.round(rate.rowsPerSecond * seconds);
  return {
    loss: 'writes',
    estimatedRows: rows,
    basis: `loses the writes made on AWS ${since}: about ${rows.toLocaleString('en-US')} rows (${formatRate(rate.rowsPerSecond)} applied by ${rate.tasks.join(', ')} before the cutover × ${formatSeconds(seconds)}${clock.dataClockRate !== 1 ? ` on the rehearsal's clock, ${clock.dataClockRate}× real time` : ''})`,
  };
};

/** The stack's write rate at the run's start: the sum of its tasks' journaled mean CDC rows/s. */
function writeRate(tasksAtStart: unknown, stackId: string): { rowsPerSecond: number; tasks: string[] } | null {
  let sum = 0;
  const tasks: string[] = [];
  for (const task of Array.isArray(tasksAtStart) ? (tasksAtStart as Record<string, unknown>[]) : []) {
    if (task.stackId !== stackId || typeof task.writeRowsPerSecond !== 'number') continue;
    sum += task.writeRowsPerSecond;
    tasks.push(typeof task.taskId === 'string' ? task.taskId : String(task.taskKey));
  }
  return tasks.length > 0 ? { rowsPerSecond: sum, tasks } : null;
}

function formatRate(rowsPerSecond: number): string {
  return `${rowsPerSecond >= 10 ? Math.round(rowsPerSecond).toLocaleString('en-US') : rowsPerSecond.toFixed(1)} rows/s`;
}

function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
