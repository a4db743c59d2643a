// The API contract — Cutover readiness (main/cutover/readiness.ts): the gates of a stack and a wave.
import { z } from 'zod';
import { CORE_GATES } from '../../../common/gates';
import { WavePhaseSchema } from './plan';
import { GateIdSchema, GateStatusSchema } from './shared';

export { CORE_GATES };

/** A readiness gate of a stack: one of the plan's gate columns (PlanView.gateColumns). */
export const ReadinessGateSchema = GateIdSchema;
export type ReadinessGate = z.infer<typeof ReadinessGateSchema>;

export const ReadinessGateViewSchema = z.object({
  gate: ReadinessGateSchema,
  status: GateStatusSchema,
  /** Why it is not green, in the operator's terms, most important first; a green gate may carry a note (e.g. "no replication tasks"). */
  reasons: z.array(z.string()),
  /** ISO time (the replication data's clock, as the monitor reads it: a rehearsal's runs ahead of UTC) the gate turned green and has stayed green since, or null when it is not green. */
  greenSince: z.string().nullable(),
  /** A gate with a hold (DMS's data gate: the CDC latency hold, its slowest task): seconds still to go while the hold runs, else null. */
  holdRemainingSeconds: z.number().nullable(),
  /** A gate with a hold: when the running hold is expected to end (data clock, estimated from holdRemainingSeconds), else null. */
  holdEndsAt: z.string().nullable(),
  /** False when the gate has nothing to check for this stack (its note says why: "no replication tasks"): it passes, and is not counted among the stacks it judges. */
  applies: z.boolean(),
});
export type ReadinessGateView = z.infer<typeof ReadinessGateViewSchema>;

/**
 * Two questions kept apart (as Argo CD does): is the stack as the plan says (sync), and does it work (health)?
 * A stack rolled back to its previous config is healthy but out of sync; a failed deploy leaves it degraded.
 */
export const StackSyncSchema = z.object({
  status: z.enum(['synced', 'out-of-sync', 'missing', 'unknown']),
  reason: z.string().nullable(),
});
export const StackHealthSchema = z.object({
  status: z.enum(['healthy', 'progressing', 'degraded', 'missing', 'unknown']),
  reason: z.string().nullable(),
});
export type StackSync = z.infer<typeof StackSyncSchema>;
export type StackHealth = z.infer<typeof StackHealthSchema>;

export const StackReadinessViewSchema = z.object({
  stackId: z.string(),
  /** Every gate green. */
  ready: z.boolean(),
  sync: StackSyncSchema,
  health: StackHealthSchema,
  /** One per gate, in the plan's gateColumns order. */
  gates: z.array(ReadinessGateViewSchema),
});
export type StackReadinessView = z.infer<typeof StackReadinessViewSchema>;

export const WaveReadinessViewSchema = z.object({
  waveId: z.string(),
  /** Every gate of every stack of the wave green. */
  ready: z.boolean(),
  /** ISO time (data clock, like greenSince) the wave became ready and has stayed ready since, or null. */
  readySince: z.string().nullable(),
  /** The wave's stacks in the plan's order. */
  stacks: z.array(StackReadinessViewSchema),
  /** Why the wave is not ready (the first few, then "and N more"); empty when ready. */
  blockingReasons: z.array(z.string()),
  /** Stack × gate cells that are not green. */
  blockingCount: z.number().int(),
  /** Where the wave is in its migration; `cut-over`, `finalized` and (no runbook) `deployed` count as done for its dependents. */
  phase: WavePhaseSchema,
  /** When the wave entered the phase (ISO, core clock), when known. */
  phaseSince: z.string().nullable(),
  /** The phase in a sentence: what it rests on and what comes next. */
  phaseDetail: z.string(),
  /** Why deploying the wave would be refused now (common/phase-guard.ts: a cutover runs or holds it; or its dependencies' stacks not deployed), or null. */
  deployRefusal: z.string().nullable(),
  /** While a wave deploy runs (and no cutover run holds the wave): its stacks deployed so far of all; absent or null otherwise. */
  deploying: z.object({ deployed: z.number().int(), total: z.number().int() }).nullable().optional(),
});
export type WaveReadinessView = z.infer<typeof WaveReadinessViewSchema>;
