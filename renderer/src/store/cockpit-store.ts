// The renderer's one store: what the core told us (info, toolchain, plan snapshot, operations and their logs,
// the journal), the connection, and UI state (view, filters, selected stack, theme, dialogs, error banners).
// Every core event batch is applied with one `set`; operations, logs and the journal are bounded (see
// operations.ts and journal.ts).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  ApiError,
  CockpitApi,
  CommandRequest,
  CoreInfo,
  EventBatch,
  JournalEntryView,
  LifecycleState,
  PlanSnapshot,
  ToolchainInfo,
} from '../../../main/api/contract';
import { kindLabel } from '../lib/operations';
import { isConnectionAware, type ConnectionState } from '../transport/connection';
import { applyEvents } from './apply-events';
import { NO_FILTERS, type Filters } from './filters';
import { applyJournalEvents, NO_JOURNAL, replaceJournal, type JournalState } from './journal';
import { applyOperationEvents, mergeOperations, NO_OPERATIONS, replaceOperations, type OperationsState } from './operations';
import { applyRecoveryEvents, finishedRecoveries, NO_RECOVERY, replaceRecovery, type RecoveryState } from './recovery';
import { applyTheme, onSystemThemeChange, storedTheme, storeTheme, systemTheme, type Theme } from './theme';
import { applyWaveEvents, mergeWaveOperations, NO_WAVE_OPERATIONS, replaceWaveOperations, type WaveOperationsState } from './waves';

export interface ErrorBanner {
  readonly id: number;
  readonly message: string;
}

export type StackOperationKind = CommandRequest<'stack.operate'>['kind'];
export type WaveCommandKind = 'deploy' | 'rollback';
export type MainView = 'plan' | 'journal';

export interface CockpitState {
  readonly transport: CockpitApi['transport'];
  readonly connection: ConnectionState;
  readonly info: CoreInfo | null;
  /** null until the first plan.get answered. */
  readonly snapshot: PlanSnapshot | null;
  /** null until toolchain.info answered. */
  readonly toolchain: ToolchainInfo | null;
  readonly operations: OperationsState;
  readonly journal: JournalState;
  /** wave id -> the wave's newest deploy or rollback. */
  readonly waveOperations: WaveOperationsState;
  /** wave id -> the wave command the operator asked for and the core has not answered yet. */
  readonly pendingWaves: Readonly<Record<string, WaveCommandKind | 'cancel'>>;
  /** Stacks a crash left locked, half-done or interrupted (recovery.scan). */
  readonly recovery: RecoveryState;
  /** stack id -> the operation the operator asked for and the core has not answered yet. */
  readonly pendingOperations: Readonly<Record<string, StackOperationKind>>;
  /** stack id -> id of its running operation that the operator asked to cancel. */
  readonly cancelRequested: Readonly<Record<string, string>>;
  readonly view: MainView;
  /** The journal view's stack filter (a stack id), null for every entry. */
  readonly journalStackFilter: string | null;
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
  /** Re-reads the plan snapshot, the operations and the journal (after a gap in event sequences or a reconnect). */
  resync(): Promise<void>;
  refreshInfo(): Promise<void>;
  refreshToolchain(): Promise<void>;
  /** Starts an operation on a stack; resolves to the error when the core refused, null when it started. */
  operateStack(stackId: string, kind: StackOperationKind): Promise<ApiError | null>;
  /** Asks the stack's running operation to stop. */
  cancelOperation(stackId: string): Promise<void>;
  /** Starts a wave deploy or rollback; resolves to the error when the core refused, null when it started. */
  operateWave(waveId: string, kind: WaveCommandKind): Promise<ApiError | null>;
  /** Asks the wave's running operation to stop starting stacks and cancel the running ones. */
  cancelWave(waveId: string): Promise<void>;
  /** Re-reads the stacks that need recovery. */
  scanRecovery(): Promise<void>;
  setView(view: MainView): void;
  setJournalStackFilter(stackId: string | null): void;
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
/** How many journal entries to read on connect (the store keeps as many; see MAX_JOURNAL_ENTRIES). */
const JOURNAL_READ_LIMIT = 2_000;

export function createCockpitStore(api: CockpitApi): CockpitStore {
  let nextErrorId = 1;
  let themeChosen = storedTheme() !== null;
  // Resync bookkeeping: a plan.get answer is only trusted if no event arrived while it was in flight
  // (the answer could be older than that event); otherwise it is asked again, a bounded number of times.
  let resyncing = false;
  let resyncAgain = false;
  let eventsSinceRequest = false;
  // Operations and journal entries that events delivered while an operations.list / journal.list was in flight
  // (one collector per request): they may be newer than the answer.
  const operationCollectors = new Set<Set<string>>();
  const journalCollectors = new Set<JournalEntryView[]>();
  // Waves that wave.updated events touched while a waves.list was in flight, and stacks whose recover
  // succeeded while a recovery.scan was in flight (one collector per request).
  const waveCollectors = new Set<Set<string>>();
  const recoveryCollectors = new Set<Set<string>>();

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
                void actions.refreshToolchain();
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
        void actions.refreshToolchain();
        void actions.resync();
        return () => stops.forEach((stop) => stop());
      },

      applyBatch(batch) {
        const { lastSequence } = get();
        const missed = lastSequence !== null && batch.sequence !== lastSequence + 1;
        eventsSinceRequest = true;
        if (operationCollectors.size + journalCollectors.size + waveCollectors.size + recoveryCollectors.size > 0) collect(batch);
        set((state) => {
          const operations = applyOperationEvents(state.operations, batch.events);
          return {
            ...withSnapshot(state, applyEvents(state.snapshot, batch.events)),
            operations,
            cancelRequested: stillRunning(state.cancelRequested, operations),
            journal: applyJournalEvents(state.journal, batch.events),
            waveOperations: applyWaveEvents(state.waveOperations, batch.events),
            recovery: applyRecoveryEvents(state.recovery, batch.events),
            lastSequence: batch.sequence,
          };
        });
        if (missed) void actions.resync();
        // A recover ended: what is left to recover is for the scan to say.
        else if (finishedRecoveries(batch.events).length > 0) void actions.scanRecovery();
      },

      async resync() {
        await Promise.all([resyncPlan(), resyncOperations(), resyncJournal(), resyncWaves(), actions.scanRecovery()]);
      },

      async refreshInfo() {
        const result = await api.commands['core.info']({});
        if (result.ok) set({ info: result.value });
        else pushError(result.error);
      },

      async refreshToolchain() {
        const result = await api.commands['toolchain.info']({});
        if (result.ok) set({ toolchain: result.value });
        else pushError(result.error);
      },

      async operateStack(stackId, kind) {
        if (get().pendingOperations[stackId]) return null;
        set((state) => ({ pendingOperations: { ...state.pendingOperations, [stackId]: kind } }));
        const result = await api.commands['stack.operate']({ stackId, kind });
        set((state) => {
          const { [stackId]: _done, ...pendingOperations } = state.pendingOperations;
          return {
            pendingOperations,
            ...(result.ok ? { operations: mergeOperations(state.operations, [result.value]) } : {}),
          };
        });
        if (result.ok) return null;
        pushError(`${kindLabel(kind)} of ${stackId} did not start: ${result.error.message}`);
        return result.error;
      },

      async cancelOperation(stackId) {
        const running = latestRunning(stackId);
        if (!running) return;
        set((state) => ({ cancelRequested: { ...state.cancelRequested, [stackId]: running } }));
        const result = await api.commands['stack.cancel']({ stackId });
        if (!result.ok || !result.value.cancelled) {
          set((state) => {
            const { [stackId]: _gone, ...cancelRequested } = state.cancelRequested;
            return { cancelRequested };
          });
        }
        if (!result.ok) pushError(`Cancel of ${stackId} failed: ${result.error.message}`);
      },

      async operateWave(waveId, kind) {
        if (get().pendingWaves[waveId]) return null;
        set((state) => ({ pendingWaves: { ...state.pendingWaves, [waveId]: kind } }));
        const result = kind === 'deploy' ? await api.commands['wave.deploy']({ waveId }) : await api.commands['wave.rollback']({ waveId });
        set((state) => ({
          pendingWaves: without(state.pendingWaves, waveId),
          ...(result.ok ? { waveOperations: mergeWaveOperations(state.waveOperations, [result.value]) } : {}),
        }));
        return result.ok ? null : result.error;
      },

      async cancelWave(waveId) {
        if (get().pendingWaves[waveId]) return;
        set((state) => ({ pendingWaves: { ...state.pendingWaves, [waveId]: 'cancel' } }));
        const result = await api.commands['wave.cancel']({ waveId });
        set((state) => ({ pendingWaves: without(state.pendingWaves, waveId) }));
        if (!result.ok) pushError(`Cancel of wave ${waveId} failed: ${result.error.message}`);
      },

      async scanRecovery() {
        const recovered = new Set<string>();
        recoveryCollectors.add(recovered);
        try {
          const result = await api.commands['recovery.scan']({});
          if (result.ok) set({ recovery: replaceRecovery(result.value, recovered) });
          else pushError(`Recovery scan failed: ${result.error.message}`);
        } finally {
          recoveryCollectors.delete(recovered);
        }
      },

      setView(view) {
        set({ view });
      },

      setJournalStackFilter(journalStackFilter) {
        set({ journalStackFilter });
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

    /** The id of the stack's running operation, if its newest one runs. */
    const latestRunning = (stackId: string): string | undefined => {
      const { operations } = get();
      const id = operations.latestByStack[stackId];
      return id !== undefined && operations.byId[id]?.status === 'running' ? id : undefined;
    };

    const collect = (batch: EventBatch) => {
      for (const event of batch.events) {
        if (event.type === 'operation.updated') for (const ids of operationCollectors) ids.add(event.operation.operationId);
        else if (event.type === 'journal.appended') for (const entries of journalCollectors) entries.push(event.entry);
        else if (event.type === 'wave.updated') for (const waves of waveCollectors) waves.add(event.operation.waveId);
      }
      for (const stackId of recoveredIn(batch.events)) for (const stacks of recoveryCollectors) stacks.add(stackId);
    };

    const resyncWaves = async () => {
      const touched = new Set<string>();
      waveCollectors.add(touched);
      try {
        const result = await api.commands['waves.list']({});
        if (result.ok) set((state) => ({ waveOperations: replaceWaveOperations(state.waveOperations, result.value, touched) }));
        else pushError(result.error);
      } finally {
        waveCollectors.delete(touched);
      }
    };

    const resyncOperations = async () => {
      const touched = new Set<string>();
      operationCollectors.add(touched);
      try {
        const result = await api.commands['operations.list']({});
        if (!result.ok) {
          pushError(result.error);
          return;
        }
        set((state) => {
          const operations = replaceOperations(state.operations, result.value, touched);
          return { operations, cancelRequested: stillRunning(state.cancelRequested, operations) };
        });
      } finally {
        operationCollectors.delete(touched);
      }
    };

    const resyncJournal = async () => {
      const arrived: JournalEntryView[] = [];
      journalCollectors.add(arrived);
      try {
        const result = await api.commands['journal.list']({ limit: JOURNAL_READ_LIMIT });
        if (result.ok) set({ journal: replaceJournal(result.value, arrived) });
        else pushError(result.error);
      } finally {
        journalCollectors.delete(arrived);
      }
    };

    const resyncPlan = async () => {
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
    };

    return {
      transport: api.transport,
      connection: isConnectionAware(api) ? api.connection : 'connected',
      info: null,
      snapshot: null,
      toolchain: null,
      operations: NO_OPERATIONS,
      journal: NO_JOURNAL,
      waveOperations: NO_WAVE_OPERATIONS,
      pendingWaves: {},
      recovery: NO_RECOVERY,
      pendingOperations: {},
      cancelRequested: {},
      view: 'plan',
      journalStackFilter: null,
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

/** Cancel requests that still refer to a running operation (the others are done, one way or another). */
function stillRunning(requests: Readonly<Record<string, string>>, operations: OperationsState): Readonly<Record<string, string>> {
  const kept = Object.entries(requests).filter(([, id]) => operations.byId[id]?.status === 'running');
  return kept.length === Object.keys(requests).length ? requests : Object.fromEntries(kept);
}

function without<V>(record: Readonly<Record<string, V>>, key: string): Readonly<Record<string, V>> {
  if (!(key in record)) return record;
  const { [key]: _gone, ...rest } = record;
  return rest;
}

/** Stacks whose recover succeeded in this batch. */
function recoveredIn(events: EventBatch['events']): string[] {
  return events.flatMap((event) =>
    event.type === 'operation.updated' && event.operation.kind === 'recover' && event.operation.status === 'succeeded' ? [event.operation.stackId] : [],
  );
}
