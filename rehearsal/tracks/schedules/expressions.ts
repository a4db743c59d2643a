// The simulator's schedule expressions, from common/schedules/ (the cockpit's plan checks use the same library), so
// the rehearsal fires exactly the slots the plan checks compute: EventBridge Scheduler's `cron(...)` (6 fields, `?`,
// `L`, `W`, `#`), `rate(...)` and `at(...)`; the data center's 5-field cron as a Jenkins trigger (`H` drawn from the
// job's full name as Jenkins draws it, @-aliases hashed, both day fields required) or as a Vixie crontab entry (the
// HTTP cron endpoint's: either day field when both are restricted). DST as each scheduler treats it (common/schedules/
// slots.ts): EventBridge skips a cron slot in a gap and fires a repeated one once; Jenkins skips the gap and runs a
// repeated time twice; Vixie runs a skipped fixed-time entry right after the jump, once. `rate()` counts fixed
// durations from an anchor (the schedule's StartDate, or when it was created or last updated), as Scheduler does.
import { expandSlots, isKnownTimeZone, parseAwsSchedule, parseDcCron, type DcDialect, type ParseResult, type Schedule } from '../../../common/schedules';

export type { DcDialect };

export interface ScheduleEvaluator {
  /** Slots of an AWS expression with `from < slot <= to`; `anchor` is where `rate()` counts from. Throws ExpressionError. */
  nextSlots(expression: string, timeZone: string, from: number, to: number, anchor?: number): number[];
  /**
   * Slots of a DC cron spec with `from < slot <= to`: a Jenkins trigger (`H`, `@daily`..., several lines; the default)
   * or a Vixie crontab entry; `hashKey` (the Jenkins job's full name) seeds `H`. Throws ExpressionError.
   */
  dcSlots(spec: string, timeZone: string, hashKey: string, from: number, to: number, dialect?: DcDialect): number[];
}

export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
}

/** Whether the zone is an IANA time zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  return isKnownTimeZone(timeZone);
}

/** The schedule, or an ExpressionError naming the character the problem is at. */
function parsed<T extends Schedule>(result: ParseResult<T>, text: string): T {
  if (result.ok) return result.schedule;
  const where = result.at < text.length ? ` (at character ${result.at + 1}, '${text.slice(result.at, result.at + 12)}')` : ' (at its end)';
  throw new ExpressionError(`${result.message}${where}`);
}

function zone(timeZone: string): string {
  if (!isKnownTimeZone(timeZone)) throw new ExpressionError(`'${timeZone}' is not a known IANA time zone`);
  return timeZone;
}

/** Checks an AWS expression (throws ExpressionError), so CreateSchedule can refuse it. */
export function checkAwsExpression(expression: string): void {
  parsed(parseAwsSchedule(expression), expression);
}

/** `from < slot <= to` on whole milliseconds, as expandSlots' `[from, to)` shifted by one. */
const epochs = (slots: readonly { readonly epochMs: number }[]) => slots.map((slot) => slot.epochMs);

/** common/schedules behind the simulator's interface. */
export const schedulesEvaluator: ScheduleEvaluator = {
  nextSlots: (expression, timeZone, from, to, anchor = 0) => {
    const schedule = parsed(parseAwsSchedule(expression), expression);
    return epochs(expandSlots(schedule, zone(timeZone), from + 1, to + 1, { start: anchor }));
  },
  dcSlots: (spec, timeZone, hashKey, from, to, dialect = 'jenkins') => {
    const schedule = parsed(parseDcCron(spec, { dialect, jobFullName: hashKey }), spec);
    return epochs(expandSlots(schedule, zone(timeZone), from + 1, to + 1));
  },
};
