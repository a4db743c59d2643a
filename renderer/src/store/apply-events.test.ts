import { describe, expect, it } from 'vitest';
import { applyEvents } from './apply-events';
import { demoLike } from './test-fixtures';

describe('applyEvents', () => {
  it('updates one stack lifecycle and keeps the other stacks identical', () => {
    const before = demoLike();
    const after = applyEvents(before, [
      { type: 'stack.lifecycle', stackId: 'apps/app1', lifecycle: { state: 'deployed', since: 't1' } },
      { type: 'stack.lifecycle', stackId: 'apps/app1', lifecycle: { state: 'registered', since: 't2' } },
    ]);
    if (after?.status !== 'loaded') throw new Error('expected a loaded plan');
    expect(after.plan.stacks[1]!.lifecycle).toEqual({ state: 'registered', since: 't2' });
    expect(after.plan.stacks[0]).toBe(before.plan.stacks[0]);
    expect(after.plan.waves).toBe(before.plan.waves);
  });

  it('returns the same snapshot when nothing changes', () => {
    const before = demoLike();
    expect(applyEvents(before, [{ type: 'stack.lifecycle', stackId: 'nope/nope', lifecycle: { state: 'failed', since: 't' } }])).toBe(before);
  });

  it('replaces the snapshot on plan.changed and applies later lifecycle events on top', () => {
    const next = demoLike();
    const after = applyEvents({ status: 'none' }, [
      { type: 'stack.lifecycle', stackId: 'apps/app3', lifecycle: { state: 'failed', since: 'old' } },
      { type: 'plan.changed', snapshot: next },
      { type: 'stack.lifecycle', stackId: 'apps/app2', lifecycle: { state: 'rolled-back', since: 't3' } },
    ]);
    if (after?.status !== 'loaded') throw new Error('expected a loaded plan');
    expect(after.plan.stacks.map((s) => s.lifecycle.state)).toEqual(['planned', 'planned', 'rolled-back', 'cut-over', 'planned']);
  });
});
