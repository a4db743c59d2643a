// One rule for every re-read (plan.get aside, which asks again): an answer may be older than an event that arrived
// while it was in flight, so each read gets the events that arrived meanwhile and folds them on top of its answer.
import type { EventBatch } from '../../../main/api/contract';

export type CockpitEventOf = EventBatch['events'][number];

export class ArrivalLog {
  private readonly open = new Set<CockpitEventOf[]>();

  /** Hands a batch's events to every read in flight (nothing to do, and nothing kept, when none is). */
  record(events: readonly CockpitEventOf[]): void {
    for (const arrived of this.open) arrived.push(...events);
  }

  /** Runs a read and gives its answer with the events that arrived while it was in flight, oldest first. */
  async during<T>(read: () => Promise<T>): Promise<{ readonly answer: T; readonly arrived: readonly CockpitEventOf[] }> {
    const arrived: CockpitEventOf[] = [];
    this.open.add(arrived);
    try {
      return { answer: await read(), arrived };
    } finally {
      this.open.delete(arrived);
    }
  }
}
