import { describe, expect, it } from 'vitest';
import { compareSchedules } from './compare';
import { parseDcCron } from './dc-cron';
import { parseAwsSchedule } from './eventbridge';
import type { Schedule } from './schedule';
import { expandSlots } from './slots';

const aws = (text: string): Schedule => {
  const result = parseAwsSchedule(text);
  if (!result.ok) throw new Error(result.message);
  return result.schedule;
};
const vixie = (text: string): Schedule => {
  const result = parseDcCron(text, { dialect: 'vixie' });
  if (!result.ok) throw new Error(result.message);
  return result.schedule;
};

describe('comparing two schedules', () => {
  it('matches equal slots over 14 days', () => {
    const result = compareSchedules(
      { schedule: aws('cron(0 2 * * ? *)'), timeZone: 'Europe/Berlin' },
      { schedule: vixie('0 2 * * *'), timeZone: 'Europe/Berlin' },
      { from: Date.parse('2026-12-01T00:00:00Z') },
    );
    expect(result.matched).toHaveLength(14);
    expect(result.onlyA).toEqual([]);
    expect(result.onlyB).toEqual([]);
    expect(result.to - result.from).toBe(14 * 86_400_000);
  });

  it('lists the slots only one side fires: a UTC host against a Berlin schedule across spring forward', () => {
    const result = compareSchedules(
      { schedule: aws('cron(0 2 * * ? *)'), timeZone: 'Europe/Berlin' },
      { schedule: vixie('0 1 * * *'), timeZone: 'UTC' },
      { from: Date.parse('2026-03-22T00:00:00Z'), toleranceSeconds: 300 },
    );
    // 22-28 March: 02:00 CET = 01:00Z on both sides. 29 March: 02:00 does not exist in Berlin. From 30 March 02:00 CEST = 00:00Z.
    expect(result.matched.map((pair) => pair.a.local.slice(0, 10))).toEqual([
      '2026-03-22',
      '2026-03-23',
      '2026-03-24',
      '2026-03-25',
      '2026-03-26',
      '2026-03-27',
      '2026-03-28',
    ]);
    expect(result.onlyA.map((slot) => slot.at)).toEqual([
      '2026-03-30T00:00:00Z',
      '2026-03-31T00:00:00Z',
      '2026-04-01T00:00:00Z',
      '2026-04-02T00:00:00Z',
      '2026-04-03T00:00:00Z',
      '2026-04-04T00:00:00Z',
    ]);
    expect(result.onlyB.map((slot) => slot.at.slice(0, 10))).toEqual([
      '2026-03-29',
      '2026-03-30',
      '2026-03-31',
      '2026-04-01',
      '2026-04-02',
      '2026-04-03',
      '2026-04-04',
    ]);
  });

  it('pairs slots within the tolerance, each with its nearest partner', () => {
    const result = compareSchedules(
      { schedule: aws('cron(0 * * * ? *)'), timeZone: 'UTC' },
      { schedule: vixie('2 * * * *'), timeZone: 'UTC' },
      { from: Date.parse('2026-01-01T00:00:00Z'), horizonDays: 1, toleranceSeconds: 300 },
    );
    expect(result.matched).toHaveLength(24);
    expect(new Set(result.matched.map((pair) => pair.offsetSeconds))).toEqual(new Set([120]));
    const strict = compareSchedules(
      { schedule: aws('cron(0 * * * ? *)'), timeZone: 'UTC' },
      { schedule: vixie('2 * * * *'), timeZone: 'UTC' },
      { from: Date.parse('2026-01-01T00:00:00Z'), horizonDays: 1 },
    );
    expect([strict.matched.length, strict.onlyA.length, strict.onlyB.length]).toEqual([0, 24, 24]);
    // A denser side: every 5 minutes against hourly; each hourly slot pairs with its equal one, the rest are A's own.
    const dense = compareSchedules(
      { schedule: aws('rate(5 minutes)'), timeZone: 'UTC' },
      { schedule: vixie('0 * * * *'), timeZone: 'UTC' },
      { from: Date.parse('2026-01-01T00:00:00Z'), horizonDays: 1, toleranceSeconds: 240 },
    );
    expect(dense.matched).toHaveLength(24);
    expect(dense.matched.every((pair) => pair.offsetSeconds === 0)).toBe(true);
    expect(dense.onlyA).toHaveLength(288 - 24);
  });
});

describe('performance', () => {
  it('expands a minutely schedule over 14 days quickly', () => {
    const started = performance.now();
    const slots = expandSlots(aws('cron(* * * * ? *)'), 'Europe/Berlin', Date.parse('2026-03-22T00:00:00Z'), Date.parse('2026-04-05T00:00:00Z'));
    const elapsed = performance.now() - started;
    // Every minute of the 14 days (spring forward skips an hour of local times, not of instants).
    expect(slots).toHaveLength(14 * 1440);
    expect(slots.filter((slot) => slot.local.startsWith('2026-03-29 02:'))).toEqual([]);
    console.log(`minutely schedule over 14 days (Europe/Berlin): ${slots.length} slots in ${elapsed.toFixed(1)} ms`);
    expect(elapsed).toBeLessThan(2000);
  });
});
