import { describe, expect, it } from 'vitest';
import { gateHistoryWords } from './snapshot-readiness';

describe('readiness in the gate history', () => {
  it('gives the verdict of the start as it was', () => {
    expect(gateHistoryWords('start', { ready: true, reasons: [] })).toEqual({ readiness: 'ready', reasons: '—' });
    expect(gateHistoryWords('start', { ready: false, reasons: ['apps/app2: validation pending'] })).toEqual({
      readiness: 'NOT ready',
      reasons: 'apps/app2: validation pending',
    });
  });

  it('says "not judged" in the phase the run held the wave in, for what the snapshot recorded and for older verdicts', () => {
    expect(gateHistoryWords('end', { judged: false, phase: 'cut-over' })?.readiness).toBe('not judged (cut over)');
    expect(gateHistoryWords('retry', { judged: false, phase: 'cutover-in-progress' })?.readiness).toBe('not judged (cutover in progress)');
    const legacy = gateHistoryWords('failed', { ready: false, reasons: ['apps/app1: task stopped'] });
    expect(legacy?.readiness).toBe('not judged (cutover stopped)');
    expect(legacy?.reasons).toMatch(/; recorded then as not ready: apps\/app1: task stopped$/);
  });

  it('has no row for a snapshot that recorded no readiness', () => {
    expect(gateHistoryWords('end', undefined)).toBeNull();
    expect(gateHistoryWords('start', { reasons: [] })).toBeNull();
  });
});
