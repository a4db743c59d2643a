import { describe, expect, it } from 'vitest';
import { canonical, keyText, rowDigest } from './row-digest';
import { compareSlice, type SampledRow } from './sample-compare';

const row = (token: number, key: string, digest = `d-${key}`): SampledRow => ({ token: BigInt(token), key, digest });

describe('the sampled comparison of a slice', () => {
  it('finds nothing in equal slices', () => {
    const rows = [row(1, 'a'), row(2, 'b'), row(2, 'c'), row(5, 'd')];
    expect(compareSlice(rows, [...rows], 10, 100n)).toEqual({ compared: 4, differences: [] });
  });

  it('names a row missing on either side and a row that differs', () => {
    const origin = [row(1, 'a'), row(2, 'b'), row(3, 'c')];
    const target = [row(1, 'a'), row(3, 'c', 'changed'), row(4, 'e')];
    expect(compareSlice(origin, target, 10, 100n).differences).toEqual([
      { key: 'b', token: 2n, kind: 'missing-on-target' },
      { key: 'c', token: 3n, kind: 'differs' },
      { key: 'e', token: 4n, kind: 'missing-on-origin' },
    ]);
  });

  it('compares only below the horizon of a side that hit its limit', () => {
    // The target lost row b: its limit of 3 reaches one row further, to d; the origin stops at c.
    const origin = [row(1, 'a'), row(2, 'b'), row(3, 'c')];
    const target = [row(1, 'a'), row(3, 'c'), row(4, 'd')];
    // Horizon: the origin's last token (3), exclusive: a and b are compared, c and d are not.
    expect(compareSlice(origin, target, 3, 100n)).toEqual({ compared: 2, differences: [{ key: 'b', token: 2n, kind: 'missing-on-target' }] });
  });

  it('reads a short side to the slice end', () => {
    expect(compareSlice([row(1, 'a')], [], 5, 100n).differences).toEqual([{ key: 'a', token: 1n, kind: 'missing-on-target' }]);
    expect(compareSlice([], [], 5, 100n)).toEqual({ compared: 0, differences: [] });
  });
});

describe('row checksums', () => {
  it('tell the driver’s value types apart and ignore map key order', () => {
    expect(canonical(1)).not.toBe(canonical(1n));
    expect(canonical('1')).not.toBe(canonical(1));
    expect(canonical(Buffer.from('ab'))).not.toBe(canonical('ab'));
    expect(canonical({ b: 1, a: 2 })).toBe(canonical({ a: 2, b: 1 }));
    expect(canonical([1, 2])).not.toBe(canonical([2, 1]));
    expect(canonical(new Set([2, 1]))).toBe(canonical(new Set([1, 2])));
    expect(canonical(null)).toBe(canonical(undefined));
    expect(canonical(new Date(5))).toBe('t:5');
    expect(rowDigest(['a', 'b'], [1, 'x'])).toBe(rowDigest(['a', 'b'], [1, 'x']));
    expect(rowDigest(['a', 'b'], [1, 'x'])).not.toBe(rowDigest(['a', 'b'], [1, 'y']));
    expect(rowDigest(['a', 'b'], [1, 'x'])).not.toBe(rowDigest(['b', 'a'], [1, 'x']));
  });

  it('show a key as the operator reads it', () => {
    expect(keyText(['customer_id', 'day'], ['c-1', new Date(Date.UTC(2026, 11, 4))])).toBe('customer_id="c-1", day=2026-12-04T00:00:00.000Z');
    expect(keyText(['blob'], [Buffer.alloc(40, 1)])).toMatch(/^blob=0x(01){32}…$/);
  });
});
