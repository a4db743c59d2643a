// common/schedules — schedule expressions of both sides of a scheduled job (EventBridge Scheduler; the data center's
// cron and Jenkins), their slots in a time zone, and the comparison of two schedules. Pure: no packages, no node:.
export { parseAwsSchedule } from './eventbridge';
export { parseDcCron, type DcCronOptions, type DcDialect } from './dc-cron';
export { expandSlots, dayMatches, type ExpandOptions, type Slot } from './slots';
export { compareSchedules, DEFAULT_HORIZON_DAYS, type CompareOptions, type ScheduleComparison, type ScheduleSide } from './compare';
export { isKnownTimeZone, knownTimeZones, formatWall, isoInstant } from './time-zones';
export { jenkinsHash, type JenkinsHash } from './jenkins-hash';
export type { AtSchedule, CronDialect, CronSchedule, CronTable, ParseResult, RateSchedule, RateUnit, Schedule } from './schedule';
