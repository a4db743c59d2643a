// The journal every cockpit on a team plan shares, in the team store (PostgreSQL). Order is total: the store gives
// each entry the next seq of its migration inside the writing transaction. Each cockpit keeps a mirror of the
// entries in seq order (answering `read` at once, and while the store is away), fed by one path, `catchUp`, which
// fetches what follows the mirror's last seq: after its own writes, on every NOTIFY of another cockpit's, and after a
// reconnect. Every entry reaches `onAppended` exactly once, in seq order; another cockpit's also `onRemote`, so the
// core can fold it into what it derives (lifecycles, runbook runs). An append is first durable in the local outbox,
// then stored; while the store is away it waits (it is an outcome that must not be lost) and is stored on reconnect.
import { randomUUID } from 'node:crypto';
import type { ClientConfig } from 'pg';
import pg from 'pg';
import { JournalEntrySchema, type JournalAwsIdentity, type JournalEntry, type JournalEntryInput } from '../journal/entry';
import type { Journal, JournalReadResult } from '../journal/journal';
import { JournalMirror } from './journal-mirror';
import { migrate } from './migrations';
import { Outbox } from './outbox';
import { PendingEntrySchema, type PendingEntry } from './pending-entry';
import { isStoreUnreachable, storeErrorText } from './store-errors';

export const JOURNAL_CHANNEL = 'cockpit_journal';

/** How the store connection stands, as the core shows it. */
export interface StoreStatus {
  readonly state: 'connecting' | 'connected' | 'away' | 'closed';
  /** When it entered this state (ISO). */
  readonly since: string;
  /** Why it is away (the driver's words, never the password). */
  readonly reason?: string;
  /** Entries written here that the store does not have yet. */
  readonly pending: number;
  /** The newest seq this cockpit has. */
  readonly lastSeq: number;
}

export interface TeamJournalOptions {
  /** Where the store is; the password is in it, so it never leaves this module. */
  readonly connection: ClientConfig;
  /** The plan's team.migration: the rows of this migration, in a store that may hold several. */
  readonly migration: string;
  /** This cockpit's folder for the migration (outbox and mirror). */
  readonly dir: string;
  readonly actor: string;
  readonly awsIdentity?: () => JournalAwsIdentity | undefined;
  readonly redact?: (entry: PendingEntry) => PendingEntry;
  readonly onAppended?: (entry: JournalEntry) => void;
  /** An entry another cockpit wrote, after onAppended. */
  readonly onRemote?: (entry: JournalEntry) => void;
  readonly onStatus?: (status: StoreStatus) => void;
  readonly log?: (line: string) => void;
  /** Reconnect backoff: first and longest wait (ms). */
  readonly retryMs?: { readonly first: number; readonly max: number };
  /** More NOTIFY channels to follow on the journal's listening connection (wave locks, presence). */
  readonly channels?: readonly string[];
  /** A notification on one of `channels`. */
  readonly onNotice?: (channel: string, payload: string) => void;
  /** The store is connected again (after start or an outage): whatever follows it re-reads. */
  readonly onConnected?: () => void;
  /** Why the store cannot be used at all (a missing password): the journal stays on its mirror and says so. */
  readonly refuse?: string;
  /** How long open() tries the store before starting from the mirror alone. */
  readonly openTimeoutMs?: number;
}

export class TeamJournal implements Journal {
  /** This process's id in the store: rows it wrote are its own, not another cockpit's. */
  readonly cockpitId = randomUUID();
  private pool: pg.Pool;
  private listener: pg.Client | undefined;
  private status: StoreStatus;
  private tail: Promise<unknown> = Promise.resolve();
  private waitingForStore: (() => void)[] = [];
  private closed = false;
  /** Why this journal cannot write at all (it was opened with `refuse`). */
  private refused: string | undefined;
  private reconnecting: Promise<void> | undefined;
  private pendingCount = 0;
  private catchingUp: Promise<void> | undefined;
  private catchUpAgain = false;

  private constructor(
    private readonly options: TeamJournalOptions,
    private readonly mirror: JournalMirror,
    private readonly outbox: Outbox,
  ) {
    this.pool = this.newPool();
    this.status = { state: 'connecting', since: new Date().toISOString(), pending: 0, lastSeq: mirror.lastSeq };
  }

  /**
   * Opens the journal: the mirror from disk, then the store (schema migrated, the migration's row made, caught up,
   * the outbox stored, NOTIFY followed). A store that cannot be reached within openTimeoutMs leaves the journal on
   * its mirror, reconnecting in the background: `existing` is then what this cockpit last knew.
   */
  static async open(options: TeamJournalOptions): Promise<{ journal: TeamJournal; existing: JournalReadResult }> {
    const mirror = await JournalMirror.open(`${options.dir}/mirror`, options.migration);
    const outbox = await Outbox.open(`${options.dir}/outbox`);
    const journal = new TeamJournal(options, mirror, outbox);
    const { entries: waiting, damaged } = await outbox.pending();
    journal.pendingCount = waiting.length;
    for (const name of damaged) options.log?.(`team journal: outbox file ${name} could not be read and is left in place`);
    if (options.refuse) {
      journal.refused = options.refuse;
      journal.closed = true;
      journal.setStatus('away', options.refuse);
      return { journal, existing: { entries: mirror.entries(), damaged: mirror.damaged } };
    }
    const connected = journal.connect();
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), options.openTimeoutMs ?? 8_000).unref());
    if ((await Promise.race([connected.then(() => 'ok' as const), timeout])) === 'timeout') {
      options.log?.(`team journal: the store did not answer within ${(options.openTimeoutMs ?? 8_000) / 1000} s; starting from what this cockpit last knew`);
    }
    return { journal, existing: { entries: mirror.entries(), damaged: mirror.damaged } };
  }

  get storeStatus(): StoreStatus {
    return this.status;
  }

  append(input: JournalEntryInput): Promise<JournalEntry> {
    if (this.closed) return Promise.reject(new Error(this.refused ? `nothing can be journaled: ${this.refused}` : 'the team journal is closed'));
    const awsIdentity = this.options.awsIdentity?.();
    const pending = (this.options.redact ?? ((entry) => entry))(
      PendingEntrySchema.parse({
        ...input,
        entryId: randomUUID(),
        at: new Date().toISOString(),
        actor: this.options.actor,
        ...(awsIdentity ? { awsIdentity: { accountId: awsIdentity.accountId, arn: awsIdentity.arn } } : {}),
      }),
    );
    // Into the outbox first (durable), then stored in call order; a failed append never blocks the ones after it.
    const write = this.tail.then(async () => {
      await this.outbox.put(pending);
      this.setPending(this.pendingCount + 1);
      return this.store(pending);
    });
    this.tail = write.catch(() => undefined);
    return write;
  }

  /** What this cockpit has, at once: an append still waiting for the store does not hold a read up. */
  read(): Promise<JournalReadResult> {
    return Promise.resolve({ entries: this.mirror.entries(), damaged: this.mirror.damaged });
  }

  /**
   * Runs `work` in one transaction on a pooled connection (wave locks, presence). A store that is away throws; the
   * journal then says so and reconnects, like for its own writes.
   */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error(this.refused ? `the team store cannot be used: ${this.refused}` : 'the team journal is closed');
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      if (isStoreUnreachable(error)) this.lost(error);
      throw error;
    }
    let broken: unknown;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      broken = error;
      await client.query('ROLLBACK').catch(() => undefined);
      if (isStoreUnreachable(error)) this.lost(error);
      throw error;
    } finally {
      client.release(broken instanceof Error && isStoreUnreachable(broken) ? broken : undefined);
    }
  }

  /** Stops following the store. Entries not yet stored stay in the outbox for the next start. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const wake of this.waitingForStore.splice(0)) wake();
    await this.listener?.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
    await this.mirror.close();
    this.setStatus('closed');
  }

  /** Writes one entry, retrying across store outages; resolves with the entry as stored (its seq) once mirrored. */
  private async store(pending: PendingEntry): Promise<JournalEntry> {
    for (;;) {
      if (this.closed) throw new Error('the cockpit is closing; the entry is kept in the outbox and stored at the next start');
      try {
        const seq = await this.insert(pending);
        await this.outbox.remove(pending.entryId);
        this.setPending(Math.max(0, this.pendingCount - 1));
        await this.catchUp();
        const entry = this.mirror.at(seq);
        if (!entry) throw new Error(`the store has entry ${seq}, but it did not arrive in this cockpit's mirror`);
        return entry;
      } catch (error) {
        if (!isStoreUnreachable(error)) {
          await this.outbox.remove(pending.entryId).catch(() => undefined);
          this.setPending(Math.max(0, this.pendingCount - 1));
          throw error;
        }
        this.lost(error);
        await this.storeBack();
      }
    }
  }

  /** One transaction: the entry's existing seq (a retry after a lost acknowledgement), or the next one. */
  private async insert(pending: PendingEntry): Promise<number> {
    const client = await this.pool.connect();
    let broken: unknown;
    try {
      await client.query('BEGIN');
      const existing = await client.query<{ seq: string }>('SELECT seq FROM cockpit_journal WHERE entry_id = $1', [pending.entryId]);
      if (existing.rows[0]) {
        await client.query('COMMIT');
        return Number(existing.rows[0].seq);
      }
      const head = await client.query<{ last_seq: string }>('UPDATE cockpit_migrations SET last_seq = last_seq + 1 WHERE migration = $1 RETURNING last_seq', [
        this.options.migration,
      ]);
      const seq = Number(head.rows[0]!.last_seq);
      const { entryId, ...rest } = pending;
      const entry: JournalEntry = JournalEntrySchema.parse({ ...rest, seq });
      await client.query('INSERT INTO cockpit_journal (migration, seq, entry_id, cockpit_id, entry) VALUES ($1, $2, $3, $4, $5)', [
        this.options.migration,
        seq,
        entryId,
        this.cockpitId,
        JSON.stringify(entry),
      ]);
      await client.query('SELECT pg_notify($1, $2)', [JOURNAL_CHANNEL, JSON.stringify({ m: this.options.migration, s: seq })]);
      await client.query('COMMIT');
      return seq;
    } catch (error) {
      broken = error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  /**
   * Fetches every entry after the mirror's last and mirrors it, in seq order. Calls overlapping a running fetch run
   * it once more after it, so an entry committed meanwhile is never left behind.
   */
  private catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return this.catchingUp;
    }
    const run = async () => {
      do {
        this.catchUpAgain = false;
        const { rows } = await this.pool.query<{ entry: unknown; cockpit_id: string }>(
          'SELECT entry, cockpit_id FROM cockpit_journal WHERE migration = $1 AND seq > $2 ORDER BY seq',
          [this.options.migration, this.mirror.lastSeq],
        );
        for (const row of rows) {
          const parsed = JournalEntrySchema.safeParse(row.entry);
          if (!parsed.success) throw new Error(`the team store holds an entry this cockpit cannot read: ${parsed.error.issues[0]?.message}`);
          const entry = parsed.data;
          if (entry.seq !== this.mirror.lastSeq + 1) break; // a seq not yet visible: the next round fetches from here
          await this.mirror.add(entry);
          this.options.onAppended?.(entry);
          if (row.cockpit_id !== this.cockpitId) this.options.onRemote?.(entry);
        }
        this.setStatus(this.status.state);
      } while (this.catchUpAgain && !this.closed);
    };
    this.catchingUp = run().finally(() => {
      this.catchingUp = undefined;
    });
    return this.catchingUp;
  }

  /** Connects (migrate, the migration's row, catch up, the outbox, LISTEN); on failure reconnects in the background. */
  private connect(): Promise<void> {
    return (this.reconnecting ??= this.reconnectLoop().finally(() => {
      this.reconnecting = undefined;
    }));
  }

  private async reconnectLoop(): Promise<void> {
    const { first, max } = this.options.retryMs ?? { first: 250, max: 5_000 };
    let wait = first;
    while (!this.closed) {
      try {
        await this.attach();
        this.setStatus('connected');
        for (const wake of this.waitingForStore.splice(0)) wake();
        this.options.onConnected?.();
        return;
      } catch (error) {
        this.lost(error);
        await new Promise((resolve) => setTimeout(resolve, wait));
        wait = Math.min(max, wait * 2);
      }
    }
  }

  private async attach(): Promise<void> {
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
    const client = await this.pool.connect();
    try {
      await migrate(client);
      await client.query('INSERT INTO cockpit_migrations (migration, store_id) VALUES ($1, $2) ON CONFLICT (migration) DO NOTHING', [
        this.options.migration,
        randomUUID(),
      ]);
      const { rows } = await client.query<{ store_id: string }>('SELECT store_id FROM cockpit_migrations WHERE migration = $1', [this.options.migration]);
      const storeId = rows[0]!.store_id;
      if (!this.mirror.isOf(storeId)) {
        if (this.mirror.lastSeq > 0) {
          this.options.log?.(
            `team journal: the store's migration '${this.options.migration}' is not the one this cockpit mirrored (it was made anew); reading it from the start`,
          );
        }
        await this.mirror.reset(storeId);
      }
      client.release();
    } catch (error) {
      client.release(error instanceof Error ? error : undefined);
      throw error;
    }
    await this.catchUp();
    // Entries a previous run (or this one, while the store was away) could not store, in the order they were written.
    const { entries: waiting } = await this.outbox.pending();
    for (const pending of waiting) {
      await this.insert(pending);
      await this.outbox.remove(pending.entryId);
    }
    this.setPending(0);
    await this.catchUp();
    const listener = new pg.Client(this.options.connection);
    listener.on('error', (error) => this.listenerFailed(listener, error));
    listener.on('end', () => this.listenerFailed(listener, new Error('the store closed the connection')));
    listener.on('notification', (message) => {
      if (message.channel !== JOURNAL_CHANNEL) {
        if (message.payload !== undefined && this.options.channels?.includes(message.channel)) this.options.onNotice?.(message.channel, message.payload);
        return;
      }
      if (!message.payload) return;
      try {
        const { m, s } = JSON.parse(message.payload) as { m: string; s: number };
        if (m === this.options.migration && s > this.mirror.lastSeq) void this.catchUp().catch((error: unknown) => this.lost(error));
      } catch {
        // Not ours: another tool on the channel.
      }
    });
    await listener.connect();
    for (const channel of [JOURNAL_CHANNEL, ...(this.options.channels ?? [])]) await listener.query(`LISTEN ${channel}`);
    this.listener = listener;
    // Anything committed between the catch-up and LISTEN taking effect.
    await this.catchUp();
  }

  private listenerFailed(listener: pg.Client, error: Error): void {
    if (this.closed || listener !== this.listener) return;
    this.listener = undefined;
    this.lost(error);
    void this.connect();
  }

  /** The store is unreachable: say so, and reconnect (once: the loop is shared). */
  private lost(error: unknown): void {
    if (this.closed) return;
    const reason = storeErrorText(error);
    if (this.status.state !== 'away' || this.status.reason !== reason) this.setStatus('away', reason);
    if (!this.reconnecting) {
      // A pool whose connections broke hands them out again; a new pool starts clean.
      const old = this.pool;
      this.pool = this.newPool();
      void old.end().catch(() => undefined);
      void this.connect();
    }
  }

  /** Resolves when the store is back (or the journal closes). */
  private storeBack(): Promise<void> {
    if (this.status.state === 'connected' && !this.reconnecting) return Promise.resolve();
    return new Promise((resolve) => this.waitingForStore.push(resolve));
  }

  private newPool(): pg.Pool {
    const pool = new pg.Pool({ ...this.options.connection, max: 4, idleTimeoutMillis: 10_000, connectionTimeoutMillis: 5_000 });
    // An idle connection the server dropped: the next query finds out; nothing to do here but not crash.
    pool.on('error', (error) => this.options.log?.(`team journal: an idle store connection failed: ${storeErrorText(error)}`));
    return pool;
  }

  private setPending(count: number): void {
    this.pendingCount = count;
    this.setStatus(this.status.state, this.status.reason);
  }

  private setStatus(state: StoreStatus['state'], reason?: string): void {
    const changed = state !== this.status.state;
    this.status = {
      state,
      since: changed ? new Date().toISOString() : this.status.since,
      ...(state === 'away' && reason ? { reason } : {}),
      pending: this.pendingCount,
      lastSeq: this.mirror.lastSeq,
    };
    this.options.onStatus?.(this.status);
  }
}
