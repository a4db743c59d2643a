// The simulated AWS side of a Cassandra → Amazon Keyspaces migration, on the rehearsal clock: the Keyspaces catalog,
// the Glue jobs of the bulk load, the dual-write proxy stand-ins and the injected faults, advanced to the clock's now
// whenever someone looks (sync). Without a data plane every figure is a function of the clock, the seed and the
// commands. With one, the bulk copies, the proxies' live rows, the tables' DDL and the row-mismatch fault really run
// over CQL in the background (bulk-copy.ts, live-writes.ts, row-mismatch.ts), paced by the same clock.
import type { RehearsalClock } from '../../kernel/clock';
import { AwsError } from '../../kernel/errors';
import { BulkCopy } from './bulk-copy';
import { KeyspacesCatalog, type SimTable } from './catalog';
import type { DataPlane } from './data-plane';
import type { FailedWritesFaultSpec, KeyspacesFaultSpec, RowMismatchFaultSpec, ThrottleFaultSpec } from './fault-schema';
import { GlueJobs, type GlueJob } from './glue-jobs';
import type { JobRun } from './job-run';
import { LiveWrites } from './live-writes';
import { DualWriteProxy, type ProxyConfig } from './proxies';
import { applyRowMismatch } from './row-mismatch';
import { TableTraffic, type ThrottleWindow } from './table-traffic';

export interface KeyspacesSimulationOptions {
  readonly clock: RehearsalClock;
  readonly seed: number;
  readonly region: string;
  readonly accountId: string;
  /** Real CQL behind the bulk loads, the proxies' live rows and the row-mismatch fault; none: row counts only. */
  readonly dataPlane?: DataPlane;
}

/** A row-mismatch fault: waiting for its time, running over CQL, or how it ended. */
export interface MismatchRecord {
  readonly keyspace: string;
  readonly table: string;
  readonly rows: number;
  readonly at: number;
  state: 'scheduled' | 'running' | 'done' | 'failed';
  deleted: number;
  changed: number;
  column: string | undefined;
  problem: string | undefined;
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

export class KeyspacesSimulation {
  readonly clock: RehearsalClock;
  readonly catalog: KeyspacesCatalog;
  readonly jobs: GlueJobs;
  readonly traffic: TableTraffic;
  readonly dataPlane: DataPlane | undefined;
  readonly #proxies = new Map<string, DualWriteProxy>();
  #throttles: ThrottleWindow[] = [];
  #mismatches: MismatchRecord[] = [];
  /** Background CQL work (DDL, mismatches) that close() waits for. */
  readonly #background = new Set<Promise<unknown>>();

  constructor(options: KeyspacesSimulationOptions) {
    this.clock = options.clock;
    this.dataPlane = options.dataPlane;
    this.catalog = new KeyspacesCatalog(options.region, options.accountId);
    const plane = options.dataPlane;
    this.jobs = new GlueJobs(options.seed, plane !== undefined, (run) => (plane ? this.#copyOf(plane, run) : undefined));
    this.traffic = new TableTraffic({ runs: () => this.jobs.allRuns(), proxies: () => [...this.#proxies.values()], throttles: () => this.#throttles });
  }

  /** Simulated epoch ms, with the estate advanced to it. */
  now(): number {
    this.sync();
    return this.clock.now();
  }

  /** Advances everything to the clock's now (and lets the background CQL work catch up with it). */
  sync(): void {
    const now = this.clock.now();
    this.catalog.advance(now);
    this.jobs.advance(now);
    for (const proxy of this.#proxies.values()) {
      proxy.advance(now);
      proxy.live?.kick();
    }
    for (const mismatch of this.#mismatches) if (mismatch.state === 'scheduled' && mismatch.at <= now) this.#runMismatch(mismatch);
  }

  /** A table was created through the API: with a data plane, its keyspace and it are created over CQL too. */
  tableCreated(table: SimTable): void {
    const plane = this.dataPlane;
    if (!plane) return;
    table.cql = 'pending';
    this.#track(
      (async () => {
        try {
          await plane.createKeyspace(table.keyspace);
          await plane.createTable(table.keyspace, table.name, table.schema);
          table.cql = 'created';
        } catch (error) {
          table.cql = { problem: `creating ${table.keyspace}.${table.name} over CQL failed: ${(error as Error).message}` };
        }
      })(),
    );
  }

  // ---- dual-write proxies ----

  proxies(): DualWriteProxy[] {
    return [...this.#proxies.values()];
  }

  proxy(id: string): DualWriteProxy | undefined {
    return this.#proxies.get(id);
  }

  /** Registers or updates a stack's proxy; a changed configuration restarts it. */
  putProxy(id: string, config: ProxyConfig): { proxy: DualWriteProxy; created: boolean; restarted: boolean } {
    const now = this.now();
    const existing = this.#proxies.get(id);
    const proxy = existing ?? new DualWriteProxy(id, config, now);
    const restarted = existing ? existing.reconfigure(config, now) : false;
    this.#proxies.set(id, proxy);
    if (this.dataPlane && (!existing || restarted)) {
      proxy.live?.abort();
      proxy.live = new LiveWrites(this.dataPlane, proxy, () => this.clock.now());
    }
    return { proxy, created: !existing, restarted };
  }

  deleteProxy(id: string): boolean {
    const proxy = this.#proxies.get(id);
    proxy?.live?.abort();
    return this.#proxies.delete(id);
  }

  // ---- faults ----

  /** Adds a fault; its `at` counts from `base` (simulated epoch ms). Throws an AwsError naming what is wrong. */
  injectFault(spec: KeyspacesFaultSpec, base: number): void {
    const from = base + spec.at * 1000;
    switch (spec.type) {
      case 'keyspaces-throttle':
        return this.#addThrottle(spec, from);
      case 'keyspaces-failed-writes':
        return this.#addFailedWrites(spec, from);
      case 'keyspaces-job-fails': {
        const job = this.jobs.job(spec.job);
        if (!job)
          throw new AwsError(
            'EntityNotFoundException',
            `no Glue job '${spec.job}' (jobs: ${
              this.jobs
                .jobs()
                .map((known) => known.name)
                .join(', ') || 'none'
            })`,
          );
        this.jobs.armFailure({ job: spec.job, atPercent: spec.atPercent, message: spec.message ?? defaultFailure(job), from });
        return this.sync();
      }
      case 'keyspaces-row-mismatch':
        return this.#addMismatch(spec, from);
    }
  }

  clearFaults(): void {
    this.#throttles = [];
    for (const proxy of this.#proxies.values()) proxy.windows = [];
    this.jobs.clearFailures();
    for (const run of this.jobs.allRuns()) if (run.active) run.failure = undefined;
    this.#mismatches = this.#mismatches.filter((mismatch) => mismatch.state !== 'scheduled');
  }

  describeFaults(): Record<string, unknown> {
    const list: Array<Record<string, unknown>> = [
      ...this.#throttles.map((window) => ({ type: 'keyspaces-throttle', ...window, from: iso(window.from), until: iso(window.until) })),
      ...this.proxies().flatMap((proxy) =>
        proxy.windows.map((window) => ({ type: 'keyspaces-failed-writes', proxy: proxy.id, ...window, from: iso(window.from), until: iso(window.until) })),
      ),
      ...this.jobs.pendingFailures().map((failure) => ({ type: 'keyspaces-job-fails', ...failure, from: iso(failure.from), attachedTo: null })),
      ...this.jobs
        .allRuns()
        .filter((run) => run.failure && run.active)
        .map((run) => ({ type: 'keyspaces-job-fails', job: run.jobName, ...run.failure, attachedTo: run.id })),
      ...this.#mismatches.map((mismatch) => ({ type: 'keyspaces-row-mismatch', ...mismatch, at: iso(mismatch.at) })),
    ];
    return { keyspaces: list };
  }

  #addThrottle(spec: ThrottleFaultSpec, from: number): void {
    if (spec.table !== undefined) this.catalog.requireTable(spec.keyspace, spec.table);
    else this.catalog.requireKeyspace(spec.keyspace);
    this.#throttles.push({
      keyspace: spec.keyspace,
      ...(spec.table !== undefined ? { table: spec.table } : {}),
      writes: spec.from !== 'reads',
      reads: spec.from !== 'writes',
      from,
      until: from + spec.durationSeconds * 1000,
      eventsPerMinute: spec.eventsPerMinute,
    });
  }

  #addFailedWrites(spec: FailedWritesFaultSpec, from: number): void {
    const proxy = this.#proxies.get(spec.proxy);
    if (!proxy)
      throw new AwsError('ResourceNotFoundException', `no dual-write proxy '${spec.proxy}' (proxies: ${[...this.#proxies.keys()].join(', ') || 'none'})`);
    proxy.advance(this.clock.now());
    proxy.windows = [...proxy.windows, { side: spec.side, from, until: from + spec.durationSeconds * 1000, perSecond: spec.perSecond }];
  }

  #addMismatch(spec: RowMismatchFaultSpec, at: number): void {
    if (!this.dataPlane)
      throw new AwsError(
        'ValidationException',
        `keyspaces-row-mismatch changes rows over CQL, and this rehearsal has no data plane (start it with a Cassandra connection, option 'cassandra'); without one the copy is simulated by row counts only, so there are no rows of ${spec.keyspace}.${spec.table} to change`,
      );
    this.#mismatches.push({
      keyspace: spec.keyspace,
      table: spec.table,
      rows: spec.rows,
      at,
      state: 'scheduled',
      deleted: 0,
      changed: 0,
      column: undefined,
      problem: undefined,
    });
    this.sync();
  }

  #runMismatch(mismatch: MismatchRecord): void {
    mismatch.state = 'running';
    this.#track(
      applyRowMismatch(this.dataPlane!, mismatch.keyspace, mismatch.table, mismatch.rows).then(
        (result) => Object.assign(mismatch, { state: 'done', ...result }),
        (error: unknown) => Object.assign(mismatch, { state: 'failed', problem: (error as Error).message }),
      ),
    );
  }

  // ---- views and life ----

  /** GET /_admin/keyspaces/estate: keyspaces and tables, jobs and their runs, proxies with phase and counters. */
  estate(): Record<string, unknown> {
    const now = this.now();
    return {
      now: iso(now),
      dataPlane: this.dataPlane ? { address: this.dataPlane.address } : null,
      keyspaces: this.catalog.keyspaces().map((keyspace) => ({
        name: keyspace.name,
        arn: keyspace.arn,
        replicationStrategy: keyspace.replicationStrategy,
        tables: this.catalog.tables(keyspace).map((table) => ({
          name: table.name,
          arn: table.arn,
          status: table.status(now),
          createdAt: iso(table.createdAt),
          ...(table.cql === 'none' ? {} : { cql: typeof table.cql === 'string' ? table.cql : table.cql.problem }),
        })),
      })),
      jobs: this.jobs.jobs().map((job) => ({ name: job.name, runs: this.jobs.runs(job.name).map((run) => runView(run, now)) })),
      proxies: this.proxies().map((proxy) => proxyView(proxy, now)),
    };
  }

  /** Stops the background CQL work and waits for it (the caller closes the data plane). */
  async close(): Promise<void> {
    const passes: Array<Promise<unknown>> = [...this.#background];
    for (const run of this.jobs.allRuns()) {
      run.copy?.abort();
      if (run.copy) passes.push(run.copy.settled());
    }
    for (const proxy of this.#proxies.values()) {
      proxy.live?.abort();
      if (proxy.live) passes.push(proxy.live.settled());
    }
    await Promise.allSettled(passes);
  }

  #copyOf(plane: DataPlane, run: JobRun): BulkCopy {
    const { sourceKeyspace, targetKeyspace, tables } = run.plan;
    return new BulkCopy(
      plane,
      { sourceKeyspace: sourceKeyspace!, targetKeyspace: targetKeyspace!, tables },
      () => run.budget(this.clock.now()),
      () => this.clock.now(),
    );
  }

  #track(work: Promise<unknown>): void {
    this.#background.add(work);
    void work.finally(() => this.#background.delete(work));
  }
}

function runView(run: JobRun, now: number) {
  return {
    id: run.id,
    state: run.state,
    startedOn: iso(run.startedOn),
    completedOn: iso(run.completedOn),
    rowsCopied: run.rowsAt(now),
    totalRows: run.totalRows ?? null,
    percent: run.percentAt(now),
    errorMessage: run.errorMessage ?? null,
  };
}

/** A proxy as the admin routes show it: its configuration, phase and counters. */
export function proxyView(proxy: DualWriteProxy, now: number) {
  proxy.advance(now);
  const reads = proxy.readsAt(now);
  return {
    id: proxy.id,
    ...proxy.config,
    phase: proxy.phase,
    since: iso(proxy.since),
    restarts: proxy.restarts,
    counters: {
      writes: proxy.writesAt(now),
      readsOrigin: reads.origin,
      readsTarget: reads.target,
      failedWrites: proxy.failedWrites(),
      failedReads: { origin: 0, target: 0 },
    },
    liveRows: proxy.live ? { ...proxy.live.stats, problem: proxy.live.stats.problem ?? null } : null,
  };
}

/** The Spark error a bulk-load run reports when a write to the target keeps timing out. */
function defaultFailure(job: GlueJob): string {
  const target = job.defaultArguments['--target-keyspace'] ?? 'the target keyspace';
  const table = (job.defaultArguments['--tables'] ?? '').split(',')[0]?.trim() || 'the table';
  return (
    'An error occurred while calling o142.pyWriteDynamicFrame. Job aborted due to stage failure: Task 7 in stage 3.0 failed 4 times, most recent failure: ' +
    `Lost task 7.3 in stage 3.0 (TID 58) (172.34.21.80 executor 2): java.io.IOException: Failed to write statements to ${target}.${table}. ` +
    'The latest exception was Cassandra timeout during SIMPLE write query at consistency LOCAL_QUORUM (2 replica were required but only 0 acknowledged the write)'
  );
}
