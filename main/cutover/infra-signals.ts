// What the core knows of each stack's Pulumi side for readiness: the running operation, the last one that decided its
// infrastructure, and the drift the last refresh found; kept from operation views and seeded from the journal.
import type { OperationView } from '../api/contract';
import type { JournalEntry } from '../journal/entry';

/** What the core knows about a stack's Pulumi side, from its operations (live) and the journal (at start). */
export interface InfraSignal {
  running: { readonly operationId: string; readonly kind: string; readonly since: string } | null;
  /** The last finished up, rollback, destroy or recover (or any operation a crash interrupted). */
  last: {
    readonly operationId: string;
    readonly kind: string;
    readonly status: 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
    readonly at: string;
    readonly message: string | null;
  } | null;
  /** What the last refresh found changed, until the next successful up. */
  drift: { readonly at: string; readonly summary: string } | null;
}

/** Operations whose outcome is the stack's infrastructure (register / deregister only touch registrations). */
const UPDATE_KINDS: ReadonlySet<string> = new Set(['up', 'rollback', 'destroy', 'recover']);

/** Infrastructure signals per stack, kept up to date from operation views and seeded from the journal. */
export class InfraSignals {
  private readonly byStack = new Map<string, InfraSignal>();

  get(stackId: string): InfraSignal | undefined {
    return this.byStack.get(stackId);
  }

  /** An operation's latest view (operation.updated, operations.list). Returns whether the signal changed. */
  observeOperation(view: Pick<OperationView, 'operationId' | 'kind' | 'stackId' | 'status' | 'startedAt' | 'finishedAt' | 'message' | 'changes'>): boolean {
    const signal = this.signalOf(view.stackId);
    if (view.status === 'running') {
      if (signal.running?.operationId === view.operationId) return false;
      // A view of an operation that already finished may arrive late (a list racing the events): ignore it.
      if (signal.last?.operationId === view.operationId) return false;
      signal.running = { operationId: view.operationId, kind: view.kind, since: view.startedAt };
      return true;
    }
    const wasRunning = signal.running?.operationId === view.operationId;
    if (wasRunning) signal.running = null;
    if (signal.last?.operationId === view.operationId) return wasRunning;
    const changed = this.finished(signal, view.operationId, view.kind, view.status, view.finishedAt ?? view.startedAt, view.message, view.changes);
    return changed || wasRunning;
  }

  /** The journal as it was at start: the last outcome per stack, and operations a crash interrupted. */
  seedFromJournal(entries: readonly JournalEntry[]): void {
    const open = new Map<string, JournalEntry>();
    for (const entry of entries) {
      if (entry.target.type !== 'stack') continue;
      if (entry.phase === 'started') {
        open.set(entry.operationId, entry);
        continue;
      }
      open.delete(entry.operationId);
      this.finished(this.signalOf(entry.target.stackId), entry.operationId, entry.kind, entry.phase, entry.at, entry.message ?? null, entry.changes ?? null);
    }
    for (const entry of open.values()) {
      if (entry.target.type !== 'stack' || entry.kind === 'preview') continue;
      const signal = this.signalOf(entry.target.stackId);
      signal.last = { operationId: entry.operationId, kind: entry.kind, status: 'interrupted', at: entry.at, message: 'the cockpit stopped during it' };
    }
  }

  /** Forgets stacks that are not in the plan any more. */
  retain(stackIds: ReadonlySet<string>): void {
    for (const stackId of this.byStack.keys()) if (!stackIds.has(stackId)) this.byStack.delete(stackId);
  }

  private signalOf(stackId: string): InfraSignal {
    let signal = this.byStack.get(stackId);
    if (!signal) {
      signal = { running: null, last: null, drift: null };
      this.byStack.set(stackId, signal);
    }
    return signal;
  }

  private finished(
    signal: InfraSignal,
    operationId: string,
    kind: string,
    status: string,
    at: string,
    message: string | null,
    changes: Readonly<Record<string, number>> | null,
  ): boolean {
    if (status !== 'succeeded' && status !== 'failed' && status !== 'cancelled' && status !== 'interrupted') return false;
    if (kind === 'refresh') {
      if (status !== 'succeeded' || !changes) return false;
      const drifted = Object.entries(changes).filter(([op, count]) => op !== 'same' && count > 0);
      signal.drift = drifted.length > 0 ? { at, summary: drifted.map(([op, count]) => `${count} ${op}`).join(', ') } : null;
      return true;
    }
    if (!UPDATE_KINDS.has(kind) && status !== 'interrupted') return false;
    signal.last = { operationId, kind, status, at, message };
    if (status === 'succeeded' && (kind === 'up' || kind === 'destroy')) signal.drift = null;
    return true;
  }
}
