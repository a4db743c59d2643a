// The health track's part of the API contract: its probe views, the `health.snapshot` command and the events its
// monitor publishes (every probed stack's view after each cycle; the monitor's status).
import { z } from 'zod';
import { MonitorStatusViewSchema } from '../../api/contract/shared';
import { trackContract, trackEvent } from '../../api/contract/track';

export const HealthProbeViewSchema = z.object({
  stackId: z.string(),
  /** The URL probed (the stack's output), or null while the stack has none. */
  url: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  ok: z.boolean(),
  latencyMs: z.number().nullable(),
  /** When the last probe answered (ISO, data clock), or null before the first. */
  checkedAt: z.string().nullable(),
  /** Since when every probe was healthy (ISO, data clock), or null. */
  healthySince: z.string().nullable(),
  /** Why the last probe failed, or why there is none, in words. */
  problem: z.string().nullable(),
});
export type HealthProbeView = z.infer<typeof HealthProbeViewSchema>;

export const HealthSnapshotSchema = z.object({
  monitor: MonitorStatusViewSchema.nullable(),
  probes: z.array(HealthProbeViewSchema),
});
export type HealthSnapshot = z.infer<typeof HealthSnapshotSchema>;

export const healthContract = trackContract({
  id: 'health',
  commands: {
    /** Every probed stack's health and the monitor's status, as of its last cycle. */
    'health.snapshot': { request: z.strictObject({}), response: HealthSnapshotSchema },
  },
  events: [
    /** Every probed stack's view after a cycle: the newest supersedes. */
    trackEvent(z.object({ type: z.literal('health.probes'), probes: z.array(HealthProbeViewSchema) }), () => 'health.probes'),
    trackEvent(z.object({ type: z.literal('health.monitor'), monitor: MonitorStatusViewSchema }), () => 'health.monitor'),
  ],
});

export type HealthCommands = typeof healthContract.commands;
