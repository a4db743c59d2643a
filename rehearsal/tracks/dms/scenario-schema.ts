// The scenario file format (YAML), as zod schemas: the estate (replication instances, tasks, their tables and
// rates) and the faults to inject. Messages say what is expected, because the operator reads them next to a
// file:line:column.
import { z } from 'zod';
import { AwsRegion, DmsTaskIdentifier } from '../../../main/ports/plan-reading';
import { Duration } from '../../kernel/duration';
import { faultSchema, wireFaultOptions, type WireFaultSpec } from '../../kernel/wire-fault-schema';

const Identifier = z.string().regex(/^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,62}$/, {
  error: 'expected an identifier: letters, digits or hyphens, starting with a letter, no "--", at most 63',
});
const SqlName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_$]{0,63}$/, { error: 'expected a MySQL name: letters, digits, "_" or "$", at most 64' });
const PositiveRate = z.number({ error: 'expected a number per second' }).positive({ error: 'expected a rate above 0' });
const Rows = z.number({ error: 'expected a number of rows' }).int({ error: 'expected a whole number of rows' }).min(0, { error: 'expected 0 or more rows' });
const Fraction = z.number({ error: 'expected a fraction 0-1' }).min(0, { error: 'expected a fraction 0-1' }).max(1, { error: 'expected a fraction 0-1' });

export const TableSchema = z.strictObject({ schema: SqlName, name: SqlName, rows: Rows });

export const GeneratedTablesSchema = z.strictObject({
  count: z.number().int().min(1).max(500, { error: 'expected at most 500 tables per task' }),
  schema: SqlName.optional(),
  maxRows: Rows.optional(),
});

/** Rates and behaviour a task has unless it says otherwise (also the `generated:` block's task settings). */
const TaskBehaviour = {
  migrationType: z.enum(['full-load', 'cdc', 'full-load-and-cdc'], { error: 'expected full-load, cdc or full-load-and-cdc' }).default('full-load-and-cdc'),
  /** Full load rows per second for the whole task, shared by the tables loading at once. */
  throughputRowsPerSecond: PositiveRate.default(20_000),
  /** Tables loaded at once (DMS MaxFullLoadSubTasks, 1-49). */
  parallelTables: z.number().int().min(1).max(49, { error: 'expected 1-49 tables at once (DMS MaxFullLoadSubTasks)' }).default(4),
  /** Changes per second at the source during CDC. */
  changeRatePerSecond: z.number().min(0, { error: 'expected 0 or more changes per second' }).default(40),
  /** Changes per second the target can apply. */
  applyCapacityPerSecond: PositiveRate.default(600),
  validation: z.boolean().default(true),
  /** Average row size, for the bandwidth metrics. */
  rowBytes: z.number().int().min(1).max(10_000_000).default(400),
  /** Start the task when the rehearsal starts (or `startAfter` later); otherwise it waits in `ready`. */
  autoStart: z.boolean().default(false),
  startAfter: Duration.default(0),
};

export const TaskSchema = z.strictObject({
  id: DmsTaskIdentifier,
  /** A replication instance id from `instances`; default the first one. */
  instance: Identifier.optional(),
  /** The account whose estate holds it (a plan's stack in a workload account); default the scenario's account. */
  account: z
    .string()
    .regex(/^\d{12}$/, { error: 'expected a 12-digit AWS account id' })
    .optional(),
  /** A list of tables, or `{ count, schema?, maxRows? }` to generate them; default 5-20 generated tables. */
  tables: z
    .union([z.array(TableSchema).min(1, { error: 'expected at least one table' }), GeneratedTablesSchema], {
      error: 'expected a list of { schema, name, rows } or { count, schema?, maxRows? }',
    })
    .optional(),
  ...TaskBehaviour,
});

export const InstanceSchema = z.strictObject({
  id: Identifier,
  class: z
    .string()
    .regex(/^dms\.[a-z0-9]+\.[a-z0-9]+$/, { error: 'expected a DMS instance class such as dms.r5.large' })
    .default('dms.r5.large'),
  allocatedStorageGiB: z.number().int().min(5).max(6144).default(100),
  engineVersion: z.string().min(1).default('3.5.4'),
});

export const GeneratedSchema = z.strictObject({
  tasks: z.number().int().min(1).max(10_000, { error: 'expected at most 10000 generated tasks' }),
  /** Replication instances the tasks are spread over; default one per 100 tasks. */
  instances: z.number().int().min(1).max(1000).optional(),
  tablesPerTask: z.number().int().min(1).max(100).default(8),
  prefix: Identifier.default('gen'),
  ...TaskBehaviour,
  autoStart: z.boolean().default(true),
});

const TaskRef = DmsTaskIdentifier;
const TableRef = z.string().regex(/^[A-Za-z_][A-Za-z0-9_$]*\.[A-Za-z_][A-Za-z0-9_$]*$/, { error: 'expected schema.table, e.g. shop.orders' });

/**
 * The services a scenario file's wire faults may name: DMS, the kernel's CloudWatch and CloudWatch Logs, the
 * scheduled-jobs track's EventBridge Scheduler and Lambda, the traffic track's Route 53 and ELBv2. A file is read
 * before the rehearsal starts, so the names are listed here rather than taken from the route table.
 */
export const SCENARIO_SERVICES = ['dms', 'cloudwatch', 'logs', 'scheduler', 'lambda', 'route53', 'elbv2'] as const;

/** The DMS track's fault kinds beside the kernel's wire faults. */
export const DMS_FAULT_OPTIONS = [
  z.strictObject({
    type: z.literal('task-failure'),
    task: TaskRef,
    atPercent: z.number().min(0).max(100, { error: 'expected a full load percentage 0-100' }),
    message: z.string().min(1).optional(),
  }),
  z.strictObject({
    type: z.literal('latency-spike'),
    task: TaskRef,
    at: Duration.default(0),
    for: Duration,
    /** The target's apply capacity during the spike, as a fraction of normal. */
    applyFactor: Fraction.default(0.05),
  }),
  z.strictObject({
    type: z.literal('table-error'),
    task: TaskRef,
    table: TableRef,
    at: Duration.default(0),
    message: z.string().min(1).optional(),
  }),
  z.strictObject({
    type: z.literal('validation-mismatch'),
    task: TaskRef,
    table: TableRef,
    records: z.number().int().min(1).default(12),
    at: Duration.default(0),
  }),
  /** Connection tests (TestConnection) of this endpoint fail while the fault lasts. */
  z.strictObject({
    type: z.literal('connection-failure'),
    /** The endpoint's identifier; a scenario task's are `<task id>-source` and `<task id>-target`. */
    endpoint: Identifier,
    message: z.string().min(1).optional(),
    at: Duration.default(0),
    for: Duration.optional(),
  }),
] as const;

const WIRE_FAULT_OPTIONS = wireFaultOptions(SCENARIO_SERVICES);

export const FaultSchema = faultSchema([...WIRE_FAULT_OPTIONS, ...DMS_FAULT_OPTIONS]);

export const ScenarioSchema = z.strictObject({
  version: z.literal(1, { error: 'expected version: 1' }).default(1),
  name: z.string().min(1).default('rehearsal'),
  description: z.string().optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  /** Simulated seconds per real second; the CLI's --time-scale wins. */
  timeScale: z.number().positive().max(100_000).optional(),
  region: AwsRegion.default('eu-central-1'),
  accountId: z
    .string()
    .regex(/^\d{12}$/, { error: 'expected a 12-digit AWS account id' })
    .default('123456789012'),
  instances: z.array(InstanceSchema).default([]),
  tasks: z.array(TaskSchema).default([]),
  generated: GeneratedSchema.optional(),
  faults: z.array(FaultSchema).default([]),
});

export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type ScenarioFile = z.output<typeof ScenarioSchema>;
export type FaultSpec = z.output<typeof FaultSchema>;
export type { WireFaultSpec };
export type ConnectionFaultSpec = Extract<FaultSpec, { type: 'connection-failure' }>;
export type TaskFaultSpec = Exclude<FaultSpec, WireFaultSpec | ConnectionFaultSpec>;
export type InstanceSpec = z.output<typeof InstanceSchema>;
