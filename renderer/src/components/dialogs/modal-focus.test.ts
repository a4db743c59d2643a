import { describe, expect, it } from 'vitest';
import { wrapTab } from './modal-focus';

describe('wrapTab', () => {
  it('cycles inside the dialog: past the last control to the first, before the first to the last', () => {
    expect(wrapTab(2, 3, false)).toBe(0);
    expect(wrapTab(0, 3, true)).toBe(2);
  });

  it('lets the browser move between the controls in between', () => {
    expect(wrapTab(0, 3, false)).toBeNull();
    expect(wrapTab(1, 3, true)).toBeNull();
  });

  it('brings focus back in from the dialog itself or from outside', () => {
    expect(wrapTab(-1, 3, false)).toBe(0);
    expect(wrapTab(-1, 3, true)).toBe(2);
  });

  it('stays on the only control, and has nowhere to go without one', () => {
    expect(wrapTab(0, 1, false)).toBe(0);
    expect(wrapTab(0, 1, true)).toBe(0);
    expect(wrapTab(-1, 0, false)).toBeNull();
  });
});
