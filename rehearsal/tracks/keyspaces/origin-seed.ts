// The origin side of a plan's Cassandra data, stood up in the rehearsal's own Cassandra: each stack's origin keyspace
// and tables (the plan's `keyspaces` schema) made when missing, and each empty table filled with generated rows, so
// a bulk load, the proxy's dual writes and a validation have real data to move. The data-center cluster of the plan
// is this node: the plan's origin contact points name it (the embedded rehearsal listens where they say).
import { parseCqlType } from '../../../common/cql';
import { loadPlanFile } from '../../../main/ports/plan-reading';
import type { TableSchemaDefinition } from './catalog';
import type { DataPlane } from './data-plane';
import { generatedValue } from './row-values';

/** A table as the plan writes it (main/tracks/keyspaces/plan-schema.ts `KeyspacesTable`). */
export interface OriginTable {
  readonly name: string;
  readonly partitionKey: readonly string[];
  /** `column` or `column DESC`. */
  readonly clusteringKey: readonly string[];
  readonly columns: Readonly<Record<string, string>>;
}

export interface OriginKeyspace {
  /** The stack that keeps its data there. */
  readonly stackId: string;
  readonly keyspace: string;
  readonly contactPoints: readonly string[];
  readonly tables: readonly OriginTable[];
}

/** The shape of a stack's `keyspaces` this module reads (the plan was validated by the track's grammar). */
interface StackKeyspaces {
  readonly origin: { readonly contactPoints: readonly string[]; readonly keyspace: string };
  readonly tables: readonly OriginTable[];
}

/** Every stack of the plan in `planFile` that keeps data in Cassandra, with its origin; none when the plan does not load. */
export async function originsOfPlan(planFile: string): Promise<OriginKeyspace[]> {
  const result = await loadPlanFile(planFile);
  if (!result.ok) return [];
  return [...result.plan.stacks.values()].flatMap((stack) => {
    const keyspaces = (stack as { keyspaces?: StackKeyspaces }).keyspaces;
    if (!keyspaces) return [];
    return [
      {
        stackId: stack.id,
        keyspace: keyspaces.origin.keyspace,
        contactPoints: keyspaces.origin.contactPoints,
        tables: keyspaces.tables.map((table) => ({ ...table, clusteringKey: table.clusteringKey ?? [] })),
      },
    ];
  });
}

/** The loopback port the origins' contact points agree on (host 127.0.0.1 or localhost), if they do. */
export function loopbackPortOf(origins: readonly OriginKeyspace[]): number | undefined {
  const ports = new Set(
    origins.flatMap((origin) =>
      origin.contactPoints.map((point) => {
        const match = /^(127\.0\.0\.1|localhost)(?::(\d{1,5}))?$/.exec(point);
        return match ? Number(match[2] ?? 9042) : -1;
      }),
    ),
  );
  return ports.size === 1 && !ports.has(-1) ? [...ports][0] : undefined;
}

export function schemaOf(table: OriginTable): TableSchemaDefinition {
  const clustering = table.clusteringKey.map((entry) => {
    const [name = entry, order] = entry.split(' ');
    return { name, orderBy: order?.toUpperCase() === 'DESC' ? ('DESC' as const) : ('ASC' as const) };
  });
  return {
    allColumns: Object.entries(table.columns).map(([name, type]) => ({ name, type })),
    partitionKeys: table.partitionKey.map((name) => ({ name })),
    clusteringKeys: clustering,
    staticColumns: [],
  };
}

export interface SeedReport {
  /** keyspace.table of every table that was empty and got rows, with how many. */
  readonly seeded: ReadonlyArray<{ readonly table: string; readonly rows: number }>;
  /** keyspace.table of tables that held rows already (kept as they are). */
  readonly kept: readonly string[];
}

const WRITE_BATCH = 500;
/** Rows of one partition when the table has clustering columns (so a partition holds several rows). */
const ROWS_PER_PARTITION = 10;

/**
 * Makes each origin keyspace and table that is missing and fills each empty one with `rows` generated rows (values
 * of each column's CQL type, the same on every run). A table that holds rows is kept as it is.
 */
export async function seedOrigins(plane: DataPlane, origins: readonly OriginKeyspace[], rows: number): Promise<SeedReport> {
  const seeded: Array<{ table: string; rows: number }> = [];
  const kept: string[] = [];
  for (const origin of origins) {
    await plane.createKeyspace(origin.keyspace);
    for (const table of origin.tables) {
      const schema = schemaOf(table);
      await plane.createTable(origin.keyspace, table.name, schema);
      const layout = await plane.tableLayout(origin.keyspace, table.name);
      if (!layout) throw new Error(`${origin.keyspace}.${table.name} was created but its columns cannot be read`);
      const name = `${layout.keyspace}.${layout.table}`;
      if ((await plane.countRows(layout)) > 0) {
        kept.push(name);
        continue;
      }
      const keys = new Set(table.partitionKey.map((column) => column.toLowerCase()));
      const grouped = schema.clusteringKeys.length > 0;
      const columns = Object.entries(table.columns).map(([column, text]) => {
        const type = parseCqlType(text);
        if (!type) throw new Error(`${name}.${column}: cannot read the CQL type '${text}'`);
        return { column: column.toLowerCase(), type, partition: keys.has(column.toLowerCase()) };
      });
      for (let from = 0; from < rows; from += WRITE_BATCH) {
        const batch = Array.from({ length: Math.min(WRITE_BATCH, rows - from) }, (_, i) => {
          const index = from + i;
          return columns.map(
            ({ column, type, partition }) =>
              generatedValue(type, `seed:${name}:${column}`, partition && grouped ? Math.floor(index / ROWS_PER_PARTITION) : index) ?? null,
          );
        });
        await plane.insertRows(
          origin.keyspace,
          table.name,
          columns.map(({ column }) => column),
          batch,
        );
      }
      seeded.push({ table: name, rows });
    }
  }
  return { seeded, kept };
}
