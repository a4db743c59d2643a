// common/ — a keyed serial queue: work on the same key runs one after another, in the order it came; work on
// different keys runs independently. A failure answers its own caller and does not stop the queue.
// Environment-neutral pure helper (no zod, no node:, no DOM, no packages).
export class KeyedQueue<K = string> {
  /** Per key: the end of the last queued work (settled, never rejected). */
  private readonly tails = new Map<K, Promise<void>>();

  /** Runs `work` once every earlier work of `key` has settled; answers with its result (or its failure). */
  run<T>(key: K, work: () => T | Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(work);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, settled);
    void settled.then(() => {
      if (this.tails.get(key) === settled) this.tails.delete(key);
    });
    return next;
  }

  /** How many keys have work queued or running. */
  get busyKeys(): number {
    return this.tails.size;
  }
}
