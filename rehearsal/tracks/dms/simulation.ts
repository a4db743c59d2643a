// The simulated DMS estate: replication instances, endpoints and tasks, advanced lazily to the clock's "now"
// in fixed ticks whenever someone looks (and by the server's timer), so results depend only on the clock, the
// seed and the commands, never on when requests happen to arrive.
// One file over 400 lines on purpose: it is the estate's one owner (instances, endpoints, tasks, connections, faults
// and the tick that advances them), and every DMS operation the API serves reads and changes several of its maps at
// once; the parts that stand alone are their own modules (sim-task, sim-table, task-logs, event-log, scenario).
import type { RehearsalClock } from '../../kernel/clock';
import { AwsError } from '../../kernel/errors';
import { hashString, prng, resourceId } from '../../kernel/random';
import { WireFaults, type WireFault } from '../../kernel/wire-faults';
import { EventLog, type SimEvent } from './event-log';
import type { ConnectionFaultSpec, FaultSpec, Scenario, TaskFaultSpec, TaskSpec } from './scenario';
import { SimTask, TICK_MS, type MigrationType, type Rates, type StartType, type TaskFault } from './sim-task';
import { TaskLogs } from './task-logs';
import { generateTables, schemaNameFor, type TableSpec } from './tables';

export interface SimInstance {
  readonly id: string;
  readonly arn: string;
  readonly instanceClass: string;
  readonly allocatedStorageGiB: number;
  readonly engineVersion: string;
  readonly createdAt: number;
  readonly availabilityZone: string;
}

export interface SimEndpoint {
  readonly id: string;
  readonly arn: string;
  readonly type: 'source' | 'target';
  readonly engine: string;
  readonly serverName: string;
  readonly port: number;
  readonly username: string;
  readonly databaseName?: string;
  readonly sslMode: string;
  readonly createdAt: number;
}

/** A connection test (TestConnection) between an instance and an endpoint, and how it ends. */
export interface SimConnection {
  readonly instanceArn: string;
  readonly endpointArn: string;
  readonly startedAt: number;
  /** When DMS stops reporting `testing`. */
  readonly endsAt: number;
  readonly outcome: { readonly status: 'successful' | 'failed'; readonly message?: string };
}

/** An injected connection failure: tests of this endpoint in the window fail with the message. */
export interface ConnectionFault {
  readonly kind: 'connection-failure';
  readonly endpoint: string;
  readonly from: number;
  readonly until: number | null;
  readonly message: string;
}

/** How long a connection test takes (simulated ms). */
export const CONNECTION_TEST_MS = 10_000;

export interface CreateTaskInput {
  readonly id: string;
  readonly sourceEndpointArn: string;
  readonly targetEndpointArn: string;
  readonly instanceArn: string;
  readonly migrationType: MigrationType;
  readonly tableMappings: string;
  readonly settings?: string;
}

export interface CreateEndpointInput {
  readonly id: string;
  readonly type: 'source' | 'target';
  readonly engine: string;
  readonly serverName?: string;
  readonly port?: number;
  readonly username?: string;
  readonly databaseName?: string;
  readonly sslMode?: string;
}

export interface DmsSimulationOptions {
  readonly scenario: Scenario;
  readonly clock: RehearsalClock;
  /** Noise and injected-fault randomness; default the scenario's seed, else 1. */
  readonly seed?: number;
  /** The kernel's wire faults, which a scenario's `faults:` may hold too; default a set of the simulation's own. */
  readonly wireFaults?: WireFaults;
  /** Simulated epoch ms the scenario's times count from; default the clock's now. */
  readonly startedAt?: number;
}

/** Catching up on more than this at once runs the older part in 60 s steps (still coherent, 12x cheaper). */
const FINE_CATCH_UP_MS = 24 * 3600_000;
const COARSE_STEP_MS = 60_000;

/** Defaults for tasks created through the API (CreateReplicationTask). */
const CREATED_TASK_RATES: Omit<Rates, 'migrationType'> = {
  throughputRowsPerSecond: 20_000,
  parallelTables: 4,
  changeRatePerSecond: 40,
  applyCapacityPerSecond: 600,
  validation: true,
  rowBytes: 400,
};

export class DmsSimulation {
  readonly clock: RehearsalClock;
  readonly scenarioName: string;
  readonly region: string;
  readonly accountId: string;
  readonly seed: number;
  /** Simulated epoch ms when the simulation began; scenario times count from here. */
  readonly startedAt: number;
  readonly wireFaults: WireFaults;
  readonly #tasks = new Map<string, SimTask>();
  readonly #taskIds = new Map<string, SimTask>();
  readonly #metricKeys = new Map<string, SimTask>();
  readonly #sequence = new Map<SimTask, number>();
  readonly #active = new Set<SimTask>();
  readonly #instances = new Map<string, SimInstance>();
  readonly #endpoints = new Map<string, SimEndpoint>();
  readonly #events = new EventLog();
  readonly #logs = new TaskLogs();
  readonly #connections = new Map<string, SimConnection>();
  #connectionFaults: ConnectionFault[] = [];
  readonly #noise: () => number;
  #scheduledStarts: Array<{ at: number; task: SimTask }> = [];
  #lastTick: number;
  #nextSequence = 1;
  #generation = 0;

  constructor(options: DmsSimulationOptions) {
    const { scenario, clock } = options;
    this.clock = clock;
    this.scenarioName = scenario.name;
    this.region = scenario.region;
    this.accountId = scenario.accountId;
    this.seed = options.seed ?? scenario.seed ?? 1;
    this.#noise = prng(hashString('noise', this.seed));
    this.wireFaults = options.wireFaults ?? new WireFaults(prng(hashString('wire-faults', this.seed)));
    const now = options.startedAt ?? clock.now();
    this.startedAt = now;
    this.#lastTick = Math.floor(now / TICK_MS) * TICK_MS;

    const created = now - 7 * 86_400_000;
    for (const [index, spec] of scenario.instances.entries()) {
      const arn = this.#arn('rep', `rep:${spec.id}`);
      this.#instances.set(arn, {
        id: spec.id,
        arn,
        instanceClass: spec.class,
        allocatedStorageGiB: spec.allocatedStorageGiB,
        engineVersion: spec.engineVersion,
        createdAt: created,
        availabilityZone: `${scenario.region}${'abc'[index % 3]}`,
      });
    }
    for (const spec of scenario.tasks) {
      const task = this.#addTask(spec, spec.tables, 'ready', created, ...this.#scenarioEndpoints(spec, created));
      if (spec.autoStart) this.#scheduledStarts.push({ at: now + spec.startAfter * 1000, task });
    }
    this.#scheduledStarts.sort((a, b) => a.at - b.at);
    for (const fault of scenario.faults) this.injectFault(fault, now);
  }

  /** Simulated epoch ms, with the estate advanced to it. */
  now(): number {
    this.sync();
    return this.clock.now();
  }

  /** Moves the clock forward (and the estate with it). */
  advance(ms: number): void {
    this.clock.advance(ms);
    this.sync();
  }

  /** Runs every tick up to the clock's now. */
  sync(): void {
    const target = this.clock.now();
    while (this.#lastTick + TICK_MS <= target) {
      const coarse = target - this.#lastTick > FINE_CATCH_UP_MS && this.#lastTick % COARSE_STEP_MS === 0;
      const step = coarse ? COARSE_STEP_MS : TICK_MS;
      const end = this.#lastTick + step;
      this.#lastTick = end;
      while (this.#scheduledStarts.length > 0 && this.#scheduledStarts[0]!.at <= end) {
        const { task } = this.#scheduledStarts.shift()!;
        if (this.#tasks.has(task.identity.arn) && task.status === 'ready') {
          task.start('start-replication', end);
          this.#active.add(task);
        }
      }
      for (const task of this.#active) {
        task.tick(end, this.#noise, step);
        if (task.gone) this.#removeTask(task);
        else if (!task.active) this.#active.delete(task);
      }
    }
  }

  // ---- reads ----

  /**
   * Blocks or unblocks the writers at the source of the given tasks (identifiers or ARNs; every task when none
   * are named), as an operator does before a cutover. Answers the tasks it changed; throws for an unknown one.
   */
  setWritersBlocked(blocked: boolean, idsOrArns?: readonly string[]): SimTask[] {
    this.sync();
    const tasks = idsOrArns?.length
      ? idsOrArns.map((id) => {
          const task = this.#tasks.get(id) ?? this.#taskIds.get(id);
          if (!task) throw new AwsError('ResourceNotFoundFault', `Replication task ${id} not found`);
          return task;
        })
      : [...this.#tasks.values()];
    for (const task of tasks) task.writersBlocked = blocked;
    return tasks;
  }

  /** Tasks in creation order. */
  tasks(): SimTask[] {
    this.sync();
    return [...this.#tasks.values()];
  }

  /** A task by ARN or identifier. */
  task(idOrArn: string): SimTask | undefined {
    this.sync();
    return this.#tasks.get(idOrArn) ?? this.#taskIds.get(idOrArn);
  }

  /** Position in creation order, for paging markers. */
  sequenceOf(task: SimTask): number {
    return this.#sequence.get(task) ?? 0;
  }

  /** The task CloudWatch knows by these dimensions (instance name, last segment of the task ARN). */
  taskByMetricDimensions(instanceId: string, taskResourceId: string): SimTask | undefined {
    return this.#metricKeys.get(`${instanceId}\u0000${taskResourceId}`);
  }

  instances(): SimInstance[] {
    return [...this.#instances.values()];
  }

  endpoints(): SimEndpoint[] {
    return [...this.#endpoints.values()];
  }

  events(): readonly SimEvent[] {
    this.sync();
    return this.#events.list();
  }

  /** The tasks' CloudWatch Logs (groups `dms-tasks-<instance>`, streams `dms-task-<task resource id>`). */
  logs(): TaskLogs {
    this.sync();
    return this.#logs;
  }

  /** Connection tests, newest state first computed on the clock: `testing` until a test's end. */
  connections(): Array<SimConnection & { readonly status: 'testing' | 'successful' | 'failed' }> {
    const now = this.now();
    return [...this.#connections.values()].map((connection) => ({ ...connection, status: now < connection.endsAt ? 'testing' : connection.outcome.status }));
  }

  instance(arn: string): SimInstance | undefined {
    return this.#instances.get(arn);
  }

  endpoint(arn: string): SimEndpoint | undefined {
    return this.#endpoints.get(arn);
  }

  // ---- commands ----

  /**
   * Starts a connection test from an instance to an endpoint: `testing` for CONNECTION_TEST_MS, then successful, or
   * failed when a connection-failure fault covers the endpoint now. A new test replaces the last one of the pair.
   */
  testConnection(instanceArn: string, endpointArn: string): SimConnection {
    const now = this.now();
    const instance = this.#instances.get(instanceArn);
    if (!instance) throw new AwsError('ResourceNotFoundFault', `Replication instance ${instanceArn} not found`);
    const endpoint = this.#endpoints.get(endpointArn);
    if (!endpoint) throw new AwsError('ResourceNotFoundFault', `Endpoint ${endpointArn} not found`);
    const fault = this.#connectionFaults.find(
      (candidate) => candidate.endpoint === endpoint.id && now >= candidate.from && (candidate.until === null || now < candidate.until),
    );
    const connection: SimConnection = {
      instanceArn,
      endpointArn,
      startedAt: now,
      endsAt: now + CONNECTION_TEST_MS,
      outcome: fault ? { status: 'failed', message: fault.message } : { status: 'successful' },
    };
    this.#connections.set(`${instanceArn}\u0000${endpointArn}`, connection);
    this.#events.add({
      sourceId: endpoint.id,
      sourceType: 'endpoint',
      message: `Test connection from replication instance ${instance.id} started.`,
      categories: ['configuration change'],
      date: now,
    });
    return connection;
  }

  startTask(arn: string, type: StartType): SimTask {
    const task = this.#requireTask(arn);
    task.start(type, this.clock.now());
    this.#active.add(task);
    return task;
  }

  stopTask(arn: string): SimTask {
    const task = this.#requireTask(arn);
    task.stop(this.clock.now());
    this.#active.add(task);
    return task;
  }

  deleteTask(arn: string): SimTask {
    const task = this.#requireTask(arn);
    task.delete(this.clock.now());
    this.#active.add(task);
    return task;
  }

  reloadTables(arn: string, tables: readonly string[], option: 'data-reload' | 'validate-only'): SimTask {
    const task = this.#requireTask(arn);
    task.reloadTables(tables, option, this.clock.now());
    return task;
  }

  createTask(input: CreateTaskInput): SimTask {
    const now = this.now();
    if (this.#taskIds.has(input.id)) throw new AwsError('ResourceAlreadyExistsFault', `ReplicationTaskIdentifier ${input.id} already in use`);
    const instance = this.#instances.get(input.instanceArn);
    if (!instance) throw new AwsError('ResourceNotFoundFault', `Replication instance ${input.instanceArn} not found`);
    const source = this.#endpoints.get(input.sourceEndpointArn);
    const target = this.#endpoints.get(input.targetEndpointArn);
    if (!source || source.type !== 'source') throw new AwsError('ResourceNotFoundFault', `Source endpoint ${input.sourceEndpointArn} not found`);
    if (!target || target.type !== 'target') throw new AwsError('ResourceNotFoundFault', `Target endpoint ${input.targetEndpointArn} not found`);
    const spec: Rates & { id: string; instance: string } = { ...CREATED_TASK_RATES, id: input.id, instance: instance.id, migrationType: input.migrationType };
    const tables = tablesFromMappings(input.id, input.tableMappings, this.seed);
    const task = this.#addTask(spec, tables, 'creating', now, source.arn, target.arn, input.tableMappings, input.settings);
    this.#active.add(task);
    return task;
  }

  createEndpoint(input: CreateEndpointInput): SimEndpoint {
    const now = this.now();
    if ([...this.#endpoints.values()].some((endpoint) => endpoint.id === input.id))
      throw new AwsError('ResourceAlreadyExistsFault', `EndpointIdentifier ${input.id} already in use`);
    return this.#addEndpoint({ ...input, createdAt: now });
  }

  deleteEndpoint(arn: string): SimEndpoint {
    const endpoint = this.#endpoints.get(arn);
    if (!endpoint) throw new AwsError('ResourceNotFoundFault', `Endpoint ${arn} not found`);
    const user = [...this.#tasks.values()].find((task) => task.identity.sourceEndpointArn === arn || task.identity.targetEndpointArn === arn);
    if (user) throw new AwsError('InvalidResourceStateFault', `Endpoint ${endpoint.id} is used by replication task ${user.identity.id}`);
    this.#endpoints.delete(arn);
    return endpoint;
  }

  // ---- faults ----

  /** Adds a fault; its `at` counts from `base` (default now: runtime injections start "in at seconds"). */
  injectFault(spec: FaultSpec, base = this.now()): WireFault | TaskFault | ConnectionFault {
    if (spec.type === 'throttle' || spec.type === 'server-error' || spec.type === 'slow' || spec.type === 'hang') return this.wireFaults.add(spec, base);
    if (spec.type === 'connection-failure') return this.#addConnectionFault(spec, base);
    const task = this.#taskIds.get(spec.task);
    if (!task) throw new AwsError('ResourceNotFoundFault', `no task '${spec.task}'`);
    const fault = taskFault(spec, base, task);
    task.faults.push(fault);
    return fault;
  }

  clearFaults(): void {
    this.wireFaults.clear();
    this.#connectionFaults = [];
    for (const task of this.#tasks.values()) task.faults.length = 0;
  }

  describeFaults(): { wire: readonly WireFault[]; tasks: Array<{ task: string } & TaskFault>; connections: readonly ConnectionFault[] } {
    return {
      wire: this.wireFaults.list(),
      tasks: [...this.#tasks.values()].flatMap((task) => task.faults.map((fault) => ({ task: task.identity.id, ...fault }))),
      connections: this.#connectionFaults,
    };
  }

  #addConnectionFault(spec: ConnectionFaultSpec, base: number): ConnectionFault {
    const endpoint = [...this.#endpoints.values()].find((candidate) => candidate.id === spec.endpoint);
    if (!endpoint) throw new AwsError('ResourceNotFoundFault', `no endpoint '${spec.endpoint}'`);
    const from = base + spec.at * 1000;
    const fault: ConnectionFault = {
      kind: 'connection-failure',
      endpoint: spec.endpoint,
      from,
      until: spec.for === undefined ? null : from + spec.for * 1000,
      message:
        spec.message ??
        `Test connection for endpoint ${spec.endpoint} failed: Application-Status: 1020912, Application-Message: Cannot connect to ODBC provider ODBC general error., Application-Detailed-Message: RetCode: SQL_ERROR SqlState: HY000 NativeError: 2003 Message: [MySQL][ODBC 8.0(w) Driver]Can't connect to MySQL server on '${endpoint.serverName}' (110)`,
    };
    this.#connectionFaults.push(fault);
    return fault;
  }

  // ---- internals ----

  #requireTask(arn: string): SimTask {
    this.sync();
    const task = this.#tasks.get(arn);
    if (!task || task.gone) throw new AwsError('ResourceNotFoundFault', `Replication task ${arn} not found`);
    return task;
  }

  #arn(kind: 'rep' | 'task' | 'endpoint', name: string): string {
    return `arn:aws:dms:${this.region}:${this.accountId}:${kind}:${resourceId(name, this.seed)}`;
  }

  #addEndpoint(input: CreateEndpointInput & { createdAt: number }): SimEndpoint {
    const arn = this.#arn('endpoint', `endpoint:${input.id}:${this.#generation++}`);
    const endpoint: SimEndpoint = {
      id: input.id,
      arn,
      type: input.type,
      engine: input.engine,
      serverName: input.serverName ?? `${input.id}.example.internal`,
      port: input.port ?? 3306,
      username: input.username ?? 'dms_migration',
      ...(input.databaseName !== undefined ? { databaseName: input.databaseName } : {}),
      sslMode: input.sslMode ?? 'require',
      createdAt: input.createdAt,
    };
    this.#endpoints.set(arn, endpoint);
    return endpoint;
  }

  #scenarioEndpoints(spec: TaskSpec, createdAt: number): [string, string] {
    const schema = schemaNameFor(spec.id);
    const source = this.#addEndpoint({ id: `${spec.id}-source`, type: 'source', engine: 'mysql', serverName: `${schema}-db.dc2.example.internal`, createdAt });
    const target = this.#addEndpoint({
      id: `${spec.id}-target`,
      type: 'target',
      engine: 'mysql',
      serverName: `${schema}.c9akciq32xyz.${this.region}.rds.amazonaws.com`,
      createdAt,
    });
    return [source.arn, target.arn];
  }

  #addTask(
    spec: Rates & { id: string; instance: string },
    tables: readonly TableSpec[],
    status: 'ready' | 'creating',
    createdAt: number,
    sourceEndpointArn: string,
    targetEndpointArn: string,
    tableMappings = selectionRules(tables),
    settings = defaultSettings(spec),
  ): SimTask {
    const instance = [...this.#instances.values()].find((candidate) => candidate.id === spec.instance);
    if (!instance) throw new Error(`task ${spec.id}: no replication instance '${spec.instance}'`);
    const arn = this.#arn('task', `task:${spec.id}:${this.#generation++}`);
    const identity = {
      id: spec.id,
      arn,
      resourceId: arn.slice(arn.lastIndexOf(':') + 1),
      instanceArn: instance.arn,
      instanceId: instance.id,
      sourceEndpointArn,
      targetEndpointArn,
      tableMappings,
      settings,
      createdAt,
    };
    const rates: Rates = {
      migrationType: spec.migrationType,
      throughputRowsPerSecond: spec.throughputRowsPerSecond,
      parallelTables: spec.parallelTables,
      changeRatePerSecond: spec.changeRatePerSecond,
      applyCapacityPerSecond: spec.applyCapacityPerSecond,
      validation: spec.validation,
      rowBytes: spec.rowBytes,
    };
    const task = new SimTask(
      identity,
      rates,
      tables,
      status,
      createdAt,
      (source, at, message, category) =>
        this.#events.add({ sourceId: source.identity.id, sourceType: 'replication-task', message, categories: [category], date: at }),
      (source, at, component, severity, text) => this.#logs.append(source.identity.instanceId, source.identity.resourceId, at, component, severity, text),
    );
    this.#tasks.set(arn, task);
    this.#taskIds.set(spec.id, task);
    this.#metricKeys.set(`${instance.id}\u0000${identity.resourceId}`, task);
    this.#sequence.set(task, this.#nextSequence++);
    if (status === 'creating')
      this.#events.add({
        sourceId: spec.id,
        sourceType: 'replication-task',
        message: 'Replication task is being created.',
        categories: ['creation'],
        date: createdAt,
      });
    return task;
  }

  #removeTask(task: SimTask): void {
    this.#active.delete(task);
    this.#tasks.delete(task.identity.arn);
    if (this.#taskIds.get(task.identity.id) === task) this.#taskIds.delete(task.identity.id);
    this.#metricKeys.delete(`${task.identity.instanceId}\u0000${task.identity.resourceId}`);
    this.#sequence.delete(task);
  }
}

function taskFault(spec: TaskFaultSpec, base: number, task: SimTask): TaskFault {
  switch (spec.type) {
    case 'task-failure':
      return {
        kind: 'task-failure',
        atPercent: spec.atPercent,
        fired: false,
        message:
          spec.message ??
          `Last Error ODBC general error. Task error notification received from subtask 0, thread 0 [reptask/replicationtask.c:2883] [1022502] Error executing source loop; Stream component failed at subtask 0, component st_0_${task.identity.resourceId}; Stream component 'st_0_${task.identity.resourceId}' terminated [reptask/replicationtask.c:2891] [1022502] Stop Reason FATAL_ERROR Error Level FATAL`,
      };
    case 'latency-spike': {
      const from = base + spec.at * 1000;
      return { kind: 'latency-spike', from, until: from + spec.for * 1000, applyFactor: spec.applyFactor };
    }
    case 'table-error': {
      if (!task.table(spec.table)) throw new AwsError('InvalidParameterValueException', `task '${task.identity.id}' has no table ${spec.table}`);
      return {
        kind: 'table-error',
        at: base + spec.at * 1000,
        table: spec.table,
        fired: false,
        message: spec.message ?? `Failed to load table ${spec.table}: [1022502] Lost connection to MySQL server during query`,
      };
    }
    case 'validation-mismatch':
      if (!task.table(spec.table)) throw new AwsError('InvalidParameterValueException', `task '${task.identity.id}' has no table ${spec.table}`);
      return { kind: 'validation-mismatch', at: base + spec.at * 1000, table: spec.table, records: spec.records, fired: false };
  }
}

/** DMS table mappings that select exactly these tables. */
function selectionRules(tables: readonly TableSpec[]): string {
  const schemas = [...new Set(tables.map((table) => table.schema))];
  return JSON.stringify({
    rules: schemas.map((schema, index) => ({
      'rule-type': 'selection',
      'rule-id': String(index + 1),
      'rule-name': `include-${schema}`,
      'object-locator': { 'schema-name': schema, 'table-name': '%' },
      'rule-action': 'include',
    })),
  });
}

function defaultSettings(rates: Rates): string {
  return JSON.stringify({
    TargetMetadata: { SupportLobs: true, FullLobMode: false, LimitedSizeLobMode: true, LobMaxSize: 32 },
    FullLoadSettings: { TargetTablePrepMode: 'DROP_AND_CREATE', MaxFullLoadSubTasks: rates.parallelTables, CommitRate: 10000 },
    Logging: { EnableLogging: true },
    ValidationSettings: { EnableValidation: rates.validation, ValidationMode: 'ROW_LEVEL', ThreadCount: 5 },
  });
}

/** Tables for a task created through the API: generated for each schema its selection rules include. */
function tablesFromMappings(taskId: string, mappings: string, seed: number): TableSpec[] {
  let rules: unknown;
  try {
    rules = (JSON.parse(mappings) as { rules?: unknown }).rules;
  } catch {
    throw new AwsError('InvalidParameterValueException', 'Invalid table mappings document: not JSON');
  }
  if (!Array.isArray(rules)) throw new AwsError('InvalidParameterValueException', 'Invalid table mappings document: no rules');
  const tables: TableSpec[] = [];
  const seen = new Set<string>();
  for (const rule of rules as Array<Record<string, unknown>>) {
    if (rule['rule-type'] !== 'selection' || rule['rule-action'] !== 'include') continue;
    const locator = (rule['object-locator'] ?? {}) as Record<string, unknown>;
    const schemaPattern = String(locator['schema-name'] ?? '%');
    const tablePattern = String(locator['table-name'] ?? '%');
    const schema = schemaPattern.includes('%') ? schemaNameFor(taskId) : schemaPattern;
    const candidates = tablePattern.includes('%')
      ? generateTables(`${taskId}/${schema}`, seed, { schema })
      : [{ schema, name: tablePattern, rows: 10_000 + (hashString(tablePattern, seed) % 990_000) }];
    for (const table of candidates) {
      const key = `${table.schema}.${table.name}`;
      if (!seen.has(key)) tables.push(table);
      seen.add(key);
    }
  }
  if (tables.length === 0) throw new AwsError('InvalidParameterValueException', 'Invalid table mappings document: no selection rule includes any table');
  return tables;
}
