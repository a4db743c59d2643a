// The Keyspaces track's part of the plan file, as zod schemas: a stack's Cassandra data (the origin cluster and
// keyspace, the Amazon Keyspaces keyspace it moves to, its tables, how the history is loaded, where the dual-write
// proxy reports, how validation reads) and a wave's Keyspaces gates. Credentials are never written in the plan:
// it names the environment variables that hold them.
import { z } from 'zod';
import { CQL_NATIVE_TYPES, isPlanCqlType } from '../../../common/cql';
import { EnvVarName, Seconds, type StackEntry, type WaveEntry } from '../../plan/schema';

/** An unquoted CQL name (keyspace, table): letters, digits, underscores, starting with a letter; 48 at most (Cassandra's and Keyspaces' limit). */
export const CqlName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,47}$/, {
  error: 'expected a CQL name: 1-48 letters, digits or underscores, starting with a letter (quoted names are not supported)',
});

/** An unquoted CQL column name. */
export const CqlColumnName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,127}$/, {
  error: 'expected a CQL column name: letters, digits or underscores, starting with a letter',
});

const NATIVE_TYPES = CQL_NATIVE_TYPES;

/** Whether `type` is a CQL type Keyspaces stores: a native type, or list/set/map/frozen/tuple of them (common/cql.ts). */
export const isCqlType = isPlanCqlType;

export const CqlType = z.string().refine(isCqlType, {
  error: `expected a CQL type: ${NATIVE_TYPES.join(', ')}, or list<…>, set<…>, map<…, …>, frozen<…>, tuple<…> of them`,
});

/** host or host:port (the CQL native port, 9042 when left out). */
export const ContactPoint = z.string().regex(/^(\[[0-9A-Fa-f:]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/, {
  error: 'expected a contact point: a host name or IP address, optionally with :port (9042 when left out), e.g. 10.20.0.11:9042',
});

/** A user name and password for CQL, read from the environment at run time. */
export const CqlCredentials = z.strictObject({
  usernameEnv: EnvVarName,
  passwordEnv: EnvVarName,
});

export const KeyspacesTable = z.strictObject({
  name: CqlName,
  /** The partition key's columns, in order. */
  partitionKey: z.array(CqlColumnName).min(1, { error: 'expected at least one partition key column' }),
  /** The clustering columns, in order; `column DESC` for a descending one. */
  clusteringKey: z
    .array(
      z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,127}( (ASC|DESC|asc|desc))?$/, {
        error: 'expected a clustering column, optionally followed by ASC or DESC, e.g. "created_at DESC"',
      }),
    )
    .default([]),
  /** Every column with its CQL type, key columns included. */
  columns: z.record(CqlColumnName, CqlType).refine((columns) => Object.keys(columns).length > 0, { error: 'expected at least one column' }),
});

const OutputName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected a stack output name, e.g. bulkLoadJobName' });

export const KeyspacesStackSchema = z.strictObject({
  /** The data-center cluster: where the application's data lives today. */
  origin: z.strictObject({
    contactPoints: z.array(ContactPoint).min(1, { error: 'expected at least one contact point of the origin cluster' }),
    /** The data center the driver treats as local (the cluster's `dc` name, e.g. dc1). */
    localDataCenter: z.string().min(1, { error: 'expected the local data center name of the origin cluster, e.g. dc1' }),
    keyspace: CqlName,
    credentials: CqlCredentials.optional(),
  }),
  /** The Amazon Keyspaces side. */
  target: z
    .strictObject({
      /** The keyspace the tables move to; the origin's name when left out. */
      keyspace: CqlName.optional(),
      /** Service-specific credentials from the environment; the AWS account's SigV4 identity when left out. */
      credentials: CqlCredentials.optional(),
    })
    .default({}),
  tables: z.array(KeyspacesTable).min(1, { error: 'expected at least one table to move' }),
  /** How the history is loaded: a Glue job the stack deploys (its name, or the stack output that holds it). */
  bulkLoad: z
    .union([z.strictObject({ glueJob: z.string().regex(/^[A-Za-z0-9_.-]{1,255}$/) }), z.strictObject({ glueJobOutput: OutputName })], {
      error: 'expected { glueJob: <Glue job name> } or { glueJobOutput: <stack output holding the job name> }',
    })
    .default({ glueJobOutput: 'bulkLoadJobName' }),
  /** Where the dual-write proxy's Prometheus metrics are read: the stack output holding the URL. */
  proxy: z.strictObject({ metricsOutput: OutputName.default('proxyMetricsUrl') }).default({ metricsOutput: 'proxyMetricsUrl' }),
  /** How the cockpit compares origin and target over CQL. */
  validation: z
    .strictObject({
      /** Token ranges each table is split into for row counts (a range that times out is split again). */
      rangesPerTable: z.number().int().min(1).max(4096).default(64),
      /** Rows read from both sides per sampled range, compared by checksum. */
      sampleRowsPerRange: z.number().int().min(0).max(1000).default(20),
      /** Queries in flight at once, on each side. */
      concurrency: z.number().int().min(1).max(64).default(4),
      /** Rows per second the validation may read on the origin (its load bound). */
      maxOriginRowsPerSecond: z.number().int().min(100).max(10_000_000).default(50_000),
    })
    .default({ rangesPerTable: 64, sampleRowsPerRange: 20, concurrency: 4, maxOriginRowsPerSecond: 50_000 }),
});

export const KeyspacesWaveSchema = z.strictObject({
  /** Read and write throttle events, summed over the wave's tables, that the dual-write gate still accepts per hold. */
  maxThrottleEvents: z.number().int().min(0, { error: 'expected 0 or more throttle events' }).default(0),
  /** Failed writes on either side the gate still accepts per hold (0: a write lost on one side is a red gate). */
  maxFailedWrites: z.number().int().min(0, { error: 'expected 0 or more failed writes' }).default(0),
  /** How long the dual-write signals must stay within the limits before the gate is green. */
  holdSeconds: Seconds('how long the dual writes must stay clean', 86_400).default(300),
  /** Whether a clean validation is part of the gate. */
  requireValidation: z.boolean().default(true),
});

/** Mirrors reads to Keyspaces (the proxy's read mode DUAL_ASYNC_ON_SECONDARY): the target is load-tested, the origin still answers. */
export const MirrorReadsAction = z.strictObject({ type: z.literal('keyspaces-mirror-reads') });
/** Makes Keyspaces the primary (primary cluster TARGET, reads from it only); writes still reach both sides. */
export const PrimaryTargetAction = z.strictObject({ type: z.literal('keyspaces-primary-target') });
/**
 * Removes the dual-write proxy: clients go straight to Keyspaces and the origin gets no writes from then on. The point
 * of no return of the track (the plan marks the step; the operator types the wave id before it runs).
 */
export const RemoveProxyAction = z.strictObject({ type: z.literal('keyspaces-remove-proxy') });
/** Validates every moving stack of the wave (whole tables) and passes when every validation is clean. */
export const ValidateAction = z.strictObject({
  type: z.literal('keyspaces-validate'),
  /** How long the validations may take, in minutes. */
  timeoutMinutes: z
    .number()
    .positive()
    .max(24 * 60)
    .default(60),
});

export type MirrorReads = z.output<typeof MirrorReadsAction>;
export type PrimaryTarget = z.output<typeof PrimaryTargetAction>;
export type RemoveProxy = z.output<typeof RemoveProxyAction>;
export type ValidateStep = z.output<typeof ValidateAction>;

export const KEYSPACES_STACK_SHAPE = { keyspaces: KeyspacesStackSchema.optional() };
export const KEYSPACES_WAVE_SHAPE = { keyspaces: KeyspacesWaveSchema.optional() };

export type KeyspacesStackFields = z.output<z.ZodObject<typeof KEYSPACES_STACK_SHAPE>>;
export type KeyspacesWaveFields = z.output<z.ZodObject<typeof KEYSPACES_WAVE_SHAPE>>;
export type KeyspacesStack = z.output<typeof KeyspacesStackSchema>;
export type KeyspacesTableSpec = z.output<typeof KeyspacesTable>;
export type KeyspacesWaveGates = z.output<typeof KeyspacesWaveSchema>;

/** The keyspace a stack's tables move to. */
export const targetKeyspaceOf = (keyspaces: KeyspacesStack) => keyspaces.target.keyspace ?? keyspaces.origin.keyspace;

// Typed reads: a plan read with this part's grammar has these fields, defaults applied (main/plan knows no track).
export const keyspacesOf = <T extends StackEntry>(stack: T): T & KeyspacesStackFields => stack as T & KeyspacesStackFields;
export const keyspacesOfWave = <T extends Omit<WaveEntry, 'stacks'>>(wave: T): T & KeyspacesWaveFields => wave as T & KeyspacesWaveFields;
