import { describe, expect, it } from 'vitest';
import { cdcTrend, fullLoadEtaSeconds, slopePerSecond } from './signals';

describe('signals', () => {
  it('estimates the full-load ETA from rows still to load at the recent throughput', () => {
    // 40 % done with 400,000 rows loaded: 600,000 to go at 1,000 rows/s.
    expect(fullLoadEtaSeconds({ percent: 40, loadedRows: 400_000, rowsPerSecond: 1000, percentHistory: { times: [], values: [] } })).toBe(600);
  });

  it('falls back to the percent trend when rows are unknown', () => {
    // 1 % per 20 s: 50 % to go in 1,000 s.
    const times = [0, 20_000, 40_000, 60_000];
    expect(fullLoadEtaSeconds({ percent: 50, loadedRows: null, rowsPerSecond: null, percentHistory: { times, values: [47, 48, 49, 50] } })).toBe(1000);
    // Less than a minute of progress says too little.
    expect(fullLoadEtaSeconds({ percent: 50, loadedRows: null, rowsPerSecond: null, percentHistory: { times: [0, 30_000], values: [49, 50] } })).toBeNull();
    expect(fullLoadEtaSeconds({ percent: 50, loadedRows: null, rowsPerSecond: null, percentHistory: { times: [0], values: [50] } })).toBeNull();
    expect(fullLoadEtaSeconds({ percent: 50, loadedRows: null, rowsPerSecond: null, percentHistory: { times, values: [50, 50, 50, 50] } })).toBeNull();
    expect(fullLoadEtaSeconds({ percent: 100, loadedRows: null, rowsPerSecond: null, percentHistory: { times, values: [] } })).toBe(0);
  });

  it('falls back to the average rate since DMS started the load when nothing recent says more', () => {
    // 11 % in the 2 minutes since the load started, one progress reading, no throughput datapoint yet: 89 % in ~16 min.
    const input = { percent: 11, loadedRows: 896_164, rowsPerSecond: null, percentHistory: { times: [120_000], values: [11] }, now: 120_000 };
    expect(fullLoadEtaSeconds({ ...input, loadStartedAt: 0 })).toBe(971);
    expect(fullLoadEtaSeconds({ ...input, loadStartedAt: 90_000 })).toBeNull();
    expect(fullLoadEtaSeconds({ ...input, loadStartedAt: null })).toBeNull();
    expect(fullLoadEtaSeconds({ ...input, percent: 0, loadStartedAt: 0 })).toBeNull();
  });

  it('reads the CDC trend from the latency slope with a dead band', () => {
    const times = [0, 60_000, 120_000, 180_000];
    expect(cdcTrend(times, [60, 40, 20, 5])).toBe('catching-up');
    expect(cdcTrend(times, [5, 20, 40, 60])).toBe('falling-behind');
    expect(cdcTrend(times, [3, 3.2, 2.9, 3.1])).toBe('steady');
    expect(cdcTrend(times.slice(0, 2), [3, 3])).toBe('unknown');
    expect(slopePerSecond([0, 1000], [0, 2])).toBeCloseTo(2);
  });
});
