// The renderer's one store: what the core told us (info, toolchain, plan snapshot, operations and their logs,
// the journal, readiness and cutover runs), each track's slice (track-slices.ts: DMS replication), the connection,
// and UI state (view, filters, selected stack, theme, dialogs, error banners). Every core event batch is applied with
// one `set`, the tracks' slices included; operations, logs and the journal are bounded (see operations.ts,
// journal.ts), and each track bounds its own. The actions live by domain in actions/, a track's in its connection,
// and every re-read folds the events that arrived while it was in flight (arrivals.ts).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiError, CockpitApi, EnvironmentView, EventBatch, TeamView } from '../../../main/api/contract';
import { formatUtcSeconds } from '../lib/format';
import type { TrackUi } from '../seam/track-ui';
import { isConnectionAware } from '../transport/connection';
import type { StoreContext } from './actions/context';
import { cutoverActions } from './actions/cutover-actions';
import { planActions, withSnapshot } from './actions/plan-actions';
import { sessionActions } from './actions/session-actions';
import { stackActions, stillRunning } from './actions/stack-actions';
import { applyEvents } from './apply-events';
import { ArrivalLog } from './arrivals';
import type { CockpitActions, CockpitState } from './cockpit-state';
import { applyCutoverEvents, NO_CUTOVER } from './cutover';
import { NO_FILTERS } from './filters';
import { applyJournalEvents, NO_JOURNAL } from './journal';
import { applyOperationEvents, NO_OPERATIONS } from './operations';
import { applyReadinessEvents, NO_READINESS } from './readiness';
import { applyRecoveryEvents, finishedRecoveries, NO_RECOVERY } from './recovery';
import { applyTheme, onSystemThemeChange, storedTheme, systemTheme } from './theme';
import { connectTracks } from './track-slices';
import { applyWaveEvents, NO_WAVE_OPERATIONS } from './waves';

export type {
  CockpitActions,
  CockpitState,
  CoreView,
  CutoverCommandKind,
  CutoverCommandOptions,
  ErrorBanner,
  EvidenceFormat,
  MainView,
  StackOperationKind,
  WaveCommandKind,
} from './cockpit-state';

export type CockpitStore = StoreApi<CockpitState>;

const MAX_BANNERS = 4;

/** `tracks`: the tracks whose slices the store keeps (main.tsx passes the list; the core's own tests run without). */
export function createCockpitStore(api: CockpitApi, tracks: readonly TrackUi[] = []): CockpitStore {
  let nextErrorId = 1;
  let themeChosen = storedTheme() !== null;
  const arrivals = new ArrivalLog();
  const initialTheme = storedTheme() ?? systemTheme();
  applyTheme(initialTheme);

  return createStore<CockpitState>()((set, get) => {
    const pushError = (error: ApiError | string) => {
      const message = typeof error === 'string' ? error : error.message;
      set((state) => {
        const others = state.errors.filter((banner) => banner.message !== message);
        return { errors: [...others, { id: nextErrorId++, message }].slice(-MAX_BANNERS) };
      });
    };
    const setBusy = (key: keyof CockpitState['busy'], value: boolean) => set((state) => ({ busy: { ...state.busy, [key]: value } }));
    const context: StoreContext = { api, get, set, pushError, setBusy, arrivals, actions: () => actions };

    const connected = connectTracks(tracks, context);
    const { resyncPlan, eventsArrived: planEventsArrived, ...plan } = planActions(context);
    const { resyncOperations, resyncWaves, ...stacks } = stackActions(context);
    const { resyncJournal, eventsArrived: sessionEventsArrived, ...session } = sessionActions(context, { chosen: () => (themeChosen = true) });

    const actions: CockpitActions = {
      ...plan,
      ...stacks,
      ...session,
      ...cutoverActions(context),

      resyncTrack: (trackId) => connected.reread(trackId),

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
                void actions.refreshEnvironment();
                void actions.refreshTeam();
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
        void actions.refreshEnvironment();
        void actions.refreshTeam();
        void actions.resync();
        return () => stops.forEach((stop) => stop());
      },

      applyBatch(batch) {
        const { lastSequence } = get();
        const missed = lastSequence !== null && batch.sequence !== lastSequence + 1;
        planEventsArrived();
        sessionEventsArrived(batch.events);
        arrivals.record(batch.events);
        set((state) => {
          const operations = applyOperationEvents(state.operations, batch.events);
          return {
            tracks: connected.apply(state.tracks, batch.events),
            ...withSnapshot(state, applyEvents(state.snapshot, batch.events)),
            operations,
            cancelRequested: stillRunning(state.cancelRequested, operations),
            journal: applyJournalEvents(state.journal, batch.events),
            waveOperations: applyWaveEvents(state.waveOperations, batch.events),
            recovery: applyRecoveryEvents(state.recovery, batch.events),
            readiness: applyReadinessEvents(state.readiness, batch.events),
            cutover: applyCutoverEvents(state.cutover, batch.events),
            environment: latestEnvironment(state.environment, batch.events),
            team: latestTeam(state.team, batch.events),
            lastSequence: batch.sequence,
          };
        });
        for (const event of batch.events) {
          if (event.type === 'core.fault') {
            const what = event.fault.message.replace(/[.\s]+$/, '');
            pushError(
              `Internal error contained at ${formatUtcSeconds(event.fault.at)}: ${what}. The cockpit keeps running; the core's log (its terminal, or the desktop app's output) has the details.`,
            );
          }
        }
        if (missed) void actions.resync();
        // A recover ended: what is left to recover is for the scan to say.
        else if (finishedRecoveries(batch.events).length > 0) void actions.scanRecovery();
      },

      async resync() {
        await Promise.all([
          actions.refreshEnvironment(),
          actions.refreshTeam(),
          resyncPlan(),
          resyncOperations(),
          resyncJournal(),
          resyncWaves(),
          actions.scanRecovery(),
          ...connected.rereadAll(),
          actions.resyncReadiness(),
          actions.resyncCutover(),
        ]);
      },
    };

    return {
      transport: api.transport,
      connection: isConnectionAware(api) ? api.connection : 'connected',
      info: null,
      snapshot: null,
      toolchain: null,
      environment: null,
      team: null,
      operations: NO_OPERATIONS,
      keptLogs: {},
      journal: NO_JOURNAL,
      waveOperations: NO_WAVE_OPERATIONS,
      pendingWaves: {},
      recovery: NO_RECOVERY,
      pendingOperations: {},
      cancelRequested: {},
      view: 'plan',
      trackUis: tracks,
      tracks: connected.initial,
      trackActions: connected.actions,
      readiness: NO_READINESS,
      readinessWaveId: null,
      cutover: NO_CUTOVER,
      pendingCutover: {},
      journalStackFilter: null,
      lastSequence: null,
      errors: [],
      busy: { reload: false, open: false, environment: false },
      filters: NO_FILTERS,
      selectedStackId: null,
      theme: initialTheme,
      openDialogVisible: false,
      actions,
    };
  });
}

/** The newest team view a batch carries, else the one held. */
function latestTeam(held: TeamView | null, events: EventBatch['events']): TeamView | null {
  let latest = held;
  for (const event of events) if (event.type === 'team.updated') latest = event.team;
  return latest;
}

/** The newest environment view a batch carries, else the one held. */
function latestEnvironment(held: EnvironmentView | null, events: EventBatch['events']): EnvironmentView | null {
  let latest = held;
  for (const event of events) if (event.type === 'environment.updated') latest = event.environment;
  return latest;
}
