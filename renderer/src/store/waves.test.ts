import type { WaveOperationView } from '../../../main/api/contract';
import { describe, expect, it } from 'vitest';
import { applyWaveEvents, mergeWaveOperations, NO_WAVE_OPERATIONS, replaceWaveOperations } from './waves';

function waveOp(operationId: string, waveId: string, status: WaveOperationView['status'], startedAt = '2026-12-01T10:00:00.000Z', done = 0): WaveOperationView {
  return {
    operationId,
    kind: 'wave-deploy',
    waveId,
    status,
    startedAt,
    finishedAt: null,
    message: null,
    stacks: [0, 1].map((index) => ({ stackId: `s${index}`, status: index < done ? 'succeeded' : 'pending', operationId: null })),
  };
}

describe('wave operations', () => {
  it('returns the same state for a batch without wave events', () => {
    expect(applyWaveEvents(NO_WAVE_OPERATIONS, [{ type: 'stack.lifecycle', stackId: 'a', lifecycle: { state: 'planned', since: 't' } }])).toBe(
      NO_WAVE_OPERATIONS,
    );
  });

  it('keeps the newest operation per wave; an older operation does not replace it', () => {
    const newer = waveOp('b', 'w', 'running', '2026-12-01T11:00:00.000Z');
    const state = applyWaveEvents(NO_WAVE_OPERATIONS, [{ type: 'wave.updated', operation: newer }]);
    expect(applyWaveEvents(state, [{ type: 'wave.updated', operation: waveOp('a', 'w', 'succeeded') }])).toBe(state);
  });

  it('merges a stale answer only when it is at least as far along', () => {
    const state = mergeWaveOperations(NO_WAVE_OPERATIONS, [waveOp('a', 'w', 'running', undefined, 1)]);
    expect(mergeWaveOperations(state, [waveOp('a', 'w', 'running', undefined, 0)])).toBe(state);
    expect(mergeWaveOperations(state, [waveOp('a', 'w', 'succeeded', undefined, 2)]).w!.status).toBe('succeeded');
  });

  it('replaces with the list but keeps versions events delivered meanwhile', () => {
    const state = { w: waveOp('a', 'w', 'succeeded', undefined, 2), x: waveOp('c', 'x', 'running') };
    const replaced = replaceWaveOperations(state, [waveOp('a', 'w', 'running')], new Set(['w']));
    expect(replaced.w!.status).toBe('succeeded');
    expect(replaced.x).toBeUndefined();
  });
});
