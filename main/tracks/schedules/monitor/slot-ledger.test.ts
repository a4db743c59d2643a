import { describe, expect, it } from 'vitest';
import { awsWindowMs, DC_SKEW_MS, judgeSlots, METRIC_LAG_MS, slotServedBy, type AwsMinute, type DcRunSeen } from './slot-ledger';

const MINUTE = 60_000;
const T = Date.UTC(2026, 11, 5, 2, 0, 0);
/** Slots every 10 minutes from 02:00. */
const slots = [0, 10, 20, 30].map((m) => T + m * MINUTE);
const rules = { toleranceMs: 2 * MINUTE, awsWindowMs: awsWindowMs(120, 0, 60) };
const closes = Math.max(rules.toleranceMs, rules.awsWindowMs) + METRIC_LAG_MS;
const dc = (offsetMs: number, extra: Partial<DcRunSeen> = {}): DcRunSeen => ({
  startedAt: T + offsetMs,
  building: false,
  result: 'SUCCESS',
  cause: 'timer',
  ...extra,
});
const minutes = (entries: [number, Partial<AwsMinute>][]) =>
  new Map(entries.map(([m, counts]) => [T + m * MINUTE, { invocations: 0, errors: 0, throttles: 0, ...counts }]));

describe('the slot ledger', () => {
  it('gives the AWS window as tolerance + flexible window + timeout + the minute an invocation is counted in', () => {
    expect(awsWindowMs(300, 15, 900)).toBe((300 + 900 + 900) * 1000 + MINUTE);
  });

  it('attributes a DC run to the latest slot at or before its start within the tolerance, and never a user-started one', () => {
    const judged = judgeSlots(
      slots,
      [dc(5_000), dc(10 * MINUTE + 90_000), dc(20 * MINUTE + 3 * MINUTE), dc(30 * MINUTE, { cause: 'user' })],
      new Map(),
      rules,
      T + 60 * MINUTE,
    );
    expect(judged.map((slot) => [slot.dcRuns, slot.verdict])).toEqual([
      [1, 'dc'],
      [1, 'dc'],
      [0, 'missed'], // 3 min after its slot: beyond the 2 min tolerance, it serves none
      [0, 'missed'],
    ]);
  });

  it('lets a DC run a little early (clock skew) serve the coming slot', () => {
    const [, second] = judgeSlots(slots, [dc(10 * MINUTE - DC_SKEW_MS / 2)], new Map(), rules, T + 60 * MINUTE);
    expect(second).toMatchObject({ dcRuns: 1, verdict: 'dc' });
  });

  it('attributes AWS minutes within the window, with their errors and throttles, and ignores later ones', () => {
    const judged = judgeSlots(
      slots,
      [],
      minutes([
        [0, { invocations: 1 }],
        [13, { invocations: 1, errors: 1 }],
        [26, { invocations: 1 }],
        [30, { throttles: 2 }],
      ]),
      rules,
      T + 60 * MINUTE,
    );
    expect(judged.map((slot) => [slot.awsRuns, slot.awsErrors, slot.awsThrottles, slot.verdict])).toEqual([
      [1, 0, 0, 'aws'],
      [1, 1, 0, 'aws'], // 02:13 is within 02:10's window (5 min)
      [0, 0, 0, 'missed'], // 02:26 is past 02:20's window: a retry that serves no slot
      [0, 0, 2, 'missed'], // throttled only: it never ran
    ]);
  });

  it('calls a slot run on both sides a double run, final at once; counts an AWS slot run twice as two runs', () => {
    const [first, second] = judgeSlots(
      slots.slice(0, 2),
      [dc(0)],
      minutes([
        [0, { invocations: 1 }],
        [10, { invocations: 2 }],
      ]),
      rules,
      T + 11 * MINUTE,
    );
    expect(first).toMatchObject({ verdict: 'double', final: true, dcRuns: 1, awsRuns: 1 });
    expect(second).toMatchObject({ verdict: 'aws', awsRuns: 2, final: false });
  });

  it('keeps a slot open until its window and the metrics lag passed, then calls it missed; a run found is shown at once but final only then', () => {
    const at = T + 20 * MINUTE;
    expect(judgeSlots([at], [], new Map(), rules, at - 1)[0]).toMatchObject({ verdict: 'upcoming', final: false });
    expect(judgeSlots([at], [], new Map(), rules, at + closes - 1)[0]).toMatchObject({ verdict: 'open', final: false });
    expect(judgeSlots([at], [], new Map(), rules, at + closes)[0]).toMatchObject({ verdict: 'missed', final: true });
    expect(judgeSlots([at], [dc(20 * MINUTE, { building: true, result: null })], new Map(), rules, at + MINUTE)[0]).toMatchObject({
      verdict: 'dc',
      dcResult: null,
      final: false,
    });
  });

  it('says which slot a DC run starting at a time would serve', () => {
    expect(slotServedBy(slots, T + 21 * MINUTE, rules.toleranceMs)).toBe(T + 20 * MINUTE);
    expect(slotServedBy(slots, T + 23 * MINUTE, rules.toleranceMs)).toBeUndefined();
    expect(slotServedBy(slots, T - 2 * MINUTE, rules.toleranceMs)).toBeUndefined();
  });
});
