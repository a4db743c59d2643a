// Buffers core events and delivers them as one batch per short interval, so bursts cross a transport as a few
// messages and the UI applies each batch with one store update. Events that supersede each other (the latest
// plan snapshot, a stack's latest lifecycle) are coalesced within a batch.
import { TRACK_EVENT_TYPES, type CockpitEvent, type EventBatch } from './contract';

export interface EventBatcher {
  publish(event: CockpitEvent): void;
  subscribe(listener: (batch: EventBatch) => void): () => void;
  /** Delivers whatever is buffered now. */
  flush(): void;
  close(): void;
}

let uniqueEventCounter = 0;

function coalesceKey(event: CockpitEvent): string {
  switch (event.type) {
    case 'plan.changed':
      return 'plan';
    case 'environment.updated':
      return 'environment';
    case 'team.updated':
      return 'team';
    case 'stack.lifecycle':
      return `lifecycle:${event.stackId}`;
    case 'operation.updated':
      return `operation:${event.operation.operationId}`;
    case 'operation.log':
      // Log lines are never superseded: each keeps its own key.
      return `log:${event.line.operationId}:${event.line.seq}`;
    case 'stack.registrations':
      return `registrations:${event.stackId}`;
    case 'wave.updated':
      return `wave:${event.operation.operationId}`;
    case 'journal.appended':
      return `journal:${event.entry.seq}`;
    case 'cutover.updated':
      return `cutover:${event.run.waveId}`;
    case 'core.fault':
      return `fault:${++uniqueEventCounter}`;
    case 'cutover.readiness':
      // Each carries a wave's whole readiness view: the newest per wave supersedes.
      return `readiness:${event.wave.waveId}`;
    default: {
      // A track's event: coalesced by the key its contract declares, else kept.
      const supersedes = TRACK_EVENT_TYPES.get(event.type);
      return supersedes ? `${event.type}:${(supersedes as (event: CockpitEvent) => string)(event)}` : `${event.type}:${++uniqueEventCounter}`;
    }
  }
}

export interface EventBatcherOptions {
  readonly flushMs?: number;
  readonly maxBatch?: number;
  /**
   * A subscriber threw while taking a batch (e.g. its socket failed). The others still get the batch and the
   * throw never escapes the flush timer, which would end the process; without this option it is dropped.
   */
  readonly onListenerError?: (error: unknown) => void;
}

export function createEventBatcher(options: EventBatcherOptions = {}): EventBatcher {
  const flushMs = options.flushMs ?? 50;
  const maxBatch = options.maxBatch ?? 1000;
  const listeners = new Set<(batch: EventBatch) => void>();
  let pending = new Map<string, CockpitEvent>();
  let sequence = 0;
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending.size === 0) return;
    const batch: EventBatch = { sequence: ++sequence, events: [...pending.values()] };
    pending = new Map();
    for (const listener of listeners) deliver(listener, batch);
  };

  const deliver = (listener: (batch: EventBatch) => void, batch: EventBatch) => {
    try {
      listener(batch);
    } catch (error) {
      try {
        options.onListenerError?.(error);
      } catch {
        // The reporter failed too; delivery to the other subscribers matters more than this report.
      }
    }
  };

  return {
    publish(event) {
      const key = coalesceKey(event);
      // Re-insert so a superseding event keeps its place after everything published before it.
      pending.delete(key);
      pending.set(key, event);
      if (pending.size >= maxBatch) flush();
      else timer ??= setTimeout(flush, flushMs);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush,
    close() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending.clear();
      listeners.clear();
    },
  };
}
