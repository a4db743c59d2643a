// The Keyspaces tab's order (the plan's waves and stacks first, then what the plan does not place) and what
// "Re-check these ranges" sends: each listed range once, and how many differences the capped view leaves out.
import { describe, expect, it } from 'vitest';
import { demoLike } from '../../store/test-fixtures';
import { stackView, tableValidation } from './keyspaces-fixtures';
import { groupByWave, recheckRanges, stackName } from './stacks';

describe('the Keyspaces cards', () => {
  const plan = demoLike().plan;

  it('come grouped by wave in the plan order, stacks in the plan order, then unknown waves and no wave', () => {
    const views = Object.fromEntries(
      [stackView('apps/loose', null), stackView('apps/app2', 'w1'), stackView('apps/app3', 'w2'), stackView('apps/app1', 'w1'), stackView('x/y', 'w9')].map(
        (view) => [view.stackId, view],
      ),
    );
    const groups = groupByWave(plan, views);
    expect(groups.map((group) => [group.waveId, group.wave?.name ?? null, group.stacks.map((view) => view.stackId)])).toEqual([
      ['w1', 'Pilot', ['apps/app1', 'apps/app2']],
      ['w2', 'Finance', ['apps/app3']],
      ['w9', null, ['x/y']],
      [null, null, ['apps/loose']],
    ]);
    // Without a plan: by the waves the views name, in the monitor's order, stacks in no wave last.
    expect(groupByWave(null, views).map((group) => [group.waveId, group.stacks.map((view) => view.stackId)])).toEqual([
      ['w1', ['apps/app2', 'apps/app1']],
      ['w2', ['apps/app3']],
      ['w9', ['x/y']],
      [null, ['apps/loose']],
    ]);
    expect(groupByWave(plan, {})).toEqual([]);
  });

  it("are named by the plan's stack names", () => {
    expect(stackName(plan, 'apps/app1')).toBe('app1');
    expect(stackName(plan, 'x/y')).toBe('x/y');
    expect(stackName(null, 'apps/app1')).toBe('apps/app1');
  });
});

describe('a re-check of a table', () => {
  it('sends each mismatched or unchecked range once, in the order the view lists them', () => {
    const table = tableValidation('orders', {
      countMismatchCount: 2,
      countMismatches: [
        { start: '-100', end: '0', originRows: 10, targetRows: 9 },
        { start: '0', end: '100', originRows: 4, targetRows: 5 },
      ],
      rowMismatchCount: 3,
      rowMismatches: [
        { start: '-100', end: '0', key: 'id=7', kind: 'missing-on-target' },
        { start: '200', end: '300', key: 'id=9', kind: 'differs' },
        { start: '200', end: '300', key: 'id=11', kind: 'missing-on-origin' },
      ],
      uncheckedCount: 1,
      unchecked: [{ start: '300', end: '400', reason: 'timed out' }],
    });
    expect(recheckRanges(table)).toEqual({
      ranges: [
        { start: '-100', end: '0' },
        { start: '0', end: '100' },
        { start: '200', end: '300' },
        { start: '300', end: '400' },
      ],
      left: 0,
    });
  });

  it('counts the differences the capped view does not carry', () => {
    const table = tableValidation('orders', {
      rowMismatchCount: 250,
      rowMismatches: [{ start: '1', end: '2', key: 'id=1', kind: 'differs' }],
    });
    expect(recheckRanges(table)).toEqual({ ranges: [{ start: '1', end: '2' }], left: 249 });
  });
});
