import { describe, expect, it } from 'vitest';
import type { WaveView } from '../../../../main/api/contract';
import { rollback, run, step } from '../../store/cutover-fixtures';
import { wave } from '../../store/test-fixtures';
import { chooseWave, JUST_ENDED_MS } from './choose-wave';

const NOW = Date.parse('2026-12-05T02:00:00Z');
const windowed = (id: string, order: number, start: string, end: string): WaveView => ({ ...wave(id, id, order, []), cutoverWindow: { start, end } });
const W1 = windowed('w1', 1, '2026-12-05T01:00:00Z', '2026-12-05T05:00:00Z');
const W2 = windowed('w2', 2, '2026-12-12T01:00:00Z', '2026-12-12T05:00:00Z');
const W3 = windowed('w3', 3, '2026-12-19T01:00:00Z', '2026-12-19T05:00:00Z');
const WAVES = [W1, W2, W3];
const notStarted = (id: string, start: string, end: string) => run(id, {}, { windowStart: start, windowEnd: end });
const started = (id: string, status: 'running' | 'paused' | 'failed' | 'succeeded' | 'aborted', startedAt: string, finishedAt: string | null = null) =>
  run(id, { runId: `run-${id}`, status, startedAt, finishedAt, steps: [step('announce', { status: 'succeeded', attempt: 1 })] });

describe('chooseWave', () => {
  it('shows the cutover that runs, whatever the windows say', () => {
    const runs = { w1: notStarted('w1', W1.cutoverWindow!.start, W1.cutoverWindow!.end), w2: started('w2', 'running', '2026-12-05T01:30:00Z') };
    expect(chooseWave(WAVES, runs, {}, NOW)).toEqual({ waveId: 'w2', reason: 'active' });
  });

  it('prefers a running cutover to a paused or failed one, and a later start among equals', () => {
    const runs = {
      w1: started('w1', 'failed', '2026-12-05T01:50:00Z'),
      w2: started('w2', 'running', '2026-12-05T01:00:00Z'),
      w3: started('w3', 'running', '2026-12-05T01:10:00Z'),
    };
    expect(chooseWave(WAVES, runs, {}, NOW)?.waveId).toBe('w3');
    expect(chooseWave(WAVES, { w1: runs.w1 }, {}, NOW)).toEqual({ waveId: 'w1', reason: 'active' });
  });

  it('counts a running rollback as active', () => {
    const rolling = { ...started('w2', 'succeeded', '2026-12-05T00:00:00Z', '2026-12-05T00:30:00Z'), rollback: rollback('running') };
    expect(chooseWave(WAVES, { w1: notStarted('w1', W1.cutoverWindow!.start, W1.cutoverWindow!.end), w2: rolling }, {}, NOW)).toEqual({
      waveId: 'w2',
      reason: 'active',
    });
  });

  it('keeps a run that just ended on the wall, then moves on to the next window', () => {
    const ended = started('w2', 'succeeded', '2026-12-05T00:00:00Z', '2026-12-05T01:30:00Z');
    const runs = {
      w1: notStarted('w1', W1.cutoverWindow!.start, W1.cutoverWindow!.end),
      w2: ended,
      w3: notStarted('w3', W3.cutoverWindow!.start, W3.cutoverWindow!.end),
    };
    expect(chooseWave(WAVES, runs, {}, NOW)).toEqual({ waveId: 'w2', reason: 'just-ended' });
    const later = Date.parse('2026-12-05T01:30:00Z') + JUST_ENDED_MS + 1;
    // w1's window closed by then; w3's is the next one not done.
    expect(chooseWave(WAVES, runs, { w2: 'cut-over' }, later)).toEqual({ waveId: 'w3', reason: 'next-window' });
  });

  it('without a run, shows the wave whose window comes next, skipping waves already cut over', () => {
    const runs = {
      w1: notStarted('w1', W1.cutoverWindow!.start, W1.cutoverWindow!.end),
      w2: notStarted('w2', W2.cutoverWindow!.start, W2.cutoverWindow!.end),
      w3: notStarted('w3', W3.cutoverWindow!.start, W3.cutoverWindow!.end),
    };
    // w1's window is open now (01:00–05:00): said so, not "next".
    expect(chooseWave(WAVES, runs, {}, NOW)).toEqual({ waveId: 'w1', reason: 'open-window' });
    expect(chooseWave(WAVES, runs, { w1: 'cut-over' }, NOW)).toEqual({ waveId: 'w2', reason: 'next-window' });
  });

  it('falls back to the first wave with a runbook that is not done, and honours a wave asked for', () => {
    const plain = [wave('w0', 'Network', 1, []), wave('w1', 'Pilot', 2, []), wave('w2', 'Web', 3, [])];
    const runs = { w1: run('w1', {}, { windowStart: null, windowEnd: null }), w2: run('w2', {}, { windowStart: null, windowEnd: null }) };
    expect(chooseWave(plain, runs, { w1: 'finalized' }, NOW)).toEqual({ waveId: 'w2', reason: 'first' });
    expect(chooseWave(plain, runs, {}, NOW, 'w0')).toEqual({ waveId: 'w0', reason: 'asked' });
    expect(chooseWave(plain, runs, {}, NOW, 'gone')?.reason).toBe('first');
    expect(chooseWave([], {}, {}, NOW)).toBeNull();
  });
});
