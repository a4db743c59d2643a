import { describe, expect, it } from 'vitest';
import { planGate } from './plan-gate';

describe('the gate line of a wave on the Plan tab', () => {
  it('says neutrally that a wave has no gates', () => {
    expect(planGate(false, 'not-deployed')).toMatchObject({ kind: 'none', label: 'no gates defined' });
    expect(planGate(false, 'ready')).toMatchObject({ kind: 'none' });
  });

  it("shows the monitor's verdict only while the gates decide (and before the phase is known)", () => {
    expect(planGate(true, 'not-ready')).toEqual({ kind: 'judged' });
    expect(planGate(true, 'ready')).toEqual({ kind: 'judged' });
    expect(planGate(true, 'rolled-back')).toEqual({ kind: 'judged' });
    expect(planGate(true, undefined)).toEqual({ kind: 'judged' });
  });

  it('is neutral, never red, when the gates decide nothing', () => {
    expect(planGate(true, 'cut-over')).toMatchObject({ kind: 'not-judged', label: 'gates not judged: cut over' });
    expect(planGate(true, 'not-deployed')).toMatchObject({ kind: 'not-judged', label: 'gates not judged: not deployed' });
    expect(planGate(true, 'cutover-in-progress')).toMatchObject({ kind: 'not-judged', label: 'gates not judged: cutover in progress' });
  });
});
