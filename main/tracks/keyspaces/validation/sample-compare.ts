// The sampled comparison of one token slice: the rows the origin and the target returned from the same start token,
// each side in ring order (token, then clustering order) and cut at the same LIMIT. Pure.
//
// Where a side hit the limit, rows past its last token are unknown on that side, so only rows with a token below
// both sides' horizons are compared (a row at the horizon token may be cut inside its partition). A side that
// returned fewer rows than the limit read its slice to the end: its horizon is the slice's end, inclusive.

export interface SampledRow {
  readonly token: bigint;
  /** The primary key as text (row-digest.ts keyText): identity across sides and what a mismatch shows. */
  readonly key: string;
  readonly digest: string;
}

export type RowMismatchKind = 'missing-on-target' | 'missing-on-origin' | 'differs';

export interface RowDifference {
  readonly key: string;
  readonly token: bigint;
  readonly kind: RowMismatchKind;
}

export interface SliceComparison {
  /** Rows compared (present on either side below the horizon). */
  readonly compared: number;
  readonly differences: RowDifference[];
}

/** Compares the two sides' rows of a slice that ends at `sliceEnd` (inclusive), each read with `limit`. */
export function compareSlice(origin: readonly SampledRow[], target: readonly SampledRow[], limit: number, sliceEnd: bigint): SliceComparison {
  const horizon = (rows: readonly SampledRow[]) =>
    rows.length >= limit ? { token: rows.at(-1)!.token, inclusive: false } : { token: sliceEnd, inclusive: true };
  const a = horizon(origin);
  const b = horizon(target);
  const bound = a.token < b.token ? a : b.token < a.token ? b : { token: a.token, inclusive: a.inclusive && b.inclusive };
  const within = (row: SampledRow) => row.token < bound.token || (bound.inclusive && row.token === bound.token);
  const targetByKey = new Map(target.filter(within).map((row) => [row.key, row]));
  const differences: RowDifference[] = [];
  let compared = 0;
  for (const row of origin.filter(within)) {
    compared += 1;
    const other = targetByKey.get(row.key);
    if (!other) differences.push({ key: row.key, token: row.token, kind: 'missing-on-target' });
    else if (other.digest !== row.digest) differences.push({ key: row.key, token: row.token, kind: 'differs' });
    targetByKey.delete(row.key);
  }
  for (const row of targetByKey.values()) {
    compared += 1;
    differences.push({ key: row.key, token: row.token, kind: 'missing-on-origin' });
  }
  return { compared, differences };
}
