// The DMS track's part of the plan file format, as zod schemas: a stack's replication tasks and fallback, a wave's
// replication gates, and the runbook actions freeze-check and stop-replication. The keys predate the track prefix
// rule and keep their names (user plans stay valid). Every message says what is expected, as the core's do.
import { z } from 'zod';
import { Seconds, type StackEntry, type WaveEntry } from '../../plan/schema';

/** DMS replication task identifier rules, as the DMS API enforces them. */
export const DmsTaskIdentifier = z
  .string()
  .regex(/^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,254}$/, {
    error: 'expected a DMS replication task identifier: 1-255 letters, digits or hyphens, starting with a letter, no "--"',
  })
  .refine((id) => !id.endsWith('-'), { error: 'a DMS replication task identifier cannot end with a hyphen' });

export const DmsTaskReference = z.union(
  [z.strictObject({ taskId: DmsTaskIdentifier }), z.strictObject({ fromStackOutput: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/) })],
  {
    error: 'expected { taskId: <DMS task identifier> } or { fromStackOutput: <stack output holding the task ARN> }',
  },
);

/** What a cutover rollback needs about a stack: the reverse CDC task (AWS -> data center) it may start. */
export const FallbackSchema = z.strictObject({
  /** A DMS task replicating from the new AWS database back to the data center; started when the wave is rolled back. */
  reverseTaskId: DmsTaskIdentifier,
});

/** The DMS keys of a stack, after the stack's own. */
export const DMS_STACK_SHAPE = {
  replicationTasks: z.array(DmsTaskReference).default([]),
  fallback: FallbackSchema.optional(),
};

export const GatesSchema = z.strictObject({
  maxCdcLatencySeconds: z
    .number({ error: 'expected a number of seconds' })
    .positive({ error: 'expected a CDC latency above 0 seconds (DMS never reports exactly 0 for long)' })
    .max(3600, { error: 'expected at most 3600 seconds: a gate above an hour of lag cannot mean "in sync"' }),
  holdSeconds: z
    .number({ error: 'expected a number of seconds' })
    .int({ error: 'expected a whole number of seconds' })
    .min(0, { error: 'expected 0 or more seconds' })
    .max(86_400, { error: 'expected at most 86400 seconds (24 hours)' }),
  requireValidation: z.boolean().default(true),
  maxTableErrors: z.number().int().min(0, { error: 'expected 0 or more table errors' }).default(0),
});

/** The DMS key of a wave: its replication gates (the data gate's limits). */
export const DMS_WAVE_SHAPE = {
  gates: GatesSchema.optional(),
};

export const FreezeCheckAction = z.strictObject({
  type: z.literal('freeze-check'),
  /** How long CDCIncomingChanges and the applied change rate must stay at or under the limit on every task. */
  quietSeconds: Seconds('how long the source must stay quiet', 3600).default(60),
  /** Largest CDCIncomingChanges (and applied rows/s) that still counts as quiet (default 0). */
  maxIncomingChanges: z.number({ error: 'expected a number of changes' }).min(0, { error: 'expected 0 or more changes' }).default(0),
});

export const StopReplicationAction = z.strictObject({
  type: z.literal('stop-replication'),
  /** CDCLatencyTarget every task must reach before it is stopped (default 1 s: "about 0" as DMS reports it). */
  maxLatencySeconds: Seconds('CDC latency at which the task is stopped', 3600).default(1),
});

export type DmsStackFields = z.output<z.ZodObject<typeof DMS_STACK_SHAPE>>;
export type DmsWaveFields = z.output<z.ZodObject<typeof DMS_WAVE_SHAPE>>;
export type DmsTaskRef = z.output<typeof DmsTaskReference>;
export type Gates = z.output<typeof GatesSchema>;
export type FreezeCheck = z.output<typeof FreezeCheckAction>;
export type StopReplication = z.output<typeof StopReplicationAction>;

// Typed reads of a stack's and a wave's DMS fields. The model's types are the core's (main/plan knows no track); a
// plan read with a grammar that has the DMS part has these fields, defaults applied (composeGrammar).
export const dmsStackFields = <T extends StackEntry>(stack: T): T & DmsStackFields => stack as T & DmsStackFields;
export const dmsWaveFields = <T extends Omit<WaveEntry, 'stacks'>>(wave: T): T & DmsWaveFields => wave as T & DmsWaveFields;
