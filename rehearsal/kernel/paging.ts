// Opaque paging tokens (DMS Marker, CloudWatch NextToken). A token names a position, not a snapshot: items
// added or deleted between pages shift nothing, because the position is the last item's sequence number.
import { AwsError } from './errors';

export function encodeToken(kind: string, position: Readonly<Record<string, number>>): string {
  return Buffer.from(JSON.stringify({ k: kind, ...position })).toString('base64url');
}

/** The position in a token, or the service's error for a token it did not issue. */
export function decodeToken(token: string, kind: string, fields: readonly string[], error: AwsError): Record<string, number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw error;
  }
  if (parsed === null || typeof parsed !== 'object' || (parsed as { k?: unknown }).k !== kind) throw error;
  const position: Record<string, number> = {};
  for (const field of fields) {
    const value = (parsed as Record<string, unknown>)[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw error;
    position[field] = value;
  }
  return position;
}

/** One page of `items` after `after` (a sequence number; 0 = from the start). */
export function page<T>(items: readonly T[], sequence: (item: T) => number, after: number, size: number): { items: T[]; last: number | undefined } {
  const start = after === 0 ? 0 : items.findIndex((item) => sequence(item) > after);
  if (start < 0) return { items: [], last: undefined };
  const slice = items.slice(start, start + size);
  const more = start + size < items.length;
  return { items: slice, last: more ? sequence(slice[slice.length - 1]!) : undefined };
}

export function invalidMarker(): AwsError {
  return new AwsError('InvalidParameterValueException', 'The Marker is not valid: pass the Marker from the previous response unchanged');
}
