// The token ring of a Cassandra table, split into ranges that validation counts and samples. Ranges are
// (start, end]: a row belongs to the range whose start is below its token and whose end is at or above it, the
// way `WHERE token(pk) > start AND token(pk) <= end` selects it. Pure; tokens are bigint.
//
// Murmur3Partitioner (Cassandra's default, and Keyspaces' default) hashes to [-2^63, 2^63 - 1] and never gives a key
// -2^63 (it is the ring's minimum), so (-2^63, 2^63 - 1] holds every row. RandomPartitioner (and Keyspaces'
// DefaultPartitioner, which gives the same tokens) hashes to [0, 2^127]: (-1, 2^127] holds every row.

export type Partitioner = 'murmur3' | 'random';

export interface TokenRange {
  /** Exclusive. */
  readonly start: bigint;
  /** Inclusive. */
  readonly end: bigint;
}

const RINGS: Readonly<Record<Partitioner, TokenRange>> = {
  murmur3: { start: -(2n ** 63n), end: 2n ** 63n - 1n },
  random: { start: -1n, end: 2n ** 127n },
};

/** The partitioner a cluster reports in `system.local.partitioner`, or undefined for one validation cannot split. */
export function partitionerOf(className: string): Partitioner | undefined {
  const name = className.split('.').at(-1);
  if (name === 'Murmur3Partitioner') return 'murmur3';
  // Keyspaces' DefaultPartitioner gives the same tokens as RandomPartitioner (AWS's partitioner page).
  if (name === 'RandomPartitioner' || (name === 'DefaultPartitioner' && className.startsWith('com.amazonaws.'))) return 'random';
  return undefined;
}

export const wholeRing = (partitioner: Partitioner): TokenRange => RINGS[partitioner];

/** `range` cut into `parts` contiguous ranges of near-equal width (fewer when the range holds fewer tokens). */
export function splitRange(range: TokenRange, parts: number): TokenRange[] {
  const width = range.end - range.start;
  const count = BigInt(Math.max(1, Math.min(parts, Number(width < 4096n ? width : 4096n))));
  const ranges: TokenRange[] = [];
  let start = range.start;
  for (let i = 1n; i <= count; i += 1n) {
    const end = i === count ? range.end : range.start + (width * i) / count;
    ranges.push({ start, end });
    start = end;
  }
  return ranges;
}

/** The whole ring cut into `parts` ranges. */
export const splitRing = (partitioner: Partitioner, parts: number): TokenRange[] => splitRange(wholeRing(partitioner), parts);

/** A token inside (start, end), for a sample that starts there; `random` gives [0, 1). */
export function tokenWithin(range: TokenRange, random: () => number): bigint {
  const width = range.end - range.start;
  if (width <= 1n) return range.start;
  // 53 random bits scaled to the width: a uniform-enough start for sampling, exact for any width.
  const fraction = BigInt(Math.floor(random() * 2 ** 53));
  return range.start + (width * fraction) / 2n ** 53n;
}

/** Ranges sorted, with overlapping (and repeated) ones merged: a re-check of a list never counts a row twice. */
export function mergeRanges(ranges: readonly TokenRange[]): TokenRange[] {
  const sorted = [...ranges].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const merged: TokenRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.start < last.end) merged[merged.length - 1] = { start: last.start, end: range.end > last.end ? range.end : last.end };
    else merged.push(range);
  }
  return merged;
}

/** How a range is written in messages and the evidence: (start, end]. */
export const rangeText = (range: TokenRange) => `(${range.start}, ${range.end}]`;
