import { describe, expect, it } from 'vitest';
import { sameJson } from './same-json';

describe('sameJson', () => {
  it('agrees with comparing JSON texts, key order aside', () => {
    const pairs: [unknown, unknown][] = [
      [
        { a: 1, b: [1, 'x', null] },
        { a: 1, b: [1, 'x', null] },
      ],
      [
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ],
      [{ a: 1 }, { a: 1, b: undefined }],
      [{ a: null }, {}],
      [[undefined], [null]],
      [{ a: Number.NaN }, { a: null }],
      [{ a: Number.POSITIVE_INFINITY }, { a: Number.NaN }],
      [{ a: 0 }, { a: -0 }],
      [{ a: [1, 2] }, { a: [1, 2, 3] }],
      [{ a: { b: 'x' } }, { a: { b: 'y' } }],
      [{ a: [] }, { a: {} }],
      ['1', 1],
      [{ a: () => 1 }, {}],
    ];
    for (const [a, b] of pairs) {
      const sorted = (value: unknown): unknown =>
        Array.isArray(value)
          ? value.map(sorted)
          : value && typeof value === 'object'
            ? Object.fromEntries(
                Object.entries(value)
                  .sort(([x], [y]) => x.localeCompare(y))
                  .map(([k, v]) => [k, sorted(v)]),
              )
            : value;
      const expected = JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
      expect(sameJson(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(expected);
      expect(sameJson(b, a)).toBe(expected);
    }
  });
});
