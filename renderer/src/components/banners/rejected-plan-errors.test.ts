import { describe, expect, it } from 'vitest';
import { errorsShown, toggleErrors } from './rejected-plan-errors';

describe("the invalid-plan banner's errors", () => {
  it('stay open on the tab they were opened on and are closed on any other (also when coming back)', () => {
    const opened = toggleErrors(null, 'plan');
    expect(errorsShown(opened, 'plan')).toBe(true);
    expect(errorsShown(opened, 'journal')).toBe(false);
    expect(errorsShown(null, 'plan')).toBe(false);
  });

  it('toggle on the tab in view: a click on another tab opens them there', () => {
    expect(toggleErrors('plan', 'plan')).toBeNull();
    expect(toggleErrors('plan', 'journal')).toBe('journal');
  });
});
