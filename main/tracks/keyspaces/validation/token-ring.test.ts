import { describe, expect, it } from 'vitest';
import { mergeRanges, partitionerOf, rangeText, splitRange, splitRing, tokenWithin, wholeRing, type TokenRange } from './token-ring';

const contiguous = (ranges: readonly TokenRange[], whole: TokenRange) => {
  expect(ranges[0]?.start).toBe(whole.start);
  expect(ranges.at(-1)?.end).toBe(whole.end);
  for (let i = 1; i < ranges.length; i += 1) expect(ranges[i]!.start).toBe(ranges[i - 1]!.end);
  for (const range of ranges) expect(range.end > range.start).toBe(true);
};

describe('the token ring', () => {
  it('knows the partitioners Cassandra and Keyspaces report', () => {
    expect(partitionerOf('org.apache.cassandra.dht.Murmur3Partitioner')).toBe('murmur3');
    expect(partitionerOf('org.apache.cassandra.dht.RandomPartitioner')).toBe('random');
    expect(partitionerOf('com.amazonaws.cassandra.DefaultPartitioner')).toBe('random');
    expect(partitionerOf('org.apache.cassandra.dht.ByteOrderedPartitioner')).toBeUndefined();
    expect(partitionerOf('org.example.DefaultPartitioner')).toBeUndefined();
  });

  it('splits the whole ring into contiguous ranges of near-equal width, for either partitioner', () => {
    for (const partitioner of ['murmur3', 'random'] as const) {
      for (const parts of [1, 2, 3, 64, 1000]) {
        const ranges = splitRing(partitioner, parts);
        expect(ranges).toHaveLength(parts);
        contiguous(ranges, wholeRing(partitioner));
        const widths = ranges.map((range) => range.end - range.start);
        const spread = widths.reduce((a, b) => (a > b ? a : b)) - widths.reduce((a, b) => (a < b ? a : b));
        expect(spread <= 1n).toBe(true);
      }
    }
    expect(rangeText(splitRing('murmur3', 2)[0]!)).toBe('(-9223372036854775808, -1]');
  });

  it('splits a narrow range into no more ranges than it has tokens', () => {
    const narrow = { start: 10n, end: 13n };
    expect(splitRange(narrow, 8)).toEqual([
      { start: 10n, end: 11n },
      { start: 11n, end: 12n },
      { start: 12n, end: 13n },
    ]);
    contiguous(splitRange({ start: -5n, end: 100n }, 4), { start: -5n, end: 100n });
  });

  it('picks a sample start inside the range', () => {
    const range = splitRing('murmur3', 7)[3]!;
    for (const value of [0, 0.25, 0.5, 0.999999]) {
      const token = tokenWithin(range, () => value);
      expect(token >= range.start && token < range.end).toBe(true);
    }
    expect(tokenWithin({ start: 4n, end: 5n }, () => 0.9)).toBe(4n);
  });

  it('merges overlapping and repeated ranges of a re-check, and keeps touching ones apart', () => {
    const r = (start: number, end: number) => ({ start: BigInt(start), end: BigInt(end) });
    expect(mergeRanges([r(10, 20), r(0, 5), r(10, 20), r(20, 30), r(25, 28), r(40, 50)])).toEqual([r(0, 5), r(10, 20), r(20, 30), r(40, 50)]);
    expect(mergeRanges([])).toEqual([]);
  });
});
