// Reading table statistics (DescribeTableStatistics, paged): in a refresh cycle for the tasks the operator focuses
// on, every cycle, and for a few tasks per cycle whose gate needs a fresh validation reading; and on demand, for a
// reload of all of a task's tables.
import type { TaskTablesView } from '../contract-views';
import { callAws, type AwsCallOptions, type CallLedger } from '../../../monitoring/aws-call';
import { settleWithLimit } from '../../../monitoring/concurrency';
import { onDataClock } from '../../../monitoring/freshness';
import type { ReplicationApi } from './clients';
import type { PlacementRead } from './monitor-options';
import { tableView } from './table-stats';
import type { TaskState } from './task-state';

/** Every table of a task, page by page. */
export async function readTables(
  state: TaskState,
  api: ReplicationApi,
  ledger: CallLedger,
  stop: AbortSignal,
  call?: AwsCallOptions,
): Promise<TaskTablesView['tables']> {
  const tables: TaskTablesView['tables'] = [];
  let marker: string | undefined;
  do {
    const page = await callAws('DescribeTableStatistics', (signal) => api.describeTableStatistics(state.arn!, marker, signal), ledger, stop, call);
    tables.push(...page.tables.map(tableView));
    marker = page.marker;
  } while (marker);
  return tables;
}

/**
 * A cycle's table reads of one placement's tasks, with its API; a focused task's tables go out as dms.tables
 * (`tablesViewOf`) whether read or not.
 */
export async function readTableStatistics(
  { ctx, states, api, ledger, now, failures }: PlacementRead,
  tablesViewOf: (state: TaskState) => TaskTablesView,
): Promise<void> {
  const { tasks, options } = ctx;
  const refreshMs = onDataClock(options.validationRefreshMs ?? 120_000, ctx.clockRate);
  const focused = states.filter((s) => tasks.focused.has(s.key) && s.arn && s.task);
  const forGates = states
    .filter(
      (s) =>
        !tasks.focused.has(s.key) &&
        s.arn &&
        s.task &&
        s.lastPhase === 'cdc' &&
        tasks.gatesOf(s)?.requireValidation &&
        (s.tablesAt === null || now - s.tablesAt >= refreshMs),
    )
    .sort((a, b) => (a.tablesAt ?? -Infinity) - (b.tablesAt ?? -Infinity))
    .slice(0, options.validationReadsPerCycle ?? 10);
  const outcomes = await settleWithLimit([...focused, ...forGates], options.concurrency ?? 8, (state) =>
    readTables(state, api, ledger, ctx.stop, options.call),
  );
  outcomes.forEach((outcome, index) => {
    const state = index < focused.length ? focused[index]! : forGates[index - focused.length]!;
    if (outcome.status === 'rejected') failures.push(outcome.reason);
    else state.setTables(outcome.value, now);
    if (tasks.focused.has(state.key)) options.publish({ type: 'dms.tables', tables: tablesViewOf(state) });
  });
}
