import { describe, expect, it } from 'vitest';
import { parseDcCron, type DcCronOptions } from './dc-cron';
import { parseAwsSchedule } from './eventbridge';
import type { Schedule } from './schedule';
import { expandSlots } from './slots';

const aws = (text: string): Schedule => {
  const result = parseAwsSchedule(text);
  if (!result.ok) throw new Error(`${text}: ${result.message} at ${result.at}`);
  return result.schedule;
};
const dc = (text: string, options: DcCronOptions = { dialect: 'vixie' }): Schedule => {
  const result = parseDcCron(text, options);
  if (!result.ok) throw new Error(`${text}: ${result.message} at ${result.at}`);
  return result.schedule;
};
const jenkins = (text: string, job = 'billing/nightly') => dc(text, { dialect: 'jenkins', jobFullName: job });
const t = (iso: string) => Date.parse(iso);
/** The slots' instants (and DST marks) between two ISO instants. */
const at = (schedule: Schedule, zone: string, from: string, to: string, start?: string) =>
  expandSlots(schedule, zone, t(from), t(to), start ? { start: t(start) } : {}).map((slot) => (slot.dst ? `${slot.at} ${slot.dst}` : slot.at));
const locals = (schedule: Schedule, zone: string, from: string, to: string) => expandSlots(schedule, zone, t(from), t(to)).map((slot) => slot.local);

describe('EventBridge cron() slots', () => {
  it('fires daily at a fixed UTC time, from inclusive, to exclusive', () => {
    expect(at(aws('cron(0 2 * * ? *)'), 'UTC', '2026-01-01T02:00:00Z', '2026-01-04T02:00:00Z')).toEqual([
      '2026-01-01T02:00:00Z',
      '2026-01-02T02:00:00Z',
      '2026-01-03T02:00:00Z',
    ]);
  });

  it('steps from a value (0/15) and lists', () => {
    expect(at(aws('cron(0/15 9 * * ? *)'), 'UTC', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')).toEqual([
      '2026-01-01T09:00:00Z',
      '2026-01-01T09:15:00Z',
      '2026-01-01T09:30:00Z',
      '2026-01-01T09:45:00Z',
    ]);
    expect(locals(aws('cron(5,35 8,20 ? * MON-FRI *)'), 'UTC', '2026-01-02T00:00:00Z', '2026-01-06T00:00:00Z')).toEqual([
      // Fri 2 Jan, then Mon 5 Jan (the weekend skipped).
      '2026-01-02 08:05',
      '2026-01-02 08:35',
      '2026-01-02 20:05',
      '2026-01-02 20:35',
      '2026-01-05 08:05',
      '2026-01-05 08:35',
      '2026-01-05 20:05',
      '2026-01-05 20:35',
    ]);
  });

  it('numbers the days of the week 1-7 from Sunday', () => {
    // 1 = SUN: Sundays in January 2026 are the 4th, 11th, 18th, 25th.
    expect(locals(aws('cron(0 6 ? JAN 1 2026)'), 'UTC', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')).toEqual([
      '2026-01-04 06:00',
      '2026-01-11 06:00',
      '2026-01-18 06:00',
      '2026-01-25 06:00',
    ]);
    expect(at(aws('cron(0 6 ? JAN SUN 2026)'), 'UTC', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')).toEqual(
      at(aws('cron(0 6 ? JAN 1 2026)'), 'UTC', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'),
    );
  });

  it('takes L as the month’s last day, leap years included', () => {
    // 2028 is a leap year; Berlin's summer time starts on 26 March 2028, so 31 March noon is 10:00Z.
    expect(at(aws('cron(0 12 L * ? *)'), 'Europe/Berlin', '2028-01-01T00:00:00Z', '2028-04-01T00:00:00Z')).toEqual([
      '2028-01-31T11:00:00Z',
      '2028-02-29T11:00:00Z',
      '2028-03-31T10:00:00Z',
    ]);
    expect(locals(aws('cron(0 12 L 2 ? *)'), 'UTC', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toEqual(['2026-02-28 12:00']);
  });

  it('never fires on 30 February, and on 29 February only in leap years', () => {
    expect(at(aws('cron(0 0 30 2 ? *)'), 'UTC', '2026-01-01T00:00:00Z', '2031-01-01T00:00:00Z')).toEqual([]);
    expect(at(aws('cron(0 0 29 2 ? *)'), 'UTC', '2026-01-01T00:00:00Z', '2031-01-01T00:00:00Z')).toEqual(['2028-02-29T00:00:00Z']);
  });

  it('moves nW to the nearest weekday within the month', () => {
    // 2026: 15 Feb and 15 Mar are Sundays (→ Monday), 15 Aug a Saturday (→ Friday); 1 Aug is a Saturday (→ Monday 3rd).
    const days = (text: string, from: string, to: string) => locals(aws(text), 'UTC', from, to).map((local) => local.slice(0, 10));
    expect(days('cron(0 9 15W * ? 2026)', '2026-02-01T00:00:00Z', '2026-04-01T00:00:00Z')).toEqual(['2026-02-16', '2026-03-16']);
    expect(days('cron(0 9 15W * ? 2026)', '2026-08-01T00:00:00Z', '2026-09-01T00:00:00Z')).toEqual(['2026-08-14']);
    expect(days('cron(0 9 1W * ? 2026)', '2026-08-01T00:00:00Z', '2026-09-01T00:00:00Z')).toEqual(['2026-08-03']);
    // 31W in a 30-day month: the day does not exist, no run.
    expect(days('cron(0 9 31W * ? 2026)', '2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z')).toEqual([]);
  });

  it('takes n#k as the k-th such day and nL as the last one', () => {
    const days = (text: string) => locals(aws(text), 'UTC', '2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z').map((local) => local.slice(0, 10));
    // Fridays 2026: 2, 9, 16, 23, 30 January; 6, 13, 20, 27 February.
    expect(days('cron(0 10 ? * 6#3 *)')).toEqual(['2026-01-16', '2026-02-20']);
    expect(days('cron(0 10 ? * FRI#1 *)')).toEqual(['2026-01-02', '2026-02-06']);
    expect(days('cron(0 10 ? * 6L *)')).toEqual(['2026-01-30', '2026-02-27']);
    expect(days('cron(0 10 ? * 6#5 *)')).toEqual(['2026-01-30']);
    // L alone in day-of-week: Saturday (7).
    expect(days('cron(0 10 ? JAN L *)')).toEqual(['2026-01-03', '2026-01-10', '2026-01-17', '2026-01-24', '2026-01-31']);
  });

  it('honours the year field', () => {
    expect(at(aws('cron(0 0 1 1 ? 2027,2029)'), 'UTC', '2026-01-01T00:00:00Z', '2031-01-01T00:00:00Z')).toEqual([
      '2027-01-01T00:00:00Z',
      '2029-01-01T00:00:00Z',
    ]);
  });
});

describe('daylight saving time, as each scheduler treats it', () => {
  // Berlin 2026: 29 March 02:00 CET → 03:00 CEST (01:00Z); 25 October 03:00 CEST → 02:00 CET (01:00Z).
  const SPRING = ['2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z'] as const;
  const AUTUMN = ['2026-10-24T00:00:00Z', '2026-10-27T00:00:00Z'] as const;

  it('EventBridge skips a slot in the gap and fires a repeated one once', () => {
    expect(at(aws('cron(30 2 * * ? *)'), 'Europe/Berlin', ...SPRING)).toEqual(['2026-03-28T01:30:00Z', '2026-03-30T00:30:00Z']);
    expect(at(aws('cron(30 2 * * ? *)'), 'Europe/Berlin', ...AUTUMN)).toEqual(['2026-10-24T00:30:00Z', '2026-10-25T00:30:00Z', '2026-10-26T01:30:00Z']);
  });

  it('Jenkins skips the gap and runs a repeated time twice', () => {
    expect(at(jenkins('30 2 * * *'), 'Europe/Berlin', ...SPRING)).toEqual(['2026-03-28T01:30:00Z', '2026-03-30T00:30:00Z']);
    expect(at(jenkins('30 2 * * *'), 'Europe/Berlin', ...AUTUMN)).toEqual([
      '2026-10-24T00:30:00Z',
      '2026-10-25T00:30:00Z',
      '2026-10-25T01:30:00Z repeat',
      '2026-10-26T01:30:00Z',
    ]);
  });

  it('Vixie cron runs a skipped fixed-time entry right after the jump and a repeated one once', () => {
    expect(at(dc('30 2 * * *'), 'Europe/Berlin', ...SPRING)).toEqual(['2026-03-28T01:30:00Z', '2026-03-29T01:00:00Z after-gap', '2026-03-30T00:30:00Z']);
    expect(at(dc('30 2 * * *'), 'Europe/Berlin', ...AUTUMN)).toEqual(['2026-10-24T00:30:00Z', '2026-10-25T00:30:00Z', '2026-10-26T01:30:00Z']);
    // Two skipped times of one entry run once.
    expect(at(dc('0,30 2 * * *'), 'Europe/Berlin', '2026-03-29T00:00:00Z', '2026-03-29T06:00:00Z')).toEqual(['2026-03-29T01:00:00Z after-gap']);
  });

  it('Vixie cron runs wildcard entries by the new local time', () => {
    expect(at(dc('*/30 2 * * *'), 'Europe/Berlin', '2026-03-29T00:00:00Z', '2026-03-30T00:00:00Z')).toEqual([]);
    expect(at(dc('*/30 2 * * *'), 'Europe/Berlin', '2026-10-25T00:00:00Z', '2026-10-26T00:00:00Z')).toEqual([
      '2026-10-25T00:00:00Z',
      '2026-10-25T00:30:00Z',
      '2026-10-25T01:00:00Z repeat',
      '2026-10-25T01:30:00Z repeat',
    ]);
  });

  it('America/New_York: 8 March and 1 November 2026', () => {
    // 8 March 02:00 EST → 03:00 EDT; 1 November 02:00 EDT → 01:00 EST.
    expect(at(aws('cron(30 2 * * ? *)'), 'America/New_York', '2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z')).toEqual([
      '2026-03-07T07:30:00Z',
      '2026-03-09T06:30:00Z',
    ]);
    expect(at(aws('cron(30 1 * * ? *)'), 'America/New_York', '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z')).toEqual(['2026-11-01T05:30:00Z']);
    expect(at(jenkins('30 1 * * *'), 'America/New_York', '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z')).toEqual([
      '2026-11-01T05:30:00Z',
      '2026-11-01T06:30:00Z repeat',
    ]);
    expect(at(dc('30 2 * * *'), 'America/New_York', '2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z')).toEqual(['2026-03-08T07:00:00Z after-gap']);
  });

  it('local times show the zone’s clock', () => {
    expect(expandSlots(aws('cron(0 3 * * ? *)'), 'Europe/Berlin', t(SPRING[0]), t(SPRING[1])).map((slot) => slot.local)).toEqual([
      '2026-03-28 03:00',
      '2026-03-29 03:00',
      '2026-03-30 03:00',
    ]);
  });
});

describe('rate() and at()', () => {
  it('rate counts from the start', () => {
    expect(at(aws('rate(5 minutes)'), 'UTC', '2026-01-01T10:00:00Z', '2026-01-01T10:20:00Z', '2026-01-01T10:02:00Z')).toEqual([
      '2026-01-01T10:02:00Z',
      '2026-01-01T10:07:00Z',
      '2026-01-01T10:12:00Z',
      '2026-01-01T10:17:00Z',
    ]);
    // A start long before the range: the first slot in it is on the start's grid.
    expect(at(aws('rate(2 hours)'), 'UTC', '2026-01-02T00:30:00Z', '2026-01-02T05:00:00Z', '2026-01-01T01:00:00Z')).toEqual([
      '2026-01-02T01:00:00Z',
      '2026-01-02T03:00:00Z',
    ]);
  });

  it('rate(1 day) is 24 hours, whatever DST does', () => {
    const slots = expandSlots(aws('rate(1 day)'), 'Europe/Berlin', t('2026-03-28T00:00:00Z'), t('2026-03-31T00:00:00Z'), { start: t('2026-03-28T01:00:00Z') });
    expect(slots.map((slot) => slot.local)).toEqual(['2026-03-28 02:00', '2026-03-29 03:00', '2026-03-30 03:00']);
  });

  it('at() fires once at the local time, and at the jump when that time was skipped', () => {
    expect(at(aws('at(2026-12-06T02:00:00)'), 'Europe/Berlin', '2026-12-01T00:00:00Z', '2026-12-31T00:00:00Z')).toEqual(['2026-12-06T01:00:00Z']);
    expect(at(aws('at(2026-03-29T02:30:00)'), 'Europe/Berlin', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z')).toEqual(['2026-03-29T01:00:00Z']);
    expect(at(aws('at(2026-12-06T02:00:00)'), 'Europe/Berlin', '2026-12-07T00:00:00Z', '2026-12-31T00:00:00Z')).toEqual([]);
  });
});

describe('data-center cron slots', () => {
  it('Vixie: a day matches if either restricted day field does', () => {
    // December 2026: Fridays 4, 11, 18, 25; the 13th is a Sunday.
    const days = (schedule: Schedule) => locals(schedule, 'UTC', '2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z').map((local) => local.slice(0, 10));
    expect(days(dc('0 0 13 * 5'))).toEqual(['2026-12-04', '2026-12-11', '2026-12-13', '2026-12-18', '2026-12-25']);
    expect(days(dc('0 0 13 * fri'))).toEqual(days(dc('0 0 13 * 5')));
    // A day field starting with '*' (even */2) makes both required.
    expect(days(dc('0 0 * * 5'))).toEqual(['2026-12-04', '2026-12-11', '2026-12-18', '2026-12-25']);
    expect(days(dc('0 0 */2 * 5'))).toEqual(['2026-12-11', '2026-12-25']);
    // Jenkins always requires both.
    expect(days(jenkins('0 0 13 * 5'))).toEqual([]);
  });

  it('takes 0 and 7 as Sunday, names in lists and ranges, and the @ aliases', () => {
    const days = (schedule: Schedule) => locals(schedule, 'UTC', '2026-01-01T00:00:00Z', '2026-01-15T00:00:00Z').map((local) => local.slice(0, 10));
    expect(days(dc('0 6 * * 7'))).toEqual(['2026-01-04', '2026-01-11']);
    expect(days(dc('0 6 * * 0'))).toEqual(days(dc('0 6 * * 7')));
    expect(days(dc('0 6 * * SAT-SUN'.replace('SAT-SUN', 'sun,sat')))).toEqual(['2026-01-03', '2026-01-04', '2026-01-10', '2026-01-11']);
    expect(days(dc('0 6 * jan mon-fri'))).toHaveLength(10);
    expect(at(dc('@daily'), 'UTC', '2026-01-01T00:00:00Z', '2026-01-03T00:00:00Z')).toEqual(['2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z']);
    expect(at(dc('@weekly'), 'UTC', '2026-01-01T00:00:00Z', '2026-01-15T00:00:00Z')).toEqual(['2026-01-04T00:00:00Z', '2026-01-11T00:00:00Z']);
    expect(at(dc('@monthly'), 'UTC', '2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z')).toEqual(['2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z']);
    expect(at(dc('@yearly'), 'UTC', '2026-01-01T00:00:00Z', '2028-01-01T00:00:00Z')).toEqual(['2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z']);
    expect(at(dc('@hourly'), 'UTC', '2026-01-01T00:00:00Z', '2026-01-01T03:00:00Z')).toEqual([
      '2026-01-01T00:00:00Z',
      '2026-01-01T01:00:00Z',
      '2026-01-01T02:00:00Z',
    ]);
  });

  it('steps over ranges', () => {
    expect(locals(dc('10-40/15 9-17/4 * * *'), 'UTC', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')).toEqual([
      '2026-01-01 09:10',
      '2026-01-01 09:25',
      '2026-01-01 09:40',
      '2026-01-01 13:10',
      '2026-01-01 13:25',
      '2026-01-01 13:40',
      '2026-01-01 17:10',
      '2026-01-01 17:25',
      '2026-01-01 17:40',
    ]);
  });
});
