// What a parsed schedule expression is: EventBridge Scheduler's cron(), rate() and at(), and the data center's
// 5-field cron (Vixie cron on a host, or a Jenkins trigger with `H`). The parsers (eventbridge.ts, dc-cron.ts) never
// throw: they answer a located error, `at` being the character offset in the expression the message is about.

export type CronDialect = 'eventbridge' | 'vixie' | 'jenkins';

/** Which days of the month a table allows. */
export type DayOfMonthRule =
  | { readonly kind: 'any' }
  /** `days[d]` for d in 1..31. */
  | { readonly kind: 'set'; readonly days: readonly boolean[] }
  /** EventBridge `L`: the month's last day. */
  | { readonly kind: 'last' }
  /** EventBridge `nW`: the weekday (Mon-Fri) nearest to day n, within the month. */
  | { readonly kind: 'nearest-weekday'; readonly day: number };

/** Which days of the week a table allows; days are 0 = Sunday … 6 = Saturday, whatever the dialect writes. */
export type DayOfWeekRule =
  | { readonly kind: 'any' }
  | { readonly kind: 'set'; readonly days: readonly boolean[] }
  /** EventBridge `nL`: the month's last such day. */
  | { readonly kind: 'last-of-month'; readonly day: number }
  /** EventBridge `n#k`: the month's k-th such day. */
  | { readonly kind: 'nth'; readonly day: number; readonly nth: number };

/** One line of cron: the minutes and hours it fires at, on the days its rules allow. */
export interface CronTable {
  /** Sorted, distinct. */
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  /** `months[m]` for m in 1..12. */
  readonly months: readonly boolean[];
  /** EventBridge's year field: `years[y - 1970]`; null for cron without one (every year). */
  readonly years: readonly boolean[] | null;
  readonly dayOfMonth: DayOfMonthRule;
  readonly dayOfWeek: DayOfWeekRule;
  /**
   * 'or' when a day matches if either day rule does (Vixie cron with both day fields restricted); else 'and'
   * (EventBridge, where one of them is '?', and Jenkins, which always requires both).
   */
  readonly combine: 'and' | 'or';
  /**
   * Vixie cron's "fixed-time" job: neither the minute nor the hour field starts with '*'. Such a job skipped by a
   * spring-forward gap runs once right after the jump, and does not run again in a fall-back repeat.
   */
  readonly fixedTime: boolean;
}

export interface CronSchedule {
  readonly kind: 'cron';
  readonly dialect: CronDialect;
  /** One table per line (Jenkins specs may have several lines; a slot of any line fires). */
  readonly tables: readonly CronTable[];
  /** The spec used Jenkins' `H` (or an @-alias, which Jenkins hashes): its slots depend on the job's full name. */
  readonly hashed: boolean;
}

export type RateUnit = 'minute' | 'hour' | 'day';

/** EventBridge rate(): every `value` units from the schedule's start; a day is 24 hours, whatever DST does. */
export interface RateSchedule {
  readonly kind: 'rate';
  readonly value: number;
  readonly unit: RateUnit;
  readonly periodMs: number;
}

/** EventBridge at(): once, at a local time of the schedule's zone (wall milliseconds: Date.UTC of the local fields). */
export interface AtSchedule {
  readonly kind: 'at';
  readonly wall: number;
}

export type Schedule = CronSchedule | RateSchedule | AtSchedule;

/** A parse's answer: the schedule, or what is wrong and where (a character offset into the expression). */
export type ParseResult<T extends Schedule = Schedule> =
  { readonly ok: true; readonly schedule: T } | { readonly ok: false; readonly message: string; readonly at: number };

/** Thrown inside the parsers only; their entry points turn it into a located error. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/** Runs a parse: its located error, or, should the parser itself fail, an error at the start (never a throw). */
export function located<T extends Schedule>(text: string, parse: () => T): ParseResult<T> {
  try {
    return { ok: true, schedule: parse() };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, message: error.message, at: Math.max(0, Math.min(error.at, text.length)) };
    return { ok: false, message: `cannot read the expression (${error instanceof Error ? error.message : String(error)})`, at: 0 };
  }
}
