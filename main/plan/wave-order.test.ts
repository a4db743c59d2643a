import { describe, expect, it } from 'vitest';
import { findDependencyCycles, orderWaves } from './wave-order';

const wave = (id: string, ...dependsOn: string[]) => ({ id, dependsOn });
const ids = (waves: { id: string }[]) => waves.map((w) => w.id);

describe('wave ordering', () => {
  it('keeps the declared order when it already respects dependencies', () => {
    expect(ids(orderWaves([wave('a'), wave('b', 'a'), wave('c', 'b')]))).toEqual(['a', 'b', 'c']);
  });

  it('moves a wave after the waves it depends on', () => {
    expect(ids(orderWaves([wave('c', 'b'), wave('b', 'a'), wave('a')]))).toEqual(['a', 'b', 'c']);
  });

  it('breaks ties by declaration order (a diamond)', () => {
    const waves = [wave('join', 'left', 'right'), wave('right', 'root'), wave('left', 'root'), wave('root')];
    expect(ids(orderWaves(waves))).toEqual(['root', 'right', 'left', 'join']);
  });

  it('orders independent waves as declared', () => {
    expect(ids(orderWaves([wave('x'), wave('y'), wave('z')]))).toEqual(['x', 'y', 'z']);
  });

  it('ignores dependencies on unknown waves (reported elsewhere)', () => {
    expect(ids(orderWaves([wave('a', 'ghost'), wave('b', 'a')]))).toEqual(['a', 'b']);
  });

  it('refuses to order a cycle', () => {
    expect(() => orderWaves([wave('a', 'b'), wave('b', 'a')])).toThrow(/cycle/);
  });
});

describe('dependency cycles', () => {
  it('finds none in an acyclic plan', () => {
    expect(findDependencyCycles([wave('a'), wave('b', 'a'), wave('c', 'a', 'b')])).toEqual([]);
  });

  it('names a two-wave cycle along "depends on"', () => {
    expect(findDependencyCycles([wave('a', 'b'), wave('b', 'a')])).toEqual([['a', 'b', 'a']]);
  });

  it('names a longer cycle once, with the waves outside it left out', () => {
    const cycles = findDependencyCycles([wave('start'), wave('w1', 'start', 'w3'), wave('w2', 'w1'), wave('w3', 'w2')]);
    expect(cycles).toEqual([['w1', 'w3', 'w2', 'w1']]);
  });

  it('finds a self-dependency', () => {
    expect(findDependencyCycles([wave('a', 'a')])).toEqual([['a', 'a']]);
  });

  it('finds two separate cycles', () => {
    expect(findDependencyCycles([wave('a', 'b'), wave('b', 'a'), wave('c', 'd'), wave('d', 'c')])).toHaveLength(2);
  });
});
