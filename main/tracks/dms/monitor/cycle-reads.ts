// One refresh cycle's AWS reads for the replication monitor, in order and at the call floor of poll-planner.ts, for
// each placement (account and region, placement-apis.ts) with its own API: where each task is now (stack outputs
// change with deploys), DescribeReplicationTasks in batches of 100, the instances and endpoints on first sight,
// GetMetricData (metric-reads.ts), then table statistics where needed (table-reads.ts). Every call goes through the
// cycle's ledger; failures are settled into the cycle's outcome. A placement whose session is refused (denied, or
// no session at all) marks its own tasks with why (TaskState.placementProblem: stale at once) and, while another
// placement reads, does not fail the cycle; an answer that the session expired renews it and reads the placement
// again, once.
import type { ReplicationTask } from '@aws-sdk/client-database-migration-service';
import type { SeriesPoints, TaskTablesView } from '../contract-views';
import { isExpiredAnswer } from '../../../aws/account-sessions';
import { awsCaller, CallLedger, classifyAwsError, describeAwsError, type AwsCaller } from '../../../monitoring/aws-call';
import { settleWithLimit } from '../../../monitoring/concurrency';
import { cycleOutcome, type CycleOutcome } from '../../../monitoring/cycle-outcome';
import type { ReplicationApi } from './clients';
import { readMetrics } from './metric-reads';
import type { MonitorContext, PlacementRead } from './monitor-options';
import { planDescribeBatches } from './poll-planner';
import { recordProgress } from './progress-series';
import { resourceArnsOf } from './resource-views';
import { planResourceLookups } from './resources';
import { readTableStatistics } from './table-reads';
import { resolveTask } from './task-refs';
import type { TaskState } from './task-state';

/** Reads one cycle's data into the monitor's task states and series; `tablesViewOf` is what dms.tables carries. */
export async function readCycle(ctx: MonitorContext, tablesViewOf: (state: TaskState) => TaskTablesView): Promise<CycleOutcome> {
  const ledger = new CallLedger();
  const now = ctx.clock();
  const call = awsCaller(ledger, ctx.stop, ctx.options.call);

  // 1. Where to find each task now (stack outputs change with deploys).
  resolveTasks(ctx);
  // 2–5 for each placement at once, each with its own API (AWS limits calls per account and region).
  const placements = tasksByPlacement(ctx);
  const read = await Promise.all(
    [...placements].map(async ([placement, states]) => ({
      placement,
      states,
      ...(await readPlacement(ctx, placement, states, call, ledger, now, tablesViewOf)),
    })),
  );
  const anyRead = read.some((outcome) => outcome.refused === null);
  const failures: unknown[] = [];
  const refusedPlacements = new Map<string, { named: string; reason: string; tasks: number }>();
  for (const { placement, states, failures: own, refused } of read) {
    const named = ctx.apis.describe(placement);
    // A plan with accounts names the refused account on its tasks; one without keeps the monitor-wide reason.
    const accountRefused = refused !== null && named !== '';
    for (const state of states) state.placementProblem = accountRefused ? `${named} cannot be read: ${refused}` : null;
    if (!accountRefused || !anyRead) failures.push(...own);
    // The tasks it holds data of go stale; a task never described there (a stack not deployed yet) had none.
    if (accountRefused) refusedPlacements.set(placement, { named, reason: refused, tasks: states.filter((s) => s.arn !== null || s.task).length });
  }
  ctx.refusedPlacements = refusedPlacements;
  return cycleOutcome(ledger, failures, ctx.options.profile);
}

/** The tasks of each placement, in the plan's order. */
function tasksByPlacement(ctx: MonitorContext): Map<string, TaskState[]> {
  const placements = new Map<string, TaskState[]>();
  for (const state of ctx.tasks.values()) {
    const placement = ctx.apis.placementOf(state.planned.stackId);
    const states = placements.get(placement);
    if (states) states.push(state);
    else placements.set(placement, [state]);
  }
  return placements;
}

/**
 * One placement's reads: its failures, and `refused` (why AWS refused its credentials, or why it has no API) or
 * null. An answer that its session expired renews the session and reads the placement again, once.
 */
async function readPlacement(
  ctx: MonitorContext,
  placement: string,
  states: readonly TaskState[],
  call: AwsCaller,
  ledger: CallLedger,
  now: number,
  tablesViewOf: (state: TaskState) => TaskTablesView,
): Promise<{ failures: unknown[]; refused: string | null }> {
  const api = ctx.apis.api(placement);
  if ('unavailable' in api) return { failures: [new Error(api.unavailable)], refused: api.unavailable };
  let failures = await readWith(ctx, placement, api, states, call, ledger, now, tablesViewOf);
  if (failures.some(isExpiredAnswer) && (await ctx.apis.renew(placement).catch((error: unknown) => (failures.push(error), false))))
    failures = await readWith(ctx, placement, api, states, call, ledger, now, tablesViewOf);
  const refusal = failures.find((error) => classifyAwsError(error) === 'credentials');
  return { failures, refused: refusal === undefined ? null : describeAwsError(refusal) };
}

async function readWith(
  ctx: MonitorContext,
  placement: string,
  api: ReplicationApi,
  states: readonly TaskState[],
  call: AwsCaller,
  ledger: CallLedger,
  now: number,
  tablesViewOf: (state: TaskState) => TaskTablesView,
): Promise<unknown[]> {
  // Calls in flight at once, per placement: AWS limits calls per account and region.
  const read: PlacementRead = { ctx, states, api, call, ledger, now, limit: ctx.options.concurrency ?? 8, failures: [] };
  // 2. DescribeReplicationTasks, 100 per filter; a task named by identifier is asked for by ARN once known.
  await describeTasks(read, ctx.apis.describe(placement) || 'this account and region');
  // 3. Instances (their identifiers are the metric dimension) and endpoints on first sight, 100 ARNs a call, then
  //    cached: they rarely change, so later cycles ask for neither (dms.resources refreshes them on demand).
  await describeResources(read);
  // 4. GetMetricData: every metric of every task in calls of up to 500 queries, only points newer than held.
  await readMetrics(read);
  // 5. Table statistics: focused tasks every cycle; tasks whose gate needs a validation reading, a few per cycle.
  await readTableStatistics(read, tablesViewOf);
  return read.failures;
}

function resolveTasks(ctx: MonitorContext): void {
  for (const existing of [...ctx.tasks.values()]) {
    const resolution = resolveTask(existing.planned, ctx.options.stackOutputs(existing.planned.stackId));
    const arnChanged = resolution.kind === 'arn' && existing.arn !== null && existing.arn !== resolution.arn;
    const state = resolution.kind === 'unresolved' || arnChanged ? ctx.tasks.forget(existing) : existing;
    state.resolution = resolution;
    if (resolution.kind === 'arn') state.arn = resolution.arn;
  }
}

/** `where`: the placement in the operator's words, for a task DMS does not have. */
async function describeTasks({ ctx, states, api, call, now, limit, failures }: PlacementRead, where: string): Promise<void> {
  const lookups = states.filter((s) => s.resolution.kind !== 'unresolved');
  const batches = planDescribeBatches(lookups.map((s) => ({ arn: s.arn, taskId: s.resolution.kind === 'task-id' ? s.resolution.taskId : null })));
  const described = await settleWithLimit(batches, limit, async (batch) => {
    const found: ReplicationTask[] = [];
    let marker: string | undefined;
    do {
      const page = await call('DescribeReplicationTasks', (signal) =>
        api.describeTasks({ filters: [{ Name: batch.filter, Values: [...batch.values] }], ...(marker ? { marker } : {}) }, signal),
      );
      found.push(...page.tasks);
      marker = page.marker;
    } while (marker);
    return { batch, found };
  });
  // Who asked for what, indexed once: matching answers to tasks stays linear in the tasks (it was batches × tasks).
  const askedBy = { 'replication-task-arn': new Map<string, TaskState[]>(), 'replication-task-id': new Map<string, TaskState[]>() };
  for (const state of lookups) {
    const [filter, asked] = state.arn
      ? (['replication-task-arn', state.arn] as const)
      : state.resolution.kind === 'task-id'
        ? (['replication-task-id', state.resolution.taskId] as const)
        : [null, null];
    if (filter === null) continue;
    const askers = askedBy[filter].get(asked);
    if (askers) askers.push(state);
    else askedBy[filter].set(asked, [state]);
  }
  const progress: SeriesPoints[] = [];
  for (const outcome of described) {
    if (outcome.status === 'rejected') {
      failures.push(outcome.reason);
      continue;
    }
    const { batch, found } = outcome.value;
    const answers = new Map(found.map((t) => [batch.filter === 'replication-task-arn' ? t.ReplicationTaskArn : t.ReplicationTaskIdentifier, t]));
    for (const asked of batch.values)
      for (const state of askedBy[batch.filter].get(asked) ?? []) {
        const task = answers.get(asked);
        if (task) {
          state.describe(task, now);
          const point = recordProgress(ctx.tasks.series, state, now);
          if (point) progress.push(point);
        } else
          state.markMissing(`DMS has no replication task ${batch.filter === 'replication-task-arn' ? `with ARN ${asked}` : `'${asked}'`} in ${where}`, now);
      }
  }
  // Full-load progress goes out as samples like the metrics (the charts draw it from the same series).
  if (progress.length > 0) ctx.options.publish({ type: 'dms.samples', samples: progress });
}

async function describeResources({ ctx, states, api, call, now, limit, failures }: PlacementRead): Promise<void> {
  const { resources } = ctx;
  const resourceLookups = planResourceLookups(
    states.flatMap((s) => (s.task ? [resourceArnsOf(s.task)] : [])),
    { hasInstance: (arn) => resources.hasInstance(arn), endpointsToDescribe: (arns, at) => resources.endpointsToDescribe(arns, at) },
    now,
  );
  const resourceCalls = [
    ...resourceLookups.instances.map((arns) => ({ kind: 'instances' as const, arns })),
    ...resourceLookups.endpoints.map((arns) => ({ kind: 'endpoints' as const, arns })),
  ];
  const resourceResults = await settleWithLimit(resourceCalls, limit, async (lookup) =>
    lookup.kind === 'instances'
      ? resources.setInstances(await call('DescribeReplicationInstances', (signal) => api.describeInstances(lookup.arns, signal)), now)
      : resources.setEndpoints(lookup.arns, await call('DescribeEndpoints', (signal) => api.describeEndpoints(lookup.arns, signal)), now),
  );
  resourceResults.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') return;
    const lookup = resourceCalls[index]!;
    // Without an instance's identifier there are no metrics: that failure counts. Endpoints are only shown.
    if (lookup.kind === 'instances') failures.push(outcome.reason);
    else resources.endpointsFailed(lookup.arns, describeAwsError(outcome.reason), now);
  });
  for (const state of states)
    state.instanceIdentifier = state.task?.ReplicationInstanceArn ? (resources.instance(state.task.ReplicationInstanceArn)?.identifier ?? null) : null;
}
