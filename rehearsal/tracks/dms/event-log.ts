// DMS events (DescribeEvents): what happened to which resource, bounded to the most recent entries.

export interface SimEvent {
  readonly sourceId: string;
  readonly sourceType: 'replication-instance' | 'replication-task' | 'endpoint';
  readonly message: string;
  readonly categories: readonly string[];
  /** Simulated epoch ms. */
  readonly date: number;
}

export const EVENT_LOG_LIMIT = 10_000;

export class EventLog {
  #events: SimEvent[] = [];

  add(event: SimEvent): void {
    this.#events.push(event);
    // Trim in batches, so adding stays O(1) amortized.
    if (this.#events.length > EVENT_LOG_LIMIT * 1.1) this.#events = this.#events.slice(-EVENT_LOG_LIMIT);
  }

  /** Oldest first. */
  list(): readonly SimEvent[] {
    return this.#events.length > EVENT_LOG_LIMIT ? this.#events.slice(-EVENT_LOG_LIMIT) : this.#events;
  }
}
