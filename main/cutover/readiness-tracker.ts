// Green-since bookkeeping for readiness: when each stack × gate turned green (kept across recomputes while it
// stays green, forgotten the moment it leaves green), when each wave became ready, and when a running latency hold
// is expected to end. Times are the replication data's clock (a sped-up rehearsal's: readiness-service.ts); each
// is kept as the ISO string the views carry, so an unchanged time is the same string and comparing views stays cheap.
import { GATE_COUNT } from './readiness';

interface HoldEstimate {
  remainingSeconds: number;
  endsAt: string;
}

export class ReadinessTracker {
  /** stack id -> ISO green-since per gate (null: not green). */
  private readonly gates = new Map<string, (string | null)[]>();
  private readonly waves = new Map<string, string | null>();
  private readonly holds = new Map<string, HoldEstimate>();

  /** Records a gate's status now; answers when it went green (null when it is not green). */
  gate(stackId: string, gateIndex: number, green: boolean, now: number): string | null {
    let since = this.gates.get(stackId);
    if (!since) {
      since = new Array<string | null>(GATE_COUNT).fill(null);
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
   * When a running hold should end, estimated from the seconds it still has to go. The estimate moves only when
   * the remaining time does (a new latency sample), so recomputes between samples change nothing.
   */
  holdEndsAt(stackId: string, remainingSeconds: number | null, now: number): string | null {
    if (remainingSeconds === null || remainingSeconds <= 0) {
      this.holds.delete(stackId);
      return null;
    }
    const held = this.holds.get(stackId);
    if (held && held.remainingSeconds === remainingSeconds) return held.endsAt;
    const endsAt = new Date(now + remainingSeconds * 1000).toISOString();
    this.holds.set(stackId, { remainingSeconds, endsAt });
    return endsAt;
  }

  /** Forgets stacks and waves that are no longer in the plan. */
  retain(stackIds: ReadonlySet<string>, waveIds: ReadonlySet<string>): void {
    for (const id of this.gates.keys()) if (!stackIds.has(id)) this.gates.delete(id);
    for (const id of this.holds.keys()) if (!stackIds.has(id)) this.holds.delete(id);
    for (const id of this.waves.keys()) if (!waveIds.has(id)) this.waves.delete(id);
  }
}
