// The API contract — Pulumi operations: kinds, resource steps, log lines, history, recovery, wave operations (main/pulumi/, main/core/).
import { z } from 'zod';
import { OPERATION_KINDS } from '../../../common/states';

export { OPERATION_KINDS };

export const OperationKindSchema = z.enum(OPERATION_KINDS);
export type OperationKind = z.infer<typeof OperationKindSchema>;

export const ResourceStepViewSchema = z.object({
  urn: z.string(),
  name: z.string(),
  type: z.string(),
  /** The engine's step: create, update, delete, replace, same, refresh, ... */
  op: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  /** Names of the properties that differ (the preview diff). */
  diffs: z.array(z.string()),
});
export type ResourceStepView = z.infer<typeof ResourceStepViewSchema>;

export const OperationLogLineSchema = z.object({
  operationId: z.string(),
  /** 1, 2, 3... per operation. */
  seq: z.number().int().min(1),
  at: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  urn: z.string().optional(),
  text: z.string(),
});
export type OperationLogLine = z.infer<typeof OperationLogLineSchema>;

export const OperationViewSchema = z.object({
  operationId: z.string(),
  kind: OperationKindSchema,
  stackId: z.string(),
  /** Set when the operation runs as part of a wave operation. */
  parentOperationId: z.string().nullable(),
  status: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Why it failed or was refused, in the operator's terms. */
  message: z.string().nullable(),
  /** Resources in the stack before the operation (the best known total), or null when unknown. */
  expectedResources: z.number().int().nullable(),
  counts: z.object({ started: z.number().int(), done: z.number().int(), failed: z.number().int() }),
  steps: z.array(ResourceStepViewSchema),
  /** The engine's summary of changes by kind, once known. */
  changes: z.record(z.string(), z.number()).nullable(),
  /** Pulumi's update version for the stack, once known. */
  updateVersion: z.number().int().nullable(),
});
export type OperationView = z.infer<typeof OperationViewSchema>;

export const ToolchainInfoSchema = z.discriminatedUnion('found', [
  z.object({ found: z.literal(true), version: z.string(), source: z.string(), binDir: z.string() }),
  z.object({ found: z.literal(false), message: z.string() }),
]);
export type ToolchainInfo = z.infer<typeof ToolchainInfoSchema>;

export const UpdateHistoryEntrySchema = z.object({
  version: z.number().int(),
  kind: z.string(),
  result: z.string(),
  startTime: z.string(),
  endTime: z.string().nullable(),
  message: z.string(),
  resourceChanges: z.record(z.string(), z.number()).nullable(),
});
export type UpdateHistoryEntry = z.infer<typeof UpdateHistoryEntrySchema>;

export const RecoveryItemSchema = z.object({
  stackId: z.string(),
  /** Lock files on the stack: `stale` when its process is gone from this machine, `unknown` for other machines. */
  locks: z.array(z.object({ pid: z.number().int(), user: z.string(), host: z.string(), since: z.string(), state: z.enum(['running', 'stale', 'unknown']) })),
  /** Operations the engine started and never finished (e.g. `creating`): possibly orphaned resources. */
  pendingOperations: z.array(z.object({ op: z.string(), urn: z.string(), type: z.string() })),
  /** The journal's record of an operation that never ended (the cockpit stopped during it). */
  interrupted: z.object({ kind: z.string(), at: z.string(), operationId: z.string() }).nullable(),
});
export type RecoveryItem = z.infer<typeof RecoveryItemSchema>;

export const WaveOperationViewSchema = z.object({
  operationId: z.string(),
  kind: z.enum(['wave-deploy', 'wave-rollback']),
  waveId: z.string(),
  status: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  message: z.string().nullable(),
  /** Every stack of the wave, in the order the wave works on them. */
  stacks: z.array(
    z.object({
      stackId: z.string(),
      status: z.enum(['pending', 'running', 'succeeded', 'failed', 'cancelled', 'skipped']),
      operationId: z.string().nullable(),
    }),
  ),
});
export type WaveOperationView = z.infer<typeof WaveOperationViewSchema>;
