// How views reach the tracks: the list the store was built with, a track's slice and its actions (the hooks its own
// views use, through the track's TrackRef), and the same reads outside React (tests).
import type { CockpitState } from '../store/cockpit-state';
import { useCockpit } from '../store/context';
import type { TrackRef, TrackUi } from './track-ui';

/** The tracks of this store, in the list's order. */
export function useTrackUis(): readonly TrackUi[] {
  return useCockpit((state) => state.trackUis);
}

/** Selects from a track's slice; the selector must return a stable value (a field, not a new object). */
export function useTrack<S, T>(ref: TrackRef<S, unknown>, select: (slice: S) => T): T {
  return useCockpit((state) => select(trackSlice(state, ref)));
}

export function useTrackActions<A>(ref: TrackRef<unknown, A>): A {
  return useCockpit((state) => trackActions(state, ref));
}

export function trackSlice<S>(state: CockpitState, ref: TrackRef<S, unknown>): S {
  if (!(ref.id in state.tracks)) throw new Error(`The store has no track '${ref.id}'`);
  return state.tracks[ref.id] as S;
}

export function trackActions<A>(state: CockpitState, ref: TrackRef<unknown, A>): A {
  if (!(ref.id in state.trackActions)) throw new Error(`The store has no track '${ref.id}'`);
  return state.trackActions[ref.id] as A;
}
