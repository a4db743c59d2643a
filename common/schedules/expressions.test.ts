import { describe, expect, it } from 'vitest';
import { parseDcCron } from './dc-cron';
import { parseAwsSchedule } from './eventbridge';
import type { ParseResult } from './schedule';

/** The error and the text from its offset on, e.g. ["…", "SUNDAY *)"]. */
const failure = (result: ParseResult, text: string): [string, string] => {
  if (result.ok) throw new Error(`${text} parsed`);
  return [result.message, text.slice(result.at)];
};
const awsError = (text: string) => failure(parseAwsSchedule(text), text);
const vixieError = (text: string) => failure(parseDcCron(text, { dialect: 'vixie' }), text);
const jenkinsError = (text: string) => failure(parseDcCron(text, { dialect: 'jenkins', jobFullName: 'a/b' }), text);

describe('EventBridge expressions', () => {
  it('accept what the docs show', () => {
    for (const text of [
      'cron(0 10 * * ? *)',
      'cron(15 12 * * ? *)',
      'cron(0 18 ? * MON-FRI *)',
      'cron(0 8 1 * ? *)',
      'cron(0/15 * * * ? *)',
      'cron(0/10 * ? * MON-FRI *)',
      'cron(0/5 8-17 ? * MON-FRI *)',
      'cron(0 9 ? * 2#1 *)',
      'cron(0 12 L * ? 2026-2030)',
      'cron(0 9 ? jan,Feb,MAR 6L *)',
      'cron(0 0 15W * ? *)',
      'cron(1/10 0-5 1-15/2 */3 ? 1970/5)',
      'rate(1 minute)',
      'rate(5 minutes)',
      'rate(1 hour)',
      'rate(12 hours)',
      'rate(1 day)',
      'rate(7 days)',
      'at(2026-12-06T02:00:00)',
      'at(2028-02-29T23:59:59)',
    ])
      expect(parseAwsSchedule(text).ok, text).toBe(true);
  });

  it('locate what is wrong', () => {
    expect(awsError('cron(0 2 * * * *)')).toEqual(["day-of-month and day-of-week cannot both be set: one must be '?'", '* * * *)']);
    expect(awsError('cron(0 2 1 * MON *)')).toEqual(["day-of-month and day-of-week cannot both be set: one must be '?'", 'MON *)']);
    expect(awsError('cron(0 2 ? * ? *)')).toEqual(["day-of-month and day-of-week cannot both be '?': one of them must say which days", '? *)']);
    expect(awsError('cron(0 2 ? * SUNDAY *)')).toEqual(["'SUNDAY' is not a day name (SUN-SAT)", 'SUNDAY *)']);
    expect(awsError('cron(0 2 ? JANUARY * *)')).toEqual(["'JANUARY' is not a month name (JAN-DEC)", 'JANUARY * *)']);
    expect(awsError('cron(0 2 ? * 0 *)')).toEqual(['0 is out of range for the day-of-week field (1-7 or SUN-SAT, 1 = SUN)', '0 *)']);
    expect(awsError('cron(60 2 * * ? *)')).toEqual(['60 is out of range for the minutes field (0-59)', '60 2 * * ? *)']);
    expect(awsError('cron(0 24 * * ? *)')).toEqual(['24 is out of range for the hours field (0-23)', '24 * * ? *)']);
    expect(awsError('cron(0 2 32 * ? *)')).toEqual(['32 is out of range for the day-of-month field (1-31)', '32 * ? *)']);
    expect(awsError('cron(0 2 * * ? 2200)')).toEqual(['2200 is out of range for the year field (1970-2199)', '2200)']);
    expect(awsError('cron(0 2 * * ?)')[0]).toMatch(/6 fields .*found 5: the year is missing/);
    expect(awsError('cron(0 2 * * ? * *)')).toEqual([expect.stringMatching(/found 7/), '*)']);
    expect(awsError('cron(0 2 ? * 2#6 *)')).toEqual(["'#6': expected the week of the month, 1-5, after '#'", '6 *)']);
    expect(awsError('cron(0 2 ? * 3#1,6#3 *)')).toEqual(["with '#' the day-of-week field takes one expression only (3#1,6#3 is two)", ',6#3 *)']);
    expect(awsError('cron(0 2 ? * */2 *)')).toEqual(["'/' is not allowed in the day-of-week field (its wildcards are , - * ? L #)", '/2 *)']);
    expect(awsError('cron(0 2 L,15 * ? *)')).toEqual(["'L' stands alone in the day-of-month field (the month's last day)", 'L,15 * ? *)']);
    expect(awsError('cron(0 2 LW * ? *)')[0]).toMatch(/'LW'.*not documented/);
    expect(awsError('cron(0 2 ? * 6L,2 *)')[0]).toMatch(/'L' must stand with one day/);
    expect(awsError('cron(0 L * * ? *)')).toEqual(["'L' is not allowed in the hours field", 'L * * ? *)']);
    expect(awsError('cron(0 2 20-10 * ? *)')).toEqual(['the range 20-10 ends before it starts', '20-10 * ? *)']);
    expect(awsError('cron(0/0 2 * * ? *)')).toEqual(['step 0 is out of range for the minutes field (1-60)', '0 2 * * ? *)']);
    expect(awsError('cron(0,,5 2 * * ? *)')).toEqual(['empty item in the minutes field', ',5 2 * * ? *)']);
    expect(awsError('cron(0 2 * * ? *')[0]).toBe("expected ')' at the end of the cron(…) expression");
    expect(awsError('0 2 * * ? *')[0]).toMatch(/expected cron\(…\), rate\(…\) or at\(…\)/);
    expect(awsError('every(5 minutes)')[0]).toMatch(/expected cron/);
    expect(awsError('rate(1 minutes)')).toEqual(["rate(1 minutes): a value of 1 takes the singular, 'minute'", 'minutes)']);
    expect(awsError('rate(5 minute)')).toEqual(["rate(5 minute): a value other than 1 takes the plural, 'minutes'", 'minute)']);
    expect(awsError('rate(0 minutes)')).toEqual(["'0' is not a rate: expected a positive whole number, e.g. rate(5 minutes)", '0 minutes)']);
    expect(awsError('rate(5 weeks)')).toEqual(["'weeks' is not a rate unit: expected minute(s), hour(s) or day(s)", 'weeks)']);
    expect(awsError('at(2026-02-30T00:00:00)')).toEqual(['2026-02-30 is not a date', '30T00:00:00)']);
    expect(awsError('at(2026-12-06T24:00:00)')).toEqual(['hour 24 does not exist (00-23)', '24:00:00)']);
    expect(awsError('at(2026-12-06 02:00)')[0]).toMatch(/expected at\(yyyy-mm-ddThh:mm:ss\)/);
  });
});

describe('data-center cron', () => {
  it('accepts Vixie and Jenkins specs', () => {
    for (const text of [
      '0 2 * * *',
      '*/5 * * * *',
      '0 0 1,15 * 1-5',
      '30 4 * jan-mar mon',
      '0 0 * * 7',
      '@daily',
      '@reboot'.replace('@reboot', '@annually'),
      '5 4 * * sun',
    ])
      expect(parseDcCron(text, { dialect: 'vixie' }).ok, text).toBe(true);
    for (const text of [
      'H * * * *',
      'H/15 * * * *',
      'H(0-29)/10 * * * *',
      'H 9-16/2 * * 1-5',
      'H H 1,15 1-11 *',
      '@midnight',
      '# nightly\nH 2 * * *\nH 14 * * *',
    ])
      expect(parseDcCron(text, { dialect: 'jenkins', jobFullName: 'team/job' }).ok, text).toBe(true);
  });

  it('locate what is wrong', () => {
    expect(vixieError('0 2 * *')).toEqual(['a cron spec has 5 fields (minute hour day-of-month month day-of-week), found 4', '']);
    expect(vixieError('0 2 * * * /bin/job')).toEqual([expect.stringMatching(/found 6/), '/bin/job']);
    expect(vixieError('0 2 * * SUNDAY')).toEqual(["'SUNDAY' is not a day name (SUN-SAT)", 'SUNDAY']);
    expect(vixieError('0 2 * * 8')).toEqual(['8 is out of range for the day-of-week field (0-7)', '8']);
    expect(vixieError('5/10 2 * * *')).toEqual(["a step needs a range or '*' before it (e.g. 5-59/10)", '/10 2 * * *']);
    expect(vixieError('H 2 * * *')).toEqual(["'H' is Jenkins' hash; host cron does not know it", 'H 2 * * *']);
    expect(vixieError('0 2 ? * *')[0]).toMatch(/EventBridge or Quartz syntax/);
    expect(vixieError('@reboot')[0]).toMatch(/@reboot runs at boot/);
    expect(vixieError('@fortnightly')[0]).toMatch(/not a cron alias/);
    expect(jenkinsError('0 2 * * MON')).toEqual(["'MON': Jenkins cron takes numbers and H only (the day-of-week field is 0-7)", 'MON']);
    expect(jenkinsError('H(30-10) * * * *')).toEqual(['the range 30-10 ends before it starts', '30-10) * * * *']);
    expect(jenkinsError('H(0-5)/10 * * * *')).toEqual(['step 10 is larger than the hashed range 0-5', '10 * * * *']);
    expect(jenkinsError('H(0-70) * * * *')).toEqual(['70 is out of range for the minute field (0-59)', '70) * * * *']);
    expect(jenkinsError('Hx * * * *')[0]).toMatch(/not a hash/);
    expect(jenkinsError('TZ=Europe/Berlin\nH 2 * * *')[0]).toMatch(/TZ= line is not read here/);
    expect(jenkinsError('H 2 * * *\n0 25 * * *')).toEqual(['25 is out of range for the hour field (0-23)', '25 * * *']);
    const noName = parseDcCron('H 2 * * *', { dialect: 'jenkins' });
    expect(noName.ok ? '' : noName.message).toMatch(/needs the job's full name/);
  });
});

describe('fuzzing: a parse never throws', () => {
  // A small deterministic generator (mulberry32): the same cases every run.
  const random = (() => {
    let seed = 0x5eed;
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
  })();
  const ALPHABET = '0123456789*?/,-#LWHlwh()@ \tJANFEBMONSUNcronratatminuteshoursday:T\n';
  const pick = (text: string) => text[Math.floor(random() * text.length)]!;
  const randomText = (length: number) => Array.from({ length }, () => pick(ALPHABET)).join('');
  const mutate = (text: string) => {
    const chars = [...text];
    const edits = 1 + Math.floor(random() * 3);
    for (let i = 0; i < edits; i++) {
      const at = Math.floor(random() * (chars.length + 1));
      const kind = random();
      if (kind < 0.33) chars.splice(at, 1);
      else if (kind < 0.66) chars.splice(at, 0, pick(ALPHABET));
      else chars[at] = pick(ALPHABET);
    }
    return chars.join('');
  };
  const check = (text: string, result: ParseResult) => {
    if (result.ok) return;
    expect(typeof result.message, text).toBe('string');
    expect(result.message.length, text).toBeGreaterThan(0);
    expect(result.at, text).toBeGreaterThanOrEqual(0);
    expect(result.at, text).toBeLessThanOrEqual(text.length);
  };
  const VALID = [
    'cron(0 10 * * ? *)',
    'cron(0/5 8-17 ? * MON-FRI *)',
    'cron(0 9 ? * 2#1 *)',
    'cron(0 12 L * ? *)',
    'rate(5 minutes)',
    'at(2026-12-06T02:00:00)',
  ];
  const VALID_DC = ['0 2 * * *', '*/15 9-17 * * 1-5', 'H H(0-2) * * *', 'H/15 * * * *', '@daily', '30 4 1,15 jan-mar sun'];

  it('answers ok or a located error for random strings and mutations of valid expressions', () => {
    let parsed = 0;
    for (let i = 0; i < 4000; i++) {
      const text = i % 2 === 0 ? randomText(1 + Math.floor(random() * 30)) : mutate(VALID[i % VALID.length]!);
      const result = parseAwsSchedule(text);
      check(text, result);
      if (result.ok) parsed++;
      const dcText = i % 2 === 0 ? text : mutate(VALID_DC[i % VALID_DC.length]!);
      for (const dialect of ['vixie', 'jenkins'] as const) check(dcText, parseDcCron(dcText, { dialect, jobFullName: 'fuzz/job' }));
    }
    // Some mutations stay valid: the fuzzing reaches past the first character.
    expect(parsed).toBeGreaterThan(10);
  });
});
