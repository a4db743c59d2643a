// Cutover readiness as the renderer keeps it: each wave's gate matrix (cutover.readiness answers and events).
// Pure functions; each returns the same object when nothing changed, and a wave's new view keeps the previous
// stack objects that did not change, so the matrix re-renders only the rows that did.
import type { CockpitEvent, PlanSnapshot, ReadinessGateView, StackReadinessView, WaveReadinessView } from '../../../main/api/contract';

export interface ReadinessState {
  /** Whether cutover.readiness has answered at least once. */
  readonly loaded: boolean;
  /** Why the last cutover.readiness failed, until one succeeds. */
  readonly error: string | null;
  /** wave id -> its readiness. */
  readonly waves: Readonly<Record<string, WaveReadinessView>>;
}

export const NO_READINESS: ReadinessState = { loaded: false, error: null, waves: {} };

export function isReadinessEvent(event: CockpitEvent): boolean {
  return event.type === 'cutover.readiness';
}

/**
 * Applies a batch's readiness events in order. A new plan drops the waves it does not have (the core sends every
 * wave of a new plan again right after).
 */
export function applyReadinessEvents(state: ReadinessState, events: readonly CockpitEvent[]): ReadinessState {
  let waves: Record<string, WaveReadinessView> | null = null;
  for (const event of events) {
    if (event.type === 'plan.changed') {
      const kept = retainWaves(waves ?? state.waves, event.snapshot);
      if (kept !== (waves ?? state.waves)) waves = { ...kept };
    } else if (event.type === 'cutover.readiness') {
      const current = (waves ?? state.waves)[event.wave.waveId];
      const merged = mergeWave(current, event.wave);
      if (merged === current) continue;
      waves ??= { ...state.waves };
      waves[event.wave.waveId] = merged;
    }
  }
  return waves ? { ...state, waves } : state;
}

/** The core's answer to cutover.readiness, with the readiness events that arrived while it was in flight on top. */
export function replaceReadiness(state: ReadinessState, list: readonly WaveReadinessView[], arrived: readonly CockpitEvent[] = []): ReadinessState {
  const waves: Record<string, WaveReadinessView> = {};
  for (const wave of list) waves[wave.waveId] = mergeWave(state.waves[wave.waveId], wave);
  return applyReadinessEvents({ loaded: true, error: null, waves }, arrived.filter(isReadinessEvent));
}

/** The new view of a wave, reusing the previous view's stack objects (and the view itself) where nothing changed. */
export function mergeWave(previous: WaveReadinessView | undefined, next: WaveReadinessView): WaveReadinessView {
  if (!previous || previous === next) return next;
  const before = new Map(previous.stacks.map((stack) => [stack.stackId, stack]));
  let reused = previous.stacks.length === next.stacks.length;
  const stacks = next.stacks.map((stack, index) => {
    const old = before.get(stack.stackId);
    const kept = old && sameStack(old, stack) ? old : stack;
    if (kept !== previous.stacks[index]) reused = false;
    return kept;
  });
  const sameWave =
    reused &&
    previous.ready === next.ready &&
    previous.readySince === next.readySince &&
    previous.phase === next.phase &&
    previous.phaseSince === next.phaseSince &&
    previous.phaseDetail === next.phaseDetail &&
    previous.deployRefusal === next.deployRefusal &&
    previous.blockingCount === next.blockingCount &&
    sameStrings(previous.blockingReasons, next.blockingReasons);
  if (sameWave) return previous;
  return { ...next, stacks: reused ? previous.stacks : stacks };
}

function retainWaves(waves: Readonly<Record<string, WaveReadinessView>>, snapshot: PlanSnapshot): Readonly<Record<string, WaveReadinessView>> {
  if (snapshot.status !== 'loaded') return Object.keys(waves).length === 0 ? waves : {};
  const ids = new Set(snapshot.plan.waves.map((wave) => wave.id));
  const gone = Object.keys(waves).filter((id) => !ids.has(id));
  if (gone.length === 0) return waves;
  const kept = { ...waves };
  for (const id of gone) delete kept[id];
  return kept;
}

function sameStack(a: StackReadinessView, b: StackReadinessView): boolean {
  if (a.stackId !== b.stackId || a.ready !== b.ready || a.gates.length !== b.gates.length) return false;
  if (a.sync.status !== b.sync.status || a.sync.reason !== b.sync.reason || a.health.status !== b.health.status || a.health.reason !== b.health.reason)
    return false;
  for (let i = 0; i < a.gates.length; i++) if (!sameGate(a.gates[i]!, b.gates[i]!)) return false;
  return true;
}

function sameGate(a: ReadinessGateView, b: ReadinessGateView): boolean {
  return (
    a.gate === b.gate &&
    a.status === b.status &&
    a.greenSince === b.greenSince &&
    a.holdRemainingSeconds === b.holdRemainingSeconds &&
    a.holdEndsAt === b.holdEndsAt &&
    sameStrings(a.reasons, b.reasons)
  );
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
