// Wave locks: one operator drives a wave's deploy, cutover or rollback at a time. A lock is a row per wave in the
// team store, taken in one transaction (the row locked FOR UPDATE, so of two cockpits asking at the same moment
// exactly one gets it), renewed by its holder's heartbeat and expiring `leaseSeconds` after the last one, on the
// store's clock (cockpits with skewed clocks agree). An expired lock is taken over by whoever asks next, and that is
// journaled with whose it was and since when it was silent: a lock never disappears silently. Others ask for control;
// the holder hands over (journaled) or releases. The same operator's crashed cockpit's wave is taken back at once by
// their restarted one (not by a second live one). Presence lists the cockpits and the people on their war rooms.
// One file over 400 lines on purpose: taking, renewing, handing over and presence are one heartbeat's transaction
// and one generation counter that keeps an older read from undoing a newer change.
import type pg from 'pg';
import type { LockPurpose } from '../../common/team';
import type { JournalEntryInput } from '../journal/entry';
import { createHash, randomUUID } from 'node:crypto';

export const LOCKS_CHANNEL = 'cockpit_locks';

export type { LockPurpose };

export interface WaveLockView {
  readonly waveId: string;
  /** user@host of the holder. */
  readonly holder: string;
  readonly holderCockpit: string;
  readonly purpose: LockPurpose;
  /** When the holder took it (ISO, the store's clock). */
  readonly since: string;
  readonly renewedAt: string;
  readonly expiresAt: string;
  /** Past its lease at the last read: the next to ask takes it over. */
  readonly expired: boolean;
  /** Held by this cockpit. */
  readonly mine: boolean;
  /** Someone asked the holder for control, and when. */
  readonly request: { readonly by: string; readonly cockpit: string; readonly at: string } | null;
}

export type AcquireResult =
  /** taken: it was free; kept: this cockpit held it; rejoined: this operator's earlier cockpit held it; took-over: it had expired. */
  | { readonly outcome: 'taken' | 'kept' | 'rejoined' | 'took-over'; readonly lock: WaveLockView; readonly previous?: WaveLockView }
  | { readonly outcome: 'held'; readonly lock: WaveLockView };

export interface PresenceView {
  readonly actor: string;
  readonly roles: readonly string[];
  readonly cockpitId: string;
  /** A cockpit, or a person watching a cockpit's war room (`via`: the operator whose cockpit serves it). */
  readonly kind: 'cockpit' | 'war-room';
  readonly via: string | null;
  readonly since: string;
  readonly lastSeen: string;
  readonly me: boolean;
}

type Transaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>;

export interface WaveLocksOptions {
  readonly transaction: Transaction;
  readonly migration: string;
  readonly cockpitId: string;
  readonly actor: string;
  readonly roles: readonly string[];
  readonly leaseSeconds: number;
  /** Journals a lock's change (taken, taken over, handed over, released, asked for). */
  readonly journal: (input: JournalEntryInput) => Promise<unknown>;
  /** The locks or who is present changed (a read after a NOTIFY, a heartbeat, this cockpit's own change). */
  readonly onChange?: () => void;
  /** This cockpit held `lock` and another holds it now: taken over after its lease lapsed here. */
  readonly onLost?: (lock: WaveLockView, by: WaveLockView) => void;
  readonly log?: (line: string) => void;
  /** Called at each heartbeat (the journal reads what others wrote, beside NOTIFY). */
  readonly onBeat?: () => void;
  /** Local clock (ms), for how long a renewed lease is good here. */
  readonly now?: () => number;
}

interface LockRow {
  wave_id: string;
  holder_actor: string;
  holder_cockpit: string;
  purpose: LockPurpose;
  taken_at: Date;
  renewed_at: Date;
  expires_at: Date;
  requested_by: string | null;
  requested_cockpit: string | null;
  requested_at: Date | null;
  expired: boolean;
  db_now: Date;
}

const LOCK_COLUMNS = `wave_id, holder_actor, holder_cockpit, purpose, taken_at, renewed_at, expires_at, requested_by, requested_cockpit,
  requested_at, expires_at < now() AS expired, now() AS db_now`;

export class WaveLocks {
  private locks = new Map<string, WaveLockView>();
  private watchers: readonly string[] = [];
  private beating: Promise<void> = Promise.resolve();
  private present: PresenceView[] = [];
  /** Per wave this cockpit holds: until when (local ms) its lease is good, from the store's answer at renewal. */
  private readonly goodUntil = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Bumped by each change this cockpit makes: a read that started before one is older than what it knows. */
  private generation = 0;

  constructor(private readonly options: WaveLocksOptions) {}

  /** Monotonic: a wall clock stepped back must not stretch a lease. */
  private get now(): number {
    return (this.options.now ?? (() => performance.now()))();
  }

  /**
   * What this cockpit trusts of a lease: the store's remaining time less a margin for the transaction's own time
   * (the store's now() is its start) and the event loop's delays.
   */
  private get margin(): number {
    return Math.max(1_000, this.options.leaseSeconds * 100);
  }

  /** Heartbeats every third of the lease (renewing this cockpit's locks and presence). */
  start(): void {
    const every = Math.max(1_000, (this.options.leaseSeconds * 1_000) / 3);
    this.timer = setInterval(() => {
      this.options.onBeat?.();
      void this.heartbeat().catch(() => undefined);
    }, every);
    this.timer.unref();
    void this.heartbeat().catch(() => undefined);
  }

  views(): WaveLockView[] {
    return [...this.locks.values()].sort((a, b) => a.waveId.localeCompare(b.waveId));
  }

  presence(): PresenceView[] {
    return this.present;
  }

  lockOf(waveId: string): WaveLockView | undefined {
    return this.locks.get(waveId);
  }

  /** Whether this cockpit holds `waveId` with a lease still good on its own clock (it may act on the wave). */
  holds(waveId: string): boolean {
    return (this.goodUntil.get(waveId) ?? 0) > this.now;
  }

  /** Takes the wave's lock for `purpose` (see AcquireResult); journals a take, a take-over and a rejoin. */
  async acquire(waveId: string, purpose: LockPurpose): Promise<AcquireResult> {
    const { migration, cockpitId, actor, leaseSeconds } = this.options;
    type Decided = { outcome: AcquireResult['outcome']; row: LockRow; previous?: WaveLockView };
    const decided = await this.options.transaction(async (client): Promise<Decided> => {
      const select = () =>
        client.query<LockRow>(`SELECT ${LOCK_COLUMNS} FROM cockpit_wave_locks WHERE migration = $1 AND wave_id = $2 FOR UPDATE`, [migration, waveId]);
      let current = (await select()).rows[0];
      if (!current) {
        const inserted = await client.query<LockRow>(
          `INSERT INTO cockpit_wave_locks (migration, wave_id, holder_actor, holder_cockpit, purpose, taken_at, renewed_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, now(), now(), now() + make_interval(secs => $6))
           ON CONFLICT (migration, wave_id) DO NOTHING RETURNING ${LOCK_COLUMNS}`,
          [migration, waveId, actor, cockpitId, purpose, leaseSeconds],
        );
        if (inserted.rows[0]) {
          await notify(client, migration, waveId);
          return { outcome: 'taken', row: inserted.rows[0] };
        }
        // Another cockpit inserted it first (the insert waited for its commit): it holds the wave.
        current = (await select()).rows[0]!;
      }
      const before = this.viewOf(current);
      let outcome: 'kept' | 'rejoined' | 'took-over';
      if (current.holder_cockpit === cockpitId) outcome = 'kept';
      else if (current.expired) outcome = 'took-over';
      // The same operator's cockpit before a crash: taken back at once. Their other cockpit, still alive (seen
      // within a lease), keeps it: two windows of one person must not both drive a wave.
      else if (current.holder_actor === actor && !(await this.seenWithinLease(client, current.holder_cockpit))) outcome = 'rejoined';
      else return { outcome: 'held', row: current };
      const updated = await client.query<LockRow>(
        `UPDATE cockpit_wave_locks SET holder_actor = $3, holder_cockpit = $4,
           purpose = CASE WHEN $6 THEN purpose ELSE $5 END,
           taken_at = CASE WHEN $6 THEN taken_at ELSE now() END,
           renewed_at = now(), expires_at = now() + make_interval(secs => $7),
           requested_by = CASE WHEN $6 THEN requested_by END, requested_cockpit = CASE WHEN $6 THEN requested_cockpit END,
           requested_at = CASE WHEN $6 THEN requested_at END
         WHERE migration = $1 AND wave_id = $2 RETURNING ${LOCK_COLUMNS}`,
        [migration, waveId, actor, cockpitId, purpose, outcome === 'kept', leaseSeconds],
      );
      await notify(client, migration, waveId);
      return { outcome, row: updated.rows[0]!, ...(outcome === 'kept' ? {} : { previous: before }) };
    });
    // Remembered once committed: a failed commit leaves this cockpit believing nothing it did not get.
    this.generation += 1;
    const lock = this.remember(decided.row);
    const result: AcquireResult =
      decided.outcome === 'held' ? { outcome: 'held', lock } : { outcome: decided.outcome, lock, ...(decided.previous ? { previous: decided.previous } : {}) };
    if (result.outcome === 'taken' || result.outcome === 'rejoined' || result.outcome === 'took-over') await this.journalTake(result);
    this.options.onChange?.();
    return result;
  }

  /** Whether a cockpit's heartbeat reached the store within a lease (it is running). */
  private async seenWithinLease(client: pg.PoolClient, cockpit: string): Promise<boolean> {
    const { rows } = await client.query(
      'SELECT 1 FROM cockpit_presence WHERE migration = $1 AND cockpit_id = $2 AND last_seen > now() - make_interval(secs => $3)',
      [this.options.migration, cockpit, this.options.leaseSeconds],
    );
    return rows.length > 0;
  }

  /** Gives the wave up (this cockpit's lock only); journaled. Answers whether it held it. */
  async release(waveId: string, what = "released the wave's lock"): Promise<boolean> {
    const { migration, cockpitId } = this.options;
    const released = await this.options.transaction(async (client) => {
      const deleted = await client.query<LockRow>(
        `DELETE FROM cockpit_wave_locks WHERE migration = $1 AND wave_id = $2 AND holder_cockpit = $3 RETURNING ${LOCK_COLUMNS}`,
        [migration, waveId, cockpitId],
      );
      if (deleted.rows[0]) await notify(client, migration, waveId);
      return deleted.rows[0];
    });
    this.generation += 1;
    this.goodUntil.delete(waveId);
    this.locks.delete(waveId);
    this.options.onChange?.();
    if (!released) return false;
    await this.lockEntry(waveId, 'released', `${this.options.actor} ${what}`, { holder: this.options.actor });
    return true;
  }

  /** Asks the holder for control of the wave (they hand over or release); journaled. */
  async request(waveId: string): Promise<WaveLockView> {
    const { migration, cockpitId, actor } = this.options;
    const lock = await this.options.transaction(async (client) => {
      const updated = await client.query<LockRow>(
        `UPDATE cockpit_wave_locks SET requested_by = $3, requested_cockpit = $4, requested_at = now()
         WHERE migration = $1 AND wave_id = $2 AND holder_cockpit <> $4 RETURNING ${LOCK_COLUMNS}`,
        [migration, waveId, actor, cockpitId],
      );
      if (updated.rows[0]) await notify(client, migration, waveId);
      return updated.rows[0];
    });
    if (!lock) throw new LockRefusal(`no one else holds ${waveId}: take it by acting on the wave`);
    this.generation += 1;
    const view = this.remember(lock);
    this.options.onChange?.();
    await this.lockEntry(waveId, 'requested', `${actor} asked ${view.holder} for control of the wave`, { holder: view.holder, requestedBy: actor });
    return view;
  }

  /** The holder gives the wave to whoever asked for it; journaled with both names. */
  async handOver(waveId: string): Promise<WaveLockView> {
    const { migration, cockpitId, actor, leaseSeconds } = this.options;
    const lock = await this.options.transaction(async (client) => {
      const updated = await client.query<LockRow>(
        `UPDATE cockpit_wave_locks SET holder_actor = requested_by, holder_cockpit = requested_cockpit, taken_at = now(), renewed_at = now(),
           expires_at = now() + make_interval(secs => $4), requested_by = NULL, requested_cockpit = NULL, requested_at = NULL
         WHERE migration = $1 AND wave_id = $2 AND holder_cockpit = $3 AND requested_cockpit IS NOT NULL RETURNING ${LOCK_COLUMNS}`,
        [migration, waveId, cockpitId, leaseSeconds],
      );
      if (updated.rows[0]) await notify(client, migration, waveId);
      return updated.rows[0];
    });
    if (!lock) throw new LockRefusal(`there is nothing to hand over: this cockpit does not hold ${waveId}, or no one asked for it`);
    this.generation += 1;
    this.goodUntil.delete(waveId);
    const view = this.remember(lock);
    this.options.onChange?.();
    await this.lockEntry(waveId, 'handed-over', `${actor} handed the wave over to ${view.holder}`, { from: actor, to: view.holder });
    return view;
  }

  /**
   * Renews this cockpit's leases and presence, then re-reads every lock and who is present. A lock this cockpit
   * held that is now another's (its lease expired here, e.g. the store was away that long) is reported lost.
   */
  heartbeat(): Promise<void> {
    // One at a time: an older heartbeat committing after a newer one would bring back a watcher who just left.
    const next = this.beating.then(() => this.beat());
    this.beating = next.catch(() => undefined);
    return next;
  }

  private async beat(): Promise<void> {
    if (this.closed) return;
    const { migration, cockpitId, actor, roles, leaseSeconds } = this.options;
    const generation = this.generation;
    const watchers = this.watchers.map((person) => ({ person, id: watcherId(cockpitId, person) }));
    const { rows, presence } = await this.options.transaction(async (client) => {
      await client.query(
        `INSERT INTO cockpit_presence (migration, cockpit_id, actor, roles) VALUES ($1, $2, $3, $4)
         ON CONFLICT (migration, cockpit_id) DO UPDATE SET last_seen = now(), roles = EXCLUDED.roles`,
        [migration, cockpitId, actor, roles],
      );
      // The people on this cockpit's war room: present while it serves them, gone the heartbeat after they leave.
      for (const watcher of watchers) {
        await client.query(
          `INSERT INTO cockpit_presence (migration, cockpit_id, actor, roles, kind, via, host_cockpit) VALUES ($1, $2, $3, '{viewer}', 'war-room', $4, $5)
           ON CONFLICT (migration, cockpit_id) DO UPDATE SET last_seen = now()`,
          [migration, watcher.id, watcher.person, actor, cockpitId],
        );
      }
      await client.query('DELETE FROM cockpit_presence WHERE migration = $1 AND host_cockpit = $2 AND NOT (cockpit_id = ANY($3::uuid[]))', [
        migration,
        cockpitId,
        watchers.map((watcher) => watcher.id),
      ]);
      await client.query(
        `UPDATE cockpit_wave_locks SET renewed_at = now(), expires_at = now() + make_interval(secs => $3) WHERE migration = $1 AND holder_cockpit = $2`,
        [migration, cockpitId, leaseSeconds],
      );
      // Rows of cockpits silent for more than two leases are gone for good; the ones between are shown as silent.
      await client.query(`DELETE FROM cockpit_presence WHERE migration = $1 AND last_seen < now() - make_interval(secs => $2)`, [migration, leaseSeconds * 2]);
      return {
        rows: (await client.query<LockRow>(`SELECT ${LOCK_COLUMNS} FROM cockpit_wave_locks WHERE migration = $1`, [migration])).rows,
        presence: (
          await client.query<{ actor: string; roles: string[]; cockpit_id: string; kind: string; via: string | null; started_at: Date; last_seen: Date }>(
            `SELECT actor, roles, cockpit_id, kind, via, started_at, last_seen FROM cockpit_presence
             WHERE migration = $1 AND last_seen > now() - make_interval(secs => $2) ORDER BY kind, actor, started_at`,
            [migration, leaseSeconds],
          )
        ).rows,
      };
    });
    if (generation === this.generation) this.replace(rows);
    this.present = presence.map((row) => ({
      actor: row.actor,
      roles: row.roles,
      cockpitId: row.cockpit_id,
      kind: row.kind === 'war-room' ? 'war-room' : 'cockpit',
      via: row.via,
      since: row.started_at.toISOString(),
      lastSeen: row.last_seen.toISOString(),
      me: row.cockpit_id === cockpitId,
    }));
    this.options.onChange?.();
  }

  /** The people watching this cockpit's war room now (one entry per person): present from the next heartbeat, sent now. */
  setWatchers(people: readonly string[]): void {
    const next = [...new Set(people)].sort();
    if (next.join('\n') === this.watchers.join('\n')) return;
    this.watchers = next;
    this.heartbeat().catch((error: unknown) => this.options.log?.(`team: telling who watches the war room failed: ${(error as Error).message}`));
  }

  /** Re-reads every lock (after a NOTIFY or a reconnect). */
  async refresh(): Promise<void> {
    const generation = this.generation;
    const rows = await this.options.transaction(
      async (client) => (await client.query<LockRow>(`SELECT ${LOCK_COLUMNS} FROM cockpit_wave_locks WHERE migration = $1`, [this.options.migration])).rows,
    );
    // A read older than a change this cockpit made meanwhile is dropped: the change's NOTIFY brings a newer one.
    if (generation !== this.generation) return;
    this.replace(rows);
    this.options.onChange?.();
  }

  /** Stops the heartbeat and releases this cockpit's locks (a clean close: the team sees the waves free at once). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    for (const lock of this.views().filter((candidate) => candidate.mine)) {
      await this.release(lock.waveId, "released the wave's lock (its cockpit closed)").catch((error: unknown) =>
        this.options.log?.(`team: could not release ${lock.waveId} on close (its lease expires on its own): ${(error as Error).message}`),
      );
    }
    await this.options
      .transaction((client) =>
        client.query('DELETE FROM cockpit_presence WHERE migration = $1 AND (cockpit_id = $2 OR host_cockpit = $2)', [
          this.options.migration,
          this.options.cockpitId,
        ]),
      )
      .catch(() => undefined);
  }

  private replace(rows: LockRow[]): void {
    const previous = this.locks;
    this.locks = new Map();
    for (const row of rows) this.remember(row);
    for (const [waveId, before] of previous) {
      if (!before.mine) continue;
      const now = this.locks.get(waveId);
      if (now?.mine) continue;
      this.goodUntil.delete(waveId);
      // Gone without another holder is this cockpit's own release; another holder took it after the lease lapsed here.
      if (now) this.options.onLost?.(before, now);
    }
  }

  private remember(row: LockRow): WaveLockView {
    const view = this.viewOf(row);
    this.locks.set(view.waveId, view);
    if (view.mine) this.goodUntil.set(view.waveId, this.now + (row.expires_at.getTime() - row.db_now.getTime()) - this.margin);
    else this.goodUntil.delete(view.waveId);
    return view;
  }

  private viewOf(row: LockRow): WaveLockView {
    return {
      waveId: row.wave_id,
      holder: row.holder_actor,
      holderCockpit: row.holder_cockpit,
      purpose: row.purpose,
      since: row.taken_at.toISOString(),
      renewedAt: row.renewed_at.toISOString(),
      expiresAt: row.expires_at.toISOString(),
      expired: row.expired,
      mine: row.holder_cockpit === this.options.cockpitId,
      request:
        row.requested_by && row.requested_cockpit && row.requested_at
          ? { by: row.requested_by, cockpit: row.requested_cockpit, at: row.requested_at.toISOString() }
          : null,
    };
  }

  private async journalTake(result: Extract<AcquireResult, { previous?: WaveLockView }>): Promise<void> {
    const { lock, previous } = result;
    const what = `to ${PURPOSE_WORDS[lock.purpose]}`;
    const message =
      result.outcome === 'took-over' && previous
        ? `${lock.holder} took the wave over ${what}: ${previous.holder}'s lock expired at ${previous.expiresAt} (no sign of life from its cockpit since ${previous.renewedAt})`
        : result.outcome === 'rejoined'
          ? `${lock.holder} took the wave back ${what} (a cockpit of theirs held it since ${previous?.since ?? lock.since}; this one restarted or replaced it)`
          : `${lock.holder} took the wave's lock ${what}`;
    await this.lockEntry(lock.waveId, result.outcome === 'took-over' ? 'taken-over' : result.outcome, message, {
      holder: lock.holder,
      purpose: lock.purpose,
      ...(previous ? { previousHolder: previous.holder, previousExpiresAt: previous.expiresAt, previousRenewedAt: previous.renewedAt } : {}),
    });
  }

  private lockEntry(waveId: string, action: string, message: string, details: Record<string, unknown>): Promise<unknown> {
    return this.options.journal({
      operationId: randomUUID(),
      kind: 'team-lock',
      target: { type: 'wave', waveId },
      phase: 'succeeded',
      message,
      details: { action, ...details },
    });
  }
}

/** A lock command that cannot be done (nothing to hand over, no one else holds it). */
export class LockRefusal extends Error {}

const PURPOSE_WORDS: Record<LockPurpose, string> = {
  deploy: 'deploy it',
  cutover: 'drive its cutover',
  rollback: 'roll it back',
  operate: 'operate its stacks',
};

/** A watcher's presence row id: the same for a person on the same cockpit's war room (a uuid's shape, from a hash). */
function watcherId(cockpitId: string, person: string): string {
  const hex = createHash('sha256').update(`${cockpitId}\0war-room\0${person}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function notify(client: pg.PoolClient, migration: string, waveId: string): Promise<unknown> {
  return client.query('SELECT pg_notify($1, $2)', [LOCKS_CHANNEL, JSON.stringify({ m: migration, w: waveId })]);
}
