// Team mode's values the core and the renderer share: the roles a plan gives people, and what each may do.

/** viewer: watches; operator: drives deploys, cutovers and rollbacks (holding the wave's lock); approver: approves. */
export const TEAM_ROLES = ['viewer', 'operator', 'approver'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** Connection states of the team store, as a cockpit shows them. */
export const STORE_STATES = ['connecting', 'connected', 'away', 'closed'] as const;
export type StoreState = (typeof STORE_STATES)[number];

/** What the holder of a wave's lock does with it (the command that took it). */
export const LOCK_PURPOSES = ['deploy', 'cutover', 'rollback', 'operate'] as const;
export type LockPurpose = (typeof LOCK_PURPOSES)[number];

/** "02:13:05 UTC" of an ISO time: the team's refusals and approvals say times on the clock every cockpit shares. */
export function clockOf(iso: string): string {
  return `${iso.slice(11, 19)} UTC`;
}

/** Who operates a cockpit, as the journal's actor is written: user@host (`--as` of serve and the desktop app). */
export const OPERATOR_PATTERN = /^[A-Za-z0-9._-]{1,64}@[A-Za-z0-9._-]{1,253}$/;
