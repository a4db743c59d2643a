// The journal every cockpit on a team plan shares, in the team store (PostgreSQL). Order is total: the store gives
// each entry the next seq of its migration inside the writing transaction. Each cockpit keeps a mirror of the
// entries in seq order (answering `read` at once, and while the store is away), fed by one path, `catchUp`, which
// fetches what follows the mirror's last seq: after its own writes, on every NOTIFY of another cockpit's, and after a
// reconnect. Every entry reaches `onAppended` exactly once, in seq order; another cockpit's also `onRemote`, so the
// core can fold it into what it derives (lifecycles, runbook runs). An append is first durable in the local outbox,
// then stored; while the store is away it waits (it is an outcome that must not be lost) and is stored on reconnect.
// One file over 400 lines on purpose: the append path, the mirror's one feed (catchUp) and the reconnect share the
// connection state and its ordering; the outbox, the mirror and the error classes are modules of their own.
import { randomUUID } from 'node:crypto';
import type { ClientConfig } from 'pg';
import pg from 'pg';
import { JournalEntrySchema, type JournalAwsIdentity, type JournalEntry, type JournalEntryInput } from '../journal/entry';
import type { Journal, JournalReadResult } from '../journal/journal';
import { JournalMirror } from './journal-mirror';
import { migrate } from './migrations';
import { Outbox } from './outbox';
import { PendingEntrySchema, type PendingEntry } from './pending-entry';
import { isPermanentForEntry, isStoreUnreachable, storeErrorText } from './store-errors';

/** A checked-out connection's own 'error' (the query in flight rejects too, and is handled there). */
const ignoreClientError = () => undefined;

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
  /** Every entry, in seq order; `remote`: another cockpit wrote it (onRemote follows). */
  readonly onAppended?: (entry: JournalEntry, remote: boolean) => void;
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

/** The store lacks entries this cockpit has (see checkNotBehind): it is not written to. */
export class StoreBehind extends Error {}

export class TeamJournal implements Journal {
  /** This process's id in the store: rows it wrote are its own, not another cockpit's. */
  readonly cockpitId = randomUUID();
  private pool: pg.Pool;
  private listener: pg.Client | undefined;
  private status: StoreStatus;
  private tail: Promise<unknown> = Promise.resolve();
  /** Outbox writes, in call order, ahead of the store writes: every append is durable here at once. */
  private outboxTail: Promise<unknown> = Promise.resolve();
  /** The core is closing: an append the store cannot take now stays in the outbox, and the caller is told at once. */
  private closing = false;
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
    // Into the outbox at once (durable even while earlier appends wait for the store), then stored in call order;
    // a failed append never blocks the ones after it.
    const durable = this.outboxTail.then(async () => {
      await this.outbox.put(pending);
      this.setPending(this.pendingCount + 1);
    });
    this.outboxTail = durable.catch(() => undefined);
    const write = this.tail.then(async () => {
      await durable;
      return this.store(pending);
    });
    this.tail = write.catch(() => undefined);
    return write;
  }

  /** What this cockpit has, at once: an append still waiting for the store does not hold a read up. */
  read(): Promise<JournalReadResult> {
    return Promise.resolve({ entries: this.mirror.entries(), damaged: this.mirror.damaged });
  }

  /** Reads what others wrote since the last read (a safety net beside NOTIFY, called at each heartbeat). */
  async poll(): Promise<void> {
    if (this.closed || this.status.state !== 'connected') return;
    await this.catchUp().catch((error: unknown) => {
      if (isStoreUnreachable(error)) this.lost(error);
    });
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
    client.on('error', ignoreClientError);
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
      client.off('error', ignoreClientError);
      client.release(broken instanceof Error && isStoreUnreachable(broken) ? broken : undefined);
    }
  }

  /**
   * The core begins to close: from now on an append the store cannot take at once is left in the outbox (stored at
   * the next start) and its caller is told, so shutting down never waits for a store that is away.
   */
  beginClose(): void {
    this.closing = true;
    for (const wake of this.waitingForStore.splice(0)) wake();
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
    const kept = () => new Error('the cockpit is closing; the entry is kept in its outbox and stored at its next start');
    for (;;) {
      if (this.closed) throw kept();
      // While (re)connecting, the outbox of an earlier run is stored first: this entry comes after it.
      if (this.reconnecting || this.status.state !== 'connected') {
        if (this.closing) throw kept();
        await this.storeBack();
        continue;
      }
      let seq: number;
      try {
        seq = await this.insert(pending);
      } catch (error) {
        if (isPermanentForEntry(error)) {
          await this.outbox.remove(pending.entryId).catch(() => undefined);
          this.setPending(Math.max(0, this.pendingCount - 1));
          throw error;
        }
        // Anything else (the store away, read-only after a fail-over, a password rotated, a full disk, a timeout)
        // keeps the entry and tries again once the store answers.
        this.lost(error);
        if (this.closing) throw kept();
        await this.storeBack();
        continue;
      }
      // Stored: whatever happens below, the entry is the team's now.
      await this.outbox.remove(pending.entryId).catch(() => undefined);
      this.setPending(Math.max(0, this.pendingCount - 1));
      await this.catchUp().catch((error: unknown) => this.options.log?.(`team journal: reading back entry ${seq} failed: ${storeErrorText(error)}`));
      const mirrored = this.mirror.at(seq);
      if (mirrored && (mirrored.operationId !== pending.operationId || mirrored.at !== pending.at)) {
        this.options.log?.(`team journal: entry ${seq} in this cockpit's mirror is not the one the store has (was the store restored from a backup?)`);
      }
      const { entryId: _id, ...rest } = pending;
      return mirrored ?? JournalEntrySchema.parse({ ...rest, seq });
    }
  }

  /** One transaction: the entry's existing seq (a retry after a lost acknowledgement), or the next one. */
  private async insert(pending: PendingEntry): Promise<number> {
    const client = await this.pool.connect();
    // A checked-out client has no listener of the pool's: a connection that drops mid-query must not crash the process.
    client.on('error', ignoreClientError);
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
      // Another attempt of this very entry (an outbox flush beside this write) stored it first: that is its seq.
      if ((error as { code?: string }).code === '23505' && (error as { constraint?: string }).constraint === 'cockpit_journal_entry_id_key') {
        const again = await this.pool.query<{ seq: string }>('SELECT seq FROM cockpit_journal WHERE entry_id = $1', [pending.entryId]);
        if (again.rows[0]) return Number(again.rows[0].seq);
      }
      throw error;
    } finally {
      client.off('error', ignoreClientError);
      client.release(broken instanceof Error && !isPermanentForEntry(broken) ? broken : undefined);
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
          this.options.onAppended?.(entry, row.cockpit_id !== this.cockpitId);
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

  /**
   * A store with the same identity that lacks entries this cockpit has (restored from a backup, or a copy) must not be
   * written to: new entries would take seqs the team already gave other entries. It is treated as away, saying why,
   * until it holds them again (checked at every reconnect); this cockpit keeps its copy (the mirror) and its outbox.
   */
  private async checkNotBehind(client: pg.PoolClient): Promise<void> {
    const last = this.mirror.lastSeq;
    if (last === 0) return;
    const { rows } = await client.query<{ last_seq: string; at: string | null; operation_id: string | null }>(
      `SELECT m.last_seq, j.entry->>'at' AS at, j.entry->>'operationId' AS operation_id
         FROM cockpit_migrations m LEFT JOIN cockpit_journal j ON j.migration = m.migration AND j.seq = $2
        WHERE m.migration = $1`,
      [this.options.migration, last],
    );
    const row = rows[0];
    const head = Number(row?.last_seq ?? 0);
    const mine = this.mirror.at(last);
    const same =
      row?.at !== null && row?.at !== undefined && mine !== undefined && row.operation_id === mine.operationId && Date.parse(row.at) === Date.parse(mine.at);
    if (head >= last && same) return;
    throw new StoreBehind(
      head < last
        ? `the team store's journal ends at entry ${head}, before this cockpit's copy (entry ${last}): was it restored from a backup? Nothing is written to it until it holds those entries again; this cockpit keeps its copy`
        : `the team store's entry ${last} is not the one this cockpit has: was it restored from a backup and written to since? Nothing is written to it until that is resolved; this cockpit keeps its copy`,
    );
  }

  /** Connects (migrate, the migration's row, catch up, the outbox, LISTEN); on failure reconnects in the background. */
  private connect(): Promise<void> {
    if (this.reconnecting) return this.reconnecting;
    const run = this.reconnectLoop();
    this.reconnecting = run;
    void run.finally(() => {
      if (this.reconnecting === run) this.reconnecting = undefined;
    });
    return run;
  }

  private async reconnectLoop(): Promise<void> {
    const { first, max } = this.options.retryMs ?? { first: 250, max: 5_000 };
    let wait = first;
    while (!this.closed) {
      try {
        await this.attach();
        // No longer reconnecting before anyone is woken: a woken writer must see the store as back.
        this.reconnecting = undefined;
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
    client.on('error', ignoreClientError);
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
      await this.checkNotBehind(client);
      client.off('error', ignoreClientError);
      client.release();
    } catch (error) {
      client.off('error', ignoreClientError);
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
    // keepAlive: a firewall that drops an idle connection would otherwise leave this one deaf without a word.
    const listener = new pg.Client({ ...this.options.connection, keepAlive: true, connectionTimeoutMillis: 5_000 });
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
    try {
      await listener.connect();
      for (const channel of [JOURNAL_CHANNEL, ...(this.options.channels ?? [])]) await listener.query(`LISTEN ${channel}`);
    } catch (error) {
      await listener.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await listener.end().catch(() => undefined);
      return;
    }
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
