// The API contract — Team mode: whether this cockpit shares its journal (and later locks, presence and approvals)
// with a team through the plan's store, how the store connection stands, and who this operator is to the team.
import { z } from 'zod';
import { LOCK_PURPOSES, STORE_STATES, TEAM_ROLES } from '../../../common/team';

export const TeamViewSchema = z.discriminatedUnion('mode', [
  /** One operator: the journal is this machine's own file. */
  z.object({ mode: z.literal('local') }),
  z.object({
    mode: z.literal('team'),
    /** The plan's team.migration: the store's rows for this plan. */
    migration: z.string(),
    /** The store's URL as the plan writes it (the password is never in it). */
    store: z.string(),
    /** This operator (the OS user, user@host) and the roles the plan gives them. */
    me: z.object({ actor: z.string(), roles: z.array(z.enum(TEAM_ROLES)), rolesFrom: z.enum(['people', 'no-people-listed', 'not-listed']) }),
    connection: z.object({
      state: z.enum(STORE_STATES),
      /** When it entered this state (ISO, UTC). */
      since: z.string(),
      /** Why it is away, in the driver's words (never the password). */
      reason: z.string().optional(),
    }),
    /** Entries this cockpit wrote that the store does not have yet (they wait in its outbox). */
    pending: z.number().int().min(0),
    /** The newest journal seq this cockpit has. */
    lastSeq: z.number().int().min(0),
    leaseSeconds: z.number().int(),
    /** Who drives which wave (one lock per wave), as last read from the store. */
    locks: z.array(
      z.object({
        waveId: z.string(),
        holder: z.string(),
        purpose: z.enum(LOCK_PURPOSES),
        /** When the holder took it, its last renewal and when it lapses without another (ISO, the store's clock). */
        since: z.string(),
        renewedAt: z.string(),
        expiresAt: z.string(),
        /** Past its lease at the last read: the next operator to act on the wave takes it over. */
        expired: z.boolean(),
        /** Held by this cockpit. */
        mine: z.boolean(),
        /** Someone asked the holder for control. */
        request: z.object({ by: z.string(), at: z.string() }).nullable(),
      }),
    ),
    /** Approval requests (four eyes): open ones first, then the newest decided, each with who asked and decided. */
    approvals: z.array(
      z.object({
        requestId: z.string(),
        waveId: z.string(),
        /** The step that needs it; null: the cutover's start. */
        stepId: z.string().nullable(),
        needed: z.number().int(),
        requestedBy: z.string(),
        requestedAt: z.string(),
        approvals: z.array(z.object({ by: z.string(), at: z.string(), note: z.string().optional() })),
        refusal: z.object({ by: z.string(), at: z.string(), reason: z.string() }).nullable(),
        status: z.enum(['pending', 'granted', 'refused', 'used', 'withdrawn']),
        /** Whether this operator may approve or refuse it now (an approver, not the asker, not yet decided). */
        canDecide: z.boolean(),
      }),
    ),
    /**
     * Who is on this plan now (seen within a lease): the cockpits, this one included, and the people watching a
     * cockpit's war room (kind 'war-room', `via`: the operator whose cockpit serves it).
     */
    present: z.array(
      z.object({
        actor: z.string(),
        roles: z.array(z.string()),
        kind: z.enum(['cockpit', 'war-room']),
        via: z.string().nullable(),
        since: z.string(),
        lastSeen: z.string(),
        me: z.boolean(),
      }),
    ),
  }),
]);
export type TeamView = z.infer<typeof TeamViewSchema>;
