// The keyspaces-row-mismatch fault over the data plane: the target table loses `rows` rows and `rows` more get a
// different value in one regular column, the first rows in token order, so a validation finds them by range and key.
import { parseCqlType } from '../../../common/cql';
import type { DataPlane } from './data-plane';
import { changedValue } from './row-values';

const PAGE_ROWS = 1_000;

export interface MismatchResult {
  readonly deleted: number;
  readonly changed: number;
  /** The column changed; undefined when the table has none besides its key (then rows are only deleted). */
  readonly column: string | undefined;
}

export async function applyRowMismatch(plane: DataPlane, keyspace: string, table: string, rows: number): Promise<MismatchResult> {
  const layout = await plane.tableLayout(keyspace, table);
  if (!layout) throw new Error(`the table ${keyspace}.${table} does not exist on the Cassandra at ${plane.address}`);
  const picked: Array<readonly unknown[]> = [];
  let pageState: string | undefined;
  do {
    const page = await plane.readPage(layout, Math.min(PAGE_ROWS, 2 * rows - picked.length), pageState);
    picked.push(...page.rows);
    pageState = page.pageState;
  } while (pageState !== undefined && picked.length < 2 * rows);
  const keyLength = layout.primaryKey.length;
  const doomed = picked.slice(0, rows);
  await plane.deleteRows(
    layout,
    doomed.map((row) => row.slice(0, keyLength)),
  );
  const index = layout.columns.findIndex((column) => column.kind === 'regular' && !/^counter$/i.test(column.type));
  if (index < 0) return { deleted: doomed.length, changed: 0, column: undefined };
  const column = layout.columns[index]!;
  const type = parseCqlType(column.type);
  const changes = picked.slice(rows, 2 * rows).map((row, i) => ({
    key: row.slice(0, keyLength),
    value: type ? changedValue(type, row[index], i) : null,
  }));
  await plane.updateColumn(layout, column.name, changes);
  return { deleted: doomed.length, changed: changes.length, column: column.name };
}
