// EventBridge Scheduler's schedule expressions (docs: "Schedule types in EventBridge Scheduler", "Cron expressions
// reference"): cron(minutes hours day-of-month month day-of-week year) with `,` `-` `*` `/` everywhere but
// day-of-week (no `/` there), `?` in exactly one of the day fields, `L` and `W` in day-of-month, `L` and `#` in
// day-of-week, months 1-12 or JAN-DEC, days 1-7 = SUN-SAT (not cron's 0-6), years 1970-2199; rate(n unit) with
// minute|hour|day for 1 and minutes|hours|days otherwise; at(yyyy-mm-ddThh:mm:ss), read in the schedule's zone.
// Names are case-insensitive (Quartz's rule). Stricter than AWS where the docs are silent: no `LW`, no `L-n`, no
// `L`/`W`/`#` inside a list or range, no wrap-around range (SAT-MON), since a plan must not pass here and fail there.
import { DAY_NAMES, fieldValue, flags, listItems, MONTH_NAMES, sortedValues, splitFields, standardItem, type FieldDef } from './cron-fields';
import {
  ExpressionError,
  located,
  type AtSchedule,
  type CronSchedule,
  type DayOfMonthRule,
  type DayOfWeekRule,
  type ParseResult,
  type RateSchedule,
  type RateUnit,
  type Schedule,
} from './schedule';

const MINUTE: FieldDef = { label: 'minutes', min: 0, max: 59 };
const HOUR: FieldDef = { label: 'hours', min: 0, max: 23 };
const DAY_OF_MONTH: FieldDef = { label: 'day-of-month', min: 1, max: 31 };
const MONTH: FieldDef = { label: 'month', min: 1, max: 12, names: MONTH_NAMES, nameWord: 'a month name (JAN-DEC)', rangeWord: '1-12 or JAN-DEC' };
const DAY_OF_WEEK: FieldDef = {
  label: 'day-of-week',
  min: 1,
  max: 7,
  names: Object.fromEntries(DAY_NAMES.map((name, i) => [name, i + 1])),
  nameWord: 'a day name (SUN-SAT)',
  rangeWord: '1-7 or SUN-SAT, 1 = SUN',
};
const YEAR: FieldDef = { label: 'year', min: 1970, max: 2199 };

const EB = { stepFromValue: true };

/** Parses an EventBridge Scheduler expression: cron(…), rate(…) or at(…). */
export function parseAwsSchedule(text: string): ParseResult {
  return located<Schedule>(text, () => {
    const match = /^([a-z]+)\((.*)\)$/s.exec(text);
    if (!match) {
      const head = /^\s*([A-Za-z]+)/.exec(text)?.[1];
      if (head && ['cron', 'rate', 'at'].includes(head.toLowerCase()) && !text.trimEnd().endsWith(')'))
        throw new ExpressionError(`expected ')' at the end of the ${head.toLowerCase()}(…) expression`, text.length);
      throw new ExpressionError('expected cron(…), rate(…) or at(…), e.g. cron(0 2 * * ? *)', 0);
    }
    const [, kind, body] = match as unknown as [string, string, string];
    const at = kind.length + 1;
    if (kind === 'cron') return parseCron(body, at);
    if (kind === 'rate') return parseRate(body, at);
    if (kind === 'at') return parseAt(body, at);
    throw new ExpressionError(`'${kind}' is not an EventBridge schedule type: expected cron(…), rate(…) or at(…)`, 0);
  });
}

function parseCron(body: string, at: number): CronSchedule {
  const fields = splitFields(body, at);
  if (fields.length !== 6) {
    const where = fields.length > 6 ? fields[6]!.at : at + body.length;
    throw new ExpressionError(
      `cron() takes 6 fields (minutes hours day-of-month month day-of-week year), found ${fields.length}${fields.length === 5 ? ': the year is missing (use * for every year)' : ''}`,
      where,
    );
  }
  const [minute, hour, dom, month, dow, year] = fields as [F, F, F, F, F, F];
  const minutes = sortedValues(plainField(minute, MINUTE));
  const hours = sortedValues(plainField(hour, HOUR));
  const months = flags(plainField(month, MONTH), 12);
  const years = plainField(year, YEAR).map((y) => y - 1970);
  if (dom.text === '?' && dow.text === '?')
    throw new ExpressionError("day-of-month and day-of-week cannot both be '?': one of them must say which days", dow.at);
  if (dom.text !== '?' && dow.text !== '?')
    throw new ExpressionError("day-of-month and day-of-week cannot both be set: one must be '?'", dom.text === '*' ? dom.at : dow.at);
  return {
    kind: 'cron',
    dialect: 'eventbridge',
    hashed: false,
    tables: [
      {
        minutes,
        hours,
        months,
        years: flags(years, 2199 - 1970),
        dayOfMonth: dom.text === '?' ? { kind: 'any' } : dayOfMonth(dom),
        dayOfWeek: dow.text === '?' ? { kind: 'any' } : dayOfWeek(dow),
        combine: 'and',
        fixedTime: false,
      },
    ],
  };
}

type F = { text: string; at: number };

/** A field of `, - * /` only. */
function plainField(field: F, def: FieldDef): number[] {
  if (field.text === '?') throw new ExpressionError(`'?' is only for day-of-month or day-of-week, not the ${def.label} field`, field.at);
  return listItems(field.text, field.at, def).flatMap((item) => {
    const special = /[LW#?]/i.exec(item.text);
    if (special && !(def.names && /^[A-Za-z]+(-[A-Za-z]+)?(\/\d+)?$/.test(item.text)))
      throw new ExpressionError(`'${special[0]}' is not allowed in the ${def.label} field`, item.at + special.index);
    return standardItem(item.text, item.at, def, EB);
  });
}

function dayOfMonth(field: F): DayOfMonthRule {
  const text = field.text.toUpperCase();
  if (text === 'L') return { kind: 'last' };
  if (text === 'LW') throw new ExpressionError("'LW' (last weekday of the month) is not documented for EventBridge Scheduler: use L or a day with W", field.at);
  if (/^L-\d+$/.test(text)) throw new ExpressionError("'L-n' (days before the month's end) is not documented for EventBridge Scheduler", field.at);
  const weekday = /^(\d+)W$/.exec(text);
  if (weekday) return { kind: 'nearest-weekday', day: fieldValue(weekday[1]!, field.at, DAY_OF_MONTH) };
  const items = listItems(field.text, field.at, DAY_OF_MONTH);
  for (const item of items) {
    const special = /[LW]/i.exec(item.text);
    if (special)
      throw new ExpressionError(
        special[0].toUpperCase() === 'W'
          ? `'W' follows a single day (e.g. 15W), alone in the day-of-month field`
          : `'L' stands alone in the day-of-month field (the month's last day)`,
        item.at + special.index,
      );
    if (item.text.includes('#')) throw new ExpressionError(`'#' is only for the day-of-week field`, item.at + item.text.indexOf('#'));
  }
  return {
    kind: 'set',
    days: flags(
      items.flatMap((item) => standardItem(item.text, item.at, DAY_OF_MONTH, EB)),
      31,
    ),
  };
}

/** EventBridge's 1-7 (SUN-SAT) as 0-6. */
const weekday = (value: number) => value - 1;

function dayOfWeek(field: F): DayOfWeekRule {
  const text = field.text.toUpperCase();
  if (text === 'L') return { kind: 'set', days: flags([6], 6) };
  const hash = text.indexOf('#');
  if (hash >= 0) {
    if (text.includes(','))
      throw new ExpressionError("with '#' the day-of-week field takes one expression only (3#1,6#3 is two)", field.at + text.indexOf(','));
    const day = fieldValue(field.text.slice(0, hash), field.at, DAY_OF_WEEK);
    const nth = field.text.slice(hash + 1);
    if (!/^[1-5]$/.test(nth)) throw new ExpressionError(`'#${nth}': expected the week of the month, 1-5, after '#'`, field.at + hash + 1);
    return { kind: 'nth', day: weekday(day), nth: Number(nth) };
  }
  const last = /^([A-Z0-9]+)L$/.exec(text);
  if (last && text !== 'L') return { kind: 'last-of-month', day: weekday(fieldValue(field.text.slice(0, -1), field.at, DAY_OF_WEEK)) };
  const items = listItems(field.text, field.at, DAY_OF_WEEK);
  for (const item of items) {
    const slash = item.text.indexOf('/');
    if (slash >= 0) throw new ExpressionError("'/' is not allowed in the day-of-week field (its wildcards are , - * ? L #)", item.at + slash);
    const upper = item.text.toUpperCase();
    if (/^[0-9A-Z]+L$/.test(upper) && DAY_OF_WEEK.names?.[upper] === undefined)
      throw new ExpressionError(`'L' must stand with one day, alone in the field (e.g. 6L, the month's last Friday)`, item.at + upper.length - 1);
  }
  return { kind: 'set', days: flags(items.flatMap((item) => standardItem(item.text, item.at, DAY_OF_WEEK, EB)).map(weekday), 6) };
}

const UNITS: Record<string, { unit: RateUnit; plural: boolean; ms: number }> = {
  minute: { unit: 'minute', plural: false, ms: 60_000 },
  minutes: { unit: 'minute', plural: true, ms: 60_000 },
  hour: { unit: 'hour', plural: false, ms: 3_600_000 },
  hours: { unit: 'hour', plural: true, ms: 3_600_000 },
  day: { unit: 'day', plural: false, ms: 86_400_000 },
  days: { unit: 'day', plural: true, ms: 86_400_000 },
};

function parseRate(body: string, at: number): RateSchedule {
  const fields = splitFields(body, at);
  if (fields.length !== 2) throw new ExpressionError('rate() takes a value and a unit, e.g. rate(5 minutes)', fields[2]?.at ?? at);
  const [value, unit] = fields as [F, F];
  if (!/^\d+$/.test(value.text) || Number(value.text) < 1 || value.text.length > 9)
    throw new ExpressionError(`'${value.text}' is not a rate: expected a positive whole number, e.g. rate(5 minutes)`, value.at);
  const count = Number(value.text);
  const spec = UNITS[unit.text];
  if (!spec) throw new ExpressionError(`'${unit.text}' is not a rate unit: expected minute(s), hour(s) or day(s)`, unit.at);
  if (count === 1 && spec.plural) throw new ExpressionError(`rate(1 ${unit.text}): a value of 1 takes the singular, '${spec.unit}'`, unit.at);
  if (count !== 1 && !spec.plural) throw new ExpressionError(`rate(${count} ${unit.text}): a value other than 1 takes the plural, '${spec.unit}s'`, unit.at);
  return { kind: 'rate', value: count, unit: spec.unit, periodMs: count * spec.ms };
}

function parseAt(body: string, at: number): AtSchedule {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!match) throw new ExpressionError(`'${body}' is not a local date-time: expected at(yyyy-mm-ddThh:mm:ss), e.g. at(2026-12-06T02:00:00)`, at);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12) throw new ExpressionError(`month ${match[2]} does not exist`, at + 5);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) throw new ExpressionError(`${body.slice(0, 10)} is not a date`, at + 8);
  if (year < 1970 || year > 2199) throw new ExpressionError(`year ${year} is out of range (1970-2199)`, at);
  if (hour > 23) throw new ExpressionError(`hour ${match[4]} does not exist (00-23)`, at + 11);
  if (minute > 59) throw new ExpressionError(`minute ${match[5]} does not exist (00-59)`, at + 14);
  if (second > 59) throw new ExpressionError(`second ${match[6]} does not exist (00-59)`, at + 17);
  return { kind: 'at', wall: Date.UTC(year, month - 1, day, hour, minute, second) };
}
