import { describe, expect, it } from 'vitest';
import { moveInGrid } from './grid-nav';

const rows = [['n'], ['a1', 'a2', 'a3'], [], ['b1', 'b2', 'b3', 'b4'], ['c1', 'c2']];

describe('moveInGrid', () => {
  it('moves left and right inside a wave and stops at its ends', () => {
    expect(moveInGrid(rows, 'a1', 'ArrowRight')).toBe('a2');
    expect(moveInGrid(rows, 'a3', 'ArrowRight')).toBe('a3');
    expect(moveInGrid(rows, 'a1', 'ArrowLeft')).toBe('a1');
  });

  it('moves up and down to the nearest index of the neighbouring wave, skipping empty ones', () => {
    expect(moveInGrid(rows, 'a2', 'ArrowDown')).toBe('b2');
    expect(moveInGrid(rows, 'b4', 'ArrowUp')).toBe('a3');
    expect(moveInGrid(rows, 'b4', 'ArrowDown')).toBe('c2');
    expect(moveInGrid(rows, 'n', 'ArrowUp')).toBe('n');
    expect(moveInGrid(rows, 'c1', 'ArrowDown')).toBe('c1');
  });

  it('goes to the first and last card with Home and End', () => {
    expect(moveInGrid(rows, 'b3', 'Home')).toBe('n');
    expect(moveInGrid(rows, 'a1', 'End')).toBe('c2');
  });

  it('ignores other keys and unknown cards', () => {
    expect(moveInGrid(rows, 'a1', 'x')).toBeNull();
    expect(moveInGrid(rows, 'zz', 'ArrowDown')).toBeNull();
  });
});
