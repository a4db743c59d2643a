// A minimal schedule-expression evaluator for the rehearsal's simulators: EventBridge Scheduler's `cron(...)` (6
// fields), `rate(...)` and `at(...)`, and the data center's 5-field cron (Jenkins `H` and `@daily`-style aliases),
// each expanded into slots (epoch ms) in an IANA time zone. It exists so the simulator does not wait for
// common/schedules/ (the track's part 1, with the complete rules and located errors): the simulator only calls
// `nextSlots` and `dcSlots` through the `ScheduleEvaluator` interface, so swapping in common/schedules is one line in
// track.ts.
//
// Rules kept minimal, said here: a slot is a wall-clock minute of the zone that matches the fields, so a minute a DST
// gap skips never fires and a minute a DST repeat shows twice fires twice; cron `L` (last day of the month) and
// `#` (nth weekday) are understood, `W` is not (an error). `rate()` counts from an anchor (the schedule's StartDate, or
// when it was created or last updated), as Scheduler does. Jenkins `H` hashes the job name with FNV-1a (Jenkins uses
// its own hash of the name, so the minute differs from a real Jenkins; the simulator's own runs agree with themselves).
import { hashString } from '../../kernel/random';

export interface ScheduleEvaluator {
  /** Slots of an AWS expression with `from < slot <= to`; `anchor` is where `rate()` counts from. Throws ExpressionError. */
  nextSlots(expression: string, timeZone: string, from: number, to: number, anchor?: number): number[];
  /** Slots of a DC cron spec (5 fields, `H`, `@daily`...) with `from < slot <= to`; `hashKey` seeds `H`. Throws ExpressionError. */
  dcSlots(spec: string, timeZone: string, hashKey: string, from: number, to: number): number[];
}

export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
}

const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;
/** Expansion stops after this many minutes (60 days), so a bad range cannot spin. */
const MAX_SCAN_MINUTES = 60 * 24 * 60;

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Whether the zone is an IANA time zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    zoneOffsets(timeZone);
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneOffsets(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset (ms, local − UTC) at `t`. */
function offsetAt(timeZone: string, t: number): number {
  const parts: Record<string, number> = {};
  for (const part of zoneOffsets(timeZone).formatToParts(new Date(t))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!);
  return local - Math.floor(t / MINUTE) * MINUTE;
}

/** Wall-clock fields of each UTC minute in the zone (offsets change on quarter-hour boundaries only). */
function localClock(timeZone: string): (t: number) => Date {
  const cache = new Map<number, number>();
  return (t) => {
    const quarter = Math.floor(t / QUARTER);
    let offset = cache.get(quarter);
    if (offset === undefined) {
      offset = offsetAt(timeZone, quarter * QUARTER);
      cache.set(quarter, offset);
    }
    return new Date(t + offset);
  };
}

/** The UTC instant of a wall-clock time in the zone (the earlier one in a DST repeat; a gap's time moves forward). */
export function zonedToUtc(timeZone: string, local: number): number {
  let guess = local - offsetAt(timeZone, local);
  guess = local - offsetAt(timeZone, guess);
  return guess;
}

// ---- cron fields ----

interface CronField {
  readonly any: boolean;
  readonly values: ReadonlySet<number>;
}

interface DayRule {
  /** `L` in day-of-month. */
  readonly lastDayOfMonth: boolean;
  /** `n#k` in day-of-week (weekday 0-6, k 1-5). */
  readonly nth?: { readonly weekday: number; readonly k: number };
}

interface Cron {
  readonly minutes: CronField;
  readonly hours: CronField;
  readonly daysOfMonth: CronField & DayRule;
  readonly months: CronField;
  readonly daysOfWeek: CronField & DayRule;
  readonly years: CronField;
  /** Unix/Jenkins: day-of-month and day-of-week both restricted → either matches. */
  readonly eitherDay: boolean;
}

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Offset added to a name's index (months 1, EventBridge days 1, Unix days 0). */
  readonly nameBase?: number;
}

function parseField(text: string, spec: FieldSpec, hash?: () => number): CronField {
  if (text === '*' || text === '?') return { any: true, values: new Set() };
  const values = new Set<number>();
  const number = (token: string): number => {
    const upper = token.toUpperCase();
    const named = spec.names?.indexOf(upper) ?? -1;
    const value = named >= 0 ? named + (spec.nameBase ?? 0) : /^\d+$/.test(token) ? Number(token) : NaN;
    if (!Number.isInteger(value) || value < spec.min || value > spec.max)
      throw new ExpressionError(`${spec.name}: '${token}' is not a value ${spec.min}-${spec.max}${spec.names ? ' or a name' : ''}`);
    return value;
  };
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new ExpressionError(`${spec.name}: '${part}' has a step that is not a whole number above 0`);
    let low: number;
    let high: number;
    const hashed = /^H(?:\((\d+)-(\d+)\))?$/.exec(range);
    if (hashed && hash) {
      low = hashed[1] === undefined ? spec.min : number(hashed[1]);
      high = hashed[2] === undefined ? spec.max : number(hashed[2]);
      const span = stepText === undefined ? high - low + 1 : Math.min(step, high - low + 1);
      const start = low + Math.floor(hash() * span);
      if (stepText === undefined) {
        values.add(start);
        continue;
      }
      low = start;
    } else if (range === '*') {
      low = spec.min;
      high = spec.max;
    } else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      low = number(a);
      high = number(b);
    } else {
      low = number(range);
      high = stepText === undefined ? low : spec.max;
    }
    if (low > high) throw new ExpressionError(`${spec.name}: the range '${range}' runs backwards`);
    for (let value = low; value <= high; value += step) values.add(value);
  }
  return { any: false, values };
}

function matches(field: CronField, value: number): boolean {
  return field.any || field.values.has(value);
}

function dayMatches(cron: Cron, local: Date): boolean {
  const day = local.getUTCDate();
  const weekday = local.getUTCDay();
  const dom = cron.daysOfMonth;
  const dow = cron.daysOfWeek;
  const lastDay = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
  const domOk = dom.lastDayOfMonth ? day === lastDay : matches(dom, day);
  const dowOk = dow.nth ? weekday === dow.nth.weekday && Math.ceil(day / 7) === dow.nth.k : matches(dow, weekday);
  if (cron.eitherDay && !dom.any && !dow.any && !dom.lastDayOfMonth && !dow.nth) return domOk || dowOk;
  return domOk && dowOk;
}

function cronSlots(cron: Cron, timeZone: string, from: number, to: number): number[] {
  const slots: number[] = [];
  const local = localClock(timeZone);
  const first = Math.floor(from / MINUTE) * MINUTE + MINUTE;
  const last = Math.min(to, first + MAX_SCAN_MINUTES * MINUTE);
  for (let t = first; t <= last; t += MINUTE) {
    const wall = local(t);
    if (
      matches(cron.minutes, wall.getUTCMinutes()) &&
      matches(cron.hours, wall.getUTCHours()) &&
      matches(cron.months, wall.getUTCMonth() + 1) &&
      matches(cron.years, wall.getUTCFullYear()) &&
      dayMatches(cron, wall)
    )
      slots.push(t);
  }
  return slots;
}

/** EventBridge `cron(min hour dom month dow year)`: days of week 1-7 (SUN-SAT), one of dom/dow must be `?`. */
function parseAwsCron(body: string): Cron {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) throw new ExpressionError(`cron() needs 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`);
  const [min, hour, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) throw new ExpressionError('cron(): exactly one of day-of-month and day-of-week must be ?');
  if (/W/i.test(dom)) throw new ExpressionError('cron(): W in day-of-month is not supported by the rehearsal evaluator');
  const nth = /^([1-7]|[A-Za-z]{3})#([1-5])$/.exec(dow);
  const dowSpec: FieldSpec = { name: 'day-of-week', min: 1, max: 7, names: DAYS, nameBase: 1 };
  const dowField = nth ? { any: false, values: new Set<number>() } : parseField(dow, dowSpec);
  return {
    minutes: parseField(min, { name: 'minutes', min: 0, max: 59 }),
    hours: parseField(hour, { name: 'hours', min: 0, max: 23 }),
    daysOfMonth:
      dom === 'L'
        ? { any: false, values: new Set(), lastDayOfMonth: true }
        : { ...parseField(dom, { name: 'day-of-month', min: 1, max: 31 }), lastDayOfMonth: false },
    months: parseField(month, { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 }),
    daysOfWeek: {
      // EventBridge counts SUN=1; the matcher uses JavaScript's SUN=0.
      any: dowField.any,
      values: new Set([...dowField.values].map((value) => value - 1)),
      lastDayOfMonth: false,
      ...(nth ? { nth: { weekday: parseField(nth[1]!, dowSpec).values.values().next().value! - 1, k: Number(nth[2]) } } : {}),
    },
    years: parseField(year, { name: 'year', min: 1970, max: 2199 }),
    eitherDay: false,
  };
}

const DC_ALIASES: Readonly<Record<string, string>> = {
  '@yearly': 'H H H H *',
  '@annually': 'H H H H *',
  '@monthly': 'H H H * *',
  '@weekly': 'H H * * H',
  '@daily': 'H H * * *',
  '@midnight': 'H H(0-2) * * *',
  '@hourly': 'H * * * *',
};

/** A Unix/Jenkins 5-field spec (days of week 0-7, SUN=0 or 7); `H` from the job's hash. Comment lines are ignored. */
function parseDcCron(spec: string, hashKey: string): Cron {
  const line = spec
    .split('\n')
    .map((text) => text.trim())
    .find((text) => text !== '' && !text.startsWith('#'));
  if (line === undefined) throw new ExpressionError('the cron spec is empty');
  const expanded = DC_ALIASES[line] ?? line;
  const fields = expanded.split(/\s+/);
  if (fields.length !== 5) throw new ExpressionError(`a cron spec needs 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`);
  const [min, hour, dom, month, dow] = fields as [string, string, string, string, string];
  let draws = 0;
  const hash = () => (hashString(`${hashKey}#${draws++}`) % 10_000) / 10_000;
  const dowField = parseField(dow, { name: 'day-of-week', min: 0, max: 7, names: DAYS, nameBase: 0 }, hash);
  return {
    minutes: parseField(min, { name: 'minute', min: 0, max: 59 }, hash),
    hours: parseField(hour, { name: 'hour', min: 0, max: 23 }, hash),
    daysOfMonth: { ...parseField(dom, { name: 'day-of-month', min: 1, max: 31 }, hash), lastDayOfMonth: false },
    months: parseField(month, { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 }, hash),
    daysOfWeek: { any: dowField.any, values: new Set([...dowField.values].map((value) => value % 7)), lastDayOfMonth: false },
    years: { any: true, values: new Set() },
    eitherDay: true,
  };
}

const RATE_UNIT_MS: Readonly<Record<string, number>> = {
  minute: MINUTE,
  minutes: MINUTE,
  hour: 60 * MINUTE,
  hours: 60 * MINUTE,
  day: 1440 * MINUTE,
  days: 1440 * MINUTE,
};

/** Checks an AWS expression (throws ExpressionError), so CreateSchedule can refuse it. */
export function checkAwsExpression(expression: string): void {
  awsSlots(expression, 'UTC', 0, 0, 0);
}

function awsSlots(expression: string, timeZone: string, from: number, to: number, anchor: number): number[] {
  const call = /^(cron|rate|at)\((.*)\)$/.exec(expression.trim());
  if (!call) throw new ExpressionError(`'${expression}' is not cron(...), rate(...) or at(...)`);
  const [, kind, body = ''] = call;
  if (kind === 'rate') {
    const rate = /^(\d+)\s+([a-z]+)$/.exec(body.trim());
    const unit = rate ? RATE_UNIT_MS[rate[2]!] : undefined;
    const value = rate ? Number(rate[1]) : 0;
    if (!rate || unit === undefined || value < 1)
      throw new ExpressionError(`rate(): expected 'rate(<n> minutes|hours|days)' with n above 0, got rate(${body})`);
    const period = value * unit;
    if (to <= from) return [];
    const slots: number[] = [];
    let k = Math.max(0, Math.floor((from - anchor) / period) + 1);
    for (let slot = anchor + k * period; slot <= to && slots.length < MAX_SCAN_MINUTES; slot = anchor + ++k * period) if (slot > from) slots.push(slot);
    return slots;
  }
  if (kind === 'at') {
    const at = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body.trim());
    if (!at) throw new ExpressionError(`at(): expected at(yyyy-mm-ddThh:mm:ss), got at(${body})`);
    const [, y, mo, d, h, mi, s] = at.map(Number) as [number, number, number, number, number, number, number];
    const local = Date.UTC(y, mo - 1, d, h, mi, s);
    if (new Date(local).getUTCDate() !== d || h > 23 || mi > 59 || s > 59) throw new ExpressionError(`at(): ${body} is not a valid date and time`);
    if (to <= from) return [];
    const slot = zonedToUtc(timeZone, local);
    return slot > from && slot <= to ? [slot] : [];
  }
  const cron = parseAwsCron(body);
  return to <= from ? [] : cronSlots(cron, timeZone, from, to);
}

/** The evaluator the simulator uses until common/schedules/ lands. */
export const minimalEvaluator: ScheduleEvaluator = {
  nextSlots: (expression, timeZone, from, to, anchor = 0) => {
    if (!isTimeZone(timeZone)) throw new ExpressionError(`'${timeZone}' is not a known IANA time zone`);
    return awsSlots(expression, timeZone, from, to, anchor);
  },
  dcSlots: (spec, timeZone, hashKey, from, to) => {
    if (!isTimeZone(timeZone)) throw new ExpressionError(`'${timeZone}' is not a known IANA time zone`);
    const cron = parseDcCron(spec, hashKey);
    return to <= from ? [] : cronSlots(cron, timeZone, from, to);
  },
};
