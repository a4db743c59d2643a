// A Glue run's copy over the data plane, as the bulk-load job does it: count the source tables, then page through
// each in token order and write its rows to the target table with prepared INSERTs. It is paced by the run's budget
// (rows/s of simulated time, and the cap of an injected failure): each kick copies up to what the clock allows now,
// in the background and awaiting every read and write, so a clock jump is caught up without blocking the event loop,
// and the run is done only once the last row is written.
import type { DataPlane, TableLayout } from './data-plane';
import type { CopyBudget, CopyDriver, CopyProgress } from './job-run';

const PAGE_ROWS = 500;
const WRITE_BATCH = 200;

export interface CopyRequest {
  readonly sourceKeyspace: string;
  readonly targetKeyspace: string;
  readonly tables: readonly string[];
}

interface MutableProgress {
  written: number;
  total: number | undefined;
  tableRows: number[];
  outcome?: CopyProgress['outcome'];
}

export class BulkCopy implements CopyDriver {
  readonly #plane: DataPlane;
  readonly #request: CopyRequest;
  readonly #budget: () => CopyBudget;
  readonly #now: () => number;
  readonly #progress: MutableProgress;
  #layouts: TableLayout[] | undefined;
  #table = 0;
  #tableWritten = 0;
  #pageState: string | undefined;
  #lastPageRead = false;
  #buffer: Array<readonly unknown[]> = [];
  #running = false;
  #aborted = false;
  #pass: Promise<void> = Promise.resolve();

  constructor(plane: DataPlane, request: CopyRequest, budget: () => CopyBudget, now: () => number) {
    this.#plane = plane;
    this.#request = request;
    this.#budget = budget;
    this.#now = now;
    this.#progress = { written: 0, total: undefined, tableRows: request.tables.map(() => 0) };
  }

  get progress(): CopyProgress {
    return this.#progress;
  }

  settled(): Promise<void> {
    return this.#pass;
  }

  kick(): void {
    if (this.#running || this.#aborted || this.#progress.outcome) return;
    this.#running = true;
    this.#pass = this.#pump().finally(() => {
      this.#running = false;
    });
  }

  abort(): void {
    this.#aborted = true;
  }

  async #pump(): Promise<void> {
    const { sourceKeyspace, targetKeyspace, tables } = this.#request;
    try {
      this.#layouts ??= await this.#prepare();
      const layouts = this.#layouts;
      for (;;) {
        if (this.#aborted || this.#progress.outcome) return;
        const { allowed, cap } = this.#budget();
        if (cap !== undefined && this.#progress.written >= cap) return this.#end('cap-reached');
        const limit = Math.min(allowed, cap ?? Infinity);
        if (this.#progress.written >= limit) return;
        if (this.#buffer.length === 0) {
          if (this.#lastPageRead) {
            this.#progress.tableRows[this.#table] = this.#tableWritten;
            this.#table += 1;
            this.#tableWritten = 0;
            this.#pageState = undefined;
            this.#lastPageRead = false;
            if (this.#table >= tables.length) return this.#end('copied');
            continue;
          }
          const page = await this.#plane.readPage(layouts[this.#table]!, PAGE_ROWS, this.#pageState);
          this.#buffer = [...page.rows];
          this.#pageState = page.pageState;
          this.#lastPageRead = page.pageState === undefined;
          continue;
        }
        const rows = this.#buffer.splice(0, Math.min(WRITE_BATCH, limit - this.#progress.written));
        const layout = layouts[this.#table]!;
        await this.#plane.insertRows(
          targetKeyspace,
          tables[this.#table]!,
          layout.columns.map((column) => column.name),
          rows,
        );
        this.#progress.written += rows.length;
        this.#tableWritten += rows.length;
      }
    } catch (error) {
      const table = tables[this.#table] ?? tables[0] ?? '?';
      this.#end('error', `Bulk load failed copying ${sourceKeyspace}.${table} to ${targetKeyspace}.${table}: ${(error as Error).message}`);
    }
  }

  /** Each table's layout on both sides (the target must hold every source column), and the rows to copy. */
  async #prepare(): Promise<TableLayout[]> {
    const { sourceKeyspace, targetKeyspace, tables } = this.#request;
    const layouts: TableLayout[] = [];
    for (const table of tables) {
      const source = await this.#plane.tableLayout(sourceKeyspace, table);
      if (!source) throw new Error(`the source table ${sourceKeyspace}.${table} does not exist on the Cassandra at ${this.#plane.address}`);
      const target = await this.#plane.tableLayout(targetKeyspace, table);
      if (!target) throw new Error(`the target table ${targetKeyspace}.${table} does not exist (create it in Keyspaces before the load)`);
      const missing = source.columns.filter((column) => !target.columns.some((other) => other.name === column.name));
      if (missing.length > 0) throw new Error(`the target table ${targetKeyspace}.${table} has no column ${missing.map((column) => column.name).join(', ')}`);
      layouts.push(source);
    }
    const counts: number[] = [];
    for (const layout of layouts) counts.push(await this.#plane.countRows(layout));
    this.#progress.tableRows = counts;
    this.#progress.total = counts.reduce((sum, count) => sum + count, 0);
    return layouts;
  }

  #end(kind: 'copied' | 'cap-reached' | 'error', message?: string): void {
    this.#progress.outcome = { at: this.#now(), kind, ...(message !== undefined ? { message } : {}) };
  }
}
