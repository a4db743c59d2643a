// Compares a stack's tables between the origin cluster and the Keyspaces target over CQL: the ring of each table is
// cut into token ranges; each range's rows are counted on both sides, and a sample of rows from a random token of
// the range is read from both sides and compared by checksum (sample-compare.ts). At most `concurrency` queries
// run on each side at once, and the origin reads at most `maxOriginRowsPerSecond` on average (row-budget.ts). A
// range whose count times out is cut in four and counted again (down to 3 levels); one that still fails is listed
// as unchecked, and the validation is not clean. Nothing is written on either side. While the proxy writes to both
// sides, a row may be counted on one and not yet on the other: a range whose counts or sample differ is read again
// after `settleMs`, and only what differs both times is reported.
import { mergeRanges, splitRange, splitRing, partitionerOf, tokenWithin, type Partitioner, type TokenRange } from './token-ring';
import { prng } from '../../../../common/random';
import { RowBudget, WALL_CLOCK, type BudgetClock } from './row-budget';
import { compareSlice, type RowMismatchKind } from './sample-compare';
import type { CqlSide, TableShape } from './cql-side';

export interface ValidationSettings {
  readonly rangesPerTable: number;
  readonly sampleRowsPerRange: number;
  readonly concurrency: number;
  readonly maxOriginRowsPerSecond: number;
}

export interface ValidationRequest {
  readonly originKeyspace: string;
  readonly targetKeyspace: string;
  /** The tables, each whole or (a re-check) only the listed ranges. */
  readonly tables: readonly { readonly table: string; readonly ranges?: readonly TokenRange[] }[];
  readonly settings: ValidationSettings;
  /** Chooses each sample's start token; the same seed samples the same rows again. */
  readonly seed: number;
  /** How long to wait before reading a differing range again (default 1,000 ms). */
  readonly settleMs?: number;
  readonly signal?: AbortSignal;
  readonly clock?: BudgetClock;
  /** Called after each range with the running totals (the caller paces what it publishes). */
  readonly onProgress?: (progress: ValidationProgress) => void;
}

/** A token range as the contract and the evidence carry it: decimal text, since tokens pass 2^53. */
export interface RangeRef {
  readonly start: string;
  readonly end: string;
}

export interface CountMismatch extends RangeRef {
  readonly originRows: number;
  readonly targetRows: number;
}

export interface RowMismatch extends RangeRef {
  readonly key: string;
  readonly kind: RowMismatchKind;
}

export interface UncheckedRange extends RangeRef {
  readonly reason: string;
}

export interface TableOutcome {
  readonly table: string;
  readonly rangesChecked: number;
  readonly originRows: number;
  readonly targetRows: number;
  readonly sampledRows: number;
  readonly countMismatches: readonly CountMismatch[];
  readonly rowMismatches: readonly RowMismatch[];
  readonly unchecked: readonly UncheckedRange[];
  /** Why the table could not be compared at all (missing on a side, another primary key). */
  readonly problem: string | null;
  /** Columns only one side has (a difference in itself; the sample compares the shared ones). */
  readonly columnDifferences: readonly string[];
}

export interface ValidationProgress {
  readonly rangesDone: number;
  readonly rangesTotal: number;
  readonly originRows: number;
  readonly targetRows: number;
  readonly mismatches: number;
}

export interface ValidationOutcome {
  readonly partitioner: Partitioner | null;
  /** Why nothing could be compared (the sides' partitioners differ, or one is not one validation can split). */
  readonly problem: string | null;
  readonly tables: readonly TableOutcome[];
  /** Rows the validation made the origin read (its load), and how long it ran. */
  readonly originRowsRead: number;
  readonly elapsedMs: number;
  readonly seed: number;
  readonly clean: boolean;
}

const MAX_SPLIT_DEPTH = 3;
const SPLIT_PARTS = 4;

/** A driver error that says the query ran out of time (server read timeout, or the driver's own). */
function isTimeout(error: unknown): boolean {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  return name === 'OperationTimedOutError' || code === 0x1200 || code === 0x1300;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const ref = (range: TokenRange): RangeRef => ({ start: String(range.start), end: String(range.end) });

/** A seeded generator (common/random.ts): samples are reproducible from the outcome's seed. */
export const seededRandom = (seed: number): (() => number) => prng(seed);

interface TableState {
  readonly table: string;
  readonly shape: TableShape;
  readonly columns: readonly string[];
  rangesChecked: number;
  originRows: number;
  targetRows: number;
  sampledRows: number;
  readonly countMismatches: CountMismatch[];
  readonly rowMismatches: RowMismatch[];
  readonly unchecked: UncheckedRange[];
}

interface WorkItem {
  readonly state: TableState;
  readonly range: TokenRange;
  readonly depth: number;
}

export async function validate(origin: CqlSide, target: CqlSide, request: ValidationRequest): Promise<ValidationOutcome> {
  const clock = request.clock ?? WALL_CLOCK;
  const startedAt = clock.now();
  const budget = new RowBudget(request.settings.maxOriginRowsPerSecond, clock);
  const finish = (partitioner: Partitioner | null, problem: string | null, tables: TableOutcome[]): ValidationOutcome => ({
    partitioner,
    problem,
    tables,
    originRowsRead: budget.spent,
    elapsedMs: Math.round(clock.now() - startedAt),
    seed: request.seed,
    clean:
      problem === null &&
      tables.every(
        (table) =>
          table.problem === null &&
          table.columnDifferences.length === 0 &&
          table.countMismatches.length === 0 &&
          table.rowMismatches.length === 0 &&
          table.unchecked.length === 0,
      ),
  });

  const [originPartitioner, targetPartitioner] = await Promise.all([origin.partitioner(), target.partitioner()]);
  const partitioner = partitionerOf(originPartitioner);
  if (!partitioner)
    return finish(
      null,
      `the origin's partitioner ${originPartitioner} cannot be split into token ranges: only Murmur3Partitioner and RandomPartitioner can`,
      [],
    );
  if (partitionerOf(targetPartitioner) !== partitioner)
    return finish(
      partitioner,
      `the sides' partitioners differ (origin ${originPartitioner}, target ${targetPartitioner}): their token ranges do not hold the same rows. On Keyspaces, set the account's partitioner to the origin's (UPDATE system.local SET partitioner='${originPartitioner}' WHERE key='local'), wait about 10 minutes and reconnect`,
      [],
    );

  const states: TableState[] = [];
  const outcomes = new Map<string, TableOutcome>();
  const queue: WorkItem[] = [];
  for (const { table, ranges } of request.tables) {
    const [originShape, targetShape] = await Promise.all([origin.shape(request.originKeyspace, table), target.shape(request.targetKeyspace, table)]);
    const problem = !originShape
      ? `table ${request.originKeyspace}.${table} does not exist on the origin`
      : !targetShape
        ? `table ${request.targetKeyspace}.${table} does not exist on the target`
        : keyDifference(originShape, targetShape);
    if (problem || !originShape || !targetShape) {
      outcomes.set(table, emptyOutcome(table, problem ?? 'no shape'));
      continue;
    }
    const shared = originShape.regular.filter((column) => targetShape.regular.includes(column));
    const columnDifferences = [
      ...originShape.regular.filter((column) => !shared.includes(column)).map((column) => `column ${column} is missing on the target`),
      ...targetShape.regular.filter((column) => !shared.includes(column)).map((column) => `column ${column} exists only on the target`),
    ];
    const state: TableState = {
      table,
      shape: originShape,
      columns: shared,
      rangesChecked: 0,
      originRows: 0,
      targetRows: 0,
      sampledRows: 0,
      countMismatches: [],
      rowMismatches: [],
      unchecked: [],
    };
    outcomes.set(table, { ...emptyOutcome(table, null), columnDifferences });
    states.push(state);
    for (const range of ranges ? mergeRanges(ranges) : splitRing(partitioner, request.settings.rangesPerTable)) queue.push({ state, range, depth: 0 });
  }

  const random = seededRandom(request.seed);
  const settle = () => clock.sleep(request.settleMs ?? 1000, request.signal);
  let rangesTotal = queue.length;
  let rangesDone = 0;
  const progress = () => {
    let originRows = 0;
    let targetRows = 0;
    let mismatches = 0;
    for (const state of states) {
      originRows += state.originRows;
      targetRows += state.targetRows;
      mismatches += state.countMismatches.length + state.rowMismatches.length;
    }
    request.onProgress?.({ rangesDone, rangesTotal, originRows, targetRows, mismatches });
  };

  const checkRange = async ({ state, range, depth }: WorkItem): Promise<void> => {
    const { originKeyspace, targetKeyspace, settings } = request;
    const countBoth = async (): Promise<[number, number]> => {
      await budget.acquire(request.signal);
      return Promise.all([
        origin.count(originKeyspace, state.table, state.shape, range).then((rows) => {
          budget.spend(rows);
          return rows;
        }),
        target.count(targetKeyspace, state.table, state.shape, range),
      ]);
    };
    let counts: [number, number];
    try {
      counts = await countBoth();
      if (counts[0] !== counts[1]) {
        await settle();
        counts = await countBoth();
      }
    } catch (error) {
      request.signal?.throwIfAborted();
      if (isTimeout(error) && depth < MAX_SPLIT_DEPTH) {
        const parts = splitRange(range, SPLIT_PARTS);
        if (parts.length > 1) {
          rangesTotal += parts.length - 1;
          queue.push(...parts.map((part) => ({ state, range: part, depth: depth + 1 })));
          return;
        }
      }
      state.unchecked.push({ ...ref(range), reason: messageOf(error) });
      rangesDone += 1;
      return;
    }
    const [originRows, targetRows] = counts;
    state.originRows += originRows;
    state.targetRows += targetRows;
    if (originRows !== targetRows) state.countMismatches.push({ ...ref(range), originRows, targetRows });
    if (settings.sampleRowsPerRange > 0 && (originRows > 0 || targetRows > 0)) {
      // A range no larger than a sample is read whole; a larger one from a random token to its end.
      const whole = originRows <= settings.sampleRowsPerRange && targetRows <= settings.sampleRowsPerRange;
      const slice = { start: whole ? range.start : tokenWithin(range, random), end: range.end };
      await budget.acquire(request.signal);
      try {
        const sampleBoth = async () => {
          const [originSlice, targetSlice] = await Promise.all([
            origin.slice(originKeyspace, state.table, state.shape, state.columns, slice, settings.sampleRowsPerRange).then((rows) => {
              budget.spend(rows.length);
              return rows;
            }),
            target.slice(targetKeyspace, state.table, state.shape, state.columns, slice, settings.sampleRowsPerRange),
          ]);
          return compareSlice(originSlice, targetSlice, settings.sampleRowsPerRange, slice.end);
        };
        const compared = await sampleBoth();
        let differences = compared.differences;
        if (differences.length > 0) {
          // Only what differs in a second read too: a row written meanwhile has reached both sides by then.
          await settle();
          await budget.acquire(request.signal);
          const again = new Set((await sampleBoth()).differences.map((difference) => `${difference.kind}|${difference.key}`));
          differences = differences.filter((difference) => again.has(`${difference.kind}|${difference.key}`));
        }
        state.sampledRows += compared.compared;
        for (const difference of differences) state.rowMismatches.push({ ...ref(range), key: difference.key, kind: difference.kind });
      } catch (error) {
        request.signal?.throwIfAborted();
        state.unchecked.push({ ...ref(range), reason: `the sample could not be read: ${messageOf(error)}` });
      }
    }
    state.rangesChecked += 1;
    rangesDone += 1;
    progress();
  };

  await drain(queue, request.settings.concurrency, checkRange, request.signal);
  for (const state of states) {
    const byStart = (a: RangeRef, b: RangeRef) => (BigInt(a.start) < BigInt(b.start) ? -1 : BigInt(a.start) > BigInt(b.start) ? 1 : 0);
    outcomes.set(state.table, {
      ...outcomes.get(state.table)!,
      rangesChecked: state.rangesChecked,
      originRows: state.originRows,
      targetRows: state.targetRows,
      sampledRows: state.sampledRows,
      countMismatches: state.countMismatches.sort(byStart),
      rowMismatches: state.rowMismatches.sort(byStart),
      unchecked: state.unchecked.sort(byStart),
    });
  }
  return finish(
    partitioner,
    null,
    request.tables.map(({ table }) => outcomes.get(table)!),
  );
}

function emptyOutcome(table: string, problem: string | null): TableOutcome {
  return {
    table,
    rangesChecked: 0,
    originRows: 0,
    targetRows: 0,
    sampledRows: 0,
    countMismatches: [],
    rowMismatches: [],
    unchecked: [],
    problem,
    columnDifferences: [],
  };
}

/** Another primary key on the target: its rows cannot be matched to the origin's. */
function keyDifference(origin: TableShape, target: TableShape): string | null {
  const text = (shape: TableShape) => `PRIMARY KEY ((${shape.partitionKey.join(', ')})${shape.clustering.map((column) => `, ${column}`).join('')})`;
  return text(origin) === text(target) ? null : `the primary keys differ: origin ${text(origin)}, target ${text(target)}`;
}

/** Runs `work` over a queue that may grow while it runs, `limit` at a time; rejects with the first error. */
async function drain<T>(queue: T[], limit: number, work: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let active = 0;
  let failure: unknown;
  const waiting: (() => void)[] = [];
  const idle = () => new Promise<void>((resolve) => waiting.push(resolve));
  const worker = async () => {
    for (;;) {
      if (failure !== undefined) return;
      const item = queue.shift();
      if (item === undefined) {
        if (active === 0) return;
        await idle();
        continue;
      }
      active += 1;
      try {
        signal?.throwIfAborted();
        await work(item);
      } catch (error) {
        failure ??= error;
      } finally {
        active -= 1;
        // Every idle worker looks again: the item may have queued more work, or been the last.
        for (const resume of waiting.splice(0)) resume();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
  if (failure !== undefined) throw failure;
}
