// The wall clock: UTC (the runbook's times are all UTC) and the screen's local time with its zone, so nobody in the
// room converts in their head at 2 a.m.

export interface WallClock {
  readonly utcTime: string;
  readonly utcDate: string;
  readonly localTime: string;
  /** The local zone's short name ("CET", "GMT+2"). */
  readonly localZone: string;
  readonly localDate: string;
  /** The screen runs on UTC: the local clock would only repeat it. */
  readonly localIsUtc: boolean;
}

const TIME = { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' } as const;
const DATE = { weekday: 'short', day: '2-digit', month: 'short', year: 'numeric' } as const;

/** The clock at `now` (ms); `timeZone` is the screen's unless given (tests). */
export function wallClock(now: number, timeZone?: string): WallClock {
  const date = new Date(now);
  const utc = new Intl.DateTimeFormat('en-GB', { ...TIME, timeZone: 'UTC' });
  const utcDay = new Intl.DateTimeFormat('en-GB', { ...DATE, timeZone: 'UTC' });
  const local = new Intl.DateTimeFormat('en-GB', { ...TIME, timeZone, timeZoneName: 'short' });
  const localDay = new Intl.DateTimeFormat('en-GB', { ...DATE, timeZone });
  const parts = local.formatToParts(date);
  const localZone = parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
  const localTime = parts
    .filter((part) => part.type !== 'timeZoneName')
    .map((part) => part.value)
    .join('')
    .trim();
  const utcTime = utc.format(date);
  return {
    utcTime,
    utcDate: utcDay.format(date),
    localTime,
    localZone,
    localDate: localDay.format(date),
    localIsUtc: localZone === 'UTC' || (localTime === utcTime && localDay.format(date) === utcDay.format(date)),
  };
}
