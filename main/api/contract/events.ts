// The API contract — Events: core -> UI, delivered in batches. One union: the core's events and every track's
// (main/tracks/contracts.ts), each track's typed `<track id>.<name>`.
import { z } from 'zod';
import { CutoverRunViewSchema } from './cutover';
import { EnvironmentViewSchema } from './environment';
import { TeamViewSchema } from './team';
import { JournalEntryViewSchema } from './journal';
import { OperationLogLineSchema, OperationViewSchema, WaveOperationViewSchema } from './operations';
import { PlanSnapshotSchema, RegistrationStatusSchema, StackLifecycleSchema } from './plan';
import { WaveReadinessViewSchema } from './readiness';
import type { TrackEventSpec } from './track';
import { TRACK_CONTRACTS } from '../../tracks/contracts';

const CORE_EVENT_SCHEMAS = [
  z.object({ type: z.literal('plan.changed'), snapshot: PlanSnapshotSchema }),
  /** The environment view changed (a plan load, a periodic identity check, credentials that expired). */
  z.object({ type: z.literal('environment.updated'), environment: EnvironmentViewSchema }),
  /** Team mode changed: the store connection, entries waiting for it, this operator's roles. */
  z.object({ type: z.literal('team.updated'), team: TeamViewSchema }),
  z.object({ type: z.literal('stack.lifecycle'), stackId: z.string(), lifecycle: StackLifecycleSchema }),
  /** The latest state of an operation (coalesced: only the newest per operation crosses in a batch). */
  z.object({ type: z.literal('operation.updated'), operation: OperationViewSchema }),
  /** One line of an operation's live event log. */
  z.object({ type: z.literal('operation.log'), line: OperationLogLineSchema }),
  z.object({ type: z.literal('wave.updated'), operation: WaveOperationViewSchema }),
  z.object({ type: z.literal('stack.registrations'), stackId: z.string(), registrations: z.array(RegistrationStatusSchema) }),
  /** A journal entry was written. */
  z.object({ type: z.literal('journal.appended'), entry: JournalEntryViewSchema }),
  /** A wave's readiness changed (only changed waves are sent; the newest per wave supersedes). */
  z.object({ type: z.literal('cutover.readiness'), wave: WaveReadinessViewSchema }),
  /** A wave's cutover run changed (coalesced: the newest per wave crosses in a batch). */
  z.object({ type: z.literal('cutover.updated'), run: CutoverRunViewSchema }),
  /** An unexpected error the core contained (it keeps running): when, and its first line, redacted. */
  z.object({ type: z.literal('core.fault'), fault: z.object({ at: z.string(), message: z.string() }) }),
] as const;

type TrackEventSpecs = NonNullable<(typeof TRACK_CONTRACTS)[number]['events']>[number];
const TRACK_EVENT_SPECS: readonly TrackEventSpecs[] = TRACK_CONTRACTS.flatMap((contract): readonly TrackEventSpecs[] => contract.events ?? []);

export const CockpitEventSchema = z.discriminatedUnion('type', [
  ...CORE_EVENT_SCHEMAS,
  ...TRACK_EVENT_SPECS.map((spec) => spec.schema as TrackEventSpecs['schema']),
]);
export type CockpitEvent = z.infer<typeof CockpitEventSchema>;

/** Each track event's type, with its coalescing key when it declares one (main/api/event-batcher.ts). */
export const TRACK_EVENT_TYPES: ReadonlyMap<string, TrackEventSpec['supersedes']> = new Map(
  TRACK_EVENT_SPECS.map((spec) => [spec.schema.shape.type.value, spec.supersedes as TrackEventSpec['supersedes']] as const),
);

export const EventBatchSchema = z.object({
  /** Increases by one per batch, so a client can tell it missed one and re-read the state. */
  sequence: z.number().int().min(1),
  events: z.array(CockpitEventSchema).min(1),
});
export type EventBatch = z.infer<typeof EventBatchSchema>;
