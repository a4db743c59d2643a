// The validations a cockpit runs: at most one per stack at a time, each on its own CQL connections to both sides,
// its progress published at most twice a second and its result kept as the stack's newest validation (the gate and
// the evidence read it). A cancelled run stops at its next query and keeps what it compared so far. Times are on the
// data clock, like the bulk load's they are compared with.
import { randomUUID } from 'node:crypto';
import { MISMATCHES_SHOWN, type TableValidationView, type ValidationView } from '../contract';
import type { KeyspacesStack } from '../plan-schema';
import { targetKeyspaceOf } from '../plan-schema';
import type { ValidationConnections } from './connections';
import { driverSide, type CqlSide, type SideConnection } from './cql-side';
import { validate, type TableOutcome, type ValidationOutcome, type ValidationProgress } from './validator';

const PUBLISH_EVERY_MS = 500;

export interface ValidationScope {
  readonly tables?: readonly string[];
  readonly recheck?: { readonly table: string; readonly ranges: readonly { readonly start: string; readonly end: string }[] };
}

export interface ValidationRunsOptions {
  /** The data clock (ms). */
  readonly clock: () => number;
  readonly publish: (view: ValidationView) => void;
  readonly log: (line: string) => void;
  /** Opens one side (tests may hand in their own). */
  readonly openSide?: (name: 'origin' | 'target', connection: SideConnection) => CqlSide;
}

interface Running {
  readonly abort: AbortController;
  readonly done: Promise<void>;
}

/** Throws from start when a validation of the stack runs already (the caller says so to the operator). */
export class ValidationRuns {
  private readonly latest = new Map<string, ValidationView>();
  private readonly running = new Map<string, Running>();

  constructor(private readonly options: ValidationRunsOptions) {}

  /** The newest validation of each stack. */
  views(): ValidationView[] {
    return [...this.latest.values()];
  }

  isRunning(stackId: string): boolean {
    return this.running.has(stackId);
  }

  /** Starts a validation of a stack; its run id. `onEnd` gets its last view (finished, failed or cancelled). */
  start(
    stackId: string,
    keyspaces: KeyspacesStack,
    connections: ValidationConnections,
    scope: ValidationScope = {},
    onEnd?: (view: ValidationView) => Promise<void>,
  ): string {
    if (this.running.has(stackId)) throw new Error(`a validation of ${stackId} is running already: cancel it or wait for it`);
    const runId = randomUUID();
    const abort = new AbortController();
    const tables = scope.recheck
      ? [{ table: scope.recheck.table, ranges: scope.recheck.ranges.map((range) => ({ start: BigInt(range.start), end: BigInt(range.end) })) }]
      : (scope.tables ?? keyspaces.tables.map((table) => table.name)).map((table) => ({ table }));
    const settings = keyspaces.validation;
    let view: ValidationView = {
      stackId,
      runId,
      scope: scope.recheck ? 'recheck' : 'full',
      state: 'running',
      startedAt: new Date(this.options.clock()).toISOString(),
      finishedAt: null,
      rangesDone: 0,
      rangesTotal: 0,
      originRows: 0,
      targetRows: 0,
      mismatches: 0,
      originRowsPerSecond: null,
      maxOriginRowsPerSecond: settings.maxOriginRowsPerSecond,
      partitioner: null,
      problem: null,
      tables: [],
      seed: Math.floor(Math.random() * 2 ** 31),
    };
    const show = (next: ValidationView) => {
      view = next;
      this.latest.set(stackId, next);
      this.options.publish(next);
    };
    show(view);
    let publishedAt = 0;
    const onProgress = (progress: ValidationProgress) => {
      const now = performance.now();
      if (now - publishedAt < PUBLISH_EVERY_MS) return;
      publishedAt = now;
      show({ ...view, ...progress });
    };
    const open = this.options.openSide ?? driverSide;
    const done = (async () => {
      let origin: CqlSide | undefined;
      let target: CqlSide | undefined;
      try {
        origin = open('origin', connections.origin);
        target = open('target', connections.target);
        const outcome = await validate(origin, target, {
          originKeyspace: keyspaces.origin.keyspace,
          targetKeyspace: targetKeyspaceOf(keyspaces),
          tables,
          settings,
          seed: view.seed,
          signal: abort.signal,
          onProgress,
        });
        show(finished(view, outcome, this.options.clock()));
        this.options.log(`keyspaces: validation of ${stackId} ${outcome.clean ? 'clean' : 'found differences'} (${outcome.tables.length} tables)`);
      } catch (error) {
        const cancelled = abort.signal.aborted;
        show({
          ...view,
          state: cancelled ? 'cancelled' : 'failed',
          finishedAt: new Date(this.options.clock()).toISOString(),
          problem: cancelled ? null : messageOf(error),
        });
        this.options.log(`keyspaces: validation of ${stackId} ${cancelled ? 'cancelled' : `failed: ${messageOf(error)}`}`);
      } finally {
        this.running.delete(stackId);
        await Promise.allSettled([origin?.close(), target?.close(), onEnd?.(view)]);
      }
    })();
    this.running.set(stackId, { abort, done });
    return runId;
  }

  /** Stops a stack's running validation; false when none runs. */
  async cancel(stackId: string): Promise<boolean> {
    const run = this.running.get(stackId);
    if (!run) return false;
    run.abort.abort(new Error('cancelled by the operator'));
    await run.done;
    return true;
  }

  /** Forgets the validations of stacks no longer moving (a plan edit), cancelling theirs. */
  async keepOnly(stackIds: ReadonlySet<string>): Promise<void> {
    for (const stackId of [...this.latest.keys()]) if (!stackIds.has(stackId)) this.latest.delete(stackId);
    await Promise.all([...this.running.keys()].filter((stackId) => !stackIds.has(stackId)).map((stackId) => this.cancel(stackId)));
  }

  async close(): Promise<void> {
    await Promise.all([...this.running.keys()].map((stackId) => this.cancel(stackId)));
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function finished(view: ValidationView, outcome: ValidationOutcome, now: number): ValidationView {
  const tables = outcome.tables.map(tableView);
  const originRows = tables.reduce((sum, table) => sum + table.originRows, 0);
  return {
    ...view,
    state: outcome.problem ? 'failed' : outcome.clean ? 'clean' : 'mismatches',
    finishedAt: new Date(now).toISOString(),
    rangesDone: tables.reduce((sum, table) => sum + table.rangesChecked + table.uncheckedCount, 0),
    rangesTotal: tables.reduce((sum, table) => sum + table.rangesChecked + table.uncheckedCount, 0),
    originRows,
    targetRows: tables.reduce((sum, table) => sum + table.targetRows, 0),
    mismatches: tables.reduce((sum, table) => sum + table.countMismatchCount + table.rowMismatchCount, 0),
    originRowsPerSecond: outcome.elapsedMs > 0 ? Math.round(outcome.originRowsRead / (outcome.elapsedMs / 1000)) : null,
    partitioner: outcome.partitioner,
    problem: outcome.problem,
    tables,
  };
}

function tableView(table: TableOutcome): TableValidationView {
  return {
    table: table.table,
    rangesChecked: table.rangesChecked,
    originRows: table.originRows,
    targetRows: table.targetRows,
    sampledRows: table.sampledRows,
    countMismatchCount: table.countMismatches.length,
    countMismatches: table.countMismatches.slice(0, MISMATCHES_SHOWN),
    rowMismatchCount: table.rowMismatches.length,
    rowMismatches: table.rowMismatches.slice(0, MISMATCHES_SHOWN),
    uncheckedCount: table.unchecked.length,
    unchecked: table.unchecked.slice(0, MISMATCHES_SHOWN),
    problem: table.problem,
    columnDifferences: [...table.columnDifferences],
  };
}
