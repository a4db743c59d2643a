// The API contract — Shapes several domains share: gate status, the data clock, a monitor's status.
import { z } from 'zod';
import { GATE_ID_PATTERN } from '../../../common/gates';

export const GateStatusSchema = z.enum(['green', 'red', 'unknown']);
export type GateStatus = z.infer<typeof GateStatusSchema>;

/** A readiness gate's id: a core gate (CORE_GATES) or a track's (`data` for DMS; a new track prefixes its id). */
export const GateIdSchema = z.string().regex(GATE_ID_PATTERN);
export type GateId = z.infer<typeof GateIdSchema>;

/** One column of the gate matrix: a gate of the loaded plan, in the order every stack's gates follow. */
export const GateColumnViewSchema = z.object({
  id: GateIdSchema,
  /** The column's heading ("Data"). */
  label: z.string(),
  /** What the gate checks, in a sentence (the heading's tooltip). */
  help: z.string(),
  /** The track that judges it (`dms`), or null for a core gate. */
  track: z.string().nullable(),
});
export type GateColumnView = z.infer<typeof GateColumnViewSchema>;

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

/**
 * An alert any track raises, clears or acknowledges, as the desktop shell notifies it (TrackContext.alert,
 * CockpitCore.onAlert): a DMS task's AlertView is one, a scheduled job's double run another.
 */
export interface TrackAlert {
  readonly id: string;
  /** The track's kind ('task-failed', 'double-run'). */
  readonly kind: string;
  readonly severity: 'critical' | 'warning';
  readonly stackId: string | null;
  readonly waveId: string | null;
  readonly message: string;
  readonly clearedAt: string | null;
  readonly acknowledgedAt: string | null;
}
