// The simulator's evaluator (common/schedules behind ScheduleEvaluator): slots hand-computed, `from < slot <= to`.
import { describe, expect, it } from 'vitest';
import { parseDcCron } from '../../../common/schedules';
import { ExpressionError, schedulesEvaluator as evaluator } from './expressions';

const T0 = Date.UTC(2026, 11, 5, 0, 0, 0);
const H = 3_600_000;
const iso = (slots: number[]) => slots.map((slot) => new Date(slot).toISOString());

describe('schedule evaluator', () => {
  it('expands EventBridge cron(), rate() and at() in a time zone', () => {
    expect(iso(evaluator.nextSlots('cron(0 2 ? * MON-FRI *)', 'Europe/Berlin', T0, T0 + 4 * 24 * H))).toEqual([
      '2026-12-07T01:00:00.000Z',
      '2026-12-08T01:00:00.000Z',
    ]);
    expect(iso(evaluator.nextSlots('cron(0 12 L * ? *)', 'UTC', T0, T0 + 31 * 24 * H))).toEqual(['2026-12-31T12:00:00.000Z']);
    expect(iso(evaluator.nextSlots('cron(0 9 ? * 2#1 *)', 'UTC', T0, T0 + 40 * 24 * H))).toEqual(['2026-12-07T09:00:00.000Z', '2027-01-04T09:00:00.000Z']);
    expect(evaluator.nextSlots('rate(2 hours)', 'UTC', T0, T0 + 5 * H, T0 - H)).toEqual([T0 + H, T0 + 3 * H, T0 + 5 * H]);
    expect(iso(evaluator.nextSlots('at(2026-12-05T10:00:00)', 'America/New_York', T0, T0 + 24 * H))).toEqual(['2026-12-05T15:00:00.000Z']);
    // W: the weekday nearest the 1st, within the month (2027-05-01 is a Saturday: Monday the 3rd).
    expect(iso(evaluator.nextSlots('cron(0 2 1W * ? *)', 'UTC', Date.UTC(2027, 3, 15), Date.UTC(2027, 5, 15)))).toEqual([
      '2027-05-03T02:00:00.000Z',
      '2027-06-01T02:00:00.000Z',
    ]);
    // A DST gap's minute never fires (Berlin, 2027-03-28 02:30 does not exist).
    const spring = Date.UTC(2027, 2, 27, 0, 0);
    expect(iso(evaluator.nextSlots('cron(30 2 * * ? *)', 'Europe/Berlin', spring, spring + 3 * 24 * H))).toEqual([
      '2027-03-27T01:30:00.000Z',
      '2027-03-29T00:30:00.000Z',
    ]);
  });

  it('expands Unix/Jenkins cron with H, aliases and either-day matching', () => {
    const hourly = evaluator.dcSlots('H * * * *', 'UTC', 'job-a', T0, T0 + 3 * H);
    expect(hourly).toHaveLength(3);
    // Jenkins's own H (MD5 of the job's full name seeding java.util.Random), the minute the plan checks compute.
    const planned = parseDcCron('H * * * *', { dialect: 'jenkins', jobFullName: 'job-a' });
    if (!planned.ok) throw new Error(planned.message);
    expect(new Set(hourly.map((slot) => (slot % H) / 60_000))).toEqual(new Set(planned.schedule.tables[0]!.minutes));
    expect(evaluator.dcSlots('@hourly', 'UTC', 'job-a', T0, T0 + 3 * H)).toEqual(hourly);
    expect(evaluator.dcSlots('H/20 * * * *', 'UTC', 'job-b', T0, T0 + H)).toHaveLength(3);
    // A crontab entry (Vixie): the 1st of the month OR a Sunday, 2026-12-06 (Sun) and 2026-12-13 (Sun).
    expect(iso(evaluator.dcSlots('0 0 1 * 0', 'UTC', 'x', T0, T0 + 10 * 24 * H, 'vixie'))).toEqual(['2026-12-06T00:00:00.000Z', '2026-12-13T00:00:00.000Z']);
    // Jenkins requires both: a 1st that is a Sunday (2027-08-01).
    expect(iso(evaluator.dcSlots('0 0 1 * 0', 'UTC', 'x', T0, T0 + 300 * 24 * H))).toEqual(['2027-08-01T00:00:00.000Z']);
    // H is Jenkins's: a crontab entry refuses it.
    expect(() => evaluator.dcSlots('H 2 * * *', 'UTC', 'x', T0, T0 + H, 'vixie')).toThrow(ExpressionError);
  });

  it('treats DST as each scheduler does', () => {
    // Berlin, 2026-10-25: 02:00-03:00 local repeats (CEST, then CET). EventBridge fires once (the first), Jenkins twice.
    const fall = Date.UTC(2026, 9, 24, 12, 0);
    expect(iso(evaluator.nextSlots('cron(30 2 * * ? *)', 'Europe/Berlin', fall, fall + 24 * H))).toEqual(['2026-10-25T00:30:00.000Z']);
    expect(iso(evaluator.dcSlots('30 2 * * *', 'Europe/Berlin', 'x', fall, fall + 24 * H))).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']);
    // Berlin, 2027-03-28: 02:00-03:00 local is skipped. Jenkins skips it; a Vixie fixed-time entry runs at the jump.
    const spring = Date.UTC(2027, 2, 27, 12, 0);
    expect(evaluator.dcSlots('30 2 * * *', 'Europe/Berlin', 'x', spring, spring + 24 * H)).toEqual([]);
    expect(iso(evaluator.dcSlots('30 2 * * *', 'Europe/Berlin', 'x', spring, spring + 24 * H, 'vixie'))).toEqual(['2027-03-28T01:00:00.000Z']);
  });

  it('refuses what it cannot read', () => {
    for (const bad of [
      'cron(0 2 * * *)',
      'cron(0 2 * * * *)',
      'rate(0 minutes)',
      'rate(5 fortnights)',
      'at(2026-02-30T00:00:00)',
      'every day',
      'cron(0 2 LW * ? *)',
    ])
      expect(() => evaluator.nextSlots(bad, 'UTC', T0, T0 + H), bad).toThrow(ExpressionError);
    expect(() => evaluator.nextSlots('rate(1 hour)', 'Mars/Base', T0, T0 + H)).toThrow(ExpressionError);
    expect(() => evaluator.dcSlots('61 * * * *', 'UTC', 'x', T0, T0 + H)).toThrow(ExpressionError);
  });
});
