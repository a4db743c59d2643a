// An in-memory DataPlane for the track's tests: tables as ordered maps keyed by primary key, every call awaited on a
// timer tick (so the copy is asynchronous as over CQL), and a failure to inject per keyspace. It lets the tests drive
// the data-plane paths (paced copy, live writes, row mismatch, DDL) deterministically without a Cassandra.
import type { TableSchemaDefinition } from './catalog';
import type { ColumnInfo, DataPlane, RowPage, TableLayout } from './data-plane';

interface MemoryTable {
  readonly layout: TableLayout;
  readonly rows: Map<string, unknown[]>;
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class MemoryDataPlane implements DataPlane {
  readonly address = 'memory';
  readonly tables = new Map<string, MemoryTable>();
  readonly ddl: string[] = [];
  /** Keyspaces whose writes fail (as a refusing cluster would). */
  readonly failingKeyspaces = new Set<string>();
  closed = false;

  define(keyspace: string, table: string, columns: readonly ColumnInfo[]): MemoryTable {
    const keys = columns.filter((column) => column.kind === 'partition_key' || column.kind === 'clustering');
    const others = columns.filter((column) => column.kind === 'regular' || column.kind === 'static').sort((a, b) => a.name.localeCompare(b.name));
    const entry = {
      layout: { keyspace, table, columns: [...keys, ...others], primaryKey: keys.map((column) => column.name) },
      rows: new Map<string, unknown[]>(),
    };
    this.tables.set(`${keyspace}.${table}`, entry);
    return entry;
  }

  rowsOf(keyspace: string, table: string): unknown[][] {
    return [...(this.tables.get(`${keyspace}.${table}`)?.rows.values() ?? [])];
  }

  async tableLayout(keyspace: string, table: string): Promise<TableLayout | undefined> {
    await tick();
    return this.tables.get(`${keyspace}.${table}`)?.layout;
  }

  async countRows(layout: TableLayout): Promise<number> {
    await tick();
    return this.#table(layout.keyspace, layout.table).rows.size;
  }

  async readPage(layout: TableLayout, pageSize: number, pageState: string | undefined): Promise<RowPage> {
    await tick();
    const all = [...this.#table(layout.keyspace, layout.table).rows.values()];
    const offset = Number(pageState ?? 0);
    const rows = all.slice(offset, offset + pageSize);
    return { rows, pageState: offset + pageSize < all.length ? String(offset + pageSize) : undefined };
  }

  async insertRows(keyspace: string, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
    await tick();
    if (this.failingKeyspaces.has(keyspace)) throw new Error(`Cannot achieve consistency level LOCAL_QUORUM writing to ${keyspace}.${table}`);
    const target = this.#table(keyspace, table);
    for (const row of rows) {
      const values = target.layout.columns.map((column) => row[columns.indexOf(column.name)] ?? null);
      target.rows.set(JSON.stringify(values.slice(0, target.layout.primaryKey.length), bigints), values);
    }
  }

  async deleteRows(layout: TableLayout, keys: readonly (readonly unknown[])[]): Promise<void> {
    await tick();
    for (const key of keys) this.#table(layout.keyspace, layout.table).rows.delete(JSON.stringify(key, bigints));
  }

  async updateColumn(layout: TableLayout, column: string, changes: readonly { readonly key: readonly unknown[]; readonly value: unknown }[]): Promise<void> {
    await tick();
    const index = layout.columns.findIndex((candidate) => candidate.name === column);
    for (const change of changes) {
      const row = this.#table(layout.keyspace, layout.table).rows.get(JSON.stringify(change.key, bigints));
      if (row) row[index] = change.value;
    }
  }

  async createKeyspace(name: string): Promise<void> {
    await tick();
    this.ddl.push(`keyspace ${name}`);
  }

  async createTable(keyspace: string, table: string, schema: TableSchemaDefinition): Promise<void> {
    await tick();
    this.ddl.push(`table ${keyspace}.${table}`);
    const kindOf = (name: string): ColumnInfo['kind'] =>
      schema.partitionKeys.some((key) => key.name === name)
        ? 'partition_key'
        : schema.clusteringKeys.some((key) => key.name === name)
          ? 'clustering'
          : schema.staticColumns.some((column) => column.name === name)
            ? 'static'
            : 'regular';
    const keyOrder = [...schema.partitionKeys, ...schema.clusteringKeys].map((key) => key.name);
    const columns = [...schema.allColumns].sort((a, b) => (keyOrder.indexOf(a.name) + 1 || 999) - (keyOrder.indexOf(b.name) + 1 || 999));
    if (!this.tables.has(`${keyspace}.${table}`))
      this.define(
        keyspace,
        table,
        columns.map((column) => ({ name: column.name, type: column.type, kind: kindOf(column.name) })),
      );
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  #table(keyspace: string, table: string): MemoryTable {
    const entry = this.tables.get(`${keyspace}.${table}`);
    if (!entry) throw new Error(`unconfigured table ${keyspace}.${table}`);
    return entry;
  }
}

function bigints(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
