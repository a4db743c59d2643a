import { describe, expect, it } from 'vitest';
import type { ReadinessGateView, StackReadinessView, WaveReadinessView } from '../../../main/api/contract';
import { applyReadinessEvents, mergeWave, NO_READINESS, replaceReadiness } from './readiness';
import { loaded, stack, wave } from './test-fixtures';

const GATES = ['infrastructure', 'registration', 'data', 'dependencies'] as const;

function stackReadiness(stackId: string, statuses: ReadinessGateView['status'][] = ['green', 'green', 'green', 'green']): StackReadinessView {
  return {
    stackId,
    ready: statuses.every((status) => status === 'green'),
    sync: { status: 'synced', reason: null },
    health: { status: 'healthy', reason: null },
    gates: GATES.map((gate, index) => ({
      gate,
      status: statuses[index]!,
      reasons: statuses[index] === 'green' ? [] : [`${gate} is not green`],
      greenSince: statuses[index] === 'green' ? '2026-12-05T01:00:00.000Z' : null,
      holdRemainingSeconds: null,
      holdEndsAt: null,
      applies: true,
    })),
  };
}

function waveReadiness(waveId: string, stacks: StackReadinessView[]): WaveReadinessView {
  const ready = stacks.every((s) => s.ready);
  const blocking = stacks.reduce((n, s) => n + s.gates.filter((g) => g.status !== 'green').length, 0);
  return {
    waveId,
    ready,
    readySince: ready ? '2026-12-05T01:00:00.000Z' : null,
    stacks,
    blockingReasons: ready ? [] : ['something'],
    blockingCount: blocking,
    phase: ready ? 'ready' : 'not-ready',
    phaseSince: null,
    phaseDetail: '',
    deployRefusal: null,
  };
}

describe('readiness slice', () => {
  it('applies readiness events, keeping unchanged stack objects so only changed rows re-render', () => {
    const first = waveReadiness('w1', [stackReadiness('a/1'), stackReadiness('a/2')]);
    const state = applyReadinessEvents(NO_READINESS, [{ type: 'cutover.readiness', wave: first }]);
    expect(state.waves.w1).toBe(first);
    // The same content again (a fresh object from the wire): nothing changes at all.
    const again = applyReadinessEvents(state, [{ type: 'cutover.readiness', wave: structuredClone(first) }]);
    expect(again).toBe(state);
    // One stack turns red: a new wave view, the other stack's object kept.
    const next = waveReadiness('w1', [stackReadiness('a/1'), stackReadiness('a/2', ['green', 'green', 'red', 'green'])]);
    const changed = applyReadinessEvents(again, [{ type: 'cutover.readiness', wave: structuredClone(next) }]);
    expect(changed.waves.w1).not.toBe(first);
    expect(changed.waves.w1!.ready).toBe(false);
    expect(changed.waves.w1!.stacks[0]).toBe(first.stacks[0]);
    expect(changed.waves.w1!.stacks[1]).not.toBe(first.stacks[1]);
  });

  it('keeps the stack list itself when only the wave header changed', () => {
    const first = waveReadiness('w1', [stackReadiness('a/1')]);
    const next = mergeWave(first, { ...structuredClone(first), phase: 'cut-over' });
    expect(next.phase).toBe('cut-over');
    expect(next.stacks).toBe(first.stacks);
  });

  it('drops waves a new plan does not have, and everything when no plan is loaded', () => {
    let state = applyReadinessEvents(NO_READINESS, [
      { type: 'cutover.readiness', wave: waveReadiness('w1', [stackReadiness('a/1')]) },
      { type: 'cutover.readiness', wave: waveReadiness('w2', [stackReadiness('a/2')]) },
    ]);
    const snapshot = loaded([stack('a', '1', 'w1')], [wave('w1', 'W1', 1, ['a/1'])]);
    state = applyReadinessEvents(state, [{ type: 'plan.changed', snapshot }]);
    expect(Object.keys(state.waves)).toEqual(['w1']);
    expect(applyReadinessEvents(state, [{ type: 'plan.changed', snapshot }])).toBe(state);
    state = applyReadinessEvents(state, [{ type: 'plan.changed', snapshot: { status: 'none' } }]);
    expect(state.waves).toEqual({});
  });

  it('replaces everything with the core answer, replaying the events that arrived while it was in flight', () => {
    const old = applyReadinessEvents(NO_READINESS, [{ type: 'cutover.readiness', wave: waveReadiness('gone', [stackReadiness('a/9')]) }]);
    const answer = [waveReadiness('w1', [stackReadiness('a/1')])];
    const newer = waveReadiness('w1', [stackReadiness('a/1', ['red', 'green', 'green', 'green'])]);
    const state = replaceReadiness(old, answer, [
      {
        type: 'dms.monitor',
        monitor: { state: 'idle', target: '', intervalSeconds: 5, lastCycleAt: null, lastCycleMs: null, lastCycleCalls: {}, message: null, dataClock: null },
      },
      { type: 'cutover.readiness', wave: newer },
    ]);
    expect(state.loaded).toBe(true);
    expect(Object.keys(state.waves)).toEqual(['w1']);
    expect(state.waves.w1!.ready).toBe(false);
  });
});
