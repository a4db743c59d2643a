import { describe, expect, it } from 'vitest';
import { appendPoints } from '../store/dms';
import { downsampleMinMax, joinSeries, type Point } from './series';

const line = (count: number, value = (i: number) => i % 7): Point[] => Array.from({ length: count }, (_, i) => [i * 1000, value(i)]);

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

  it('never hides a spike (a latency above the gate must stay visible)', () => {
    const points = line(5_000, (i) => (i === 3_333 ? 120 : 1));
    const out = downsampleMinMax(points, 200);
    expect(Math.max(...out.map((p) => p[1]))).toBe(120);
  });

  it('buckets over an explicit window', () => {
    const out = downsampleMinMax(line(1_000), 20, -1_000_000, 999_000);
    expect(out.length).toBeLessThanOrEqual(20);
  });
});

describe('joinSeries', () => {
  it('joins the core’s history with the live points after it, from a start time on', () => {
    const live = appendPoints(undefined, [[3000, 3], [4000, 4], [5000, 5]], 10);
    expect(joinSeries([[1000, 1], [2000, 2], [4000, 40]], live)).toEqual([[1000, 1], [2000, 2], [4000, 40], [5000, 5]]);
    expect(joinSeries([[1000, 1], [2000, 2]], live, 2000)).toEqual([[2000, 2], [3000, 3], [4000, 4], [5000, 5]]);
    expect(joinSeries(undefined, live, 4000)).toEqual([[4000, 4], [5000, 5]]);
    expect(joinSeries(undefined, undefined)).toEqual([]);
  });
});
