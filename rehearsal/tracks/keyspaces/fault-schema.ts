// The Keyspaces track's fault kinds beside the kernel's wire faults (POST /_admin/faults), as zod options of the
// `faults:` union: each has a literal `type` and an `at` counted from when it is injected, as DMS's faults do.
// Messages say what is expected, because the operator reads them in a 400 next to the field's path.
import { z } from 'zod';
import { Duration } from '../../kernel/duration';

/** A Keyspaces keyspace or table name (the API's pattern). */
export const KeyspacesName = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_]{0,47}$/, {
  error: 'expected a Keyspaces name: 1-48 letters, digits or underscores, not starting with an underscore',
});

/** A dual-write proxy's id (the stack that registered it). */
export const ProxyId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, {
  error: 'expected a proxy id: 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit',
});

/** A Glue job name. */
export const GlueJobName = z.string().min(1, { error: 'expected a Glue job name' }).max(255, { error: 'expected a Glue job name of at most 255 characters' });

const PositiveDuration = Duration.refine((seconds) => seconds > 0, { error: 'expected a duration above 0, e.g. 90, "5m"' });

export const KEYSPACES_FAULT_OPTIONS = [
  /** Throttle events on a table (or every table of the keyspace), as CloudWatch's AWS/Cassandra reports them. */
  z.strictObject({
    type: z.literal('keyspaces-throttle'),
    keyspace: KeyspacesName,
    table: KeyspacesName.optional(),
    /** Which requests are throttled: WriteThrottleEvents, ReadThrottleEvents or both. */
    from: z.enum(['writes', 'reads', 'both'], { error: 'expected writes, reads or both' }).default('writes'),
    at: Duration.default(0),
    durationSeconds: PositiveDuration,
    eventsPerMinute: z.number({ error: 'expected a number of events per minute' }).positive({ error: 'expected more than 0 events per minute' }).max(1_000_000),
  }),
  /** A dual-write proxy's writes fail on one side (counted in zdm_proxy_failed_writes_total{failed_on=...}). */
  z.strictObject({
    type: z.literal('keyspaces-failed-writes'),
    proxy: ProxyId,
    side: z.enum(['origin', 'target'], { error: 'expected origin or target' }),
    at: Duration.default(0),
    durationSeconds: PositiveDuration,
    perSecond: z.number({ error: 'expected failed writes per second' }).positive({ error: 'expected more than 0 failed writes per second' }).max(1_000_000),
  }),
  /** The running (or next) run of a Glue job turns FAILED when its copy reaches this percentage. */
  z.strictObject({
    type: z.literal('keyspaces-job-fails'),
    job: GlueJobName,
    atPercent: z.number().min(0, { error: 'expected a percentage 0-100' }).max(100, { error: 'expected a percentage 0-100' }),
    message: z.string().min(1).max(2000).optional(),
    at: Duration.default(0),
  }),
  /** With a data plane: deletes `rows` rows of the target table and changes a column of `rows` more. */
  z.strictObject({
    type: z.literal('keyspaces-row-mismatch'),
    keyspace: KeyspacesName,
    table: KeyspacesName,
    rows: z.number().int({ error: 'expected a whole number of rows' }).min(1, { error: 'expected at least 1 row' }).max(100_000),
    at: Duration.default(0),
  }),
] as const;

export type KeyspacesFaultSpec = z.output<(typeof KEYSPACES_FAULT_OPTIONS)[number]>;
export type ThrottleFaultSpec = Extract<KeyspacesFaultSpec, { type: 'keyspaces-throttle' }>;
export type FailedWritesFaultSpec = Extract<KeyspacesFaultSpec, { type: 'keyspaces-failed-writes' }>;
export type JobFailsFaultSpec = Extract<KeyspacesFaultSpec, { type: 'keyspaces-job-fails' }>;
export type RowMismatchFaultSpec = Extract<KeyspacesFaultSpec, { type: 'keyspaces-row-mismatch' }>;
