// One replication task and its dynamics, advanced in fixed 5-second ticks of simulated time:
//   ready → starting → running (full load: a few tables at a time at the task's throughput; then CDC, where
//   latency follows the change rate against the target's apply capacity) → stopping → stopped.
// A tick costs O(tables loading + tables validating), never O(all tables): table CDC counters are derived
// from the task's totals when read.
// One file over 400 lines on purpose: the task's state machine, its full load, CDC and validation advance in the same
// tick over the same counters, which DMS's describe answer then reports together; a table's own state is sim-table.ts.
import { AwsError } from '../../kernel/errors';
import { SERIES_COUNT, TaskMetrics } from './metric-history';
import type { TaskSpec } from './scenario';
import { SimTable } from './sim-table';
import type { LogSeverity } from './task-logs';

export type TaskStatus = 'creating' | 'ready' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed' | 'deleting';
export type StartType = 'start-replication' | 'resume-processing' | 'reload-target';
export type MigrationType = TaskSpec['migrationType'];

export const TICK_MS = 5_000;
export const CREATE_DELAY_MS = 20_000;
export const START_DELAY_MS = 20_000;
export const STOP_DELAY_MS = 10_000;
export const DELETE_DELAY_MS = 10_000;

export const STOP_NORMAL = 'Stop Reason NORMAL';
export const STOP_FULL_LOAD_ONLY = 'Stop Reason FULL_LOAD_ONLY_FINISHED';
export const STOP_FATAL = 'Stop Reason FATAL_ERROR';

/** Changes per row kind, as DMS counts them per table. */
const INSERT_SHARE = 0.55;
const UPDATE_SHARE = 0.35;
const DELETE_SHARE = 0.1;

export interface TaskIdentity {
  readonly id: string;
  readonly arn: string;
  /** The last segment of the ARN: CloudWatch's ReplicationTaskIdentifier. */
  readonly resourceId: string;
  readonly instanceArn: string;
  readonly instanceId: string;
  readonly sourceEndpointArn: string;
  readonly targetEndpointArn: string;
  readonly tableMappings: string;
  readonly settings: string;
  readonly createdAt: number;
}

export type Rates = Pick<
  TaskSpec,
  'migrationType' | 'throughputRowsPerSecond' | 'parallelTables' | 'changeRatePerSecond' | 'applyCapacityPerSecond' | 'validation' | 'rowBytes'
>;

/** Faults aimed at one task, in absolute simulated milliseconds. */
export type TaskFault =
  | { kind: 'task-failure'; atPercent: number; message: string; fired: boolean }
  | { kind: 'latency-spike'; from: number; until: number; applyFactor: number }
  | { kind: 'table-error'; at: number; table: string; message: string; fired: boolean }
  | { kind: 'validation-mismatch'; at: number; table: string; records: number; fired: boolean };

/** What the task reports to the simulation's event log. */
export type TaskEventSink = (task: SimTask, at: number, message: string, category: string) => void;

/** A line of the task's own log (CloudWatch Logs), as DMS writes it: component, severity, text. */
export type TaskLogSink = (task: SimTask, at: number, component: string, severity: LogSeverity, text: string) => void;

/** How often a replicating task logs what it applied (simulated ms). */
export const CDC_LOG_INTERVAL_MS = 30 * 60_000;

export class SimTask {
  readonly identity: TaskIdentity;
  readonly rates: Rates;
  /** The source's writers are blocked (POST /_admin/dms/writers, or /_admin/writers): CDC sees no new changes. */
  writersBlocked = false;
  readonly tables: readonly SimTable[];
  readonly totalRows: number;
  status: TaskStatus;
  stopReason: string | undefined;
  lastFailureMessage: string | undefined;
  hasRun = false;
  startedAt: number | undefined;
  freshStartAt: number | undefined;
  stoppedAt: number | undefined;
  fullLoadStartAt: number | undefined;
  fullLoadFinishAt: number | undefined;
  elapsedMs = 0;
  /** CDC: changes captured at the source and applied to the target, since the last fresh start. */
  captured = 0;
  applied = 0;
  cdcActive = false;
  lastApplyAt: number | undefined;
  latencySource = 0;
  latencyTarget = 0;
  metrics: TaskMetrics | undefined;
  readonly faults: TaskFault[] = [];
  #transition: { at: number; to: 'ready' | 'running' | 'stopped' | 'deleted' } | undefined;
  #queue: SimTable[] = [];
  #loading: SimTable[] = [];
  #validating: SimTable[] = [];
  readonly #byKey: Map<string, SimTable>;
  readonly #dailyPhase: number;
  readonly #sample = new Float64Array(SERIES_COUNT);
  readonly #onEvent: TaskEventSink;
  readonly #onLog: TaskLogSink;
  /** When the task last logged what CDC applied, and the applied count then. */
  #cdcLogAt: number | undefined;
  #cdcLogApplied = 0;

  constructor(
    identity: TaskIdentity,
    rates: Rates,
    tables: TaskSpec['tables'],
    status: 'creating' | 'ready',
    now: number,
    onEvent: TaskEventSink,
    onLog: TaskLogSink = () => undefined,
  ) {
    this.identity = identity;
    this.rates = rates;
    this.tables = tables.map((table) => new SimTable(table.schema, table.name, table.rows));
    this.totalRows = this.tables.reduce((sum, table) => sum + table.rows, 0);
    const weightBase = this.tables.reduce((sum, table) => sum + Math.sqrt(table.rows + 1), 0);
    for (const table of this.tables) table.weight = Math.sqrt(table.rows + 1) / weightBase;
    this.#byKey = new Map(this.tables.map((table) => [table.key, table]));
    this.status = status;
    this.#dailyPhase = (identity.createdAt % 86_400_000) / 86_400_000 + identity.resourceId.charCodeAt(0) / 10;
    this.#onEvent = onEvent;
    this.#onLog = onLog;
    if (status === 'creating') this.#transition = { at: now + CREATE_DELAY_MS, to: 'ready' };
  }

  table(key: string): SimTable | undefined {
    return this.#byKey.get(key);
  }

  /** Whether the simulation must tick this task (something changes without a command). */
  get active(): boolean {
    return this.#transition !== undefined || this.status === 'running';
  }

  get gone(): boolean {
    return this.#transition === undefined && this.status === 'deleting';
  }

  // ---- commands (simulated time `now`) ----

  start(type: StartType, now: number): void {
    const { status } = this;
    const refuse = (why: string) => new AwsError('InvalidResourceStateFault', `Replication task ${this.identity.id} ${why}`);
    if (status !== 'ready' && status !== 'stopped' && status !== 'failed') throw refuse(`is ${status}; only a ready, stopped or failed task can be started`);
    if (type === 'start-replication') {
      if (this.hasRun)
        throw new AwsError('InvalidParameterCombinationException', 'Start Type : START_REPLICATION, valid only for tasks running for the first time');
      this.#freshStart(now);
    } else if (type === 'resume-processing') {
      if (!this.hasRun) throw refuse('has never run; start it with start-replication');
      // DMS cannot resume a half-loaded table: tables that were loading start again from their first row.
      const interrupted = [...this.#loading, ...this.#queue];
      for (const table of this.#loading) {
        table.loaded = 0;
        table.loadStart = undefined;
        table.phase = 'queued';
      }
      this.#loading = [];
      this.#queue = interrupted;
    } else {
      if (!this.hasRun) throw refuse('has never run; start it with start-replication');
      if (this.rates.migrationType === 'cdc')
        throw new AwsError('InvalidParameterCombinationException', 'Start Type : RELOAD_TARGET, is not valid for a CDC-only replication task');
      this.#freshStart(now);
    }
    this.hasRun = true;
    this.status = 'starting';
    this.stopReason = undefined;
    this.startedAt = now;
    this.stoppedAt = undefined;
    this.#transition = { at: now + START_DELAY_MS, to: 'running' };
    this.#onEvent(this, now, 'Replication task is being started.', 'state change');
    this.#log(now, 'TASK_MANAGER', 'I', `Task '${this.identity.id}' starting: ${type}, migration type ${this.rates.migrationType} (replicationtask.c:1321)`);
  }

  stop(now: number): void {
    if (this.status !== 'running' && this.status !== 'starting') {
      throw new AwsError('InvalidResourceStateFault', `Replication task ${this.identity.id} is ${this.status}; only a running or starting task can be stopped`);
    }
    this.metrics?.flush();
    this.status = 'stopping';
    this.#transition = { at: now + STOP_DELAY_MS, to: 'stopped' };
    this.#onEvent(this, now, 'Replication task is being stopped.', 'state change');
    this.#log(now, 'TASK_MANAGER', 'I', `Stop of task '${this.identity.id}' requested (replicationtask.c:2270)`);
  }

  delete(now: number): void {
    if (this.status === 'running' || this.status === 'starting' || this.status === 'stopping' || this.status === 'deleting') {
      throw new AwsError('InvalidResourceStateFault', `Replication task ${this.identity.id} is ${this.status}; stop it before deleting it`);
    }
    this.status = 'deleting';
    this.#transition = { at: now + DELETE_DELAY_MS, to: 'deleted' };
    this.#onEvent(this, now, 'Replication task is being deleted.', 'deletion');
  }

  reloadTables(keys: readonly string[], option: 'data-reload' | 'validate-only', now: number): void {
    if (this.status !== 'running')
      throw new AwsError(
        'InvalidResourceStateFault',
        `Replication task ${this.identity.id} is ${this.status}; tables can be reloaded only while it is running`,
      );
    if (option === 'validate-only' && !this.rates.validation)
      throw new AwsError('InvalidParameterCombinationException', `validation is not enabled for replication task ${this.identity.id}`);
    const tables = keys.map((key) => {
      const table = this.#byKey.get(key);
      if (!table) throw new AwsError('InvalidParameterValueException', `Table ${key} is not part of replication task ${this.identity.id}`);
      return table;
    });
    this.#log(now, 'TASK_MANAGER', 'I', `Reload of ${tables.length} table(s) requested: ${option} (replicationtask.c:3035)`);
    for (const table of tables) {
      if (option === 'validate-only') {
        if (table.phase !== 'done') continue;
        table.failedRecords = 0;
        this.#beginValidation(table);
      } else {
        this.#loading = this.#loading.filter((other) => other !== table);
        this.#queue = this.#queue.filter((other) => other !== table);
        this.#validating = this.#validating.filter((other) => other !== table);
        table.resetForLoad(this.applied, true);
        this.#queue.push(table);
      }
      table.lastUpdate = now;
    }
  }

  // ---- dynamics ----

  /**
   * Advances the task over the step (end - stepMs, end]. Steps are 5 s, or 60 s when catching up on more than a
   * day at once. `random` is the simulation's noise source.
   */
  tick(end: number, random: () => number, stepMs = TICK_MS): void {
    const transition = this.#transition;
    if (transition && end >= transition.at) {
      this.#transition = undefined;
      this.#finishTransition(transition.to, end);
      return;
    }
    if (this.status !== 'running') return;
    const start = end - stepMs;
    const seconds = stepMs / 1000;
    this.elapsedMs += stepMs;
    this.#applyTimedFaults(end);
    if (this.status !== 'running') return;

    const fullLoadRows = this.#stepFullLoad(start, end, seconds, random);
    if (this.status !== 'running') return;
    const sample = this.#sample;
    sample.fill(0);
    sample[5] = fullLoadRows / seconds;
    if (this.rates.migrationType !== 'full-load') this.#stepCdc(end, seconds, random, sample);
    this.#stepValidation(seconds);
    (this.metrics ??= new TaskMetrics()).record(start, sample);
  }

  get fullLoadProgressPercent(): number {
    if (this.rates.migrationType === 'cdc') return 0;
    if (this.fullLoadFinishAt !== undefined || this.totalRows === 0) return this.fullLoadStartAt === undefined ? 0 : 100;
    let loaded = 0;
    for (const table of this.tables) loaded += Math.min(table.loaded, table.rows);
    return Math.floor((100 * loaded) / this.totalRows);
  }

  tableCounts(): { loaded: number; loading: number; queued: number; errored: number } {
    const counts = { loaded: 0, loading: 0, queued: 0, errored: 0 };
    for (const table of this.tables) {
      if (table.phase === 'done') counts.loaded++;
      else if (table.phase === 'loading') counts.loading++;
      else if (table.phase === 'queued') counts.queued++;
      else if (table.phase === 'error') counts.errored++;
    }
    return counts;
  }

  /** Inserts/updates/deletes of a table since its counters were reset. */
  tableChanges(table: SimTable): { inserts: number; updates: number; deletes: number } {
    const changes = table.phase === 'done' ? Math.max(0, this.applied - table.cdcBase) * table.weight : 0;
    return { inserts: Math.floor(changes * INSERT_SHARE), updates: Math.floor(changes * UPDATE_SHARE), deletes: Math.floor(changes * DELETE_SHARE) };
  }

  /** Validation records still to check: the rest of a fresh validation, or the changes not yet applied. */
  validationPending(table: SimTable): number {
    if (!this.rates.validation || table.phase !== 'done') return 0;
    if (table.validating) return Math.max(0, Math.ceil(table.rows - table.validated));
    return Math.round(Math.max(0, this.captured - this.applied) * table.weight);
  }

  get backlog(): number {
    return Math.max(0, this.captured - this.applied);
  }

  #freshStart(now: number): void {
    this.freshStartAt = now;
    this.fullLoadStartAt = undefined;
    this.fullLoadFinishAt = undefined;
    this.captured = 0;
    this.applied = 0;
    this.cdcActive = false;
    this.latencySource = 0;
    this.latencyTarget = 0;
    this.lastFailureMessage = undefined;
    this.#loading = [];
    this.#validating = [];
    for (const table of this.tables) table.resetForLoad(0, this.hasRun);
    this.#queue = this.rates.migrationType === 'cdc' ? [] : [...this.tables];
    if (this.rates.migrationType === 'cdc') for (const table of this.tables) table.phase = 'done';
  }

  #finishTransition(to: 'ready' | 'running' | 'stopped' | 'deleted', at: number): void {
    switch (to) {
      case 'ready':
        this.status = 'ready';
        this.#onEvent(this, at, 'Replication task created.', 'creation');
        return;
      case 'running':
        this.status = 'running';
        if (this.rates.migrationType === 'cdc') this.cdcActive = true;
        else if (this.fullLoadStartAt === undefined) this.fullLoadStartAt = at;
        this.#onEvent(this, at, 'Replication task started.', 'state change');
        this.#log(at, 'SOURCE_UNLOAD', 'I', 'Connected to the source database (mysql_endpoint_imp.c:803)');
        this.#log(at, 'TARGET_LOAD', 'I', 'Connected to the target database (mysql_endpoint_imp.c:803)');
        this.#log(at, 'TASK_MANAGER', 'I', `Task '${this.identity.id}' running (replicationtask.c:1425)`);
        if (this.cdcActive) this.#startCdcLog(at, 'Starting CDC from the current position of the source binary log');
        return;
      case 'stopped':
        this.#halt(at, 'stopped', STOP_NORMAL);
        this.#onEvent(this, at, 'Replication task stopped.', 'state change');
        this.#log(at, 'TASK_MANAGER', 'I', `Task '${this.identity.id}' stopped: ${STOP_NORMAL} (replicationtask.c:2911)`);
        return;
      case 'deleted':
        // `gone` now holds: the simulation drops the task.
        this.#onEvent(this, at, 'Replication task deleted.', 'deletion');
        return;
    }
  }

  #halt(at: number, status: 'stopped' | 'failed', reason: string): void {
    this.metrics?.flush();
    this.status = status;
    this.stopReason = reason;
    this.stoppedAt = at;
  }

  #fail(at: number, message: string): void {
    this.#halt(at, 'failed', STOP_FATAL);
    this.lastFailureMessage = message;
    this.#onEvent(this, at, `Replication task has failed. Reason: ${message}`, 'failure');
    this.#log(at, 'TASK_MANAGER', 'E', message);
    this.#log(at, 'TASK_MANAGER', 'E', `Task '${this.identity.id}' failed: ${STOP_FATAL} (replicationtask.c:2883)`);
  }

  #log(at: number, component: string, severity: LogSeverity, text: string): void {
    this.#onLog(this, at, component, severity, text);
  }

  #startCdcLog(at: number, text: string): void {
    this.#cdcLogAt = at;
    this.#cdcLogApplied = this.applied;
    this.#log(at, 'SOURCE_CAPTURE', 'I', `${text} (mysql_endpoint_capture.c:1462)`);
  }

  #tableId(table: SimTable): number {
    return this.tables.indexOf(table) + 1;
  }

  #applyTimedFaults(end: number): void {
    for (const fault of this.faults) {
      if (fault.kind === 'table-error' && !fault.fired && end >= fault.at) {
        const table = this.#byKey.get(fault.table);
        if (!table) continue;
        fault.fired = true;
        this.#loading = this.#loading.filter((other) => other !== table);
        this.#queue = this.#queue.filter((other) => other !== table);
        this.#validating = this.#validating.filter((other) => other !== table);
        table.phase = 'error';
        table.validating = false;
        table.errorMessage = fault.message;
        table.lastUpdate = end;
        this.#onEvent(this, end, `Table ${table.key} error: ${fault.message}`, 'failure');
        this.#log(
          end,
          'TARGET_LOAD',
          'E',
          `Table '${table.schema}'.'${table.name}' (Id = ${this.#tableId(table)}) failed: ${fault.message} (odbc_endpoint_imp.c:7776)`,
        );
      } else if (fault.kind === 'validation-mismatch' && !fault.fired && end >= fault.at) {
        const table = this.#byKey.get(fault.table);
        // A mismatch is found by validating: it waits until the table has been loaded.
        if (!table || table.phase !== 'done') continue;
        fault.fired = true;
        table.failedRecords += fault.records;
        table.lastUpdate = end;
        this.#log(
          end,
          'VALIDATOR',
          'W',
          `${fault.records} record(s) of table '${table.schema}'.'${table.name}' differ between source and target (validator_utils.c:512)`,
        );
      }
    }
  }

  #applyFactor(at: number): number {
    let factor = 1;
    for (const fault of this.faults) if (fault.kind === 'latency-spike' && at >= fault.from && at < fault.until) factor *= fault.applyFactor;
    return factor;
  }

  /** Loads rows into the tables loading now; returns the rows loaded in this tick. */
  #stepFullLoad(start: number, end: number, seconds: number, random: () => number): number {
    while (this.#loading.length < this.rates.parallelTables && this.#queue.length > 0) {
      const table = this.#queue.shift()!;
      table.phase = 'loading';
      table.loaded = 0;
      table.loadStart = start;
      this.#loading.push(table);
      this.#log(
        start,
        'TASK_MANAGER',
        'I',
        `Start loading table '${table.schema}'.'${table.name}' (Id = ${this.#tableId(table)}) by subtask ${this.#loading.length} (replicationtask_util.c:1153)`,
      );
    }
    let loadedNow = 0;
    if (this.#loading.length > 0) {
      const share = (this.rates.throughputRowsPerSecond * seconds * (0.9 + 0.2 * random())) / this.#loading.length;
      for (const table of this.#loading) {
        const add = Math.min(table.rows - table.loaded, share);
        table.loaded += add;
        loadedNow += add;
        if (table.loaded >= table.rows) {
          table.phase = 'done';
          table.reloading = false;
          table.loadEnd = end;
          this.#log(
            end,
            'TASK_MANAGER',
            'I',
            `Load finished for table '${table.schema}'.'${table.name}' (Id = ${this.#tableId(table)}). ${table.rows} rows received. 0 rows skipped (streamcomponent.c:3543)`,
          );
          table.lastUpdate = end;
          table.cdcBase = this.applied;
          if (this.rates.validation) this.#beginValidation(table);
        }
      }
      this.#loading = this.#loading.filter((table) => table.phase === 'loading');
      for (const fault of this.faults) {
        if (fault.kind === 'task-failure' && !fault.fired && this.fullLoadFinishAt === undefined && this.fullLoadProgressPercent >= fault.atPercent) {
          fault.fired = true;
          this.#fail(end, fault.message);
          return loadedNow;
        }
      }
    }
    if (this.fullLoadStartAt !== undefined && this.fullLoadFinishAt === undefined && this.#loading.length === 0 && this.#queue.length === 0) {
      this.fullLoadFinishAt = end;
      this.#onEvent(this, end, 'Full load completed.', 'state change');
      this.#log(end, 'TASK_MANAGER', 'I', `All tables are loaded: ${this.tables.length} table(s), ${this.totalRows} rows (replicationtask.c:2561)`);
      if (this.rates.migrationType === 'full-load') {
        this.#halt(end, 'stopped', STOP_FULL_LOAD_ONLY);
        this.#onEvent(this, end, 'Replication task stopped: full load only task finished.', 'state change');
        this.#log(end, 'TASK_MANAGER', 'I', `Task '${this.identity.id}' stopped: ${STOP_FULL_LOAD_ONLY} (replicationtask.c:2911)`);
      } else {
        this.cdcActive = true;
        this.#startCdcLog(end, 'Full load done: applying the changes cached during the full load, then ongoing changes (CDC)');
      }
    }
    return loadedNow;
  }

  #stepCdc(end: number, seconds: number, random: () => number, sample: Float64Array): void {
    const daily = 1 + 0.25 * Math.sin(2 * Math.PI * (end / 86_400_000 + this.#dailyPhase));
    // Writers blocked at the source (a cutover's freeze): no new changes arrive; what was captured still applies.
    const incoming = this.writersBlocked ? 0 : this.rates.changeRatePerSecond * seconds * daily * (0.8 + 0.4 * random());
    this.captured += incoming;
    const factor = this.#applyFactor(end);
    // During the first full load, DMS caches the changes of tables not yet loaded and applies the rest.
    const open = this.cdcActive ? 1 : this.#loadedShare();
    const capacity = this.rates.applyCapacityPerSecond * seconds * factor * open;
    const apply = Math.min(this.captured - this.applied, capacity);
    this.applied += apply;
    if (apply > 0) this.lastApplyAt = end;
    const backlog = this.captured - this.applied;
    if (this.cdcActive) {
      this.latencySource = 0.4 + 0.8 * random();
      // Little's law: what waits, divided by how fast it drains, plus the apply batch interval.
      this.latencyTarget = this.latencySource + 0.5 + backlog / Math.max(1e-6, this.rates.applyCapacityPerSecond * factor);
    }
    if (this.cdcActive && this.#cdcLogAt !== undefined && end - this.#cdcLogAt >= CDC_LOG_INTERVAL_MS) {
      const applied = Math.round(this.applied - this.#cdcLogApplied);
      const latency = Math.round(this.latencyTarget * 10) / 10;
      const falling = this.latencyTarget > 60;
      this.#log(
        end,
        'TARGET_APPLY',
        falling ? 'W' : 'I',
        `${falling ? 'Apply is falling behind: ' : ''}${applied} changes applied in the last ${CDC_LOG_INTERVAL_MS / 60_000} minutes, ${Math.round(backlog)} waiting, target latency ${latency} s (bulk_apply.c:4020)`,
      );
      this.#cdcLogAt = end;
      this.#cdcLogApplied = this.applied;
    }
    sample[0] = this.cdcActive ? this.latencySource : 0;
    sample[1] = this.cdcActive ? this.latencyTarget : 0;
    sample[2] = backlog;
    sample[3] = incoming / seconds;
    sample[4] = apply / seconds;
  }

  #loadedShare(): number {
    if (this.totalRows === 0) return 1;
    let rows = 0;
    for (const table of this.tables) if (table.phase === 'done') rows += table.rows;
    return rows / this.totalRows;
  }

  #beginValidation(table: SimTable): void {
    table.validating = true;
    table.validated = 0;
    if (!this.#validating.includes(table)) this.#validating.push(table);
  }

  #stepValidation(seconds: number): void {
    if (this.#validating.length === 0) return;
    // Validation compares rows on both sides: about half the full load rate, shared by the tables in progress.
    const share = (this.rates.throughputRowsPerSecond * 0.5 * seconds) / this.#validating.length;
    for (const table of this.#validating) {
      table.validated += share;
      if (table.validated >= table.rows) table.validating = false;
    }
    this.#validating = this.#validating.filter((table) => table.validating);
  }
}
