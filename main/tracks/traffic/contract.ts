// The traffic track's part of the API contract: each service's view (the split's weights as AWS holds them, their
// history, the pending Route 53 change, each side's target health and its requests, 5xx and response time per
// minute), each wave's shift as the engine records it (steps, writes, measurements with their verdicts, operator
// actions, the abort), its commands (snapshot; pause, resume, promote, abort a running shift) and its events.
import { z } from 'zod';
import { MEASUREMENT_VERDICTS, SHIFT_STATES } from '../../../common/tracks/traffic';
import { MonitorStatusViewSchema } from '../../api/contract/shared';
import { trackContract, trackEvent } from '../../api/contract/track';

/** Minutes of requests a service's view carries (the chart's hour). */
export const SERIES_MINUTES = 60;
/** Weight changes a service's view keeps. */
export const WEIGHT_HISTORY_MAX = 200;

const WeightsSchema = z.object({ dc: z.number().int(), aws: z.number().int() });

export const TargetHealthViewSchema = z.object({
  healthy: z.number().int(),
  unhealthy: z.number().int(),
  /** Registering (initial), draining, unused or unavailable. */
  other: z.number().int(),
  /** The targets (at most 50), each with its state and, when not healthy, AWS's reason. */
  targets: z.array(z.object({ id: z.string(), port: z.number().int().nullable(), state: z.string(), reason: z.string().nullable() })),
});
export type TargetHealthView = z.infer<typeof TargetHealthViewSchema>;

const SideMinuteSchema = z.object({
  requests: z.number().nullable(),
  errors5xx: z.number().nullable(),
  responseTimeMs: z.number().nullable(),
});

export const ServiceMinuteSchema = z.object({
  /** The minute's start (ISO, data clock). */
  at: z.string(),
  aws: SideMinuteSchema,
  /** The on-premises target group's (split alb); null for a Route 53 split: the data center's requests are not in CloudWatch. */
  dc: SideMinuteSchema.nullable(),
});
export type ServiceMinute = z.infer<typeof ServiceMinuteSchema>;

/** The thresholds a service's measurements are judged against (its wave's with its own over them). */
export const ThresholdsViewSchema = z.object({
  max5xxPercent: z.number(),
  maxResponseTimeMs: z.number(),
  minHealthyHosts: z.number().int(),
  maxUnhealthyHosts: z.number().int(),
  minRequests: z.number().int(),
});

export const ServiceViewSchema = z.object({
  stackId: z.string(),
  waveId: z.string().nullable(),
  service: z.string(),
  split: z.enum(['route53', 'alb']),
  /** The weights AWS holds now; null while unknown (not deployed, not read yet). */
  weights: WeightsSchema.nullable(),
  /** The share AWS gets for those weights, in percent. */
  awsPercent: z.number().nullable(),
  /** The percent the cutover overlay says (what a deploy would write). */
  plannedPercent: z.number().int(),
  /** The newest Route 53 change the cockpit made on the service's records, and its status. */
  change: z.object({ id: z.string(), status: z.enum(['PENDING', 'INSYNC']), submittedAt: z.string().nullable() }).nullable(),
  /** When the weights changed (as read or written), oldest first. */
  weightHistory: z.array(z.object({ at: z.string(), dc: z.number().int(), aws: z.number().int() })),
  targets: z.object({ aws: TargetHealthViewSchema.nullable(), dc: TargetHealthViewSchema.nullable() }),
  minutes: z.array(ServiceMinuteSchema),
  /** What its measurements and its gate are judged against. */
  thresholds: ThresholdsViewSchema,
  checkedAt: z.string().nullable(),
  problem: z.string().nullable(),
});
export type ServiceView = z.infer<typeof ServiceViewSchema>;

export const MeasurementViewSchema = z.object({
  from: z.string(),
  to: z.string(),
  requests: z.number().nullable(),
  errors5xx: z.number().nullable(),
  responseTimeMs: z.number().nullable(),
  healthyMin: z.number().nullable(),
  unhealthyMax: z.number().nullable(),
  verdict: z.enum(MEASUREMENT_VERDICTS),
  errorPercent: z.number().nullable(),
  reasons: z.array(z.string()),
});

const WriteViewSchema = z.object({ stackId: z.string(), before: WeightsSchema, after: WeightsSchema, changeId: z.string().nullable() });

export const ShiftStepViewSchema = z.object({
  step: z.number().int(),
  percent: z.number().int(),
  pauseSeconds: z.number().int(),
  appliedAt: z.string(),
  inSyncAt: z.string().nullable(),
  writes: z.array(WriteViewSchema),
  measurements: z.record(z.string(), z.array(MeasurementViewSchema)),
  windows: z.array(z.object({ from: z.string(), to: z.string() })),
  decision: z.enum(['promoted', 'aborted']).nullable(),
  decidedBy: z.string().nullable(),
  why: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const ShiftViewSchema = z.object({
  waveId: z.string(),
  /** The runbook run and step it belongs to. */
  runId: z.string(),
  stepId: z.string(),
  services: z.array(z.object({ stackId: z.string(), service: z.string(), thresholds: ThresholdsViewSchema })),
  steps: z.array(z.object({ percent: z.number().int(), pauseSeconds: z.number().int() })),
  onFailure: z.enum(['zero', 'last-good']),
  intervalSeconds: z.number().int(),
  failureLimit: z.number().int(),
  startedAt: z.string(),
  fromPercent: z.number().int(),
  state: z.enum(SHIFT_STATES),
  percent: z.number().int(),
  stepRecords: z.array(ShiftStepViewSchema),
  operator: z.array(
    z.object({
      at: z.string(),
      by: z.string(),
      what: z.enum(['pause', 'resume', 'promote', 'abort']),
      reason: z.string().nullable(),
      step: z.number().int().nullable(),
    }),
  ),
  abort: z.object({ to: z.number().int(), why: z.string(), by: z.string(), at: z.string(), writes: z.array(WriteViewSchema), inSync: z.boolean() }).nullable(),
  message: z.string().nullable(),
  endedAt: z.string().nullable(),
});
export type ShiftView = z.infer<typeof ShiftViewSchema>;

export const TrafficSnapshotSchema = z.object({
  monitor: MonitorStatusViewSchema.nullable(),
  services: z.array(ServiceViewSchema),
  /** Each wave's newest shift (running or ended). */
  shifts: z.array(ShiftViewSchema),
});
export type TrafficSnapshot = z.infer<typeof TrafficSnapshotSchema>;

const Reason = z.string().trim().max(500);
const ShiftRequest = z.strictObject({ waveId: z.string().min(1).max(200), reason: Reason.optional() });
const ShiftAnswer = z.object({ shift: ShiftViewSchema });

export const trafficContract = trackContract({
  id: 'traffic',
  commands: {
    /** Every service's view, each wave's newest shift and the monitor's status. */
    'traffic.snapshot': { request: z.strictObject({}), response: TrafficSnapshotSchema },
    /** Holds the wave's running shift at its step: nothing promotes until resumed (a failing analysis still aborts). */
    'traffic.pause': { request: ShiftRequest, response: ShiftAnswer },
    'traffic.resume': { request: ShiftRequest, response: ShiftAnswer },
    /** Ends the current step's pause now and goes on; a reason is required while the step's analysis has failures. */
    'traffic.promote': { request: ShiftRequest, response: ShiftAnswer },
    /** Aborts the shift: every service's weights back to the abort target. A reason is required. */
    'traffic.abort': {
      request: ShiftRequest.extend({ reason: Reason.min(3, { error: 'say why the shift is aborted (3 characters at least)' }) }),
      response: ShiftAnswer,
    },
  },
  events: [
    trackEvent(z.object({ type: z.literal('traffic.services'), services: z.array(ServiceViewSchema) }), () => 'traffic.services'),
    trackEvent(z.object({ type: z.literal('traffic.shift'), shift: ShiftViewSchema }), (event) => `traffic.shift:${event.shift.waveId}`),
    trackEvent(z.object({ type: z.literal('traffic.monitor'), monitor: MonitorStatusViewSchema }), () => 'traffic.monitor'),
  ],
});

export type TrafficCommands = typeof trafficContract.commands;
