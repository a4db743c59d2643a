import { describe, expect, it } from 'vitest';
import { downsampleMinMax, type SeriesPoint } from './downsample';

const line = (count: number, value = (i: number) => i % 7): SeriesPoint[] => Array.from({ length: count }, (_, i) => [i * 1000, value(i)]);

describe('downsampleMinMax', () => {
  it('leaves a short series alone', () => {
    const points = line(50);
    expect(downsampleMinMax(points, 100)).toBe(points);
  });

  it('keeps at most maxPoints, in time order, with the first and last bucket represented', () => {
    const out = downsampleMinMax(line(10_000), 400);
    expect(out.length).toBeLessThanOrEqual(400);
    expect(out.length).toBeGreaterThan(300);
    for (let i = 1; i < out.length; i += 1) expect(out[i]![0]).toBeGreaterThan(out[i - 1]![0]);
    expect(out[0]![0]).toBe(0);
    expect(out.at(-1)![0]).toBeGreaterThan(9_900_000);
  });

  it('never hides a spike, up or down (a latency above the gate must stay visible)', () => {
    const points = line(10_000, (i) => (i === 4321 ? 1000 : i === 8765 ? -1000 : Math.sin(i / 100)));
    const out = downsampleMinMax(points, 200);
    expect(out.length).toBeLessThanOrEqual(200);
    expect(out).toContainEqual([4_321_000, 1000]);
    expect(out).toContainEqual([8_765_000, -1000]);
  });

  it('buckets over an explicit window', () => {
    const out = downsampleMinMax(line(1_000), 20, -1_000_000, 999_000);
    expect(out.length).toBeLessThanOrEqual(20);
  });
});
