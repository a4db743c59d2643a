// One side of a validation (the origin cluster or the Keyspaces target) as the validator reads it: its
// partitioner, a table's primary key and columns, a row count over a token range, and the rows of a token slice
// with their checksums. `driverSide` speaks CQL through the DataStax Node.js driver (cassandra-driver).
import { auth, Client, types } from 'cassandra-driver';
import { keyText, rowDigest } from './row-digest';
import type { SampledRow } from './sample-compare';
import type { TokenRange } from './token-ring';

export type SideName = 'origin' | 'target';

export interface TableShape {
  readonly partitionKey: readonly string[];
  readonly clustering: readonly string[];
  /** The other columns, sorted. */
  readonly regular: readonly string[];
}

export interface CqlSide {
  readonly name: SideName;
  /** `system.local.partitioner`, as the cluster reports it. */
  partitioner(): Promise<string>;
  /** The table's shape, or undefined when the keyspace has no such table. */
  shape(keyspace: string, table: string): Promise<TableShape | undefined>;
  /** Rows whose partition token is in the range. */
  count(keyspace: string, table: string, shape: TableShape, range: TokenRange): Promise<number>;
  /** Up to `limit` rows of (from, to], in ring order, with their keys and checksums over `columns`. */
  slice(keyspace: string, table: string, shape: TableShape, columns: readonly string[], range: TokenRange, limit: number): Promise<SampledRow[]>;
  close(): Promise<void>;
}

export interface SideConnection {
  readonly contactPoints: readonly string[];
  readonly localDataCenter: string;
  readonly credentials?: { readonly username: string; readonly password: string };
  /** Keyspaces: TLS on 9142. */
  readonly tls?: boolean;
  /** How long one query may take before the driver gives up on it. */
  readonly queryTimeoutMs?: number;
}

// Names come from the plan, checked by its grammar (plan-schema.ts CqlName), and from the cluster's own schema;
// quoted all the same, so a mixed-case name read from system_schema is used as the cluster spells it.
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function driverSide(name: SideName, connection: SideConnection): CqlSide {
  const client = new Client({
    contactPoints: [...connection.contactPoints],
    localDataCenter: connection.localDataCenter,
    ...(connection.credentials ? { authProvider: new auth.PlainTextAuthProvider(connection.credentials.username, connection.credentials.password) } : {}),
    ...(connection.tls ? { sslOptions: { rejectUnauthorized: true } } : {}),
    encoding: { useBigIntAsLong: true, useBigIntAsVarint: true },
    socketOptions: { readTimeout: connection.queryTimeoutMs ?? 30_000, connectTimeout: 10_000 },
    queryOptions: { consistency: types.consistencies.localQuorum, prepare: true },
  });
  let tokenType: 'bigint' | 'varint' = 'bigint';
  const tokenOf = (shape: TableShape) => `token(${shape.partitionKey.map(quoted).join(', ')})`;
  const table = (keyspace: string, name: string) => `${quoted(keyspace)}.${quoted(name)}`;
  const hints = () => [tokenType, tokenType];

  return {
    name,
    async partitioner() {
      const result = await client.execute('SELECT partitioner FROM system.local', [], { prepare: false });
      const partitioner = String(result.first()?.get('partitioner') ?? '');
      tokenType = partitioner.endsWith('Murmur3Partitioner') ? 'bigint' : 'varint';
      return partitioner;
    },
    async shape(keyspace, tableName) {
      const result = await client.execute('SELECT column_name, kind, position FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?', [
        keyspace,
        tableName,
      ]);
      if (result.rowLength === 0) return undefined;
      const columns = result.rows.map((row) => ({
        name: String(row.get('column_name')),
        kind: String(row.get('kind')),
        position: Number(row.get('position')),
      }));
      const keyOf = (kind: string) =>
        columns
          .filter((column) => column.kind === kind)
          .sort((a, b) => a.position - b.position)
          .map((column) => column.name);
      return {
        partitionKey: keyOf('partition_key'),
        clustering: keyOf('clustering'),
        regular: columns
          .filter((column) => column.kind === 'regular' || column.kind === 'static')
          .map((column) => column.name)
          .sort(),
      };
    },
    async count(keyspace, tableName, shape, range) {
      const result = await client.execute(
        `SELECT count(*) FROM ${table(keyspace, tableName)} WHERE ${tokenOf(shape)} > ? AND ${tokenOf(shape)} <= ?`,
        [range.start, range.end],
        { hints: hints() },
      );
      return Number(result.first()?.get(0) ?? 0);
    },
    async slice(keyspace, tableName, shape, columns, range, limit) {
      const key = [...shape.partitionKey, ...shape.clustering];
      const selected = [...key, ...columns];
      const result = await client.execute(
        `SELECT ${tokenOf(shape)} AS ring_token, ${selected.map(quoted).join(', ')} FROM ${table(keyspace, tableName)} WHERE ${tokenOf(shape)} > ? AND ${tokenOf(shape)} <= ? LIMIT ${Math.floor(limit)}`,
        [range.start, range.end],
        { hints: hints(), fetchSize: Math.max(1, Math.floor(limit)) },
      );
      return result.rows.map((row) => {
        const values = selected.map((column) => row.get(column) as unknown);
        return {
          token: BigInt(row.get('ring_token') as bigint | number | string),
          key: keyText(key, values.slice(0, key.length)),
          digest: rowDigest(selected, values),
        };
      });
    },
    close: () => client.shutdown(),
  };
}
