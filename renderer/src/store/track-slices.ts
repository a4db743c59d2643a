// The tracks' slices of the store (renderer/src/seam/track-ui.ts): each track connected once, a batch's events handed
// to the tracks that own them (inside the store's one update per batch), and each track's re-read given its events
// that arrived while the read was in flight (arrivals.ts).
import type { CockpitEvent } from '../../../main/api/contract';
import type { TrackConnection, TrackStore, TrackUi } from '../seam/track-ui';
import type { StoreContext } from './actions/context';
import type { CockpitState } from './cockpit-state';

type Slices = CockpitState['tracks'];

export interface ConnectedTracks {
  /** Each track's slice before anything arrived, by id. */
  readonly initial: Slices;
  /** Each track's actions, by id. */
  readonly actions: Readonly<Record<string, unknown>>;
  /** The slices after a batch; the same object when no track's slice changed. */
  apply(slices: Slices, events: readonly CockpitEvent[]): Slices;
  /** Every track's re-read. */
  rereadAll(): Promise<void>[];
  /** One track's re-read; refused for an id the store has no track of. */
  reread(trackId: string): Promise<void>;
}

interface Connected {
  readonly ui: TrackUi;
  readonly connection: TrackConnection<unknown, unknown>;
}

export function connectTracks(tracks: readonly TrackUi[], { api, set, get, pushError, arrivals }: StoreContext): ConnectedTracks {
  const connected: Connected[] = [];
  for (const ui of tracks) {
    if (connected.some((other) => other.ui.id === ui.id)) throw new Error(`Two tracks have the id '${ui.id}'`);
    const store: TrackStore<unknown> = {
      api,
      slice: () => get().tracks[ui.id],
      update: (change) => set((state) => ({ tracks: withSlice(state.tracks, ui.id, change) })),
      showTab: (change = (slice) => slice) => set((state) => ({ ...(ui.tab ? { view: ui.tab.view } : {}), tracks: withSlice(state.tracks, ui.id, change) })),
      pushError,
      async during(read) {
        const { answer, arrived } = await arrivals.during(read);
        return { answer, arrived: arrived.filter((event) => ui.owns(event)) };
      },
    };
    connected.push({ ui, connection: ui.connect(store) });
  }

  return {
    initial: Object.fromEntries(connected.map(({ ui }) => [ui.id, ui.initial])),
    actions: Object.fromEntries(connected.map(({ ui, connection }) => [ui.id, connection.actions])),
    apply(slices, events) {
      let next: Record<string, unknown> | null = null;
      for (const { ui, connection } of connected) {
        const owned = events.filter((event) => ui.owns(event));
        if (owned.length === 0) continue;
        const slice = connection.apply(slices[ui.id], owned);
        if (slice === slices[ui.id]) continue;
        next ??= { ...slices };
        next[ui.id] = slice;
      }
      return next ?? slices;
    },
    rereadAll: () => connected.map(({ connection }) => connection.reread()),
    reread(trackId) {
      const track = connected.find(({ ui }) => ui.id === trackId);
      return track ? track.connection.reread() : Promise.reject(new Error(`The store has no track '${trackId}'`));
    },
  };
}

/** The slices with one track's changed (the same object when the change returns the slice it was given). */
function withSlice(slices: Slices, trackId: string, change: (slice: unknown) => unknown): Slices {
  const slice = change(slices[trackId]);
  return slice === slices[trackId] ? slices : { ...slices, [trackId]: slice };
}
