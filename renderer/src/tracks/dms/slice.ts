// The DMS track's slice of the renderer's store and its actions (types), and the hooks its views reach them with.
import type { ApiError, CommandRequest, CommandResult, DmsControlAction } from '../../../../main/api/contract';
import { trackRef } from '../../seam/track-ui';
import { useTrack, useTrackActions } from '../../seam/use-track';
import { NO_DMS, type DmsState } from './store/dms';

/** A chart's time range: the core's recent raw points (its recentWindowMs), or the last 24 h. Drawn from one history. */
export type SeriesRange = 'recent' | 'day';
export type EndpointRole = CommandRequest<'dms.testConnection'>['endpoint'];

/** What a data-destroying task control carries: the typed task identifier, and after a cutover the reason. */
export interface TaskControlConfirmation {
  readonly confirm?: string;
  readonly reason?: string;
  readonly by?: string;
}

export interface DmsSlice {
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
}

export const NO_DMS_SLICE: DmsSlice = {
  dms: NO_DMS,
  pendingControls: {},
  pendingConnectionTests: {},
  replicationWaveId: null,
  replicationTaskKey: null,
  alertsOpen: false,
};

export interface DmsActions {
  /** A task's series history newer than the cursor `after` (all of it without one), at the core's resolution. */
  fetchSeries(taskKey: string, after?: number): Promise<CommandResult<'dms.series'>>;
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
  controlTask(
    taskKey: string,
    action: DmsControlAction,
    tables?: { schema: string; table: string }[],
    confirmation?: TaskControlConfirmation,
  ): Promise<ApiError | null>;
  acknowledgeAlert(alertId: string): Promise<void>;
  /** Shows the replication view of a wave, optionally with one of its tasks opened. */
  openReplication(waveId: string | null, taskKey?: string | null): void;
  selectReplicationTask(taskKey: string | null): void;
  setAlertsOpen(open: boolean): void;
}

/** The DMS track's slice and actions in the store (its TrackUi is ui.ts). */
export const DMS = trackRef<DmsSlice, DmsActions>('dms');

/** Selects from the DMS slice; the selector must return a stable value (a field, not a new object). */
export function useDms<T>(select: (slice: DmsSlice) => T): T {
  return useTrack(DMS, select);
}

export function useDmsActions(): DmsActions {
  return useTrackActions(DMS);
}
