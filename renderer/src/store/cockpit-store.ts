// The renderer's one store: what the core told us (info, toolchain, plan snapshot, operations and their logs,
// the journal, DMS replication), the connection, and UI state (view, filters, selected stack, theme, dialogs,
// error banners). Every core event batch is applied with one `set`; operations, logs, the journal and DMS
// series are bounded (see operations.ts, journal.ts and dms.ts).
import { transportFailure } from '../../../common/command-error';
import { MAX_FOCUSED_TASKS, MAX_FOLLOWED_LOGS } from '../../../common/limits';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  ApiError,
  CockpitApi,
  CommandRequest,
  CoreInfo,
  CommandResult,
  DmsControlAction,
  EnvironmentView,
  EventBatch,
  JournalEntryView,
  LifecycleState,
  PlanSnapshot,
  ToolchainInfo,
} from '../../../main/api/contract';
import { formatUtcSeconds } from '../lib/format';
import { kindLabel } from '../lib/operations';
import { isConnectionAware, type ConnectionState } from '../transport/connection';
import { applyEvents } from './apply-events';
import { applyCutoverEvents, isCutoverEvent, mergeRun, NO_CUTOVER, replaceCutover, type CutoverState } from './cutover';
import { applyDmsEvents, isDmsEvent, mergeAlert, mergeLogs, mergeResources, mergeTables, mergeTask, NO_DMS, pruneLogs, pruneTables, replaceDms, type DmsState } from './dms';
import { NO_FILTERS, type Filters } from './filters';
import { applyJournalEvents, NO_JOURNAL, replaceJournal, type JournalState } from './journal';
import { applyKeptLog, applyOperationEvents, mergeOperations, NO_OPERATIONS, replaceOperations, type OperationsState } from './operations';
import { applyReadinessEvents, isReadinessEvent, NO_READINESS, replaceReadiness, type ReadinessState } from './readiness';
import { applyRecoveryEvents, finishedRecoveries, NO_RECOVERY, replaceRecovery, type RecoveryState } from './recovery';
import { applyTheme, onSystemThemeChange, storedTheme, storeTheme, systemTheme, type Theme } from './theme';
import { applyWaveEvents, mergeWaveOperations, NO_WAVE_OPERATIONS, replaceWaveOperations, type WaveOperationsState } from './waves';

export interface ErrorBanner {
  readonly id: number;
  readonly message: string;
}

export type StackOperationKind = CommandRequest<'stack.operate'>['kind'];
export type WaveCommandKind = 'deploy' | 'rollback';
export type MainView = 'plan' | 'waves' | 'readiness' | 'replication' | 'journal';
export type SeriesRange = CommandRequest<'dms.series'>['range'];
/** The runbook commands of a wave's cutover. */
export type CutoverCommandKind = 'start' | 'pause' | 'resume' | 'retry' | 'abort' | 'confirmStep' | 'rollback' | 'finalize';
/** What a data-destroying task control carries: the typed task identifier, and after a cutover the reason. */
export interface TaskControlConfirmation {
  readonly confirm?: string;
  readonly reason?: string;
  readonly by?: string;
}

export interface CutoverCommandOptions {
  readonly by?: string;
  /** start: the override's typed reason, when the wave is not ready. */
  readonly overrideReason?: string;
  /** rollback, finalize: the typed reason (required by the core). */
  readonly reason?: string;
  /** confirmStep: the step and an optional note. */
  readonly stepId?: string;
  readonly note?: string;
}
export type EvidenceFormat = CommandRequest<'evidence.export'>['format'];

export type EndpointRole = CommandRequest<'dms.testConnection'>['endpoint'];

export interface CockpitState {
  readonly transport: CockpitApi['transport'];
  readonly connection: ConnectionState;
  readonly info: CoreInfo | null;
  /** null until the first plan.get answered. */
  readonly snapshot: PlanSnapshot | null;
  /** null until toolchain.info answered. */
  readonly toolchain: ToolchainInfo | null;
  /** Where the cockpit acts and as whom (the environment banner); null until environment.get answered. */
  readonly environment: EnvironmentView | null;
  readonly operations: OperationsState;
  /** Per operation whose kept log was read: whether the core had kept one. */
  readonly keptLogs: Readonly<Record<string, boolean>>;
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
  /** DMS replication: monitor, tasks, wave gates, alerts, series, table statistics. */
  readonly dms: DmsState;
  /** task key -> the control action the operator asked for and the core has not answered yet. */
  readonly pendingControls: Readonly<Record<string, DmsControlAction>>;
  /** `<task key>:<source|target>` of connection tests asked for and not answered yet. */
  readonly pendingConnectionTests: Readonly<Record<string, true>>;
  /** The wave the replication view shows, and the task opened in it. */
  readonly replicationWaveId: string | null;
  readonly replicationTaskKey: string | null;
  readonly alertsOpen: boolean;
  /** Cutover readiness per wave (the gate matrix), and the wave the readiness view shows. */
  readonly readiness: ReadinessState;
  readonly readinessWaveId: string | null;
  /** Each wave's latest cutover run (runbook steps, clock, rollback). */
  readonly cutover: CutoverState;
  /** wave id -> the runbook command the operator asked for and the core has not answered yet. */
  readonly pendingCutover: Readonly<Record<string, CutoverCommandKind>>;
  /** The journal view's stack filter (a stack id), null for every entry. */
  readonly journalStackFilter: string | null;
  /** Sequence of the last applied event batch; null right after (re)connecting. */
  readonly lastSequence: number | null;
  readonly errors: readonly ErrorBanner[];
  readonly busy: { readonly reload: boolean; readonly open: boolean; readonly environment: boolean };
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
  /** Re-reads the environment view; `check` has the core check the AWS caller identity again first. */
  refreshEnvironment(check?: boolean): Promise<void>;
  /** Starts an operation on a stack; resolves to the error when the core refused, null when it started. */
  operateStack(stackId: string, kind: StackOperationKind): Promise<ApiError | null>;
  /**
   * Reads the log the core kept of an operation this window did not see print (opened late, reconnected); the
   * answer is remembered in `keptLogs` (false: the core kept none).
   */
  loadKeptLog(operationId: string): Promise<void>;
  /** Asks the stack's running operation to stop. */
  cancelOperation(stackId: string): Promise<void>;
  /** Starts a wave deploy or rollback; resolves to the error when the core refused, null when it started. */
  operateWave(waveId: string, kind: WaveCommandKind): Promise<ApiError | null>;
  /** Asks the wave's running operation to stop starting stacks and cancel the running ones. */
  cancelWave(waveId: string): Promise<void>;
  /** Re-reads the stacks that need recovery. */
  scanRecovery(): Promise<void>;
  setView(view: MainView): void;
  /** Re-reads the DMS monitor's view (dms.snapshot). */
  resyncDms(): Promise<void>;
  /** A task's series for a chart, downsampled by the core to at most maxPoints per metric. */
  fetchSeries(taskKey: string, range: SeriesRange, maxPoints: number): Promise<CommandResult<'dms.series'>>;
  /**
   * Asks the core to poll these tasks' table statistics while they are in view; returns the function that
   * releases them. Views hold their focus independently; the core is told the union (dms.focus).
   */
  holdFocus(taskKeys: readonly string[]): () => void;
  /** A task's ARN, instance and endpoints (`refresh`: the core describes them again); resolves to the refusal or null. */
  fetchResources(taskKey: string, refresh?: boolean): Promise<ApiError | null>;
  /** Starts a connection test of the task's source or target endpoint; its outcome arrives as an event. */
  testConnection(taskKey: string, endpoint: EndpointRole): Promise<ApiError | null>;
  /** Asks the core to tail this task's log while the calling view shows it; returns the function that releases it. */
  holdLog(taskKey: string): () => void;
  /** Starts, stops, resumes or reloads a task; resolves to the core's refusal, null when it accepted. */
  controlTask(taskKey: string, action: DmsControlAction, tables?: { schema: string; table: string }[], confirmation?: TaskControlConfirmation): Promise<ApiError | null>;
  acknowledgeAlert(alertId: string): Promise<void>;
  /** Shows the replication view of a wave, optionally with one of its tasks opened. */
  openReplication(waveId: string | null, taskKey?: string | null): void;
  selectReplicationTask(taskKey: string | null): void;
  /** Shows the readiness view (the gate matrix) of a wave. */
  openReadiness(waveId: string | null): void;
  /** Re-reads every wave's readiness (cutover.readiness). */
  resyncReadiness(): Promise<void>;
  /** Re-reads every wave's cutover run (cutover.state). */
  resyncCutover(): Promise<void>;
  /** Sends a runbook command; resolves to the core's refusal, null when it accepted (the answer is merged). */
  cutoverCommand(waveId: string, kind: CutoverCommandKind, options?: CutoverCommandOptions): Promise<ApiError | null>;
  /** The wave's evidence pack (evidence.export). */
  exportEvidence(waveId: string, format: EvidenceFormat): Promise<CommandResult<'evidence.export'>>;
  setAlertsOpen(open: boolean): void;
  setJournalStackFilter(stackId: string | null): void;
  reload(): Promise<void>;
  /** Opens a plan file; resolves to the error when the core refused, null on success. */
  openPlan(file: string): Promise<ApiError | null>;
  /** Opens the plan the operator picks in the host's file dialog (planOpening 'dialog'); null also when cancelled. */
  choosePlan(): Promise<ApiError | null>;
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
  // environment.updated events applied so far: an environment.get answered after one may be older than it.
  let environmentEvents = 0;
  // Operations and journal entries that events delivered while an operations.list / journal.list was in flight
  // (one collector per request): they may be newer than the answer.
  const operationCollectors = new Set<Set<string>>();
  const journalCollectors = new Set<JournalEntryView[]>();
  // Waves that wave.updated events touched while a waves.list was in flight, and stacks whose recover
  // succeeded while a recovery.scan was in flight (one collector per request).
  const waveCollectors = new Set<Set<string>>();
  const recoveryCollectors = new Set<Set<string>>();
  // DMS events that arrived while a dms.snapshot was in flight (replayed on top of its answer).
  const dmsCollectors = new Set<EventBatch['events'][number][]>();
  // Readiness (and plan) events that arrived while a cutover.readiness was in flight.
  const readinessCollectors = new Set<EventBatch['events'][number][]>();
  // Cutover (and plan) events that arrived while a cutover.state was in flight.
  const cutoverCollectors = new Set<EventBatch['events'][number][]>();
  // Focus holders (views showing table statistics) and the union last sent with dms.focus.
  let nextHolder = 1;
  const focusHolders = new Map<number, readonly string[]>();
  let focusSent: readonly string[] = [];
  let focusScheduled = false;
  let focusForce = false;
  const focusedSet = (): ReadonlySet<string> => new Set(focusUnion());
  // Log holders (open task log panels, one task each) and the union last sent with dms.logs.follow.
  const logHolders = new Map<number, string>();
  let logSent: readonly string[] = [];
  let logScheduled = false;
  let logForce = false;
  /** The followed logs: the newest panels opened, at most the contract's limit, in a stable order. */
  // The newest panels opened win (MAX_FOLLOWED_LOGS, the contract's limit).
  const followedUnion = (): string[] => [...new Set([...logHolders.values()].reverse())].slice(0, MAX_FOLLOWED_LOGS).sort();
  const followedSet = (): ReadonlySet<string> => new Set(followedUnion());
  const focusUnion = (): string[] => {
    const union = new Set<string>();
    for (const keys of focusHolders.values()) for (const key of keys) union.add(key);
    return [...union].sort().slice(0, MAX_FOCUSED_TASKS);
  };

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
                void actions.refreshEnvironment();
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
        void actions.resync();
        return () => stops.forEach((stop) => stop());
      },

      applyBatch(batch) {
        const { lastSequence } = get();
        const missed = lastSequence !== null && batch.sequence !== lastSequence + 1;
        eventsSinceRequest = true;
        if (batch.events.some((event) => event.type === 'environment.updated')) environmentEvents += 1;
        if (operationCollectors.size + journalCollectors.size + waveCollectors.size + recoveryCollectors.size + dmsCollectors.size + readinessCollectors.size + cutoverCollectors.size > 0) collect(batch);
        const focused = focusedSet();
        const followed = followedSet();
        set((state) => {
          const operations = applyOperationEvents(state.operations, batch.events);
          return {
            dms: applyDmsEvents(state.dms, batch.events, focused, followed),
            ...withSnapshot(state, applyEvents(state.snapshot, batch.events)),
            operations,
            cancelRequested: stillRunning(state.cancelRequested, operations),
            journal: applyJournalEvents(state.journal, batch.events),
            waveOperations: applyWaveEvents(state.waveOperations, batch.events),
            recovery: applyRecoveryEvents(state.recovery, batch.events),
            readiness: applyReadinessEvents(state.readiness, batch.events),
            cutover: applyCutoverEvents(state.cutover, batch.events),
            environment: latestEnvironment(state.environment, batch.events),
            lastSequence: batch.sequence,
          };
        });
        for (const event of batch.events) {
          if (event.type === 'core.fault') {
            const what = event.fault.message.replace(/[.\s]+$/, '');
            pushError(`Internal error contained at ${formatUtcSeconds(event.fault.at)}: ${what}. The cockpit keeps running; the core's log (its terminal, or the desktop app's output) has the details.`);
          }
        }
        if (missed) void actions.resync();
        // A recover ended: what is left to recover is for the scan to say.
        else if (finishedRecoveries(batch.events).length > 0) void actions.scanRecovery();
      },

      async resync() {
        sendFocus(true);
        sendLogFollow(true);
        await Promise.all([actions.refreshEnvironment(), resyncPlan(), resyncOperations(), resyncJournal(), resyncWaves(), actions.scanRecovery(), actions.resyncDms(), actions.resyncReadiness(), actions.resyncCutover()]);
      },

      async resyncDms() {
        const arrived: EventBatch['events'][number][] = [];
        dmsCollectors.add(arrived);
        try {
          const result = await api.commands['dms.snapshot']({});
          // No banner: the replication view and the monitor line say it where it matters.
          if (result.ok) set((state) => ({ dms: replaceDms(state.dms, result.value, arrived, focusedSet()) }));
          else set((state) => ({ dms: { ...state.dms, error: result.error.message } }));
        } finally {
          dmsCollectors.delete(arrived);
        }
      },

      async resyncReadiness() {
        const arrived: EventBatch['events'][number][] = [];
        readinessCollectors.add(arrived);
        try {
          const result = await api.commands['cutover.readiness']({});
          // No banner: the readiness view says it where it matters.
          if (result.ok) set((state) => ({ readiness: replaceReadiness(state.readiness, result.value, arrived) }));
          else set((state) => ({ readiness: { ...state.readiness, error: result.error.message } }));
        } finally {
          readinessCollectors.delete(arrived);
        }
      },

      async resyncCutover() {
        const arrived: EventBatch['events'][number][] = [];
        cutoverCollectors.add(arrived);
        try {
          const result = await api.commands['cutover.state']({});
          // No banner: the runbook panel says it where it matters.
          if (result.ok) set((state) => ({ cutover: replaceCutover(state.cutover, result.value, arrived) }));
          else set((state) => ({ cutover: { ...state.cutover, error: result.error.message } }));
        } finally {
          cutoverCollectors.delete(arrived);
        }
      },

      async cutoverCommand(waveId, kind, options = {}) {
        if (get().pendingCutover[waveId]) return null;
        set((state) => ({ pendingCutover: { ...state.pendingCutover, [waveId]: kind } }));
        const by = options.by?.trim() ? { by: options.by.trim() } : {};
        const request = { waveId, ...by };
        let result: CommandResult<'cutover.start'>;
        try {
          switch (kind) {
            case 'start':
              result = await api.commands['cutover.start']({ ...request, ...(options.overrideReason !== undefined ? { override: { reason: options.overrideReason } } : {}) });
              break;
            case 'confirmStep':
              result = await api.commands['cutover.confirmStep']({ ...request, stepId: options.stepId ?? '', ...(options.note?.trim() ? { note: options.note.trim() } : {}) });
              break;
            case 'pause':
              result = await api.commands['cutover.pause'](request);
              break;
            case 'resume':
              result = await api.commands['cutover.resume'](request);
              break;
            case 'retry':
              result = await api.commands['cutover.retry'](request);
              break;
            case 'abort':
              result = await api.commands['cutover.abort'](request);
              break;
            case 'rollback':
              result = await api.commands['cutover.rollback']({ ...request, reason: options.reason ?? '' });
              break;
            case 'finalize':
              result = await api.commands['cutover.finalize']({ ...request, reason: options.reason ?? '' });
              break;
          }
        } catch (error) {
          result = transportFailure(error);
        }
        set((state) => ({
          pendingCutover: without(state.pendingCutover, waveId),
          ...(result.ok ? { cutover: mergeRun(state.cutover, result.value) } : {}),
        }));
        return result.ok ? null : result.error;
      },

      exportEvidence(waveId, format) {
        return api.commands['evidence.export']({ waveId, format });
      },

      openReadiness(waveId) {
        set((state) => ({ view: 'readiness', readinessWaveId: waveId ?? state.readinessWaveId }));
      },

      fetchSeries(taskKey, range, maxPoints) {
        const points = Math.max(10, Math.min(4000, Math.round(maxPoints)));
        return api.commands['dms.series']({ taskKey, range, maxPoints: points });
      },

      holdFocus(taskKeys) {
        const id = nextHolder++;
        focusHolders.set(id, [...taskKeys]);
        sendFocus(false);
        return () => {
          if (!focusHolders.delete(id)) return;
          sendFocus(false);
          set((state) => ({ dms: pruneTables(state.dms, focusedSet()) }));
        };
      },

      async controlTask(taskKey, action, tables, confirmation = {}) {
        if (get().pendingControls[taskKey]) return null;
        set((state) => ({ pendingControls: { ...state.pendingControls, [taskKey]: action } }));
        const { confirm, reason, by } = confirmation;
        const result = await api.commands['dms.control']({
          taskKey,
          action,
          ...(tables ? { tables } : {}),
          ...(confirm !== undefined ? { confirm } : {}),
          ...(reason !== undefined ? { override: { reason } } : {}),
          ...(by ? { by } : {}),
        });
        set((state) => ({
          pendingControls: without(state.pendingControls, taskKey),
          ...(result.ok ? { dms: mergeTask(state.dms, result.value) } : {}),
        }));
        return result.ok ? null : result.error;
      },

      async fetchResources(taskKey, refresh = false) {
        const result = await api.commands['dms.resources']({ taskKey, refresh });
        if (result.ok) set((state) => ({ dms: mergeResources(state.dms, result.value) }));
        return result.ok ? null : result.error;
      },

      async testConnection(taskKey, endpoint) {
        const pendingKey = `${taskKey}:${endpoint}`;
        if (get().pendingConnectionTests[pendingKey]) return null;
        set((state) => ({ pendingConnectionTests: { ...state.pendingConnectionTests, [pendingKey]: true } }));
        const result = await api.commands['dms.testConnection']({ taskKey, endpoint });
        set((state) => ({
          pendingConnectionTests: without(state.pendingConnectionTests, pendingKey),
          ...(result.ok ? { dms: mergeResources(state.dms, result.value) } : {}),
        }));
        return result.ok ? null : result.error;
      },

      holdLog(taskKey) {
        const id = nextHolder++;
        logHolders.set(id, taskKey);
        sendLogFollow(false);
        return () => {
          if (!logHolders.delete(id)) return;
          sendLogFollow(false);
          set((state) => ({ dms: pruneLogs(state.dms, followedSet()) }));
        };
      },

      async acknowledgeAlert(alertId) {
        const result = await api.commands['dms.alerts.ack']({ alertId });
        if (result.ok) set((state) => ({ dms: mergeAlert(state.dms, result.value) }));
        else pushError(`The alert could not be acknowledged: ${result.error.message}`);
      },

      openReplication(waveId, taskKey = null) {
        set((state) => ({
          view: 'replication',
          replicationWaveId: waveId ?? state.replicationWaveId,
          replicationTaskKey: taskKey,
        }));
      },

      selectReplicationTask(replicationTaskKey) {
        set({ replicationTaskKey });
      },

      setAlertsOpen(alertsOpen) {
        set({ alertsOpen });
      },

      async refreshInfo() {
        const result = await api.commands['core.info']({});
        if (result.ok) set({ info: result.value });
        else pushError(result.error);
      },

      async refreshEnvironment(check = false) {
        const eventsBefore = environmentEvents;
        if (check) setBusy('environment', true);
        const result = await api.commands['environment.get']({ refresh: check });
        if (check) setBusy('environment', false);
        // No banner for a failed read: the environment banner says it is unknown where it matters. An event that
        // arrived meanwhile may be newer than a plain read's answer; a check's answer is the newest.
        if (result.ok && (check || environmentEvents === eventsBefore)) set({ environment: result.value });
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

      async loadKeptLog(operationId) {
        if (get().keptLogs[operationId] !== undefined) return;
        const result = await api.commands['operation.log']({ operationId });
        if (!result.ok) {
          pushError(`The log of operation ${operationId} could not be read: ${result.error.message}`);
          return;
        }
        set((state) => ({
          operations: applyKeptLog(state.operations, operationId, result.value.lines),
          keptLogs: { ...state.keptLogs, [operationId]: result.value.kept },
        }));
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

      async choosePlan() {
        setBusy('open', true);
        const result = await api.commands['plan.choose']({});
        setBusy('open', false);
        if (!result.ok) return result.error;
        // Cancelled in the dialog: nothing changes, the Open plan dialog stays.
        if (!result.value.chosen) return null;
        set((state) => ({ ...withSnapshot(state, result.value.snapshot), openDialogVisible: false }));
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
        if (isDmsEvent(event)) for (const events of dmsCollectors) events.push(event);
        if (isReadinessEvent(event) || event.type === 'plan.changed') for (const events of readinessCollectors) events.push(event);
        if (isCutoverEvent(event) || event.type === 'plan.changed') for (const events of cutoverCollectors) events.push(event);
      }
      for (const stackId of recoveredIn(batch.events)) for (const stacks of recoveryCollectors) stacks.add(stackId);
    };

    /**
     * Tells the core the union of the focused tasks, once per burst of changes (a view that switches tasks
     * releases and holds in one render). `force` re-sends it even when unchanged (after a reconnect the core
     * may have restarted and forgotten it).
     */
    const sendFocus = (force: boolean) => {
      focusForce ||= force;
      if (focusScheduled) return;
      focusScheduled = true;
      queueMicrotask(() => {
        focusScheduled = false;
        const keys = focusUnion();
        const unchanged = keys.length === focusSent.length && keys.every((key, index) => key === focusSent[index]);
        if (unchanged && !focusForce) return;
        focusForce = false;
        // Nothing was ever focused: no need to tell the core there is still nothing.
        if (keys.length === 0 && focusSent.length === 0 && unchanged) return;
        focusSent = keys;
        void api.commands['dms.focus']({ taskKeys: keys }).then((result) => {
          if (result.ok) set((state) => ({ dms: mergeTables(state.dms, result.value, focusedSet()) }));
        });
      });
    };

    /** Tells the core which task logs to tail (the union of the open log panels), once per burst of changes. */
    const sendLogFollow = (force: boolean) => {
      logForce ||= force;
      if (logScheduled) return;
      logScheduled = true;
      queueMicrotask(() => {
        logScheduled = false;
        const keys = followedUnion();
        const unchanged = keys.length === logSent.length && keys.every((key, index) => key === logSent[index]);
        if (unchanged && !logForce) return;
        logForce = false;
        if (keys.length === 0 && logSent.length === 0 && unchanged) return;
        logSent = keys;
        void api.commands['dms.logs.follow']({ taskKeys: keys }).then((result) => {
          if (result.ok) set((state) => ({ dms: mergeLogs(state.dms, result.value, followedSet()) }));
        });
      });
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
          if ((eventsSinceRequest || resyncAgain) && attempt < MAX_RESYNC_ATTEMPTS) {
            // Nothing shown yet (the start, where the socket's first connect asks again): show this answer now, the
            // next one replaces it. A large plan then appears one plan.get earlier.
            if (get().snapshot === null) set((state) => withSnapshot(state, result.value));
            continue;
          }
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
      environment: null,
      operations: NO_OPERATIONS,
      keptLogs: {},
      journal: NO_JOURNAL,
      waveOperations: NO_WAVE_OPERATIONS,
      pendingWaves: {},
      recovery: NO_RECOVERY,
      pendingOperations: {},
      cancelRequested: {},
      view: 'plan',
      dms: NO_DMS,
      pendingControls: {},
      pendingConnectionTests: {},
      replicationWaveId: null,
      replicationTaskKey: null,
      alertsOpen: false,
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

/** The newest environment view a batch carries, else the one held. */
function latestEnvironment(held: EnvironmentView | null, events: EventBatch['events']): EnvironmentView | null {
  let latest = held;
  for (const event of events) if (event.type === 'environment.updated') latest = event.environment;
  return latest;
}

/** Stacks whose recover succeeded in this batch. */
function recoveredIn(events: EventBatch['events']): string[] {
  return events.flatMap((event) =>
    event.type === 'operation.updated' && event.operation.kind === 'recover' && event.operation.status === 'succeeded' ? [event.operation.stackId] : [],
  );
}
