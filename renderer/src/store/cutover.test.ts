import { describe, expect, it } from 'vitest';
import { applyCutoverEvents, mergeRun, NO_CUTOVER, replaceCutover } from './cutover';
import { run } from './cutover-fixtures';
import { loaded, wave } from './test-fixtures';

const AS_OF = Date.parse('2026-12-05T00:00:00.000Z');

describe('the cutover slice', () => {
  it('replaces runs from cutover.state and keeps the clock skew of each', () => {
    const state = replaceCutover(NO_CUTOVER, [run('wave-1'), run('wave-2')], [], AS_OF - 2000);
    expect(state.loaded).toBe(true);
    expect(Object.keys(state.runs)).toEqual(['wave-1', 'wave-2']);
    expect(state.skewMs['wave-1']).toBe(2000);
  });

  it('upserts cutover.updated events in order, a newer view winning', () => {
    const first = replaceCutover(NO_CUTOVER, [run('wave-1')]);
    const started = run('wave-1', { runId: 'r1', status: 'running' }, { asOf: '2026-12-05T00:00:05.000Z' });
    const paused = run('wave-1', { runId: 'r1', status: 'paused' }, { asOf: '2026-12-05T00:00:09.000Z' });
    const next = applyCutoverEvents(first, [
      { type: 'cutover.updated', run: started },
      { type: 'cutover.updated', run: paused },
    ]);
    expect(next.runs['wave-1']).toBe(paused);
    // A command's answer computed before the newest event does not roll the view back.
    expect(mergeRun(next, started)).toBe(next);
  });

  it('returns the same state when nothing in the batch concerns it', () => {
    const state = replaceCutover(NO_CUTOVER, [run('wave-1')]);
    expect(applyCutoverEvents(state, [{ type: 'stack.lifecycle', stackId: 'a/b', lifecycle: { state: 'planned', since: 'x' } }])).toBe(state);
    const same = state.runs['wave-1']!;
    expect(mergeRun(state, same)).toBe(state);
  });

  it('keeps the run object when a resync says the same, and replays events that arrived meanwhile', () => {
    const state = replaceCutover(NO_CUTOVER, [run('wave-1')]);
    const kept = state.runs['wave-1'];
    const newer = run('wave-2', { status: 'running', runId: 'r2' }, { asOf: '2026-12-05T00:01:00.000Z' });
    const next = replaceCutover(state, [run('wave-1'), run('wave-2')], [{ type: 'cutover.updated', run: newer }]);
    expect(next.runs['wave-1']).toBe(kept);
    expect(next.runs['wave-2']).toBe(newer);
  });

  it('drops the runs of waves a new plan does not have', () => {
    const state = replaceCutover(NO_CUTOVER, [run('wave-1'), run('wave-2')]);
    const next = applyCutoverEvents(state, [{ type: 'plan.changed', snapshot: loaded([], [wave('wave-2', 'W2', 1, [])]) }]);
    expect(Object.keys(next.runs)).toEqual(['wave-2']);
    expect(next.skewMs['wave-1']).toBeUndefined();
  });
});
