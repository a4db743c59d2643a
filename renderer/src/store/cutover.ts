// Cutover runs as the renderer keeps them: each wave's latest runbook run (cutover.state answers, cutover.updated
// events and the answers of cutover commands). Pure functions; each returns the same object when nothing changed.
// A view is never replaced by an older one (its clock.asOf is the core's time of computing it), so a command's
// answer that arrives after a newer event does not roll the run back. Each run keeps the offset between the core's
// clock and ours, measured when it arrived, so the UI can tick its clocks on the core's time.
import type { CockpitEvent, CutoverRunView, PlanSnapshot } from '../../../main/api/contract';

export interface CutoverState {
  /** Whether cutover.state has answered at least once. */
  readonly loaded: boolean;
  /** Why the last cutover.state failed, until one succeeds. */
  readonly error: string | null;
  /** wave id -> its latest run (or not-started). */
  readonly runs: Readonly<Record<string, CutoverRunView>>;
  /** wave id -> core clock minus our clock (ms) when its view arrived. */
  readonly skewMs: Readonly<Record<string, number>>;
}

export const NO_CUTOVER: CutoverState = { loaded: false, error: null, runs: {}, skewMs: {} };

export function isCutoverEvent(event: CockpitEvent): boolean {
  return event.type === 'cutover.updated';
}

/** Applies a batch's cutover events in order; a new plan drops the runs of waves it does not have. */
export function applyCutoverEvents(state: CutoverState, events: readonly CockpitEvent[], receivedAt = Date.now()): CutoverState {
  let next = state;
  for (const event of events) {
    if (event.type === 'plan.changed') next = retainWaves(next, event.snapshot);
    else if (event.type === 'cutover.updated') next = mergeRun(next, event.run, receivedAt);
  }
  return next;
}

/** Upserts one run view (an event's or a command's answer), unless the slice holds a newer view of that wave. */
export function mergeRun(state: CutoverState, run: CutoverRunView, receivedAt = Date.now()): CutoverState {
  const current = state.runs[run.waveId];
  if (current === run) return state;
  if (current && isOlder(run, current)) return state;
  const asOf = Date.parse(run.clock.asOf);
  const skew = Number.isFinite(asOf) ? asOf - receivedAt : 0;
  return { ...state, runs: { ...state.runs, [run.waveId]: run }, skewMs: { ...state.skewMs, [run.waveId]: skew } };
}

/** The core's answer to cutover.state, with the cutover events that arrived while it was in flight on top. */
export function replaceCutover(
  state: CutoverState,
  list: readonly CutoverRunView[],
  arrived: readonly CockpitEvent[] = [],
  receivedAt = Date.now(),
): CutoverState {
  let next: CutoverState = { loaded: true, error: null, runs: {}, skewMs: {} };
  for (const run of list) {
    // Keep the very object when the core says the same, so the views do not re-render.
    const previous = state.runs[run.waveId];
    const kept = previous && previous.clock.asOf === run.clock.asOf && previous.runId === run.runId ? previous : run;
    next = mergeRun(next, kept, receivedAt);
    if (kept === previous && state.skewMs[run.waveId] !== undefined) next = { ...next, skewMs: { ...next.skewMs, [run.waveId]: state.skewMs[run.waveId]! } };
  }
  return applyCutoverEvents(next, arrived.filter(isCutoverEvent), receivedAt);
}

/** Whether `candidate` was computed before `current` (same wave). */
function isOlder(candidate: CutoverRunView, current: CutoverRunView): boolean {
  const a = Date.parse(candidate.clock.asOf);
  const b = Date.parse(current.clock.asOf);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return a < b;
}

function retainWaves(state: CutoverState, snapshot: PlanSnapshot): CutoverState {
  const ids = snapshot.status === 'loaded' ? new Set(snapshot.plan.waves.map((wave) => wave.id)) : new Set<string>();
  const gone = Object.keys(state.runs).filter((id) => !ids.has(id));
  if (gone.length === 0) return state;
  const runs = { ...state.runs };
  const skewMs = { ...state.skewMs };
  for (const id of gone) {
    delete runs[id];
    delete skewMs[id];
  }
  return { ...state, runs, skewMs };
}
