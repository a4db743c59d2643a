// When the store last took in data (an event batch, a re-read's plan), outside React: the disconnected banner says
// "last data at …", which must not move on while nothing arrives. Read with useSyncExternalStore.
import type { CockpitStore } from '../store/cockpit-store';

export interface LastData {
  /** ms, or null before any data arrived. */
  get(): number | null;
  subscribe(listener: () => void): () => void;
}

export function lastDataClock(store: CockpitStore, now: () => number = Date.now): LastData {
  let at: number | null = null;
  const listeners = new Set<() => void>();
  store.subscribe((state, previous) => {
    if (state.lastSequence === previous.lastSequence && state.snapshot === previous.snapshot) return;
    at = now();
    listeners.forEach((listener) => listener());
  });
  return {
    get: () => at,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
