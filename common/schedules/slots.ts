// The slots a schedule fires at between two instants, in a time zone: each a UTC instant and its local time.
//
// Daylight saving time, as each scheduler treats a local time the clock skips (spring forward) or repeats (fall back):
// - EventBridge Scheduler (a schedule with a time zone; AWS re:Post "eventbridge-scheduler-adjust-dst"): a cron slot
//   in the skipped hour does not fire; in the repeated hour it fires once (the first occurrence is taken here).
//   rate() counts fixed durations from the start (a day is 24 hours), untouched by DST. at() in a gap is taken at
//   the jump (not documented).
// - Jenkins (hudson.triggers.Trigger.Cron checks every minute instant against the local wall clock): a skipped local
//   time never matches, so the build does not run; a repeated one matches twice, so it runs twice.
// - Vixie cron / cronie on a host in that zone (cron(8), "Daylight Saving Time and other time changes"): a
//   "fixed-time" entry (neither minute nor hour starts with '*') whose time was skipped runs once, right after the jump;
//   in a repeated hour it does not run again. Wildcard entries follow the new local time: skipped times are skipped,
//   repeated ones run again.
import type { CronSchedule, CronTable, Schedule } from './schedule';
import { daysInMonth, formatWall, isoInstant, offsetAt, resolveLocal, wallOf } from './time-zones';

/** One time a schedule fires. */
export interface Slot {
  /** ISO 8601 UTC, whole seconds: 2026-12-06T01:00:00Z. */
  readonly at: string;
  readonly epochMs: number;
  /** The local time in the schedule's zone when it fires, 'YYYY-MM-DD HH:mm'. */
  readonly local: string;
  /**
   * How DST moved it: 'after-gap' — its local time was skipped and it fires at the jump (Vixie fixed-time entries);
   * 'repeat' — the second run of a repeated local time (Jenkins, Vixie wildcard entries).
   */
  readonly dst?: 'after-gap' | 'repeat';
}

export interface ExpandOptions {
  /** rate(): the schedule's start (its StartDate, or when it was created); default: `from`. */
  readonly start?: number;
  /** At most this many slots (default 100 000): a guard against an endless expansion. */
  readonly limit?: number;
}

const DAY_MS = 86_400_000;

/** The slots in [from, to), ascending. */
export function expandSlots(schedule: Schedule, zone: string, from: number, to: number, options: ExpandOptions = {}): Slot[] {
  const limit = options.limit ?? 100_000;
  if (!(to > from)) return [];
  if (schedule.kind === 'rate') {
    const start = options.start ?? from;
    const first = start >= from ? 0 : Math.ceil((from - start) / schedule.periodMs);
    const slots: Slot[] = [];
    for (let k = first; slots.length < limit; k++) {
      const at = start + k * schedule.periodMs;
      if (at >= to) break;
      slots.push(slotAt(at, zone));
    }
    return slots;
  }
  if (schedule.kind === 'at') {
    const resolved = resolveLocal(schedule.wall, zone);
    const at = resolved.kind === 'single' ? resolved.at : resolved.kind === 'repeat' ? resolved.first : resolved.after;
    return at >= from && at < to ? [slotAt(at, zone)] : [];
  }
  return expandCron(schedule, zone, from, to, limit);
}

function slotAt(epochMs: number, zone: string, dst?: Slot['dst'], wall = wallOf(epochMs, zone)): Slot {
  return new ZonedSlot(epochMs, wall, dst);
}

/** A slot whose texts are made when read: a comparison of two weeks of minutes reads the instants only. */
class ZonedSlot implements Slot {
  constructor(
    readonly epochMs: number,
    private readonly wall: number,
    readonly dst?: Slot['dst'],
  ) {
    if (dst === undefined) delete (this as { dst?: unknown }).dst;
  }

  get at(): string {
    return isoInstant(this.epochMs);
  }

  get local(): string {
    return formatWall(this.wall);
  }

  toJSON(): { at: string; epochMs: number; local: string; dst?: Slot['dst'] } {
    return { at: this.at, epochMs: this.epochMs, local: this.local, ...(this.dst ? { dst: this.dst } : {}) };
  }
}

function expandCron(schedule: CronSchedule, zone: string, from: number, to: number, limit: number): Slot[] {
  const found = new Map<number, { readonly wall?: number; readonly dst?: Slot['dst'] }>();
  // Local days from the day before `from`'s to the day after `to`'s: every local time that can land in the range.
  const firstDay = Math.floor(wallOf(from, zone) / DAY_MS) - 1;
  const lastDay = Math.floor(wallOf(to, zone) / DAY_MS) + 1;
  for (let day = firstDay; day <= lastDay && found.size < limit; day++) {
    const date = new Date(day * DAY_MS);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth() + 1;
    const dom = date.getUTCDate();
    const dow = date.getUTCDay();
    // A local day no offset change comes near (the common case): each local time is one instant, no lookups.
    const dayStart = day * DAY_MS;
    const offset = offsetAt(dayStart - 15 * 3_600_000, zone);
    const steady = offset === offsetAt(dayStart + DAY_MS + 15 * 3_600_000, zone) ? offset : undefined;
    for (const table of schedule.tables) {
      if (!dayMatches(table, year, month, dom, dow)) continue;
      for (const hour of table.hours)
        for (const minute of table.minutes) {
          const wall = dayStart + hour * 3_600_000 + minute * 60_000;
          if (steady !== undefined) {
            const at = wall - steady;
            if (at >= from && at < to && !found.has(at)) found.set(at, { wall });
            continue;
          }
          for (const [at, dst] of firings(schedule, table, wall, zone)) if (at >= from && at < to && !found.has(at)) found.set(at, dst ? { dst } : {});
        }
    }
  }
  return [...found.entries()]
    .sort(([a], [b]) => a - b)
    .slice(0, limit)
    .map(([at, { wall, dst }]) => slotAt(at, zone, dst, wall));
}

/** The instants a local slot fires at, by the scheduler's DST rules (see the top of this file). */
function firings(schedule: CronSchedule, table: CronTable, wall: number, zone: string): [number, Slot['dst'] | undefined][] {
  const resolved = resolveLocal(wall, zone);
  if (resolved.kind === 'single') return [[resolved.at, undefined]];
  const fixed = schedule.dialect === 'vixie' && table.fixedTime;
  if (resolved.kind === 'repeat') {
    const twice = schedule.dialect === 'jenkins' || (schedule.dialect === 'vixie' && !fixed);
    return twice
      ? [
          [resolved.first, undefined],
          [resolved.second, 'repeat'],
        ]
      : [[resolved.first, undefined]];
  }
  return fixed ? [[resolved.after, 'after-gap']] : [];
}

/** Whether a table fires on a local date (`dow` 0 = Sunday). */
export function dayMatches(table: CronTable, year: number, month: number, dom: number, dow: number): boolean {
  if (!table.months[month]) return false;
  if (table.years && !table.years[year - 1970]) return false;
  const dim = daysInMonth(year, month);
  const byMonthDay = dayOfMonthMatches(table, year, month, dom, dim);
  const byWeekDay = dayOfWeekMatches(table, dom, dow, dim);
  return table.combine === 'or' ? byMonthDay || byWeekDay : byMonthDay && byWeekDay;
}

function dayOfMonthMatches(table: CronTable, year: number, month: number, dom: number, dim: number): boolean {
  const rule = table.dayOfMonth;
  switch (rule.kind) {
    case 'any':
      return true;
    case 'set':
      return rule.days[dom] === true;
    case 'last':
      return dom === dim;
    case 'nearest-weekday': {
      // Quartz's W: the weekday nearest the day, never crossing into another month; a day the month lacks: no run.
      if (rule.day > dim) return false;
      const target = new Date(Date.UTC(year, month - 1, rule.day)).getUTCDay();
      let day = rule.day;
      if (target === 6) day = rule.day === 1 ? 3 : rule.day - 1;
      else if (target === 0) day = rule.day === dim ? rule.day - 2 : rule.day + 1;
      return dom === day;
    }
  }
}

function dayOfWeekMatches(table: CronTable, dom: number, dow: number, dim: number): boolean {
  const rule = table.dayOfWeek;
  switch (rule.kind) {
    case 'any':
      return true;
    case 'set':
      return rule.days[dow] === true;
    case 'last-of-month':
      return dow === rule.day && dom + 7 > dim;
    case 'nth':
      return dow === rule.day && Math.ceil(dom / 7) === rule.nth;
  }
}
