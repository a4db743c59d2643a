// One Glue job run of the bulk load, on the rehearsal clock: STARTING for a few simulated seconds, RUNNING while it
// copies the job's tables, then SUCCEEDED, FAILED (a bad argument, an injected failure at a percentage, a CQL error),
// STOPPED (BatchStopJobRun) or TIMEOUT. Rows copied by simulated time t follow one line, (t − running) × rows/s, up to
// where the copy ends. Without a data plane that end is known in advance (all `--rows`, the failure's percentage, the
// stop, the timeout), so any past moment's progress is exact and repeatable. With one, the copy (bulk-copy.ts) really
// writes rows in the background and the line is also capped by what it has written; the run ends when it says so.

export type JobRunState = 'STARTING' | 'RUNNING' | 'STOPPING' | 'STOPPED' | 'SUCCEEDED' | 'FAILED' | 'TIMEOUT';

export const TERMINAL_STATES: readonly JobRunState[] = ['STOPPED', 'SUCCEEDED', 'FAILED', 'TIMEOUT'];

/** How long a run is STARTING, and STOPPING after BatchStopJobRun (simulated ms). */
export const STARTING_MS = 10_000;
export const STOPPING_MS = 3_000;

export const DEFAULT_ROWS = 100_000;
export const DEFAULT_ROWS_PER_SECOND = 2_000;

/** What the run copies, read from its arguments (`--source-keyspace`, `--target-keyspace`, `--tables`, `--rows`, `--rows-per-second`). */
export interface CopyPlan {
  readonly sourceKeyspace?: string;
  readonly targetKeyspace?: string;
  readonly tables: readonly string[];
  /** Rows the simulated copy moves when there is no data plane. */
  readonly rows: number;
  readonly rowsPerSecond: number;
  /** Why the job's script fails as soon as it runs (a missing or bad argument). */
  readonly problem?: string;
}

/** What a real copy (with a data plane) reports. */
export interface CopyProgress {
  /** Rows written to the target so far. */
  readonly written: number;
  /** Rows in the source tables, once counted. */
  readonly total: number | undefined;
  /** Rows of each table, in `tables` order: copied when its copy is done, else counted (0 until known). */
  readonly tableRows: readonly number[];
  /** How the copy ended, at what simulated time. */
  readonly outcome?: { readonly at: number; readonly kind: 'copied' | 'cap-reached' | 'error'; readonly message?: string };
}

/** A real copy in the background: `kick` lets it catch up with the clock; `abort` stops it for good. */
export interface CopyDriver {
  kick(): void;
  abort(): void;
  /** Resolves when the pass in progress (if any) has ended. */
  settled(): Promise<void>;
  readonly progress: CopyProgress;
}

/** Rows the run may have copied by simulated time `at`, and the cap where it stops (an injected failure). */
export interface CopyBudget {
  readonly allowed: number;
  readonly cap: number | undefined;
}

export interface RunFailure {
  readonly atPercent: number;
  readonly message: string;
}

/** The run's plan from its merged arguments; `withDataPlane`: the copy is real, so it must name both keyspaces and the tables. */
export function copyPlanOf(args: Readonly<Record<string, string>>, withDataPlane: boolean): CopyPlan {
  const tables = (args['--tables'] ?? '')
    .split(',')
    .map((table) => table.trim())
    .filter((table) => table !== '');
  const problems: string[] = [];
  const whole = (name: string, fallback: number, min: number): number => {
    const text = args[name];
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || value < min) {
      problems.push(`${name} must be a whole number${min > 0 ? ` of at least ${min}` : ''}, got '${text}'`);
      return fallback;
    }
    return value;
  };
  const rows = whole('--rows', DEFAULT_ROWS, 0);
  const rowsPerSecond = whole('--rows-per-second', DEFAULT_ROWS_PER_SECOND, 1);
  if (withDataPlane) {
    for (const name of ['--source-keyspace', '--target-keyspace'])
      if (!args[name]?.trim()) problems.push(`the job's arguments name no ${name} (set it in DefaultArguments or the run's Arguments)`);
    if (tables.length === 0) problems.push("the job's arguments name no --tables (a comma-separated list of the tables to copy)");
  }
  return {
    ...(args['--source-keyspace']?.trim() ? { sourceKeyspace: args['--source-keyspace'].trim() } : {}),
    ...(args['--target-keyspace']?.trim() ? { targetKeyspace: args['--target-keyspace'].trim() } : {}),
    tables,
    rows,
    rowsPerSecond,
    ...(problems.length > 0 ? { problem: `Bulk load script failed: ${problems.join('; ')}` } : {}),
  };
}

export interface JobRunInit {
  readonly id: string;
  readonly jobName: string;
  readonly startedOn: number;
  /** The arguments StartJobRun was given (JobRun.Arguments). */
  readonly arguments: Readonly<Record<string, string>>;
  readonly plan: CopyPlan;
  readonly timeoutMinutes: number;
}

export class JobRun {
  readonly id: string;
  readonly jobName: string;
  readonly startedOn: number;
  readonly runningAt: number;
  readonly timeoutMinutes: number;
  readonly arguments: Readonly<Record<string, string>>;
  readonly plan: CopyPlan;
  state: JobRunState = 'STARTING';
  lastModifiedOn: number;
  completedOn: number | undefined;
  errorMessage: string | undefined;
  failure: RunFailure | undefined;
  stoppedAt: number | undefined;
  /** The real copy, with a data plane. */
  copy: CopyDriver | undefined;

  constructor(init: JobRunInit) {
    this.id = init.id;
    this.jobName = init.jobName;
    this.startedOn = init.startedOn;
    this.runningAt = init.startedOn + STARTING_MS;
    this.timeoutMinutes = init.timeoutMinutes;
    this.arguments = init.arguments;
    this.plan = init.plan;
    this.lastModifiedOn = init.startedOn;
  }

  get finished(): boolean {
    return TERMINAL_STATES.includes(this.state);
  }

  get active(): boolean {
    return this.state === 'STARTING' || this.state === 'RUNNING';
  }

  /** Rows in the source: `--rows`, or what the real copy counted. */
  get totalRows(): number | undefined {
    return this.copy ? this.copy.progress.total : this.plan.rows;
  }

  /** Rows the pace allows by simulated time `at` (the line every run follows). */
  rowsAllowed(at: number): number {
    return at <= this.runningAt ? 0 : Math.floor(((at - this.runningAt) * this.plan.rowsPerSecond) / 1000);
  }

  /** When the pace allows the `rows`th row. */
  allowedAt(rows: number): number {
    return this.runningAt + Math.ceil((rows * 1000) / this.plan.rowsPerSecond);
  }

  /** Rows copied by simulated time `at`. */
  rowsAt(at: number): number {
    const until = Math.min(at, this.completedOn ?? Infinity, this.stoppedAt ?? Infinity);
    const allowed = this.rowsAllowed(until);
    if (this.copy) return Math.min(allowed, this.copy.progress.written);
    return Math.min(allowed, this.#plannedRows());
  }

  /** Percent of the source copied by `at`, 0.1 steps; null while the total is unknown. */
  percentAt(at: number): number | null {
    if (this.state === 'SUCCEEDED') return 100;
    const total = this.totalRows;
    if (total === undefined) return null;
    if (total === 0) return this.finished ? 100 : 0;
    return Math.min(100, Math.floor((this.rowsAt(at) / total) * 1000) / 10);
  }

  /** What the real copy may write now. */
  budget(now: number): CopyBudget {
    if (!this.active || this.stoppedAt !== undefined) return { allowed: this.copy?.progress.written ?? 0, cap: undefined };
    const total = this.totalRows;
    const cap = this.failure && total !== undefined ? Math.floor((total * this.failure.atPercent) / 100) : undefined;
    return { allowed: this.rowsAllowed(now), cap };
  }

  /** Arms a failure at a percentage; false when the run is done or already past it. */
  failAt(failure: RunFailure, now: number): boolean {
    if (!this.active) return false;
    const percent = this.percentAt(now);
    if (percent !== null && percent >= failure.atPercent && this.state === 'RUNNING') return false;
    this.failure = failure;
    return true;
  }

  /** BatchStopJobRun: STOPPING now, STOPPED shortly after; the copy stops where it is. */
  stop(now: number): boolean {
    if (!this.active) return false;
    this.stoppedAt = now;
    this.state = 'STOPPING';
    this.lastModifiedOn = now;
    this.copy?.abort();
    return true;
  }

  /** Moves the run to the clock's `now`. */
  advance(now: number): void {
    if (this.state === 'STARTING' && now >= this.runningAt) {
      if (this.plan.problem) return this.#finish('FAILED', this.runningAt, this.plan.problem);
      this.state = 'RUNNING';
      this.lastModifiedOn = this.runningAt;
    }
    if (this.state === 'RUNNING') {
      const timeoutAt = this.startedOn + this.timeoutMinutes * 60_000;
      const ended = this.copy ? this.#realEnd() : this.#plannedEnd();
      if (ended && ended.at <= Math.min(now, timeoutAt)) this.#finish(ended.state, ended.at, ended.message);
      else if (now >= timeoutAt) {
        this.#finish('TIMEOUT', timeoutAt, `Job run timed out after ${this.timeoutMinutes} minutes (the job's Timeout)`);
        this.copy?.abort();
      } else this.copy?.kick();
    }
    if (this.state === 'STOPPING' && now >= this.stoppedAt! + STOPPING_MS) this.#finish('STOPPED', this.stoppedAt! + STOPPING_MS);
  }

  /** Rows the simulated copy ends at: all, or the injected failure's share. */
  #plannedRows(): number {
    return this.failure ? Math.floor((this.plan.rows * this.failure.atPercent) / 100) : this.plan.rows;
  }

  #plannedEnd(): { at: number; state: JobRunState; message?: string } {
    const at = this.allowedAt(this.#plannedRows());
    return this.failure ? { at, state: 'FAILED', message: this.failure.message } : { at, state: 'SUCCEEDED' };
  }

  #realEnd(): { at: number; state: JobRunState; message?: string } | undefined {
    const outcome = this.copy!.progress.outcome;
    if (!outcome) return undefined;
    const at = Math.max(outcome.at, this.allowedAt(this.copy!.progress.written));
    if (outcome.kind === 'copied') return { at, state: 'SUCCEEDED' };
    return {
      at,
      state: 'FAILED',
      message: outcome.kind === 'cap-reached' ? (this.failure?.message ?? 'Job run failed') : (outcome.message ?? 'Job run failed'),
    };
  }

  #finish(state: JobRunState, at: number, message?: string): void {
    this.state = state;
    this.completedOn = at;
    this.lastModifiedOn = at;
    if (message !== undefined) this.errorMessage = message;
  }
}
