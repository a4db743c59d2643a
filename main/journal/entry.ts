// One journal entry: who did what to which stack, wave or replication task, when, with which Pulumi update, and how it ended.
import { z } from 'zod';

export const OPERATION_KINDS = [
  'preview',
  'up',
  'refresh',
  'destroy',
  'cancel',
  'rollback',
  'register',
  'deregister',
  'recover',
  'wave-deploy',
  'wave-rollback',
  // DMS task control (dms.control): one kind per action.
  'dms-start',
  'dms-resume',
  'dms-reload-target',
  'dms-stop',
  'dms-reload-tables-data',
  'dms-reload-tables-validate',
  // An endpoint's connection test from the task's replication instance (dms.testConnection).
  'dms-test-connection',
  'keyspaces-bulk-load',
  'keyspaces-validate',
  // Scheduled jobs: the gate's test invocation of a job's function, a DC trigger or the AWS kill switch changed
  // outside a runbook step (a step journals its own), and an alert the slot ledger raised (double or missed run).
  'schedules-test-invoke',
  'schedules-alert',
  // Traffic: the operator's pause, resume, promote or abort of a running shift (who, why, at which step), and a
  // shift's record as it began, at each step's decision and at its end (a restarted cockpit takes it back).
  'traffic-operator',
  'traffic-shift',
  // Team mode (main/team/): a wave's lock taken, taken back by its holder's restarted cockpit, taken over after its
  // lease expired, asked for, handed over or released, each with who.
  'team-lock',
  // Team mode: four eyes. A request for approvals (a cutover's start, a runbook step), each approval and refusal
  // (with its reason), by whom.
  'team-approval',
  // Cutover runbook (main/cutover/): a run of a wave's runbook, its steps, operator control (pause, resume,
  // retry, abort), snapshots of readiness and DMS task stats, and the rollback across systems with its
  // compensating steps.
  'cutover',
  'cutover-step',
  'cutover-control',
  'cutover-snapshot',
  'cutover-rollback',
  'cutover-compensate',
] as const;

export const JournalEntrySchema = z.object({
  seq: z.number().int().min(1),
  at: z.string(),
  /** user@host of the operator whose cockpit did it. */
  actor: z.string(),
  /**
   * On AWS: the caller identity (STS GetCallerIdentity) of the credentials the cockpit acted with, as last checked,
   * beside the OS user; absent in the rehearsal, and while the identity is unknown (expired or denied credentials).
   */
  awsIdentity: z.object({ accountId: z.string(), arn: z.string() }).optional(),
  operationId: z.string(),
  kind: z.enum(OPERATION_KINDS),
  target: z.discriminatedUnion('type', [
    z.object({ type: z.literal('stack'), stackId: z.string() }),
    z.object({ type: z.literal('wave'), waveId: z.string() }),
    /** A DMS replication task of a stack (`taskKey` as the API names it, `taskId` its DMS identifier). */
    z.object({ type: z.literal('replication-task'), stackId: z.string(), taskKey: z.string(), taskId: z.string().nullable() }),
    /** A step of a wave's cutover runbook, or a compensating step of its rollback. */
    z.object({ type: z.literal('cutover-step'), waveId: z.string(), stepId: z.string() }),
  ]),
  phase: z.enum(['started', 'succeeded', 'failed', 'cancelled', 'interrupted']),
  /** The operation this one is part of (a stack's deploy inside a wave deploy). */
  parentOperationId: z.string().optional(),
  /** Pulumi's update version number for the stack, when the engine reported one. */
  updateVersion: z.number().int().optional(),
  changes: z.record(z.string(), z.number()).optional(),
  durationMs: z.number().optional(),
  message: z.string().optional(),
  /**
   * Structured facts a later reader needs (cutover entries): who confirmed a manual step, an override's reason,
   * readiness and DMS snapshots, per-stack results. Plain data only; redacted like the rest of the entry.
   */
  details: z.record(z.string(), z.unknown()).optional(),
});

export type JournalEntry = z.infer<typeof JournalEntrySchema>;
export type JournalEntryInput = Omit<JournalEntry, 'seq' | 'at' | 'actor' | 'awsIdentity'>;
export type JournalAwsIdentity = NonNullable<JournalEntry['awsIdentity']>;

/** Who did it, in words: the OS user, and the AWS caller identity when there was one (`alice@host as arn:…`). */
export function actorText(entry: Pick<JournalEntry, 'actor' | 'awsIdentity'>): string {
  return entry.awsIdentity ? `${entry.actor} as ${entry.awsIdentity.arn}` : entry.actor;
}
