// React access to the store: a provider plus a selector hook.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { CockpitActions, CockpitState, CockpitStore } from './cockpit-store';

const StoreContext = createContext<CockpitStore | null>(null);

export function CockpitStoreProvider({ store, children }: { store: CockpitStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

function useStoreApi(): CockpitStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useCockpit must be used inside <CockpitStoreProvider>');
  return store;
}

/** Selects from the store; the selector must return a stable value (a field, not a new object). */
export function useCockpit<T>(selector: (state: CockpitState) => T): T {
  return useStore(useStoreApi(), selector);
}

export function useActions(): CockpitActions {
  return useCockpit((state) => state.actions);
}
