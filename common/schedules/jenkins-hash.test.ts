import { describe, expect, it } from 'vitest';
import { parseDcCron } from './dc-cron';
import { JavaRandom, jenkinsHash, md5, utf8 } from './jenkins-hash';
import type { CronTable } from './schedule';

const hex = (bytes: Uint8Array) => [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
const table = (spec: string, job: string): CronTable => {
  const result = parseDcCron(spec, { dialect: 'jenkins', jobFullName: job });
  if (!result.ok) throw new Error(result.message);
  return result.schedule.tables[0]!;
};

describe("Jenkins' hash", () => {
  it('builds on MD5 (RFC 1321 test vectors) and java.util.Random (known sequences)', () => {
    expect(hex(md5(utf8('')))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(hex(md5(utf8('abc')))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(hex(md5(utf8('The quick brown fox jumps over the lazy dog')))).toBe('9e107d9d372bb6826bd81d3542a419d6');
    expect(hex(md5(utf8('12345678901234567890123456789012345678901234567890123456789012345678901234567890')))).toBe('57edf4a22be3c955ac49da2e2107b67a');
    expect(hex(md5(utf8('é')))).toBe(hex(md5(Uint8Array.from([0xc3, 0xa9]))));
    // new Random(42).nextInt() and new Random(0).nextInt(), as every JVM gives them.
    expect(new JavaRandom(42n).nextInt32()).toBe(-1170105035);
    expect(new JavaRandom(0n).nextInt32()).toBe(-1155484576);
    expect(new JavaRandom(42n).nextInt(10)).toBe(0);
  });

  it('is stable for a job and spreads jobs apart', () => {
    const first = table('H H * * *', 'billing/nightly-invoices');
    expect(table('H H * * *', 'billing/nightly-invoices')).toEqual(first);
    const times = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((job) => JSON.stringify(table('H H * * *', `team/${job}`).minutes)));
    expect(times.size).toBeGreaterThan(4);
    // A regression value: the draw for this name as computed here (MD5 → Random → nextInt(60), nextInt(24)); not yet
    // checked against a live Jenkins.
    expect([first.minutes, first.hours]).toEqual([[9], [21]]);
  });

  it('draws within the ranges and steps Jenkins uses', () => {
    for (const job of ['a/one', 'a/two', 'b/three', 'c/four', 'ümlaut/job']) {
      const steps = table('H(0-29)/10 * * * *', job).minutes;
      expect(steps).toHaveLength(3);
      expect(steps[0]).toBeLessThan(10);
      expect(steps.map((minute) => minute - steps[0]!)).toEqual([0, 10, 20]);
      expect(table('H/15 * * * *', job).minutes).toHaveLength(4);
      const midnight = table('@midnight', job);
      expect(midnight.hours[0]).toBeLessThanOrEqual(2);
      const monthly = table('@monthly', job);
      const day = (monthly.dayOfMonth as { days: readonly boolean[] }).days.indexOf(true);
      expect(day).toBeGreaterThanOrEqual(1);
      expect(day).toBeLessThanOrEqual(28);
      const weekly = table('@weekly', job);
      expect((weekly.dayOfWeek as { days: readonly boolean[] }).days.filter(Boolean)).toHaveLength(1);
    }
  });

  it('draws field by field from one sequence: the same H later in the spec takes a later value', () => {
    const hash = jenkinsHash('team/job');
    const minute = hash.next(60);
    const hour = hash.next(24);
    const t = table('H H * * *', 'team/job');
    expect([t.minutes, t.hours]).toEqual([[minute], [hour]]);
    // @daily is H H * * *.
    expect(table('@daily', 'team/job')).toMatchObject({ minutes: [minute], hours: [hour] });
  });
});
