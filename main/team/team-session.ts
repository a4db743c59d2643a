// Team mode in the core: which journal a cockpit keeps (the plan's team store, or the local file), who this operator
// is to the team, and the team view the UI shows. The store is chosen from the plan the core starts with and kept
// for the core's life: a plan on another store (or none) is refused while this one runs, so a cockpit never
// journals a team's cutover to the wrong place (main/core/cockpit-core.ts).
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ClientConfig } from 'pg';
import { parse, toClientConfig } from 'pg-connection-string';
import type { TeamRole } from '../../common/team';
import type { TeamView } from '../api/contract';
import type { JournalAwsIdentity, JournalEntry } from '../journal/entry';
import type { JournalReadResult } from '../journal/journal';
import type { TeamEntry } from '../plan/schema';
import type { PendingEntry } from './pending-entry';
import { ApprovalLedger, ApprovalService } from './approvals';
import { TeamJournal, type StoreStatus } from './team-journal';
import { LOCKS_CHANNEL, LockRefusal, WaveLocks, type LockPurpose } from './wave-locks';
import { CommandError } from '../../common/command-error';
import { clockOf } from '../../common/team';

export interface TeamSessionOptions {
  readonly team: TeamEntry;
  readonly env: NodeJS.ProcessEnv;
  readonly dataDir: string;
  /** user@host: the journal's actor and who the plan's people are matched against. */
  readonly actor: string;
  readonly awsIdentity: () => JournalAwsIdentity | undefined;
  readonly redact: (entry: PendingEntry) => PendingEntry;
  readonly hideSecret: (value: string) => void;
  readonly onAppended: (entry: JournalEntry, remote: boolean) => void;
  readonly onRemote: (entry: JournalEntry) => void;
  readonly onView: (view: TeamView) => void;
  /** This cockpit held a wave's lock and lost it (its lease lapsed and another took it over): the wave's runbook pauses. */
  readonly onLockLost?: (waveId: string, message: string) => void;
  /** This cockpit took a wave from a driver that is gone (lease lapsed, or its own earlier cockpit): what it left running is settled. */
  readonly onDriverGone?: (waveId: string, driver: string | undefined) => void | Promise<void>;
  /** Whether this cockpit's runbook is running a wave now (its lock is not handed over then). */
  readonly isDriving?: (waveId: string) => boolean;
  readonly log: (line: string) => void;
  readonly openTimeoutMs?: number;
}

export class TeamSession {
  private constructor(
    team: TeamEntry,
    readonly journal: TeamJournal,
    readonly locks: WaveLocks,
    readonly approvals: ApprovalService,
    private readonly actor: string,
    private readonly onDriverGone?: (waveId: string, driver: string | undefined) => void | Promise<void>,
    private readonly isDriving?: (waveId: string) => boolean,
  ) {
    this.team = team;
  }

  /** The plan's team section as last loaded. */
  team: TeamEntry;

  /** Opens the team journal (see TeamJournal.open: a store that does not answer leaves it on its mirror). */
  static async open(options: TeamSessionOptions): Promise<{ session: TeamSession; existing: JournalReadResult }> {
    const { team, env } = options;
    const password = env[team.store.passwordEnv];
    if (password) options.hideSecret(password);
    // The journal reports its status from its first connect on, before the session around it exists.
    const made: { session?: TeamSession; locks?: WaveLocks; approvals?: ApprovalService } = {};
    const publish = () => made.session && options.onView(made.session.view());
    const { roles } = rolesOf(team, options.actor);
    // The URL's TLS files are read here: one that cannot be read is said like a missing password, not a crash.
    let connection: ClientConfig = {};
    let unusable = password ? undefined : `the variable ${team.store.passwordEnv} that holds the team store's password is not set`;
    try {
      connection = { ...toClientConfig(parse(team.store.url)), password: password ?? '' };
    } catch (error) {
      unusable ??= `the store URL's TLS settings cannot be used: ${error instanceof Error ? error.message : String(error)}`;
    }
    const { journal, existing } = await TeamJournal.open({
      connection,
      ...(unusable ? { refuse: unusable } : {}),
      migration: team.migration,
      dir: path.join(options.dataDir, 'team', storeFolder(team)),
      actor: options.actor,
      awsIdentity: options.awsIdentity,
      redact: options.redact,
      onAppended: (entry, remote) => {
        // Folded before anyone else hears of it: a caller that appended an approval reads it back at once.
        made.approvals?.observe(entry);
        options.onAppended(entry, remote);
      },
      onRemote: options.onRemote,
      onStatus: () => publish(),
      channels: [LOCKS_CHANNEL],
      onNotice: () => void made.locks?.refresh().catch(() => undefined),
      // After an outage: renew (or learn which leases lapsed meanwhile) and re-read the locks.
      onConnected: () => void made.locks?.heartbeat().catch(() => undefined),
      log: options.log,
      ...(options.openTimeoutMs !== undefined ? { openTimeoutMs: options.openTimeoutMs } : {}),
    });
    const locks = new WaveLocks({
      transaction: (work) => journal.transaction(work),
      migration: team.migration,
      cockpitId: journal.cockpitId,
      actor: options.actor,
      roles,
      leaseSeconds: team.leaseSeconds,
      journal: (input) => journal.append(input),
      onChange: () => publish(),
      onBeat: () => void journal.poll(),
      onLost: (lock, by) =>
        options.onLockLost?.(lock.waveId, `this cockpit lost the lock of ${lock.waveId}: its lease lapsed${by ? ` and ${by.holder} took the wave over` : ''}`),
      log: options.log,
    });
    made.locks = locks;
    made.approvals = new ApprovalService({
      ledger: new ApprovalLedger(existing.entries),
      actor: options.actor,
      isApprover: () => roles.includes('approver'),
      journal: (input) => journal.append(input),
      onChange: () => publish(),
    });
    made.session = new TeamSession(team, journal, locks, made.approvals, options.actor, options.onDriverGone, options.isDriving);
    if (!unusable) locks.start();
    return { session: made.session, existing };
  }

  /** Whether `team` (a plan being loaded) is the store and migration this session journals to. */
  joins(team: TeamEntry | undefined): boolean {
    return team !== undefined && team.store.url === this.team.store.url && team.migration === this.team.migration;
  }

  /** A reloaded plan on the same store: its people's roles apply from now on (the lease keeps its start value). */
  follow(team: TeamEntry): void {
    this.team = team;
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
      locks: this.locks.views().map(({ holderCockpit: _cockpit, request, ...lock }) => ({
        ...lock,
        request: request ? { by: request.by, at: request.at } : null,
      })),
      approvals: this.approvalViews(),
      present: this.locks.presence().map(({ cockpitId: _id, ...person }) => ({ ...person, roles: [...person.roles] })),
    };
  }

  /**
   * Before an acting command on `waveId` (null: a stack in no wave): this operator must be an operator of the team,
   * and hold the wave's lock, taking it when it is free, expired, or their own earlier cockpit's. `safety` (pause,
   * abort) goes on with a lock this cockpit believes it holds, without asking the store (which may be away).
   */
  async claim(waveId: string | null, purpose: LockPurpose, what: string, options: { safety?: boolean } = {}): Promise<ClaimUndo> {
    const { roles } = rolesOf(this.team, this.actor);
    if (!roles.includes('operator')) {
      throw new CommandError('failed', `${this.actor} is ${roles.join(' and ')} in this plan's team, not operator: ${what} is for operators`);
    }
    if (waveId === null) return undefined;
    if (options.safety && this.locks.lockOf(waveId)?.mine) return undefined;
    const result = await this.locks.acquire(waveId, purpose);
    if (result.outcome === 'took-over' || result.outcome === 'rejoined') await this.onDriverGone?.(waveId, result.previous?.holder);
    // A lock this command took (it was free): given back if the command is then refused, so a refusal never leaves
    // the wave held by whoever tried.
    if (result.outcome === 'taken') return () => this.locks.release(waveId, `gave the wave's lock back: ${what} was refused`).then(() => undefined);
    if (result.outcome !== 'held') return undefined;
    const lock = result.lock;
    if (lock.holder === this.actor) {
      throw new CommandError(
        'busy',
        `${waveId} is driven by your other cockpit (${lock.holder}, ${lock.purpose}, since ${clockOf(lock.since)}): drive it from there, or close that cockpit — closing frees the wave — and act here.`,
      );
    }
    const asked = lock.request ? ` ${lock.request.by} asked for control at ${clockOf(lock.request.at)}.` : '';
    throw new CommandError(
      'busy',
      `${waveId} is driven by ${lock.holder} (${lock.purpose}, since ${clockOf(lock.since)}): ask them for control, or wait for their lease to lapse (${this.team.leaseSeconds} s after their cockpit's last sign of life, renewed at ${clockOf(lock.renewedAt)}).${asked}`,
    );
  }

  /** The people watching this cockpit's war room: present to the whole team (see WaveLocks.setWatchers). */
  setWatchers(people: readonly string[]): void {
    this.locks.setWatchers(people);
  }

  /** Asks the approvers for the start of a wave's cutover (an operator's ask; the plan says how many). */
  async requestApproval(waveId: string, needed: number | undefined): Promise<TeamView> {
    const { roles } = rolesOf(this.team, this.actor);
    if (!roles.includes('operator'))
      throw new CommandError('failed', `${this.actor} is not an operator in this plan's team: only an operator asks to start a cutover`);
    if (needed === undefined) throw new CommandError('failed', `the cutover of ${waveId} needs no approval: the plan asks for none`);
    const refusal = this.startRefusal();
    if (refusal) throw new CommandError('failed', refusal);
    await this.approvals.requestStart(waveId, needed);
    return this.view();
  }

  async decide(requestId: string, decision: 'approve' | 'refuse', reason: string | undefined): Promise<TeamView> {
    const refusal = this.startRefusal();
    if (refusal) throw new CommandError('failed', refusal);
    await this.approvals.decide(requestId, decision, reason);
    return this.view();
  }

  /** Open requests first, then the ten newest decided ones. */
  private approvalViews(): Extract<TeamView, { mode: 'team' }>['approvals'] {
    const all = this.approvals.ledger.all();
    const open = all.filter((request) => request.status === 'pending');
    const decided = all.filter((request) => request.status !== 'pending').slice(0, 10);
    const approver = rolesOf(this.team, this.actor).roles.includes('approver');
    return [...open, ...decided].map(({ runId: _run, ...request }) => ({
      ...request,
      approvals: request.approvals.map((approval) => ({ ...approval })),
      refusal: request.refusal ? { ...request.refusal } : null,
      canDecide:
        request.status === 'pending' && approver && request.requestedBy !== this.actor && !request.approvals.some((approval) => approval.by === this.actor),
    }));
  }

  /** Why this cockpit may not start a runbook step of `waveId` now (it does not hold a good lease), or undefined. */
  mayProceed(waveId: string): string | undefined {
    if (this.locks.holds(waveId)) return undefined;
    const lock = this.locks.lockOf(waveId);
    if (lock && !lock.mine) return `${lock.holder} holds the lock of ${waveId} now`;
    const status = this.journal.storeStatus;
    return status.state === 'connected'
      ? `this cockpit does not hold the lock of ${waveId}`
      : `this cockpit's lease on ${waveId} could not be renewed: the team store is unreachable since ${clockOf(status.since)}`;
  }

  async requestControl(waveId: string): Promise<TeamView> {
    if (!rolesOf(this.team, this.actor).roles.includes('operator')) {
      throw new CommandError('failed', `${this.actor} is not an operator in this plan's team: only an operator drives a wave`);
    }
    await this.lockCommand(() => this.locks.request(waveId));
    return this.view();
  }

  async handOver(waveId: string): Promise<TeamView> {
    if (this.isDriving?.(waveId)) {
      throw new CommandError('failed', `this cockpit is running ${waveId}'s cutover: pause it first (the step in progress ends), then hand over`);
    }
    await this.lockCommand(() => this.locks.handOver(waveId));
    return this.view();
  }

  async release(waveId: string): Promise<TeamView> {
    if (this.isDriving?.(waveId)) {
      throw new CommandError('failed', `this cockpit is running ${waveId}'s cutover: pause it first (the step in progress ends), then release the wave`);
    }
    if (!(await this.lockCommand(() => this.locks.release(waveId)))) throw new CommandError('failed', `this cockpit does not hold ${waveId}`);
    return this.view();
  }

  private async lockCommand<T>(work: () => Promise<T>): Promise<T> {
    const refusal = this.startRefusal();
    if (refusal) throw new CommandError('failed', refusal);
    try {
      return await work();
    } catch (error) {
      if (error instanceof LockRefusal) throw new CommandError('failed', error.message);
      throw error;
    }
  }

  /** Why nothing new may start (the store is not connected: it could be neither journaled nor seen), or undefined. */
  startRefusal(): string | undefined {
    const status = this.journal.storeStatus;
    if (status.state === 'connected') return undefined;
    const since = clockOf(status.since);
    const why = status.reason ? `: ${status.reason}` : '';
    const state = status.state === 'connecting' ? `is being reached (since ${since})` : `is unreachable since ${since}${why}`;
    return `the team store ${state}. Nothing new starts until it is back, so the team sees everything done; what is running goes on, and its journal entries wait in this cockpit`;
  }

  async close(): Promise<void> {
    await this.locks.close();
    await this.journal.close();
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

/** Gives back a wave lock a command took, when the command is then refused. */
export type ClaimUndo = (() => Promise<void>) | undefined;
