// common/ — limits the contract enforces and every UI must respect before it asks (declared once).
// Environment-neutral values only (no zod, no node:, no DOM, no packages).

/** The shortest reason (trimmed) for an override, a wave rollback or a finalize. */
export const MIN_OVERRIDE_REASON = 10;
/** The longest such reason. */
export const MAX_OVERRIDE_REASON = 2000;
/** How many DMS tasks a client may focus at once (dms.focus: fast polling, live samples). */
export const MAX_FOCUSED_TASKS = 50;
/** How many DMS task logs a client may follow at once (dms.logs.follow). */
export const MAX_FOLLOWED_LOGS = 4;
