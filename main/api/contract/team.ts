// The API contract — Team mode: whether this cockpit shares its journal (and later locks, presence and approvals)
// with a team through the plan's store, how the store connection stands, and who this operator is to the team.
import { z } from 'zod';
import { STORE_STATES, TEAM_ROLES } from '../../../common/team';

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
  }),
]);
export type TeamView = z.infer<typeof TeamViewSchema>;
