// Team mode in the core: which journal a cockpit keeps (the plan's team store, or the local file), who this operator
// is to the team, and the team view the UI shows. The store is chosen from the plan the core starts with and kept
// for the core's life: a plan on another store (or none) is refused while this one runs, so a cockpit never
// journals a team's cutover to the wrong place (main/core/cockpit-core.ts).
import { createHash } from 'node:crypto';
import path from 'node:path';
import { parse, toClientConfig } from 'pg-connection-string';
import type { TeamRole } from '../../common/team';
import type { TeamView } from '../api/contract';
import type { JournalAwsIdentity, JournalEntry } from '../journal/entry';
import type { JournalReadResult } from '../journal/journal';
import type { TeamEntry } from '../plan/schema';
import type { PendingEntry } from './pending-entry';
import { TeamJournal, type StoreStatus } from './team-journal';

export interface TeamSessionOptions {
  readonly team: TeamEntry;
  readonly env: NodeJS.ProcessEnv;
  readonly dataDir: string;
  /** user@host: the journal's actor and who the plan's people are matched against. */
  readonly actor: string;
  readonly awsIdentity: () => JournalAwsIdentity | undefined;
  readonly redact: (entry: PendingEntry) => PendingEntry;
  readonly hideSecret: (value: string) => void;
  readonly onAppended: (entry: JournalEntry) => void;
  readonly onRemote: (entry: JournalEntry) => void;
  readonly onView: (view: TeamView) => void;
  readonly log: (line: string) => void;
  readonly openTimeoutMs?: number;
}

export class TeamSession {
  private constructor(
    readonly team: TeamEntry,
    readonly journal: TeamJournal,
    private readonly actor: string,
  ) {}

  /** Opens the team journal (see TeamJournal.open: a store that does not answer leaves it on its mirror). */
  static async open(options: TeamSessionOptions): Promise<{ session: TeamSession; existing: JournalReadResult }> {
    const { team, env } = options;
    const password = env[team.store.passwordEnv];
    if (password) options.hideSecret(password);
    // The journal reports its status from its first connect on, before the session around it exists.
    const made: { session?: TeamSession } = {};
    const publish = () => made.session && options.onView(made.session.view());
    const { journal, existing } = await TeamJournal.open({
      connection: { ...toClientConfig(parse(team.store.url)), password: password ?? '' },
      ...(password ? {} : { refuse: `the variable ${team.store.passwordEnv} that holds the team store's password is not set` }),
      migration: team.migration,
      dir: path.join(options.dataDir, 'team', storeFolder(team)),
      actor: options.actor,
      awsIdentity: options.awsIdentity,
      redact: options.redact,
      onAppended: options.onAppended,
      onRemote: options.onRemote,
      onStatus: () => publish(),
      log: options.log,
      ...(options.openTimeoutMs !== undefined ? { openTimeoutMs: options.openTimeoutMs } : {}),
    });
    made.session = new TeamSession(team, journal, options.actor);
    return { session: made.session, existing };
  }

  /** Whether `team` (a plan being loaded) is the store and migration this session journals to. */
  joins(team: TeamEntry | undefined): boolean {
    return team !== undefined && team.store.url === this.team.store.url && team.migration === this.team.migration;
  }

  view(): TeamView {
    const status: StoreStatus = this.journal.storeStatus;
    return {
      mode: 'team',
      migration: this.team.migration,
      store: this.team.store.url,
      me: { actor: this.actor, ...rolesOf(this.team, this.actor) },
      connection: { state: status.state, since: status.since, ...(status.reason ? { reason: status.reason } : {}) },
      pending: status.pending,
      lastSeq: status.lastSeq,
      leaseSeconds: this.team.leaseSeconds,
    };
  }

  /** Why nothing new may start (the store is not connected: it could be neither journaled nor seen), or undefined. */
  startRefusal(): string | undefined {
    const status = this.journal.storeStatus;
    if (status.state === 'connected') return undefined;
    const since = `${status.since.slice(11, 19)} UTC`;
    const why = status.reason ? `: ${status.reason}` : '';
    const state = status.state === 'connecting' ? `is being reached (since ${since})` : `is unreachable since ${since}${why}`;
    return `the team store ${state}. Nothing new starts until it is back, so the team sees everything done; what is running goes on, and its journal entries wait in this cockpit`;
  }

  close(): Promise<void> {
    return this.journal.close();
  }
}

/**
 * The roles the plan gives `actor` (user@host): an entry `alice@jumphost` names that machine's user, `alice` the
 * user on any machine (the machine's entry wins). A plan that lists no people gives everyone every role; one that
 * lists people makes anyone else a viewer.
 */
export function rolesOf(team: TeamEntry, actor: string): { roles: TeamRole[]; rolesFrom: 'people' | 'no-people-listed' | 'not-listed' } {
  if (team.people.length === 0) return { roles: ['operator', 'approver'], rolesFrom: 'no-people-listed' };
  const user = actor.split('@')[0]!;
  const person = team.people.find((candidate) => candidate.user === actor) ?? team.people.find((candidate) => candidate.user === user);
  return person ? { roles: [...person.roles], rolesFrom: 'people' } : { roles: ['viewer'], rolesFrom: 'not-listed' };
}

/** A folder per store and migration (a hash: the URL is not a file name, and says where the database is). */
function storeFolder(team: TeamEntry): string {
  return `${team.migration}-${createHash('sha256').update(`${team.store.url}\n${team.migration}`).digest('hex').slice(0, 12)}`;
}

export const LOCAL_TEAM_VIEW: TeamView = { mode: 'local' };
