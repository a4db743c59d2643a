// Green-since bookkeeping for readiness: when each stack × gate turned green (kept across recomputes while it
// stays green, forgotten the moment it leaves green), when each wave became ready, and when a running hold is
// expected to end (any gate with a hold, whichever track owns it). Sized per plan: stacks × gate columns. Times are
// the data clock's (a sped-up rehearsal's: readiness-service.ts); each is kept as the ISO string the views carry, so
// an unchanged time is the same string and comparing views stays cheap.

interface HoldEstimate {
  remainingSeconds: number;
  endsAt: string;
}

export class ReadinessTracker {
  /** stack id -> ISO green-since per gate column (null: not green). */
  private readonly gates = new Map<string, (string | null)[]>();
  private readonly waves = new Map<string, string | null>();
  /** stack id -> the running hold per gate column (null: none). */
  private readonly holds = new Map<string, (HoldEstimate | null)[]>();
  /** Running holds across all stacks: with none (the usual case), a gate without a hold costs no lookup. */
  private running = 0;

  /** `columns`: the plan's gate columns. */
  constructor(private columns: number) {}

  /** A plan with more or fewer gate columns: every stack's gates start afresh (a column index means another gate now). */
  resize(columns: number): void {
    if (columns !== this.columns) this.reset(columns);
  }

  /** A plan with other gate columns, however many: every stack's gates start afresh. */
  reset(columns: number): void {
    this.columns = columns;
    this.gates.clear();
    this.holds.clear();
    this.running = 0;
  }

  /** Records a gate's status now; answers when it went green (null when it is not green). */
  gate(stackId: string, gateIndex: number, green: boolean, now: number): string | null {
    let since = this.gates.get(stackId);
    if (!since) {
      since = new Array<string | null>(this.columns).fill(null);
      this.gates.set(stackId, since);
    }
    if (!green) return (since[gateIndex] = null);
    return (since[gateIndex] ??= new Date(now).toISOString());
  }

  /** Records whether a wave is ready now; answers since when (null when it is not). */
  wave(waveId: string, ready: boolean, now: number): string | null {
    if (!ready) {
      this.waves.set(waveId, null);
      return null;
    }
    let since = this.waves.get(waveId) ?? null;
    if (since === null) {
      since = new Date(now).toISOString();
      this.waves.set(waveId, since);
    }
    return since;
  }

  /**
   * When a gate's running hold should end, estimated from the seconds it still has to go. The estimate moves only
   * when the remaining time does (a new latency sample), so recomputes between samples change nothing.
   */
  holdEndsAt(stackId: string, gateIndex: number, remainingSeconds: number | null, now: number): string | null {
    if ((remainingSeconds === null || remainingSeconds <= 0) && this.running === 0) return null;
    let held = this.holds.get(stackId);
    if (remainingSeconds === null || remainingSeconds <= 0) {
      if (held?.[gateIndex]) {
        held[gateIndex] = null;
        this.running--;
      }
      return null;
    }
    const estimate = held?.[gateIndex];
    if (estimate && estimate.remainingSeconds === remainingSeconds) return estimate.endsAt;
    if (!held) {
      held = new Array<HoldEstimate | null>(this.columns).fill(null);
      this.holds.set(stackId, held);
    }
    const endsAt = new Date(now + remainingSeconds * 1000).toISOString();
    if (!held[gateIndex]) this.running++;
    held[gateIndex] = { remainingSeconds, endsAt };
    return endsAt;
  }

  /** Forgets stacks and waves that are no longer in the plan. */
  retain(stackIds: ReadonlySet<string>, waveIds: ReadonlySet<string>): void {
    for (const id of this.gates.keys()) if (!stackIds.has(id)) this.gates.delete(id);
    for (const [id, held] of this.holds) {
      if (stackIds.has(id)) continue;
      for (const hold of held) if (hold) this.running--;
      this.holds.delete(id);
    }
    for (const id of this.waves.keys()) if (!waveIds.has(id)) this.waves.delete(id);
  }
}
