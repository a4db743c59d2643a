// The AWS/Cassandra metrics of the simulated Keyspaces tables, as CloudWatch GetMetricData reads them (registered
// for that namespace): per table (dimensions Keyspace and TableName) consumed capacity — one unit per row the bulk
// loads and the proxies write, one per proxy read —, throttle events (zero unless a fault injects them), system
// and user errors (zero); per table and Operation (INSERT, SELECT) the throttles, errors and SuccessfulRequestLatency
// (ms, a small deterministic noise around a base). One value per minute, from the minute the table was created.
import type { MetricQuery, MetricSeries, MetricSource } from '../../kernel/metric-registry';
import { hashString } from '../../kernel/random';
import type { KeyspacesCatalog } from './catalog';
import { MINUTE_MS, minuteDatapoints } from './minute-series';
import type { TableTraffic } from './table-traffic';

export const CASSANDRA_NAMESPACE = 'AWS/Cassandra';

/** The operations the simulated traffic makes: writes are INSERTs, reads SELECTs. */
const OPERATION_KIND: Readonly<Record<string, 'writes' | 'reads'>> = { INSERT: 'writes', SELECT: 'reads' };
const BASE_LATENCY_MS: Readonly<Record<'writes' | 'reads', number>> = { writes: 3.1, reads: 2.4 };

/** A metric's value for a table in one minute; `kind` is set when the query names an Operation. */
type MinuteValue = (table: { keyspace: string; name: string }, minute: number, kind: 'writes' | 'reads' | undefined) => number | undefined;

interface MetricDefinition {
  /** Whether the metric has the Keyspace+TableName form, and the Keyspace+TableName+Operation form. */
  readonly perTable: boolean;
  readonly perOperation: boolean;
  readonly value: MinuteValue;
}

export const CASSANDRA_METRIC_NAMES = [
  'ConsumedWriteCapacityUnits',
  'ConsumedReadCapacityUnits',
  'WriteThrottleEvents',
  'ReadThrottleEvents',
  'StoragePartitionThroughputCapacityExceeded',
  'SystemErrors',
  'UserErrors',
  'SuccessfulRequestLatency',
] as const;

function definitions(traffic: TableTraffic): Readonly<Record<(typeof CASSANDRA_METRIC_NAMES)[number], MetricDefinition>> {
  const requests = (table: { keyspace: string; name: string }, minute: number, kind: 'writes' | 'reads') =>
    kind === 'writes'
      ? traffic.bulkWrites(table.keyspace, table.name, minute, minute + MINUTE_MS) + traffic.proxyWrites(table.keyspace, table.name, minute, minute + MINUTE_MS)
      : traffic.proxyReads(table.keyspace, table.name, minute, minute + MINUTE_MS);
  const throttles =
    (kind: 'writes' | 'reads'): MinuteValue =>
    (table, minute, operation) =>
      operation === undefined || operation === kind ? traffic.throttleEvents(table.keyspace, table.name, kind, minute, minute + MINUTE_MS) : 0;
  /** Zero, per table; per operation only in minutes with requests of that operation. */
  const zero: MinuteValue = (table, minute, kind) => (kind === undefined || requests(table, minute, kind) > 0 ? 0 : undefined);
  return {
    ConsumedWriteCapacityUnits: { perTable: true, perOperation: false, value: (table, minute) => requests(table, minute, 'writes') },
    ConsumedReadCapacityUnits: { perTable: true, perOperation: false, value: (table, minute) => requests(table, minute, 'reads') },
    WriteThrottleEvents: { perTable: true, perOperation: true, value: throttles('writes') },
    ReadThrottleEvents: { perTable: true, perOperation: true, value: throttles('reads') },
    StoragePartitionThroughputCapacityExceeded: { perTable: true, perOperation: false, value: () => 0 },
    SystemErrors: { perTable: true, perOperation: true, value: zero },
    UserErrors: { perTable: true, perOperation: true, value: zero },
    SuccessfulRequestLatency: {
      perTable: false,
      perOperation: true,
      value: (table, minute, kind) => {
        if (kind === undefined || requests(table, minute, kind) === 0) return undefined;
        const noise = (hashString(`${table.keyspace}.${table.name}/${kind}@${minute}`) % 1000) / 1000 - 0.5;
        return Math.round((BASE_LATENCY_MS[kind] + noise * 0.8) * 100) / 100;
      },
    },
  };
}

/** The AWS/Cassandra source over the catalog's tables and their traffic. */
export function cassandraMetricSource(catalog: KeyspacesCatalog, traffic: TableTraffic): MetricSource {
  const metrics = definitions(traffic);
  return (query: MetricQuery, start: number, end: number, ascending: boolean): MetricSeries => {
    const none = { timestamps: [], values: [] };
    const definition = Object.hasOwn(metrics, query.metricName) ? metrics[query.metricName as keyof typeof metrics] : undefined;
    const keyspace = query.dimensions.get('Keyspace');
    const tableName = query.dimensions.get('TableName');
    const operation = query.dimensions.get('Operation');
    if (!definition || keyspace === undefined || tableName === undefined) return none;
    // CloudWatch matches dimensions exactly: the table's two, or those and Operation where the metric has it.
    const form = query.dimensions.size === 2 ? 'table' : query.dimensions.size === 3 && operation !== undefined ? 'operation' : undefined;
    if (form === 'table' ? !definition.perTable : form === 'operation' ? !definition.perOperation : true) return none;
    const kind = operation === undefined ? undefined : OPERATION_KIND[operation];
    if (form === 'operation' && kind === undefined) return none;
    const table = catalog.table(keyspace, tableName);
    if (!table) return none;
    const target = { keyspace, name: tableName };
    return minuteDatapoints(query, start, end, ascending, { from: table.createdAt, to: Infinity }, (minute) => definition.value(target, minute, kind));
  };
}
