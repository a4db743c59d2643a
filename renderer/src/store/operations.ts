// Engine operations as the renderer keeps them: every known operation by id, the newest one per stack (and the
// newest preview, which decides whether a deploy needs a confirmation), and each operation's live log in a
// bounded ring buffer. Pure functions: each returns the same object when nothing changed.
//
// Memory bounds: at most MAX_OPERATIONS operations (finished ones that are no stack's latest are dropped
// oldest first), logs for at most MAX_LOGGED_OPERATIONS operations (the least recently written to is dropped,
// running ones last), MAX_LOG_LINES lines per log (the oldest lines are dropped).
import type { CockpitEvent, OperationLogLine, OperationView } from '../../../main/api/contract';
import { emptyLogBuffer, pushAll, type LogBuffer } from './log-buffer';

export const MAX_LOG_LINES = 5_000;
export const MAX_LOGGED_OPERATIONS = 50;
export const MAX_OPERATIONS = 500;

export interface OperationLog {
  readonly lines: LogBuffer<OperationLogLine>;
  /** Highest line number seen; lines at or below it are duplicates. */
  readonly lastSeq: number;
  /** Lines that never arrived (gaps in the numbering, e.g. while disconnected). */
  readonly missed: number;
}

export interface OperationsState {
  readonly byId: Readonly<Record<string, OperationView>>;
  /** stack id -> id of the stack's newest operation. */
  readonly latestByStack: Readonly<Record<string, string>>;
  /** stack id -> id of the stack's newest preview. */
  readonly latestPreviewByStack: Readonly<Record<string, string>>;
  readonly logs: Readonly<Record<string, OperationLog>>;
  /** Operation ids that have a kept log, least recently written to first (the next to be dropped). */
  readonly logOrder: readonly string[];
}

export const NO_OPERATIONS: OperationsState = { byId: {}, latestByStack: {}, latestPreviewByStack: {}, logs: {}, logOrder: [] };

/** Applies a batch of core events: operation updates replace the stored view, log lines are appended. */
export function applyOperationEvents(state: OperationsState, events: readonly CockpitEvent[]): OperationsState {
  const updates = new Map<string, OperationView>();
  const lines = new Map<string, OperationLogLine[]>();
  for (const event of events) {
    if (event.type === 'operation.updated') {
      updates.set(event.operation.operationId, event.operation);
    } else if (event.type === 'operation.log') {
      const list = lines.get(event.line.operationId);
      if (list) list.push(event.line);
      else lines.set(event.line.operationId, [event.line]);
    }
  }
  if (updates.size === 0 && lines.size === 0) return state;
  // Events arrive in the core's order, so an update always supersedes what the store has.
  const withUpdates = updates.size > 0 ? upsert(state, [...updates.values()], false) : state;
  return lines.size > 0 ? appendLogs(withUpdates, lines) : withUpdates;
}

/**
 * Stores operations that may be older than what events already delivered (a command's answer races the event
 * stream): an operation replaces the stored one only when it is at least as far along.
 */
export function mergeOperations(state: OperationsState, operations: readonly OperationView[]): OperationsState {
  return upsert(state, operations, true);
}

/**
 * Replaces the known operations with the core's list (after connecting or a missed batch). Operations that
 * events touched while the list was being fetched keep the newer of both versions; everything else the list
 * does not name is gone (the core restarted or forgot it), and so are its logs.
 */
export function replaceOperations(
  state: OperationsState,
  list: readonly OperationView[],
  touchedSinceRequest: ReadonlySet<string> = new Set(),
): OperationsState {
  const byId: Record<string, OperationView> = {};
  for (const operation of list) byId[operation.operationId] = operation;
  for (const id of touchedSinceRequest) {
    const current = state.byId[id];
    if (!current) continue;
    const listed = byId[id];
    if (!listed || isAtLeastAsFar(current, listed)) byId[id] = current;
  }
  const logs: Record<string, OperationLog> = {};
  const logOrder = state.logOrder.filter((id) => byId[id] !== undefined);
  for (const id of logOrder) logs[id] = state.logs[id]!;
  return prune({ byId, ...latestMaps(byId), logs, logOrder });
}

/**
 * Adds the lines the core kept of an operation (operation.log, for a window that opened late): lines the window
 * already has are skipped by their number, and those the core dropped count as missed, as gaps do.
 */
export function applyKeptLog(state: OperationsState, operationId: string, lines: readonly OperationLogLine[]): OperationsState {
  return lines.length > 0 ? appendLogs(state, new Map([[operationId, lines]])) : state;
}

/** Whether `a` is at least as far along as `b` (two versions of one operation). */
export function isAtLeastAsFar(a: OperationView, b: OperationView): boolean {
  const rank = (operation: OperationView) => (operation.status === 'running' ? 0 : 1);
  if (rank(a) !== rank(b)) return rank(a) > rank(b);
  const progress = (operation: OperationView) => operation.counts.started + operation.counts.done + operation.counts.failed;
  return progress(a) >= progress(b);
}

export function latestOperation(state: OperationsState, stackId: string): OperationView | undefined {
  const id = state.latestByStack[stackId];
  return id === undefined ? undefined : state.byId[id];
}

export function latestPreview(state: OperationsState, stackId: string): OperationView | undefined {
  const id = state.latestPreviewByStack[stackId];
  return id === undefined ? undefined : state.byId[id];
}

/** A stack's operations, newest first. */
export function operationsOfStack(byId: OperationsState['byId'], stackId: string): OperationView[] {
  return Object.values(byId)
    .filter((operation) => operation.stackId === stackId)
    .sort((a, b) => compareStart(b, a));
}

// ---------------------------------------------------------------------------------------------------------

function upsert(state: OperationsState, operations: readonly OperationView[], onlyIfFurther: boolean): OperationsState {
  let byId: Record<string, OperationView> | null = null;
  let latestByStack: Record<string, string> | null = null;
  let latestPreviewByStack: Record<string, string> | null = null;
  for (const operation of operations) {
    const id = operation.operationId;
    const current = (byId ?? state.byId)[id];
    if (current === operation || (onlyIfFurther && current && !isAtLeastAsFar(operation, current))) continue;
    byId ??= { ...state.byId };
    byId[id] = operation;
    const latest = (latestByStack ?? state.latestByStack)[operation.stackId];
    if (latest !== id && (latest === undefined || isNewer(operation, byId[latest]))) {
      latestByStack ??= { ...state.latestByStack };
      latestByStack[operation.stackId] = id;
    }
    if (operation.kind === 'preview') {
      const preview = (latestPreviewByStack ?? state.latestPreviewByStack)[operation.stackId];
      if (preview !== id && (preview === undefined || isNewer(operation, byId[preview]))) {
        latestPreviewByStack ??= { ...state.latestPreviewByStack };
        latestPreviewByStack[operation.stackId] = id;
      }
    }
  }
  if (!byId) return state;
  return prune({
    ...state,
    byId,
    latestByStack: latestByStack ?? state.latestByStack,
    latestPreviewByStack: latestPreviewByStack ?? state.latestPreviewByStack,
  });
}

function appendLogs(state: OperationsState, batch: ReadonlyMap<string, readonly OperationLogLine[]>): OperationsState {
  const logs: Record<string, OperationLog> = { ...state.logs };
  let order = state.logOrder;
  let changed = false;
  for (const [id, lines] of batch) {
    const current = logs[id] ?? { lines: emptyLogBuffer<OperationLogLine>(MAX_LOG_LINES), lastSeq: 0, missed: 0 };
    let { lastSeq, missed } = current;
    const fresh: OperationLogLine[] = [];
    for (const line of lines) {
      if (line.seq <= lastSeq) continue;
      missed += line.seq - lastSeq - 1;
      lastSeq = line.seq;
      fresh.push(line);
    }
    if (fresh.length === 0) continue;
    changed = true;
    logs[id] = { lines: pushAll(current.lines, fresh), lastSeq, missed };
    order = [...order.filter((other) => other !== id), id];
  }
  if (!changed) return state;
  // Too many logs: drop the least recently written to, preferring operations that are no longer running.
  while (order.length > MAX_LOGGED_OPERATIONS) {
    const victim = order.find((id) => state.byId[id]?.status !== 'running') ?? order[0]!;
    order = order.filter((id) => id !== victim);
    delete logs[victim];
  }
  return { ...state, logs, logOrder: order };
}

/** Keeps at most MAX_OPERATIONS: drops the oldest finished operations that are no stack's latest. */
function prune(state: OperationsState): OperationsState {
  const ids = Object.keys(state.byId);
  if (ids.length <= MAX_OPERATIONS) return state;
  const protectedIds = new Set([...Object.values(state.latestByStack), ...Object.values(state.latestPreviewByStack)]);
  const candidates = ids
    .map((id) => state.byId[id]!)
    .filter((operation) => operation.status !== 'running' && !protectedIds.has(operation.operationId))
    .sort(compareStart);
  const drop = new Set(candidates.slice(0, ids.length - MAX_OPERATIONS).map((operation) => operation.operationId));
  if (drop.size === 0) return state;
  const byId: Record<string, OperationView> = {};
  for (const id of ids) if (!drop.has(id)) byId[id] = state.byId[id]!;
  const logs: Record<string, OperationLog> = {};
  const logOrder = state.logOrder.filter((id) => !drop.has(id));
  for (const id of logOrder) logs[id] = state.logs[id]!;
  return { ...state, byId, logs, logOrder };
}

function latestMaps(byId: Readonly<Record<string, OperationView>>): Pick<OperationsState, 'latestByStack' | 'latestPreviewByStack'> {
  const latestByStack: Record<string, string> = {};
  const latestPreviewByStack: Record<string, string> = {};
  for (const operation of Object.values(byId)) {
    const latest = latestByStack[operation.stackId];
    if (latest === undefined || isNewer(operation, byId[latest])) latestByStack[operation.stackId] = operation.operationId;
    if (operation.kind !== 'preview') continue;
    const preview = latestPreviewByStack[operation.stackId];
    if (preview === undefined || isNewer(operation, byId[preview])) latestPreviewByStack[operation.stackId] = operation.operationId;
  }
  return { latestByStack, latestPreviewByStack };
}

/** Later start wins; on the same start a running operation wins (it is the one the operator cares about). */
function isNewer(candidate: OperationView, current: OperationView | undefined): boolean {
  if (!current) return true;
  const order = compareStart(candidate, current);
  if (order !== 0) return order > 0;
  return candidate.status === 'running' && current.status !== 'running';
}

function compareStart(a: OperationView, b: OperationView): number {
  const diff = Date.parse(a.startedAt) - Date.parse(b.startedAt);
  if (Number.isFinite(diff) && diff !== 0) return diff;
  return a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0;
}
