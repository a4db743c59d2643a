// The renderer's one store: what the core told us (info, plan snapshot), the connection, and UI state
// (filters, selected stack, theme, dialogs, error banners). Every core event batch is applied with one `set`.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  ApiError,
  CockpitApi,
  CoreInfo,
  EventBatch,
  LifecycleState,
  PlanSnapshot,
} from '../../../main/api/contract';
import { isConnectionAware, type ConnectionState } from '../transport/connection';
import { applyEvents } from './apply-events';
import { NO_FILTERS, type Filters } from './filters';
import { applyTheme, onSystemThemeChange, storedTheme, storeTheme, systemTheme, type Theme } from './theme';

export interface ErrorBanner {
  readonly id: number;
  readonly message: string;
}

export interface CockpitState {
  readonly transport: CockpitApi['transport'];
  readonly connection: ConnectionState;
  readonly info: CoreInfo | null;
  /** null until the first plan.get answered. */
  readonly snapshot: PlanSnapshot | null;
  /** Sequence of the last applied event batch; null right after (re)connecting. */
  readonly lastSequence: number | null;
  readonly errors: readonly ErrorBanner[];
  readonly busy: { readonly reload: boolean; readonly open: boolean };
  readonly filters: Filters;
  readonly selectedStackId: string | null;
  readonly theme: Theme;
  readonly openDialogVisible: boolean;
  readonly actions: CockpitActions;
}

export interface CockpitActions {
  /** Subscribes to the transport and loads the initial state; returns a function that stops it. */
  start(): () => void;
  applyBatch(batch: EventBatch): void;
  /** Re-reads the whole plan snapshot (after a gap in event sequences or a reconnect). */
  resync(): Promise<void>;
  refreshInfo(): Promise<void>;
  reload(): Promise<void>;
  /** Opens a plan file; resolves to the error when the core refused, null on success. */
  openPlan(file: string): Promise<ApiError | null>;
  setQuery(query: string): void;
  toggleState(state: LifecycleState): void;
  setProject(project: string | null): void;
  clearFilters(): void;
  selectStack(stackId: string | null): void;
  toggleTheme(): void;
  setOpenDialogVisible(visible: boolean): void;
  reportError(message: string): void;
  dismissError(id: number): void;
}

export type CockpitStore = StoreApi<CockpitState>;

const MAX_BANNERS = 4;
const MAX_RESYNC_ATTEMPTS = 3;

export function createCockpitStore(api: CockpitApi): CockpitStore {
  let nextErrorId = 1;
  let themeChosen = storedTheme() !== null;
  // Resync bookkeeping: a plan.get answer is only trusted if no event arrived while it was in flight
  // (the answer could be older than that event); otherwise it is asked again, a bounded number of times.
  let resyncing = false;
  let resyncAgain = false;
  let eventsSinceRequest = false;

  const initialTheme = storedTheme() ?? systemTheme();
  applyTheme(initialTheme);

  return createStore<CockpitState>()((set, get) => {
    /** State changes that come with a new snapshot: drop a selection or filters that no longer apply. */
    const withSnapshot = (state: CockpitState, snapshot: PlanSnapshot | null): Partial<CockpitState> => {
      const changes: { -readonly [K in keyof CockpitState]?: CockpitState[K] } = { snapshot };
      const previousFile = state.snapshot && state.snapshot.status !== 'none' ? state.snapshot.file : null;
      const file = snapshot && snapshot.status !== 'none' ? snapshot.file : null;
      if (previousFile !== null && file !== previousFile) changes.filters = NO_FILTERS;
      const selected = state.selectedStackId;
      if (selected !== null && !(snapshot?.status === 'loaded' && snapshot.plan.stacks.some((s) => s.id === selected))) {
        changes.selectedStackId = null;
      }
      return changes;
    };

    const pushError = (error: ApiError | string) => {
      const message = typeof error === 'string' ? error : error.message;
      set((state) => {
        const others = state.errors.filter((banner) => banner.message !== message);
        return { errors: [...others, { id: nextErrorId++, message }].slice(-MAX_BANNERS) };
      });
    };

    const setBusy = (key: keyof CockpitState['busy'], value: boolean) =>
      set((state) => ({ busy: { ...state.busy, [key]: value } }));

    const actions: CockpitActions = {
      start() {
        const stops: Array<() => void> = [];
        stops.push(api.onEvents((batch) => actions.applyBatch(batch)));
        if (isConnectionAware(api)) {
          stops.push(
            api.onConnectionChange((connection) => {
              if (connection === 'connected') {
                // Whatever happened while disconnected is unknown: start counting sequences afresh and re-read.
                set({ connection, lastSequence: null });
                void actions.resync();
                void actions.refreshInfo();
              } else {
                set({ connection });
              }
            }),
          );
        }
        stops.push(
          onSystemThemeChange((theme) => {
            if (themeChosen) return;
            applyTheme(theme);
            set({ theme });
          }),
        );
        void actions.refreshInfo();
        void actions.resync();
        return () => stops.forEach((stop) => stop());
      },

      applyBatch(batch) {
        const { lastSequence } = get();
        const missed = lastSequence !== null && batch.sequence !== lastSequence + 1;
        eventsSinceRequest = true;
        set((state) => ({ ...withSnapshot(state, applyEvents(state.snapshot, batch.events)), lastSequence: batch.sequence }));
        if (missed) void actions.resync();
      },

      async resync() {
        if (resyncing) {
          resyncAgain = true;
          return;
        }
        resyncing = true;
        try {
          for (let attempt = 1; ; attempt += 1) {
            resyncAgain = false;
            eventsSinceRequest = false;
            const result = await api.commands['plan.get']({});
            if (!result.ok) {
              pushError(result.error);
              return;
            }
            if ((eventsSinceRequest || resyncAgain) && attempt < MAX_RESYNC_ATTEMPTS) continue;
            set((state) => withSnapshot(state, result.value));
            return;
          }
        } finally {
          resyncing = false;
        }
      },

      async refreshInfo() {
        const result = await api.commands['core.info']({});
        if (result.ok) set({ info: result.value });
        else pushError(result.error);
      },

      async reload() {
        setBusy('reload', true);
        const result = await api.commands['plan.reload']({});
        setBusy('reload', false);
        if (result.ok) set((state) => withSnapshot(state, result.value));
        else pushError(result.error);
      },

      async openPlan(file) {
        setBusy('open', true);
        const result = await api.commands['plan.open']({ file });
        setBusy('open', false);
        if (!result.ok) return result.error;
        set((state) => ({ ...withSnapshot(state, result.value), openDialogVisible: false }));
        void actions.refreshInfo();
        return null;
      },

      setQuery(query) {
        set((state) => ({ filters: { ...state.filters, query } }));
      },

      toggleState(lifecycleState) {
        set((state) => {
          const states = state.filters.states.includes(lifecycleState)
            ? state.filters.states.filter((s) => s !== lifecycleState)
            : [...state.filters.states, lifecycleState];
          return { filters: { ...state.filters, states } };
        });
      },

      setProject(project) {
        set((state) => ({ filters: { ...state.filters, project } }));
      },

      clearFilters() {
        set({ filters: NO_FILTERS });
      },

      selectStack(selectedStackId) {
        set({ selectedStackId });
      },

      toggleTheme() {
        const theme: Theme = get().theme === 'dark' ? 'light' : 'dark';
        themeChosen = true;
        storeTheme(theme);
        applyTheme(theme);
        set({ theme });
      },

      setOpenDialogVisible(openDialogVisible) {
        set({ openDialogVisible });
      },

      reportError(message) {
        pushError(message);
      },

      dismissError(id) {
        set((state) => ({ errors: state.errors.filter((banner) => banner.id !== id) }));
      },
    };

    return {
      transport: api.transport,
      connection: isConnectionAware(api) ? api.connection : 'connected',
      info: null,
      snapshot: null,
      lastSequence: null,
      errors: [],
      busy: { reload: false, open: false },
      filters: NO_FILTERS,
      selectedStackId: null,
      theme: initialTheme,
      openDialogVisible: false,
      actions,
    };
  });
}
