import { describe, expect, it } from 'vitest';
import { droppedCount, emptyLogBuffer, itemAt, LOG_CHUNK, pushAll, toArray } from './log-buffer';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe('the log ring buffer', () => {
  it('keeps the newest 5,000 of 12,000 items pushed in one batch', () => {
    const buffer = pushAll(emptyLogBuffer<number>(5_000), range(1, 12_000));
    expect(buffer.length).toBe(5_000);
    expect(buffer.total).toBe(12_000);
    expect(droppedCount(buffer)).toBe(7_000);
    expect(itemAt(buffer, 0)).toBe(7_001);
    expect(itemAt(buffer, 4_999)).toBe(12_000);
    expect(toArray(buffer)).toEqual(range(7_001, 12_000));
  });

  it('keeps the newest items whatever the batch sizes', () => {
    let buffer = emptyLogBuffer<number>(5_000);
    let next = 1;
    for (const size of [1, 7, 511, 512, 513, 3, 1_000, 4_999, 2, 5_000, 1_200, 1, 1, 1]) {
      buffer = pushAll(buffer, range(next, next + size - 1));
      next += size;
      const last = next - 1;
      expect(buffer.length).toBe(Math.min(5_000, last));
      expect(itemAt(buffer, buffer.length - 1)).toBe(last);
      expect(itemAt(buffer, 0)).toBe(Math.max(1, last - 4_999));
    }
    expect(toArray(buffer)).toEqual(range(next - 5_000, next - 1));
    // Memory stays bounded: never more chunks than the capacity needs (plus a partly dropped first one).
    expect(buffer.chunks.length).toBeLessThanOrEqual(Math.ceil(5_000 / LOG_CHUNK) + 1);
  });

  it('leaves earlier versions intact and returns the same buffer for an empty batch', () => {
    const first = pushAll(emptyLogBuffer<number>(10), range(1, 8));
    const second = pushAll(first, range(9, 15));
    expect(toArray(first)).toEqual(range(1, 8));
    expect(toArray(second)).toEqual(range(6, 15));
    expect(pushAll(second, [])).toBe(second);
    expect(itemAt(second, -1)).toBeUndefined();
    expect(itemAt(second, 10)).toBeUndefined();
  });
});
