// A row's checksum for the sampled comparison: every column's value in one canonical text, hashed. Both sides are
// read by the same driver with the same options, so equal CQL values decode to equal JS values; the canonical text
// only has to tell the driver's value types apart (a bigint from a number, a blob from a string, a set's order
// from a list's, which CQL keeps sorted anyway) and never depend on object key order.
import { createHash } from 'node:crypto';

/** The canonical text of one decoded CQL value. */
export function canonical(value: unknown): string {
  if (value === null || value === undefined) return '-';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Object.is(value, -0) ? 'n:-0' : `n:${value}`;
    case 'bigint':
      return `i:${value}`;
    case 'boolean':
      return value ? 'T' : 'F';
    default:
      break;
  }
  if (Buffer.isBuffer(value)) return `x:${value.toString('hex')}`;
  if (value instanceof Date) return `t:${value.getTime()}`;
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Set) return `{${[...value].map(canonical).sort().join(',')}}`;
  if (value instanceof Map) return `{${[...value].map(([key, item]) => `${canonical(key)}:${canonical(item)}`).join(',')}}`;
  const object = value as { constructor?: { name?: string }; values?: () => unknown[]; toString(): string };
  const kind = object.constructor?.name ?? 'Object';
  // The driver's Tuple; its own value types (Uuid, TimeUuid, BigDecimal, LocalDate, LocalTime, InetAddress,
  // Duration, Long, Integer) print themselves exactly.
  if (kind === 'Tuple' && typeof object.values === 'function') return `(${object.values().map(canonical).join(',')})`;
  if (kind !== 'Object') return `${kind}:${object.toString()}`;
  // A CQL map decoded as an object: its keys in order, so two equal maps give one text.
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
}

/** The checksum of a row's columns, in the given order (names included, so a column moved is a difference). */
export function rowDigest(columns: readonly string[], values: readonly unknown[]): string {
  const hash = createHash('sha256');
  columns.forEach((column, i) => hash.update(`${column}=${canonical(values[i])}\n`));
  return hash.digest('base64url').slice(0, 22);
}

/** A row's primary key as the operator reads it in a mismatch: `customer_id=…, order_id=…`. */
export function keyText(columns: readonly string[], values: readonly unknown[]): string {
  return columns.map((column, i) => `${column}=${displayValue(values[i])}`).join(', ');
}

function displayValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (Buffer.isBuffer(value)) return `0x${value.subarray(0, 32).toString('hex')}${value.length > 32 ? '…' : ''}`;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
