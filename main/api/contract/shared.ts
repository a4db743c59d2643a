// The API contract — Shapes several domains share: gate status, the data clock, a monitor's status.
import { z } from 'zod';

export const GateStatusSchema = z.enum(['green', 'red', 'unknown']);
export type GateStatus = z.infer<typeof GateStatusSchema>;

/**
 * The clock the data is on (DMS times, readiness green-since and hold ends): the wall clock against AWS, the
 * simulated time of an accelerated rehearsal. A UI ticks it on as `at + (its now − wallAt) × rate`.
 */
export const DataClockViewSchema = z.object({
  /** The data clock's time at `wallAt`. */
  at: z.string(),
  wallAt: z.string(),
  /** Data seconds per wall second. */
  rate: z.number().positive(),
});
export type DataClockView = z.infer<typeof DataClockViewSchema>;

export const MonitorStatusViewSchema = z.object({
  state: z.enum(['idle', 'polling', 'backing-off', 'degraded']),
  /** `rehearsal` or the AWS region the clients talk to. */
  target: z.string(),
  intervalSeconds: z.number(),
  lastCycleAt: z.string().nullable(),
  lastCycleMs: z.number().nullable(),
  /** AWS API calls the last refresh cycle made, by operation. */
  lastCycleCalls: z.record(z.string(), z.number().int()),
  message: z.string().nullable(),
  /** The data clock as of this status; null before a monitor runs. */
  dataClock: DataClockViewSchema.nullable(),
});
export type MonitorStatusView = z.infer<typeof MonitorStatusViewSchema>;
