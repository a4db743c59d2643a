// A dual-write proxy's live traffic over the data plane: the rows its application writes, into both keyspaces (origin
// and target) at writesPerSecond of simulated time, into the proxy's first table, with generated values for that
// table's columns (read from system_schema). A write an injected fault fails on one side is written to the other only
// (the proxy counts it, proxies.ts); a write CQL refuses is counted as failed on its side. After a long clock jump
// only the newest MAX_BACKLOG writes are made: the older ones are skipped on both sides, so they never differ.
import { parseCqlType, type CqlType } from '../../../common/cql';
import type { DataPlane, TableLayout } from './data-plane';
import type { DualWriteProxy, LiveWritesDriver } from './proxies';
import { generatedValue } from './row-values';

const MAX_BACKLOG = 20_000;
const BATCH = 200;
/** Real ms between attempts to read the table's layout when it is missing. */
const LAYOUT_RETRY_MS = 2_000;

interface Stats {
  written: number;
  skipped: number;
  problem: string | undefined;
}

export class LiveWrites implements LiveWritesDriver {
  readonly #plane: DataPlane;
  readonly #proxy: DualWriteProxy;
  readonly #now: () => number;
  readonly #stream: string;
  readonly #stats: Stats = { written: 0, skipped: 0, problem: undefined };
  #columns: Array<{ name: string; type: CqlType; key: boolean }> | undefined;
  #retryAt = 0;
  #next = 0;
  #running = false;
  #aborted = false;
  #pass: Promise<void> = Promise.resolve();

  constructor(plane: DataPlane, proxy: DualWriteProxy, now: () => number) {
    this.#plane = plane;
    this.#proxy = proxy;
    this.#now = now;
    this.#stream = `${proxy.id}-r${proxy.restarts}`;
  }

  get stats(): Stats {
    return this.#stats;
  }

  settled(): Promise<void> {
    return this.#pass;
  }

  kick(): void {
    if (this.#running || this.#aborted || Date.now() < this.#retryAt) return;
    this.#running = true;
    this.#pass = this.#pump().finally(() => {
      this.#running = false;
    });
  }

  abort(): void {
    this.#aborted = true;
  }

  async #pump(): Promise<void> {
    const { originKeyspace, targetKeyspace, tables } = this.#proxy.config;
    const table = tables[0]!;
    try {
      this.#columns ??= await this.#readColumns(originKeyspace, targetKeyspace, table);
    } catch (error) {
      this.#stats.problem = (error as Error).message;
      this.#retryAt = Date.now() + LAYOUT_RETRY_MS;
      return;
    }
    const columns = this.#columns;
    const names = columns.map((column) => column.name);
    while (!this.#aborted) {
      const end = this.#proxy.writesAt(this.#now());
      if (end - this.#next > MAX_BACKLOG) {
        this.#stats.skipped += end - MAX_BACKLOG - this.#next;
        this.#next = end - MAX_BACKLOG;
      }
      if (this.#next >= end) return;
      const indices = Array.from({ length: Math.min(BATCH, end - this.#next) }, (_, i) => this.#next + i);
      const rows = indices.map((index) => ({
        index,
        values: columns.map((column) => generatedValue(column.type, `${this.#stream}:${column.name}`, index) ?? null),
      }));
      const failures = indices.map((index) => this.#proxy.failureOf(index));
      const toOrigin = rows.filter((_, i) => !failures[i]!.origin);
      const toTarget = rows.filter((_, i) => !failures[i]!.target);
      const [origin, target] = await Promise.allSettled([
        this.#plane.insertRows(
          originKeyspace,
          table,
          names,
          toOrigin.map((row) => row.values),
        ),
        this.#plane.insertRows(
          targetKeyspace,
          table,
          names,
          toTarget.map((row) => row.values),
        ),
      ]);
      if (this.#aborted) return;
      this.#countFailures(origin.status === 'rejected', target.status === 'rejected', toOrigin, toTarget);
      const refused = [origin, target].find((outcome) => outcome.status === 'rejected');
      this.#stats.problem = refused ? `live writes to ${table} failed: ${(refused.reason as Error).message}` : undefined;
      this.#stats.written += indices.length;
      this.#next += indices.length;
    }
  }

  /** The table's columns on the origin (the target must have the same), each with a generator; keys must be generatable. */
  async #readColumns(originKeyspace: string, targetKeyspace: string, table: string): Promise<Array<{ name: string; type: CqlType; key: boolean }>> {
    const origin = await this.#plane.tableLayout(originKeyspace, table);
    if (!origin) throw new Error(`the origin table ${originKeyspace}.${table} does not exist on the Cassandra at ${this.#plane.address}`);
    const target: TableLayout | undefined = await this.#plane.tableLayout(targetKeyspace, table);
    if (!target) throw new Error(`the target table ${targetKeyspace}.${table} does not exist on the Cassandra at ${this.#plane.address}`);
    return origin.columns.map((column) => {
      const type = parseCqlType(column.type);
      const key = column.kind === 'partition_key' || column.kind === 'clustering';
      if (!type || (type.kind === 'native' && type.name === 'counter'))
        throw new Error(`${originKeyspace}.${table}.${column.name} is a ${column.type}: the proxy stand-in does not write counter tables`);
      if (key && generatedValue(type, 'probe', 0) === undefined)
        throw new Error(`cannot generate values of type ${column.type} for the key column ${column.name} of ${table}`);
      return { name: column.name, type, key };
    });
  }

  #countFailures(originFailed: boolean, targetFailed: boolean, toOrigin: ReadonlyArray<{ index: number }>, toTarget: ReadonlyArray<{ index: number }>): void {
    const counts = this.#proxy.cqlFailures;
    if (originFailed && targetFailed) {
      const onTarget = new Set(toTarget.map((row) => row.index));
      const both = toOrigin.filter((row) => onTarget.has(row.index)).length;
      counts.both += both;
      counts.origin += toOrigin.length - both;
      counts.target += toTarget.length - both;
    } else if (originFailed) counts.origin += toOrigin.length;
    else if (targetFailed) counts.target += toTarget.length;
  }
}
