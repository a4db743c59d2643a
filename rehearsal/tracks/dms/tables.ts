// Generated table sets: MySQL-ish application schemas with a realistic spread of sizes (a few large fact
// tables, many small lookup tables), deterministic per task and seed.
import { hashString, prng } from '../../kernel/random';

export interface TableSpec {
  readonly schema: string;
  readonly name: string;
  readonly rows: number;
}

/** Table names and their typical size relative to the largest table. */
const CATALOGUE: ReadonlyArray<readonly [string, number]> = [
  ['audit_log', 1],
  ['events', 0.8],
  ['order_items', 0.6],
  ['orders', 0.3],
  ['payments', 0.25],
  ['sessions', 0.2],
  ['invoices', 0.15],
  ['shipments', 0.12],
  ['comments', 0.1],
  ['customers', 0.06],
  ['price_history', 0.05],
  ['attachments', 0.04],
  ['addresses', 0.04],
  ['tickets', 0.03],
  ['products', 0.01],
  ['inventory', 0.01],
  ['users', 0.005],
  ['roles', 0.0001],
  ['settings', 0.00005],
  ['countries', 0.00003],
];

export interface GenerateTablesOptions {
  readonly count?: number;
  readonly schema: string;
  /** Rows of the largest table; default 500,000-5,000,000 picked per task. */
  readonly maxRows?: number;
}

export function generateTables(key: string, seed: number, options: GenerateTablesOptions): TableSpec[] {
  const next = prng(hashString(key, seed));
  const count = options.count ?? 5 + Math.floor(next() * 16);
  const maxRows = options.maxRows ?? Math.round(500_000 * 10 ** next());
  const tables: TableSpec[] = [];
  for (let i = 0; i < count; i++) {
    const [base, share] = CATALOGUE[i % CATALOGUE.length]!;
    const round = Math.floor(i / CATALOGUE.length);
    const jitter = 0.6 + next() * 0.8;
    tables.push({ schema: options.schema, name: round === 0 ? base : `${base}_${round + 1}`, rows: Math.max(10, Math.round(maxRows * share * jitter)) });
  }
  return tables;
}

/** A MySQL schema name for an application id: `app1101-mysql-full-load-cdc` → `app1101`. */
export function schemaNameFor(taskId: string): string {
  const first = taskId.split('-')[0] ?? taskId;
  return first.toLowerCase().replace(/[^a-z0-9_]/g, '_') || 'appdb';
}
