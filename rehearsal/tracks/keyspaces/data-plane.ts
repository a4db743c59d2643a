// The rehearsal's optional data plane: a real Cassandra (the test node, or a cluster of the operator's) that holds
// both the origin keyspace and the keyspace standing in for Amazon Keyspaces. This is the one module that speaks CQL
// (the DataStax driver, cassandra-driver); the simulation reaches it through the DataPlane interface, so it runs
// without Cassandra in unit tests (the copy is then simulated by row counts only).
// Names from the API and job arguments follow CQL: lowercased unless written in double quotes.
import { auth, Client, concurrent, types } from 'cassandra-driver';
import type { TableSchemaDefinition } from './catalog';

/** Where the data plane's Cassandra is (env-independent: the caller reads its environment). */
export interface CassandraConnection {
  readonly contactPoints: readonly string[];
  readonly localDataCenter: string;
  readonly username?: string;
  readonly password?: string;
  /**
   * A node still starting (the embedded rehearsal's own): every call waits for this first, so work asked for while
   * the JVM starts runs once it accepts CQL; when it rejects, the calls fail saying the node did not start and why.
   */
  readonly ready?: Promise<unknown>;
}

export interface ColumnInfo {
  /** As the cluster spells it. */
  readonly name: string;
  readonly type: string;
  readonly kind: 'partition_key' | 'clustering' | 'regular' | 'static';
}

export interface TableLayout {
  readonly keyspace: string;
  readonly table: string;
  /** Partition key columns, then clustering columns (each in key order), then the others by name. */
  readonly columns: readonly ColumnInfo[];
  readonly primaryKey: readonly string[];
}

export interface RowPage {
  /** Values in the layout's column order. */
  readonly rows: readonly (readonly unknown[])[];
  /** Where the next page starts; undefined after the last one. */
  readonly pageState: string | undefined;
}

export interface DataPlane {
  /** The contact points, for the estate view (never the credentials). */
  readonly address: string;
  /** The table's columns, or undefined when the keyspace has no such table. */
  tableLayout(keyspace: string, table: string): Promise<TableLayout | undefined>;
  countRows(layout: TableLayout): Promise<number>;
  /** A page of the table's rows in token order. */
  readPage(layout: TableLayout, pageSize: number, pageState: string | undefined): Promise<RowPage>;
  /** Prepared INSERTs of `rows` (values in `columns` order), a few dozen in flight. */
  insertRows(keyspace: string, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>;
  /** Deletes rows by primary key (values in `layout.primaryKey` order). */
  deleteRows(layout: TableLayout, keys: readonly (readonly unknown[])[]): Promise<void>;
  /** Sets one regular column of rows given by primary key. */
  updateColumn(layout: TableLayout, column: string, changes: readonly { readonly key: readonly unknown[]; readonly value: unknown }[]): Promise<void>;
  /** CREATE KEYSPACE / TABLE IF NOT EXISTS for what the Keyspaces control plane created (never a DROP). */
  createKeyspace(name: string): Promise<void>;
  createTable(keyspace: string, table: string, schema: TableSchemaDefinition): Promise<void>;
  close(): Promise<void>;
}

const IN_FLIGHT = 32;

/** A name as CQL resolves it: lowercased, unless double-quoted (then as written). */
export function cqlName(name: string): string {
  return /^".*"$/.test(name) ? name.slice(1, -1).replaceAll('""', '"') : name.toLowerCase();
}

const quote = (exact: string) => `"${exact.replaceAll('"', '""')}"`;
const tableRef = (keyspace: string, table: string) => `${quote(keyspace)}.${quote(table)}`;

export function cqlDataPlane(connection: CassandraConnection): DataPlane {
  const client = new Client({
    contactPoints: [...connection.contactPoints],
    localDataCenter: connection.localDataCenter,
    ...(connection.username !== undefined ? { authProvider: new auth.PlainTextAuthProvider(connection.username, connection.password ?? '') } : {}),
    encoding: { useBigIntAsLong: true, useBigIntAsVarint: true },
    socketOptions: { connectTimeout: 10_000, readTimeout: 30_000 },
    queryOptions: { consistency: types.consistencies.localQuorum, prepare: true },
  });
  const address = connection.contactPoints.join(',');
  const started = connection.ready?.then(
    () => undefined,
    (error: unknown) => {
      throw new Error(`the rehearsal's Cassandra at ${address} did not start: ${String((error as Error).message ?? error).split('\n')[0]}`);
    },
  );
  started?.catch(() => undefined);
  const ready = async () => {
    if (started) await started;
  };
  const run = async (query: string, params: readonly (readonly unknown[])[]) => {
    await ready();
    if (params.length === 0) return;
    await concurrent.executeConcurrent(client, query, params as unknown[][], { concurrencyLevel: IN_FLIGHT, raiseOnFirstError: true });
  };
  const keyWhere = (layout: TableLayout) => layout.primaryKey.map((column) => `${quote(column)} = ?`).join(' AND ');

  return {
    address,
    async tableLayout(keyspace, table) {
      await ready();
      const result = await client.execute('SELECT column_name, kind, position, type FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?', [
        cqlName(keyspace),
        cqlName(table),
      ]);
      if (result.rowLength === 0) return undefined;
      const columns = result.rows.map((row) => ({
        name: String(row.get('column_name')),
        kind: String(row.get('kind')) as ColumnInfo['kind'],
        position: Number(row.get('position')),
        type: String(row.get('type')),
      }));
      const ofKind = (kind: ColumnInfo['kind']) => columns.filter((column) => column.kind === kind).sort((a, b) => a.position - b.position);
      const keys = [...ofKind('partition_key'), ...ofKind('clustering')];
      const others = columns.filter((column) => column.kind === 'regular' || column.kind === 'static').sort((a, b) => a.name.localeCompare(b.name));
      return {
        keyspace: cqlName(keyspace),
        table: cqlName(table),
        columns: [...keys, ...others].map(({ name, type, kind }) => ({ name, type, kind })),
        primaryKey: keys.map((column) => column.name),
      };
    },
    async countRows(layout) {
      await ready();
      const result = await client.execute(`SELECT count(*) FROM ${tableRef(layout.keyspace, layout.table)}`, [], { prepare: false, readTimeout: 120_000 });
      return Number(result.first()?.get(0) ?? 0);
    },
    async readPage(layout, pageSize, pageState) {
      await ready();
      const names = layout.columns.map((column) => column.name);
      const result = await client.execute(`SELECT ${names.map(quote).join(', ')} FROM ${tableRef(layout.keyspace, layout.table)}`, [], {
        fetchSize: pageSize,
        autoPage: false,
        ...(pageState !== undefined ? { pageState } : {}),
      });
      return { rows: result.rows.map((row) => names.map((name) => row.get(name) as unknown)), pageState: result.pageState ?? undefined };
    },
    async insertRows(keyspace, table, columns, rows) {
      await run(
        `INSERT INTO ${tableRef(cqlName(keyspace), cqlName(table))} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        rows,
      );
    },
    async deleteRows(layout, keys) {
      await run(`DELETE FROM ${tableRef(layout.keyspace, layout.table)} WHERE ${keyWhere(layout)}`, keys);
    },
    async updateColumn(layout, column, changes) {
      await run(
        `UPDATE ${tableRef(layout.keyspace, layout.table)} SET ${quote(column)} = ? WHERE ${keyWhere(layout)}`,
        changes.map((change) => [change.value, ...change.key]),
      );
    },
    async createKeyspace(name) {
      await ready();
      await client.execute(
        `CREATE KEYSPACE IF NOT EXISTS ${quote(cqlName(name))} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
        [],
        {
          prepare: false,
        },
      );
    },
    async createTable(keyspace, table, schema) {
      await ready();
      const statics = new Set(schema.staticColumns.map((column) => cqlName(column.name)));
      const columns = schema.allColumns.map((column) => `${quote(cqlName(column.name))} ${column.type}${statics.has(cqlName(column.name)) ? ' STATIC' : ''}`);
      const partition = `(${schema.partitionKeys.map((key) => quote(cqlName(key.name))).join(', ')})`;
      const clustering = schema.clusteringKeys.map((key) => quote(cqlName(key.name)));
      const order =
        schema.clusteringKeys.length > 0
          ? ` WITH CLUSTERING ORDER BY (${schema.clusteringKeys.map((key) => `${quote(cqlName(key.name))} ${key.orderBy}`).join(', ')})`
          : '';
      await client.execute(
        `CREATE TABLE IF NOT EXISTS ${tableRef(cqlName(keyspace), cqlName(table))} (${columns.join(', ')}, PRIMARY KEY (${[partition, ...clustering].join(', ')}))${order}`,
        [],
        { prepare: false },
      );
    },
    close: () => client.shutdown(),
  };
}
