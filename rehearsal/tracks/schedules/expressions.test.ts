// The minimal evaluator's slots, hand-computed.
import { describe, expect, it } from 'vitest';
import { ExpressionError, minimalEvaluator } from './expressions';

const T0 = Date.UTC(2026, 11, 5, 0, 0, 0);
const H = 3_600_000;
const iso = (slots: number[]) => slots.map((slot) => new Date(slot).toISOString());

describe('minimal schedule evaluator', () => {
  it('expands EventBridge cron(), rate() and at() in a time zone', () => {
    expect(iso(minimalEvaluator.nextSlots('cron(0 2 ? * MON-FRI *)', 'Europe/Berlin', T0, T0 + 4 * 24 * H))).toEqual([
      '2026-12-07T01:00:00.000Z',
      '2026-12-08T01:00:00.000Z',
    ]);
    expect(iso(minimalEvaluator.nextSlots('cron(0 12 L * ? *)', 'UTC', T0, T0 + 31 * 24 * H))).toEqual(['2026-12-31T12:00:00.000Z']);
    expect(iso(minimalEvaluator.nextSlots('cron(0 9 ? * 2#1 *)', 'UTC', T0, T0 + 40 * 24 * H))).toEqual([
      '2026-12-07T09:00:00.000Z',
      '2027-01-04T09:00:00.000Z',
    ]);
    expect(minimalEvaluator.nextSlots('rate(2 hours)', 'UTC', T0, T0 + 5 * H, T0 - H)).toEqual([T0 + H, T0 + 3 * H, T0 + 5 * H]);
    expect(iso(minimalEvaluator.nextSlots('at(2026-12-05T10:00:00)', 'America/New_York', T0, T0 + 24 * H))).toEqual(['2026-12-05T15:00:00.000Z']);
    // A DST gap's minute never fires (Berlin, 2027-03-28 02:30 does not exist).
    const spring = Date.UTC(2027, 2, 27, 0, 0);
    expect(iso(minimalEvaluator.nextSlots('cron(30 2 * * ? *)', 'Europe/Berlin', spring, spring + 3 * 24 * H))).toEqual([
      '2027-03-27T01:30:00.000Z',
      '2027-03-29T00:30:00.000Z',
    ]);
  });

  it('expands Unix/Jenkins cron with H, aliases and either-day matching', () => {
    const hourly = minimalEvaluator.dcSlots('H * * * *', 'UTC', 'job-a', T0, T0 + 3 * H);
    expect(hourly).toHaveLength(3);
    expect(new Set(hourly.map((slot) => (slot % H) / 60_000)).size).toBe(1);
    expect(minimalEvaluator.dcSlots('@hourly', 'UTC', 'job-a', T0, T0 + 3 * H)).toEqual(hourly);
    expect(minimalEvaluator.dcSlots('H/20 * * * *', 'UTC', 'job-b', T0, T0 + H)).toHaveLength(3);
    // 1st of the month OR a Sunday: 2026-12-06 (Sun) and 2026-12-13 (Sun).
    expect(iso(minimalEvaluator.dcSlots('0 0 1 * 0', 'UTC', 'x', T0, T0 + 10 * 24 * H))).toEqual(['2026-12-06T00:00:00.000Z', '2026-12-13T00:00:00.000Z']);
  });

  it('refuses what it cannot read', () => {
    for (const bad of [
      'cron(0 2 * * *)',
      'cron(0 2 * * * *)',
      'rate(0 minutes)',
      'rate(5 fortnights)',
      'at(2026-02-30T00:00:00)',
      'every day',
      'cron(0 2 1W * ? *)',
    ])
      expect(() => minimalEvaluator.nextSlots(bad, 'UTC', T0, T0 + H), bad).toThrow(ExpressionError);
    expect(() => minimalEvaluator.nextSlots('rate(1 hour)', 'Mars/Base', T0, T0 + H)).toThrow(ExpressionError);
    expect(() => minimalEvaluator.dcSlots('61 * * * *', 'UTC', 'x', T0, T0 + H)).toThrow(ExpressionError);
  });
});
