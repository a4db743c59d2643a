// Views that want the core to watch something while they show it (a task's table statistics, a task's log) hold
// their interest; the core is told the union, once per burst of changes (a view that switches tasks releases and
// holds in one render), and again when forced (after a reconnect the core may have forgotten it).
export class InterestHolders<V> {
  private nextId = 1;
  private readonly held = new Map<number, V>();
  private sent: readonly string[] = [];
  private scheduled = false;
  private force = false;

  /**
   * @param unionOf the keys to tell the core for what is held (sorted, capped)
   * @param send tells the core (the answer is the sender's to apply)
   */
  constructor(
    private readonly unionOf: (held: ReadonlyMap<number, V>) => string[],
    private readonly send: (keys: readonly string[]) => void,
  ) {}

  /** Holds `value`; returns the release, which runs `onRelease` once after telling the core. */
  hold(value: V, onRelease: () => void): () => void {
    const id = this.nextId++;
    this.held.set(id, value);
    this.sync(false);
    return () => {
      if (!this.held.delete(id)) return;
      this.sync(false);
      onRelease();
    };
  }

  /** The keys held now. */
  keys(): ReadonlySet<string> {
    return new Set(this.unionOf(this.held));
  }

  /** Tells the core the union if it changed (or `force`), once per microtask. */
  sync(force: boolean): void {
    this.force ||= force;
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      const keys = this.unionOf(this.held);
      const unchanged = keys.length === this.sent.length && keys.every((key, index) => key === this.sent[index]);
      if (unchanged && !this.force) return;
      this.force = false;
      // Nothing was ever held: no need to tell the core there is still nothing.
      if (keys.length === 0 && this.sent.length === 0 && unchanged) return;
      this.sent = keys;
      this.send(keys);
    });
  }
}
