// The traffic track's fault kinds beside the kernel's wire faults (POST /_admin/faults, a scenario's `faults:`), as
// zod options of the `faults:` union: each has a literal `type`, an `at` counted from when it is injected and an
// optional `durationSeconds` (absent: until the faults are cleared).
//   traffic-errors     a target group answers errorPercent % of its requests with 5xx, once the share of its
//                      service's requests reaching it is at least fromPercent % (default 0: at once)
//   traffic-slow       its requests take responseTimeMs, from a share of fromPercent % on
//   traffic-unhealthy  `targets` of its targets (default all; the first registered) fail their health checks
//   traffic-change-pending  Route 53 changes of `zone` (id or name; default every zone) submitted while it lasts stay
//                      PENDING until it ends
import { z } from 'zod';
import { Duration } from '../../kernel/duration';

/** A target group's name (ELBv2's rule: 1-32 letters, digits and hyphens). */
export const TargetGroupName = z.string().regex(/^(?!-)[A-Za-z0-9-]{1,32}(?<!-)$/, { error: 'expected a target group name: 1-32 letters, digits or "-"' });

const Percent = z
  .number({ error: 'expected a percentage 0-100' })
  .min(0, { error: 'expected a percentage 0-100' })
  .max(100, { error: 'expected a percentage 0-100' });
const PositiveDuration = Duration.refine((seconds) => seconds > 0, { error: 'expected a duration above 0, e.g. 90, "5m"' });
const Window = { at: Duration.default(0), durationSeconds: PositiveDuration.optional() };

export const TRAFFIC_FAULT_OPTIONS = [
  z.strictObject({ type: z.literal('traffic-errors'), targetGroup: TargetGroupName, errorPercent: Percent, fromPercent: Percent.default(0), ...Window }),
  z.strictObject({
    type: z.literal('traffic-slow'),
    targetGroup: TargetGroupName,
    responseTimeMs: z
      .number()
      .int({ error: 'expected whole milliseconds' })
      .min(1, { error: 'expected at least 1 ms' })
      .max(600_000, { error: 'expected at most 600000 ms' }),
    fromPercent: Percent.default(0),
    ...Window,
  }),
  z.strictObject({
    type: z.literal('traffic-unhealthy'),
    targetGroup: TargetGroupName,
    targets: z.number().int({ error: 'expected a whole number of targets' }).min(1, { error: 'expected at least 1 target' }).max(1000).optional(),
    ...Window,
  }),
  z.strictObject({
    type: z.literal('traffic-change-pending'),
    zone: z.string().min(1, { error: 'expected a hosted zone id or name' }).max(1024).optional(),
    ...Window,
  }),
] as const;

export type TrafficFaultSpec = z.output<(typeof TRAFFIC_FAULT_OPTIONS)[number]>;
