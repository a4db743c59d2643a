// The store's shape: its state and its actions (types only), apart from the store that builds them so the action
// modules (actions/) and the store import them without a cycle.
import type {
  ApiError,
  CockpitApi,
  CommandRequest,
  CommandResult,
  CoreInfo,
  EnvironmentView,
  EventBatch,
  LifecycleState,
  PlanSnapshot,
  ToolchainInfo,
  TeamView,
} from '../../../main/api/contract';
import type { TrackUi } from '../seam/track-ui';
import type { ConnectionState } from '../transport/connection';
import type { CutoverState } from './cutover';
import type { Filters } from './filters';
import type { JournalState } from './journal';
import type { OperationsState } from './operations';
import type { ReadinessState } from './readiness';
import type { RecoveryState } from './recovery';
import type { Theme } from './theme';
import type { WaveOperationsState } from './waves';

export interface ErrorBanner {
  readonly id: number;
  readonly message: string;
}

export type StackOperationKind = CommandRequest<'stack.operate'>['kind'];
export type WaveCommandKind = 'deploy' | 'rollback';
/** The core's own views. */
export type CoreView = 'plan' | 'waves' | 'readiness' | 'journal';
/** What the main area shows: a core view, or a track's tab (TrackUi.tab.view: DMS's 'replication'). */
export type MainView = CoreView | string;
/** The runbook commands of a wave's cutover. */
export type CutoverCommandKind = 'start' | 'pause' | 'resume' | 'retry' | 'abort' | 'confirmStep' | 'rollback' | 'finalize';
export interface CutoverCommandOptions {
  readonly by?: string;
  /** start: the override's typed reason, when the wave is not ready. */
  readonly overrideReason?: string;
  /** rollback, finalize: the typed reason (required by the core). */
  readonly reason?: string;
  /** confirmStep: the step and an optional note. */
  readonly stepId?: string;
  readonly note?: string;
  /** confirmStep at a point of no return: the wave id as the operator typed it. */
  readonly typed?: string;
}
export type EvidenceFormat = CommandRequest<'evidence.export'>['format'];

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
  /** Team mode: the store connection and this operator's roles (the team banner); null until team.get answered. */
  readonly team: TeamView | null;
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
  /** The tracks this store keeps a slice of, in the list's order (main.tsx: renderer/src/tracks/index.ts). */
  readonly trackUis: readonly TrackUi[];
  /** track id -> its slice (TrackUi.initial, then its events and re-reads); seam/use-track.ts reads it typed. */
  readonly tracks: Readonly<Record<string, unknown>>;
  /** track id -> its actions (TrackConnection.actions). */
  readonly trackActions: Readonly<Record<string, unknown>>;
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
  /** Re-reads the team view (whether this cockpit works with a team, how its store stands). */
  refreshTeam(): Promise<void>;
  /** Team mode: ask for a wave's lock, hand it to whoever asked, or release it; the answer is the new team view. */
  teamLock(action: 'request' | 'handOver' | 'release', waveId: string): Promise<void>;
  /** Team mode: ask the approvers for a wave's cutover start; approve or refuse (with a reason) a request. */
  requestApproval(waveId: string): Promise<void>;
  /** Resolves to the core's refusal in words, or null when it took the decision. */
  decideApproval(requestId: string, decision: 'approve' | 'refuse', reason?: string): Promise<string | null>;
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
  /** Re-reads one track's slice (its TrackConnection.reread), as a resync does for every track. */
  resyncTrack(trackId: string): Promise<void>;
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
