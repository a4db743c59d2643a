// A bounded, immutable ring buffer for log lines: it keeps the newest `capacity` items and drops the oldest.
// Items live in fixed-size chunks that versions share, so appending a batch copies only the last, partly
// filled chunk and the short list of chunks (never the whole buffer), and an old version a component still
// renders stays valid. Dropping the oldest items advances an offset into the first chunk, then drops it.
export const LOG_CHUNK = 512;

export interface LogBuffer<T> {
  readonly capacity: number;
  /** Every chunk but the last holds exactly LOG_CHUNK items; the first starts `skip` items in. */
  readonly chunks: readonly (readonly T[])[];
  readonly skip: number;
  /** Items kept. */
  readonly length: number;
  /** Items ever pushed (kept + dropped). */
  readonly total: number;
}

export function emptyLogBuffer<T>(capacity: number): LogBuffer<T> {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  return { capacity, chunks: [], skip: 0, length: 0, total: 0 };
}

/** Appends items (oldest first); returns the same buffer when there is nothing to append. */
export function pushAll<T>(buffer: LogBuffer<T>, items: readonly T[]): LogBuffer<T> {
  if (items.length === 0) return buffer;
  const { capacity } = buffer;
  // Only the newest `capacity` items of a huge batch can survive; never copy the rest.
  const incoming = items.length > capacity ? items.slice(items.length - capacity) : items;
  const chunks = buffer.chunks.slice();
  let next = 0;
  const last = chunks[chunks.length - 1];
  if (last && last.length < LOG_CHUNK) {
    next = Math.min(LOG_CHUNK - last.length, incoming.length);
    chunks[chunks.length - 1] = last.concat(incoming.slice(0, next));
  }
  for (; next < incoming.length; next += LOG_CHUNK) chunks.push(incoming.slice(next, next + LOG_CHUNK));

  let skip = buffer.skip;
  let length = buffer.length + incoming.length;
  let excess = length - capacity;
  while (excess > 0) {
    const available = chunks[0]!.length - skip;
    if (excess >= available) {
      chunks.shift();
      skip = 0;
      length -= available;
      excess -= available;
    } else {
      skip += excess;
      length -= excess;
      excess = 0;
    }
  }
  return { capacity, chunks, skip, length, total: buffer.total + items.length };
}

/** The item at `index` (0 = oldest kept), or undefined outside 0..length-1. */
export function itemAt<T>(buffer: LogBuffer<T>, index: number): T | undefined {
  if (index < 0 || index >= buffer.length) return undefined;
  const position = buffer.skip + index;
  return buffer.chunks[Math.floor(position / LOG_CHUNK)]![position % LOG_CHUNK];
}

/** Items ever dropped to stay within capacity. */
export function droppedCount(buffer: LogBuffer<unknown>): number {
  return buffer.total - buffer.length;
}

/** Copies the kept items out (tests, export); O(length). */
export function toArray<T>(buffer: LogBuffer<T>): T[] {
  const out: T[] = [];
  for (let index = 0; index < buffer.length; index += 1) out.push(itemAt(buffer, index)!);
  return out;
}
