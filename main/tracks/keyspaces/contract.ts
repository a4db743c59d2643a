// The Keyspaces track's part of the API contract: each moving stack's view (bulk load, tables' throttling and
// capacity, the dual-write proxy, the dual-write hold, the latest validation), the validation's view, its commands
// (snapshot, validate or re-check, cancel a validation, start the bulk load) and the events its runtime publishes.
import { z } from 'zod';
import { MonitorStatusViewSchema } from '../../api/contract/shared';
import { trackContract, trackEvent } from '../../api/contract/track';

/** Most mismatches a view carries per table and kind (the count is always whole). */
export const MISMATCHES_SHOWN = 200;

const RangeRefSchema = z.object({ start: z.string(), end: z.string() });

export const TableValidationViewSchema = z.object({
  table: z.string(),
  rangesChecked: z.number().int(),
  originRows: z.number(),
  targetRows: z.number(),
  sampledRows: z.number(),
  countMismatchCount: z.number().int(),
  countMismatches: z.array(RangeRefSchema.extend({ originRows: z.number(), targetRows: z.number() })),
  rowMismatchCount: z.number().int(),
  rowMismatches: z.array(RangeRefSchema.extend({ key: z.string(), kind: z.enum(['missing-on-target', 'missing-on-origin', 'differs']) })),
  uncheckedCount: z.number().int(),
  unchecked: z.array(RangeRefSchema.extend({ reason: z.string() })),
  problem: z.string().nullable(),
  columnDifferences: z.array(z.string()),
});
export type TableValidationView = z.infer<typeof TableValidationViewSchema>;

export const ValidationViewSchema = z.object({
  stackId: z.string(),
  runId: z.string(),
  /** A re-check of listed ranges, or the whole tables. */
  scope: z.enum(['full', 'recheck']),
  state: z.enum(['running', 'clean', 'mismatches', 'failed', 'cancelled']),
  /** ISO, on the data clock (the rehearsal's simulated time when the plan targets it), like the bulk load's times it is compared with. */
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  rangesDone: z.number().int(),
  rangesTotal: z.number().int(),
  originRows: z.number(),
  targetRows: z.number(),
  mismatches: z.number().int(),
  /** Rows it made the origin read per second on average, and the plan's bound. */
  originRowsPerSecond: z.number().nullable(),
  maxOriginRowsPerSecond: z.number(),
  partitioner: z.string().nullable(),
  problem: z.string().nullable(),
  tables: z.array(TableValidationViewSchema),
  seed: z.number().int(),
});
export type ValidationView = z.infer<typeof ValidationViewSchema>;

export const BulkLoadViewSchema = z.object({
  jobName: z.string().nullable(),
  runId: z.string().nullable(),
  /** Glue's JobRunState, or null when the job never ran (or is not known yet). */
  state: z.string().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  executionSeconds: z.number().nullable(),
  recordsRead: z.number().nullable(),
  /**
   * The count includes the run's last minutes: CloudWatch publishes a minute once it is over, and late, so a run's count
   * is final a few minutes after its end (false while it runs and until then).
   */
  recordsFinal: z.boolean(),
  errorMessage: z.string().nullable(),
  problem: z.string().nullable(),
});
export type BulkLoadView = z.infer<typeof BulkLoadViewSchema>;

export const TableSignalsViewSchema = z.object({
  keyspace: z.string(),
  table: z.string(),
  /** The newest complete minute's sums (ISO start of that minute, data clock), null before any datapoint. */
  minute: z.string().nullable(),
  readThrottleEvents: z.number(),
  writeThrottleEvents: z.number(),
  partitionThroughputExceeded: z.number(),
  systemErrors: z.number(),
  consumedReadCapacityUnits: z.number(),
  consumedWriteCapacityUnits: z.number(),
});
export type TableSignalsView = z.infer<typeof TableSignalsViewSchema>;

export const ProxyViewSchema = z.object({
  url: z.string().nullable(),
  checkedAt: z.string().nullable(),
  writesPerSecond: z.number().nullable(),
  writeLatencyMs: z.number().nullable(),
  readLatencyOriginMs: z.number().nullable(),
  readLatencyTargetMs: z.number().nullable(),
  inflight: z.number().nullable(),
  connections: z.number().nullable(),
  /** Failed writes since the monitor started watching, by side. */
  failedWritesOrigin: z.number(),
  failedWritesTarget: z.number(),
  problem: z.string().nullable(),
});
export type ProxyView = z.infer<typeof ProxyViewSchema>;

export const DualWriteViewSchema = z.object({
  clean: z.boolean(),
  holdSeconds: z.number(),
  maxThrottleEvents: z.number(),
  maxFailedWrites: z.number(),
  throttleEventsInHold: z.number(),
  failedWritesInHold: z.number(),
  /** ISO, data clock: since when the proxy has been read without a gap, and when the hold ends if nothing new happens. */
  observedSince: z.string().nullable(),
  holdEndsAt: z.string().nullable(),
});
export type DualWriteView = z.infer<typeof DualWriteViewSchema>;

export const KeyspacesStackViewSchema = z.object({
  stackId: z.string(),
  waveId: z.string().nullable(),
  originKeyspace: z.string(),
  targetKeyspace: z.string(),
  bulkLoad: BulkLoadViewSchema,
  tables: z.array(TableSignalsViewSchema),
  proxy: ProxyViewSchema,
  dualWrite: DualWriteViewSchema,
});
export type KeyspacesStackView = z.infer<typeof KeyspacesStackViewSchema>;

export const KeyspacesSnapshotSchema = z.object({
  monitor: MonitorStatusViewSchema.nullable(),
  stacks: z.array(KeyspacesStackViewSchema),
  validations: z.array(ValidationViewSchema),
});
export type KeyspacesSnapshot = z.infer<typeof KeyspacesSnapshotSchema>;

const StackRequest = z.strictObject({ stackId: z.string().min(1).max(300) });

export const keyspacesContract = trackContract({
  id: 'keyspaces',
  commands: {
    /** Every moving stack's view, the monitor's status and each stack's latest validation. */
    'keyspaces.snapshot': { request: z.strictObject({}), response: KeyspacesSnapshotSchema },
    /** Validates a stack's tables (all, or some), or re-checks listed token ranges of one table. */
    'keyspaces.validate': {
      request: StackRequest.extend({
        tables: z.array(z.string().min(1).max(48)).max(1000).optional(),
        recheck: z
          .strictObject({
            table: z.string().min(1).max(48),
            ranges: z
              .array(z.strictObject({ start: z.string().regex(/^-?\d{1,40}$/), end: z.string().regex(/^-?\d{1,40}$/) }))
              .min(1)
              .max(10_000),
          })
          .optional(),
      }),
      response: z.object({ runId: z.string() }),
    },
    /** Stops a stack's running validation; what it compared so far stays in its view. */
    'keyspaces.validation.cancel': { request: StackRequest, response: z.object({ cancelled: z.boolean() }) },
    /** Starts a run of the stack's bulk-load job. */
    'keyspaces.bulk-load.start': { request: StackRequest, response: z.object({ runId: z.string() }) },
  },
  events: [
    trackEvent(z.object({ type: z.literal('keyspaces.stacks'), stacks: z.array(KeyspacesStackViewSchema) }), () => 'keyspaces.stacks'),
    trackEvent(z.object({ type: z.literal('keyspaces.monitor'), monitor: MonitorStatusViewSchema }), () => 'keyspaces.monitor'),
    trackEvent(
      z.object({ type: z.literal('keyspaces.validation'), validation: ValidationViewSchema }),
      (event) => `keyspaces.validation:${event.validation.stackId}`,
    ),
  ],
});

export type KeyspacesCommands = typeof keyspacesContract.commands;
