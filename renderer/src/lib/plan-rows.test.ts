import { describe, expect, it } from 'vitest';
import { cardColumns, planRows, runsByGroup, withPinnedRow } from './plan-rows';

describe('planRows', () => {
  const groups = [
    { key: 'wave-1', stackIds: ['a', 'b', 'c', 'd', 'e'] },
    { key: 'wave-2', stackIds: [] },
    { key: 'wave-3', stackIds: ['f'] },
  ];

  it('gives each group its heading row and rows of as many cards as fit', () => {
    const { rows } = planRows(groups, 2);
    expect(rows).toEqual([
      { kind: 'head', key: 'head:wave-1', group: 0 },
      { kind: 'cards', key: 'cards:wave-1:0', group: 0, from: 0, to: 2 },
      { kind: 'cards', key: 'cards:wave-1:1', group: 0, from: 2, to: 4 },
      { kind: 'cards', key: 'cards:wave-1:2', group: 0, from: 4, to: 5 },
      { kind: 'head', key: 'head:wave-2', group: 1 },
      { kind: 'head', key: 'head:wave-3', group: 2 },
      { kind: 'cards', key: 'cards:wave-3:0', group: 2, from: 0, to: 1 },
    ]);
  });

  it('knows the row of every card, to scroll a card into view before it is rendered', () => {
    const { rowOf } = planRows(groups, 2);
    expect(rowOf.get('a')).toBe(1);
    expect(rowOf.get('e')).toBe(3);
    expect(rowOf.get('f')).toBe(6);
    expect(rowOf.get('zz')).toBeUndefined();
  });

  it('puts at least one card in a row', () => {
    expect(planRows(groups, 0).rows.filter((row) => row.kind === 'cards')).toHaveLength(6);
  });
});

describe('cardColumns', () => {
  it('fits cards as CSS auto-fill does: n × min + (n − 1) × gap ≤ width', () => {
    expect(cardColumns(230, 230, 8)).toBe(1);
    expect(cardColumns(467, 230, 8)).toBe(1);
    expect(cardColumns(468, 230, 8)).toBe(2);
    expect(cardColumns(1368, 230, 8)).toBe(5);
  });

  it('is one column before the width is known', () => {
    expect(cardColumns(0, 230, 8)).toBe(1);
    expect(cardColumns(Number.NaN, 230, 8)).toBe(1);
  });
});

describe('withPinnedRow', () => {
  it('keeps the pinned row rendered, in order', () => {
    expect(withPinnedRow([4, 5, 6], 40)).toEqual([4, 5, 6, 40]);
    expect(withPinnedRow([4, 5, 6], 1)).toEqual([1, 4, 5, 6]);
    expect(withPinnedRow([4, 5, 6], 5)).toEqual([4, 5, 6]);
    expect(withPinnedRow([4, 5, 6], undefined)).toEqual([4, 5, 6]);
  });
});

describe('runsByGroup', () => {
  it('splits the rendered rows where the group changes', () => {
    const { rows } = planRows(
      [
        { key: 'w1', stackIds: ['a', 'b', 'c'] },
        { key: 'w2', stackIds: ['d'] },
      ],
      1,
    );
    const runs = runsByGroup([{ index: 2 }, { index: 3 }, { index: 4 }, { index: 5 }], rows);
    expect(runs.map((run) => [run.group, run.items.map((item) => item.index)])).toEqual([
      [0, [2, 3]],
      [1, [4, 5]],
    ]);
  });
});
